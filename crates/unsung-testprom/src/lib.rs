//! A real Prometheus for the connector's tests and the benchmarks: a plan of probes with
//! planted outages and gaps (the ground truth), written as OpenMetrics, backfilled with
//! `promtool`, and served by a `prometheus` on a free loopback port that dies with the
//! [`Server`] value.
//!
//! Both programs come from Debian's `prometheus` package, which scripts/setup installs; without
//! them the tests fail and say so rather than pass without testing anything.
//!
//! `promtool tsdb create-blocks-from openmetrics` (2.42) reads its whole input once for every
//! two-hour block it writes, so its time grows with the square of the span. Long histories are
//! therefore written as many short files (a day each, say) and given to [`backfill`], which runs
//! promtool on each into one data directory; [`serve`] then starts a server on that directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One probed service: its `instance`, and the spans (Unix seconds, `[start, end)`) when it
/// was down or had no samples at all.
pub struct Probe {
    pub instance: String,
    pub down: Vec<(i64, i64)>,
    pub gaps: Vec<(i64, i64)>,
}

/// Probes sampled every `step` seconds over `[start, end)`: the sample at `t` says how the
/// service was over `[t - step, t)`, so samples sit at `start + step`, …, `end`.
pub struct Plan {
    pub metric: String,
    pub job: String,
    pub step: i64,
    pub start: i64,
    pub end: i64,
    pub probes: Vec<Probe>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Up,
    Down,
    Missing,
}

/// What really happened to one probe over the plan's span.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Truth {
    pub up_seconds: i64,
    pub down_seconds: i64,
    pub no_data_seconds: i64,
    /// Runs of down samples, `[start, end)`.
    pub outages: Vec<(i64, i64)>,
}

impl Truth {
    pub fn uptime_ratio(&self) -> f64 {
        self.up_seconds as f64 / (self.up_seconds + self.down_seconds) as f64
    }
}

impl Probe {
    pub fn slot(&self, start: i64) -> Slot {
        let inside = |spans: &[(i64, i64)]| spans.iter().any(|&(a, b)| a <= start && start < b);
        if inside(&self.gaps) {
            Slot::Missing
        } else if inside(&self.down) {
            Slot::Down
        } else {
            Slot::Up
        }
    }
}

impl Plan {
    fn slots(&self) -> impl Iterator<Item = i64> + '_ {
        (self.start..self.end).step_by(self.step as usize)
    }

    pub fn truth(&self, probe: &Probe) -> Truth {
        let mut truth = Truth::default();
        for start in self.slots() {
            match probe.slot(start) {
                Slot::Up => truth.up_seconds += self.step,
                Slot::Down => {
                    truth.down_seconds += self.step;
                    match truth.outages.last_mut() {
                        Some((_, end)) if *end == start => *end += self.step,
                        _ => truth.outages.push((start, start + self.step)),
                    }
                }
                Slot::Missing => truth.no_data_seconds += self.step,
            }
        }
        truth
    }

    /// The plan as OpenMetrics text, as `promtool tsdb create-blocks-from openmetrics` reads
    /// it: one family, each series' samples in time order, seconds, ending in `# EOF`.
    pub fn openmetrics(&self, decoys: &[(&str, i64)]) -> String {
        let mut out = format!(
            "# HELP {0} Whether the probe succeeded\n# TYPE {0} gauge\n",
            self.metric
        );
        for probe in &self.probes {
            for start in self.slots() {
                let value = match probe.slot(start) {
                    Slot::Up => 1,
                    Slot::Down => 0,
                    Slot::Missing => continue,
                };
                let _ = writeln!(
                    out,
                    "{}{{job=\"{}\",instance=\"{}\"}} {value} {}",
                    self.metric,
                    self.job,
                    probe.instance,
                    start + self.step
                );
            }
        }
        // Series of the same metric from another job: the query must leave them out.
        for (instance, hours) in decoys {
            for k in 1..=(hours * 3600 / self.step) {
                let _ = writeln!(
                    out,
                    "{}{{job=\"decoy\",instance=\"{instance}\"}} 0 {}",
                    self.metric,
                    self.end - hours * 3600 + k * self.step
                );
            }
        }
        out.push_str("# EOF\n");
        out
    }
}

/// A `prometheus` serving backfilled data on 127.0.0.1; killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    /// How long the backfill took ([`start`] only; zero for [`serve`]).
    pub backfill: Duration,
    /// Its configuration and log (and, for [`start`], its data), removed when dropped.
    _workdir: tempfile::TempDir,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Fails the test (never skips it) when a program of the `prometheus` package is missing.
pub fn require(program: &str) {
    match Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is not installed, so there is no real Prometheus to work against: \
             run scripts/setup (it installs Debian's prometheus package)"
        ),
        Err(e) => panic!("could not run `{program}`: {e}"),
    }
}

fn tail(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// Backfills `openmetrics` and starts Prometheus on it, waiting (60 s at most) until ready.
pub async fn start(openmetrics: &str) -> Server {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("data.om");
    let data = dir.path().join("data");
    std::fs::write(&input, openmetrics).expect("write the OpenMetrics file");
    let mut once = Some(input);
    let backfill = backfill(|| once.take(), &data, 1, Duration::from_secs(120)).await;
    let mut server = serve_in(dir, &data).await;
    server.backfill = backfill;
    server
}

/// Runs `promtool tsdb create-blocks-from openmetrics` on each OpenMetrics file
/// `next_input` hands out (until it gives `None`) into the one directory `data`, `parallel` at
/// a time, and removes each file once backfilled (long histories are large). Returns how long
/// it all took. Panics, with promtool's last words, if one fails or the whole takes longer
/// than `limit`.
pub async fn backfill(
    mut next_input: impl FnMut() -> Option<PathBuf>,
    data: &Path,
    parallel: usize,
    limit: Duration,
) -> Duration {
    require("promtool");
    std::fs::create_dir_all(data).expect("create the data directory");
    let logs = tempfile::tempdir().expect("a temporary directory");
    let began = Instant::now();
    let mut handed_out = 0usize;
    let mut exhausted = false;
    // (promtool, its input, its log)
    let mut running: Vec<(Child, PathBuf, PathBuf)> = Vec::new();
    let stop_all = |running: &mut Vec<(Child, PathBuf, PathBuf)>| {
        for (mut child, _, _) in running.drain(..) {
            let _ = child.kill();
            let _ = child.wait();
        }
    };
    loop {
        while !exhausted && running.len() < parallel.max(1) {
            let Some(input) = next_input() else {
                exhausted = true;
                break;
            };
            let log_path = logs.path().join(format!("promtool-{handed_out}.log"));
            handed_out += 1;
            let log = std::fs::File::create(&log_path).expect("a log file");
            let child = Command::new("promtool")
                .args(["tsdb", "create-blocks-from", "openmetrics", "--quiet"])
                .arg(&input)
                .arg(data)
                .stdout(log.try_clone().expect("a log file"))
                .stderr(log)
                .spawn()
                .expect("start promtool");
            running.push((child, input, log_path));
        }
        if running.is_empty() {
            return began.elapsed();
        }
        let mut k = 0;
        while k < running.len() {
            match running[k].0.try_wait().expect("promtool's status") {
                Some(status) => {
                    let (_, input, log_path) = running.swap_remove(k);
                    if !status.success() {
                        stop_all(&mut running);
                        panic!("promtool failed ({status}):\n{}", tail(&log_path));
                    }
                    let _ = std::fs::remove_file(input);
                }
                None => k += 1,
            }
        }
        if began.elapsed() > limit {
            let last = running.first().map(|r| tail(&r.2)).unwrap_or_default();
            stop_all(&mut running);
            panic!(
                "promtool took over {} s to backfill:\n{last}",
                limit.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Starts Prometheus on an existing data directory (from [`backfill`]), waiting (60 s at most)
/// until it is ready. The directory is not removed when the server stops.
pub async fn serve(data: &Path) -> Server {
    serve_in(tempfile::tempdir().expect("a temporary directory"), data).await
}

async fn serve_in(dir: tempfile::TempDir, data: &Path) -> Server {
    require("prometheus");
    // No scrape configs: the server only serves what was backfilled.
    let config = dir.path().join("prometheus.yml");
    std::fs::write(
        &config,
        "global:\n  scrape_interval: 1m\nscrape_configs: []\n",
    )
    .expect("write the config");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let server_log = dir.path().join("prometheus.log");
    let log = std::fs::File::create(&server_log).expect("a log file");
    let child = Command::new("prometheus")
        .arg(format!("--config.file={}", config.display()))
        .arg(format!("--storage.tsdb.path={}", data.display()))
        // Retention counts back from the newest block: the default 15 d would delete the
        // older part of a backfilled history at startup.
        .arg("--storage.tsdb.retention.time=3650d")
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .stdout(log.try_clone().expect("a log file"))
        .stderr(log)
        .spawn()
        .expect("start prometheus");
    let mut server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
        backfill: Duration::ZERO,
        _workdir: dir,
        log: server_log,
    };

    // reqwest is built without a TLS provider of its own (the workspace chose ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .expect("a client");
    let waiting = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().expect("prometheus's status") {
            panic!("prometheus exited ({status}):\n{}", tail(&server.log));
        }
        let ready = client.get(format!("{}/-/ready", server.url)).send().await;
        if ready.is_ok_and(|r| r.status().is_success()) {
            return server;
        }
        if waiting.elapsed() > Duration::from_secs(60) {
            panic!(
                "prometheus was not ready within 60 s:\n{}",
                tail(&server.log)
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

impl Server {
    /// The value of one of the server's own metrics (a sample without labels, from
    /// `/metrics`), e.g. `prometheus_tsdb_blocks_loaded`.
    pub async fn own_metric(&self, name: &str) -> Option<f64> {
        let text = reqwest::get(format!("{}/metrics", self.url))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        text.lines().find_map(|line| {
            let (key, value) = line.split_once(' ')?;
            (key == name).then(|| value.trim().parse().ok()).flatten()
        })
    }

    /// The last lines of the server's log, to explain a failure.
    pub fn log_tail(&self) -> String {
        tail(&self.log)
    }

    /// Whether the server is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

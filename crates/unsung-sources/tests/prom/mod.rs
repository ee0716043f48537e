//! A real Prometheus for the connector's tests: a plan of probes with planted outages and gaps
//! (the ground truth), written as OpenMetrics, backfilled with `promtool`, and served by a
//! `prometheus` on a free loopback port that dies with the [`Server`] value.
//!
//! Both programs come from Debian's `prometheus` package, which scripts/setup installs; without
//! them the tests fail and say so rather than pass without testing anything.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;
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
    pub backfill: Duration,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Fails the test (never skips it) when a program of the `prometheus` package is missing.
fn require(program: &str) {
    match Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
    {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{program}` is not installed, so the Prometheus connector cannot be tested against a \
             real server: run scripts/setup (it installs Debian's prometheus package)"
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
    require("promtool");
    require("prometheus");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = dir.path().join("data.om");
    let data = dir.path().join("data");
    std::fs::write(&input, openmetrics).expect("write the OpenMetrics file");

    let began = Instant::now();
    let promtool_log = dir.path().join("promtool.log");
    let log = std::fs::File::create(&promtool_log).expect("a log file");
    let mut promtool = Command::new("promtool")
        .args(["tsdb", "create-blocks-from", "openmetrics"])
        .arg(&input)
        .arg(&data)
        .stdout(log.try_clone().expect("a log file"))
        .stderr(log)
        .spawn()
        .expect("start promtool");
    let status = loop {
        if let Some(status) = promtool.try_wait().expect("promtool's status") {
            break status;
        }
        if began.elapsed() > Duration::from_secs(120) {
            let _ = promtool.kill();
            let _ = promtool.wait();
            panic!(
                "promtool took over 120 s to backfill:\n{}",
                tail(&promtool_log)
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        status.success(),
        "promtool failed ({status}):\n{}",
        tail(&promtool_log)
    );
    let backfill = began.elapsed();

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
        // older half of a month of backfilled data at startup.
        .arg("--storage.tsdb.retention.time=3650d")
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .stdout(log.try_clone().expect("a log file"))
        .stderr(log)
        .spawn()
        .expect("start prometheus");
    let mut server = Server {
        child,
        url: format!("http://127.0.0.1:{port}"),
        backfill,
        dir,
    };

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .expect("a client");
    let waiting = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().expect("prometheus's status") {
            panic!("prometheus exited ({status}):\n{}", tail(&server_log));
        }
        let ready = client.get(format!("{}/-/ready", server.url)).send().await;
        if ready.is_ok_and(|r| r.status().is_success()) {
            return server;
        }
        if waiting.elapsed() > Duration::from_secs(60) {
            panic!(
                "prometheus was not ready within 60 s:\n{}",
                tail(&server_log)
            );
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

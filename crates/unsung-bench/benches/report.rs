//! The whole-app figures and the table `scripts/bench` prints: start-up to the story on screen
//! and idle memory of the release app and of the baseline (an empty Tauri window), run in
//! turn under the X server the caller gives (`xvfb-run`); stripped binary and .deb sizes; and
//! what criterion measured (benches/core.rs, benches/store.rs) and the sources' tests counted.
//! Every figure is printed beside the one it is compared with, measured in the same run.
//!
//! Arguments (after `cargo bench --bench report --`): `--app BIN --baseline BIN --app-deb DEB
//! --baseline-deb DEB --sync-log FILE [--runs N] [--idle-seconds S]`.

use anyhow::{Context, Result, anyhow, bail};
use serde_json::Value;
use std::collections::HashMap;
use std::fs::{self, File};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use unsung_app::{App, Clock, Config};
use unsung_bench::process::{Started, process_name, pss_kib, tree};
use unsung_bench::{criterion_home, year};

/// How long an app may take to show its first page before the run fails.
const READY_LIMIT: Duration = Duration::from_secs(60);

struct Args {
    app: PathBuf,
    baseline: PathBuf,
    app_deb: PathBuf,
    baseline_deb: PathBuf,
    sync_log: PathBuf,
    runs: usize,
    idle: Duration,
}

fn parse_args() -> Result<Args> {
    let mut given: HashMap<String, String> = HashMap::new();
    let mut words = std::env::args().skip(1);
    while let Some(word) = words.next() {
        // cargo adds `--bench`; it means nothing here.
        if word == "--bench" {
            continue;
        }
        let key = word
            .strip_prefix("--")
            .with_context(|| format!("unexpected argument {word:?}"))?;
        let value = words
            .next()
            .with_context(|| format!("--{key} needs a value"))?;
        given.insert(key.to_string(), value);
    }
    let mut path = |key: &str| -> Result<PathBuf> {
        given
            .remove(key)
            .map(PathBuf::from)
            .with_context(|| format!("--{key} is missing"))
    };
    let (app, baseline, app_deb, baseline_deb, sync_log) = (
        path("app")?,
        path("baseline")?,
        path("app-deb")?,
        path("baseline-deb")?,
        path("sync-log")?,
    );
    let args = Args {
        app,
        baseline,
        app_deb,
        baseline_deb,
        sync_log,
        runs: given.remove("runs").map_or(Ok(3), |r| r.parse())?,
        idle: Duration::from_secs(given.remove("idle-seconds").map_or(Ok(10), |s| s.parse())?),
    };
    if let Some(key) = given.keys().next() {
        bail!("unknown option --{key}");
    }
    Ok(args)
}

// --- Start-up and memory --------------------------------------------------------------------

/// One of the two apps compared, with a home of its own (config, cache, data) kept across
/// its runs, so only the first start is a first start.
struct Subject {
    name: &'static str,
    binary: PathBuf,
    home: PathBuf,
    env: Vec<(String, PathBuf)>,
    /// The step its ready mark must name: what it showed (Unsung: the story, not the welcome).
    shows: Option<&'static str>,
}

/// Saves the reader's preferences in Unsung's database before its first start, as after the
/// welcome, so start-up is timed to the story (a first run shows the welcome instead).
fn finish_welcome(db: &Path) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let app = App::start(Config {
            db: db.display().to_string(),
            team_db: None,
            clock: Clock::System,
            tz: None,
        })
        .await
        .map_err(|e| anyhow!("open {}: {}", db.display(), e.message))?;
        let preferences = app.preferences().await.map_err(|e| anyhow!(e.message))?;
        app.save_preferences(preferences)
            .await
            .map_err(|e| anyhow!(e.message))?;
        Ok(())
    })
}

struct RunFigures {
    startup: Duration,
    pss_kib: u64,
    processes: Vec<(String, u64)>,
    /// The steps of start-up the app noted in its ready mark, each with its time after launch.
    steps: Vec<(String, Duration)>,
}

/// The ready mark: the time the page was on screen (first line, Unix nanoseconds), then one
/// `step nanos` line per step of start-up; each is returned as the time after `started_at`.
fn read_mark(text: &str, started_at: u128) -> Result<(Duration, Vec<(String, Duration)>)> {
    let after_start = |nanos: u128| Duration::from_nanos(nanos.saturating_sub(started_at) as u64);
    let mut lines = text.lines();
    let shown: u128 = lines
        .next()
        .unwrap_or_default()
        .trim()
        .parse()
        .context("the ready mark")?;
    let steps = lines
        .filter_map(|line| {
            let (name, at) = line.split_once(' ')?;
            Some((name.to_string(), after_start(at.trim().parse().ok()?)))
        })
        .collect();
    Ok((after_start(shown), steps))
}

fn unix_nanos(at: SystemTime) -> u128 {
    at.duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn log_tail(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(10)..].join("\n")
}

/// Starts `subject`, waits for its ready mark (the story, or the baseline's page, painted),
/// then until `idle` after the start, and sums the PSS of the app and everything it started.
fn run_once(subject: &Subject, idle: Duration) -> Result<RunFigures> {
    let ready = subject.home.join("ready");
    let _ = fs::remove_file(&ready);
    let log_path = subject.home.join("app.log");
    let log = File::create(&log_path)?;
    let mut command = Command::new(&subject.binary);
    command
        .env("UNSUNG_READY_FILE", &ready)
        .env("XDG_CONFIG_HOME", subject.home.join("config"))
        .env("XDG_DATA_HOME", subject.home.join("data"))
        .env("XDG_CACHE_HOME", subject.home.join("cache"))
        .env("NO_AT_BRIDGE", "1")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .process_group(0);
    for (key, value) in &subject.env {
        command.env(key, value);
    }
    let began = Instant::now();
    let started_at = unix_nanos(SystemTime::now());
    let mut app = Started {
        child: command
            .spawn()
            .with_context(|| format!("start {}", subject.binary.display()))?,
    };
    let (startup, steps) = loop {
        if let Ok(text) = fs::read_to_string(&ready) {
            let (startup, steps) = read_mark(&text, started_at)?;
            if let Some(wanted) = subject.shows
                && !steps.iter().any(|(step, _)| step == wanted)
            {
                bail!(
                    "{} did not show the {wanted} first: its ready mark is\n{text}",
                    subject.name
                );
            }
            break (startup, steps);
        }
        if let Some(status) = app.child.try_wait()? {
            bail!(
                "{} exited ({status}) before showing its page:\n{}",
                subject.name,
                log_tail(&log_path)
            );
        }
        if began.elapsed() > READY_LIMIT {
            bail!(
                "{} did not show its page within {} s:\n{}",
                subject.name,
                READY_LIMIT.as_secs(),
                log_tail(&log_path)
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if let Some(rest) = idle.checked_sub(began.elapsed()) {
        std::thread::sleep(rest);
    }
    let mut processes = Vec::new();
    for pid in tree(app.child.id()) {
        if let Some(pss) = pss_kib(pid) {
            processes.push((process_name(pid), pss));
        }
    }
    drop(app);
    Ok(RunFigures {
        startup,
        pss_kib: processes.iter().map(|(_, pss)| pss).sum(),
        processes,
        steps,
    })
}

fn median<T: Copy + Ord>(values: &mut [T]) -> T {
    values.sort();
    values[values.len() / 2]
}

struct AppFigures {
    startup: Duration,
    pss_kib: u64,
    /// The processes of the median-memory run, with their PSS.
    processes: Vec<(String, u64)>,
    /// Each step of start-up that every run noted, with its median time after launch.
    steps: Vec<(String, Duration)>,
}

/// The median time of each step the first run noted and every other run noted too.
fn median_steps(runs: &[RunFigures]) -> Vec<(String, Duration)> {
    let Some(first) = runs.first() else {
        return Vec::new();
    };
    first
        .steps
        .iter()
        .filter_map(|(name, _)| {
            let mut times: Vec<Duration> = runs
                .iter()
                .map(|run| run.steps.iter().find(|(n, _)| n == name).map(|(_, at)| *at))
                .collect::<Option<_>>()?;
            Some((name.clone(), median(&mut times)))
        })
        .collect()
}

fn measure_apps(args: &Args, scratch: &Path) -> Result<(AppFigures, AppFigures)> {
    let unsung_home = scratch.join("unsung");
    let baseline_home = scratch.join("baseline");
    fs::create_dir_all(&unsung_home)?;
    fs::create_dir_all(&baseline_home)?;
    let subjects = [
        Subject {
            name: "Unsung",
            binary: args.app.clone(),
            env: vec![("UNSUNG_DB".into(), unsung_home.join("unsung.db"))],
            home: unsung_home.clone(),
            shows: Some("story"),
        },
        Subject {
            name: "the baseline",
            binary: args.baseline.clone(),
            env: vec![],
            home: baseline_home,
            shows: None,
        },
    ];
    finish_welcome(&unsung_home.join("unsung.db"))?;
    // One start each that is not counted: the first start creates the database, caches and
    // window state; Monday mornings are not first starts.
    for subject in &subjects {
        eprintln!("bench: first start of {} (not counted)", subject.name);
        run_once(subject, Duration::ZERO)?;
    }
    let mut runs: [Vec<RunFigures>; 2] = [Vec::new(), Vec::new()];
    for n in 1..=args.runs {
        for (k, subject) in subjects.iter().enumerate() {
            let figures = run_once(subject, args.idle)?;
            eprintln!(
                "bench: run {n}/{}: {}: story after {} ms, {:.0} MiB PSS in {} processes",
                args.runs,
                subject.name,
                figures.startup.as_millis(),
                figures.pss_kib as f64 / 1024.0,
                figures.processes.len()
            );
            runs[k].push(figures);
        }
    }
    let summarise = |runs: &mut Vec<RunFigures>| {
        let mut startups: Vec<Duration> = runs.iter().map(|r| r.startup).collect();
        let mut pss: Vec<u64> = runs.iter().map(|r| r.pss_kib).collect();
        let pss_median = median(&mut pss);
        let processes = runs
            .iter()
            .find(|r| r.pss_kib == pss_median)
            .map(|r| r.processes.clone())
            .unwrap_or_default();
        AppFigures {
            startup: median(&mut startups),
            pss_kib: pss_median,
            processes,
            steps: median_steps(runs),
        }
    };
    let [mut unsung, mut baseline] = runs;
    Ok((summarise(&mut unsung), summarise(&mut baseline)))
}

// --- Sizes ----------------------------------------------------------------------------------

/// The size of `binary` with every symbol and debug section removed (`strip --strip-all` on
/// a copy), whatever the build left in.
fn stripped_size(binary: &Path, scratch: &Path) -> Result<u64> {
    let copy = scratch.join("stripped");
    let status = Command::new("strip")
        .arg("--strip-all")
        .arg("-o")
        .arg(&copy)
        .arg(binary)
        .status()
        .context("run strip (binutils)")?;
    if !status.success() {
        bail!("strip failed on {}", binary.display());
    }
    let size = fs::metadata(&copy)?.len();
    fs::remove_file(&copy)?;
    Ok(size)
}

// --- What the other benches left --------------------------------------------------------

/// Criterion's median for `group/bench`, in seconds.
fn criterion_median(group: &str, bench: &str) -> Result<f64> {
    let path = criterion_home()
        .join(group)
        .join(bench)
        .join("new/estimates.json");
    let text = fs::read_to_string(&path)
        .with_context(|| format!("{} (run the criterion benches first)", path.display()))?;
    let estimates: Value = serde_json::from_str(&text)?;
    let nanos = estimates["median"]["point_estimate"]
        .as_f64()
        .with_context(|| format!("no median in {}", path.display()))?;
    Ok(nanos / 1e9)
}

/// `(source, first sync, unchanged resync)` from the sources' tests' output, in order.
fn sync_counts(log: &Path) -> Result<Vec<(String, u64, u64)>> {
    let text = fs::read_to_string(log).with_context(|| format!("read {}", log.display()))?;
    let mut counts: Vec<(String, u64, u64)> = Vec::new();
    for line in text.lines() {
        // With --nocapture, a test's output may follow its name on the same line.
        let Some(rest) = line
            .find("sync requests: ")
            .map(|at| line[at + "sync requests: ".len()..].trim())
        else {
            continue;
        };
        let parsed = (|| {
            let (source, numbers) = rest.rsplit_once(": ")?;
            let (first, resync) = numbers.split_once(", ")?;
            let first = first.strip_prefix("first sync ")?.parse().ok()?;
            let resync = resync.strip_prefix("unchanged resync ")?.parse().ok()?;
            Some((source.to_string(), first, resync))
        })();
        let Some(parsed) = parsed else {
            bail!("cannot read {line:?} in {}", log.display());
        };
        if !counts.iter().any(|c| c.0 == parsed.0) {
            counts.push(parsed);
        }
    }
    if counts.is_empty() {
        bail!("no request counts in {}", log.display());
    }
    Ok(counts)
}

// --- The table ----------------------------------------------------------------------------

struct Row {
    figure: String,
    unsung: String,
    baseline: String,
    ratio: String,
    budget: String,
    within: Option<bool>,
}

/// `a / b` as "1.12×", or as "1/310" when `a` is much the smaller.
fn ratio(a: f64, b: f64) -> String {
    if b <= 0.0 {
        "—".into()
    } else if a / b >= 0.1 {
        format!("{:.2}×", a / b)
    } else if a > 0.0 {
        format!("1/{:.0}", b / a)
    } else {
        "0".into()
    }
}

fn ms(seconds: f64) -> String {
    if seconds < 0.1 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.0} ms", seconds * 1e3)
    }
}

fn mib(bytes: f64) -> String {
    format!("{:.1} MiB", bytes / 1024.0 / 1024.0)
}

fn yes_no(within: Option<bool>) -> &'static str {
    match within {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "—",
    }
}

fn print_table(rows: &[Row]) {
    let headers = [
        "figure",
        "Unsung",
        "baseline",
        "ratio",
        "budget",
        "within budget",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.figure.clone(),
                r.unsung.clone(),
                r.baseline.clone(),
                r.ratio.clone(),
                r.budget.clone(),
                yes_no(r.within).to_string(),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for row in &cells {
        for (k, cell) in row.iter().enumerate() {
            widths[k] = widths[k].max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(k, c)| format!("{c}{}", " ".repeat(widths[k] - c.chars().count())))
            .collect();
        println!("{}", padded.join(" | ").trim_end());
    };
    line(&headers.map(String::from));
    line(&widths.map(|w| "-".repeat(w)));
    for row in &cells {
        line(row);
    }
}

fn main() -> Result<()> {
    let args = parse_args()?;
    if std::env::var_os("DISPLAY").is_none() {
        bail!("no DISPLAY: run this under an X server (scripts/bench uses xvfb-run)");
    }
    let scratch = std::env::temp_dir().join(format!("unsung-bench-{}", std::process::id()));
    fs::create_dir_all(&scratch)?;
    let outcome = report(&args, &scratch);
    let _ = fs::remove_dir_all(&scratch);
    outcome
}

fn report(args: &Args, scratch: &Path) -> Result<()> {
    let (unsung, baseline) = measure_apps(args, scratch)?;
    let app_size = stripped_size(&args.app, scratch)? as f64;
    let baseline_size = stripped_size(&args.baseline, scratch)? as f64;
    let app_deb = fs::metadata(&args.app_deb)?.len() as f64;
    let baseline_deb = fs::metadata(&args.baseline_deb)?.len() as f64;
    let stats = criterion_median("store", "stats_year")?;
    let story = criterion_median("store", "story_year")?;
    let core_stats = criterion_median("core", "stats_year")?;
    let core_story = criterion_median("core", "story_year")?;
    let prometheus = criterion_median("prometheus", "availability_year")?;
    let answer: Value = serde_json::from_str(&fs::read_to_string(
        criterion_home().join("prometheus-answer.json"),
    )?)?;
    let samples = answer["samples"].as_u64().unwrap_or(0);
    let sync = sync_counts(&args.sync_log)?;

    let startup = (unsung.startup.as_secs_f64(), baseline.startup.as_secs_f64());
    let memory = (unsung.pss_kib as f64, baseline.pss_kib as f64);
    let the_year = format!(
        "1 year × {} services × {} incidents",
        year::SERVICES,
        year::INCIDENTS
    );
    let mut rows = vec![
        Row {
            figure: "start-up to the story on screen (release, Xvfb, median)".into(),
            unsung: ms(startup.0),
            baseline: ms(startup.1),
            ratio: ratio(startup.0, startup.1),
            budget: "≤ 1.25×".into(),
            within: Some(startup.0 <= 1.25 * startup.1),
        },
        Row {
            figure: format!(
                "idle memory, PSS of app + WebKit, {} s after start",
                args.idle.as_secs()
            ),
            unsung: mib(memory.0 * 1024.0),
            baseline: mib(memory.1 * 1024.0),
            ratio: ratio(memory.0, memory.1),
            budget: "≤ 1.25×".into(),
            within: Some(memory.0 <= 1.25 * memory.1),
        },
        Row {
            figure: format!("stats, {the_year}, from the store (warm) vs Prometheus"),
            unsung: ms(stats),
            baseline: ms(prometheus),
            ratio: ratio(stats, prometheus),
            budget: "≤ 50 ms".into(),
            within: Some(stats <= 0.050),
        },
        Row {
            figure: format!("story, {the_year}, from the store (warm) vs Prometheus"),
            unsung: ms(story),
            baseline: ms(prometheus),
            ratio: ratio(story, prometheus),
            budget: "≤ 50 ms".into(),
            within: Some(story <= 0.050),
        },
        Row {
            figure: format!(
                "the same availability answer vs a real Prometheus ({} M samples)",
                (samples as f64 / 1e6).round()
            ),
            unsung: ms(stats),
            baseline: ms(prometheus),
            ratio: format!("{:.0}× faster", prometheus / stats),
            budget: "≥ 100× faster".into(),
            within: Some(prometheus / stats >= 100.0),
        },
        Row {
            figure: "  of which the core, in memory: stats vs from the store".into(),
            unsung: ms(core_stats),
            baseline: ms(stats),
            ratio: ratio(core_stats, stats),
            budget: "—".into(),
            within: None,
        },
        Row {
            figure: "  of which the core, in memory: story vs from the store".into(),
            unsung: ms(core_story),
            baseline: ms(story),
            ratio: ratio(core_story, story),
            budget: "—".into(),
            within: None,
        },
    ];
    for (source, first, resync) in &sync {
        rows.push(Row {
            figure: format!("sync requests, {source}: unchanged resync vs first sync"),
            unsung: resync.to_string(),
            baseline: first.to_string(),
            ratio: if *first == 0 {
                "—".into()
            } else {
                ratio(*resync as f64, *first as f64)
            },
            budget: "—".into(),
            within: None,
        });
    }
    rows.push(Row {
        figure: "release binary, stripped".into(),
        unsung: mib(app_size),
        baseline: mib(baseline_size),
        ratio: ratio(app_size, baseline_size),
        budget: "≤ 1.5×".into(),
        within: Some(app_size <= 1.5 * baseline_size),
    });
    rows.push(Row {
        figure: ".deb package".into(),
        unsung: mib(app_deb),
        baseline: mib(baseline_deb),
        ratio: ratio(app_deb, baseline_deb),
        budget: "—".into(),
        within: None,
    });

    println!();
    print_table(&rows);
    println!();
    let processes = |figures: &AppFigures| {
        figures
            .processes
            .iter()
            .map(|(name, kib)| format!("{name} {:.0}", *kib as f64 / 1024.0))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "Start-up and memory: median of {} runs each, after one uncounted first start; PSS in MiB \
         by process: Unsung: {}; baseline: {}.",
        args.runs,
        processes(&unsung),
        processes(&baseline)
    );
    let steps = |figures: &AppFigures| {
        figures
            .steps
            .iter()
            .chain([(String::from("on screen"), figures.startup)].iter())
            .map(|(name, at)| format!("{name} {}", at.as_millis()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    println!(
        "Start-up by step (median ms after launch): Unsung: {}; baseline: {}.",
        steps(&unsung),
        steps(&baseline)
    );
    println!(
        "Prometheus: {} series, {} samples every {} s over {} days ({} blocks after compaction), \
         `{}` over HTTP; both give the same availability for every service (largest \
         difference {:.1e}).",
        answer["series"],
        samples,
        answer["step_seconds"],
        year::DAYS,
        answer["blocks"],
        answer["query"].as_str().unwrap_or_default(),
        answer["largest_difference"].as_f64().unwrap_or(f64::NAN),
    );
    println!(
        "Sync requests: counted by the sources' tests against their local servers \
         (cargo test --test csv --test statuspage --test uptime_kuma --test prometheus \
         --test pagerduty)."
    );
    let missed: Vec<&str> = rows
        .iter()
        .filter(|r| r.within == Some(false))
        .map(|r| r.figure.as_str())
        .collect();
    if missed.is_empty() {
        println!("Every budget is met.");
    } else {
        println!("Budgets missed: {}.", missed.join("; "));
    }
    Ok(())
}

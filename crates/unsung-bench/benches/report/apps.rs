//! Start-up to the first page on screen and idle memory of a release app, run under the X
//! server the caller gives: each subject has a home of its own kept across its runs. Unsung
//! runs twice over: on a new database (the welcome finished), and on a copy of the bench's
//! year (1 year × 200 services), its clock in that year, to show what a real team's data costs.

use anyhow::{Context, Result, anyhow, bail};
use std::ffi::OsString;
use std::fs::{self, File};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use unsung_app::{App, Clock, Config};
use unsung_bench::process::{Started, process_name, pss_kib, tree};
use unsung_bench::{cache, year};

use crate::Args;
use crate::table::{Row, mib, ms, ratio};

/// How long an app may take to show its first page before the run fails.
const READY_LIMIT: Duration = Duration::from_secs(60);

/// One of the two apps compared, with a home of its own (config, cache, data) kept across
/// its runs, so only the first start is a first start.
struct Subject {
    name: &'static str,
    binary: PathBuf,
    home: PathBuf,
    env: Vec<(String, OsString)>,
    /// The step its ready mark must name: what it showed (Unsung: the story, not the welcome).
    shows: Option<&'static str>,
}

fn current_thread() -> Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?)
}

/// Saves the reader's preferences in Unsung's database before its first start, as after the
/// welcome, so start-up is timed to the story (a first run shows the welcome instead).
fn finish_welcome(db: &Path) -> Result<()> {
    current_thread()?.block_on(async {
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

pub(crate) struct AppFigures {
    pub(crate) startup: Duration,
    pub(crate) pss_kib: u64,
    /// The processes of the median-memory run, with their PSS.
    pub(crate) processes: Vec<(String, u64)>,
    /// Each step of start-up that every run noted, with its median time after launch.
    pub(crate) steps: Vec<(String, Duration)>,
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

/// A copy of the bench's year in `home` (made first if the criterion benches have not), the
/// welcome finished on it as a reader would have.
fn year_copy(home: &Path) -> Result<PathBuf> {
    current_thread()?.block_on(cache::ensure_year_db())?;
    let db = home.join("unsung.db");
    let source = cache::year_db();
    fs::copy(&source, &db).with_context(|| format!("copy {}", source.display()))?;
    // A store that was not closed cleanly keeps the last of its writes in the WAL file.
    let wal = source.with_extension("db-wal");
    if wal.exists() {
        fs::copy(&wal, db.with_extension("db-wal"))?;
    }
    finish_welcome(&db)?;
    Ok(db)
}

/// The figures of Unsung, of the baseline, and of Unsung with the year loaded.
pub(crate) struct Measured {
    pub(crate) unsung: AppFigures,
    pub(crate) baseline: AppFigures,
    pub(crate) loaded: AppFigures,
}

pub(crate) fn measure_apps(args: &Args, scratch: &Path) -> Result<Measured> {
    let unsung_home = scratch.join("unsung");
    let baseline_home = scratch.join("baseline");
    let loaded_home = scratch.join("loaded");
    for home in [&unsung_home, &baseline_home, &loaded_home] {
        fs::create_dir_all(home)?;
    }
    // Half a day before the year's end, so the period shown first is full of it.
    let now = (year::end() - chrono::Duration::hours(12)).to_rfc3339();
    let subjects = [
        Subject {
            name: "Unsung",
            binary: args.app.clone(),
            env: vec![("UNSUNG_DB".into(), unsung_home.join("unsung.db").into())],
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
        Subject {
            name: "Unsung with a year",
            binary: args.app.clone(),
            env: vec![
                ("UNSUNG_DB".into(), year_copy(&loaded_home)?.into()),
                ("UNSUNG_NOW".into(), now.into()),
            ],
            home: loaded_home,
            shows: Some("story"),
        },
    ];
    finish_welcome(&unsung_home.join("unsung.db"))?;
    // One start each that is not counted: the first start creates the database, caches and
    // window state; Monday mornings are not first starts.
    for subject in &subjects {
        eprintln!("bench: first start of {} (not counted)", subject.name);
        run_once(subject, Duration::ZERO)?;
    }
    let mut runs: [Vec<RunFigures>; 3] = [Vec::new(), Vec::new(), Vec::new()];
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
    let [mut unsung, mut baseline, mut loaded] = runs;
    Ok(Measured {
        unsung: summarise(&mut unsung),
        baseline: summarise(&mut baseline),
        loaded: summarise(&mut loaded),
    })
}

/// Start-up and idle memory with the year loaded, against the empty window: the same
/// budgets as on a new database, as a team's year should cost no more to open.
pub(crate) fn loaded_rows(loaded: &AppFigures, baseline: &AppFigures, idle: Duration) -> Vec<Row> {
    let startup = (loaded.startup.as_secs_f64(), baseline.startup.as_secs_f64());
    let memory = (loaded.pss_kib as f64, baseline.pss_kib as f64);
    let the_year = year::Shape::YEAR.describe();
    vec![
        Row {
            figure: format!("start-up to the story on screen, {the_year} loaded"),
            unsung: ms(startup.0),
            baseline: ms(startup.1),
            ratio: ratio(startup.0, startup.1),
            budget: "≤ 1.25×".into(),
            within: Some(startup.0 <= 1.25 * startup.1),
        },
        Row {
            figure: format!(
                "idle memory, {} s after start, {the_year} loaded",
                idle.as_secs()
            ),
            unsung: mib(memory.0 * 1024.0),
            baseline: mib(memory.1 * 1024.0),
            ratio: ratio(memory.0, memory.1),
            budget: "≤ 1.25×".into(),
            within: Some(memory.0 <= 1.25 * memory.1),
        },
    ]
}

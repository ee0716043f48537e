//! The whole-app figures and the table `scripts/bench` prints: start-up to the story on screen
//! and idle memory of the release app and of the baseline (an empty Tauri window), run in
//! turn under the X server the caller gives (`xvfb-run`); stripped binary and .deb sizes; and
//! what criterion measured (benches/core.rs, benches/store.rs) and the sources' tests counted.
//! Every figure is printed beside the one it is compared with, measured in the same run.
//!
//! Arguments (after `cargo bench --bench report --`): `--app BIN --baseline BIN --app-deb DEB
//! --baseline-deb DEB --sync-log FILE [--runs N] [--idle-seconds S]`. With `--only apps`, only
//! start-up and memory are measured and printed (the .debs, sync log and criterion's figures
//! are then not needed): quick to rerun while working on start-up.

mod apps;
mod inputs;
mod reach;
mod scale;
mod table;

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;
use unsung_bench::{criterion_home, year};

use apps::{AppFigures, measure_apps};
use inputs::{criterion_median, largest_crates, stripped_size, sync_counts};
use table::{MIB, Row, mib, ms, print_table, ratio};

pub(crate) struct Args {
    pub(crate) app: PathBuf,
    pub(crate) baseline: PathBuf,
    pub(crate) app_deb: PathBuf,
    pub(crate) baseline_deb: PathBuf,
    pub(crate) sync_log: PathBuf,
    /// `--only apps`: start-up and memory alone.
    pub(crate) only_apps: bool,
    pub(crate) runs: usize,
    pub(crate) idle: Duration,
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
    let only_apps = match given.remove("only").as_deref() {
        None => false,
        Some("apps") => true,
        Some(other) => bail!("--only {other}: only `--only apps` is known"),
    };
    let mut path = |key: &str, needed: bool| -> Result<PathBuf> {
        match given.remove(key) {
            Some(value) => Ok(PathBuf::from(value)),
            None if !needed => Ok(PathBuf::new()),
            None => bail!("--{key} is missing"),
        }
    };
    let (app, baseline, app_deb, baseline_deb, sync_log) = (
        path("app", true)?,
        path("baseline", true)?,
        path("app-deb", !only_apps)?,
        path("baseline-deb", !only_apps)?,
        path("sync-log", !only_apps)?,
    );
    let args = Args {
        app,
        baseline,
        app_deb,
        baseline_deb,
        sync_log,
        only_apps,
        runs: given.remove("runs").map_or(Ok(3), |r| r.parse())?,
        idle: Duration::from_secs(given.remove("idle-seconds").map_or(Ok(10), |s| s.parse())?),
    };
    if let Some(key) = given.keys().next() {
        bail!("unknown option --{key}");
    }
    Ok(args)
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
    let measured = measure_apps(args, scratch)?;
    let mut rows = app_rows(args, &measured.unsung, &measured.baseline);
    rows.extend(apps::loaded_rows(
        &measured.loaded,
        &measured.baseline,
        args.idle,
    ));
    if !args.only_apps {
        rows.extend(other_rows(args, scratch)?);
    }
    println!();
    print_table(&rows);
    println!();
    print_app_notes(args, &measured);
    if !args.only_apps {
        print_other_notes(args)?;
    }
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

/// Start-up to the story (the budget: ≤ 1.10× the empty window) and idle memory.
fn app_rows(args: &Args, unsung: &AppFigures, baseline: &AppFigures) -> Vec<Row> {
    let startup = (unsung.startup.as_secs_f64(), baseline.startup.as_secs_f64());
    let memory = (unsung.pss_kib as f64, baseline.pss_kib as f64);
    vec![
        Row {
            figure: "start-up to the story on screen (release, Xvfb, median)".into(),
            unsung: ms(startup.0),
            baseline: ms(startup.1),
            ratio: ratio(startup.0, startup.1),
            budget: "≤ 1.10×".into(),
            within: Some(startup.0 <= 1.10 * startup.1),
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
    ]
}

/// The store against Prometheus, the sync counts and the sizes: what other steps left.
fn other_rows(args: &Args, scratch: &Path) -> Result<Vec<Row>> {
    let app_size = stripped_size(&args.app, scratch)? as f64;
    let baseline_size = stripped_size(&args.baseline, scratch)? as f64;
    let app_deb = fs::metadata(&args.app_deb)?.len() as f64;
    let baseline_deb = fs::metadata(&args.baseline_deb)?.len() as f64;
    let stats = criterion_median("store", "stats_year")?;
    let story = criterion_median("store", "story_year")?;
    let core_stats = criterion_median("core", "stats_year")?;
    let core_story = criterion_median("core", "story_year")?;
    let prometheus = criterion_median("prometheus", "availability_year")?;
    let samples = prometheus_answer()?["samples"].as_u64().unwrap_or(0);
    let sync = sync_counts(&args.sync_log)?;

    let the_year = format!(
        "1 year × {} services × {} incidents",
        year::SERVICES,
        year::INCIDENTS
    );
    let mut rows = vec![
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
    rows.extend(scale::rows()?);
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
    rows.extend(reach::rows()?);
    rows.push(Row {
        figure: "release binary, stripped".into(),
        unsung: mib(app_size),
        baseline: mib(baseline_size),
        ratio: ratio(app_size, baseline_size),
        budget: "≤ 20 MiB".into(),
        within: Some(app_size <= 20.0 * MIB),
    });
    rows.push(Row {
        figure: ".deb package".into(),
        unsung: mib(app_deb),
        baseline: mib(baseline_deb),
        ratio: ratio(app_deb, baseline_deb),
        budget: "≤ 8 MiB".into(),
        within: Some(app_deb <= 8.0 * MIB),
    });
    Ok(rows)
}

fn print_app_notes(args: &Args, measured: &apps::Measured) {
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
         by process: Unsung: {}; baseline: {}; Unsung with a year: {}.",
        args.runs,
        processes(&measured.unsung),
        processes(&measured.baseline),
        processes(&measured.loaded)
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
        "Start-up by step (median ms after launch): Unsung: {}; baseline: {}; Unsung with a year: {}.",
        steps(&measured.unsung),
        steps(&measured.baseline),
        steps(&measured.loaded)
    );
}

fn prometheus_answer() -> Result<Value> {
    Ok(serde_json::from_str(&fs::read_to_string(
        criterion_home().join("prometheus-answer.json"),
    )?)?)
}

fn print_other_notes(args: &Args) -> Result<()> {
    let answer = prometheus_answer()?;
    let samples = answer["samples"].as_u64().unwrap_or(0);
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
    println!("{}", scale::note());
    println!(
        "Sync requests: counted by the sources' tests against their local servers \
         (cargo test --test csv --test statuspage --test uptime_kuma --test prometheus \
         --test pagerduty and the other sources' tests)."
    );
    println!(
        "Largest crates in the release binary (its linker map, loaded sections): {}.",
        largest_crates(&args.app)?
    );
    Ok(())
}

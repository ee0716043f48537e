//! What the benchmarks make once and keep between runs: the year (and the other shapes the
//! scale rows read) loaded into a SQLite file each, and the same year backfilled into a Prometheus data directory (minutes of work the first
//! time). Each is built in a side folder and renamed into place when complete, so a run that
//! was stopped half way leaves nothing that looks finished.

use crate::year::{self, Shape};
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use unsung_app::{App, Clock, Config};
use unsung_core::stats::intervals_by_service;
use unsung_store::{SourceRecord, SqliteStore, Store};

/// Makes `building` this process's: a folder another running bench is filling is not touched
/// (its process id is inside); what a stopped run left is removed, unless `keep_if` names a
/// file there, which means the folder can be taken up where it was left.
fn claim(building: &Path, keep_if: Option<&str>) -> Result<bool> {
    let owner = building.join("owner");
    if let Ok(pid) = std::fs::read_to_string(&owner) {
        let pid = pid.trim();
        if pid != std::process::id().to_string() && Path::new("/proc").join(pid).exists() {
            bail!(
                "another bench (process {pid}) is making {}: let it finish",
                building.display()
            );
        }
    }
    let resumable = keep_if.is_some_and(|file| building.join(file).exists());
    if building.exists() && !resumable {
        std::fs::remove_dir_all(building)?;
    }
    std::fs::create_dir_all(building)?;
    std::fs::write(owner, std::process::id().to_string())?;
    Ok(resumable)
}

/// `UNSUNG_BENCH_CACHE`, or `~/.cache/unsung/bench`.
pub fn dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("UNSUNG_BENCH_CACHE").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/tmp".into());
    PathBuf::from(home).join(".cache/unsung/bench")
}

/// The year keeps the folder it always had; other shapes are named by their size.
fn shape_dir(shape: Shape) -> PathBuf {
    if shape == Shape::YEAR {
        dir().join(format!("year-v{}", year::DATA_VERSION))
    } else {
        dir().join(format!("shape-v{}-{}", year::DATA_VERSION, shape.name()))
    }
}

/// The SQLite file holding the year (it exists once [`ensure_year_db`] has run).
pub fn year_db() -> PathBuf {
    shape_db(Shape::YEAR)
}

/// The SQLite file holding `shape` (it exists once [`ensure_shape_db`] has run).
pub fn shape_db(shape: Shape) -> PathBuf {
    shape_dir(shape).join("unsung.db")
}

/// Makes the year's SQLite file unless it is there; returns how long that took, if it ran.
pub async fn ensure_year_db() -> Result<Option<Duration>> {
    Ok(ensure_shape_db(Shape::YEAR).await?.map(|made| made.total()))
}

/// How long making a shape's SQLite copy took, kept beside it (`made.json`) for the report.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Made {
    /// Drawing the history in memory.
    pub generate_seconds: f64,
    /// Writing it through the store (one transaction), and the notes.
    pub load_seconds: f64,
}

impl Made {
    pub fn total(self) -> Duration {
        Duration::from_secs_f64(self.generate_seconds + self.load_seconds)
    }
}

/// What making `shape`'s copy took, when it was made by this version of the bench.
pub fn made(shape: Shape) -> Option<Made> {
    let text = std::fs::read_to_string(shape_dir(shape).join("made.json")).ok()?;
    serde_json::from_str(&text).ok()
}

/// Makes `shape`'s SQLite file unless it is there (generated, then loaded in one transaction
/// by the store's own sync path); returns how long that took, if it ran.
pub async fn ensure_shape_db(shape: Shape) -> Result<Option<Made>> {
    if shape_db(shape).exists() {
        return Ok(None);
    }
    let building = shape_dir(shape).with_extension("building");
    claim(&building, None)?;
    let began = Instant::now();
    let data = year::shaped(shape);
    let notes = year::shaped_notes(shape);
    let generated = began.elapsed();
    {
        let store = SqliteStore::open(&building.join("unsung.db").to_string_lossy()).await?;
        let source = SourceRecord::new("bench", "csv", None, shape.range().from);
        store.replace_source(&source, &data).await?;
        drop(data);
        for note in notes {
            store.insert_thanks(&note).await?;
        }
    }
    let made = Made {
        generate_seconds: generated.as_secs_f64(),
        load_seconds: (began.elapsed() - generated).as_secs_f64(),
    };
    std::fs::write(building.join("made.json"), serde_json::to_string(&made)?)?;
    std::fs::rename(&building, shape_dir(shape))?;
    Ok(Some(made))
}

/// The app over the year's SQLite file, its clock at the year's end, reading UTC.
pub async fn open_year_app() -> Result<App> {
    open_shape_app(Shape::YEAR).await
}

/// The app over `shape`'s SQLite file, its clock at the end, reading UTC.
pub async fn open_shape_app(shape: Shape) -> Result<App> {
    let app = App::start(Config {
        db: shape_db(shape).to_string_lossy().into_owned(),
        team_db: None,
        clock: Clock::Fixed(year::end()),
        tz: Some(unsung_app::Tz::UTC),
    })
    .await
    .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    Ok(app)
}

/// What the Prometheus copy of the year holds, kept beside its data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PromCopy {
    pub series: usize,
    pub samples: u64,
    pub backfill_seconds: f64,
    pub compaction_seconds: f64,
    pub blocks: u64,
}

fn prom_dir() -> PathBuf {
    dir().join(format!(
        "prometheus-v{}-step{}",
        year::DATA_VERSION,
        year::STEP
    ))
}

/// The Prometheus data directory holding the year (once [`ensure_prom_copy`] has run).
pub fn prom_data() -> PathBuf {
    prom_dir().join("data")
}

pub fn prom_copy() -> Result<PromCopy> {
    let text = std::fs::read_to_string(prom_dir().join("copy.json"))
        .context("the Prometheus copy of the year is not there")?;
    Ok(serde_json::from_str(&text)?)
}

/// Backfills the year into Prometheus unless that was done: one OpenMetrics file per day,
/// promtool on two at a time, then a server is started on the data until it has compacted
/// the many two-hour blocks promtool wrote (as a long-running Prometheus would have), and is
/// stopped again. Prints progress, as this takes minutes.
pub async fn ensure_prom_copy() -> Result<PromCopy> {
    if let Ok(copy) = prom_copy() {
        return Ok(copy);
    }
    let building = prom_dir().with_extension("building");
    // The backfill is the long part: once done, a stopped run goes on from the compaction.
    let backfilled_note = building.join("backfilled.json");
    let resumed = claim(&building, Some("backfilled.json"))?;
    let data = building.join("data");
    let mut copy = if resumed {
        eprintln!("bench: the backfill was done before; going on with the compaction");
        serde_json::from_str(&std::fs::read_to_string(&backfilled_note)?)?
    } else {
        let copy = backfill_year(&building, &data).await?;
        std::fs::write(&backfilled_note, serde_json::to_string_pretty(&copy)?)?;
        copy
    };
    let (compaction, blocks) = compact(&data).await?;
    eprintln!(
        "bench: compacted into {blocks} blocks in {:.0} s",
        compaction.as_secs_f64()
    );
    copy.compaction_seconds = compaction.as_secs_f64();
    copy.blocks = blocks;
    std::fs::write(
        building.join("copy.json"),
        serde_json::to_string_pretty(&copy)?,
    )?;
    if prom_dir().exists() {
        std::fs::remove_dir_all(prom_dir())?;
    }
    std::fs::rename(&building, prom_dir())?;
    Ok(copy)
}

/// Writes the year as OpenMetrics, a day per file, and backfills each with promtool.
async fn backfill_year(building: &Path, data: &Path) -> Result<PromCopy> {
    let inputs = building.join("openmetrics");
    std::fs::create_dir_all(&inputs)?;

    let dataset = year::dataset();
    let grouped = intervals_by_service(&dataset.intervals);
    let no_intervals = Vec::new();
    let own: Vec<&Vec<&unsung_core::Interval>> = dataset
        .services
        .iter()
        .map(|s| grouped.get(s.id.as_str()).unwrap_or(&no_intervals))
        .collect();
    let samples: u64 = own
        .iter()
        .map(|o| year::probe_samples(o).count() as u64)
        .sum();
    let from = year::range().from.timestamp();
    let days = year::DAYS + 1;
    eprintln!(
        "bench: backfilling Prometheus with {samples} samples of {} series ({days} files; once, \
         it takes a few minutes)",
        own.len()
    );
    // Each service's samples, handed out day by day: one file per day of sample times.
    let mut streams: Vec<_> = own
        .iter()
        .map(|o| year::probe_samples(o).peekable())
        .collect();
    let mut day = 0i64;
    let mut next_input = || -> Option<PathBuf> {
        if day >= days {
            return None;
        }
        let day_end = from + (day + 1) * 86_400;
        let path = inputs.join(format!("day-{day:03}.om"));
        write_day(&path, &mut streams, day_end).expect("write an OpenMetrics file");
        day += 1;
        Some(path)
    };
    let backfill =
        unsung_testprom::backfill(&mut next_input, data, 2, Duration::from_secs(30 * 60)).await;
    eprintln!(
        "bench: backfilled in {:.0} s; letting Prometheus compact its blocks (minutes)",
        backfill.as_secs_f64()
    );
    std::fs::remove_dir_all(&inputs)?;
    Ok(PromCopy {
        series: own.len(),
        samples,
        backfill_seconds: backfill.as_secs_f64(),
        compaction_seconds: 0.0,
        blocks: 0,
    })
}

/// Writes the samples of every stream that fall before `day_end` as one OpenMetrics file.
fn write_day(
    path: &Path,
    streams: &mut [std::iter::Peekable<impl Iterator<Item = (i64, u8)>>],
    day_end: i64,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "# HELP probe_success Whether the probe succeeded\n# TYPE probe_success gauge"
    )?;
    for (n, stream) in streams.iter_mut().enumerate() {
        let instance = year::instance(n);
        while let Some((at, value)) = stream.next_if(|&(at, _)| at < day_end) {
            writeln!(
                out,
                "probe_success{{job=\"{}\",instance=\"{instance}\"}} {value} {at}",
                year::JOB
            )?;
        }
    }
    writeln!(out, "# EOF")?;
    out.flush()
}

/// Runs a server on `data` until its compactor has nothing left to do: the number of blocks
/// has fallen and then stayed the same for 30 s. Returns the time taken and the blocks left.
async fn compact(data: &Path) -> Result<(Duration, u64)> {
    let began = Instant::now();
    let mut server = unsung_testprom::serve(data).await;
    let mut last = None;
    let mut first = None;
    let mut steady_since = Instant::now();
    loop {
        if !server.is_running() {
            bail!(
                "prometheus stopped while compacting:\n{}",
                server.log_tail()
            );
        }
        let blocks = server.own_metric("prometheus_tsdb_blocks_loaded").await;
        let compactions = server
            .own_metric("prometheus_tsdb_compactions_total")
            .await
            .unwrap_or(0.0);
        if let Some(blocks) = blocks {
            first.get_or_insert(blocks);
            if last != Some(blocks) {
                last = Some(blocks);
                steady_since = Instant::now();
            }
            let fell = first.is_some_and(|f| blocks < f) || compactions > 0.0 && blocks <= 1.0;
            if fell && steady_since.elapsed() > Duration::from_secs(30) {
                return Ok((began.elapsed(), blocks as u64));
            }
        }
        if began.elapsed() > Duration::from_secs(90 * 60) {
            bail!(
                "prometheus did not finish compacting within 90 minutes ({last:?} blocks):\n{}",
                server.log_tail()
            );
        }
        if began.elapsed().as_secs() % 60 < 2 {
            eprintln!("bench: compacting: {} blocks left", last.unwrap_or(0.0));
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

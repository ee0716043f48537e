//! A first sync of a PagerDuty account of 10,000 and of 100,000 incidents, each through the
//! app's own use cases (add the source, sync it into a fresh SQLite file) in a child process
//! of its own, against the account served on 127.0.0.1 (unsung_bench::pagerduty). Measured:
//! the requests the server answered, the sync's wall time, and the child's peak resident
//! memory (VmHWM, read by the child itself once the sync is stored). Memory should be bounded
//! by a page, not by the account. Writes `pagerduty-sync.json` in criterion's folder for the
//! report; each child is killed if it runs past its time.
//!
//! `cargo bench -p unsung-bench --bench pagerduty_sync [-- --sizes 10000,100000]`

use anyhow::{Context, Result, bail};
use chrono::{Duration, TimeZone, Utc};
use serde_json::{Value, json};
use std::time::Instant;
use unsung_app::dto::NewSource;
use unsung_app::{App, Clock, Config, Tz};
use unsung_bench::criterion_home;
use unsung_bench::pagerduty::{self, Account};

/// The longest one child may take (a quadratic step at 100,000 incidents would pass it).
const CHILD_LIMIT: std::time::Duration = std::time::Duration::from_secs(15 * 60);

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap()
}

/// The account of `incidents`: spread over the 360 days before the hour before "now", so a
/// first sync (a year back) reads every one.
fn account(incidents: u64) -> Account {
    Account {
        incidents,
        from: now() - Duration::days(360),
        until: now() - Duration::hours(1),
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let sizes: Vec<u64> = match args.iter().position(|a| a == "--sizes") {
        Some(at) => args
            .get(at + 1)
            .context("--sizes needs a value such as 10000,100000")?
            .split(',')
            .map(|n| n.trim().parse())
            .collect::<Result<_, _>>()?,
        None => vec![10_000, 100_000],
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let mut runs = Vec::new();
    for incidents in sizes {
        let run = rt.block_on(first_sync(incidents))?;
        eprintln!("bench: pagerduty first sync: {run}");
        runs.push(run);
    }
    let home = criterion_home();
    std::fs::create_dir_all(&home)?;
    std::fs::write(
        home.join("pagerduty-sync.json"),
        serde_json::to_string_pretty(&json!({ "runs": runs }))?,
    )?;
    Ok(())
}

/// Serves an account of `incidents` and has a child process sync it once.
async fn first_sync(incidents: u64) -> Result<Value> {
    let server = pagerduty::serve(account(incidents)).await?;
    let dir = std::env::temp_dir().join(format!(
        "unsung-bench-pd-{}-{incidents}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir)?;
    let began = Instant::now();
    let child = tokio::process::Command::new(std::env::current_exe()?)
        .args(["--child", &server.url, &incidents.to_string()])
        .arg(dir.join("unsung.db"))
        .env("UNSUNG_KEYCHAIN", "off")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .context("start the syncing child")?;
    let waited = tokio::time::timeout(CHILD_LIMIT, child.wait_with_output()).await;
    let elapsed = began.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    let output = match waited {
        Ok(output) => output?,
        Err(_) => bail!("the sync of {incidents} incidents took over {CHILD_LIMIT:?}; killed"),
    };
    if !output.status.success() {
        bail!(
            "the sync of {incidents} incidents failed ({})",
            output.status
        );
    }
    let mut said: Value = serde_json::from_slice(&output.stdout)
        .with_context(|| String::from_utf8_lossy(&output.stdout).into_owned())?;
    said["requests_served"] = json!(server.requests());
    said["process_seconds"] = json!(elapsed.as_secs_f64());
    Ok(said)
}

/// `VmHWM` (peak resident set) or `VmRSS` of this process, in KiB.
fn own_memory(field: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("no {field} in /proc/self/status"))
}

/// The child: `--child URL INCIDENTS DB`. Adds the account as a source and syncs it, then
/// prints what it saw as JSON.
fn child(args: &[String]) -> Result<()> {
    let [url, incidents, db] = args else {
        bail!("--child URL INCIDENTS DB");
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let said = rt.block_on(async {
        let app = App::start(Config {
            db: db.clone(),
            team_db: None,
            clock: Clock::Fixed(now()),
            tz: Some(Tz::UTC),
        })
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
        app.add_source(NewSource {
            name: "pd".into(),
            kind: "pagerduty".into(),
            url: Some(url.clone()),
            token: Some("bench-token".into()),
            ..NewSource::default()
        })
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
        let before = own_memory("VmHWM")?;
        let began = Instant::now();
        let summary = app
            .sync(Some("pd"), &|_| {})
            .await
            .map_err(|e| anyhow::anyhow!("{}", e.message))?;
        let seconds = began.elapsed().as_secs_f64();
        let result = summary.sources.first().context("no sync result")?;
        if !result.ok {
            bail!("the sync failed: {:?}", result.message);
        }
        Ok::<_, anyhow::Error>(json!({
            "incidents": incidents.parse::<u64>()?,
            "stored": result.incidents,
            "requests": result.requests,
            "sync_seconds": seconds,
            "rss_before_kib": before,
            "peak_rss_kib": own_memory("VmHWM")?,
        }))
    })?;
    println!("{said}");
    Ok(())
}

//! What Unsung's benchmarks share: the year they read (a big team, generated the same way every
//! time), the copies of it they keep between runs (SQLite, and a Prometheus data directory),
//! and where criterion leaves its figures. `scripts/bench` runs the benches and prints the
//! table; this crate is not part of the app.

pub mod cache;
pub mod linker_map;
pub mod pagerduty;
pub mod process;
pub mod scale;
pub mod year;

use std::path::PathBuf;

/// Where criterion writes its estimates (and the benches their notes): `CRITERION_HOME`,
/// which scripts/bench sets, or `target/criterion`.
pub fn criterion_home() -> PathBuf {
    std::env::var_os("CRITERION_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into());
            PathBuf::from(target).join("criterion")
        })
}

/// The Prometheus query asking the year's availability of every probed service: the share of
/// successful probes, which is up / (up + down) over the time with samples.
pub fn availability_query() -> String {
    format!(
        "avg_over_time(probe_success{{job=\"{}\"}}[{}d])",
        year::JOB,
        year::DAYS
    )
}

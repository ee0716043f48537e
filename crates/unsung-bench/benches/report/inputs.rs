//! Sizes, and what the other benches and the sources' tests left for the table.

use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::fs;
use std::path::Path;
use std::process::Command;
use unsung_bench::{criterion_home, linker_map};

/// The size of `binary` with every symbol and debug section removed (`strip --strip-all` on
/// a copy), whatever the build left in.
pub(crate) fn stripped_size(binary: &Path, scratch: &Path) -> Result<u64> {
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
pub(crate) fn criterion_median(group: &str, bench: &str) -> Result<f64> {
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
pub(crate) fn sync_counts(log: &Path) -> Result<Vec<(String, u64, u64)>> {
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

/// How many crates the size line names.
const LARGEST: usize = 15;

/// The crates that weigh most in `binary`, read from the map its link left beside it
/// (`<binary>.map`, see src-tauri/build.rs): "tokio 1.2 MiB, …".
pub(crate) fn largest_crates(binary: &Path) -> Result<String> {
    let map = binary.with_extension("map");
    let text = fs::read_to_string(&map)
        .with_context(|| format!("{} (a release build writes it)", map.display()))?;
    let crates = linker_map::bytes_by_crate(&text);
    let total: u64 = crates.iter().map(|(_, bytes)| bytes).sum();
    let named: Vec<String> = crates
        .iter()
        .take(LARGEST)
        .map(|(name, bytes)| format!("{name} {:.2} MiB", *bytes as f64 / 1024.0 / 1024.0))
        .collect();
    Ok(format!(
        "{} (of {:.1} MiB in all)",
        named.join(", "),
        total as f64 / 1024.0 / 1024.0
    ))
}

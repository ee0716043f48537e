//! What every connector test needs: a quick-tempered HTTP client, a sync context over it, and
//! the fixtures copied from ../shared/fixtures (provenance in tests/fixtures/PROVENANCE.md).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::time::Duration;
use unsung_core::Dataset;
use unsung_sources::{Context, Fetched, Http, HttpLimits, Progress, SourceConfig, connector};

/// Limits that keep fault tests short: 2 s timeouts, fast backoff, a few seconds of waiting
/// for rate limits at most.
pub fn quick_limits() -> HttpLimits {
    HttpLimits {
        timeout: Duration::from_secs(2),
        max_body_bytes: 4 * 1024 * 1024,
        attempts: 3,
        backoff: Duration::from_millis(20),
        max_wait: Duration::from_secs(3),
        wait_budget: Duration::from_secs(5),
    }
}

pub fn fixture(path: &str) -> String {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn quiet(_: Progress) {}

/// One sync of a source called `name`, as the app runs it, with the requests it made.
pub struct Run {
    pub result: unsung_sources::Result<Fetched>,
    pub requests: u64,
}

pub async fn fetch(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    cursor: &serde_json::Value,
    known: &Dataset,
    now: DateTime<Utc>,
    limits: HttpLimits,
) -> Run {
    let http = Http::new(limits);
    let cx = Context {
        name,
        config,
        token,
        cursor,
        known,
        now,
        http: &http,
        progress: &quiet,
    };
    let result = connector(config.kind).fetch(&cx).await;
    Run {
        result,
        requests: http.requests(),
    }
}

/// A first sync: no cursor, nothing stored yet, the quick limits.
pub async fn first(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Run {
    fetch(
        name,
        config,
        token,
        &serde_json::Value::Null,
        &Dataset::default(),
        now,
        quick_limits(),
    )
    .await
}

pub async fn check(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> (unsung_sources::Result<String>, u64) {
    let http = Http::new(quick_limits());
    let known = Dataset::default();
    let cursor = serde_json::Value::Null;
    let cx = Context {
        name,
        config,
        token,
        cursor: &cursor,
        known: &known,
        now,
        http: &http,
        progress: &quiet,
    };
    let result = connector(config.kind).check(&cx).await;
    (result, http.requests())
}

/// Prints a source's request counts for a first sync and an unchanged resync, in the one form
/// `scripts/bench` reads from these tests' output (run with `--nocapture`).
pub fn report_requests(source: &str, first: u64, resync: u64) {
    eprintln!("sync requests: {source}: first sync {first}, unchanged resync {resync}");
}

/// Syncs twice as the app does (the second time from the first's cursor over the merged
/// data), returning the merged data and each sync's request count.
pub async fn sync_twice(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> (Dataset, u64, u64) {
    let first = fetch(
        name,
        config,
        token,
        &serde_json::Value::Null,
        &Dataset::default(),
        now,
        quick_limits(),
    )
    .await;
    let fetched = first.result.expect("first sync");
    let merged = unsung_sources::merge::apply(Dataset::default(), &fetched);
    let second = fetch(
        name,
        config,
        token,
        &fetched.cursor,
        &merged,
        now,
        quick_limits(),
    )
    .await;
    let again = unsung_sources::merge::apply(merged.clone(), &second.result.expect("second sync"));
    assert_eq!(again, merged, "an unchanged resync changes nothing");
    (merged, first.requests, second.requests)
}

//! What every connector test needs: a quick-tempered HTTP client, a sync context over it, and
//! the recorded fixtures (through unsung-testsupport; provenance in tests/fixtures/PROVENANCE.md).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use std::time::Duration;
use unsung_core::period::TimeRange;
use unsung_core::stats::{StateSeconds, state_seconds};
use unsung_core::{Dataset, Incident};
use unsung_sources::{
    Context, Fetched, Http, HttpLimits, Kind, Progress, SourceConfig, SourceErrorKind, connector,
};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[allow(unused_imports)] // each test crate uses its own subset
pub use unsung_testsupport::{fixture, fixture_json, fixture_path};

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

fn quiet(_: Progress) {}

/// One sync of a source called `name`, as the app runs it, with the requests it made.
pub struct Run {
    pub result: unsung_sources::Result<Fetched>,
    pub requests: u64,
}

/// One sync from `cursor` over what the store holds (`known`), with the quick limits.
pub async fn fetch(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    cursor: &serde_json::Value,
    known: &Dataset,
    now: DateTime<Utc>,
) -> Run {
    fetch_with_drill_words(name, config, token, (cursor, known), now, &[]).await
}

/// A first sync with the user's own `drill_words` (Settings) beside the built-in ones.
pub async fn first_with_drill_words(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    now: DateTime<Utc>,
    drill_words: &[String],
) -> Run {
    let before = (&serde_json::Value::Null, &Dataset::default());
    fetch_with_drill_words(name, config, token, before, now, drill_words).await
}

/// [`fetch`], from `(cursor, known)`, with the user's own drill words.
pub async fn fetch_with_drill_words(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    (cursor, known): (&serde_json::Value, &Dataset),
    now: DateTime<Utc>,
    drill_words: &[String],
) -> Run {
    let http = Http::new(quick_limits());
    let cx = Context {
        name,
        config,
        token,
        cursor,
        known,
        now,
        http: &http,
        progress: &quiet,
        drill_words,
    };
    let result = connector(config.kind).fetch(&cx).await;
    Run {
        result,
        requests: http.requests(),
    }
}

/// A first sync: no cursor, nothing stored yet.
pub async fn first(
    name: &str,
    config: &SourceConfig,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Run {
    let nothing = Dataset::default();
    fetch(name, config, token, &serde_json::Value::Null, &nothing, now).await
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
        drill_words: &[],
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
    let first = self::first(name, config, token, now).await;
    let fetched = first.result.expect("first sync");
    let merged = unsung_sources::merge::apply(Dataset::default(), &fetched);
    let second = fetch(name, config, token, &fetched.cursor, &merged, now).await;
    let again = unsung_sources::merge::apply(merged.clone(), &second.result.expect("second sync"));
    assert_eq!(again, merged, "an unchanged resync changes nothing");
    (merged, first.requests, second.requests)
}

/// `message` says each of `parts`, on one line, and never any of `secrets`.
pub fn assert_says(message: &str, parts: &[&str], secrets: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "{message:?} should say {part:?}");
    }
    for secret in secrets {
        assert!(!message.contains(secret), "a secret leaked: {message}");
    }
    assert!(!message.contains('\n'), "one line: {message}");
}

/// A time written in RFC 3339.
pub fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

/// A source of `kind` at `url`, every other setting left as it comes.
pub fn at_url(kind: Kind, url: &str) -> SourceConfig {
    SourceConfig {
        url: Some(url.to_string()),
        ..SourceConfig::new(kind)
    }
}

/// The incident the vendor calls `external_id`.
pub fn incident<'a>(data: &'a Dataset, external_id: &str) -> &'a Incident {
    data.incidents
        .iter()
        .find(|i| i.external_id == external_id)
        .unwrap_or_else(|| panic!("no incident {external_id}"))
}

/// The incidents still open.
pub fn open(data: &Dataset) -> Vec<&Incident> {
    data.incidents
        .iter()
        .filter(|i| i.resolved_at.is_none())
        .collect()
}

/// The time `service_id` spent in each state from `from` to `to`, by the synced intervals.
pub fn seconds(
    data: &Dataset,
    service_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> StateSeconds {
    let mine: Vec<_> = data
        .intervals
        .iter()
        .filter(|i| i.service_id == service_id)
        .collect();
    state_seconds(&mine, TimeRange { from, to })
}

/// A server answering every GET with `response`.
pub async fn answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// A first sync of a `kind` source called `name` against a server answering every GET with
/// `response`, which must fail: what kind of failure, and what it says.
pub async fn failing_first(
    name: &str,
    kind: Kind,
    token: Option<&str>,
    now: DateTime<Utc>,
    response: ResponseTemplate,
) -> (SourceErrorKind, String) {
    let server = answering(response).await;
    let run = first(name, &at_url(kind, &server.uri()), token, now).await;
    let error = run.result.expect_err("the sync should fail");
    (error.kind, error.message)
}

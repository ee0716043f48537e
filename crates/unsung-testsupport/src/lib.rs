//! What Unsung's tests replay, written once: the sources' recorded fixtures (kept with their
//! provenance in `crates/unsung-sources/tests/fixtures`), and local servers that answer as a
//! Statuspage page, an Uptime Kuma page, a PagerDuty account, an incident.io organisation, a
//! Grafana OnCall instance, a Better Stack team, an UptimeRobot account, a Gatus instance or
//! GitHub would, with the variants the tests need. The connectors' own tests, the `unsung`
//! command's tests and the end-to-end tests all replay the same pages through it. A
//! dev-dependency only; it knows nothing of Unsung's crates, so any of them can use it.

pub mod better_stack;
pub mod gatus;
pub mod github;
pub mod grafana_oncall;
pub mod incident_io;
pub mod pagerduty;
pub mod statuspage;
pub mod uptime_kuma;
pub mod uptimerobot;

use serde_json::Value;
use std::path::PathBuf;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

/// The recorded payloads' folder (provenance in its PROVENANCE.md).
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../unsung-sources/tests/fixtures")
}

/// A fixture's path, `path` relative to [`fixtures_dir`] (`csv/generic.csv`).
pub fn fixture_path(path: &str) -> PathBuf {
    fixtures_dir().join(path)
}

/// A fixture's text.
pub fn fixture(path: &str) -> String {
    let full = fixture_path(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// A JSON fixture, parsed.
pub fn fixture_json(path: &str) -> Value {
    serde_json::from_str(&fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The query parameter `name` of `request`, when it is there.
pub fn query(request: &wiremock::Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The query parameter `name` of `request`, when it is there and a whole number.
pub fn query_number(request: &wiremock::Request, name: &str) -> Option<usize> {
    query(request, name).and_then(|value| value.parse().ok())
}

/// A mock answering `GET route` (that path exactly).
pub fn get(route: &str) -> MockBuilder {
    Mock::given(method("GET")).and(path(route))
}

/// A mock answering `GET route` only with the vendor's token in `Authorization` (bare, or
/// `Bearer …`, as the vendor takes it); see [`refuse_the_rest`] for every other request.
pub fn get_authorized(route: &str, authorization: &str) -> MockBuilder {
    get(route).and(header("Authorization", authorization))
}

/// Answers every GET no other mock at `server` answers with the vendor's 401 `body`; mounted
/// last, so the routes mounted before (which check the token) win.
pub async fn refuse_the_rest(server: &MockServer, body: Value) {
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(body))
        .mount(server)
        .await;
}

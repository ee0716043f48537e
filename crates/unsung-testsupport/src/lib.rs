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

/// The recorded payloads' folder (provenance in its PROVENANCE.md), found from the running
/// test's crate upwards (cargo sets `CARGO_MANIFEST_DIR` when it runs a test). Not `env!` alone:
/// this library's build is reused by checkouts sharing one target directory, and a path baked
/// in at compile time may name a checkout since deleted.
pub fn fixtures_dir() -> PathBuf {
    let crate_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    fixtures_dir_from(&crate_dir)
}

/// The fixtures' folder of the checkout holding `crate_dir` (a crate's folder at any depth).
fn fixtures_dir_from(crate_dir: &std::path::Path) -> PathBuf {
    crate_dir
        .ancestors()
        .map(|dir| dir.join("crates/unsung-sources/tests/fixtures"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| crate_dir.join("../unsung-sources/tests/fixtures"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_are_found_in_the_checkout_of_the_running_test_not_where_this_was_built() {
        let checkout = tempfile::tempdir().unwrap();
        let fixtures = checkout.path().join("crates/unsung-sources/tests/fixtures");
        std::fs::create_dir_all(&fixtures).unwrap();
        for crate_dir in ["crates/unsung-cli", "crates/unsung-sources", "tests/e2e"] {
            assert_eq!(
                fixtures_dir_from(&checkout.path().join(crate_dir)),
                fixtures
            );
        }
        assert!(fixture_path("PROVENANCE.md").is_file());
    }
}

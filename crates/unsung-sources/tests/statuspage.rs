//! The Statuspage connector against a local server replaying GitHub's recorded status page
//! (summary with an open major incident) and variants: resolved incidents with known times,
//! a maintenance, the 50-incident limit, faults and hostile titles.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use unsung_core::period::TimeRange;
use unsung_core::stats::state_seconds;
use unsung_core::{Dataset, Severity};
use unsung_sources::{Kind, SourceConfig, SourceErrorKind};
use unsung_testsupport::statuspage;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const SUMMARY: &str = "statuspage/githubstatus_summary_2022-11-25_unresolved_incident.json";
const PACKAGES: &str = "st3j38cctv9l";
const GIT: &str = "8l4ygp009s5s";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 11, 25, 16, 0, 0).unwrap()
}

fn summary() -> Value {
    common::fixture_json(SUMMARY)
}

/// A resolved incident on `component`, `minutes` long, opened `days_ago` before now, with
/// the updates that say which component it took down.
fn resolved(id: &str, component: &str, impact: &str, days_ago: i64, minutes: i64) -> Value {
    let opened = (now() - Duration::days(days_ago)).to_rfc3339();
    let fixed = (now() - Duration::days(days_ago) + Duration::minutes(minutes)).to_rfc3339();
    let mut incident = statuspage::resolved(id, impact, component, &opened, &fixed).to_json();
    incident["incident_updates"] = json!([
        {"body": "Fixed.", "status": "resolved", "display_at": fixed, "affected_components": null},
        {"body": "Looking.", "status": "investigating", "display_at": opened,
         "affected_components": [{"code": component, "name": "x", "old_status": "operational", "new_status": "major_outage"}]}
    ]);
    incident
}

fn incidents() -> Value {
    let summary = summary();
    let mut list = summary["incidents"].as_array().unwrap().clone();
    list.push(resolved("r1", GIT, "major", 3, 30));
    list.push(resolved("r2", GIT, "critical", 10, 90));
    list.push(resolved("r3", PACKAGES, "minor", 5, 60));
    json!({"page": summary["page"], "incidents": list})
}

fn maintenances() -> Value {
    let start = now() - Duration::days(2);
    json!({"page": summary()["page"], "scheduled_maintenances": [
        {"id": "m1", "name": "Database upgrade", "status": "completed",
         "scheduled_for": start.to_rfc3339(), "scheduled_until": (start + Duration::hours(2)).to_rfc3339(),
         "started_at": start.to_rfc3339(), "resolved_at": (start + Duration::hours(1)).to_rfc3339(),
         "components": [{"id": GIT, "name": "Git Operations"}]},
        {"id": "m2", "name": "Later", "status": "scheduled",
         "scheduled_for": (now() + Duration::days(1)).to_rfc3339(), "scheduled_until": (now() + Duration::days(2)).to_rfc3339(),
         "components": [{"id": GIT, "name": "Git Operations"}]}
    ]})
}

async fn page_server(summary: Value, incidents: Value) -> MockServer {
    let server = MockServer::start().await;
    statuspage::serve(&server, summary, incidents, maintenances()).await;
    server
}

fn config(url: &str) -> SourceConfig {
    SourceConfig {
        url: Some(url.to_string()),
        history_days: Some(30),
        ..SourceConfig::new(Kind::Statuspage)
    }
}

fn seconds_of(data: &Dataset, component: &str) -> unsung_core::stats::StateSeconds {
    let id = format!("github/{component}");
    let mine: Vec<_> = data
        .intervals
        .iter()
        .filter(|i| i.service_id == id)
        .collect();
    state_seconds(
        &mine,
        TimeRange {
            from: now() - Duration::days(30),
            to: now(),
        },
    )
}

#[tokio::test]
async fn a_page_becomes_services_incidents_and_availability() {
    let server = page_server(summary(), incidents()).await;
    let (data, first, again) =
        common::sync_twice("github", &config(&server.uri()), None, now()).await;
    common::report_requests("Statuspage, an incident open", first, again);
    // summary, incidents, maintenances; then summary, and incidents again because the
    // recorded incident is still open.
    assert_eq!((first, again), (3, 2));

    let components = summary()["components"].as_array().unwrap().len();
    assert_eq!(data.services.len(), components);
    assert_eq!(data.incidents.len(), 4);
    let open = data
        .incidents
        .iter()
        .find(|i| i.external_id == "ljwdk6qml8z8")
        .unwrap();
    assert_eq!(open.title, "Incident with Packages and Pages");
    assert_eq!(open.resolved_at, None);
    assert_eq!(open.severity, Severity::Major);
    assert_eq!(
        open.opened_at,
        DateTime::parse_from_rfc3339("2022-11-25T14:39:09.542Z").unwrap()
    );
    assert!(
        open.notes
            .iter()
            .any(|n| n == "Pages is operating normally.")
    );
    assert_eq!(open.link.as_deref(), Some("https://stspg.io/33vh8r7z43kh"));

    // Git Operations: 30 + 90 minutes down, one hour of maintenance, up the rest of 30 days.
    let git = seconds_of(&data, GIT);
    assert_eq!(git.down, 120 * 60);
    assert_eq!(git.maintenance, 3600);
    assert_eq!(git.no_data, 0);
    assert_eq!(git.up, 30 * 86_400 - 120 * 60 - 3600);
    // Packages: one hour slow (counted as up), and down since the open incident began.
    let packages = seconds_of(&data, PACKAGES);
    assert_eq!(packages.degraded, 3600);
    let down_since = DateTime::parse_from_rfc3339("2022-11-25T14:39:09.542Z").unwrap();
    assert_eq!(
        packages.down,
        (now() - down_since.with_timezone(&Utc)).num_seconds()
    );
}

#[tokio::test]
async fn with_nothing_open_and_the_page_unchanged_a_resync_is_one_request() {
    let mut summary = summary();
    summary["incidents"] = json!([]);
    let server = page_server(
        summary,
        json!({"page": {}, "incidents": [resolved("r1", GIT, "major", 3, 30)]}),
    )
    .await;
    let (data, first, again) =
        common::sync_twice("github", &config(&server.uri()), None, now()).await;
    common::report_requests("Statuspage", first, again);
    assert_eq!((first, again), (3, 1));
    assert_eq!(data.incidents.len(), 1);
}

#[tokio::test]
async fn at_the_fifty_incident_limit_availability_is_only_claimed_back_to_the_oldest_served() {
    let list: Vec<Value> = (0..50)
        .map(|n| resolved(&format!("i{n}"), GIT, "minor", 1 + n / 5, 10))
        .collect();
    let server = page_server(summary(), json!({"page": {}, "incidents": list})).await;
    let run = common::first("github", &config(&server.uri()), None, now()).await;
    let fetched = run.result.unwrap();
    let oldest = fetched
        .data
        .incidents
        .iter()
        .map(|i| i.opened_at)
        .min()
        .unwrap();
    assert!(fetched.coverage.iter().all(|c| c.start == oldest));
    let git = seconds_of(&fetched.data, GIT);
    assert_eq!(
        git.no_data,
        (oldest - (now() - Duration::days(30))).num_seconds()
    );
}

#[tokio::test]
async fn hostile_titles_stay_text_and_stay_short() {
    let mut hostile = resolved("evil", GIT, "major", 1, 5);
    hostile["name"] = json!(format!(
        "<img src=x onerror=alert(1)>\n\u{202E}{}",
        "A".repeat(10_000)
    ));
    let server = page_server(summary(), json!({"page": {}, "incidents": [hostile]})).await;
    let run = common::first("github", &config(&server.uri()), None, now()).await;
    let data = run.result.unwrap().data;
    let title = &data.incidents[0].title;
    assert!(
        title.starts_with("<img src=x onerror=alert(1)> AAA"),
        "{title}"
    );
    assert!(title.chars().count() <= unsung_sources::text::MAX_TITLE_CHARS);
    assert!(!title.contains('\n') && !title.contains('\u{202E}'));
}

#[tokio::test]
async fn faults_fail_the_sync_with_one_clear_line() {
    // Not a status page at all.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>hello</html>"))
        .mount(&server)
        .await;
    let run = common::first("github", &config(&server.uri()), None, now()).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
    assert!(
        error.message.contains("could not read"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("Nothing was changed"),
        "{}",
        error.message
    );

    // Rate limited (Statuspage answers 420 or 429), then fine.
    let server = page_server(summary(), incidents()).await;
    let limited = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(420).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&limited)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(summary()))
        .mount(&limited)
        .await;
    let (result, requests) = common::check("github", &config(&limited.uri()), None, now()).await;
    assert!(result.unwrap().contains("GitHub"));
    assert_eq!(requests, 2);

    // A wrong address.
    let run = common::fetch(
        "github",
        &config(&format!("{}/nope", server.uri())),
        None,
        &Value::Null,
        &Dataset::default(),
        now(),
    )
    .await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::NotFound);
    assert!(
        error.message.contains("check the address"),
        "{}",
        error.message
    );
}

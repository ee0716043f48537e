//! The Statuspage connector against a local server replaying GitHub's recorded status page
//! (summary with an open major incident) and variants: resolved incidents with known times,
//! a maintenance, the 50-incident limit, faults and hostile titles; what the team said it
//! changed (a postmortem, else the resolving update) and planned work (maintenance, drills)
//! told apart and never counted.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use unsung_core::period::TimeRange;
use unsung_core::stats::counted_in;
use unsung_core::{Dataset, IncidentKind, Severity};
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
    common::seconds(data, &id, now() - Duration::days(30), now())
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
    // The page's 4 incidents, and the maintenance that has begun as a record of planned work.
    assert_eq!(data.incidents.len(), 5);
    let upgrade = data
        .incidents
        .iter()
        .find(|i| i.external_id == "maintenance/m1");
    let upgrade = upgrade.expect("the maintenance's record");
    assert_eq!(upgrade.kind, IncidentKind::Maintenance);
    assert_eq!(upgrade.title, "Database upgrade");
    assert_eq!(
        upgrade.resolved_at.map(|end| end - upgrade.opened_at),
        Some(Duration::hours(1)),
        "from when it started to when it was resolved"
    );
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
    assert_eq!(
        counted(&data),
        ["r1"],
        "and the maintenance's record, never counted"
    );
    assert_eq!(data.incidents.len(), 2);
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

/// The counted incidents' ids over the 30 days, as the core's figures count them.
fn counted(data: &Dataset) -> Vec<&str> {
    let month = TimeRange {
        from: now() - Duration::days(30),
        to: now(),
    };
    let mut ids: Vec<&str> = counted_in(&data.incidents, month)
        .into_iter()
        .map(|i| i.external_id.as_str())
        .collect();
    ids.sort();
    ids
}

/// The recorded open incident as it would read once resolved, with a published postmortem
/// (`postmortem_body`, `postmortem_published_at`: fields of Statuspage's incident that the
/// recording, taken while it was open, does not have yet; see tests/fixtures/PROVENANCE.md).
fn with_postmortem(body: &str, published_at: Value) -> Value {
    let mut incident = summary()["incidents"][0].clone();
    let fixed = (now() - Duration::minutes(30)).to_rfc3339();
    incident["status"] = json!("postmortem");
    incident["resolved_at"] = json!(fixed);
    let mut updates = incident["incident_updates"].as_array().unwrap().clone();
    updates.insert(
        0,
        json!({"id": "u-resolved", "status": "resolved",
        "body": "This incident has been resolved.", "display_at": fixed, "created_at": fixed,
        "affected_components": null}),
    );
    incident["incident_updates"] = json!(updates);
    incident["postmortem_body"] = json!(body);
    incident["postmortem_published_at"] = published_at;
    incident
}

#[tokio::test]
async fn what_changed_is_the_published_postmortem_else_the_resolving_update() {
    let postmortem =
        "We moved Pages to a second storage cluster and added an alert on queue depth.";
    let published = with_postmortem(postmortem, json!(now().to_rfc3339()));
    let mut draft = with_postmortem("Draft: not for anyone yet", Value::Null);
    draft["id"] = json!("draft");
    let mut hostile = resolved("evil", GIT, "major", 2, 5);
    hostile["incident_updates"][0]["body"] = json!(format!(
        "<img src=x onerror=alert(1)>\n\u{202E}{}",
        "A".repeat(10_000)
    ));
    let server = page_server(
        summary(),
        json!({"page": {}, "incidents": [published, draft, hostile, resolved("r1", GIT, "minor", 3, 30)]}),
    )
    .await;
    let run = common::first("github", &config(&server.uri()), None, now()).await;
    let data = run.result.unwrap().data;
    let said = |id: &str| {
        data.incidents
            .iter()
            .find(|i| i.external_id == id)
            .and_then(|i| i.source_explanation.clone())
    };
    assert_eq!(said("ljwdk6qml8z8").as_deref(), Some(postmortem));
    assert_eq!(
        said("draft").as_deref(),
        Some("This incident has been resolved."),
        "an unpublished postmortem is not used"
    );
    assert_eq!(
        said("r1").as_deref(),
        Some("Fixed."),
        "the resolving update"
    );
    let hostile = said("evil").unwrap();
    assert!(
        hostile.starts_with("<img src=x onerror=alert(1)> AAA"),
        "{hostile}"
    );
    assert!(!hostile.contains('\u{202E}') && !hostile.contains('\n'));
    assert!(hostile.chars().count() <= unsung_sources::text::MAX_EXPLANATION_CHARS);
}

#[tokio::test]
async fn scheduled_maintenances_and_drills_are_planned_work_never_counted_nor_downtime() {
    let start = now() - Duration::days(6);
    let window = |id: &str, name: &str, from: DateTime<Utc>, hours: i64, status: &str| {
        json!({"id": id, "name": name, "status": status, "shortlink": format!("https://stspg.io/{id}"),
            "scheduled_for": from.to_rfc3339(), "scheduled_until": (from + Duration::hours(hours)).to_rfc3339(),
            "started_at": from.to_rfc3339(),
            "resolved_at": if status == "completed" { json!((from + Duration::hours(hours)).to_rfc3339()) } else { Value::Null },
            "components": [{"id": GIT, "name": "Git Operations"}]})
    };
    let planned = json!({"page": {}, "scheduled_maintenances": [
        window("m1", "Database upgrade", start, 2, "completed"),
        window("g1", "Game day: failover test of Git Operations", start + Duration::days(2), 1, "completed"),
        window("s1", "Simulacro de caída", now() - Duration::minutes(30), 2, "in_progress"),
        window("later", "Failover test next week", now() + Duration::days(7), 1, "scheduled"),
    ]});
    let server = MockServer::start().await;
    statuspage::serve(
        &server,
        summary(),
        json!({"page": {}, "incidents": [resolved("r1", GIT, "major", 3, 30)]}),
        planned,
    )
    .await;
    let (data, _, _) = common::sync_twice("github", &config(&server.uri()), None, now()).await;
    let kind = |id: &str| {
        data.incidents
            .iter()
            .find(|i| i.external_id == id)
            .map(|i| (i.kind, i.resolved_at))
    };
    assert_eq!(
        kind("maintenance/m1"),
        Some((IncidentKind::Maintenance, Some(start + Duration::hours(2))))
    );
    assert_eq!(
        kind("maintenance/g1").map(|(kind, _)| kind),
        Some(IncidentKind::Drill)
    );
    assert_eq!(
        kind("maintenance/s1"),
        Some((IncidentKind::Drill, Some(now()))),
        "going on: up to now, never open"
    );
    assert_eq!(kind("maintenance/later"), None, "not begun");
    assert_eq!(counted(&data), ["r1"]);

    // Git Operations: 30 minutes down; 2 h + 1 h + 30 min planned, none of it downtime.
    let git = seconds_of(&data, GIT);
    assert_eq!(git.down, 30 * 60);
    assert_eq!(git.maintenance, (3 * 60 + 30) * 60);
    assert_eq!(git.up, 30 * 86_400 - git.down - git.maintenance);
}

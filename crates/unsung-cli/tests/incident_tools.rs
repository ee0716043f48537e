//! incident.io and Grafana OnCall as a user runs them: `unsung source add`, `unsung sync` and
//! `unsung stats --json` against a local organisation and a local OnCall instance
//! (unsung-testsupport), the figures checked against what the payloads say by hand. An
//! unchanged resync costs one request and changes nothing; a fault fails that source in one
//! line and leaves the figures exactly as they were.

#[path = "support/run.rs"]
mod command;

use command::{add_with_token, args, november_stats, ok, requests, run};
use serde_json::{Value, json};
use std::path::Path;
use unsung_testsupport::{grafana_oncall, incident_io};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// `unsung sync` must fail for `name` alone, in one line saying `said`, keeping the figures.
async fn sync_fails_keeping(db: &Path, name: &str, said: &str, figures: &Value) {
    let out = run(args(db, &["sync"])).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with(&format!("unsung: {name}:")))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains(said), "{}", lines[0]);
    assert!(
        !lines[0].contains(incident_io::TOKEN) && !lines[0].contains(grafana_oncall::TOKEN),
        "{}",
        lines[0]
    );
    assert_eq!(&november_stats(db).await, figures, "after: {said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incident_io_synced_gives_the_figures_its_incidents_say() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let server = MockServer::start().await;
    incident_io::serve(
        &server,
        &incident_io::standard(),
        incident_io::page(&[], None),
    )
    .await;

    let added = ok(add_with_token(
        &db,
        ("incident-io", "inc", &server.uri()),
        incident_io::TOKEN,
        &[],
    ))
    .await;
    assert!(
        added.contains("Added the incident-io source \"inc\""),
        "{added}"
    );
    let synced = ok(args(&db, &["sync"])).await;
    assert!(synced.contains("inc: synced"), "{synced}");
    // Three pages, the severities, one incident's updates, the follow-ups.
    assert_eq!(requests(&server).await, 6);

    let figures = november_stats(&db).await;
    let incidents = &figures["incidents"];
    // Counted: Checkout errors (30 min), Search slow (60 min, by its updates), Login outage
    // (10 min), and Payments degraded, still live. Merged, declined, canceled, test,
    // tutorial and the drill are not.
    assert_eq!(incidents["total"], 4, "{figures:#}");
    assert_eq!(incidents["resolved"], 3);
    assert_eq!(incidents["open"], 1);
    assert_eq!(incidents["median_seconds_to_resolve"], 1800);
    assert_eq!(incidents["longest_seconds_to_resolve"], 3600);

    // Nothing changed: one request, the same figures.
    ok(args(&db, &["sync"])).await;
    assert_eq!(requests(&server).await, 7);
    assert_eq!(november_stats(&db).await, figures);

    // Rate limited for an hour (in the body, as incident.io says it), then a wrong key.
    let later = (chrono::Utc::now() + chrono::Duration::hours(1))
        .format("%a, %d %b %Y %H:%M:%S UTC")
        .to_string();
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({
            "rate_limit": {"limit": 1200, "remaining": 0, "retry_after": later}})))
        .mount(&server)
        .await;
    sync_fails_keeping(&db, "inc", "limiting how often", &figures).await;
    server.reset().await;
    incident_io::serve(
        &server,
        &incident_io::standard(),
        incident_io::page(&[], None),
    )
    .await;
    ok(add_with_token(
        &db,
        ("incident-io", "inc", &server.uri()),
        "wrong-key",
        &[],
    ))
    .await;
    sync_fails_keeping(&db, "inc", "refused the token (HTTP 401)", &figures).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grafana_oncall_synced_gives_the_figures_its_alert_groups_say() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let server = MockServer::start().await;
    grafana_oncall::serve(&server, &grafana_oncall::standard(), true).await;

    let stack = ["--stack-url", grafana_oncall::STACK];
    let token = grafana_oncall::TOKEN;
    let added = ok(add_with_token(
        &db,
        ("grafana-oncall", "oncall", &server.uri()),
        token,
        &stack,
    ))
    .await;
    assert!(
        added.contains("Added the grafana-oncall source \"oncall\""),
        "{added}"
    );
    let synced = ok(args(&db, &["sync"])).await;
    assert!(synced.contains("oncall: synced"), "{synced}");
    // Three pages of alert groups, two of users.
    assert_eq!(requests(&server).await, 5);

    let figures = november_stats(&db).await;
    let incidents = &figures["incidents"];
    // Resolved in 30, 60 and 10 minutes; the silenced and the acknowledged groups are still
    // open; the drill is not counted, nor the group older than the period.
    assert_eq!(incidents["total"], 5, "{figures:#}");
    assert_eq!(incidents["resolved"], 3);
    assert_eq!(incidents["open"], 2);
    assert_eq!(incidents["median_seconds_to_resolve"], 1800);
    assert_eq!(incidents["longest_seconds_to_resolve"], 3600);

    // Nothing changed: one request, the same figures.
    ok(args(&db, &["sync"])).await;
    assert_eq!(requests(&server).await, 6);
    assert_eq!(november_stats(&db).await, figures);

    // The docs' own v1.7.x example, invalid JSON as published: a clear line, nothing lost.
    server.reset().await;
    let invalid = unsung_testsupport::fixture(
        "grafana-oncall/docs_v1.7.x_list_alert_groups.AS_PUBLISHED_invalid_json.txt",
    );
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(invalid))
        .mount(&server)
        .await;
    sync_fails_keeping(&db, "oncall", "could not read", &figures).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_using_both_gets_one_report_counted_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let inc = MockServer::start().await;
    incident_io::serve(&inc, &incident_io::standard(), incident_io::page(&[], None)).await;
    let oncall = MockServer::start().await;
    grafana_oncall::serve(&oncall, &grafana_oncall::standard(), false).await;
    ok(add_with_token(
        &db,
        ("incident-io", "inc", &inc.uri()),
        incident_io::TOKEN,
        &[],
    ))
    .await;
    let token = grafana_oncall::TOKEN;
    ok(add_with_token(
        &db,
        ("grafana-oncall", "oncall", &oncall.uri()),
        token,
        &[],
    ))
    .await;
    ok(args(&db, &["sync"])).await;

    let incidents = &november_stats(&db).await["incidents"];
    // Each source's own figures (4 and 5 incidents, 3 resolved in each, 30, 60 and 10 minutes
    // each), added up: nothing counted twice or differently for coming from two tools.
    assert_eq!(incidents["total"], 9);
    assert_eq!(incidents["resolved"], 6);
    assert_eq!(incidents["open"], 3);
    assert_eq!(incidents["median_seconds_to_resolve"], 1800);
    assert_eq!(incidents["longest_seconds_to_resolve"], 3600);
}

//! Better Stack Uptime and UptimeRobot through the `unsung` command as a user runs it:
//! `source add … --token-env`, `sync`, `stats --json`, against local servers replaying each
//! vendor (unsung-testsupport). The figures are the ones worked out by hand from the payloads
//! below; request counts of a first sync and an unchanged resync are exact.

#[path = "support/run.rs"]
mod command;

use command::{NOW, add_with_token, args, november_stats, ok, requests, service};
use unsung_testsupport::better_stack::{self, Team, monitor};
use unsung_testsupport::uptimerobot::{self, Account, log, v2_monitor};
use wiremock::MockServer;

/// 1 November to 29 November 20:00 UTC.
const WINDOW_SECONDS: f64 = 2_491_200.0;

const BS_TOKEN: &str = "bs-cli-token-never-shown";

/// Checkout: down 02:00–02:30 on 10 November and 14:00–14:10 on 20 November, as its
/// incidents say. Search, created 5 November at noon: a 10-minute blip at 08:00 on 15
/// November that no incident records, and down 09:00–09:45 on 22 November.
fn better_stack_team() -> Team {
    Team::new(BS_TOKEN)
        .monitor(monitor("1001", "Checkout", "2026-01-01T00:00:00Z"))
        .monitor(monitor("1002", "Search", "2026-11-05T12:00:00Z"))
        .outage(
            "5001",
            "1001",
            "Checkout",
            "2026-11-10T02:00:00Z",
            "2026-11-10T02:30:00Z",
        )
        .outage(
            "5002",
            "1001",
            "Checkout",
            "2026-11-20T14:00:00Z",
            "2026-11-20T14:10:00Z",
        )
        .down("1002", "2026-11-15T08:00:00Z", "2026-11-15T08:10:00Z")
        .outage(
            "5003",
            "1002",
            "Search",
            "2026-11-22T09:00:00Z",
            "2026-11-22T09:45:00Z",
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn better_stack_synced_gives_the_figures_its_payloads_say() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let server = MockServer::start().await;
    better_stack::serve(&server, better_stack_team()).await;

    ok(add_with_token(
        &db,
        ("better-stack", "uptime", &server.uri()),
        BS_TOKEN,
        &[],
    ))
    .await;
    let synced = ok(args(&db, &["sync"])).await;
    assert!(synced.contains("uptime: synced"), "{synced}");
    // Monitors, incidents, one SLA summary for Checkout (its incidents explain its
    // downtime), eleven for Search (25 days halved down to the day of the blip).
    assert_eq!(requests(&server).await, 1 + 1 + 1 + 11);

    let figures = november_stats(&db).await;
    // Checkout: 40 minutes down over the whole window.
    let checkout = service(&figures, "Checkout");
    assert_eq!(checkout["downtime_seconds"], 2400);
    assert_eq!(checkout["no_data_seconds"], 0);
    let ratio = checkout["uptime_ratio"].as_f64().unwrap();
    assert!(
        (ratio - (WINDOW_SECONDS - 2400.0) / WINDOW_SECONDS).abs() < 0.0001,
        "{ratio}"
    );
    // Search: measured from 5 November at noon (4.5 days unknown), 55 minutes down.
    let search = service(&figures, "Search");
    assert_eq!(search["downtime_seconds"], 3300);
    assert_eq!(search["no_data_seconds"], 388_800);
    let measured = WINDOW_SECONDS - 388_800.0;
    let ratio = search["uptime_ratio"].as_f64().unwrap();
    assert!(
        (ratio - (measured - 3300.0) / measured).abs() < 0.0001,
        "{ratio}"
    );
    // Three incidents, all resolved: 600, 1800 and 2700 seconds.
    let incidents = &figures["incidents"];
    assert_eq!(incidents["total"], 3, "{figures:#}");
    assert_eq!(incidents["resolved"], 3);
    assert_eq!(incidents["median_seconds_to_resolve"], 1800);
    assert_eq!(incidents["longest_seconds_to_resolve"], 2700);

    // Unchanged: monitors, today's incidents, today's summary of each monitor.
    ok(args(&db, &["sync"])).await;
    assert_eq!(requests(&server).await, 14 + 4);
    assert_eq!(november_stats(&db).await, figures);

    // The token never reaches the database or the output.
    let listed = ok(args(&db, &["source", "list", "--json"])).await;
    assert!(
        !listed.contains(BS_TOKEN) && listed.contains("\"token_set\": true"),
        "{listed}"
    );
    let bytes = std::fs::read(&db).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains(BS_TOKEN));
}

const UR_KEY: &str = "ur555-read-only-key-never-shown";

fn unix(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .timestamp()
}

/// A read-only key that v3 refuses, so v2's logs are read. Checkout: down 02:00–02:30 on 10
/// November and 14:00–14:10 on 20 November, paused all of 15 November. Search, started 5
/// November at noon: down since 19:00 today.
fn uptimerobot_account() -> Account {
    let entry = |kind, from: &str, to: &str| log(kind, unix(from), unix(to) - unix(from));
    let checkout = v2_monitor(
        11,
        "Checkout",
        2,
        vec![
            entry(98, "2026-10-01T00:00:00Z", "2026-11-10T02:00:00Z"),
            entry(1, "2026-11-10T02:00:00Z", "2026-11-10T02:30:00Z"),
            entry(2, "2026-11-10T02:30:00Z", "2026-11-15T00:00:00Z"),
            entry(99, "2026-11-15T00:00:00Z", "2026-11-16T00:00:00Z"),
            entry(98, "2026-11-16T00:00:00Z", "2026-11-20T14:00:00Z"),
            entry(1, "2026-11-20T14:00:00Z", "2026-11-20T14:10:00Z"),
            entry(2, "2026-11-20T14:10:00Z", NOW),
        ],
    );
    let search = v2_monitor(
        12,
        "Search",
        9,
        vec![
            entry(98, "2026-11-05T12:00:00Z", "2026-11-29T19:00:00Z"),
            entry(1, "2026-11-29T19:00:00Z", NOW),
        ],
    );
    Account {
        key: UR_KEY.into(),
        v3: false,
        v2_monitors: vec![checkout, search],
        v3_monitors: Vec::new(),
        v3_page: 50,
        v2_total: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uptimerobot_synced_gives_the_figures_its_logs_say() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let server = MockServer::start().await;
    uptimerobot::serve(&server, uptimerobot_account()).await;

    let mut add = args(
        &db,
        &[
            "source",
            "add",
            "uptimerobot",
            "--name",
            "robot",
            "--url",
            &server.uri(),
        ],
    );
    add.args(["--token-env", "UR_KEY"]).env("UR_KEY", UR_KEY);
    ok(add).await;
    let synced = ok(args(&db, &["sync"])).await;
    assert!(synced.contains("robot: synced"), "{synced}");
    // v3 refuses the read-only key; v2 answers with every monitor and its log.
    assert_eq!(requests(&server).await, 2);

    let figures = november_stats(&db).await;
    // Checkout: 40 minutes down; the paused day is neither up nor down.
    let checkout = service(&figures, "Checkout");
    assert_eq!(checkout["downtime_seconds"], 2400);
    assert_eq!(checkout["no_data_seconds"], 86_400);
    let measured = WINDOW_SECONDS - 86_400.0;
    let ratio = checkout["uptime_ratio"].as_f64().unwrap();
    assert!(
        (ratio - (measured - 2400.0) / measured).abs() < 0.0001,
        "{ratio}"
    );
    // Search: known from 5 November at noon, down the last hour.
    let search = service(&figures, "Search");
    assert_eq!(search["downtime_seconds"], 3600);
    assert_eq!(search["no_data_seconds"], 388_800);
    let measured = WINDOW_SECONDS - 388_800.0;
    let ratio = search["uptime_ratio"].as_f64().unwrap();
    assert!(
        (ratio - (measured - 3600.0) / measured).abs() < 0.0001,
        "{ratio}"
    );
    // Three outages, one still going: fixed in 600 and 1800 seconds.
    let incidents = &figures["incidents"];
    assert_eq!(incidents["total"], 3, "{figures:#}");
    assert_eq!(incidents["resolved"], 2);
    assert_eq!(incidents["open"], 1);
    assert_eq!(incidents["median_seconds_to_resolve"], 1200);
    assert_eq!(incidents["longest_seconds_to_resolve"], 1800);

    // Unchanged: straight to v2, one request.
    ok(args(&db, &["sync"])).await;
    assert_eq!(requests(&server).await, 2 + 1);
    assert_eq!(november_stats(&db).await, figures);

    let listed = ok(args(&db, &["source", "list", "--json"])).await;
    assert!(
        !listed.contains(UR_KEY) && listed.contains("\"token_set\": true"),
        "{listed}"
    );
    let bytes = std::fs::read(&db).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains(UR_KEY));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn better_stack_for_uptime_and_incident_io_for_incidents_make_one_report_counted_the_same_way()
 {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let monitors = MockServer::start().await;
    better_stack::serve(&monitors, better_stack_team()).await;
    let incidents = MockServer::start().await;
    unsung_testsupport::incident_io::serve(
        &incidents,
        &unsung_testsupport::incident_io::standard(),
        unsung_testsupport::incident_io::page(&[], None),
    )
    .await;

    ok(add_with_token(
        &db,
        ("better-stack", "uptime", &monitors.uri()),
        BS_TOKEN,
        &[],
    ))
    .await;
    ok(args(&db, &["sync"])).await;
    let uptime_alone = november_stats(&db).await;

    ok(add_with_token(
        &db,
        ("incident-io", "inc", &incidents.uri()),
        unsung_testsupport::incident_io::TOKEN,
        &[],
    ))
    .await;
    ok(args(&db, &["sync"])).await;
    let both = november_stats(&db).await;

    // Better Stack's services and their uptime are what they were alone: incident.io's
    // incidents name no service, so they take no time from any.
    assert_eq!(both["services"], uptime_alone["services"]);
    // The incidents are both tools' together, counted by one rule: Better Stack's 3 (all
    // fixed: 30, 10 and 45 minutes) and incident.io's 4 (3 fixed: 30, 60 and 10 minutes).
    let counted = &both["incidents"];
    assert_eq!(counted["total"], 7, "{counted:#}");
    assert_eq!(counted["resolved"], 6);
    assert_eq!(counted["open"], 1);
    assert_eq!(counted["median_seconds_to_resolve"], 1800);
    assert_eq!(counted["longest_seconds_to_resolve"], 3600);
}

//! `unsung source add`, `unsung sync` and `unsung stats --json` as a user runs them, against
//! local servers replaying a status page, an Uptime Kuma page and PagerDuty, and a CSV file.
//! The figures are checked against what the payloads say by hand; every fault leaves the
//! earlier figures exactly as they were, and says in one line what happened.

#[path = "support/run.rs"]
mod command;

use assert_cmd::Command;
use command::{NOW, add_statuspage, add_uptime_kuma, args, november_stats, ok, run, service};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Output;
use unsung_testsupport::{pagerduty, statuspage, uptime_kuma};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "pd-test-token-never-shown";

/// Adds the generic CSV fixture as the source "sheet".
async fn add_csv_sheet(db: &Path) {
    let file = unsung_testsupport::fixture_path("csv/generic.csv");
    let file = file.to_str().unwrap();
    ok(args(
        db,
        &["source", "add", "csv", "--name", "sheet", "--file", file],
    ))
    .await;
}

/// A status page: Checkout (down 30 + 10 minutes) and Search (slow for an hour).
async fn serve_status_page(server: &MockServer) {
    let (summary, incidents) = statuspage::page(
        "2026-11-20T14:10:00Z",
        &[("cmp-a", "Checkout page"), ("cmp-b", "Search page")],
        &[
            statuspage::resolved(
                "i1",
                "major",
                "cmp-a",
                "2026-11-10T02:00:00Z",
                "2026-11-10T02:30:00Z",
            ),
            statuspage::resolved(
                "i2",
                "minor",
                "cmp-b",
                "2026-11-12T10:00:00Z",
                "2026-11-12T11:00:00Z",
            ),
            statuspage::resolved(
                "i3",
                "critical",
                "cmp-a",
                "2026-11-20T14:00:00Z",
                "2026-11-20T14:10:00Z",
            ),
        ],
    );
    server.reset().await;
    statuspage::serve(server, summary, incidents, statuspage::no_maintenances()).await;
}

/// Uptime Kuma: the last 100 minutes of "Shop API", down for 5 of them.
async fn serve_kuma(server: &MockServer) {
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    let beats: Vec<Value> = (1..=100)
        .rev()
        .map(|ago| {
            let at = now - chrono::Duration::minutes(ago);
            let status = if (46..=50).contains(&ago) { 0 } else { 1 };
            json!({"status": status, "time": at.format(uptime_kuma::TIME_FORMAT).to_string(), "msg": "", "ping": 20})
        })
        .collect();
    let page = json!({
        "config": {"slug": "ops", "title": "Ops"}, "incidents": [],
        "publicGroupList": [{"id": 1, "name": "All", "monitorList": [{"id": 7, "name": "Shop API"}]}],
        "maintenanceList": []});
    let heartbeats = json!({"heartbeatList": {"7": beats}, "uptimeList": {"7_24": 0.95}});
    uptime_kuma::serve(server, "ops", page, heartbeats).await;
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_sources_synced_give_the_figures_their_payloads_say_and_faults_keep_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let status = MockServer::start().await;
    serve_status_page(&status).await;
    let kuma = MockServer::start().await;
    serve_kuma(&kuma).await;

    let added = ok(args(&db, &add_statuspage("status", &status.uri()))).await;
    assert!(
        added.contains("Added the statuspage source \"status\""),
        "{added}"
    );
    ok(args(&db, &add_uptime_kuma(&kuma.uri()))).await;
    add_csv_sheet(&db).await;

    let synced = ok(args(&db, &["sync"])).await;
    for name in ["status", "kuma", "sheet"] {
        assert!(synced.contains(&format!("{name}: synced")), "{synced}");
    }
    assert_eq!((requests(&status).await, requests(&kuma).await), (3, 2));

    let figures = november_stats(&db).await;
    // 1 November to 29 November 20:00 is 2,491,200 seconds; Checkout was down 40 minutes.
    let checkout = service(&figures, "Checkout page");
    assert_eq!(checkout["downtime_seconds"], 2400);
    assert_eq!(checkout["no_data_seconds"], 0);
    let ratio = checkout["uptime_ratio"].as_f64().unwrap();
    assert!(
        (ratio - (2_491_200.0 - 2400.0) / 2_491_200.0).abs() < 0.0001,
        "{ratio}"
    );
    let search = service(&figures, "Search page");
    assert_eq!(search["degraded_seconds"], 3600);
    assert_eq!(search["uptime_ratio"], 1.0, "slow counts as working");
    // Kuma: 100 minutes known, 5 of them down.
    let shop = service(&figures, "Shop API");
    assert_eq!(shop["downtime_seconds"], 300);
    assert!((shop["uptime_ratio"].as_f64().unwrap() - 0.95).abs() < 0.0001);
    assert_eq!(shop["no_data_seconds"], 2_491_200 - 6000);
    // 3 from the page, 1 from Kuma, 4 from the file (a merged duplicate left out, one open).
    let incidents = &figures["incidents"];
    assert_eq!(incidents["total"], 8, "{figures:#}");
    assert_eq!(incidents["resolved"], 7);
    assert_eq!(incidents["open"], 1);
    // 300, 600, 720, 1200, 1800, 3600, 5700 seconds.
    assert_eq!(incidents["median_seconds_to_resolve"], 1200);
    assert_eq!(incidents["longest_seconds_to_resolve"], 5700);
    assert_eq!(figures["days_since_major_incident"], 9);

    // Nothing changed: one request each, and nothing duplicated.
    ok(args(&db, &["sync"])).await;
    assert_eq!((requests(&status).await, requests(&kuma).await), (4, 3));
    assert_eq!(november_stats(&db).await, figures);

    // Faults on the status page: each fails that source alone, in one line, and the figures
    // stay as they were.
    let faults: Vec<(ResponseTemplate, &str)> = vec![
        (
            ResponseTemplate::new(500),
            "kept failing on its side (HTTP 500)",
        ),
        (
            ResponseTemplate::new(200).set_body_string("{\"page\": {\"name\": "),
            "the answer was cut off",
        ),
        (
            ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"),
            "could not read",
        ),
        (
            ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
            "limiting how often",
        ),
        (
            ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(3)),
            "did not answer within",
        ),
    ];
    for (answer, said) in faults {
        status.reset().await;
        Mock::given(method("GET"))
            .respond_with(answer)
            .mount(&status)
            .await;
        let before_kuma = requests(&kuma).await;
        let out = run(args(&db, &["sync"])).await;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("unsung: status:"))
            .collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(lines[0].contains(said), "{}", lines[0]);
        assert!(
            lines[0].contains("Earlier data is kept") || lines[0].contains("Nothing was changed"),
            "{}",
            lines[0]
        );
        assert!(
            stdout.contains("kuma: synced"),
            "the others still sync: {stdout}"
        );
        assert_eq!(requests(&kuma).await, before_kuma + 1);
        assert_eq!(november_stats(&db).await, figures, "after: {said}");
    }
    let listed = ok(args(&db, &["source", "list"])).await;
    assert!(listed.contains("last sync failed: "), "{listed}");

    // Back to normal: the source syncs again and says so.
    serve_status_page(&status).await;
    ok(args(&db, &["sync", "--source", "status"])).await;
    let listed: Value =
        serde_json::from_str(&ok(args(&db, &["source", "list", "--json"])).await).unwrap();
    let status_view = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "status")
        .unwrap();
    assert_eq!(status_view["last_error"], Value::Null);
    assert_eq!(november_stats(&db).await, figures);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_source_says_so_and_a_removed_one_takes_its_data_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    // A port nothing listens on: bind one, then let it go.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    ok(args(
        &db,
        &add_statuspage("gone", &format!("http://{closed}")),
    ))
    .await;
    add_csv_sheet(&db).await;
    let out = run(args(&db, &["sync"])).await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unsung: gone: Could not reach 127.0.0.1"),
        "{stderr}"
    );
    assert!(stderr.contains("network may be down"), "{stderr}");
    assert_eq!(
        november_stats(&db).await["incidents"]["total"],
        4,
        "the file still synced"
    );

    let removed = ok(args(&db, &["source", "remove", "sheet"])).await;
    assert!(removed.contains("Removed"), "{removed}");
    assert_eq!(november_stats(&db).await["incidents"]["total"], 0);
    let out = run(args(&db, &["source", "remove", "sheet"])).await;
    assert_eq!(out.status.code(), Some(2));

    let out = run(args(
        &db,
        &[
            "source",
            "add",
            "uptime-kuma",
            "--name",
            "k",
            "--url",
            "http://127.0.0.1:9",
        ],
    ))
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--slug"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pagerduty_token_is_used_but_never_shown_or_stored_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let pd = MockServer::start().await;
    // The account's log says who resolved the incident.
    let log = json!([{
        "id": "R1", "type": "resolve_log_entry", "created_at": "2015-10-06T21:38:23Z",
        "agent": {"id": "PXPGF42", "type": "user_reference", "summary": "Earline Greenholt"},
        "incident": {"id": "PT4KHLK", "type": "incident_reference"}}]);
    let incidents = json!([pagerduty::example_incident()]);
    pagerduty::serve(&pd, Some(TOKEN), incidents, log).await;

    let when = |cmd: &mut Command| {
        cmd.env("UNSUNG_NOW", "2015-10-10T00:00:00Z")
            .env("PD_TOKEN", TOKEN);
    };
    // The source "pd" read with the token in PD_TOKEN.
    let add_pagerduty = |token: &str| {
        let mut add = args(&db, &["source", "add", "pagerduty", "--name", "pd"]);
        add.args(["--url", &pd.uri(), "--token-env", "PD_TOKEN"])
            .env("PD_TOKEN", token);
        add
    };
    let october = || {
        let mut figures = args(
            &db,
            &["stats", "--from", "2015-10-01", "--to", "2015-10-10"],
        );
        figures.args(["--tz", "UTC", "--json"]);
        when(&mut figures);
        figures
    };
    let mut add = add_pagerduty(TOKEN);
    when(&mut add);
    let said = ok(add).await;
    assert!(said.contains("in a file only you can read"), "{said}");
    let mut sync = args(&db, &["sync"]);
    when(&mut sync);
    let synced = ok(sync).await;
    assert!(
        synced.contains("pd: synced (1 services, 1 incidents"),
        "{synced}"
    );
    let figures: Value = serde_json::from_str(&ok(october()).await).unwrap();
    assert_eq!(figures["incidents"]["total"], 1);
    assert_eq!(figures["incidents"]["median_seconds_to_resolve"], 461);

    // The token sits in the private file, not in the database, and is never printed.
    let tokens = dir.path().join("unsung-tokens.json");
    assert!(std::fs::read_to_string(&tokens).unwrap().contains(TOKEN));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&tokens).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    for file in std::fs::read_dir(dir.path()).unwrap() {
        let file = file.unwrap().path();
        if file != tokens {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(TOKEN),
                "{}",
                file.display()
            );
        }
    }
    let listed = ok(args(&db, &["source", "list", "--json"])).await;
    assert!(
        !listed.contains(TOKEN) && listed.contains("\"token_set\": true"),
        "{listed}"
    );

    // A wrong token: one clear line, no token in it, the incident still there.
    ok(add_pagerduty("wrong-token-also-secret")).await;
    let mut sync = args(&db, &["sync"]);
    when(&mut sync);
    let out = run(sync).await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unsung: pd: ") && stderr.contains("refused the token (HTTP 401)"),
        "{stderr}"
    );
    assert!(!stderr.contains("wrong-token-also-secret") && !stderr.contains(TOKEN));
    let after: Value = serde_json::from_str(&ok(october()).await).unwrap();
    assert_eq!(after["incidents"]["total"], 1);
}

/// What is missing is named as the flag that gives it (the window says it in its own words).
#[tokio::test]
async fn a_missing_setting_or_token_is_named_as_its_flag() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unsung.db");
    let refused = |out: Output| {
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    let no_url = refused(run(args(&db, &["source", "add", "statuspage", "--name", "sp"])).await);
    assert_eq!(no_url.trim(), "unsung: A statuspage source needs --url URL");
    let no_query = refused(
        run(args(
            &db,
            &[
                "source",
                "add",
                "prometheus",
                "--name",
                "p",
                "--url",
                "http://127.0.0.1:9/",
            ],
        ))
        .await,
    );
    assert!(no_query.contains("--query PROMQL"), "{no_query}");
    let no_token = refused(run(args(&db, &["source", "add", "pagerduty", "--name", "pd"])).await);
    assert!(no_token.contains("--token-env VAR"), "{no_token}");
    let no_source = refused(run(args(&db, &["source", "remove", "nothing-here"])).await);
    assert!(no_source.contains("`unsung source list`"), "{no_source}");
}

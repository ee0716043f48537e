//! Gatus and GitHub as a user adds and syncs them (`unsung source add`, `unsung sync`, then
//! `unsung stats --json` and `unsung story`), against local servers answering as a Gatus page
//! and as GitHub's REST API. The figures are the ones worked out by hand from what the servers
//! serve; both sources live in one database and give one report.

#[path = "support/run.rs"]
mod command;

use chrono::{DateTime, Duration, Utc};
use command::{NOW, args, ok, requests};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use unsung_testsupport::gatus::{self, Endpoint};
use unsung_testsupport::github::{self, Repository};
use wiremock::MockServer;

const TOKEN: &str = "github_pat_cli_test_never_shown";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW).unwrap().to_utc()
}

fn ago(minutes: i64) -> String {
    (now() - Duration::minutes(minutes)).to_rfc3339()
}

/// Checkout, checked each minute for the last 100 minutes (Gatus keeps 100 results): failing
/// 81–80, 50–46 and 29–20 minutes ago, so down for 2 + 5 + 10 minutes, each outage fixed by
/// the next passing check.
async fn serve_gatus(server: &MockServer) {
    let results = (1..=100)
        .rev()
        .map(|minutes| {
            let failing = matches!(minutes, 80..=81 | 46..=50 | 20..=29);
            gatus::result(!failing, &ago(minutes))
        })
        .collect();
    gatus::serve(
        server,
        vec![Endpoint::new("shop", "Checkout", results)],
        100,
    )
    .await;
}

/// Two repositories: the shop has two releases and a draft, one deployment that succeeded and
/// one that failed; the API has one release, and one from before November.
async fn serve_github(server: &MockServer) {
    let shop = Repository {
        releases: vec![
            github::release(3, "v2.1.0", Some("Faster checkout"), "2026-11-20T15:00:00Z"),
            {
                let mut draft = github::release(4, "v2.2.0", None, "2026-11-28T10:00:00Z");
                draft["draft"] = Value::Bool(true);
                draft["published_at"] = Value::Null;
                draft
            },
            github::release(2, "v2.0.0", None, "2026-11-10T08:30:00Z"),
        ],
        deployments: vec![
            github::deployment(42, "main", "production", "2026-11-25T10:00:00Z"),
            github::deployment(41, "topic", "staging", "2026-11-24T16:00:00Z"),
        ],
        statuses: BTreeMap::from([
            (
                42,
                vec![
                    github::status(2, "success", "2026-11-25T10:04:00Z"),
                    github::status(1, "in_progress", "2026-11-25T10:00:30Z"),
                ],
            ),
            (
                41,
                vec![github::status(3, "failure", "2026-11-24T16:02:00Z")],
            ),
        ]),
    };
    let api = Repository {
        releases: vec![
            github::release(9, "v9", None, "2026-11-27T12:00:00Z"),
            github::release(8, "v8", None, "2026-10-15T12:00:00Z"),
        ],
        ..Repository::default()
    };
    github::serve(server, TOKEN, "juniper/shop", shop).await;
    github::serve(server, TOKEN, "juniper/api", api).await;
}

async fn november(db: &Path, what: &[&str]) -> String {
    let mut list = what.to_vec();
    list.extend(["--from", "2026-11-01", "--to", NOW, "--tz", "UTC"]);
    ok(args(db, &list)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gatus_uptime_and_outages_and_githubs_updates_shipped_are_the_figures_worked_out_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let gatus_server = MockServer::start().await;
    serve_gatus(&gatus_server).await;
    let github_server = MockServer::start().await;
    serve_github(&github_server).await;

    let added = ok(args(
        &db,
        &[
            "source",
            "add",
            "gatus",
            "--name",
            "status",
            "--url",
            &gatus_server.uri(),
        ],
    ))
    .await;
    assert!(
        added.contains("Added the gatus source \"status\""),
        "{added}"
    );
    // A repository not given as owner/name is refused before anything is saved.
    let mut wrong = args(
        &db,
        &["source", "add", "github", "--name", "gh", "--repo", "shop"],
    );
    wrong
        .args(["--token-env", "GH_TOKEN"])
        .env("GH_TOKEN", TOKEN);
    let out = command::run(wrong).await;
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("as owner/name"), "{said}");
    let mut add = args(&db, &["source", "add", "github", "--name", "gh"]);
    add.args(["--url", &github_server.uri(), "--token-env", "GH_TOKEN"])
        .args(["--repo", "juniper/shop", "--repo", "juniper/api"])
        .env("GH_TOKEN", TOKEN);
    let said = ok(add).await;
    assert!(!said.contains(TOKEN), "{said}");
    let (gatus_before, github_before) = (
        requests(&gatus_server).await,
        requests(&github_server).await,
    );

    let synced = ok(args(&db, &["sync"])).await;
    assert!(synced.contains("status: synced"), "{synced}");
    assert!(synced.contains("gh: synced"), "{synced}");
    // Gatus: a full page of 100 results, then page 2 to see there is nothing older. GitHub:
    // each repository's releases and deployments, and the statuses of the shop's two.
    assert_eq!(requests(&gatus_server).await - gatus_before, 2);
    assert_eq!(requests(&github_server).await - github_before, 6);

    let figures: Value = serde_json::from_str(&november(&db, &["stats", "--json"]).await).unwrap();
    let checkout = figures["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Checkout")
        .unwrap_or_else(|| panic!("{figures:#}"));
    // 100 minutes known (6,000 s), 17 of them down (1,020 s): 4,980 / 6,000 = 0.83.
    assert_eq!(checkout["downtime_seconds"], 1020);
    assert_eq!(checkout["no_data_seconds"], 2_491_200 - 6000);
    let ratio = checkout["uptime_ratio"].as_f64().unwrap();
    assert!((ratio - 0.83).abs() < 0.0001, "{ratio}");
    let incidents = &figures["incidents"];
    assert_eq!(incidents["total"], 3, "{figures:#}");
    assert_eq!(incidents["resolved"], 3);
    // Fixed after 120, 300 and 600 seconds.
    assert_eq!(incidents["median_seconds_to_resolve"], 300);
    assert_eq!(incidents["longest_seconds_to_resolve"], 600);

    // Updates shipped in November: the shop's two releases and its deployment that
    // succeeded, and the API's November release (the draft, the failed deployment and the
    // October release are not).
    let story = november(&db, &["story", "--audience", "team"]).await;
    assert!(story.contains("4 deploys went out."), "{story}");

    // Nothing changed: Gatus's page 1 reaches back to what is known; GitHub answers 304 for
    // each list of each repository.
    ok(args(&db, &["sync"])).await;
    assert_eq!(requests(&gatus_server).await - gatus_before, 3);
    assert_eq!(requests(&github_server).await - github_before, 10);
    let again: Value = serde_json::from_str(&november(&db, &["stats", "--json"]).await).unwrap();
    assert_eq!(again, figures);
    assert!(
        november(&db, &["story", "--audience", "team"])
            .await
            .contains("4 deploys went out.")
    );
}

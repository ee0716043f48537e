//! A resync never overwrites what a person wrote: for each source that brings incidents (CSV,
//! PagerDuty, Statuspage, Uptime Kuma), synced with `unsung sync` against a local server
//! replaying it (or a file), a "what got better" text and a "this was practice" mark are saved
//! through the store, then the source is synced again unchanged, and again after its data
//! changed; the words, who wrote them and when, and the practice mark stay exactly as they
//! were, on the same incidents, and the practice one is never counted.
//!
//! Prometheus brings availability only, never incidents, so there is nothing to explain and
//! it has no case here.

#[path = "support/run.rs"]
mod command;

use chrono::{DateTime, Duration, TimeZone, Utc};
use command::{NOW, add_statuspage, add_uptime_kuma, args, ok};
use serde_json::{Value, json};
use std::path::Path;
use unsung_core::Explanation;
use unsung_store::{SqliteStore, Store};
use unsung_testsupport::{pagerduty, statuspage, uptime_kuma};
use wiremock::MockServer;

/// What people wrote, in the words they chose: markup, a bidi mark, quotes, stay as text.
const WHAT_GOT_BETTER: &str = "We added an early warning <b>so</b> we know first. \u{202E}\"x\"";

/// Ana's words on one incident, and Ben's practice mark on another.
fn written(words_on: &str, practice_on: &str) -> [Explanation; 2] {
    let at = Utc.with_ymd_and_hms(2026, 11, 29, 21, 0, 0).unwrap();
    [
        Explanation {
            incident_id: words_on.into(),
            text: WHAT_GOT_BETTER.into(),
            practice: false,
            written_by: "Ana".into(),
            written_at: at,
            edited_by: None,
            edited_at: None,
        },
        Explanation {
            incident_id: practice_on.into(),
            text: String::new(),
            practice: true,
            written_by: "Ben".into(),
            written_at: at + Duration::minutes(1),
            edited_by: None,
            edited_at: None,
        },
    ]
}

async fn store(db: &Path) -> SqliteStore {
    SqliteStore::open(db.to_str().unwrap()).await.unwrap()
}

/// Saves [`written`] on the first two incidents `source` brought (by id); returns them.
async fn write_on_two_incidents(db: &Path, source: &str) -> [Explanation; 2] {
    let store = store(db).await;
    let mut ids: Vec<String> = store
        .source_data(source)
        .await
        .unwrap()
        .incidents
        .into_iter()
        .map(|i| i.id)
        .collect();
    ids.sort();
    assert!(ids.len() >= 2, "{source} brought {ids:?}");
    let explanations = written(&ids[0], &ids[1]);
    for explanation in &explanations {
        store.save_explanation(explanation).await.unwrap();
    }
    assert_kept(db, &explanations, "as written").await;
    explanations
}

/// What was written is stored unchanged, and each incident still carries it.
async fn assert_kept(db: &Path, explanations: &[Explanation], after: &str) {
    let store = store(db).await;
    assert_eq!(store.explanations().await.unwrap(), explanations, "{after}");
    for explanation in explanations {
        let incident = store
            .incident(&explanation.incident_id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{after}: {} is gone", explanation.incident_id));
        assert_eq!(incident.explanation.as_ref(), Some(explanation), "{after}");
        if explanation.practice {
            assert!(!incident.counts(), "{after}: practice is never counted");
        }
    }
}

/// `unsung sync`, at `now`, with `env` set.
async fn sync_at(db: &Path, now: &str, env: &[(&str, &str)]) -> String {
    let mut sync = args(db, &["sync"]);
    sync.env("UNSUNG_NOW", now).envs(env.iter().copied());
    ok(sync).await
}

/// Syncs `source` three times around what people wrote: first, then unchanged, then after
/// `change` changed what it serves (read at `later`).
async fn resyncs_keep_what_people_wrote(
    db: &Path,
    source: &str,
    env: &[(&str, &str)],
    (now, later): (&str, &str),
    change: impl AsyncFnOnce(),
) {
    let synced = sync_at(db, now, env).await;
    assert!(synced.contains(&format!("{source}: synced")), "{synced}");
    let explanations = write_on_two_incidents(db, source).await;
    let before: Vec<String> = incident_titles(db, source).await;

    sync_at(db, now, env).await;
    assert_kept(db, &explanations, "an unchanged resync").await;

    change().await;
    sync_at(db, later, env).await;
    assert_kept(db, &explanations, "a resync of changed data").await;
    assert_ne!(
        incident_titles(db, source).await,
        before,
        "the source's data did change"
    );
}

async fn incident_titles(db: &Path, source: &str) -> Vec<String> {
    let data = store(db).await.source_data(source).await.unwrap();
    data.incidents.into_iter().map(|i| i.title).collect()
}

fn minutes_before(now: &str, minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(now).unwrap().to_utc() - Duration::minutes(minutes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_csv_resync_keeps_what_people_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let file = dir.path().join("incidents.csv");
    std::fs::write(
        &file,
        "id,title,service,opened_at,resolved_at,what_changed\n\
         A,Checkout down,Checkout,2026-11-02T10:00:00Z,2026-11-02T10:30:00Z,Added an alert\n\
         B,Search slow,Search,2026-11-03T10:00:00Z,2026-11-03T10:05:00Z,\n",
    )
    .unwrap();
    let file_arg = file.to_str().unwrap();
    ok(args(
        &db,
        &[
            "source", "add", "csv", "--name", "sheet", "--file", file_arg,
        ],
    ))
    .await;
    let change = async || {
        std::fs::write(
            &file,
            "id,title,service,opened_at,resolved_at,what_changed,kind\n\
             A,Checkout page down,Checkout,2026-11-02T10:00:00Z,2026-11-02T10:30:00Z,Added two alerts,incident\n\
             B,Search slow again,Search,2026-11-03T10:00:00Z,2026-11-03T10:05:00Z,,incident\n\
             C,Game day,Checkout,2026-11-04T10:00:00Z,2026-11-04T11:00:00Z,,drill\n",
        )
        .unwrap();
    };
    resyncs_keep_what_people_wrote(&db, "sheet", &[], (NOW, NOW), change).await;
    let a = store(&db).await.incident("sheet/A").await.unwrap().unwrap();
    assert_eq!(a.source_explanation.as_deref(), Some("Added two alerts"));
}

/// A status page with `incidents` on Checkout, as of `updated_at`.
async fn serve_page(server: &MockServer, updated_at: &str, incidents: &[(&str, &str, i64)]) {
    let times: Vec<(String, String)> = incidents
        .iter()
        .map(|(_, _, ago)| {
            let opened = minutes_before(NOW, *ago);
            (
                opened.to_rfc3339(),
                (opened + Duration::minutes(20)).to_rfc3339(),
            )
        })
        .collect();
    let resolved: Vec<statuspage::Resolved> = incidents
        .iter()
        .zip(&times)
        .map(|((id, impact, _), (from, to))| statuspage::resolved(id, impact, "cmp-a", from, to))
        .collect();
    let (summary, mut listed) = statuspage::page(updated_at, &[("cmp-a", "Checkout")], &resolved);
    for (incident, (id, _, _)) in listed["incidents"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .zip(incidents)
    {
        incident["name"] = json!(format!("Trouble {id} ({updated_at})"));
    }
    server.reset().await;
    statuspage::serve(server, summary, listed, statuspage::no_maintenances()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_statuspage_resync_keeps_what_people_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let server = MockServer::start().await;
    let first = [("i1", "major", 3000), ("i2", "minor", 2000)];
    serve_page(&server, "2026-11-27T10:00:00Z", &first).await;
    let url = server.uri();
    ok(args(&db, &add_statuspage("status", &url))).await;
    let change = async || {
        let more = [
            ("i1", "major", 3000),
            ("i2", "minor", 2000),
            ("i3", "critical", 600),
        ];
        serve_page(&server, "2026-11-29T19:50:00Z", &more).await;
    };
    resyncs_keep_what_people_wrote(&db, "status", &[], (NOW, NOW), change).await;
}

/// Kuma's last 100 minutes before `now` for "Shop API", down during the minutes `down` says.
async fn serve_kuma(server: &MockServer, now: &str, down: impl Fn(i64) -> bool) {
    let beats: Vec<Value> = (1..=100)
        .rev()
        .map(|ago| {
            let at = minutes_before(now, ago);
            json!({"status": if down(ago) { 0 } else { 1 },
                "time": at.format(uptime_kuma::TIME_FORMAT).to_string(), "msg": "", "ping": 20})
        })
        .collect();
    let page = json!({
        "config": {"slug": "ops", "title": "Ops"}, "incidents": [],
        "publicGroupList": [{"id": 1, "name": "All", "monitorList": [{"id": 7, "name": "Shop API"}]}],
        "maintenanceList": []});
    let heartbeats = json!({"heartbeatList": {"7": beats}, "uptimeList": {"7_24": 0.9}});
    server.reset().await;
    uptime_kuma::serve(server, "ops", page, heartbeats).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_uptime_kuma_resync_keeps_what_people_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let server = MockServer::start().await;
    // Two outages: 80 to 76 and 40 to 36 minutes before now.
    serve_kuma(&server, NOW, |ago| {
        (76..=80).contains(&ago) || (36..=40).contains(&ago)
    })
    .await;
    let url = server.uri();
    ok(args(&db, &add_uptime_kuma(&url))).await;
    // Thirty minutes later, a third outage: 10 to 5 minutes before then.
    let later = "2026-11-29T20:30:00Z";
    let change = async || {
        serve_kuma(&server, later, |ago| {
            (106..=110).contains(&ago) || (66..=70).contains(&ago) || (5..=10).contains(&ago)
        })
        .await;
    };
    resyncs_keep_what_people_wrote(&db, "kuma", &[], (NOW, later), change).await;
    let outages = store(&db)
        .await
        .source_data("kuma")
        .await
        .unwrap()
        .incidents;
    assert_eq!(outages.len(), 3, "{outages:#?}");
}

const TOKEN: &str = "pd-resync-token";

/// PagerDuty's account: the list example's resolved incident, and `more` besides.
async fn serve_pagerduty(server: &MockServer, more: &[(&str, &str, &str)]) {
    let example = pagerduty::example_incident();
    let mut incidents = vec![example.clone()];
    for (id, title, created_at) in more {
        let mut incident = example.clone();
        incident["id"] = json!(id);
        incident["title"] = json!(title);
        incident["created_at"] = json!(created_at);
        incident["resolved_at"] = json!(created_at);
        incidents.push(incident);
    }
    server.reset().await;
    pagerduty::serve(server, None, json!(incidents), json!([])).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pagerduty_resync_keeps_what_people_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let server = MockServer::start().await;
    serve_pagerduty(
        &server,
        &[(
            "PSECOND",
            "Disk full on the mail server",
            "2015-10-08T10:00:00Z",
        )],
    )
    .await;
    let env = [("PD_TOKEN", TOKEN)];
    let mut add = args(
        &db,
        &[
            "source",
            "add",
            "pagerduty",
            "--name",
            "pd",
            "--token-env",
            "PD_TOKEN",
        ],
    );
    add.args(["--url", &server.uri()])
        .envs(env)
        .env("UNSUNG_NOW", "2015-10-10T00:00:00Z");
    ok(add).await;
    let change = async || {
        serve_pagerduty(
            &server,
            &[
                (
                    "PSECOND",
                    "Disk full on the mail server",
                    "2015-10-08T10:00:00Z",
                ),
                (
                    "PTHIRD",
                    "Game day: mail failover test",
                    "2015-10-10T12:00:00Z",
                ),
            ],
        )
        .await;
    };
    let times = ("2015-10-10T00:00:00Z", "2015-10-11T00:00:00Z");
    resyncs_keep_what_people_wrote(&db, "pd", &env, times, change).await;
    let drill = store(&db)
        .await
        .incident("pd/PTHIRD")
        .await
        .unwrap()
        .unwrap();
    assert!(!drill.counts(), "the game day is a drill");
}

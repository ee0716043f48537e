//! What a sync reads and what it makes of it: the example incidents mapped, who resolved them
//! and their notes from the account-wide log, and what a first sync and a resync cost.

use super::account::*;
use super::common;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use unsung_core::{Dataset, Disposition, Severity, Status};
use unsung_sources::merge;
use wiremock::MockServer;

#[tokio::test]
async fn a_first_sync_maps_the_example_incidents() {
    let server = MockServer::start().await;
    mount(&server, &standard_account()).await;
    let run = first_sync(&config(&server)).await;
    let fetched = run.result.expect("sync");
    let data = &fetched.data;

    assert_eq!(data.services.len(), 1);
    let service = &data.services[0];
    assert_eq!(
        (
            service.id.as_str(),
            service.source.as_str(),
            service.external_id.as_str()
        ),
        ("pd/PIJ90N7", "pd", "PIJ90N7")
    );
    assert_eq!(
        service.name, "My Application Service",
        "the services list names it, not a reference"
    );
    assert_eq!(service.friendly_name, None);

    let fire = incident(data, "PT4KHLK");
    assert_eq!(fire.id, "pd/PT4KHLK");
    assert_eq!(fire.title, "The server is on fire.");
    assert_eq!(fire.severity, Severity::Minor, "P2 is not the top priority");
    assert_eq!(fire.opened_at, utc("2015-10-06T21:30:42Z"));
    assert_eq!(
        fire.acknowledged_at,
        Some(utc("2015-10-06T21:32:00Z")),
        "from the log: the body's list is empty once resolved"
    );
    assert_eq!(fire.resolved_at, Some(utc("2015-10-06T21:38:23Z")));
    assert_eq!(fire.resolved_by.as_deref(), Some("Earline Greenholt"));
    assert_eq!(fire.responders, vec!["Lee Turner", "Earline Greenholt"]);
    assert_eq!(fire.service_id.as_deref(), Some("pd/PIJ90N7"));
    assert_eq!(
        fire.link.as_deref(),
        Some("https://subdomain.pagerduty.com/incidents/PT4KHLK")
    );
    assert_eq!(fire.disposition, Disposition::Counted);
    assert_eq!(
        fire.notes,
        vec![
            "Initial alert information indicates a 1-alarm fire",
            "Firefighters are on the scene."
        ],
        "20:28:45Z comes before 15:28:51-05:00 (20:28:51Z)"
    );

    let duplicate = incident(data, "PMERGED");
    assert_eq!(duplicate.disposition, Disposition::Merged);
    assert!(
        !duplicate.counts(),
        "a merged incident is left out of every figure"
    );

    let ongoing = incident(data, "POPEN01");
    assert_eq!(ongoing.resolved_at, None);
    assert_eq!(ongoing.severity, Severity::Major, "P1");
    assert_eq!(ongoing.acknowledged_at, Some(utc("2015-11-10T00:32:52Z")));
    assert_eq!(
        ongoing.responders,
        vec!["Earline Greenholt"],
        "assignee and acknowledger once"
    );

    assert_eq!(data.people, vec!["Earline Greenholt", "Lee Turner"]);

    // 2015-11-09 20:00-22:00 at -05:00.
    let maintenance = [(utc("2015-11-10T01:00:00Z"), utc("2015-11-10T03:00:00Z"))];
    assert_eq!(
        data.intervals
            .iter()
            .map(|i| (i.service_id.as_str(), i.start, i.end, i.status))
            .collect::<Vec<_>>(),
        vec![(
            "pd/PIJ90N7",
            maintenance[0].0,
            maintenance[0].1,
            Status::Maintenance
        )]
    );
    assert_eq!(
        fetched
            .coverage
            .iter()
            .map(|c| (c.service_id.as_str(), c.start, c.end))
            .collect::<Vec<_>>(),
        vec![("pd/PIJ90N7", maintenance[0].0, maintenance[0].1)]
    );

    assert_eq!(data.changes.len(), 1);
    let change = &data.changes[0];
    assert_eq!(
        (
            change.id.as_str(),
            change.service_id.as_deref(),
            change.at,
            change.summary.as_str()
        ),
        (
            "pd/01CHANGE1",
            Some("pd/PIJ90N7"),
            utc("2015-11-08T10:00:00Z"),
            "Deployed v2.3 to mail"
        )
    );

    // One read of the account's log, from the newly resolved incident's opening, with the
    // channels that hold the notes; nothing per incident.
    let asked = requests(&server).await;
    let paths: Vec<&str> = asked.iter().map(|(path, _)| path.as_str()).collect();
    assert!(
        !paths.iter().any(|p| p.starts_with("/incidents/")),
        "{paths:?}"
    );
    let log: Vec<_> = asked
        .iter()
        .filter(|(path, _)| path == "/log_entries")
        .map(|(_, q)| q)
        .collect();
    assert_eq!(log.len(), 1, "{paths:?}");
    assert_eq!(
        (
            log[0]["since"].as_str(),
            log[0]["until"].as_str(),
            log[0].get("include[]").map(String::as_str)
        ),
        (
            "2015-10-06T21:30:42Z",
            "2015-11-12T00:00:00Z",
            Some("channels")
        )
    );
}

#[tokio::test]
async fn an_unchanged_resync_costs_a_fixed_few_requests_and_changes_nothing() {
    let server = MockServer::start().await;
    mount(&server, &standard_account()).await;
    let (merged, first, second) =
        common::sync_twice(NAME, &config(&server), Some(TOKEN), now()).await;
    common::report_requests("PagerDuty", first, second);
    // services 1 + incidents 3 (a year in 180-day windows) + the account's log since the
    // resolved incident opened 1 + maintenance windows 1 + change events 3.
    assert_eq!(first, 9);
    // incidents since the cursor 1 + the open incident 1 + change events since the cursor 1;
    // no log (nothing newly resolved) and no maintenance windows (none can have changed).
    assert_eq!(second, 3);
    assert_eq!(problems(&merged), 3);
    assert_eq!(
        merged.intervals.len(),
        1,
        "the maintenance window is replaced, not doubled"
    );
    assert_eq!(merged.changes.len(), 1);

    let asked = requests(&server).await;
    let resync = &asked[first as usize..];
    let windows: Vec<(&str, &str)> = resync
        .iter()
        .filter(|(path, _)| path == "/incidents")
        .map(|(_, q)| (q["since"].as_str(), q["until"].as_str()))
        .collect();
    assert_eq!(
        windows,
        vec![("2015-11-11T23:50:00Z", "2015-11-12T00:00:00Z")],
        "since the cursor, with a short overlap"
    );
    assert!(
        !resync.iter().any(|(path, _)| path == "/services"),
        "services are read once a day"
    );
}

#[tokio::test]
async fn an_open_incident_resolved_between_syncs_is_updated() {
    let server = MockServer::start().await;
    let mut account = standard_account();
    mount(&server, &account).await;
    let config = config(&server);
    let first = first_sync(&config).await.result.expect("first sync");
    let known = merge::apply(Dataset::default(), &first);
    assert_eq!(incident(&known, "POPEN01").resolved_at, None);

    server.reset().await;
    account.single = vec![open_now_resolved()];
    account.log.items.extend(log_entries(&Story {
        incident: "POPEN01",
        opened: "2015-11-10T00:30:00Z",
        acknowledged: Some("2015-11-10T00:32:52Z"),
        resolved: Some("2015-11-12T05:00:00Z"),
        notes: &[
            ("2015-11-12T04:00:00Z", "Found the full disk."),
            ("2015-11-12T04:55:00Z", "Cleared it; watching."),
        ],
    }));
    mount(&server, &account).await;
    let later = now() + Duration::hours(6);
    let run = common::fetch(NAME, &config, Some(TOKEN), &first.cursor, &known, later).await;
    // incidents since the cursor 1 + the open incident 1 + the log since it opened 1 +
    // maintenance windows, listed 6 hours later 1 + change events 1.
    assert_eq!(run.requests, 5);
    let fetched = run.result.expect("resync");
    let updated = merge::apply(known, &fetched);
    let resolved = incident(&updated, "POPEN01");
    assert_eq!(resolved.resolved_at, Some(utc("2015-11-12T05:00:00Z")));
    assert_eq!(resolved.resolved_by.as_deref(), Some("Earline Greenholt"));
    assert_eq!(resolved.acknowledged_at, Some(utc("2015-11-10T00:32:52Z")));
    assert_eq!(resolved.responders, vec!["Earline Greenholt", "Lee Turner"]);
    assert_eq!(
        resolved.notes,
        vec!["Found the full disk.", "Cleared it; watching."]
    );
    assert_eq!(problems(&updated), 3, "updated in place, nothing doubled");
    assert_eq!(
        incident(&updated, "PT4KHLK").notes.len(),
        2,
        "history read before is kept"
    );
}

/// `count` incidents created every `step` from `start`, each acknowledged two minutes and
/// resolved ten minutes after it opened, with the log that tells it.
fn resolved_many(count: usize, start: &str, step: Duration) -> (Vec<Value>, Vec<Value>) {
    let mut incidents = Vec::new();
    let mut log = Vec::new();
    for n in 0..count {
        let opened = utc(start) + step * n as i32;
        let at = |minutes: i64| (opened + Duration::minutes(minutes)).to_rfc3339();
        let id = format!("PRES{n:04}");
        let mut incident = fire();
        incident["id"] = json!(id);
        incident["created_at"] = json!(at(0));
        incident["resolved_at"] = json!(at(10));
        incidents.push(incident);
        log.extend(log_entries(&Story {
            incident: &id,
            opened: &at(0),
            acknowledged: Some(&at(2)),
            resolved: Some(&at(10)),
            notes: &[],
        }));
    }
    (incidents, log)
}

#[tokio::test]
async fn who_resolved_many_incidents_costs_pages_of_the_log_not_requests_per_incident() {
    let server = MockServer::start().await;
    let (incidents, log) = resolved_many(120, "2015-11-08T00:00:00Z", Duration::minutes(30));
    let account = Account {
        incidents: Listing::new("incidents", "created_at", incidents),
        single: vec![],
        log: Listing::new("log_entries", "created_at", log),
        ..standard_account()
    };
    mount(&server, &account).await;
    let run = first_sync(&config(&server)).await;
    let fetched = run.result.expect("sync");
    assert_eq!(problems(&fetched.data), 120);
    let kind = unsung_core::IncidentKind::Problem;
    for incident in fetched.data.incidents.iter().filter(|i| i.kind == kind) {
        assert_eq!(
            incident.resolved_by.as_deref(),
            Some("Earline Greenholt"),
            "{}",
            incident.external_id
        );
        assert_eq!(
            incident.acknowledged_at,
            Some(incident.opened_at + Duration::minutes(2))
        );
    }
    // services 1 + incidents 3 windows, the last in 2 pages 4 + the log's 360 entries in 4
    // pages + maintenance windows 1 + change events 3; asking per incident cost 240 more.
    assert_eq!(run.requests, 13);
}

/// Syncs once at `now()` over `windows`, then again at `later`: whether the resync listed
/// the maintenance windows, and the maintenance intervals merged after it.
async fn resync_maintenance(windows: Value, later: Duration) -> (bool, Vec<(String, String)>) {
    let server = MockServer::start().await;
    let account = Account {
        maintenance_windows: json!({"maintenance_windows": windows, "more": false}),
        ..standard_account()
    };
    mount(&server, &account).await;
    let config = config(&server);
    let first = first_sync(&config).await;
    let first_requests = first.requests as usize;
    let first = first.result.expect("first sync");
    let known = merge::apply(Dataset::default(), &first);
    let run = common::fetch(
        NAME,
        &config,
        Some(TOKEN),
        &first.cursor,
        &known,
        now() + later,
    )
    .await;
    let merged = merge::apply(known, &run.result.expect("resync"));
    let listed = requests(&server).await[first_requests..]
        .iter()
        .any(|(path, _)| path == "/maintenance_windows");
    let intervals = merged
        .intervals
        .iter()
        .filter(|i| i.status == Status::Maintenance)
        .map(|i| (i.start.to_rfc3339(), i.end.to_rfc3339()))
        .collect();
    (listed, intervals)
}

fn maintenance_window(start: DateTime<Utc>, end: DateTime<Utc>) -> Value {
    let mut window =
        fixture("openapi_list_maintenance_windows.json")["maintenance_windows"][0].clone();
    window["start_time"] = json!(start.to_rfc3339());
    window["end_time"] = json!(end.to_rfc3339());
    window
}

#[tokio::test]
async fn maintenance_windows_are_listed_again_only_when_they_can_have_changed() {
    let past = fixture("openapi_list_maintenance_windows.json")["maintenance_windows"].clone();
    let (listed, intervals) = resync_maintenance(past.clone(), Duration::minutes(10)).await;
    assert!(!listed, "an ended window is final; none was due");
    assert_eq!(intervals.len(), 1, "the stored window is kept");
    let (listed, _) = resync_maintenance(past, Duration::minutes(30)).await;
    assert!(
        listed,
        "after half an hour, for a window opened on the spot"
    );

    let ongoing = json!([maintenance_window(
        now() - Duration::hours(1),
        now() + Duration::hours(1)
    )]);
    let (listed, intervals) = resync_maintenance(ongoing, Duration::minutes(5)).await;
    assert!(listed, "a window going on can be ended early or extended");
    assert_eq!(
        intervals,
        vec![(
            (now() - Duration::hours(1)).to_rfc3339(),
            (now() + Duration::minutes(5)).to_rfc3339()
        )],
        "extended up to the resync"
    );

    let soon = json!([maintenance_window(
        now() + Duration::minutes(20),
        now() + Duration::hours(2)
    )]);
    let (listed, _) = resync_maintenance(soon.clone(), Duration::minutes(15)).await;
    assert!(!listed, "not begun yet");
    let (listed, intervals) = resync_maintenance(soon, Duration::minutes(25)).await;
    assert!(listed, "it has begun");
    assert_eq!(intervals.len(), 1);
}

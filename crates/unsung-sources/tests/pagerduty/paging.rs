//! Paging and windows: every page read once, windows halved under the 10 000 offset cap,
//! records set aside rather than failing the sync, and what an account may not have.

use super::account::*;
use super::common;
use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};
use std::collections::HashSet;
use unsung_sources::Fetched;
use wiremock::{MockServer, ResponseTemplate};

/// Open incidents (no log to read) created every `step` from `start`.
fn many_incidents(count: usize, start: DateTime<Utc>, step: Duration) -> Vec<Value> {
    (0..count)
        .map(|n| {
            let mut incident = open();
            incident["id"] = json!(format!("PMANY{n:05}"));
            incident["incident_number"] = json!(n);
            incident["created_at"] = json!((start + step * n as i32).to_rfc3339());
            incident["status"] = json!("triggered");
            incident
        })
        .collect()
}

/// A first sync of an account holding only `incidents`: what it fetched, and the server.
async fn first_sync_of(incidents: Listing) -> (Fetched, MockServer) {
    let server = MockServer::start().await;
    let account = Account {
        incidents,
        single: vec![],
        ..standard_account()
    };
    mount(&server, &account).await;
    let fetched = first_sync(&config(&server)).await.result.expect("sync");
    (fetched, server)
}

fn distinct_ids(fetched: &Fetched) -> usize {
    let ids: HashSet<&str> = fetched
        .data
        .incidents
        .iter()
        .filter(|i| i.kind == unsung_core::IncidentKind::Problem)
        .map(|i| i.external_id.as_str())
        .collect();
    ids.len()
}

#[tokio::test]
async fn every_page_is_read_once_and_nothing_is_doubled() {
    let incidents = many_incidents(250, utc("2015-11-07T12:00:00Z"), Duration::minutes(10));
    let (fetched, server) = first_sync_of(Listing::new("incidents", "created_at", incidents)).await;
    assert_eq!(problems(&fetched.data), 250);
    assert_eq!(distinct_ids(&fetched), 250);
    let pages: Vec<(String, String)> = requests(&server)
        .await
        .into_iter()
        .filter(|(path, _)| path == "/incidents")
        .map(|(_, q)| (q["since"].clone(), q["offset"].clone()))
        .collect();
    // Two empty windows, then the last one in three pages.
    assert_eq!(
        pages,
        vec![
            ("2014-11-12T00:00:00Z".to_string(), "0".to_string()),
            ("2015-05-11T00:00:00Z".to_string(), "0".to_string()),
            ("2015-11-07T00:00:00Z".to_string(), "0".to_string()),
            ("2015-11-07T00:00:00Z".to_string(), "100".to_string()),
            ("2015-11-07T00:00:00Z".to_string(), "200".to_string()),
        ]
    );
}

#[tokio::test]
async fn windows_holding_more_than_the_offset_cap_are_halved_until_they_fit() {
    // One incident every ~3 days over the year.
    let spread = many_incidents(120, utc("2014-11-12T06:00:00Z"), Duration::days(3));
    let (fetched, server) = first_sync_of(Listing {
        busy_beyond: Some(Duration::days(40)),
        ..Listing::new("incidents", "created_at", spread)
    })
    .await;
    assert_eq!(
        (problems(&fetched.data), distinct_ids(&fetched)),
        (120, 120)
    );
    let windows: Vec<(DateTime<Utc>, DateTime<Utc>, u64)> = requests(&server)
        .await
        .into_iter()
        .filter(|(path, _)| path == "/incidents")
        .map(|(_, q)| {
            (
                utc(&q["since"]),
                utc(&q["until"]),
                q["offset"].parse().unwrap(),
            )
        })
        .collect();
    let wide = windows
        .iter()
        .filter(|(since, until, _)| *until - *since > Duration::days(40))
        .count();
    let read: Vec<_> = windows
        .iter()
        .filter(|(since, until, _)| *until - *since <= Duration::days(40))
        .collect();
    // 180 → 90 → 45 → 22.5 days for each of the two long windows (2 + 4 + 8 asked and
    // dropped), then 16 windows of 22.5 days and the 5-day tail, read.
    assert_eq!(wide, 14);
    assert_eq!(read.len(), 17);
    assert!(read.iter().all(|(_, _, offset)| *offset == 0));
    // The windows read cover the year without a gap or an overlap.
    let mut spans: Vec<_> = read
        .iter()
        .map(|(since, until, _)| (*since, *until))
        .collect();
    spans.sort();
    assert_eq!(spans.first().unwrap().0, now() - Duration::days(365));
    assert_eq!(spans.last().unwrap().1, now());
    assert!(spans.windows(2).all(|pair| pair[0].1 == pair[1].0));
}

#[tokio::test]
async fn a_record_with_an_unreadable_time_is_set_aside_not_fatal() {
    let server = MockServer::start().await;
    let mut served = fixture("openapi_list_incidents.json");
    let mut bad = fire();
    bad["id"] = json!("PBROKEN");
    bad["created_at"] = json!("yesterday-ish");
    served["incidents"] = json!([fire(), bad]);
    served["more"] = json!(false);
    mount(&server, &standard_account()).await;
    // Every window gets the same page; the connector reads each incident once.
    authed("/incidents")
        .respond_with(ResponseTemplate::new(200).set_body_json(served))
        .with_priority(1)
        .mount(&server)
        .await;
    let fetched = first_sync(&config(&server))
        .await
        .result
        .expect("one bad record does not fail the sync");
    assert!(
        fetched
            .data
            .incidents
            .iter()
            .any(|i| i.external_id == "PT4KHLK")
    );
    assert!(
        !fetched
            .data
            .incidents
            .iter()
            .any(|i| i.external_id == "PBROKEN")
    );
}

#[tokio::test]
async fn a_hostile_title_is_kept_as_bounded_plain_text() {
    let server = MockServer::start().await;
    let mut account = standard_account();
    let hostile = format!(
        "<script>alert('pd')</script>\r\nDown\u{0}again {}",
        "x".repeat(10_000)
    );
    account.incidents.items[0]["title"] = json!(hostile);
    mount(&server, &account).await;
    let fetched = first_sync(&config(&server)).await.result.expect("sync");
    let title = &incident(&fetched.data, "PT4KHLK").title;
    assert!(
        title.starts_with("<script>alert('pd')</script> Down again xxx"),
        "{title}"
    );
    assert!(
        title.chars().count() <= 200,
        "bounded: {}",
        title.chars().count()
    );
    assert!(!title.chars().any(char::is_control));
}

#[tokio::test]
async fn change_events_an_account_does_not_have_are_skipped() {
    for status in [403, 404] {
        let server = MockServer::start().await;
        authed("/change_events")
            .respond_with(ResponseTemplate::new(status))
            .with_priority(1)
            .mount(&server)
            .await;
        mount(&server, &standard_account()).await;
        let run = first_sync(&config(&server)).await;
        let fetched = run
            .result
            .unwrap_or_else(|e| panic!("HTTP {status}: {}", e.message));
        assert!(fetched.data.changes.is_empty());
        assert_eq!(problems(&fetched.data), 3);
        assert_eq!(run.requests, 7, "one refused request, not one per window");
    }
}

#[tokio::test]
async fn check_reads_one_page_of_services() {
    let server = MockServer::start().await;
    mount(&server, &standard_account()).await;
    let (result, requests) = common::check(NAME, &config(&server), Some(TOKEN), now()).await;
    assert_eq!(result.expect("check"), "Connected to PagerDuty");
    assert_eq!(requests, 1);
    let asked = self::requests(&server).await;
    assert_eq!(asked[0].1.get("limit").map(String::as_str), Some("1"));
}

// Faults: each says what happened and what to do, and never shows the token.

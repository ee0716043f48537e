//! The Uptime Kuma connector against a local server serving status-page and heartbeat
//! payloads in the shape of Kuma's source and wiki (tests/fixtures/uptime-kuma): times in UTC
//! without a zone marker, the last 100 beats per monitor, old and new notice shapes.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use unsung_core::Dataset;
use unsung_sources::{Kind, SourceConfig, SourceErrorKind, merge};
use unsung_testsupport::uptime_kuma;
use wiremock::MockServer;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn kuma_time(at: DateTime<Utc>) -> String {
    at.format(uptime_kuma::TIME_FORMAT).to_string()
}

/// Beats `from..to` (minute numbers after `start`), each with the status `status_at` gives.
fn beats(from: i64, to: i64, status_at: impl Fn(i64) -> Option<i64>) -> Value {
    Value::Array(
        (from..to)
            .filter_map(|minute| {
                let status = status_at(minute)?;
                Some(json!({"status": status, "time": kuma_time(start() + Duration::minutes(minute)), "msg": "", "ping": 12}))
            })
            .collect(),
    )
}

/// Monitor 1: down at minutes 20–24 and 130–139 (a run that spans two syncs), pending at 50.
/// Monitor 2: no beats from minute 60 to 89 (Kuma was stopped).
fn shop(minute: i64) -> Option<i64> {
    Some(match minute {
        20..=24 | 130..=139 => 0,
        50 => 2,
        _ => 1,
    })
}

fn search(minute: i64) -> Option<i64> {
    (!(60..90).contains(&minute)).then_some(1)
}

fn page(notices: Value) -> Value {
    let mut page = json!({
        "config": {"slug": "team", "title": "Juniper status", "published": true},
        "publicGroupList": [{"id": 1, "name": "Shop", "weight": 1, "monitorList": [
            {"id": 1, "name": "Online shop", "type": "http"},
            {"id": 2, "name": "Book search\n<b>v2</b>", "type": "http"}
        ]}],
        "maintenanceList": []
    });
    for (key, value) in notices.as_object().unwrap() {
        page[key] = value.clone();
    }
    page
}

async fn kuma(heartbeats: Value, status_page: Value) -> MockServer {
    let server = MockServer::start().await;
    uptime_kuma::serve(&server, "team", status_page, heartbeats).await;
    server
}

fn window(from: i64, to: i64) -> Value {
    json!({
        "heartbeatList": {"1": beats(from, to, shop), "2": beats(from, to, search)},
        "uptimeList": {"1_24": 0.95, "2_24": 1}
    })
}

fn config(url: &str) -> SourceConfig {
    SourceConfig {
        url: Some(url.to_string()),
        slug: Some("Team".into()),
        ..SourceConfig::new(Kind::UptimeKuma)
    }
}

fn seconds(data: &Dataset, service: &str, minutes: i64) -> unsung_core::stats::StateSeconds {
    common::seconds(data, service, start(), start() + Duration::minutes(minutes))
}

#[tokio::test]
async fn heartbeats_become_availability_and_down_runs_become_incidents() {
    let server = kuma(window(0, 100), page(json!({"incident": null}))).await;
    let now = start() + Duration::minutes(100);
    let (data, first, again) = common::sync_twice("kuma", &config(&server.uri()), None, now).await;
    common::report_requests("Uptime Kuma", first, again);
    assert_eq!((first, again), (2, 1));

    assert_eq!(data.services.len(), 2);
    assert_eq!(data.services[1].name, "Book search <b>v2</b>");
    let shop = seconds(&data, "kuma/1", 100);
    assert_eq!(shop.down, 5 * 60);
    assert_eq!(shop.no_data, 60, "a pending beat is neither up nor down");
    assert_eq!(shop.up, 94 * 60);
    let search = seconds(&data, "kuma/2", 100);
    assert_eq!(search.down, 0);
    // The beat at minute 59 stands for one usual interval; then 30 minutes without data.
    assert_eq!(search.no_data, 30 * 60);

    assert_eq!(data.incidents.len(), 1);
    let outage = &data.incidents[0];
    assert_eq!(outage.title, "Online shop was down");
    assert_eq!(outage.opened_at, start() + Duration::minutes(20));
    assert_eq!(outage.resolved_at, Some(start() + Duration::minutes(25)));
    assert_eq!(outage.seconds_to_resolve(), Some(300));
}

#[tokio::test]
async fn each_sync_extends_the_history_and_an_outage_across_syncs_stays_one_incident() {
    let now = start() + Duration::minutes(135);
    let first_server = kuma(window(35, 135), page(json!({"incidents": []}))).await;
    let first = common::first("kuma", &config(&first_server.uri()), None, now).await;
    let first = first.result.unwrap();
    let stored = merge::apply(Dataset::default(), &first);
    let open = common::open(&stored);
    assert_eq!(open.len(), 1, "the outage from minute 130 is still going");

    // Kuma now serves minutes 70–169: the outage's start is no longer among the beats.
    let later = start() + Duration::minutes(170);
    let second_server = kuma(window(70, 170), page(json!({"incidents": []}))).await;
    let second = common::fetch(
        "kuma",
        &config(&second_server.uri()),
        None,
        &first.cursor,
        &stored,
        later,
    )
    .await;
    assert_eq!(second.requests, 2);
    let stored = merge::apply(stored, &second.result.unwrap());

    let outages: Vec<_> = stored
        .incidents
        .iter()
        .filter(|i| i.external_id.starts_with("down-1-"))
        .collect();
    assert_eq!(outages.len(), 1, "{outages:#?}");
    assert_eq!(outages[0].opened_at, start() + Duration::minutes(130));
    assert_eq!(
        outages[0].resolved_at,
        Some(start() + Duration::minutes(140))
    );
    // Minutes 35–169 are known: 10 down minutes, nothing lost from the first sync; before
    // minute 35 and the pending minute 50 are no data.
    let shop = seconds(&stored, "kuma/1", 170);
    assert_eq!(shop.down, 10 * 60);
    assert_eq!(shop.no_data, 36 * 60);
}

#[tokio::test]
async fn both_notice_shapes_are_read_and_a_notice_taken_down_is_closed() {
    let notice = json!({"id": 7, "style": "danger", "title": "Payments are failing", "content": "We are **on it**",
        "pin": true, "createdDate": "2026-11-02 09:10:00", "lastUpdatedDate": null});
    let now = start() + Duration::minutes(100);
    for shape in [json!({"incident": notice}), json!({"incidents": [notice]})] {
        let server = kuma(window(0, 100), page(shape)).await;
        let run = common::first("kuma", &config(&server.uri()), None, now).await;
        let data = merge::apply(Dataset::default(), &run.result.unwrap());
        let notice = data
            .incidents
            .iter()
            .find(|i| i.external_id == "notice-7")
            .unwrap();
        assert_eq!(notice.title, "Payments are failing");
        assert_eq!(notice.opened_at, start() + Duration::minutes(10));
        assert_eq!(notice.resolved_at, None);

        let server = kuma(window(1, 101), page(json!({"incidents": []}))).await;
        let later = now + Duration::minutes(1);
        let run = common::fetch(
            "kuma",
            &config(&server.uri()),
            None,
            &Value::Null,
            &data,
            later,
        )
        .await;
        let data = merge::apply(data, &run.result.unwrap());
        let notice = data
            .incidents
            .iter()
            .find(|i| i.external_id == "notice-7")
            .unwrap();
        assert_eq!(notice.resolved_at, Some(later));
    }
}

#[tokio::test]
async fn a_wrong_slug_or_a_page_that_is_not_kuma_fails_clearly() {
    let server = kuma(window(0, 100), page(json!({}))).await;
    let mut wrong = config(&server.uri());
    wrong.slug = Some("other".into());
    let now = start() + Duration::minutes(100);
    let run = common::first("kuma", &wrong, None, now).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::NotFound);
    assert!(error.message.contains("slug"), "{}", error.message);

    wrong.slug = Some("../admin".into());
    let run = common::first("kuma", &wrong, None, now).await;
    assert_eq!(run.result.unwrap_err().kind, SourceErrorKind::Invalid);
    assert_eq!(run.requests, 0);

    let server = kuma(json!({"heartbeatList": [1, 2, 3]}), page(json!({}))).await;
    let run = common::first("kuma", &config(&server.uri()), None, now).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
    assert!(
        error.message.contains("Nothing was changed"),
        "{}",
        error.message
    );
}

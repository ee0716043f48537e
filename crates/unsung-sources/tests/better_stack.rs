//! The Better Stack Uptime connector against a local team (unsung-testsupport's
//! `better_stack`, in the shapes of Better Stack's API reference and the docs examples in
//! tests/fixtures/betterstack): monitors and incidents paged by `pagination.next`, SLA
//! summaries per range of days turned into daily availability, paused and maintenance time
//! neither up nor down, a resync that reads only the days not yet final, and every fault.

mod common;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use unsung_core::stats::StateSeconds;
use unsung_core::{Dataset, IncidentKind};
use unsung_sources::{Kind, SourceConfig, SourceErrorKind, merge};
use unsung_testsupport::better_stack::{self, Team, down, incident, monitor};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "bs-team-token-never-shown";
const NAME: &str = "bs";

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn now() -> DateTime<Utc> {
    at("2026-11-29T20:00:00Z")
}

/// Three monitors and six incidents, served one per page:
/// - 1001 "Online shop": down 02:00–02:30 on 10 November and 14:00–14:10 on 20 November, and
///   20 minutes in a failover drill on 12 November, each exactly as its incident says;
/// - 1002 "Book search API", created 5 November at noon: a 10-minute blip at 08:00 on 15
///   November that no incident records, and an outage open since 19:30 today;
/// - 1003 "Pictures": paused since 25 November;
/// - a heartbeat's missed check-in (no monitor) and an unconfirmed alert, never an outage.
fn team() -> Team {
    let mut paused = monitor("1003", "Pictures", "2026-01-01T00:00:00Z");
    paused["attributes"]["status"] = json!("paused");
    paused["attributes"]["paused_at"] = json!("2026-11-25T00:00:00Z");
    let mut heartbeat = incident(
        "5004",
        "0",
        "Nightly backup did not check in",
        "2026-11-18T03:00:00Z",
        Some("2026-11-18T04:00:00Z"),
    );
    heartbeat["relationships"] = json!({"heartbeat": {"data": {"id": "77", "type": "heartbeat"}}});
    let mut unconfirmed = incident("5005", "1001", "Online shop", "2026-11-21T09:00:00Z", None);
    unconfirmed["attributes"]["status"] = json!("Unconfirmed");
    Team {
        page_size: 1,
        ..Team::new(TOKEN)
            .monitor(monitor("1001", "Online shop", "2026-01-01T00:00:00Z"))
            .monitor(monitor("1002", "Book search API", "2026-11-05T12:00:00Z"))
            .monitor(paused)
            .outage(
                "5001",
                "1001",
                "Online shop",
                "2026-11-10T02:00:00Z",
                "2026-11-10T02:30:00Z",
            )
            .outage(
                "5002",
                "1001",
                "Game day: failover drill",
                "2026-11-12T01:00:00Z",
                "2026-11-12T01:20:00Z",
            )
            .outage(
                "5003",
                "1001",
                "Online shop",
                "2026-11-20T14:00:00Z",
                "2026-11-20T14:10:00Z",
            )
            .down("1002", "2026-11-15T08:00:00Z", "2026-11-15T08:10:00Z")
            .incident(heartbeat)
            .incident(unconfirmed)
            .incident(incident(
                "5006",
                "1002",
                "Book search API",
                "2026-11-29T19:30:00Z",
                None,
            ))
            .down("1002", "2026-11-29T19:30:00Z", "2026-11-29T20:00:00Z")
    }
}

async fn serve(team: Team) -> MockServer {
    let server = MockServer::start().await;
    better_stack::serve(&server, team).await;
    server
}

fn config(url: &str) -> SourceConfig {
    SourceConfig {
        url: Some(url.to_string()),
        history_days: Some(30),
        ..SourceConfig::new(Kind::BetterStack)
    }
}

fn seconds(data: &Dataset, monitor: &str, from: &str, to: DateTime<Utc>) -> StateSeconds {
    common::seconds(data, &format!("{NAME}/{monitor}"), at(from), to)
}

/// The SLA requests a server received, as (monitor, from, to).
async fn sla_requests(server: &MockServer) -> Vec<(String, String, String)> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .iter()
        .filter(|r| r.url.path().ends_with("/sla"))
        .map(|r| {
            let q = |name: &str| {
                r.url
                    .query_pairs()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.into_owned())
                    .unwrap()
            };
            (
                r.url.path().split('/').nth(4).unwrap().to_string(),
                q("from"),
                q("to"),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_team_becomes_services_incidents_and_daily_availability() {
    let server = serve(team()).await;
    let (data, first, again) =
        common::sync_twice(NAME, &config(&server.uri()), Some(TOKEN), now()).await;
    common::report_requests("Better Stack", first, again);
    // First: 3 monitor pages, 6 incident pages, and SLA summaries: one for the shop (its
    // incidents explain its downtime), one for the paused monitor, and 11 for the API, whose
    // unexplained blip is found by halving 25 days down to one; the API's first day is its
    // creation day.
    // Again: 3 monitor pages, 1 incident page (today's), today's summary for the two
    // monitors still measured.
    assert_eq!((first, again), (3 + 6 + 13, 3 + 1 + 2));
    let api_days: Vec<_> = sla_requests(&server)
        .await
        .into_iter()
        .filter(|(m, _, _)| m == "1002")
        .take(1)
        .collect();
    assert_eq!(
        api_days,
        [("1002".into(), "2026-11-05".into(), "2026-11-29".into())]
    );

    let names: Vec<&str> = data.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Online shop", "Book search API", "Pictures"]);

    let shop = seconds(&data, "1001", "2026-11-01T00:00:00Z", now());
    assert_eq!((shop.down, shop.no_data), (3600, 0));
    assert_eq!(
        shop.up,
        (now() - at("2026-11-01T00:00:00Z")).num_seconds() - 3600
    );
    // Outages sit where the incidents say.
    let outage = data
        .intervals
        .iter()
        .find(|i| i.service_id == "bs/1001" && i.status == unsung_core::Status::Down)
        .unwrap();
    assert_eq!(
        (outage.start, outage.end),
        (at("2026-11-10T02:00:00Z"), at("2026-11-10T02:30:00Z"))
    );

    // The API: 10 minutes on 15 November that no incident places, kept whole as one stretch
    // from midnight; 30 minutes today; nothing known before its creation.
    let api = seconds(&data, "1002", "2026-11-01T00:00:00Z", now());
    assert_eq!(api.down, 2400);
    assert_eq!(
        api.no_data,
        (at("2026-11-05T12:00:00Z") - at("2026-11-01T00:00:00Z")).num_seconds()
    );
    let blip = seconds(
        &data,
        "1002",
        "2026-11-15T00:00:00Z",
        at("2026-11-16T00:00:00Z"),
    );
    assert_eq!(
        (blip.down, blip.up),
        (600, 86_400 - 600),
        "the day's bar is exact"
    );
    let stretch = seconds(
        &data,
        "1002",
        "2026-11-15T00:00:00Z",
        at("2026-11-15T00:10:00Z"),
    );
    assert_eq!(stretch.down, 600);

    // Paused since 25 November: neither up nor down since.
    let pictures = seconds(&data, "1003", "2026-11-01T00:00:00Z", now());
    assert_eq!(pictures.down, 0);
    assert_eq!(
        pictures.no_data,
        (now() - at("2026-11-25T00:00:00Z")).num_seconds()
    );

    // Incidents: the unconfirmed alert is left out; the drill is never counted.
    let mut ids: Vec<&str> = data
        .incidents
        .iter()
        .map(|i| i.external_id.as_str())
        .collect();
    ids.sort();
    assert_eq!(ids, ["5001", "5002", "5003", "5004", "5006"]);
    let get = |id: &str| data.incidents.iter().find(|i| i.external_id == id).unwrap();
    assert_eq!(get("5002").kind, IncidentKind::Drill);
    assert_eq!(get("5001").seconds_to_resolve(), Some(1800));
    assert_eq!(get("5001").resolved_by.as_deref(), Some("Ana"));
    assert_eq!(get("5001").notes, ["Status 503"]);
    assert_eq!(get("5001").service_id.as_deref(), Some("bs/1001"));
    assert_eq!(get("5004").service_id, None, "a heartbeat is no monitor");
    assert_eq!(get("5006").resolved_at, None);
    assert_eq!(data.people, ["Ana"]);
}

#[tokio::test]
async fn a_resync_reads_only_the_days_not_yet_final_and_closes_what_was_open() {
    let server = serve(team()).await;
    let config = config(&server.uri());
    let first = common::first(NAME, &config, Some(TOKEN), now()).await;
    let first = first.result.unwrap();
    let stored = merge::apply(Dataset::default(), &first);
    let before = sla_requests(&server).await.len();

    // Two days later the API's outage was fixed at 21:00 on the 29th.
    let mut later_team = team();
    later_team.incidents[5] = incident(
        "5006",
        "1002",
        "Book search API",
        "2026-11-29T19:30:00Z",
        Some("2026-11-29T21:00:00Z"),
    );
    later_team.downtime[4] = down("1002", "2026-11-29T19:30:00Z", "2026-11-29T21:00:00Z");
    server.reset().await;
    better_stack::serve(&server, later_team).await;
    let later = at("2026-12-01T10:00:00Z");
    let run = common::fetch(NAME, &config, Some(TOKEN), &first.cursor, &stored, later).await;
    let stored = merge::apply(stored, &run.result.unwrap());
    assert!(before > 0);
    let asked = sla_requests(&server).await;
    assert!(
        asked
            .iter()
            .all(|(_, from, _)| from.as_str() >= "2026-11-29"),
        "only the days not final at the last sync: {asked:?}"
    );
    let fixed = stored
        .incidents
        .iter()
        .find(|i| i.external_id == "5006")
        .unwrap();
    assert_eq!(fixed.resolved_at, Some(at("2026-11-29T21:00:00Z")));
    let api = seconds(&stored, "1002", "2026-11-01T00:00:00Z", later);
    assert_eq!(
        api.down,
        600 + 90 * 60,
        "the first sync's history kept, the new day read"
    );
    assert_eq!(
        seconds(&stored, "1001", "2026-11-01T00:00:00Z", later).down,
        3600,
        "nothing doubled"
    );
}

#[tokio::test]
async fn incidents_are_read_from_v2_where_v3_is_not_routed() {
    let mut old = team();
    old.v3 = false;
    let server = serve(old).await;
    let run = common::first(NAME, &config(&server.uri()), Some(TOKEN), now()).await;
    let data = run.result.unwrap().data;
    assert_eq!(data.incidents.len(), 5);
    // The v3 attempt (404) costs one request more.
    assert_eq!(run.requests, 3 + 1 + 6 + 13);
}

#[tokio::test]
async fn hostile_titles_and_null_fields_are_kept_as_plain_short_text() {
    let mut odd = team();
    odd.monitors[0]["attributes"]["pronounceable_name"] = json!(format!(
        "<script>alert(1)</script>\n\u{202E}{}",
        "A".repeat(5000)
    ));
    odd.monitors[1]["attributes"]["pronounceable_name"] = Value::Null;
    let nulls = &mut odd.incidents[0]["attributes"];
    for field in [
        "cause",
        "resolved_by",
        "acknowledged_at",
        "acknowledged_by",
        "name",
        "status",
    ] {
        nulls[field] = Value::Null;
    }
    odd.incidents[1]["relationships"] = Value::Null;
    odd.incidents[2]["attributes"]["started_at"] = json!("not a time");
    let server = serve(odd).await;
    let run = common::first(NAME, &config(&server.uri()), Some(TOKEN), now()).await;
    let data = run.result.unwrap().data;
    let shop = &data.services[0].name;
    assert!(shop.starts_with("<script>alert(1)</script> AAA"), "{shop}");
    assert!(shop.chars().count() <= unsung_sources::text::MAX_TITLE_CHARS);
    assert!(!shop.contains('\n') && !shop.contains('\u{202E}'));
    assert_eq!(
        data.services[1].name, "https://1002.example.org",
        "named by its address"
    );
    let bare = data
        .incidents
        .iter()
        .find(|i| i.external_id == "5001")
        .unwrap();
    assert_eq!(bare.title, "A monitor was down");
    assert!(bare.notes.is_empty() && bare.resolved_by.is_none());
    assert_eq!(bare.resolved_at, Some(at("2026-11-10T02:30:00Z")));
    assert!(
        data.incidents.iter().all(|i| i.external_id != "5003"),
        "an unreadable start is left out, the rest kept"
    );
}

#[tokio::test]
async fn the_docs_examples_are_read_as_published() {
    // The legacy monitors example, whose `next` names betteruptime.com: the link is followed
    // on this server, never on that host, so the token stays here.
    let server = MockServer::start().await;
    let listing = common::fixture_json("betterstack/docs_betteruptime_list_monitors.json");
    Mock::given(method("GET"))
        .and(path("/api/v2/monitors"))
        .and(wiremock::matchers::query_param("page", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [], "pagination": {"next": null}})),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/monitors"))
        .respond_with(ResponseTemplate::new(200).set_body_json(listing))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/incidents"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [], "pagination": {"next": null}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/monitors/2/sla"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(common::fixture_json(
                "betterstack/docs_monitor_sla_200.json",
            )),
        )
        .mount(&server)
        .await;
    let (said, requests) = common::check(NAME, &config(&server.uri()), Some(TOKEN), now()).await;
    assert_eq!(said.unwrap(), "Connected to Better Stack Uptime: 1 monitor");
    assert_eq!(requests, 2, "both pages, on this server");

    // A one-day history: today's summary, whose 600 down seconds no incident places.
    let mut today = config(&server.uri());
    today.history_days = Some(0);
    let run = common::first(NAME, &today, Some(TOKEN), now()).await;
    let data = run.result.unwrap().data;
    assert_eq!(data.services[0].name, "BetterUptime homepage");
    let day = seconds(&data, "2", "2026-11-29T00:00:00Z", now());
    assert_eq!((day.down, day.up), (600, 20 * 3600 - 600));

    // The documented 400, whose words contradict themselves, is passed on as said.
    let refusing = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/monitors/2/sla"))
        .respond_with(
            ResponseTemplate::new(400).set_body_json(common::fixture_json(
                "betterstack/docs_monitor_sla_400.json",
            )),
        )
        .mount(&refusing)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/monitors"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": [monitor("2", "Home", "2020-01-01T00:00:00Z")], "pagination": {}}),
        ))
        .mount(&refusing)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/incidents"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": []})))
        .mount(&refusing)
        .await;
    let run = common::first(NAME, &config(&refusing.uri()), Some(TOKEN), now()).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert!(
        error.message.contains("The data range is invalid"),
        "{}",
        error.message
    );
}

/// A first sync of the standard team whose first request to `route` gets `answer`.
async fn first_failing_once(route: &str, answer: ResponseTemplate) -> common::Run {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(answer)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    better_stack::serve(&server, team()).await;
    common::first(NAME, &config(&server.uri()), Some(TOKEN), now()).await
}

async fn failing_always(answer: ResponseTemplate) -> (SourceErrorKind, String) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(answer)
        .mount(&server)
        .await;
    let run = common::first(NAME, &config(&server.uri()), Some(TOKEN), now()).await;
    let error = run.result.expect_err("the sync should fail");
    (error.kind, error.message)
}

#[tokio::test]
async fn faults_fail_the_sync_with_one_clear_line_or_are_waited_out() {
    const USUAL: u64 = 3 + 6 + 13;
    // 429 with Retry-After, then fine; a 502 once, then fine.
    let limited = ResponseTemplate::new(429).insert_header("Retry-After", "1");
    let run = first_failing_once("/api/v3/incidents", limited).await;
    assert!(run.result.is_ok());
    assert_eq!(run.requests, USUAL + 1);
    let run = first_failing_once("/api/v2/monitors/1002/sla", ResponseTemplate::new(502)).await;
    assert!(run.result.is_ok());
    assert_eq!(run.requests, USUAL + 1);

    let (kind, message) =
        failing_always(ResponseTemplate::new(429).insert_header("Retry-After", "3600")).await;
    assert_eq!(kind, SourceErrorKind::RateLimited);
    common::assert_says(
        &message,
        &["limiting how often", "Earlier data is kept"],
        &[TOKEN],
    );
    let (kind, message) = failing_always(ResponseTemplate::new(503)).await;
    assert_eq!(kind, SourceErrorKind::ServerError);
    common::assert_says(
        &message,
        &["kept failing", "HTTP 503", "try again later"],
        &[TOKEN],
    );
    let (kind, message) = failing_always(
        ResponseTemplate::new(200)
            .set_body_json(json!({"data": []}))
            .set_delay(std::time::Duration::from_secs(3)),
    )
    .await;
    assert_eq!(kind, SourceErrorKind::Timeout);
    common::assert_says(&message, &["did not answer within 2 s"], &[TOKEN]);
    let (kind, message) =
        failing_always(ResponseTemplate::new(200).set_body_string("{\"data\": [{\"id\": ")).await;
    assert_eq!(kind, SourceErrorKind::BadResponse);
    common::assert_says(
        &message,
        &["the answer was cut off", "Nothing was changed"],
        &[TOKEN],
    );
    let (kind, message) =
        failing_always(ResponseTemplate::new(200).set_body_string("<html>Better Stack</html>"))
            .await;
    assert_eq!(kind, SourceErrorKind::BadResponse);
    common::assert_says(&message, &["could not read"], &[TOKEN]);
    let (kind, message) =
        failing_always(ResponseTemplate::new(200).set_body_json(json!({"data": "monitors"}))).await;
    assert_eq!(kind, SourceErrorKind::BadResponse, "{message}");

    // A wrong token: Better Stack's 401, named but never shown.
    let server = serve(team()).await;
    let run = common::first(
        NAME,
        &config(&server.uri()),
        Some("wrong-token-secret"),
        now(),
    )
    .await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::Unauthorized);
    common::assert_says(
        &error.message,
        &[
            "refused the token (HTTP 401)",
            "set a valid read-only token",
        ],
        &[TOKEN],
    );
    assert!(!error.message.contains("wrong-token-secret"));
    assert_eq!(run.requests, 1);

    // No token at all: nothing is asked.
    let run = common::first(NAME, &config(&server.uri()), None, now()).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    common::assert_says(
        &error.message,
        &["Uptime API token", "Set one for this source"],
        &[TOKEN],
    );
    assert_eq!(run.requests, 0);
}

#[tokio::test]
async fn a_daily_maintenance_window_is_planned_time_never_downtime() {
    let mut planned = team();
    let window = &mut planned.monitors[0]["attributes"];
    window["maintenance_from"] = json!("03:00:00");
    window["maintenance_to"] = json!("04:00:00");
    window["maintenance_timezone"] = json!("UTC");
    let server = serve(planned).await;
    let mut config = config(&server.uri());
    config.history_days = Some(2);
    let run = common::first(NAME, &config, Some(TOKEN), now()).await;
    let data = run.result.unwrap().data;
    // 27, 28 and 29 November, 03:00–04:00 each.
    let shop = seconds(&data, "1001", "2026-11-27T00:00:00Z", now());
    assert_eq!(
        (shop.maintenance, shop.down, shop.no_data),
        (3 * 3600, 0, 0)
    );
}

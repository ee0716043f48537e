//! The Gatus connector against a local server answering `/api/v1/endpoints/statuses` as Gatus
//! does (unsung_testsupport::gatus: per-endpoint paging, newest page first, only the results
//! Gatus keeps), plus the payload built from Gatus's source (tests/fixtures/gatus).

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use std::time::Duration as StdDuration;
use unsung_core::Dataset;
use unsung_sources::{Kind, SourceConfig, SourceErrorKind, merge};
use unsung_testsupport::gatus::{self, Endpoint};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

fn minute(n: i64) -> DateTime<Utc> {
    start() + Duration::minutes(n)
}

/// Results `from..to` (minute numbers after `start`), passing or failing as `ok_at` says;
/// `None` leaves the minute without a result.
fn results(from: i64, to: i64, ok_at: impl Fn(i64) -> Option<bool>) -> Vec<Value> {
    (from..to)
        .filter_map(|n| Some(gatus::result(ok_at(n)?, &minute(n).to_rfc3339())))
        .collect()
}

/// The shop fails at minutes 20–24 and 130–139 (a run that spans two syncs).
fn shop(n: i64) -> Option<bool> {
    Some(!matches!(n, 20..=24 | 130..=139))
}

/// Search has no results from minute 60 to 89 (Gatus was stopped).
fn search(n: i64) -> Option<bool> {
    (!(60..90).contains(&n)).then_some(true)
}

fn endpoints(from: i64, to: i64) -> Vec<Endpoint> {
    vec![
        Endpoint::new("core", "Online shop", results(from, to, shop)),
        Endpoint::new("core", "Book search", results(from, to, search)),
    ]
}

async fn gatus_serving(endpoints: Vec<Endpoint>, kept: usize) -> MockServer {
    let server = MockServer::start().await;
    gatus::serve(&server, endpoints, kept).await;
    server
}

fn config(url: &str) -> SourceConfig {
    common::at_url(Kind::Gatus, url)
}

fn seconds(data: &Dataset, service: &str, minutes: i64) -> unsung_core::stats::StateSeconds {
    common::seconds(data, service, start(), minute(minutes))
}

#[tokio::test]
async fn the_payload_from_gatuss_source_becomes_services_availability_and_an_outage() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(common::fixture_json("gatus/endpoint_statuses.json")),
        )
        .mount(&server)
        .await;
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap();
    let run = common::first("gatus", &config(&server.uri()), None, now).await;
    assert_eq!(run.requests, 1, "five results: one page is all there is");
    let data = merge::apply(Dataset::default(), &run.result.unwrap());
    let names: Vec<&str> = data.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Postgres", "Front end"]);
    assert_eq!(data.services[1].id, "gatus/core_front-end");
    // Failing from 19:56:00.098 (UTC) to the passing check at 20:58:00.1+01:00.
    assert_eq!(data.incidents.len(), 1);
    let outage = &data.incidents[0];
    assert_eq!(outage.title, "Front end was down");
    assert_eq!(outage.service_id.as_deref(), Some("gatus/core_front-end"));
    assert_eq!(
        outage.opened_at.to_rfc3339(),
        "2026-11-29T19:56:00.098170+00:00"
    );
    assert_eq!(
        outage.resolved_at.unwrap().to_rfc3339(),
        "2026-11-29T19:58:00.100+00:00"
    );
    assert_eq!(outage.seconds_to_resolve(), Some(120));
}

#[tokio::test]
async fn results_become_availability_and_failing_runs_become_incidents() {
    let server = gatus_serving(endpoints(0, 100), 100).await;
    let now = minute(100);
    let (data, first, again) = common::sync_twice("gatus", &config(&server.uri()), None, now).await;
    common::report_requests("Gatus", first, again);
    // A full page of 100 results may have older ones behind it: page 2 says there are none.
    // Unchanged, page 1 reaches back to what is known.
    assert_eq!((first, again), (2, 1));

    let shop = seconds(&data, "gatus/core_online-shop", 100);
    assert_eq!(shop.down, 5 * 60);
    assert_eq!(shop.up, 95 * 60);
    let search = seconds(&data, "gatus/core_book-search", 100);
    // The result at minute 59 stands for one usual interval; then 30 minutes without data.
    assert_eq!((search.up, search.no_data), (70 * 60, 30 * 60));

    assert_eq!(data.incidents.len(), 1);
    let outage = &data.incidents[0];
    assert_eq!(outage.title, "Online shop was down");
    assert_eq!(outage.opened_at, minute(20));
    assert_eq!(outage.resolved_at, Some(minute(25)));
}

#[tokio::test]
async fn a_gatus_keeping_more_results_is_read_across_pages_and_a_resync_reads_one() {
    // `storage.maximum-number-of-results: 250`: pages of 100, 100 and 50.
    let server = gatus_serving(endpoints(0, 250), 250).await;
    let now = minute(250);
    let first = common::first("gatus", &config(&server.uri()), None, now).await;
    assert_eq!(first.requests, 3);
    let fetched = first.result.unwrap();
    let stored = merge::apply(Dataset::default(), &fetched);
    let shop = seconds(&stored, "gatus/core_online-shop", 250);
    assert_eq!((shop.up, shop.down, shop.no_data), (235 * 60, 15 * 60, 0));
    let fixed: Vec<_> = stored.incidents.iter().map(|i| i.resolved_at).collect();
    assert_eq!(fixed, [Some(minute(25)), Some(minute(140))]);

    // Ten minutes later: page 1 (minutes 160–259) reaches back past the last result known.
    let later = gatus_serving(endpoints(0, 260), 250).await;
    let second = common::fetch(
        "gatus",
        &config(&later.uri()),
        None,
        &fetched.cursor,
        &stored,
        minute(260),
    )
    .await;
    assert_eq!(second.requests, 1);
    let stored = merge::apply(stored, &second.result.unwrap());
    let shop = seconds(&stored, "gatus/core_online-shop", 260);
    assert_eq!((shop.up, shop.down, shop.no_data), (245 * 60, 15 * 60, 0));
    assert_eq!(stored.incidents.len(), 2, "nothing counted twice");
}

#[tokio::test]
async fn each_sync_extends_the_history_and_an_outage_across_syncs_stays_one_incident() {
    let first_server = gatus_serving(endpoints(35, 135), 100).await;
    let first = common::first("gatus", &config(&first_server.uri()), None, minute(135)).await;
    let first = first.result.unwrap();
    let stored = merge::apply(Dataset::default(), &first);
    let open = common::open(&stored);
    assert_eq!(open.len(), 1, "the outage from minute 130 is still going");

    // Gatus now keeps minutes 70–169: the outage's start is no longer among the results.
    let second_server = gatus_serving(endpoints(0, 170), 100).await;
    let second = common::fetch(
        "gatus",
        &config(&second_server.uri()),
        None,
        &first.cursor,
        &stored,
        minute(170),
    )
    .await;
    assert_eq!(second.requests, 1);
    let stored = merge::apply(stored, &second.result.unwrap());
    let outages: Vec<_> = stored
        .incidents
        .iter()
        .filter(|i| i.service_id.as_deref() == Some("gatus/core_online-shop"))
        .collect();
    assert_eq!(outages.len(), 1, "{outages:#?}");
    assert_eq!(outages[0].opened_at, minute(130));
    assert_eq!(outages[0].resolved_at, Some(minute(140)));
    // Minutes 35–169 are known, nothing lost from the first sync; before minute 35 is no data.
    let shop = seconds(&stored, "gatus/core_online-shop", 170);
    assert_eq!((shop.down, shop.no_data), (10 * 60, 35 * 60));
}

#[tokio::test]
async fn hostile_names_and_null_fields_are_kept_as_text_or_left_out() {
    let hostile = format!(
        "<img src=x onerror=alert(1)>\n\u{202E}{}",
        "A".repeat(10_000)
    );
    let mut null_success = gatus::result(true, &minute(3).to_rfc3339());
    null_success["success"] = Value::Null;
    let mut null_time = gatus::result(false, &minute(4).to_rfc3339());
    null_time["timestamp"] = Value::Null;
    let mut checks = results(0, 3, |_| Some(true));
    checks.extend([null_success, null_time]);
    checks.extend(results(5, 10, |_| Some(true)));
    let mut odd = Endpoint::new("edge", "x", checks);
    odd.name = json!(hostile);
    odd.group = Value::Null;
    let mut keyless = Endpoint::new("edge", "no key", results(0, 10, |_| Some(false)));
    keyless.key = Value::Null;
    let mut empty = Endpoint::new("edge", "", Vec::new());
    empty.name = Value::Null;
    let server = gatus_serving(vec![odd, keyless, empty], 100).await;
    let run = common::first("gatus", &config(&server.uri()), None, minute(10)).await;
    let data = merge::apply(Dataset::default(), &run.result.unwrap());

    assert_eq!(
        data.services.len(),
        2,
        "an endpoint without a key is left out"
    );
    let named = data
        .services
        .iter()
        .find(|s| s.external_id == "edge_x")
        .unwrap();
    assert!(named.name.starts_with("<img src=x onerror=alert(1)> AAA"));
    assert!(named.name.chars().count() <= unsung_sources::text::MAX_TITLE_CHARS);
    assert!(!named.name.contains('\n') && !named.name.contains('\u{202E}'));
    let unnamed = data
        .services
        .iter()
        .find(|s| s.external_id == "edge_")
        .unwrap();
    assert_eq!(unnamed.name, "edge_", "no name: its key");
    // A result without success is neither up nor down; one without a time is left out.
    let odd = seconds(&data, "gatus/edge_x", 10);
    assert_eq!((odd.up, odd.down, odd.no_data), (8 * 60, 0, 2 * 60));
    assert!(data.incidents.is_empty());
}

#[tokio::test]
async fn faults_fail_the_sync_with_one_clear_line_and_change_nothing() {
    let now = minute(100);
    let answering = |template: ResponseTemplate| async move {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(template)
            .mount(&server)
            .await;
        let run = common::first("gatus", &config(&server.uri()), None, now).await;
        (run.result.unwrap_err(), run.requests)
    };

    let (error, requests) = answering(ResponseTemplate::new(502)).await;
    assert_eq!(error.kind, SourceErrorKind::ServerError);
    assert_eq!(requests, 3, "tried as often as the limits allow");
    assert!(
        error.message.contains("Earlier data is kept"),
        "{}",
        error.message
    );

    let slow = ResponseTemplate::new(200)
        .set_body_json(json!([]))
        .set_delay(StdDuration::from_secs(3));
    let (error, _) = answering(slow).await;
    assert_eq!(error.kind, SourceErrorKind::Timeout);

    let cut = ResponseTemplate::new(200).set_body_raw(
        r#"[{"key": "core_shop", "results": [{"succ"#,
        "application/json",
    );
    let (error, _) = answering(cut).await;
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
    assert!(error.message.contains("cut off"), "{}", error.message);

    let not_gatus = ResponseTemplate::new(200).set_body_string("<html>Grafana</html>");
    let (error, _) = answering(not_gatus).await;
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
    assert!(
        error.message.contains("Nothing was changed"),
        "{}",
        error.message
    );
    let wrong_shape = ResponseTemplate::new(200).set_body_json(json!({"endpoints": []}));
    assert_eq!(
        answering(wrong_shape).await.0.kind,
        SourceErrorKind::BadResponse
    );

    // Gatus has no tokens: a 401 is a login in front of the page.
    let (error, requests) = answering(ResponseTemplate::new(401)).await;
    assert_eq!((error.kind, requests), (SourceErrorKind::Unauthorized, 1));
    assert!(
        error.message.contains("asks for a login"),
        "{}",
        error.message
    );
    let (error, _) = answering(ResponseTemplate::new(404)).await;
    assert_eq!(error.kind, SourceErrorKind::NotFound);
    assert!(
        error.message.contains("Gatus page itself"),
        "{}",
        error.message
    );

    // A proxy in front of Gatus limiting requests: waited out, then read.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    gatus::serve(&server, endpoints(0, 50), 100).await;
    let run = common::first("gatus", &config(&server.uri()), None, minute(50)).await;
    assert_eq!(run.requests, 2);
    assert_eq!(run.result.unwrap().data.services.len(), 2);
}

#[tokio::test]
async fn test_connection_counts_the_endpoints() {
    let server = gatus_serving(endpoints(0, 10), 100).await;
    let (said, requests) = common::check("gatus", &config(&server.uri()), None, minute(10)).await;
    assert_eq!(said.unwrap(), "Connected to Gatus: 2 endpoints");
    assert_eq!(requests, 1);
}

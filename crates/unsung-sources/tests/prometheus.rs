//! The Prometheus connector against a real Prometheus holding two weeks of backfilled probes
//! with planted outages and gaps (crates/unsung-testprom), compared figure by figure with the ground
//! truth; and its faults against a local server replaying Prometheus's recorded answers.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use std::time::{Duration, Instant};
use unsung_core::Status;
use unsung_core::period::TimeRange;
use unsung_core::stats::{intervals_by_service, state_seconds};
use unsung_sources::{Kind, SourceConfig, SourceErrorKind};
use unsung_testprom::{self as prom, Plan, Probe};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;

/// Unix seconds of a moment in November 2026, UTC.
fn nov(day: u32, hour: u32, minute: u32) -> i64 {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
        .timestamp()
}

fn utc(unix: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix, 0).unwrap()
}

/// Two weeks of one-minute probes of three services, ending 2026-11-29 18:00 UTC.
fn plan() -> Plan {
    let end = nov(29, 18, 0);
    // The API flaps for 45 minutes: down for one to three minutes at a time, up in between.
    let flapping: Vec<(i64, i64)> = (0..45)
        .filter(|m| (m * 7) % 5 < 2)
        .map(|m| (nov(21, 14, 5) + m * MINUTE, nov(21, 14, 6) + m * MINUTE))
        .collect();
    let mut api_down = flapping;
    // Down for 23 minutes, then no samples at all for six hours, back at 9:48.
    api_down.push((nov(26, 3, 20), nov(26, 3, 43)));
    Plan {
        metric: "probe_success".into(),
        job: "blackbox".into(),
        step: MINUTE,
        start: end - 14 * 24 * HOUR,
        end,
        probes: vec![
            Probe {
                instance: "https://shop.example.com".into(),
                down: vec![
                    (nov(18, 9, 38), nov(18, 10, 25)), // across the 10:00 bucket boundary
                    (nov(18, 12, 0), nov(18, 12, 1)),  // one missed probe
                    (nov(24, 22, 50), nov(25, 1, 10)), // across midnight
                ],
                gaps: vec![],
            },
            Probe {
                instance: "https://api.example.com".into(),
                down: api_down,
                gaps: vec![(nov(26, 3, 43), nov(26, 9, 48))],
            },
            Probe {
                instance: "db1:9100".into(),
                down: vec![(nov(29, 17, 15), nov(29, 17, 40))], // in the last hour
                gaps: vec![
                    (end - 14 * 24 * HOUR, nov(17, 7, 30)), // monitored from day 2 only
                    (nov(20, 5, 3), nov(20, 5, 10)),        // seven missed scrapes, no outage
                ],
            },
        ],
    }
}

fn source(url: &str, query: &str) -> SourceConfig {
    SourceConfig {
        url: Some(url.to_string()),
        query: Some(query.to_string()),
        history_days: Some(30),
        ..SourceConfig::new(Kind::Prometheus)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_prometheus_gives_the_ground_truth_to_the_second() {
    tokio::time::timeout(Duration::from_secs(150), real_prometheus())
        .await
        .expect("the test took over 150 s");
}

async fn real_prometheus() {
    let began = Instant::now();
    let plan = plan();
    let server = prom::start(&plan.openmetrics(&[("decoy:1", 24)])).await;
    let ready = began.elapsed();
    // A minute after the data ends: the last hour has settled.
    let now = utc(plan.end + MINUTE);
    let config = source(&server.url, "probe_success{job=\"blackbox\"}");

    let synced = Instant::now();
    let (data, first, resync) = common::sync_twice("prom", &config, None, now).await;
    let sync_time = synced.elapsed();
    common::report_requests("Prometheus", first, resync);
    assert_eq!(
        resync, 1,
        "an unchanged resync asks once and finds no new hour"
    );

    let names: Vec<&str> = data.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names.len(),
        3,
        "one service per instance, the decoy job left out: {names:?}"
    );
    let range = TimeRange::new(utc(plan.start), utc(plan.end)).unwrap();
    let by_service = intervals_by_service(&data.intervals);
    for probe in &plan.probes {
        let truth = plan.truth(probe);
        let id = format!("prom/{}", probe.instance);
        assert!(
            data.services
                .iter()
                .any(|s| s.id == id && s.name == probe.instance)
        );
        let intervals = by_service.get(id.as_str()).cloned().unwrap_or_default();
        let seconds = state_seconds(&intervals, range);
        let ratio = seconds.uptime_ratio().unwrap();
        eprintln!(
            "{}: uptime {ratio:.6} (truth {:.6}), down {} s (truth {}), no data {} s (truth {})",
            probe.instance,
            truth.uptime_ratio(),
            seconds.down,
            truth.down_seconds,
            seconds.no_data,
            truth.no_data_seconds
        );
        assert!(
            (ratio - truth.uptime_ratio()).abs() < 0.0001,
            "{}",
            probe.instance
        );
        // Exact to the second: the interval divides the hour and every sample is counted once.
        assert_eq!(seconds.up, truth.up_seconds, "{}", probe.instance);
        assert_eq!(seconds.down, truth.down_seconds, "{}", probe.instance);
        assert_eq!(seconds.no_data, truth.no_data_seconds, "{}", probe.instance);
        let outages: Vec<(i64, i64)> = intervals
            .iter()
            .filter(|i| i.status == Status::Down)
            .map(|i| (i.start.timestamp(), i.end.timestamp()))
            .collect();
        assert_eq!(
            outages, truth.outages,
            "outages at the right minutes: {}",
            probe.instance
        );
    }

    // The first sync reports a service from its first hour with data, not from 30 days ago.
    let db = data
        .intervals
        .iter()
        .find(|i| i.service_id == "prom/db1:9100")
        .unwrap();
    assert_eq!(
        db.start,
        utc(nov(17, 7, 30)),
        "data after a gap starts at its first sample"
    );
    let api_back = data
        .intervals
        .iter()
        .find(|i| i.service_id == "prom/https://api.example.com" && i.start >= utc(nov(26, 3, 43)))
        .unwrap();
    assert_eq!(
        api_back.start,
        utc(nov(26, 9, 48)),
        "no data until the gap ends"
    );

    let (found, requests) = common::check("prom", &config, None, now).await;
    let found = found.expect("check");
    assert_eq!(requests, 1);
    assert!(found.starts_with("Found 3 series, 3 services"), "{found}");
    eprintln!("check: {found}");

    // A query Prometheus cannot parse, from the real server.
    let broken = source(&server.url, "probe_success{job=\"blackbox\"");
    let run = common::first("prom", &broken, None, now).await;
    let error = run.result.expect_err("a broken query fails");
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert!(
        error.message.contains("the query")
            && !error.message.contains("--")
            && !error.message.contains('\n'),
        "{}",
        error.message
    );

    eprintln!(
        "prometheus test: backfill {:.1} s, ready after {:.1} s, both syncs {:.2} s, total {:.1} s",
        server.backfill.as_secs_f64(),
        ready.as_secs_f64(),
        sync_time.as_secs_f64(),
        began.elapsed().as_secs_f64()
    );
}

// --- Faults, against a local server replaying Prometheus's answers ---------------------------

fn fixture(name: &str) -> String {
    common::fixture(&format!("prometheus/{name}"))
}

async fn answering(status: u16, body: String) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

async fn sync_error(server: &MockServer) -> unsung_sources::SourceError {
    let now = utc(nov(29, 18, 1));
    let config = source(&server.uri(), "probe_success");
    let run = tokio::time::timeout(
        Duration::from_secs(20),
        common::first("prom", &config, None, now),
    )
    .await
    .expect("within 20 s");
    let error = run.result.expect_err("the sync fails");
    assert!(!error.message.contains('\n'), "one line: {}", error.message);
    error
}

#[tokio::test]
async fn a_query_prometheus_cannot_parse_says_to_check_the_query() {
    let server = answering(400, fixture("error_parse_bad_data.json")).await;
    let error = sync_error(&server).await;
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert!(
        error.message.contains("unclosed left parenthesis"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("check the query"),
        "{}",
        error.message
    );
    assert!(
        !error.message.contains("--"),
        "names a flag: {}",
        error.message
    );
}

#[tokio::test]
async fn the_eleven_thousand_points_limit_is_explained() {
    let server = answering(400, fixture("error_exceeded_11000_points.json")).await;
    let error = sync_error(&server).await;
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert!(error.message.contains("11,000 points"), "{}", error.message);
    assert!(
        error.message.contains("shorter history"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn an_error_envelope_with_a_success_code_is_an_error() {
    let body = fixture("error_parse_bad_data.json");
    let error = sync_error(&answering(200, body).await).await;
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert!(
        error.message.contains("bad_data")
            && error.message.contains("the query")
            && !error.message.contains("--"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn malformed_answers_are_bad_responses() {
    let wrong_shapes = [
        "<html>not Prometheus</html>".to_string(),
        // A vector where a matrix was asked for.
        fixture("query_instant_now_stale_empty.json"),
        json!({"status": "success", "data": {"resultType": "matrix", "result": [{"metric": {}, "values": "soon"}]}})
            .to_string(),
        json!({"status": "success"}).to_string(),
        r#"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"instance":"a"},"values":[[1795975200,"#.to_string(),
    ];
    for body in wrong_shapes {
        let error = sync_error(&answering(200, body.clone()).await).await;
        assert_eq!(
            error.kind,
            SourceErrorKind::BadResponse,
            "{body}: {}",
            error.message
        );
    }
}

#[tokio::test]
async fn an_unreachable_server_is_reported_as_such() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let config = source(&format!("http://127.0.0.1:{port}"), "probe_success");
    let run = tokio::time::timeout(
        Duration::from_secs(20),
        common::first("prom", &config, None, utc(nov(29, 18, 1))),
    )
    .await
    .expect("within 20 s");
    let error = run.result.expect_err("nothing listens");
    assert_eq!(error.kind, SourceErrorKind::Unreachable);
    assert!(
        error.message.starts_with("Could not reach 127.0.0.1:"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_token_is_sent_as_a_bearer_and_an_empty_answer_is_no_data() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/query_range"))
        .and(header("authorization", "Bearer s3cret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"status": "success", "data": {"resultType": "matrix", "result": []}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let config = source(&server.uri(), "up{job=\"node\"}");
    let run = common::first("prom", &config, Some("s3cret"), utc(nov(29, 18, 1))).await;
    let fetched = run.result.expect("sync");
    assert_eq!(run.requests, 1);
    assert!(fetched.data.services.is_empty() && fetched.coverage.is_empty());
    assert_eq!(fetched.cursor["through"], json!(nov(29, 18, 0)));
}

#[tokio::test]
async fn check_says_when_the_query_finds_nothing() {
    let server = answering(200, fixture("query_instant_now_stale_empty.json")).await;
    let config = source(&server.uri(), "probe_success");
    let (result, requests) = common::check("prom", &config, None, utc(nov(29, 18, 1))).await;
    let error = result.expect_err("nothing found");
    assert_eq!(requests, 1);
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert!(
        error.message.contains("no samples in the last day"),
        "{}",
        error.message
    );
}

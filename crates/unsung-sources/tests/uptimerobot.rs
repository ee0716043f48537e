//! The UptimeRobot connector against a local account (unsung-testsupport's `uptimerobot`):
//! pyuptimerobot's recorded v2 answers (the monitors with logs whose `total` says 2 but lists
//! 3, the `stat: fail` errors), v2 paging, v3 with `nextLink`, the version chosen by which one
//! takes the key, the free plan's rate limit, and every fault.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use unsung_core::stats::StateSeconds;
use unsung_core::{Dataset, Status};
use unsung_sources::{Kind, SourceConfig, SourceErrorKind};
use unsung_testsupport::uptimerobot::{self, Account, log, v2_monitor};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "ur828173-4544bcf8143509466865be09";
const NAME: &str = "robot";

fn unix(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(seconds, 0).unwrap()
}

/// After the recorded logs: 1 June 2016.
fn june() -> DateTime<Utc> {
    unix(1_464_739_200)
}

fn recorded() -> Account {
    let fixture = common::fixture_json("uptimerobot/pyuptimerobot_fixture_v2_getMonitors.json");
    Account {
        key: KEY.into(),
        v3: false,
        v2_monitors: fixture["monitors"].as_array().unwrap().clone(),
        v3_monitors: Vec::new(),
        v3_page: 50,
        v2_total: Some(2),
    }
}

async fn serve(account: Account) -> MockServer {
    let server = MockServer::start().await;
    uptimerobot::serve(&server, account).await;
    server
}

fn config(url: &str) -> SourceConfig {
    common::at_url(Kind::UptimeRobot, url)
}

fn seconds(data: &Dataset, monitor: &str, range: (DateTime<Utc>, DateTime<Utc>)) -> StateSeconds {
    common::seconds(data, &format!("{NAME}/{monitor}"), range.0, range.1)
}

#[tokio::test]
async fn the_recorded_v2_answer_keeps_all_three_monitors_and_their_logs() {
    let server = serve(recorded()).await;
    let (data, first, again) =
        common::sync_twice(NAME, &config(&server.uri()), Some(KEY), june()).await;
    common::report_requests("UptimeRobot v2 (read-only key)", first, again);
    // v3 refuses the read-only key (1), v2 answers (1); the cursor then goes to v2 at once.
    assert_eq!((first, again), (2, 1));

    // `total` says 2, three are listed: none lost, none doubled.
    let mut ids: Vec<&str> = data
        .services
        .iter()
        .map(|s| s.external_id.as_str())
        .collect();
    ids.sort();
    assert_eq!(ids, ["777712827", "777749807", "777749809"]);

    // "My Web Page": started, down 490,140 s, up 85 s, then unknown until paused, paused
    // 12 s (neither up nor down), started again and up since.
    let known = (unix(1_462_465_202), june());
    let page = seconds(&data, "777712827", known);
    assert_eq!(page.down, 490_140);
    assert_eq!(page.no_data, 129 + 12);
    assert_eq!(
        page.up,
        (june() - unix(1_462_465_202)).num_seconds() - 490_140 - 141
    );
    assert_eq!(page.maintenance, 0);

    assert_eq!(data.incidents.len(), 1);
    let down = &data.incidents[0];
    assert_eq!(down.title, "My Web Page was down");
    assert_eq!(down.opened_at, unix(1_462_465_234));
    assert_eq!(down.seconds_to_resolve(), Some(490_140));
    assert_eq!(down.service_id.as_deref(), Some("robot/777712827"));
}

/// 120 monitors over three v2 pages, each down for `n` minutes at a time of its own.
fn many() -> Account {
    let start = 1_700_000_000;
    let monitors = (0..120)
        .map(|n| {
            let at = start + n * 3600;
            v2_monitor(
                1000 + n,
                &format!("Site {n}"),
                2,
                vec![
                    log(98, start - 86_400, 86_400),
                    log(1, at, n * 60 + 60),
                    log(2, at + n * 60 + 60, 0),
                ],
            )
        })
        .collect();
    Account {
        key: KEY.into(),
        v3: false,
        v2_monitors: monitors,
        v3_monitors: Vec::new(),
        v3_page: 50,
        v2_total: None,
    }
}

#[tokio::test]
async fn v2_pages_of_fifty_are_all_read() {
    let server = serve(many()).await;
    let now = unix(1_700_000_000 + 200 * 3600);
    let (data, first, again) =
        common::sync_twice(NAME, &config(&server.uri()), Some(KEY), now).await;
    assert_eq!((first, again), (1 + 3, 3));
    assert_eq!(data.services.len(), 120);
    assert_eq!(data.incidents.len(), 120);
    let last = seconds(&data, "1119", (unix(1_700_000_000 - 86_400), now));
    assert_eq!(last.down, 120 * 60);
    let bodies: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    for part in [
        "logs=1",
        "limit=50",
        "offset=100",
        "custom_uptime_ranges=",
        "format=json",
    ] {
        assert!(
            bodies.iter().any(|b| b.contains(part)),
            "{part} in {bodies:?}"
        );
    }
}

fn v3_monitor(id: i64, name: &str, status: &str, now: DateTime<Utc>) -> Value {
    let day_start = now - Duration::hours(24);
    let histogram: Vec<Value> = (0..24)
        .map(|h| {
            let uptime = if id == 1 && h == 20 { 75.0 } else { 100.0 };
            json!({"timestamp": (day_start + Duration::hours(h)).timestamp(), "uptime": uptime})
        })
        .collect();
    let incident_start = day_start + Duration::hours(20) + Duration::minutes(10);
    json!({"id": id, "friendlyName": name, "url": format!("https://{id}.example.org"),
        "status": status, "interval": 300, "type": "HTTP",
        "lastIncident": if id == 1 {
            json!({"id": 9001, "status": "RESOLVED", "cause": 503, "reason": "Service Unavailable",
                "startedAt": incident_start.to_rfc3339(), "duration": 900})
        } else { Value::Null },
        "lastDayUptimes": {"bucketSize": 3600, "histogram": histogram}})
}

#[tokio::test]
async fn v3_is_read_first_and_its_pages_follow_next_link() {
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap();
    let account = Account {
        key: "v3-key-never-shown".into(),
        v3: true,
        v2_monitors: Vec::new(),
        v3_monitors: vec![
            v3_monitor(1, "Shop", "UP", now),
            v3_monitor(2, "Search", "UP", now),
            v3_monitor(3, "Old blog", "PAUSED", now),
        ],
        v3_page: 1,
        v2_total: None,
    };
    let server = serve(account).await;
    let (data, first, again) = common::sync_twice(
        NAME,
        &config(&server.uri()),
        Some("v3-key-never-shown"),
        now,
    )
    .await;
    common::report_requests("UptimeRobot v3", first, again);
    assert_eq!((first, again), (3, 3), "one request a page, three pages");
    let (said, _) = common::check(
        NAME,
        &config(&server.uri()),
        Some("v3-key-never-shown"),
        now,
    )
    .await;
    assert_eq!(
        said.unwrap(),
        "Connected to UptimeRobot (API v3): 3 monitors"
    );
    assert_eq!(data.services.len(), 3);
    let day = (now - Duration::hours(24), now);
    let shop = seconds(&data, "1", day);
    assert_eq!((shop.down, shop.up), (900, 86_400 - 900));
    let fifteen = data
        .intervals
        .iter()
        .find(|i| i.service_id == "robot/1" && i.status == Status::Down)
        .unwrap();
    assert_eq!(
        fifteen.start,
        now - Duration::hours(4) + Duration::minutes(10),
        "where the incident says"
    );
    assert_eq!(
        seconds(&data, "3", day).no_data,
        86_400,
        "paused: neither up nor down"
    );
    assert_eq!(data.incidents.len(), 1);
    assert_eq!(data.incidents[0].seconds_to_resolve(), Some(900));
    assert_eq!(data.incidents[0].notes, ["Service Unavailable"]);
}

#[tokio::test]
async fn the_free_plans_rate_limit_is_waited_out_by_its_reset_time() {
    let server = MockServer::start().await;
    let reset = (Utc::now() + Duration::seconds(1)).timestamp();
    Mock::given(method("POST"))
        .and(path("/v2/getMonitors"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("X-RateLimit-Limit", "10")
                .insert_header("X-RateLimit-Remaining", "0")
                .insert_header("X-RateLimit-Reset", reset.to_string().as_str()),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    uptimerobot::serve(&server, recorded()).await;
    let started = std::time::Instant::now();
    let run = common::first(NAME, &config(&server.uri()), Some(KEY), june()).await;
    assert_eq!(run.result.unwrap().data.services.len(), 3);
    assert_eq!(run.requests, 3, "v3's refusal, the 429, then v2");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));

    // Still limited after the client's budget: one clear line.
    let always = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "60")
                .insert_header(
                    "X-RateLimit-Reset",
                    (Utc::now().timestamp() + 60).to_string().as_str(),
                ),
        )
        .mount(&always)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&always)
        .await;
    let run = common::first(NAME, &config(&always.uri()), Some(KEY), june()).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::RateLimited);
    assert!(
        error.message.contains("limiting how often"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn stat_fail_answers_and_a_wrong_key_say_what_to_do() {
    let server = serve(recorded()).await;
    let run = common::first(
        NAME,
        &config(&server.uri()),
        Some("bad_key-also-secret"),
        june(),
    )
    .await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::Unauthorized);
    common::assert_says(
        &error.message,
        &["refused the API key (api_key not found.)", "set a valid"],
        &[KEY],
    );
    assert!(!error.message.contains("bad_key-also-secret"));
    assert_eq!(run.requests, 2, "v3 and v2 both asked");

    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&other)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"stat": "fail",
            "error": {"type": "internal", "message": "Monitors could not be\nread <b>now</b>"}})),
        )
        .mount(&other)
        .await;
    let run = common::first(NAME, &config(&other.uri()), Some(KEY), june()).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    common::assert_says(
        &error.message,
        &["refused the request (Monitors could not be read <b>now</b>)"],
        &[KEY],
    );

    let run = common::first(NAME, &config(&server.uri()), None, june()).await;
    assert_eq!(run.result.unwrap_err().kind, SourceErrorKind::Invalid);
    assert_eq!(run.requests, 0);
}

/// A first sync against a server whose v3 refuses the key and whose v2 answers `answer`.
async fn v2_answering(answer: ResponseTemplate) -> (SourceErrorKind, String) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(answer)
        .mount(&server)
        .await;
    let run = common::first(NAME, &config(&server.uri()), Some(KEY), june()).await;
    let error = run.result.expect_err("the sync should fail");
    (error.kind, error.message)
}

#[tokio::test]
async fn server_faults_and_unreadable_answers_fail_clearly() {
    let (kind, message) = v2_answering(ResponseTemplate::new(502)).await;
    assert_eq!(kind, SourceErrorKind::ServerError);
    common::assert_says(&message, &["kept failing", "HTTP 502"], &[KEY]);
    let (kind, message) = v2_answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({"stat": "ok", "monitors": []}))
            .set_delay(std::time::Duration::from_secs(3)),
    )
    .await;
    assert_eq!(kind, SourceErrorKind::Timeout);
    common::assert_says(&message, &["did not answer within 2 s"], &[KEY]);
    let (kind, message) = v2_answering(
        ResponseTemplate::new(200).set_body_string("{\"stat\": \"ok\", \"monitors\": ["),
    )
    .await;
    assert_eq!(kind, SourceErrorKind::BadResponse);
    common::assert_says(
        &message,
        &["the answer was cut off", "Nothing was changed"],
        &[KEY],
    );
    let (kind, message) =
        v2_answering(ResponseTemplate::new(200).set_body_json(json!({"stat": "ok"}))).await;
    assert_eq!(kind, SourceErrorKind::BadResponse);
    common::assert_says(&message, &["no \"monitors\" list"], &[KEY]);
}

#[tokio::test]
async fn hostile_names_and_null_fields_are_kept_as_plain_short_text() {
    let mut account = recorded();
    account.v2_monitors[0]["friendly_name"] = json!(format!(
        "<img src=x onerror=alert(1)>\n\u{202E}{}",
        "A".repeat(5000)
    ));
    account.v2_monitors[1]["friendly_name"] = Value::Null;
    account.v2_monitors[1]["logs"] = Value::Null;
    account.v2_monitors[2]["logs"][1]["duration"] = Value::Null;
    account.v2_monitors[2]["logs"][2]["datetime"] = json!("not a time");
    let server = serve(account).await;
    let run = common::first(NAME, &config(&server.uri()), Some(KEY), june()).await;
    let data = run.result.unwrap().data;
    let name = &data.services[0].name;
    assert!(
        name.starts_with("<img src=x onerror=alert(1)> AAA"),
        "{name}"
    );
    assert!(name.chars().count() <= unsung_sources::text::MAX_TITLE_CHARS);
    assert!(!name.contains('\u{202E}'));
    assert_eq!(
        data.services[1].name, "http://www.google.com",
        "named by its address"
    );
    assert_eq!(data.services.len(), 3);
    assert_eq!(data.incidents.len(), 1, "the down entry is still read");
    assert_eq!(
        data.incidents[0].resolved_at,
        Some(unix(1_462_955_588)),
        "without a duration, down until the next readable entry"
    );
}

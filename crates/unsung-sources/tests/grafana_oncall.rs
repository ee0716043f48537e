//! Grafana OnCall against a local instance (unsung-testsupport's `grafana_oncall`) replaying
//! the docs' alert group examples (tests/fixtures/grafana-oncall), with the variants a real
//! instance shows: Django paging with inside `next` links, user ids to name, silenced groups,
//! OSS and Cloud tokens, faults, the docs' invalid JSON, hostile and missing fields.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::{incident, utc};
use serde_json::{Value, json};
use unsung_core::{Dataset, IncidentKind, Severity};
use unsung_sources::{Kind, SourceConfig, SourceErrorKind};
use unsung_testsupport::grafana_oncall::{self as oncall, STACK, TOKEN};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const NAME: &str = "oncall";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn config(server: &MockServer) -> SourceConfig {
    common::at_url(Kind::GrafanaOnCall, &server.uri())
}

fn cloud(server: &MockServer) -> SourceConfig {
    let mut config = config(server);
    config.url = Some(format!("{}/api/v1/", server.uri()));
    config.stack_url = Some(STACK.to_string());
    config
}

fn assert_says(message: &str, parts: &[&str]) {
    common::assert_says(message, parts, &[TOKEN]);
}

async fn served(groups: &[Value], cloud: bool) -> MockServer {
    let server = MockServer::start().await;
    oncall::serve(&server, groups, cloud).await;
    server
}

#[tokio::test]
async fn a_first_sync_reads_the_pages_back_to_the_history_and_names_who_resolved() {
    let server = served(&oncall::standard(), false).await;
    let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
    let data = run.result.expect("first sync").data;
    // Three pages of groups (the last reaches past a year ago) and two of users.
    assert_eq!(run.requests, 5);
    assert_eq!(
        data.incidents.len(),
        6,
        "the group older than a year is left out"
    );

    let checkout = incident(&data, "IRES0001");
    assert_eq!(checkout.id, "oncall/IRES0001");
    assert_eq!(checkout.title, "Checkout errors");
    assert_eq!(checkout.opened_at, utc("2026-11-10T02:00:00Z"));
    assert_eq!(checkout.resolved_at, Some(utc("2026-11-10T02:30:00Z")));
    assert_eq!(checkout.resolved_by.as_deref(), Some("Alice Moreau"));
    assert_eq!(checkout.severity, Severity::Minor);
    assert_eq!(
        checkout.link.as_deref(),
        Some("https://oncall.example.com/alert-groups/IRES0001")
    );
    let search = incident(&data, "IRES0002");
    assert_eq!(search.acknowledged_at, Some(utc("2026-11-12T10:05:00Z")));
    assert_eq!(
        search.resolved_by.as_deref(),
        Some("bob"),
        "a username when no name"
    );
    assert_eq!(search.responders, ["Alice Moreau", "bob"]);
    let login = incident(&data, "IRES0003");
    assert_eq!(login.resolved_at, Some(utc("2026-11-20T14:10:00Z")));
    assert_eq!(
        login.resolved_by, None,
        "resolved by the alert itself: nobody to thank"
    );
    // Silenced is not fixed; acknowledged is not either.
    assert_eq!(incident(&data, "ISIL0004").resolved_at, None);
    let disk = incident(&data, "IACK0006");
    assert_eq!(disk.resolved_at, None);
    assert_eq!(disk.responders, ["Alice Moreau"]);
    assert_eq!(incident(&data, "IDRL0005").kind, IncidentKind::Drill);

    let counted: Vec<&str> = data
        .incidents
        .iter()
        .filter(|i| i.counts())
        .map(|i| i.external_id.as_str())
        .collect();
    assert_eq!(
        counted,
        ["IRES0001", "IRES0002", "IRES0003", "ISIL0004", "IACK0006"]
    );
    assert_eq!(data.people, ["Alice Moreau", "bob"]);
    // The `next` links named an inside address; every request went to this source's own.
    let own = server.address().to_string();
    for request in server.received_requests().await.unwrap() {
        let host = request.headers.get("host").and_then(|h| h.to_str().ok());
        assert_eq!(host, Some(own.as_str()));
    }
}

#[tokio::test]
async fn an_unchanged_resync_is_one_request() {
    let server = served(&oncall::standard(), false).await;
    let (merged, first, resync) =
        common::sync_twice(NAME, &config(&server), Some(TOKEN), now()).await;
    // The first page holds both open groups, as they are now: nothing else to ask.
    assert_eq!((first, resync), (5, 1));
    common::report_requests("Grafana OnCall", first, resync);
    assert_eq!(merged.incidents.len(), 6);
}

#[tokio::test]
async fn an_open_group_off_the_first_page_is_read_again_and_users_only_when_new() {
    // The silenced group opened early in the month: it sits on the last page.
    let mut groups = oncall::standard();
    let mut silenced = groups.remove(2);
    silenced["created_at"] = json!("2026-11-01T08:00:00Z");
    groups.insert(5, silenced);
    let fresh = |id: &str, at: &str| {
        oncall::Group {
            id,
            title: "Fresh",
            state: "resolved",
            created_at: at,
            acknowledged: None,
            resolved: Some((at, Some("U1ALICE"))),
        }
        .to_json()
    };
    let server = served(&groups, false).await;
    let config = config(&server);
    let first = common::first(NAME, &config, Some(TOKEN), now()).await;
    let fetched = first.result.unwrap();
    let store = unsung_sources::merge::apply(Dataset::default(), &fetched);

    // Two new groups since; page two is all older than the last sync, so reading stops there.
    groups.insert(0, fresh("INEW0008", "2026-11-30T10:00:00Z"));
    groups.insert(0, fresh("INEW0009", "2026-11-30T11:00:00Z"));
    // The silenced group was resolved since, by someone OnCall has just added.
    let silenced = groups.iter_mut().find(|g| g["id"] == "ISIL0004").unwrap();
    silenced["state"] = json!("resolved");
    silenced["resolved_at"] = json!("2026-11-30T09:00:00Z");
    silenced["resolved_by"] = json!("U2BOB");
    server.reset().await;
    oncall::serve(&server, &groups, false).await;
    let later = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let run = common::fetch(NAME, &config, Some(TOKEN), &fetched.cursor, &store, later).await;
    let data = run.result.expect("resync").data;
    // Page one (the two new groups and the acknowledged one), page two (older than the last
    // sync), then the silenced group by id; bob is named already, so no users.
    assert_eq!(run.requests, 3);
    let silenced = incident(&data, "ISIL0004");
    assert_eq!(silenced.resolved_at, Some(utc("2026-11-30T09:00:00Z")));
    assert_eq!(silenced.resolved_by.as_deref(), Some("bob"));
    assert!(data.incidents.iter().any(|i| i.external_id == "INEW0009"));
}

#[tokio::test]
async fn grafana_cloud_takes_a_bearer_token_and_the_stack_address() {
    let server = served(&oncall::standard(), true).await;
    let run = common::first(NAME, &cloud(&server), Some(TOKEN), now()).await;
    assert_eq!(run.result.expect("cloud sync").data.incidents.len(), 6);
    assert_eq!(run.requests, 5);
    // Without the stack, the same token is refused.
    let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
    let error = run.result.expect_err("OSS-style token on Cloud");
    assert_eq!(error.kind, SourceErrorKind::Unauthorized);
    assert_says(&error.message, &["refused the token (HTTP 401)"]);
}

#[tokio::test]
async fn the_docs_examples_valid_and_invalid() {
    // v1.2.x: valid; one group resolved in an hour, by nobody named, in one request.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/alert_groups/"))
        .respond_with(ResponseTemplate::new(200).set_body_string(common::fixture(
            "grafana-oncall/docs_v1.2.x_list_alert_groups.json",
        )))
        .mount(&server)
        .await;
    let at = Utc.with_ymd_and_hms(2020, 5, 20, 0, 0, 0).unwrap();
    let run = common::first(NAME, &config(&server), Some(TOKEN), at).await;
    let data = run.result.expect("v1.2.x").data;
    assert_eq!(run.requests, 1);
    let memory = incident(&data, "I68T24C13IFW1");
    assert_eq!(memory.title, "Memory above 90% threshold");
    assert_eq!(
        memory.resolved_at.unwrap() - memory.opened_at,
        chrono::Duration::microseconds(3_599_999_361)
    );
    assert_eq!(memory.link, None, "a Slack link is not the group's page");

    // v1.7.x as published: a trailing comma. A clear error; nothing changes.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(common::fixture(
            "grafana-oncall/docs_v1.7.x_list_alert_groups.AS_PUBLISHED_invalid_json.txt",
        )))
        .mount(&server)
        .await;
    let run = common::first(NAME, &config(&server), Some(TOKEN), at).await;
    let error = run.result.expect_err("invalid JSON");
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
    assert_says(
        &error.message,
        &[
            "could not read",
            "unexpected content",
            "Nothing was changed",
        ],
    );
}

#[tokio::test]
async fn hostile_titles_are_tidied_and_missing_fields_fall_back() {
    let mut groups = oncall::standard();
    groups[0]["title"] = json!(format!(
        "<img src=x onerror=alert(1)>\u{0}\n{}",
        "ß".repeat(300)
    ));
    groups[1]["title"] = Value::Null;
    groups[1]["alert_group_number"] = json!(42);
    groups[2]["title"] = json!("   ");
    groups[2]["permalinks"] = Value::Null;
    groups[3]["resolved_by"] = json!("UNOBODY");
    groups[4]["created_at"] = json!("not a time");
    let server = served(&groups, false).await;
    let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
    let data = run.result.expect("sync").data;
    assert_eq!(
        data.incidents.len(),
        5,
        "the group without a readable time is set aside"
    );
    let hostile = incident(&data, "IACK0006");
    assert!(
        hostile.title.starts_with("<img src=x onerror=alert(1)> ßß"),
        "{}",
        hostile.title
    );
    assert_eq!(
        hostile.title.chars().count(),
        unsung_sources::text::MAX_TITLE_CHARS
    );
    assert_eq!(incident(&data, "IDRL0005").title, "Alert group #42");
    let blank = incident(&data, "ISIL0004");
    assert_eq!(blank.title, "Untitled alert group");
    assert_eq!(blank.link, None);
    assert_eq!(
        incident(&data, "IRES0003").resolved_by,
        None,
        "an id nobody has"
    );
}

async fn failed_sync_answering(response: ResponseTemplate) -> (SourceErrorKind, String) {
    common::failing_first(NAME, Kind::GrafanaOnCall, Some(TOKEN), now(), response).await
}

#[tokio::test]
async fn faults_say_what_happened_and_what_to_do() {
    let whole =
        serde_json::to_string(&oncall::page("alert_groups", &oncall::standard(), 7, None)).unwrap();
    let cases: Vec<(ResponseTemplate, SourceErrorKind, &[&str])> = vec![
        (
            ResponseTemplate::new(502),
            SourceErrorKind::ServerError,
            &["kept failing", "HTTP 502", "Earlier data is kept"],
        ),
        (
            ResponseTemplate::new(200).set_body_string(&whole[..whole.len() / 2]),
            SourceErrorKind::BadResponse,
            &["cut off", "Nothing was changed"],
        ),
        (
            ResponseTemplate::new(200).set_body_string("<html>Grafana</html>"),
            SourceErrorKind::BadResponse,
            &["could not read"],
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"count": 1, "results": "none"})),
            SourceErrorKind::BadResponse,
            &["could not read"],
        ),
        (
            ResponseTemplate::new(403).set_body_json(
                json!({"detail": "You do not have permission to perform this action."}),
            ),
            SourceErrorKind::Unauthorized,
            &[
                "refused the token (HTTP 403)",
                "set a valid read-only token",
            ],
        ),
        (
            ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
            SourceErrorKind::RateLimited,
            &["limiting how often", "Earlier data is kept"],
        ),
        (
            ResponseTemplate::new(200)
                .set_body_json(oncall::page("alert_groups", &[], 0, None))
                .set_delay(std::time::Duration::from_secs(3)),
            SourceErrorKind::Timeout,
            &["did not answer within 2 s"],
        ),
    ];
    for (response, kind, said) in cases {
        let (got, message) = failed_sync_answering(response).await;
        assert_eq!(got, kind, "{message}");
        assert_says(&message, said);
    }
}

#[tokio::test]
async fn a_rate_limit_is_waited_out_and_a_failing_page_retried() {
    for refusal in [
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        ResponseTemplate::new(503),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/api/v1/users/"))
            .respond_with(refusal)
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        oncall::serve(&server, &oncall::standard(), false).await;
        let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
        assert_eq!(run.result.expect("sync").data.incidents.len(), 6);
        assert_eq!(run.requests, 6, "the usual five and the refused one");
    }
}

#[tokio::test]
async fn a_next_link_going_round_in_circles_is_refused() {
    let server = MockServer::start().await;
    let looping = oncall::page("alert_groups", &oncall::standard()[..1], 7, Some(2));
    Mock::given(method("GET"))
        .and(path("/api/v1/alert_groups/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(looping))
        .mount(&server)
        .await;
    let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
    let error = run.result.expect_err("a loop");
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
    assert_says(&error.message, &["going round in circles"]);
    assert_eq!(run.requests, 2, "page one, page two, and no more");
}

#[tokio::test]
async fn no_token_or_a_bad_stack_is_refused_before_asking_and_a_check_counts_the_groups() {
    let server = served(&oncall::standard(), false).await;
    let run = common::first(NAME, &config(&server), None, now()).await;
    let error = run.result.expect_err("no token");
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert_says(&error.message, &["API token", "Set one for this source"]);
    assert_eq!(run.requests, 0);
    let mut bad_stack = cloud(&server);
    bad_stack.stack_url = Some("team.grafana.net\r\nX-Other: 1".to_string());
    let run = common::first(NAME, &bad_stack, Some(TOKEN), now()).await;
    let error = run.result.expect_err("not an address");
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert_says(
        &error.message,
        &["not a web address", "the Grafana stack's address"],
    );
    assert_eq!(run.requests, 0);
    let (said, requests) = common::check(NAME, &config(&server), Some(TOKEN), now()).await;
    assert_eq!(
        said.expect("connected"),
        "Connected to Grafana OnCall: 7 alert groups"
    );
    assert_eq!(requests, 1);
}

#[test]
fn every_kind_is_named_the_same_in_the_store_and_on_the_command_line() {
    for kind in Kind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
    }
    assert_eq!(Kind::parse("grafana-oncall"), Some(Kind::GrafanaOnCall));
}

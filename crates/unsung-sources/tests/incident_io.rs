//! incident.io against a local organisation (unsung-testsupport's `incident_io`) replaying the
//! OpenAPI example and the recorded singer-tap payloads (tests/fixtures/incidentio), with the
//! variants a real organisation shows: paging, incidents that never count, no `resolved_at`,
//! rate limits in the body, faults, hostile and missing fields.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::{incident, utc};
use serde_json::{Value, json};
use unsung_core::{Dataset, Disposition, IncidentKind, Severity};
use unsung_sources::{Kind, SourceConfig, SourceErrorKind};
use unsung_testsupport::incident_io::{self as org, TOKEN};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const NAME: &str = "inc";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn config(server: &MockServer) -> SourceConfig {
    common::at_url(Kind::IncidentIo, &server.uri())
}

fn empty_resync() -> Value {
    org::page(&[], None)
}

fn assert_says(message: &str, parts: &[&str]) {
    common::assert_says(message, parts, &[TOKEN]);
}

async fn standard_server() -> MockServer {
    let server = MockServer::start().await;
    org::serve(&server, &org::standard(), empty_resync()).await;
    server
}

#[tokio::test]
async fn a_first_sync_reads_three_pages_and_counts_only_real_incidents() {
    let server = standard_server().await;
    let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
    let data = run.result.expect("first sync").data;
    // Three pages, the severities, "Search slow"'s updates (no timestamp says when it was
    // resolved), and the follow-ups once.
    assert_eq!(run.requests, 6);
    assert_eq!(data.incidents.len(), 10);

    let checkout = incident(&data, "01INC0000000000000000000A1");
    assert_eq!(checkout.id, "inc/01INC0000000000000000000A1");
    assert_eq!(checkout.title, "Checkout errors");
    assert_eq!(checkout.severity, Severity::Major);
    assert_eq!(checkout.opened_at, utc("2026-11-10T02:00:00Z"));
    assert_eq!(checkout.resolved_at, Some(utc("2026-11-10T02:30:00Z")));
    assert_eq!(checkout.resolved_by.as_deref(), Some("Lisa Karlin Curtis"));
    assert_eq!(checkout.responders, ["Lisa Karlin Curtis"]);
    assert_eq!(checkout.disposition, Disposition::Counted);
    assert_eq!(
        checkout.link.as_deref(),
        Some("https://app.incident.io/incidents/01INC0000000000000000000A1")
    );
    // What got better: the follow-ups still worth doing and the postmortem's address, as
    // engineer text (never shown to the family as is); the deleted follow-up is left out.
    assert_eq!(
        checkout.source_explanation.as_deref(),
        Some(
            "Follow-ups: Add alerting on replica lag. Postmortem: https://docs.google.com/my_doc_id"
        )
    );

    // No "Resolved at": the move to a post-incident status (11:00) is when it was resolved.
    let search = incident(&data, "01INC0000000000000000000B2");
    assert_eq!(search.resolved_at, Some(utc("2026-11-12T11:00:00Z")));
    assert_eq!(search.severity, Severity::Minor);
    assert_eq!(
        search.source_explanation.as_deref(),
        Some("Follow-ups: Cache search results.")
    );
    // "Fixed at" stands in for "Resolved at"; Critical ranks above Major.
    let login = incident(&data, "01INC0000000000000000000C3");
    assert_eq!(login.resolved_at, Some(utc("2026-11-20T14:10:00Z")));
    assert_eq!(login.severity, Severity::Major);

    let disposition = |id: &str| incident(&data, id).disposition;
    assert_eq!(
        disposition("01INC0000000000000000000D4"),
        Disposition::Merged
    );
    assert_eq!(
        disposition("01INC0000000000000000000E5"),
        Disposition::Declined
    );
    assert_eq!(
        disposition("01INC0000000000000000000F6"),
        Disposition::Declined
    );
    assert_eq!(disposition("01INC0000000000000000000G7"), Disposition::Test);
    assert_eq!(disposition("01INC0000000000000000000H8"), Disposition::Test);
    let merged = incident(&data, "01INC0000000000000000000D4");
    assert!(merged.resolved_at.is_some(), "never left open");
    assert_eq!(
        incident(&data, "01INC0000000000000000000I9").kind,
        IncidentKind::Drill
    );
    let live = incident(&data, "01INC0000000000000000000J0");
    assert_eq!(live.resolved_at, None);
    assert_eq!(live.resolved_by, None, "nobody resolved it yet");
    assert_eq!(live.responders, ["Lisa Karlin Curtis"]);

    let counted: Vec<&str> = data
        .incidents
        .iter()
        .filter(|i| i.counts())
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        counted,
        [
            "Checkout errors",
            "Search slow",
            "Login outage",
            "Payments degraded"
        ]
    );
    assert_eq!(data.people, ["Lisa Karlin Curtis", "Rob"]);
}

#[tokio::test]
async fn an_unchanged_resync_is_one_request() {
    let server = standard_server().await;
    let (merged, first, resync) =
        common::sync_twice(NAME, &config(&server), Some(TOKEN), now()).await;
    assert_eq!((first, resync), (6, 1));
    common::report_requests("incident.io", first, resync);
    assert_eq!(merged.incidents.len(), 10);
    let asked = server.received_requests().await.unwrap();
    let last = asked
        .last()
        .unwrap()
        .url
        .query()
        .unwrap_or_default()
        .to_string();
    assert!(last.contains("updated_at%5Bgte%5D=2026-11-28"), "{last}");
}

#[tokio::test]
async fn a_resync_reads_what_changed_and_the_follow_ups_of_what_just_closed() {
    let server = standard_server().await;
    let config = config(&server);
    let first = common::first(NAME, &config, Some(TOKEN), now()).await;
    let fetched = first.result.unwrap();
    let store = unsung_sources::merge::apply(Dataset::default(), &fetched);

    // The same day's changes come back: "Search slow" is closed now, "Payments degraded"
    // resolved with a "Resolved at".
    let mut changed = org::standard();
    changed[1]["incident_status"]["category"] = json!("closed");
    let payments = org::Record {
        id: "01INC0000000000000000000J0",
        name: "Payments degraded",
        category: "learning",
        mode: "standard",
        created_at: "2026-11-29T19:00:00Z",
        resolved: Some(("Resolved at", "2026-11-29T19:45:00Z")),
        severity: ("sev-major", "Major", 2),
        lead: Some("Lisa Karlin Curtis"),
    }
    .to_json();
    server.reset().await;
    org::serve(
        &server,
        &org::standard(),
        org::page(&[changed[1].clone(), payments], None),
    )
    .await;

    let later = now() + chrono::Duration::hours(1);
    let run = common::fetch(NAME, &config, Some(TOKEN), &fetched.cursor, &store, later).await;
    let data = run.result.expect("resync").data;
    // The listing and the follow-ups: no severities (all known), no updates ("Search slow"'s
    // resolution is stored).
    assert_eq!(run.requests, 2);
    let search = incident(&data, "01INC0000000000000000000B2");
    assert_eq!(search.resolved_at, Some(utc("2026-11-12T11:00:00Z")));
    let payments = incident(&data, "01INC0000000000000000000J0");
    assert_eq!(payments.resolved_at, Some(utc("2026-11-29T19:45:00Z")));
    assert_eq!(payments.resolved_by.as_deref(), Some("Lisa Karlin Curtis"));

    // A new severity in an incident: the severities are read again.
    let mut new_severity = org::standard()[2].clone();
    new_severity["severity"] = json!({"id": "sev-new", "name": "SEV0", "rank": 9});
    server.reset().await;
    org::serve(&server, &org::standard(), org::page(&[new_severity], None)).await;
    let run = common::fetch(NAME, &config, Some(TOKEN), &fetched.cursor, &store, later).await;
    assert_eq!(run.requests, 2, "the listing and the severities");
}

#[tokio::test]
async fn the_recorded_incident_and_the_openapi_example_map_as_they_are() {
    let server = MockServer::start().await;
    let recorded =
        unsung_testsupport::fixture_json("incidentio/singer_tap_testdata_incidents.json");
    let mut example = org::example_incident();
    example["created_at"] = json!("2023-10-20T13:28:57.801578Z");
    let body = json!({"incidents": [recorded[0].clone(), example], "pagination_meta": null});
    Mock::given(method("GET"))
        .and(path("/v2/incidents"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/severities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(org::severities()))
        .mount(&server)
        .await;
    let at = Utc.with_ymd_and_hms(2023, 10, 25, 0, 0, 0).unwrap();
    let run = common::first(NAME, &config(&server), Some(TOKEN), at).await;
    let data = run.result.expect("sync").data;
    assert_eq!(run.requests, 2);
    // Recorded: live, Minor (rank 0), led and reported by Rob, named by its Slack channel.
    let recorded = incident(&data, "01HDH3SMWK0C2D8TN41PVW61TA");
    assert_eq!(recorded.title, "teal-ostrich");
    assert_eq!(recorded.resolved_at, None);
    assert_eq!(recorded.severity, Severity::Minor);
    assert_eq!(recorded.responders, ["Rob"]);
    assert_eq!(recorded.opened_at, utc("2023-10-24T15:10:35.411Z"));
    // The example's status is named "Closed" but its category is triage: still open.
    let example = incident(&data, "01FDAG4SAP5TYPT98WGR2N7W91");
    assert_eq!(example.title, "Our database is sad");
    assert_eq!(example.resolved_at, None);
    // Its postmortem is material already; follow-ups are read once it is resolved.
    assert_eq!(
        example.source_explanation.as_deref(),
        Some("Postmortem: https://docs.google.com/my_doc_id")
    );
}

#[tokio::test]
async fn hostile_titles_are_tidied_and_missing_fields_fall_back() {
    let server = MockServer::start().await;
    let mut hostile = org::standard()[0].clone();
    hostile["name"] = json!(format!(
        "<script>alert(1)</script>\n\tDown\u{202E}{}",
        "é".repeat(400)
    ));
    let mut nulls = org::standard()[2].clone();
    nulls["id"] = json!("01INC00000000000000000NULL");
    nulls["name"] = Value::Null;
    nulls["severity"] = Value::Null;
    nulls["incident_timestamp_values"] = Value::Null;
    nulls["incident_role_assignments"] = Value::Null;
    nulls["permalink"] = json!("javascript:alert(1)");
    nulls["incident_status"]["category"] = json!("closed");
    let unreadable = json!({"id": "01INC000000000000000000BAD", "name": "No time"});
    org::serve(&server, &[hostile, nulls, unreadable], empty_resync()).await;
    let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
    let data = run.result.expect("sync").data;
    assert_eq!(
        data.incidents.len(),
        2,
        "the record without a time is set aside"
    );
    let hostile = incident(&data, "01INC0000000000000000000A1");
    assert!(
        hostile
            .title
            .starts_with("<script>alert(1)</script> Down é"),
        "{}",
        hostile.title
    );
    assert_eq!(
        hostile.title.chars().count(),
        unsung_sources::text::MAX_TITLE_CHARS
    );
    let nulls = incident(&data, "01INC00000000000000000NULL");
    assert_eq!(
        nulls.title, "INC-123",
        "the reference stands in for a missing name"
    );
    assert_eq!(nulls.severity, Severity::Minor);
    assert_eq!(nulls.resolved_by, None);
    assert_eq!(nulls.link, None);
    // Closed, no timestamp: its updates (here another incident's) say nothing, so its last
    // update is when it was resolved.
    assert_eq!(nulls.resolved_at, Some(utc("2026-11-20T14:10:00Z")));
}

async fn failed_sync_answering(response: ResponseTemplate) -> (SourceErrorKind, String) {
    common::failing_first(NAME, Kind::IncidentIo, Some(TOKEN), now(), response).await
}

#[tokio::test]
async fn a_rate_limit_said_in_the_body_is_waited_out() {
    let server = MockServer::start().await;
    // incident.io's 429: no Retry-After header, the time in the body (with "UTC").
    let soon =
        httpdate::fmt_http_date(std::time::SystemTime::now() + std::time::Duration::from_secs(1));
    let limited = ResponseTemplate::new(429).set_body_json(json!({
        "type": "rate_limited", "status": 429,
        "rate_limit": {"name": "api_key", "limit": 1200, "remaining": 0,
            "retry_after": soon.replace("GMT", "UTC")}}));
    Mock::given(method("GET"))
        .and(path("/v2/follow_ups"))
        .respond_with(limited)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    org::serve(&server, &org::standard(), empty_resync()).await;
    let started = std::time::Instant::now();
    let run = common::first(NAME, &config(&server), Some(TOKEN), now()).await;
    assert_eq!(
        run.result.expect("sync after waiting").data.incidents.len(),
        10
    );
    assert_eq!(run.requests, 7, "the usual six and the refused one");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));

    let later = httpdate::fmt_http_date(
        std::time::SystemTime::now() + std::time::Duration::from_secs(3600),
    );
    let (kind, message) = failed_sync_answering(ResponseTemplate::new(429).set_body_json(
        json!({"rate_limit": {"limit": 1200, "remaining": 0, "retry_after": later.replace("GMT", "UTC")}}),
    ))
    .await;
    assert_eq!(kind, SourceErrorKind::RateLimited);
    assert_says(&message, &["limiting how often", "Earlier data is kept"]);
}

#[tokio::test]
async fn faults_say_what_happened_and_what_to_do() {
    let whole = serde_json::to_string(&org::page(&org::standard(), None)).unwrap();
    let cases: Vec<(ResponseTemplate, SourceErrorKind, &[&str])> = vec![
        (
            ResponseTemplate::new(500),
            SourceErrorKind::ServerError,
            &["kept failing", "HTTP 500", "Earlier data is kept"],
        ),
        (
            ResponseTemplate::new(200).set_body_string(&whole[..whole.len() / 2]),
            SourceErrorKind::BadResponse,
            &["cut off", "Nothing was changed"],
        ),
        (
            ResponseTemplate::new(200).set_body_string("<html>incident.io is down</html>"),
            SourceErrorKind::BadResponse,
            &["could not read", "Nothing was changed"],
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"incidents": "none"})),
            SourceErrorKind::BadResponse,
            &["could not read"],
        ),
        (
            ResponseTemplate::new(401)
                .set_body_json(json!({"type": "authentication_error", "status": 401})),
            SourceErrorKind::Unauthorized,
            &[
                "refused the token (HTTP 401)",
                "set a valid read-only token",
            ],
        ),
        (
            ResponseTemplate::new(403),
            SourceErrorKind::Unauthorized,
            &["refused the token (HTTP 403)"],
        ),
        (
            ResponseTemplate::new(200)
                .set_body_json(org::page(&[], None))
                .set_delay(std::time::Duration::from_secs(3)),
            SourceErrorKind::Timeout,
            &["did not answer within 2 s", "try again later"],
        ),
    ];
    for (response, kind, said) in cases {
        let (got, message) = failed_sync_answering(response).await;
        assert_eq!(got, kind, "{message}");
        assert_says(&message, said);
    }
}

#[tokio::test]
async fn a_wrong_key_is_refused_and_no_key_is_asked_for() {
    let server = standard_server().await;
    let run = common::first(NAME, &config(&server), Some("wrong-key-also-secret"), now()).await;
    let error = run.result.expect_err("refused");
    assert_eq!(error.kind, SourceErrorKind::Unauthorized);
    assert!(!error.message.contains("wrong-key-also-secret"));
    let run = common::first(NAME, &config(&server), None, now()).await;
    let error = run.result.expect_err("no key");
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert_says(
        &error.message,
        &["read-only API key", "Set one for this source"],
    );
    assert_eq!(run.requests, 0);
}

#[tokio::test]
async fn a_check_names_how_many_incidents_there_are() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/incidents"))
        .and(query_param("page_size", "1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(org::page(&org::standard()[..1], Some("x"))),
        )
        .mount(&server)
        .await;
    let (said, requests) = common::check(NAME, &config(&server), Some(TOKEN), now()).await;
    assert_eq!(
        said.expect("connected"),
        "Connected to incident.io: 10 incidents"
    );
    assert_eq!(requests, 1);
}

#[tokio::test]
async fn drills_are_named_by_the_users_own_words_too() {
    let server = MockServer::start().await;
    let mut practice = org::standard()[0].clone();
    practice["name"] = json!("Chaos Tuesday: kill the cache");
    org::serve(&server, &[practice], empty_resync()).await;
    let words = ["chaos tuesday".to_string()];
    let run =
        common::first_with_drill_words(NAME, &config(&server), Some(TOKEN), now(), &words).await;
    let data = run.result.expect("sync").data;
    assert_eq!(data.incidents[0].kind, IncidentKind::Drill);
    assert!(!data.incidents[0].counts());
}

//! The PagerDuty connector against a local fake of the REST API v2 that replays PagerDuty's
//! own example payloads (tests/fixtures/pagerduty) and variants built from them: mapping,
//! paging, windows split at the 10 000 offset cap, resync cost, and every way a sync can fail.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use unsung_core::{Dataset, Disposition, Incident, Severity, Status};
use unsung_sources::{Fetched, Kind, SourceConfig, SourceErrorKind, merge};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Clearly fake, and asserted never to show up in a message.
const TOKEN: &str = "test-token-do-not-log";
const NAME: &str = "pd";
const ACCEPT: &str = "application/vnd.pagerduty+json;version=2";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2015, 11, 12, 0, 0, 0).unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn fixture(name: &str) -> Value {
    serde_json::from_str(&common::fixture(&format!("pagerduty/{name}"))).unwrap()
}

fn config(server: &MockServer) -> SourceConfig {
    let mut config = SourceConfig::new(Kind::PagerDuty);
    config.url = Some(server.uri());
    config
}

fn user(id: &str, name: &str) -> Value {
    json!({"id": id, "type": "user_reference", "summary": name})
}

/// The resolved incident of the list example (P2, high urgency).
fn fire() -> Value {
    fixture("openapi_list_incidents.json")["incidents"][0].clone()
}

/// The list example closed by a merge into another incident.
fn merged() -> Value {
    let mut incident = fire();
    incident["id"] = json!("PMERGED");
    incident["title"] = json!("The server is on fire (again)");
    incident["created_at"] = json!("2015-10-20T10:00:00Z");
    incident["resolved_at"] = json!("2015-10-20T10:05:00Z");
    incident["resolve_reason"] = json!({
        "type": "merge_resolve_reason",
        "incident": {"id": "PT4KHLK", "type": "incident_reference"}
    });
    incident
}

/// The get-incident example (acknowledged, still open), made P1 and recent.
fn open() -> Value {
    let mut incident = fixture("openapi_get_incident.json")["incident"].clone();
    incident["id"] = json!("POPEN01");
    incident["created_at"] = json!("2015-11-10T00:30:00Z");
    incident["priority"]["summary"] = json!("P1");
    incident
}

/// The same incident once someone resolved it.
fn open_now_resolved() -> Value {
    let mut incident = open();
    incident["status"] = json!("resolved");
    incident["resolved_at"] = json!("2015-11-12T05:00:00Z");
    incident["assignments"] = json!([]);
    incident["acknowledgements"] = json!([]);
    incident
}

/// The log example (a trigger) plus an acknowledgement and a resolution by people.
fn log_entries(incident: &str, acknowledged: &str, resolved: &str) -> Value {
    let mut body = fixture("openapi_incident_log_entries.json");
    let trigger = body["log_entries"][0].clone();
    let mut acknowledge = trigger.clone();
    acknowledge["type"] = json!("acknowledge_log_entry");
    acknowledge["created_at"] = json!(acknowledged);
    acknowledge["agent"] = user("PL7A2O4", "Lee Turner");
    let mut resolve = trigger.clone();
    resolve["type"] = json!("resolve_log_entry");
    resolve["created_at"] = json!(resolved);
    resolve["agent"] = user("PXPGF42", "Earline Greenholt");
    // Newest first, as the API lists them: the connector orders them itself.
    body["log_entries"] = json!([resolve, acknowledge, trigger]);
    body["log_entries"][2]["incident"]["id"] = json!(incident);
    body
}

/// The notes example with one note's time in UTC instead of -05:00: it is the earlier of the
/// two, though its text sorts later ("20:28:45Z" after "15:28:51-05:00").
fn notes() -> Value {
    let mut body = fixture("openapi_incident_notes.json");
    body["notes"][1]["created_at"] = json!("2013-03-06T20:28:45Z");
    body
}

fn change_event(id: &str, at: &str, summary: &str) -> Value {
    json!({
        "id": id,
        "type": "change_event",
        "summary": summary,
        "timestamp": at,
        "services": [{"id": "PIJ90N7", "type": "service_reference", "summary": "My Mail Service"}],
        "integration": null,
        "routing_key": "R0UT1NGK3Y",
        "source": "ci",
        "links": [],
        "custom_details": {}
    })
}

/// A classic-paged list filtered by `since`/`until` on one time field, as PagerDuty serves
/// incidents and change events. It can claim more than 10 000 items for wide windows.
#[derive(Clone)]
struct Listing {
    key: &'static str,
    time_field: &'static str,
    items: Vec<Value>,
    /// Windows longer than this answer `total: 20000`, as a very busy account would.
    busy_beyond: Option<Duration>,
}

impl Listing {
    fn new(key: &'static str, time_field: &'static str, items: Vec<Value>) -> Listing {
        Listing {
            key,
            time_field,
            items,
            busy_beyond: None,
        }
    }
}

impl Respond for Listing {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query: HashMap<String, String> = request.url.query_pairs().into_owned().collect();
        let (Some(since), Some(until)) = (query.get("since"), query.get("until")) else {
            return ResponseTemplate::new(400)
                .set_body_json(json!({"error": {"message": "since and until, please"}}));
        };
        assert_eq!(query.get("time_zone").map(String::as_str), Some("UTC"));
        let (since, until) = (utc(since), utc(until));
        assert!(
            until - since <= Duration::days(183),
            "PagerDuty refuses ranges over 6 months"
        );
        let offset: usize = query["offset"].parse().unwrap();
        let limit: usize = query["limit"].parse().unwrap();
        assert!(
            limit <= 100 && offset + limit <= 10_000,
            "offset+limit must stay within 10 000"
        );
        let mut matching: Vec<&Value> = self
            .items
            .iter()
            .filter(|item| {
                let at = utc(item[self.time_field]
                    .as_str()
                    .unwrap_or("1970-01-01T00:00:00Z"));
                since <= at && at < until
            })
            .collect();
        matching.sort_by_key(|item| {
            item[self.time_field]
                .as_str()
                .unwrap_or_default()
                .to_string()
        });
        let busy = self
            .busy_beyond
            .is_some_and(|longest| until - since > longest);
        let total = if busy { 20_000 } else { matching.len() };
        let page: Vec<&Value> = matching.iter().skip(offset).take(limit).copied().collect();
        let wants_total = query.get("total").map(String::as_str) == Some("true");
        ResponseTemplate::new(200).set_body_json(json!({
            self.key: page,
            "limit": limit,
            "offset": offset,
            "more": offset + limit < total,
            "total": if wants_total { json!(total) } else { Value::Null },
        }))
    }
}

/// What the fake account holds.
#[derive(Clone)]
struct Account {
    incidents: Listing,
    /// `GET /incidents/{id}` answers.
    single: Vec<Value>,
    /// Log entries and notes per incident id.
    details: Vec<(String, Value, Value)>,
    changes: Listing,
}

fn standard_account() -> Account {
    Account {
        incidents: Listing::new("incidents", "created_at", vec![fire(), merged(), open()]),
        single: vec![open()],
        details: vec![(
            "PT4KHLK".into(),
            log_entries("PT4KHLK", "2015-10-06T21:32:00Z", "2015-10-06T21:38:23Z"),
            notes(),
        )],
        changes: Listing::new(
            "change_events",
            "timestamp",
            vec![change_event(
                "01CHANGE1",
                "2015-11-08T10:00:00Z",
                "Deployed v2.3 to mail",
            )],
        ),
    }
}

/// Mocks that answer only with the token and the v2 `Accept` header: anything else falls
/// through to wiremock's 404 and fails the sync.
fn authed(route: &str) -> wiremock::MockBuilder {
    Mock::given(method("GET"))
        .and(path(route.to_string()))
        .and(header(
            "Authorization",
            format!("Token token={TOKEN}").as_str(),
        ))
        .and(header("Accept", ACCEPT))
}

async fn mount(server: &MockServer, account: &Account) {
    authed("/services")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(fixture("openapi_list_services.json")),
        )
        .mount(server)
        .await;
    authed("/incidents")
        .respond_with(account.incidents.clone())
        .mount(server)
        .await;
    for incident in &account.single {
        let id = incident["id"].as_str().unwrap();
        authed(&format!("/incidents/{id}"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"incident": incident})))
            .mount(server)
            .await;
    }
    for (id, log, notes) in &account.details {
        authed(&format!("/incidents/{id}/log_entries"))
            .respond_with(ResponseTemplate::new(200).set_body_json(log))
            .mount(server)
            .await;
        authed(&format!("/incidents/{id}/notes"))
            .respond_with(ResponseTemplate::new(200).set_body_json(notes))
            .mount(server)
            .await;
    }
    authed("/maintenance_windows")
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("openapi_list_maintenance_windows.json")),
        )
        .mount(server)
        .await;
    authed("/change_events")
        .respond_with(account.changes.clone())
        .mount(server)
        .await;
}

async fn first_sync(config: &SourceConfig) -> common::Run {
    common::fetch(
        NAME,
        config,
        Some(TOKEN),
        &Value::Null,
        &Dataset::default(),
        now(),
        common::quick_limits(),
    )
    .await
}

fn incident<'a>(data: &'a Dataset, external_id: &str) -> &'a Incident {
    data.incidents
        .iter()
        .find(|i| i.external_id == external_id)
        .unwrap_or_else(|| panic!("{external_id} is missing"))
}

/// Paths requested, in order, with their query.
async fn requests(server: &MockServer) -> Vec<(String, HashMap<String, String>)> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| {
            (
                r.url.path().to_string(),
                r.url.query_pairs().into_owned().collect(),
            )
        })
        .collect()
}

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

    // Log and notes for the one newly resolved, counted incident; none for the merged one.
    let asked: Vec<String> = requests(&server)
        .await
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    assert!(!asked.iter().any(|p| p.contains("PMERGED")), "{asked:?}");
    assert!(
        !asked.iter().any(|p| p == "/incidents/POPEN01"),
        "read in the list already"
    );
}

#[tokio::test]
async fn an_unchanged_resync_costs_a_fixed_few_requests_and_changes_nothing() {
    let server = MockServer::start().await;
    mount(&server, &standard_account()).await;
    let (merged, first, second) =
        common::sync_twice(NAME, &config(&server), Some(TOKEN), now()).await;
    common::report_requests("PagerDuty", first, second);
    // services 1 + incidents 3 (a year in 180-day windows) + log and notes of the one
    // resolved incident 2 + maintenance windows 1 + change events 3.
    assert_eq!(first, 10);
    // incidents since the cursor 1 + the open incident 1 + maintenance windows 1 + change
    // events since the cursor 1.
    assert_eq!(second, 4);
    assert_eq!(merged.incidents.len(), 3);
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
    account.details.push((
        "POPEN01".into(),
        log_entries("POPEN01", "2015-11-10T00:32:52Z", "2015-11-12T05:00:00Z"),
        fixture("openapi_incident_notes.json"),
    ));
    mount(&server, &account).await;
    let later = now() + Duration::hours(6);
    let run = common::fetch(
        NAME,
        &config,
        Some(TOKEN),
        &first.cursor,
        &known,
        later,
        common::quick_limits(),
    )
    .await;
    // The fixed four, plus the resolved incident's log and notes.
    assert_eq!(run.requests, 6);
    let fetched = run.result.expect("resync");
    let updated = merge::apply(known, &fetched);
    let resolved = incident(&updated, "POPEN01");
    assert_eq!(resolved.resolved_at, Some(utc("2015-11-12T05:00:00Z")));
    assert_eq!(resolved.resolved_by.as_deref(), Some("Earline Greenholt"));
    assert_eq!(resolved.acknowledged_at, Some(utc("2015-11-10T00:32:52Z")));
    assert_eq!(resolved.responders, vec!["Earline Greenholt", "Lee Turner"]);
    assert_eq!(resolved.notes.len(), 2);
    assert_eq!(
        updated.incidents.len(),
        3,
        "updated in place, nothing doubled"
    );
    assert_eq!(
        incident(&updated, "PT4KHLK").notes.len(),
        2,
        "history read before is kept"
    );
}

/// Open incidents (no log or notes to read) created every `step` from `start`.
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

#[tokio::test]
async fn every_page_is_read_once_and_nothing_is_doubled() {
    let server = MockServer::start().await;
    let mut account = standard_account();
    account.incidents = Listing::new(
        "incidents",
        "created_at",
        many_incidents(250, utc("2015-11-07T12:00:00Z"), Duration::minutes(10)),
    );
    account.single = vec![];
    mount(&server, &account).await;
    let fetched = first_sync(&config(&server)).await.result.expect("sync");

    let ids: HashSet<&str> = fetched
        .data
        .incidents
        .iter()
        .map(|i| i.external_id.as_str())
        .collect();
    assert_eq!(fetched.data.incidents.len(), 250);
    assert_eq!(ids.len(), 250);
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
    let server = MockServer::start().await;
    let mut account = standard_account();
    // One incident every ~3 days over the year.
    let spread = many_incidents(120, utc("2014-11-12T06:00:00Z"), Duration::days(3));
    account.incidents = Listing {
        busy_beyond: Some(Duration::days(40)),
        ..Listing::new("incidents", "created_at", spread)
    };
    account.single = vec![];
    mount(&server, &account).await;
    let fetched = first_sync(&config(&server)).await.result.expect("sync");

    let ids: HashSet<&str> = fetched
        .data
        .incidents
        .iter()
        .map(|i| i.external_id.as_str())
        .collect();
    assert_eq!((fetched.data.incidents.len(), ids.len()), (120, 120));
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
        assert_eq!(fetched.data.incidents.len(), 3);
        assert_eq!(run.requests, 8, "one refused request, not one per window");
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

fn assert_says(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "{message:?} should say {part:?}");
    }
    assert!(!message.contains(TOKEN), "the token leaked: {message}");
    assert!(!message.contains('\n'), "one line: {message}");
}

async fn failed_sync(server: &MockServer) -> (SourceErrorKind, String) {
    let run = first_sync(&config(server)).await;
    let error = run
        .result
        .map(|_: Fetched| ())
        .expect_err("the sync should fail");
    (error.kind, error.message)
}

#[tokio::test]
async fn a_missing_token_says_how_to_set_one() {
    let server = MockServer::start().await;
    let config = config(&server);
    let run = common::fetch(
        NAME,
        &config,
        None,
        &Value::Null,
        &Dataset::default(),
        now(),
        common::quick_limits(),
    )
    .await;
    let error = run.result.expect_err("no token");
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert_says(&error.message, &["token", "--token-env", "Settings"]);
    assert_eq!(run.requests, 0);
}

#[tokio::test]
async fn a_refused_token_is_named_but_never_shown() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": {"message": "Unauthorized", "code": 2006}})),
        )
        .mount(&server)
        .await;
    let (kind, message) = failed_sync(&server).await;
    assert_eq!(kind, SourceErrorKind::Unauthorized);
    assert_says(
        &message,
        &[
            "refused the token",
            "HTTP 401",
            "set a valid read-only token",
        ],
    );
}

#[tokio::test]
async fn a_rate_limit_is_waited_out() {
    let server = MockServer::start().await;
    authed("/incidents")
        .respond_with(ResponseTemplate::new(429).insert_header("ratelimit-reset", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(&server, &standard_account()).await;
    let run = first_sync(&config(&server)).await;
    assert_eq!(
        run.result.expect("sync after waiting").data.incidents.len(),
        3
    );
    assert_eq!(run.requests, 11, "the usual ten and the refused one");
}

#[tokio::test]
async fn a_rate_limit_that_never_lifts_fails_clearly() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("ratelimit-reset", "1"))
        .mount(&server)
        .await;
    let (kind, message) = failed_sync(&server).await;
    assert_eq!(kind, SourceErrorKind::RateLimited);
    assert_says(
        &message,
        &["limiting how often", "Earlier data is kept", "sync again"],
    );
}

#[tokio::test]
async fn a_server_error_is_retried() {
    let server = MockServer::start().await;
    authed("/services")
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(&server, &standard_account()).await;
    let run = first_sync(&config(&server)).await;
    assert!(run.result.is_ok());
    assert_eq!(run.requests, 11);
}

#[tokio::test]
async fn a_server_that_keeps_failing_fails_clearly() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let (kind, message) = failed_sync(&server).await;
    assert_eq!(kind, SourceErrorKind::ServerError);
    assert_says(&message, &["kept failing", "HTTP 500", "try again later"]);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(fixture("openapi_list_services.json"))
                .set_delay(std::time::Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let (kind, message) = failed_sync(&server).await;
    assert_eq!(kind, SourceErrorKind::Timeout);
    assert_says(&message, &["did not answer within 2 s", "try again later"]);
}

#[tokio::test]
async fn an_answer_missing_what_pagerduty_documents_fails_the_whole_sync() {
    let incident_without_created_at =
        json!({"incidents": [{"id": "PX", "title": "No time"}], "more": false});
    let not_a_list = json!({"incidents": "none", "more": false});
    let another_tool = json!({"status": "ok"});
    for body in [incident_without_created_at, not_a_list, another_tool] {
        let server = MockServer::start().await;
        authed("/incidents")
            .respond_with(ResponseTemplate::new(200).set_body_json(body.clone()))
            .with_priority(1)
            .mount(&server)
            .await;
        mount(&server, &standard_account()).await;
        let (kind, message) = failed_sync(&server).await;
        assert_eq!(kind, SourceErrorKind::BadResponse, "{body}");
        assert_says(
            &message,
            &[
                "could not read",
                "incidents",
                "Nothing was changed",
                "sync again",
            ],
        );
    }
}

#[tokio::test]
async fn a_cut_off_answer_fails_the_whole_sync() {
    let server = MockServer::start().await;
    let whole = common::fixture("pagerduty/openapi_list_services.json");
    authed("/services")
        .respond_with(ResponseTemplate::new(200).set_body_string(&whole[..whole.len() / 2]))
        .mount(&server)
        .await;
    let (kind, message) = failed_sync(&server).await;
    assert_eq!(kind, SourceErrorKind::BadResponse);
    assert_says(&message, &["cut off", "Nothing was changed", "sync again"]);
}

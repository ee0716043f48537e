//! A local fake of PagerDuty's REST API v2 that replays PagerDuty's own example payloads
//! (tests/fixtures/pagerduty) and variants built from them: the account a test syncs.

use super::common;
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use unsung_core::{Dataset, Incident, IncidentKind};
use unsung_sources::{Kind, SourceConfig};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Clearly fake, and asserted never to show up in a message.
pub const TOKEN: &str = "test-token-do-not-log";
pub const NAME: &str = "pd";
const ACCEPT: &str = "application/vnd.pagerduty+json;version=2";

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2015, 11, 12, 0, 0, 0).unwrap()
}

pub fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

pub fn fixture(name: &str) -> Value {
    serde_json::from_str(&common::fixture(&format!("pagerduty/{name}"))).unwrap()
}

/// How many of `data`'s incidents are problems: the account's maintenance window is a record
/// too (planned work, told as a quiet win and never counted), which these counts leave out.
pub fn problems(data: &Dataset) -> usize {
    data.incidents
        .iter()
        .filter(|i| i.kind == IncidentKind::Problem)
        .count()
}

pub fn config(server: &MockServer) -> SourceConfig {
    let mut config = SourceConfig::new(Kind::PagerDuty);
    config.url = Some(server.uri());
    config
}

pub fn user(id: &str, name: &str) -> Value {
    json!({"id": id, "type": "user_reference", "summary": name})
}

/// The resolved incident of the list example (P2, high urgency).
pub fn fire() -> Value {
    fixture("openapi_list_incidents.json")["incidents"][0].clone()
}

/// The list example closed by a merge into another incident.
pub fn merged() -> Value {
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
pub fn open() -> Value {
    let mut incident = fixture("openapi_get_incident.json")["incident"].clone();
    incident["id"] = json!("POPEN01");
    incident["created_at"] = json!("2015-11-10T00:30:00Z");
    incident["priority"]["summary"] = json!("P1");
    incident
}

/// The same incident once someone resolved it.
pub fn open_now_resolved() -> Value {
    let mut incident = open();
    incident["status"] = json!("resolved");
    incident["resolved_at"] = json!("2015-11-12T05:00:00Z");
    incident["assignments"] = json!([]);
    incident["acknowledgements"] = json!([]);
    incident
}

/// What happened to one incident, as the account-wide log tells it.
pub struct Story<'a> {
    pub incident: &'a str,
    pub opened: &'a str,
    pub acknowledged: Option<&'a str>,
    pub resolved: Option<&'a str>,
    /// (written at, text)
    pub notes: &'a [(&'a str, &'a str)],
}

/// The account-wide log example (a trigger) turned into `story`'s entries: the trigger, an
/// acknowledgement by Lee Turner, a resolution by Earline Greenholt, and an annotation per
/// note, whose text is in the channel's summary as PagerDuty gives it.
pub fn log_entries(story: &Story) -> Vec<Value> {
    let mut trigger = fixture("openapi_list_log_entries.json")["log_entries"][0].clone();
    trigger["incident"]["id"] = json!(story.incident);
    trigger["created_at"] = json!(story.opened);
    let mut entries = vec![trigger.clone()];
    let mut add = |kind: &str, at: &str, agent: Value, channel: Value| {
        let mut entry = trigger.clone();
        entry["type"] = json!(kind);
        entry["created_at"] = json!(at);
        entry["agent"] = agent;
        entry["channel"] = channel;
        entries.push(entry);
    };
    if let Some(at) = story.acknowledged {
        add(
            "acknowledge_log_entry",
            at,
            user("PL7A2O4", "Lee Turner"),
            json!({"type": "web_ui"}),
        );
    }
    for (at, note) in story.notes {
        add(
            "annotate_log_entry",
            at,
            user("PXPGF42", "Earline Greenholt"),
            json!({"type": "note", "summary": note}),
        );
    }
    if let Some(at) = story.resolved {
        add(
            "resolve_log_entry",
            at,
            user("PXPGF42", "Earline Greenholt"),
            json!({"type": "web_ui"}),
        );
    }
    for (n, entry) in entries.iter_mut().enumerate() {
        entry["id"] = json!(format!("Q{}{n:03}", story.incident));
    }
    entries
}

/// The notes example's texts, written while the fire burned: one time in UTC and one at
/// -05:00, the UTC one earlier though its text sorts later ("21:34:00Z" after "16:35:00").
pub const FIRE_NOTES: [(&str, &str); 2] = [
    (
        "2015-10-06T16:35:00-05:00",
        "Firefighters are on the scene.",
    ),
    (
        "2015-10-06T21:34:00Z",
        "Initial alert information indicates a 1-alarm fire",
    ),
];

pub fn fire_log() -> Vec<Value> {
    log_entries(&Story {
        incident: "PT4KHLK",
        opened: "2015-10-06T21:30:42Z",
        acknowledged: Some("2015-10-06T21:32:00Z"),
        resolved: Some("2015-10-06T21:38:23Z"),
        notes: &FIRE_NOTES,
    })
}

pub fn change_event(id: &str, at: &str, summary: &str) -> Value {
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
/// incidents, log entries and change events. It can claim more than 10 000 items for wide
/// windows. Log entries' channels are summarised (no note text) unless `include[]=channels`.
#[derive(Clone)]
pub struct Listing {
    pub key: &'static str,
    pub time_field: &'static str,
    pub items: Vec<Value>,
    /// Windows longer than this answer `total: 20000`, as a very busy account would.
    pub busy_beyond: Option<Duration>,
}

impl Listing {
    pub fn new(key: &'static str, time_field: &'static str, items: Vec<Value>) -> Listing {
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
        // By the text, as the example's own order: a connector must not rely on it.
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
        let channels = query.get("include[]").map(String::as_str) == Some("channels");
        let page: Vec<Value> = matching
            .iter()
            .skip(offset)
            .take(limit)
            .map(|item| {
                let mut item = (*item).clone();
                if !channels && let Some(channel) = item["channel"].as_object_mut() {
                    channel.remove("summary");
                }
                item
            })
            .collect();
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
pub struct Account {
    pub incidents: Listing,
    /// `GET /incidents/{id}` answers.
    pub single: Vec<Value>,
    /// The account-wide log, `GET /log_entries`.
    pub log: Listing,
    pub maintenance_windows: Value,
    pub changes: Listing,
}

pub fn standard_account() -> Account {
    let mut log = fire_log();
    log.extend(log_entries(&Story {
        incident: "PMERGED",
        opened: "2015-10-20T10:00:00Z",
        acknowledged: None,
        resolved: Some("2015-10-20T10:05:00Z"),
        notes: &[],
    }));
    log.extend(log_entries(&Story {
        incident: "POPEN01",
        opened: "2015-11-10T00:30:00Z",
        acknowledged: Some("2015-11-10T00:32:52Z"),
        resolved: None,
        notes: &[],
    }));
    Account {
        incidents: Listing::new("incidents", "created_at", vec![fire(), merged(), open()]),
        single: vec![open()],
        log: Listing::new("log_entries", "created_at", log),
        maintenance_windows: fixture("openapi_list_maintenance_windows.json"),
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
pub fn authed(route: &str) -> wiremock::MockBuilder {
    Mock::given(method("GET"))
        .and(path(route.to_string()))
        .and(header(
            "Authorization",
            format!("Token token={TOKEN}").as_str(),
        ))
        .and(header("Accept", ACCEPT))
}

pub async fn mount(server: &MockServer, account: &Account) {
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
    authed("/log_entries")
        .respond_with(account.log.clone())
        .mount(server)
        .await;
    authed("/maintenance_windows")
        .respond_with(ResponseTemplate::new(200).set_body_json(&account.maintenance_windows))
        .mount(server)
        .await;
    authed("/change_events")
        .respond_with(account.changes.clone())
        .mount(server)
        .await;
}

pub async fn first_sync(config: &SourceConfig) -> common::Run {
    common::first(NAME, config, Some(TOKEN), now()).await
}

pub fn incident<'a>(data: &'a Dataset, external_id: &str) -> &'a Incident {
    data.incidents
        .iter()
        .find(|i| i.external_id == external_id)
        .unwrap_or_else(|| panic!("{external_id} is missing"))
}

/// Paths requested, in order, with their query.
pub async fn requests(server: &MockServer) -> Vec<(String, HashMap<String, String>)> {
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

//! An incident.io organisation (API v2) served locally: incidents built on the OpenAPI list
//! example's record, paged by `after` across three pages, the organisation's severities, one
//! incident's updates and the follow-ups. Only requests with the organisation's key are
//! answered; any other gets incident.io's 401.

use serde_json::{Value, json};
use wiremock::matchers::{query_param, query_param_is_missing};
use wiremock::{MockServer, ResponseTemplate};

/// The organisation's API key in the tests.
pub const TOKEN: &str = "inc-test-key-never-shown";

/// One incident, as `/v2/incidents` lists it.
pub struct Record<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// triage, live, learning, closed, paused, merged, declined or canceled.
    pub category: &'a str,
    /// standard, retrospective, test or tutorial.
    pub mode: &'a str,
    pub created_at: &'a str,
    /// A set "Resolved at" (or "Fixed at") timestamp, by the timestamp's name.
    pub resolved: Option<(&'a str, &'a str)>,
    /// The severity's id, name and rank.
    pub severity: (&'a str, &'a str, i64),
    pub lead: Option<&'a str>,
}

impl Record<'_> {
    /// The OpenAPI example's incident with this record's fields; other timestamps unset.
    pub fn to_json(&self) -> Value {
        let mut incident = example_incident();
        let (severity_id, severity_name, rank) = self.severity;
        incident["id"] = json!(self.id);
        incident["name"] = json!(self.name);
        incident["mode"] = json!(self.mode);
        incident["created_at"] = json!(self.created_at);
        incident["updated_at"] = json!(self.resolved.map_or(self.created_at, |(_, at)| at));
        incident["incident_status"]["category"] = json!(self.category);
        incident["severity"] = json!({"id": severity_id, "name": severity_name, "rank": rank,
            "created_at": "2021-08-17T13:28:57.801578Z", "updated_at": "2021-08-17T13:28:57.801578Z",
            "description": "Set in the test"});
        let mut stamps = vec![
            json!({"incident_timestamp": {"id": "ts-reported", "name": "Reported at", "rank": 0},
            "value": {"value": self.created_at}}),
        ];
        for name in ["Resolved at", "Fixed at", "Closed at"] {
            let value = match self.resolved {
                Some((which, at)) if which == name => json!({"value": at}),
                _ => Value::Null,
            };
            stamps.push(
                json!({"incident_timestamp": {"id": format!("ts-{name}"), "name": name, "rank": 5},
                "value": value}),
            );
        }
        incident["incident_timestamp_values"] = json!(stamps);
        match self.lead {
            Some(lead) => {
                incident["incident_role_assignments"][0]["assignee"]["name"] = json!(lead);
            }
            None => incident["incident_role_assignments"] = json!([]),
        }
        incident["permalink"] = json!(format!("https://app.incident.io/incidents/{}", self.id));
        incident["postmortem_document_url"] = Value::Null;
        incident
    }
}

/// The OpenAPI `/v2/incidents` example's one incident ("Our database is sad").
pub fn example_incident() -> Value {
    crate::fixture_json("incidentio/openapi_v2_list_incidents_example.json")["incidents"][0].clone()
}

/// The organisation's severities: Minor, Major and Critical (ranks 1 to 3).
pub fn severities() -> Value {
    json!({"severities": [
        {"id": "sev-minor", "name": "Minor", "rank": 1, "description": "Low impact"},
        {"id": "sev-major", "name": "Major", "rank": 2, "description": "Many customers"},
        {"id": "sev-critical", "name": "Critical", "rank": 3, "description": "Everyone"}]})
}

/// The standard organisation of the tests, at 2026-11-29T20:00:00Z: three counted incidents
/// resolved in 30, 60 (by its updates: no timestamp set) and 10 minutes, one still live, and
/// one of each kind that never counts (merged, declined, canceled, test, tutorial, a drill).
pub fn standard() -> Vec<Value> {
    let minor = ("sev-minor", "Minor", 1);
    let record = |id, name, category, created_at, resolved, severity, lead| Record {
        id,
        name,
        category,
        mode: "standard",
        created_at,
        resolved,
        severity,
        lead,
    };
    let mut checkout = record(
        "01INC0000000000000000000A1",
        "Checkout errors",
        "closed",
        "2026-11-10T02:00:00Z",
        Some(("Resolved at", "2026-11-10T02:30:00Z")),
        ("sev-major", "Major", 2),
        Some("Lisa Karlin Curtis"),
    )
    .to_json();
    checkout["postmortem_document_url"] = json!("https://docs.google.com/my_doc_id");
    let mut test = record(
        "01INC0000000000000000000G7",
        "Trying the bot",
        "closed",
        "2026-11-22T09:00:00Z",
        Some(("Resolved at", "2026-11-22T09:05:00Z")),
        minor,
        None,
    );
    test.mode = "test";
    let mut tutorial = record(
        "01INC0000000000000000000H8",
        "Your first incident",
        "live",
        "2026-11-23T09:00:00Z",
        None,
        minor,
        None,
    );
    tutorial.mode = "tutorial";
    vec![
        checkout,
        record(
            "01INC0000000000000000000B2",
            "Search slow",
            "learning",
            "2026-11-12T10:00:00Z",
            None,
            minor,
            Some("Rob"),
        )
        .to_json(),
        record(
            "01INC0000000000000000000C3",
            "Login outage",
            "closed",
            "2026-11-20T14:00:00Z",
            Some(("Fixed at", "2026-11-20T14:10:00Z")),
            ("sev-critical", "Critical", 3),
            Some("Rob"),
        )
        .to_json(),
        record(
            "01INC0000000000000000000D4",
            "Checkout errors again",
            "merged",
            "2026-11-10T02:05:00Z",
            None,
            minor,
            None,
        )
        .to_json(),
        record(
            "01INC0000000000000000000E5",
            "Is the VPN down?",
            "declined",
            "2026-11-15T08:00:00Z",
            None,
            minor,
            None,
        )
        .to_json(),
        record(
            "01INC0000000000000000000F6",
            "False alarm",
            "canceled",
            "2026-11-16T08:00:00Z",
            None,
            minor,
            None,
        )
        .to_json(),
        test.to_json(),
        tutorial.to_json(),
        record(
            "01INC0000000000000000000I9",
            "Game day: database failover drill",
            "closed",
            "2026-11-24T10:00:00Z",
            Some(("Resolved at", "2026-11-24T10:20:00Z")),
            ("sev-major", "Major", 2),
            Some("Rob"),
        )
        .to_json(),
        record(
            "01INC0000000000000000000J0",
            "Payments degraded",
            "live",
            "2026-11-29T19:00:00Z",
            None,
            ("sev-major", "Major", 2),
            Some("Lisa Karlin Curtis"),
        )
        .to_json(),
    ]
}

/// "Search slow"'s updates, newest first: investigating at 10:00, reviewing at 11:00.
pub fn search_slow_updates() -> Value {
    let recorded = crate::fixture_json("incidentio/singer_tap_testdata_incident_updates.json");
    let live = recorded[0].clone();
    let mut learning = live.clone();
    let mut first = live;
    first["incident_id"] = json!("01INC0000000000000000000B2");
    first["created_at"] = json!("2026-11-12T10:00:00Z");
    learning["id"] = json!("01UPD00000000000000000LRN");
    learning["incident_id"] = json!("01INC0000000000000000000B2");
    learning["created_at"] = json!("2026-11-12T11:00:00Z");
    learning["new_incident_status"] =
        crate::fixture_json("incidentio/singer_tap_testdata_incident_statuses.json")[1].clone();
    json!({"incident_updates": [learning, first], "pagination_meta": {"page_size": 250}})
}

/// The organisation's follow-ups: two for "Checkout errors" (one deleted), one for "Search slow".
pub fn follow_ups() -> Value {
    let follow_up = |id: &str, incident: &str, title: &str, status: &str| {
        json!({"id": id, "incident_id": incident, "title": title, "status": status,
            "description": "Set in the test", "labels": [],
            "created_at": "2026-11-11T09:00:00Z", "updated_at": "2026-11-11T09:00:00Z"})
    };
    json!({"follow_ups": [
        follow_up("fu1", "01INC0000000000000000000A1", "Add alerting on replica lag", "completed"),
        follow_up("fu2", "01INC0000000000000000000A1", "Rewrite everything", "deleted"),
        follow_up("fu3", "01INC0000000000000000000B2", "Cache search results", "outstanding")]})
}

/// A `/v2/incidents` page of `incidents`, with `after` when another follows.
pub fn page(incidents: &[Value], after: Option<&str>) -> Value {
    json!({"incidents": incidents, "pagination_meta": {"after": after, "page_size": 250,
        "total_record_count": 10}})
}

fn authed(route: &str) -> wiremock::MockBuilder {
    crate::get_authorized(route, &format!("Bearer {TOKEN}"))
}

/// Serves the organisation with `incidents` split over up to three pages (`after` "p2", "p3") for a
/// first sync's listing, and `resync` for any listing by `updated_at`. Updates exist for
/// "Search slow" only.
pub async fn serve(server: &MockServer, incidents: &[Value], resync: Value) {
    let size = incidents.len().div_ceil(3).max(1);
    let chunks: Vec<&[Value]> = incidents.chunks(size).collect();
    for (n, chunk) in chunks.iter().enumerate() {
        let after = format!("p{}", n + 2);
        let next = (n + 1 < chunks.len()).then_some(after.as_str());
        let mock = authed("/v2/incidents").and(query_param_is_missing("updated_at[gte]"));
        let mock = match n {
            0 => mock.and(query_param_is_missing("after")),
            _ => mock.and(query_param("after", format!("p{}", n + 1))),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(page(chunk, next)))
            .mount(server)
            .await;
    }
    authed("/v2/incidents")
        .and(query_param_is_missing("created_at[gte]"))
        .respond_with(ResponseTemplate::new(200).set_body_json(resync))
        .mount(server)
        .await;
    authed("/v2/incident_updates")
        .and(query_param("incident_id", "01INC0000000000000000000B2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(search_slow_updates()))
        .mount(server)
        .await;
    let no_updates = json!({"incident_updates": [], "pagination_meta": {"page_size": 250}});
    for (route, body) in [
        ("/v1/severities", severities()),
        ("/v2/incident_updates", no_updates),
        ("/v2/follow_ups", follow_ups()),
    ] {
        authed(route)
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
    let refused = json!({"type": "authentication_error", "status": 401,
        "request_id": "3e6c1d1b-1a4c-4c5e-9f0b-0c2a1c7d9a11",
        "errors": [{"code": "unauthorized", "message": "Invalid API key"}]});
    crate::refuse_the_rest(server, refused).await;
}

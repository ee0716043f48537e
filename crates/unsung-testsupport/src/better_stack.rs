//! A Better Stack Uptime team served locally, in the shapes of Better Stack's API reference
//! (tests/fixtures/betterstack): monitors (`/api/v2/monitors`) and incidents
//! (`/api/v3/incidents`, or `/api/v2/incidents` only) as JSON:API pages of `page_size`
//! resources linked by `pagination.next` on the legacy betteruptime.com host, as the docs
//! example links them; incidents by id; and each monitor's SLA summary
//! (`/api/v2/monitors/{id}/sla?from=&to=`) computed from the team's true down spans, as Better
//! Stack would: the down seconds within the whole days asked (UTC), availability as a percent
//! with two decimals. Requests without the team's token get a 401.

use crate::query;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// What the team holds.
#[derive(Clone)]
pub struct Team {
    pub token: String,
    pub monitors: Vec<Value>,
    pub incidents: Vec<Value>,
    /// The true down spans: (monitor id, start, end), RFC 3339.
    pub downtime: Vec<(String, String, String)>,
    pub page_size: usize,
    /// Whether `/api/v3/incidents` is routed (else only `/api/v2/incidents`).
    pub v3: bool,
}

impl Team {
    /// A team reached with `token`, empty, with incidents routed at `/api/v3` and served
    /// 50 resources a page (what a test changes, it changes on the team it gets).
    pub fn new(token: &str) -> Team {
        Team {
            token: token.into(),
            monitors: Vec::new(),
            incidents: Vec::new(),
            downtime: Vec::new(),
            page_size: 50,
            v3: true,
        }
    }

    /// With `monitor` (a resource, see [`monitor`]) added.
    pub fn monitor(mut self, monitor: Value) -> Team {
        self.monitors.push(monitor);
        self
    }

    /// With `incident` (a resource, see [`incident`]) added, and no down time of its own.
    pub fn incident(mut self, incident: Value) -> Team {
        self.incidents.push(incident);
        self
    }

    /// With a true down span of `monitor` from `from` to `to` that no incident records.
    pub fn down(mut self, monitor: &str, from: &str, to: &str) -> Team {
        self.downtime.push(down(monitor, from, to));
        self
    }

    /// With an outage of `monitor` from `from` to `to`, exactly as its resolved incident `id`
    /// (named `name`) says: the incident and the down span together.
    pub fn outage(self, id: &str, monitor: &str, name: &str, from: &str, to: &str) -> Team {
        self.incident(incident(id, monitor, name, from, Some(to)))
            .down(monitor, from, to)
    }
}

/// A true down span: (monitor id, start, end).
pub fn down(monitor: &str, from: &str, to: &str) -> (String, String, String) {
    (monitor.into(), from.into(), to.into())
}

/// A monitor resource.
pub fn monitor(id: &str, name: &str, created_at: &str) -> Value {
    json!({"id": id, "type": "monitor", "attributes": {
        "url": format!("https://{id}.example.org"), "pronounceable_name": name,
        "monitor_type": "status", "status": "up", "paused_at": null, "created_at": created_at,
        "check_frequency": 180, "maintenance_from": null, "maintenance_to": null,
        "maintenance_timezone": "UTC", "maintenance_days": null}})
}

/// An incident resource on `monitor`, resolved when `resolved` is given.
pub fn incident(
    id: &str,
    monitor: &str,
    name: &str,
    started: &str,
    resolved: Option<&str>,
) -> Value {
    json!({"id": id, "type": "incident", "attributes": {
        "name": name, "url": format!("https://{monitor}.example.org"), "http_method": "get",
        "cause": "Status 503", "incident_group_id": null, "started_at": started,
        "acknowledged_at": started, "acknowledged_by": "ana@example.org",
        "resolved_at": resolved, "resolved_by": resolved.map(|_| "Ana"),
        "status": if resolved.is_some() { "Resolved" } else { "Started" },
        "team_name": "Web", "regions": ["us", "eu"], "call": false, "sms": false, "email": true, "push": true},
        "relationships": {"monitor": {"data": {"id": monitor, "type": "monitor"}}}})
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("an RFC 3339 time")
        .with_timezone(&Utc)
}

/// One page of `items` as the request asks (`page`, from 1), linked to the next.
fn page(request: &Request, items: &[Value], size: usize) -> ResponseTemplate {
    let number: usize = query(request, "page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let chunk: Vec<Value> = items
        .iter()
        .skip((number - 1) * size)
        .take(size)
        .cloned()
        .collect();
    let more = number * size < items.len();
    let mut link = url::form_urlencoded::Serializer::new(String::new());
    for key in ["from", "to"] {
        if let Some(value) = query(request, key) {
            link.append_pair(key, &value);
        }
    }
    link.append_pair("page", &(number + 1).to_string());
    let next = more.then(|| {
        format!(
            "https://betteruptime.com{}?{}",
            request.url.path(),
            link.finish()
        )
    });
    ResponseTemplate::new(200).set_body_json(json!({"data": chunk, "pagination": {
        "first": null, "last": null, "prev": null, "next": next}}))
}

/// The SLA summary of `monitor` over the days `from..=to`.
fn sla(team: &Team, monitor: &str, request: &Request) -> ResponseTemplate {
    let day =
        |name| query(request, name).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let (Some(from), Some(to)) = (day("from"), day("to")) else {
        return ResponseTemplate::new(400)
            .set_body_json(crate::fixture_json("betterstack/docs_monitor_sla_400.json"));
    };
    if to < from {
        return ResponseTemplate::new(400)
            .set_body_json(crate::fixture_json("betterstack/docs_monitor_sla_400.json"));
    }
    let start = from.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let end = (to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let down: i64 = team
        .downtime
        .iter()
        .filter(|(m, _, _)| m == monitor)
        .map(|(_, a, b)| (at(b).min(end) - at(a).max(start)).num_seconds().max(0))
        .sum();
    let length = (end - start).num_seconds() as f64;
    let availability = ((1.0 - down as f64 / length) * 10_000.0).round() / 100.0;
    ResponseTemplate::new(200).set_body_json(json!({"data": {"id": monitor, "type": "monitor_sla",
        "attributes": {"availability": availability, "total_downtime": down,
        "number_of_incidents": 0, "longest_incident": 0, "average_incident": 0}}}))
}

/// Serves `team` at `server`.
pub async fn serve(server: &MockServer, team: Team) {
    let bearer = format!("Bearer {}", team.token);
    let authed = |route: wiremock::matchers::PathExactMatcher| {
        Mock::given(method("GET"))
            .and(route)
            .and(header("Authorization", bearer.as_str()))
    };
    let t = team.clone();
    authed(path("/api/v2/monitors"))
        .respond_with(move |r: &Request| page(r, &t.monitors, t.page_size))
        .mount(server)
        .await;
    let incidents_at = if team.v3 {
        "/api/v3/incidents"
    } else {
        "/api/v2/incidents"
    };
    let t = team.clone();
    authed(path(incidents_at))
        .respond_with(move |r: &Request| {
            let day = |name| query(r, name).unwrap_or_default();
            let (from, to) = (day("from"), day("to"));
            let within: Vec<Value> = t
                .incidents
                .iter()
                .filter(|i| {
                    let started = i["attributes"]["started_at"].as_str().unwrap_or("");
                    let started = started.get(..10).unwrap_or("");
                    (from.is_empty() || started >= from.as_str())
                        && (to.is_empty() || started <= to.as_str())
                })
                .cloned()
                .collect();
            page(r, &within, t.page_size)
        })
        .mount(server)
        .await;
    let t = team.clone();
    Mock::given(method("GET"))
        .and(path_regex(r"^/api/v3/incidents/[^/]+$"))
        .and(header("Authorization", bearer.as_str()))
        .respond_with(move |r: &Request| {
            let id = r.url.path().rsplit('/').next().unwrap_or("");
            match t.incidents.iter().find(|i| i["id"] == id) {
                Some(found) => ResponseTemplate::new(200).set_body_json(json!({"data": found})),
                None => ResponseTemplate::new(404),
            }
        })
        .mount(server)
        .await;
    let t = team.clone();
    Mock::given(method("GET"))
        .and(path_regex(r"^/api/v2/monitors/[^/]+/sla$"))
        .and(header("Authorization", bearer.as_str()))
        .respond_with(move |r: &Request| {
            let id = r.url.path().split('/').nth(4).unwrap_or("").to_string();
            sla(&t, &id, r)
        })
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/api/"))
        .and(header("Authorization", bearer.as_str()))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"errors": "Not found"})))
        .with_priority(10)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(json!({"errors": "Invalid Team API Token"})),
        )
        .with_priority(11)
        .mount(server)
        .await;
}

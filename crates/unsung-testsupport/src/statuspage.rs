//! A Statuspage page (public API v2) served locally: `summary.json`, `incidents.json` and
//! `scheduled-maintenances.json`, from the recorded GitHub page or from a page built here.

use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

/// A resolved incident on one component.
pub struct Resolved<'a> {
    pub id: &'a str,
    /// none, minor, major or critical
    pub impact: &'a str,
    pub component: &'a str,
    /// When it began and when it was resolved (RFC 3339).
    pub span: (&'a str, &'a str),
}

/// A resolved incident on `component` from `from` to `to` (RFC 3339).
pub fn resolved<'a>(
    id: &'a str,
    impact: &'a str,
    component: &'a str,
    from: &'a str,
    to: &'a str,
) -> Resolved<'a> {
    Resolved {
        id,
        impact,
        component,
        span: (from, to),
    }
}

impl Resolved<'_> {
    /// As `incidents.json` lists it, without updates.
    pub fn to_json(&self) -> Value {
        let (from, to) = self.span;
        json!({
            "id": self.id, "name": format!("Trouble {}", self.id), "status": "resolved",
            "impact": self.impact, "created_at": from, "started_at": from, "resolved_at": to,
            "updated_at": to, "shortlink": "https://stspg.io/x", "incident_updates": [],
            "components": [{"id": self.component}]
        })
    }
}

/// The "Juniper" page: `components` as (id, name), all operational now, and `incidents`
/// resolved; returns the summary and the incident list.
pub fn page(
    updated_at: &str,
    components: &[(&str, &str)],
    incidents: &[Resolved],
) -> (Value, Value) {
    let page = json!({"id": "p", "name": "Juniper", "url": "https://status.example.org",
        "time_zone": "Etc/UTC", "updated_at": updated_at});
    let components: Vec<Value> = components
        .iter()
        .map(|(id, name)| {
            json!({"id": id, "name": name, "status": "operational",
                "created_at": "2020-01-01T00:00:00Z", "group": false})
        })
        .collect();
    let summary = json!({"page": page, "components": components, "incidents": [],
        "scheduled_maintenances": [], "status": {"indicator": "none"}});
    let incidents: Vec<Value> = incidents.iter().map(Resolved::to_json).collect();
    (summary, json!({"page": page, "incidents": incidents}))
}

/// No maintenance, as `scheduled-maintenances.json` says it.
pub fn no_maintenances() -> Value {
    json!({"scheduled_maintenances": []})
}

/// Serves the three documents the connector reads at `server`.
pub async fn serve(server: &MockServer, summary: Value, incidents: Value, maintenances: Value) {
    for (route, body) in [
        ("/api/v2/summary.json", summary),
        ("/api/v2/incidents.json", incidents),
        ("/api/v2/scheduled-maintenances.json", maintenances),
    ] {
        crate::get(route)
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
}

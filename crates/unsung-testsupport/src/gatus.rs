//! A Gatus instance served locally: `GET /api/v1/endpoints/statuses`, paged as Gatus pages it
//! (per endpoint, the newest results on page 1, each page oldest first; `pageSize` 20 by
//! default, and on page 1 never more than the results Gatus keeps). Payload shapes follow
//! Gatus's `endpoint.Status` and `endpoint.Result` (provenance in tests/fixtures/PROVENANCE.md).

use serde_json::{Value, json};
use wiremock::{MockServer, Request, Respond, ResponseTemplate};

/// One endpoint: its name, group, key and results, oldest first.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub name: Value,
    pub group: Value,
    pub key: Value,
    pub results: Vec<Value>,
}

impl Endpoint {
    /// An endpoint keyed as Gatus keys it (`group_name`, lower case, `/_.,` and spaces as `-`).
    pub fn new(group: &str, name: &str, results: Vec<Value>) -> Endpoint {
        Endpoint {
            name: json!(name),
            group: json!(group),
            key: json!(format!("{}_{}", sanitize(group), sanitize(name))),
            results,
        }
    }
}

fn sanitize(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace(['/', '_', '.', ',', ' '], "-")
}

/// One HTTP check result, in Gatus's shape; `duration` is nanoseconds (Go's `time.Duration`).
pub fn result(success: bool, timestamp: &str) -> Value {
    json!({
        "status": if success { 200 } else { 503 },
        "hostname": "shop.example.org",
        "duration": 48_000_000,
        "conditionResults": [
            {"condition": "[STATUS] == 200", "success": success},
            {"condition": "[RESPONSE_TIME] < 500", "success": true}
        ],
        "success": success,
        "timestamp": timestamp
    })
}

/// Answers as Gatus does for `?page=&pageSize=`.
struct Statuses {
    endpoints: Vec<Endpoint>,
    /// `storage.maximum-number-of-results`.
    kept: usize,
}

impl Respond for Statuses {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let param = |name: &str| crate::query_number(request, name);
        let page = param("page").filter(|p| *p >= 1).unwrap_or(1);
        let mut size = param("pageSize").filter(|s| *s >= 1).unwrap_or(20);
        if page == 1 {
            size = size.min(self.kept);
        }
        let body: Vec<Value> = self
            .endpoints
            .iter()
            .map(|endpoint| {
                let kept = &endpoint.results[endpoint.results.len().saturating_sub(self.kept)..];
                let newest_first: Vec<&Value> = kept.iter().rev().collect();
                let mut results: Vec<Value> = newest_first
                    .iter()
                    .skip((page - 1) * size)
                    .take(size)
                    .map(|r| (*r).clone())
                    .collect();
                results.reverse();
                json!({
                    "name": endpoint.name, "group": endpoint.group, "key": endpoint.key,
                    "results": results,
                    "events": [{"type": "START", "timestamp": "2026-11-01T00:00:00Z"}]
                })
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(body)
    }
}

/// Serves `endpoints` at `server`, keeping the last `kept` results of each (Gatus keeps 100
/// unless told otherwise).
pub async fn serve(server: &MockServer, endpoints: Vec<Endpoint>, kept: usize) {
    crate::get("/api/v1/endpoints/statuses")
        .respond_with(Statuses { endpoints, kept })
        .mount(server)
        .await;
}

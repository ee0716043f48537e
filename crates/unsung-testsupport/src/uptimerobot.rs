//! An UptimeRobot account served locally, in the shapes of UptimeRobot's API reference and
//! pyuptimerobot's recorded fixtures (tests/fixtures/uptimerobot): v2's
//! `POST /v2/getMonitors` (the key in the form body, `offset`/`limit` pages, `stat: fail`
//! answers for a wrong or missing key, as the fixtures give them) and v3's `GET /v3/monitors`
//! (`Bearer`, pages linked by `nextLink`), which refuses a key it does not take with a 401.

use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// What the account holds, and how its server pages.
#[derive(Clone)]
pub struct Account {
    pub key: String,
    /// Whether v3 takes the key (a read-only key still in use is taken by v2 only).
    pub v3: bool,
    /// v2 monitors (snake_case, with `logs`).
    pub v2_monitors: Vec<Value>,
    /// v3 monitors (camelCase).
    pub v3_monitors: Vec<Value>,
    /// v3's page size.
    pub v3_page: usize,
    /// What v2's `pagination.total` says (`None`: the true count).
    pub v2_total: Option<usize>,
}

/// A v2 log entry: 1 down, 2 up, 98 started, 99 paused; `datetime` in Unix seconds.
pub fn log(kind: i64, datetime: i64, duration: i64) -> Value {
    json!({"type": kind, "datetime": datetime, "duration": duration,
        "reason": {"code": "503", "detail": "Service Unavailable"}})
}

/// A v2 monitor with its log (newest entry first, as UptimeRobot lists them).
pub fn v2_monitor(id: i64, name: &str, status: i64, mut logs: Vec<Value>) -> Value {
    logs.reverse();
    json!({"id": id, "friendly_name": name, "url": format!("https://{id}.example.org"),
        "type": 1, "sub_type": "", "keyword_type": "", "keyword_value": "", "http_username": "",
        "http_password": "", "port": "", "interval": 300, "status": status,
        "create_datetime": 1_462_465_497, "monitor_group": 0, "is_group_main": 0,
        "logs": logs, "custom_uptime_ranges": "100.000"})
}

fn form(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn v2_answer(account: &Account, request: &Request) -> ResponseTemplate {
    let form = form(request);
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    match field("api_key") {
        None => {
            return ResponseTemplate::new(200).set_body_json(crate::fixture_json(
                "uptimerobot/pyuptimerobot_fixture_v2_missing_api_key.json",
            ));
        }
        Some(key) if key != account.key => {
            return ResponseTemplate::new(200).set_body_json(crate::fixture_json(
                "uptimerobot/pyuptimerobot_fixture_v2_bad_api_key.json",
            ));
        }
        Some(_) => {}
    }
    let number =
        |name: &str, default: usize| field(name).and_then(|v| v.parse().ok()).unwrap_or(default);
    let (offset, limit) = (number("offset", 0), number("limit", 50).min(50));
    let page: Vec<Value> = account
        .v2_monitors
        .iter()
        .skip(offset)
        .take(limit)
        .cloned()
        .collect();
    let total = account.v2_total.unwrap_or(account.v2_monitors.len());
    ResponseTemplate::new(200).set_body_json(json!({"stat": "ok",
        "pagination": {"offset": offset, "limit": limit, "total": total}, "monitors": page}))
}

fn v3_answer(account: &Account, request: &Request, base: &str) -> ResponseTemplate {
    let bearer = format!("Bearer {}", account.key);
    let authorized = request
        .headers
        .get("Authorization")
        .is_some_and(|v| v.as_bytes() == bearer.as_bytes());
    if !account.v3 || !authorized {
        return ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"}));
    }
    let cursor = crate::query_number(request, "cursor").unwrap_or(0);
    let size = account.v3_page.max(1);
    let data: Vec<Value> = account
        .v3_monitors
        .iter()
        .skip(cursor)
        .take(size)
        .cloned()
        .collect();
    let next = (cursor + size < account.v3_monitors.len())
        .then(|| format!("{base}/v3/monitors?limit={size}&cursor={}", cursor + size));
    ResponseTemplate::new(200).set_body_json(json!({"nextLink": next, "data": data}))
}

/// Serves `account` at `server`.
pub async fn serve(server: &MockServer, account: Account) {
    let a = account.clone();
    Mock::given(method("POST"))
        .and(path("/v2/getMonitors"))
        .respond_with(move |r: &Request| v2_answer(&a, r))
        .mount(server)
        .await;
    let a = account.clone();
    let base = server.uri();
    crate::get("/v3/monitors")
        .respond_with(move |r: &Request| v3_answer(&a, r, &base))
        .mount(server)
        .await;
}

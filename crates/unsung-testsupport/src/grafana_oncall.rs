//! A Grafana OnCall instance (public API v1) served locally: alert groups in the shape of the
//! v1.7.x docs example (made valid), newest first over three Django pages whose `next` links
//! name an inside address as a proxied OnCall does, and two pages of users. Only requests with
//! the token (as OnCall OSS takes it, or as Grafana Cloud does with `X-Grafana-URL`) are
//! answered; any other gets OnCall's 401.

use serde_json::{Value, json};
use wiremock::matchers::{header, query_param, query_param_is_missing};
use wiremock::{MockServer, ResponseTemplate};

/// The OnCall token in the tests.
pub const TOKEN: &str = "oncall-test-token-never-shown";
/// The Grafana Cloud stack the tests name in `X-Grafana-URL`.
pub const STACK: &str = "https://unsung-test.grafana.net";

/// One alert group: id, title, state, created, acknowledged (at, by), resolved (at, by).
pub struct Group<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub state: &'a str,
    pub created_at: &'a str,
    pub acknowledged: Option<(&'a str, Option<&'a str>)>,
    pub resolved: Option<(&'a str, Option<&'a str>)>,
}

impl Group<'_> {
    /// The v1.7.x docs example's alert group with this group's fields.
    pub fn to_json(&self) -> Value {
        let mut group = example_group();
        group["id"] = json!(self.id);
        group["title"] = json!(self.title);
        group["state"] = json!(self.state);
        group["created_at"] = json!(self.created_at);
        group["acknowledged_at"] = json!(self.acknowledged.map(|(at, _)| at));
        group["acknowledged_by"] = json!(self.acknowledged.and_then(|(_, by)| by));
        group["resolved_at"] = json!(self.resolved.map(|(at, _)| at));
        group["resolved_by"] = json!(self.resolved.and_then(|(_, by)| by));
        group["silenced_at"] = json!((self.state == "silenced").then_some(self.created_at));
        group["permalinks"]["web"] = json!(format!(
            "https://oncall.example.com/alert-groups/{}",
            self.id
        ));
        group
    }
}

/// The v1.7.x docs example's alert group, its trailing comma removed so it parses.
pub fn example_group() -> Value {
    let text = crate::fixture(
        "grafana-oncall/docs_v1.7.x_list_alert_groups.AS_PUBLISHED_invalid_json.txt",
    );
    let valid = text.replace(
        "\"silenced_at\": \"2020-05-19T13:37:01.429805Z\",\n",
        "\"silenced_at\": \"2020-05-19T13:37:01.429805Z\"\n",
    );
    let page: Value = serde_json::from_str(&valid).expect("the docs example, made valid");
    page["results"][0].clone()
}

/// The standard instance at 2026-11-29T20:00:00Z, newest first: three groups resolved in 30
/// (by Alice), 60 (acknowledged by Alice, resolved by bob) and 10 minutes (resolved by
/// itself), one silenced and one acknowledged (neither fixed), a drill, and one older than a
/// year.
pub fn standard() -> Vec<Value> {
    let group = |id, title, state, created_at, acknowledged, resolved| {
        Group {
            id,
            title,
            state,
            created_at,
            acknowledged,
            resolved,
        }
        .to_json()
    };
    vec![
        group(
            "IACK0006",
            "Disk almost full on db-2",
            "acknowledged",
            "2026-11-29T19:00:00Z",
            Some(("2026-11-29T19:02:00Z", Some("U1ALICE"))),
            None,
        ),
        group(
            "IDRL0005",
            "Drill: page the on-call",
            "resolved",
            "2026-11-26T09:00:00Z",
            None,
            Some(("2026-11-26T09:15:00Z", Some("U1ALICE"))),
        ),
        group(
            "ISIL0004",
            "Memory above 90% threshold",
            "silenced",
            "2026-11-25T08:00:00Z",
            None,
            None,
        ),
        group(
            "IRES0003",
            "Login errors",
            "resolved",
            "2026-11-20T14:00:00Z",
            None,
            Some(("2026-11-20T14:10:00Z", None)),
        ),
        group(
            "IRES0002",
            "Search slow",
            "resolved",
            "2026-11-12T10:00:00Z",
            Some(("2026-11-12T10:05:00Z", Some("U1ALICE"))),
            Some(("2026-11-12T11:00:00Z", Some("U2BOB"))),
        ),
        group(
            "IRES0001",
            "Checkout errors",
            "resolved",
            "2026-11-10T02:00:00Z",
            None,
            Some(("2026-11-10T02:30:00Z", Some("U1ALICE"))),
        ),
        group(
            "IOLD0000",
            "Long ago",
            "resolved",
            "2025-10-01T00:00:00Z",
            None,
            Some(("2025-10-01T00:30:00Z", None)),
        ),
    ]
}

/// A Django page of `results`, `next` naming the inside address a proxy would leak.
pub fn page(route: &str, results: &[Value], count: usize, next: Option<u32>) -> Value {
    json!({"count": count,
        "next": next.map(|n| format!("http://oncall-engine:8080/api/v1/{route}/?page={n}")),
        "previous": null, "results": results, "page_size": 50,
        "current_page_number": 1, "total_pages": 3})
}

/// The instance's users: Alice (with a name) on the first page, bob (a username only) on
/// the second.
pub fn users() -> [Value; 2] {
    let user = |id: &str, name: Option<&str>, username: &str| {
        json!({"id": id, "email": format!("{username}@example.com"), "slack": null,
            "username": username, "name": name, "role": "user", "timezone": "UTC", "teams": []})
    };
    [
        page(
            "users",
            &[user("U1ALICE", Some("Alice Moreau"), "alice")],
            2,
            Some(2),
        ),
        page("users", &[user("U2BOB", None, "bob")], 2, None),
    ]
}

/// The requests this instance answers: the token as OnCall OSS takes it, or (with `cloud`)
/// as Grafana Cloud does, with the stack's address.
fn authed(route: &str, cloud: bool) -> wiremock::MockBuilder {
    if cloud {
        crate::get_authorized(route, &format!("Bearer {TOKEN}")).and(header("X-Grafana-URL", STACK))
    } else {
        crate::get_authorized(route, TOKEN)
    }
}

/// Serves `groups` (newest first) in three pages, the users, and each group by id.
pub async fn serve(server: &MockServer, groups: &[Value], cloud: bool) {
    let third = groups.len().div_ceil(3);
    let chunks: Vec<&[Value]> = groups.chunks(third.max(1)).collect();
    for (n, chunk) in chunks.iter().enumerate() {
        let number = n as u32 + 1;
        let next = (n + 1 < chunks.len()).then_some(number + 1);
        let body = page("alert_groups", chunk, groups.len(), next);
        let mock = authed("/api/v1/alert_groups/", cloud);
        let mock = match number {
            1 => mock.and(query_param_is_missing("page")),
            _ => mock.and(query_param("page", number.to_string())),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
    for group in groups {
        let id = group["id"].as_str().unwrap_or_default();
        authed(&format!("/api/v1/alert_groups/{id}/"), cloud)
            .respond_with(ResponseTemplate::new(200).set_body_json(group))
            .mount(server)
            .await;
    }
    let [first, second] = users();
    authed("/api/v1/users/", cloud)
        .and(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(server)
        .await;
    authed("/api/v1/users/", cloud)
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .mount(server)
        .await;
    crate::refuse_the_rest(server, json!({"detail": "Invalid token."})).await;
}

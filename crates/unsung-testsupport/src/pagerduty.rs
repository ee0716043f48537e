//! A PagerDuty account (REST API v2) served locally, with the recorded example payloads: one
//! service, the incidents given, the account's log, no maintenance windows, and no change
//! events (404, as for accounts without them).

use serde_json::{Value, json};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One page holding all of `items`, as PagerDuty lists them under `key`.
pub fn listing(key: &str, items: Value) -> Value {
    json!({key: items, "limit": 100, "offset": 0, "more": false, "total": null})
}

/// The list example's resolved incident (`PT4KHLK`, "The server is on fire.").
pub fn example_incident() -> Value {
    crate::fixture_json("pagerduty/openapi_list_incidents.json")["incidents"][0].clone()
}

/// Serves the account at `server`: the services example's first service, `incidents`, and
/// `log_entries` as the account's log. With `token`, only requests carrying it are answered;
/// any other gets PagerDuty's 401.
pub async fn serve(server: &MockServer, token: Option<&str>, incidents: Value, log_entries: Value) {
    let services =
        crate::fixture_json("pagerduty/openapi_list_services.json")["services"][0].clone();
    for (route, body) in [
        ("/services", listing("services", json!([services]))),
        ("/incidents", listing("incidents", incidents)),
        (
            "/maintenance_windows",
            listing("maintenance_windows", json!([])),
        ),
        ("/log_entries", listing("log_entries", log_entries)),
    ] {
        let mock = match token {
            Some(token) => crate::get_authorized(route, &format!("Token token={token}")),
            None => crate::get(route),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path_regex("^/change_events"))
        .respond_with(ResponseTemplate::new(404))
        .mount(server)
        .await;
    if token.is_some() {
        let refused = json!({"error": {"message": "Unauthorized", "code": 2006}});
        crate::refuse_the_rest(server, refused).await;
    }
}

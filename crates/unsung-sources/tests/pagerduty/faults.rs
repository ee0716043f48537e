//! Faults: each says what happened and what to do, and never shows the token.

use super::account::*;
use super::common;
use serde_json::json;
use unsung_sources::{Fetched, SourceErrorKind};
use wiremock::{MockServer, ResponseTemplate};

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

/// A first sync against a server that answers every request with `response`.
async fn failed_sync_answering(response: ResponseTemplate) -> (SourceErrorKind, String) {
    failed_sync(&common::answering(response).await).await
}

/// A first sync of the standard account whose first request to `route` gets `response`.
async fn first_sync_failing_once(route: &str, response: ResponseTemplate) -> common::Run {
    let server = MockServer::start().await;
    authed(route)
        .respond_with(response)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    mount(&server, &standard_account()).await;
    first_sync(&config(&server)).await
}

#[tokio::test]
async fn a_missing_token_says_how_to_set_one() {
    let server = MockServer::start().await;
    let config = config(&server);
    let run = common::first(NAME, &config, None, now()).await;
    let error = run.result.expect_err("no token");
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert_says(
        &error.message,
        &["read-only API token", "Set one for this source"],
    );
    assert!(
        !error.message.contains("--"),
        "names a flag: {}",
        error.message
    );
    assert_eq!(run.requests, 0);
}

#[tokio::test]
async fn a_refused_token_is_named_but_never_shown() {
    let (kind, message) = failed_sync_answering(
        ResponseTemplate::new(401)
            .set_body_json(json!({"error": {"message": "Unauthorized", "code": 2006}})),
    )
    .await;
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
    let refusal = ResponseTemplate::new(429).insert_header("ratelimit-reset", "1");
    let run = first_sync_failing_once("/incidents", refusal).await;
    assert_eq!(problems(&run.result.expect("sync after waiting").data), 3);
    assert_eq!(run.requests, 10, "the usual nine and the refused one");
}

#[tokio::test]
async fn a_rate_limit_that_never_lifts_fails_clearly() {
    let (kind, message) =
        failed_sync_answering(ResponseTemplate::new(429).insert_header("ratelimit-reset", "1"))
            .await;
    assert_eq!(kind, SourceErrorKind::RateLimited);
    assert_says(
        &message,
        &["limiting how often", "Earlier data is kept", "sync again"],
    );
}

#[tokio::test]
async fn a_server_error_is_retried() {
    let run = first_sync_failing_once("/services", ResponseTemplate::new(500)).await;
    assert!(run.result.is_ok());
    assert_eq!(run.requests, 10, "the usual nine and the failed one");
}

#[tokio::test]
async fn a_server_that_keeps_failing_fails_clearly() {
    let (kind, message) = failed_sync_answering(ResponseTemplate::new(500)).await;
    assert_eq!(kind, SourceErrorKind::ServerError);
    assert_says(&message, &["kept failing", "HTTP 500", "try again later"]);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let (kind, message) = failed_sync_answering(
        ResponseTemplate::new(200)
            .set_body_json(fixture("openapi_list_services.json"))
            .set_delay(std::time::Duration::from_secs(3)),
    )
    .await;
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

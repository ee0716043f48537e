//! The GitHub connector against a local server answering as GitHub's REST API does
//! (unsung_testsupport::github: `Link` paging, `ETag`/`If-None-Match` with 304s, 401 "Bad
//! credentials" for another token), replaying payloads built from GitHub's REST reference
//! (tests/fixtures/github) and variants.

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::{Duration as StdDuration, Instant, SystemTime, UNIX_EPOCH};
use unsung_core::Dataset;
use unsung_sources::{Kind, SourceConfig, SourceErrorKind, merge};
use unsung_testsupport::github::{self, Repository};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "github_pat_test_token_never_shown";
const SHOP: &str = "juniper/shop";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn config(url: &str, repos: &[&str]) -> SourceConfig {
    SourceConfig {
        url: Some(url.to_string()),
        repos: repos.iter().map(|r| r.to_string()).collect(),
        ..SourceConfig::new(Kind::GitHub)
    }
}

/// The repository as the fixtures have it: a draft, a release, a prerelease; a deployment to
/// production that succeeded and one to staging that failed.
fn recorded() -> Repository {
    Repository {
        releases: common::fixture_json("github/releases.json")
            .as_array()
            .unwrap()
            .clone(),
        deployments: common::fixture_json("github/deployments.json")
            .as_array()
            .unwrap()
            .clone(),
        statuses: BTreeMap::from([
            (
                42,
                common::fixture_json("github/deployment_42_statuses.json")
                    .as_array()
                    .unwrap()
                    .clone(),
            ),
            (
                41,
                common::fixture_json("github/deployment_41_statuses.json")
                    .as_array()
                    .unwrap()
                    .clone(),
            ),
        ]),
    }
}

async fn github_serving(repo: &str, data: Repository) -> MockServer {
    let server = MockServer::start().await;
    github::serve(&server, TOKEN, repo, data).await;
    server
}

fn summaries(data: &Dataset) -> Vec<(String, String)> {
    data.changes
        .iter()
        .map(|c| (c.at.to_rfc3339(), c.summary.clone()))
        .collect()
}

#[tokio::test]
async fn published_releases_and_successful_deployments_are_updates_shipped() {
    let server = github_serving(SHOP, recorded()).await;
    let (data, first, again) =
        common::sync_twice("gh", &config(&server.uri(), &[SHOP]), Some(TOKEN), now()).await;
    common::report_requests("GitHub (one repository)", first, again);
    // Releases, deployments, and the statuses of each of the two deployments; then the two
    // lists again, each a 304.
    assert_eq!((first, again), (4, 2));
    assert_eq!(
        summaries(&data),
        [
            (
                "2026-11-10T08:30:00+00:00".to_string(),
                "Released v1.9.0-beta of juniper/shop".to_string()
            ),
            (
                "2026-11-20T15:00:00+00:00".to_string(),
                "Released Faster checkout of juniper/shop".to_string()
            ),
            (
                "2026-11-25T10:04:00+00:00".to_string(),
                "Deployed main to production of juniper/shop".to_string()
            ),
        ],
        "the draft and the failed deployment are left out"
    );
    assert_eq!(data.changes[2].id, "gh/juniper/shop/deployment/42");
    assert!(
        data.changes
            .iter()
            .all(|c| c.source == "gh" && c.service_id.is_none())
    );
    assert!(data.incidents.is_empty() && data.intervals.is_empty());
}

/// 250 releases, one an hour back from `now`.
fn many_releases(count: u64) -> Vec<Value> {
    (0..count)
        .map(|n| {
            let at = now() - Duration::hours(i64::try_from(n).unwrap() + 1);
            github::release(1000 - n, &format!("v{}", 1000 - n), None, &at.to_rfc3339())
        })
        .collect()
}

#[tokio::test]
async fn releases_are_read_across_link_pages_and_a_changed_list_reads_only_its_first_page() {
    let data = Repository {
        releases: many_releases(250),
        ..Repository::default()
    };
    let server = github_serving(SHOP, data.clone()).await;
    let config = config(&server.uri(), &[SHOP]);
    let first = common::first("gh", &config, Some(TOKEN), now()).await;
    // Pages of 100, 100 and 50, and the (empty) deployments.
    let requests = first.requests;
    let first = first.result.unwrap();
    assert_eq!(requests, 4);
    let stored = merge::apply(Dataset::default(), &first);
    assert_eq!(stored.changes.len(), 250);
    let pages: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        pages,
        [
            "per_page=100",
            "per_page=100&page=2",
            "per_page=100&page=3",
            "per_page=100"
        ]
    );

    // A new release an hour later: the list's tag changed, page 1 holds everything new.
    let mut releases = vec![github::release(
        1001,
        "v1001",
        Some("Gift cards"),
        &(now() + Duration::minutes(30)).to_rfc3339(),
    )];
    releases.extend(many_releases(250));
    server.reset().await;
    github::serve(
        &server,
        TOKEN,
        SHOP,
        Repository {
            releases,
            ..Repository::default()
        },
    )
    .await;
    let later = now() + Duration::hours(1);
    let second = common::fetch("gh", &config, Some(TOKEN), &first.cursor, &stored, later).await;
    assert_eq!(
        second.requests, 2,
        "page 1 of releases, and a 304 for deployments"
    );
    let stored = merge::apply(stored, &second.result.unwrap());
    assert_eq!(stored.changes.len(), 251);
    assert_eq!(
        stored.changes.last().unwrap().summary,
        "Released Gift cards of juniper/shop"
    );
}

#[tokio::test]
async fn a_deployment_pending_at_one_sync_counts_when_it_succeeds_by_the_next() {
    let created = "2026-11-29T19:50:00Z";
    let pending = Repository {
        deployments: vec![github::deployment(7, "v3", "production", created)],
        statuses: BTreeMap::from([(7, vec![github::status(1, "in_progress", created)])]),
        ..Repository::default()
    };
    let server = github_serving(SHOP, pending.clone()).await;
    let config = config(&server.uri(), &[SHOP]);
    let first = common::first("gh", &config, Some(TOKEN), now()).await;
    assert_eq!(first.requests, 3);
    let first = first.result.unwrap();
    assert!(first.data.changes.is_empty(), "not shipped yet");

    let mut done = pending;
    done.statuses.insert(
        7,
        vec![
            github::status(2, "success", "2026-11-29T20:05:00Z"),
            github::status(1, "in_progress", created),
        ],
    );
    server.reset().await;
    github::serve(&server, TOKEN, SHOP, done).await;
    let stored = merge::apply(Dataset::default(), &first);
    let later = now() + Duration::minutes(10);
    let second = common::fetch("gh", &config, Some(TOKEN), &first.cursor, &stored, later).await;
    // Two 304s, and the pending deployment's statuses.
    assert_eq!(second.requests, 3);
    let changes = second.result.unwrap().data.changes;
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].summary,
        "Deployed v3 to production of juniper/shop"
    );
    assert_eq!(changes[0].at.to_rfc3339(), "2026-11-29T20:05:00+00:00");
}

#[tokio::test]
async fn hostile_names_and_null_fields_are_kept_as_text_or_left_out() {
    let hostile = format!(
        "<img src=x onerror=alert(1)>\n\u{202E}{}",
        "A".repeat(10_000)
    );
    let at = "2026-11-28T10:00:00Z";
    let mut no_id = github::release(9, "v9", Some("no id"), at);
    no_id["id"] = Value::Null;
    let mut unnamed = github::release(8, "v8", None, at);
    unnamed["name"] = Value::Null;
    let mut never_published = github::release(7, "v7", Some("never"), at);
    never_published["published_at"] = Value::Null;
    let mut nowhere = github::deployment(5, "main", "x", at);
    nowhere["environment"] = Value::Null;
    nowhere["ref"] = Value::Null;
    let data = Repository {
        releases: vec![
            github::release(10, "v10", Some(&hostile), at),
            no_id,
            unnamed,
            never_published,
        ],
        deployments: vec![nowhere],
        statuses: BTreeMap::from([(5, vec![github::status(1, "success", at)])]),
    };
    let server = github_serving(SHOP, data).await;
    let run = common::first("gh", &config(&server.uri(), &[SHOP]), Some(TOKEN), now()).await;
    let changes = run.result.unwrap().data.changes;
    let said: Vec<&str> = changes.iter().map(|c| c.summary.as_str()).collect();
    assert_eq!(said.len(), 3, "{said:?}");
    let title = said
        .iter()
        .find(|s| s.starts_with("Released <img"))
        .unwrap();
    assert!(
        title.starts_with("Released <img src=x onerror=alert(1)> AAA"),
        "{title}"
    );
    assert!(title.chars().count() <= unsung_sources::text::MAX_TITLE_CHARS);
    assert!(!title.contains('\n') && !title.contains('\u{202E}'));
    assert!(
        said.contains(&"Released v8 of juniper/shop"),
        "no name: the tag"
    );
    assert!(said.contains(&"Deployed a change to an environment of juniper/shop"));
}

#[tokio::test]
async fn a_wrong_token_a_missing_repository_or_a_bad_name_is_said_plainly() {
    let server = github_serving(SHOP, recorded()).await;
    let run = common::first(
        "gh",
        &config(&server.uri(), &[SHOP]),
        Some("github_pat_wrong"),
        now(),
    )
    .await;
    let error = run.result.unwrap_err();
    assert_eq!(
        (error.kind, run.requests),
        (SourceErrorKind::Unauthorized, 1)
    );
    assert!(error.message.contains("juniper/shop"), "{}", error.message);
    assert!(!error.message.contains("github_pat"), "{}", error.message);

    let run = common::first(
        "gh",
        &config(&server.uri(), &[SHOP, "juniper/gone"]),
        Some(TOKEN),
        now(),
    )
    .await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::NotFound);
    assert!(
        error.message.contains("no repository juniper/gone"),
        "{}",
        error.message
    );

    for bad in ["juniper", "../etc/passwd", "a/b/c", "owner/na me"] {
        let run = common::first("gh", &config(&server.uri(), &[bad]), Some(TOKEN), now()).await;
        let error = run.result.unwrap_err();
        assert_eq!(
            (error.kind, run.requests),
            (SourceErrorKind::Invalid, 0),
            "{bad}"
        );
        assert!(error.message.contains("owner/name"), "{}", error.message);
    }
    let run = common::first("gh", &config(&server.uri(), &[SHOP]), None, now()).await;
    assert_eq!(run.result.unwrap_err().kind, SourceErrorKind::Invalid);

    let (said, requests) =
        common::check("gh", &config(&server.uri(), &[SHOP]), Some(TOKEN), now()).await;
    assert_eq!(said.unwrap(), "Connected to GitHub: juniper/shop");
    assert_eq!(requests, 1);
}

fn epoch_in(seconds: u64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    (now + seconds).to_string()
}

/// A server that answers `first` once, then as GitHub with the recorded repository.
async fn answering_once(first: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    github::serve(&server, TOKEN, SHOP, recorded()).await;
    server
}

#[tokio::test]
async fn rate_limits_are_waited_out_by_githubs_headers_and_other_faults_change_nothing() {
    let config = |server: &MockServer| config(&server.uri(), &[SHOP]);
    // The primary limit: a 403 with none remaining is a rate limit, not a wrong token.
    let limited = ResponseTemplate::new(403)
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", epoch_in(1).as_str())
        .set_body_json(json!({"message": "API rate limit exceeded for user ID 1."}));
    let server = answering_once(limited).await;
    let run = common::first("gh", &config(&server), Some(TOKEN), now()).await;
    assert_eq!(
        run.requests, 5,
        "the refused request, then the four of a sync"
    );
    assert_eq!(run.result.unwrap().data.changes.len(), 3);

    // A secondary limit: 429 with Retry-After.
    let server = answering_once(ResponseTemplate::new(429).insert_header("retry-after", "1")).await;
    let run = common::first("gh", &config(&server), Some(TOKEN), now()).await;
    assert_eq!(run.requests, 5);
    assert!(run.result.is_ok());

    // None left until an hour from now: too long to wait, said so.
    let hour = ResponseTemplate::new(403)
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", epoch_in(3600).as_str());
    let server = answering_once(hour).await;
    let run = common::first("gh", &config(&server), Some(TOKEN), now()).await;
    let error = run.result.unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::RateLimited);
    assert!(error.message.contains("sync again"), "{}", error.message);

    // An answer saying none are left: the next request waits for the reset.
    let last_one = ResponseTemplate::new(200)
        .set_body_json(json!([]))
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", epoch_in(2).as_str());
    let server = answering_once(last_one).await;
    let started = Instant::now();
    let run = common::first("gh", &config(&server), Some(TOKEN), now()).await;
    assert!(run.result.is_ok());
    assert!(
        started.elapsed() >= StdDuration::from_millis(900),
        "{:?}",
        started.elapsed()
    );

    let failing = |template: ResponseTemplate| async move {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(template)
            .mount(&server)
            .await;
        let run = common::first("gh", &config(&server), Some(TOKEN), now()).await;
        (run.result.unwrap_err(), run.requests)
    };
    let (error, requests) = failing(ResponseTemplate::new(503)).await;
    assert_eq!((error.kind, requests), (SourceErrorKind::ServerError, 3));
    let slow = ResponseTemplate::new(200)
        .set_body_json(json!([]))
        .set_delay(StdDuration::from_secs(3));
    assert_eq!(failing(slow).await.0.kind, SourceErrorKind::Timeout);
    let cut = ResponseTemplate::new(200).set_body_raw(r#"[{"id": 1, "tag_na"#, "application/json");
    let (error, _) = failing(cut).await;
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
    assert!(error.message.contains("cut off"), "{}", error.message);
    let (error, _) =
        failing(ResponseTemplate::new(200).set_body_json(json!({"message": "hi"}))).await;
    assert_eq!(error.kind, SourceErrorKind::BadResponse);
}

#[tokio::test]
async fn a_next_page_at_another_address_is_never_sent_the_token() {
    let elsewhere = MockServer::start().await;
    let server = MockServer::start().await;
    let link = format!("<{}/steal?page=2>; rel=\"next\"", elsewhere.uri());
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([github::release(
                    1,
                    "v1",
                    None,
                    "2026-11-28T10:00:00Z"
                )]))
                .insert_header("Link", link.as_str()),
        )
        .mount(&server)
        .await;
    let run = common::first("gh", &config(&server.uri(), &[SHOP]), Some(TOKEN), now()).await;
    assert_eq!(run.result.unwrap_err().kind, SourceErrorKind::BadResponse);
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

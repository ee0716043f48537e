//! GitHub's REST API served locally for one token: a repository's releases, deployments and
//! deployment statuses, paged as GitHub pages them (`per_page`, default 30, at most 100; a
//! `Link` header with `rel="next"` and `rel="last"`), each list with an `ETag` that a matching
//! `If-None-Match` turns into a 304, and a 401 "Bad credentials" for any other token. Shapes
//! follow GitHub's REST reference (provenance in tests/fixtures/PROVENANCE.md).

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// What one repository holds, each list newest first.
#[derive(Debug, Clone, Default)]
pub struct Repository {
    pub releases: Vec<Value>,
    pub deployments: Vec<Value>,
    /// By deployment id, newest first.
    pub statuses: BTreeMap<u64, Vec<Value>>,
}

/// A published release in GitHub's shape.
pub fn release(id: u64, tag: &str, name: Option<&str>, published_at: &str) -> Value {
    json!({
        "url": format!("https://api.github.com/repos/o/r/releases/{id}"),
        "id": id, "node_id": "MDc6UmVsZWFzZTE=", "tag_name": tag, "target_commitish": "main",
        "name": name, "body": "", "draft": false, "prerelease": false,
        "created_at": published_at, "published_at": published_at,
        "author": {"login": "octocat", "id": 1}, "assets": []
    })
}

/// A deployment in GitHub's shape.
pub fn deployment(id: u64, git_ref: &str, environment: &str, created_at: &str) -> Value {
    json!({
        "url": format!("https://api.github.com/repos/o/r/deployments/{id}"),
        "id": id, "node_id": "MDEwOkRlcGxveW1lbnQx", "sha": "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d",
        "ref": git_ref, "task": "deploy", "payload": {}, "original_environment": environment,
        "environment": environment, "description": null, "creator": {"login": "octocat", "id": 1},
        "created_at": created_at, "updated_at": created_at,
        "transient_environment": false, "production_environment": environment == "production"
    })
}

/// A deployment status in GitHub's shape.
pub fn status(id: u64, state: &str, created_at: &str) -> Value {
    json!({
        "id": id, "node_id": "MDE2OkRlcGxveW1lbnRTdGF0dXMx", "state": state,
        "creator": {"login": "octocat", "id": 1}, "description": "", "environment": "production",
        "created_at": created_at, "updated_at": created_at, "log_url": ""
    })
}

/// One list, paged and tagged as GitHub does.
struct Listing {
    items: Vec<Value>,
    /// The list's own address, for `Link` (as GitHub gives it: absolute).
    address: String,
}

impl Respond for Listing {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut hasher = DefaultHasher::new();
        Value::Array(self.items.clone())
            .to_string()
            .hash(&mut hasher);
        let etag = format!("W/\"{:016x}\"", hasher.finish());
        if request
            .headers
            .get("if-none-match")
            .and_then(|v| v.to_str().ok())
            == Some(etag.as_str())
        {
            return ResponseTemplate::new(304).insert_header("ETag", etag.as_str());
        }
        let param = |name: &str| crate::query_number(request, name);
        let per_page = param("per_page").unwrap_or(30).clamp(1, 100);
        let page = param("page").unwrap_or(1).max(1);
        let last = self.items.len().div_ceil(per_page).max(1);
        let items: Vec<Value> = self
            .items
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .cloned()
            .collect();
        let mut response = ResponseTemplate::new(200)
            .set_body_json(items)
            .insert_header("ETag", etag.as_str())
            .insert_header("x-ratelimit-limit", "5000")
            .insert_header("x-ratelimit-remaining", "4990")
            .insert_header("x-ratelimit-reset", "4102444800");
        if page < last {
            let base = &self.address;
            let link = format!(
                "<{base}?per_page={per_page}&page={}>; rel=\"next\", <{base}?per_page={per_page}&page={last}>; rel=\"last\"",
                page + 1
            );
            response = response.insert_header("Link", link.as_str());
        }
        response
    }
}

/// Serves `repo` (`owner/name`) for `token` at `server`; call again (after `reset`) to change
/// what it holds.
pub async fn serve(server: &MockServer, token: &str, repo: &str, data: Repository) {
    let bearer = format!("Bearer {token}");
    let base = format!("/repos/{repo}");
    let mut lists = vec![
        (format!("{base}/releases"), data.releases),
        (format!("{base}/deployments"), data.deployments),
    ];
    for (id, statuses) in data.statuses {
        lists.push((format!("{base}/deployments/{id}/statuses"), statuses));
    }
    for (route, items) in lists {
        let address = format!("{}{route}", server.uri());
        crate::get_authorized(&route, &bearer)
            .respond_with(Listing { items, address })
            .mount(server)
            .await;
    }
    let (owner, name) = repo.split_once('/').unwrap_or((repo, ""));
    crate::get_authorized(&base, &bearer)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 1296269, "name": name, "full_name": repo, "owner": {"login": owner}, "private": true
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", bearer.as_str()))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "message": "Not Found",
            "documentation_url": "https://docs.github.com/rest",
            "status": "404"
        })))
        .with_priority(9)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "message": "Bad credentials",
            "documentation_url": "https://docs.github.com/rest",
            "status": "401"
        })))
        .with_priority(10)
        .mount(server)
        .await;
}

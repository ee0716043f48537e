//! A Gatus status page (`--url`), read through its public JSON
//! (`GET /api/v1/endpoints/statuses`): endpoints become services, their check results become
//! availability and runs of failed results become incidents, the same way as Uptime Kuma's
//! heartbeats ([`crate::checks`]).
//!
//! Gatus keeps only each endpoint's recent results (100 unless `storage.maximum-number-of-results`
//! says otherwise), so each sync extends the local history. It pages results per endpoint, the
//! newest first (`?page=N&pageSize=M`, every endpoint on every page): a sync reads pages until
//! each endpoint's page reaches back to what the last sync saw, or to the history setting, or
//! Gatus has no older results. A result's `duration` (the response time) is not read: a slow
//! answer counts as down only when the endpoint's own conditions say so, as on the page.

use crate::checks::{self, Check};
use crate::http::Auth;
use crate::{Context, Fetched, Result, Source, SourceError, SourceErrorKind, text, time};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unsung_core::{Dataset, Service, Status};

pub struct Gatus;

/// Results asked for per endpoint and page: Gatus's default number of results kept, so one
/// page usually holds all of them.
const PAGE_SIZE: usize = 100;
/// A guard against a server that never runs out of pages.
const MAX_PAGES: u32 = 50;

/// One endpoint as `/api/v1/endpoints/statuses` serves it (Gatus's `endpoint.Status`).
#[derive(Debug, Deserialize)]
struct EndpointStatus {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    results: Option<Vec<CheckResult>>,
}

/// One check (Gatus's `endpoint.Result`): only what availability needs.
#[derive(Debug, Deserialize)]
struct CheckResult {
    #[serde(default)]
    success: Option<bool>,
    #[serde(default)]
    timestamp: Option<String>,
}

/// The newest result seen of each endpoint, by key.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    newest: BTreeMap<String, DateTime<Utc>>,
}

/// What the pages said of one endpoint.
#[derive(Default)]
struct Endpoint {
    name: String,
    group: String,
    checks: Vec<Check>,
}

#[async_trait]
impl Source for Gatus {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let endpoints = page(cx, 1, 1).await?;
        Ok(match endpoints.len() {
            1 => "Connected to Gatus: 1 endpoint".to_string(),
            n => format!("Connected to Gatus: {n} endpoints"),
        })
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        let cursor: Cursor = serde_json::from_value(cx.cursor.clone()).unwrap_or_default();
        let endpoints = read_all(cx, &cursor).await?;
        let newest: BTreeMap<String, DateTime<Utc>> = endpoints
            .iter()
            .filter_map(|(key, e)| Some((key.clone(), e.checks.last()?.0)))
            .collect();
        let next = serde_json::to_value(Cursor {
            newest: newest.clone(),
        })
        .unwrap_or_default();
        let known = |key: &String| cx.known.services.iter().any(|s| &s.external_id == key);
        if endpoints.keys().all(known) && !newest.is_empty() && newest == cursor.newest {
            return Ok(Fetched {
                cursor: next,
                ..Fetched::default()
            });
        }

        let mut data = Dataset::default();
        let mut coverage = Vec::new();
        for (key, endpoint) in &endpoints {
            // Two endpoints of the same name in different groups keep apart by their group.
            let same_name = endpoints
                .values()
                .filter(|e| e.name == endpoint.name)
                .count();
            let name = if same_name > 1 && !endpoint.group.is_empty() {
                format!("{} ({})", endpoint.name, endpoint.group)
            } else {
                endpoint.name.clone()
            };
            let service = Service {
                id: cx.id(key),
                source: cx.name.to_string(),
                external_id: key.clone(),
                name: text::title(&name, key),
                friendly_name: None,
            };
            checks::extend(cx, &service, &endpoint.checks, &mut data, &mut coverage);
            data.services.push(service);
        }
        cx.report(format!(
            "{} endpoints, {} outages",
            data.services.len(),
            data.incidents.len()
        ));
        Ok(Fetched {
            data,
            coverage,
            cursor: next,
        })
    }
}

/// Every endpoint's results, oldest first, read back page by page as far as needed.
async fn read_all(cx: &Context<'_>, cursor: &Cursor) -> Result<BTreeMap<String, Endpoint>> {
    let history_start = cx.history_start();
    let mut endpoints: BTreeMap<String, Endpoint> = BTreeMap::new();
    for number in 1..=MAX_PAGES {
        cx.report(format!("results, page {number}"));
        let mut older = false;
        for status in page(cx, number, PAGE_SIZE).await? {
            let Some(key) = status
                .key
                .as_deref()
                .map(text::clean)
                .filter(|k| !k.is_empty())
            else {
                tracing::warn!("a Gatus endpoint without a key left out");
                continue;
            };
            let results = status.results.unwrap_or_default();
            let checks: Vec<Check> = results
                .iter()
                .filter_map(|r| {
                    let at = time::parse(r.timestamp.as_deref()?)?;
                    Some((
                        at,
                        r.success
                            .map(|ok| if ok { Status::Up } else { Status::Down }),
                    ))
                })
                .collect();
            if checks.len() < results.len() {
                tracing::warn!(key, "results with unreadable times left out");
            }
            // A full page whose oldest result is still newer than what is known: there is more.
            let oldest = checks.iter().map(|(at, _)| *at).min();
            let seen = cursor.newest.get(&key).copied().unwrap_or(history_start);
            if results.len() >= PAGE_SIZE && oldest.is_some_and(|at| at > seen.max(history_start)) {
                older = true;
            }
            let endpoint = endpoints.entry(key.clone()).or_default();
            if number == 1 {
                endpoint.name = status.name.unwrap_or_default();
                endpoint.group = text::clean(status.group.as_deref().unwrap_or(""));
            }
            endpoint.checks.extend(checks);
        }
        if !older {
            break;
        }
    }
    for endpoint in endpoints.values_mut() {
        endpoint.checks = checks::in_order(std::mem::take(&mut endpoint.checks), cx.now);
        endpoint.checks.retain(|(at, _)| *at >= history_start);
    }
    Ok(endpoints)
}

async fn page(cx: &Context<'_>, number: u32, size: usize) -> Result<Vec<EndpointStatus>> {
    let url = format!("{}/api/v1/endpoints/statuses", cx.config.base_url());
    let query = [("page", number.to_string()), ("pageSize", size.to_string())];
    cx.http
        .get_json(&url, &query, Auth::None, &[])
        .await
        .map_err(|error| match error.kind {
            // Gatus has no tokens: a 401/403 is its own login (basic or OIDC) in front of the page.
            SourceErrorKind::Unauthorized => SourceError::new(
                SourceErrorKind::Unauthorized,
                "The Gatus page asks for a login. Earlier data is kept; Unsung reads a Gatus \
                 page that is open to read (without `security` in its settings), so give the \
                 address of one.",
            ),
            SourceErrorKind::NotFound => SourceError::new(
                SourceErrorKind::NotFound,
                "There is no Gatus API at that address (HTTP 404). Earlier data is kept; give \
                 the address of the Gatus page itself, such as https://status.example.org.",
            ),
            _ => error,
        })
}

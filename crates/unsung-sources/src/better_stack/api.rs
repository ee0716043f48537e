//! The one place that talks to Better Stack Uptime: the token as `Bearer`, JSON:API pages
//! followed by their `pagination.next` links, and the payload shapes the connector reads.

use super::API;
use crate::connect::{self, Facts, Vendor};
use crate::{Result, SourceErrorKind};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Better Stack's largest page of incidents (monitors allow more; one size keeps it simple).
pub(super) const PER_PAGE: u32 = 50;
/// A list longer than this many pages is a server that keeps sending `next`: stop there.
const MAX_PAGES: usize = 2_000;

/// One JSON:API resource: its id (a string, or a number in older answers), attributes and
/// relationships.
#[derive(Debug, Deserialize)]
pub(super) struct Resource<T> {
    id: Value,
    pub(super) attributes: T,
    #[serde(default)]
    pub(super) relationships: Option<Relationships>,
}

impl<T> Resource<T> {
    pub(super) fn id(&self) -> Option<String> {
        id_text(&self.id)
    }
}

fn id_text(id: &Value) -> Option<String> {
    match id {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Relationships {
    #[serde(default)]
    monitor: Option<Related>,
}

impl Relationships {
    /// The monitor an incident belongs to (heartbeat and manual incidents have none).
    pub(super) fn monitor_id(&self) -> Option<String> {
        id_text(&self.monitor.as_ref()?.data.as_ref()?.id)
    }
}

#[derive(Debug, Deserialize)]
struct Related {
    #[serde(default)]
    data: Option<RelatedData>,
}

#[derive(Debug, Deserialize)]
struct RelatedData {
    id: Value,
}

#[derive(Debug, Deserialize)]
struct Page<T> {
    data: Vec<Resource<T>>,
    #[serde(default)]
    pagination: Option<Pagination>,
}

#[derive(Debug, Deserialize)]
struct Pagination {
    #[serde(default)]
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
struct One<T> {
    data: Resource<T>,
}

/// What a monitor says of itself (`/api/v2/monitors`).
#[derive(Debug, Default, Deserialize)]
pub(super) struct Monitor {
    #[serde(default)]
    pub(super) pronounceable_name: Option<String>,
    #[serde(default)]
    pub(super) url: Option<String>,
    /// up, down, validating, paused, pending or maintenance.
    #[serde(default)]
    pub(super) status: Option<String>,
    #[serde(default)]
    pub(super) paused_at: Option<String>,
    #[serde(default)]
    pub(super) created_at: Option<String>,
    /// A daily maintenance window, `HH:MM:SS` in `maintenance_timezone`, on
    /// `maintenance_days` (all days when absent).
    #[serde(default)]
    pub(super) maintenance_from: Option<String>,
    #[serde(default)]
    pub(super) maintenance_to: Option<String>,
    #[serde(default)]
    pub(super) maintenance_timezone: Option<String>,
    #[serde(default)]
    pub(super) maintenance_days: Option<Vec<String>>,
}

/// An incident (`/api/v3/incidents`, and `/api/v2/incidents` in the same shape).
#[derive(Debug, Default, Deserialize)]
pub(super) struct RawIncident {
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) cause: Option<String>,
    #[serde(default)]
    pub(super) started_at: Option<String>,
    #[serde(default)]
    pub(super) acknowledged_at: Option<String>,
    #[serde(default)]
    pub(super) resolved_at: Option<String>,
    #[serde(default)]
    pub(super) resolved_by: Option<String>,
    /// Unconfirmed, Started, Acknowledged, Resolved or Validating.
    #[serde(default)]
    pub(super) status: Option<String>,
}

/// A monitor's availability summary over a range of days (`/api/v2/monitors/{id}/sla`).
#[derive(Debug, Deserialize)]
pub(super) struct Sla {
    /// A percent (99.98), not a ratio.
    #[serde(default)]
    pub(super) availability: Option<f64>,
    /// Seconds.
    #[serde(default)]
    pub(super) total_downtime: Option<f64>,
}

/// The token Better Stack issues, as messages ask for it.
const TOKEN: &str = "an Uptime API token (Better Stack → API tokens)";

/// The API as this token sees it.
pub(super) type Api<'c, 'a> = connect::Api<'c, 'a, super::BetterStack>;

impl Vendor for super::BetterStack {
    const FACTS: Facts = Facts::new("Better Stack", TOKEN, API, "Bearer ");
}

impl Api<'_, '_> {
    fn url(&self, segments: &[&str]) -> url::Url {
        self.endpoint.url(segments)
    }

    /// A `next` link, kept on the configured host: only its path and query are taken, so a
    /// link naming another host (the legacy betteruptime.com, or a hostile one) never
    /// receives the token.
    fn follow(&self, next: &str) -> Option<url::Url> {
        let link = url::Url::parse(next)
            .or_else(|_| self.endpoint.base.join(next))
            .ok()?;
        let mut url = self.endpoint.base.clone();
        url.set_path(link.path());
        url.set_query(link.query());
        Some(url)
    }

    async fn get<T: DeserializeOwned>(
        &self,
        url: &url::Url,
        query: &[(&str, String)],
    ) -> Result<T> {
        self.endpoint.get_json(self.cx.http, url, query).await
    }

    /// Every resource of a paged list, following `pagination.next`.
    pub(super) async fn list<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> Result<Vec<Resource<T>>> {
        let mut items = Vec::new();
        let mut url = self.url(segments);
        let mut query = query.to_vec();
        query.push(("per_page", PER_PAGE.to_string()));
        let mut seen = std::collections::HashSet::new();
        for _ in 0..MAX_PAGES {
            let page: Page<T> = self.get(&url, &query).await?;
            items.extend(page.data);
            let next = page.pagination.and_then(|p| p.next);
            match next.as_deref().and_then(|n| self.follow(n)) {
                // The link carries the query itself.
                Some(next) if seen.insert(next.to_string()) => {
                    url = next;
                    query.clear();
                }
                _ => return Ok(items),
            }
        }
        Err(self.bad(format!("more than {MAX_PAGES} pages")))
    }

    /// Incidents, from v3; a server that routes only v2 (404 on v3) is read there instead.
    pub(super) async fn incidents(
        &self,
        query: &[(&str, String)],
    ) -> Result<Vec<Resource<RawIncident>>> {
        match self.list(&["api", "v3", "incidents"], query).await {
            Err(e) if e.kind == SourceErrorKind::NotFound => {
                self.list(&["api", "v2", "incidents"], query).await
            }
            other => other,
        }
    }

    /// One incident read again (one the store holds open).
    pub(super) async fn incident(&self, id: &str) -> Result<Option<Resource<RawIncident>>> {
        match self
            .get::<One<RawIncident>>(&self.url(&["api", "v3", "incidents", id]), &[])
            .await
        {
            Ok(one) => Ok(Some(one.data)),
            // Deleted in Better Stack: what the store holds stays as it was.
            Err(e) if e.kind == SourceErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A monitor's availability from `from` to `to`, both whole days, inclusive.
    pub(super) async fn sla(
        &self,
        monitor: &str,
        (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<Sla> {
        let url = self.url(&["api", "v2", "monitors", monitor, "sla"]);
        let query = [
            ("from", from.format("%Y-%m-%d").to_string()),
            ("to", to.format("%Y-%m-%d").to_string()),
        ];
        let one: One<Sla> = self.get(&url, &query).await?;
        Ok(one.data.attributes)
    }
}

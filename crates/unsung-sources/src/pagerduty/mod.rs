//! PagerDuty (REST API v2): where most teams' incidents, responders and maintenance windows
//! already live, read with a read-only token and mapped into the core model.
//!
//! What it reads, and why it reads no more:
//! - `GET /services` on a first sync and then once a day (a service first seen in an incident
//!   in between is named from that incident's reference, which costs nothing);
//! - `GET /incidents` in windows of at most 180 days (the API refuses longer ranges), halved
//!   again whenever `total` shows paging would pass the 10 000 offset cap; a resync asks only
//!   for incidents created since the cursor (with a small overlap);
//! - `GET /incidents/{id}` for each incident the store still holds open;
//! - `GET /log_entries`, the account-wide feed, once per sync and only when some incident was
//!   first seen resolved: from the earliest such incident's creation to now, it tells who
//!   resolved each one, when it was acknowledged and what people wrote (notes are
//!   `annotate_log_entry`s). Asking per incident cost two requests for each (its log and its
//!   notes); the feed costs one per 100 entries. Merged incidents are left out, as they are
//!   left out of every figure;
//! - `GET /maintenance_windows` (the API has no time filter) when the windows can have
//!   changed (see [`maintenance`]), and `GET /change_events` since the cursor, which not every
//!   account has.
//!
//! The code follows the same split: [`api`] (paging and windows), [`incidents`],
//! [`log_entries`], [`maintenance`] (maintenance windows and change events).

mod api;
mod incidents;
mod log_entries;
mod maintenance;

use crate::{Context, Fetched, Result, Source, connect};
use api::{Api, Window};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use incidents::RawService;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use unsung_core::Service;

pub struct PagerDuty;

pub const API: &str = "https://api.pagerduty.com";

/// Asks for REST API v2 answers explicitly, as PagerDuty documents.
const ACCEPT: &str = "application/vnd.pagerduty+json;version=2";
/// A resync reads again from a little before the last one ended, so an incident the API
/// indexed late is not missed; ids are stable, so reading one twice changes nothing.
const RESYNC_OVERLAP: Duration = Duration::minutes(10);
/// Services change rarely; their list is read again once a day.
const SERVICES_REFRESH: Duration = Duration::days(1);
/// Bumped when the cursor's meaning changes; an older cursor means a first sync again.
const CURSOR_VERSION: u32 = 1;

#[async_trait]
impl Source for PagerDuty {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let api = Api::new(cx)?;
        let page = api
            .get(
                &["services"],
                &[("limit", "1".into()), ("total", "true".into())],
            )
            .await?;
        let (_, _, total) = api.page::<RawService>(page, "services")?;
        Ok(match total {
            Some(1) => "Connected to PagerDuty: 1 service".to_string(),
            Some(count) => format!("Connected to PagerDuty: {count} services"),
            None => "Connected to PagerDuty".to_string(),
        })
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        Sync::new(Api::new(cx)?).run().await
    }
}

/// What the next sync needs to read only what is new, besides the span read (in
/// [`connect::Cursor`]: `from` is the earliest incident creation time read so far, so a longer
/// history setting reads the missing part once, and incidents and change events created before
/// `through` were read).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    services_at: DateTime<Utc>,
    /// When maintenance windows were last listed (absent in older cursors: list them).
    #[serde(default)]
    maintenance_at: Option<DateTime<Utc>>,
    /// When a window of that listing begins or goes on changing (one that had not begun, or
    /// had not ended), so the next sync lists them again from then on.
    #[serde(default)]
    maintenance_due: Option<DateTime<Utc>>,
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn push_unique(into: &mut Vec<String>, names: impl IntoIterator<Item = String>) {
    for name in names {
        if !into.contains(&name) {
            into.push(name);
        }
    }
}

/// One fetch: what it read so far and what it will hand back.
struct Sync<'c, 'a> {
    api: Api<'c, 'a>,
    state: connect::Progress<Kept>,
    /// Services the store or this sync already has, so references add only new ones.
    service_ids: HashSet<String>,
}

impl<'c, 'a> Sync<'c, 'a> {
    fn new(api: Api<'c, 'a>) -> Sync<'c, 'a> {
        let cx = api.cx;
        Sync {
            state: connect::Progress::start(cx, CURSOR_VERSION, "PagerDuty"),
            service_ids: cx.known.services.iter().map(|s| s.id.clone()).collect(),
            api,
        }
    }

    async fn run(mut self) -> Result<Fetched> {
        let cx = self.api.cx;
        let history_start = cx.history_start();
        let mut ranges = Vec::new();
        let (from, services_due) = match &self.state.cursor {
            None => {
                ranges.push(Window {
                    since: history_start,
                    until: cx.now,
                });
                (history_start, true)
            }
            Some(cursor) => {
                // A longer history setting than last time: read the part not read yet, once.
                if history_start < cursor.from {
                    ranges.push(Window {
                        since: history_start,
                        until: cursor.from,
                    });
                }
                ranges.push(Window {
                    since: cursor.through - RESYNC_OVERLAP,
                    until: cx.now,
                });
                (
                    history_start.min(cursor.from),
                    cx.now - cursor.kept.services_at >= SERVICES_REFRESH,
                )
            }
        };
        ranges.retain(|range| range.since < range.until);

        let services_at = if services_due {
            self.services().await?;
            cx.now
        } else {
            self.state
                .cursor
                .as_ref()
                .map_or(cx.now, |c| c.kept.services_at)
        };
        self.incidents(&ranges).await?;
        let (maintenance_at, maintenance_due) = if self.maintenance_due() {
            (Some(cx.now), self.maintenance().await?)
        } else {
            let cursor = self.state.cursor.as_ref();
            (
                cursor.and_then(|c| c.kept.maintenance_at),
                cursor.and_then(|c| c.kept.maintenance_due),
            )
        };
        self.changes(&ranges).await?;

        let kept = Kept {
            services_at,
            maintenance_at,
            maintenance_due,
        };
        self.state
            .fetched
            .data
            .changes
            .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        self.state.finish(CURSOR_VERSION, from, cx.now, kept);
        cx.report(format!(
            "{} incidents, {} maintenance windows, {} changes",
            self.state.fetched.data.incidents.len(),
            self.state.fetched.coverage.len(),
            self.state.fetched.data.changes.len()
        ));
        Ok(self.state.fetched)
    }

    async fn services(&mut self) -> Result<()> {
        self.api.cx.report("services");
        let services: Vec<RawService> = self.api.list_all(&["services"], "services", &[]).await?;
        for raw in services {
            let name = raw.name.or(raw.summary).unwrap_or_default();
            self.add_service(&raw.id, &name);
        }
        Ok(())
    }

    fn add_service(&mut self, external_id: &str, name: &str) {
        let cx = self.api.cx;
        let id = cx.id(external_id);
        self.service_ids.insert(id.clone());
        let service = Service {
            id,
            source: cx.name.to_string(),
            external_id: external_id.to_string(),
            name: crate::text::title(name, external_id),
            friendly_name: None,
        };
        match self
            .state
            .fetched
            .data
            .services
            .iter_mut()
            .find(|s| s.id == service.id)
        {
            Some(old) => *old = service,
            None => self.state.fetched.data.services.push(service),
        }
    }
}

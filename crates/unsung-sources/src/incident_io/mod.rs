//! incident.io (API v2): where teams that declare incidents in Slack keep them, read with a
//! read-only API key and mapped into the core model.
//!
//! What it reads, and why it reads no more:
//! - `GET /v2/incidents`, 250 at a time, paged by the `after` cursor: on a first sync those
//!   created within the history; on a resync only those *updated* since the day before the last
//!   sync (`updated_at[gte]`, which the API takes as a date). Any change to an incident (its
//!   status, a timestamp, a role) moves `updated_at`, so open incidents need no reading of
//!   their own, and an unchanged resync is one request;
//! - `GET /v1/severities` when an incident carries a severity this source has not seen (so on a
//!   first sync, and again only when the organisation adds one): their ranks say which count
//!   as major;
//! - `GET /v2/incident_updates?incident_id=…` only for an incident first seen resolved with no
//!   "Resolved at"-like timestamp set: the update that moved it into a post-incident or
//!   closed status says when it was resolved;
//! - `GET /v2/follow_ups`, the organisation's list in one request, only when an incident was
//!   first seen resolved or has just left its post-incident ("learning") status: its
//!   follow-ups are what got better.
//!
//! The code follows the same split: this file (the API, paging and the cursor) and
//! [`incidents`] (what each incident means).

mod incidents;

use crate::connect::Endpoint;
use crate::{Context, Fetched, Result, Source, SourceError, connect};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use incidents::RawIncident;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// The public API, when no address is given.
pub const API: &str = "https://api.incident.io";

pub struct IncidentIo;

/// The largest page the API serves.
const PAGE_SIZE: u32 = 250;
/// A resync asks for incidents updated since the day before the last sync: the filter takes a
/// date, and a day's overlap covers any doubt about whose midnight it means.
const RESYNC_OVERLAP: Duration = Duration::days(1);
/// Bumped when the cursor's meaning changes; an older cursor means a first sync again.
const CURSOR_VERSION: u32 = 1;
/// A listing that never ends (a server repeating its `after`) stops here.
const MAX_PAGES: usize = 10_000;

#[async_trait]
impl Source for IncidentIo {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let api = Api::new(cx)?;
        let page: Page = api
            .get(&["v2", "incidents"], &[("page_size", "1".into())])
            .await?;
        let count = page.pagination_meta.and_then(|m| m.total_record_count);
        Ok(connect::connected(
            "incident.io",
            count,
            "incident",
            "incidents",
        ))
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        Sync::new(Api::new(cx)?).run().await
    }
}

/// One page of `/v2/incidents` (or `/v2/incident_updates`), each record kept as JSON so one
/// unreadable record is set aside rather than failing the sync.
#[derive(Debug, Deserialize)]
struct Page {
    #[serde(default, alias = "incident_updates")]
    incidents: Option<Vec<Value>>,
    #[serde(default)]
    pagination_meta: Option<PaginationMeta>,
}

#[derive(Debug, Deserialize)]
struct PaginationMeta {
    #[serde(default)]
    after: Option<String>,
    #[serde(default)]
    total_record_count: Option<u64>,
}

/// The API as this key sees it.
pub(super) struct Api<'c, 'a> {
    pub(super) cx: &'c Context<'a>,
    /// Signed `Bearer …`.
    endpoint: Endpoint,
}

impl<'c, 'a> Api<'c, 'a> {
    fn new(cx: &'c Context<'a>) -> Result<Api<'c, 'a>> {
        let endpoint = Endpoint::signed(cx, "incident.io", "a read-only API key", API, "Bearer ")?;
        Ok(Api { cx, endpoint })
    }

    async fn get<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &[(&str, String)],
    ) -> Result<T> {
        let url = self.endpoint.url(segments);
        self.endpoint.get_json(self.cx.http, &url, query).await
    }

    pub(super) fn bad(&self, what: impl std::fmt::Display) -> SourceError {
        self.endpoint.bad(what)
    }

    /// Every record of a list paged by `after`, read as `T`; records that cannot be read are
    /// logged and left out.
    async fn list_all<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        key: &str,
        filter: &[(&str, String)],
    ) -> Result<Vec<T>> {
        let mut records = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut query = vec![("page_size", PAGE_SIZE.to_string())];
            query.extend(filter.iter().cloned());
            if let Some(after) = &after {
                query.push(("after", after.clone()));
            }
            let page: Page = self.get(segments, &query).await?;
            let items = page
                .incidents
                .ok_or_else(|| self.bad(format!("no \"{key}\" list")))?;
            let count = items.len();
            for item in items {
                match serde_json::from_value::<T>(item) {
                    Ok(record) => records.push(record),
                    Err(e) => tracing::warn!("incident.io {key} record left out: {e}"),
                }
            }
            let next = page
                .pagination_meta
                .and_then(|meta| meta.after)
                .filter(|next| !next.is_empty());
            // The last page may still carry an `after`; an empty page, or the same cursor
            // again, ends the list too.
            match next {
                Some(next) if count > 0 && after.as_ref() != Some(&next) => after = Some(next),
                _ => return Ok(records),
            }
        }
        Err(self.bad(format!("the {key} list never ended")))
    }
}

/// What the next sync needs to read only what is new, besides the span read (in
/// [`connect::Cursor`]: `from` is the earliest creation time read so far, so a longer history
/// setting reads the missing part once, and changes up to `through` were read).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    /// The severities read so far, by id, and the lowest rank that counts as major.
    #[serde(default)]
    severities: BTreeSet<String>,
    #[serde(default)]
    major_rank: Option<i64>,
    /// Incidents last seen in a post-incident ("learning") status: their follow-ups are read
    /// again when they close.
    #[serde(default)]
    learning: BTreeSet<String>,
}

/// One fetch: what it read so far and what it will hand back.
struct Sync<'c, 'a> {
    api: Api<'c, 'a>,
    state: connect::Progress<Kept>,
}

impl<'c, 'a> Sync<'c, 'a> {
    fn new(api: Api<'c, 'a>) -> Sync<'c, 'a> {
        Sync {
            state: connect::Progress::start(api.cx, CURSOR_VERSION, "incident.io"),
            api,
        }
    }

    async fn run(mut self) -> Result<Fetched> {
        let cx = self.api.cx;
        let history_start = cx.history_start();
        let day = |at: DateTime<Utc>| at.date_naive().format("%Y-%m-%d").to_string();
        let mut listings = Vec::new();
        let from = match &self.state.cursor {
            None => {
                listings.push(vec![("created_at[gte]", day(history_start))]);
                history_start
            }
            Some(cursor) => {
                // A longer history setting than last time: read the part not read yet, once.
                if history_start.date_naive() < cursor.from.date_naive() {
                    listings.push(vec![(
                        "created_at[date_range]",
                        format!("{}~{}", day(history_start), day(cursor.from)),
                    )]);
                }
                listings.push(vec![(
                    "updated_at[gte]",
                    day(cursor.through - RESYNC_OVERLAP),
                )]);
                history_start.min(cursor.from)
            }
        };
        let mut raws: Vec<RawIncident> = Vec::new();
        for filter in &listings {
            cx.report(format!("incidents ({} {})", filter[0].0, filter[0].1));
            for raw in self
                .api
                .list_all::<RawIncident>(&["v2", "incidents"], "incidents", filter)
                .await?
            {
                // Listings may overlap; the later answer stands.
                raws.retain(|old| old.id != raw.id);
                raws.push(raw);
            }
        }

        let (severities, major_rank) = self.severities(&raws).await?;
        let learning = self.add_incidents(&raws, major_rank).await?;

        let kept = Kept {
            severities,
            major_rank,
            learning,
        };
        self.state.finish(CURSOR_VERSION, from, cx.now, kept);
        cx.report(format!(
            "{} incidents",
            self.state.fetched.data.incidents.len()
        ));
        Ok(self.state.fetched)
    }

    /// The severities known, and the lowest rank counted as major: read again only when an
    /// incident carries a severity not seen before.
    async fn severities(&self, raws: &[RawIncident]) -> Result<(BTreeSet<String>, Option<i64>)> {
        let (known, rank) = match &self.state.cursor {
            Some(cursor) => (cursor.kept.severities.clone(), cursor.kept.major_rank),
            None => (BTreeSet::new(), None),
        };
        let unseen = raws
            .iter()
            .filter_map(RawIncident::severity_id)
            .any(|id| !known.contains(id));
        if self.state.cursor.is_some() && !unseen {
            return Ok((known, rank));
        }
        self.api.cx.report("severities");
        let list: Severities = self.api.get(&["v1", "severities"], &[]).await?;
        let ids = list.severities.iter().map(|s| s.id.clone()).collect();
        Ok((ids, incidents::major_rank(&list.severities)))
    }
}

#[derive(Debug, Deserialize)]
struct Severities {
    severities: Vec<incidents::Severity>,
}

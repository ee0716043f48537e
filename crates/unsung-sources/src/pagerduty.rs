//! PagerDuty (REST API v2): where most teams' incidents, responders and maintenance windows
//! already live, read with a read-only token and mapped into the core model.
//!
//! What it reads, and why it reads no more:
//! - `GET /services` on a first sync and then once a day (a service first seen in an incident
//!   in between is named from that incident's reference, which costs nothing);
//! - `GET /incidents` in windows of at most [`MAX_WINDOW`] (the API refuses longer ranges),
//!   halved again whenever `total` shows paging would pass the 10 000 offset cap; a resync
//!   asks only for incidents created since the cursor (with a small overlap);
//! - `GET /incidents/{id}/log_entries` and `/notes` once per incident, when it is first seen
//!   resolved (who resolved it, when it was acknowledged, what people wrote); merged incidents
//!   are skipped, as they are left out of every figure;
//! - `GET /incidents/{id}` for each incident the store still holds open;
//! - `GET /maintenance_windows` (the API has no time filter, so one listing per sync) and
//!   `GET /change_events` since the cursor, which not every account has.

use crate::http::{Auth, host_of};
use crate::{Context, Coverage, Fetched, Result, Source, SourceError, SourceErrorKind, text, time};
use async_trait::async_trait;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use unsung_core::{Change, Disposition, Incident, Interval, Service, Severity, Status};

pub struct PagerDuty;

pub const API: &str = "https://api.pagerduty.com";

/// Asks for REST API v2 answers explicitly, as PagerDuty documents.
const ACCEPT: &str = "application/vnd.pagerduty+json;version=2";
/// The largest page classic pagination serves.
const PAGE_SIZE: u64 = 100;
/// PagerDuty refuses `offset + limit` above this (HTTP 400, code 2002).
const OFFSET_CAP: u64 = 10_000;
/// The API refuses `since`/`until` ranges longer than six months; 180 days stays inside that
/// whatever the months' lengths.
const MAX_WINDOW: Duration = Duration::days(180);
/// A window this short that still holds more than the offset cap cannot be split usefully.
const MIN_WINDOW: Duration = Duration::minutes(1);
/// A resync reads again from a little before the last one ended, so an incident the API
/// indexed late is not missed; ids are stable, so reading one twice changes nothing.
const RESYNC_OVERLAP: Duration = Duration::minutes(10);
/// Services change rarely; their list is read again once a day.
const SERVICES_REFRESH: Duration = Duration::days(1);
/// Notes are for a story, not an archive.
const MAX_NOTE_CHARS: usize = 1_000;
const MAX_NAME_CHARS: usize = 100;
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

/// What the next sync needs to read only what is new.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cursor {
    version: u32,
    /// The earliest incident creation time read so far: a longer history setting reads the
    /// missing part once.
    from: DateTime<Utc>,
    /// Incidents and change events created before this were read.
    through: DateTime<Utc>,
    services_at: DateTime<Utc>,
}

impl Cursor {
    fn read(value: &Value) -> Option<Cursor> {
        if value.is_null() {
            return None;
        }
        match serde_json::from_value::<Cursor>(value.clone()) {
            Ok(cursor) if cursor.version == CURSOR_VERSION => Some(cursor),
            _ => {
                tracing::warn!("PagerDuty cursor not understood; reading the whole history again");
                None
            }
        }
    }
}

/// The API as this token sees it: one place that adds the headers and reads pages.
struct Api<'c, 'a> {
    cx: &'c Context<'a>,
    base: url::Url,
    host: String,
    /// `Token token=…`: a secret, so this type has no `Debug`.
    authorization: String,
}

impl<'c, 'a> Api<'c, 'a> {
    fn new(cx: &'c Context<'a>) -> Result<Api<'c, 'a>> {
        let token = cx.token.map(str::trim).unwrap_or_default();
        if token.is_empty() {
            return Err(SourceError::invalid(
                "PagerDuty needs a read-only API token. Set one with --token-env VAR or in \
                 Settings → Sources, then sync again.",
            ));
        }
        // A token that cannot be sent as a header would fail later with a less useful message.
        if token.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(SourceError::invalid(
                "The PagerDuty token contains spaces or line breaks. Copy it again from \
                 PagerDuty and set it with --token-env VAR or in Settings → Sources.",
            ));
        }
        let address = cx.config.base_url();
        let base = url::Url::parse(&address)
            .ok()
            .filter(|url| !url.cannot_be_a_base())
            .ok_or_else(|| {
                SourceError::invalid(format!(
                    "\"{}\" is not a web address; leave the address empty for {API}",
                    text::shorten(&address, 80)
                ))
            })?;
        Ok(Api {
            cx,
            host: host_of(base.as_str()),
            base,
            authorization: format!("Token token={token}"),
        })
    }

    /// The address of `segments` under the base, each segment escaped (ids come from outside).
    fn url(&self, segments: &[&str]) -> String {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url.to_string()
    }

    async fn get(&self, segments: &[&str], query: &[(&str, String)]) -> Result<Value> {
        self.cx
            .http
            .get_json(
                &self.url(segments),
                query,
                Auth::Header("Authorization", &self.authorization),
                &[("Accept", ACCEPT)],
            )
            .await
    }

    fn bad(&self, what: impl std::fmt::Display) -> SourceError {
        SourceError::bad_response(&self.host, what)
    }

    /// The `key` list of a classic page, with its `more` flag and `total` (when asked for).
    fn page<T: DeserializeOwned>(
        &self,
        mut body: Value,
        key: &str,
    ) -> Result<(Vec<T>, bool, Option<u64>)> {
        let more = body.get("more").and_then(Value::as_bool).unwrap_or(false);
        let total = body.get("total").and_then(Value::as_u64);
        let items = body
            .get_mut(key)
            .filter(|items| items.is_array())
            .map(Value::take)
            .ok_or_else(|| self.bad(format!("no \"{key}\" list")))?;
        let items = serde_json::from_value(items)
            .map_err(|e| self.bad(format!("{key}: {}", text::shorten(&e.to_string(), 100))))?;
        Ok((items, more, total))
    }

    /// Every item of a classic-paged list that has no time filter.
    async fn list_all<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        key: &str,
        extra: &[(&str, String)],
    ) -> Result<Vec<T>> {
        let mut items = Vec::new();
        let mut offset = 0;
        loop {
            let mut query = vec![
                ("limit", PAGE_SIZE.to_string()),
                ("offset", offset.to_string()),
            ];
            query.extend(extra.iter().cloned());
            let (page, more, _) = self.page::<T>(self.get(segments, &query).await?, key)?;
            items.extend(page);
            offset += PAGE_SIZE;
            // Past the cap the API answers 400; what was read is all it will give this way.
            if !more || offset + PAGE_SIZE > OFFSET_CAP {
                return Ok(items);
            }
        }
    }

    /// Every item created within `ranges`, read in windows short enough for the API and
    /// halved whenever one window holds more than paging can reach.
    async fn list_windowed<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        what: &str,
        ranges: &[Window],
        extra: &[(&str, String)],
    ) -> Result<Vec<T>> {
        // A stack, latest window at the bottom, so windows are read oldest first.
        let mut todo: Vec<Window> = ranges
            .iter()
            .flat_map(|range| range.chunks(MAX_WINDOW))
            .collect();
        todo.reverse();
        let mut items = Vec::new();
        while let Some(window) = todo.pop() {
            self.cx
                .report(format!("{what} from {}", window.since.date_naive()));
            match self.read_window::<T>(path, key, window, extra).await? {
                Some(found) => items.extend(found),
                None if window.length() <= MIN_WINDOW => {
                    return Err(self.bad(format!(
                        "more than {OFFSET_CAP} {what} within one minute of {}",
                        window.since.to_rfc3339_opts(SecondsFormat::Secs, true)
                    )));
                }
                None => {
                    let (first, second) = window.halves();
                    todo.push(second);
                    todo.push(first);
                }
            }
        }
        Ok(items)
    }

    /// One window's items, or `None` when they are more than paging can reach.
    async fn read_window<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        window: Window,
        extra: &[(&str, String)],
    ) -> Result<Option<Vec<T>>> {
        let mut items = Vec::new();
        let mut offset = 0;
        loop {
            let mut query = vec![
                ("since", utc_text(window.since)),
                ("until", utc_text(window.until)),
                // Without it `since`/`until` are read in the account's time zone.
                ("time_zone", "UTC".to_string()),
                ("limit", PAGE_SIZE.to_string()),
                ("offset", offset.to_string()),
            ];
            if offset == 0 {
                // Counting is costly for PagerDuty, so only the first page asks.
                query.push(("total", "true".to_string()));
            }
            query.extend(extra.iter().cloned());
            let (page, more, total) = self.page::<T>(self.get(&[path], &query).await?, key)?;
            if offset == 0 && total.is_some_and(|total| total > OFFSET_CAP) {
                return Ok(None);
            }
            items.extend(page);
            if !more {
                return Ok(Some(items));
            }
            offset += PAGE_SIZE;
            // `total` may be missing; the cap is then found by paging up to it.
            if offset + PAGE_SIZE > OFFSET_CAP {
                return Ok(None);
            }
        }
    }
}

/// A span of creation times, `until` exclusive.
#[derive(Debug, Clone, Copy)]
struct Window {
    since: DateTime<Utc>,
    until: DateTime<Utc>,
}

impl Window {
    fn length(self) -> Duration {
        self.until - self.since
    }

    fn chunks(self, longest: Duration) -> Vec<Window> {
        let mut chunks = Vec::new();
        let mut since = self.since;
        while since < self.until {
            let until = (since + longest).min(self.until);
            chunks.push(Window { since, until });
            since = until;
        }
        chunks
    }

    fn halves(self) -> (Window, Window) {
        let middle = self.since + self.length() / 2;
        (
            Window {
                since: self.since,
                until: middle,
            },
            Window {
                since: middle,
                until: self.until,
            },
        )
    }
}

fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A `null` list is an empty one (PagerDuty sends either).
fn list_or_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A reference to a user, service, priority…: PagerDuty names it in `summary`.
#[derive(Debug, Clone, Default, Deserialize)]
struct Reference {
    #[serde(default)]
    id: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    summary: Option<String>,
}

impl Reference {
    /// A person's name, or `None` for a service, an integration, a bot or an event rule:
    /// those resolve incidents automatically and are nobody to thank.
    fn person(&self) -> Option<String> {
        let is_user = matches!(self.kind.as_deref(), None | Some("user" | "user_reference"));
        let name = text::shorten(&text::clean(self.summary.as_deref()?), MAX_NAME_CHARS);
        (is_user && !name.is_empty()).then_some(name)
    }
}

#[derive(Debug, Deserialize)]
struct RawService {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    summary: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RawIncident {
    id: String,
    created_at: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    incident_number: Option<u64>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    resolved_at: Option<String>,
    #[serde(default)]
    last_status_change_at: Option<String>,
    #[serde(default)]
    last_status_change_by: Option<Reference>,
    #[serde(default)]
    html_url: Option<String>,
    #[serde(default)]
    service: Option<Reference>,
    #[serde(default)]
    priority: Option<Reference>,
    #[serde(default)]
    urgency: Option<String>,
    #[serde(default, deserialize_with = "list_or_null")]
    assignments: Vec<Assignment>,
    #[serde(default, deserialize_with = "list_or_null")]
    acknowledgements: Vec<Acknowledgement>,
    #[serde(default)]
    resolve_reason: Option<ResolveReason>,
}

#[derive(Debug, Deserialize)]
struct Assignment {
    #[serde(default)]
    assignee: Option<Reference>,
}

#[derive(Debug, Deserialize)]
struct Acknowledgement {
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    acknowledger: Option<Reference>,
}

#[derive(Debug, Deserialize)]
struct ResolveReason {
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct LogEntry {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    agent: Option<Reference>,
}

#[derive(Debug, Deserialize)]
struct Note {
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct MaintenanceWindow {
    id: String,
    start_time: String,
    end_time: String,
    #[serde(default, deserialize_with = "list_or_null")]
    services: Vec<Reference>,
}

#[derive(Debug, Deserialize)]
struct ChangeEvent {
    id: String,
    timestamp: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default, deserialize_with = "list_or_null")]
    services: Vec<Reference>,
}

/// What only an incident's log and notes tell (or the store, once they were read).
#[derive(Debug, Clone, Default)]
struct Details {
    acknowledged_at: Option<DateTime<Utc>>,
    resolved_by: Option<String>,
    responders: Vec<String>,
    notes: Vec<String>,
}

impl Details {
    fn from_known(incident: &Incident) -> Details {
        Details {
            acknowledged_at: incident.acknowledged_at,
            resolved_by: incident.resolved_by.clone(),
            responders: incident.responders.clone(),
            notes: incident.notes.clone(),
        }
    }
}

/// The times an incident cannot be told without; a record lacking a readable one is set
/// aside (and logged) rather than failing the whole sync.
struct IncidentTimes {
    opened_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
}

impl RawIncident {
    fn times(&self) -> Option<IncidentTimes> {
        let Some(opened_at) = time::parse(&self.created_at) else {
            tracing::warn!(incident = %self.id, "PagerDuty incident skipped: unreadable created_at");
            return None;
        };
        let resolved = self.resolved_at.is_some() || self.status.as_deref() == Some("resolved");
        let resolved_at = if resolved {
            // Older answers have no `resolved_at`; the last status change is the resolution.
            let text = self
                .resolved_at
                .as_deref()
                .or(self.last_status_change_at.as_deref());
            match text.and_then(time::parse) {
                Some(at) => Some(at),
                None => {
                    tracing::warn!(incident = %self.id, "PagerDuty incident skipped: unreadable resolved_at");
                    return None;
                }
            }
        } else {
            None
        };
        Some(IncidentTimes {
            opened_at,
            resolved_at,
        })
    }

    fn is_merged(&self) -> bool {
        self.resolve_reason
            .as_ref()
            .and_then(|reason| reason.kind.as_deref())
            == Some("merge_resolve_reason")
    }

    /// `title` is what people typed; `summary` repeats it behind a "[#1234] " prefix.
    fn title(&self) -> String {
        let fallback = match self.incident_number {
            Some(number) => format!("Incident #{number}"),
            None => "Untitled incident".to_string(),
        };
        match (&self.title, &self.summary) {
            (Some(title), _) if !text::clean(title).is_empty() => text::title(title, &fallback),
            (_, Some(summary)) => text::title(strip_number_prefix(summary), &fallback),
            _ => fallback,
        }
    }

    /// Major for the top priority; without priorities, for high urgency.
    ///
    /// PagerDuty's default priorities are P1 (highest) to P5, and teams that renamed them
    /// mostly use SEV0/SEV1. An account without priorities sets importance only through
    /// urgency: high urgency is what pages someone at night and escalates, low urgency waits
    /// for office hours. So a priority, when set, decides; urgency decides only without one.
    fn severity(&self) -> Severity {
        if let Some(priority) = self.priority.as_ref().and_then(|p| p.summary.as_deref()) {
            let name: String = priority
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            return if matches!(name.as_str(), "p0" | "p1" | "sev0" | "sev1") {
                Severity::Major
            } else {
                Severity::Minor
            };
        }
        if self.urgency.as_deref() == Some("high") {
            Severity::Major
        } else {
            Severity::Minor
        }
    }

    /// Who the body names as working on it: assignees and acknowledgers (both are emptied
    /// once the incident is resolved; the log tells them then).
    fn named_responders(&self) -> Vec<String> {
        let assignees = self.assignments.iter().filter_map(|a| a.assignee.as_ref());
        let acknowledgers = self
            .acknowledgements
            .iter()
            .filter_map(|a| a.acknowledger.as_ref());
        let mut names = Vec::new();
        push_unique(
            &mut names,
            assignees.chain(acknowledgers).filter_map(Reference::person),
        );
        names
    }

    fn first_acknowledged(&self) -> Option<DateTime<Utc>> {
        self.acknowledgements
            .iter()
            .filter_map(|a| a.at.as_deref())
            .filter_map(|at| {
                let parsed = time::parse(at);
                if parsed.is_none() {
                    tracing::warn!(incident = %self.id, "PagerDuty acknowledgement time unreadable; ignored");
                }
                parsed
            })
            .min()
    }
}

/// "[#1234] The server is on fire." → "The server is on fire."
fn strip_number_prefix(summary: &str) -> &str {
    let trimmed = summary.trim_start();
    if let Some(rest) = trimmed.strip_prefix("[#")
        && let Some(end) = rest.find(']')
        && end > 0
        && rest[..end].bytes().all(|b| b.is_ascii_digit())
    {
        return rest[end + 1..].trim_start();
    }
    trimmed
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
    cursor: Option<Cursor>,
    /// The store's incidents of this source, by id.
    known: HashMap<String, Incident>,
    /// Services the store or this sync already has, so references add only new ones.
    service_ids: HashSet<String>,
    fetched: Fetched,
}

impl<'c, 'a> Sync<'c, 'a> {
    fn new(api: Api<'c, 'a>) -> Sync<'c, 'a> {
        let cx = api.cx;
        Sync {
            cursor: Cursor::read(cx.cursor),
            known: cx
                .known
                .incidents
                .iter()
                .map(|incident| (incident.id.clone(), incident.clone()))
                .collect(),
            service_ids: cx.known.services.iter().map(|s| s.id.clone()).collect(),
            fetched: Fetched::default(),
            api,
        }
    }

    async fn run(mut self) -> Result<Fetched> {
        let cx = self.api.cx;
        let history_start = cx.history_start();
        let mut ranges = Vec::new();
        let (from, services_due) = match &self.cursor {
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
                    cx.now - cursor.services_at >= SERVICES_REFRESH,
                )
            }
        };
        ranges.retain(|range| range.since < range.until);

        let services_at = if services_due {
            self.services().await?;
            cx.now
        } else {
            self.cursor.as_ref().map_or(cx.now, |c| c.services_at)
        };
        let seen = self.incidents(&ranges).await?;
        self.open_incidents(&seen).await?;
        self.maintenance().await?;
        self.changes(&ranges).await?;

        let through = self
            .cursor
            .as_ref()
            .map_or(cx.now, |c| c.through.max(cx.now));
        let data = &mut self.fetched.data;
        data.incidents
            .sort_by(|a, b| (a.opened_at, &a.id).cmp(&(b.opened_at, &b.id)));
        data.changes
            .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        let mut people = Vec::new();
        for incident in &data.incidents {
            push_unique(&mut people, incident.resolved_by.iter().cloned());
            push_unique(&mut people, incident.responders.iter().cloned());
        }
        data.people = people;
        self.fetched.cursor = serde_json::to_value(Cursor {
            version: CURSOR_VERSION,
            from,
            through,
            services_at,
        })
        .unwrap_or(Value::Null);
        cx.report(format!(
            "{} incidents, {} maintenance windows, {} changes",
            self.fetched.data.incidents.len(),
            self.fetched.coverage.len(),
            self.fetched.data.changes.len()
        ));
        Ok(self.fetched)
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
            name: text::title(name, external_id),
            friendly_name: None,
        };
        match self
            .fetched
            .data
            .services
            .iter_mut()
            .find(|s| s.id == service.id)
        {
            Some(old) => *old = service,
            None => self.fetched.data.services.push(service),
        }
    }

    /// The store's id for a referenced service, adding the service if nobody has it yet.
    fn service_of(&mut self, reference: Option<&Reference>) -> Option<String> {
        let reference = reference?;
        let external_id = reference.id.as_deref().filter(|id| !id.is_empty())?;
        let id = self.api.cx.id(external_id);
        if !self.service_ids.contains(&id) {
            let name = reference.summary.clone().unwrap_or_default();
            self.add_service(external_id, &name);
        }
        Some(id)
    }

    /// Incidents created within `ranges`; returns the ids it read, so open ones among them
    /// are not asked for again.
    async fn incidents(&mut self, ranges: &[Window]) -> Result<HashSet<String>> {
        let sort = [("sort_by", "created_at:asc".to_string())];
        let raws: Vec<RawIncident> = self
            .api
            .list_windowed("incidents", "incidents", "incidents", ranges, &sort)
            .await?;
        // Windows touch at their edges; the same incident may come twice.
        let mut seen = HashSet::new();
        let mut unique = Vec::new();
        for raw in raws.into_iter().rev() {
            if seen.insert(raw.id.clone()) {
                unique.push(raw);
            }
        }
        unique.reverse();
        let needing_details = unique.iter().filter(|raw| self.needs_details(raw)).count();
        if needing_details > 0 {
            self.api.cx.report(format!(
                "who resolved {needing_details} incidents, and their notes"
            ));
        }
        for raw in &unique {
            self.add_incident(raw).await?;
        }
        Ok(seen)
    }

    /// Incidents the store holds open and this sync did not read again.
    async fn open_incidents(&mut self, seen: &HashSet<String>) -> Result<()> {
        let mut open: Vec<String> = self
            .known
            .values()
            .filter(|incident| {
                incident.resolved_at.is_none() && !seen.contains(&incident.external_id)
            })
            .map(|incident| incident.external_id.clone())
            .collect();
        open.sort();
        if open.is_empty() {
            return Ok(());
        }
        self.api.cx.report(format!("{} open incidents", open.len()));
        for external_id in open {
            let body = match self.api.get(&["incidents", &external_id], &[]).await {
                Ok(body) => body,
                // Gone from PagerDuty (or no longer visible to this token): keep what is stored.
                Err(error) if error.kind == SourceErrorKind::NotFound => {
                    tracing::warn!(incident = %external_id, "open PagerDuty incident no longer found; kept as stored");
                    continue;
                }
                Err(error) => return Err(error),
            };
            let raw: RawIncident = body
                .get("incident")
                .filter(|incident| incident.is_object())
                .cloned()
                .ok_or_else(|| self.api.bad("no \"incident\" in the answer"))
                .and_then(|incident| {
                    serde_json::from_value(incident).map_err(|e| {
                        self.api
                            .bad(format!("incident: {}", text::shorten(&e.to_string(), 100)))
                    })
                })?;
            self.add_incident(&raw).await?;
        }
        Ok(())
    }

    /// Log entries and notes are read once, when an incident is first seen resolved; merged
    /// incidents do not count, so they are not worth the requests.
    fn needs_details(&self, raw: &RawIncident) -> bool {
        let resolved = raw.resolved_at.is_some() || raw.status.as_deref() == Some("resolved");
        let known_resolved = self
            .known
            .get(&self.api.cx.id(&raw.id))
            .is_some_and(|incident| incident.resolved_at.is_some());
        resolved && !known_resolved && !raw.is_merged()
    }

    async fn add_incident(&mut self, raw: &RawIncident) -> Result<()> {
        let Some(times) = raw.times() else {
            return Ok(());
        };
        let cx = self.api.cx;
        let id = cx.id(&raw.id);
        let mut details = match self.known.get(&id) {
            Some(known) => Details::from_known(known),
            None => Details::default(),
        };
        if times.resolved_at.is_some() && self.needs_details(raw) {
            let read = self.details(raw).await?;
            details.acknowledged_at = earliest(details.acknowledged_at, read.acknowledged_at);
            details.resolved_by = read.resolved_by.or(details.resolved_by);
            push_unique(&mut details.responders, read.responders);
            details.notes = read.notes;
        }
        let mut responders = raw.named_responders();
        push_unique(&mut responders, details.responders);
        let service_id = self.service_of(raw.service.as_ref());
        let incident = Incident {
            id,
            source: cx.name.to_string(),
            external_id: raw.id.clone(),
            service_id,
            title: raw.title(),
            severity: raw.severity(),
            opened_at: times.opened_at,
            acknowledged_at: earliest(raw.first_acknowledged(), details.acknowledged_at),
            resolved_at: times.resolved_at,
            resolved_by: details.resolved_by,
            responders,
            notes: details.notes,
            disposition: if raw.is_merged() {
                Disposition::Merged
            } else {
                Disposition::Counted
            },
            link: raw
                .html_url
                .as_deref()
                .map(str::trim)
                .filter(|url| url.starts_with("http"))
                .map(str::to_string),
        };
        let incidents = &mut self.fetched.data.incidents;
        match incidents.iter_mut().find(|old| old.id == incident.id) {
            Some(old) => *old = incident,
            None => incidents.push(incident),
        }
        Ok(())
    }

    /// Who resolved a resolved incident, who acknowledged it and when, and its notes.
    async fn details(&self, raw: &RawIncident) -> Result<Details> {
        let overview = [
            ("is_overview", "true".to_string()),
            ("time_zone", "UTC".to_string()),
        ];
        let entries: Vec<LogEntry> = self
            .api
            .list_all(
                &["incidents", &raw.id, "log_entries"],
                "log_entries",
                &overview,
            )
            .await?;
        let mut entries: Vec<(DateTime<Utc>, LogEntry)> = entries
            .into_iter()
            .filter_map(|entry| Some((entry.created_at.as_deref().and_then(time::parse)?, entry)))
            .collect();
        entries.sort_by_key(|(at, _)| *at);
        let mut details = Details::default();
        for (at, entry) in &entries {
            let person = entry.agent.as_ref().and_then(Reference::person);
            match entry.kind.as_deref() {
                Some("acknowledge_log_entry") => {
                    details.acknowledged_at = earliest(details.acknowledged_at, Some(*at));
                    push_unique(&mut details.responders, person);
                }
                Some("resolve_log_entry") => {
                    // The last resolution is the one that stands; an automatic one (a
                    // service, an integration) names nobody.
                    details.resolved_by = person.clone();
                    push_unique(&mut details.responders, person);
                }
                _ => {}
            }
        }
        let resolve_logged = entries
            .iter()
            .any(|(_, entry)| entry.kind.as_deref() == Some("resolve_log_entry"));
        if !resolve_logged {
            // The log may be cut by paging; the incident's last status change was the resolve.
            details.resolved_by = raw
                .last_status_change_by
                .as_ref()
                .and_then(Reference::person);
            push_unique(&mut details.responders, details.resolved_by.clone());
        }

        let body = self.api.get(&["incidents", &raw.id, "notes"], &[]).await?;
        let (notes, _, _) = self.api.page::<Note>(body, "notes")?;
        let mut dated: Vec<(DateTime<Utc>, String)> = notes
            .into_iter()
            .filter_map(|note| {
                let Some(at) = note.created_at.as_deref().and_then(time::parse) else {
                    tracing::warn!(incident = %raw.id, "PagerDuty note skipped: unreadable created_at");
                    return None;
                };
                let content = text::shorten(&text::clean(note.content.as_deref()?), MAX_NOTE_CHARS);
                (!content.is_empty()).then_some((at, content))
            })
            .collect();
        dated.sort_by_key(|(at, _)| *at);
        details.notes = dated.into_iter().map(|(_, content)| content).collect();
        Ok(details)
    }

    /// Maintenance windows that have begun, each as a maintenance interval on every service
    /// it lists, with coverage for exactly that span so a resync replaces it.
    async fn maintenance(&mut self) -> Result<()> {
        let cx = self.api.cx;
        cx.report("maintenance windows");
        let query = [
            ("filter", "all".to_string()),
            ("time_zone", "UTC".to_string()),
        ];
        let windows: Vec<MaintenanceWindow> = self
            .api
            .list_all(&["maintenance_windows"], "maintenance_windows", &query)
            .await?;
        let history_start = cx.history_start();
        for window in windows {
            let (Some(start), Some(end)) = (
                time::parse(&window.start_time),
                time::parse(&window.end_time),
            ) else {
                tracing::warn!(window = %window.id, "PagerDuty maintenance window skipped: unreadable time");
                continue;
            };
            // An ongoing window is kept up to now; the next sync extends it.
            let end = end.min(cx.now);
            if start >= end || end <= history_start {
                continue;
            }
            for service in &window.services {
                let Some(service_id) = self.service_of(Some(service)) else {
                    continue;
                };
                self.fetched.data.intervals.push(Interval {
                    service_id: service_id.clone(),
                    start,
                    end,
                    status: Status::Maintenance,
                });
                self.fetched.coverage.push(Coverage {
                    service_id,
                    start,
                    end,
                });
            }
        }
        Ok(())
    }

    /// Change events ("updates shipped"), which some accounts do not have: a refusal or a
    /// missing endpoint there skips them rather than failing the sync.
    async fn changes(&mut self, ranges: &[Window]) -> Result<()> {
        let events: Vec<ChangeEvent> = match self
            .api
            .list_windowed(
                "change_events",
                "change_events",
                "change events",
                ranges,
                &[],
            )
            .await
        {
            Ok(events) => events,
            Err(error)
                if matches!(
                    error.kind,
                    SourceErrorKind::Unauthorized
                        | SourceErrorKind::NotFound
                        | SourceErrorKind::Invalid
                ) =>
            {
                tracing::debug!("PagerDuty change events not available: {}", error.message);
                return Ok(());
            }
            Err(error) => return Err(error),
        };
        let cx = self.api.cx;
        let mut seen = HashSet::new();
        for event in events {
            if !seen.insert(event.id.clone()) {
                continue;
            }
            let Some(at) = time::parse(&event.timestamp) else {
                tracing::warn!(change = %event.id, "PagerDuty change event skipped: unreadable timestamp");
                continue;
            };
            let summary = text::title(
                event.summary.as_deref().unwrap_or_default(),
                "Update shipped",
            );
            // One change per service it touched; the first keeps the event's own id.
            let services: Vec<Option<String>> = if event.services.is_empty() {
                vec![None]
            } else {
                event
                    .services
                    .iter()
                    .map(|s| self.service_of(Some(s)))
                    .collect()
            };
            for (index, service_id) in services.into_iter().enumerate() {
                let id = match (index, &service_id) {
                    (0, _) | (_, None) => cx.id(&event.id),
                    (_, Some(service_id)) => format!("{}@{service_id}", cx.id(&event.id)),
                };
                self.fetched.data.changes.push(Change {
                    id,
                    source: cx.name.to_string(),
                    service_id,
                    at,
                    summary: summary.clone(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_number_prefix_is_dropped() {
        assert_eq!(
            strip_number_prefix("[#1234] The server is on fire."),
            "The server is on fire."
        );
        assert_eq!(strip_number_prefix("[#] kept"), "[#] kept");
        assert_eq!(strip_number_prefix("[#12a] kept"), "[#12a] kept");
        assert_eq!(strip_number_prefix("No prefix"), "No prefix");
    }

    #[test]
    fn windows_are_chunked_and_halved_without_gaps() {
        let since = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let window = Window {
            since,
            until: since + Duration::days(365),
        };
        let chunks = window.chunks(MAX_WINDOW);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].since, since);
        assert_eq!(chunks[2].until, window.until);
        assert!(chunks.windows(2).all(|pair| pair[0].until == pair[1].since));
        let (first, second) = chunks[0].halves();
        assert_eq!(
            (first.since, first.until, second.until),
            (since, second.since, chunks[0].until)
        );
    }
}

//! Better Stack Uptime (`Bearer` team token): monitors become services, incidents keep who
//! resolved them and their cause, and availability comes from each monitor's SLA summary
//! (`/api/v2/monitors/{id}/sla`, a percent and down seconds per range of days).
//!
//! What it reads, and why no more:
//! - `GET /api/v2/monitors` every sync, followed by `pagination.next` (names, creation,
//!   paused, maintenance windows change);
//! - `GET /api/v3/incidents` (v2 where v3 is not routed) from the history's start on a first
//!   sync, then only from the last sync's day; `GET /api/v3/incidents/{id}` for each incident
//!   the store still holds open;
//! - the SLA summaries of the days not yet final: the whole history on a first sync, then
//!   only from the last sync's day (see [`availability`] for how ranges are split and where
//!   down seconds are placed).
//!
//! Paused time is neither up nor down (no data); maintenance windows are planned time.
//! Unconfirmed and validating incidents are not outages yet and are left out until Better
//! Stack confirms them.

mod api;
mod availability;

use crate::{Context, Coverage, Fetched, Result, Source, text, time};
use api::{Api, Monitor, RawIncident, Resource};
use async_trait::async_trait;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unsung_core::{Dataset, Disposition, Incident, Service, Severity};

/// The public API, when no address is given.
pub const API: &str = "https://uptime.betterstack.com";

pub struct BetterStack;

/// Bumped when the cursor's meaning changes; an older cursor means a first sync again.
const CURSOR_VERSION: u32 = 1;
/// The longest name of a person kept from `resolved_by`.
const MAX_NAME_CHARS: usize = 100;

/// What the next sync needs to read only what is not final yet.
#[derive(Debug, Serialize, Deserialize)]
struct Cursor {
    version: u32,
    /// The earliest day read: a longer history setting reads everything again once.
    from: NaiveDate,
    /// Incidents started before this day were read.
    incidents_since: NaiveDate,
    /// Per monitor, the first day whose summary was not final when read.
    open_days: BTreeMap<String, NaiveDate>,
}

impl Cursor {
    fn read(value: &serde_json::Value, history: NaiveDate) -> Option<Cursor> {
        let cursor: Cursor = serde_json::from_value(value.clone()).ok()?;
        (cursor.version == CURSOR_VERSION && cursor.from <= history).then_some(cursor)
    }
}

#[async_trait]
impl Source for BetterStack {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let api = Api::new(cx)?;
        let monitors = api.list::<Monitor>(&["api", "v2", "monitors"], &[]).await?;
        Ok(match monitors.len() {
            1 => "Connected to Better Stack Uptime: 1 monitor".to_string(),
            n => format!("Connected to Better Stack Uptime: {n} monitors"),
        })
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        let api = Api::new(cx)?;
        let today = cx.now.date_naive();
        let history = cx.history_start().date_naive();
        let cursor = Cursor::read(cx.cursor, history);

        cx.report("monitors");
        let monitors = api.list::<Monitor>(&["api", "v2", "monitors"], &[]).await?;
        let monitors: Vec<(String, Monitor)> = monitors
            .into_iter()
            .filter_map(|m| Some((m.id()?, m.attributes)))
            .collect();
        let services: Vec<Service> = monitors
            .iter()
            .map(|(id, m)| Service {
                id: cx.id(id),
                source: cx.name.to_string(),
                external_id: id.clone(),
                name: text::title(
                    m.pronounceable_name
                        .as_deref()
                        .or(m.url.as_deref())
                        .unwrap_or(""),
                    &format!("Monitor {id}"),
                ),
                friendly_name: None,
            })
            .collect();

        // A monitor the cursor has not seen needs its whole history, incidents included.
        let since = match &cursor {
            Some(c) if monitors.iter().all(|(id, _)| c.open_days.contains_key(id)) => {
                c.incidents_since
            }
            _ => history,
        };
        cx.report(format!("incidents from {since}"));
        let query = [
            ("from", since.format("%Y-%m-%d").to_string()),
            ("to", today.format("%Y-%m-%d").to_string()),
        ];
        let mut raw = api.incidents(&query).await?;
        let mut read: Vec<String> = raw.iter().filter_map(Resource::id).collect();
        for open in cx
            .known
            .incidents
            .iter()
            .filter(|i| i.resolved_at.is_none())
        {
            if !read.contains(&open.external_id) {
                read.push(open.external_id.clone());
                raw.extend(api.incident(&open.external_id).await?);
            }
        }
        let incidents: Vec<Incident> = raw.iter().filter_map(|r| map_incident(cx, r)).collect();

        // Each monitor's outages, as this sync and the store know them, place its downtime.
        let mut outages: BTreeMap<&str, Vec<availability::Span>> = BTreeMap::new();
        let fetched_ids: Vec<&str> = incidents.iter().map(|i| i.id.as_str()).collect();
        let stored = cx
            .known
            .incidents
            .iter()
            .filter(|i| !fetched_ids.contains(&i.id.as_str()));
        for incident in incidents.iter().chain(stored) {
            if let Some(service) = incident.service_id.as_deref() {
                let end = incident.resolved_at.unwrap_or(cx.now);
                outages
                    .entry(service)
                    .or_default()
                    .push((incident.opened_at, end));
            }
        }

        let mut intervals = Vec::new();
        let mut coverage = Vec::new();
        let mut open_days = BTreeMap::new();
        for ((id, monitor), service) in monitors.iter().zip(&services) {
            open_days.insert(id.clone(), today);
            let first = cursor
                .as_ref()
                .and_then(|c| c.open_days.get(id).copied())
                .unwrap_or(history)
                .max(history);
            let Some(measured) = measured(cx, monitor, first) else {
                continue;
            };
            cx.report(format!("availability of {} from {first}", service.name));
            let planned = match (&monitor.maintenance_from, &monitor.maintenance_to) {
                (Some(from), Some(to)) => availability::maintenance_windows(
                    (from, to),
                    monitor.maintenance_timezone.as_deref(),
                    monitor.maintenance_days.as_deref(),
                    measured,
                ),
                _ => Vec::new(),
            };
            let facts = availability::Monitor {
                id,
                service_id: &service.id,
                measured,
                outages: outages.remove(service.id.as_str()).unwrap_or_default(),
                maintenance: planned,
            };
            let days = (measured.0.date_naive(), today);
            intervals.extend(availability::read(&api, &facts, days).await?);
            coverage.push(Coverage {
                service_id: service.id.clone(),
                start: measured.0,
                end: measured.1,
            });
        }

        let mut people: Vec<String> = Vec::new();
        for name in incidents.iter().filter_map(|i| i.resolved_by.clone()) {
            if !people.contains(&name) {
                people.push(name);
            }
        }
        let next = Cursor {
            version: CURSOR_VERSION,
            from: cursor.as_ref().map_or(history, |c| c.from.min(history)),
            incidents_since: today,
            open_days,
        };
        Ok(Fetched {
            data: Dataset {
                services,
                intervals: crate::merge::tidy(intervals),
                incidents,
                people,
                ..Dataset::default()
            },
            coverage,
            cursor: serde_json::to_value(next).unwrap_or_default(),
        })
    }
}

/// The span this sync measures a monitor over: from `first` (or its creation) to now, or to
/// when it was paused; `None` when nothing of it is left.
fn measured(cx: &Context<'_>, monitor: &Monitor, first: NaiveDate) -> Option<availability::Span> {
    let mut start = availability::day_start(first);
    if let Some(created) = monitor.created_at.as_deref().and_then(time::parse) {
        start = start.max(created);
    }
    let paused = monitor.status.as_deref() == Some("paused");
    let end = match monitor.paused_at.as_deref().and_then(time::parse) {
        Some(at) if paused => at.min(cx.now),
        _ => cx.now,
    };
    (end > start).then_some((start, end))
}

fn map_incident(cx: &Context<'_>, raw: &Resource<RawIncident>) -> Option<Incident> {
    let id = raw.id()?;
    let incident = &raw.attributes;
    let status = incident.status.as_deref().unwrap_or("").to_lowercase();
    if matches!(status.as_str(), "unconfirmed" | "validating") {
        return None;
    }
    let opened = incident.started_at.as_deref().and_then(time::parse);
    let resolved = incident.resolved_at.as_deref().map(time::parse);
    let (Some(opened), None | Some(Some(_))) = (opened, resolved) else {
        tracing::warn!(id, "incident with unreadable times left out");
        return None;
    };
    let resolved = resolved.flatten();
    if resolved.is_some_and(|end| end < opened) || opened > cx.now + Duration::minutes(5) {
        tracing::warn!(
            id,
            "incident resolved before it began, or in the future, left out"
        );
        return None;
    }
    let title = text::title(incident.name.as_deref().unwrap_or(""), "A monitor was down");
    let cause = text::shorten(&text::clean(incident.cause.as_deref().unwrap_or("")), 1000);
    let person = |name: &Option<String>| {
        let name = text::shorten(&text::clean(name.as_deref()?), MAX_NAME_CHARS);
        (!name.is_empty()).then_some(name)
    };
    let service_id = raw
        .relationships
        .as_ref()
        .and_then(|r| r.monitor_id())
        .map(|m| cx.id(&m));
    Some(Incident {
        id: cx.id(&id),
        source: cx.name.to_string(),
        external_id: id,
        service_id,
        kind: cx.problem_kind(&title),
        title,
        severity: Severity::Major,
        opened_at: opened,
        acknowledged_at: incident
            .acknowledged_at
            .as_deref()
            .and_then(time::parse)
            .filter(|at| *at >= opened),
        resolved_at: resolved,
        resolved_by: person(&incident.resolved_by).filter(|_| resolved.is_some()),
        responders: Vec::new(),
        notes: if cause.is_empty() {
            Vec::new()
        } else {
            vec![cause]
        },
        disposition: Disposition::Counted,
        link: None,
        source_explanation: None,
        explanation: None,
    })
}

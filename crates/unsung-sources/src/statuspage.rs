//! Atlassian Statuspage's public API v2, for any status page: components become services,
//! incidents keep their updates as notes, scheduled maintenances are planned time, and each
//! component's availability follows from the incidents that touched it.
//!
//! The page serves only its 50 most recent incidents and maintenances, with no paging, so
//! older history lives in the local store. `summary.json` carries the page's `updated_at`:
//! when it has not moved since the last sync and no incident is still open, one request is
//! the whole sync.

use crate::http::{Auth, host_of};
use crate::{Context, Coverage, Fetched, Result, Source, text, time};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use unsung_core::{
    Dataset, Disposition, Incident, IncidentKind, Interval, Service, Severity, Status,
};

pub struct Statuspage;

/// The page serves this many incidents at most: with fewer, its whole history is there.
const SERVED_AT_MOST: usize = 50;

#[derive(Debug, Deserialize)]
struct Summary {
    page: Page,
    components: Vec<Component>,
}

#[derive(Debug, Deserialize)]
struct Page {
    name: String,
    updated_at: String,
}

#[derive(Debug, Deserialize)]
struct Component {
    id: String,
    name: String,
    #[serde(default)]
    group: bool,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Incidents {
    incidents: Vec<PageIncident>,
}

#[derive(Debug, Deserialize)]
struct PageIncident {
    id: String,
    name: Option<String>,
    impact: Option<String>,
    created_at: String,
    started_at: Option<String>,
    resolved_at: Option<String>,
    shortlink: Option<String>,
    #[serde(default)]
    incident_updates: Vec<Update>,
    #[serde(default)]
    components: Vec<ComponentRef>,
    /// What the team wrote afterwards, when it published a postmortem.
    #[serde(default)]
    postmortem_body: Option<String>,
    /// When the postmortem was published: a time (the spec says a boolean); `null` or `false`
    /// for a draft.
    #[serde(default = "not_said")]
    postmortem_published_at: serde_json::Value,
}

/// A field the page did not send at all (as opposed to `null`).
fn not_said() -> serde_json::Value {
    serde_json::Value::String(String::new())
}

#[derive(Debug, Deserialize)]
struct Update {
    /// investigating, identified, monitoring, resolved, postmortem…
    #[serde(default)]
    status: Option<String>,
    body: Option<String>,
    display_at: Option<String>,
    created_at: Option<String>,
    #[serde(default)]
    affected_components: Option<Vec<Affected>>,
}

#[derive(Debug, Deserialize)]
struct Affected {
    code: String,
    new_status: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ComponentRef {
    id: String,
}

#[derive(Debug, Deserialize)]
struct Maintenances {
    scheduled_maintenances: Vec<Maintenance>,
}

#[derive(Debug, Deserialize)]
struct Maintenance {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    shortlink: Option<String>,
    status: Option<String>,
    scheduled_for: Option<String>,
    scheduled_until: Option<String>,
    started_at: Option<String>,
    resolved_at: Option<String>,
    #[serde(default)]
    components: Vec<ComponentRef>,
}

/// What the last sync saw of the page.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    page_updated_at: Option<String>,
}

#[async_trait]
impl Source for Statuspage {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let summary = summary(cx).await?;
        Ok(format!(
            "Connected to the status page \"{}\": {} components",
            text::shorten(&text::clean(&summary.page.name), 60),
            summary.components.iter().filter(|c| !c.group).count()
        ))
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        cx.report("the status page");
        let summary = summary(cx).await?;
        let cursor: Cursor = serde_json::from_value(cx.cursor.clone()).unwrap_or_default();
        let unchanged = cursor.page_updated_at.as_deref() == Some(&summary.page.updated_at);
        let still_open = cx.known.incidents.iter().any(|i| i.resolved_at.is_none());
        let next = serde_json::to_value(Cursor {
            page_updated_at: Some(summary.page.updated_at.clone()),
        })
        .unwrap_or_default();
        if unchanged && !still_open {
            return Ok(Fetched {
                cursor: next,
                ..Fetched::default()
            });
        }

        let host = host_of(&cx.config.base_url());
        let services: Vec<Service> = summary
            .components
            .iter()
            .filter(|c| !c.group)
            .map(|c| Service {
                id: cx.id(&c.id),
                source: cx.name.to_string(),
                external_id: c.id.clone(),
                name: text::title(&c.name, &c.id),
                friendly_name: None,
            })
            .collect();

        cx.report("incidents");
        let served: Incidents = get(cx, "incidents.json").await?;
        let mut incidents = Vec::new();
        let mut outages = Vec::new();
        for incident in &served.incidents {
            match map_incident(cx, incident) {
                Some((mapped, hit)) => {
                    incidents.push(mapped);
                    outages.extend(hit);
                }
                None => {
                    tracing::warn!(%host, id = %incident.id, "incident with unreadable times left out")
                }
            }
        }

        let mut maintenance = Vec::new();
        let mut planned_work = Vec::new();
        if unchanged {
            // Only the open incidents are being checked again: the page's maintenances have
            // not changed, so the ones already stored stand.
            maintenance.extend(
                cx.known
                    .intervals
                    .iter()
                    .filter(|i| i.status == Status::Maintenance)
                    .cloned(),
            );
        } else {
            cx.report("scheduled maintenance");
            let planned: Maintenances = get(cx, "scheduled-maintenances.json").await?;
            for window in &planned.scheduled_maintenances {
                if let Some((record, planned)) = map_maintenance(cx, window) {
                    planned_work.push(record);
                    maintenance.extend(planned);
                }
            }
        }

        // With all of the page's incidents served, its history reaches back as far as the
        // sync looks; with the page's limit reached, only back to the oldest one served.
        let oldest_served = incidents.iter().map(|i| i.opened_at).min();
        let start = match oldest_served {
            Some(oldest) if served.incidents.len() >= SERVED_AT_MOST => oldest,
            _ => cx.history_start(),
        };
        let mut intervals = Vec::new();
        let mut coverage = Vec::new();
        for component in summary.components.iter().filter(|c| !c.group) {
            let id = cx.id(&component.id);
            let since = component
                .created_at
                .as_deref()
                .and_then(time::parse)
                .map_or(start, |created| created.max(start));
            if since >= cx.now {
                continue;
            }
            coverage.push(Coverage {
                service_id: id.clone(),
                start: since,
                end: cx.now,
            });
            let mut troubles: Vec<Interval> = outages
                .iter()
                .chain(maintenance.iter())
                .filter(|o| o.service_id == id)
                .map(|o| Interval {
                    start: o.start.max(since),
                    end: o.end.min(cx.now),
                    ..o.clone()
                })
                .filter(|o| o.end > o.start)
                .collect();
            troubles.sort_by_key(|t| t.start);
            let mut at = since;
            for trouble in troubles {
                if trouble.start > at {
                    intervals.push(up(&id, at, trouble.start));
                }
                at = at.max(trouble.end);
                if trouble.end > trouble.start {
                    intervals.push(trouble);
                }
            }
            if at < cx.now {
                intervals.push(up(&id, at, cx.now));
            }
        }

        incidents.extend(planned_work);
        Ok(Fetched {
            data: Dataset {
                services,
                intervals: crate::merge::tidy(intervals),
                incidents,
                ..Dataset::default()
            },
            coverage,
            cursor: next,
        })
    }
}

fn up(service_id: &str, start: DateTime<Utc>, end: DateTime<Utc>) -> Interval {
    Interval {
        service_id: service_id.to_string(),
        start,
        end,
        status: Status::Up,
    }
}

async fn summary(cx: &Context<'_>) -> Result<Summary> {
    get(cx, "summary.json").await
}

async fn get<T: serde::de::DeserializeOwned>(cx: &Context<'_>, path: &str) -> Result<T> {
    let url = format!("{}/api/v2/{path}", api_root(&cx.config.base_url()));
    cx.http.get_json(&url, &[], Auth::None, &[]).await
}

/// A page's address as people type it (`https://www.githubstatus.com`, or with `/api/v2`).
fn api_root(base: &str) -> &str {
    base.trim_end_matches('/')
        .trim_end_matches("/api/v2")
        .trim_end_matches('/')
}

/// The incident, and the stretches of down or slow time it put on each component it touched.
fn map_incident(cx: &Context<'_>, incident: &PageIncident) -> Option<(Incident, Vec<Interval>)> {
    let opened = incident
        .started_at
        .as_deref()
        .and_then(time::parse)
        .or_else(|| time::parse(&incident.created_at))?;
    let resolved = incident.resolved_at.as_deref().and_then(time::parse);
    if incident.resolved_at.is_some() && resolved.is_none() {
        return None;
    }
    let impact = incident.impact.as_deref().unwrap_or("none");
    let mut touched: Vec<String> = incident.components.iter().map(|c| c.id.clone()).collect();
    for update in &incident.incident_updates {
        for affected in update.affected_components.iter().flatten() {
            let hurt = affected
                .new_status
                .as_deref()
                .is_some_and(|s| s != "operational" && !s.is_empty());
            if hurt && !touched.contains(&affected.code) {
                touched.push(affected.code.clone());
            }
        }
    }
    let mut updates: Vec<(DateTime<Utc>, String)> = incident
        .incident_updates
        .iter()
        .filter_map(|u| {
            let at = u
                .display_at
                .as_deref()
                .or(u.created_at.as_deref())
                .and_then(time::parse)?;
            let body = text::shorten(&text::clean(u.body.as_deref().unwrap_or("")), 1000);
            (!body.is_empty()).then_some((at, body))
        })
        .collect();
    updates.sort_by_key(|(at, _)| *at);
    let state = match impact {
        "critical" | "major" => Some(Status::Down),
        "minor" => Some(Status::Degraded),
        _ => None,
    };
    let end = resolved.unwrap_or(cx.now);
    let hit = match state {
        Some(status) if end > opened => touched
            .iter()
            .map(|component| Interval {
                service_id: cx.id(component),
                start: opened,
                end,
                status,
            })
            .collect(),
        _ => Vec::new(),
    };
    let mapped = Incident {
        id: cx.id(&incident.id),
        source: cx.name.to_string(),
        external_id: incident.id.clone(),
        service_id: touched.first().map(|c| cx.id(c)),
        title: text::title(incident.name.as_deref().unwrap_or(""), "A problem"),
        severity: if state == Some(Status::Down) {
            Severity::Major
        } else {
            Severity::Minor
        },
        opened_at: opened,
        acknowledged_at: None,
        resolved_at: resolved,
        resolved_by: None,
        responders: Vec::new(),
        notes: updates.into_iter().map(|(_, body)| body).collect(),
        disposition: Disposition::Counted,
        link: incident
            .shortlink
            .clone()
            .filter(|l| l.starts_with("https://")),
        kind: IncidentKind::Problem,
        source_explanation: what_changed(incident),
        explanation: None,
    };
    Some((mapped, hit))
}

/// What the team said it changed: the published postmortem, else the update that resolved it.
fn what_changed(incident: &PageIncident) -> Option<String> {
    let published = !matches!(
        incident.postmortem_published_at,
        serde_json::Value::Null | serde_json::Value::Bool(false)
    );
    let postmortem = incident
        .postmortem_body
        .as_deref()
        .filter(|_| published)
        .and_then(text::explanation);
    postmortem.or_else(|| {
        incident
            .incident_updates
            .iter()
            .filter(|u| u.status.as_deref() == Some("resolved"))
            .filter_map(|u| {
                let at = u.display_at.as_deref().or(u.created_at.as_deref());
                Some((
                    at.and_then(time::parse),
                    text::explanation(u.body.as_deref()?)?,
                ))
            })
            .max_by_key(|(at, _)| *at)
            .map(|(_, body)| body)
    })
}

/// A maintenance that has begun: its record (planned work, told as a quiet win and never
/// counted: a drill when its name says so), and planned time on each component it names.
fn map_maintenance(cx: &Context<'_>, window: &Maintenance) -> Option<(Incident, Vec<Interval>)> {
    if window.status.as_deref() == Some("scheduled") {
        return None;
    }
    let start = window
        .started_at
        .as_deref()
        .or(window.scheduled_for.as_deref())
        .and_then(time::parse);
    let end = window
        .resolved_at
        .as_deref()
        .or(window.scheduled_until.as_deref())
        .and_then(time::parse);
    let (Some(start), Some(end)) = (start, end) else {
        return None;
    };
    let end = end.min(cx.now);
    if end <= start {
        return None;
    }
    let planned = window
        .components
        .iter()
        .map(|c| Interval {
            service_id: cx.id(&c.id),
            start,
            end,
            status: Status::Maintenance,
        })
        .collect();
    let span = (start, end);
    let service_id = window.components.first().map(|c| cx.id(&c.id));
    let name = window.name.as_deref().unwrap_or_default();
    let record = Incident {
        link: window
            .shortlink
            .clone()
            .filter(|l| l.starts_with("https://")),
        ..cx.planned_work(format!("maintenance/{}", window.id), name, span, service_id)
    };
    Some((record, planned))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_page_address_may_be_given_with_or_without_the_api_path() {
        for base in [
            "https://www.githubstatus.com",
            "https://www.githubstatus.com/",
            "https://www.githubstatus.com/api/v2",
        ] {
            assert_eq!(super::api_root(base), "https://www.githubstatus.com");
        }
    }
}

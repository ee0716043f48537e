//! An Uptime Kuma status page (`--url`, `--slug`), read through its public JSON: monitors
//! become services, heartbeats become availability, runs of "down" beats become incidents,
//! and the page's own incident notices (the older single `incident` and the newer
//! `incidents[]`) are kept too.
//!
//! Kuma serves only the last 100 beats of each monitor, so each sync extends the local
//! history: what the store already holds outside the beats served is kept. Heartbeat times
//! are UTC without a zone marker.

use crate::checks::{self, Check};
use crate::http::Auth;
use crate::{Context, Fetched, Result, Source, SourceError, text, time};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unsung_core::{Dataset, Disposition, Incident, IncidentKind, Service, Severity, Status};

pub struct UptimeKuma;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusPage {
    #[serde(default)]
    config: Option<PageConfig>,
    /// Up to Kuma 2.0: one notice or null.
    #[serde(default)]
    incident: Option<Notice>,
    /// From Kuma 2.1: the pinned notices.
    #[serde(default)]
    incidents: Option<Vec<Notice>>,
    public_group_list: Vec<Group>,
}

#[derive(Debug, Deserialize)]
struct PageConfig {
    title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    monitor_list: Vec<Monitor>,
}

#[derive(Debug, Deserialize)]
struct Monitor {
    id: i64,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Notice {
    id: serde_json::Value,
    title: Option<String>,
    content: Option<String>,
    style: Option<String>,
    created_date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Heartbeats {
    heartbeat_list: BTreeMap<String, Vec<Beat>>,
}

#[derive(Debug, Deserialize)]
struct Beat {
    status: i64,
    time: String,
}

/// The newest beat seen of each monitor.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    newest: BTreeMap<String, DateTime<Utc>>,
}

#[async_trait]
impl Source for UptimeKuma {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let page = status_page(cx).await?;
        let monitors: usize = page
            .public_group_list
            .iter()
            .map(|g| g.monitor_list.len())
            .sum();
        let title = page.config.and_then(|c| c.title).unwrap_or_default();
        Ok(format!(
            "Connected to the status page \"{}\": {monitors} monitors",
            text::shorten(&text::clean(&title), 60)
        ))
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        cx.report("heartbeats");
        let beats: Heartbeats =
            get(cx, &format!("api/status-page/heartbeat/{}", slug(cx)?)).await?;
        let cursor: Cursor = serde_json::from_value(cx.cursor.clone()).unwrap_or_default();
        let mut parsed: BTreeMap<String, Vec<Check>> = BTreeMap::new();
        for (monitor, list) in &beats.heartbeat_list {
            let times: Vec<Check> = list
                .iter()
                .filter_map(|beat| Some((time::parse(&beat.time)?, state(beat.status))))
                .collect();
            if times.len() < list.len() {
                tracing::warn!(monitor, "heartbeats with unreadable times left out");
            }
            parsed.insert(monitor.clone(), checks::in_order(times, cx.now));
        }
        let newest: BTreeMap<String, DateTime<Utc>> = parsed
            .iter()
            .filter_map(|(m, beats)| Some((m.clone(), beats.last()?.0)))
            .collect();
        let next = serde_json::to_value(Cursor {
            newest: newest.clone(),
        })
        .unwrap_or_default();
        let known_monitors: Vec<&str> = cx
            .known
            .services
            .iter()
            .map(|s| s.external_id.as_str())
            .collect();
        let same_monitors = parsed.keys().all(|m| known_monitors.contains(&m.as_str()));
        if same_monitors && !newest.is_empty() && newest == cursor.newest {
            return Ok(Fetched {
                cursor: next,
                ..Fetched::default()
            });
        }

        cx.report("monitors and notices");
        let page = status_page(cx).await?;
        let mut data = Dataset::default();
        for monitor in page.public_group_list.iter().flat_map(|g| &g.monitor_list) {
            let external = monitor.id.to_string();
            if data.services.iter().any(|s| s.external_id == external) {
                continue;
            }
            data.services.push(Service {
                id: cx.id(&external),
                source: cx.name.to_string(),
                external_id: external.clone(),
                name: text::title(&monitor.name, &format!("Monitor {external}")),
                friendly_name: None,
            });
        }

        let mut coverage = Vec::new();
        for (monitor, beats) in &parsed {
            let Some(service) = data.services.iter().find(|s| &s.external_id == monitor) else {
                continue;
            };
            let service = service.clone();
            checks::extend(cx, &service, beats, &mut data, &mut coverage);
        }
        data.incidents.extend(notices(cx, &page));
        Ok(Fetched {
            data,
            coverage,
            cursor: next,
        })
    }
}

fn slug(cx: &Context<'_>) -> Result<String> {
    let slug = cx
        .config
        .slug
        .as_deref()
        .unwrap_or("")
        .trim()
        .to_lowercase();
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(SourceError::invalid(
            "The Uptime Kuma slug is the status page's name in its address, such as \"team\" in \
             https://kuma.example.org/status/team",
        ));
    }
    Ok(slug)
}

async fn status_page(cx: &Context<'_>) -> Result<StatusPage> {
    get(cx, &format!("api/status-page/{}", slug(cx)?)).await
}

/// A beat's status: 0 down, 1 up, 3 maintenance; 2 (pending) is neither up nor down.
fn state(status: i64) -> Option<Status> {
    match status {
        0 => Some(Status::Down),
        1 => Some(Status::Up),
        3 => Some(Status::Maintenance),
        _ => None,
    }
}

async fn get<T: serde::de::DeserializeOwned>(cx: &Context<'_>, path: &str) -> Result<T> {
    let url = format!("{}/{path}", cx.config.base_url());
    cx.http.get_json(&url, &[], Auth::None, &[]).await
}

/// The page's pinned notices, as open incidents; a notice no longer pinned is over, so one
/// the store holds open is closed at this sync.
fn notices(cx: &Context<'_>, page: &StatusPage) -> Vec<Incident> {
    let pinned: Vec<&Notice> = page
        .incidents
        .iter()
        .flatten()
        .chain(page.incident.iter())
        .collect();
    let mut out: Vec<Incident> = pinned
        .iter()
        .filter_map(|notice| {
            let id = match &notice.id {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) => s.clone(),
                _ => return None,
            };
            let opened = notice.created_date.as_deref().and_then(time::parse)?;
            let external_id = format!("notice-{id}");
            let content =
                text::shorten(&text::clean(notice.content.as_deref().unwrap_or("")), 1000);
            Some(Incident {
                id: cx.id(&external_id),
                source: cx.name.to_string(),
                external_id,
                service_id: None,
                title: text::title(
                    notice.title.as_deref().unwrap_or(""),
                    "A notice on the status page",
                ),
                severity: if notice.style.as_deref() == Some("danger") {
                    Severity::Major
                } else {
                    Severity::Minor
                },
                opened_at: opened,
                acknowledged_at: None,
                resolved_at: None,
                resolved_by: None,
                responders: Vec::new(),
                notes: if content.is_empty() {
                    Vec::new()
                } else {
                    vec![content]
                },
                disposition: Disposition::Counted,
                link: None,
                kind: IncidentKind::Problem,
                source_explanation: None,
                explanation: None,
            })
        })
        .collect();
    for known in &cx.known.incidents {
        if known.external_id.starts_with("notice-")
            && known.resolved_at.is_none()
            && !out.iter().any(|n| n.id == known.id)
        {
            out.push(Incident {
                resolved_at: Some(cx.now.max(known.opened_at)),
                ..known.clone()
            });
        }
    }
    out
}

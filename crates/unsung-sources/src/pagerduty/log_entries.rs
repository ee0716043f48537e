//! Log entries: who resolved an incident, when it was first acknowledged, and the notes people
//! wrote, read from the account-wide `/log_entries` feed in one pass for every incident first
//! seen resolved in this sync.

use super::api::Window;
use super::incidents::{DetailsById, RawIncident, Reference};
use super::{Sync, earliest, push_unique};
use crate::{Result, text, time};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use unsung_core::Incident;

/// Notes are for a story, not an archive.
const MAX_NOTE_CHARS: usize = 1_000;

#[derive(Debug, Deserialize)]
struct LogEntry {
    #[serde(default)]
    id: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    agent: Option<Reference>,
    #[serde(default)]
    incident: Option<Reference>,
    /// For an `annotate_log_entry`, `summary` holds the note (with `include[]=channels`).
    #[serde(default)]
    channel: Option<Value>,
}

/// What only an incident's log tells (or the store, once it was read).
#[derive(Debug, Clone, Default)]
pub(super) struct Details {
    pub(super) acknowledged_at: Option<DateTime<Utc>>,
    pub(super) resolved_by: Option<String>,
    pub(super) responders: Vec<String>,
    pub(super) notes: Vec<String>,
}

impl Details {
    pub(super) fn from_known(incident: &Incident) -> Details {
        Details {
            acknowledged_at: incident.acknowledged_at,
            resolved_by: incident.resolved_by.clone(),
            responders: incident.responders.clone(),
            notes: incident.notes.clone(),
        }
    }

    /// One incident's details from its entries, oldest first.
    fn from_log(raw: &RawIncident, entries: &[(DateTime<Utc>, &LogEntry)]) -> Details {
        let mut details = Details::default();
        let mut resolve_logged = false;
        for (at, entry) in entries {
            let person = entry.agent.as_ref().and_then(Reference::person);
            match entry.kind.as_deref() {
                Some("acknowledge_log_entry") => {
                    details.acknowledged_at = earliest(details.acknowledged_at, Some(*at));
                    push_unique(&mut details.responders, person);
                }
                Some("resolve_log_entry") => {
                    // The last resolution is the one that stands; an automatic one (a
                    // service, an integration) names nobody.
                    resolve_logged = true;
                    details.resolved_by = person.clone();
                    push_unique(&mut details.responders, person);
                }
                Some("annotate_log_entry") => {
                    let note = entry
                        .channel
                        .as_ref()
                        .and_then(|channel| channel.get("summary"))
                        .and_then(Value::as_str)
                        .map(|note| text::shorten(&text::clean(note), MAX_NOTE_CHARS))
                        .filter(|note| !note.is_empty());
                    details.notes.extend(note);
                }
                _ => {}
            }
        }
        if !resolve_logged {
            // The feed may be cut by paging; the incident's last status change was the resolve.
            details.resolved_by = raw
                .last_status_change_by
                .as_ref()
                .and_then(Reference::person);
            push_unique(&mut details.responders, details.resolved_by.clone());
        }
        details
    }
}

impl Sync<'_, '_> {
    /// Who resolved each incident of `raws` first seen resolved, who acknowledged it and when,
    /// and its notes: one read of the account's log from the earliest such incident's
    /// creation (every entry of an incident comes after it) to now.
    pub(super) async fn details(&self, raws: &[RawIncident]) -> Result<DetailsById> {
        let wanted: Vec<(&RawIncident, DateTime<Utc>)> = raws
            .iter()
            .filter(|raw| self.needs_details(raw))
            .filter_map(|raw| Some((raw, time::parse(&raw.created_at)?)))
            .collect();
        let Some(since) = wanted.iter().map(|(_, opened)| *opened).min() else {
            return Ok(DetailsById::new());
        };
        let cx = self.api.cx;
        cx.report(format!(
            "who resolved {} incidents, and their notes",
            wanted.len()
        ));
        let query = [
            // Status changes and notes, not every notification sent.
            ("is_overview", "true".to_string()),
            // The channel in full: an annotation's channel carries the note.
            ("include[]", "channels".to_string()),
        ];
        let window = Window {
            since,
            until: cx.now,
        };
        let entries: Vec<LogEntry> = self
            .api
            .list_windowed(
                "log_entries",
                "log_entries",
                "log entries",
                &[window],
                &query,
            )
            .await?;
        let ids: HashSet<&str> = wanted.iter().map(|(raw, _)| raw.id.as_str()).collect();
        // Windows touch at their edges; an entry there may come twice.
        let mut seen = HashSet::new();
        let mut by_incident: HashMap<&str, Vec<(DateTime<Utc>, &LogEntry)>> = HashMap::new();
        for entry in &entries {
            let Some(incident) = entry.incident.as_ref().and_then(|i| i.id.as_deref()) else {
                continue;
            };
            if !ids.contains(incident) || entry.id.as_ref().is_some_and(|id| !seen.insert(id)) {
                continue;
            }
            let Some(at) = entry.created_at.as_deref().and_then(time::parse) else {
                tracing::warn!(
                    incident,
                    "PagerDuty log entry skipped: unreadable created_at"
                );
                continue;
            };
            by_incident.entry(incident).or_default().push((at, entry));
        }
        Ok(wanted
            .into_iter()
            .map(|(raw, _)| {
                let mut entries = by_incident.remove(raw.id.as_str()).unwrap_or_default();
                entries.sort_by_key(|(at, _)| *at);
                (raw.id.clone(), Details::from_log(raw, &entries))
            })
            .collect())
    }
}

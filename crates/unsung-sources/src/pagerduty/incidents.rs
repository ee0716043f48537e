//! Incidents: the records PagerDuty lists and answers one by one, how each maps into the core
//! model (title, severity, responders, merged or counted), and the references they carry.

use super::api::Window;
use super::log_entries::Details;
use super::{Sync, earliest, push_unique};
use crate::{Result, SourceErrorKind, text, time};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use std::collections::{HashMap, HashSet};
use unsung_core::{Disposition, Incident, Severity};

const MAX_NAME_CHARS: usize = 100;

/// A `null` list is an empty one (PagerDuty sends either).
pub(super) fn list_or_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A reference to a user, service, priority, incident…: PagerDuty names it in `summary`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(super) struct Reference {
    #[serde(default)]
    pub(super) id: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    pub(super) summary: Option<String>,
}

impl Reference {
    /// A person's name, or `None` for a service, an integration, a bot or an event rule:
    /// those resolve incidents automatically and are nobody to thank.
    pub(super) fn person(&self) -> Option<String> {
        let is_user = matches!(self.kind.as_deref(), None | Some("user" | "user_reference"));
        let name = text::shorten(&text::clean(self.summary.as_deref()?), MAX_NAME_CHARS);
        (is_user && !name.is_empty()).then_some(name)
    }
}

#[derive(Debug, Deserialize)]
pub(super) struct RawService {
    pub(super) id: String,
    #[serde(default)]
    pub(super) name: Option<String>,
    #[serde(default)]
    pub(super) summary: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(super) struct RawIncident {
    pub(super) id: String,
    pub(super) created_at: String,
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
    pub(super) last_status_change_by: Option<Reference>,
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
        let resolved_at = if self.is_resolved() {
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

    pub(super) fn is_resolved(&self) -> bool {
        self.resolved_at.is_some() || self.status.as_deref() == Some("resolved")
    }

    pub(super) fn is_merged(&self) -> bool {
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

impl Sync<'_, '_> {
    /// The store's id for a referenced service, adding the service if nobody has it yet.
    pub(super) fn service_of(&mut self, reference: Option<&Reference>) -> Option<String> {
        let reference = reference?;
        let external_id = reference.id.as_deref().filter(|id| !id.is_empty())?;
        let id = self.api.cx.id(external_id);
        if !self.service_ids.contains(&id) {
            let name = reference.summary.clone().unwrap_or_default();
            self.add_service(external_id, &name);
        }
        Some(id)
    }

    /// Incidents created within `ranges`, and those the store holds open, each with what the
    /// log tells of those first seen resolved.
    pub(super) async fn incidents(&mut self, ranges: &[Window]) -> Result<()> {
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
        unique.extend(self.open_incidents(&seen).await?);
        let details = self.details(&unique).await?;
        for raw in &unique {
            self.add_incident(raw, details.get(&raw.id));
        }
        Ok(())
    }

    /// Incidents the store holds open and this sync did not read again, as they are now.
    async fn open_incidents(&self, seen: &HashSet<String>) -> Result<Vec<RawIncident>> {
        let mut open: Vec<String> = self
            .state
            .known
            .values()
            .filter(|incident| {
                incident.resolved_at.is_none() && !seen.contains(&incident.external_id)
            })
            .map(|incident| incident.external_id.clone())
            .collect();
        open.sort();
        if !open.is_empty() {
            self.api.cx.report(format!("{} open incidents", open.len()));
        }
        let mut raws = Vec::new();
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
            raws.push(raw);
        }
        Ok(raws)
    }

    /// The log is read once for an incident, when it is first seen resolved; merged
    /// incidents do not count, so they are not worth reading it for.
    pub(super) fn needs_details(&self, raw: &RawIncident) -> bool {
        let known_resolved = self
            .state
            .known
            .get(&self.api.cx.id(&raw.id))
            .is_some_and(|incident| incident.resolved_at.is_some());
        raw.is_resolved() && !known_resolved && !raw.is_merged()
    }

    /// Adds (or replaces) one incident; `read` is what the log told, when it was read.
    fn add_incident(&mut self, raw: &RawIncident, read: Option<&Details>) {
        let Some(times) = raw.times() else {
            return;
        };
        let cx = self.api.cx;
        let id = cx.id(&raw.id);
        let mut details = match self.state.known.get(&id) {
            Some(known) => Details::from_known(known),
            None => Details::default(),
        };
        if let Some(read) = read.filter(|_| times.resolved_at.is_some()) {
            details.acknowledged_at = earliest(details.acknowledged_at, read.acknowledged_at);
            details.resolved_by = read.resolved_by.clone().or(details.resolved_by);
            push_unique(&mut details.responders, read.responders.iter().cloned());
            details.notes = read.notes.clone();
        }
        let mut responders = raw.named_responders();
        push_unique(&mut responders, details.responders);
        let service_id = self.service_of(raw.service.as_ref());
        let title = raw.title();
        // The latest note is where responders usually say what they changed.
        let source_explanation = details.notes.last().and_then(|n| text::explanation(n));
        let incident = Incident {
            id,
            source: cx.name.to_string(),
            external_id: raw.id.clone(),
            service_id,
            kind: cx.problem_kind(&title),
            title,
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
            source_explanation,
            explanation: None,
        };
        self.state.keep(incident);
    }
}

/// What the log told, by incident id.
pub(super) type DetailsById = HashMap<String, Details>;

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
}

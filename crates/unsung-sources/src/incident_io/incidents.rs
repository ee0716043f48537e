//! What one incident.io incident means: whether it counts (its status category and mode),
//! when it was opened and resolved (there is no `resolved_at`), how severe it was, who led
//! it, and what got better (its follow-ups and postmortem).

use super::Sync;
use crate::{Result, connect, text, time};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use std::collections::{BTreeSet, HashMap};
use unsung_core::{Disposition, Incident};

const MAX_NAME_CHARS: usize = 100;
/// Follow-ups are named, not archived: a few titles start a person's own words.
const MAX_FOLLOW_UPS: usize = 8;

/// A `null` list is an empty one.
fn list_or_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[derive(Debug, Deserialize)]
pub(super) struct RawIncident {
    pub(super) id: String,
    created_at: String,
    #[serde(default)]
    updated_at: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    reference: Option<String>,
    /// standard, retrospective, test or tutorial.
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    incident_status: Option<StatusRef>,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default, deserialize_with = "list_or_null")]
    incident_timestamp_values: Vec<TimestampValue>,
    #[serde(default, deserialize_with = "list_or_null")]
    incident_role_assignments: Vec<RoleAssignment>,
    #[serde(default)]
    permalink: Option<String>,
    #[serde(default)]
    postmortem_document_url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct StatusRef {
    /// triage, declined, merged, canceled, live, learning, closed or paused.
    #[serde(default)]
    category: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct Severity {
    #[serde(default)]
    pub(super) id: String,
    #[serde(default)]
    name: Option<String>,
    /// Higher is more severe.
    #[serde(default)]
    rank: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct TimestampValue {
    #[serde(default)]
    incident_timestamp: Option<Named>,
    /// `{"value": "…"}`, or `null` when the timestamp is not set.
    #[serde(default)]
    value: Option<TimestampInner>,
}

#[derive(Debug, Deserialize)]
struct Named {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct TimestampInner {
    #[serde(default)]
    value: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RoleAssignment {
    #[serde(default)]
    assignee: Option<Named>,
    #[serde(default)]
    role: Option<Role>,
}

#[derive(Debug, Deserialize)]
struct Role {
    /// lead, reporter or custom.
    #[serde(default)]
    role_type: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Update {
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    new_incident_status: Option<StatusRef>,
}

#[derive(Debug, Deserialize)]
struct FollowUps {
    #[serde(default, deserialize_with = "list_or_null")]
    follow_ups: Vec<FollowUp>,
}

#[derive(Debug, Deserialize)]
struct FollowUp {
    #[serde(default)]
    incident_id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    /// outstanding, completed, deleted or not_doing.
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

/// The lowest severity rank counted as major. A severity named "Major" sets it (so it and
/// anything above count); without one, with three or more severities the top two count (the
/// default Minor, Major, Critical), and with fewer only the top one.
pub(super) fn major_rank(severities: &[Severity]) -> Option<i64> {
    let named_major = severities
        .iter()
        .find(|s| {
            s.name
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case("major"))
        })
        .and_then(|s| s.rank);
    if named_major.is_some() {
        return named_major;
    }
    let mut ranks: Vec<i64> = severities.iter().filter_map(|s| s.rank).collect();
    ranks.sort_unstable();
    ranks.dedup();
    match ranks.len() {
        0 => None,
        1 | 2 => ranks.last().copied(),
        n => Some(ranks[n - 2]),
    }
}

/// What an incident's status says about whether it counts and whether it is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Open,
    /// Post-incident (learning) or closed: the problem is fixed.
    Resolved,
    /// Merged into another, declined or canceled: never an incident of its own.
    NotAnIncident(Disposition),
}

fn stage(category: Option<&str>) -> Stage {
    match category {
        Some("learning" | "closed") => Stage::Resolved,
        Some("merged") => Stage::NotAnIncident(Disposition::Merged),
        Some("declined" | "canceled") => Stage::NotAnIncident(Disposition::Declined),
        _ => Stage::Open,
    }
}

/// How a timestamp's name ranks as "when it was resolved" (lower is better); `None` if it
/// says something else. "Closed at" is not one: closing follows the postmortem, often weeks on.
fn resolution_rank(name: &str) -> Option<u8> {
    let name = name.trim().to_ascii_lowercase();
    ["resolved", "fixed", "mitigated"]
        .iter()
        .position(|word| name.starts_with(word))
        .map(|at| at as u8)
}

impl RawIncident {
    pub(super) fn severity_id(&self) -> Option<&str> {
        self.severity
            .as_ref()
            .map(|s| s.id.as_str())
            .filter(|id| !id.is_empty())
    }

    fn category(&self) -> Option<&str> {
        self.incident_status.as_ref()?.category.as_deref()
    }

    fn stage(&self) -> Stage {
        stage(self.category())
    }

    fn disposition(&self) -> Disposition {
        match (self.stage(), self.mode.as_deref()) {
            (Stage::NotAnIncident(disposition), _) => disposition,
            (_, Some("test" | "tutorial")) => Disposition::Test,
            _ => Disposition::Counted,
        }
    }

    /// The set timestamps whose name satisfies `wanted`, with the rank it gives.
    fn timestamps(&self, wanted: impl Fn(&str) -> Option<u8>) -> Option<DateTime<Utc>> {
        self.incident_timestamp_values
            .iter()
            .filter_map(|t| {
                let rank = wanted(t.incident_timestamp.as_ref()?.name.as_deref()?)?;
                let at = time::parse(t.value.as_ref()?.value.as_deref()?)?;
                Some((rank, at))
            })
            .min()
            .map(|(_, at)| at)
    }

    /// Created, or reported earlier than that (an incident declared after the fact).
    fn opened_at(&self) -> Option<DateTime<Utc>> {
        let created = time::parse(&self.created_at)?;
        let reported = self.timestamps(|name| {
            name.trim()
                .to_ascii_lowercase()
                .starts_with("reported")
                .then_some(0)
        });
        Some(reported.map_or(created, |at| at.min(created)))
    }

    /// When a "Resolved at"-like timestamp says it was resolved, if one is set and sane.
    fn resolved_timestamp(&self, opened_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.timestamps(resolution_rank)
            .filter(|at| *at >= opened_at)
    }

    /// When it stopped being one: "Merged at", "Declined at", "Canceled at", else its last
    /// update.
    fn ended_at(&self, opened_at: DateTime<Utc>) -> DateTime<Utc> {
        // "merged" → "Merged at", "canceled" → "Canceled at" (or "Cancelled at"): the
        // category's first five letters name its timestamp.
        let stem: String = self
            .category()
            .unwrap_or_default()
            .chars()
            .take(5)
            .collect();
        self.timestamps(|name| {
            let name = name.trim().to_ascii_lowercase();
            (stem.len() == 5 && name.starts_with(&stem)).then_some(0)
        })
        .or_else(|| self.updated_at.as_deref().and_then(time::parse))
        .filter(|at| *at >= opened_at)
        .unwrap_or(opened_at)
    }

    fn title(&self) -> String {
        let fallback = self
            .reference
            .as_deref()
            .map(text::clean)
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "Untitled incident".to_string());
        text::title(self.name.as_deref().unwrap_or_default(), &fallback)
    }

    fn is_major(&self, major_rank: Option<i64>) -> bool {
        let Some(severity) = &self.severity else {
            return false;
        };
        match (severity.rank, major_rank) {
            (Some(rank), Some(major)) => rank >= major,
            // Severities unknown: go by the name.
            _ => severity.name.as_deref().is_some_and(|name| {
                let name = name.trim().to_ascii_lowercase();
                matches!(
                    name.as_str(),
                    "major" | "critical" | "sev0" | "sev1" | "p0" | "p1"
                )
            }),
        }
    }

    /// The incident lead, then everyone else given a role (not whoever merely reported it).
    fn leads_and_responders(&self) -> (Option<String>, Vec<String>) {
        let mut lead = None;
        let mut names: Vec<String> = Vec::new();
        for assignment in &self.incident_role_assignments {
            let role = assignment
                .role
                .as_ref()
                .and_then(|r| r.role_type.as_deref());
            if role == Some("reporter") {
                continue;
            }
            let Some(name) = assignment
                .assignee
                .as_ref()
                .and_then(|a| a.name.as_deref())
                .map(|n| text::shorten(&text::clean(n), MAX_NAME_CHARS))
                .filter(|n| !n.is_empty())
            else {
                continue;
            };
            if role == Some("lead") && lead.is_none() {
                lead = Some(name.clone());
                names.insert(0, name);
            } else if !names.contains(&name) {
                names.push(name);
            }
        }
        names.dedup();
        (lead, names)
    }
}

/// When the status first moved into a post-incident or closed category after last being live:
/// the time the problem was fixed, as the updates tell it.
fn resolved_by_updates(updates: &[Update]) -> Option<DateTime<Utc>> {
    let mut dated: Vec<(DateTime<Utc>, Stage)> = updates
        .iter()
        .filter_map(|u| {
            let at = time::parse(u.created_at.as_deref()?)?;
            let category = u.new_incident_status.as_ref()?.category.as_deref();
            Some((at, stage(category)))
        })
        .collect();
    dated.sort_by_key(|(at, _)| *at);
    let mut resolved = None;
    for (at, stage) in dated {
        match stage {
            Stage::Resolved => resolved = resolved.or(Some(at)),
            Stage::Open => resolved = None,
            Stage::NotAnIncident(_) => {}
        }
    }
    resolved
}

impl Sync<'_, '_> {
    /// Adds every incident of `raws`, reading an incident's updates only when nothing else
    /// tells when it was resolved, and the follow-ups once when some incident's are due.
    /// Returns the incidents now in a post-incident status.
    pub(super) async fn add_incidents(
        &mut self,
        raws: &[RawIncident],
        major_rank: Option<i64>,
    ) -> Result<BTreeSet<String>> {
        let cx = self.api.cx;
        let learning_before = self
            .state
            .cursor
            .as_ref()
            .map(|c| c.kept.learning.clone())
            .unwrap_or_default();
        let mut learning = learning_before.clone();
        let mut follow_ups_due = false;
        let mut mapped = Vec::new();
        for raw in raws {
            let Some(opened_at) = raw.opened_at() else {
                tracing::warn!(incident = %raw.id, "incident.io incident skipped: unreadable created_at");
                continue;
            };
            let known = self.state.known.get(&cx.id(&raw.id));
            let known_resolved = known.and_then(|k| k.resolved_at);
            let resolved_at = match raw.stage() {
                Stage::Open => None,
                Stage::NotAnIncident(_) => Some(raw.ended_at(opened_at)),
                Stage::Resolved => match raw.resolved_timestamp(opened_at).or(known_resolved) {
                    Some(at) => Some(at),
                    None => Some(self.resolved_from_updates(raw, opened_at).await?),
                },
            };
            let counted = raw.disposition() == Disposition::Counted;
            if raw.stage() == Stage::Resolved && counted {
                let closed_now =
                    raw.category() == Some("closed") && learning_before.contains(&raw.id);
                follow_ups_due |= known_resolved.is_none() || closed_now;
            }
            if raw.category() == Some("learning") {
                learning.insert(raw.id.clone());
            } else {
                learning.remove(&raw.id);
            }
            mapped.push((raw, opened_at, resolved_at));
        }
        let follow_ups = if follow_ups_due {
            self.follow_ups().await?
        } else {
            HashMap::new()
        };
        for (raw, opened_at, resolved_at) in mapped {
            let id = cx.id(&raw.id);
            let known = self.state.known.get(&id);
            let (lead, responders) = raw.leads_and_responders();
            let title = raw.title();
            let source_explanation = explanation(follow_ups.get(&raw.id), raw)
                .or_else(|| known.and_then(|k| k.source_explanation.clone()));
            let incident = Incident {
                id,
                source: cx.name.to_string(),
                external_id: raw.id.clone(),
                service_id: None,
                kind: cx.problem_kind(&title),
                title,
                severity: if raw.is_major(major_rank) {
                    unsung_core::Severity::Major
                } else {
                    unsung_core::Severity::Minor
                },
                opened_at,
                acknowledged_at: None,
                resolved_at,
                resolved_by: lead.filter(|_| resolved_at.is_some()),
                responders,
                notes: Vec::new(),
                disposition: raw.disposition(),
                link: connect::web_link(raw.permalink.as_deref()),
                source_explanation,
                explanation: None,
            };
            self.state.keep(incident);
        }
        Ok(learning)
    }

    /// When the updates say `raw` was resolved; its last update (or its opening) when they do
    /// not say.
    async fn resolved_from_updates(
        &self,
        raw: &RawIncident,
        opened_at: DateTime<Utc>,
    ) -> Result<DateTime<Utc>> {
        self.api.cx.report(format!("when {} was resolved", raw.id));
        let filter = [("incident_id", raw.id.clone())];
        let updates: Vec<Update> = self
            .api
            .list_all(&["v2", "incident_updates"], "incident_updates", &filter)
            .await?;
        let sane = |at: &DateTime<Utc>| *at >= opened_at;
        Ok(resolved_by_updates(&updates)
            .filter(sane)
            .or_else(|| raw.updated_at.as_deref().and_then(time::parse).filter(sane))
            .unwrap_or(opened_at))
    }

    /// The organisation's follow-ups worth telling (done or still to do), by incident.
    async fn follow_ups(&self) -> Result<HashMap<String, Vec<String>>> {
        self.api.cx.report("follow-ups");
        let list: FollowUps = self.api.get(&["v2", "follow_ups"], &[]).await?;
        let mut dated: Vec<(Option<DateTime<Utc>>, String, String)> = list
            .follow_ups
            .into_iter()
            .filter(|f| {
                matches!(
                    f.status.as_deref(),
                    Some("completed" | "outstanding") | None
                )
            })
            .filter_map(|f| {
                let title = text::shorten(&text::clean(f.title.as_deref()?), MAX_NAME_CHARS * 2);
                let incident = f.incident_id.filter(|id| !id.is_empty())?;
                (!title.is_empty()).then(|| {
                    (
                        f.created_at.as_deref().and_then(time::parse),
                        incident,
                        title,
                    )
                })
            })
            .collect();
        dated.sort();
        let mut by_incident: HashMap<String, Vec<String>> = HashMap::new();
        for (_, incident, title) in dated {
            let titles = by_incident.entry(incident).or_default();
            if titles.len() < MAX_FOLLOW_UPS && !titles.contains(&title) {
                titles.push(title);
            }
        }
        Ok(by_incident)
    }
}

/// The engineers' own material on what got better: the follow-ups' titles and where the
/// postmortem is. Never shown to the family as is (the link least of all).
fn explanation(follow_ups: Option<&Vec<String>>, raw: &RawIncident) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(titles) = follow_ups.filter(|t| !t.is_empty()) {
        parts.push(format!("Follow-ups: {}.", titles.join("; ")));
    }
    if let Some(url) = connect::web_link(raw.postmortem_document_url.as_deref()) {
        parts.push(format!("Postmortem: {url}"));
    }
    text::explanation(&parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn severity(name: &str, rank: i64) -> Severity {
        Severity {
            id: name.to_string(),
            name: Some(name.to_string()),
            rank: Some(rank),
        }
    }

    #[test]
    fn major_starts_at_the_severity_named_major_or_else_near_the_top() {
        let defaults = [
            severity("Minor", 1),
            severity("Major", 2),
            severity("Critical", 3),
        ];
        assert_eq!(major_rank(&defaults), Some(2));
        let numbered = [
            severity("SEV3", 0),
            severity("SEV2", 1),
            severity("SEV1", 2),
            severity("SEV0", 3),
        ];
        assert_eq!(major_rank(&numbered), Some(2));
        assert_eq!(
            major_rank(&[severity("Low", 0), severity("High", 5)]),
            Some(5)
        );
        assert_eq!(major_rank(&[]), None);
    }

    #[test]
    fn a_resolution_is_the_first_move_to_learning_or_closed_after_the_last_live_one() {
        let update = |at: &str, category: &str| Update {
            created_at: Some(at.to_string()),
            new_incident_status: Some(StatusRef {
                category: Some(category.to_string()),
            }),
        };
        let updates = [
            update("2026-11-01T10:00:00Z", "live"),
            update("2026-11-01T11:00:00Z", "learning"),
            update("2026-11-01T12:00:00Z", "live"), // reopened
            update("2026-11-01T13:30:00Z", "learning"),
            update("2026-11-03T09:00:00Z", "closed"),
        ];
        assert_eq!(
            resolved_by_updates(&updates),
            time::parse("2026-11-01T13:30:00Z")
        );
        assert_eq!(resolved_by_updates(&updates[..1]), None);
    }

    #[test]
    fn closed_is_not_a_resolution_time() {
        assert_eq!(resolution_rank("Resolved at"), Some(0));
        assert_eq!(resolution_rank("Fixed at"), Some(1));
        assert_eq!(resolution_rank("Closed at"), None);
        assert_eq!(resolution_rank("Impact started at"), None);
    }
}

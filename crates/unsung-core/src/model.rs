//! The data every source is mapped into, and that stats and stories read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The state of a service over an interval. Time not covered by any interval is "no data",
/// which is never counted as uptime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Up,
    Degraded,
    Down,
    Maintenance,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Up => "up",
            Status::Degraded => "degraded",
            Status::Down => "down",
            Status::Maintenance => "maintenance",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "up" => Some(Status::Up),
            "degraded" => Some(Status::Degraded),
            "down" => Some(Status::Down),
            "maintenance" => Some(Status::Maintenance),
            _ => None,
        }
    }
}

/// A monitored thing, as a source names it, with the friendly name people outside the team use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Stable key across syncs: `<source>/<external id>`.
    pub id: String,
    pub source: String,
    pub external_id: String,
    pub name: String,
    pub friendly_name: Option<String>,
}

impl Service {
    pub fn display_name(&self) -> &str {
        self.friendly_name.as_deref().unwrap_or(&self.name)
    }
}

/// One stretch of time during which a service was in one state; `end` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interval {
    pub service_id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: Status,
}

impl Interval {
    pub fn new(
        service_id: impl Into<String>,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        status: Status,
    ) -> Interval {
        Interval {
            service_id: service_id.into(),
            start,
            end,
            status,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Major,
    #[default]
    Minor,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "major" => Some(Severity::Major),
            "minor" => Some(Severity::Minor),
            _ => None,
        }
    }
}

/// Whether an incident is a real event. Merged, declined and test incidents are duplicates or
/// non-events: they are left out of every count and figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    #[default]
    Counted,
    Merged,
    Declined,
    Test,
}

impl Disposition {
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Counted => "counted",
            Disposition::Merged => "merged",
            Disposition::Declined => "declined",
            Disposition::Test => "test",
        }
    }

    pub fn parse(text: &str) -> Option<Disposition> {
        match text {
            "counted" => Some(Disposition::Counted),
            "merged" => Some(Disposition::Merged),
            "declined" => Some(Disposition::Declined),
            "test" => Some(Disposition::Test),
            _ => None,
        }
    }
}

/// What an incident record is: a real problem, or planned work on purpose. Drills (the team
/// switching parts off to practise) and planned maintenance are never counted as incidents or
/// downtime; the story tells them as quiet wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    #[default]
    Problem,
    Drill,
    Maintenance,
}

impl IncidentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Problem => "problem",
            IncidentKind::Drill => "drill",
            IncidentKind::Maintenance => "maintenance",
        }
    }

    pub fn parse(text: &str) -> Option<IncidentKind> {
        match text {
            "problem" => Some(IncidentKind::Problem),
            "drill" => Some(IncidentKind::Drill),
            "maintenance" => Some(IncidentKind::Maintenance),
            _ => None,
        }
    }
}

/// "What got better": what the team changed after an incident, written by a person in the app
/// for the family, in one or two plain sentences. Kept apart from the synced incident, so a sync
/// never overwrites it; also where a person marks an incident as practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub incident_id: String,
    /// Empty when the person only marked the incident as practice.
    pub text: String,
    /// "This was practice": the incident is told as a drill and never counted.
    pub practice: bool,
    pub written_by: String,
    pub written_at: DateTime<Utc>,
    /// Who changed it last and when; `None` if never changed after it was written.
    pub edited_by: Option<String>,
    pub edited_at: Option<DateTime<Utc>>,
}

/// The default is an empty, counted, minor problem opened at the epoch: a base for records that
/// set what they know (`Incident { title, opened_at, ..Incident::default() }`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable key across syncs: `<source>/<external id>`.
    pub id: String,
    pub source: String,
    pub external_id: String,
    pub service_id: Option<String>,
    pub title: String,
    pub severity: Severity,
    pub opened_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// `None` while the incident is still open.
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolved_by: Option<String>,
    pub responders: Vec<String>,
    pub notes: Vec<String>,
    pub disposition: Disposition,
    pub link: Option<String>,
    /// As the source tells it (a drill's title, a scheduled maintenance, a CSV `kind`).
    pub kind: IncidentKind,
    /// What changed afterwards in the engineers' own words, as the source has it (a postmortem,
    /// the resolving update, a note). Engineer text: a starting point for the person writing the
    /// explanation, never shown to the family as is.
    pub source_explanation: Option<String>,
    /// What a person wrote in the app; joined in by the store, never written by a sync.
    pub explanation: Option<Explanation>,
}

impl Incident {
    /// Whether the incident is counted in figures: a real problem, not a duplicate, a test, a
    /// drill, planned maintenance, or something a person marked as practice.
    pub fn counts(&self) -> bool {
        self.disposition == Disposition::Counted && self.effective_kind() == IncidentKind::Problem
    }

    /// The kind after a person's "this was practice" mark.
    pub fn effective_kind(&self) -> IncidentKind {
        match &self.explanation {
            Some(explanation) if explanation.practice && self.kind == IncidentKind::Problem => {
                IncidentKind::Drill
            }
            _ => self.kind,
        }
    }

    /// The text a person wrote about what got better, when there is one.
    pub fn what_got_better(&self) -> Option<&str> {
        self.explanation
            .as_ref()
            .map(|e| e.text.trim())
            .filter(|text| !text.is_empty())
    }

    pub fn seconds_to_resolve(&self) -> Option<i64> {
        self.resolved_at
            .map(|resolved| (resolved - self.opened_at).num_seconds().max(0))
    }
}

/// An update shipped to a service (a deploy or another change event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub id: String,
    pub source: String,
    pub service_id: Option<String>,
    pub at: DateTime<Utc>,
    pub summary: String,
}

/// A note from one teammate to others, optionally about an incident or a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThankYou {
    /// A UUID v7, so notes sort by creation and can be delivered more than once safely.
    pub id: String,
    pub author: String,
    pub recipients: Vec<String>,
    pub message: String,
    pub incident_id: Option<String>,
    pub period_from: Option<DateTime<Utc>>,
    pub period_to: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// When the author last changed it; `None` if never.
    pub edited_at: Option<DateTime<Utc>>,
    pub is_demo: bool,
}

/// Everything one source contributes, replaced as a whole by the demo loader.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub services: Vec<Service>,
    pub intervals: Vec<Interval>,
    pub incidents: Vec<Incident>,
    pub changes: Vec<Change>,
    pub thanks: Vec<ThankYou>,
    pub people: Vec<String>,
}

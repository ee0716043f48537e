//! The shapes the desktop UI receives. TypeScript types are generated from these with ts-rs
//! (see `tests/bindings.rs`), so the UI and the shell cannot drift apart silently.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unsung_core::locale::Lang;
use unsung_core::period::PeriodKind;
use unsung_core::stats::StatsReport;
use unsung_core::story::{Audience, Story};
use unsung_core::timeline::DayBar;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: String,
    pub to: String,
    /// Absolute dates in the overview's language, such as "Monday 23 to Sunday 29 November 2026".
    pub label: String,
}

/// When the reader's team is expected to work, for "How was this counted?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkingHoursView {
    /// "09:00"
    pub start: String,
    /// "18:00" (exclusive)
    pub end: String,
    /// ISO weekday numbers, Monday = 1.
    pub days: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceTimeline {
    pub id: String,
    /// The friendly name ("the checkout page").
    pub name: String,
    /// The name the source uses ("api-gw-prod").
    pub technical_name: String,
    /// Over the chosen period; `null` when there is no data for it.
    pub uptime_ratio: Option<f64>,
    /// 90 bars, oldest first, ending today.
    pub days: Vec<DayBar>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentView {
    pub id: String,
    pub title: String,
    pub service_name: Option<String>,
    /// "major" or "minor".
    pub severity: String,
    pub opened_at: String,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
    #[ts(type = "number | null")]
    pub seconds_to_resolve: Option<i64>,
    pub outside_working_hours: bool,
    /// One plain sentence about what happened.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "ThankYou")]
pub struct ThankYouView {
    pub id: String,
    pub author: String,
    pub recipients: Vec<String>,
    pub message: String,
    pub incident_id: Option<String>,
    pub created_at: String,
    pub is_demo: bool,
}

/// A note as the user writes it; the app adds the id and the time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewThankYou {
    pub author: String,
    pub recipients: Vec<String>,
    pub incident_id: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Overview {
    pub is_demo: bool,
    /// The language the story, labels and summaries are written in.
    pub lang: Lang,
    /// Who the story is told for.
    pub audience: Audience,
    pub team_name: String,
    pub tz: String,
    pub working_hours: WorkingHoursView,
    pub period: Period,
    pub overall_uptime_ratio: Option<f64>,
    pub story: Story,
    pub stats: StatsReport,
    pub services: Vec<ServiceTimeline>,
    /// Opened in the period, newest first.
    pub incidents: Vec<IncidentView>,
    /// Newest first, at most 50.
    pub thanks: Vec<ThankYouView>,
    /// Team members, for the thank-you form.
    pub people: Vec<String>,
}

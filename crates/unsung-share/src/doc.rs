//! What a shared story says, as plain strings: the one input every format is drawn from.
//! The app builds it (and runs the privacy pass over it) before any format sees it, so the
//! PNG, the PDF, the web page and the text can only ever tell the same, cleaned story.

use chrono::NaiveDate;
use unsung_core::timeline::DayState;

#[derive(Debug, Clone, PartialEq)]
pub struct ShareDoc {
    /// Whose work this is: "Juniper Books".
    pub team: String,
    /// The period in absolute dates: "23 – 29 November 2026".
    pub period: String,
    /// The story's first line: "Everything worked 99.97% of the time."
    pub headline: String,
    /// The overall uptime as a percentage ("99.97%"); `None` when there is no data.
    pub uptime: Option<String>,
    /// The uptime in everyday time: "About 3 minutes of trouble in 7 days."
    pub uptime_in_time: String,
    /// The rest of the story, one string per paragraph.
    pub paragraphs: Vec<String>,
    /// One state per day, oldest first, the last one being the period's last day.
    pub days: Vec<DayState>,
    /// The first and last day the bars show: "1 Sep", "29 Nov".
    pub days_first: String,
    pub days_last: String,
    /// How many of the last bars fall inside the period (0 when none do).
    pub days_in_period: usize,
    /// The period's incidents, one plain line each, oldest first.
    pub incidents: Vec<IncidentLine>,
    /// The thank-you line.
    pub thanks: String,
    /// Each service's own bars, for the report.
    pub services: Vec<ServiceLine>,
    /// The period's last day: the date the PDF says it was made, so the same story always
    /// gives the same bytes.
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IncidentLine {
    /// "Tue 24 Nov".
    pub when: String,
    /// "Card payments had a problem for about 18 minutes. Ben fixed it."
    pub text: String,
    pub fixed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceLine {
    /// The friendly name: "the checkout page".
    pub name: String,
    pub uptime: Option<String>,
    pub days: Vec<DayState>,
}

impl ShareDoc {
    /// Every piece of outside text, passed through `f` (the privacy pass uses this, so no
    /// field can be forgotten: adding a text field means adding it here).
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> ShareDoc {
        ShareDoc {
            team: f(&self.team),
            period: f(&self.period),
            headline: f(&self.headline),
            uptime: self.uptime.as_deref().map(&f),
            uptime_in_time: f(&self.uptime_in_time),
            paragraphs: self.paragraphs.iter().map(|p| f(p)).collect(),
            days: self.days.clone(),
            days_first: f(&self.days_first),
            days_last: f(&self.days_last),
            days_in_period: self.days_in_period,
            incidents: self
                .incidents
                .iter()
                .map(|i| IncidentLine {
                    when: f(&i.when),
                    text: f(&i.text),
                    fixed: i.fixed,
                })
                .collect(),
            thanks: f(&self.thanks),
            services: self
                .services
                .iter()
                .map(|s| ServiceLine {
                    name: f(&s.name),
                    uptime: s.uptime.as_deref().map(&f),
                    days: s.days.clone(),
                })
                .collect(),
            as_of: self.as_of,
        }
    }
}

/// The words for a day's colour, so colour is never the only signal.
pub fn day_word(state: DayState) -> &'static str {
    match state {
        DayState::Up => "Working",
        DayState::Degraded => "Slow",
        DayState::Partial => "Partly down",
        DayState::Down => "Down",
        DayState::Maintenance => "Planned maintenance",
        DayState::NoData => "No data",
    }
}

/// Status-page colours, the same as the app's (`ui/src/app.css`).
pub fn day_colour(state: DayState) -> &'static str {
    match state {
        DayState::Up => "#3f9a5f",
        DayState::Degraded => "#d6a100",
        DayState::Partial => "#e0711d",
        DayState::Down => "#cc3d33",
        DayState::Maintenance => "#3b76c6",
        DayState::NoData => "#cbc3b6",
    }
}

/// The order the legend lists states in.
pub const DAY_STATES: [DayState; 6] = [
    DayState::Up,
    DayState::Degraded,
    DayState::Partial,
    DayState::Down,
    DayState::Maintenance,
    DayState::NoData,
];

/// "Working on 86 of 90 days, trouble on 3, 1 with planned maintenance, 1 with no data."
pub fn days_summary(days: &[DayState]) -> String {
    let count = |states: &[DayState]| days.iter().filter(|d| states.contains(d)).count();
    let mut parts = vec![format!(
        "Working on {} of {} days",
        count(&[DayState::Up]),
        days.len()
    )];
    let trouble = count(&[DayState::Degraded, DayState::Partial, DayState::Down]);
    if trouble > 0 {
        parts.push(format!("trouble on {trouble}"));
    }
    let planned = count(&[DayState::Maintenance]);
    if planned > 0 {
        parts.push(format!("{planned} with planned maintenance"));
    }
    let no_data = count(&[DayState::NoData]);
    if no_data > 0 {
        parts.push(format!("{no_data} with no data"));
    }
    parts.join(", ") + "."
}

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
    /// What got better after the period's problems, as the story tells it (the paragraph of
    /// its "What got better" section), for the card; `None` when nobody told it.
    pub better: Option<String>,
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
    /// The words the formats put around the story, in the story's language.
    pub labels: Labels,
}

/// The words every format adds around the story (headings, the legend, the bars in words,
/// summaries of problems left out), already in the story's language: the app fills them from
/// the locale files, so the renderers hold no words of their own.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// The language's code, for the web page and the PDF: "en".
    pub lang: String,
    /// "The last 90 days".
    pub last_days: String,
    /// "What happened".
    pub what_happened: String,
    /// The word for each day's state, in [`DAY_STATES`] order: "Working", "Slow", …
    pub day_words: [String; 6],
    /// The overall bar in a few words: "Working on 70 of 90 days".
    pub working_on: String,
    /// The overall bar in a sentence: "Working on 70 of 90 days, trouble on 19, …".
    pub days_summary: String,
    /// Every problem in one line, for when none can be listed one by one ("4 problems came
    /// up, and all were fixed.") or there were none ("Nothing broke in this period.").
    pub all_problems: String,
    /// `earlier[n - 1]` stands for the `n` oldest problems when they are left out for room:
    /// "And 3 earlier problems, all fixed."
    pub earlier: Vec<String>,
    /// "Made with Unsung".
    pub made_with: String,
    /// "Page 1 of 2", "Page 2 of 2".
    pub pages: [String; 2],
    /// A service's uptime when there is no data: "no data".
    pub no_data: String,
}

impl Labels {
    /// The line standing for the `n` oldest problems, if `n > 0`.
    pub fn earlier(&self, n: usize) -> Option<&str> {
        n.checked_sub(1)
            .and_then(|i| self.earlier.get(i))
            .map(String::as_str)
    }
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
    /// Its bars in a sentence, for readers who cannot see colours.
    pub summary: String,
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
            better: self.better.as_deref().map(&f),
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
                    summary: s.summary.clone(),
                })
                .collect(),
            as_of: self.as_of,
            // Our own words, not outside text: nothing in them to take out.
            labels: self.labels.clone(),
        }
    }
}

/// The word for a day's colour, so colour is never the only signal.
pub fn day_word(labels: &Labels, state: DayState) -> &str {
    let index = DAY_STATES.iter().position(|s| *s == state).unwrap_or(0);
    &labels.day_words[index]
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

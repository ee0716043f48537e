//! The story of a period in plain words, in the reader's language: the result first, then what
//! it means in everyday time, what broke and how fast it was fixed, who gave up free time, how
//! long since the last big outage, the quiet wins and the thank-yous.
//!
//! `plan.rs` decides what to say (which message, with which facts); `render.rs` turns that into
//! text through the locale files, explaining each glossary term the first time it is used.
//! A section with nothing to say is left out.

mod phrases;
mod plan;
mod render;

pub use phrases::{capitalised, duration, incident_summary, percent, service_name};

use crate::glossary::GlossaryEntry;
use crate::index::PeriodIndex;
use crate::locale::Lang;
use crate::model::{Dataset, Incident, Interval, Service, ThankYou};
use crate::period::{PeriodUnit, TimeRange};
use crate::readability::{self, Scores};
use crate::stats::{self, StateSeconds, StatsContext, StatsInput, StatsReport};
use crate::working_hours::WorkingHours;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// No system names and no jargon: for a parent or a partner.
    #[default]
    Family,
    /// May name services, incidents and people's work in detail.
    Team,
}

impl Audience {
    pub const ALL: [Audience; 2] = [Audience::Family, Audience::Team];
}

/// Which part of the story a section tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Uptime,
    Problems,
    OutsideHours,
    SinceOutage,
    QuietWins,
    Thanks,
}

/// A piece of a section's text. Joined in order, the parts give the paragraph exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StoryPart {
    Text {
        text: String,
    },
    /// A glossary term as it appears in the text; the UI shows its definition as a tooltip.
    Term {
        text: String,
        term: String,
    },
    /// The sentence that explains a term the first time the story uses it.
    Explanation {
        text: String,
        term: String,
    },
}

impl StoryPart {
    pub fn text(&self) -> &str {
        match self {
            StoryPart::Text { text }
            | StoryPart::Term { text, .. }
            | StoryPart::Explanation { text, .. } => text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StorySection {
    pub kind: SectionKind,
    pub parts: Vec<StoryPart>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Story {
    pub lang: Lang,
    pub audience: Audience,
    /// The period with absolute dates ("Monday 23 to Sunday 29 November 2026").
    pub title: String,
    pub headline: String,
    /// One paragraph per section, as plain text.
    pub paragraphs: Vec<String>,
    /// The same paragraphs in parts, so the UI can mark glossary terms.
    pub sections: Vec<StorySection>,
    /// The glossary terms the story uses, in the order it first uses them.
    pub terms: Vec<GlossaryEntry>,
    /// How easy the story is to read: the headline and paragraphs (the dateline in `title` is
    /// not prose, and is left out).
    pub readability: Scores,
}

impl Story {
    /// The story as plain text: the title, the headline, then one paragraph per section.
    pub fn to_text(&self) -> String {
        format!("{}\n\n{}", self.title, self.prose())
    }

    /// The headline and the paragraphs: what the readability gates measure.
    pub fn prose(&self) -> String {
        prose(&self.headline, &self.paragraphs)
    }
}

fn prose(headline: &str, paragraphs: &[String]) -> String {
    let mut text = headline.to_string();
    for paragraph in paragraphs {
        text.push_str("\n\n");
        text.push_str(paragraph);
    }
    text.push('\n');
    text
}

/// Everything the store knows about one period, as read.
#[derive(Debug, Clone, Default)]
pub struct PeriodRecords {
    pub services: Vec<Service>,
    /// Intervals overlapping the period.
    pub intervals: Vec<Interval>,
    /// Incidents opened in the period, in any disposition.
    pub incidents: Vec<Incident>,
    /// The opening of the latest counted major incident before the period's end.
    pub last_major_incident_at: Option<DateTime<Utc>>,
    /// Notes written in the period.
    pub thanks: Vec<ThankYou>,
    pub updates_shipped: u64,
}

/// One period's records, read once and shared by stats and story, with the indexes built
/// over them when they were read. The records are read through `Deref` and cannot be
/// changed afterwards, so the indexes always describe them.
#[derive(Debug, Clone, Default)]
pub struct PeriodData {
    records: PeriodRecords,
    index: PeriodIndex,
}

impl std::ops::Deref for PeriodData {
    type Target = PeriodRecords;

    fn deref(&self) -> &PeriodRecords {
        &self.records
    }
}

impl PeriodData {
    /// Indexes `records` (the cost of one more pass over them when a period is read).
    pub fn new(records: PeriodRecords) -> PeriodData {
        let index = PeriodIndex::new(&records.services, &records.intervals, &records.incidents);
        PeriodData { records, index }
    }

    /// The part of a whole dataset that falls in `range` (for tests, demos and scenarios).
    pub fn from_dataset(data: &Dataset, range: TimeRange) -> PeriodData {
        PeriodData::new(PeriodRecords {
            services: data.services.clone(),
            intervals: data
                .intervals
                .iter()
                .filter(|i| i.end > range.from && i.start < range.to)
                .cloned()
                .collect(),
            incidents: data
                .incidents
                .iter()
                .filter(|i| range.contains(i.opened_at))
                .cloned()
                .collect(),
            last_major_incident_at: stats::last_major_incident(&data.incidents, range.to)
                .map(|i| i.opened_at),
            thanks: data
                .thanks
                .iter()
                .filter(|t| range.contains(t.created_at))
                .cloned()
                .collect(),
            updates_shipped: data.changes.iter().filter(|c| range.contains(c.at)).count() as u64,
        })
    }

    pub fn index(&self) -> &PeriodIndex {
        &self.index
    }

    pub fn report(
        &self,
        range: TimeRange,
        tz: Tz,
        working_hours: &WorkingHours,
        now: DateTime<Utc>,
    ) -> StatsReport {
        stats::compute_indexed(
            &StatsInput {
                services: &self.services,
                intervals: &self.intervals,
                incidents: &self.incidents,
                last_major_incident_at: self.last_major_incident_at,
                thanks: self.thanks.len() as u64,
            },
            &self.index,
            &StatsContext {
                range,
                tz,
                working_hours,
                now,
            },
        )
    }

    /// Every service's time over `range`, added up (as [`stats::overall_seconds`]).
    pub fn overall(&self, range: TimeRange) -> StateSeconds {
        let mut total = StateSeconds::default();
        for service in &self.services {
            total.add(&self.index.service_seconds(&service.id, range));
        }
        total
    }
}

/// Who the story is for, in which language, about which span, read where.
#[derive(Debug, Clone, Copy)]
pub struct StoryRequest<'a> {
    pub lang: Lang,
    pub audience: Audience,
    pub range: TimeRange,
    pub unit: PeriodUnit,
    pub tz: Tz,
    pub now: DateTime<Utc>,
    pub working_hours: &'a WorkingHours,
}

impl<'a> StoryRequest<'a> {
    /// A story of `range`, told in the unit it fits ([`PeriodUnit::of`]).
    pub fn new(
        lang: Lang,
        audience: Audience,
        range: TimeRange,
        tz: Tz,
        now: DateTime<Utc>,
        working_hours: &'a WorkingHours,
    ) -> StoryRequest<'a> {
        StoryRequest {
            lang,
            audience,
            range,
            unit: PeriodUnit::of(range, tz),
            tz,
            now,
            working_hours,
        }
    }

    /// The part of the range that has happened: a period still going is told up to now, so
    /// the hours to come never count as missing news.
    pub fn told_range(&self) -> TimeRange {
        let to = self.range.to.min(self.now).max(self.range.from);
        TimeRange::new(self.range.from, to).unwrap_or(TimeRange {
            from: self.range.from,
            to: self.range.from + chrono::Duration::seconds(1),
        })
    }

    /// The span a story compares with (see [`TimeRange::previous`]).
    pub fn previous_range(&self) -> TimeRange {
        self.told_range().previous(self.unit, self.tz)
    }
}

/// Tells the story of `current`, compared with `previous` (the data of
/// [`StoryRequest::previous_range`]) when there is one.
pub fn tell(current: &PeriodData, previous: Option<&PeriodData>, request: &StoryRequest) -> Story {
    let plan = plan::plan(current, previous, request);
    let rendered = render::render(&plan, request.lang, request.audience);
    let text = prose(&rendered.headline, &rendered.paragraphs);
    Story {
        lang: request.lang,
        audience: request.audience,
        readability: readability::score(&text, request.lang),
        title: rendered.title,
        headline: rendered.headline,
        paragraphs: rendered.paragraphs,
        sections: rendered.sections,
        terms: rendered.terms,
    }
}

/// The story of `range` told straight from a whole dataset (tests, scenarios, the demo).
pub fn tell_dataset(data: &Dataset, request: &StoryRequest) -> Story {
    let current = PeriodData::from_dataset(data, request.told_range());
    let previous = PeriodData::from_dataset(data, request.previous_range());
    tell(&current, Some(&previous), request)
}

#[cfg(test)]
mod tests;

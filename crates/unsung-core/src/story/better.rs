//! When things break, the service gets better: after the problems, what the team changed
//! because of them, in the words of whoever wrote it in the app, each introduced by a sentence
//! of ours; and the practice nobody noticed (drills and planned maintenance) as quiet wins.
//!
//! Only what a person wrote is told ([`Incident::what_got_better`]); the source's own engineer
//! text is a starting point for that person and never reaches a story.

use super::Audience;
use super::phrases::{self, capitalised, incident_service};
use super::plan::{Effect, Facts, Problem, Sentence, effect, say};
use crate::demo;
use crate::index::{OPEN_PLANNED_HOURS, planned_windows};
use crate::locale::{Lang, Locale, locale};
use crate::model::{Disposition, Incident, IncidentKind, Severity};
use crate::period::TimeRange;
use chrono::{DateTime, Duration, Utc};
use std::cmp::Reverse;

/// How many "what got better" texts a family story tells; the rest are counted.
const FAMILY_TOLD: usize = 3;
/// How many a team story tells.
const TEAM_TOLD: usize = 10;
/// How many services a sentence names before it says "parts of the system" instead.
const NAMED_PARTS: usize = 3;

/// The "what got better" section: the explained problems of the told range, most important
/// first (major before minor, longer first), each introduced by a sentence of ours and then
/// told in the writer's own words. A team story also counts fixed problems with no text yet.
pub(super) fn what_got_better(facts: &Facts) -> Vec<Sentence> {
    let (audience, now) = (facts.request.audience, facts.request.now);
    let mut explained: Vec<(&Problem, &str)> = facts
        .counted
        .iter()
        .filter_map(|problem| problem.what_got_better().map(|text| (problem, text)))
        .collect();
    explained.sort_by_key(|(problem, _)| {
        (
            problem.severity != Severity::Major,
            Reverse(problem.resolved_at.unwrap_or(now) - problem.opened_at),
            problem.opened_at,
        )
    });
    let told = match audience {
        Audience::Family => FAMILY_TOLD,
        Audience::Team => TEAM_TOLD,
    };
    let mut out = Vec::new();
    for (problem, text) in explained.iter().take(told) {
        out.push(introduction(facts, problem));
        out.push(say(
            "story-better-words",
            vec![("text", words(facts.locale, problem, text).into())],
        ));
    }
    let more = explained.len().saturating_sub(told);
    if more > 0 {
        out.push(say("story-better-more", vec![("count", more.into())]));
    }
    if audience == Audience::Team {
        let missing = facts
            .counted
            .iter()
            .filter(|p| p.resolved_at.is_some() && p.what_got_better().is_none())
            .count();
        if missing > 0 {
            out.push(say(
                "story-team-better-missing",
                vec![("count", missing.into())],
            ));
        }
    }
    out
}

/// Our sentence before the writer's words: what happened, when, and that the team changed
/// something ("After card payments stopped working late on Thursday 26 November, ...").
fn introduction(facts: &Facts, problem: &Problem) -> Sentence {
    let locale = facts.locale;
    let services = &facts.data.services;
    match facts.request.audience {
        Audience::Family => {
            let id = match effect(facts, problem) {
                Effect::Down => "story-better-after-down",
                Effect::Slow => "story-better-after-slow",
                Effect::Unseen | Effect::Unknown => "story-better-after-unseen",
            };
            let service = incident_service(locale, problem, services, Audience::Family);
            let when = phrases::when(locale, problem.opened_at, facts.request.tz);
            say(id, vec![("service", service.into()), ("when", when.into())])
        }
        Audience::Team => {
            let service = incident_service(locale, problem, services, Audience::Team);
            let who = problem
                .explanation
                .as_ref()
                .map_or(String::new(), |e| e.written_by.clone());
            say(
                "story-team-better",
                vec![
                    ("service", capitalised(&service).into()),
                    ("title", problem.title.trim().trim_end_matches('.').into()),
                    ("who", who.into()),
                ],
            )
        }
    }
}

/// The writer's words as written. The demo team's texts read in the reader's language, as
/// long as nobody has changed them.
fn words(reader: &Locale, incident: &Incident, text: &str) -> String {
    if incident.source == demo::SOURCE {
        let id = demo::better_message(&incident.external_id);
        let english = locale(Lang::En);
        if english.has(&id) && english.message(&id, &[]) == text {
            return reader.message(&id, &[]);
        }
    }
    text.to_string()
}

/// Drills and planned maintenance recorded in the told range, told as quiet wins: how many,
/// on what, and, when no problem on the same service overlapped them, that nobody noticed.
pub(super) fn practice(facts: &Facts) -> Vec<Sentence> {
    let range = facts.request.told_range();
    let planned = |kind: IncidentKind| -> Vec<&Incident> {
        let positions = facts.data.index().planned_work().iter();
        positions
            .map(|&position| &facts.data.incidents[position])
            .filter(|i| {
                i.disposition == Disposition::Counted
                    && i.effective_kind() == kind
                    && range.contains(i.opened_at)
            })
            .collect()
    };
    let mut out = Vec::new();
    let mut overlaps = None;
    let drills = planned(IncidentKind::Drill);
    if !drills.is_empty() {
        let overlaps = overlaps.get_or_insert_with(|| Overlaps::new(facts));
        let unnoticed = drills.iter().all(|d| !overlaps.noticed(facts, d));
        let id = match (facts.request.audience, unnoticed) {
            (Audience::Family, true) => "story-drills-unnoticed",
            (Audience::Family, false) => "story-drills",
            (Audience::Team, true) => "story-team-drills-unnoticed",
            (Audience::Team, false) => "story-team-drills",
        };
        out.push(say(
            id,
            vec![
                ("count", drills.len().into()),
                ("what", parts(facts, &drills).into()),
            ],
        ));
    }
    // Planned maintenance the uptime data already shows is told by its duration, with the
    // other quiet wins; a record of it is counted here only when no uptime data shows it.
    let shown = facts.data.index().upkeep();
    let upkeep: Vec<&Incident> = planned(IncidentKind::Maintenance)
        .into_iter()
        .filter(|record| !shown.covers(record.opened_at))
        .collect();
    if !upkeep.is_empty() {
        let overlaps = overlaps.get_or_insert_with(|| Overlaps::new(facts));
        let unnoticed = upkeep.iter().all(|m| !overlaps.noticed(facts, m));
        let id = match (facts.request.audience, unnoticed) {
            (Audience::Family, true) => "story-upkeep-times-unnoticed",
            (Audience::Family, false) => "story-upkeep-times",
            (Audience::Team, true) => "story-team-upkeep-times-unnoticed",
            (Audience::Team, false) => "story-team-upkeep-times",
        };
        out.push(say(id, vec![("count", upkeep.len().into())]));
    }
    out
}

/// The planned upkeep the uptime data shows, without the time drills switched things off
/// (counted as planned too, but told as practice).
pub(super) fn upkeep_seconds(facts: &Facts) -> i64 {
    let range = facts.request.told_range();
    let index = facts.data.index();
    let drills = planned_windows(
        index
            .planned_work()
            .iter()
            .map(|&position| &facts.data.incidents[position])
            .filter(|i| i.effective_kind() == IncidentKind::Drill),
    );
    let mut practice = 0;
    for (service, spans) in &drills {
        let slot = index.slot(service);
        for &(start, end) in spans {
            if let Some(span) = TimeRange::new(start.max(range.from), end.min(range.to)) {
                practice += index.seconds(slot, span).maintenance;
            }
        }
    }
    (facts.overall.maintenance - practice).max(0)
}

/// When planned work began and ended (an open one counts for a day at most, as in the stats).
fn span(incident: &Incident) -> (DateTime<Utc>, DateTime<Utc>) {
    let end = incident
        .resolved_at
        .unwrap_or(incident.opened_at + Duration::hours(OPEN_PLANNED_HOURS));
    (incident.opened_at, end)
}

/// Whether a real problem on the same service overlapped planned work, from each service's
/// problems in time order: a year of weekly drills is not a walk over a year of problems each.
struct Overlaps {
    /// By the service's slot in the period's index.
    by_service: Vec<ServiceProblems>,
}

/// One service's problems: when they opened, in time order, and the latest end among the
/// first k + 1 of them (an open one ends now).
struct ServiceProblems {
    openings: Vec<DateTime<Utc>>,
    latest_ends: Vec<DateTime<Utc>>,
}

impl Overlaps {
    fn new(facts: &Facts) -> Overlaps {
        let index = facts.data.index();
        let mut spans = vec![Vec::new(); index.slots()];
        for problem in &facts.counted {
            let kept = problem.counted;
            if let Some(slot) = kept.service {
                let end = kept.resolved_at.unwrap_or(facts.request.now);
                spans[slot].push((kept.opened_at, end));
            }
        }
        let by_service = spans
            .into_iter()
            .map(|mut spans: Vec<(DateTime<Utc>, DateTime<Utc>)>| {
                spans.sort_unstable();
                let openings = spans.iter().map(|(opened, _)| *opened).collect();
                let latest_ends = spans
                    .iter()
                    .scan(DateTime::<Utc>::MIN_UTC, |latest, (_, end)| {
                        *latest = (*latest).max(*end);
                        Some(*latest)
                    })
                    .collect();
                ServiceProblems {
                    openings,
                    latest_ends,
                }
            })
            .collect();
        Overlaps { by_service }
    }

    /// Whether a problem on `work`'s service was open at some moment of it: one opened before
    /// the work ended, and not over before it began.
    fn noticed(&self, facts: &Facts, work: &Incident) -> bool {
        let (start, end) = span(work);
        let slot = work
            .service_id
            .as_deref()
            .and_then(|id| facts.data.index().slot(id));
        let Some(problems) = slot.and_then(|slot| self.by_service.get(slot)) else {
            return false;
        };
        let opened_before_end = problems.openings.partition_point(|opened| *opened < end);
        opened_before_end > 0 && problems.latest_ends[opened_before_end - 1] > start
    }
}

/// The services the planned work was on, named ("card payments and book search") when there
/// are few and each has a name the audience may read; "parts of the system" otherwise.
fn parts(facts: &Facts, work: &[&Incident]) -> String {
    let (locale, audience) = (facts.locale, facts.request.audience);
    let unnamed = locale.message("story-some-part", &[]);
    let mut names: Vec<String> = Vec::new();
    for incident in work {
        let name = incident_service(locale, incident, &facts.data.services, audience);
        if name == unnamed {
            return locale.message("story-drill-parts", &[]);
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.len() > NAMED_PARTS {
        return locale.message("story-drill-parts", &[]);
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    locale.list(&names)
}

#[cfg(test)]
mod tests;

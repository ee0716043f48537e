//! What a story says: for each section, which messages with which facts. Nothing here knows
//! words; the arguments that are phrases (durations, dates) come from `phrases.rs`.

use super::better;
use super::phrases::{self, PartNames, date_arg, duration};
use super::{Audience, PeriodData, SectionKind, StoryRequest};
use crate::index::{CountedIncident, Shown};
use crate::locale::{Args, Locale, locale};
use crate::model::{Incident, Severity};
use crate::period::local_date;
use crate::stats::{StateSeconds, StatsReport};
use chrono::Datelike;
use std::collections::BTreeSet;

/// How many problems a family story describes one by one before counting the rest.
const FAMILY_LISTED: usize = 3;

pub(super) struct Sentence {
    pub id: &'static str,
    pub args: Args,
}

pub(super) fn say(id: &'static str, args: Args) -> Sentence {
    Sentence { id, args }
}

/// A marker in a section's sentences: what follows is a paragraph of its own (the team
/// story's one line per service). Never rendered.
pub(super) const NEW_PARAGRAPH: &str = "";

/// A section split into paragraphs at each [`NEW_PARAGRAPH`].
fn paragraphs(
    (kind, sentences): (SectionKind, Vec<Sentence>),
) -> impl Iterator<Item = (SectionKind, Vec<Sentence>)> {
    let mut split: Vec<Vec<Sentence>> = vec![Vec::new()];
    for sentence in sentences {
        if sentence.id == NEW_PARAGRAPH {
            split.push(Vec::new());
        } else if let Some(last) = split.last_mut() {
            last.push(sentence);
        }
    }
    split
        .into_iter()
        .filter(|sentences| !sentences.is_empty())
        .map(move |sentences| (kind, sentences))
}

pub(super) struct Plan {
    pub title: Sentence,
    pub headline: Sentence,
    pub sections: Vec<(SectionKind, Vec<Sentence>)>,
}

/// What an incident did to its service while it was open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Effect {
    Down,
    Slow,
    /// The service's own record shows it working the whole time: nobody outside noticed.
    Unseen,
    /// Nothing shows what people saw (no uptime, or not all of the time), so nothing is claimed.
    Unknown,
}

/// A problem of the told range (an incident that counts), with its service's slot in the
/// period's index, so its effect is found without looking the service up by name.
#[derive(Clone, Copy)]
pub(super) struct Problem<'a> {
    pub incident: &'a Incident,
    /// What the index keeps of it.
    pub counted: &'a CountedIncident,
}

impl std::ops::Deref for Problem<'_> {
    type Target = Incident;

    fn deref(&self) -> &Incident {
        self.incident
    }
}

pub(super) struct Facts<'a> {
    pub data: &'a PeriodData,
    pub request: &'a StoryRequest<'a>,
    pub locale: &'static Locale,
    pub report: StatsReport,
    pub counted: Vec<Problem<'a>>,
    /// Every service's time over the told range, counted once for every section.
    pub overall: StateSeconds,
    /// When the big outages of the told range began (counted major incidents), in time order
    /// (every problem looks for one near it: a search, not a walk over them all).
    pub big_outages: Vec<chrono::DateTime<chrono::Utc>>,
}

impl<'a> Facts<'a> {
    fn counted_incidents(&self) -> Vec<&'a Incident> {
        self.counted
            .iter()
            .map(|problem| problem.incident)
            .collect()
    }

    /// Whether any source tells how things ran (up, slow or down) in the told range: without
    /// it, a story counts only problems.
    fn measured(&self) -> bool {
        self.overall.up + self.overall.degraded + self.overall.down > 0
    }
}

pub(super) fn plan(
    current: &PeriodData,
    previous: Option<&PeriodData>,
    request: &StoryRequest,
) -> Plan {
    let range = request.told_range();
    let mut facts = Facts {
        data: current,
        request,
        locale: locale(request.lang),
        report: current.report(range, request.tz, request.working_hours, request.now),
        counted: current
            .index()
            .counted_in(range)
            .map(|counted| Problem {
                incident: &current.incidents[counted.position],
                counted,
            })
            .collect(),
        overall: current.overall(range),
        big_outages: current
            .index()
            .counted_in(range)
            .filter(|counted| counted.major)
            .map(|counted| counted.opened_at)
            .collect(),
    };
    facts.big_outages.sort_unstable();
    let sections = [
        (SectionKind::Uptime, uptime(&facts, previous)),
        (SectionKind::Problems, problems(&facts)),
        (SectionKind::WhatGotBetter, better::what_got_better(&facts)),
        (
            SectionKind::OutsideHours,
            super::who::outside_hours(&facts.counted, current.index(), request),
        ),
        (SectionKind::SinceOutage, since_outage(&facts)),
        (SectionKind::QuietWins, {
            let mut wins = quiet_wins(&facts);
            wins.extend(better::practice(&facts));
            wins
        }),
        (SectionKind::Thanks, thanks(&facts)),
    ]
    .into_iter()
    .flat_map(paragraphs)
    .collect();
    Plan {
        title: title(request),
        headline: headline(&facts),
        sections,
    }
}

fn title(request: &StoryRequest) -> Sentence {
    let first = local_date(request.range.from, request.tz);
    let last = local_date(request.range.to - chrono::Duration::seconds(1), request.tz);
    let args: Args = vec![
        ("from", date_arg(first)),
        ("to", date_arg(last)),
        ("fromDay", first.day().to_string().into()),
        ("year", last.year().to_string().into()),
    ];
    let id = if first == last {
        "story-title-day"
    } else if first.year() != last.year() {
        "story-title-years"
    } else if first.month() == last.month() {
        "story-title-same-month"
    } else {
        "story-title"
    };
    say(id, args)
}

fn days_in(facts: &Facts) -> i64 {
    ((facts.request.told_range().seconds() as f64 / 86_400.0).round() as i64).max(1)
}

fn headline(facts: &Facts) -> Sentence {
    let overall = facts.overall;
    let Some(ratio) = overall.uptime_ratio() else {
        return problems_headline(facts);
    };
    if overall.down == 0 {
        return say("story-headline-perfect", vec![]);
    }
    let percent = phrases::percent(facts.request.lang, ratio, true);
    let id = if ratio >= 0.999 {
        "story-headline-almost"
    } else if ratio >= 0.99 {
        "story-headline-mostly"
    } else {
        "story-headline-rough"
    };
    say(
        id,
        vec![
            ("percent", percent.into()),
            ("unit", facts.request.unit.as_str().into()),
        ],
    )
}

/// With nothing to tell how things ran, the headline leads with what the team did.
fn problems_headline(facts: &Facts) -> Sentence {
    let stats = &facts.report.incidents;
    if facts.counted.is_empty() {
        say("story-headline-no-data", vec![])
    } else if stats.resolved > 0 {
        say(
            "story-headline-fixed",
            vec![
                ("fixed", stats.resolved.into()),
                ("days", days_in(facts).into()),
            ],
        )
    } else {
        say("story-headline-working", vec![("open", stats.open.into())])
    }
}

fn uptime(facts: &Facts, previous: Option<&PeriodData>) -> Vec<Sentence> {
    let request = facts.request;
    let overall = facts.overall;
    if !facts.measured() {
        // Only problems to go on: the comparison of those is all there is to say here.
        return previous
            .and_then(|p| comparison(facts, p))
            .into_iter()
            .collect();
    }
    let locale = facts.locale;
    let days = days_in(facts);
    let mut out = Vec::new();
    match request.audience {
        Audience::Family => {
            let named: Vec<String> = facts
                .data
                .services
                .iter()
                .filter(|s| s.friendly_name.is_some() || s.source == crate::demo::SOURCE)
                .take(2)
                .map(|s| phrases::service_name(locale, s, Audience::Family))
                .collect();
            let count = facts.data.services.len();
            if named.is_empty() {
                out.push(say(
                    "story-looks-after-unnamed",
                    vec![("count", count.into())],
                ));
            } else {
                let names: Vec<&str> = named.iter().map(String::as_str).collect();
                out.push(say(
                    "story-looks-after",
                    vec![
                        ("count", count.into()),
                        ("examples", locale.list(&names).into()),
                    ],
                ));
            }
            if overall.down == 0 {
                out.push(say("story-no-trouble", vec![("days", days.into())]));
            } else {
                out.push(say(
                    "story-trouble",
                    vec![
                        ("duration", duration(locale, overall.down).into()),
                        ("days", days.into()),
                    ],
                ));
                if let Some(comparison) = phrases::everyday(locale, overall.down) {
                    out.push(say(
                        "story-trouble-everyday",
                        vec![("comparison", comparison.into())],
                    ));
                }
            }
            if overall.no_data > 0 {
                out.push(say("story-gaps", vec![]));
            }
        }
        Audience::Team => {
            let count = facts.data.services.len();
            out.push(if overall.down == 0 {
                say("story-team-no-downtime", vec![("count", count.into())])
            } else {
                say(
                    "story-team-downtime",
                    vec![
                        ("duration", duration(locale, overall.down).into()),
                        ("count", count.into()),
                    ],
                )
            });
            if overall.no_data > 0 {
                out.push(say("story-team-gaps", vec![]));
            }
        }
    }
    if let Some(sentence) = previous.and_then(|p| comparison(facts, p)) {
        out.push(sentence);
    }
    out
}

/// "A calmer week than the one before", only when problems and down time agree.
fn comparison(facts: &Facts, previous: &PeriodData) -> Option<Sentence> {
    let request = facts.request;
    let before_range = request.previous_range();
    let mut before = previous.overall(before_range);
    let now_down = facts.overall.down;
    let now_problems = facts.counted.len();
    let before_problems = previous.index().counted_in(before_range).count();
    let before_measured = before.up + before.degraded + before.down > 0;
    match (facts.measured(), before_measured) {
        (true, true) => {}
        // With no uptime now, problems alone are compared, once the period before had some
        // (so the source was already there) and its down time cannot tip the balance.
        (false, _) if before_problems > 0 => before.down = 0,
        _ => return None,
    }
    let args = || {
        vec![
            ("unit", request.unit.as_str().into()),
            ("days", days_in(facts).into()),
        ]
    };
    let quiet = now_problems == 0 && before_problems == 0 && now_down == 0 && before.down == 0;
    let calmer = now_problems <= before_problems
        && now_down <= before.down
        && (now_problems < before_problems || now_down < before.down);
    let busier = now_problems >= before_problems
        && now_down >= before.down
        && (now_problems > before_problems || now_down > before.down);
    if quiet {
        Some(say("story-compare-quiet-too", args()))
    } else if calmer {
        Some(say("story-compare-calmer", args()))
    } else if busier {
        Some(say("story-compare-busier", args()))
    } else {
        None
    }
}

/// Within this long of a big outage's start, a problem is part of the same bad night.
const SAME_NIGHT_HOURS: i64 = 12;

pub(super) fn effect(facts: &Facts, problem: &Problem) -> Effect {
    let Some(service) = problem.counted.service else {
        return Effect::Unknown;
    };
    // What the index keeps of the problem: a year of them is read without their strings.
    let problem = problem.counted;
    let end = problem
        .resolved_at
        .unwrap_or(facts.request.now)
        .min(facts.request.told_range().to);
    let Some(span) = crate::period::TimeRange::new(problem.opened_at, end) else {
        return Effect::Unknown;
    };
    let shown = match problem.shown_while_open {
        // Resolved within the told range: its whole life, which the index has already read.
        Some(shown) if problem.resolved_at == Some(end) => shown,
        // Still open, or resolved after the told range: only this part of it.
        _ => Shown::from(facts.data.index().seconds(Some(service), span)),
    };
    // "Nobody noticed" needs the service's record to show it working all the while, and is
    // never said of a big outage or of anything on the same night as one.
    if shown.down {
        Effect::Down
    } else if shown.degraded {
        Effect::Slow
    } else if shown.up
        && shown.whole
        && !problem.major
        && !near_any(&facts.big_outages, problem.opened_at)
    {
        Effect::Unseen
    } else {
        Effect::Unknown
    }
}

/// Whether any of `sorted` is less than [`SAME_NIGHT_HOURS`] from `at`, either way.
fn near_any(sorted: &[chrono::DateTime<chrono::Utc>], at: chrono::DateTime<chrono::Utc>) -> bool {
    let night = chrono::Duration::hours(SAME_NIGHT_HOURS);
    let (after, before) = (at - night, at + night);
    let first_after = sorted.partition_point(|outage| *outage <= after);
    sorted
        .get(first_after)
        .is_some_and(|outage| *outage < before)
}

fn problems(facts: &Facts) -> Vec<Sentence> {
    let overall = facts.overall;
    if facts.counted.is_empty() {
        let measured = overall.up + overall.degraded + overall.down;
        return if measured > 0 && overall.down == 0 {
            vec![say("story-nothing-broke", vec![])]
        } else {
            vec![]
        };
    }
    let mut out = match facts.request.audience {
        Audience::Family => family_problems(facts),
        Audience::Team => super::team::team_problems(
            facts.locale,
            facts.request,
            &facts.data.services,
            facts.counted_incidents(),
            &facts.report.incidents,
        ),
    };
    if !facts.measured() {
        out.push(match facts.request.audience {
            Audience::Family => say("story-only-problems", vec![]),
            Audience::Team => say("story-team-only-incidents", vec![]),
        });
    }
    out
}

fn family_problems(facts: &Facts) -> Vec<Sentence> {
    let locale = facts.locale;
    let (tz, now) = (facts.request.tz, facts.request.now);
    let total = facts.counted.len();
    let mut out = vec![say("story-problems", vec![("count", total.into())])];
    // Open problems first, then what people noticed most: down before slow, longest first;
    // ties in the order they happened. Only the first few are told, so only they are sorted.
    // The ranks are worked out once each: comparing would otherwise read the incidents again
    // and again while choosing.
    let mut ranked: Vec<_> = facts
        .counted
        .iter()
        .enumerate()
        .map(|(k, problem)| {
            let effect = effect(facts, problem);
            let kept = problem.counted;
            let length = kept.resolved_at.unwrap_or(now) - kept.opened_at;
            let rank = (
                kept.resolved_at.is_some(),
                effect,
                !kept.major,
                std::cmp::Reverse(length),
                kept.opened_at,
                k,
            );
            (rank, problem.incident, effect)
        })
        .collect();
    if ranked.len() > FAMILY_LISTED {
        ranked.select_nth_unstable_by_key(FAMILY_LISTED, |(rank, ..)| *rank);
        ranked.truncate(FAMILY_LISTED);
    }
    ranked.sort_by_key(|(rank, ..)| *rank);
    let ranked: Vec<(&Incident, Effect)> = ranked
        .into_iter()
        .map(|(_, incident, effect)| (incident, effect))
        .collect();
    let listed_open = ranked
        .iter()
        .take(FAMILY_LISTED)
        .filter(|(i, _)| i.resolved_at.is_none())
        .count();
    let mut parts = PartNames::default();
    // How many problems told so far had nothing to show what people noticed: their sentences
    // take turns, so three in a row do not read the same.
    let mut unknown_told = 0;
    for (k, (incident, effect)) in ranked.iter().take(FAMILY_LISTED).enumerate() {
        let service = parts.name(locale, incident, &facts.data.services);
        let sentence = match incident.seconds_to_resolve() {
            None => {
                let id = match effect {
                    Effect::Down => "story-problem-open-down",
                    Effect::Slow => "story-problem-open-slow",
                    Effect::Unseen => "story-problem-open-unseen",
                    Effect::Unknown => "story-problem-open",
                };
                let since = phrases::since(locale, incident.opened_at, tz);
                say(
                    id,
                    vec![("service", service.into()), ("since", since.into())],
                )
            }
            Some(time) => {
                let mut args: Args = vec![
                    ("service", service.into()),
                    ("duration", duration(locale, time).into()),
                    ("when", phrases::when(locale, incident.opened_at, tz).into()),
                ];
                let id = match effect {
                    Effect::Down => "story-problem-down",
                    Effect::Slow => "story-problem-slow",
                    Effect::Unseen => "story-problem-unseen",
                    Effect::Unknown => {
                        let nth = match unknown_told {
                            0 if incident.severity == Severity::Major => "big",
                            0 => "first",
                            1 => "second",
                            _ => "other",
                        };
                        unknown_told += 1;
                        args.push(("nth", nth.into()));
                        "story-problem-fixed"
                    }
                };
                say(id, args)
            }
        };
        out.push(sentence);
        if k + 1 == listed_open {
            out.push(say("story-working-on", vec![("count", listed_open.into())]));
        }
    }
    let unlisted = total.saturating_sub(FAMILY_LISTED);
    if unlisted > 0 {
        out.push(say("story-problems-more", vec![("count", unlisted.into())]));
    }
    let stats = &facts.report.incidents;
    // Without uptime the headline already says how many were fixed.
    if total > 1 && stats.resolved > 0 && facts.measured() {
        if stats.resolved as usize == total {
            out.push(say("story-fixed-all", vec![]));
        } else {
            out.push(say(
                "story-fixed-some",
                vec![("fixed", stats.resolved.into())],
            ));
        }
    }
    if stats.open > listed_open as u64 {
        out.push(say("story-still-open", vec![("count", stats.open.into())]));
    }
    out.extend(fix_times(locale, stats, "story-fix-times"));
    out
}

/// The typical and the longest fix (message `id`), once at least two problems were fixed.
pub(super) fn fix_times(
    locale: &Locale,
    stats: &crate::stats::IncidentStats,
    id: &'static str,
) -> Option<Sentence> {
    let (true, Some(typical), Some(longest)) = (
        stats.resolved >= 2,
        stats.median_seconds_to_resolve,
        stats.longest_seconds_to_resolve,
    ) else {
        return None;
    };
    Some(say(
        id,
        vec![
            ("typical", duration(locale, typical).into()),
            ("longest", duration(locale, longest).into()),
        ],
    ))
}

fn since_outage(facts: &Facts) -> Vec<Sentence> {
    let Some(at) = facts.data.last_major_incident_at else {
        return vec![];
    };
    let request = facts.request;
    let date = date_arg(local_date(at, request.tz));
    if request.told_range().contains(at) {
        return vec![say("story-outage-in-period", vec![("date", date)])];
    }
    match facts.report.days_since_major_incident {
        Some(days) if days > 0 => vec![say(
            "story-since-outage",
            vec![("date", date), ("days", days.into())],
        )],
        _ => vec![],
    }
}

fn quiet_wins(facts: &Facts) -> Vec<Sentence> {
    let locale = facts.locale;
    let mut out = Vec::new();
    let updates = facts.data.updates_shipped;
    if updates > 0 {
        let id = if facts.counted.is_empty() {
            "story-updates-clean"
        } else {
            "story-updates"
        };
        let id = match facts.request.audience {
            Audience::Family => id,
            Audience::Team => "story-team-deploys",
        };
        out.push(say(id, vec![("count", updates.into())]));
    }
    let seconds = better::upkeep_seconds(facts);
    if seconds > 0 {
        // Nobody noticed when no problem was opened during any of it. Problems are opened
        // in the told range, so a window holding one overlaps the range.
        let upkeep = facts.data.index().upkeep();
        let noticed = facts
            .counted
            .iter()
            .any(|incident| upkeep.covers(incident.opened_at));
        let id = match (facts.request.audience, noticed) {
            (Audience::Family, true) => "story-upkeep",
            (Audience::Family, false) => "story-upkeep-unnoticed",
            (Audience::Team, true) => "story-team-maintenance",
            (Audience::Team, false) => "story-team-maintenance-unnoticed",
        };
        out.push(say(
            id,
            vec![("duration", duration(locale, seconds).into())],
        ));
    }
    out
}

fn thanks(facts: &Facts) -> Vec<Sentence> {
    let notes = &facts.data.thanks;
    if notes.is_empty() {
        return vec![];
    }
    let mut seen = BTreeSet::new();
    let mut recipients: Vec<&str> = Vec::new();
    let mut ordered: Vec<_> = notes.iter().collect();
    ordered.sort_by_key(|n| n.created_at);
    for note in ordered {
        for name in &note.recipients {
            if seen.insert(name.as_str()) {
                recipients.push(name);
            }
        }
    }
    vec![say(
        "story-thanks",
        vec![
            ("count", notes.len().into()),
            (
                "names",
                phrases::people(facts.locale, &recipients, facts.request.audience).into(),
            ),
        ],
    )]
}

#[cfg(test)]
mod near_tests {
    use super::near_any;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn a_problem_is_near_an_outage_less_than_twelve_hours_either_way() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
        let outages = [at - Duration::days(3), at + Duration::days(3)];
        assert!(!near_any(&outages, at));
        assert!(!near_any(&[], at));
        for gap in [Duration::hours(12), Duration::hours(13)] {
            assert!(!near_any(&[at - gap], at));
            assert!(!near_any(&[at + gap], at));
        }
        for gap in [
            Duration::zero(),
            Duration::hours(11),
            Duration::hours(12) - Duration::seconds(1),
        ] {
            assert!(near_any(
                &[at - Duration::days(5), at - gap, at + Duration::days(5)],
                at
            ));
            assert!(near_any(&[at + gap], at));
        }
    }
}

//! "What got better" and the practice nobody noticed, on the demo team and on small teams.

use super::super::*;
use crate::demo;
use crate::model::{Explanation, IncidentKind, Severity, Status};
use crate::period::PeriodKind;
use crate::testing;
use chrono::{Duration, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn tell_range(data: &Dataset, range: TimeRange, lang: Lang, audience: Audience) -> Story {
    let hours = WorkingHours::default();
    tell_dataset(
        data,
        &StoryRequest::new(lang, audience, range, chrono_tz::UTC, now(), &hours),
    )
}

fn ninety_days(data: &Dataset, lang: Lang, audience: Audience) -> Story {
    let range = TimeRange::new(now() - Duration::days(90), now()).unwrap();
    tell_range(data, range, lang, audience)
}

fn this_week(data: &Dataset, lang: Lang, audience: Audience) -> Story {
    let range = PeriodKind::ThisWeek.range(now(), chrono_tz::UTC);
    tell_range(data, range, lang, audience)
}

fn section(story: &Story, kind: SectionKind) -> Option<String> {
    story
        .sections
        .iter()
        .position(|s| s.kind == kind)
        .map(|k| story.paragraphs[k].clone())
}

fn better(story: &Story) -> Option<String> {
    section(story, SectionKind::WhatGotBetter)
}

/// A shop with one service, up the whole week, and the incidents given.
fn shop(incidents: Vec<Incident>) -> Dataset {
    Dataset {
        services: vec![Service {
            id: "t/shop".into(),
            source: "t".into(),
            external_id: "shop".into(),
            name: "shop-web-prod".into(),
            friendly_name: Some("the online shop".into()),
        }],
        intervals: vec![Interval::new(
            "t/shop",
            now() - Duration::days(14),
            now(),
            Status::Up,
        )],
        incidents,
        ..Dataset::default()
    }
}

/// A problem on the shop `hours_ago`, fixed by Ana in `minutes`.
fn problem(number: u32, hours_ago: i64, minutes: i64) -> Incident {
    let opened = now() - Duration::hours(hours_ago);
    let mut incident = testing::incident("t", &number.to_string(), "t/shop", opened, Some(minutes));
    incident.resolved_by = Some("Ana".into());
    incident.responders = vec!["Ana".into()];
    incident
}

fn explained(mut incident: Incident, text: &str) -> Incident {
    incident.explanation = Some(Explanation {
        incident_id: incident.id.clone(),
        text: text.into(),
        practice: false,
        written_by: "Ana".into(),
        written_at: now(),
        edited_by: None,
        edited_at: None,
    });
    incident
}

fn planned(mut incident: Incident, kind: IncidentKind) -> Incident {
    incident.kind = kind;
    incident
}

#[test]
fn the_demos_ninety_days_tell_what_got_better_most_important_first_in_both_languages() {
    let data = demo::team(now());
    let en = ninety_days(&data, Lang::En, Audience::Family);
    assert_eq!(
        better(&en).unwrap(),
        "After the checkout page stopped working in the early hours of Monday 19 October, the \
         team made a change. We found what broke and fixed it for good. Now a warning goes off \
         before customers see a problem. After order emails stopped working in the early hours \
         of Tuesday 17 November, the team made a change. Order emails now go out from two \
         places. If one gets stuck, the other sends them. After card payments stopped working \
         late on Thursday 26 November, the team made a change. We added a second card company. \
         If one stops, the other takes over."
    );
    let kinds: Vec<SectionKind> = en.sections.iter().map(|s| s.kind).collect();
    let problems = kinds.iter().position(|k| *k == SectionKind::Problems);
    let next = kinds.iter().position(|k| *k == SectionKind::WhatGotBetter);
    assert_eq!(next, problems.map(|p| p + 1), "right after the problems");
    // The drills' time is planned, but told as practice, not as upkeep: two hours of upkeep.
    assert!(section(&en, SectionKind::QuietWins).unwrap().contains(
        "They also did about 2 hours of planned upkeep, and nobody noticed. Planned upkeep is \
         work done at a set time to keep things healthy. The team also switched off order \
         emails and book search on purpose twice, to practise for a bad day. Customers did \
         not notice."
    ));

    let es = ninety_days(&data, Lang::Es, Audience::Family);
    let text = better(&es).unwrap();
    assert!(
        text.starts_with(
            "Tras los fallos en la página de pago el lunes 19 de octubre de madrugada, el equipo \
             hizo un cambio. Encontramos lo que falló y lo arreglamos del todo."
        ),
        "{text}"
    );
    assert!(text.ends_with("Añadimos otra empresa de tarjetas. Si una falla, la otra sigue."));
    assert!(section(&es, SectionKind::QuietWins).unwrap().contains(
        "El equipo también apagó los correos de los pedidos y el buscador de libros a propósito \
         dos veces, para ensayar un mal día. Los clientes no lo notaron."
    ));
}

#[test]
fn the_team_story_says_who_wrote_it_and_counts_fixed_incidents_without_one() {
    let data = demo::team(now());
    let week = this_week(&data, Lang::En, Audience::Team);
    assert_eq!(
        better(&week).unwrap(),
        "Card payments: Card payments timing out. What got better, by Ben: We added a second \
         card company. If one stops, the other takes over. 2 fixed incidents have no “what got \
         better” yet. You can add one on each incident’s card."
    );
    let family = this_week(&data, Lang::En, Audience::Family);
    assert_eq!(
        better(&family).unwrap(),
        "After card payments stopped working late on Thursday 26 November, the team made a \
         change. We added a second card company. If one stops, the other takes over."
    );
    let quarter = ninety_days(&data, Lang::Es, Audience::Team);
    assert!(better(&quarter).unwrap().ends_with(
        "16 incidencias arregladas aún no tienen «qué mejoró». Puedes añadirlo en la tarjeta de \
         cada una."
    ));
    assert!(section(&quarter, SectionKind::QuietWins).unwrap().contains(
        "2 simulacros: los correos de los pedidos y el buscador de libros, sin ninguna \
         incidencia mientras duraron."
    ));
}

#[test]
fn without_any_text_the_family_story_leaves_the_section_out_and_the_team_gets_a_nudge() {
    let mut with_source_text = problem(1, 30, 12);
    with_source_text.source_explanation =
        Some("Root cause: the TLS certificate on the load balancer expired.".into());
    let data = shop(vec![with_source_text, problem(2, 50, 5)]);
    for lang in Lang::ALL {
        let family = this_week(&data, lang, Audience::Family);
        assert_eq!(better(&family), None, "{lang:?}");
        assert!(!family.to_text().contains("Root cause"), "{lang:?}");
        let team = this_week(&data, lang, Audience::Team);
        assert!(!team.to_text().contains("Root cause"), "{lang:?}");
        let nudge = better(&team).unwrap();
        let expected = match lang {
            Lang::En => "2 fixed incidents have no “what got better” yet.",
            Lang::Es => "2 incidencias arregladas aún no tienen «qué mejoró».",
        };
        assert!(nudge.starts_with(expected), "{nudge}");
    }
    // Nothing fixed, nothing to nudge about.
    let quiet = shop(vec![]);
    assert_eq!(better(&this_week(&quiet, Lang::En, Audience::Team)), None);
}

#[test]
fn the_family_story_tells_three_major_and_longest_first_and_counts_the_rest() {
    let mut major = problem(1, 100, 5);
    major.severity = Severity::Major;
    let data = shop(vec![
        explained(problem(2, 30, 40), "Second."),
        explained(problem(3, 20, 10), "Fourth."),
        explained(major, "First."),
        explained(problem(4, 40, 20), "Third."),
    ]);
    let family = better(&this_week(&data, Lang::En, Audience::Family)).unwrap();
    let order: Vec<usize> = ["First.", "Second.", "Third."]
        .iter()
        .map(|w| family.find(w).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{family}");
    assert!(!family.contains("Fourth."));
    assert!(
        family.ends_with("The team made one more change like these."),
        "{family}"
    );
    let team = better(&this_week(&data, Lang::En, Audience::Team)).unwrap();
    assert!(
        team.contains("Fourth.") && !team.contains("more change"),
        "{team}"
    );
    let es = better(&this_week(&data, Lang::Es, Audience::Family)).unwrap();
    assert!(es.ends_with("El equipo hizo otro cambio así."), "{es}");
}

#[test]
fn hostile_text_comes_through_unchanged_and_the_story_still_holds() {
    let long = "Plain words. ".repeat(834);
    assert!(long.len() > 10_000);
    let vectors = [
        "<script>alert('xss')</script>",
        "\"><img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "javascript:alert(document.cookie)",
        "{{constructor.constructor('alert(1)')()}}",
        "' OR '1'='1'; DROP TABLE incidents; --",
        "{ $text } { -brand } {\"\"}",
        "\u{202E}gnp.exe\u{202C} \u{200F}مرحبا\u{200E} שלום",
        "%3Cscript%3E &lt;b&gt; &amp; \\u003c",
        long.trim_end(),
    ];
    for (k, text) in vectors.iter().enumerate() {
        let data = shop(vec![explained(problem(k as u32 + 1, 30, 12), text)]);
        for lang in Lang::ALL {
            for audience in Audience::ALL {
                let story = this_week(&data, lang, audience);
                let paragraph = better(&story).unwrap();
                assert!(paragraph.contains(text), "{lang:?} {audience:?} vector {k}");
                assert_eq!(story.sections.len(), story.paragraphs.len());
                for (section, paragraph) in story.sections.iter().zip(&story.paragraphs) {
                    let joined: String = section.parts.iter().map(StoryPart::text).collect();
                    assert_eq!(&joined, paragraph);
                }
                assert!(section(&story, SectionKind::Problems).is_some());
                assert!(story.headline.starts_with(match lang {
                    Lang::En => "Everything",
                    Lang::Es => "Todo",
                }));
            }
        }
    }
}

#[test]
fn drills_are_counted_in_words_and_told_unnoticed_only_when_nothing_overlapped() {
    let drill = |n: u32, hours_ago: i64| planned(problem(n, hours_ago, 30), IncidentKind::Drill);
    let cases = [
        (
            vec![drill(1, 30)],
            Lang::En,
            "The team also switched off the online shop on purpose, to practise for a bad day. \
             Customers did not notice.",
        ),
        (
            vec![drill(1, 30), drill(2, 60)],
            Lang::Es,
            "El equipo también apagó the online shop a propósito dos veces, para ensayar un mal \
             día. Los clientes no lo notaron.",
        ),
        (
            vec![drill(1, 30), drill(2, 60), drill(3, 90)],
            Lang::En,
            "The team also switched off the online shop on purpose 3 times, to practise for a \
             bad day. Customers did not notice.",
        ),
        (
            // A real problem during the drill: no claim that nobody noticed.
            vec![drill(1, 30), problem(2, 30, 10)],
            Lang::En,
            "The team also switched off the online shop on purpose, to practise for a bad day.",
        ),
    ];
    for (incidents, lang, expected) in cases {
        let noticed = incidents.iter().any(|i| i.kind == IncidentKind::Problem);
        let story = this_week(&shop(incidents), lang, Audience::Family);
        let wins = section(&story, SectionKind::QuietWins).unwrap();
        assert!(wins.contains(expected), "{wins}");
        assert_eq!(
            wins.contains("did not notice"),
            lang == Lang::En && !noticed
        );
        let problems = section(&story, SectionKind::Problems).unwrap_or_default();
        assert!(
            noticed || !problems.contains("problem"),
            "a drill is not a problem: {problems}"
        );
    }
}

#[test]
fn a_drill_is_noticed_only_when_a_problem_on_its_service_was_open_during_it() {
    // The drill: 30 hours ago, for 30 minutes.
    let drill = planned(problem(1, 30, 30), IncidentKind::Drill);
    let drill_start = drill.opened_at;
    let drill_end = drill_start + Duration::minutes(30);
    let on = |number: u32, service: &str, opened: DateTime<Utc>, ended: Option<DateTime<Utc>>| {
        let mut incident = problem(number, 0, 0);
        incident.service_id = Some(service.into());
        incident.opened_at = opened;
        incident.resolved_at = ended;
        incident
    };
    let hours = Duration::hours;
    let cases = [
        (
            "opened the day before and still open",
            vec![on(2, "t/shop", drill_start - hours(10), None)],
            true,
        ),
        (
            "over an hour before",
            vec![on(
                2,
                "t/shop",
                drill_start - hours(10),
                Some(drill_start - hours(1)),
            )],
            false,
        ),
        (
            "over the moment it began",
            vec![on(2, "t/shop", drill_start - hours(10), Some(drill_start))],
            false,
        ),
        (
            "opened the moment it ended",
            vec![on(2, "t/shop", drill_end, Some(drill_end + hours(1)))],
            false,
        ),
        (
            "on another service, during it",
            vec![on(2, "t/search", drill_start, Some(drill_end))],
            false,
        ),
        (
            // The long one opened first; a later short one ended long before the drill.
            "a long one among short ones",
            vec![
                on(
                    2,
                    "t/shop",
                    drill_start - hours(20),
                    Some(drill_start + Duration::minutes(5)),
                ),
                on(
                    3,
                    "t/shop",
                    drill_start - hours(19),
                    Some(drill_start - hours(18)),
                ),
                on(
                    4,
                    "t/shop",
                    drill_end + hours(1),
                    Some(drill_end + hours(2)),
                ),
            ],
            true,
        ),
    ];
    for (case, problems, noticed) in cases {
        let mut incidents = vec![drill.clone()];
        incidents.extend(problems);
        let story = this_week(&shop(incidents), Lang::En, Audience::Family);
        let wins = section(&story, SectionKind::QuietWins).unwrap();
        assert!(wins.contains("to practise for a bad day"), "{case}: {wins}");
        assert_eq!(wins.contains("did not notice"), !noticed, "{case}: {wins}");
    }
}

#[test]
fn practice_marked_by_a_person_is_a_drill_and_upkeep_records_are_told_without_uptime_data() {
    let mut practice = explained(problem(1, 30, 20), "");
    if let Some(e) = practice.explanation.as_mut() {
        e.practice = true;
    }
    let story = this_week(&shop(vec![practice]), Lang::En, Audience::Family);
    assert!(
        section(&story, SectionKind::QuietWins)
            .unwrap()
            .contains("on purpose")
    );
    assert_eq!(better(&story), None);

    // Only incident records, no uptime source (as with PagerDuty alone).
    let mut data = shop(vec![
        planned(problem(1, 30, 60), IncidentKind::Maintenance),
        planned(problem(2, 80, 60), IncidentKind::Maintenance),
    ]);
    data.intervals.clear();
    for (lang, audience, expected) in [
        (
            Lang::En,
            Audience::Family,
            "The team also did planned upkeep twice, and nobody noticed.",
        ),
        (
            Lang::Es,
            Audience::Family,
            "También hicieron mantenimiento programado dos veces, y nadie lo notó.",
        ),
        (
            Lang::En,
            Audience::Team,
            "Planned maintenance: 2 times, with no incident during them.",
        ),
    ] {
        let story = this_week(&data, lang, audience);
        let wins = section(&story, SectionKind::QuietWins).unwrap();
        assert!(wins.contains(expected), "{wins}");
    }
    // With uptime data showing the upkeep, its duration tells it once, not twice.
    let mut shown = shop(vec![planned(problem(1, 30, 60), IncidentKind::Maintenance)]);
    shown.intervals = vec![
        Interval::new(
            "t/shop",
            now() - Duration::days(14),
            now() - Duration::hours(30),
            Status::Up,
        ),
        Interval::new(
            "t/shop",
            now() - Duration::hours(30),
            now() - Duration::hours(29),
            Status::Maintenance,
        ),
        Interval::new("t/shop", now() - Duration::hours(29), now(), Status::Up),
    ];
    let wins = section(
        &this_week(&shown, Lang::En, Audience::Family),
        SectionKind::QuietWins,
    )
    .unwrap();
    assert!(
        wins.contains("about an hour of planned upkeep") && !wins.contains("once"),
        "{wins}"
    );
}

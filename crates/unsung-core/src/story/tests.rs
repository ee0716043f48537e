//! The story engine on the demo team and the generated teams: what each section says, in both
//! languages, for both audiences.

use super::*;
use crate::glossary;
use crate::locale::locale;
use crate::period::PeriodKind;
use crate::scenarios;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn story_of(data: &Dataset, kind: PeriodKind, lang: Lang, audience: Audience, tz: Tz) -> Story {
    let hours = WorkingHours::default();
    let range = kind.range(now(), tz);
    tell_dataset(
        data,
        &StoryRequest::new(lang, audience, range, tz, now(), &hours),
    )
}

fn demo_week(lang: Lang, audience: Audience) -> Story {
    story_of(
        &crate::demo::dataset(now()),
        PeriodKind::ThisWeek,
        lang,
        audience,
        chrono_tz::UTC,
    )
}

fn has(story: &Story, sentence: &str) {
    let text = story.to_text();
    assert!(text.contains(sentence), "missing {sentence:?} in:\n{text}");
}

#[test]
fn the_demo_week_for_the_family_puts_the_result_first_and_explains_its_one_term() {
    let story = demo_week(Lang::En, Audience::Family);
    assert_eq!(story.title, "Monday 23 to Sunday 29 November 2026");
    assert_eq!(
        story.headline,
        "Everything worked almost all the time (99.96%)."
    );
    for sentence in [
        "All together, things were broken for about 22 minutes in 7 days.",
        "That is less than a lunch break.",
        "There was more to fix than the week before.",
        "There were 4 problems.",
        "The mobile app has been slow since 18:00 on Sunday 29 November. The team is working on it.",
        "Card payments stopped working for about 18 minutes late on Thursday 26 November.",
        "Ben got up in the night to take care of a problem.",
        "Emma gave up part of a day off to take care of a problem.",
        "The last big outage was on Monday 19 October. An outage is when something stops working for everyone. Since then, 41 days have gone by without one.",
        "Teammates sent one thank-you note, to Ben.",
    ] {
        has(&story, sentence);
    }
    let text = story.to_text();
    for technical in ["api-gw-prod", "payments-svc", "demo/", "incident"] {
        assert!(!text.contains(technical), "{technical} in:\n{text}");
    }
    let ids: Vec<&str> = story.terms.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["outage"]);
}

#[test]
fn the_demo_week_in_spanish_is_told_in_spanish_with_spanish_names_and_dates() {
    let story = demo_week(Lang::Es, Audience::Family);
    assert_eq!(
        story.title,
        "Del lunes 23 al domingo 29 de noviembre de 2026"
    );
    assert_eq!(
        story.headline,
        "Todo funcionó bien casi siempre (99,96\u{a0}%)."
    );
    for sentence in [
        "En total, hubo fallos durante unos 22 minutos en 7 días. Es menos que una sobremesa.",
        "En los pagos con tarjeta hubo fallos durante unos 18 minutos, el jueves 26 de noviembre por la noche.",
        "Ben se levantó de noche para ocuparse de un problema.",
        "La última gran caída fue el lunes 19 de octubre. Una caída es cuando algo deja de funcionar para todos.",
        "Los compañeros dejaron una nota de gracias para Ben.",
    ] {
        has(&story, sentence);
    }
    let text = story.to_text();
    for english in ["the online shop", "Card payments", " the ", " and "] {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
}

#[test]
fn the_team_story_names_services_and_incidents_and_marks_terms_without_explaining_them() {
    let story = demo_week(Lang::En, Audience::Team);
    has(
        &story,
        "Downtime added up to about 22 minutes across 7 services.",
    );
    has(
        &story,
        "Card payments: Card payments timing out. Ben fixed it in about 18 minutes, late on Thursday 26 November.",
    );
    has(
        &story,
        "The mobile app: Some app users see old prices. Still open since 18:00 on Sunday 29 November.",
    );
    has(&story, "Median time to fix: about 7 minutes.");
    let explanations = story
        .sections
        .iter()
        .flat_map(|s| &s.parts)
        .filter(|p| matches!(p, StoryPart::Explanation { .. }))
        .count();
    assert_eq!(explanations, 0);
    let marked: Vec<&str> = story
        .sections
        .iter()
        .flat_map(|s| &s.parts)
        .filter_map(|p| match p {
            StoryPart::Term { term, .. } => Some(term.as_str()),
            _ => None,
        })
        .collect();
    for term in [
        "downtime",
        "service",
        "incident",
        "median",
        "time-to-fix",
        "outage",
        "deploy",
    ] {
        assert!(marked.contains(&term), "{term} not marked: {marked:?}");
    }
}

#[test]
fn parts_join_into_the_paragraphs_and_each_term_is_explained_once() {
    for (name, data) in scenarios::all(now()) {
        for lang in Lang::ALL {
            let story = story_of(
                &data,
                PeriodKind::ThisYear,
                lang,
                Audience::Family,
                chrono_tz::UTC,
            );
            assert_eq!(story.sections.len(), story.paragraphs.len(), "{name}");
            for (section, paragraph) in story.sections.iter().zip(&story.paragraphs) {
                let joined: String = section.parts.iter().map(StoryPart::text).collect();
                assert_eq!(&joined, paragraph, "{name}");
            }
            let mut explained: Vec<&str> = story
                .sections
                .iter()
                .flat_map(|s| &s.parts)
                .filter_map(|p| match p {
                    StoryPart::Explanation { term, .. } => Some(term.as_str()),
                    _ => None,
                })
                .collect();
            let count = explained.len();
            explained.dedup();
            assert_eq!(explained.len(), count, "{name} {lang:?}: explained twice");
            assert_eq!(
                explained,
                story
                    .terms
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect::<Vec<_>>(),
                "{name} {lang:?}"
            );
        }
    }
}

#[test]
fn a_section_with_nothing_to_say_is_left_out() {
    let quiet = story_of(
        &scenarios::calm_week(now()),
        PeriodKind::ThisWeek,
        Lang::En,
        Audience::Family,
        chrono_tz::UTC,
    );
    let kinds: Vec<SectionKind> = quiet.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Uptime,
            SectionKind::Problems,
            SectionKind::QuietWins,
            SectionKind::Thanks
        ]
    );
    assert_eq!(quiet.headline, "Everything worked the whole time.");
    has(&quiet, "Not one minute of trouble in 7 days.");
    has(&quiet, "It was a calmer week than the one before.");
    has(&quiet, "Nothing broke.");
    has(&quiet, "and none of them caused trouble.");
    has(
        &quiet,
        "of planned upkeep, and nobody noticed. Planned upkeep is work done at a set time",
    );
    let text = quiet.to_text();
    assert!(!text.contains(" 0 ") && !text.contains("zero"), "{text}");

    let empty = story_of(
        &Dataset::default(),
        PeriodKind::ThisWeek,
        Lang::Es,
        Audience::Family,
        chrono_tz::UTC,
    );
    assert!(empty.sections.is_empty());
    assert_eq!(
        empty.headline,
        "Aún no sabemos cómo fueron las cosas en estas fechas."
    );
}

#[test]
fn a_quiet_week_after_a_quiet_week_says_so() {
    let data = scenarios::calm_week(now());
    // Last week had the calm week's one problem; two weeks ago had nothing at all.
    let hours = WorkingHours::default();
    let range = PeriodKind::LastWeek.range(now() - chrono::Duration::days(7), chrono_tz::UTC);
    let request = StoryRequest::new(
        Lang::En,
        Audience::Family,
        range,
        chrono_tz::UTC,
        now(),
        &hours,
    );
    assert_eq!(request.unit, PeriodUnit::Week);
    let story = tell_dataset(&data, &request);
    has(&story, "The week before was just as calm.");
}

#[test]
fn the_readers_time_zone_decides_dates_parts_of_the_day_and_working_hours() {
    let data = crate::demo::dataset(now());
    let madrid: Tz = "Europe/Madrid".parse().unwrap();
    let story = story_of(
        &data,
        PeriodKind::ThisWeek,
        Lang::En,
        Audience::Family,
        madrid,
    );
    // 23:40 UTC on Thursday is 00:40 on Friday in Madrid.
    has(
        &story,
        "Card payments stopped working for about 18 minutes in the early hours of Friday 27 November.",
    );
    let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
    let story = story_of(
        &data,
        PeriodKind::Last30Days,
        Lang::En,
        Audience::Family,
        tokyo,
    );
    // Tuesday 14:05 UTC is 23:05 in Tokyo: Chloe's fix of the slow shop becomes night work.
    let night = story
        .paragraphs
        .iter()
        .find(|p| p.contains("got up in the night"))
        .unwrap();
    assert!(night.contains("Chloe"), "{night}");
}

#[test]
fn an_incident_card_summary_is_one_plain_sentence_in_each_language() {
    let data = crate::demo::dataset(now());
    let payments = data
        .incidents
        .iter()
        .find(|i| i.external_id == "118")
        .unwrap();
    assert_eq!(
        incident_summary(Lang::En, payments, &data.services, 0),
        "Card payments had a problem for about 18 minutes. Ben fixed it."
    );
    assert_eq!(
        incident_summary(Lang::Es, payments, &data.services, 0),
        "En los pagos con tarjeta hubo un problema durante unos 18 minutos. Lo arregló Ben."
    );
}

#[test]
fn family_stories_never_show_a_technical_name_even_without_a_friendly_one() {
    let data = scenarios::many_services(now(), 200);
    for lang in Lang::ALL {
        let story = story_of(
            &data,
            PeriodKind::ThisMonth,
            lang,
            Audience::Family,
            chrono_tz::UTC,
        );
        let text = story.to_text();
        assert!(!text.contains("api-gw-"), "{text}");
        assert!(glossary::unexplained(&text, lang).is_empty(), "{text}");
        let team = story_of(
            &data,
            PeriodKind::ThisMonth,
            lang,
            Audience::Team,
            chrono_tz::UTC,
        );
        assert!(
            team.to_text().contains("api-gw-"),
            "the team sees the real names"
        );
    }
}

/// A team with only PagerDuty: incidents, no uptime, five responders, internal names.
fn pagerduty(kind: PeriodKind, lang: Lang, audience: Audience) -> Story {
    story_of(
        &scenarios::pagerduty_team(now()),
        kind,
        lang,
        audience,
        chrono_tz::UTC,
    )
}

fn count(text: &str, words: &str) -> usize {
    text.matches(words).count()
}

#[test]
fn with_no_uptime_the_story_leads_with_what_the_team_did_and_says_only_problems_count() {
    let en = pagerduty(PeriodKind::Last30Days, Lang::En, Audience::Family);
    assert_eq!(en.headline, "The team fixed 66 problems in 30 days.");
    has(
        &en,
        "This story counts only the problems. No tool here tells us how much of the time things worked.",
    );
    // Problems alone are compared with the period before, when that one had any.
    assert_eq!(
        en.paragraphs[0],
        "There was more to fix than in the 30 days before."
    );
    let year = pagerduty(PeriodKind::ThisYear, Lang::En, Audience::Family);
    assert!(
        year.paragraphs[0].starts_with("There were 268 problems."),
        "{:?}",
        year.paragraphs
    );
    let es = pagerduty(PeriodKind::Last30Days, Lang::Es, Audience::Family);
    assert_eq!(es.headline, "El equipo arregló 66 problemas en 30 días.");
    has(&es, "Esta historia solo cuenta los problemas.");
    for story in [&en, &es] {
        let text = story.to_text();
        for never in [
            "no record",
            "Aún no sabemos",
            "fixed 66 of them",
            "66 de ellos",
        ] {
            assert!(!text.contains(never), "{never:?} in:\n{text}");
        }
    }
    let team = pagerduty(PeriodKind::Last30Days, Lang::En, Audience::Team);
    assert_eq!(team.headline, "The team fixed 66 problems in 30 days.");
    has(
        &team,
        "No source gives uptime, so only incidents are counted.",
    );
    // A team with uptime keeps its result first.
    assert!(
        demo_week(Lang::En, Audience::Family)
            .headline
            .starts_with("Everything worked")
    );
}

#[test]
fn problems_still_open_are_said_to_be_worked_on_once() {
    let en = pagerduty(PeriodKind::ThisWeek, Lang::En, Audience::Family);
    has(
        &en,
        "One part of the system has had a problem since 15:00 on Sunday 29 November. Another part of the system has had a problem since 17:00 on Sunday 29 November. The team is working on them.",
    );
    assert_eq!(count(&en.to_text(), "working on"), 1, "{}", en.to_text());
    let es = pagerduty(PeriodKind::ThisWeek, Lang::Es, Audience::Family);
    assert_eq!(count(&es.to_text(), "el equipo trabaja"), 0);
    assert_eq!(count(&es.to_text(), "El equipo ya está en ello."), 1);
}

#[test]
fn parts_without_friendly_names_are_told_apart_and_friendly_names_are_used() {
    for kind in PeriodKind::ALL {
        let text = pagerduty(kind, Lang::En, Audience::Family).to_text();
        assert!(
            count(&text, "one part of the system") <= 1,
            "{kind:?}:\n{text}"
        );
        assert!(count(&text, "a problem with") <= 1, "{kind:?}:\n{text}");
    }
    let month = pagerduty(PeriodKind::Last30Days, Lang::En, Audience::Family);
    has(&month, "Another part of the system has had a problem");
    has(&month, "The biggest problem hit a third part of the system");
    let es = pagerduty(PeriodKind::Last30Days, Lang::Es, Audience::Family).to_text();
    assert_eq!(count(&es, "una parte del sistema"), 1, "{es}");
    let named = story_of(
        &scenarios::pagerduty_team_named(now()),
        PeriodKind::Last30Days,
        Lang::En,
        Audience::Family,
        chrono_tz::UTC,
    );
    has(
        &named,
        "The biggest problem hit the checkout page in the early hours of Tuesday 17 November. The team fixed it in about 3 hours.",
    );
}

#[test]
fn the_same_part_is_called_the_same_part_when_it_comes_back() {
    let data = scenarios::pagerduty_team(now());
    let en = locale(Lang::En);
    let by_service = |service: usize| {
        data.incidents
            .iter()
            .find(|i| i.service_id.as_deref() == Some(data.services[service].id.as_str()))
            .unwrap()
    };
    let mut parts = phrases::PartNames::default();
    let told: Vec<String> = [0, 1, 0, 2, 3]
        .into_iter()
        .map(|service| parts.name(en, by_service(service), &data.services))
        .collect();
    assert_eq!(
        told,
        [
            "one part of the system",
            "another part of the system",
            "the same part of the system",
            "a third part of the system",
            "one more part of the system",
        ]
    );
}

/// Three services fully covered by uptime: the big outage takes `a` down at 02:00 on 17
/// November; `b` has a small problem the same night and `c` one two days later, both while
/// their records show them working; `d` has one with no record at all.
fn covered_team() -> Dataset {
    let at = |day: u32, hour: u32| Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap();
    let mut data = Dataset::default();
    for key in ["a", "b", "c", "d"] {
        data.services.push(crate::model::Service {
            id: format!("t/{key}"),
            source: "t".into(),
            external_id: key.into(),
            name: format!("{key}-svc-prod"),
            friendly_name: Some(format!("the {key} page")),
        });
    }
    let (from, to) = (at(1, 0), now());
    for key in ["b", "c"] {
        data.intervals.push(Interval::new(
            format!("t/{key}"),
            from,
            to,
            crate::model::Status::Up,
        ));
    }
    let down = (at(17, 2), at(17, 5));
    data.intervals.extend([
        Interval::new("t/a", from, down.0, crate::model::Status::Up),
        Interval::new("t/a", down.0, down.1, crate::model::Status::Down),
        Interval::new("t/a", down.1, to, crate::model::Status::Up),
    ]);
    for (n, (key, opened, minutes, severity)) in [
        ("a", at(17, 2), 180, crate::model::Severity::Major),
        ("b", at(17, 4), 40, crate::model::Severity::Minor),
        ("c", at(19, 15), 30, crate::model::Severity::Minor),
        ("d", at(20, 15), 20, crate::model::Severity::Minor),
    ]
    .into_iter()
    .enumerate()
    {
        data.incidents.push(Incident {
            id: format!("t/{n}"),
            source: "t".into(),
            external_id: n.to_string(),
            service_id: Some(format!("t/{key}")),
            title: "Something broke".into(),
            severity,
            opened_at: opened,
            acknowledged_at: None,
            resolved_at: Some(opened + chrono::Duration::minutes(minutes)),
            resolved_by: Some("Ana".into()),
            responders: vec![],
            notes: vec![],
            disposition: crate::model::Disposition::Counted,
            link: None,
            kind: crate::model::IncidentKind::Problem,
            source_explanation: None,
            explanation: None,
        });
    }
    data
}

#[test]
fn nobody_noticed_is_said_only_when_the_record_shows_it_and_never_on_a_big_outage_night() {
    let data = covered_team();
    let hours = WorkingHours::default();
    let range = crate::period::TimeRange::new(
        Utc.with_ymd_and_hms(2026, 11, 16, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap(),
    )
    .unwrap();
    for lang in Lang::ALL {
        let story = tell_dataset(
            &data,
            &StoryRequest::new(lang, Audience::Family, range, chrono_tz::UTC, now(), &hours),
        );
        let text = story.to_text();
        let (noticed, big, same_night, covered) = match lang {
            Lang::En => (
                "before anyone noticed",
                "There was a big outage on Tuesday 17 November.",
                "b page had a problem in the early hours of Tuesday 17 November",
                "The team fixed a problem with the c page on the afternoon of Thursday 19 November, before anyone noticed.",
            ),
            Lang::Es => (
                "antes de que nadie lo notara",
                "Hubo una gran caída el martes 17 de noviembre.",
                "the b page hubo un problema el martes 17 de noviembre de madrugada",
                "El equipo arregló un problema en the c page el jueves 19 de noviembre por la tarde, antes de que nadie lo notara.",
            ),
        };
        assert!(text.contains(big), "{text}");
        assert!(text.contains(covered), "{text}");
        assert_eq!(count(&text, noticed), 1, "only the covered one:\n{text}");
        let night = text
            .split_inclusive(". ")
            .find(|s| s.contains(same_night))
            .unwrap_or_else(|| panic!("{same_night:?} not in:\n{text}"));
        assert!(!night.contains(noticed), "{night}");
    }
    // With no uptime at all, nothing is claimed either way.
    for kind in PeriodKind::ALL {
        for lang in Lang::ALL {
            let text = pagerduty(kind, lang, Audience::Family).to_text();
            assert!(
                !text.contains("noticed") && !text.contains("notara"),
                "{text}"
            );
        }
    }
}

#[test]
fn family_stories_use_first_names_and_count_more_than_three_people() {
    let en = pagerduty(PeriodKind::Last30Days, Lang::En, Audience::Family);
    has(
        &en,
        "Tomás, Daniel and 3 others got up in the night to take care of 23 problems. The same 5 people gave up part of a day off",
    );
    let es = pagerduty(PeriodKind::Last30Days, Lang::Es, Audience::Family);
    has(
        &es,
        "Tomás, Daniel y otras 3 personas se levantaron de noche para ocuparse de 23 problemas. Las mismas 5 personas dejaron",
    );
    for story in [&en, &es] {
        let text = story.to_text();
        for person in scenarios::PAGERDUTY_PEOPLE {
            assert!(!text.contains(person), "{person} in:\n{text}");
        }
        for sentence in text.split(". ") {
            let named = scenarios::PAGERDUTY_PEOPLE
                .iter()
                .filter(|p| sentence.contains(p.split(' ').next().unwrap()))
                .count();
            assert!(named <= 3, "{sentence}");
        }
    }
    // The same people a third time are "they" (in Spanish, the verb alone).
    has(
        &pagerduty(PeriodKind::ThisYear, Lang::En, Audience::Family),
        "The same 5 people gave up part of a day off to take care of 51 problems. They started before the working day",
    );
    has(
        &pagerduty(PeriodKind::ThisYear, Lang::Es, Audience::Family),
        "Las mismas 5 personas dejaron parte de su día libre para ocuparse de 51 problemas. Empezaron antes de su hora",
    );
    let team = pagerduty(PeriodKind::Last30Days, Lang::En, Audience::Team);
    has(
        &team,
        "Tomás Ortega, Daniel Kowalski and 3 others got up in the night",
    );
}

#[test]
fn the_team_story_groups_many_incidents_by_service_most_serious_first_naming_each_once() {
    let story = pagerduty(PeriodKind::Last30Days, Lang::En, Audience::Team);
    let text = story.to_text();
    assert!(
        !text.contains("checkout-api-prod: checkout-api-prod"),
        "{text}"
    );
    let problems: Vec<&String> = story
        .sections
        .iter()
        .zip(&story.paragraphs)
        .filter(|(s, _)| s.kind == SectionKind::Problems)
        .map(|(_, p)| p)
        .collect();
    assert_eq!(problems[0], "68 incidents, on 6 services.");
    assert_eq!(
        problems[1],
        "checkout-api-prod: 36 incidents. The most serious: all checkout requests failing, fixed by Priya Natarajan in about 3 hours."
    );
    // One paragraph per service, then the fix times.
    assert_eq!(problems.len(), 1 + 6 + 1, "{problems:#?}");
    for line in &problems[1..7] {
        let service = line.split(':').next().unwrap();
        assert!(
            scenarios::pagerduty_team(now())
                .services
                .iter()
                .any(|s| s.name == service),
            "{line}"
        );
        assert_eq!(
            count(&text, &format!("{service}:")),
            1,
            "{service} told twice"
        );
    }
    // A few incidents are still told one by one, each service named once.
    let mut few = scenarios::pagerduty_team(now());
    few.incidents
        .retain(|i| i.title == "checkout-api-prod: certificate expiring");
    let keep = few.incidents.len() - 3;
    few.incidents.drain(..keep);
    let story = story_of(
        &few,
        PeriodKind::ThisYear,
        Lang::En,
        Audience::Team,
        chrono_tz::UTC,
    );
    let problems = &story.paragraphs[0];
    assert!(
        problems.starts_with("3 incidents. checkout-api-prod: certificate expiring. "),
        "{problems}"
    );
    assert_eq!(count(problems, "checkout-api-prod:"), 3, "{problems}");
    assert_eq!(
        count(problems, "checkout-api-prod: checkout-api-prod"),
        0,
        "{problems}"
    );
}

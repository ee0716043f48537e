//! The story engine on the demo team and the generated teams: what each section says, in both
//! languages, for both audiences.

use super::*;
use crate::glossary;
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

//! The plain-language gates, held over every generated team (the demo team, a calm week, a
//! terrible week, no data at all, one service, 200 services, an incident still open, and two
//! PagerDuty-only teams: incidents and nothing else, five responders with full names, about
//! 66 incidents a month, services known only by internal names), every kind of period, three
//! time zones and both languages.
//!
//! English family stories: Flesch-Kincaid grade <= 6, ARI <= 6, Flesch Reading Ease >= 70.
//! Spanish family stories: Fernández-Huerta >= 70. Both: no sentence over 25 words, no glossary
//! term or acronym left unexplained, no technical name of a system.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use unsung_core::Severity;
use unsung_core::locale::{Lang, Locale, locale};
use unsung_core::period::{PeriodKind, TimeRange};
use unsung_core::readability::{self, gate_failures};
use unsung_core::scenarios;
use unsung_core::story::{Audience, Story, StoryRequest, tell_dataset, title_without_service};
use unsung_core::working_hours::WorkingHours;
use unsung_core::{coach, glossary};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn zones() -> [Tz; 3] {
    [
        chrono_tz::UTC,
        "Europe/Madrid".parse().unwrap(),
        "America/Los_Angeles".parse().unwrap(),
    ]
}

/// Week, month, quarter, year, and custom spans (30 and 90 days, and ten days from a Thursday).
fn ranges(tz: Tz) -> Vec<(String, TimeRange)> {
    let mut out: Vec<(String, TimeRange)> = PeriodKind::ALL
        .iter()
        .map(|kind| (format!("{kind:?}"), kind.range(now(), tz)))
        .collect();
    let custom = TimeRange::new(
        Utc.with_ymd_and_hms(2026, 11, 12, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).unwrap(),
    )
    .unwrap();
    out.push(("custom".into(), custom));
    out
}

fn tell(
    data: &unsung_core::Dataset,
    range: TimeRange,
    tz: Tz,
    lang: Lang,
    audience: Audience,
) -> Story {
    let hours = WorkingHours::default();
    tell_dataset(
        data,
        &StoryRequest::new(lang, audience, range, tz, now(), &hours),
    )
}

fn assert_none_fail(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} stories fail:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The family story of `data` for every period, zone and language, with where it was told
/// ("week / UTC / En").
fn family_stories(data: &unsung_core::Dataset) -> Vec<(String, Lang, Story)> {
    let mut stories = Vec::new();
    for tz in zones() {
        for (period, range) in ranges(tz) {
            for lang in Lang::ALL {
                let story = tell(data, range, tz, lang, Audience::Family);
                stories.push((format!("{period} / {tz} / {lang:?}"), lang, story));
            }
        }
    }
    stories
}

#[test]
fn every_family_story_passes_the_gates_in_both_languages() {
    let mut failures = Vec::new();
    let mut told = 0;
    for (name, data) in scenarios::all(now()) {
        let technical: Vec<&str> = data.services.iter().map(|s| s.name.as_str()).collect();
        for (place, lang, story) in family_stories(&data) {
            let text = story.to_text();
            let scores = readability::score(&story.prose(), lang);
            assert_eq!(scores, story.readability, "the story scores its own prose");
            assert!(readability::score(&text, lang).longest_sentence_words <= 25);
            let mut problems = gate_failures(&scores, lang);
            problems.extend(glossary::unexplained(&text, lang));
            problems.extend(
                technical
                    .iter()
                    .filter(|t| text.contains(*t))
                    .map(|t| format!("names the system {t:?}")),
            );
            problems.extend(
                data.people
                    .iter()
                    .filter(|p| p.contains(' ') && text.contains(p.as_str()))
                    .map(|p| format!("uses the full name {p:?}, not the first name")),
            );
            if !problems.is_empty() {
                failures.push(format!("{name} / {place}: {problems:?}\n{text}"));
            }
            told += 1;
        }
    }
    assert_eq!(told, scenarios::all(now()).len() * 3 * 8 * 2);
    assert_none_fail(&failures);
}

/// The team a new user brings with PagerDuty alone (no uptime source, five responders with
/// full names, about 66 incidents a month, internal service names): its 30-day family story,
/// in both languages, within every gate.
#[test]
fn a_pagerduty_only_teams_30_day_family_story_passes_the_gates() {
    let data = scenarios::pagerduty_team(now());
    let range = PeriodKind::Last30Days.range(now(), chrono_tz::UTC);
    for lang in Lang::ALL {
        let story = tell(&data, range, chrono_tz::UTC, lang, Audience::Family);
        let text = story.to_text();
        let scores = story.readability;
        assert!(
            gate_failures(&scores, lang).is_empty(),
            "{lang:?} {scores:?}:\n{text}"
        );
        match lang {
            Lang::En => {
                assert!(scores.flesch_kincaid_grade <= 6.0, "{scores:?}");
                assert!(scores.automated_readability_index <= 6.0, "{scores:?}");
                assert!(scores.flesch_reading_ease >= 70.0, "{scores:?}");
            }
            Lang::Es => assert!(scores.fernandez_huerta >= 70.0, "{scores:?}"),
        }
        assert!(scores.longest_sentence_words <= 25, "{scores:?}");
        assert_eq!(glossary::unexplained(&text, lang), Vec::<String>::new());
        for service in &data.services {
            assert!(!text.contains(&service.name), "{}:\n{text}", service.name);
        }
        for person in &data.people {
            assert!(!text.contains(person.as_str()), "{person}:\n{text}");
        }
    }
}

#[test]
fn team_stories_stay_short_sentenced_and_name_what_broke() {
    for (name, data) in scenarios::all(now()) {
        for lang in Lang::ALL {
            let range = PeriodKind::ThisWeek.range(now(), chrono_tz::UTC);
            let story = tell(&data, range, chrono_tz::UTC, lang, Audience::Team);
            let text = story.to_text();
            let scores = readability::score(&text, lang);
            assert!(
                scores.longest_sentence_words <= 25,
                "{name} {lang:?}: {scores:?}"
            );
            // The most serious incident (a big outage, else one still open, else the
            // longest) is named by its title, and no service is named twice in a row.
            let most_serious = data
                .incidents
                .iter()
                .filter(|i| i.counts() && range.contains(i.opened_at))
                .min_by_key(|i| {
                    (
                        i.severity != Severity::Major,
                        i.resolved_at.is_some(),
                        std::cmp::Reverse(i.resolved_at.unwrap_or(now()) - i.opened_at),
                    )
                });
            if let Some(incident) = most_serious {
                let service = data
                    .services
                    .iter()
                    .find(|s| Some(&s.id) == incident.service_id.as_ref())
                    .unwrap();
                let title = title_without_service(&incident.title, &[service.name.as_str()]);
                assert!(
                    text.contains(title),
                    "{name} {lang:?}: {title:?} in\n{text}"
                );
            }
            for service in &data.services {
                let twice = format!("{0}: {0}", service.name);
                assert!(!text.contains(&twice), "{name} {lang:?}: {twice}");
            }
        }
    }
}

/// Messages a locale file uses in stories, and every term they declare.
fn story_messages(lang: Lang) -> Vec<String> {
    Locale::message_ids(lang, "story")
}

#[test]
fn every_declared_term_exists_and_every_term_used_in_a_message_is_declared() {
    for lang in Lang::ALL {
        let locale = locale(lang);
        let entries = glossary::entries(lang);
        for id in story_messages(lang) {
            let declared = glossary::declared_terms(locale, &id);
            for term in &declared {
                assert!(
                    glossary::TERMS.contains(&term.as_str()),
                    "{lang:?} {id}: {term}"
                );
            }
            // The message's own words (without its arguments) must not use a term it did not
            // declare: format it with placeholder arguments and look for every term.
            let source = unsung_core::locale::source(lang, "story").unwrap();
            let block = message_block(source, &id);
            for entry in &entries {
                if declared.contains(&entry.id) {
                    continue;
                }
                assert!(
                    glossary::first_use(&block, entry).is_none(),
                    "{lang:?} {id} uses {:?} without declaring it",
                    entry.id
                );
            }
        }
    }
}

/// The words of one message in a Fluent file: attributes, argument names (`$service`),
/// function calls and variant keys left out.
fn message_block(source: &str, id: &str) -> String {
    let mut lines = source
        .lines()
        .skip_while(|l| !l.starts_with(&format!("{id} =")));
    let mut block = String::new();
    if let Some(first) = lines.next() {
        block.push_str(first.split_once('=').map_or("", |(_, v)| v));
    }
    for line in lines {
        if !line.starts_with(' ') {
            break;
        }
        if line.trim_start().starts_with('.') {
            continue;
        }
        block.push(' ');
        block.push_str(line);
    }
    while let Some(start) = block.find("DATETIME(") {
        let end = block[start..]
            .find(')')
            .map_or(block.len(), |e| start + e + 1);
        block.replace_range(start..end, "");
    }
    let mut words = String::new();
    let mut chars = block.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' || c == '[' {
            while chars
                .next_if(|c| c.is_alphanumeric() || *c == '-' || *c == ']')
                .is_some()
            {}
        } else {
            words.push(c);
        }
    }
    words
}

#[test]
fn glossary_definitions_pass_the_same_gates_and_use_no_other_term() {
    for lang in Lang::ALL {
        let entries = glossary::entries(lang);
        for (what, text) in glossary::texts(lang) {
            let scores = readability::score(&text, lang);
            assert!(
                scores.longest_sentence_words <= 25,
                "{lang:?} {what}: {scores:?}"
            );
            let own = what.split('.').next().unwrap();
            for entry in entries.iter().filter(|e| e.id != own) {
                assert!(
                    glossary::first_use(&text, entry).is_none(),
                    "{lang:?} {what} uses the term {:?}: {text}",
                    entry.id
                );
            }
        }
        // Taken together (short texts swing too much one by one), they read as easily as a story.
        let all: String = glossary::texts(lang)
            .into_iter()
            .map(|(_, t)| t + "\n")
            .collect();
        let scores = readability::score(&all, lang);
        assert!(
            gate_failures(&scores, lang).is_empty(),
            "{lang:?}: {:?}",
            gate_failures(&scores, lang)
        );
    }
}

#[test]
fn how_was_this_counted_texts_are_plain_too() {
    for lang in Lang::ALL {
        let locale = locale(lang);
        let mut all = String::new();
        for id in Locale::message_ids(lang, "counted") {
            let text = locale.message(
                &id,
                &[
                    ("start", "09:00".into()),
                    ("end", "18:00".into()),
                    ("tz", "Europe/Madrid".into()),
                ],
            );
            let scores = readability::score(&text, lang);
            assert!(
                scores.longest_sentence_words <= 25,
                "{lang:?} {id}: {scores:?}"
            );
            all.push_str(&text);
            all.push('\n');
        }
        let scores = readability::score(&all, lang);
        assert!(
            gate_failures(&scores, lang).is_empty(),
            "{lang:?}: {:?}",
            gate_failures(&scores, lang)
        );
    }
}

/// Every "what got better" text a person wrote in `data`.
fn written_texts(data: &unsung_core::Dataset) -> Vec<&str> {
    data.incidents
        .iter()
        .filter_map(|i| i.what_got_better())
        .collect()
}

#[test]
fn hard_engineer_texts_leave_our_own_sentences_plain_and_the_coaching_flags_their_jargon() {
    // The coaching flags every jargon word of every hard text, and nothing else.
    let texts = scenarios::hard_texts();
    for (text, used) in &texts {
        let coaching = coach::coach(text, Lang::En);
        let found: Vec<String> = coaching
            .jargon
            .iter()
            .map(|hit| hit.word.to_lowercase())
            .collect();
        assert_eq!(&found, used, "{text}");
        assert!(!coaching.within_gates, "{text}");
        assert_eq!(coaching.long_sentences.len(), 1, "{text}");
    }
    let every: Vec<&String> = texts.iter().flat_map(|(_, used)| used).collect();
    for entry in coach::jargon(Lang::En) {
        for variant in &entry.variants {
            assert!(every.contains(&variant), "{variant} is in no hard text");
        }
    }

    // Our own sentences around those texts pass the gates in every period, zone and language.
    let mut failures = Vec::new();
    let mut stories_with_texts = 0;
    for (name, data) in scenarios::hard_text_teams(now()) {
        let written = written_texts(&data);
        assert!(!written.is_empty(), "{name}");
        for (place, lang, story) in family_stories(&data) {
            let mut ours = story.prose();
            let mut told = 0;
            for text in &written {
                if ours.contains(text) {
                    ours = ours.replace(text, "");
                    told += 1;
                }
            }
            assert!(told <= 3, "{name} / {place}: {told} texts told");
            stories_with_texts += usize::from(told > 0);
            let scores = readability::score(&ours, lang);
            let mut problems = gate_failures(&scores, lang);
            problems.extend(glossary::unexplained(&ours, lang));
            if !problems.is_empty() {
                failures.push(format!("{name} / {place}: {problems:?}\n{ours}"));
            }
        }
    }
    assert!(
        stories_with_texts >= 80,
        "{stories_with_texts} stories told hard texts"
    );
    assert_none_fail(&failures);
}

#[test]
fn plain_what_got_better_texts_pass_the_coaching_and_reach_the_family_story() {
    for (name, data) in scenarios::all(now()) {
        for text in written_texts(&data) {
            let coaching = coach::coach(text, Lang::En);
            assert!(coaching.jargon.is_empty(), "{name}: {:?}", coaching.jargon);
            assert!(coaching.long_sentences.is_empty(), "{name}: {text}");
        }
    }
    let data = scenarios::what_got_better(now());
    let range = PeriodKind::ThisMonth.range(now(), chrono_tz::UTC);
    for lang in Lang::ALL {
        let story = tell(&data, range, chrono_tz::UTC, lang, Audience::Family);
        let told = written_texts(&data)
            .iter()
            .filter(|text| story.prose().contains(*text))
            .count();
        assert_eq!(told, 3, "{lang:?}: three told\n{}", story.to_text());
    }
}

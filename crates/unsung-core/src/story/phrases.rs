//! The small phrases stories are built from, in the reader's language: durations rounded the
//! way people say them, everyday comparisons, percentages that never hide trouble, times of day
//! and the names of things.

use super::Audience;
use crate::demo;
use crate::locale::{Arg, Lang, Locale, locale};
use crate::model::{Incident, Service};
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;

/// A duration rounded to the unit a person would use, never seconds: "about 22 minutes",
/// "about 2 and a half hours", "unos 3 días".
pub fn duration(locale: &Locale, seconds: i64) -> String {
    let seconds = seconds.max(0);
    let (unit, n) = if seconds == 0 {
        ("none", 0)
    } else if seconds < 60 {
        ("under-minute", 0)
    } else if seconds < 3600 - 30 {
        ("minutes", ((seconds as f64 / 60.0).round() as i64).max(1))
    } else if seconds < 86_400 - 900 {
        let halves = (seconds as f64 / 1800.0).round() as i64;
        if halves % 2 == 1 {
            ("hours-half", halves / 2)
        } else {
            ("hours", (halves / 2).max(1))
        }
    } else {
        ("days", ((seconds as f64 / 86_400.0).round() as i64).max(1))
    };
    locale.message("duration", &[("unit", unit.into()), ("n", n.into())])
}

/// The first everyday thing in the locale's list that takes longer than `seconds`
/// ("less than a coffee break"), or none when the trouble is longer than all of them.
pub fn everyday(locale: &Locale, seconds: i64) -> Option<String> {
    crate::locale::Locale::message_ids(locale.lang, "story")
        .into_iter()
        .filter(|id| id.starts_with("everyday-"))
        .find(|id| {
            locale
                .attribute(id, "minutes", &[])
                .and_then(|m| m.trim().parse::<i64>().ok())
                .is_some_and(|minutes| seconds < minutes * 60)
        })
        .map(|id| locale.message(&id, &[]))
}

/// A percentage cut (never rounded up) to at most two decimals, in the language's style:
/// "99.96", "99,5". With any trouble at all it never shows 100.
pub fn percent(lang: Lang, ratio: f64, had_trouble: bool) -> String {
    let mut hundredths = (ratio * 10_000.0 + 1e-7).floor() as i64;
    if had_trouble {
        hundredths = hundredths.min(9_999);
    }
    let digits = if hundredths % 100 == 0 {
        0
    } else if hundredths % 10 == 0 {
        1
    } else {
        2
    };
    locale(lang).number(hundredths as f64 / 100.0, digits)
}

pub fn date_arg(date: NaiveDate) -> Arg {
    Arg::Text(date.format("%Y-%m-%d").to_string())
}

/// The local date-and-time argument `DATETIME()` reads: `2026-11-29T18:00`.
pub fn datetime_arg(at: DateTime<Utc>, tz: Tz) -> Arg {
    Arg::Text(at.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string())
}

/// Which part of the day a local hour falls in, as the locale files name them.
pub fn part_of_day(hour: u32) -> &'static str {
    match hour {
        0..=5 => "early",
        6..=11 => "morning",
        12..=17 => "afternoon",
        18..=21 => "evening",
        _ => "late",
    }
}

/// "late on Thursday 26 November", "el jueves 26 de noviembre por la noche".
pub fn when(locale: &Locale, at: DateTime<Utc>, tz: Tz) -> String {
    let local = at.with_timezone(&tz);
    locale.message(
        "story-when",
        &[
            ("part", part_of_day(local.hour()).into()),
            ("date", date_arg(local.date_naive())),
        ],
    )
}

/// "18:00 on Sunday 29 November", "las 18:00 del domingo 29 de noviembre".
pub fn since(locale: &Locale, at: DateTime<Utc>, tz: Tz) -> String {
    let hour = at.with_timezone(&tz).hour();
    locale.message(
        "story-since",
        &[("at", datetime_arg(at, tz)), ("hour", hour.into())],
    )
}

/// The name people outside the team use for a service, if it has one. The demo team's names
/// come from the locale files, so they read naturally in every language.
fn friendly_service_name(locale: &Locale, service: &Service) -> Option<String> {
    if service.source == demo::SOURCE {
        let id = format!("demo-service-{}", service.external_id);
        if locale.has(&id) {
            return Some(locale.message(&id, &[]));
        }
    }
    service
        .friendly_name
        .as_ref()
        .filter(|friendly| !friendly.trim().is_empty())
        .cloned()
}

/// How a story names a service. A family story never shows a technical name: a service
/// without a friendly name is "one part of the system".
pub fn service_name(locale: &Locale, service: &Service, audience: Audience) -> String {
    match (friendly_service_name(locale, service), audience) {
        (Some(friendly), _) => friendly,
        (None, Audience::Team) => service.name.clone(),
        (None, Audience::Family) => locale.message("story-some-part", &[]),
    }
}

fn service_of<'s>(incident: &Incident, services: &'s [Service]) -> Option<&'s Service> {
    incident
        .service_id
        .as_deref()
        .and_then(|id| services.iter().find(|s| s.id == id))
}

/// The name of an incident's service, or "one part of the system" when it has none.
pub fn incident_service(
    locale: &Locale,
    incident: &Incident,
    services: &[Service],
    audience: Audience,
) -> String {
    service_of(incident, services)
        .map(|s| service_name(locale, s, audience))
        .unwrap_or_else(|| locale.message("story-some-part", &[]))
}

/// Names the services of the problems a family story tells one after another: the friendly
/// name when there is one; otherwise "one part of the system", then "another part of the
/// system", "a third part...", and "the same part" for one already told, so a run of services
/// without friendly names does not read as the same words again and again.
#[derive(Default)]
pub(super) struct PartNames {
    /// The services told without a name so far (`None`: an incident without a service).
    told: Vec<Option<String>>,
}

impl PartNames {
    pub fn name(&mut self, locale: &Locale, incident: &Incident, services: &[Service]) -> String {
        let service = service_of(incident, services);
        if let Some(friendly) = service.and_then(|s| friendly_service_name(locale, s)) {
            return friendly;
        }
        let key = incident.service_id.clone();
        let nth = if key.is_some() && self.told.contains(&key) {
            "same"
        } else {
            self.told.push(key);
            match self.told.len() {
                1 => "first",
                2 => "second",
                3 => "third",
                _ => "other",
            }
        };
        locale.message("story-part", &[("nth", nth.into())])
    }
}

/// An incident's title without its service's name in front ("checkout-api-prod: certificate
/// expiring" told under checkout-api-prod is "certificate expiring"), so a line that names
/// the service does not name it twice. `names` are the names the service goes by.
pub fn title_without_service<'t>(title: &'t str, names: &[&str]) -> &'t str {
    let title = title.trim().trim_end_matches('.');
    let separator =
        |c: char| c.is_whitespace() || matches!(c, ':' | '|' | '-' | '\u{2013}' | '\u{2014}');
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let bracketed = title.starts_with('[');
        let start = usize::from(bracketed);
        let Some(head) = title.get(start..start + name.len()) else {
            continue;
        };
        let rest = &title[start + name.len()..];
        let rest = match (head.eq_ignore_ascii_case(name), bracketed) {
            (false, _) => continue,
            (true, true) => match rest.strip_prefix(']') {
                Some(rest) => rest,
                None => continue,
            },
            // "checkout-api-prod-2 down" is about another service, and "Search is slow"
            // has no name in front: only a separator such as ":" makes one.
            (true, false) if rest.starts_with('-') => continue,
            (true, false) if !rest.trim_start().starts_with(|c: char| separator(c)) => continue,
            (true, false) => rest,
        };
        let rest = rest.trim_start_matches(separator);
        if !rest.is_empty() {
            return rest;
        }
    }
    title
}

/// How a sentence names the people who share it: first names in a family story (full names
/// when two of them share a first name), and at most two named when there are more than three
/// ("Priya, Tomás and 3 others").
pub fn people(locale: &Locale, names: &[&str], audience: Audience) -> String {
    let names: Vec<String> = match audience {
        Audience::Family => crate::people::first_names(names),
        Audience::Team => names.iter().map(|n| n.to_string()).collect(),
    };
    if names.len() > 3 {
        return locale.message(
            "story-people-more",
            &[
                ("first", names[0].as_str().into()),
                ("second", names[1].as_str().into()),
                ("others", (names.len() - 2).into()),
            ],
        );
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    locale.list(&names)
}

/// The first letter in upper case, as a sentence starts ("card payments" -> "Card payments").
/// A first word that looks like a system's name ("api-gw-prod", "www.example.com") is left as
/// it is written.
pub fn capitalised(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let first_word = first_word.trim_end_matches([':', ',', '.']);
    if first_word
        .chars()
        .any(|c| c.is_ascii_digit() || "-_./:@".contains(c))
    {
        return text.to_string();
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One or two plain sentences about an incident, for its card in the app: what, how long, who
/// fixed it. `open_for` is how long a still-open incident has been going.
pub fn incident_summary(
    lang: Lang,
    incident: &Incident,
    services: &[Service],
    open_for: i64,
) -> String {
    let locale = locale(lang);
    let service = incident_service(locale, incident, services, Audience::Team);
    let text = match (
        incident.seconds_to_resolve(),
        incident.resolved_by.as_deref(),
    ) {
        (Some(time), Some(who)) => locale.message(
            "incident-summary-fixed",
            &[
                ("service", service.into()),
                ("duration", duration(locale, time).into()),
                ("who", who.into()),
            ],
        ),
        (Some(time), None) => locale.message(
            "incident-summary-fixed-nobody",
            &[
                ("service", service.into()),
                ("duration", duration(locale, time).into()),
            ],
        ),
        (None, _) => locale.message(
            "incident-summary-open",
            &[
                ("service", service.into()),
                ("duration", duration(locale, open_for).into()),
            ],
        ),
    };
    capitalised(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_that_starts_with_its_service_loses_the_name() {
        let names = ["checkout-api-prod", "the checkout page"];
        for (title, expected) in [
            (
                "checkout-api-prod: certificate expiring",
                "certificate expiring",
            ),
            (
                "Checkout-API-prod - certificate expiring.",
                "certificate expiring",
            ),
            ("[checkout-api-prod] 5xx above 2%", "5xx above 2%"),
            ("The checkout page | slow", "slow"),
            ("checkout-api-prod-2: down", "checkout-api-prod-2: down"),
            ("checkout-api-prod is slow", "checkout-api-prod is slow"),
            ("checkout-api-prod:", "checkout-api-prod:"),
            (
                "High error rate on checkout-api-prod.",
                "High error rate on checkout-api-prod",
            ),
        ] {
            assert_eq!(title_without_service(title, &names), expected, "{title:?}");
        }
    }

    #[test]
    fn more_than_three_people_are_counted_not_listed() {
        let en = locale(Lang::En);
        let five = [
            "Priya Natarajan",
            "Tomás Ortega",
            "Grace Okafor",
            "Mei Chen",
            "Dan Li",
        ];
        assert_eq!(
            people(en, &five, Audience::Family),
            "Priya, Tomás and 3 others"
        );
        assert_eq!(
            people(locale(Lang::Es), &five[..4], Audience::Family),
            "Priya, Tomás y otras 2 personas"
        );
        assert_eq!(
            people(en, &five[..3], Audience::Family),
            "Priya, Tomás and Grace"
        );
        assert_eq!(
            people(en, &five[..2], Audience::Team),
            "Priya Natarajan and Tomás Ortega"
        );
    }

    #[test]
    fn durations_are_rounded_the_way_people_say_them() {
        let en = locale(Lang::En);
        let es = locale(Lang::Es);
        assert_eq!(duration(en, 0), "no time at all");
        assert_eq!(duration(en, 20), "less than a minute");
        assert_eq!(duration(en, 65), "about a minute");
        assert_eq!(duration(en, 22 * 60 + 10), "about 22 minutes");
        assert_eq!(duration(en, 3600 + 5 * 60), "about an hour");
        assert_eq!(duration(en, 95 * 60), "about an hour and a half");
        assert_eq!(duration(en, 150 * 60), "about 2 and a half hours");
        assert_eq!(duration(en, 50 * 3600), "about 2 days");
        assert_eq!(duration(es, 22 * 60), "unos 22 minutos");
        assert_eq!(duration(es, 95 * 60), "cerca de hora y media");
        assert_eq!(duration(es, 150 * 60), "unas 2 horas y media");
        assert_eq!(duration(es, 59 * 60 + 50), "cerca de una hora");
    }

    #[test]
    fn everyday_comparisons_come_from_each_culture() {
        assert_eq!(
            everyday(locale(Lang::En), 4 * 60).as_deref(),
            Some("less time than it takes to make a cup of tea")
        );
        assert_eq!(
            everyday(locale(Lang::En), 22 * 60).as_deref(),
            Some("less than a lunch break")
        );
        assert_eq!(
            everyday(locale(Lang::Es), 22 * 60).as_deref(),
            Some("menos que una sobremesa")
        );
        assert_eq!(everyday(locale(Lang::En), 9 * 3600), None);
    }

    #[test]
    fn percentages_never_round_trouble_up_to_a_perfect_score() {
        assert_eq!(percent(Lang::En, 0.99996, true), "99.99");
        assert_eq!(percent(Lang::En, 0.9997, true), "99.97");
        assert_eq!(percent(Lang::Es, 0.9997, true), "99,97");
        assert_eq!(percent(Lang::En, 0.995, true), "99.5");
        assert_eq!(percent(Lang::En, 1.0, false), "100");
        assert_eq!(percent(Lang::En, 0.999_999, true), "99.99");
    }

    #[test]
    fn times_of_day_and_dates_read_naturally() {
        use chrono::TimeZone;
        let late = Utc.with_ymd_and_hms(2026, 11, 26, 23, 40, 0).unwrap();
        let one = Utc.with_ymd_and_hms(2026, 11, 29, 1, 5, 0).unwrap();
        let utc = chrono_tz::UTC;
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        type Phrase = fn(&Locale, DateTime<Utc>, Tz) -> String;
        let cases: [(Phrase, Lang, DateTime<Utc>, Tz, &str); 5] = [
            (when, Lang::En, late, utc, "late on Thursday 26 November"),
            (
                when,
                Lang::Es,
                late,
                utc,
                "el jueves 26 de noviembre por la noche",
            ),
            // 23:40 UTC is 00:40 on Friday in Madrid.
            (
                when,
                Lang::En,
                late,
                madrid,
                "in the early hours of Friday 27 November",
            ),
            (
                since,
                Lang::Es,
                one,
                utc,
                "la 01:05 del domingo 29 de noviembre",
            ),
            (since, Lang::En, one, utc, "01:05 on Sunday 29 November"),
        ];
        for (phrase, lang, at, tz, expected) in cases {
            assert_eq!(
                phrase(locale(lang), at, tz),
                expected,
                "{lang:?} {at} in {tz}"
            );
        }
    }
}

//! The story of a period in plain words: the result first, then what it means in time, what
//! broke and how fast it was fixed, who worked outside office hours, and the thank-yous.
//!
//! Each sentence is built to stay short and concrete; a section with nothing to say is left out.

use crate::duration::{count_word, plain_duration};
use crate::model::{Incident, Service, ThankYou};
use crate::period::TimeRange;
use crate::stats::{StateSeconds, StatsReport};
use crate::working_hours::WorkingHours;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// No system names and no jargon: for a parent or a partner.
    #[default]
    Family,
    /// May name services and people's work in more detail.
    Team,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Story {
    pub headline: String,
    pub paragraphs: Vec<String>,
}

impl Story {
    /// The story as plain text: the headline, then one paragraph per section.
    pub fn to_text(&self) -> String {
        let mut text = self.headline.clone();
        for paragraph in &self.paragraphs {
            text.push_str("\n\n");
            text.push_str(paragraph);
        }
        text.push('\n');
        text
    }
}

pub struct StoryInput<'a> {
    pub report: &'a StatsReport,
    pub overall: StateSeconds,
    pub range: TimeRange,
    /// Incidents opened in the period (any disposition; only counted ones are told).
    pub incidents: &'a [Incident],
    pub services: &'a [Service],
    pub thanks: &'a [ThankYou],
    pub updates_shipped: u64,
    pub tz: Tz,
    pub working_hours: &'a WorkingHours,
    pub audience: Audience,
}

/// A percentage that never rounds a bad period up to 100%: 99.996% with trouble shows "99.99%".
pub fn percent(ratio: f64) -> String {
    let hundredths = (ratio * 10_000.0).floor() / 100.0;
    let text = format!("{hundredths:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// "Ana", "Ana and Ben", "Ana, Ben and Chloe".
pub fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn days_phrase(seconds: i64) -> String {
    let days = (seconds as f64 / 86_400.0).round() as i64;
    match days {
        0 | 1 => "one day".to_string(),
        n => format!("{n} days"),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn tell(input: &StoryInput) -> Story {
    let overall = &input.overall;
    let measured = overall.up + overall.degraded + overall.down;
    let headline = match overall.uptime_ratio() {
        None => "There is no uptime data for this time yet.".to_string(),
        Some(_) if overall.down == 0 => "Everything worked the whole time.".to_string(),
        Some(ratio) => format!("Everything worked {} of the time.", percent(ratio)),
    };
    let mut paragraphs = Vec::new();

    if measured > 0 {
        let span = days_phrase(input.range.seconds());
        paragraphs.push(if overall.down == 0 {
            format!("Not one minute of trouble in {span}. That takes steady work, not luck.")
        } else {
            format!(
                "That means {} of trouble in {span}, added up over all {} parts of the shop.",
                plain_duration(overall.down),
                count_word(input.services.len())
            )
        });
    }

    paragraphs.extend(incidents_section(input));
    paragraphs.extend(outside_hours_section(input));

    if let Some(days) = input.report.days_since_major_incident {
        paragraphs.push(match days {
            0 => "The last big outage was today.".to_string(),
            1 => "The last big outage was one day ago.".to_string(),
            n => format!("It has been {n} days since the last big outage."),
        });
    }

    let mut wins = Vec::new();
    if input.updates_shipped > 0 {
        wins.push(format!(
            "The team also shipped {} updates to make things better.",
            input.updates_shipped
        ));
    }
    if overall.maintenance > 0 {
        wins.push(format!(
            "They did planned upkeep for {}, and it went as planned.",
            plain_duration(overall.maintenance)
        ));
    }
    if !wins.is_empty() {
        paragraphs.push(wins.join(" "));
    }

    paragraphs.extend(thanks_section(input.thanks));
    Story {
        headline,
        paragraphs,
    }
}

fn incidents_section(input: &StoryInput) -> Vec<String> {
    let counted: Vec<&Incident> = input.incidents.iter().filter(|i| i.counts()).collect();
    let stats = &input.report.incidents;
    if counted.is_empty() {
        return if input.overall.up + input.overall.degraded + input.overall.down > 0 {
            vec!["Nothing broke.".to_string()]
        } else {
            vec![]
        };
    }
    let mut sentences = Vec::new();
    let total = counted.len();
    sentences.push(match total {
        1 => "One problem came up.".to_string(),
        n => format!("{} problems came up.", capitalised(&count_word(n))),
    });
    match (
        stats.resolved,
        stats.median_seconds_to_resolve,
        stats.longest_seconds_to_resolve,
    ) {
        (0, _, _) => {}
        (1, Some(time), _) if total == 1 => {
            sentences.push(format!("The team fixed it in {}.", plain_duration(time)));
        }
        (1, Some(time), _) => {
            sentences.push(format!(
                "The team fixed one of them in {}.",
                plain_duration(time)
            ));
        }
        (n, Some(median), Some(longest)) => {
            let all = if n as usize == total {
                "all of them"
            } else {
                "most of them"
            };
            sentences.push(format!(
                "The team fixed {all}. A typical fix took {}, and the longest took {}.",
                plain_duration(median),
                plain_duration(longest)
            ));
        }
        _ => {}
    }
    match stats.open {
        0 => {}
        1 => sentences.push("One problem is still being worked on.".to_string()),
        n => sentences.push(format!(
            "{} problems are still being worked on.",
            capitalised(&count_word(n as usize))
        )),
    }
    let mut paragraphs = vec![sentences.join(" ")];
    if input.audience == Audience::Team {
        for incident in &counted {
            let service = incident
                .service_id
                .as_deref()
                .and_then(|id| input.services.iter().find(|s| s.id == id))
                .map(|s| capitalised(s.display_name()));
            let how = match (incident.seconds_to_resolve(), &incident.resolved_by) {
                (Some(time), Some(who)) => format!("{who} fixed it in {}.", plain_duration(time)),
                (Some(time), None) => format!("Fixed in {}.", plain_duration(time)),
                (None, _) => "Still open.".to_string(),
            };
            paragraphs.push(match service {
                Some(service) => format!("{service}: {}. {how}", incident.title),
                None => format!("{}. {how}", incident.title),
            });
        }
    }
    paragraphs
}

fn outside_hours_section(input: &StoryInput) -> Option<String> {
    let mut fixes_by_person: BTreeMap<&str, usize> = BTreeMap::new();
    for incident in input.incidents.iter().filter(|i| i.counts()) {
        if input.working_hours.is_outside(incident.opened_at, input.tz)
            && let Some(who) = incident.resolved_by.as_deref()
        {
            *fixes_by_person.entry(who).or_default() += 1;
        }
    }
    let total: usize = fixes_by_person.values().sum();
    if total == 0 {
        return None;
    }
    let names: Vec<&str> = fixes_by_person.keys().copied().collect();
    let what = if total == 1 {
        "one problem".to_string()
    } else {
        format!("{} problems", count_word(total))
    };
    Some(format!(
        "{} gave up free time, at night or on days off, to fix {what}.",
        join_names(&names)
    ))
}

fn thanks_section(thanks: &[ThankYou]) -> Option<String> {
    if thanks.is_empty() {
        return None;
    }
    let mut recipients: Vec<&str> = Vec::new();
    for note in thanks {
        for name in &note.recipients {
            if !recipients.contains(&name.as_str()) {
                recipients.push(name);
            }
        }
    }
    let notes = match thanks.len() {
        1 => "one thank-you note".to_string(),
        n => format!("{} thank-you notes", count_word(n)),
    };
    Some(format!(
        "Teammates wrote {notes} to {}.",
        join_names(&recipients)
    ))
}

/// One plain sentence or two about an incident, for its card: what, how long, who fixed it.
/// `open_for` is how long a still-open incident has been going.
pub fn incident_summary(incident: &Incident, service_name: Option<&str>, open_for: i64) -> String {
    let what = match service_name {
        Some(name) => capitalised(name),
        None => "One part of the system".to_string(),
    };
    match (
        incident.seconds_to_resolve(),
        incident.resolved_by.as_deref(),
    ) {
        (Some(time), Some(who)) => {
            format!(
                "{what} had a problem for {}. {who} fixed it.",
                plain_duration(time)
            )
        }
        (Some(time), None) => format!(
            "{what} had a problem for {}. It is fixed.",
            plain_duration(time)
        ),
        (None, _) => format!(
            "{what} has had a problem for {}. The team is working on it.",
            plain_duration(open_for)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_never_round_trouble_up_to_a_perfect_score() {
        assert_eq!(percent(0.99996), "99.99%");
        assert_eq!(percent(0.9997), "99.97%");
        assert_eq!(percent(0.995), "99.5%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn names_are_joined_like_a_person_would() {
        assert_eq!(join_names(&["Ana"]), "Ana");
        assert_eq!(join_names(&["Ana", "Ben"]), "Ana and Ben");
        assert_eq!(join_names(&["Ana", "Ben", "Chloe"]), "Ana, Ben and Chloe");
    }
}

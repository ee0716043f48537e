//! A story as the app would hand it over, after the privacy pass: a week of the demo team
//! with one hostile incident title.

use chrono::NaiveDate;
use unsung_core::timeline::DayState;
use unsung_share::{IncidentLine, Labels, ServiceLine, ShareDoc};

pub const HOSTILE: &str = "<img src=x onerror=alert(1)>";

fn days() -> Vec<DayState> {
    let mut days = vec![DayState::Up; 90];
    days[6] = DayState::Degraded;
    days[13] = DayState::Partial;
    days[20] = DayState::Down;
    days[32] = DayState::Partial;
    days[48] = DayState::Down;
    days[57] = DayState::NoData;
    days[69] = DayState::Maintenance;
    days[84] = DayState::Degraded;
    days[87] = DayState::Partial;
    days[88] = DayState::Partial;
    days
}

pub fn doc() -> ShareDoc {
    ShareDoc {
        team: "Juniper Books".into(),
        period: "23 – 29 November 2026".into(),
        headline: "Everything worked 99.96% of the time.".into(),
        uptime: Some("99.96%".into()),
        uptime_in_time: "About 22 minutes of trouble in 7 days.".into(),
        paragraphs: vec![
            "That means about 22 minutes of trouble in 7 days, added up over all seven parts of the shop.".into(),
            "Four problems came up. The team fixed most of them. A typical fix took about 7 minutes, and the longest took about 18 minutes. One problem is still being worked on.".into(),
            "A teammate gave up free time, at night or on days off, to fix one problem.".into(),
            "It has been 41 days since the last big outage.".into(),
            "The team also shipped 25 updates to make things better.".into(),
            "Teammates wrote one thank-you note to a teammate.".into(),
        ],
        better: Some("After card payments stopped on Thursday, the team made a change: we now get a warning an hour before.".into()),
        days: days(),
        days_first: "1 Sep".into(),
        days_last: "29 Nov".into(),
        days_in_period: 7,
        incidents: vec![
            IncidentLine {
                when: "Tue 24 Nov".into(),
                text: "The online shop was slow for about 7 minutes. A teammate fixed it.".into(),
                fixed: true,
            },
            IncidentLine {
                when: "Thu 26 Nov".into(),
                text: "Card payments had a problem for about 18 minutes. A teammate fixed it.".into(),
                fixed: true,
            },
            IncidentLine {
                when: "Fri 27 Nov".into(),
                text: format!("Book search had a problem for about 4 minutes: {HOSTILE}"),
                fixed: true,
            },
            IncidentLine {
                when: "Sun 29 Nov".into(),
                text: "The mobile app has had a problem for about 2 hours. The team is working on it.".into(),
                fixed: false,
            },
        ],
        thanks: "Thank you to everyone who kept things running.".into(),
        services: [
            "the online shop",
            "the checkout page",
            "card payments",
            "order emails",
            "book search",
            "the mobile app",
            "book photos",
        ]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut days = vec![DayState::Up; 90];
            days[(i * 13 + 5) % 90] = DayState::Partial;
            days[(i * 29 + 11) % 90] = DayState::Degraded;
            ServiceLine {
                name: name.to_string(),
                uptime: Some(format!("99.9{}%", i + 1)),
                days,
                summary: "Working on 88 of 90 days, trouble on 2.".into(),
            }
        })
        .collect(),
        as_of: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        labels: labels(4),
    }
}

/// The English words around the story, as the app takes them from the locale files, for a
/// story with `incidents` problems of which only the newest is still open.
pub fn labels(incidents: usize) -> Labels {
    Labels {
        lang: "en".into(),
        last_days: "The last 90 days".into(),
        what_happened: "What happened".into(),
        day_words: [
            "Working",
            "Slow",
            "Partly down",
            "Down",
            "Planned maintenance",
            "No data",
        ]
        .map(str::to_string),
        working_on: "Working on 80 of 90 days".into(),
        days_summary:
            "Working on 80 of 90 days, trouble on 8, 1 with planned maintenance, 1 with no data."
                .into(),
        all_problems: format!("{incidents} problems came up; one is still being worked on."),
        earlier: (1..incidents)
            .map(|n| format!("And {n} earlier problems, all fixed."))
            .collect(),
        made_with: "Made with Unsung".into(),
        pages: ["Page 1 of 2".into(), "Page 2 of 2".into()],
        no_data: "no data".into(),
    }
}

/// Where to leave the artifacts for a person to look at: `UNSUNG_SHARE_OUT`, if set.
pub fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("UNSUNG_SHARE_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).unwrap();
    }
}

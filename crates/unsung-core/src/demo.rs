//! The demo team: a small online bookshop with 90 days of history ending now, built the same
//! way every time from the same clock, so a new user sees a full story before connecting
//! anything and tests can check figures by hand.

use crate::locale::{Lang, locale};
use crate::model::{
    Change, Dataset, Disposition, Explanation, Incident, IncidentKind, Interval, Service, Severity,
    Status, ThankYou,
};
use chrono::{
    DateTime, Datelike, Days, Duration, DurationRound, NaiveDate, TimeZone, Utc, Weekday,
};

pub const SOURCE: &str = "demo";
pub const TEAM_NAME: &str = "Juniper Books";
pub const PEOPLE: [&str; 5] = ["Ana", "Ben", "Chloe", "Dev", "Emma"];
pub const HISTORY_DAYS: u32 = 90;

/// (key, technical name, friendly name)
pub const SERVICES: [(&str, &str, &str); 7] = [
    ("shop", "shop-web-prod", "the online shop"),
    ("checkout", "api-gw-prod", "the checkout page"),
    ("payments", "payments-svc", "card payments"),
    ("email", "mailer-01", "order emails"),
    ("search", "search-es-cluster", "book search"),
    ("app", "mobile-api", "the mobile app"),
    ("photos", "img-cdn-edge", "book photos"),
];

/// Something that happened, placed relative to today (UTC) so the history always ends now.
struct Event {
    days_ago: u64,
    hour: u32,
    minute: u32,
    minutes: i64,
    service: &'static str,
    /// The state the service was in meanwhile; `None` when nobody outside the team noticed.
    effect: Option<Status>,
    incident: Option<IncidentSpec>,
}

struct IncidentSpec {
    number: u32,
    title: &'static str,
    severity: Severity,
    fixer: &'static str,
    helpers: &'static [&'static str],
    disposition: Disposition,
    kind: IncidentKind,
}

// One table row per outage: each argument is a column of the table below.
#[allow(clippy::too_many_arguments)]
const fn outage(
    days_ago: u64,
    hour: u32,
    minute: u32,
    minutes: i64,
    service: &'static str,
    effect: Status,
    number: u32,
    title: &'static str,
    fixer: &'static str,
    helpers: &'static [&'static str],
) -> Event {
    Event {
        days_ago,
        hour,
        minute,
        minutes,
        service,
        effect: Some(effect),
        incident: Some(IncidentSpec {
            number,
            title,
            severity: Severity::Minor,
            fixer,
            helpers,
            disposition: Disposition::Counted,
            kind: IncidentKind::Problem,
        }),
    }
}

/// A drill: an outage row the team caused on purpose, to practise.
const fn drill(mut event: Event) -> Event {
    if let Some(spec) = &mut event.incident {
        spec.kind = IncidentKind::Drill;
    }
    event
}

use Status::{Degraded, Down};

#[rustfmt::skip]
const EVENTS: [Event; 22] = [
    Event {
        days_ago: 41, hour: 2, minute: 10, minutes: 95, service: "checkout", effect: Some(Down),
        incident: Some(IncidentSpec {
            number: 101, title: "Checkout page failing for every customer", severity: Severity::Major,
            fixer: "Ana", helpers: &["Ben"], disposition: Disposition::Counted,
            kind: IncidentKind::Problem,
        }),
    },
    outage(3, 23, 40, 18, "payments", Down, 118, "Card payments timing out", "Ben", &[]),
    outage(5, 14, 5, 7, "shop", Degraded, 117, "Shop pages loading slowly", "Chloe", &[]),
    outage(2, 10, 20, 4, "search", Down, 119, "Book search showing errors", "Dev", &[]),
    outage(12, 3, 15, 22, "email", Down, 116, "Order emails stuck in the queue", "Emma", &["Ana"]),
    outage(8, 21, 30, 12, "app", Degraded, 115, "Mobile app slow to load the basket", "Ben", &[]),
    outage(15, 11, 0, 3, "photos", Down, 114, "Book photos missing on some pages", "Chloe", &[]),
    outage(19, 6, 45, 9, "shop", Down, 113, "Online shop unreachable for some visitors", "Ana", &[]),
    outage(24, 16, 10, 25, "search", Degraded, 112, "Search results out of date", "Dev", &[]),
    outage(27, 1, 30, 14, "payments", Down, 111, "Payment provider rejecting cards", "Ana", &["Emma"]),
    Event {
        days_ago: 33, hour: 13, minute: 20, minutes: 40, service: "shop", effect: None,
        incident: Some(IncidentSpec {
            number: 110, title: "Disk almost full on the order database", severity: Severity::Minor,
            fixer: "Emma", helpers: &[], disposition: Disposition::Counted,
            kind: IncidentKind::Problem,
        }),
    },
    outage(37, 9, 50, 6, "checkout", Degraded, 109, "Discount codes not applying", "Chloe", &[]),
    outage(46, 22, 15, 35, "email", Down, 108, "Password reset emails delayed", "Ben", &[]),
    outage(52, 4, 40, 11, "app", Down, 107, "Mobile app login failing", "Dev", &["Ben"]),
    outage(58, 15, 30, 5, "photos", Degraded, 106, "Slow photo loading for visitors in Asia", "Chloe", &[]),
    outage(63, 10, 5, 8, "shop", Down, 105, "Shop home page error after an update", "Ana", &[]),
    outage(70, 2, 50, 28, "payments", Down, 104, "Refunds failing", "Emma", &["Dev"]),
    outage(77, 12, 35, 4, "search", Down, 103, "Search down during an index rebuild", "Dev", &[]),
    outage(84, 19, 20, 16, "checkout", Degraded, 102, "Checkout slow under heavy traffic", "Ben", &[]),
    Event {
        days_ago: 2, hour: 10, minute: 21, minutes: 3, service: "search", effect: None,
        incident: Some(IncidentSpec {
            number: 120, title: "Book search showing errors (second alert)", severity: Severity::Minor,
            fixer: "Dev", helpers: &[], disposition: Disposition::Merged,
            kind: IncidentKind::Problem,
        }),
    },
    // Two drills: parts switched off on purpose; the monitors saw them off, nobody else did.
    drill(outage(30, 10, 0, 30, "search", Down, 122, "Game day: book search switched off on purpose", "Dev", &[])),
    drill(outage(55, 14, 0, 20, "email", Degraded, 123, "Failover drill: order emails moved to the spare sender", "Emma", &[])),
];

/// What got better after three of the problems, as a teammate wrote it in the app:
/// (incident number, who wrote it, days after the problem). The words are in the locale files
/// (`demo-better-<number>`), so the demo reads naturally in every language.
const EXPLAINED: [(u32, &str, i64); 3] = [(118, "Ben", 1), (116, "Emma", 2), (101, "Ana", 3)];

/// Planned upkeep on card payments, 20 days ago from 01:00 to 03:00 UTC.
const MAINTENANCE: (u64, u32, i64, &str) = (20, 1, 120, "payments");
/// The monitor for book photos sent nothing 33 days ago from 06:00 to 20:00 UTC.
const DATA_GAP: (u64, u32, i64, &str) = (33, 6, 14 * 60, "photos");
/// Still open: some app users see old prices since two hours before now.
const OPEN_INCIDENT_HOURS_AGO: i64 = 2;

/// A stretch of a service's history that is not plain uptime; `status: None` is a data gap.
struct Mark {
    service: &'static str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    status: Option<Status>,
}

struct DemoNote {
    number: u8,
    days_ago: u64,
    hour: u32,
    author: &'static str,
    to: &'static [&'static str],
    incident: Option<u32>,
    message: &'static str,
}

fn service_id(key: &str) -> String {
    format!("{SOURCE}/{key}")
}

fn at(today: NaiveDate, days_ago: u64, hour: u32, minute: u32) -> DateTime<Utc> {
    let date = today - Days::new(days_ago);
    Utc.from_utc_datetime(&date.and_hms_opt(hour, minute, 0).expect("valid time"))
}

/// The demo team as of `now`. The clock is read to the hour, so loading the demo twice within
/// an hour gives exactly the same data.
pub fn dataset(now: DateTime<Utc>) -> Dataset {
    let now = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let today = now.date_naive();
    let history_start = at(today, HISTORY_DAYS as u64 - 1, 0, 0);

    let services = SERVICES
        .iter()
        .map(|(key, technical, friendly)| Service {
            id: service_id(key),
            source: SOURCE.into(),
            external_id: (*key).into(),
            name: (*technical).into(),
            friendly_name: Some((*friendly).into()),
        })
        .collect();

    let mut incidents = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    for event in &EVENTS {
        let start = at(today, event.days_ago, event.hour, event.minute);
        let end = start + Duration::minutes(event.minutes);
        if end > now {
            continue;
        }
        if let Some(effect) = event.effect {
            marks.push(Mark {
                service: event.service,
                start,
                end,
                status: Some(effect),
            });
        }
        if let Some(spec) = &event.incident {
            let mut responders: Vec<String> = vec![spec.fixer.into()];
            responders.extend(spec.helpers.iter().map(|h| h.to_string()));
            incidents.push(Incident {
                id: format!("{SOURCE}/{}", spec.number),
                source: SOURCE.into(),
                external_id: spec.number.to_string(),
                service_id: Some(service_id(event.service)),
                title: spec.title.into(),
                severity: spec.severity,
                opened_at: start,
                acknowledged_at: Some(start + Duration::minutes(2.min(event.minutes))),
                resolved_at: Some(end),
                resolved_by: Some(spec.fixer.into()),
                responders,
                notes: vec![],
                disposition: spec.disposition,
                link: None,
                kind: spec.kind,
                source_explanation: None,
                explanation: None,
            });
        }
    }
    // The planned maintenance, and the gap with no data (no status).
    for ((days, hour, minutes, service), status) in
        [(MAINTENANCE, Some(Status::Maintenance)), (DATA_GAP, None)]
    {
        let start = at(today, days, hour, 0);
        marks.push(Mark {
            service,
            start,
            end: start + Duration::minutes(minutes),
            status,
        });
    }

    let open_start = now - Duration::hours(OPEN_INCIDENT_HOURS_AGO);
    marks.push(Mark {
        service: "app",
        start: open_start,
        end: now,
        status: Some(Status::Degraded),
    });
    incidents.push(Incident {
        id: format!("{SOURCE}/121"),
        source: SOURCE.into(),
        external_id: "121".into(),
        service_id: Some(service_id("app")),
        title: "Some app users see old prices".into(),
        severity: Severity::Minor,
        opened_at: open_start,
        acknowledged_at: Some(open_start + Duration::minutes(5)),
        resolved_at: None,
        resolved_by: None,
        responders: vec!["Emma".into()],
        notes: vec![],
        disposition: Disposition::Counted,
        link: None,
        kind: IncidentKind::Problem,
        source_explanation: None,
        explanation: None,
    });
    incidents.sort_by_key(|i| i.opened_at);

    let mut intervals = Vec::new();
    for (key, _, _) in SERVICES {
        let mut own: Vec<&Mark> = marks.iter().filter(|m| m.service == key).collect();
        own.sort_by_key(|m| m.start);
        let mut cursor = history_start;
        for mark in own {
            let (start, end) = (mark.start.max(history_start), mark.end.min(now));
            if end <= start {
                continue;
            }
            if cursor < start {
                intervals.push(Interval {
                    service_id: service_id(key),
                    start: cursor,
                    end: start,
                    status: Status::Up,
                });
            }
            if let Some(status) = mark.status {
                intervals.push(Interval {
                    service_id: service_id(key),
                    start,
                    end,
                    status,
                });
            }
            cursor = end;
        }
        if cursor < now {
            intervals.push(Interval {
                service_id: service_id(key),
                start: cursor,
                end: now,
                status: Status::Up,
            });
        }
    }

    Dataset {
        services,
        intervals,
        changes: changes(today, history_start, now),
        thanks: thanks(today, now),
        people: PEOPLE.iter().map(|p| p.to_string()).collect(),
        incidents,
    }
}

/// The locale message with the demo's "what got better" text for an incident number.
pub fn better_message(number: &str) -> String {
    format!("demo-better-{number}")
}

/// What the demo's teammates wrote in the app about what got better, in English (a story in
/// another language tells the same text in its own words while it is unchanged).
pub fn explanations(now: DateTime<Utc>) -> Vec<Explanation> {
    let data = dataset(now);
    let english = locale(Lang::En);
    EXPLAINED
        .iter()
        .filter_map(|(number, who, days_after)| {
            let incident = data
                .incidents
                .iter()
                .find(|i| i.external_id == number.to_string())?;
            let written_at = incident.resolved_at? + Duration::days(*days_after);
            (written_at <= now).then(|| Explanation {
                incident_id: incident.id.clone(),
                text: english.message(&better_message(&number.to_string()), &[]),
                practice: false,
                written_by: (*who).into(),
                written_at,
                edited_by: None,
                edited_at: None,
            })
        })
        .collect()
}

/// The demo team as the app shows it: the sources' data with the teammates' explanations
/// joined in, as the store joins them.
pub fn team(now: DateTime<Utc>) -> Dataset {
    let mut data = dataset(now);
    for explanation in explanations(now) {
        if let Some(incident) = data
            .incidents
            .iter_mut()
            .find(|i| i.id == explanation.incident_id)
        {
            incident.explanation = Some(explanation);
        }
    }
    data
}

/// Updates shipped: three to seven on each working day, in office hours.
fn changes(today: NaiveDate, history_start: DateTime<Utc>, now: DateTime<Utc>) -> Vec<Change> {
    let mut changes = Vec::new();
    for back in 0..HISTORY_DAYS as u64 {
        let day = at(today, back, 0, 0);
        if day < history_start || matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let ordinal = day.date_naive().num_days_from_ce() as usize;
        let count = 3 + (ordinal * 7) % 5;
        for n in 0..count {
            let at = day + Duration::hours(10) + Duration::minutes(53 * n as i64);
            if at >= now {
                continue;
            }
            let (key, _, friendly) = SERVICES[(ordinal + n) % SERVICES.len()];
            changes.push(Change {
                id: format!("{SOURCE}/change-{}-{n}", day.format("%Y%m%d")),
                source: SOURCE.into(),
                service_id: Some(service_id(key)),
                at,
                summary: format!("Update to {friendly}"),
            });
        }
    }
    changes.sort_by_key(|c| c.at);
    changes
}

#[rustfmt::skip]
fn thanks(today: NaiveDate, now: DateTime<Utc>) -> Vec<ThankYou> {
    let notes = [
        DemoNote {
            number: 1, days_ago: 41, hour: 10, author: "Ben", to: &["Ana"], incident: Some(101),
            message: "Thank you for getting the checkout page back in the middle of the night. Customers never knew how close it was.",
        },
        DemoNote {
            number: 2, days_ago: 33, hour: 15, author: "Dev", to: &["Emma"], incident: Some(110),
            message: "Thanks for spotting the full disk before anyone noticed. Quiet saves count too.",
        },
        DemoNote {
            number: 3, days_ago: 8, hour: 17, author: "Emma", to: &["Ana", "Ben", "Chloe", "Dev"], incident: None,
            message: "A calm week for the shop. That was your careful work, not luck.",
        },
        DemoNote {
            number: 4, days_ago: 2, hour: 9, author: "Chloe", to: &["Ben"], incident: Some(118),
            message: "Thanks for jumping on the card payments problem so late at night.",
        },
    ];
    notes
        .iter()
        .map(|note| ThankYou {
            id: format!("01900000-0000-7000-8000-00000000000{}", note.number),
            author: note.author.into(),
            recipients: note.to.iter().map(|r| r.to_string()).collect(),
            message: note.message.into(),
            incident_id: note.incident.map(|i| format!("{SOURCE}/{i}")),
            period_from: None,
            period_to: None,
            created_at: at(today, note.days_ago, note.hour, 0),
            edited_at: None,
            is_demo: true,
        })
        .filter(|t| t.created_at <= now)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::TimeRange;
    use crate::stats::{intervals_by_service, last_major_incident, state_seconds};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 20, 17, 0).unwrap()
    }

    #[test]
    fn the_same_hour_gives_the_same_team() {
        let later = now() + Duration::minutes(30);
        assert_eq!(dataset(now()), dataset(later));
    }

    #[test]
    fn the_demo_is_a_small_shop_with_90_days_of_history_ending_now() {
        let data = dataset(now());
        assert!((5..=8).contains(&data.services.len()));
        assert!(data.services.iter().all(|s| s.friendly_name.is_some()));
        assert!(
            (15..=30).contains(&data.incidents.len()),
            "{}",
            data.incidents.len()
        );
        let first = data.intervals.iter().map(|i| i.start).min().unwrap();
        let last = data.intervals.iter().map(|i| i.end).max().unwrap();
        assert_eq!(first, Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
        assert_eq!(last, Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap());
        assert!(!data.thanks.is_empty() && data.thanks.iter().all(|t| t.is_demo));
        assert!(!data.changes.is_empty());
    }

    #[test]
    fn it_has_one_major_incident_about_six_weeks_ago_and_one_still_open() {
        let data = dataset(now());
        let major = last_major_incident(&data.incidents, now()).unwrap();
        assert_eq!((now() - major.opened_at).num_days(), 41);
        let open: Vec<_> = data
            .incidents
            .iter()
            .filter(|i| i.resolved_at.is_none())
            .collect();
        assert_eq!(open.len(), 1);
        let at_night = data
            .incidents
            .iter()
            .filter(|i| {
                let hour = i.opened_at.format("%H").to_string().parse::<u32>().unwrap();
                !(7..22).contains(&hour)
            })
            .count();
        assert!(
            at_night >= 3,
            "several incidents happen at night: {at_night}"
        );
    }

    #[test]
    fn three_fixed_problems_say_what_got_better_and_two_drills_switched_parts_off() {
        let team = team(now());
        let explained: Vec<&Incident> = team
            .incidents
            .iter()
            .filter(|i| i.what_got_better().is_some())
            .collect();
        assert_eq!(explained.len(), 3);
        for incident in &explained {
            assert!(
                incident.counts() && incident.resolved_at.is_some(),
                "{}",
                incident.id
            );
            let explanation = incident.explanation.as_ref().unwrap();
            assert!(PEOPLE.contains(&explanation.written_by.as_str()));
            assert!(explanation.written_at > incident.resolved_at.unwrap());
            assert!(explanation.written_at <= now());
            let coaching = crate::coach::coach(&explanation.text, Lang::En);
            assert!(coaching.jargon.is_empty(), "{:?}", coaching.jargon);
        }
        // At least one fixed problem without one, so the team story's nudge shows.
        assert!(
            team.incidents
                .iter()
                .any(|i| i.counts() && i.resolved_at.is_some() && i.what_got_better().is_none())
        );
        // What a source brings has no person's words in it.
        assert!(
            dataset(now())
                .incidents
                .iter()
                .all(|i| i.explanation.is_none())
        );

        let drills: Vec<&Incident> = team
            .incidents
            .iter()
            .filter(|i| i.kind == IncidentKind::Drill)
            .collect();
        assert_eq!(drills.len(), 2);
        for drill in drills {
            assert!(!drill.counts());
            let (start, end) = (drill.opened_at, drill.resolved_at.unwrap());
            assert!((now() - start).num_days() < HISTORY_DAYS as i64);
            let off = team.intervals.iter().any(|i| {
                Some(&i.service_id) == drill.service_id.as_ref()
                    && i.start == start
                    && i.end == end
                    && matches!(i.status, Status::Down | Status::Degraded)
            });
            assert!(off, "the monitors saw {} off", drill.id);
        }
    }

    #[test]
    fn every_second_of_history_is_accounted_for_once_except_the_data_gap() {
        let data = dataset(now());
        let range = TimeRange::new(
            Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap(),
        )
        .unwrap();
        let grouped = intervals_by_service(&data.intervals);
        for service in &data.services {
            let seconds = state_seconds(&grouped[service.id.as_str()], range);
            let expected_gap = if service.external_id == "photos" {
                14 * 3600
            } else {
                0
            };
            assert_eq!(seconds.no_data, expected_gap, "{}", service.id);
        }
        let payments = state_seconds(&grouped["demo/payments"], range);
        assert_eq!(payments.maintenance, 2 * 3600);
        // 18 + 14 + 28 minutes of outages on card payments.
        assert_eq!(payments.down, 60 * 60);
    }
}

//! The big team the benchmarks read: a year of 200 services with 50,000 incidents, built the
//! same way every time (a fixed seed, a fixed end), so every run measures the same work; and
//! the same team at other [`Shape`]s (more years, services or incidents) for the scale rows.
//!
//! Every outage, slowdown, maintenance window and gap starts and ends on a five-minute grid,
//! so the same history can be handed to Prometheus as five-minute probe samples
//! ([`probe_samples`]) and both must give the same availability, to the last digit.

use chrono::{DateTime, Duration, TimeZone, Utc};
use unsung_core::period::TimeRange;
use unsung_core::{
    Change, Dataset, Disposition, Incident, IncidentKind, Interval, Service, Severity, Status,
    ThankYou,
};

pub const SERVICES: usize = 200;
pub const INCIDENTS: usize = 50_000;
pub const DAYS: i64 = 365;
pub const CHANGES: usize = 20_000;
pub const NOTES: usize = 1_000;
/// Seconds between probe samples; every change of state falls on this grid.
pub const STEP: i64 = 300;
/// The Prometheus `job` label of the probes.
pub const JOB: &str = "unsung-bench";
/// Bumped whenever the generated data changes, so cached copies are made again.
pub const DATA_VERSION: u32 = 1;

const PEOPLE: [&str; 8] = ["Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana"];
const TITLES: [&str; 6] = [
    "Checkout returns errors",
    "Pages load slowly",
    "Search finds nothing",
    "Sign-in fails for some people",
    "Pictures do not show",
    "Emails are late",
];

/// How big a generated history is. [`Shape::YEAR`] is the year every other bench reads (and
/// Prometheus holds); the others draw the same way, so each differs from it only in size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    pub years: u32,
    pub services: usize,
    pub incidents: usize,
}

impl Shape {
    pub const YEAR: Shape = Shape {
        years: 1,
        services: SERVICES,
        incidents: INCIDENTS,
    };

    pub fn days(self) -> i64 {
        DAYS * i64::from(self.years)
    }

    /// The whole history, ending at [`end`].
    pub fn range(self) -> TimeRange {
        TimeRange {
            from: end() - Duration::days(self.days()),
            to: end(),
        }
    }

    /// Updates shipped and notes written keep the year's pace: they grow with the years.
    fn changes(self) -> usize {
        CHANGES * self.years as usize
    }

    fn notes(self) -> usize {
        NOTES * self.years as usize
    }

    /// A short name for folders and criterion ids: `1y-200s-50k`.
    pub fn name(self) -> String {
        let incidents = if self.incidents.is_multiple_of(1_000_000) {
            format!("{}m", self.incidents / 1_000_000)
        } else if self.incidents.is_multiple_of(1_000) {
            format!("{}k", self.incidents / 1_000)
        } else {
            self.incidents.to_string()
        };
        format!("{}y-{}s-{incidents}", self.years, self.services)
    }

    /// For people: `1 year × 200 services × 50,000 incidents`.
    pub fn describe(self) -> String {
        let years = if self.years == 1 { "year" } else { "years" };
        format!(
            "{} {years} × {} services × {} incidents",
            self.years,
            thousands(self.services),
            thousands(self.incidents)
        )
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The end of the year told: the benchmarks' "now".
pub fn end() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap()
}

pub fn range() -> TimeRange {
    Shape::YEAR.range()
}

/// A small, fast, deterministic generator (SplitMix64): no dependency, same numbers everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The instance label of service `n` (also its technical name).
pub fn instance(n: usize) -> String {
    format!("api-{n:03}.prod.internal")
}

/// What happened to one service when: `None` for a gap in monitoring (no data).
type Mark = (DateTime<Utc>, DateTime<Utc>, Option<Status>);

/// The whole year: services, availability, incidents, updates shipped and people. Notes are
/// separate ([`notes`]): stores take them one by one.
pub fn dataset() -> Dataset {
    shaped(Shape::YEAR)
}

/// The history of `shape`, drawn as the year is (the year's draws are unchanged by shapes).
pub fn shaped(shape: Shape) -> Dataset {
    let Shape {
        services: service_count,
        incidents: incident_count,
        ..
    } = shape;
    let range = shape.range();
    let start = range.from;
    let slots = shape.days() * 86_400 / STEP;
    let mut random = Random(0x756e_7375_6e67);
    let services: Vec<Service> = (0..service_count)
        .map(|n| Service {
            id: format!("bench/{n}"),
            source: "bench".into(),
            external_id: n.to_string(),
            name: instance(n),
            // Every third one has no friendly name, as in real teams.
            friendly_name: (n % 3 != 0).then(|| format!("shop page {n}")),
        })
        .collect();
    let mut marks: Vec<Vec<Mark>> = vec![Vec::new(); service_count];

    let mut incidents = Vec::with_capacity(incident_count);
    for n in 0..incident_count {
        let service = random.below(service_count as u64) as usize;
        let opened = start + Duration::seconds(random.below(slots as u64 - 13) as i64 * STEP);
        let length = Duration::seconds((1 + random.below(12) as i64) * STEP);
        // The last few are still open at the end of the year.
        let resolved = (n < incident_count - 3).then_some(opened + length);
        let disposition = match random.below(100) {
            0 => Disposition::Merged,
            1 => Disposition::Declined,
            2 => Disposition::Test,
            _ => Disposition::Counted,
        };
        let status = if random.below(5) == 0 {
            Status::Degraded
        } else {
            Status::Down
        };
        if disposition == Disposition::Counted {
            marks[service].push((opened, resolved.unwrap_or(range.to), Some(status)));
        }
        let fixer = PEOPLE[random.below(PEOPLE.len() as u64) as usize];
        let helper = PEOPLE[random.below(PEOPLE.len() as u64) as usize];
        let mut responders = vec![fixer.to_string()];
        if helper != fixer && random.below(3) == 0 {
            responders.push(helper.to_string());
        }
        incidents.push(Incident {
            id: format!("bench/{n}"),
            source: "bench".into(),
            external_id: n.to_string(),
            service_id: Some(services[service].id.clone()),
            title: TITLES[random.below(TITLES.len() as u64) as usize].into(),
            severity: if random.below(50) == 0 {
                Severity::Major
            } else {
                Severity::Minor
            },
            opened_at: opened,
            acknowledged_at: Some(opened + Duration::minutes(1 + random.below(9) as i64)),
            resolved_at: resolved,
            resolved_by: resolved.map(|_| fixer.to_string()),
            responders,
            notes: if random.below(10) == 0 {
                vec!["Restarted the workers; watching it.".into()]
            } else {
                vec![]
            },
            disposition,
            link: Some(format!("https://pd.example.org/incidents/{n}")),
            kind: IncidentKind::Problem,
            source_explanation: None,
            explanation: None,
        });
    }
    incidents.sort_by(|a, b| (a.opened_at, &a.id).cmp(&(b.opened_at, &b.id)));

    for (n, own) in marks.iter_mut().enumerate() {
        // An hour of planned maintenance each month, at night.
        for month in 0..12 * i64::from(shape.years) {
            let at = start + Duration::days(month * 30 + (n as i64 * 7) % 28) + Duration::hours(2);
            own.push((at, at + Duration::hours(1), Some(Status::Maintenance)));
        }
        // Some monitors were off for a day.
        if n % 25 == 0 {
            let at = start + Duration::days(40 + n as i64 % 300);
            own.push((at, at + Duration::days(1), None));
        }
    }

    let mut intervals = Vec::new();
    for (service, own) in services.iter().zip(marks.iter_mut()) {
        own.sort_by_key(|m| (m.0, m.1));
        let mut cursor = start;
        let mut push = |from: DateTime<Utc>, to: DateTime<Utc>, status: Status| {
            intervals.push(Interval {
                service_id: service.id.clone(),
                start: from,
                end: to,
                status,
            });
        };
        for &(from, to, status) in own.iter() {
            // Where marks overlap, the earlier one keeps its time.
            let from = from.max(cursor);
            let to = to.min(range.to);
            if to <= from {
                continue;
            }
            if cursor < from {
                push(cursor, from, Status::Up);
            }
            if let Some(status) = status {
                push(from, to, status);
            }
            cursor = to;
        }
        if cursor < range.to {
            push(cursor, range.to, Status::Up);
        }
    }

    let changes = (0..shape.changes())
        .map(|n| Change {
            id: format!("bench/change-{n}"),
            source: "bench".into(),
            service_id: Some(
                services[random.below(service_count as u64) as usize]
                    .id
                    .clone(),
            ),
            at: start + Duration::seconds(random.below((shape.days() * 86_400) as u64) as i64),
            summary: "Deploy".into(),
        })
        .collect();

    Dataset {
        services,
        intervals,
        incidents,
        changes,
        thanks: vec![],
        people: PEOPLE.map(String::from).to_vec(),
    }
}

/// A year of thank-you notes, one every few hours.
pub fn notes() -> Vec<ThankYou> {
    shaped_notes(Shape::YEAR)
}

/// The notes of `shape`'s years, at the year's pace.
pub fn shaped_notes(shape: Shape) -> Vec<ThankYou> {
    let mut random = Random(0x7468_616e_6b73);
    let start = shape.range().from;
    (0..shape.notes())
        .map(|n| {
            let from = PEOPLE[random.below(PEOPLE.len() as u64) as usize];
            let to = PEOPLE[random.below(PEOPLE.len() as u64) as usize];
            ThankYou {
                id: format!("01900000-0000-7000-8000-{n:012}"),
                author: from.into(),
                recipients: vec![to.into()],
                message: "Thank you for last night.".into(),
                incident_id: None,
                period_from: None,
                period_to: None,
                created_at: start
                    + Duration::seconds(random.below((shape.days() * 86_400) as u64) as i64),
                edited_at: None,
                is_demo: false,
            }
        })
        .collect()
}

/// One probe sample: what the service was over `[at - STEP, at)`; `None` when unknown
/// (maintenance or a gap), which Prometheus holds as no sample at all.
pub fn sample_value(status: Status) -> Option<u8> {
    match status {
        Status::Up | Status::Degraded => Some(1),
        Status::Down => Some(0),
        Status::Maintenance => None,
    }
}

/// The probe samples of one service's intervals (sorted, on the grid) as `(time, value)` in
/// time order: one every [`STEP`] seconds wherever the service was up, slow or down.
pub fn probe_samples<'a>(intervals: &'a [&'a Interval]) -> impl Iterator<Item = (i64, u8)> + 'a {
    intervals.iter().flat_map(|interval| {
        let value = sample_value(interval.status);
        let (from, to) = (interval.start.timestamp(), interval.end.timestamp());
        (from..to)
            .step_by(STEP as usize)
            .filter_map(move |slot| value.map(|v| (slot + STEP, v)))
    })
}

#[cfg(test)]
const YEAR_FINGERPRINT: u64 = 12_039_319_589_697_476_855;

#[cfg(test)]
mod tests {
    use super::*;
    use unsung_core::stats::{intervals_by_service, state_seconds};

    #[test]
    fn the_year_is_the_same_every_time_and_on_the_grid() {
        let data = dataset();
        assert_eq!(data, dataset());
        assert_eq!(data.services.len(), SERVICES);
        assert_eq!(data.incidents.len(), INCIDENTS);
        assert!(
            data.intervals.len() > 2 * INCIDENTS / 2,
            "{}",
            data.intervals.len()
        );
        for interval in &data.intervals {
            assert_eq!(
                (interval.start.timestamp() - range().from.timestamp()) % STEP,
                0
            );
            assert_eq!(
                (interval.end.timestamp() - range().from.timestamp()) % STEP,
                0
            );
        }
    }

    /// FNV-1a over the text of what was generated: a change to the year's data shows here
    /// (then bump [`DATA_VERSION`], as the cached copies and Prometheus's hold the old data).
    fn fingerprint(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn the_year_stays_the_data_its_copies_hold() {
        let text = format!("{:?}{:?}", dataset(), notes());
        assert_eq!(fingerprint(&text), YEAR_FINGERPRINT, "bump DATA_VERSION");
    }

    #[test]
    fn other_shapes_differ_only_in_size() {
        let shape = Shape {
            years: 2,
            services: 30,
            incidents: 900,
        };
        let data = shaped(shape);
        assert_eq!(data.services.len(), 30);
        assert_eq!(data.incidents.len(), 900);
        assert_eq!(data.changes.len(), 2 * CHANGES);
        assert_eq!(shaped_notes(shape).len(), 2 * NOTES);
        let range = shape.range();
        assert_eq!(range.to - range.from, Duration::days(2 * DAYS));
        assert!(data.incidents.iter().all(|i| range.contains(i.opened_at)));
        // Each service's intervals tile the whole range, as in the year.
        let grouped = intervals_by_service(&data.intervals);
        for service in &data.services {
            let own = &grouped[service.id.as_str()];
            assert_eq!(own.first().unwrap().start, range.from);
            assert_eq!(own.last().unwrap().end, range.to);
        }
        assert_eq!(shape.name(), "2y-30s-900");
        assert_eq!(Shape::YEAR.name(), "1y-200s-50k");
        assert_eq!(
            Shape::YEAR.describe(),
            "1 year × 200 services × 50,000 incidents"
        );
        let big = Shape {
            years: 10,
            services: 1_000,
            incidents: 1_000_000,
        };
        assert_eq!(big.name(), "10y-1000s-1m");
        assert_eq!(
            big.describe(),
            "10 years × 1,000 services × 1,000,000 incidents"
        );
    }

    #[test]
    fn probe_samples_give_the_same_availability_as_the_intervals() {
        let data = dataset();
        let grouped = intervals_by_service(&data.intervals);
        for service in data.services.iter().take(10) {
            let own = &grouped[service.id.as_str()];
            let seconds = state_seconds(own, range());
            let (mut ones, mut all) = (0u64, 0u64);
            for (at, value) in probe_samples(own) {
                assert!(at > range().from.timestamp() && at <= range().to.timestamp());
                ones += value as u64;
                all += 1;
            }
            let expected = seconds.uptime_ratio().unwrap();
            assert!((ones as f64 / all as f64 - expected).abs() < 1e-12);
        }
    }
}

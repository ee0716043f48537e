//! The index against the direct sums it stands in for, on random and hand-made data.

use super::*;
use crate::model::{Disposition, IncidentKind, Severity};
use crate::seconds::state_seconds;
use chrono::{Duration, SubsecRound, TimeZone};

const STATES: [Status; 4] = [
    Status::Up,
    Status::Degraded,
    Status::Down,
    Status::Maintenance,
];

/// A small deterministic generator (SplitMix64), so failures can be replayed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n
    }
}

fn origin() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()
}

/// An instant within a day of the origin, sometimes off the whole second.
fn instant(random: &mut Random) -> DateTime<Utc> {
    let millis = if random.below(3) == 0 {
        random.below(1000) as i64
    } else {
        0
    };
    origin() + Duration::seconds(random.below(86_400) as i64) + Duration::milliseconds(millis)
}

/// Intervals that overlap, nest, touch, repeat and are sometimes empty or reversed.
fn intervals(random: &mut Random, count: usize) -> Vec<Interval> {
    let mut out: Vec<Interval> = (0..count)
        .map(|_| {
            let start = instant(random);
            let length = match random.below(4) {
                0 => Duration::seconds(random.below(60) as i64 - 5),
                1 => Duration::milliseconds(random.below(4000) as i64),
                _ => Duration::seconds(random.below(7200) as i64),
            };
            Interval {
                service_id: "s".into(),
                start,
                end: start + length,
                status: STATES[random.below(4) as usize],
            }
        })
        .collect();
    // Some exact repeats with another state: the first listed must win.
    for k in 0..count / 10 {
        let mut twin = out[k].clone();
        twin.status = STATES[(column(twin.status) + 1) % 4];
        out.push(twin);
    }
    out
}

fn range(random: &mut Random) -> TimeRange {
    loop {
        let (a, b) = (instant(random), instant(random));
        if let Some(range) = TimeRange::new(a.min(b), a.max(b)) {
            return range;
        }
    }
}

#[test]
fn coverage_agrees_with_the_direct_sum_on_random_ranges() {
    let mut random = Random(7);
    for round in 0..200 {
        let count = [0, 1, 2, 5, 40, 300][round % 6];
        let all = intervals(&mut random, count);
        let refs: Vec<&Interval> = all.iter().collect();
        let coverage = Coverage::new(&all);
        for _ in 0..50 {
            let range = range(&mut random);
            assert_eq!(
                coverage.seconds(range),
                state_seconds(&refs, range),
                "round {round}, {range:?}"
            );
        }
        // Ranges reaching past every interval, and ones cutting a single stretch.
        let wide =
            TimeRange::new(origin() - Duration::days(2), origin() + Duration::days(3)).unwrap();
        assert_eq!(coverage.seconds(wide), state_seconds(&refs, wide));
        for interval in all.iter().take(20) {
            let inside = TimeRange::new(
                interval.start + Duration::milliseconds(300),
                interval.start + Duration::seconds(3),
            )
            .unwrap();
            assert_eq!(coverage.seconds(inside), state_seconds(&refs, inside));
        }
    }
}

#[test]
fn spans_asked_in_time_order_or_not_get_the_direct_sum() {
    let mut random = Random(11);
    for round in 0..60 {
        let count = [0, 1, 3, 40, 300][round % 5];
        let mut all = intervals(&mut random, count);
        // A second service, so each keeps its own place.
        for interval in intervals(&mut random, count / 2) {
            all.push(Interval {
                service_id: "t".into(),
                ..interval
            });
        }
        let index = PeriodIndex::new(&[], &all, &[]);
        let mut spans: Vec<(&str, TimeRange)> = (0..80)
            .map(|k| (["s", "t", "u"][k % 3], range(&mut random)))
            .collect();
        if round % 2 == 0 {
            // Problems come in the order they began; odd rounds ask in any order.
            spans.sort_by_key(|(_, span)| span.from);
        }
        let mut in_order = index.in_time_order();
        for (service, span) in spans {
            let refs: Vec<&Interval> = all.iter().filter(|i| i.service_id == service).collect();
            assert_eq!(
                in_order.seconds(index.slot(service), span),
                state_seconds(&refs, span),
                "round {round}, {service} {span:?}"
            );
        }
    }
}

#[test]
fn a_partition_found_from_a_known_start_is_the_partition_point() {
    let sorted: Vec<u32> = (0..200).map(|k| k * 3).collect();
    for below in [0, 1, 2, 3, 299, 300, 597, 598, 1000] {
        let expected = sorted.partition_point(|v| *v < below);
        for from in 0..=expected {
            assert_eq!(
                partition_from(&sorted, from, |v| *v < below),
                expected,
                "below {below}, from {from}"
            );
        }
    }
    assert_eq!(partition_from(&[] as &[u32], 0, |_| true), 0);
}

/// The intervals as planned work makes them: every down or degraded second inside a
/// window relabelled, one second at a time (slow, and plainly right).
fn planned_by_hand(intervals: &[Interval], windows: &[Window], range: TimeRange) -> StateSeconds {
    let refs: Vec<&Interval> = intervals.iter().collect();
    let mut total = StateSeconds::default();
    let mut at = range.from;
    while at < range.to {
        let next = (at + Duration::seconds(1)).min(range.to);
        let second = TimeRange::new(at, next).unwrap();
        let mut one = state_seconds(&refs, second);
        if windows.iter().any(|(start, end)| *start <= at && at < *end) {
            one.maintenance += one.down + one.degraded;
            one.down = 0;
            one.degraded = 0;
        }
        total.add(&one);
        at = next;
    }
    total
}

#[test]
fn planned_coverage_turns_trouble_inside_planned_work_into_maintenance() {
    let mut random = Random(5);
    for round in 0..30 {
        let all: Vec<Interval> = intervals(&mut random, 12)
            .into_iter()
            .map(|mut i| {
                // Whole seconds, so the second-by-second count is exact.
                i.start = i.start.trunc_subsecs(0);
                i.end = i.end.trunc_subsecs(0);
                i
            })
            .collect();
        let windows = merged(
            (0..3)
                .map(|_| {
                    let start = instant(&mut random).trunc_subsecs(0);
                    (start, start + Duration::seconds(random.below(5000) as i64))
                })
                .collect(),
        );
        let coverage = Coverage::planned(&all, &windows);
        let from = origin() + Duration::seconds(random.below(80_000) as i64);
        let range = TimeRange::new(from, from + Duration::seconds(4000)).unwrap();
        assert_eq!(
            coverage.seconds(range),
            planned_by_hand(&all, &windows, range),
            "round {round}"
        );
    }
}

#[test]
fn a_drills_day_shows_planned_work_in_the_daily_bars_not_trouble() {
    use crate::timeline::{DayState, daily_bars};
    let day = |d: i64| origin() + Duration::days(d);
    let intervals = [
        Interval::new("s", day(0), day(1) + Duration::hours(10), Status::Up),
        Interval::new(
            "s",
            day(1) + Duration::hours(10),
            day(1) + Duration::hours(11),
            Status::Down,
        ),
        Interval::new("s", day(1) + Duration::hours(11), day(3), Status::Up),
    ];
    let mut drill = crate::testing::incident("t", "1", "s", day(1) + Duration::hours(10), Some(60));
    drill.kind = IncidentKind::Drill;
    let windows = planned_windows([&drill]);
    let refs: Vec<&Interval> = intervals.iter().collect();
    let raw = daily_bars(&refs, 3, day(2) + Duration::hours(12), chrono_tz::UTC);
    assert_eq!(raw[1].state, DayState::Down);
    let planned = planned_intervals("s", &refs, &windows["s"]);
    let refs: Vec<&Interval> = planned.iter().collect();
    let bars = daily_bars(&refs, 3, day(2) + Duration::hours(12), chrono_tz::UTC);
    assert_eq!(bars[1].state, DayState::Maintenance);
    assert_eq!(
        (bars[1].down_seconds, bars[1].maintenance_seconds),
        (0, 3600)
    );
    let range = TimeRange::new(day(0), day(3)).unwrap();
    assert_eq!(
        state_seconds(&refs, range),
        Coverage::planned(&intervals, &windows["s"]).seconds(range)
    );
}

#[test]
fn upkeep_holds_a_moment_when_some_window_does() {
    let mut random = Random(11);
    for _ in 0..100 {
        let all = intervals(&mut random, 30);
        let upkeep = Upkeep::new(&all);
        for _ in 0..100 {
            let at = instant(&mut random);
            let direct = all
                .iter()
                .any(|i| i.status == Status::Maintenance && i.start <= at && at < i.end);
            assert_eq!(upkeep.covers(at), direct, "{at}");
        }
        for window in all.iter().filter(|i| i.status == Status::Maintenance) {
            let direct = |at| {
                all.iter().any(|i: &Interval| {
                    i.status == Status::Maintenance && i.start <= at && at < i.end
                })
            };
            assert_eq!(upkeep.covers(window.start), direct(window.start));
            assert_eq!(upkeep.covers(window.end), direct(window.end));
        }
    }
}

#[test]
fn the_index_finds_each_service_and_keeps_only_counted_incidents() {
    let mut random = Random(3);
    let mut all = intervals(&mut random, 50);
    for (k, interval) in all.iter_mut().enumerate() {
        interval.service_id = ["a", "b", "ghost"][k % 3].into();
    }
    let service = |id: &str| Service {
        id: id.into(),
        source: "t".into(),
        external_id: id.into(),
        name: id.into(),
        friendly_name: None,
    };
    let services = [service("a"), service("b"), service("quiet")];
    let people = ["Ana", "Ben", "ana.garcia", "Chloe"];
    let incidents: Vec<Incident> = (0..40)
        .map(|k| {
            let opened_at = instant(&mut random);
            Incident {
                id: format!("t/{k}"),
                source: "t".into(),
                external_id: k.to_string(),
                service_id: [Some("a"), Some("elsewhere"), None][k % 3].map(String::from),
                title: "Something broke".into(),
                severity: [Severity::Minor, Severity::Major][usize::from(k % 7 == 0)],
                opened_at,
                acknowledged_at: None,
                resolved_at: match k % 4 {
                    0 => None,
                    1 => Some(origin() + Duration::days(2)),
                    _ => Some(opened_at + Duration::minutes(k as i64 * 13)),
                },
                resolved_by: (k % 2 == 0).then(|| people[k % 4].to_string()),
                responders: people[..k % 3].iter().map(|p| p.to_string()).collect(),
                notes: vec![],
                disposition: [Disposition::Counted, Disposition::Merged][k % 5 / 4],
                link: None,
                kind: [IncidentKind::Problem, IncidentKind::Drill][usize::from(k % 9 == 4)],
                source_explanation: None,
                explanation: None,
            }
        })
        .collect();
    let index = PeriodIndex::new(&services, &all, &incidents);
    let range = TimeRange::new(origin(), origin() + Duration::days(1)).unwrap();
    for id in ["a", "b", "ghost", "quiet", "unknown"] {
        let own: Vec<&Interval> = all.iter().filter(|i| i.service_id == id).collect();
        assert_eq!(
            index.service_seconds(id, range),
            state_seconds(&own, range),
            "{id}"
        );
    }
    assert_eq!(index.slot("a"), Some(0));
    assert_eq!(index.slot("quiet"), Some(2));
    assert!(index.slot("unknown").is_none());

    let half = TimeRange::new(
        origin() + Duration::hours(6),
        origin() + Duration::hours(18),
    )
    .unwrap();
    let direct: Vec<usize> = (0..incidents.len())
        .filter(|&k| incidents[k].counts() && half.contains(incidents[k].opened_at))
        .collect();
    let indexed: Vec<&CountedIncident> = index.counted_in(half).collect();
    let positions: Vec<usize> = indexed.iter().map(|c| c.position).collect();
    assert_eq!(positions, direct);
    for counted in indexed {
        let incident = &incidents[counted.position];
        assert_eq!(counted.opened_at, incident.opened_at);
        assert_eq!(counted.seconds_to_resolve, incident.seconds_to_resolve());
        let slot = incident.service_id.as_deref().and_then(|id| index.slot(id));
        assert_eq!(counted.service, slot);
        assert_eq!(counted.resolved_at, incident.resolved_at);
        assert_eq!(counted.major, incident.severity == Severity::Major);
        // What the story reads of it without its strings: who worked on it, and what the
        // service's record showed while it was open.
        let named: Vec<&str> = index
            .people_of(counted)
            .iter()
            .map(|&number| index.person(number))
            .collect();
        let people: Vec<&str> = incident
            .responders
            .iter()
            .chain(&incident.resolved_by)
            .map(String::as_str)
            .collect();
        assert_eq!(named, people);
        let life = incident
            .resolved_at
            .and_then(|resolved| TimeRange::new(incident.opened_at, resolved));
        let shown = slot
            .zip(life)
            .map(|(slot, life)| Shown::from(index.seconds(Some(slot), life)));
        assert_eq!(counted.shown_while_open, shown, "{}", incident.id);
    }
    let all_counted: Vec<&CountedIncident> = index.counted_in(half).collect();
    assert!(all_counted.iter().any(|c| c.shown_while_open.is_some()));
    assert!(all_counted.iter().any(|c| index.people_of(c).len() > 1));
    assert!(index.people_count() <= people.len());
    let planned: Vec<usize> = (0..incidents.len())
        .filter(|&k| incidents[k].effective_kind() != IncidentKind::Problem)
        .collect();
    assert!(!planned.is_empty());
    assert_eq!(index.planned_work(), planned);
}

//! Indexes over one period's data, built once when the period is read, so its figures and its
//! story ask them in logarithmic time instead of grouping, sorting and scanning every row on
//! every call (a year of a big team is 150,000 intervals and 50,000 incidents, and the app asks
//! for the same period's stats and story again and again).
//!
//! Every answer is the one the direct computation gives ([`state_seconds`] and friends), to
//! the second; the tests below check them against each other.
//!
//! [`state_seconds`]: crate::seconds::state_seconds

use crate::model::{Disposition, Incident, IncidentKind, Interval, Service, Status};
use crate::period::TimeRange;
use crate::seconds::{IdMap, StateSeconds};
use chrono::{DateTime, Utc};

/// The column of a state in [`Coverage`]'s running totals.
fn column(status: Status) -> usize {
    match status {
        Status::Up => 0,
        Status::Degraded => 1,
        Status::Down => 2,
        Status::Maintenance => 3,
    }
}

/// One service's time as disjoint stretches in time order, each in one state, with the
/// seconds of each state before every stretch.
///
/// The stretches are the intervals as [`state_seconds`] counts them: sorted by `(start, end)`,
/// where intervals overlap the earlier one keeps the overlap, and each second goes to the
/// first interval that covers it. That choice does not depend on the span asked about, so it
/// is made once here; the seconds in a span are then two binary searches, the running totals
/// between them, and the two stretches the span may cut.
///
/// [`state_seconds`]: crate::seconds::state_seconds
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    starts: Vec<DateTime<Utc>>,
    ends: Vec<DateTime<Utc>>,
    statuses: Vec<Status>,
    /// `before[k]`: the seconds of each state in stretches `0..k` (one more than stretches).
    before: Vec<[i64; 4]>,
}

impl Coverage {
    /// The coverage of one service's intervals, in any order.
    pub fn new<'a>(intervals: impl IntoIterator<Item = &'a Interval>) -> Coverage {
        Coverage::planned(intervals, &[])
    }

    /// [`Coverage::new`], where down or degraded time inside one of `planned` (the service's
    /// planned work, disjoint spans in time order) counts as maintenance.
    pub fn planned<'a>(
        intervals: impl IntoIterator<Item = &'a Interval>,
        planned: &[Window],
    ) -> Coverage {
        let mut sorted: Vec<&Interval> = intervals.into_iter().collect();
        // Stable, as state_seconds' sort: equal intervals keep their order, the first wins.
        sorted.sort_by_key(|i| (i.start, i.end));
        let mut coverage = Coverage {
            before: vec![[0; 4]],
            ..Coverage::default()
        };
        let mut covered_until = DateTime::<Utc>::MIN_UTC;
        for interval in sorted {
            let start = interval.start.max(covered_until);
            if interval.end <= start {
                continue;
            }
            coverage.push_planned(start, interval.end, interval.status, planned);
            covered_until = interval.end;
        }
        coverage
    }

    fn push(&mut self, start: DateTime<Utc>, end: DateTime<Utc>, status: Status) {
        let mut totals = self.before[self.before.len() - 1];
        totals[column(status)] += (end - start).num_seconds();
        self.starts.push(start);
        self.ends.push(end);
        self.statuses.push(status);
        self.before.push(totals);
    }

    /// Pushes a stretch, cut where planned work begins and ends: trouble inside planned work
    /// is planned.
    fn push_planned(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        status: Status,
        planned: &[Window],
    ) {
        if matches!(status, Status::Up | Status::Maintenance) {
            self.push(start, end, status);
            return;
        }
        let mut cursor = start;
        let mut k = planned.partition_point(|(_, window_end)| *window_end <= start);
        while cursor < end {
            match planned.get(k) {
                Some(&(window_start, window_end)) if window_start < end => {
                    if window_start > cursor {
                        self.push(cursor, window_start, status);
                        cursor = window_start;
                    }
                    let stop = window_end.min(end);
                    if stop > cursor {
                        self.push(cursor, stop, Status::Maintenance);
                        cursor = stop;
                    }
                    k += 1;
                }
                _ => {
                    self.push(cursor, end, status);
                    cursor = end;
                }
            }
        }
    }

    /// The seconds of stretch `k` that fall in `range` (the whole stretch when inside it).
    fn clipped(&self, k: usize, range: TimeRange) -> i64 {
        let start = self.starts[k].max(range.from);
        let end = self.ends[k].min(range.to);
        (end - start).num_seconds()
    }

    /// The seconds of each state in `range`, as [`state_seconds`] of the same intervals
    /// gives them.
    ///
    /// [`state_seconds`]: crate::seconds::state_seconds
    pub fn seconds(&self, range: TimeRange) -> StateSeconds {
        // Stretches lo..hi overlap the range; only the first and the last may be cut.
        let lo = self.ends.partition_point(|end| *end <= range.from);
        let hi = self.starts.partition_point(|start| *start < range.to);
        let mut totals = [0i64; 4];
        if lo < hi {
            let (first, last) = (lo, hi - 1);
            totals[column(self.statuses[first])] += self.clipped(first, range);
            if last > first {
                // The whole stretches strictly between the first and the last.
                for (k, total) in totals.iter_mut().enumerate() {
                    *total += self.before[last][k] - self.before[first + 1][k];
                }
                totals[column(self.statuses[last])] += self.clipped(last, range);
            }
        }
        let [up, degraded, down, maintenance] = totals;
        StateSeconds {
            up,
            degraded,
            down,
            maintenance,
            no_data: range.seconds() - (up + degraded + down + maintenance),
        }
    }
}

/// A span of time, start inclusive, end exclusive.
pub type Window = (DateTime<Utc>, DateTime<Utc>);

/// How long a drill or planned maintenance still open counts as planned, so one nobody closed
/// cannot hide later trouble.
pub const OPEN_PLANNED_HOURS: i64 = 24;

/// The planned work on each service, from the incident records that say so (drills, planned
/// maintenance, incidents a person marked as practice), as disjoint spans in time order.
/// Down or degraded time on a service during its planned work is planned, not downtime.
pub fn planned_windows<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
) -> IdMap<&'a str, Vec<Window>> {
    let mut windows: IdMap<&str, Vec<Window>> = IdMap::default();
    for incident in incidents {
        if incident.disposition != Disposition::Counted
            || incident.effective_kind() == IncidentKind::Problem
        {
            continue;
        }
        let Some(service) = incident.service_id.as_deref() else {
            continue;
        };
        let end = incident
            .resolved_at
            .unwrap_or(incident.opened_at + chrono::Duration::hours(OPEN_PLANNED_HOURS));
        if end > incident.opened_at {
            windows
                .entry(service)
                .or_default()
                .push((incident.opened_at, end));
        }
    }
    for spans in windows.values_mut() {
        *spans = merged(std::mem::take(spans));
    }
    windows
}

/// Overlapping or touching spans joined, in time order.
fn merged(mut windows: Vec<Window>) -> Vec<Window> {
    windows.sort_unstable();
    let mut spans: Vec<Window> = Vec::with_capacity(windows.len());
    for (start, end) in windows {
        match spans.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => spans.push((start, end)),
        }
    }
    spans
}

/// One service's intervals as the figures count them: disjoint, in time order, with down or
/// degraded time inside `planned` (its [`planned_windows`]) as maintenance. For what reads
/// intervals rather than figures, such as the daily bars, so a drill never shows as trouble.
pub fn planned_intervals(
    service_id: &str,
    intervals: &[&Interval],
    planned: &[Window],
) -> Vec<Interval> {
    let coverage = Coverage::planned(intervals.iter().copied(), planned);
    (0..coverage.starts.len())
        .map(|k| {
            Interval::new(
                service_id,
                coverage.starts[k],
                coverage.ends[k],
                coverage.statuses[k],
            )
        })
        .collect()
}

/// The moments covered by some maintenance window, as disjoint spans in time order.
#[derive(Debug, Clone, Default)]
pub struct Upkeep {
    spans: Vec<(DateTime<Utc>, DateTime<Utc>)>,
}

impl Upkeep {
    /// The union of the maintenance intervals among `intervals`, of every service.
    pub fn new(intervals: &[Interval]) -> Upkeep {
        let windows: Vec<Window> = intervals
            .iter()
            .filter(|i| i.status == Status::Maintenance && i.start < i.end)
            .map(|i| (i.start, i.end))
            .collect();
        Upkeep {
            spans: merged(windows),
        }
    }

    /// Whether some maintenance window holds `at` (its start included, its end not).
    pub fn covers(&self, at: DateTime<Utc>) -> bool {
        let k = self.spans.partition_point(|(start, _)| *start <= at);
        k > 0 && at < self.spans[k - 1].1
    }
}

/// What the figures need of one counted incident, kept small so a year of them is scanned
/// without reading every incident's strings.
#[derive(Debug, Clone, Copy)]
pub struct CountedIncident {
    /// Where the incident is in the period's incidents.
    pub position: usize,
    pub opened_at: DateTime<Utc>,
    /// [`Incident::seconds_to_resolve`].
    pub seconds_to_resolve: Option<i64>,
    /// The [`PeriodIndex`] slot of its service, if it names one.
    pub service: Option<usize>,
}

/// The indexes of one period's data: each service's [`Coverage`], the maintenance windows,
/// and the incidents that count.
#[derive(Debug, Clone, Default)]
pub struct PeriodIndex {
    /// Service id → slot, for every service named by a service, an interval or an incident.
    slots: IdMap<Box<str>, usize>,
    coverage: Vec<Coverage>,
    upkeep: Upkeep,
    counted: Vec<CountedIncident>,
}

impl PeriodIndex {
    pub fn new(services: &[Service], intervals: &[Interval], incidents: &[Incident]) -> Self {
        let mut slots: IdMap<Box<str>, usize> = IdMap::default();
        let mut slot_of = |id: &str| {
            // Looked up before inserting: the id is copied only for a new service.
            if let Some(&slot) = slots.get(id) {
                return slot;
            }
            let slot = slots.len();
            slots.insert(id.into(), slot);
            slot
        };
        for service in services {
            slot_of(&service.id);
        }
        let mut own: Vec<Vec<&Interval>> = Vec::new();
        for interval in intervals {
            let slot = slot_of(&interval.service_id);
            if own.len() <= slot {
                own.resize_with(slot + 1, Vec::new);
            }
            own[slot].push(interval);
        }
        let counted = incidents
            .iter()
            .enumerate()
            .filter(|(_, incident)| incident.counts())
            .map(|(position, incident)| CountedIncident {
                position,
                opened_at: incident.opened_at,
                seconds_to_resolve: incident.seconds_to_resolve(),
                service: incident.service_id.as_deref().map(&mut slot_of),
            })
            .collect();
        // Trouble during a drill or planned maintenance is planned, on that service only.
        let windows = planned_windows(incidents);
        let mut planned: Vec<&[Window]> = vec![&[]; slots.len()];
        for (id, &slot) in &slots {
            if let Some(spans) = windows.get(&**id) {
                planned[slot] = spans;
            }
        }
        let mut coverage: Vec<Coverage> = own
            .into_iter()
            .enumerate()
            .map(|(slot, list)| Coverage::planned(list, planned[slot]))
            .collect();
        coverage.resize_with(slots.len(), || Coverage::new([]));
        PeriodIndex {
            slots,
            coverage,
            upkeep: Upkeep::new(intervals),
            counted,
        }
    }

    /// The slot of a service id, if the period names it anywhere.
    pub fn slot(&self, service_id: &str) -> Option<usize> {
        self.slots.get(service_id).copied()
    }

    /// How many slots there are (for per-service tallies).
    pub fn slots(&self) -> usize {
        self.coverage.len()
    }

    /// A service's seconds in each state over `range`; all no data for a service without
    /// intervals.
    pub fn seconds(&self, slot: Option<usize>, range: TimeRange) -> StateSeconds {
        match slot {
            Some(slot) => self.coverage[slot].seconds(range),
            None => Coverage::default().seconds(range),
        }
    }

    /// The seconds of a service, by id.
    pub fn service_seconds(&self, service_id: &str, range: TimeRange) -> StateSeconds {
        self.seconds(self.slot(service_id), range)
    }

    pub fn upkeep(&self) -> &Upkeep {
        &self.upkeep
    }

    /// The incidents that count and were opened in `range`, in the period's order.
    pub fn counted_in(&self, range: TimeRange) -> impl Iterator<Item = &CountedIncident> {
        self.counted
            .iter()
            .filter(move |incident| range.contains(incident.opened_at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Disposition, IncidentKind};
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

    /// The intervals as planned work makes them: every down or degraded second inside a
    /// window relabelled, one second at a time (slow, and plainly right).
    fn planned_by_hand(
        intervals: &[Interval],
        windows: &[Window],
        range: TimeRange,
    ) -> StateSeconds {
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
        let mut drill =
            crate::testing::incident("t", "1", "s", day(1) + Duration::hours(10), Some(60));
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
        let incidents: Vec<Incident> = (0..40)
            .map(|k| Incident {
                id: format!("t/{k}"),
                source: "t".into(),
                external_id: k.to_string(),
                service_id: [Some("a"), Some("elsewhere"), None][k % 3].map(String::from),
                title: "Something broke".into(),
                severity: crate::model::Severity::Minor,
                opened_at: instant(&mut random),
                acknowledged_at: None,
                resolved_at: (k % 4 != 0).then(|| origin() + Duration::days(2)),
                resolved_by: None,
                responders: vec![],
                notes: vec![],
                disposition: [Disposition::Counted, Disposition::Merged][k % 5 / 4],
                link: None,
                kind: IncidentKind::Problem,
                source_explanation: None,
                explanation: None,
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
        }
    }
}

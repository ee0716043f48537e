//! Indexes over one period's data, built once when the period is read, so its figures and its
//! story ask them in logarithmic time instead of grouping, sorting and scanning every row on
//! every call (a year of a big team is 150,000 intervals and 50,000 incidents, and the app asks
//! for the same period's stats and story again and again).
//!
//! Every answer is the one the direct computation gives ([`state_seconds`] and friends), to
//! the second; the tests below check them against each other.
//!
//! [`state_seconds`]: crate::seconds::state_seconds

use crate::model::{Disposition, Incident, IncidentKind, Interval, Service, Severity, Status};
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
        self.seconds_after(range, &mut 0)
    }

    /// [`Coverage::seconds`], searching from `*first`: the first stretch the last range asked
    /// overlapped, which this one's becomes. Ranges asked in time order then read a few
    /// neighbouring stretches each, not a binary search's worth of cold memory (a story asks
    /// for each of a year's problems). A range that starts earlier searches from the start.
    fn seconds_after(&self, range: TimeRange, first: &mut usize) -> StateSeconds {
        let known_before = match first.checked_sub(1) {
            Some(last) => self.ends.get(last).is_some_and(|end| *end <= range.from),
            None => true,
        };
        let from = if known_before { *first } else { 0 };
        // Stretches lo..hi overlap the range; only the first and the last may be cut. Every
        // stretch before lo ends before the range starts, so it also starts before it ends.
        let lo = partition_from(&self.ends, from, |end| *end <= range.from);
        let hi = partition_from(&self.starts, lo, |start| *start < range.to);
        *first = lo;
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

/// `slice.partition_point(pred)`, where `pred` is known to hold before `from`: a gallop from
/// `from` (1, 2, 4, ... ahead), then a binary search of the last step, so an answer near `from`
/// costs a few reads.
fn partition_from<T>(slice: &[T], from: usize, pred: impl Fn(&T) -> bool) -> usize {
    let (mut low, mut probe, mut step) = (from, from, 1);
    while probe < slice.len() && pred(&slice[probe]) {
        low = probe + 1;
        probe += step;
        step *= 2;
    }
    let high = probe.min(slice.len());
    low + slice[low..high].partition_point(pred)
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
    pub resolved_at: Option<DateTime<Utc>>,
    /// [`Incident::seconds_to_resolve`].
    pub seconds_to_resolve: Option<i64>,
    /// The [`PeriodIndex`] slot of its service, if it names one.
    pub service: Option<usize>,
    /// What its service's record shows from when it opened to when it was resolved (resolved
    /// incidents of a service): kept, so a year's story does not search the record again for
    /// every problem.
    pub shown_while_open: Option<Shown>,
    /// A major incident: a big outage.
    pub major: bool,
    /// Its responders, then who resolved it, as [`PeriodIndex::people_of`] gives them.
    people: (u32, u32),
}

/// Which states a service's record shows over a span, and whether it covers all of it: what
/// a story needs to tell how a problem was felt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shown {
    pub down: bool,
    pub degraded: bool,
    pub up: bool,
    /// No moment of the span is without data.
    pub whole: bool,
}

impl From<StateSeconds> for Shown {
    fn from(seconds: StateSeconds) -> Shown {
        Shown {
            down: seconds.down > 0,
            degraded: seconds.degraded > 0,
            up: seconds.up > 0,
            whole: seconds.no_data == 0,
        }
    }
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
    /// Everyone named by a counted incident (responders, resolvers), once each: a person's
    /// number is their place here.
    people: Vec<Box<str>>,
    /// The people of every counted incident, one after another (see `CountedIncident::people`).
    named: Vec<u32>,
    /// Where the records of planned work are among the period's incidents (drills, planned
    /// maintenance, practice; counted or not), so the story's planned-work sentences read
    /// those, not a year of problems.
    planned_work: Vec<usize>,
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
        let (mut people, mut named) = (People::default(), Vec::new());
        let counted = incidents
            .iter()
            .enumerate()
            .filter(|(_, incident)| incident.counts())
            .map(|(position, incident)| {
                let first = named.len() as u32;
                let names = incident.responders.iter().chain(&incident.resolved_by);
                named.extend(names.map(|name| people.number(name)));
                CountedIncident {
                    position,
                    opened_at: incident.opened_at,
                    resolved_at: incident.resolved_at,
                    seconds_to_resolve: incident.seconds_to_resolve(),
                    service: incident.service_id.as_deref().map(&mut slot_of),
                    shown_while_open: None,
                    major: incident.severity == Severity::Major,
                    people: (first, named.len() as u32),
                }
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
        let mut index = PeriodIndex {
            slots,
            coverage,
            upkeep: Upkeep::new(intervals),
            counted,
            people: people.names,
            named,
            planned_work: incidents
                .iter()
                .enumerate()
                .filter(|(_, incident)| incident.effective_kind() != IncidentKind::Problem)
                .map(|(position, _)| position)
                .collect(),
        };
        let shown: Vec<Option<Shown>> = {
            let mut in_order = index.in_time_order();
            index
                .counted
                .iter()
                .map(|counted| {
                    let span = TimeRange::new(counted.opened_at, counted.resolved_at?)?;
                    let slot = counted.service?;
                    Some(in_order.seconds(Some(slot), span).into())
                })
                .collect()
        };
        for (counted, shown) in index.counted.iter_mut().zip(shown) {
            counted.shown_while_open = shown;
        }
        index
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

    /// The people of a counted incident by number: its responders, then who resolved it
    /// (a name may be there twice).
    pub fn people_of(&self, incident: &CountedIncident) -> &[u32] {
        let (first, end) = incident.people;
        &self.named[first as usize..end as usize]
    }

    /// A person's name, by the number [`PeriodIndex::people_of`] gives.
    pub fn person(&self, number: u32) -> &str {
        &self.people[number as usize]
    }

    /// Where the period's records of planned work are among its incidents, in its order.
    pub fn planned_work(&self) -> &[usize] {
        &self.planned_work
    }

    /// How many people the counted incidents name.
    pub fn people_count(&self) -> usize {
        self.people.len()
    }

    /// For many spans asked in time order (a period's problems, one by one): each service's
    /// search starts where its last one ended.
    pub fn in_time_order(&self) -> SecondsInTimeOrder<'_> {
        SecondsInTimeOrder {
            index: self,
            first: Vec::new(),
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

/// Names, numbered in the order they are first seen.
#[derive(Default)]
struct People {
    numbers: IdMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl People {
    fn number(&mut self, name: &str) -> u32 {
        if let Some(&number) = self.numbers.get(name) {
            return number;
        }
        let number = self.names.len() as u32;
        self.numbers.insert(name.into(), number);
        self.names.push(name.into());
        number
    }
}

/// [`PeriodIndex::seconds`] for spans asked in time order, from
/// [`PeriodIndex::in_time_order`]. Any order gives the same answers; time order is faster.
pub struct SecondsInTimeOrder<'a> {
    index: &'a PeriodIndex,
    /// Slot → the first stretch the service's last span overlapped.
    first: Vec<usize>,
}

impl SecondsInTimeOrder<'_> {
    /// As [`PeriodIndex::seconds`].
    pub fn seconds(&mut self, slot: Option<usize>, range: TimeRange) -> StateSeconds {
        let Some(slot) = slot else {
            return self.index.seconds(None, range);
        };
        if self.first.len() <= slot {
            self.first.resize(slot + 1, 0);
        }
        self.index.coverage[slot].seconds_after(range, &mut self.first[slot])
    }
}

#[cfg(test)]
mod tests;

//! Seconds in each state over a span, and the id-keyed maps figures are grouped by: the
//! ground both the direct figures ([`crate::stats`]) and the period's indexes ([`crate::index`])
//! stand on, so neither has to import the other's half.

use crate::model::{Interval, Status};
use crate::period::TimeRange;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Seconds a service spent in each state over a span; the four add up to the span's length.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StateSeconds {
    pub up: i64,
    pub degraded: i64,
    pub down: i64,
    pub maintenance: i64,
    pub no_data: i64,
}

impl StateSeconds {
    /// up / (up + down), degraded counting as up; `None` when there is no such time at all.
    pub fn uptime_ratio(&self) -> Option<f64> {
        let working = self.up + self.degraded;
        let measured = working + self.down;
        (measured > 0).then(|| working as f64 / measured as f64)
    }

    pub fn add(&mut self, other: &StateSeconds) {
        self.up += other.up;
        self.degraded += other.degraded;
        self.down += other.down;
        self.maintenance += other.maintenance;
        self.no_data += other.no_data;
    }
}

/// Sums the seconds of each state in `range` from one service's intervals. Time no interval
/// covers is no data. Where intervals overlap, the earlier-starting one wins the overlap, so no
/// second is ever counted twice.
pub fn state_seconds(intervals: &[&Interval], range: TimeRange) -> StateSeconds {
    let mut sorted: Vec<&Interval> = intervals
        .iter()
        .copied()
        .filter(|i| i.end > range.from && i.start < range.to)
        .collect();
    sorted.sort_by_key(|i| (i.start, i.end));
    state_seconds_sorted(&sorted, range)
}

/// [`state_seconds`] of intervals already in `(start, end)` order; intervals outside `range`
/// are skipped.
fn state_seconds_sorted(sorted: &[&Interval], range: TimeRange) -> StateSeconds {
    let mut totals = StateSeconds::default();
    let mut covered_until = range.from;
    for interval in sorted {
        if interval.end <= range.from || interval.start >= range.to {
            continue;
        }
        let start = interval.start.max(covered_until);
        let end = interval.end.min(range.to);
        if end <= start {
            continue;
        }
        let seconds = (end - start).num_seconds();
        match interval.status {
            Status::Up => totals.up += seconds,
            Status::Degraded => totals.degraded += seconds,
            Status::Down => totals.down += seconds,
            Status::Maintenance => totals.maintenance += seconds,
        }
        covered_until = end;
    }
    let covered = totals.up + totals.degraded + totals.down + totals.maintenance;
    totals.no_data = range.seconds() - covered;
    totals
}

/// A fast hasher for the ids figures are grouped by (a year of a big team groups 150,000
/// rows by service id, and SipHash was a third of the time). Ids come from the team's own
/// sources and this runs on the team's own machine, so resisting crafted collisions is not
/// worth the cost here. The multiply-rotate step of rustc's FxHash.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(byte as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by ids, hashed with [`IdHasher`].
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Groups intervals by service id, so each service's time is summed on its own.
pub fn intervals_by_service(intervals: &[Interval]) -> IdMap<&str, Vec<&Interval>> {
    let mut grouped: IdMap<&str, Vec<&Interval>> = IdMap::default();
    for interval in intervals {
        grouped
            .entry(interval.service_id.as_str())
            .or_default()
            .push(interval);
    }
    grouped
}

//! The figures of a period, with DESIGN.md's definitions.
//!
//! Uptime ratio = up / (up + down) over the time with data; degraded time counts as up;
//! maintenance and no-data are outside both. Merged, declined and test incidents are left out
//! of every count and figure. Drills and planned maintenance are never incidents, and down or
//! degraded time on a service during one of them is planned time, counted as maintenance
//! ([`crate::index::planned_windows`]).

use crate::index::PeriodIndex;
use crate::model::{Incident, Interval, Service, Severity};
use crate::period::TimeRange;
// The seconds and id maps live in a lower module both this and the indexes use; re-exported
// here, where callers have always found them.
pub use crate::seconds::{IdHasher, IdMap, StateSeconds, intervals_by_service, state_seconds};
use crate::working_hours::WorkingHours;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceStats {
    pub name: String,
    pub source: String,
    pub uptime_ratio: Option<f64>,
    #[ts(type = "number")]
    pub downtime_seconds: i64,
    #[ts(type = "number")]
    pub degraded_seconds: i64,
    #[ts(type = "number")]
    pub maintenance_seconds: i64,
    #[ts(type = "number")]
    pub no_data_seconds: i64,
    #[ts(type = "number")]
    pub incidents: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentStats {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub resolved: u64,
    #[ts(type = "number")]
    pub open: u64,
    #[ts(type = "number | null")]
    pub median_seconds_to_resolve: Option<i64>,
    #[ts(type = "number | null")]
    pub longest_seconds_to_resolve: Option<i64>,
    #[ts(type = "number")]
    pub outside_working_hours: u64,
}

/// The object `unsung stats --json` prints, as DESIGN.md specifies it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatsReport {
    pub from: String,
    pub to: String,
    pub services: Vec<ServiceStats>,
    pub incidents: IncidentStats,
    #[ts(type = "number | null")]
    pub days_since_major_incident: Option<i64>,
    #[ts(type = "number")]
    pub thanks: u64,
}

/// What the figures are computed from: whatever the store holds for the period.
pub struct StatsInput<'a> {
    pub services: &'a [Service],
    /// Intervals overlapping the period (others are ignored anyway).
    pub intervals: &'a [Interval],
    /// Incidents opened in the period, in any disposition.
    pub incidents: &'a [Incident],
    /// The opening time of the latest counted major incident before the period's end.
    pub last_major_incident_at: Option<DateTime<Utc>>,
    pub thanks: u64,
}

pub struct StatsContext<'a> {
    pub range: TimeRange,
    pub tz: Tz,
    pub working_hours: &'a WorkingHours,
    /// The moment the figures are asked for; "days since" never counts time after it.
    pub now: DateTime<Utc>,
}

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The usual median: the middle value, or the mean of the two middle values for an even count
/// (rounded down to a whole second).
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    // Selecting the middle is linear; a year's 50,000 fix times need not be sorted.
    let (mid, odd) = (values.len() / 2, values.len() % 2 == 1);
    let (lower, middle, _) = values.select_nth_unstable(mid);
    let middle = *middle;
    Some(if odd {
        middle
    } else {
        // Everything before the middle is no greater than it: the largest is the other one.
        let below = lower.iter().copied().max().unwrap_or(middle);
        (below + middle).div_euclid(2)
    })
}

/// Incidents that count and were opened inside the range.
pub fn counted_in(incidents: &[Incident], range: TimeRange) -> Vec<&Incident> {
    incidents
        .iter()
        .filter(|i| i.counts() && range.contains(i.opened_at))
        .collect()
}

pub fn compute(input: &StatsInput, ctx: &StatsContext) -> StatsReport {
    let index = PeriodIndex::new(input.services, input.intervals, input.incidents);
    compute_indexed(input, &index, ctx)
}

/// [`compute`] with `index` built over `input`'s services, intervals and incidents (a
/// [`PeriodData`](crate::story::PeriodData) keeps one), so nothing is grouped or sorted here.
pub(crate) fn compute_indexed(
    input: &StatsInput,
    index: &PeriodIndex,
    ctx: &StatsContext,
) -> StatsReport {
    let mut incidents_of = vec![0u64; index.slots()];
    let mut resolve_times: Vec<i64> = Vec::new();
    let (mut total, mut outside) = (0u64, 0u64);
    for incident in index.counted_in(ctx.range) {
        total += 1;
        if let Some(slot) = incident.service {
            incidents_of[slot] += 1;
        }
        resolve_times.extend(incident.seconds_to_resolve);
        if ctx.working_hours.is_outside(incident.opened_at, ctx.tz) {
            outside += 1;
        }
    }
    let services = input
        .services
        .iter()
        .map(|service| {
            let slot = index.slot(&service.id);
            let seconds = index.seconds(slot, ctx.range);
            ServiceStats {
                name: service.display_name().to_string(),
                source: service.source.clone(),
                uptime_ratio: seconds.uptime_ratio(),
                downtime_seconds: seconds.down,
                degraded_seconds: seconds.degraded,
                maintenance_seconds: seconds.maintenance,
                no_data_seconds: seconds.no_data,
                incidents: slot.map_or(0, |slot| incidents_of[slot]),
            }
        })
        .collect();

    let longest = resolve_times.iter().copied().max();
    let resolved = resolve_times.len() as u64;
    let incidents = IncidentStats {
        total,
        resolved,
        open: total - resolved,
        median_seconds_to_resolve: median(&mut resolve_times),
        longest_seconds_to_resolve: longest,
        outside_working_hours: outside,
    };

    let reference = ctx.range.to.min(ctx.now);
    let days_since_major_incident = input
        .last_major_incident_at
        .filter(|at| *at <= reference)
        .map(|at| (reference - at).num_days());

    StatsReport {
        from: rfc3339(ctx.range.from),
        to: rfc3339(ctx.range.to),
        services,
        incidents,
        days_since_major_incident,
        thanks: input.thanks,
    }
}

/// The latest counted major incident opened before `before`, for "days since the last big outage".
pub fn last_major_incident(incidents: &[Incident], before: DateTime<Utc>) -> Option<&Incident> {
    incidents
        .iter()
        .filter(|i| i.counts() && i.severity == Severity::Major && i.opened_at < before)
        .max_by_key(|i| i.opened_at)
}

/// Overall seconds across all services, for the headline figure.
pub fn overall_seconds(
    services: &[Service],
    intervals: &[Interval],
    range: TimeRange,
) -> StateSeconds {
    let by_service = intervals_by_service(intervals);
    let mut total = StateSeconds::default();
    for service in services {
        let seconds = state_seconds(
            by_service
                .get(service.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            range,
        );
        total.add(&seconds);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Disposition, IncidentKind, Status};
    use crate::testing::t;

    fn interval(start: DateTime<Utc>, end: DateTime<Utc>, status: Status) -> Interval {
        Interval::new("s/shop", start, end, status)
    }

    fn incident(id: &str, opened: DateTime<Utc>, minutes_to_fix: Option<i64>) -> Incident {
        crate::testing::incident("s", id, "s/shop", opened, minutes_to_fix)
    }

    fn shop() -> Service {
        Service {
            id: "s/shop".into(),
            source: "s".into(),
            external_id: "shop".into(),
            name: "shop-web-prod".into(),
            friendly_name: Some("the online shop".into()),
        }
    }

    fn one_day() -> TimeRange {
        TimeRange::new(t(24, 0, 0), t(25, 0, 0)).unwrap()
    }

    #[test]
    fn degraded_counts_as_up_and_maintenance_and_gaps_count_as_neither() {
        // A 24 h day: 20 h up, 1 h degraded, 30 min down, 1 h maintenance, 1 h 30 min no data.
        let intervals = [
            interval(t(24, 0, 0), t(24, 20, 0), Status::Up),
            interval(t(24, 20, 0), t(24, 21, 0), Status::Degraded),
            interval(t(24, 21, 0), t(24, 21, 30), Status::Down),
            interval(t(24, 21, 30), t(24, 22, 30), Status::Maintenance),
        ];
        let refs: Vec<&Interval> = intervals.iter().collect();
        let seconds = state_seconds(&refs, one_day());
        assert_eq!(seconds.up, 20 * 3600);
        assert_eq!(seconds.degraded, 3600);
        assert_eq!(seconds.down, 1800);
        assert_eq!(seconds.maintenance, 3600);
        assert_eq!(seconds.no_data, 5400);
        // (72000 + 3600) / (72000 + 3600 + 1800) = 75600 / 77400
        assert_eq!(seconds.uptime_ratio(), Some(75_600.0 / 77_400.0));
    }

    #[test]
    fn intervals_are_clipped_to_the_period_and_overlaps_are_not_counted_twice() {
        let intervals = [
            interval(t(23, 12, 0), t(24, 6, 0), Status::Up),
            interval(t(24, 5, 0), t(24, 7, 0), Status::Down),
            interval(t(24, 7, 0), t(26, 0, 0), Status::Up),
        ];
        let refs: Vec<&Interval> = intervals.iter().collect();
        let seconds = state_seconds(&refs, one_day());
        assert_eq!(seconds.down, 3600, "only 06:00-07:00 is new down time");
        assert_eq!(seconds.up, 6 * 3600 + 17 * 3600);
        assert_eq!(seconds.no_data, 0);
    }

    #[test]
    fn coverage_counts_every_span_as_the_direct_sum() {
        let intervals = [
            interval(t(23, 0, 0), t(26, 0, 0), Status::Maintenance), // long, overlapping the rest
            interval(t(24, 0, 0), t(24, 3, 0), Status::Up),
            interval(t(24, 3, 0), t(24, 3, 20), Status::Down),
            interval(t(24, 3, 20), t(25, 0, 0), Status::Up),
            interval(t(25, 0, 0), t(25, 1, 0), Status::Degraded),
        ];
        let coverage = crate::index::Coverage::new(&intervals);
        let spans = [
            (t(22, 0, 0), t(23, 0, 0)),
            (t(24, 3, 10), t(24, 3, 15)),
            (t(24, 2, 0), t(24, 4, 0)),
            (t(25, 0, 30), t(27, 0, 0)),
            (t(26, 0, 0), t(27, 0, 0)),
        ];
        for (from, to) in spans {
            let range = TimeRange::new(from, to).unwrap();
            let all: Vec<&Interval> = intervals.iter().collect();
            assert_eq!(
                coverage.seconds(range),
                state_seconds(&all, range),
                "{from} to {to}"
            );
        }
    }

    #[test]
    fn a_service_with_no_data_has_no_uptime_ratio() {
        let seconds = state_seconds(&[], one_day());
        assert_eq!(seconds.no_data, 86_400);
        assert_eq!(seconds.uptime_ratio(), None);
    }

    #[test]
    fn median_is_the_mean_of_the_middle_two_for_an_even_count() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [300, 60, 120]), Some(120));
        assert_eq!(median(&mut [600, 60, 120, 300]), Some(210));
    }

    #[test]
    fn report_counts_incidents_once_and_leaves_out_duplicates() {
        let mut merged = incident("merged", t(24, 10, 0), Some(1));
        merged.disposition = Disposition::Merged;
        let mut declined = incident("declined", t(24, 11, 0), Some(1));
        declined.disposition = Disposition::Declined;
        let incidents = vec![
            // Tuesday 03:00 UTC: outside working hours; fixed in 20 min.
            incident("night", t(24, 3, 0), Some(20)),
            // Tuesday 10:00: inside; fixed in 40 min.
            incident("day", t(24, 10, 0), Some(40)),
            // Tuesday 19:30: outside; still open.
            incident("open", t(24, 19, 30), None),
            // Opened before the period: not in it.
            incident("before", t(23, 23, 0), Some(5)),
            merged,
            declined,
        ];
        let intervals = vec![
            interval(t(24, 0, 0), t(24, 3, 0), Status::Up),
            interval(t(24, 3, 0), t(24, 3, 20), Status::Down),
            interval(t(24, 3, 20), t(25, 0, 0), Status::Up),
        ];
        let services = vec![shop()];
        let report = compute(
            &StatsInput {
                services: &services,
                intervals: &intervals,
                incidents: &incidents,
                last_major_incident_at: Some(t(10, 12, 0)),
                thanks: 2,
            },
            &StatsContext {
                range: one_day(),
                tz: chrono_tz::UTC,
                working_hours: &WorkingHours::default(),
                now: t(29, 20, 0),
            },
        );
        assert_eq!(report.from, "2026-11-24T00:00:00Z");
        assert_eq!(report.to, "2026-11-25T00:00:00Z");
        assert_eq!(report.incidents.total, 3);
        assert_eq!(report.incidents.resolved, 2);
        assert_eq!(report.incidents.open, 1);
        assert_eq!(report.incidents.median_seconds_to_resolve, Some(30 * 60));
        assert_eq!(report.incidents.longest_seconds_to_resolve, Some(40 * 60));
        assert_eq!(report.incidents.outside_working_hours, 2);
        // From 10 Nov 12:00 to the period's end, 25 Nov 00:00: 14.5 days, 14 whole days.
        assert_eq!(report.days_since_major_incident, Some(14));
        assert_eq!(report.thanks, 2);
        let shop = &report.services[0];
        assert_eq!(shop.name, "the online shop");
        assert_eq!(shop.downtime_seconds, 1200);
        assert_eq!(shop.incidents, 3);
        assert_eq!(shop.uptime_ratio, Some(85_200.0 / 86_400.0));
    }

    #[test]
    fn days_since_the_last_major_incident_stop_at_now_for_a_period_still_going() {
        let services = vec![shop()];
        let report = compute(
            &StatsInput {
                services: &services,
                intervals: &[],
                incidents: &[],
                last_major_incident_at: Some(t(20, 12, 0)),
                thanks: 0,
            },
            &StatsContext {
                range: TimeRange::new(t(23, 0, 0), t(30, 0, 0)).unwrap(),
                tz: chrono_tz::UTC,
                working_hours: &WorkingHours::default(),
                now: t(24, 11, 0),
            },
        );
        assert_eq!(report.days_since_major_incident, Some(3));
    }

    fn report_of(intervals: &[Interval], incidents: &[Incident]) -> StatsReport {
        let services = vec![shop()];
        compute(
            &StatsInput {
                services: &services,
                intervals,
                incidents,
                last_major_incident_at: None,
                thanks: 0,
            },
            &StatsContext {
                range: one_day(),
                tz: chrono_tz::UTC,
                working_hours: &WorkingHours::default(),
                now: t(29, 20, 0),
            },
        )
    }

    #[test]
    fn a_drill_is_never_an_incident_and_the_time_it_switched_things_off_is_planned() {
        // The shop switched off on purpose from 10:00 to 10:40 (a game day), slow until
        // 10:50, then a real outage from 15:00 to 15:10.
        let intervals = [
            interval(t(24, 0, 0), t(24, 10, 0), Status::Up),
            interval(t(24, 10, 0), t(24, 10, 40), Status::Down),
            interval(t(24, 10, 40), t(24, 10, 50), Status::Degraded),
            interval(t(24, 10, 50), t(24, 15, 0), Status::Up),
            interval(t(24, 15, 0), t(24, 15, 10), Status::Down),
            interval(t(24, 15, 10), t(25, 0, 0), Status::Up),
        ];
        let mut drill = incident("game-day", t(24, 10, 0), Some(50));
        drill.kind = IncidentKind::Drill;
        let real = incident("real", t(24, 15, 0), Some(10));
        let report = report_of(&intervals, &[drill.clone(), real.clone()]);
        assert_eq!(report.incidents.total, 1, "the drill is not an incident");
        assert_eq!(report.incidents.median_seconds_to_resolve, Some(600));
        let shop = &report.services[0];
        assert_eq!(shop.incidents, 1);
        assert_eq!(
            shop.downtime_seconds, 600,
            "only the real outage is downtime"
        );
        assert_eq!(shop.degraded_seconds, 0);
        assert_eq!(shop.maintenance_seconds, 50 * 60);
        assert_eq!(
            shop.uptime_ratio,
            Some((86_400.0 - 3600.0) / (86_400.0 - 3000.0))
        );

        // The same with the real outage marked as practice by a person, and with planned
        // maintenance instead of a drill: neither is counted, both are planned.
        let mut practice = real.clone();
        practice.explanation = Some(crate::model::Explanation {
            incident_id: practice.id.clone(),
            text: String::new(),
            practice: true,
            written_by: "Ana".into(),
            written_at: t(24, 16, 0),
            edited_by: None,
            edited_at: None,
        });
        let mut upkeep = drill;
        upkeep.kind = IncidentKind::Maintenance;
        let report = report_of(&intervals, &[upkeep, practice]);
        assert_eq!(report.incidents.total, 0);
        let shop = &report.services[0];
        assert_eq!((shop.downtime_seconds, shop.degraded_seconds), (0, 0));
        assert_eq!(shop.maintenance_seconds, 60 * 60);
        assert_eq!(shop.uptime_ratio, Some(1.0));
    }

    #[test]
    fn a_drill_on_another_service_or_a_merged_one_plans_nothing_here() {
        let intervals = [
            interval(t(24, 0, 0), t(24, 10, 0), Status::Up),
            interval(t(24, 10, 0), t(24, 10, 40), Status::Down),
            interval(t(24, 10, 40), t(25, 0, 0), Status::Up),
        ];
        let mut elsewhere = incident("elsewhere", t(24, 9, 0), Some(120));
        elsewhere.kind = IncidentKind::Drill;
        elsewhere.service_id = Some("s/other".into());
        let mut merged = incident("merged", t(24, 9, 0), Some(120));
        merged.kind = IncidentKind::Drill;
        merged.disposition = Disposition::Merged;
        let report = report_of(&intervals, &[elsewhere, merged]);
        assert_eq!(report.incidents.total, 0);
        assert_eq!(report.services[0].downtime_seconds, 40 * 60);
        assert_eq!(report.services[0].maintenance_seconds, 0);
    }

    #[test]
    fn the_last_major_incident_ignores_minor_and_merged_ones() {
        let mut major = incident("major", t(5, 2, 0), Some(90));
        major.severity = Severity::Major;
        let mut merged_major = incident("dup", t(6, 2, 0), Some(1));
        merged_major.severity = Severity::Major;
        merged_major.disposition = Disposition::Merged;
        let minor = incident("minor", t(7, 2, 0), Some(5));
        let all = [major, merged_major, minor];
        assert_eq!(
            last_major_incident(&all, t(29, 0, 0)).unwrap().external_id,
            "major"
        );
        assert!(last_major_incident(&all, t(5, 1, 0)).is_none());
    }
}

//! The 90 daily bars: one state per local day, in status-page colours' order of gravity.

use crate::index::{planned_intervals, planned_windows};
use crate::model::{Incident, Interval};
use crate::period::{TimeRange, local_date, start_of_day};
use crate::seconds::intervals_by_service;
use crate::stats::{StateSeconds, state_seconds};
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Down this long in one day makes the day red rather than orange.
pub const MAJOR_DOWN_SECONDS: i64 = 30 * 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DayState {
    Up,
    Degraded,
    Partial,
    Down,
    Maintenance,
    NoData,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DayBar {
    /// The local date, `YYYY-MM-DD`.
    pub date: String,
    pub state: DayState,
    #[ts(type = "number")]
    pub down_seconds: i64,
    #[ts(type = "number")]
    pub degraded_seconds: i64,
    #[ts(type = "number")]
    pub maintenance_seconds: i64,
    #[ts(type = "number")]
    pub no_data_seconds: i64,
}

/// The colour of a day: the gravest thing that happened wins; a day mostly without data is grey.
pub fn day_state(seconds: &StateSeconds, day_length: i64) -> DayState {
    if seconds.down >= MAJOR_DOWN_SECONDS {
        DayState::Down
    } else if seconds.down > 0 {
        DayState::Partial
    } else if seconds.degraded > 0 {
        DayState::Degraded
    } else if seconds.maintenance > 0 {
        DayState::Maintenance
    } else if seconds.no_data * 2 >= day_length {
        DayState::NoData
    } else {
        DayState::Up
    }
}

/// `intervals` as the figures count them, for what reads intervals itself (the bars, a
/// service's uptime beside them): down or degraded time on a service during its planned work
/// (the drills, planned maintenance and practice among `incidents`) is maintenance, so a
/// drill's day never shows as trouble.
pub fn with_planned_work(intervals: &[Interval], incidents: &[Incident]) -> Vec<Interval> {
    let planned = planned_windows(incidents);
    if planned.is_empty() {
        return intervals.to_vec();
    }
    let mut counted = Vec::with_capacity(intervals.len());
    for (service, own) in intervals_by_service(intervals) {
        match planned.get(service) {
            Some(windows) => counted.extend(planned_intervals(service, &own, windows)),
            None => counted.extend(own.into_iter().cloned()),
        }
    }
    counted
}

/// One bar per local day for the `days` days ending with today; today ends at `now`, so the
/// hours still to come are not shown as missing data.
pub fn daily_bars(intervals: &[&Interval], days: u32, now: DateTime<Utc>, tz: Tz) -> Vec<DayBar> {
    let today = local_date(now, tz);
    (0..days)
        .rev()
        .map(|back| {
            let date = today - Days::new(back as u64);
            let from = start_of_day(date, tz);
            let to = start_of_day(date + Days::new(1), tz).min(now);
            let range = TimeRange::new(from, to).unwrap_or(TimeRange {
                from,
                to: from + chrono::Duration::seconds(1),
            });
            let seconds = state_seconds(intervals, range);
            DayBar {
                date: date.format("%Y-%m-%d").to_string(),
                state: day_state(&seconds, range.seconds()),
                down_seconds: seconds.down,
                degraded_seconds: seconds.degraded,
                maintenance_seconds: seconds.maintenance,
                no_data_seconds: seconds.no_data,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IncidentKind, Status};

    use crate::testing::t;

    #[test]
    fn the_gravest_state_of_the_day_wins() {
        let day = 86_400;
        let mut s = StateSeconds {
            up: day,
            ..Default::default()
        };
        assert_eq!(day_state(&s, day), DayState::Up);
        s.maintenance = 3600;
        assert_eq!(day_state(&s, day), DayState::Maintenance);
        s.degraded = 60;
        assert_eq!(day_state(&s, day), DayState::Degraded);
        s.down = 60;
        assert_eq!(day_state(&s, day), DayState::Partial);
        s.down = 30 * 60;
        assert_eq!(day_state(&s, day), DayState::Down);
    }

    #[test]
    fn a_day_mostly_without_data_is_grey_not_green() {
        let s = StateSeconds {
            up: 40_000,
            no_data: 46_400,
            ..Default::default()
        };
        assert_eq!(day_state(&s, 86_400), DayState::NoData);
    }

    #[test]
    fn bars_run_oldest_first_and_today_ends_now() {
        // Up, down from 03:00 to 04:00 on the 28th, up again.
        let changes = [
            (t(27, 0, 0), Status::Up),
            (t(28, 3, 0), Status::Down),
            (t(28, 4, 0), Status::Up),
        ];
        let ends = [t(28, 3, 0), t(28, 4, 0), t(29, 12, 0)];
        let intervals: Vec<Interval> = changes
            .iter()
            .zip(ends)
            .map(|(&(start, status), end)| Interval::new("x", start, end, status))
            .collect();
        let refs: Vec<&Interval> = intervals.iter().collect();
        let bars = daily_bars(&refs, 3, t(29, 12, 0), chrono_tz::UTC);
        let dates: Vec<&str> = bars.iter().map(|b| b.date.as_str()).collect();
        assert_eq!(dates, ["2026-11-27", "2026-11-28", "2026-11-29"]);
        assert_eq!(bars[0].state, DayState::Up);
        assert_eq!(bars[1].state, DayState::Down);
        assert_eq!(bars[1].down_seconds, 3600);
        assert_eq!(
            bars[2].state,
            DayState::Up,
            "the afternoon to come is not missing data"
        );
        assert_eq!(bars[2].no_data_seconds, 0);
    }

    #[test]
    fn a_drill_day_shows_as_planned_work_and_only_on_the_drilled_service() {
        // Both services down from 03:00 to 04:00 on the 28th; "x" was switched off on purpose.
        let mut intervals = Vec::new();
        for service in ["x", "y"] {
            intervals.push(Interval::new(service, t(27, 0, 0), t(28, 3, 0), Status::Up));
            intervals.push(Interval::new(
                service,
                t(28, 3, 0),
                t(28, 4, 0),
                Status::Down,
            ));
            intervals.push(Interval::new(
                service,
                t(28, 4, 0),
                t(29, 12, 0),
                Status::Up,
            ));
        }
        let drill = Incident {
            id: "drill".into(),
            service_id: Some("x".into()),
            kind: IncidentKind::Drill,
            opened_at: t(28, 3, 0),
            resolved_at: Some(t(28, 4, 0)),
            ..Incident::default()
        };
        let counted = with_planned_work(&intervals, &[drill]);
        let bars_of = |service: &str| {
            let own: Vec<&Interval> = counted.iter().filter(|i| i.service_id == service).collect();
            daily_bars(&own, 3, t(29, 12, 0), chrono_tz::UTC)
        };
        let (x, y) = (bars_of("x"), bars_of("y"));
        assert_eq!(x[1].state, DayState::Maintenance);
        assert_eq!((x[1].down_seconds, x[1].maintenance_seconds), (0, 3600));
        assert_eq!(
            y[1].state,
            DayState::Down,
            "the other service really was down"
        );
        assert_eq!(y[1].down_seconds, 3600);
        assert_eq!(
            with_planned_work(&intervals, &[]),
            intervals,
            "with no planned work, the intervals as they are"
        );
    }
}

//! Named periods ("this week", "last 30 days") turned into exact instants in the reader's zone.

use crate::local_time;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A half-open span of time: `from` inclusive, `to` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeRange {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl TimeRange {
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Option<TimeRange> {
        (from < to).then_some(TimeRange { from, to })
    }

    pub fn seconds(&self) -> i64 {
        (self.to - self.from).num_seconds()
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.from <= at && at < self.to
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    ThisWeek,
    LastWeek,
    ThisMonth,
    ThisQuarter,
    ThisYear,
    // serde's snake_case puts no underscore before a digit ("last30_days").
    #[serde(rename = "last_30_days")]
    Last30Days,
    #[serde(rename = "last_90_days")]
    Last90Days,
}

/// The first instant of a local calendar day (see [`local_time::to_utc`] for the days a clock
/// change repeats or skips midnight).
pub fn start_of_day(date: NaiveDate, tz: Tz) -> DateTime<Utc> {
    local_time::to_utc(date.and_hms_opt(0, 0, 0).expect("midnight exists"), tz)
}

/// The local calendar date of `at` in `tz`.
pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 7] = [
        PeriodKind::ThisWeek,
        PeriodKind::LastWeek,
        PeriodKind::ThisMonth,
        PeriodKind::ThisQuarter,
        PeriodKind::ThisYear,
        PeriodKind::Last30Days,
        PeriodKind::Last90Days,
    ];

    /// The span this period covers at `now`. Periods that are still going end at `now`, so
    /// hours that have not happened yet are never counted as "no data".
    pub fn range(self, now: DateTime<Utc>, tz: Tz) -> TimeRange {
        let today = local_date(now, tz);
        let monday = today - Days::new(today.weekday().num_days_from_monday() as u64);
        let (from, to) = match self {
            PeriodKind::ThisWeek => (start_of_day(monday, tz), now),
            PeriodKind::LastWeek => (
                start_of_day(monday - Days::new(7), tz),
                start_of_day(monday, tz),
            ),
            PeriodKind::ThisMonth => (start_of_day(today.with_day(1).expect("day 1"), tz), now),
            PeriodKind::ThisQuarter => {
                let first_month = (today.month0() / 3) * 3 + 1;
                let first = NaiveDate::from_ymd_opt(today.year(), first_month, 1).expect("day 1");
                (start_of_day(first, tz), now)
            }
            PeriodKind::ThisYear => {
                let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January");
                (start_of_day(first, tz), now)
            }
            PeriodKind::Last30Days => (start_of_day(today - Days::new(29), tz), now),
            PeriodKind::Last90Days => (start_of_day(today - Days::new(89), tz), now),
        };
        // At the very first instant of a week or month the span would be empty: show a second.
        TimeRange::new(from, to).unwrap_or(TimeRange {
            from,
            to: from + chrono::Duration::seconds(1),
        })
    }

    /// An absolute label such as "Mon 23 Nov – Sun 29 Nov 2026".
    pub fn label(self, range: TimeRange, tz: Tz) -> String {
        match self {
            PeriodKind::ThisMonth => local_date(range.from, tz).format("%B %Y").to_string(),
            _ => days_label(range, tz),
        }
    }
}

/// What a span of time is called in a story ("a calmer week than the one before"), and how
/// far back the span to compare it with lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    /// Any other span, told as a number of days.
    Days,
}

impl PeriodUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Day => "day",
            PeriodUnit::Week => "week",
            PeriodUnit::Month => "month",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::Year => "year",
            PeriodUnit::Days => "days",
        }
    }

    /// The unit a range read in `tz` fits: one that starts where the unit starts (a Monday,
    /// the 1st of a month, of a quarter, of a year, at midnight) and is no longer than it.
    pub fn of(range: TimeRange, tz: Tz) -> PeriodUnit {
        let from_local = range.from.with_timezone(&tz);
        let first = from_local.date_naive();
        if start_of_day(first, tz) != range.from {
            return PeriodUnit::Days;
        }
        let fits = |unit: PeriodUnit| range.to <= unit.shift(range.from, tz, 1);
        if fits(PeriodUnit::Day) {
            return PeriodUnit::Day;
        }
        if first.weekday() == chrono::Weekday::Mon && fits(PeriodUnit::Week) {
            return PeriodUnit::Week;
        }
        if first.day() == 1 {
            if fits(PeriodUnit::Month) {
                return PeriodUnit::Month;
            }
            if first.month0().is_multiple_of(3) && fits(PeriodUnit::Quarter) {
                return PeriodUnit::Quarter;
            }
            if first.month() == 1 && fits(PeriodUnit::Year) {
                return PeriodUnit::Year;
            }
        }
        PeriodUnit::Days
    }

    /// `at` moved by `count` units (negative: back) on the local calendar of `tz`; `Days` moves
    /// by whole days and is only meaningful with [`TimeRange::previous`].
    fn shift(self, at: DateTime<Utc>, tz: Tz, count: i32) -> DateTime<Utc> {
        let local = at.with_timezone(&tz).naive_local();
        let months = |n: i32| {
            let date = if n >= 0 {
                local
                    .date()
                    .checked_add_months(chrono::Months::new(n as u32))
            } else {
                local
                    .date()
                    .checked_sub_months(chrono::Months::new(n.unsigned_abs()))
            };
            date.map(|d| start_of_day(d, tz)).unwrap_or(at)
        };
        match self {
            PeriodUnit::Day | PeriodUnit::Days => {
                start_of_day(local.date() + chrono::Duration::days(count as i64), tz)
            }
            PeriodUnit::Week => {
                start_of_day(local.date() + chrono::Duration::days(7 * count as i64), tz)
            }
            PeriodUnit::Month => months(count),
            PeriodUnit::Quarter => months(3 * count),
            PeriodUnit::Year => months(12 * count),
        }
    }
}

impl TimeRange {
    /// The span to compare this one with: the same stretch of the unit before ("this week so
    /// far" is compared with the same days and hours of last week); for any other span, the
    /// same length just before it.
    pub fn previous(&self, unit: PeriodUnit, tz: Tz) -> TimeRange {
        if unit == PeriodUnit::Days {
            let length = self.to - self.from;
            return TimeRange {
                from: self.from - length,
                to: self.from,
            };
        }
        let from = unit.shift(self.from, tz, -1);
        let to = (from + (self.to - self.from)).min(self.from);
        TimeRange::new(from, to).unwrap_or(TimeRange {
            from,
            to: from + chrono::Duration::seconds(1),
        })
    }
}

/// The days a range covers, as "Mon 23 Nov – Sun 29 Nov 2026" or "Tue 24 Nov 2026".
pub fn days_label(range: TimeRange, tz: Tz) -> String {
    let first = local_date(range.from, tz);
    // `to` is exclusive: the last day shown is the day of the last second.
    let last = local_date(range.to - chrono::Duration::seconds(1), tz);
    if first == last {
        first.format("%a %-d %b %Y").to_string()
    } else {
        format!(
            "{} – {}",
            first.format("%a %-d %b"),
            last.format("%a %-d %b %Y")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn this_week_runs_from_monday_midnight_to_now() {
        // Sunday 29 Nov 2026, 20:00 UTC.
        let now = at(2026, 11, 29, 20);
        let range = PeriodKind::ThisWeek.range(now, chrono_tz::UTC);
        assert_eq!(range.from, at(2026, 11, 23, 0));
        assert_eq!(range.to, now);
        assert_eq!(
            PeriodKind::ThisWeek.label(range, chrono_tz::UTC),
            "Mon 23 Nov – Sun 29 Nov 2026"
        );
    }

    #[test]
    fn last_week_is_the_whole_previous_week_in_the_readers_zone() {
        let now = at(2026, 11, 29, 20);
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let range = PeriodKind::LastWeek.range(now, madrid);
        // Madrid is UTC+1 in November: local midnight is 23:00 UTC the day before.
        assert_eq!(range.from, at(2026, 11, 15, 23));
        assert_eq!(range.to, at(2026, 11, 22, 23));
        assert_eq!(range.seconds(), 7 * 86_400);
    }

    #[test]
    fn a_day_with_a_clock_change_is_23_or_25_hours_long() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let spring = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let length = start_of_day(spring + Days::new(1), madrid) - start_of_day(spring, madrid);
        assert_eq!(length.num_hours(), 23);
    }

    #[test]
    fn period_names_on_the_wire_keep_the_underscore_before_digits() {
        let names: Vec<String> = PeriodKind::ALL
            .iter()
            .map(|k| serde_json::to_string(k).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "\"this_week\"",
                "\"last_week\"",
                "\"this_month\"",
                "\"this_quarter\"",
                "\"this_year\"",
                "\"last_30_days\"",
                "\"last_90_days\""
            ]
        );
    }

    #[test]
    fn a_range_is_told_in_the_unit_it_fits() {
        let utc = chrono_tz::UTC;
        let now = at(2026, 11, 29, 20);
        let unit = |kind: PeriodKind| PeriodUnit::of(kind.range(now, utc), utc);
        assert_eq!(unit(PeriodKind::ThisWeek), PeriodUnit::Week);
        assert_eq!(unit(PeriodKind::LastWeek), PeriodUnit::Week);
        assert_eq!(unit(PeriodKind::ThisMonth), PeriodUnit::Month);
        assert_eq!(unit(PeriodKind::ThisQuarter), PeriodUnit::Quarter);
        assert_eq!(unit(PeriodKind::ThisYear), PeriodUnit::Year);
        assert_eq!(unit(PeriodKind::Last30Days), PeriodUnit::Days);
        let one_day = TimeRange::new(at(2026, 11, 24, 0), at(2026, 11, 25, 0)).unwrap();
        assert_eq!(PeriodUnit::of(one_day, utc), PeriodUnit::Day);
        let from_noon = TimeRange::new(at(2026, 11, 23, 12), at(2026, 11, 25, 0)).unwrap();
        assert_eq!(PeriodUnit::of(from_noon, utc), PeriodUnit::Days);
    }

    #[test]
    fn the_previous_period_is_the_same_stretch_one_unit_back() {
        let utc = chrono_tz::UTC;
        let now = at(2026, 11, 29, 20);
        let march = TimeRange::new(at(2027, 3, 1, 0), at(2027, 4, 1, 0)).unwrap();
        let cases = [
            (
                PeriodKind::ThisWeek.range(now, utc),
                PeriodUnit::Week,
                (at(2026, 11, 16, 0), at(2026, 11, 22, 20)),
            ),
            (
                PeriodKind::ThisMonth.range(now, utc),
                PeriodUnit::Month,
                (at(2026, 10, 1, 0), at(2026, 10, 29, 20)),
            ),
            // March has 31 days, February 28: the comparison stops where February does.
            (
                march,
                PeriodUnit::Month,
                (at(2027, 2, 1, 0), at(2027, 3, 1, 0)),
            ),
        ];
        for (range, unit, expected) in cases {
            let before = range.previous(unit, utc);
            assert_eq!(
                (before.from, before.to),
                expected,
                "{unit:?} before {range:?}"
            );
        }
        let thirty = PeriodKind::Last30Days.range(now, utc);
        let before = thirty.previous(PeriodUnit::Days, utc);
        assert_eq!(before.to, thirty.from);
        assert_eq!(before.seconds(), thirty.seconds());
    }

    #[test]
    fn last_90_days_includes_today() {
        let now = at(2026, 11, 29, 20);
        let range = PeriodKind::Last90Days.range(now, chrono_tz::UTC);
        assert_eq!(range.from, at(2026, 9, 1, 0));
    }
}

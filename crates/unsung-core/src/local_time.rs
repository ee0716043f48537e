//! A wall-clock time in a time zone, as UTC, across clock changes: the one rule every part of
//! Unsung uses (the period's days, the weekly notice, a CSV row's local times), so they never
//! disagree about the hour a clock change repeats or skips.

use chrono::NaiveDateTime;
use chrono::{DateTime, Duration, LocalResult, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// `local` on the wall clock of `tz`, as UTC.
///
/// - In the hour a clock change repeats (fall back), the first of the two instants: the one
///   that comes first on a timeline, as a reader living through it meets it first.
/// - In the hour a clock change skips (spring forward), the time is read with the offset in
///   force just before the change, which moves it forward by the length of the gap (02:30 in a
///   02:00→03:00 gap is 03:30): a clock nobody had moved yet would have shown it then. A day
///   whose midnight is skipped so starts when its clock begins.
pub fn to_utc(local: NaiveDateTime, tz: Tz) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.with_timezone(&Utc),
        LocalResult::None => {
            // A day earlier is before the change (zones change their clocks at most a few
            // times a year); reading `local` as UTC to find that moment is close enough.
            let before = tz.offset_from_utc_datetime(&(local - Duration::days(1)));
            let offset = Duration::seconds(i64::from(before.fix().local_minus_utc()));
            Utc.from_utc_datetime(&(local - offset))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MADRID: Tz = chrono_tz::Europe::Madrid;

    /// Each (wall clock in `zone`, the UTC time it is, why) holds.
    fn assert_read(zone: Tz, cases: &[(&str, &str, &str)]) {
        for (local, expected, why) in cases {
            let wall = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
            let expected: DateTime<Utc> = expected.parse().unwrap();
            assert_eq!(to_utc(wall, zone), expected, "{local} in {zone}: {why}");
        }
    }

    #[test]
    fn an_ordinary_time_takes_the_offset_of_its_season() {
        assert_read(
            MADRID,
            &[
                ("2026-01-15 09:00", "2026-01-15T08:00:00Z", "winter, CET"),
                ("2026-07-15 09:00", "2026-07-15T07:00:00Z", "summer, CEST"),
            ],
        );
    }

    #[test]
    fn a_time_in_the_spring_forward_gap_moves_forward_by_the_gap() {
        // Sunday 29 March 2026, Madrid: 02:00 CET becomes 03:00 CEST; 02:00–02:59 never shows.
        assert_read(
            MADRID,
            &[
                (
                    "2026-03-29 02:00",
                    "2026-03-29T01:00:00Z",
                    "the jump: 03:00 CEST",
                ),
                ("2026-03-29 02:30", "2026-03-29T01:30:00Z", "03:30 CEST"),
                (
                    "2026-03-29 03:00",
                    "2026-03-29T01:00:00Z",
                    "the first hour that exists",
                ),
            ],
        );
        // Sunday 8 March 2026, New York: 02:00 EST becomes 03:00 EDT.
        assert_read(
            chrono_tz::America::New_York,
            &[("2026-03-08 02:15", "2026-03-08T07:15:00Z", "03:15 EDT")],
        );
    }

    #[test]
    fn a_time_in_the_fall_back_overlap_is_the_first_of_the_two() {
        // Sunday 25 October 2026, Madrid: 03:00 CEST becomes 02:00 CET; 02:00–02:59 twice.
        assert_read(
            MADRID,
            &[
                (
                    "2026-10-25 02:30",
                    "2026-10-25T00:30:00Z",
                    "02:30 CEST, not CET",
                ),
                (
                    "2026-10-25 03:00",
                    "2026-10-25T02:00:00Z",
                    "after the overlap, CET",
                ),
                (
                    "2026-10-25 01:59",
                    "2026-10-24T23:59:00Z",
                    "before it, CEST",
                ),
            ],
        );
    }
}

//! When the app speaks up on its own: the weekly "your story is ready" notice on the reader's
//! chosen day and hour, and SysAdmin Appreciation Day (the last Friday of July), when it
//! suggests thanking teammates. Pure, so the desktop shell only has to ask.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

/// A notice that comes back every week at the same local day and hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weekly {
    pub weekday: Weekday,
    /// 0–23, on the reader's wall clock.
    pub hour: u32,
}

/// A notice missed while the computer slept or the app was closed is still given this long
/// after its time; later, the week's story is no longer news.
pub const LATE_BY_AT_MOST: Duration = Duration::hours(12);

impl Weekly {
    /// The latest time this notice was meant for, at or before `now`.
    pub fn latest_slot(&self, now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let today = now.with_timezone(&tz).date_naive();
        let back =
            (7 + today.weekday().num_days_from_monday() - self.weekday.num_days_from_monday()) % 7;
        let mut date = today - Duration::days(i64::from(back));
        loop {
            let at = local_time(date, self.hour, tz);
            if at <= now {
                return at;
            }
            date -= Duration::days(7);
        }
    }

    /// Whether the notice should be given now: its time has come within
    /// [`LATE_BY_AT_MOST`], and it was not given for that time already.
    pub fn is_due(&self, now: DateTime<Utc>, tz: Tz, last_given: Option<DateTime<Utc>>) -> bool {
        let slot = self.latest_slot(now, tz);
        now - slot <= LATE_BY_AT_MOST && last_given.is_none_or(|given| given < slot)
    }
}

/// `hour:00` on `date` in `tz`; on a day a clock change skips that hour, the first moment
/// after it ([`local_time::to_utc`]).
fn local_time(date: NaiveDate, hour: u32, tz: Tz) -> DateTime<Utc> {
    let naive = date.and_time(NaiveTime::from_hms_opt(hour.min(23), 0, 0).expect("valid hour"));
    crate::local_time::to_utc(naive, tz)
}

/// SysAdmin Appreciation Day: the last Friday of July.
pub fn is_sysadmin_day(date: NaiveDate) -> bool {
    date.month() == 7 && date.weekday() == Weekday::Fri && (date + Duration::days(7)).month() == 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 time")
    }

    const MONDAY_NINE: Weekly = Weekly {
        weekday: Weekday::Mon,
        hour: 9,
    };

    #[test]
    fn the_notice_is_due_on_the_chosen_morning_once() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        // Monday 30 November 2026, 09:00 in Madrid is 08:00 UTC.
        let slot = utc("2026-11-30T08:00:00Z");
        assert_eq!(
            MONDAY_NINE.latest_slot(utc("2026-11-30T08:00:00Z"), madrid),
            slot
        );
        assert_eq!(
            MONDAY_NINE.latest_slot(utc("2026-12-03T12:00:00Z"), madrid),
            slot
        );
        assert_eq!(
            MONDAY_NINE.latest_slot(utc("2026-11-30T07:59:59Z"), madrid),
            utc("2026-11-23T08:00:00Z"),
            "a minute early: last week's"
        );
        assert!(!MONDAY_NINE.is_due(utc("2026-11-30T07:59:00Z"), madrid, None));
        assert!(MONDAY_NINE.is_due(utc("2026-11-30T08:00:00Z"), madrid, None));
        assert!(
            MONDAY_NINE.is_due(utc("2026-11-30T19:00:00Z"), madrid, None),
            "late, still news"
        );
        assert!(
            !MONDAY_NINE.is_due(utc("2026-11-30T21:00:00Z"), madrid, None),
            "too late"
        );
        let given = Some(utc("2026-11-30T08:00:30Z"));
        assert!(
            !MONDAY_NINE.is_due(utc("2026-11-30T08:01:00Z"), madrid, given),
            "once"
        );
        assert!(
            MONDAY_NINE.is_due(utc("2026-12-07T08:00:00Z"), madrid, given),
            "next week"
        );
    }

    #[test]
    fn a_clock_change_never_loses_the_notice() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        // Sunday 29 March 2026: 02:00 does not exist in Madrid.
        let sunday_two = Weekly {
            weekday: Weekday::Sun,
            hour: 2,
        };
        let slot = sunday_two.latest_slot(utc("2026-03-29T12:00:00Z"), madrid);
        assert_eq!(
            slot,
            utc("2026-03-29T01:00:00Z"),
            "03:00 local, the first moment after"
        );
    }

    #[test]
    fn sysadmin_day_is_the_last_friday_of_july() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(is_sysadmin_day(day(2026, 7, 31)));
        assert!(is_sysadmin_day(day(2027, 7, 30)));
        assert!(is_sysadmin_day(day(2025, 7, 25)));
        assert!(!is_sysadmin_day(day(2026, 7, 24)), "a Friday, not the last");
        assert!(!is_sysadmin_day(day(2026, 7, 30)), "the last Thursday");
        assert!(!is_sysadmin_day(day(2026, 8, 7)));
    }
}

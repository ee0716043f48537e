//! When the team is expected to work, so the story can tell who worked outside those hours.

use chrono::{DateTime, Datelike, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingHours {
    pub days: Vec<Weekday>,
    pub start: NaiveTime,
    /// Exclusive: an incident opened at exactly `end` is outside working hours.
    pub end: NaiveTime,
}

impl Default for WorkingHours {
    /// Monday to Friday, 09:00 to 18:00, as DESIGN.md sets.
    fn default() -> Self {
        WorkingHours {
            days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            start: NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"),
            end: NaiveTime::from_hms_opt(18, 0, 0).expect("valid time"),
        }
    }
}

impl WorkingHours {
    /// Whether `at`, read on the wall clock of `tz`, falls outside these hours.
    pub fn is_outside(&self, at: DateTime<Utc>, tz: Tz) -> bool {
        // The wall clock once: `DateTime<Tz>`'s `time()` and `weekday()` would each add the
        // offset again (this runs for every incident of a year).
        self.is_outside_local(at.with_timezone(&tz).naive_local())
    }

    /// [`WorkingHours::is_outside`] for a time already on the reader's wall clock.
    pub fn is_outside_local(&self, local: NaiveDateTime) -> bool {
        let time = local.time();
        !self.days.contains(&local.weekday()) || time < self.start || time >= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn office_hours_are_read_in_the_readers_zone() {
        let hours = WorkingHours::default();
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        // Tuesday 24 Nov 2026, 08:30 UTC is 09:30 in Madrid: inside.
        let morning = Utc.with_ymd_and_hms(2026, 11, 24, 8, 30, 0).unwrap();
        assert!(!hours.is_outside(morning, madrid));
        assert!(hours.is_outside(morning, chrono_tz::UTC));
    }

    #[test]
    fn evenings_and_weekends_are_outside() {
        let hours = WorkingHours::default();
        let friday_six_pm = Utc.with_ymd_and_hms(2026, 11, 27, 18, 0, 0).unwrap();
        let saturday_noon = Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
        assert!(hours.is_outside(friday_six_pm, chrono_tz::UTC));
        assert!(hours.is_outside(saturday_noon, chrono_tz::UTC));
    }
}

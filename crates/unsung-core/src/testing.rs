//! Helpers the core's unit tests share.

use chrono::{DateTime, TimeZone, Utc};

/// `day` November 2026 at `hour:minute` UTC.
pub fn t(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
}

//! Helpers the core's unit tests share.

use crate::model::{Incident, Severity};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// `day` November 2026 at `hour:minute` UTC.
pub fn t(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
}

/// A minor problem `<source>/<id>` on `service`, opened at `opened` and fixed `minutes_to_fix`
/// later (still open with `None`), by nobody named.
pub fn incident(
    source: &str,
    id: &str,
    service: &str,
    opened: DateTime<Utc>,
    minutes_to_fix: Option<i64>,
) -> Incident {
    Incident {
        id: format!("{source}/{id}"),
        source: source.into(),
        external_id: id.into(),
        service_id: Some(service.into()),
        title: format!("Problem {id}"),
        severity: Severity::Minor,
        opened_at: opened,
        acknowledged_at: None,
        resolved_at: minutes_to_fix.map(|m| opened + Duration::minutes(m)),
        ..Incident::default()
    }
}

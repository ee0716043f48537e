//! Turning what a person types (a date, a time zone, a database location) into exact values,
//! with errors that say what would work instead.

use crate::{AppError, Result};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use unsung_core::period::start_of_day;

/// Where "now" comes from. `UNSUNG_NOW` (RFC 3339) pins it, so scripts and tests can ask
/// about a fixed moment and get the same answer every time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn from_env() -> Result<Clock> {
        match std::env::var("UNSUNG_NOW") {
            Ok(text) if !text.trim().is_empty() => DateTime::parse_from_rfc3339(text.trim())
                .map(|at| Clock::Fixed(at.with_timezone(&Utc)))
                .map_err(|_| {
                    AppError::invalid(format!(
                        "UNSUNG_NOW is {text:?}; set it to an RFC 3339 time such as 2026-11-29T20:00:00Z, or unset it"
                    ))
                }),
            _ => Ok(Clock::System),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }
}

/// The time zone a name gives, or the machine's own zone (UTC if it cannot be read).
pub fn resolve_tz(name: Option<&str>) -> Result<Tz> {
    match name {
        Some(name) => name.trim().parse::<Tz>().map_err(|_| {
            AppError::invalid(format!(
                "unknown time zone {name:?}; use a name such as Europe/Madrid or America/New_York"
            ))
        }),
        None => Ok(iana_time_zone::get_timezone()
            .ok()
            .and_then(|name| name.parse::<Tz>().ok())
            .unwrap_or(chrono_tz::UTC)),
    }
}

/// `YYYY-MM-DD` (the start of that day in `tz`) or an RFC 3339 time.
pub fn parse_instant(text: &str, tz: Tz) -> Result<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(start_of_day(date, tz));
    }
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| {
            AppError::invalid(format!(
                "{text:?} is not a date; use YYYY-MM-DD (such as 2026-11-23) or an RFC 3339 time"
            ))
        })
}

/// The local database file in the platform data directory
/// (`~/.local/share/unsung/unsung.db` on Linux).
pub fn default_db_location() -> Result<String> {
    let dirs = directories::ProjectDirs::from("org", "unsung", "unsung").ok_or_else(|| {
        AppError::detailed(crate::ErrorCode::Internal, crate::ErrorDetail::NoHomeFolder)
    })?;
    Ok(dirs
        .data_dir()
        .join("unsung.db")
        .to_string_lossy()
        .into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_date_means_midnight_in_the_readers_zone() {
        let madrid: Tz = "Europe/Madrid".parse().unwrap();
        let at = parse_instant("2026-11-23", madrid).unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 11, 22, 23, 0, 0).unwrap());
        let exact = parse_instant("2026-11-23T10:00:00+02:00", madrid).unwrap();
        assert_eq!(exact, Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap());
    }

    #[test]
    fn bad_dates_and_zones_say_what_would_work() {
        let error = parse_instant("last tuesday", chrono_tz::UTC).unwrap_err();
        assert_eq!(error.code, crate::ErrorCode::InvalidInput);
        assert!(error.message.contains("YYYY-MM-DD"));
        let error = resolve_tz(Some("Mars/Olympus")).unwrap_err();
        assert!(error.message.contains("Europe/Madrid"));
    }
}

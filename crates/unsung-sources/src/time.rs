//! Every time format the sources send, read into UTC: RFC 3339 with `Z` or an offset and any
//! number of fractional digits (PagerDuty, Statuspage, incident.io), Uptime Kuma's
//! `YYYY-MM-DD HH:mm:ss.SSS` which is UTC with no zone marker, Unix seconds as a number or a
//! string (Prometheus, UptimeRobot), and a bare date (midnight UTC).

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Reads a time a source sent; `None` if it is none of the known formats.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    // RFC 3339 with a space instead of the `T`, or an offset without a colon (`+0000`).
    for format in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(at) = DateTime::parse_from_str(text, format) {
            return Some(at.with_timezone(&Utc));
        }
    }
    // No zone marker: Uptime Kuma's heartbeats, which are UTC.
    for format in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Some(Utc.from_utc_datetime(&naive));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(Utc.from_utc_datetime(&date.and_hms_opt(0, 0, 0)?));
    }
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return from_unix(text.parse().ok()?);
    }
    None
}

/// Unix seconds (with a fraction) as a time; `None` outside 1970–9999.
pub fn from_unix(seconds: f64) -> Option<DateTime<Utc>> {
    if !seconds.is_finite() || !(0.0..253_402_300_800.0).contains(&seconds) {
        return None;
    }
    let whole = seconds.floor();
    let nanos = ((seconds - whole) * 1e9).round().min(999_999_999.0) as u32;
    Utc.timestamp_opt(whole as i64, nanos).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 time")
    }

    #[test]
    fn every_format_in_the_sources_is_read_as_utc() {
        let cases = [
            ("2015-10-06T21:30:42Z", "2015-10-06T21:30:42Z"), // PagerDuty
            ("2015-10-06T16:30:42-05:00", "2015-10-06T21:30:42Z"), // PagerDuty with time_zone
            ("2022-11-25T09:51:29.427-06:00", "2022-11-25T15:51:29.427Z"), // Statuspage, local page
            ("2022-11-25T15:51:29.427Z", "2022-11-25T15:51:29.427Z"),
            ("2023-01-02T03:04:05.72Z", "2023-01-02T03:04:05.720Z"), // incident.io, 2 digits
            ("2025-03-01 12:34:56.789", "2025-03-01T12:34:56.789Z"), // Uptime Kuma: UTC, no zone
            ("2025-03-01 12:34:56", "2025-03-01T12:34:56Z"),
            ("2025-03-01 12:34:56+02:00", "2025-03-01T10:34:56Z"),
            ("2025-03-01T12:34:56+0200", "2025-03-01T10:34:56Z"),
            ("1700000000", "2023-11-14T22:13:20Z"), // Unix seconds
            ("1700000000.5", "2023-11-14T22:13:20.5Z"), // Prometheus
            ("2026-11-29", "2026-11-29T00:00:00Z"), // a bare date
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text), Some(utc(expected)), "{text}");
        }
    }

    #[test]
    fn nonsense_is_not_a_time() {
        for text in ["", "yesterday", "2026-13-01", "12:00", "-5", "1e400", "NaN"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}

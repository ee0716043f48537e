//! Availability from Better Stack's SLA summaries, which give a monitor's down seconds over a
//! range of whole days (UTC) and never say when in the range they fell.
//!
//! A range is read as one summary; when it had downtime that the monitor's incidents do not
//! account for, it is halved, down to single days. So a quiet year costs one request per
//! monitor and each day with unexplained downtime a handful, rather than one per day.
//!
//! Where the down seconds sit: when the incidents overlapping a range add up to its down
//! seconds (within a second per incident), they sit where the incidents say. Otherwise the
//! day's down seconds are kept exactly, as one stretch beginning where the day's first
//! incident began (or at the start of the day without one). The day's total, which daily bars
//! and the uptime figure read, is always the summary's; only the minutes within an
//! unexplained day are a placement, never a claim.

use super::api::{Api, Sla};
use crate::Result;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use unsung_core::{Interval, Status};

pub(super) type Span = (DateTime<Utc>, DateTime<Utc>);

/// What is known of one monitor before its summaries are read.
pub(super) struct Monitor<'m> {
    pub(super) id: &'m str,
    pub(super) service_id: &'m str,
    /// From its creation (or the history's start) to now, or to when it was paused: paused
    /// time is neither up nor down, so it is left as no data.
    pub(super) measured: Span,
    /// Its incidents' spans (an open one up to now).
    pub(super) outages: Vec<Span>,
    /// Its planned maintenance windows.
    pub(super) maintenance: Vec<Span>,
}

pub(super) fn day_start(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
}

/// The monitor's intervals for the days `from..=to` (cut to what was measured).
pub(super) async fn read(
    api: &Api<'_, '_>,
    monitor: &Monitor<'_>,
    (from, to): (NaiveDate, NaiveDate),
) -> Result<Vec<Interval>> {
    let whole = clip_span(
        monitor.measured,
        (day_start(from), day_start(to) + Duration::days(1)),
    );
    let Some(whole) = whole else {
        return Ok(Vec::new());
    };
    let mut down: Vec<Span> = Vec::new();
    let mut todo = vec![(from, to)];
    while let Some((first, last)) = todo.pop() {
        let range = (day_start(first), day_start(last) + Duration::days(1));
        let Some(span) = clip_span(whole, range) else {
            continue;
        };
        let sla = api.sla(monitor.id, (first, last)).await?;
        let total = down_seconds(&sla, span)
            .ok_or_else(|| api.bad("an availability summary without availability or downtime"))?;
        if total == 0 {
            continue;
        }
        let explained = clip(&monitor.outages, span);
        if !explained.is_empty() && (seconds(&explained) - total).abs() <= explained.len() as i64 {
            down.extend(explained);
        } else if first == last {
            down.push(one_stretch(total, span, &explained));
        } else {
            let middle = first + Duration::days((last - first).num_days() / 2);
            todo.push((middle + Duration::days(1), last));
            todo.push((first, middle));
        }
    }
    let planned = clip(&monitor.maintenance, whole);
    Ok(lay_out(monitor.service_id, whole, &down, &planned))
}

/// The range's down seconds: `total_downtime`, else what the percent leaves of the span.
fn down_seconds(sla: &Sla, span: Span) -> Option<i64> {
    let length = (span.1 - span.0).num_seconds();
    let seconds = match (sla.total_downtime, sla.availability) {
        (Some(down), _) if down.is_finite() => down,
        (_, Some(percent)) if percent.is_finite() => (100.0 - percent) / 100.0 * length as f64,
        _ => return None,
    };
    Some((seconds.round() as i64).clamp(0, length))
}

fn clip_span(a: Span, b: Span) -> Option<Span> {
    let span = (a.0.max(b.0), a.1.min(b.1));
    (span.1 > span.0).then_some(span)
}

fn clip(spans: &[Span], within: Span) -> Vec<Span> {
    let mut out: Vec<Span> = spans.iter().filter_map(|s| clip_span(*s, within)).collect();
    out.sort();
    // Overlapping incidents (two alerts on one outage) count their time once.
    let mut joined: Vec<Span> = Vec::with_capacity(out.len());
    for span in out {
        match joined.last_mut() {
            Some(last) if span.0 <= last.1 => last.1 = last.1.max(span.1),
            _ => joined.push(span),
        }
    }
    joined
}

fn seconds(spans: &[Span]) -> i64 {
    spans.iter().map(|(a, b)| (*b - *a).num_seconds()).sum()
}

/// `total` seconds as one stretch within `span`: from the first incident's start when there
/// is one, else from the span's start, moved earlier if it would run past the span's end.
fn one_stretch(total: i64, span: Span, incidents: &[Span]) -> Span {
    let length = Duration::seconds(total);
    let start = incidents.first().map_or(span.0, |i| i.0);
    let start = start.min(span.1 - length).max(span.0);
    (start, (start + length).min(span.1))
}

/// Intervals over `whole`: down where `down` says, else maintenance where planned, else up.
fn lay_out(service_id: &str, whole: Span, down: &[Span], planned: &[Span]) -> Vec<Interval> {
    let mut cuts: Vec<DateTime<Utc>> = vec![whole.0, whole.1];
    for (a, b) in down.iter().chain(planned) {
        cuts.extend([*a, *b]);
    }
    cuts.retain(|t| *t >= whole.0 && *t <= whole.1);
    cuts.sort();
    cuts.dedup();
    let inside = |spans: &[Span], t: DateTime<Utc>| spans.iter().any(|(a, b)| *a <= t && t < *b);
    let intervals = cuts
        .windows(2)
        .map(|w| Interval {
            service_id: service_id.to_string(),
            start: w[0],
            end: w[1],
            status: if inside(down, w[0]) {
                Status::Down
            } else if inside(planned, w[0]) {
                Status::Maintenance
            } else {
                Status::Up
            },
        })
        .collect();
    crate::merge::tidy(intervals)
}

/// A monitor's daily maintenance window (`HH:MM[:SS]` to `HH:MM[:SS]` in `zone`, on `days`
/// or every day), as spans over `within`. A window whose end is before its start runs past
/// midnight. An unknown zone is read as UTC (Better Stack also accepts Rails zone names such
/// as "Amsterdam", which chrono-tz does not know; those are tried as "Europe/…" and
/// "America/…" first).
pub(super) fn maintenance_windows(
    (from, to): (&str, &str),
    zone: Option<&str>,
    days: Option<&[String]>,
    within: Span,
) -> Vec<Span> {
    let time = |t: &str| {
        NaiveTime::parse_from_str(t.trim(), "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(t.trim(), "%H:%M"))
            .ok()
    };
    let (Some(from), Some(to)) = (time(from), time(to)) else {
        return Vec::new();
    };
    let zone: chrono_tz::Tz = zone
        .and_then(|z| {
            let z = z.trim().replace(' ', "_");
            [z.clone(), format!("Europe/{z}"), format!("America/{z}")]
                .into_iter()
                .find_map(|name| name.parse().ok())
        })
        .unwrap_or(chrono_tz::UTC);
    let on = |day: NaiveDate| match days {
        Some(days) if !days.is_empty() => {
            let name = day.format("%a").to_string().to_lowercase();
            days.iter()
                .any(|d| d.trim().to_lowercase().starts_with(&name))
        }
        _ => true,
    };
    let local = |day: NaiveDate, t: NaiveTime| {
        zone.from_local_datetime(&day.and_time(t))
            .earliest()
            .map(|at| at.with_timezone(&Utc))
    };
    let mut spans = Vec::new();
    let mut day = within.0.with_timezone(&zone).date_naive() - Duration::days(1);
    let last = within.1.with_timezone(&zone).date_naive();
    while day <= last {
        let end_day = if to <= from {
            day + Duration::days(1)
        } else {
            day
        };
        if on(day)
            && let (Some(start), Some(end)) = (local(day, from), local(end_day, to))
            && let Some(span) = clip_span((start, end), within)
        {
            spans.push(span);
        }
        day += Duration::days(1);
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn unexplained_downtime_is_one_stretch_of_exactly_that_many_seconds() {
        let day = (at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z"));
        assert_eq!(
            one_stretch(600, day, &[]),
            (day.0, day.0 + Duration::seconds(600))
        );
        let late = (at("2026-11-02T23:58:00Z"), at("2026-11-02T23:59:00Z"));
        let stretch = one_stretch(600, day, &[late]);
        assert_eq!(stretch.1, day.1, "moved back so it stays in the day");
        assert_eq!((stretch.1 - stretch.0).num_seconds(), 600);
    }

    #[test]
    fn a_window_past_midnight_in_the_monitors_zone_is_placed_in_utc() {
        let within = (at("2026-11-02T00:00:00Z"), at("2026-11-04T00:00:00Z"));
        let days = vec!["mon".to_string()];
        let spans = maintenance_windows(
            ("23:00:00", "01:00:00"),
            Some("Amsterdam"),
            Some(&days),
            within,
        );
        // Monday 2 November 23:00 in Amsterdam (UTC+1) is 22:00 UTC, until 00:00 UTC.
        assert_eq!(
            spans,
            vec![(at("2026-11-02T22:00:00Z"), at("2026-11-03T00:00:00Z"))]
        );
    }

    #[test]
    fn down_wins_over_planned_and_the_rest_is_up() {
        let whole = (at("2026-11-02T00:00:00Z"), at("2026-11-02T04:00:00Z"));
        let down = [(at("2026-11-02T01:00:00Z"), at("2026-11-02T02:00:00Z"))];
        let planned = [(at("2026-11-02T01:30:00Z"), at("2026-11-02T03:00:00Z"))];
        let states: Vec<(Status, i64)> = lay_out("s", whole, &down, &planned)
            .iter()
            .map(|i| (i.status, (i.end - i.start).num_minutes()))
            .collect();
        assert_eq!(
            states,
            [
                (Status::Up, 60),
                (Status::Down, 60),
                (Status::Maintenance, 60),
                (Status::Up, 60)
            ]
        );
    }
}

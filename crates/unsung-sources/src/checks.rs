//! Availability and outages from periodic checks, shared by the sources that serve only their
//! recent checks (Uptime Kuma's heartbeats, Gatus's results): each check stands for the time
//! until the next, a gap much longer than usual is no data, each run of failed checks is one
//! incident fixed at the next check that passes, and each sync extends the local history
//! (coverage spans only the checks served, so what the store holds before them stays).

use crate::{Context, Coverage, text};
use chrono::{DateTime, Duration, Utc};
use unsung_core::{
    Dataset, Disposition, Incident, IncidentKind, Interval, Service, Severity, Status,
};

/// One check: when it ran and what it found (`None`: neither up nor down, such as Kuma's
/// "pending").
pub(crate) type Check = (DateTime<Utc>, Option<Status>);

/// The checks in time order, one per instant, none after `now` (a clock ahead of ours).
pub(crate) fn in_order(mut checks: Vec<Check>, now: DateTime<Utc>) -> Vec<Check> {
    checks.retain(|(at, _)| *at <= now);
    checks.sort_by_key(|(at, _)| *at);
    checks.dedup_by_key(|(at, _)| *at);
    checks
}

/// Adds `service`'s availability and outages from `checks` to `data`, with the span they
/// cover.
pub(crate) fn extend(
    cx: &Context<'_>,
    service: &Service,
    checks: &[Check],
    data: &mut Dataset,
    coverage: &mut Vec<Coverage>,
) {
    let (intervals, span) = availability(&service.id, checks, cx.now);
    if let Some((start, end)) = span {
        coverage.push(Coverage {
            service_id: service.id.clone(),
            start,
            end,
        });
    }
    data.incidents.extend(outages(cx, service, checks));
    data.intervals.extend(intervals);
}

/// The usual time between two checks: the median gap.
fn spacing(checks: &[Check]) -> Duration {
    let mut gaps: Vec<Duration> = checks.windows(2).map(|w| w[1].0 - w[0].0).collect();
    gaps.sort();
    gaps.get(gaps.len() / 2)
        .copied()
        .filter(|gap| *gap > Duration::zero())
        .unwrap_or(Duration::seconds(60))
}

/// From the first check served to the time the last one stands for.
type Span = (DateTime<Utc>, DateTime<Utc>);

/// Each check stands for the time until the next one; a gap much longer than usual is "no
/// data" past one usual interval.
fn availability(
    service_id: &str,
    checks: &[Check],
    now: DateTime<Utc>,
) -> (Vec<Interval>, Option<Span>) {
    let usual = spacing(checks);
    let longest = usual * 3;
    let mut intervals = Vec::new();
    for (i, (at, status)) in checks.iter().enumerate() {
        let until = match checks.get(i + 1) {
            Some((next, _)) if *next - *at <= longest => *next,
            _ => (*at + usual).min(now),
        };
        let Some(status) = status else { continue };
        if until > *at {
            intervals.push(Interval {
                service_id: service_id.to_string(),
                start: *at,
                end: until,
                status: *status,
            });
        }
    }
    let span = match (checks.first(), checks.last()) {
        (Some((first, _)), Some((last, _))) => Some((*first, (*last + usual).min(now).max(*first))),
        _ => None,
    };
    (crate::merge::tidy(intervals), span)
}

/// Each run of "down" checks is one incident, fixed at the first check after it that is up.
/// A run that began before the checks served continues the open incident the store holds.
fn outages(cx: &Context<'_>, service: &Service, checks: &[Check]) -> Vec<Incident> {
    let mut found = Vec::new();
    let mut run_start: Option<DateTime<Utc>> = None;
    for (at, status) in checks {
        match (status, run_start) {
            (Some(Status::Down), None) => run_start = Some(*at),
            (Some(Status::Up), Some(start)) => {
                found.push((start, Some(*at)));
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run_start {
        found.push((start, None));
    }
    let continued = cx
        .known
        .incidents
        .iter()
        .filter(|i| i.service_id.as_deref() == Some(&service.id) && i.resolved_at.is_none())
        .filter(|i| i.external_id.starts_with("down-"))
        .max_by_key(|i| i.opened_at);
    found
        .into_iter()
        .map(|(start, end)| {
            let from_before = checks.first().is_some_and(|(first, _)| *first == start);
            let (external_id, opened_at) = match continued {
                Some(open) if from_before && open.opened_at <= start => {
                    (open.external_id.clone(), open.opened_at)
                }
                _ => (
                    format!("down-{}-{}", service.external_id, start.timestamp()),
                    start,
                ),
            };
            Incident {
                id: cx.id(&external_id),
                source: cx.name.to_string(),
                external_id,
                service_id: Some(service.id.clone()),
                title: text::title(&format!("{} was down", service.name), "A monitor was down"),
                severity: Severity::Minor,
                opened_at,
                acknowledged_at: None,
                resolved_at: end,
                resolved_by: None,
                responders: Vec::new(),
                notes: Vec::new(),
                disposition: Disposition::Counted,
                link: None,
                kind: IncidentKind::Problem,
                source_explanation: None,
                explanation: None,
            }
        })
        .collect()
}

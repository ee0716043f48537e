//! UptimeRobot's API v3 (`Bearer`, camelCase, `nextLink` cursor): the monitor list. v3
//! documents no log of state changes, so what a sync learns of the past is each monitor's
//! last 24 hours (`lastDayUptimes`: an uptime percent per bucket) and its latest incident
//! (`lastIncident`: when it started and how long it lasted); each sync extends the local
//! history with them, as for Uptime Kuma.

use super::{Account, Outage, Watched, id_text, number};
use crate::http::Auth;
use crate::{Context, Result, SourceError, time};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::Value;
use unsung_core::Status;

/// Pages asked for (v3 serves up to 200; 50 keeps each answer small).
const PAGE: usize = 50;
const MAX_PAGES: usize = 200;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    #[serde(default)]
    next_link: Option<String>,
    data: Vec<Monitor>,
}

type Monitor = super::Monitor<More>;

/// What only v3 says of a monitor.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct More {
    /// UP, DOWN, PAUSED, … (null in the schema's placeholder).
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    last_incident: Option<LastIncident>,
    #[serde(default)]
    last_day_uptimes: Option<Uptimes>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct LastIncident {
    id: Value,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    started_at: Option<Value>,
    /// Seconds.
    #[serde(default)]
    duration: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Uptimes {
    /// Seconds.
    #[serde(default)]
    bucket_size: Option<Value>,
    #[serde(default)]
    histogram: Option<Vec<Bucket>>,
}

#[derive(Debug, Deserialize)]
struct Bucket {
    timestamp: Value,
    /// A percent.
    uptime: Value,
}

fn moment(value: &Value) -> Option<DateTime<Utc>> {
    match value {
        Value::String(s) => time::parse(s),
        other => time::from_unix(number(other)?),
    }
}

/// Every monitor, following `nextLink` on the configured host only (its path and query), so
/// the key is never sent elsewhere.
pub(super) async fn read(cx: &Context<'_>, account: &Account<'_>) -> Result<Vec<Watched>> {
    let bearer = format!("Bearer {}", account.key);
    let base = url::Url::parse(&account.base)
        .map_err(|_| SourceError::invalid("The UptimeRobot address is not a web address"))?;
    let mut url = base
        .join("v3/monitors")
        .map_err(|_| SourceError::invalid("The UptimeRobot address is not a web address"))?;
    url.set_query(Some(&format!("limit={PAGE}")));
    let mut watched: Vec<Watched> = Vec::new();
    for _ in 0..MAX_PAGES {
        cx.report(format!("monitors ({} so far)", watched.len()));
        let page: Page = cx
            .http
            .get_json(
                url.as_str(),
                &[],
                Auth::Header("Authorization", &bearer),
                &[],
            )
            .await?;
        for monitor in page.data {
            if let Some(one) = map(cx, monitor)
                && !watched.iter().any(|w| w.id == one.id)
            {
                watched.push(one);
            }
        }
        let next = page
            .next_link
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .and_then(|l| url::Url::parse(l).or_else(|_| base.join(l)).ok());
        match next {
            Some(link) => {
                let mut same_host = base.clone();
                same_host.set_path(link.path());
                same_host.set_query(link.query());
                if same_host == url {
                    return Ok(watched);
                }
                url = same_host;
            }
            None => return Ok(watched),
        }
    }
    Err(SourceError::bad_response(
        &account.host,
        format!("more than {MAX_PAGES} pages of monitors"),
    ))
}

fn map(cx: &Context<'_>, monitor: Monitor) -> Option<Watched> {
    let id = id_text(&monitor.id)?;
    let status = monitor.more.status.as_deref().unwrap_or("").to_uppercase();
    let outage = monitor.more.last_incident.as_ref().and_then(|last| {
        let start = moment(last.started_at.as_ref()?)?;
        let length = last
            .duration
            .as_ref()
            .and_then(number)
            .unwrap_or(0.0)
            .max(0.0);
        let resolved = last
            .status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("resolved"))
            || status != "DOWN";
        let incident_id = id_text(&last.id)?;
        (start <= cx.now).then(|| Outage {
            external_id: format!("incident-{incident_id}"),
            start,
            end: resolved.then(|| (start + Duration::seconds(length as i64)).min(cx.now)),
            reason: last.reason.clone().unwrap_or_default(),
        })
    });
    let mut stretches = Vec::new();
    if status != "PAUSED"
        && let Some(uptimes) = &monitor.more.last_day_uptimes
        && let Some(size) = uptimes.bucket_size.as_ref().and_then(number)
        && size >= 1.0
    {
        let size = Duration::seconds(size as i64);
        for bucket in uptimes.histogram.iter().flatten() {
            let (Some(start), Some(uptime)) = (moment(&bucket.timestamp), number(&bucket.uptime))
            else {
                continue;
            };
            let end = (start + size).min(cx.now);
            if end <= start || !(0.0..=100.0).contains(&uptime) {
                continue;
            }
            stretches.push((start, end, Status::Up));
            let down = ((100.0 - uptime) / 100.0 * (end - start).num_seconds() as f64).round();
            if down >= 1.0 {
                // Where the incident says, when it falls in the bucket; else from its start.
                let length = Duration::seconds(down as i64);
                let from = outage
                    .as_ref()
                    .map(|o| o.start)
                    .filter(|at| *at >= start && *at < end)
                    .unwrap_or(start)
                    .min(end - length);
                stretches.push((from, from + length, Status::Down));
            }
        }
    }
    Some(monitor.watched(id, (stretches, outage.into_iter().collect(), None)))
}

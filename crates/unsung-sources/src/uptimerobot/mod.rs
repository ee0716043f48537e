//! UptimeRobot: monitors become services, their logs become availability and incidents.
//!
//! Which API: v3 (`GET /v3/monitors`, the key as `Bearer`, `nextLink` paging) is tried
//! first; when it refuses the key (401/403), or is not there (404), the key is one v3 does
//! not take, such as a read-only key still in use, and v2 (`POST /v2/getMonitors`, the key in
//! the form body) is read instead. The version that answered is kept in the cursor, so later
//! syncs ask it first and a v2 key costs no refused request each time. v2 serves each
//! monitor's log (down, up, started, paused) over its history; v3 documents no log, so a v3
//! sync brings the last 24 hours (`lastDayUptimes`) and the latest incident of each monitor,
//! and each sync extends the local history (see [`v3`]).
//!
//! The free plan allows 10 requests a minute: a sync is one request per 50 monitors, and a
//! 429 is waited out as `X-RateLimit-Reset` or `Retry-After` says (crate::http).

mod v2;
mod v3;

use crate::http::host_of;
use crate::{Context, Coverage, Fetched, Result, Source, SourceError, SourceErrorKind, text};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use unsung_core::{
    Dataset, Disposition, Incident, IncidentKind, Interval, Service, Severity, Status,
};

/// The public API, when no address is given.
pub const API: &str = "https://api.uptimerobot.com";

pub struct UptimeRobot;

/// How far UptimeRobot's own uptime over the span may differ from the log's (in percentage
/// points) before the sync says so in the log: logs are rounded to whole seconds.
const CROSS_CHECK_POINTS: f64 = 0.1;

/// Where to ask, and with which key (a secret: this type has no `Debug`).
struct Account<'k> {
    base: String,
    host: String,
    key: &'k str,
}

/// One monitor as either version tells it.
struct Watched {
    id: String,
    name: String,
    /// Known states over time (paused and unknown time left out).
    stretches: Vec<(DateTime<Utc>, DateTime<Utc>, Status)>,
    outages: Vec<Outage>,
    /// UptimeRobot's own uptime percent over the synced span (v2), to check the log by.
    reported_uptime: Option<f64>,
}

impl Watched {
    /// A monitor named as UptimeRobot names it (its friendly name, else its address).
    fn new(id: String, names: [Option<&str>; 2], seen: Seen) -> Watched {
        let name = names.into_iter().flatten().find(|n| !n.trim().is_empty());
        Watched {
            name: text::title(name.unwrap_or(""), &format!("Monitor {id}")),
            id,
            stretches: seen.0,
            outages: seen.1,
            reported_uptime: seen.2,
        }
    }
}

/// A monitor as either version lists it: what both say by the same names (v3's in camelCase),
/// and what only one says (`More`).
#[derive(Debug, Deserialize)]
struct Monitor<More> {
    id: serde_json::Value,
    #[serde(default, alias = "friendlyName")]
    friendly_name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(flatten)]
    more: More,
}

impl<More> Monitor<More> {
    /// The monitor `id`, named as UptimeRobot names it, with what a version read of it.
    fn watched(&self, id: String, seen: Seen) -> Watched {
        Watched::new(
            id,
            [self.friendly_name.as_deref(), self.url.as_deref()],
            seen,
        )
    }
}

/// What a version read of one monitor: its stretches, outages and reported uptime.
type Seen = (
    Vec<(DateTime<Utc>, DateTime<Utc>, Status)>,
    Vec<Outage>,
    Option<f64>,
);

/// A number UptimeRobot may send as a number or as a string.
fn number(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An id UptimeRobot sends as a number (or, in places, a string).
fn id_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// A time the monitor was down: an incident.
struct Outage {
    external_id: String,
    start: DateTime<Utc>,
    /// `None` while it is still down.
    end: Option<DateTime<Utc>>,
    reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Version {
    V2,
    V3,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    #[serde(default)]
    api: Option<Version>,
}

impl<'k> Account<'k> {
    fn new(cx: &Context<'k>) -> Result<Account<'k>> {
        let key =
            crate::connect::token(cx, "UptimeRobot", "an API key (a read-only key is enough)")?;
        let base = cx.config.base_url();
        let base = base
            .trim_end_matches('/')
            .trim_end_matches("/v2")
            .trim_end_matches("/v3")
            .to_string();
        Ok(Account {
            host: host_of(&base),
            base,
            key,
        })
    }
}

/// The monitors, from the version that takes the key, and that version.
async fn monitors(cx: &Context<'_>) -> Result<(Vec<Watched>, Version)> {
    let account = Account::new(cx)?;
    let cursor: Cursor = serde_json::from_value(cx.cursor.clone()).unwrap_or_default();
    let order = match cursor.api {
        Some(Version::V2) => [Version::V2, Version::V3],
        _ => [Version::V3, Version::V2],
    };
    let mut refused: Option<SourceError> = None;
    for version in order {
        let read = match version {
            Version::V2 => v2::read(cx, &account).await,
            Version::V3 => v3::read(cx, &account).await,
        };
        match read {
            Ok(monitors) => return Ok((monitors, version)),
            Err(e)
                if matches!(
                    e.kind,
                    SourceErrorKind::Unauthorized | SourceErrorKind::NotFound
                ) =>
            {
                // v2's words on a refused key are the clearer ones; keep them when both refuse.
                if refused.is_none() || version == Version::V2 {
                    refused = Some(e);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(refused.unwrap_or_else(|| SourceError::invalid("UptimeRobot did not answer")))
}

#[async_trait]
impl Source for UptimeRobot {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let (monitors, version) = monitors(cx).await?;
        let api = match version {
            Version::V2 => "API v2",
            Version::V3 => "API v3",
        };
        Ok(match monitors.len() {
            1 => format!("Connected to UptimeRobot ({api}): 1 monitor"),
            n => format!("Connected to UptimeRobot ({api}): {n} monitors"),
        })
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        let (monitors, version) = monitors(cx).await?;
        let mut data = Dataset::default();
        let mut coverage = Vec::new();
        for monitor in &monitors {
            let service_id = cx.id(&monitor.id);
            data.services.push(Service {
                id: service_id.clone(),
                source: cx.name.to_string(),
                external_id: monitor.id.clone(),
                name: monitor.name.clone(),
                friendly_name: None,
            });
            let intervals = layer(&service_id, &monitor.stretches);
            if let (Some(first), Some(last)) = (intervals.first(), intervals.last()) {
                coverage.push(Coverage {
                    service_id: service_id.clone(),
                    start: first.start,
                    end: last.end,
                });
            }
            cross_check(cx, monitor, &intervals);
            data.intervals.extend(intervals);
            for outage in &monitor.outages {
                let reason = text::shorten(&text::clean(&outage.reason), 1000);
                data.incidents.push(Incident {
                    id: cx.id(&outage.external_id),
                    source: cx.name.to_string(),
                    external_id: outage.external_id.clone(),
                    service_id: Some(service_id.clone()),
                    title: text::title(&format!("{} was down", monitor.name), "A monitor was down"),
                    severity: Severity::Major,
                    opened_at: outage.start,
                    acknowledged_at: None,
                    resolved_at: outage.end,
                    resolved_by: None,
                    responders: Vec::new(),
                    notes: if reason.is_empty() {
                        Vec::new()
                    } else {
                        vec![reason]
                    },
                    disposition: Disposition::Counted,
                    link: None,
                    kind: IncidentKind::Problem,
                    source_explanation: None,
                    explanation: None,
                });
            }
        }
        data.intervals = crate::merge::tidy(data.intervals);
        Ok(Fetched {
            data,
            coverage,
            cursor: serde_json::to_value(Cursor { api: Some(version) }).unwrap_or_default(),
        })
    }
}

/// Intervals from stretches that may overlap: down wins over up, so a down stretch inside an
/// up one (v3's buckets) splits it; time no stretch covers stays no data.
fn layer(service_id: &str, stretches: &[(DateTime<Utc>, DateTime<Utc>, Status)]) -> Vec<Interval> {
    let mut cuts: Vec<DateTime<Utc>> = stretches.iter().flat_map(|s| [s.0, s.1]).collect();
    cuts.sort();
    cuts.dedup();
    let state_at = |t: DateTime<Utc>| {
        let covering = stretches.iter().filter(|s| s.0 <= t && t < s.1);
        let mut state = None;
        for (_, _, status) in covering {
            if *status == Status::Down || state.is_none() {
                state = Some(*status);
            }
        }
        state
    };
    let intervals = cuts
        .windows(2)
        .filter_map(|w| {
            Some(Interval {
                service_id: service_id.to_string(),
                start: w[0],
                end: w[1],
                status: state_at(w[0])?,
            })
        })
        .collect();
    crate::merge::tidy(intervals)
}

/// UptimeRobot's own uptime over the span against the log's: a difference is written to the
/// log (the figures keep the log's, which places the time), never to the user.
fn cross_check(cx: &Context<'_>, monitor: &Watched, intervals: &[Interval]) {
    let Some(reported) = monitor.reported_uptime else {
        return;
    };
    let start = cx.history_start();
    let (mut up, mut down) = (0i64, 0i64);
    for i in intervals {
        let seconds = (i.end.min(cx.now) - i.start.max(start))
            .num_seconds()
            .max(0);
        match i.status {
            Status::Down => down += seconds,
            _ => up += seconds,
        }
    }
    if up + down > 0 {
        let from_log = 100.0 * up as f64 / (up + down) as f64;
        if (from_log - reported).abs() > CROSS_CHECK_POINTS {
            tracing::warn!(
                monitor = %monitor.id,
                reported,
                from_log,
                "UptimeRobot's uptime differs from what its log says"
            );
        }
    }
}

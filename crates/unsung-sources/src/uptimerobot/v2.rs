//! UptimeRobot's API v2: `POST /v2/getMonitors` with the key in the form body, 50 monitors a
//! page (`offset`, `limit`), each with its log (`logs=1`: 1 down, 2 up, 98 started, 99 paused)
//! and its uptime over the synced span (`custom_uptime_ranges`), which checks what the log
//! says.

use super::{Account, Outage, Watched, id_text, number};
use crate::{Context, Result, SourceError, SourceErrorKind, text, time};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::Value;
use unsung_core::Status;

/// The most monitors v2 serves in one page.
const PAGE: usize = 50;
/// Accounts have at most a few thousand monitors; a server that never stops is cut off.
const MAX_PAGES: usize = 200;

#[derive(Debug, Deserialize)]
struct Answer {
    stat: Option<String>,
    #[serde(default)]
    error: Option<Value>,
    #[serde(default)]
    monitors: Option<Vec<Monitor>>,
    #[serde(default)]
    pagination: Option<Pagination>,
}

#[derive(Debug, Deserialize)]
struct Pagination {
    #[serde(default)]
    total: Option<Value>,
}

type Monitor = super::Monitor<More>;

/// What only v2 says of a monitor.
#[derive(Debug, Deserialize)]
struct More {
    /// 0 paused, 1 not checked yet, 2 up, 8 seems down, 9 down.
    #[serde(default)]
    status: Option<Value>,
    #[serde(default)]
    logs: Option<Vec<Log>>,
    /// The uptime percent over the span asked, as a string ("99.998"; several ranges are
    /// joined with hyphens).
    #[serde(default)]
    custom_uptime_ranges: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct Log {
    #[serde(rename = "type")]
    kind: Value,
    datetime: Value,
    #[serde(default)]
    duration: Option<Value>,
    #[serde(default)]
    reason: Option<Value>,
}

/// What a `{"stat": "fail"}` answer means: a refused key is the wrong-token error.
fn failure(host: &str, error: Option<&Value>) -> SourceError {
    let field = |name: &str| {
        error
            .and_then(|e| e.get(name))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    if field("parameter_name") == "api_key" || field("type").contains("api_key") {
        return SourceError::new(
            SourceErrorKind::Unauthorized,
            format!(
                "{host} refused the API key ({}). Earlier data is kept; set a valid read-only \
                 API key for this source, then sync again.",
                text::shorten(&text::clean(&field("message")), 80)
            ),
        );
    }
    let said = text::shorten(&text::clean(&field("message")), 160);
    SourceError::invalid(format!(
        "{host} refused the request ({}). Earlier data is kept; check this source's settings.",
        if said.is_empty() {
            "stat: fail".to_string()
        } else {
            said
        }
    ))
}

/// Every monitor of the account with its log, page by page. Pages are read while they come
/// back full or `pagination.total` says more are left (it has been seen to count fewer than
/// it lists, so it alone never ends the paging), and a monitor listed twice is kept once.
pub(super) async fn read(cx: &Context<'_>, account: &Account<'_>) -> Result<Vec<Watched>> {
    let url = format!("{}/v2/getMonitors", account.base);
    let range = format!("{}_{}", cx.history_start().timestamp(), cx.now.timestamp());
    let mut watched: Vec<Watched> = Vec::new();
    for page in 0..MAX_PAGES {
        cx.report(format!(
            "monitors {}–{}",
            page * PAGE + 1,
            (page + 1) * PAGE
        ));
        let form = [
            ("api_key", account.key.to_string()),
            ("format", "json".to_string()),
            ("logs", "1".to_string()),
            ("custom_uptime_ranges", range.clone()),
            ("offset", (page * PAGE).to_string()),
            ("limit", PAGE.to_string()),
        ];
        let answer: Answer = cx.http.post_form_json(&url, &form, &[]).await?;
        if answer.stat.as_deref() != Some("ok") {
            return Err(failure(&account.host, answer.error.as_ref()));
        }
        let monitors = answer
            .monitors
            .ok_or_else(|| SourceError::bad_response(&account.host, "no \"monitors\" list"))?;
        let total = answer
            .pagination
            .and_then(|p| p.total.as_ref().and_then(number));
        let more = monitors.len() >= PAGE
            || total.is_some_and(|t| ((page * PAGE + monitors.len()) as f64) < t);
        let mut new = 0;
        for monitor in monitors {
            let Some(one) = map(cx, monitor) else {
                continue;
            };
            if !watched.iter().any(|w| w.id == one.id) {
                watched.push(one);
                new += 1;
            }
        }
        if !more || new == 0 {
            return Ok(watched);
        }
    }
    Err(SourceError::bad_response(
        &account.host,
        format!("more than {} pages of monitors", MAX_PAGES),
    ))
}

fn map(cx: &Context<'_>, monitor: Monitor) -> Option<Watched> {
    let id = id_text(&monitor.id)?;
    let mut logs: Vec<(DateTime<Utc>, i64, Option<i64>, String)> = monitor
        .more
        .logs
        .as_deref()
        .unwrap_or_default()
        .iter()
        .filter_map(|log| {
            let at = time::from_unix(number(&log.datetime)?)?;
            let kind = number(&log.kind)? as i64;
            // Without a duration an entry holds until the next one.
            let duration = log
                .duration
                .as_ref()
                .and_then(number)
                .map(|d| d.clamp(0.0, 1e10) as i64);
            let reason = match &log.reason {
                Some(Value::Object(r)) => r
                    .get("detail")
                    .and_then(Value::as_str)
                    .or_else(|| r.get("code").and_then(Value::as_str))
                    .unwrap_or("")
                    .to_string(),
                _ => String::new(),
            };
            (at <= cx.now).then_some((at, kind, duration, reason))
        })
        .collect();
    logs.sort_by_key(|l| l.0);
    logs.dedup_by_key(|l| l.0);
    let status = monitor
        .more
        .status
        .as_ref()
        .and_then(number)
        .map(|s| s as i64);
    // Each entry holds until the next one, or for its duration, whichever is first; the
    // latest lasts until now while the monitor is still in that state.
    let mut stretches = Vec::new();
    let mut outages = Vec::new();
    for (i, (at, kind, duration, reason)) in logs.iter().enumerate() {
        let next = logs.get(i + 1).map(|l| l.0);
        let ongoing = next.is_none() && still(*kind, status);
        let held = duration.map(|d| *at + Duration::seconds(d));
        let end = match next {
            Some(next) => held.map_or(next, |held| next.min(held)),
            None if ongoing => cx.now,
            None => held.unwrap_or(cx.now).min(cx.now),
        };
        let state = match kind {
            1 => Some(Status::Down),
            2 | 98 => Some(Status::Up),
            // Paused, or a type this connector does not know: neither up nor down.
            _ => None,
        };
        if let Some(status) = state {
            stretches.push((*at, end.max(*at), status));
        }
        if *kind == 1 {
            outages.push(Outage {
                external_id: format!("down-{id}-{}", at.timestamp()),
                start: *at,
                end: (!ongoing).then_some(end.max(*at)),
                reason: reason.clone(),
            });
        }
    }
    let reported = monitor
        .more
        .custom_uptime_ranges
        .as_ref()
        .and_then(|r| match r {
            Value::String(s) => s.split('-').next().and_then(|p| p.trim().parse().ok()),
            other => number(other),
        });
    Some(monitor.watched(id, (stretches, outages, reported)))
}

/// Whether a monitor whose latest log entry is `kind` is still in that state now.
fn still(kind: i64, status: Option<i64>) -> bool {
    match (kind, status) {
        (1, Some(s)) => s == 8 || s == 9,
        (2 | 98, Some(s)) => s == 2 || s == 1,
        (99, Some(s)) => s == 0,
        _ => false,
    }
}

//! Prometheus's HTTP API: each distinct value of a label (`instance` by default) of a 0/1
//! series such as `probe_success` or `up` becomes a service, and its samples become up, down
//! and no-data time.
//!
//! Prometheus sums the samples on its side: one `query_range` per 10,000 hours answers, per
//! service and per hour, how many samples there were and how many said "up". That gives exact
//! totals without pulling every raw sample. Only hours with down samples are read sample by
//! sample, in a few windows, so outages sit at the right minutes on the timeline.
//!
//! A sample stands for the scrape interval that ends at its timestamp, so an hour's bucket is
//! the samples in (hour start, hour end]: Prometheus 2.x range selectors include both ends,
//! hence the range of one hour less a millisecond. Missing samples are no data, never uptime:
//! an hour expecting 60 samples that holds 45 has 15 scrape intervals of no data.

use crate::http::{Auth, host_of};
use crate::{Context, Coverage, Fetched, Result, Source, SourceError, SourceErrorKind, text};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use unsung_core::{Dataset, Interval, Service, Status};

pub struct Prometheus;

/// The size of the buckets Prometheus sums samples into.
const HOUR: i64 = 3600;
/// One hour less a millisecond: Prometheus 2.x includes both ends of a range, so with `[1h]`
/// a sample exactly on the hour would count in two buckets. (Prometheus 3 excludes the start,
/// so it would miss only a sample exactly one millisecond past the hour.)
const BUCKET_RANGE: &str = "3599999ms";
/// Prometheus refuses more than 11,000 points per series in one `query_range`.
const MAX_HOURS_PER_REQUEST: i64 = 10_000;
/// An hour is read once this long has passed after its end, so a scrape still being written
/// is not taken for a missing sample (the cursor moves past the hour for good).
const SETTLE_SECONDS: i64 = 60;
/// Raw samples one detail request may ask for (about 2 MB of JSON).
const DETAIL_POINTS_BUDGET: i64 = 100_000;
/// The longest window of hours one detail request covers, so a quiet day between two outages
/// is not pulled sample by sample.
const DETAIL_MAX_HOURS: i64 = 24;
/// Detail requests per sync at most; the most recent outages get them. Older hours beyond
/// this keep exact totals, with the down time placed after the up time within the hour.
const MAX_DETAIL_REQUESTS: usize = 24;
/// The label the combined query uses to tell its two figures apart.
const FIGURE_LABEL: &str = "unsung_figure";
const DEFAULT_SERVICE_LABEL: &str = "instance";
const QUERY_HINT: &str = "a 0/1 series such as probe_success or up{job=\"node\"}";

/// What the last sync left: how far it read, and each service's samples per full hour (the
/// scrape interval, as the most samples seen in one hour), so a short resync still knows it.
/// A cursor made for another query or label is ignored: the sync starts over.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cursor {
    query: String,
    service_label: String,
    /// Unix seconds: the end of the last hour read.
    through: i64,
    samples_per_hour: BTreeMap<String, u32>,
}

/// Prometheus's envelope: `status` is `success` or `error`.
#[derive(Debug, Deserialize)]
struct Envelope {
    status: String,
    #[serde(default)]
    data: Option<QueryData>,
    #[serde(default, rename = "errorType")]
    error_type: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
struct QueryData {
    #[serde(rename = "resultType")]
    result_type: String,
    result: serde_json::Value,
}

/// One series of a `matrix` answer: its labels and `[unix seconds, "value"]` pairs.
#[derive(Debug, Deserialize)]
struct RangeSeries {
    metric: HashMap<String, String>,
    values: Vec<(f64, String)>,
}

/// One sample of a `vector` answer.
#[derive(Debug, Deserialize)]
struct InstantSample {
    metric: HashMap<String, String>,
    value: (f64, String),
}

/// One service's hour, as Prometheus summed it.
#[derive(Debug, Default, Clone, Copy)]
struct HourFigures {
    up: f64,
    samples: f64,
}

/// One raw sample: when (milliseconds) and whether it said up.
type Sample = (i64, bool);

#[async_trait]
impl Source for Prometheus {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let query = query_of(cx)?;
        let label = service_label_of(cx)?;
        let counted = format!("count by ({label}) (count_over_time({query}[1d]))");
        let found: Vec<InstantSample> = instant(cx, &counted, cx.now.timestamp()).await?;
        let mut names = Vec::new();
        let mut series = 0u64;
        let mut unlabelled = 0u64;
        for group in &found {
            let count = parse_value(&group.value.1).unwrap_or(0.0).max(0.0) as u64;
            series += count;
            match group.metric.get(label).filter(|v| !v.is_empty()) {
                Some(name) => names.push(text::shorten(&text::clean(name), 40)),
                None => unlabelled += count,
            }
        }
        if series == 0 {
            return Err(SourceError::invalid(format!(
                "{} answered, but {} had no samples in the last day. Check the query ({QUERY_HINT}).",
                host_of(&cx.config.base_url()),
                text::shorten(query, 80)
            )));
        }
        names.sort();
        let listed = match names.len() {
            0..=5 => names.join(", "),
            n => format!("{} and {} more", names[..5].join(", "), n - 5),
        };
        let left_out = if unlabelled > 0 {
            format!("; {unlabelled} series without that label are left out")
        } else {
            String::new()
        };
        Ok(format!(
            "Found {series} series, {} services by \"{label}\": {listed}{left_out}",
            names.len()
        ))
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        let query = query_of(cx)?;
        let label = service_label_of(cx)?;
        let cursor: Option<Cursor> = serde_json::from_value::<Cursor>(cx.cursor.clone())
            .ok()
            .filter(|c| c.query == query && c.service_label == label);

        // Hours are read on whole UTC hours, up to the last one that has settled. `from` is
        // the end of the hour before the first new one: it is asked for too, as a neighbour
        // (was there data just before?), and on an unchanged resync it is the only point
        // asked for, so that sync is one request that finds nothing new.
        let last_end = floor_to_hour(cx.now.timestamp() - SETTLE_SECONDS);
        let from = match &cursor {
            Some(cursor) => cursor.through,
            None => ceil_to_hour(cx.history_start().timestamp()),
        }
        .min(last_end);

        let hours = hourly_figures(cx, query, label, from, last_end).await?;

        // The scrape interval, as samples per full hour: the most any hour held (one missed
        // scrape in every hour of the history would go unnoticed). Prometheus does not keep
        // the interval with backfilled or remote-written data, so it is inferred, and kept in
        // the cursor for resyncs too short to hold a full hour.
        let mut samples_per_hour = cursor
            .as_ref()
            .map(|c| c.samples_per_hour.clone())
            .unwrap_or_default();
        for (service, figures) in &hours {
            let most = figures
                .values()
                .map(|f| f.samples.round() as u32)
                .max()
                .unwrap_or(0);
            let known = samples_per_hour.entry(service.clone()).or_default();
            *known = (*known).max(most);
        }

        let details =
            outage_details(cx, query, label, &hours, &samples_per_hour, from, last_end).await?;

        let mut data = Dataset::default();
        let mut coverage = Vec::new();
        for (name, figures) in &hours {
            let expected = samples_per_hour.get(name).copied().unwrap_or(0);
            let id = cx.id(name);
            let new_hours: Vec<i64> = figures
                .iter()
                .filter(|(end, f)| **end > from && f.samples >= 0.5)
                .map(|(end, _)| *end)
                .collect();
            // A first sync reports a service from its first hour with data, not from a year
            // ago: before that, the server simply has nothing for it.
            let start = match (&cursor, new_hours.first()) {
                (Some(_), _) => from,
                (None, Some(first)) => first - HOUR,
                (None, None) => continue,
            };
            if start >= last_end || expected == 0 {
                continue;
            }
            let (Some(start_at), Some(end_at)) = (at(start), at(last_end)) else {
                continue;
            };
            data.services.push(Service {
                id: id.clone(),
                source: cx.name.to_string(),
                external_id: name.clone(),
                name: text::title(name, name),
                friendly_name: None,
            });
            coverage.push(Coverage {
                service_id: id.clone(),
                start: start_at,
                end: end_at,
            });
            let has_data = |end: i64| figures.get(&end).is_some_and(|f| f.samples >= 0.5);
            for end in new_hours {
                let pieces = if details.hours.contains(&end) {
                    let samples = details.samples.get(name).and_then(|h| h.get(&end));
                    from_samples(samples.map_or(&[][..], Vec::as_slice), end, expected)
                } else {
                    let no_data_first = !has_data(end - HOUR) && has_data(end + HOUR);
                    from_figures(figures[&end], end, expected, no_data_first)
                };
                for (start, end, status) in pieces {
                    if let (Some(start), Some(end)) = (at(start), at(end)) {
                        data.intervals.push(Interval {
                            service_id: id.clone(),
                            start,
                            end,
                            status,
                        });
                    }
                }
            }
        }
        data.intervals = crate::merge::tidy(data.intervals);

        let next = Cursor {
            query: query.to_string(),
            service_label: label.to_string(),
            through: last_end,
            samples_per_hour,
        };
        Ok(Fetched {
            data,
            coverage,
            cursor: serde_json::to_value(next).unwrap_or_default(),
        })
    }
}

/// Per service, per hour end: the samples and the "up" samples, summed by Prometheus.
async fn hourly_figures(
    cx: &Context<'_>,
    query: &str,
    label: &str,
    from: i64,
    last_end: i64,
) -> Result<BTreeMap<String, BTreeMap<i64, HourFigures>>> {
    // Both figures in one query: `or` keeps both because label_replace tells them apart.
    let combined = format!(
        "label_replace(sum by ({label}) (sum_over_time({query}[{BUCKET_RANGE}])), \
         \"{FIGURE_LABEL}\", \"up\", \"\", \"\") or \
         label_replace(sum by ({label}) (count_over_time({query}[{BUCKET_RANGE}])), \
         \"{FIGURE_LABEL}\", \"samples\", \"\", \"\")"
    );
    let host = host_of(&cx.config.base_url());
    let mut hours: BTreeMap<String, BTreeMap<i64, HourFigures>> = BTreeMap::new();
    let mut unlabelled = false;
    let mut chunk_start = from;
    loop {
        let chunk_end = (chunk_start + (MAX_HOURS_PER_REQUEST - 1) * HOUR).min(last_end);
        cx.report(format!("hourly availability from {}", day(chunk_start)));
        let params = vec![
            ("query", combined.clone()),
            ("start", chunk_start.to_string()),
            ("end", chunk_end.to_string()),
            ("step", HOUR.to_string()),
        ];
        let series: Vec<RangeSeries> = api(cx, "query_range", params, "matrix").await?;
        for one in series {
            let Some(name) = one.metric.get(label).filter(|v| !v.is_empty()) else {
                unlabelled = true;
                continue;
            };
            let figure = one.metric.get(FIGURE_LABEL).map(String::as_str);
            for (at, value) in &one.values {
                let value = parse_value(value).filter(|v| v.is_finite()).unwrap_or(0.0);
                let slot = hours
                    .entry(name.clone())
                    .or_default()
                    .entry(at.round() as i64)
                    .or_default();
                match figure {
                    Some("up") => slot.up = value,
                    Some("samples") => slot.samples = value,
                    _ => return Err(SourceError::bad_response(&host, "a series of unknown kind")),
                }
            }
        }
        if chunk_end >= last_end {
            break;
        }
        chunk_start = chunk_end + HOUR;
    }
    if unlabelled {
        tracing::warn!(%host, label, "series without the service label are left out");
    }
    Ok(hours)
}

/// Raw samples for the hours with down time, and which hours they cover.
#[derive(Default)]
struct Details {
    /// Hour ends read sample by sample (for every service).
    hours: BTreeSet<i64>,
    /// Per service, per hour end, the samples in that hour.
    samples: HashMap<String, BTreeMap<i64, Vec<Sample>>>,
}

/// Reads the hours with down samples sample by sample, in windows of nearby hours.
async fn outage_details(
    cx: &Context<'_>,
    query: &str,
    label: &str,
    hours: &BTreeMap<String, BTreeMap<i64, HourFigures>>,
    samples_per_hour: &BTreeMap<String, u32>,
    from: i64,
    last_end: i64,
) -> Result<Details> {
    let with_outages: BTreeSet<i64> = hours
        .values()
        .flat_map(|figures| figures.iter())
        .filter(|(end, f)| **end > from && **end <= last_end && f.up.round() < f.samples.round())
        .map(|(end, _)| *end)
        .collect();
    // A window's raw points are its hours times the samples every service has per hour.
    let points_per_hour: i64 = hours
        .keys()
        .map(|name| i64::from(samples_per_hour.get(name).copied().unwrap_or(0)))
        .sum();
    let window_hours = (DETAIL_POINTS_BUDGET / points_per_hour.max(1)).min(DETAIL_MAX_HOURS);
    let mut details = Details::default();
    if with_outages.is_empty() {
        return Ok(details);
    }
    if window_hours == 0 {
        tracing::info!("too many series to read outages sample by sample; hourly totals only");
        return Ok(details);
    }
    let mut windows: Vec<(i64, i64)> = Vec::new();
    for end in with_outages {
        match windows.last_mut() {
            Some((first, last)) if end - *first < window_hours * HOUR => *last = end,
            _ => windows.push((end, end)),
        }
    }
    let skipped = windows.len().saturating_sub(MAX_DETAIL_REQUESTS);
    if skipped > 0 {
        tracing::info!(skipped, "older outages keep hourly totals only");
    }
    for (first, last) in windows.into_iter().skip(skipped) {
        cx.report(format!("outages on {}", day(first - HOUR)));
        let range_ms = (last - first + HOUR) * 1000 - 1;
        let raw: Vec<RangeSeries> = api(
            cx,
            "query",
            vec![
                ("query", format!("{query}[{range_ms}ms]")),
                ("time", last.to_string()),
            ],
            "matrix",
        )
        .await?;
        details
            .hours
            .extend((0..=(last - first) / HOUR).map(|k| first + k * HOUR));
        for one in raw {
            let Some(name) = one.metric.get(label).filter(|v| !v.is_empty()) else {
                continue;
            };
            let by_hour = details.samples.entry(name.clone()).or_default();
            for (at, value) in &one.values {
                let at_ms = (at * 1000.0).round() as i64;
                let up = parse_value(value).is_some_and(|v| v >= 0.5);
                // The hour whose (start, end] holds the sample.
                let end = (at_ms + HOUR * 1000 - 1).div_euclid(HOUR * 1000) * HOUR;
                by_hour.entry(end).or_default().push((at_ms, up));
            }
        }
    }
    Ok(details)
}

/// Where `k` of an hour's `expected` sample slots end, in seconds from its start: slots tile
/// the hour in whole seconds, even when the interval does not divide 3,600.
fn slot_boundary(k: i64, expected: i64) -> i64 {
    (2 * k * HOUR + expected) / (2 * expected)
}

/// An hour from its totals: up, then down, then no data (no data first when the data starts
/// within this hour after an empty one, as at the end of a gap).
fn from_figures(
    figures: HourFigures,
    end: i64,
    expected: u32,
    no_data_first: bool,
) -> Vec<(i64, i64, Status)> {
    let expected = i64::from(expected);
    let samples = (figures.samples.round() as i64).clamp(0, expected);
    let up = (figures.up.round() as i64).clamp(0, samples);
    let start = end - HOUR;
    let offset = if no_data_first {
        HOUR - slot_boundary(samples, expected)
    } else {
        0
    };
    let up_until = start + offset + slot_boundary(up, expected);
    let down_until = start + offset + slot_boundary(samples, expected);
    vec![
        (start + offset, up_until, Status::Up),
        (up_until, down_until, Status::Down),
    ]
}

/// An hour from its raw samples: each takes the slot its timestamp falls in (the scrape
/// interval ending at it), the next free one if a jittery scrape shares a slot, so totals
/// are whole slots and gaps stay where the samples are missing.
fn from_samples(samples: &[Sample], end: i64, expected: u32) -> Vec<(i64, i64, Status)> {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    let count = sorted.len() as i64;
    let slots = i64::from(expected).max(count);
    let start = end - HOUR;
    let mut previous: i64 = -1;
    let mut pieces = Vec::with_capacity(sorted.len());
    for (i, (at_ms, up)) in sorted.into_iter().enumerate() {
        let into_hour_ms = (at_ms - start * 1000).clamp(1, HOUR * 1000);
        let snapped = (into_hour_ms * slots + HOUR * 1000 - 1) / (HOUR * 1000) - 1;
        let remaining = count - i as i64;
        let slot = snapped.max(previous + 1).min(slots - remaining);
        previous = slot;
        let status = if up { Status::Up } else { Status::Down };
        pieces.push((
            start + slot_boundary(slot, slots),
            start + slot_boundary(slot + 1, slots),
            status,
        ));
    }
    pieces
}

/// Runs one API call and returns its `result`, which must be of `result_type`.
async fn api<T: DeserializeOwned>(
    cx: &Context<'_>,
    endpoint: &str,
    params: Vec<(&str, String)>,
    result_type: &str,
) -> Result<T> {
    let base = cx.config.base_url();
    let host = host_of(&base);
    let url = format!("{base}/api/v1/{endpoint}");
    let bearer = cx.token.map(|token| format!("Bearer {token}"));
    let auth = bearer
        .as_deref()
        .map_or(Auth::None, |value| Auth::Header("Authorization", value));
    let envelope: Envelope = cx
        .http
        .get_json(&url, &params, auth, &[])
        .await
        .map_err(explain_refusal)?;
    if envelope.status != "success" {
        return Err(envelope_error(&host, &envelope));
    }
    let data = envelope
        .data
        .ok_or_else(|| SourceError::bad_response(&host, "a success without data"))?;
    if data.result_type != result_type {
        return Err(SourceError::bad_response(
            &host,
            format!(
                "a {} where a {result_type} was expected",
                text::shorten(&data.result_type, 20)
            ),
        ));
    }
    serde_json::from_value(data.result).map_err(|e| {
        SourceError::bad_response(
            &host,
            format!("unexpected content: {}", text::shorten(&e.to_string(), 120)),
        )
    })
}

async fn instant<T: DeserializeOwned>(cx: &Context<'_>, query: &str, at: i64) -> Result<T> {
    api(
        cx,
        "query",
        vec![("query", query.to_string()), ("time", at.to_string())],
        "vector",
    )
    .await
}

/// The HTTP layer's message for a refused request (HTTP 400 or 422 quoting Prometheus's
/// `error`), with advice that fits Prometheus: a query it cannot parse or run is the query's
/// fault; the 11,000-point limit (which the hourly chunks stay under) is not.
fn explain_refusal(error: SourceError) -> SourceError {
    if error.kind != SourceErrorKind::Invalid {
        return error;
    }
    const GENERIC: &str = " Earlier data is kept; check this source's settings.";
    let said = error
        .message
        .strip_suffix(GENERIC)
        .unwrap_or(&error.message);
    let advice = if said.contains("points per timeseries") || said.contains("maximum resolution") {
        "Earlier data is kept; Unsung asked for more points than this server allows, so \
         sync a shorter history."
    } else {
        "Earlier data is kept; check the query (a 0/1 series such as probe_success or \
         up{job=\"node\"}) and the service label."
    };
    SourceError::invalid(format!("{said} {advice}"))
}

/// A `{"status":"error"}` envelope that came with a success code (as some proxies send it).
fn envelope_error(host: &str, envelope: &Envelope) -> SourceError {
    let kind = envelope.error_type.as_deref().unwrap_or("unknown");
    let said = text::shorten(
        &text::clean(envelope.error.as_deref().unwrap_or("no reason given")),
        160,
    );
    match kind {
        "bad_data" | "execution" => SourceError::invalid(format!(
            "{host} could not run the query ({kind}: {said}). Earlier data is kept; check \
             the query ({QUERY_HINT})."
        )),
        "timeout" | "canceled" | "unavailable" | "internal" => SourceError::new(
            SourceErrorKind::ServerError,
            format!(
                "{host} failed on its side ({kind}: {said}). Earlier data is kept; try again later."
            ),
        ),
        _ => SourceError::bad_response(
            host,
            format!("an error of kind {}: {said}", text::shorten(kind, 30)),
        ),
    }
}

fn query_of<'a>(cx: &'a Context<'_>) -> Result<&'a str> {
    cx.config
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .ok_or_else(|| {
            SourceError::invalid(format!("A prometheus source needs a query ({QUERY_HINT})"))
        })
}

/// The label naming services, checked before it goes into a query.
fn service_label_of<'a>(cx: &'a Context<'_>) -> Result<&'a str> {
    let label = cx
        .config
        .service_label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .unwrap_or(DEFAULT_SERVICE_LABEL);
    let mut chars = label.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !valid {
        return Err(SourceError::invalid(format!(
            "\"{}\" is not a Prometheus label name; give a service label such as instance or job",
            text::shorten(label, 40)
        )));
    }
    Ok(label)
}

/// A sample value as Prometheus writes it ("1", "0.5", "NaN", "+Inf").
fn parse_value(value: &str) -> Option<f64> {
    value.trim().parse().ok()
}

fn floor_to_hour(unix: i64) -> i64 {
    unix.div_euclid(HOUR) * HOUR
}

fn ceil_to_hour(unix: i64) -> i64 {
    floor_to_hour(unix + HOUR - 1)
}

fn at(unix: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(unix, 0)
}

fn day(unix: i64) -> String {
    at(unix).map_or_else(|| unix.to_string(), |t| t.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_tile_the_hour_even_when_the_interval_does_not_divide_it() {
        assert_eq!(slot_boundary(1, 60), 60);
        assert_eq!(slot_boundary(60, 60), 3600);
        assert_eq!(slot_boundary(52, 52), 3600);
        assert_eq!(slot_boundary(26, 52), 1800);
    }

    #[test]
    fn samples_take_the_slot_that_ends_at_their_time() {
        // Samples at 1 and 2 minutes past 10:00 (down, up), 2026-11-29.
        let end = 1_795_975_200;
        let start = end - HOUR;
        let pieces = from_samples(
            &[((start + 120) * 1000, true), ((start + 60) * 1000, false)],
            end,
            60,
        );
        assert_eq!(
            pieces,
            vec![
                (start, start + 60, Status::Down),
                (start + 60, start + 120, Status::Up)
            ]
        );
        // Jitter: two samples in one slot take neighbouring slots; no slot is used twice.
        let jittery = from_samples(
            &[
                ((start + 61) * 1000, true),
                ((start + 119) * 1000 + 999, true),
            ],
            end,
            60,
        );
        assert_eq!(jittery[0].0, start + 60);
        assert_eq!(jittery[1].0, start + 120);
    }

    #[test]
    fn an_hour_at_the_end_of_a_gap_has_its_no_data_first() {
        let figures = HourFigures {
            up: 10.0,
            samples: 20.0,
        };
        assert_eq!(
            from_figures(figures, HOUR, 60, true),
            vec![(2400, 3000, Status::Up), (3000, 3600, Status::Down)]
        );
        assert_eq!(
            from_figures(figures, HOUR, 60, false),
            vec![(0, 600, Status::Up), (600, 1200, Status::Down)]
        );
    }
}

//! Paging and windows: the one place that talks to PagerDuty's REST API v2, adds the headers,
//! reads classic pages, and splits time ranges into windows the API accepts.

use super::{ACCEPT, API};
use crate::connect::{self, Facts, Vendor};
use crate::{Result, text};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The largest page classic pagination serves.
const PAGE_SIZE: u64 = 100;
/// PagerDuty refuses `offset + limit` above this (HTTP 400, code 2002).
pub(super) const OFFSET_CAP: u64 = 10_000;
/// The API refuses `since`/`until` ranges longer than six months; 180 days stays inside that
/// whatever the months' lengths.
pub(super) const MAX_WINDOW: Duration = Duration::days(180);
/// A window this short that still holds more than the offset cap cannot be split usefully.
const MIN_WINDOW: Duration = Duration::minutes(1);

/// The API as this token sees it.
pub(super) type Api<'c, 'a> = connect::Api<'c, 'a, super::PagerDuty>;

impl Vendor for super::PagerDuty {
    const FACTS: Facts = Facts::new("PagerDuty", "a read-only API token", API, "Token token=");
}

impl Api<'_, '_> {
    pub(super) async fn get(&self, segments: &[&str], query: &[(&str, String)]) -> Result<Value> {
        let url = self.endpoint.url(segments);
        self.cx
            .http
            .get_json(
                url.as_str(),
                query,
                self.endpoint.auth(),
                &[("Accept", ACCEPT)],
            )
            .await
    }

    /// The `key` list of a classic page, with its `more` flag and `total` (when asked for).
    pub(super) fn page<T: DeserializeOwned>(
        &self,
        mut body: Value,
        key: &str,
    ) -> Result<(Vec<T>, bool, Option<u64>)> {
        let more = body.get("more").and_then(Value::as_bool).unwrap_or(false);
        let total = body.get("total").and_then(Value::as_u64);
        let items = body
            .get_mut(key)
            .filter(|items| items.is_array())
            .map(Value::take)
            .ok_or_else(|| self.bad(format!("no \"{key}\" list")))?;
        let items = serde_json::from_value(items)
            .map_err(|e| self.bad(format!("{key}: {}", text::shorten(&e.to_string(), 100))))?;
        Ok((items, more, total))
    }

    /// Every item of a classic-paged list that has no time filter.
    pub(super) async fn list_all<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        key: &str,
        extra: &[(&str, String)],
    ) -> Result<Vec<T>> {
        let mut items = Vec::new();
        let mut offset = 0;
        loop {
            let mut query = vec![
                ("limit", PAGE_SIZE.to_string()),
                ("offset", offset.to_string()),
            ];
            query.extend(extra.iter().cloned());
            let (page, more, _) = self.page::<T>(self.get(segments, &query).await?, key)?;
            items.extend(page);
            offset += PAGE_SIZE;
            // Past the cap the API answers 400; what was read is all it will give this way.
            if !more || offset + PAGE_SIZE > OFFSET_CAP {
                return Ok(items);
            }
        }
    }

    /// Every item created within `ranges`, read in windows short enough for the API and
    /// halved whenever one window holds more than paging can reach.
    pub(super) async fn list_windowed<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        what: &str,
        ranges: &[Window],
        extra: &[(&str, String)],
    ) -> Result<Vec<T>> {
        // A stack, latest window at the bottom, so windows are read oldest first.
        let mut todo: Vec<Window> = ranges
            .iter()
            .flat_map(|range| range.chunks(MAX_WINDOW))
            .collect();
        todo.reverse();
        let mut items = Vec::new();
        while let Some(window) = todo.pop() {
            self.cx
                .report(format!("{what} from {}", window.since.date_naive()));
            match self.read_window::<T>(path, key, window, extra).await? {
                Some(found) => items.extend(found),
                None if window.length() <= MIN_WINDOW => {
                    return Err(self.bad(format!(
                        "more than {OFFSET_CAP} {what} within one minute of {}",
                        window.since.to_rfc3339_opts(SecondsFormat::Secs, true)
                    )));
                }
                None => {
                    let (first, second) = window.halves();
                    todo.push(second);
                    todo.push(first);
                }
            }
        }
        Ok(items)
    }

    /// One window's items, or `None` when they are more than paging can reach.
    async fn read_window<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        window: Window,
        extra: &[(&str, String)],
    ) -> Result<Option<Vec<T>>> {
        let mut items = Vec::new();
        let mut offset = 0;
        loop {
            let mut query = vec![
                ("since", utc_text(window.since)),
                ("until", utc_text(window.until)),
                // Without it `since`/`until` are read in the account's time zone.
                ("time_zone", "UTC".to_string()),
                ("limit", PAGE_SIZE.to_string()),
                ("offset", offset.to_string()),
            ];
            if offset == 0 {
                // Counting is costly for PagerDuty, so only the first page asks.
                query.push(("total", "true".to_string()));
            }
            query.extend(extra.iter().cloned());
            let (page, more, total) = self.page::<T>(self.get(&[path], &query).await?, key)?;
            if offset == 0 && total.is_some_and(|total| total > OFFSET_CAP) {
                return Ok(None);
            }
            items.extend(page);
            if !more {
                return Ok(Some(items));
            }
            offset += PAGE_SIZE;
            // `total` may be missing; the cap is then found by paging up to it.
            if offset + PAGE_SIZE > OFFSET_CAP {
                return Ok(None);
            }
        }
    }
}

/// A span of creation times, `until` exclusive.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    pub(super) since: DateTime<Utc>,
    pub(super) until: DateTime<Utc>,
}

impl Window {
    fn length(self) -> Duration {
        self.until - self.since
    }

    fn chunks(self, longest: Duration) -> Vec<Window> {
        let mut chunks = Vec::new();
        let mut since = self.since;
        while since < self.until {
            let until = (since + longest).min(self.until);
            chunks.push(Window { since, until });
            since = until;
        }
        chunks
    }

    fn halves(self) -> (Window, Window) {
        let middle = self.since + self.length() / 2;
        (
            Window {
                since: self.since,
                until: middle,
            },
            Window {
                since: middle,
                until: self.until,
            },
        )
    }
}

fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_chunked_and_halved_without_gaps() {
        let since = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let window = Window {
            since,
            until: since + Duration::days(365),
        };
        let chunks = window.chunks(MAX_WINDOW);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].since, since);
        assert_eq!(chunks[2].until, window.until);
        assert!(chunks.windows(2).all(|pair| pair[0].until == pair[1].since));
        let (first, second) = chunks[0].halves();
        assert_eq!(
            (first.since, first.until, second.until),
            (since, second.since, chunks[0].until)
        );
    }
}

//! One HTTP client for every connector: timeouts, retries with backoff for 5xx and timeouts,
//! waiting out rate limits (PagerDuty's `ratelimit-reset`, `Retry-After`, UptimeRobot's and
//! GitHub's `X-RateLimit-Reset`, Statuspage's 420, incident.io's `retry_after` in the JSON body,
//! GitHub's `x-ratelimit-remaining: 0` on a 403 as on a 429) within a bounded budget, GETs and
//! form POSTs, conditional requests (`If-None-Match`, a 304 read as "unchanged") and `Link`
//! paging, a cap on body size, and a count of the requests made, which the tests and the bench
//! read.

use crate::{SourceError, SourceErrorKind};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// How patient the client is. The defaults suit a real API; tests shorten them.
#[derive(Debug, Clone)]
pub struct HttpLimits {
    /// For one request, from sending to the last byte.
    pub timeout: Duration,
    /// Larger answers are refused rather than read into memory.
    pub max_body_bytes: usize,
    /// Tries per request when the server fails (5xx), times out or cannot be reached.
    pub attempts: u32,
    /// The first wait between tries; it doubles each time.
    pub backoff: Duration,
    /// Rate limits: the longest wait the client accepts for one answer, and in all.
    pub max_wait: Duration,
    pub wait_budget: Duration,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            timeout: Duration::from_secs(30),
            max_body_bytes: 32 * 1024 * 1024,
            attempts: 4,
            backoff: Duration::from_millis(500),
            max_wait: Duration::from_secs(90),
            wait_budget: Duration::from_secs(300),
        }
    }
}

/// Query parameters or form fields, in order.
type Pairs<'a> = [(&'a str, String)];

/// How a request proves who is asking. The value is a secret: never printed or logged.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Header(&'static str, &'a str),
}

pub struct Http {
    client: reqwest::Client,
    limits: HttpLimits,
    requests: AtomicU64,
    waited: std::sync::Mutex<Duration>,
    /// A successful answer said no requests are left until then (`x-ratelimit-remaining: 0`):
    /// the next request waits rather than spend a refusal.
    paused_until: std::sync::Mutex<Option<SystemTime>>,
}

/// A successful answer with what paging and caching need: no body when the server said the
/// resource is unchanged since the tag sent (304), the tag to send next time, and the next
/// page's address from a `Link` header.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub body: Option<Vec<u8>>,
    pub etag: Option<String>,
    pub next: Option<String>,
}

impl Http {
    pub fn new(limits: HttpLimits) -> Http {
        // reqwest is built without a TLS provider of its own (the workspace chose ring).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(limits.timeout)
            .connect_timeout(limits.timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("Unsung/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the HTTP client's settings are valid");
        Http {
            client,
            limits,
            requests: AtomicU64::new(0),
            waited: std::sync::Mutex::new(Duration::ZERO),
            paused_until: std::sync::Mutex::new(None),
        }
    }

    /// Requests sent so far, retries included.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// GETs `url` with `query` and reads the JSON answer as `T`.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        url: &str,
        query: &[(&str, String)],
        auth: Auth<'_>,
        headers: &[(&str, &str)],
    ) -> crate::Result<T> {
        let body = self.get(url, query, auth, headers).await?;
        parse_json(url, &body)
    }

    /// POSTs `form` (`application/x-www-form-urlencoded`, as UptimeRobot's v2 API takes its
    /// key and parameters) to `url` and reads the JSON answer as `T`. The form may carry a
    /// key: like a header, it is never logged or put in a message.
    pub async fn post_form_json<T: DeserializeOwned>(
        &self,
        url: &str,
        form: &[(&str, String)],
        headers: &[(&str, &str)],
    ) -> crate::Result<T> {
        let answer = self
            .send(Method::POST, url, (&[], Some(form)), Auth::None, headers)
            .await?;
        parse_json(url, &answer.body.unwrap_or_default())
    }

    /// GETs `url` and returns the body of a successful answer.
    pub async fn get(
        &self,
        url: &str,
        query: &[(&str, String)],
        auth: Auth<'_>,
        headers: &[(&str, &str)],
    ) -> crate::Result<Vec<u8>> {
        let answer = self.get_answer(url, query, auth, headers).await?;
        answer
            .body
            .ok_or_else(|| SourceError::bad_response(&host_of(url), "\"not modified\" unasked"))
    }

    /// GETs `url` (with `If-None-Match` among `headers` for a conditional request) and returns
    /// the body, or none for a 304, with the answer's tag and next page.
    pub async fn get_answer(
        &self,
        url: &str,
        query: &[(&str, String)],
        auth: Auth<'_>,
        headers: &[(&str, &str)],
    ) -> crate::Result<Answer> {
        self.send(Method::GET, url, (query, None), auth, headers)
            .await
    }

    /// Sends one request (again after a failure or a rate limit) and returns a successful
    /// answer.
    async fn send(
        &self,
        method: Method,
        url: &str,
        (query, form): (&Pairs<'_>, Option<&Pairs<'_>>),
        auth: Auth<'_>,
        headers: &[(&str, &str)],
    ) -> crate::Result<Answer> {
        let host = host_of(url);
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.wait_while_paused(&host).await?;
            let mut request = self.client.request(method.clone(), url).query(query);
            if let Some(form) = form {
                let body = url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
                    .finish();
                request = request
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .body(body);
            }
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            if let Auth::Header(name, value) = auth {
                request = request.header(name, value);
            }
            self.requests.fetch_add(1, Ordering::Relaxed);
            let failure = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    if status.is_success() || status == StatusCode::NOT_MODIFIED {
                        self.note_remaining(&response);
                        let header = |name: &str| {
                            response
                                .headers()
                                .get(name)
                                .and_then(|v| v.to_str().ok())
                                .map(str::to_string)
                        };
                        let etag = header("etag");
                        let next = header("link").and_then(|link| next_link(&link));
                        let body = if status == StatusCode::NOT_MODIFIED {
                            None
                        } else {
                            Some(self.read_body(response, &host).await?)
                        };
                        return Ok(Answer { body, etag, next });
                    }
                    if status == StatusCode::TOO_MANY_REQUESTS
                        || status.as_u16() == 420
                        || (status == StatusCode::FORBIDDEN && says_rate_limited(&response))
                    {
                        let wait = match rate_limit_wait(&response) {
                            Some(wait) => wait,
                            // No header: incident.io says when in the JSON body instead.
                            None => {
                                let body =
                                    self.read_body(response, &host).await.unwrap_or_default();
                                body_retry_after(&body).unwrap_or(self.backoff(attempt))
                            }
                        };
                        self.wait_out_rate_limit(&host, wait).await?;
                        attempt = 0;
                        continue;
                    }
                    if status.is_server_error() {
                        SourceError::new(
                            SourceErrorKind::ServerError,
                            format!(
                                "{host} kept failing on its side (HTTP {}). Earlier data is kept; \
                                 try again later.",
                                status.as_u16()
                            ),
                        )
                    } else {
                        let body = self.read_body(response, &host).await.unwrap_or_default();
                        return Err(refusal(&host, status, &body));
                    }
                }
                Err(error) if error.is_timeout() => SourceError::new(
                    SourceErrorKind::Timeout,
                    format!(
                        "{host} did not answer within {} s. Earlier data is kept; try again later.",
                        self.limits.timeout.as_secs().max(1)
                    ),
                ),
                Err(error) if error.is_connect() || error.is_request() => SourceError::new(
                    SourceErrorKind::Unreachable,
                    format!(
                        "Could not reach {host}: the network may be down or the address wrong. \
                         Earlier data is kept; check the connection and the address, then sync again."
                    ),
                ),
                Err(error) => SourceError::bad_response(&host, error_chain(&error)),
            };
            if attempt >= self.limits.attempts {
                return Err(failure);
            }
            tracing::debug!(%host, attempt, "retrying after: {}", failure.message);
            tokio::time::sleep(self.backoff(attempt)).await;
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        self.limits.backoff * 2u32.saturating_pow(attempt.saturating_sub(1).min(10))
    }

    async fn wait_out_rate_limit(&self, host: &str, wait: Duration) -> crate::Result<()> {
        let limited = |why: String| {
            SourceError::new(
                SourceErrorKind::RateLimited,
                format!(
                    "{host} is limiting how often Unsung may ask ({why}). Earlier data is kept; \
                     sync again in a few minutes."
                ),
            )
        };
        if wait > self.limits.max_wait {
            return Err(limited(format!("it asked to wait {} s", wait.as_secs())));
        }
        {
            let mut waited = self.waited.lock().expect("not poisoned");
            if *waited + wait > self.limits.wait_budget {
                return Err(limited("still busy after waiting".into()));
            }
            *waited += wait;
        }
        tracing::debug!(%host, ?wait, "rate limited; waiting");
        tokio::time::sleep(wait).await;
        Ok(())
    }

    /// Remembers an answer saying no requests are left, so the next one waits for the reset.
    fn note_remaining(&self, response: &reqwest::Response) {
        let remaining = response
            .headers()
            .get("x-ratelimit-remaining")
            .and_then(|v| v.to_str().ok())
            .map(str::trim);
        if remaining == Some("0")
            && let Some(wait) = rate_limit_wait(response)
        {
            *self.paused_until.lock().expect("not poisoned") = Some(SystemTime::now() + wait);
        }
    }

    async fn wait_while_paused(&self, host: &str) -> crate::Result<()> {
        let until = self.paused_until.lock().expect("not poisoned").take();
        if let Some(wait) = until.and_then(|at| at.duration_since(SystemTime::now()).ok()) {
            self.wait_out_rate_limit(host, wait).await?;
        }
        Ok(())
    }

    async fn read_body(
        &self,
        mut response: reqwest::Response,
        host: &str,
    ) -> crate::Result<Vec<u8>> {
        let limit = self.limits.max_body_bytes;
        let too_large = || {
            SourceError::bad_response(
                host,
                format!("the answer was larger than {} MB", limit / (1024 * 1024)),
            )
        };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(too_large());
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(error) if error.is_timeout() => {
                    return Err(SourceError::new(
                        SourceErrorKind::Timeout,
                        format!(
                            "{host} stopped sending halfway. Earlier data is kept; try again later."
                        ),
                    ));
                }
                Err(_) => return Err(SourceError::bad_response(host, "the answer was cut off")),
            }
        }
    }
}

/// Reads the JSON answer `body` from `url` as `T`; a cut-off or unexpected answer is a bad
/// response from that host.
pub fn parse_json<T: DeserializeOwned>(url: &str, body: &[u8]) -> crate::Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        let what = if e.is_eof() {
            "the answer was cut off".to_string()
        } else {
            format!(
                "unexpected content: {}",
                crate::text::shorten(&e.to_string(), 120)
            )
        };
        SourceError::bad_response(&host_of(url), what)
    })
}

/// What a 4xx answer means for the person syncing.
fn refusal(host: &str, status: StatusCode, body: &[u8]) -> SourceError {
    match status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => SourceError::new(
            SourceErrorKind::Unauthorized,
            format!(
                "{host} refused the token (HTTP {}). Earlier data is kept; set a valid read-only \
                 token for this source, then sync again.",
                status.as_u16()
            ),
        ),
        StatusCode::NOT_FOUND => SourceError::new(
            SourceErrorKind::NotFound,
            format!(
                "{host} has nothing at that address (HTTP 404). Earlier data is kept; check the \
                 address (and the slug or page), then sync again."
            ),
        ),
        _ => {
            let said = api_error_text(body)
                .map(|text| {
                    format!(
                        ": {}",
                        crate::text::shorten(&crate::text::clean(&text), 160)
                    )
                })
                .unwrap_or_default();
            SourceError::new(
                SourceErrorKind::Invalid,
                format!(
                    "{host} refused the request (HTTP {}){said}. Earlier data is kept; check this \
                     source's settings.",
                    status.as_u16()
                ),
            )
        }
    }
}

/// The message in an API's JSON error (`{"error": "…"}`, `{"error": {"message": "…"}}`, or
/// Better Stack's `{"errors": "…"}` and `{"errors": ["…"]}`).
fn api_error_text(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let error = value.get("error").or_else(|| value.get("errors"))?;
    match error {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Array(list) => {
            let texts: Vec<&str> = list.iter().filter_map(|e| e.as_str()).collect();
            (!texts.is_empty()).then(|| texts.join("; "))
        }
        serde_json::Value::Object(map) => map
            .get("message")
            .and_then(|m| m.as_str())
            .map(str::to_string),
        _ => None,
    }
}

/// Whether a 403 is a rate limit rather than a refused token: GitHub answers its primary limit
/// with `x-ratelimit-remaining: 0` and its secondary limits with `Retry-After`.
fn says_rate_limited(response: &reqwest::Response) -> bool {
    let headers = response.headers();
    headers.contains_key("retry-after")
        || headers
            .get("x-ratelimit-remaining")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "0")
}

/// The `rel="next"` address of a `Link` header (`<https://…?page=2>; rel="next", <…>; rel="last"`).
pub fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let is_next = params.split(';').any(|param| {
            param
                .trim()
                .strip_prefix("rel=")
                .is_some_and(|rel| rel.trim_matches('"').split(' ').any(|r| r == "next"))
        });
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| target.to_string())
    })
}

/// How long an over-limit answer asks to wait: PagerDuty's `ratelimit-reset` (seconds),
/// `Retry-After` (seconds or an HTTP date), or `X-RateLimit-Reset` (epoch seconds, as GitHub
/// and UptimeRobot send it; a small number is read as seconds from now).
fn rate_limit_wait(response: &reqwest::Response) -> Option<Duration> {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    if let Some(seconds) = header("ratelimit-reset").and_then(|v| v.parse::<f64>().ok()) {
        return Some(Duration::from_secs_f64(seconds.clamp(0.0, 86_400.0)));
    }
    if let Some(wait) = header("retry-after").and_then(retry_after) {
        return Some(wait);
    }
    if let Some(reset) = header("x-ratelimit-reset").and_then(|v| v.parse::<f64>().ok()) {
        // Epoch seconds are past 2001 (1e9); anything smaller is a wait in seconds.
        let wait = if reset >= 1e9 {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .as_secs_f64();
            reset - now
        } else {
            reset
        };
        return Some(Duration::from_secs_f64(wait.clamp(0.0, 86_400.0)));
    }
    None
}

/// A `Retry-After` value: seconds, or an HTTP date (also with `UTC` for `GMT`, as incident.io
/// writes it).
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<f64>() {
        return Some(Duration::from_secs_f64(seconds.clamp(0.0, 86_400.0)));
    }
    let date = match value.strip_suffix(" UTC") {
        Some(rest) => format!("{rest} GMT"),
        None => value.to_string(),
    };
    let at = httpdate::parse_http_date(&date).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO)
            .min(Duration::from_secs(86_400)),
    )
}

/// How long an over-limit answer's JSON body asks to wait: `rate_limit.retry_after` (incident.io:
/// `{"rate_limit": {"retry_after": "Thu, 17 Apr 2025 11:17:18 UTC"}}`) or a top-level
/// `retry_after`, as seconds or an HTTP date.
fn body_retry_after(body: &[u8]) -> Option<Duration> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let said = value
        .get("rate_limit")
        .and_then(|limit| limit.get("retry_after"))
        .or_else(|| value.get("retry_after"))?;
    match said {
        serde_json::Value::String(text) => retry_after(text),
        serde_json::Value::Number(seconds) => retry_after(&seconds.to_string()),
        _ => None,
    }
}

/// `host:port` of a URL, for messages (never its path or query, which may carry a key).
pub fn host_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) => match (parsed.host_str(), parsed.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_string(),
            _ => "the source".into(),
        },
        Err(_) => "the source".into(),
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    crate::text::shorten(&text, 160)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_after_in_the_body_is_read_as_seconds_or_a_date() {
        assert_eq!(
            body_retry_after(
                br#"{"rate_limit": {"limit": 1200, "remaining": 0, "retry_after": 2}}"#
            ),
            Some(Duration::from_secs(2))
        );
        // A date already past means "now"; incident.io writes `UTC` where HTTP says `GMT`.
        assert_eq!(
            body_retry_after(
                br#"{"rate_limit": {"retry_after": "Thu, 17 Apr 2025 11:17:18 UTC"}}"#
            ),
            Some(Duration::ZERO)
        );
        let soon = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(30));
        let body = format!(r#"{{"retry_after": "{}"}}"#, soon.replace("GMT", "UTC"));
        let wait = body_retry_after(body.as_bytes()).expect("a date");
        assert!(
            wait > Duration::from_secs(25) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        assert_eq!(body_retry_after(b"<html>slow down</html>"), None);
        assert_eq!(
            body_retry_after(br#"{"rate_limit": {"retry_after": "soon"}}"#),
            None
        );
    }

    #[test]
    fn the_next_page_is_read_from_a_link_header() {
        let link = "<https://api.github.com/repositories/1/releases?per_page=100&page=2>; rel=\"next\", \
                    <https://api.github.com/repositories/1/releases?per_page=100&page=5>; rel=\"last\"";
        assert_eq!(
            next_link(link).as_deref(),
            Some("https://api.github.com/repositories/1/releases?per_page=100&page=2")
        );
        let last_page = "<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=1>; rel=\"first\"";
        assert_eq!(next_link(last_page), None);
        assert_eq!(next_link("garbage"), None);
    }
}

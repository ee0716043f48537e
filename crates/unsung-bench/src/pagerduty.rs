//! A PagerDuty account of any size served on 127.0.0.1, for the first-sync bench: every
//! incident and log entry is made from its number when a page asks for it, so the server
//! holds no account in memory and 100,000 incidents cost it no more than 10,000. It answers
//! the REST API v2 shapes the connector reads (crates/unsung-sources/src/pagerduty), with
//! classic paging: `limit` up to 100, `offset + limit` refused past 10,000 (code 2002) and
//! `total` only when asked, `since`/`until` windows of creation times, and `/log_entries`.
//!
//! A plain HTTP/1.1 responder on a Tokio listener (keep-alive, GET only, no body read): the
//! workspace's wiremock would keep every request and answer from fixed bodies.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Services incidents are spread over.
pub const SERVICES: u64 = 50;
const OFFSET_CAP: u64 = 10_000;
const PEOPLE: [&str; 6] = ["Ana", "Ben", "Chloe", "Dev", "Eli", "Fay"];

/// What each incident's log holds, after its creation: acknowledged, a note, resolved.
const ENTRIES: [(&str, i64); 3] = [
    ("acknowledge_log_entry", 5 * 60),
    ("annotate_log_entry", 20 * 60),
    ("resolve_log_entry", 30 * 60),
];

/// `incidents` created evenly over `[from, until)`, all resolved 30 minutes later.
#[derive(Debug, Clone, Copy)]
pub struct Account {
    pub incidents: u64,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Account {
    fn created(&self, n: u64) -> DateTime<Utc> {
        let span = (self.until - self.from).num_seconds() as u128;
        self.from + Duration::seconds((span * n as u128 / self.incidents as u128) as i64)
    }

    /// The first incident created at or after `at`, shifted by `lag` seconds (entries come
    /// `lag` after their incident): binary search, as creation times only grow.
    fn first_at(&self, at: DateTime<Utc>, lag: i64) -> u64 {
        let (mut lo, mut hi) = (0, self.incidents);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.created(mid) + Duration::seconds(lag) < at {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn incident(&self, n: u64) -> Value {
        let created = self.created(n);
        let resolved = created + Duration::minutes(30);
        let person = PEOPLE[(n % PEOPLE.len() as u64) as usize];
        let service = n % SERVICES;
        json!({
            "id": incident_id(n),
            "type": "incident",
            "summary": format!("[#{n}] Checkout returns errors on service {service}"),
            "self": format!("https://api.pagerduty.com/incidents/{}", incident_id(n)),
            "html_url": format!("https://bench.pagerduty.com/incidents/{}", incident_id(n)),
            "incident_number": n + 1,
            "title": format!("Checkout returns errors on service {service}"),
            "description": format!("Checkout returns errors on service {service}"),
            "created_at": utc(created),
            "updated_at": utc(resolved),
            "status": "resolved",
            "incident_key": format!("bench-{n}"),
            "resolved_at": utc(resolved),
            "last_status_change_at": utc(resolved),
            "last_status_change_by": user(person),
            "service": {"id": service_id(service), "type": "service_reference",
                        "summary": service_name(service)},
            "escalation_policy": {"id": "PEP1", "type": "escalation_policy_reference",
                                  "summary": "Engineering"},
            "teams": [{"id": "PT1", "type": "team_reference", "summary": "Engineering"}],
            "priority": null,
            "urgency": if n.is_multiple_of(3) { "high" } else { "low" },
            "assignments": [],
            "acknowledgements": [],
            "resolve_reason": null,
            "alert_counts": {"all": 1, "triggered": 0, "resolved": 1},
        })
    }

    /// Entry `n` of kind `k` (an index into [`ENTRIES`]).
    fn log_entry(&self, k: usize, n: u64) -> Value {
        let (kind, lag) = ENTRIES[k];
        let person = PEOPLE[(n % PEOPLE.len() as u64) as usize];
        let mut entry = json!({
            "id": format!("R{k}{n:08}"),
            "type": kind,
            "summary": format!("{kind} by {person}"),
            "created_at": utc(self.created(n) + Duration::seconds(lag)),
            "agent": user(person),
            "incident": {"id": incident_id(n), "type": "incident_reference"},
            "channel": {"type": "web_ui"},
        });
        if kind == "annotate_log_entry" {
            entry["channel"] = json!({"type": "note",
                "summary": "Rolled back the payment gateway's certificate; checkout works again."});
        }
        entry
    }
}

fn incident_id(n: u64) -> String {
    format!("Q{n:08}")
}

fn service_id(s: u64) -> String {
    format!("PS{s:04}")
}

fn service_name(s: u64) -> String {
    format!("Service {s}")
}

fn user(person: &str) -> Value {
    json!({"id": format!("PU{person}"), "type": "user_reference", "summary": person})
}

fn utc(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The query string's pairs, percent-decoded (`+` is a space).
fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut k = 0;
        while k < bytes.len() {
            match bytes[k] {
                b'%' if k + 2 < bytes.len() => {
                    let hex = std::str::from_utf8(&bytes[k + 1..k + 3]).unwrap_or("");
                    match u8::from_str_radix(hex, 16) {
                        Ok(byte) => {
                            out.push(byte);
                            k += 3;
                            continue;
                        }
                        Err(_) => out.push(b'%'),
                    }
                }
                b'+' => out.push(b' '),
                byte => out.push(byte),
            }
            k += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

/// One classic page of `len` items (`item(i)` the i-th), or PagerDuty's refusal.
fn page(
    key: &str,
    query: &[(String, String)],
    len: u64,
    item: impl Fn(u64) -> Value,
) -> (u16, Value) {
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let limit = get("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(25u64)
        .min(100);
    let offset = get("offset").and_then(|o| o.parse().ok()).unwrap_or(0u64);
    if offset + limit > OFFSET_CAP {
        let refused = json!({"error": {"message": "Invalid Input Provided", "code": 2002,
            "errors": ["Offset must be less than 10001."]}});
        return (400, refused);
    }
    let items: Vec<Value> = (offset..len.min(offset + limit)).map(item).collect();
    let total = if get("total") == Some("true") {
        json!(len)
    } else {
        Value::Null
    };
    (
        200,
        json!({key: items, "limit": limit, "offset": offset, "more": offset + limit < len,
               "total": total}),
    )
}

fn window(query: &[(String, String)], account: &Account) -> (DateTime<Utc>, DateTime<Utc>) {
    let time = |name: &str, default: DateTime<Utc>| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| DateTime::parse_from_rfc3339(v).ok())
            .map_or(default, |t| t.with_timezone(&Utc))
    };
    (
        time("since", account.from),
        time("until", account.until + Duration::days(1)),
    )
}

/// The answer to `GET path?query`.
fn answer(account: &Account, path: &str, query: &str) -> (u16, Value) {
    let query = query_pairs(query);
    match path {
        "/services" => page("services", &query, SERVICES, |s| {
            json!({"id": service_id(s), "type": "service", "name": service_name(s),
                   "summary": service_name(s), "status": "active"})
        }),
        "/incidents" => {
            let (since, until) = window(&query, account);
            let (first, end) = (account.first_at(since, 0), account.first_at(until, 0));
            page("incidents", &query, end - first, |i| {
                account.incident(first + i)
            })
        }
        "/log_entries" => {
            // Each kind's entries in the window are a run of incident numbers; the page is
            // read across the runs, one kind after another.
            let (since, until) = window(&query, account);
            let runs: Vec<(usize, u64, u64)> = ENTRIES
                .iter()
                .enumerate()
                .map(|(k, (_, lag))| {
                    (
                        k,
                        account.first_at(since, *lag),
                        account.first_at(until, *lag),
                    )
                })
                .collect();
            let len = runs.iter().map(|(_, a, b)| b - a).sum();
            page("log_entries", &query, len, |mut i| {
                for (k, first, end) in &runs {
                    if i < end - first {
                        return account.log_entry(*k, first + i);
                    }
                    i -= end - first;
                }
                Value::Null
            })
        }
        "/maintenance_windows" => page("maintenance_windows", &query, 0, |_| Value::Null),
        _ => (
            404,
            json!({"error": {"message": "Not Found", "code": 2100}}),
        ),
    }
}

/// The account, served until this is dropped; counts the requests it answered.
pub struct Server {
    pub url: String,
    requests: Arc<AtomicU64>,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts serving `account` on a free port of 127.0.0.1 (call within a Tokio runtime).
pub async fn serve(account: Account) -> std::io::Result<Server> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let requests = Arc::new(AtomicU64::new(0));
    let counted = requests.clone();
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let counted = counted.clone();
            tokio::spawn(async move {
                let _ = connection(stream, account, &counted).await;
            });
        }
    });
    Ok(Server {
        url,
        requests,
        task,
    })
}

/// Answers requests on one connection until the client closes it.
async fn connection(
    stream: tokio::net::TcpStream,
    account: Account,
    requests: &AtomicU64,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut line = String::new();
    loop {
        line.clear();
        if read.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        // The headers: nothing in them changes the answer.
        let mut header = String::new();
        loop {
            header.clear();
            if read.read_line(&mut header).await? == 0 || header.trim().is_empty() {
                break;
            }
        }
        requests.fetch_add(1, Ordering::SeqCst);
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let (status, body) = answer(&account, path, query);
        let body = serde_json::to_vec(&body).unwrap_or_default();
        let reason = if status == 200 { "OK" } else { "Error" };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n",
            body.len()
        );
        write.write_all(head.as_bytes()).await?;
        write.write_all(&body).await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn account() -> Account {
        Account {
            incidents: 1_000,
            from: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            until: Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap(),
        }
    }

    #[test]
    fn windows_split_the_account_without_gaps_and_pages_stop_at_the_cap() {
        let a = account();
        let mid = utc(a.from + Duration::days(10));
        let q = |since: &str, until: &str, offset: u64| {
            format!(
                "since={}&until={}&limit=100&offset={offset}&total=true",
                since.replace(':', "%3A"),
                until.replace(':', "%3A")
            )
        };
        let total = |q: &str| answer(&a, "/incidents", q).1["total"].as_u64().unwrap();
        let whole = total(&q(&utc(a.from), &utc(a.until), 0));
        let halves = total(&q(&utc(a.from), &mid, 0)) + total(&q(&mid, &utc(a.until), 0));
        assert_eq!((whole, halves), (1_000, 1_000));
        let (status, last) = answer(&a, "/incidents", &q(&utc(a.from), &utc(a.until), 900));
        assert_eq!((status, last["more"].as_bool()), (200, Some(false)));
        assert_eq!(last["incidents"].as_array().unwrap().len(), 100);
        assert_eq!(answer(&a, "/incidents", "offset=9950&limit=100").0, 400);
        let logs = answer(
            &a,
            "/log_entries",
            &q(&utc(a.from), "2030-01-01T00:00:00Z", 0),
        )
        .1;
        assert_eq!(logs["total"], 3_000);
        assert_eq!(query_pairs("include%5B%5D=channels")[0].0, "include[]");
    }
}

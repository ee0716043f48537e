//! Matrix, through the client-server API: `PUT /_matrix/client/v3/rooms/{room}/send/
//! m.room.message/{txnId}` with the note's id as the transaction id, so however often it is
//! sent the room shows it once. The body is plain text only (no `formatted_body`, so no HTML),
//! and an empty `m.mentions` so no `@room` or user in the text notifies anyone.

use super::{Answer, ChatNote, Outcome};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::json;
use std::time::Duration;

/// A path segment: everything but the unreserved characters percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

pub fn send_url(homeserver: &str, room: &str, txn_id: &str) -> String {
    format!(
        "{}/_matrix/client/v3/rooms/{}/send/m.room.message/{}",
        homeserver.trim_end_matches('/'),
        utf8_percent_encode(room, SEGMENT),
        utf8_percent_encode(txn_id, SEGMENT),
    )
}

pub fn body(note: &ChatNote) -> Vec<u8> {
    json!({
        "msgtype": "m.text",
        "body": format!("{}\n{}", note.headline, note.message),
        "m.mentions": {},
    })
    .to_string()
    .into_bytes()
}

/// Matrix errors are `{"errcode", "error"}`; `M_LIMIT_EXCEEDED` says when to come back
/// (`retry_after_ms`).
pub fn outcome(answer: &Answer) -> Outcome {
    let error: serde_json::Value = serde_json::from_str(answer.body).unwrap_or_default();
    let code = error.get("errcode").and_then(|c| c.as_str()).unwrap_or("");
    match answer.status {
        200..=299 => Outcome::Delivered,
        429 => Outcome::Later {
            after: error
                .get("retry_after_ms")
                .and_then(|ms| ms.as_u64())
                .map(Duration::from_millis)
                .or(answer.retry_after),
            reason: format!("rate limited ({code})"),
        },
        400..=499 => Outcome::Refused(format!(
            "{} {code}: {}",
            answer.status,
            error.get("error").and_then(|e| e.as_str()).unwrap_or("")
        )),
        _ => Outcome::Unknown(format!(
            "server error {} {}",
            answer.status,
            answer.short_body()
        )),
    }
}

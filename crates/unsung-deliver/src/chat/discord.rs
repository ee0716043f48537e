//! Discord webhooks: `{"content": …, "allowed_mentions": {"parse": []}}` (no `@everyone`,
//! `@here`, role or user mention pings, whatever the text says), Markdown escaped so masked
//! links and mentions show as typed, and `?wait=true` so a 200 confirms the message exists.

use super::escape::{cut_to, markdown_escaped};
use super::{Answer, ChatNote, Outcome};
use serde_json::json;
use std::time::Duration;

/// Discord's limit for `content`, in characters.
pub const MAX_CONTENT: usize = 2000;
const SPECIAL: &str = "\\`*_~|>#-[]()<:";

pub fn body(note: &ChatNote) -> Vec<u8> {
    let headline = markdown_escaped(&note.headline, SPECIAL);
    let room = MAX_CONTENT.saturating_sub(headline.chars().count() + 1);
    let message = cut_to(&markdown_escaped(&note.message, SPECIAL), room);
    json!({
        "content": format!("{headline}\n{message}"),
        "allowed_mentions": { "parse": [] },
    })
    .to_string()
    .into_bytes()
}

/// The webhook URL with `wait=true` added.
pub fn waiting_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            let others: Vec<(String, String)> = parsed
                .query_pairs()
                .filter(|(k, _)| k != "wait")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            parsed
                .query_pairs_mut()
                .clear()
                .extend_pairs(others)
                .append_pair("wait", "true");
            parsed.into()
        }
        Err(_) => url.to_string(),
    }
}

/// Discord's 429 says how long to wait in its JSON body (`retry_after`, seconds).
pub fn outcome(answer: &Answer) -> Outcome {
    if answer.status == 429 {
        let after = serde_json::from_str::<serde_json::Value>(answer.body)
            .ok()
            .and_then(|v| v.get("retry_after").and_then(|r| r.as_f64()))
            .map(Duration::from_secs_f64)
            .or(answer.retry_after);
        return Outcome::Later {
            after,
            reason: "rate limited".into(),
        };
    }
    answer.webhook()
}

//! Slack and Mattermost incoming webhooks: `{"text": …}`. Slack gets its control sequences
//! escaped and `mrkdwn` off; Mattermost (which reads Markdown, and turns Slack's `<!channel>`
//! into `@channel`) also gets Markdown escaped and `@` mentions defused.

use super::ChatNote;
use super::escape::{markdown_escaped, mentions_defused, slack_escaped};
use serde_json::json;

/// The Markdown characters Mattermost would act on (`&`, `<`, `>` are entities already).
const MATTERMOST_SPECIAL: &str = "\\`*_{}[]()#+-.!|~:";

pub fn slack_body(note: &ChatNote) -> Vec<u8> {
    let text = format!(
        "{}\n{}",
        slack_escaped(&note.headline),
        slack_escaped(&note.message)
    );
    json!({ "text": text, "mrkdwn": false })
        .to_string()
        .into_bytes()
}

pub fn mattermost_body(note: &ChatNote) -> Vec<u8> {
    let inert =
        |text: &str| mentions_defused(&markdown_escaped(&slack_escaped(text), MATTERMOST_SPECIAL));
    let text = format!("{}\n{}", inert(&note.headline), inert(&note.message));
    json!({ "text": text }).to_string().into_bytes()
}

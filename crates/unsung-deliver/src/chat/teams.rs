//! Microsoft Teams workflow webhooks ("Post to a channel when a webhook request is received"):
//! a message with one Adaptive Card whose TextBlocks hold the note, with the card's Markdown
//! subset escaped and its `{{DATE()}}` functions broken, so text shows as typed.

use super::ChatNote;
use super::escape::markdown_escaped;
use serde_json::json;

const SPECIAL: &str = "\\*_~[]()#>`-+!|";

fn inert(text: &str) -> String {
    markdown_escaped(text, SPECIAL).replace("{{", "{\u{2060}{")
}

pub fn body(note: &ChatNote) -> Vec<u8> {
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": [
                    { "type": "TextBlock", "text": inert(&note.headline), "weight": "Bolder", "wrap": true },
                    { "type": "TextBlock", "text": inert(&note.message), "wrap": true },
                ],
            },
        }],
    })
    .to_string()
    .into_bytes()
}

//! Thanking teammates: checking a note, giving it a time-ordered id, storing it, listing the wall.

use crate::dto::{NewThankYou, ThankYouView};
use crate::{App, AppError, Result};
use unsung_core::ThankYou;

pub const MAX_MESSAGE_CHARS: usize = 10_000;
pub const MAX_NAME_CHARS: usize = 100;

fn clean_name(name: &str, what: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid(format!(
            "{what} is missing; write a name"
        )));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(AppError::invalid(format!(
            "{what} is longer than {MAX_NAME_CHARS} characters; use a shorter name"
        )));
    }
    Ok(name.to_string())
}

impl App {
    /// Stores a note from `note.author` to `note.recipients`. The message is kept exactly as
    /// written; only surrounding blank space is trimmed from names.
    pub async fn post_thanks(&self, note: NewThankYou) -> Result<ThankYouView> {
        let author = clean_name(&note.author, "Who the note is from")?;
        let mut recipients = Vec::new();
        for name in &note.recipients {
            let name = clean_name(name, "A recipient's name")?;
            if !recipients.contains(&name) {
                recipients.push(name);
            }
        }
        if recipients.is_empty() {
            return Err(AppError::invalid(
                "Say who the note is for: add at least one name",
            ));
        }
        if recipients.iter().all(|r| r == &author) {
            return Err(AppError::invalid(
                "A thank-you goes to someone else: add a teammate's name",
            ));
        }
        if note.message.trim().is_empty() {
            return Err(AppError::invalid(
                "The message is empty: write what you are thankful for",
            ));
        }
        if note.message.chars().count() > MAX_MESSAGE_CHARS {
            return Err(AppError::invalid(format!(
                "The message is longer than {MAX_MESSAGE_CHARS} characters; shorten it"
            )));
        }
        let stored = ThankYou {
            id: uuid::Uuid::now_v7().to_string(),
            author,
            recipients,
            message: note.message,
            incident_id: note.incident_id.filter(|id| !id.trim().is_empty()),
            period_from: None,
            period_to: None,
            created_at: self.now(),
            is_demo: false,
        };
        self.store.insert_thanks(&stored).await?;
        Ok(stored.into())
    }

    /// The wall, newest first.
    pub async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYouView>> {
        let notes = self.store.list_thanks(limit.clamp(1, 10_000)).await?;
        Ok(notes.into_iter().map(ThankYouView::from).collect())
    }
}

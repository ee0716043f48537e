//! What the local database keeps about deliveries outside the team database: the people the
//! story is emailed to and the record that makes email at-most-once per person and period, and
//! the team chats with their outbox of thank-yous. Local only, so not part of the `Store` trait.

use super::SqliteStore;
use super::rows::seconds;
use crate::Result;
use crate::rows::Cell;
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// Someone the story is emailed to.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct MailRecipient {
    pub address: String,
    pub name: String,
    /// `en` or `es`.
    pub lang: String,
    pub show_names: bool,
    pub weekly: bool,
}

/// What is recorded for one person and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSend {
    pub address: String,
    pub period: String,
    /// `sending`, `sent` or `failed`.
    pub state: String,
    pub attempts: u32,
    pub message_id: String,
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(FromRow)]
struct MailSendRow {
    address: String,
    period: String,
    state: String,
    attempts: i64,
    message_id: String,
    last_error: Option<String>,
    updated_at: i64,
}

impl MailSendRow {
    fn into_send(self) -> Result<MailSend> {
        Ok(MailSend {
            address: self.address,
            period: self.period,
            state: self.state,
            attempts: self.attempts.clamp(0, u32::MAX as i64) as u32,
            message_id: self.message_id,
            last_error: self.last_error,
            updated_at: self.updated_at.read()?,
        })
    }
}

/// Which earlier records a claim may take over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    /// Sends that failed with nothing delivered.
    pub failed: bool,
    /// Sends whose outcome is not known (they may have arrived).
    pub unknown: bool,
}

/// A team chat thank-yous go to. Its webhook URL or token lives in the keychain.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ChatChannel {
    pub name: String,
    pub kind: String,
    pub homeserver: Option<String>,
    pub room: Option<String>,
    /// `en` or `es`.
    pub lang: String,
}

/// A note in a channel's outbox.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ChatDelivery {
    pub note_id: String,
    pub channel: String,
    pub headline: String,
    pub message: String,
    /// `waiting`, `delivered` or `refused`.
    pub state: String,
    pub attempts: i64,
    pub unknown_outcomes: i64,
    pub last_error: Option<String>,
}

const SEND_COLUMNS: &str = "address, period, state, attempts, message_id, last_error, updated_at";
const DELIVERY_COLUMNS: &str =
    "note_id, channel, headline, message, state, attempts, unknown_outcomes, last_error";

impl SqliteStore {
    /// Adds someone to tell, or changes the person with that address.
    pub async fn save_mail_recipient(
        &self,
        person: &MailRecipient,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO mail_recipients (address, name, lang, show_names, weekly, created_at) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (address) DO UPDATE SET name = excluded.name, \
             lang = excluded.lang, show_names = excluded.show_names, weekly = excluded.weekly",
        )
        .bind(&person.address)
        .bind(&person.name)
        .bind(&person.lang)
        .bind(person.show_names)
        .bind(person.weekly)
        .bind(seconds(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The people to tell, in the order they were added.
    pub async fn mail_recipients(&self) -> Result<Vec<MailRecipient>> {
        Ok(sqlx::query_as(
            "SELECT address, name, lang, show_names, weekly FROM mail_recipients \
             ORDER BY created_at, address",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// `false` if nobody has that address.
    pub async fn remove_mail_recipient(&self, address: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM mail_recipients WHERE address = ?")
            .bind(address)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Records, before anything is sent, that `address` is being sent `period`'s story as
    /// `message_id`. `true` if this call may send it: there was no record, or the earlier one is
    /// of a kind `retry` allows. In one statement, so two senders never both win.
    pub async fn claim_mail_send(
        &self,
        address: &str,
        period: &str,
        message_id: &str,
        retry: Retry,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO mail_sends (address, period, state, attempts, message_id, updated_at) \
             VALUES (?, ?, 'sending', 1, ?, ?) ON CONFLICT (address, period) DO UPDATE SET \
             state = 'sending', attempts = attempts + 1, message_id = excluded.message_id, \
             last_error = NULL, updated_at = excluded.updated_at \
             WHERE (mail_sends.state = 'failed' AND ?) OR (mail_sends.state = 'sending' AND ?)",
        )
        .bind(address)
        .bind(period)
        .bind(message_id)
        .bind(seconds(now))
        .bind(retry.failed)
        .bind(retry.unknown)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Records how a claimed send ended: `sent`, `failed` (nothing delivered) or, with an
    /// unknown outcome, `sending` kept with the error.
    pub async fn finish_mail_send(
        &self,
        address: &str,
        period: &str,
        state: &str,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE mail_sends SET state = ?, last_error = ?, updated_at = ? \
             WHERE address = ? AND period = ?",
        )
        .bind(state)
        .bind(error)
        .bind(seconds(now))
        .bind(address)
        .bind(period)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn mail_send(&self, address: &str, period: &str) -> Result<Option<MailSend>> {
        let row: Option<MailSendRow> = sqlx::query_as(&format!(
            "SELECT {SEND_COLUMNS} FROM mail_sends WHERE address = ? AND period = ?"
        ))
        .bind(address)
        .bind(period)
        .fetch_optional(&self.pool)
        .await?;
        row.map(MailSendRow::into_send).transpose()
    }

    /// Every record, newest first.
    pub async fn mail_sends(&self) -> Result<Vec<MailSend>> {
        let rows: Vec<MailSendRow> = sqlx::query_as(&format!(
            "SELECT {SEND_COLUMNS} FROM mail_sends ORDER BY updated_at DESC, address"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(MailSendRow::into_send).collect()
    }

    /// Adds a channel, or changes the one with that name.
    pub async fn save_chat_channel(&self, channel: &ChatChannel, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "INSERT INTO chat_channels (name, kind, homeserver, room, lang, created_at) \
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, \
             homeserver = excluded.homeserver, room = excluded.room, lang = excluded.lang",
        )
        .bind(&channel.name)
        .bind(&channel.kind)
        .bind(&channel.homeserver)
        .bind(&channel.room)
        .bind(&channel.lang)
        .bind(seconds(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn chat_channels(&self) -> Result<Vec<ChatChannel>> {
        Ok(sqlx::query_as(
            "SELECT name, kind, homeserver, room, lang FROM chat_channels ORDER BY created_at, name",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Removes a channel and its outbox; `false` if there was none by that name.
    pub async fn remove_chat_channel(&self, name: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM chat_channels WHERE name = ?")
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Puts a note in a channel's outbox. Queuing it again changes nothing.
    pub async fn queue_chat_note(
        &self,
        note_id: &str,
        channel: &str,
        headline: &str,
        message: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO chat_outbox (note_id, channel, headline, message, created_at) \
             VALUES (?, ?, ?, ?, ?) ON CONFLICT (note_id, channel) DO NOTHING",
        )
        .bind(note_id)
        .bind(channel)
        .bind(headline)
        .bind(message)
        .bind(seconds(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Notes waiting for a channel, oldest first.
    pub async fn waiting_chat(&self) -> Result<Vec<ChatDelivery>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM chat_outbox WHERE state = 'waiting' \
             ORDER BY created_at, note_id, channel"
        ))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every delivery of one note, or of all notes with `None`, oldest first.
    pub async fn chat_deliveries(&self, note_id: Option<&str>) -> Result<Vec<ChatDelivery>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM chat_outbox WHERE ? IS NULL OR note_id = ? \
             ORDER BY created_at, note_id, channel"
        ))
        .bind(note_id)
        .bind(note_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records one delivery attempt: its new `state`, whether its outcome was unknown, and
    /// what went wrong, if anything.
    pub async fn record_chat_attempt(
        &self,
        note_id: &str,
        channel: &str,
        state: &str,
        unknown: bool,
        error: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE chat_outbox SET state = ?, attempts = attempts + 1, \
             unknown_outcomes = unknown_outcomes + ?, last_error = ? \
             WHERE note_id = ? AND channel = ?",
        )
        .bind(state)
        .bind(unknown as i64)
        .bind(error)
        .bind(note_id)
        .bind(channel)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

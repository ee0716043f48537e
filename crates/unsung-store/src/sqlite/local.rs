//! What only the local database does: the outbox of notes waiting for the team database, the
//! cached copy of the team's notes and people, the demo's sample notes, settings, and an
//! integrity check.
//! None of this belongs on a team database, so it is not part of the `Store` trait.

use super::rows::{THANKS_COLUMNS, ThanksRow};
use super::{SqliteStore, insert_thanks};
use crate::Result;
use crate::columns::{Columns, bind_edit, bind_note};
use crate::rows::all;
use crate::shared::save_person;
use sqlx::{FromRow, Sqlite};
use unsung_core::{Person, ThankYou};

/// A note in the outbox: written while the team database was out of reach, or not yet sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub note: ThankYou,
    /// How many deliveries were tried and failed.
    pub attempts: u32,
    pub last_error: Option<String>,
    /// The team database refused it (it is not this teammate's to post); it is not retried.
    pub refused: bool,
}

#[derive(FromRow)]
struct WaitingRow {
    #[sqlx(flatten)]
    note: ThanksRow,
    attempts: i64,
    last_error: Option<String>,
    refused: bool,
}

impl WaitingRow {
    fn into_waiting(self) -> Result<Waiting> {
        Ok(Waiting {
            note: self.note.into_thanks()?,
            attempts: self.attempts.clamp(0, u32::MAX as i64) as u32,
            last_error: self.last_error,
            refused: self.refused,
        })
    }
}

/// The outbox's columns in `ThanksRow` order (an outbox note is never a sample).
const OUTBOX_COLUMNS: &str = "id, author, recipients, message, incident_id, period_from, period_to, created_at, edited_at, 0 AS is_demo, attempts, last_error, refused";

impl SqliteStore {
    /// Puts a note in the outbox. Queuing the same id again keeps the first.
    pub async fn queue_note(&self, note: &ThankYou) -> Result<()> {
        bind_note(
            sqlx::query(
                "INSERT INTO outbox (id, author, recipients, message, incident_id, period_from, \
             period_to, created_at, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (id) DO NOTHING",
            ),
            note,
        )?
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The outbox, oldest first (the order to deliver in).
    pub async fn waiting(&self) -> Result<Vec<Waiting>> {
        let rows: Vec<WaitingRow> = sqlx::query_as(&format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox ORDER BY created_at, id"
        ))
        .fetch_all(&self.pool)
        .await?;
        all(rows, WaitingRow::into_waiting)
    }

    pub async fn waiting_note(&self, id: &str) -> Result<Option<Waiting>> {
        let row: Option<WaitingRow> =
            sqlx::query_as(&format!("SELECT {OUTBOX_COLUMNS} FROM outbox WHERE id = ?"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(WaitingRow::into_waiting).transpose()
    }

    /// Records a failed delivery; a refused note is not tried again.
    pub async fn note_failed_delivery(&self, id: &str, error: &str, refused: bool) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, refused = ? WHERE id = ?",
        )
        .bind(error)
        .bind(refused)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Changes a waiting note of `note.author` (as `Store::update_thanks` does for stored ones).
    pub async fn update_waiting(&self, note: &ThankYou) -> Result<bool> {
        let done = bind_edit(
            sqlx::query(
                "UPDATE outbox SET recipients = ?, message = ?, incident_id = ?, period_from = ?, \
             period_to = ?, edited_at = ?, refused = 0 WHERE id = ? AND author = ?",
            ),
            note,
        )?
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Takes a waiting note of `author` out of the outbox; `false` if there is none.
    pub async fn unqueue(&self, id: &str, author: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM outbox WHERE id = ? AND author = ?")
            .bind(id)
            .bind(author)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// After the team database took `note`: keeps a copy of it and empties its outbox slot,
    /// together, so a crash leaves either the note waiting (and a retry is harmless) or done.
    pub async fn mark_delivered(&self, note: &ThankYou) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        upsert_team_note(&mut tx, note).await?;
        sqlx::query("DELETE FROM outbox WHERE id = ?")
            .bind(&note.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Keeps (or refreshes) a local copy of one of the team database's notes.
    pub async fn cache_team_note(&self, note: &ThankYou) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        upsert_team_note(&mut conn, note).await
    }

    /// Forgets the local copy of a team note (after it was deleted there).
    pub async fn uncache_team_note(&self, id: &str) -> Result<()> {
        sqlx::query("DELETE FROM thanks WHERE id = ? AND from_team = 1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Replaces the local copy of the team's notes with `notes`, all at once.
    pub async fn replace_team_notes(&self, notes: &[ThankYou]) -> Result<()> {
        self.copy_team_notes(notes, None).await
    }

    /// Makes the local copy of the team's newest notes `newest`, the team database's first
    /// `asked` notes, newest first (as its `list_thanks(asked)` gives them): team notes that sort
    /// among them and are not there were removed from the team database and go; older copies
    /// stay until the next whole refresh ([`Self::replace_team_notes`]). Fewer than `asked` means
    /// `newest` is every team note: the whole copy is replaced. Opening the wall costs the page
    /// it shows, not the team's whole history.
    pub async fn replace_newest_team_notes(&self, newest: &[ThankYou], asked: u32) -> Result<()> {
        let oldest = newest.last().filter(|_| newest.len() >= asked as usize);
        self.copy_team_notes(newest, oldest).await
    }

    /// In one transaction: removes the team notes from `oldest` on in the wall's order (all of
    /// them without one), then writes `notes`.
    async fn copy_team_notes(&self, notes: &[ThankYou], oldest: Option<&ThankYou>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let removed = match oldest {
            None => sqlx::query("DELETE FROM thanks WHERE from_team = 1"),
            Some(oldest) => sqlx::query(
                "DELETE FROM thanks WHERE from_team = 1 \
                 AND (created_at > ? OR (created_at = ? AND id >= ?))",
            )
            .bind(Sqlite::time(oldest.created_at))
            .bind(Sqlite::time(oldest.created_at))
            .bind(Sqlite::note_id(&oldest.id)?),
        };
        removed.execute(&mut *tx).await?;
        for note in notes {
            upsert_team_note(&mut tx, note).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// True if the note `id` here is a copy of a team database note.
    pub async fn is_team_note(&self, id: &str) -> Result<bool> {
        let found: Option<bool> = sqlx::query_scalar("SELECT from_team FROM thanks WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.unwrap_or(false))
    }

    /// Replaces the demo's sample notes with `notes` (all marked as samples).
    pub async fn replace_sample_notes(&self, notes: &[ThankYou]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM thanks WHERE is_demo = 1")
            .execute(&mut *tx)
            .await?;
        for note in notes {
            let sample = ThankYou {
                is_demo: true,
                ..note.clone()
            };
            insert_thanks(&mut tx, &sample, false).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Makes the local list of people the team database's `people`, with their other names,
    /// all at once. Which source first named each person is kept.
    pub async fn replace_people(&self, people: &[Person]) -> Result<()> {
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM people WHERE name NOT IN (SELECT value FROM json_each(?))")
            .bind(serde_json::to_string(&names).expect("names always serialise"))
            .execute(&mut *tx)
            .await?;
        for person in people {
            save_person::<sqlx::Sqlite>(&mut tx, person).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Sets a setting, or removes it with `None`.
    pub async fn set_setting(&self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(value) => {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES (?, ?) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await?
            }
            None => {
                sqlx::query("DELETE FROM settings WHERE key = ?")
                    .bind(key)
                    .execute(&self.pool)
                    .await?
            }
        };
        Ok(())
    }

    /// SQLite's own check of the file: `["ok"]` when it is sound.
    pub async fn integrity_check(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?)
    }
}

async fn upsert_team_note(conn: &mut sqlx::SqliteConnection, note: &ThankYou) -> Result<()> {
    bind_note(sqlx::query(&format!(
        "INSERT INTO thanks ({THANKS_COLUMNS}, from_team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1) \
         ON CONFLICT (id) DO UPDATE SET author = excluded.author, recipients = excluded.recipients, \
         message = excluded.message, incident_id = excluded.incident_id, \
         period_from = excluded.period_from, period_to = excluded.period_to, \
         created_at = excluded.created_at, edited_at = excluded.edited_at, from_team = 1"
    )), note)?
    .execute(conn)
    .await?;
    Ok(())
}

//! The SQLite store: the local default, one file in the platform data directory, WAL mode.
//! With a team database it is also the offline cache and the outbox (see `local.rs`).

mod deliveries;
mod first_open;
mod local;
pub(crate) mod rows;

pub use deliveries::{ChatChannel, ChatDelivery, MailRecipient, MailSend, Retry};
pub use local::Waiting;

use crate::SourceCounts;
use crate::columns::bind_note;
use crate::shared::Records;
use crate::{Result, SourceRecord, Store, StoreError, refuse_notes_in};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
pub(crate) use rows::THANKS_COLUMNS;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Sqlite, SqliteConnection, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use unsung_core::{Dataset, Incident, Interval, Person, Service, ThankYou};

pub struct SqliteStore {
    pool: SqlitePool,
    /// The queries it runs as the team database does (the same pool).
    records: Records<Sqlite>,
    /// A connection that only ever reads `PRAGMA data_version`: since it never writes, every
    /// commit (from the pool, or another process such as `unsung sync`) changes what it reads.
    watcher: tokio::sync::Mutex<SqliteConnection>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database at a `sqlite:` URL or a file path.
    pub async fn open(location: &str) -> Result<SqliteStore> {
        let open_error = |reason: String| StoreError::Open {
            location: location.to_string(),
            reason,
        };
        let options = if location.starts_with("sqlite:") {
            SqliteConnectOptions::from_str(location).map_err(|e| open_error(e.to_string()))?
        } else {
            SqliteConnectOptions::new().filename(location)
        };
        let file = options.get_filename().to_path_buf();
        if file != Path::new(":memory:")
            && let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|e| open_error(e.to_string()))?;
        }
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(30));
        let pool = first_open::open_migrated(&options, 4, open_error).await?;
        let watcher = SqliteConnection::connect_with(&options)
            .await
            .map_err(|e| open_error(e.to_string()))?;
        Ok(SqliteStore {
            records: Records { pool: pool.clone() },
            pool,
            watcher: tokio::sync::Mutex::new(watcher),
        })
    }

    /// A number that changes whenever anything is committed to the database, by this process
    /// or another: what was read at one value is still true while it stays the same.
    pub async fn data_version(&self) -> Result<i64> {
        let mut watcher = self.watcher.lock().await;
        Ok(sqlx::query_scalar("PRAGMA data_version")
            .fetch_one(&mut *watcher)
            .await?)
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn replace_source(&self, source: &SourceRecord, data: &Dataset) -> Result<()> {
        refuse_notes_in(data)?;
        self.records.replace_source(source, data).await
    }

    async fn source_data(&self, source: &str) -> Result<Dataset> {
        self.records.source_data(source).await
    }

    async fn save_source(&self, source: &SourceRecord) -> Result<()> {
        self.records.save_source(source).await
    }

    async fn source(&self, name: &str) -> Result<Option<SourceRecord>> {
        self.records.source(name).await
    }

    async fn remove_source(&self, source: &str) -> Result<bool> {
        self.records.remove_source(source).await
    }

    async fn sources(&self) -> Result<Vec<SourceRecord>> {
        self.records.sources().await
    }

    async fn source_counts(&self) -> Result<Vec<SourceCounts>> {
        self.records.source_counts().await
    }

    async fn services(&self) -> Result<Vec<Service>> {
        self.records.services().await
    }

    async fn intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Interval>> {
        self.records.intervals(from, to).await
    }

    async fn incidents_opened(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Incident>> {
        self.records.incidents_opened(from, to).await
    }

    async fn incident(&self, id: &str) -> Result<Option<Incident>> {
        self.records.incident(id).await
    }

    async fn last_major_incident_at(&self, before: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        self.records.last_major_incident_at(before).await
    }

    async fn changes_count(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u64> {
        self.records.changes_count(from, to).await
    }

    async fn people(&self) -> Result<Vec<Person>> {
        self.records.people().await
    }

    async fn save_person(&self, person: &Person) -> Result<()> {
        self.records.save_person(person).await
    }

    async fn remove_person(&self, name: &str) -> Result<bool> {
        self.records.remove_person(name).await
    }

    async fn author_name(&self) -> Result<Option<String>> {
        Ok(None)
    }

    async fn insert_thanks(&self, note: &ThankYou) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        insert_thanks(&mut conn, note, false).await
    }

    async fn thanks_by_id(&self, id: &str) -> Result<Option<ThankYou>> {
        self.records.thanks_by_id(id).await
    }

    async fn update_thanks(&self, note: &ThankYou) -> Result<bool> {
        self.records.update_thanks(note).await
    }

    async fn delete_thanks(&self, id: &str, author: &str) -> Result<bool> {
        self.records.delete_thanks(id, author).await
    }

    async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYou>> {
        self.records.list_thanks(limit).await
    }

    async fn thanks_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ThankYou>> {
        self.records.thanks_between(from, to).await
    }
}

/// Inserts a note unless one with its id exists; `from_team` marks a cached team note.
async fn insert_thanks(
    conn: &mut SqliteConnection,
    note: &ThankYou,
    from_team: bool,
) -> Result<()> {
    bind_note(sqlx::query(&format!(
        "INSERT INTO thanks ({THANKS_COLUMNS}, from_team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO NOTHING"
    )), note)?
    .bind(note.is_demo)
    .bind(from_team)
    .execute(conn)
    .await?;
    Ok(())
}

//! The SQLite store: the local default, one file in the platform data directory, WAL mode.
//! With a team database it is also the offline cache and the outbox (see `local.rs`).

mod deliveries;
mod first_open;
mod local;
pub(crate) mod rows;

pub use deliveries::{ChatChannel, ChatDelivery, MailRecipient, MailSend, Retry};
pub use local::Waiting;

use crate::columns::bind_note;
use crate::shared::{OnPool, Posting};
use crate::{Result, StoreError};
use async_trait::async_trait;
pub(crate) use rows::THANKS_COLUMNS;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, Sqlite, SqliteConnection, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use unsung_core::ThankYou;

pub struct SqliteStore {
    pool: SqlitePool,
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

impl OnPool for SqliteStore {
    type Db = Sqlite;

    fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

#[async_trait]
impl Posting for SqliteStore {
    async fn author_name(&self) -> Result<Option<String>> {
        Ok(None)
    }

    async fn insert_thanks(&self, note: &ThankYou) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        insert_thanks(&mut conn, note, false).await
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

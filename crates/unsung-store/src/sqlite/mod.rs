//! The SQLite store: the local default, one file in the platform data directory, WAL mode.
//! With a team database it is also the offline cache and the outbox (see `local.rs`).

mod deliveries;
mod first_open;
mod local;
mod rows;

pub use deliveries::{ChatChannel, ChatDelivery, MailRecipient, MailSend, Retry};
pub use local::Waiting;

use crate::SourceCounts;
use crate::columns::{
    bind_change, bind_edit, bind_incident, bind_interval, bind_note, bind_service, bind_source,
};
use crate::rows::{
    CHANGE_COLUMNS, CountsRow, INCIDENT_COLUMNS, SERVICE_COLUMNS, SOURCE_COLUMNS, ServiceRow, all,
    dataset, optional,
};
use crate::{Result, SourceRecord, Store, StoreError, refuse_notes_in};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rows::{
    ChangeRow, IncidentRow, IntervalRow, PersonRow, SourceRow, THANKS_COLUMNS, ThanksRow, seconds,
    to_json,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use unsung_core::{Dataset, Incident, Interval, Person, Service, ThankYou};

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

#[async_trait]
impl Store for SqliteStore {
    async fn replace_source(&self, source: &SourceRecord, data: &Dataset) -> Result<()> {
        refuse_notes_in(data)?;
        let mut tx = self.pool.begin().await?;
        // Services cascade to availability; incidents and changes are removed with the source.
        sqlx::query("DELETE FROM sources WHERE name = ?")
            .bind(&source.name)
            .execute(&mut *tx)
            .await?;
        let insert_source =
            format!("INSERT INTO sources ({SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?)");
        bind_source(sqlx::query(&insert_source), source)
            .execute(&mut *tx)
            .await?;
        let insert_service =
            format!("INSERT INTO services ({SERVICE_COLUMNS}) VALUES (?, ?, ?, ?, ?)");
        for service in &data.services {
            bind_service(sqlx::query(&insert_service), &source.name, service)
                .execute(&mut *tx)
                .await?;
        }
        for interval in &data.intervals {
            bind_interval(
                sqlx::query(
                    "INSERT INTO availability (service_id, start_at, end_at, status) VALUES (?, ?, ?, ?)",
                ),
                interval,
            )
            .execute(&mut *tx)
            .await?;
        }
        let insert_incident = format!(
            "INSERT INTO incidents ({INCIDENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        );
        for incident in &data.incidents {
            bind_incident(sqlx::query(&insert_incident), &source.name, incident)
                .execute(&mut *tx)
                .await?;
        }
        let insert_change =
            format!("INSERT INTO changes ({CHANGE_COLUMNS}) VALUES (?, ?, ?, ?, ?)");
        for change in &data.changes {
            bind_change(sqlx::query(&insert_change), &source.name, change)
                .execute(&mut *tx)
                .await?;
        }
        for person in &data.people {
            sqlx::query("INSERT INTO people (name, source) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET source = excluded.source")
                .bind(person)
                .bind(&source.name)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn source_data(&self, source: &str) -> Result<Dataset> {
        let services: Vec<ServiceRow> = sqlx::query_as(&format!(
            "SELECT {SERVICE_COLUMNS} FROM services WHERE source = ? ORDER BY rowid"
        ))
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let intervals: Vec<IntervalRow> = sqlx::query_as(
            "SELECT a.service_id, a.start_at, a.end_at, a.status FROM availability a \
             JOIN services s ON s.id = a.service_id WHERE s.source = ? ORDER BY a.service_id, a.start_at",
        )
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let incidents: Vec<IncidentRow> = sqlx::query_as(&format!(
            "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE source = ? ORDER BY opened_at, id"
        ))
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let changes: Vec<ChangeRow> = sqlx::query_as(&format!(
            "SELECT {CHANGE_COLUMNS} FROM changes WHERE source = ? ORDER BY at, id"
        ))
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let people: Vec<String> =
            sqlx::query_scalar("SELECT name FROM people WHERE source = ? ORDER BY name")
                .bind(source)
                .fetch_all(&self.pool)
                .await?;
        dataset(services, intervals, incidents, changes, people)
    }

    async fn save_source(&self, source: &SourceRecord) -> Result<()> {
        bind_source(
            sqlx::query(&format!(
                "INSERT INTO sources ({SOURCE_COLUMNS}) VALUES (?, ?, ?, ?, ?) \
                 ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url, \
                 settings = excluded.settings"
            )),
            source,
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn source(&self, name: &str) -> Result<Option<SourceRecord>> {
        let row: Option<SourceRow> = sqlx::query_as(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources WHERE name = ?"
        ))
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        row.map(SourceRow::into_source).transpose()
    }

    async fn remove_source(&self, source: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM sources WHERE name = ?")
            .bind(source)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn sources(&self) -> Result<Vec<SourceRecord>> {
        let rows: Vec<SourceRow> = sqlx::query_as(&format!(
            "SELECT {SOURCE_COLUMNS} FROM sources ORDER BY name"
        ))
        .fetch_all(&self.pool)
        .await?;
        all(rows, SourceRow::into_source)
    }

    async fn source_counts(&self) -> Result<Vec<SourceCounts>> {
        let rows: Vec<CountsRow> = sqlx::query_as(
            "SELECT s.name, \
             (SELECT COUNT(*) FROM services v WHERE v.source = s.name) AS services, \
             (SELECT COUNT(*) FROM incidents i WHERE i.source = s.name) AS incidents \
             FROM sources s ORDER BY s.name",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(CountsRow::into_counts).collect())
    }

    async fn services(&self) -> Result<Vec<Service>> {
        let rows: Vec<ServiceRow> = sqlx::query_as(&format!(
            "SELECT {SERVICE_COLUMNS} FROM services ORDER BY source, rowid"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(ServiceRow::into_service).collect())
    }

    async fn intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Interval>> {
        let rows: Vec<IntervalRow> = sqlx::query_as(
            "SELECT service_id, start_at, end_at, status FROM availability \
             WHERE end_at > ? AND start_at < ? ORDER BY service_id, start_at",
        )
        .bind(seconds(from))
        .bind(seconds(to))
        .fetch_all(&self.pool)
        .await?;
        all(rows, IntervalRow::into_interval)
    }

    async fn incidents_opened(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Incident>> {
        let rows: Vec<IncidentRow> = sqlx::query_as(&format!(
            "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, id"
        ))
        .bind(seconds(from))
        .bind(seconds(to))
        .fetch_all(&self.pool)
        .await?;
        all(rows, IncidentRow::into_incident)
    }

    async fn incident(&self, id: &str) -> Result<Option<Incident>> {
        let row: Option<IncidentRow> = sqlx::query_as(&format!(
            "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = ?"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(IncidentRow::into_incident).transpose()
    }

    async fn last_major_incident_at(&self, before: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        let latest: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(opened_at) FROM incidents \
             WHERE severity = 'major' AND disposition = 'counted' AND opened_at < ?",
        )
        .bind(seconds(before))
        .fetch_one(&self.pool)
        .await?;
        optional(latest)
    }

    async fn changes_count(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u64> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM changes WHERE at >= ? AND at < ?")
                .bind(seconds(from))
                .bind(seconds(to))
                .fetch_one(&self.pool)
                .await?;
        Ok(count.max(0) as u64)
    }

    async fn people(&self) -> Result<Vec<Person>> {
        let rows: Vec<PersonRow> = sqlx::query_as("SELECT name, aliases FROM people ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        all(rows, PersonRow::into_person)
    }

    async fn save_person(&self, person: &Person) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        save_person(&mut conn, person).await
    }

    async fn remove_person(&self, name: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM people WHERE name = ?")
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn author_name(&self) -> Result<Option<String>> {
        Ok(None)
    }

    async fn insert_thanks(&self, note: &ThankYou) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        insert_thanks(&mut conn, note, false).await
    }

    async fn thanks_by_id(&self, id: &str) -> Result<Option<ThankYou>> {
        let row: Option<ThanksRow> =
            sqlx::query_as(&format!("SELECT {THANKS_COLUMNS} FROM thanks WHERE id = ?"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(ThanksRow::into_thanks).transpose()
    }

    async fn update_thanks(&self, note: &ThankYou) -> Result<bool> {
        let done = bind_edit(
            sqlx::query(
                "UPDATE thanks SET recipients = ?, message = ?, incident_id = ?, period_from = ?, \
             period_to = ?, edited_at = ? WHERE id = ? AND author = ? AND is_demo = 0",
            ),
            note,
        )?
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn delete_thanks(&self, id: &str, author: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM thanks WHERE id = ? AND author = ? AND is_demo = 0")
            .bind(id)
            .bind(author)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYou>> {
        let rows: Vec<ThanksRow> = sqlx::query_as(&format!(
            "SELECT {THANKS_COLUMNS} FROM thanks ORDER BY created_at DESC, id DESC LIMIT ?"
        ))
        .bind(limit as i64)
        .fetch_all(&self.pool)
        .await?;
        all(rows, ThanksRow::into_thanks)
    }

    async fn thanks_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ThankYou>> {
        let rows: Vec<ThanksRow> = sqlx::query_as(&format!(
            "SELECT {THANKS_COLUMNS} FROM thanks WHERE created_at >= ? AND created_at < ? \
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(seconds(from))
        .bind(seconds(to))
        .fetch_all(&self.pool)
        .await?;
        all(rows, ThanksRow::into_thanks)
    }
}

/// Adds a person, or replaces the other names of the person with that name.
async fn save_person(conn: &mut SqliteConnection, person: &Person) -> Result<()> {
    sqlx::query(
        "INSERT INTO people (name, aliases) VALUES (?, ?) \
         ON CONFLICT (name) DO UPDATE SET aliases = excluded.aliases",
    )
    .bind(&person.name)
    .bind(to_json(&person.aliases))
    .execute(conn)
    .await?;
    Ok(())
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

//! The SQLite store: the local default, one file in the platform data directory, WAL mode.
//! With a team database it is also the offline cache and the outbox (see `local.rs`).

mod deliveries;
mod local;
mod rows;

pub use deliveries::{ChatChannel, ChatDelivery, MailRecipient, MailSend, Retry};
pub use local::Waiting;

use crate::{Result, SourceRecord, Store, StoreError, refuse_notes_in};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rows::{
    ChangeRow, IncidentRow, IntervalRow, PersonRow, ServiceRow, SourceRow, THANKS_COLUMNS,
    ThanksRow, bind_edit, bind_note, instant, seconds, to_json,
};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use unsung_core::{Dataset, Incident, Interval, Person, Service, ThankYou};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

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
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.clone())
            .await
            .map_err(|e| open_error(e.to_string()))?;
        MIGRATIONS.run(&pool).await?;
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
        sqlx::query(
            "INSERT INTO sources (name, kind, url, created_at, settings) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&source.name)
        .bind(&source.kind)
        .bind(&source.url)
        .bind(seconds(source.created_at))
        .bind(&source.settings)
        .execute(&mut *tx)
        .await?;
        for service in &data.services {
            sqlx::query(
                "INSERT INTO services (id, source, external_id, name, friendly_name) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(&service.id)
            .bind(&source.name)
            .bind(&service.external_id)
            .bind(&service.name)
            .bind(&service.friendly_name)
            .execute(&mut *tx)
            .await?;
        }
        for interval in &data.intervals {
            sqlx::query("INSERT INTO availability (service_id, start_at, end_at, status) VALUES (?, ?, ?, ?)")
                .bind(&interval.service_id)
                .bind(seconds(interval.start))
                .bind(seconds(interval.end))
                .bind(interval.status.as_str())
                .execute(&mut *tx)
                .await?;
        }
        for incident in &data.incidents {
            sqlx::query(
                "INSERT INTO incidents (id, source, external_id, service_id, title, severity, opened_at, \
                 acknowledged_at, resolved_at, resolved_by, responders, notes, disposition, link) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&incident.id)
            .bind(&source.name)
            .bind(&incident.external_id)
            .bind(&incident.service_id)
            .bind(&incident.title)
            .bind(incident.severity.as_str())
            .bind(seconds(incident.opened_at))
            .bind(incident.acknowledged_at.map(seconds))
            .bind(incident.resolved_at.map(seconds))
            .bind(&incident.resolved_by)
            .bind(to_json(&incident.responders))
            .bind(to_json(&incident.notes))
            .bind(incident.disposition.as_str())
            .bind(&incident.link)
            .execute(&mut *tx)
            .await?;
        }
        for change in &data.changes {
            sqlx::query(
                "INSERT INTO changes (id, source, service_id, at, summary) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(&change.id)
            .bind(&source.name)
            .bind(&change.service_id)
            .bind(seconds(change.at))
            .bind(&change.summary)
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
        let services: Vec<ServiceRow> = sqlx::query_as(
            "SELECT id, source, external_id, name, friendly_name FROM services WHERE source = ? ORDER BY rowid",
        )
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
            "SELECT {} FROM incidents WHERE source = ? ORDER BY opened_at, id",
            rows::INCIDENT_COLUMNS
        ))
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let changes: Vec<ChangeRow> = sqlx::query_as(
            "SELECT id, source, service_id, at, summary FROM changes WHERE source = ? ORDER BY at, id",
        )
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let people: Vec<String> =
            sqlx::query_scalar("SELECT name FROM people WHERE source = ? ORDER BY name")
                .bind(source)
                .fetch_all(&self.pool)
                .await?;
        Ok(Dataset {
            services: services.into_iter().map(ServiceRow::into_service).collect(),
            intervals: intervals
                .into_iter()
                .map(IntervalRow::into_interval)
                .collect::<Result<_>>()?,
            incidents: incidents
                .into_iter()
                .map(IncidentRow::into_incident)
                .collect::<Result<_>>()?,
            changes: changes
                .into_iter()
                .map(ChangeRow::into_change)
                .collect::<Result<_>>()?,
            thanks: Vec::new(),
            people,
        })
    }

    async fn save_source(&self, source: &SourceRecord) -> Result<()> {
        sqlx::query(
            "INSERT INTO sources (name, kind, url, created_at, settings) VALUES (?, ?, ?, ?, ?) \
             ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url, \
             settings = excluded.settings",
        )
        .bind(&source.name)
        .bind(&source.kind)
        .bind(&source.url)
        .bind(seconds(source.created_at))
        .bind(&source.settings)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn source(&self, name: &str) -> Result<Option<SourceRecord>> {
        let row: Option<SourceRow> = sqlx::query_as(&format!(
            "SELECT {} FROM sources WHERE name = ?",
            rows::SOURCE_COLUMNS
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
            "SELECT {} FROM sources ORDER BY name",
            rows::SOURCE_COLUMNS
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(SourceRow::into_source).collect()
    }

    async fn services(&self) -> Result<Vec<Service>> {
        let rows: Vec<ServiceRow> = sqlx::query_as(
            "SELECT id, source, external_id, name, friendly_name FROM services ORDER BY source, rowid",
        )
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
        rows.into_iter().map(IntervalRow::into_interval).collect()
    }

    async fn incidents_opened(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Incident>> {
        let rows: Vec<IncidentRow> = sqlx::query_as(&format!(
            "SELECT {} FROM incidents WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, id",
            rows::INCIDENT_COLUMNS
        ))
        .bind(seconds(from))
        .bind(seconds(to))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(IncidentRow::into_incident).collect()
    }

    async fn incident(&self, id: &str) -> Result<Option<Incident>> {
        let row: Option<IncidentRow> = sqlx::query_as(&format!(
            "SELECT {} FROM incidents WHERE id = ?",
            rows::INCIDENT_COLUMNS
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
        latest.map(instant).transpose()
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
        rows.into_iter().map(PersonRow::into_person).collect()
    }

    async fn save_person(&self, person: &Person) -> Result<()> {
        sqlx::query(
            "INSERT INTO people (name, aliases) VALUES (?, ?) \
             ON CONFLICT (name) DO UPDATE SET aliases = excluded.aliases",
        )
        .bind(&person.name)
        .bind(to_json(&person.aliases))
        .execute(&self.pool)
        .await?;
        Ok(())
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
        )
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
        rows.into_iter().map(ThanksRow::into_thanks).collect()
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
        rows.into_iter().map(ThanksRow::into_thanks).collect()
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
    )), note)
    .bind(note.is_demo)
    .bind(from_team)
    .execute(conn)
    .await?;
    Ok(())
}

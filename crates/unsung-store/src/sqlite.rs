//! The SQLite store: the local default, one file in the platform data directory, WAL mode.

use crate::{Result, SourceRecord, Store, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{FromRow, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;
use unsung_core::{Dataset, Disposition, Incident, Interval, Service, Severity, Status, ThankYou};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

pub struct SqliteStore {
    pool: SqlitePool,
}

fn seconds(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

fn instant(seconds: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("time {seconds} is out of range")))
}

fn json_list(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("list {text:?}: {e}")))
}

fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).expect("a list of strings always serialises")
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
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|e| open_error(e.to_string()))?;
        MIGRATIONS.run(&pool).await?;
        Ok(SqliteStore { pool })
    }
}

#[derive(FromRow)]
struct SourceRow {
    name: String,
    kind: String,
    url: Option<String>,
    created_at: i64,
}

#[derive(FromRow)]
struct ServiceRow {
    id: String,
    source: String,
    external_id: String,
    name: String,
    friendly_name: Option<String>,
}

#[derive(FromRow)]
struct IntervalRow {
    service_id: String,
    start_at: i64,
    end_at: i64,
    status: String,
}

#[derive(FromRow)]
struct IncidentRow {
    id: String,
    source: String,
    external_id: String,
    service_id: Option<String>,
    title: String,
    severity: String,
    opened_at: i64,
    acknowledged_at: Option<i64>,
    resolved_at: Option<i64>,
    resolved_by: Option<String>,
    responders: String,
    notes: String,
    disposition: String,
    link: Option<String>,
}

#[derive(FromRow)]
struct ThanksRow {
    id: String,
    author: String,
    recipients: String,
    message: String,
    incident_id: Option<String>,
    period_from: Option<i64>,
    period_to: Option<i64>,
    created_at: i64,
    is_demo: bool,
}

impl IncidentRow {
    fn into_incident(self) -> Result<Incident> {
        Ok(Incident {
            severity: Severity::parse(&self.severity)
                .ok_or_else(|| StoreError::Corrupt(format!("severity {:?}", self.severity)))?,
            disposition: Disposition::parse(&self.disposition).ok_or_else(|| {
                StoreError::Corrupt(format!("disposition {:?}", self.disposition))
            })?,
            opened_at: instant(self.opened_at)?,
            acknowledged_at: self.acknowledged_at.map(instant).transpose()?,
            resolved_at: self.resolved_at.map(instant).transpose()?,
            responders: json_list(&self.responders)?,
            notes: json_list(&self.notes)?,
            id: self.id,
            source: self.source,
            external_id: self.external_id,
            service_id: self.service_id,
            title: self.title,
            resolved_by: self.resolved_by,
            link: self.link,
        })
    }
}

impl ThanksRow {
    fn into_thanks(self) -> Result<ThankYou> {
        Ok(ThankYou {
            recipients: json_list(&self.recipients)?,
            period_from: self.period_from.map(instant).transpose()?,
            period_to: self.period_to.map(instant).transpose()?,
            created_at: instant(self.created_at)?,
            id: self.id,
            author: self.author,
            message: self.message,
            incident_id: self.incident_id,
            is_demo: self.is_demo,
        })
    }
}

const THANKS_COLUMNS: &str =
    "id, author, recipients, message, incident_id, period_from, period_to, created_at, is_demo";

#[async_trait]
impl Store for SqliteStore {
    async fn replace_source(&self, source: &SourceRecord, data: &Dataset) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        // Services cascade to availability; incidents and changes are removed with the source.
        sqlx::query("DELETE FROM sources WHERE name = ?")
            .bind(&source.name)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM thanks WHERE is_demo = 1 AND ? = 'demo'")
            .bind(&source.kind)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO sources (name, kind, url, created_at) VALUES (?, ?, ?, ?)")
            .bind(&source.name)
            .bind(&source.kind)
            .bind(&source.url)
            .bind(seconds(source.created_at))
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
        for note in &data.thanks {
            insert_thanks(&mut tx, note).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn sources(&self) -> Result<Vec<SourceRecord>> {
        let rows: Vec<SourceRow> =
            sqlx::query_as("SELECT name, kind, url, created_at FROM sources ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter()
            .map(|row| {
                Ok(SourceRecord {
                    created_at: instant(row.created_at)?,
                    name: row.name,
                    kind: row.kind,
                    url: row.url,
                })
            })
            .collect()
    }

    async fn services(&self) -> Result<Vec<Service>> {
        let rows: Vec<ServiceRow> = sqlx::query_as(
            "SELECT id, source, external_id, name, friendly_name FROM services ORDER BY rowid",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| Service {
                id: row.id,
                source: row.source,
                external_id: row.external_id,
                name: row.name,
                friendly_name: row.friendly_name,
            })
            .collect())
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
        rows.into_iter()
            .map(|row| {
                Ok(Interval {
                    status: Status::parse(&row.status)
                        .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", row.status)))?,
                    start: instant(row.start_at)?,
                    end: instant(row.end_at)?,
                    service_id: row.service_id,
                })
            })
            .collect()
    }

    async fn incidents_opened(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Incident>> {
        let rows: Vec<IncidentRow> = sqlx::query_as(
            "SELECT id, source, external_id, service_id, title, severity, opened_at, acknowledged_at, \
             resolved_at, resolved_by, responders, notes, disposition, link FROM incidents \
             WHERE opened_at >= ? AND opened_at < ? ORDER BY opened_at, id",
        )
        .bind(seconds(from))
        .bind(seconds(to))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(IncidentRow::into_incident).collect()
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

    async fn people(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT name FROM people ORDER BY name")
            .fetch_all(&self.pool)
            .await?)
    }

    async fn insert_thanks(&self, note: &ThankYou) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        insert_thanks(&mut conn, note).await
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

async fn insert_thanks(conn: &mut sqlx::SqliteConnection, note: &ThankYou) -> Result<()> {
    sqlx::query(&format!(
        "INSERT INTO thanks ({THANKS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
         ON CONFLICT (id) DO NOTHING"
    ))
    .bind(&note.id)
    .bind(&note.author)
    .bind(to_json(&note.recipients))
    .bind(&note.message)
    .bind(&note.incident_id)
    .bind(note.period_from.map(seconds))
    .bind(note.period_to.map(seconds))
    .bind(seconds(note.created_at))
    .bind(note.is_demo)
    .execute(conn)
    .await?;
    Ok(())
}

//! The PostgreSQL store: the team database. Each teammate connects as their own role; the
//! schema (migrations/postgres, applied by `team.rs` as the admin) enforces who wrote what with
//! row-level security, so this code never has to be trusted to check authorship.

mod team;

pub use team::{Member, TeamInit};

use crate::SourceCounts;
use crate::columns::bind_note;
use crate::rows::NOTE_COLUMNS;
use crate::shared::Records;
use crate::{Result, SourceRecord, Store, StoreError, redact_url, refuse_notes_in};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool, Postgres};
use std::str::FromStr;
use std::time::Duration;
use unsung_core::{Dataset, Incident, Interval, Person, Service, ThankYou};

/// The schema version this build reads and writes (`unsung.meta.schema_version`).
pub const SCHEMA_VERSION: i32 = 2;

/// How long to wait for the team database before treating it as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

pub struct PgStore {
    pool: PgPool,
    /// The queries it runs as the local database does (the same pool).
    records: Records<Postgres>,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

/// Connects a small pool; the password may come from the URL, `PGPASSWORD` or `~/.pgpass`.
pub(crate) async fn connect(url: &str, max_connections: u32) -> Result<PgPool> {
    let open_error = |reason: String| StoreError::Open {
        location: redact_url(url),
        reason,
    };
    let options = PgConnectOptions::from_str(url).map_err(|e| open_error(e.to_string()))?;
    let classify = |error: sqlx::Error| match StoreError::from(error) {
        StoreError::Query(error) => open_error(error.to_string()),
        other => other,
    };
    // One plain connection first: unlike the pool, it does not retry a refused connection
    // until its timeout, so an offline database is known at once.
    let probe = tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options))
        .await
        .map_err(|_| StoreError::Unreachable(format!("no answer within {CONNECT_TIMEOUT:?}")))?
        .map_err(classify)?;
    let _ = probe.close().await;
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(classify)
}

impl PgStore {
    /// Connects to a team database that `unsung team init` has set up, as the role in `url`.
    pub async fn open(url: &str) -> Result<PgStore> {
        let pool = connect(url, 4).await?;
        let version: Option<i32> =
            match sqlx::query_scalar("SELECT schema_version FROM unsung.meta")
                .fetch_optional(&pool)
                .await
            {
                Ok(version) => version,
                Err(sqlx::Error::Database(e))
                    if matches!(e.code().as_deref(), Some("42P01" | "3F000" | "42501")) =>
                {
                    return Err(StoreError::NotSetUp(format!(
                        "the team database at {} is not set up for this role ({}); ask its admin \
                         to run `unsung team init --admin-url URL --member ROLE`",
                        redact_url(url),
                        e.message()
                    )));
                }
                Err(e) => return Err(e.into()),
            };
        match version {
            Some(SCHEMA_VERSION) => Ok(PgStore {
                records: Records { pool: pool.clone() },
                pool,
            }),
            Some(newer) if newer > SCHEMA_VERSION => Err(StoreError::Unsupported(format!(
                "the team database was set up by a newer Unsung (schema {newer}); update Unsung"
            ))),
            _ => Err(StoreError::NotSetUp(
                "the team database's schema is out of date; ask its admin to run `unsung team init` again"
                    .into(),
            )),
        }
    }
}

#[async_trait]
impl Store for PgStore {
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
        Ok(sqlx::query_scalar("SELECT unsung.my_name()")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn insert_thanks(&self, note: &ThankYou) -> Result<()> {
        if note.is_demo {
            return Err(StoreError::Unsupported(
                "sample notes stay in the local database".into(),
            ));
        }
        bind_note(
            sqlx::query(&format!(
                "INSERT INTO unsung.thanks ({NOTE_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING"
            )),
            note,
        )?
        .execute(&self.pool)
        .await?;
        Ok(())
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

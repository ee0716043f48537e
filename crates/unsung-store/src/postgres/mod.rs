//! The PostgreSQL store: the team database. Each teammate connects as their own role; the
//! schema (migrations/postgres, applied by `team.rs` as the admin) enforces who wrote what with
//! row-level security, so this code never has to be trusted to check authorship.

mod rows;
mod team;

pub use team::{Member, TeamInit};

use crate::SourceCounts;
use crate::columns::{
    Columns, bind_change, bind_edit, bind_explanation, bind_incident, bind_interval, bind_note,
    bind_service, bind_source,
};
use crate::rows::{
    CHANGE_COLUMNS, CountsRow, EXPLANATION_COLUMNS, INCIDENT_COLUMNS, NAMED_SERVICE_COLUMNS,
    NOTE_COLUMNS, SERVICE_COLUMNS, ServiceRow, all, dataset,
};
use crate::{
    EXPLANATION_EDIT, Result, SourceRecord, Store, StoreError, redact_url, refuse_notes_in,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rows::{
    ChangeRow, ExplanationRow, IncidentRow, IntervalRow, PersonRow, SOURCE_COLUMNS, SourceRow,
    ThanksRow,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool, Postgres};
use std::str::FromStr;
use std::time::Duration;
use unsung_core::{Dataset, Explanation, Incident, Interval, Person, Service, ThankYou};

/// The schema version this build reads and writes (`unsung.meta.schema_version`).
pub const SCHEMA_VERSION: i32 = 3;

/// A new source; its settings are jsonb here.
const INSERT_SOURCE: &str = "INSERT INTO unsung.sources (name, kind, url, created_at, settings) \
     VALUES ($1, $2, $3, $4, $5::jsonb)";

/// Incidents with the explanation a person wrote, if any.
const INCIDENTS: &str =
    "unsung.incidents LEFT JOIN unsung.explanations ON explanations.incident_id = incidents.id";

/// How long to wait for the team database before treating it as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

pub struct PgStore {
    pool: PgPool,
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
            Some(SCHEMA_VERSION) => Ok(PgStore { pool }),
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
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM unsung.sources WHERE name = $1")
            .bind(&source.name)
            .execute(&mut *tx)
            .await?;
        bind_source(sqlx::query(INSERT_SOURCE), source)
            .execute(&mut *tx)
            .await?;
        let insert_service =
            format!("INSERT INTO unsung.services ({SERVICE_COLUMNS}) VALUES ($1, $2, $3, $4, $5)");
        for service in &data.services {
            bind_service(sqlx::query(&insert_service), &source.name, service)
                .execute(&mut *tx)
                .await?;
        }
        for interval in &data.intervals {
            bind_interval(
                sqlx::query(
                    "INSERT INTO unsung.availability (service_id, start_at, end_at, status) \
                     VALUES ($1, $2, $3, $4)",
                ),
                interval,
            )
            .execute(&mut *tx)
            .await?;
        }
        let insert_incident = format!(
            "INSERT INTO unsung.incidents ({INCIDENT_COLUMNS}) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
        );
        for incident in &data.incidents {
            bind_incident(sqlx::query(&insert_incident), &source.name, incident)
                .execute(&mut *tx)
                .await?;
        }
        let insert_change =
            format!("INSERT INTO unsung.changes ({CHANGE_COLUMNS}) VALUES ($1, $2, $3, $4, $5)");
        for change in &data.changes {
            bind_change(sqlx::query(&insert_change), &source.name, change)
                .execute(&mut *tx)
                .await?;
        }
        for person in &data.people {
            sqlx::query(
                "INSERT INTO unsung.people (name, source) VALUES ($1, $2) \
                 ON CONFLICT (name) DO UPDATE SET source = excluded.source",
            )
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
            "SELECT {SERVICE_COLUMNS} FROM unsung.services WHERE source = $1 ORDER BY position"
        ))
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let intervals: Vec<IntervalRow> = sqlx::query_as(
            "SELECT a.service_id, a.start_at, a.end_at, a.status FROM unsung.availability a \
             JOIN unsung.services s ON s.id = a.service_id WHERE s.source = $1 \
             ORDER BY a.service_id COLLATE \"C\", a.start_at",
        )
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let incidents: Vec<IncidentRow> = sqlx::query_as(&format!(
            "SELECT {INCIDENT_COLUMNS}, {EXPLANATION_COLUMNS} FROM {INCIDENTS} WHERE source = $1 \
             ORDER BY opened_at, id COLLATE \"C\""
        ))
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let changes: Vec<ChangeRow> = sqlx::query_as(&format!(
            "SELECT {CHANGE_COLUMNS} FROM unsung.changes WHERE source = $1 ORDER BY at, id COLLATE \"C\""
        ))
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        let people: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM unsung.people WHERE source = $1 ORDER BY name COLLATE \"C\"",
        )
        .bind(source)
        .fetch_all(&self.pool)
        .await?;
        dataset(services, intervals, incidents, changes, people)
    }

    async fn save_source(&self, source: &SourceRecord) -> Result<()> {
        bind_source(
            sqlx::query(&format!(
                "{INSERT_SOURCE} ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, \
                 url = excluded.url, settings = excluded.settings"
            )),
            source,
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn source(&self, name: &str) -> Result<Option<SourceRecord>> {
        let row: Option<SourceRow> = sqlx::query_as(&format!(
            "SELECT {SOURCE_COLUMNS} FROM unsung.sources WHERE name = $1"
        ))
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        row.map(SourceRow::into_source).transpose()
    }

    async fn remove_source(&self, source: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM unsung.sources WHERE name = $1")
            .bind(source)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn sources(&self) -> Result<Vec<SourceRecord>> {
        let rows: Vec<SourceRow> = sqlx::query_as(&format!(
            "SELECT {SOURCE_COLUMNS} FROM unsung.sources ORDER BY name COLLATE \"C\""
        ))
        .fetch_all(&self.pool)
        .await?;
        all(rows, SourceRow::into_source)
    }

    async fn source_counts(&self) -> Result<Vec<SourceCounts>> {
        let rows: Vec<CountsRow> = sqlx::query_as(
            "SELECT s.name, \
             (SELECT COUNT(*) FROM unsung.services v WHERE v.source = s.name) AS services, \
             (SELECT COUNT(*) FROM unsung.incidents i WHERE i.source = s.name) AS incidents \
             FROM unsung.sources s ORDER BY s.name COLLATE \"C\"",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(CountsRow::into_counts).collect())
    }

    async fn services(&self) -> Result<Vec<Service>> {
        let rows: Vec<ServiceRow> = sqlx::query_as(&format!(
            "SELECT {NAMED_SERVICE_COLUMNS} FROM unsung.services LEFT JOIN unsung.service_names \
             ON service_names.service_id = services.id \
             ORDER BY services.source COLLATE \"C\", services.position"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(ServiceRow::into_service).collect())
    }

    async fn intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Interval>> {
        let rows: Vec<IntervalRow> = sqlx::query_as(
            "SELECT service_id, start_at, end_at, status FROM unsung.availability \
             WHERE end_at > $1 AND start_at < $2 ORDER BY service_id COLLATE \"C\", start_at",
        )
        .bind(from)
        .bind(to)
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
            "SELECT {INCIDENT_COLUMNS}, {EXPLANATION_COLUMNS} FROM {INCIDENTS} \
             WHERE opened_at >= $1 AND opened_at < $2 \
             ORDER BY opened_at, id COLLATE \"C\""
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        all(rows, IncidentRow::into_incident)
    }

    async fn incident(&self, id: &str) -> Result<Option<Incident>> {
        let row: Option<IncidentRow> = sqlx::query_as(&format!(
            "SELECT {INCIDENT_COLUMNS}, {EXPLANATION_COLUMNS} FROM {INCIDENTS} WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(IncidentRow::into_incident).transpose()
    }

    async fn last_major_incident_at(&self, before: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        Ok(sqlx::query_scalar(
            "SELECT MAX(opened_at) FROM unsung.incidents WHERE severity = 'major' \
             AND disposition = 'counted' AND kind = 'problem' AND opened_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM unsung.explanations e \
             WHERE e.incident_id = incidents.id AND e.practice)",
        )
        .bind(before)
        .fetch_one(&self.pool)
        .await?)
    }

    async fn changes_count(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u64> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM unsung.changes WHERE at >= $1 AND at < $2")
                .bind(from)
                .bind(to)
                .fetch_one(&self.pool)
                .await?;
        Ok(count.max(0) as u64)
    }

    async fn people(&self) -> Result<Vec<Person>> {
        let rows: Vec<PersonRow> =
            sqlx::query_as("SELECT name, aliases FROM unsung.people ORDER BY name COLLATE \"C\"")
                .fetch_all(&self.pool)
                .await?;
        all(rows, PersonRow::into_person)
    }

    async fn save_person(&self, person: &Person) -> Result<()> {
        sqlx::query(
            "INSERT INTO unsung.people (name, aliases) VALUES ($1, $2) \
             ON CONFLICT (name) DO UPDATE SET aliases = excluded.aliases",
        )
        .bind(&person.name)
        .bind(&person.aliases)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn remove_person(&self, name: &str) -> Result<bool> {
        let done = sqlx::query("DELETE FROM unsung.people WHERE name = $1")
            .bind(name)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn author_name(&self) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT unsung.my_name()")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn save_explanation(&self, explanation: &Explanation) -> Result<()> {
        bind_explanation(
            sqlx::query(&format!(
                "INSERT INTO unsung.explanations ({EXPLANATION_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (incident_id) DO UPDATE SET {EXPLANATION_EDIT}"
            )),
            explanation,
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn explanations(&self) -> Result<Vec<Explanation>> {
        let rows: Vec<ExplanationRow> = sqlx::query_as(&format!(
            "SELECT {EXPLANATION_COLUMNS} FROM unsung.explanations ORDER BY incident_id COLLATE \"C\""
        ))
        .fetch_all(&self.pool)
        .await?;
        all(rows, ExplanationRow::into_explanation)
    }

    async fn set_service_name(&self, service_id: &str, friendly_name: Option<&str>) -> Result<()> {
        // Who set it, and when, the database records.
        match friendly_name {
            Some(name) => sqlx::query(
                "INSERT INTO unsung.service_names (service_id, friendly_name) VALUES ($1, $2) \
                 ON CONFLICT (service_id) DO UPDATE SET friendly_name = excluded.friendly_name",
            )
            .bind(service_id)
            .bind(name),
            None => sqlx::query("DELETE FROM unsung.service_names WHERE service_id = $1")
                .bind(service_id),
        }
        .execute(&self.pool)
        .await?;
        Ok(())
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
        let Ok(id) = Postgres::note_id(id) else {
            return Ok(None);
        };
        let row: Option<ThanksRow> = sqlx::query_as(&format!(
            "SELECT {NOTE_COLUMNS} FROM unsung.thanks WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(ThanksRow::into_thanks).transpose()
    }

    async fn update_thanks(&self, note: &ThankYou) -> Result<bool> {
        let query = sqlx::query(
            "UPDATE unsung.thanks SET recipients = $1, message = $2, incident_id = $3, \
             period_from = $4, period_to = $5, edited_at = $6 WHERE id = $7 AND author = $8",
        );
        let Ok(query) = bind_edit(query, note) else {
            return Ok(false);
        };
        let done = query.execute(&self.pool).await?;
        Ok(done.rows_affected() > 0)
    }

    async fn delete_thanks(&self, id: &str, author: &str) -> Result<bool> {
        let Ok(id) = Postgres::note_id(id) else {
            return Ok(false);
        };
        let done = sqlx::query("DELETE FROM unsung.thanks WHERE id = $1 AND author = $2")
            .bind(id)
            .bind(author)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYou>> {
        let rows: Vec<ThanksRow> = sqlx::query_as(&format!(
            "SELECT {NOTE_COLUMNS} FROM unsung.thanks ORDER BY created_at DESC, id DESC LIMIT $1"
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
            "SELECT {NOTE_COLUMNS} FROM unsung.thanks WHERE created_at >= $1 AND created_at < $2 \
             ORDER BY created_at DESC, id DESC"
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        all(rows, ThanksRow::into_thanks)
    }
}

//! The queries both databases run the same way, written once.
//!
//! Each query is written for PostgreSQL (`$1` placeholders, which SQLite reads too; tables in
//! the `unsung` schema; `COLLATE "C"` so text sorts by code point, as SQLite sorts it; casts
//! to and from jsonb) and [`Backend::sql`] turns it into the backend's own. The column types
//! come from `columns.rs` (writing) and `rows.rs` (reading), so what is left here is what both
//! backends share: which rows to ask for, in which order, inside which transaction.

use crate::columns::{
    Columns, Value, bind_change, bind_edit, bind_explanation, bind_incident, bind_interval,
    bind_service, bind_source,
};
use crate::rows::{
    CHANGE_COLUMNS, Cell, ChangeRow, CountsRow, EXPLANATION_COLUMNS, ExplanationRow,
    INCIDENT_COLUMNS, IncidentRow, IntervalRow, NAMED_SERVICE_COLUMNS, PersonRow, SERVICE_COLUMNS,
    ServiceRow, SourceRow, ThanksRow, all, dataset, optional,
};
use crate::{EXPLANATION_EDIT, Result, SourceCounts, SourceRecord, Store, refuse_notes_in};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{ColumnIndex, Database, Decode, Executor, IntoArguments, Pool, Type};
use std::borrow::Cow;
use unsung_core::{Dataset, Explanation, Incident, Interval, Person, Service, ThankYou};

/// A column type one backend can read.
pub(crate) trait Readable<DB: Database>:
    for<'r> Decode<'r, DB> + Type<DB> + Send + Unpin + 'static
{
}
impl<DB: Database, T> Readable<DB> for T where
    T: for<'r> Decode<'r, DB> + Type<DB> + Send + Unpin + 'static
{
}

/// What a backend adds to [`Columns`] for the shared queries: how it reads its own column
/// types back, and where its SQL differs.
pub(crate) trait Backend: Columns {
    type TimeCell: Cell<DateTime<Utc>> + Readable<Self>;
    type ListCell: Cell<Vec<String>> + Readable<Self>;
    type NoteIdCell: Cell<String> + Readable<Self>;
    /// The order services were listed in by their source.
    const SERVICE_ORDER: &'static str;
    /// A note's columns as read (the local store's include whether it is a sample).
    const NOTE_SELECT: &'static str;
    /// What keeps a note out of edits beyond its author (the local store's samples).
    const EDITABLE_NOTE: &'static str;

    /// A query as written here, in the backend's own SQL.
    fn sql(query: &str) -> Cow<'_, str>;

    fn rows_affected(done: &Self::QueryResult) -> u64;
}

impl Backend for sqlx::Sqlite {
    type TimeCell = i64;
    type ListCell = String;
    type NoteIdCell = String;
    const SERVICE_ORDER: &'static str = "rowid";
    const NOTE_SELECT: &'static str = crate::sqlite::THANKS_COLUMNS;
    const EDITABLE_NOTE: &'static str = " AND is_demo = 0";

    /// SQLite has no schemas and no casts, and sorts text by code point already.
    fn rows_affected(done: &sqlx::sqlite::SqliteQueryResult) -> u64 {
        done.rows_affected()
    }

    fn sql(query: &str) -> Cow<'_, str> {
        Cow::Owned(
            query
                .replace("unsung.", "")
                .replace(" COLLATE \"C\"", "")
                .replace("::jsonb", "")
                .replace("::text", ""),
        )
    }
}

impl Backend for sqlx::Postgres {
    type TimeCell = DateTime<Utc>;
    type ListCell = Vec<String>;
    type NoteIdCell = sqlx::types::Uuid;
    const SERVICE_ORDER: &'static str = "position";
    const NOTE_SELECT: &'static str = crate::rows::NOTE_COLUMNS;
    const EDITABLE_NOTE: &'static str = "";

    fn rows_affected(done: &sqlx::postgres::PgQueryResult) -> u64 {
        done.rows_affected()
    }

    fn sql(query: &str) -> Cow<'_, str> {
        Cow::Borrowed(query)
    }
}

/// `$1, $2, … $n`.
fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many columns a column list names.
fn count(columns: &str) -> usize {
    columns.split(',').count()
}

/// A store whose shared queries run over one backend's pool.
pub(crate) trait OnPool: Send + Sync {
    type Db: Backend;
    fn pool(&self) -> &Pool<Self::Db>;
}

/// What each backend does its own way: who is posting, and how a note is kept.
#[async_trait]
pub(crate) trait Posting: Send + Sync {
    async fn author_name(&self) -> Result<Option<String>>;
    async fn insert_thanks(&self, note: &ThankYou) -> Result<()>;
}

type Times<DB> = <DB as Backend>::TimeCell;
type Lists<DB> = <DB as Backend>::ListCell;

/// Every store: the shared queries over its backend, and its own way of posting.
#[async_trait]
impl<T, DB> Store for T
where
    T: OnPool<Db = DB> + Posting,
    DB: Backend,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'a> &'a str: ColumnIndex<DB::Row>,
    usize: ColumnIndex<DB::Row>,
    i64: Readable<DB> + Value<DB>,
    bool: Readable<DB> + Value<DB>,
    String: Readable<DB>,
{
    async fn author_name(&self) -> Result<Option<String>> {
        Posting::author_name(self).await
    }

    async fn insert_thanks(&self, note: &ThankYou) -> Result<()> {
        Posting::insert_thanks(self, note).await
    }

    async fn replace_source(&self, source: &SourceRecord, data: &Dataset) -> Result<()> {
        refuse_notes_in(data)?;
        let mut tx = self.pool().begin().await?;
        // Services cascade to availability; incidents and changes are removed with the source.
        sqlx::query(&DB::sql("DELETE FROM unsung.sources WHERE name = $1"))
            .bind(DB::text(&source.name))
            .execute(&mut *tx)
            .await?;
        let insert_source = DB::sql(SOURCE_INSERT);
        bind_source(sqlx::query(&insert_source), source)
            .execute(&mut *tx)
            .await?;
        let insert_service = DB::sql(&format!(
            "INSERT INTO unsung.services ({SERVICE_COLUMNS}) VALUES ({})",
            placeholders(count(SERVICE_COLUMNS))
        ))
        .into_owned();
        for service in &data.services {
            bind_service(sqlx::query(&insert_service), &source.name, service)
                .execute(&mut *tx)
                .await?;
        }
        let insert_interval = DB::sql(
            "INSERT INTO unsung.availability (service_id, start_at, end_at, status) \
             VALUES ($1, $2, $3, $4)",
        );
        for interval in &data.intervals {
            bind_interval(sqlx::query(&insert_interval), interval)
                .execute(&mut *tx)
                .await?;
        }
        let insert_incident = DB::sql(&format!(
            "INSERT INTO unsung.incidents ({INCIDENT_COLUMNS}) VALUES ({})",
            placeholders(count(INCIDENT_COLUMNS))
        ))
        .into_owned();
        for incident in &data.incidents {
            bind_incident(sqlx::query(&insert_incident), &source.name, incident)
                .execute(&mut *tx)
                .await?;
        }
        let insert_change = DB::sql(&format!(
            "INSERT INTO unsung.changes ({CHANGE_COLUMNS}) VALUES ({})",
            placeholders(count(CHANGE_COLUMNS))
        ))
        .into_owned();
        for change in &data.changes {
            bind_change(sqlx::query(&insert_change), &source.name, change)
                .execute(&mut *tx)
                .await?;
        }
        let insert_person = DB::sql(
            "INSERT INTO unsung.people (name, source) VALUES ($1, $2) \
             ON CONFLICT (name) DO UPDATE SET source = excluded.source",
        );
        for person in &data.people {
            sqlx::query(&insert_person)
                .bind(DB::text(person))
                .bind(DB::text(&source.name))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn source_data(&self, source: &str) -> Result<Dataset> {
        let services: Vec<ServiceRow> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {SERVICE_COLUMNS} FROM unsung.services WHERE source = $1 ORDER BY {}",
            DB::SERVICE_ORDER
        )))
        .bind(DB::text(source))
        .fetch_all(self.pool())
        .await?;
        let intervals: Vec<IntervalRow<Times<DB>>> = sqlx::query_as(&DB::sql(
            "SELECT a.service_id, a.start_at, a.end_at, a.status FROM unsung.availability a \
             JOIN unsung.services s ON s.id = a.service_id WHERE s.source = $1 \
             ORDER BY a.service_id COLLATE \"C\", a.start_at",
        ))
        .bind(DB::text(source))
        .fetch_all(self.pool())
        .await?;
        let incidents: Vec<IncidentRow<Times<DB>, Lists<DB>>> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {INCIDENT_COLUMNS}, {EXPLANATION_COLUMNS} FROM {INCIDENTS} \
             WHERE source = $1 ORDER BY opened_at, id COLLATE \"C\""
        )))
        .bind(DB::text(source))
        .fetch_all(self.pool())
        .await?;
        let changes: Vec<ChangeRow<Times<DB>>> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {CHANGE_COLUMNS} FROM unsung.changes WHERE source = $1 \
             ORDER BY at, id COLLATE \"C\""
        )))
        .bind(DB::text(source))
        .fetch_all(self.pool())
        .await?;
        let people: Vec<String> = sqlx::query_scalar(&DB::sql(
            "SELECT name FROM unsung.people WHERE source = $1 ORDER BY name COLLATE \"C\"",
        ))
        .bind(DB::text(source))
        .fetch_all(self.pool())
        .await?;
        dataset(services, intervals, incidents, changes, people)
    }

    async fn save_source(&self, source: &SourceRecord) -> Result<()> {
        bind_source(
            sqlx::query(&DB::sql(&format!(
                "{SOURCE_INSERT} ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, \
                 url = excluded.url, settings = excluded.settings"
            ))),
            source,
        )
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn source(&self, name: &str) -> Result<Option<SourceRecord>> {
        let row: Option<SourceRow<Times<DB>>> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {SOURCE_SELECT} FROM unsung.sources WHERE name = $1"
        )))
        .bind(DB::text(name))
        .fetch_optional(self.pool())
        .await?;
        row.map(SourceRow::into_source).transpose()
    }

    async fn remove_source(&self, source: &str) -> Result<bool> {
        let done = sqlx::query(&DB::sql("DELETE FROM unsung.sources WHERE name = $1"))
            .bind(DB::text(source))
            .execute(self.pool())
            .await?;
        Ok(DB::rows_affected(&done) > 0)
    }

    async fn sources(&self) -> Result<Vec<SourceRecord>> {
        let rows: Vec<SourceRow<Times<DB>>> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {SOURCE_SELECT} FROM unsung.sources ORDER BY name COLLATE \"C\""
        )))
        .fetch_all(self.pool())
        .await?;
        all(rows, SourceRow::into_source)
    }

    async fn source_counts(&self) -> Result<Vec<SourceCounts>> {
        let rows: Vec<CountsRow> = sqlx::query_as(&DB::sql(
            "SELECT s.name, \
             (SELECT COUNT(*) FROM unsung.services v WHERE v.source = s.name) AS services, \
             (SELECT COUNT(*) FROM unsung.incidents i WHERE i.source = s.name) AS incidents \
             FROM unsung.sources s ORDER BY s.name COLLATE \"C\"",
        ))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(CountsRow::into_counts).collect())
    }

    async fn services(&self) -> Result<Vec<Service>> {
        let rows: Vec<ServiceRow> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {NAMED_SERVICE_COLUMNS} FROM unsung.services LEFT JOIN unsung.service_names \
             ON service_names.service_id = services.id \
             ORDER BY services.source COLLATE \"C\", services.{}",
            DB::SERVICE_ORDER
        )))
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(ServiceRow::into_service).collect())
    }

    async fn intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Interval>> {
        let rows: Vec<IntervalRow<Times<DB>>> = sqlx::query_as(&DB::sql(
            "SELECT service_id, start_at, end_at, status FROM unsung.availability \
             WHERE end_at > $1 AND start_at < $2 ORDER BY service_id COLLATE \"C\", start_at",
        ))
        .bind(DB::time(from))
        .bind(DB::time(to))
        .fetch_all(self.pool())
        .await?;
        all(rows, IntervalRow::into_interval)
    }

    async fn incidents_opened(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Incident>> {
        let rows: Vec<IncidentRow<Times<DB>, Lists<DB>>> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {INCIDENT_COLUMNS}, {EXPLANATION_COLUMNS} FROM {INCIDENTS} \
             WHERE opened_at >= $1 AND opened_at < $2 ORDER BY opened_at, id COLLATE \"C\""
        )))
        .bind(DB::time(from))
        .bind(DB::time(to))
        .fetch_all(self.pool())
        .await?;
        all(rows, IncidentRow::into_incident)
    }

    async fn incident(&self, id: &str) -> Result<Option<Incident>> {
        let row: Option<IncidentRow<Times<DB>, Lists<DB>>> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {INCIDENT_COLUMNS}, {EXPLANATION_COLUMNS} FROM {INCIDENTS} WHERE id = $1"
        )))
        .bind(DB::text(id))
        .fetch_optional(self.pool())
        .await?;
        row.map(IncidentRow::into_incident).transpose()
    }

    async fn last_major_incident_at(&self, before: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        let latest: Option<Times<DB>> = sqlx::query_scalar(&DB::sql(
            "SELECT MAX(opened_at) FROM unsung.incidents WHERE severity = 'major' \
             AND disposition = 'counted' AND kind = 'problem' AND opened_at < $1 \
             AND NOT EXISTS (SELECT 1 FROM unsung.explanations e \
             WHERE e.incident_id = incidents.id AND e.practice)",
        ))
        .bind(DB::time(before))
        .fetch_one(self.pool())
        .await?;
        optional(latest)
    }

    async fn changes_count(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u64> {
        let count: i64 = sqlx::query_scalar(&DB::sql(
            "SELECT COUNT(*) FROM unsung.changes WHERE at >= $1 AND at < $2",
        ))
        .bind(DB::time(from))
        .bind(DB::time(to))
        .fetch_one(self.pool())
        .await?;
        Ok(count.max(0) as u64)
    }

    async fn people(&self) -> Result<Vec<Person>> {
        let rows: Vec<PersonRow<Lists<DB>>> = sqlx::query_as(&DB::sql(
            "SELECT name, aliases FROM unsung.people ORDER BY name COLLATE \"C\"",
        ))
        .fetch_all(self.pool())
        .await?;
        all(rows, PersonRow::into_person)
    }

    async fn save_person(&self, person: &Person) -> Result<()> {
        let mut conn = self.pool().acquire().await?;
        save_person::<DB>(&mut conn, person).await
    }

    async fn remove_person(&self, name: &str) -> Result<bool> {
        let done = sqlx::query(&DB::sql("DELETE FROM unsung.people WHERE name = $1"))
            .bind(DB::text(name))
            .execute(self.pool())
            .await?;
        Ok(DB::rows_affected(&done) > 0)
    }

    async fn save_explanation(&self, explanation: &Explanation) -> Result<()> {
        let sql = DB::sql(&format!(
            "INSERT INTO unsung.explanations ({EXPLANATION_COLUMNS}) VALUES ({}) \
             ON CONFLICT (incident_id) DO UPDATE SET {EXPLANATION_EDIT}",
            placeholders(count(EXPLANATION_COLUMNS))
        ))
        .into_owned();
        bind_explanation(sqlx::query(&sql), explanation)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    async fn explanations(&self) -> Result<Vec<Explanation>> {
        let rows: Vec<ExplanationRow<Times<DB>>> = sqlx::query_as(&DB::sql(&format!(
            "SELECT {EXPLANATION_COLUMNS} FROM unsung.explanations \
             ORDER BY incident_id COLLATE \"C\""
        )))
        .fetch_all(self.pool())
        .await?;
        all(rows, ExplanationRow::into_explanation)
    }

    /// The team database also records who set the name (its trigger signs the row and its time).
    async fn set_service_name(&self, service_id: &str, friendly_name: Option<&str>) -> Result<()> {
        match friendly_name {
            Some(name) => {
                sqlx::query(&DB::sql(
                    "INSERT INTO unsung.service_names (service_id, friendly_name, set_at) \
                     VALUES ($1, $2, $3) ON CONFLICT (service_id) DO UPDATE SET \
                     friendly_name = excluded.friendly_name, set_at = excluded.set_at",
                ))
                .bind(DB::text(service_id))
                .bind(DB::text(name))
                .bind(DB::time(Utc::now()))
                .execute(self.pool())
                .await?;
            }
            None => {
                sqlx::query(&DB::sql(
                    "DELETE FROM unsung.service_names WHERE service_id = $1",
                ))
                .bind(DB::text(service_id))
                .execute(self.pool())
                .await?;
            }
        }
        Ok(())
    }

    async fn thanks_by_id(&self, id: &str) -> Result<Option<ThankYou>> {
        let Ok(id) = DB::note_id(id) else {
            return Ok(None);
        };
        let row: Option<ThanksRow<DB::NoteIdCell, Times<DB>, Lists<DB>>> =
            sqlx::query_as(&DB::sql(&format!(
                "SELECT {} FROM unsung.thanks WHERE id = $1",
                DB::NOTE_SELECT
            )))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(ThanksRow::into_thanks).transpose()
    }

    async fn update_thanks(&self, note: &ThankYou) -> Result<bool> {
        let sql = DB::sql(&format!(
            "UPDATE unsung.thanks SET recipients = $1, message = $2, incident_id = $3, \
             period_from = $4, period_to = $5, edited_at = $6 WHERE id = $7 AND author = $8{}",
            DB::EDITABLE_NOTE
        ))
        .into_owned();
        let Ok(query) = bind_edit(sqlx::query(&sql), note) else {
            return Ok(false);
        };
        let done = query.execute(self.pool()).await?;
        Ok(DB::rows_affected(&done) > 0)
    }

    async fn delete_thanks(&self, id: &str, author: &str) -> Result<bool> {
        let Ok(id) = DB::note_id(id) else {
            return Ok(false);
        };
        let done = sqlx::query(&DB::sql(&format!(
            "DELETE FROM unsung.thanks WHERE id = $1 AND author = $2{}",
            DB::EDITABLE_NOTE
        )))
        .bind(id)
        .bind(DB::text(author))
        .execute(self.pool())
        .await?;
        Ok(DB::rows_affected(&done) > 0)
    }

    async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYou>> {
        let rows: Vec<ThanksRow<DB::NoteIdCell, Times<DB>, Lists<DB>>> =
            sqlx::query_as(&DB::sql(&format!(
                "SELECT {} FROM unsung.thanks ORDER BY created_at DESC, id DESC LIMIT $1",
                DB::NOTE_SELECT
            )))
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        all(rows, ThanksRow::into_thanks)
    }

    async fn thanks_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ThankYou>> {
        let rows: Vec<ThanksRow<DB::NoteIdCell, Times<DB>, Lists<DB>>> =
            sqlx::query_as(&DB::sql(&format!(
                "SELECT {} FROM unsung.thanks WHERE created_at >= $1 AND created_at < $2 \
                 ORDER BY created_at DESC, id DESC",
                DB::NOTE_SELECT
            )))
            .bind(DB::time(from))
            .bind(DB::time(to))
            .fetch_all(self.pool())
            .await?;
        all(rows, ThanksRow::into_thanks)
    }
}

/// Incidents with the explanation a person wrote, if any.
const INCIDENTS: &str =
    "unsung.incidents LEFT JOIN unsung.explanations ON explanations.incident_id = incidents.id";

/// A new source; its settings are jsonb in the team database.
const SOURCE_INSERT: &str = "INSERT INTO unsung.sources (name, kind, url, created_at, settings) \
     VALUES ($1, $2, $3, $4, $5::jsonb)";

/// A source's columns as read; the team database's jsonb settings come back as text (the app
/// owns their shape).
const SOURCE_SELECT: &str = "name, kind, url, created_at, settings::text AS settings";

/// Adds a person, or replaces the other names of the person with that name (also inside the
/// local store's transactions).
pub(crate) async fn save_person<DB>(conn: &mut DB::Connection, person: &Person) -> Result<()>
where
    DB: Backend,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
{
    sqlx::query(&DB::sql(
        "INSERT INTO unsung.people (name, aliases) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET aliases = excluded.aliases",
    ))
    .bind(DB::text(&person.name))
    .bind(DB::list(&person.aliases))
    .execute(conn)
    .await?;
    Ok(())
}

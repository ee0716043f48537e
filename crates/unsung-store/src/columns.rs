//! How each backend writes the domain's values, and the binding of each record's columns,
//! written once for both.
//!
//! The reverse of `rows.rs`: a time is written as Unix seconds to SQLite and as a
//! `timestamptz` to PostgreSQL, a list of names as JSON text or a `text[]`, a note id as text
//! or a `uuid`. [`Columns`] says which for each backend; the `bind_*` functions bind a record's
//! columns in the order the shared column lists (`rows::*_COLUMNS`) name them.

use crate::{Result, SourceRecord, StoreError};
use chrono::{DateTime, Utc};
use sqlx::types::Uuid;
use sqlx::{Database, Encode, Postgres, Sqlite, Type};
use unsung_core::{Change, Explanation, Incident, Interval, Service, ThankYou};

/// A value one backend can bind.
pub(crate) trait Value<DB: Database>:
    for<'q> Encode<'q, DB> + Type<DB> + Send + 'static
{
}
impl<DB: Database, T> Value<DB> for T where T: for<'q> Encode<'q, DB> + Type<DB> + Send + 'static {}

/// The column types a backend keeps the domain's values in. Text is text in both, but named
/// here too, so that the binding code below needs no bounds of its own.
pub(crate) trait Columns: Database {
    type Text: Value<Self>;
    type MaybeText: Value<Self>;
    type Time: Value<Self>;
    type MaybeTime: Value<Self>;
    type List: Value<Self>;
    type NoteId: Value<Self>;
    fn text(text: &str) -> Self::Text;
    fn maybe_text(text: Option<&str>) -> Self::MaybeText;
    fn time(at: DateTime<Utc>) -> Self::Time;
    fn maybe_time(at: Option<DateTime<Utc>>) -> Self::MaybeTime;
    fn list(list: &[String]) -> Self::List;
    /// A note's id as the backend keeps it, or why it cannot be one.
    fn note_id(id: &str) -> Result<Self::NoteId>;
}

impl Columns for Sqlite {
    type Text = String;
    type MaybeText = Option<String>;
    /// Unix seconds (UTC).
    type Time = i64;
    type MaybeTime = Option<i64>;
    /// A JSON array.
    type List = String;
    type NoteId = String;

    fn text(text: &str) -> String {
        text.to_string()
    }

    fn maybe_text(text: Option<&str>) -> Option<String> {
        text.map(str::to_string)
    }

    fn time(at: DateTime<Utc>) -> i64 {
        at.timestamp()
    }

    fn maybe_time(at: Option<DateTime<Utc>>) -> Option<i64> {
        at.map(Sqlite::time)
    }

    fn list(list: &[String]) -> String {
        serde_json::to_string(list).expect("a list of strings always serialises")
    }

    fn note_id(id: &str) -> Result<String> {
        Ok(id.to_string())
    }
}

impl Columns for Postgres {
    type Text = String;
    type MaybeText = Option<String>;
    type Time = DateTime<Utc>;
    type MaybeTime = Option<DateTime<Utc>>;
    type List = Vec<String>;
    type NoteId = Uuid;

    fn text(text: &str) -> String {
        text.into()
    }

    fn maybe_text(text: Option<&str>) -> Option<String> {
        text.map(String::from)
    }

    fn time(at: DateTime<Utc>) -> DateTime<Utc> {
        at
    }

    fn maybe_time(at: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
        at
    }

    fn list(list: &[String]) -> Vec<String> {
        list.to_vec()
    }

    /// Notes get UUID v7 ids; anything else is refused with a message rather than a type
    /// error from the server.
    fn note_id(id: &str) -> Result<Uuid> {
        Uuid::parse_str(id)
            .map_err(|_| StoreError::Unsupported(format!("note id {id:?} is not a UUID")))
    }
}

/// A query of backend `DB` on its way to being bound.
pub(crate) type Query<'q, DB> = sqlx::query::Query<'q, DB, <DB as Database>::Arguments<'q>>;

/// A source's columns: `name, kind, url, created_at, settings`.
pub(crate) fn bind_source<'q, DB: Columns>(
    query: Query<'q, DB>,
    source: &SourceRecord,
) -> Query<'q, DB> {
    query
        .bind(DB::text(&source.name))
        .bind(DB::text(&source.kind))
        .bind(DB::maybe_text(source.url.as_deref()))
        .bind(DB::time(source.created_at))
        .bind(DB::text(&source.settings))
}

/// `SERVICE_COLUMNS`, as `source`'s.
pub(crate) fn bind_service<'q, DB: Columns>(
    query: Query<'q, DB>,
    source: &str,
    service: &Service,
) -> Query<'q, DB> {
    query
        .bind(DB::text(&service.id))
        .bind(DB::text(source))
        .bind(DB::text(&service.external_id))
        .bind(DB::text(&service.name))
        .bind(DB::maybe_text(service.friendly_name.as_deref()))
}

/// `service_id, start_at, end_at, status`.
pub(crate) fn bind_interval<'q, DB: Columns>(
    query: Query<'q, DB>,
    interval: &Interval,
) -> Query<'q, DB> {
    query
        .bind(DB::text(&interval.service_id))
        .bind(DB::time(interval.start))
        .bind(DB::time(interval.end))
        .bind(DB::text(interval.status.as_str()))
}

/// `INCIDENT_COLUMNS`, as `source`'s.
pub(crate) fn bind_incident<'q, DB: Columns>(
    query: Query<'q, DB>,
    source: &str,
    incident: &Incident,
) -> Query<'q, DB> {
    query
        .bind(DB::text(&incident.id))
        .bind(DB::text(source))
        .bind(DB::text(&incident.external_id))
        .bind(DB::maybe_text(incident.service_id.as_deref()))
        .bind(DB::text(&incident.title))
        .bind(DB::text(incident.severity.as_str()))
        .bind(DB::time(incident.opened_at))
        .bind(DB::maybe_time(incident.acknowledged_at))
        .bind(DB::maybe_time(incident.resolved_at))
        .bind(DB::maybe_text(incident.resolved_by.as_deref()))
        .bind(DB::list(&incident.responders))
        .bind(DB::list(&incident.notes))
        .bind(DB::text(incident.disposition.as_str()))
        .bind(DB::maybe_text(incident.link.as_deref()))
        .bind(DB::text(incident.kind.as_str()))
        .bind(DB::maybe_text(incident.source_explanation.as_deref()))
}

/// `EXPLANATION_COLUMNS`.
pub(crate) fn bind_explanation<'q, DB: Columns>(
    query: Query<'q, DB>,
    explanation: &Explanation,
) -> Query<'q, DB>
where
    bool: Value<DB>,
{
    query
        .bind(DB::text(&explanation.incident_id))
        .bind(DB::text(&explanation.text))
        .bind(explanation.practice)
        .bind(DB::text(&explanation.written_by))
        .bind(DB::time(explanation.written_at))
        .bind(DB::maybe_text(explanation.edited_by.as_deref()))
        .bind(DB::maybe_time(explanation.edited_at))
}

/// `CHANGE_COLUMNS`, as `source`'s.
pub(crate) fn bind_change<'q, DB: Columns>(
    query: Query<'q, DB>,
    source: &str,
    change: &Change,
) -> Query<'q, DB> {
    query
        .bind(DB::text(&change.id))
        .bind(DB::text(source))
        .bind(DB::maybe_text(change.service_id.as_deref()))
        .bind(DB::time(change.at))
        .bind(DB::text(&change.summary))
}

/// `NOTE_COLUMNS`, from `id` to `edited_at`.
pub(crate) fn bind_note<'q, DB: Columns>(
    query: Query<'q, DB>,
    note: &ThankYou,
) -> Result<Query<'q, DB>> {
    Ok(query
        .bind(DB::note_id(&note.id)?)
        .bind(DB::text(&note.author))
        .bind(DB::list(&note.recipients))
        .bind(DB::text(&note.message))
        .bind(DB::maybe_text(note.incident_id.as_deref()))
        .bind(DB::maybe_time(note.period_from))
        .bind(DB::maybe_time(note.period_to))
        .bind(DB::time(note.created_at))
        .bind(DB::maybe_time(note.edited_at)))
}

/// What an edit changes (`recipients, message, incident_id, period_from, period_to,
/// edited_at`), then the note's `id` and `author` for its WHERE clause.
pub(crate) fn bind_edit<'q, DB: Columns>(
    query: Query<'q, DB>,
    note: &ThankYou,
) -> Result<Query<'q, DB>> {
    Ok(query
        .bind(DB::list(&note.recipients))
        .bind(DB::text(&note.message))
        .bind(DB::maybe_text(note.incident_id.as_deref()))
        .bind(DB::maybe_time(note.period_from))
        .bind(DB::maybe_time(note.period_to))
        .bind(DB::maybe_time(note.edited_at))
        .bind(DB::note_id(&note.id)?)
        .bind(DB::text(&note.author)))
}

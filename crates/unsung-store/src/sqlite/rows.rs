//! SQLite rows and their conversion to domain types. SQLite keeps times as Unix seconds (UTC)
//! and lists as JSON arrays; the domain types stay free of sqlx.

use crate::{Result, SourceRecord, StoreError};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use unsung_core::{
    Change, Disposition, Incident, Interval, Person, Service, Severity, Status, ThankYou,
};

pub(super) fn seconds(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

pub(super) fn instant(seconds: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("time {seconds} is out of range")))
}

fn json_list(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("list {text:?}: {e}")))
}

pub(super) fn to_json(list: &[String]) -> String {
    serde_json::to_string(list).expect("a list of strings always serialises")
}

/// A SQLite query on its way to being bound.
pub(super) type SqliteQuery<'q> =
    sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds a note's columns in `THANKS_COLUMNS` order, from `id` to `edited_at`.
pub(super) fn bind_note<'q>(query: SqliteQuery<'q>, note: &'q ThankYou) -> SqliteQuery<'q> {
    query
        .bind(&note.id)
        .bind(&note.author)
        .bind(to_json(&note.recipients))
        .bind(&note.message)
        .bind(&note.incident_id)
        .bind(note.period_from.map(seconds))
        .bind(note.period_to.map(seconds))
        .bind(seconds(note.created_at))
        .bind(note.edited_at.map(seconds))
}

/// Binds what an edit changes (`recipients, message, incident_id, period_from, period_to,
/// edited_at`), then the note's `id` and `author` for its WHERE clause.
pub(super) fn bind_edit<'q>(query: SqliteQuery<'q>, note: &'q ThankYou) -> SqliteQuery<'q> {
    query
        .bind(to_json(&note.recipients))
        .bind(&note.message)
        .bind(&note.incident_id)
        .bind(note.period_from.map(seconds))
        .bind(note.period_to.map(seconds))
        .bind(note.edited_at.map(seconds))
        .bind(&note.id)
        .bind(&note.author)
}

pub(super) const THANKS_COLUMNS: &str = "id, author, recipients, message, incident_id, period_from, period_to, created_at, edited_at, is_demo";

pub(super) const INCIDENT_COLUMNS: &str = "id, source, external_id, service_id, title, severity, opened_at, acknowledged_at, \
     resolved_at, resolved_by, responders, notes, disposition, link";

#[derive(FromRow)]
pub(super) struct SourceRow {
    name: String,
    kind: String,
    url: Option<String>,
    created_at: i64,
    settings: String,
}

pub(super) const SOURCE_COLUMNS: &str = "name, kind, url, created_at, settings";

impl SourceRow {
    pub fn into_source(self) -> Result<SourceRecord> {
        Ok(SourceRecord {
            created_at: instant(self.created_at)?,
            name: self.name,
            kind: self.kind,
            url: self.url,
            settings: self.settings,
        })
    }
}

#[derive(FromRow)]
pub(super) struct ServiceRow {
    id: String,
    source: String,
    external_id: String,
    name: String,
    friendly_name: Option<String>,
}

impl ServiceRow {
    pub fn into_service(self) -> Service {
        Service {
            id: self.id,
            source: self.source,
            external_id: self.external_id,
            name: self.name,
            friendly_name: self.friendly_name,
        }
    }
}

#[derive(FromRow)]
pub(super) struct IntervalRow {
    service_id: String,
    start_at: i64,
    end_at: i64,
    status: String,
}

impl IntervalRow {
    pub fn into_interval(self) -> Result<Interval> {
        Ok(Interval {
            status: Status::parse(&self.status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", self.status)))?,
            start: instant(self.start_at)?,
            end: instant(self.end_at)?,
            service_id: self.service_id,
        })
    }
}

#[derive(FromRow)]
pub(super) struct IncidentRow {
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

impl IncidentRow {
    pub fn into_incident(self) -> Result<Incident> {
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

#[derive(FromRow)]
pub(super) struct ChangeRow {
    id: String,
    source: String,
    service_id: Option<String>,
    at: i64,
    summary: String,
}

impl ChangeRow {
    pub fn into_change(self) -> Result<Change> {
        Ok(Change {
            at: instant(self.at)?,
            id: self.id,
            source: self.source,
            service_id: self.service_id,
            summary: self.summary,
        })
    }
}

#[derive(FromRow)]
pub(super) struct PersonRow {
    name: String,
    aliases: String,
}

impl PersonRow {
    pub fn into_person(self) -> Result<Person> {
        Ok(Person {
            aliases: json_list(&self.aliases)?,
            name: self.name,
        })
    }
}

#[derive(FromRow)]
pub(super) struct ThanksRow {
    id: String,
    author: String,
    recipients: String,
    message: String,
    incident_id: Option<String>,
    period_from: Option<i64>,
    period_to: Option<i64>,
    created_at: i64,
    edited_at: Option<i64>,
    is_demo: bool,
}

impl ThanksRow {
    pub fn into_thanks(self) -> Result<ThankYou> {
        Ok(ThankYou {
            recipients: json_list(&self.recipients)?,
            period_from: self.period_from.map(instant).transpose()?,
            period_to: self.period_to.map(instant).transpose()?,
            created_at: instant(self.created_at)?,
            edited_at: self.edited_at.map(instant).transpose()?,
            id: self.id,
            author: self.author,
            message: self.message,
            incident_id: self.incident_id,
            is_demo: self.is_demo,
        })
    }
}

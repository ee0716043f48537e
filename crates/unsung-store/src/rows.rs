//! The rows both databases return, and their one conversion to domain types.
//!
//! SQLite and PostgreSQL keep the same rows in different column types: a time is Unix seconds
//! (`i64`) in SQLite and a `timestamptz` in PostgreSQL, a list of names is JSON text in SQLite
//! and a `text[]` in PostgreSQL, a note id is text in SQLite and a `uuid` in PostgreSQL. Each
//! row type here is generic over those column types, and [`Cell`] says how each one becomes
//! the domain's value, so a row is read into the domain in one place for both backends. The
//! domain types stay free of sqlx.

use crate::{Result, SourceCounts, SourceRecord, StoreError};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use sqlx::types::Uuid;
use unsung_core::{
    Change, Dataset, Disposition, Explanation, Incident, IncidentKind, Interval, Person, Service,
    Severity, Status, ThankYou,
};

/// A column value as one backend keeps it, read as the domain's `T`.
pub(crate) trait Cell<T> {
    fn read(self) -> Result<T>;
}

/// SQLite: a time in Unix seconds.
impl Cell<DateTime<Utc>> for i64 {
    fn read(self) -> Result<DateTime<Utc>> {
        DateTime::from_timestamp(self, 0)
            .ok_or_else(|| StoreError::Corrupt(format!("time {self} is out of range")))
    }
}

/// PostgreSQL: a `timestamptz`.
impl Cell<DateTime<Utc>> for DateTime<Utc> {
    fn read(self) -> Result<DateTime<Utc>> {
        Ok(self)
    }
}

/// SQLite: a list as a JSON array.
impl Cell<Vec<String>> for String {
    fn read(self) -> Result<Vec<String>> {
        serde_json::from_str(&self).map_err(|e| StoreError::Corrupt(format!("list {self:?}: {e}")))
    }
}

/// PostgreSQL: a `text[]`.
impl Cell<Vec<String>> for Vec<String> {
    fn read(self) -> Result<Vec<String>> {
        Ok(self)
    }
}

/// SQLite: a note id as text.
impl Cell<String> for String {
    fn read(self) -> Result<String> {
        Ok(self)
    }
}

/// PostgreSQL: a note id as a `uuid`.
impl Cell<String> for Uuid {
    fn read(self) -> Result<String> {
        Ok(self.to_string())
    }
}

/// A column that may be NULL.
pub(crate) fn optional<C: Cell<T>, T>(cell: Option<C>) -> Result<Option<T>> {
    cell.map(Cell::read).transpose()
}

/// The text of one of the domain's closed sets (a status, a severity, a disposition).
fn parse<T>(text: &str, what: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(text).ok_or_else(|| StoreError::Corrupt(format!("{what} {text:?}")))
}

/// Reads every row, stopping at the first that does not make sense.
pub(crate) fn all<R, T>(rows: Vec<R>, convert: impl Fn(R) -> Result<T>) -> Result<Vec<T>> {
    rows.into_iter().map(convert).collect()
}

pub(crate) const SERVICE_COLUMNS: &str = "id, source, external_id, name, friendly_name";
pub(crate) const CHANGE_COLUMNS: &str = "id, source, service_id, at, summary";
pub(crate) const INCIDENT_COLUMNS: &str = "id, source, external_id, service_id, title, severity, \
     opened_at, acknowledged_at, resolved_at, resolved_by, responders, notes, disposition, link, \
     kind, source_explanation";
/// A person's explanation of an incident (its own table: a sync never writes it). None of
/// these names is also an incident column, so an incident read joins them in unqualified.
pub(crate) const EXPLANATION_COLUMNS: &str =
    "incident_id, text, practice, written_by, written_at, edited_by, edited_at";
/// A service's columns for reading: the name a person gave it wins over the source's.
pub(crate) const NAMED_SERVICE_COLUMNS: &str = "services.id, services.source, services.external_id, \
     services.name, COALESCE(service_names.friendly_name, services.friendly_name) AS friendly_name";
/// A note's columns as both backends store them (the local store adds `is_demo`).
pub(crate) const NOTE_COLUMNS: &str =
    "id, author, recipients, message, incident_id, period_from, period_to, created_at, edited_at";

#[derive(FromRow)]
pub(crate) struct SourceRow<Time> {
    name: String,
    kind: String,
    url: Option<String>,
    created_at: Time,
    settings: String,
}

impl<Time: Cell<DateTime<Utc>>> SourceRow<Time> {
    pub fn into_source(self) -> Result<SourceRecord> {
        Ok(SourceRecord {
            created_at: self.created_at.read()?,
            name: self.name,
            kind: self.kind,
            url: self.url,
            settings: self.settings,
        })
    }
}

/// A source's name with its number of services and incidents.
#[derive(FromRow)]
pub(crate) struct CountsRow {
    name: String,
    services: i64,
    incidents: i64,
}

impl CountsRow {
    pub fn into_counts(self) -> SourceCounts {
        SourceCounts {
            name: self.name,
            services: self.services.max(0) as u64,
            incidents: self.incidents.max(0) as u64,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct ServiceRow {
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
pub(crate) struct IntervalRow<Time> {
    service_id: String,
    start_at: Time,
    end_at: Time,
    status: String,
}

impl<Time: Cell<DateTime<Utc>>> IntervalRow<Time> {
    pub fn into_interval(self) -> Result<Interval> {
        Ok(Interval {
            status: parse(&self.status, "status", Status::parse)?,
            start: self.start_at.read()?,
            end: self.end_at.read()?,
            service_id: self.service_id,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct IncidentRow<Time, List> {
    id: String,
    source: String,
    external_id: String,
    service_id: Option<String>,
    title: String,
    severity: String,
    opened_at: Time,
    acknowledged_at: Option<Time>,
    resolved_at: Option<Time>,
    resolved_by: Option<String>,
    responders: List,
    notes: List,
    disposition: String,
    link: Option<String>,
    kind: String,
    source_explanation: Option<String>,
    /// The explanation joined in (`EXPLANATION_COLUMNS`); all NULL when there is none.
    #[sqlx(flatten)]
    explanation: MaybeExplanationRow<Time>,
}

impl<Time: Cell<DateTime<Utc>>, List: Cell<Vec<String>>> IncidentRow<Time, List> {
    pub fn into_incident(self) -> Result<Incident> {
        Ok(Incident {
            severity: parse(&self.severity, "severity", Severity::parse)?,
            disposition: parse(&self.disposition, "disposition", Disposition::parse)?,
            opened_at: self.opened_at.read()?,
            acknowledged_at: optional(self.acknowledged_at)?,
            resolved_at: optional(self.resolved_at)?,
            responders: self.responders.read()?,
            notes: self.notes.read()?,
            id: self.id,
            source: self.source,
            external_id: self.external_id,
            service_id: self.service_id,
            title: self.title,
            resolved_by: self.resolved_by,
            link: self.link,
            kind: parse(&self.kind, "kind", IncidentKind::parse)?,
            source_explanation: self.source_explanation,
            explanation: self.explanation.into_explanation()?,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct ExplanationRow<Time> {
    incident_id: String,
    text: String,
    practice: bool,
    written_by: String,
    written_at: Time,
    edited_by: Option<String>,
    edited_at: Option<Time>,
}

impl<Time: Cell<DateTime<Utc>>> ExplanationRow<Time> {
    pub fn into_explanation(self) -> Result<Explanation> {
        Ok(Explanation {
            written_at: self.written_at.read()?,
            edited_at: optional(self.edited_at)?,
            incident_id: self.incident_id,
            text: self.text,
            practice: self.practice,
            written_by: self.written_by,
            edited_by: self.edited_by,
        })
    }
}

/// An explanation as a LEFT JOIN gives it: every column NULL when the incident has none.
#[derive(FromRow)]
pub(crate) struct MaybeExplanationRow<Time> {
    incident_id: Option<String>,
    text: Option<String>,
    practice: Option<bool>,
    written_by: Option<String>,
    written_at: Option<Time>,
    edited_by: Option<String>,
    edited_at: Option<Time>,
}

impl<Time: Cell<DateTime<Utc>>> MaybeExplanationRow<Time> {
    fn into_explanation(self) -> Result<Option<Explanation>> {
        let (Some(incident_id), Some(written_by), Some(written_at)) =
            (self.incident_id, self.written_by, self.written_at)
        else {
            return Ok(None);
        };
        ExplanationRow {
            incident_id,
            text: self.text.unwrap_or_default(),
            practice: self.practice.unwrap_or(false),
            written_by,
            written_at,
            edited_by: self.edited_by,
            edited_at: self.edited_at,
        }
        .into_explanation()
        .map(Some)
    }
}

#[derive(FromRow)]
pub(crate) struct ChangeRow<Time> {
    id: String,
    source: String,
    service_id: Option<String>,
    at: Time,
    summary: String,
}

impl<Time: Cell<DateTime<Utc>>> ChangeRow<Time> {
    pub fn into_change(self) -> Result<Change> {
        Ok(Change {
            at: self.at.read()?,
            id: self.id,
            source: self.source,
            service_id: self.service_id,
            summary: self.summary,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct PersonRow<List> {
    name: String,
    aliases: List,
}

impl<List: Cell<Vec<String>>> PersonRow<List> {
    pub fn into_person(self) -> Result<Person> {
        Ok(Person {
            aliases: self.aliases.read()?,
            name: self.name,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct ThanksRow<Id, Time, List> {
    id: Id,
    author: String,
    recipients: List,
    message: String,
    incident_id: Option<String>,
    period_from: Option<Time>,
    period_to: Option<Time>,
    created_at: Time,
    edited_at: Option<Time>,
    /// Only the local store has sample notes; a team database's rows have no such column.
    #[sqlx(default)]
    is_demo: bool,
}

impl<Id: Cell<String>, Time: Cell<DateTime<Utc>>, List: Cell<Vec<String>>>
    ThanksRow<Id, Time, List>
{
    pub fn into_thanks(self) -> Result<ThankYou> {
        Ok(ThankYou {
            id: self.id.read()?,
            recipients: self.recipients.read()?,
            period_from: optional(self.period_from)?,
            period_to: optional(self.period_to)?,
            created_at: self.created_at.read()?,
            edited_at: optional(self.edited_at)?,
            author: self.author,
            message: self.message,
            incident_id: self.incident_id,
            is_demo: self.is_demo,
        })
    }
}

/// What one source brought, as [`crate::Store::source_data`] returns it, from its rows.
pub(crate) fn dataset<Time, List>(
    services: Vec<ServiceRow>,
    intervals: Vec<IntervalRow<Time>>,
    incidents: Vec<IncidentRow<Time, List>>,
    changes: Vec<ChangeRow<Time>>,
    people: Vec<String>,
) -> Result<Dataset>
where
    Time: Cell<DateTime<Utc>>,
    List: Cell<Vec<String>>,
{
    Ok(Dataset {
        services: services.into_iter().map(ServiceRow::into_service).collect(),
        intervals: all(intervals, IntervalRow::into_interval)?,
        incidents: all(incidents, IncidentRow::into_incident)?,
        changes: all(changes, ChangeRow::into_change)?,
        thanks: Vec::new(),
        people,
    })
}

//! PostgreSQL rows and their conversion to domain types. Times are `timestamptz`, lists are
//! `text[]`, note ids are `uuid`; the domain types stay free of sqlx.

use crate::{Result, SourceRecord, StoreError};
use chrono::{DateTime, Utc};
use sqlx::FromRow;
use sqlx::types::Uuid;
use unsung_core::{
    Change, Disposition, Incident, Interval, Person, Service, Severity, Status, ThankYou,
};

pub(super) const THANKS_COLUMNS: &str =
    "id, author, recipients, message, incident_id, period_from, period_to, created_at, edited_at";

pub(super) const INCIDENT_COLUMNS: &str = "id, source, external_id, service_id, title, severity, opened_at, acknowledged_at, \
     resolved_at, resolved_by, responders, notes, disposition, link";

/// A note id as the team database keeps it. Notes get UUID v7 ids; anything else is refused
/// with a message rather than a type error from the server.
pub(super) fn note_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id)
        .map_err(|_| StoreError::Unsupported(format!("note id {id:?} is not a UUID")))
}

#[derive(FromRow)]
pub(super) struct SourceRow {
    name: String,
    kind: String,
    url: Option<String>,
    created_at: DateTime<Utc>,
    settings: String,
}

/// jsonb is read back as text: the app owns its shape.
pub(super) const SOURCE_COLUMNS: &str = "name, kind, url, created_at, settings::text AS settings";

impl SourceRow {
    pub fn into_source(self) -> SourceRecord {
        SourceRecord {
            name: self.name,
            kind: self.kind,
            url: self.url,
            created_at: self.created_at,
            settings: self.settings,
        }
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
    start_at: DateTime<Utc>,
    end_at: DateTime<Utc>,
    status: String,
}

impl IntervalRow {
    pub fn into_interval(self) -> Result<Interval> {
        Ok(Interval {
            status: Status::parse(&self.status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", self.status)))?,
            service_id: self.service_id,
            start: self.start_at,
            end: self.end_at,
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
    opened_at: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    resolved_at: Option<DateTime<Utc>>,
    resolved_by: Option<String>,
    responders: Vec<String>,
    notes: Vec<String>,
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
            id: self.id,
            source: self.source,
            external_id: self.external_id,
            service_id: self.service_id,
            title: self.title,
            opened_at: self.opened_at,
            acknowledged_at: self.acknowledged_at,
            resolved_at: self.resolved_at,
            resolved_by: self.resolved_by,
            responders: self.responders,
            notes: self.notes,
            link: self.link,
        })
    }
}

#[derive(FromRow)]
pub(super) struct ChangeRow {
    id: String,
    source: String,
    service_id: Option<String>,
    at: DateTime<Utc>,
    summary: String,
}

impl ChangeRow {
    pub fn into_change(self) -> Change {
        Change {
            id: self.id,
            source: self.source,
            service_id: self.service_id,
            at: self.at,
            summary: self.summary,
        }
    }
}

#[derive(FromRow)]
pub(super) struct PersonRow {
    name: String,
    aliases: Vec<String>,
}

impl PersonRow {
    pub fn into_person(self) -> Person {
        Person {
            name: self.name,
            aliases: self.aliases,
        }
    }
}

#[derive(FromRow)]
pub(super) struct ThanksRow {
    id: Uuid,
    author: String,
    recipients: Vec<String>,
    message: String,
    incident_id: Option<String>,
    period_from: Option<DateTime<Utc>>,
    period_to: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    edited_at: Option<DateTime<Utc>>,
}

impl ThanksRow {
    pub fn into_thanks(self) -> ThankYou {
        ThankYou {
            id: self.id.to_string(),
            author: self.author,
            recipients: self.recipients,
            message: self.message,
            incident_id: self.incident_id,
            period_from: self.period_from,
            period_to: self.period_to,
            created_at: self.created_at,
            edited_at: self.edited_at,
            // Sample notes stay in the local database.
            is_demo: false,
        }
    }
}

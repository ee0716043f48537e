//! Unsung's storage behind one interface, so the app never cares which database it talks to.
//!
//! SQLite is the local store (WAL, migrated on open): the default, and the offline cache and
//! outbox when a team database is set. PostgreSQL is the team database: a second implementation
//! of the same [`Store`] trait, where each teammate connects as their own role and row-level
//! security decides who may write which note. [`open`] picks the backend from the URL; each
//! backend has its own migrations folder; one contract test suite runs against both.

mod columns;
mod error;
mod postgres;
mod rows;
mod sqlite;

pub use error::StoreError;
pub use postgres::{Member, PgStore, TeamInit};
pub use sqlite::{ChatChannel, ChatDelivery, MailRecipient, MailSend, Retry, SqliteStore, Waiting};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use unsung_core::{Dataset, Incident, Interval, Person, Service, ThankYou};

pub type Result<T> = std::result::Result<T, StoreError>;

/// A connected data source (the demo team is one, of kind `demo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRecord {
    pub name: String,
    pub kind: String,
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The source's settings and sync state, as JSON text the app reads (never a token).
    pub settings: String,
}

impl SourceRecord {
    /// A source with no settings yet (`{}`).
    pub fn new(name: &str, kind: &str, url: Option<String>, created_at: DateTime<Utc>) -> Self {
        SourceRecord {
            name: name.to_string(),
            kind: kind.to_string(),
            url,
            created_at,
            settings: "{}".to_string(),
        }
    }
}

/// How much a source brought, counted by the database (Settings → Sources lists this for every
/// source, so it must not read their data to count it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCounts {
    pub name: String,
    pub services: u64,
    pub incidents: u64,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Replaces everything `source` contributed (services, availability, incidents, changes and
    /// the names of its people) with `data`, in one transaction. People's aliases are kept.
    /// Notes are not source data: a dataset carrying notes is refused (see [`Store::insert_thanks`]).
    async fn replace_source(&self, source: &SourceRecord, data: &Dataset) -> Result<()>;
    /// Adds a source with no data yet, or updates its kind, URL and settings; its data stays.
    async fn save_source(&self, source: &SourceRecord) -> Result<()>;
    /// The source called `name`, if there is one.
    async fn source(&self, name: &str) -> Result<Option<SourceRecord>>;
    /// Everything `source` contributed, as [`Store::replace_source`] took it (no notes).
    async fn source_data(&self, source: &str) -> Result<Dataset>;
    /// Removes a source and everything it contributed; `false` if there was no such source.
    async fn remove_source(&self, source: &str) -> Result<bool>;
    async fn sources(&self) -> Result<Vec<SourceRecord>>;
    /// Every source's number of services and incidents, by name, in one query.
    async fn source_counts(&self) -> Result<Vec<SourceCounts>>;
    async fn services(&self) -> Result<Vec<Service>>;
    /// Availability intervals overlapping `[from, to)`.
    async fn intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Interval>>;
    /// Incidents opened in `[from, to)`, oldest first.
    async fn incidents_opened(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Incident>>;
    async fn incident(&self, id: &str) -> Result<Option<Incident>>;
    /// When the latest counted major incident opened before `before` was opened.
    async fn last_major_incident_at(&self, before: DateTime<Utc>) -> Result<Option<DateTime<Utc>>>;
    /// How many updates were shipped in `[from, to)`.
    async fn changes_count(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u64>;
    /// The team, by name: people sources named and people added in Settings.
    async fn people(&self) -> Result<Vec<Person>>;
    /// Adds a person, or replaces the aliases of the person with that name.
    async fn save_person(&self, person: &Person) -> Result<()>;
    /// `false` if there was nobody by that name.
    async fn remove_person(&self, name: &str) -> Result<bool>;
    /// The name this connection may post as: `None` when the store does not know who is
    /// connected (local SQLite), the teammate's name on a team database.
    async fn author_name(&self) -> Result<Option<String>>;
    /// Stores a note. Storing the same id twice keeps one note, so a retry never duplicates.
    async fn insert_thanks(&self, note: &ThankYou) -> Result<()>;
    async fn thanks_by_id(&self, id: &str) -> Result<Option<ThankYou>>;
    /// Replaces the recipients, message, incident, period and edit time of the note with
    /// `note.id` written by `note.author`. `false` if no such note of that author exists (on a
    /// team database, also when it is not the connected teammate's own note).
    async fn update_thanks(&self, note: &ThankYou) -> Result<bool>;
    /// Deletes the note `id` written by `author`; `false` as for [`Store::update_thanks`].
    async fn delete_thanks(&self, id: &str, author: &str) -> Result<bool>;
    /// Notes, newest first.
    async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYou>>;
    /// Notes created in `[from, to)`, newest first.
    async fn thanks_between(&self, from: DateTime<Utc>, to: DateTime<Utc>)
    -> Result<Vec<ThankYou>>;
}

/// True for URLs that name a PostgreSQL database.
pub fn is_postgres_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Opens the store a URL or path names: `postgres://…` (a team database, which must have been
/// set up with `unsung team init`), or `sqlite://…`, `sqlite:…` or a plain file path.
pub async fn open(location: &str) -> Result<Arc<dyn Store>> {
    if is_postgres_url(location) {
        return Ok(Arc::new(PgStore::open(location).await?));
    }
    Ok(Arc::new(SqliteStore::open(location).await?))
}

/// The refusal both backends give a dataset that carries notes.
pub(crate) fn refuse_notes_in(data: &Dataset) -> Result<()> {
    if data.thanks.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Unsupported(
            "notes are not part of a source's data: store them one by one".into(),
        ))
    }
}

/// A URL with its password replaced by `***`, fit for messages and logs.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            redact_url("postgres://ana:s3cr:et@db.example:5432/unsung?sslmode=require"),
            "postgres://ana:***@db.example:5432/unsung?sslmode=require"
        );
        assert_eq!(
            redact_url("postgres://ana@db/unsung"),
            "postgres://ana@db/unsung"
        );
        assert_eq!(redact_url("/tmp/unsung.db"), "/tmp/unsung.db");
    }
}

//! Unsung's storage behind one interface, so the app never cares which database it talks to.
//!
//! SQLite is the local default (WAL, migrated on open); a PostgreSQL team database is a second
//! implementation of the same [`Store`] trait, picked by [`open`] from the URL.

mod error;
mod sqlite;

pub use error::StoreError;
pub use sqlite::SqliteStore;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use unsung_core::{Dataset, Incident, Interval, Service, ThankYou};

pub type Result<T> = std::result::Result<T, StoreError>;

/// A connected data source (the demo team is one, of kind `demo`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRecord {
    pub name: String,
    pub kind: String,
    pub url: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// Replaces everything `source` contributed (services, availability, incidents, changes,
    /// people, and for the demo its notes) with `data`, in one transaction.
    async fn replace_source(&self, source: &SourceRecord, data: &Dataset) -> Result<()>;
    async fn sources(&self) -> Result<Vec<SourceRecord>>;
    async fn services(&self) -> Result<Vec<Service>>;
    /// Availability intervals overlapping `[from, to)`.
    async fn intervals(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Interval>>;
    /// Incidents opened in `[from, to)`, oldest first.
    async fn incidents_opened(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Incident>>;
    /// When the latest counted major incident opened before `before` was opened.
    async fn last_major_incident_at(&self, before: DateTime<Utc>) -> Result<Option<DateTime<Utc>>>;
    /// How many updates were shipped in `[from, to)`.
    async fn changes_count(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<u64>;
    async fn people(&self) -> Result<Vec<String>>;
    /// Stores a note. Storing the same id twice keeps one note, so a retry never duplicates.
    async fn insert_thanks(&self, note: &ThankYou) -> Result<()>;
    /// Notes, newest first.
    async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYou>>;
    /// Notes created in `[from, to)`, newest first.
    async fn thanks_between(&self, from: DateTime<Utc>, to: DateTime<Utc>)
    -> Result<Vec<ThankYou>>;
}

/// Opens the store a URL or path names: `sqlite://…`, `sqlite:…` or a plain file path.
pub async fn open(location: &str) -> Result<Arc<dyn Store>> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        return Err(StoreError::Unsupported(
            "a PostgreSQL team database is not supported yet; use a SQLite file for now".into(),
        ));
    }
    Ok(Arc::new(SqliteStore::open(location).await?))
}

//! PostgreSQL's column types for the shared rows (`crate::rows`): times are `timestamptz`,
//! lists are `text[]`, note ids are `uuid`.

use crate::rows;
use chrono::{DateTime, Utc};
use sqlx::types::Uuid;

pub(super) type SourceRow = rows::SourceRow<DateTime<Utc>>;
pub(super) type IntervalRow = rows::IntervalRow<DateTime<Utc>>;
pub(super) type IncidentRow = rows::IncidentRow<DateTime<Utc>, Vec<String>>;
pub(super) type ChangeRow = rows::ChangeRow<DateTime<Utc>>;
pub(super) type ExplanationRow = rows::ExplanationRow<DateTime<Utc>>;
pub(super) type PersonRow = rows::PersonRow<Vec<String>>;
pub(super) type ThanksRow = rows::ThanksRow<Uuid, DateTime<Utc>, Vec<String>>;

/// A source's columns; its jsonb settings are read back as text: the app owns their shape.
pub(super) const SOURCE_COLUMNS: &str = "name, kind, url, created_at, settings::text AS settings";

//! SQLite's column types for the shared rows (`crate::rows`): times are Unix seconds (UTC),
//! lists are JSON arrays, note ids are text (the writing side is `crate::columns`).

use crate::columns::Columns;
use crate::rows;
use chrono::{DateTime, Utc};
use sqlx::Sqlite;

pub(super) type SourceRow = rows::SourceRow<i64>;
pub(super) type IntervalRow = rows::IntervalRow<i64>;
pub(super) type IncidentRow = rows::IncidentRow<i64, String>;
pub(super) type ChangeRow = rows::ChangeRow<i64>;
pub(super) type ExplanationRow = rows::ExplanationRow<i64>;
pub(super) type PersonRow = rows::PersonRow<String>;
pub(super) type ThanksRow = rows::ThanksRow<String, i64, String>;

pub(super) fn seconds(at: DateTime<Utc>) -> i64 {
    Sqlite::time(at)
}

pub(super) fn to_json(list: &[String]) -> String {
    Sqlite::list(list)
}

/// A local note's columns: the shared ones and whether it is one of the demo's samples.
pub(super) const THANKS_COLUMNS: &str = "id, author, recipients, message, incident_id, period_from, period_to, created_at, edited_at, is_demo";

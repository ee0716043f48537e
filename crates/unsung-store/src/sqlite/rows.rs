//! SQLite's column types for the shared rows (`crate::rows`): times are Unix seconds (UTC),
//! lists are JSON arrays, note ids are text (the writing side is `crate::columns`).

use crate::columns::Columns;
use crate::rows;
use chrono::{DateTime, Utc};
use sqlx::Sqlite;

pub(super) type ThanksRow = rows::ThanksRow<String, i64, String>;

pub(super) fn seconds(at: DateTime<Utc>) -> i64 {
    Sqlite::time(at)
}

/// A local note's columns: the shared ones and whether it is one of the demo's samples.
pub(crate) const THANKS_COLUMNS: &str = "id, author, recipients, message, incident_id, period_from, period_to, created_at, edited_at, is_demo";

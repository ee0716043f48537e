//! Errors as both faces show them: a stable code to branch on, a plain message that names no
//! face's controls, and for the errors a face words its own way, the facts to word them with
//! ([`ErrorDetail`]): the `unsung` command names its flags, the window its fields, in the
//! reader's language.

use serde::Serialize;
use ts_rs::TS;
use unsung_store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// What the user typed or passed cannot be used; the message says what would work.
    InvalidInput,
    NotFound,
    /// Not the user's to do: changing someone else's note, or posting as someone else (the
    /// team database itself refuses these).
    Forbidden,
    /// The team database cannot be reached now; try again later. Posting still works: notes
    /// wait in the outbox.
    Offline,
    /// The database could not be opened, read or written.
    Storage,
    /// A source answered badly, refused the token, or kept failing; earlier data is kept.
    SourceFailed,
    Internal,
}

/// A setting a source needs before it can be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceSetting {
    /// Where the source answers (a web address).
    Url,
    /// The CSV file to read.
    File,
    /// An Uptime Kuma status page's name in its address.
    Slug,
    /// The Prometheus query: a 0/1 series such as `probe_success`.
    Query,
    /// GitHub: the repositories to read, each `owner/name`.
    Repos,
}

impl From<unsung_sources::Setting> for SourceSetting {
    fn from(setting: unsung_sources::Setting) -> SourceSetting {
        match setting {
            unsung_sources::Setting::Url => SourceSetting::Url,
            unsung_sources::Setting::File => SourceSetting::File,
            unsung_sources::Setting::Slug => SourceSetting::Slug,
            unsung_sources::Setting::Query => SourceSetting::Query,
            unsung_sources::Setting::Repos => SourceSetting::Repos,
        }
    }
}

/// What exactly went wrong, with the facts each face needs to say it in its own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ErrorDetail {
    /// A source of this kind needs this setting.
    SettingNeeded {
        kind: String,
        setting: SourceSetting,
    },
    /// A source of this kind needs a read-only API token, and none is set.
    TokenNeeded { kind: String },
    /// A source of this kind takes no token.
    TokenNotTaken { kind: String },
    /// This source's token is gone (never set, or removed from the keychain).
    NoTokenSet { source: String },
    /// This source was saved without settings: it has to be added again.
    NoSettings { source: String },
    /// There is no source by this name.
    NoSuchSource { source: String },
    /// The local database was given a PostgreSQL address (that is the team database's place).
    LocalDbIsPostgres,
    /// The team database was given at start; Settings cannot change it meanwhile.
    TeamDbSetAtStart,
    /// There is no home folder to keep the local database in.
    NoHomeFolder,
}

/// Crosses IPC as `{code, message, detail}`; the UI branches on `code` (and words `detail`),
/// never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    /// Plain English naming no face's controls (no flags, no buttons): logs, and the fallback.
    pub message: String,
    pub detail: Option<ErrorDetail>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError {
            code,
            message: message.into(),
            detail: None,
        }
    }

    /// An error a face words itself from `detail`; `message` is its plain English fallback.
    pub fn detailed(code: ErrorCode, detail: ErrorDetail) -> AppError {
        let message = match &detail {
            ErrorDetail::SettingNeeded { kind, setting } => {
                let what = match setting {
                    SourceSetting::Url => "its web address",
                    SourceSetting::File => "the CSV file to read",
                    SourceSetting::Slug => "the status page's name in its address",
                    SourceSetting::Query => "a query for a 0/1 series, such as probe_success",
                    SourceSetting::Repos => "at least one repository, such as owner/name",
                };
                format!("A {kind} source needs {what}")
            }
            ErrorDetail::TokenNeeded { kind } => {
                format!("A {kind} source needs a read-only API token")
            }
            ErrorDetail::TokenNotTaken { kind } => format!("A {kind} source takes no token"),
            ErrorDetail::NoTokenSet { source } => format!("No token is set for \"{source}\""),
            ErrorDetail::NoSettings { source } => {
                format!("\"{source}\" has no settings: add it again")
            }
            ErrorDetail::NoSuchSource { source } => {
                format!("There is no source called \"{source}\"")
            }
            ErrorDetail::LocalDbIsPostgres => "The local database is a SQLite file; a PostgreSQL \
                 database is given as the team database instead"
                .into(),
            ErrorDetail::TeamDbSetAtStart => "The team database was given when Unsung started; \
                 it cannot be changed in Settings meanwhile"
                .into(),
            ErrorDetail::NoHomeFolder => "There is no home folder to keep the database in".into(),
        };
        AppError {
            code,
            message,
            detail: Some(detail),
        }
    }

    pub fn invalid(message: impl Into<String>) -> AppError {
        AppError::new(ErrorCode::InvalidInput, message)
    }

    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError::new(ErrorCode::NotFound, message)
    }

    pub fn forbidden(message: impl Into<String>) -> AppError {
        AppError::new(ErrorCode::Forbidden, message)
    }

    pub fn internal(message: impl Into<String>) -> AppError {
        AppError::new(ErrorCode::Internal, message)
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        let code = match error {
            StoreError::Unsupported(_) => ErrorCode::InvalidInput,
            StoreError::Unreachable(_) => ErrorCode::Offline,
            StoreError::Refused(_) => ErrorCode::Forbidden,
            _ => ErrorCode::Storage,
        };
        AppError::new(code, error.to_string())
    }
}

//! Errors as both faces show them: a stable code to branch on and a message to show as is.

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

/// Crosses IPC as `{code, message}`; the UI branches on `code`, never on `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn invalid(message: impl Into<String>) -> AppError {
        AppError {
            code: ErrorCode::InvalidInput,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> AppError {
        AppError {
            code: ErrorCode::NotFound,
            message: message.into(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> AppError {
        AppError {
            code: ErrorCode::Forbidden,
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> AppError {
        AppError {
            code: ErrorCode::Internal,
            message: message.into(),
        }
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
        AppError {
            code,
            message: error.to_string(),
        }
    }
}

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
    /// The database could not be opened, read or written.
    Storage,
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
            _ => ErrorCode::Storage,
        };
        AppError {
            code,
            message: error.to_string(),
        }
    }
}

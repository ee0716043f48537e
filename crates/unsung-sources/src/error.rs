//! Why a source could not be read, as one line a person can act on. Messages never carry a
//! token: they are built from what went wrong, never from request headers.

/// What kind of trouble, so faces can choose an icon or an exit code without reading text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceErrorKind {
    /// The settings are incomplete or wrong (no URL, a bad query, an unreadable file).
    Invalid,
    /// The token was refused.
    Unauthorized,
    /// Still rate-limited after the waiting budget was spent.
    RateLimited,
    /// The host could not be reached (no network, wrong address, refused connection).
    Unreachable,
    /// The source took too long to answer, every time it was asked.
    Timeout,
    /// The source kept failing on its side (5xx).
    ServerError,
    /// The address answered, but not with what this source serves (404, another app).
    NotFound,
    /// The answer was malformed, truncated or too large.
    BadResponse,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SourceError {
    pub kind: SourceErrorKind,
    /// One sentence of what happened, then what to do.
    pub message: String,
}

impl SourceError {
    pub fn new(kind: SourceErrorKind, message: impl Into<String>) -> SourceError {
        SourceError {
            kind,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> SourceError {
        SourceError::new(SourceErrorKind::Invalid, message)
    }

    /// An answer whose shape was not what the source documents.
    pub fn bad_response(host: &str, what: impl std::fmt::Display) -> SourceError {
        SourceError::new(
            SourceErrorKind::BadResponse,
            format!(
                "{host} sent an answer Unsung could not read ({what}). Nothing was changed; \
                 check that the address points at the right tool, then sync again."
            ),
        )
    }
}

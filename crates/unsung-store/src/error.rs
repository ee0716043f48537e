//! What can go wrong with storage, in words that say what to do about it.
//!
//! Two kinds matter to the callers beyond the message: [`StoreError::Unreachable`] (the
//! database could not be reached: keep the work and try later) and [`StoreError::Refused`]
//! (the database said no: trying again will not help).

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {location}: {reason}")]
    Open { location: String, reason: String },
    #[error("cannot bring the database up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The server is down, shutting down, or cannot be reached over the network.
    #[error("the database cannot be reached: {0}")]
    Unreachable(String),
    /// The database refused the change for lack of permission: for a team database, row-level
    /// security stopping someone from posting as, or changing the note of, someone else.
    #[error("the database refused this: {0}")]
    Refused(String),
    /// The team database has no Unsung tables yet, or this role may not use them.
    #[error("{0}")]
    NotSetUp(String),
    #[error("database error: {0}")]
    Query(sqlx::Error),
    #[error(
        "the database holds a value Unsung does not understand ({0}); it may come from a newer version"
    )]
    Corrupt(String),
    #[error("{0}")]
    Unsupported(String),
}

impl StoreError {
    /// True when trying the same thing again cannot work: the database refused it, or the data
    /// breaks one of its rules. False for what may pass later (the database was unreachable,
    /// or an unexpected error).
    pub fn is_permanent(&self) -> bool {
        match self {
            StoreError::Refused(_) | StoreError::Unsupported(_) | StoreError::Corrupt(_) => true,
            // 22: data exception; 23: integrity constraint violation.
            StoreError::Query(sqlx::Error::Database(db)) => db
                .code()
                .is_some_and(|code| code.starts_with("22") || code.starts_with("23")),
            _ => false,
        }
    }
}

/// SQLSTATE classes and codes that mean "not reachable now" rather than "wrong".
fn is_unavailable(code: &str) -> bool {
    // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now;
    // 53300: too many connections.
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> StoreError {
        match &error {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => StoreError::Unreachable(error.to_string()),
            sqlx::Error::Database(db) => match db.code().as_deref() {
                Some(code) if is_unavailable(code) => StoreError::Unreachable(db.message().into()),
                // 42501: insufficient privilege, which is also what a row-level security
                // policy's WITH CHECK failure reports.
                Some("42501") => StoreError::Refused(db.message().into()),
                _ => StoreError::Query(error),
            },
            _ => StoreError::Query(error),
        }
    }
}

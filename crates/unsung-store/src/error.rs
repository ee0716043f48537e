//! What can go wrong with storage, in words that say what to do about it.

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {location}: {reason}")]
    Open { location: String, reason: String },
    #[error("cannot bring the database up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    #[error(
        "the database holds a value Unsung does not understand ({0}); it may come from a newer version"
    )]
    Corrupt(String),
    #[error("{0}")]
    Unsupported(String),
}

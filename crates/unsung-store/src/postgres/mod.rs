//! The PostgreSQL store: the team database. Each teammate connects as their own role; the
//! schema (migrations/postgres, applied by `team.rs` as the admin) enforces who wrote what with
//! row-level security, so this code never has to be trusted to check authorship.

mod team;

pub use team::{Member, TeamInit};

use crate::columns::bind_note;
use crate::rows::NOTE_COLUMNS;
use crate::shared::{OnPool, Posting};
use crate::{Result, StoreError, redact_url};
use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool, Postgres};
use std::str::FromStr;
use std::time::Duration;
use unsung_core::ThankYou;

/// The schema version this build reads and writes (`unsung.meta.schema_version`).
pub const SCHEMA_VERSION: i32 = 3;

/// How long to wait for the team database before treating it as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

pub struct PgStore {
    pool: PgPool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").finish_non_exhaustive()
    }
}

/// Connects a small pool; the password may come from the URL, `PGPASSWORD` or `~/.pgpass`.
pub(crate) async fn connect(url: &str, max_connections: u32) -> Result<PgPool> {
    let open_error = |reason: String| StoreError::Open {
        location: redact_url(url),
        reason,
    };
    let options = PgConnectOptions::from_str(url).map_err(|e| open_error(e.to_string()))?;
    let classify = |error: sqlx::Error| match StoreError::from(error) {
        StoreError::Query(error) => open_error(error.to_string()),
        other => other,
    };
    // One plain connection first: unlike the pool, it does not retry a refused connection
    // until its timeout, so an offline database is known at once.
    let probe = tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect_with(&options))
        .await
        .map_err(|_| StoreError::Unreachable(format!("no answer within {CONNECT_TIMEOUT:?}")))?
        .map_err(classify)?;
    let _ = probe.close().await;
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(classify)
}

impl PgStore {
    /// Connects to a team database that `unsung team init` has set up, as the role in `url`.
    pub async fn open(url: &str) -> Result<PgStore> {
        let pool = connect(url, 4).await?;
        let version: Option<i32> =
            match sqlx::query_scalar("SELECT schema_version FROM unsung.meta")
                .fetch_optional(&pool)
                .await
            {
                Ok(version) => version,
                Err(sqlx::Error::Database(e))
                    if matches!(e.code().as_deref(), Some("42P01" | "3F000" | "42501")) =>
                {
                    return Err(StoreError::NotSetUp(format!(
                        "the team database at {} is not set up for this role ({}); ask its admin \
                         to run `unsung team init --admin-url URL --member ROLE`",
                        redact_url(url),
                        e.message()
                    )));
                }
                Err(e) => return Err(e.into()),
            };
        match version {
            Some(SCHEMA_VERSION) => Ok(PgStore {
                    pool,
            }),
            Some(newer) if newer > SCHEMA_VERSION => Err(StoreError::Unsupported(format!(
                "the team database was set up by a newer Unsung (schema {newer}); update Unsung"
            ))),
            _ => Err(StoreError::NotSetUp(
                "the team database's schema is out of date; ask its admin to run `unsung team init` again"
                    .into(),
            )),
        }
    }
}

impl OnPool for PgStore {
    type Db = Postgres;

    fn pool(&self) -> &PgPool {
        &self.pool
    }
}

#[async_trait]
impl Posting for PgStore {
    async fn author_name(&self) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT unsung.my_name()")
            .fetch_one(&self.pool)
            .await?)
    }

    async fn insert_thanks(&self, note: &ThankYou) -> Result<()> {
        if note.is_demo {
            return Err(StoreError::Unsupported(
                "sample notes stay in the local database".into(),
            ));
        }
        bind_note(
            sqlx::query(&format!(
                "INSERT INTO unsung.thanks ({NOTE_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING"
            )),
            note,
        )?
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

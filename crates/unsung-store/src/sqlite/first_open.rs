//! Bringing a local database up to date exactly once, however many processes open it at once.
//!
//! sqlx's migrator takes no lock on SQLite, so two processes opening a new file together (the
//! desktop app and a cron job on a new machine, or ten `unsung thanks post` started at once)
//! each saw migration 1 as not applied and ran it: "table sources already exists". Here every
//! opener first takes an exclusive OS lock on a file beside the database (`<db>-migrate.lock`,
//! `flock` on Linux, `LockFileEx` on Windows), creates the file and runs the migrations while
//! holding it, and lets go: the first one migrates, the others wait and find nothing to do.
//! The lock lives in its own file because closing any descriptor of the database file itself
//! would drop SQLite's own POSIX locks held by this process.

use crate::{Result, StoreError};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

static MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

/// The file whose lock every opener of `database` holds while it creates and migrates it.
pub fn lock_file_of(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push("-migrate.lock");
    PathBuf::from(name)
}

/// Held while a database is created and migrated; dropping it lets the next opener in.
struct MigrationLock(#[allow(dead_code)] Option<File>);

/// Waits (off the async threads) for the exclusive lock beside `database`. An in-memory
/// database belongs to one connection pool, so it needs none.
async fn lock(database: &Path) -> std::io::Result<MigrationLock> {
    if database == Path::new(":memory:") || database.as_os_str().is_empty() {
        return Ok(MigrationLock(None));
    }
    let path = lock_file_of(database);
    tokio::task::spawn_blocking(move || {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        Ok(MigrationLock(Some(file)))
    })
    .await
    .map_err(std::io::Error::other)?
}

/// Connects a pool to the database `options` names, creating and migrating it under the lock.
pub(super) async fn open_migrated(
    options: &SqliteConnectOptions,
    max_connections: u32,
    open_error: impl Fn(String) -> StoreError,
) -> Result<SqlitePool> {
    let held = lock(options.get_filename())
        .await
        .map_err(|e| open_error(format!("cannot lock it to bring it up to date: {e}")))?;
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .connect_with(options.clone())
        .await
        .map_err(|e| open_error(e.to_string()))?;
    let migrated = MIGRATIONS.run(&pool).await;
    drop(held);
    migrated?;
    Ok(pool)
}

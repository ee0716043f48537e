//! The link to the team database: chosen by URL (`--team-db`, `UNSUNG_TEAM_DB`, or Settings),
//! connected on first use, and given a short rest after it could not be reached so that an
//! offline laptop does not wait on it for every note. Its password is never stored by Unsung:
//! it comes from the URL given at start, `PGPASSWORD`, or PostgreSQL's own `~/.pgpass`.

use crate::dto::TeamStatus;
use crate::{App, AppError, Result};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use unsung_store::{Member, PgStore, Store, StoreError, is_postgres_url, redact_url};

/// The setting that holds the team database's URL (never with a password).
pub(crate) const TEAM_DB_SETTING: &str = "team_db";
/// The last name the team database said this computer signs with, for when it is offline.
pub(crate) const ME_SETTING: &str = "team_me";
/// After the database could not be reached, how long to queue notes without trying again
/// (an explicit "send now" or `unsung sync` always tries).
const REST_AFTER_FAILURE: Duration = Duration::from_secs(30);

/// Who chose the team database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetBy {
    /// `--team-db` or `UNSUNG_TEAM_DB`: fixed for this run.
    Start,
    Settings,
}

pub(crate) struct TeamLink {
    url: String,
    pub set_by: SetBy,
    store: tokio::sync::Mutex<Option<Arc<dyn Store>>>,
    resting_until: Mutex<Option<(Instant, String)>>,
}

impl std::fmt::Debug for TeamLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TeamLink")
            .field("url", &redact_url(&self.url))
            .field("set_by", &self.set_by)
            .finish_non_exhaustive()
    }
}

impl TeamLink {
    pub fn new(url: String, set_by: SetBy) -> TeamLink {
        TeamLink {
            url,
            set_by,
            store: tokio::sync::Mutex::new(None),
            resting_until: Mutex::new(None),
        }
    }

    pub fn shown_url(&self) -> String {
        redact_url(&self.url)
    }

    /// The team store, connecting if needed. Unless `now` is set, a database that could not
    /// be reached a moment ago is not tried again yet.
    pub async fn connect(&self, now: bool) -> std::result::Result<Arc<dyn Store>, StoreError> {
        if !now && let Some(reason) = self.resting() {
            return Err(StoreError::Unreachable(reason));
        }
        let mut slot = self.store.lock().await;
        if let Some(store) = slot.as_ref() {
            return Ok(store.clone());
        }
        match unsung_store::open(&self.url).await {
            Ok(store) => {
                *slot = Some(store.clone());
                self.clear_rest();
                Ok(store)
            }
            Err(error) => {
                self.saw(&error);
                Err(error)
            }
        }
    }

    /// Notes an error from the team store: an unreachable database gets a rest.
    pub fn saw(&self, error: &StoreError) {
        if let StoreError::Unreachable(reason) = error
            && let Ok(mut rest) = self.resting_until.lock()
        {
            *rest = Some((Instant::now() + REST_AFTER_FAILURE, reason.clone()));
        }
    }

    fn clear_rest(&self) {
        if let Ok(mut rest) = self.resting_until.lock() {
            *rest = None;
        }
    }

    fn resting(&self) -> Option<String> {
        let rest = self.resting_until.lock().ok()?;
        match rest.as_ref() {
            Some((until, reason)) if Instant::now() < *until => Some(reason.clone()),
            _ => None,
        }
    }
}

/// What setting a team database up did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSetup {
    /// The URL without its password.
    pub url: String,
    pub schema_version: i32,
    /// Every member, as (role, the name their notes are signed with).
    pub members: Vec<(String, String)>,
}

/// Creates or updates a team database's schema, roles and policies, and adds `members`
/// (`ROLE` or `ROLE=Name`), connected as its admin. Safe to run again.
pub async fn init_team_database(admin_url: &str, members: &[String]) -> Result<TeamSetup> {
    if !is_postgres_url(admin_url) {
        return Err(AppError::invalid(
            "--admin-url must be a PostgreSQL URL, such as postgres://admin@db.example.org/unsung",
        ));
    }
    let members = members
        .iter()
        .map(|m| Member::parse(m).map_err(AppError::invalid))
        .collect::<Result<Vec<_>>>()?;
    let done = PgStore::init_team(admin_url, &members).await?;
    Ok(TeamSetup {
        url: redact_url(admin_url),
        schema_version: done.schema_version,
        members: done.members.into_iter().map(|m| (m.role, m.name)).collect(),
    })
}

/// Checks a URL for the team database before it is kept in Settings.
fn check_settings_url(url: &str) -> Result<()> {
    if !is_postgres_url(url) {
        return Err(AppError::invalid(
            "The team database is a PostgreSQL URL, such as postgres://ana@db.example.org/unsung",
        ));
    }
    if redact_url(url) != url {
        return Err(AppError::invalid(
            "Leave the password out of the URL: Unsung keeps no passwords in its settings. \
             Put it in ~/.pgpass (PostgreSQL's password file) or in PGPASSWORD",
        ));
    }
    Ok(())
}

impl App {
    pub(crate) fn team(&self) -> Option<Arc<TeamLink>> {
        self.team.read().ok().and_then(|team| team.clone())
    }

    /// The name notes are signed with on the team database, asked fresh when it is reachable
    /// and remembered for when it is not.
    pub(crate) async fn team_me(&self, team: &TeamLink, now: bool) -> Result<Option<String>> {
        match team.connect(now).await {
            Ok(store) => match store.author_name().await {
                Ok(me) => {
                    self.local.set_setting(ME_SETTING, me.as_deref()).await?;
                    Ok(me)
                }
                Err(error) => {
                    team.saw(&error);
                    Ok(self.local.setting(ME_SETTING).await?)
                }
            },
            Err(_) => Ok(self.local.setting(ME_SETTING).await?),
        }
    }

    /// Where the team database stands, trying to reach it.
    pub async fn team_status(&self) -> Result<TeamStatus> {
        let waiting = self.local.waiting().await?;
        let refused = waiting.iter().filter(|w| w.refused).count() as u32;
        let Some(team) = self.team() else {
            return Ok(TeamStatus {
                configured: false,
                url: None,
                set_by: None,
                reachable: false,
                me: None,
                waiting: waiting.len() as u32 - refused,
                refused,
                problem: None,
            });
        };
        let reached = team.connect(true).await;
        let problem = reached.as_ref().err().map(|e| e.to_string());
        let me = self.team_me(&team, false).await?;
        Ok(TeamStatus {
            configured: true,
            url: Some(team.shown_url()),
            set_by: Some(
                match team.set_by {
                    SetBy::Start => "start",
                    SetBy::Settings => "settings",
                }
                .into(),
            ),
            reachable: reached.is_ok(),
            me,
            waiting: waiting.len() as u32 - refused,
            refused,
            problem,
        })
    }

    /// Sets (or with `None`, clears) the team database in Settings, and uses it from now on.
    pub async fn set_team_db(&self, url: Option<String>) -> Result<TeamStatus> {
        if self.team().is_some_and(|t| t.set_by == SetBy::Start) {
            return Err(AppError::detailed(
                crate::ErrorCode::InvalidInput,
                crate::ErrorDetail::TeamDbSetAtStart,
            ));
        }
        let url = url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
        if let Some(url) = &url {
            check_settings_url(url)?;
        }
        self.local
            .set_setting(TEAM_DB_SETTING, url.as_deref())
            .await?;
        self.local.set_setting(ME_SETTING, None).await?;
        let link = url.map(|url| Arc::new(TeamLink::new(url, SetBy::Settings)));
        if let Ok(mut team) = self.team.write() {
            *team = link;
        }
        self.team_status().await
    }
}

#[cfg(test)]
mod tests {
    use super::check_settings_url;

    #[test]
    fn settings_keep_no_password() {
        assert!(check_settings_url("postgres://ana@db.example.org/unsung").is_ok());
        let error = check_settings_url("postgres://ana:pw@db.example.org/unsung").unwrap_err();
        assert!(error.message.contains("~/.pgpass"), "{}", error.message);
        assert!(!error.message.contains("pw@"));
        assert!(check_settings_url("/tmp/team.db").is_err());
    }
}

//! The link to the team database: chosen by URL (`--team-db`, `UNSUNG_TEAM_DB`, or Settings),
//! connected on first use (or in the background as the desktop app starts, so the first view
//! never waits for it), and given a short rest after it could not be reached so that an
//! offline laptop does not wait on it for every note. Its password is never stored by Unsung:
//! it comes from the URL given at start, `PGPASSWORD`, or PostgreSQL's own `~/.pgpass`.

use crate::dto::{TeamReach, TeamStatus};
use crate::{App, AppError, Result};
use std::sync::atomic::{AtomicUsize, Ordering};
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
    /// The team store once connected (never held across an await).
    store: Mutex<Option<Arc<dyn Store>>>,
    /// One connection attempt at a time.
    dialing: tokio::sync::Mutex<()>,
    /// How many connection attempts are under way or about to start: while any is, the team
    /// database is "being reached", and nothing that can go on without it waits for it.
    reaching: Arc<AtomicUsize>,
    resting_until: Mutex<Option<(Instant, String)>>,
}

/// Counts one attempt to reach the team database for as long as it lives (even if the attempt
/// is dropped half-way).
struct Attempt(Arc<AtomicUsize>);

impl Attempt {
    fn start(reaching: &Arc<AtomicUsize>) -> Attempt {
        reaching.fetch_add(1, Ordering::SeqCst);
        Attempt(Arc::clone(reaching))
    }
}

impl Drop for Attempt {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
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
            store: Mutex::new(None),
            dialing: tokio::sync::Mutex::new(()),
            reaching: Arc::new(AtomicUsize::new(0)),
            resting_until: Mutex::new(None),
        }
    }

    pub fn shown_url(&self) -> String {
        redact_url(&self.url)
    }

    fn connected(&self) -> Option<Arc<dyn Store>> {
        self.store.lock().ok().and_then(|store| store.clone())
    }

    /// Where the link stands now, without waiting for anything.
    pub fn reach(&self) -> TeamReach {
        if self.connected().is_some() {
            TeamReach::Reached
        } else if self.reaching.load(Ordering::SeqCst) > 0 {
            TeamReach::Reaching
        } else {
            TeamReach::Unreachable
        }
    }

    /// Starts connecting in the background, unless connected, already connecting, or resting
    /// after a failure. Returns at once: the first view never waits for the team database.
    pub fn reach_in_background(self: &Arc<Self>) {
        if self.connected().is_some()
            || self.reaching.load(Ordering::SeqCst) > 0
            || self.resting().is_some()
        {
            return;
        }
        // Counted before the task starts, so whoever looks right after sees it under way.
        let attempt = Attempt::start(&self.reaching);
        let link = Arc::clone(self);
        tokio::spawn(async move {
            let _ = link.connect(true).await;
            drop(attempt);
        });
    }

    /// The team store, connecting if needed. Unless `now` is set, a database that could not
    /// be reached a moment ago, or is being reached right now, is not waited for.
    pub async fn connect(&self, now: bool) -> std::result::Result<Arc<dyn Store>, StoreError> {
        if let Some(store) = self.connected() {
            return Ok(store);
        }
        if !now {
            if let Some(reason) = self.resting() {
                return Err(StoreError::Unreachable(reason));
            }
            if self.reaching.load(Ordering::SeqCst) > 0 {
                return Err(StoreError::Unreachable(
                    "the team database is still being reached".into(),
                ));
            }
        }
        let _one_at_a_time = self.dialing.lock().await;
        if let Some(store) = self.connected() {
            return Ok(store);
        }
        let _attempt = Attempt::start(&self.reaching);
        match unsung_store::open(&self.url).await {
            Ok(store) => {
                if let Ok(mut slot) = self.store.lock() {
                    *slot = Some(store.clone());
                }
                self.clear_rest();
                Ok(store)
            }
            Err(error) => {
                self.saw(&error);
                Err(error)
            }
        }
    }

    /// Notes an error from the team store: an unreachable database gets a rest, and the
    /// connection it was reached by is let go, so the notes that follow are queued at once
    /// instead of each waiting out the pool's timeout on a server that went away.
    pub fn saw(&self, error: &StoreError) {
        let StoreError::Unreachable(reason) = error else {
            return;
        };
        if let Ok(mut store) = self.store.lock() {
            *store = None;
        }
        if let Ok(mut rest) = self.resting_until.lock() {
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

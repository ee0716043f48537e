//! The use cases of Unsung, written once and called by both faces (the desktop shell and the
//! `unsung` command): load the demo team, count a period, tell its story, thank a teammate,
//! keep the team's people, and work with a team database (online or not).
//!
//! Faces never reach the store directly; they call [`App`] and get plain data or an
//! [`AppError`] with a stable code. The local SQLite store is always there; a team database,
//! when set, holds the team's notes and synced data, and the local store keeps a copy of them
//! and an outbox of notes waiting to be sent.

mod chat;
pub mod dto;
mod email;
mod error;
mod explain;
mod inputs;
mod outbox;
mod overview;
mod people;
mod period_data;
mod preferences;
mod secrets;
pub mod share;
mod sources;
mod sync;
mod team;
mod thanks;
mod zones;

pub use chat::{ChannelView, ChatReport, NewChannel};
pub use chrono_tz::Tz;
pub use email::{
    EmailSettingsInput, EmailSettingsView, MailOutcome, MailRecipientEntry, MailResult,
    MailSendView, MailTo,
};
pub use error::{AppError, ErrorCode, ErrorDetail, SourceSetting};
pub use explain::{MAX_EXPLANATION_CHARS, MAX_SERVICE_NAME_CHARS};
pub use inputs::{Clock, default_db_location, parse_instant, resolve_tz};
pub use secrets::TokenHome;
pub use share::{
    CardSize, Reader, SavedShare, ShareFormat, ShareOptions, SharePreview, SharedFile,
};
pub use sync::SyncReport;
pub use team::{TeamSetup, init_team_database};
pub use unsung_core::coach::{Coaching, JargonHit, Span};
pub use unsung_core::locale::Lang;
pub use unsung_core::period::{PeriodKind, PeriodUnit, TimeRange};
pub use unsung_core::readability::{MAX_GRADE, MIN_READING_EASE};
pub use unsung_core::stats::{StatsReport, rfc3339};
pub use unsung_core::story::{Audience, Story};
pub use unsung_core::working_hours::WorkingHours;
pub use unsung_store::{Retry, SourceRecord};
pub use zones::canonical_zone;

use chrono::{DateTime, SubsecRound, Utc};
use std::sync::{Arc, RwLock};
use team::{SetBy, TEAM_DB_SETTING, TeamLink};
use unsung_core::demo;
use unsung_core::story::{self, StoryRequest};
use unsung_store::{SqliteStore, Store, is_postgres_url};

/// Loads what the first story most likely needs (English messages, plural rules and number
/// formats) ahead of time, so the first overview does not wait for it. Meant for a background
/// thread at start-up, while the window is still being built; another language loads when it
/// is first asked for, as before, so start-up does no work a reader may never use.
pub fn prepare_languages() {
    let _ = unsung_core::locale::locale(Lang::En);
}

pub type Result<T> = std::result::Result<T, AppError>;

pub struct App {
    /// The local database: the default store, the copy of the team's data and the outbox.
    local: Arc<SqliteStore>,
    /// Where source tokens are kept: the keychain, or a private file beside the database.
    secrets: secrets::Secrets,
    /// The team database, when one is set.
    team: RwLock<Option<Arc<TeamLink>>>,
    clock: Clock,
    /// The zone given at start (`--tz`), which wins over the one in Settings.
    tz_given: Option<Tz>,
    /// This machine's zone, used when none is given or chosen.
    machine_tz: Tz,
    /// The reader's settings (name, zone, working hours, weekly notice).
    prefs: RwLock<preferences::Stored>,
    /// The periods read last, reused while the database is unchanged.
    periods: period_data::PeriodCache,
}

/// How to open the app.
#[derive(Clone)]
pub struct Config {
    /// The local SQLite database: a `sqlite:` URL or a file path.
    pub db: String,
    /// The team database given at start (`--team-db` or `UNSUNG_TEAM_DB`); without it, the
    /// one set in Settings, if any.
    pub team_db: Option<String>,
    pub clock: Clock,
    /// The zone to show dates in; this machine's if `None`.
    pub tz: Option<Tz>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("db", &self.db)
            .field(
                "team_db",
                &self.team_db.as_deref().map(unsung_store::redact_url),
            )
            .field("clock", &self.clock)
            .field("tz", &self.tz)
            .finish()
    }
}

/// What loading the demo team put in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub services: usize,
    pub incidents: usize,
    pub thanks: usize,
}

impl App {
    /// Opens the local store at `location` (a `sqlite:` URL or a file path), creating and
    /// migrating it; the team database is the one in Settings, if any.
    pub async fn open(location: &str, clock: Clock) -> Result<App> {
        App::start(Config {
            db: location.to_string(),
            team_db: None,
            clock,
            tz: None,
        })
        .await
    }

    /// Opens the app as `config` says. The team database is not contacted yet: the app works
    /// without it, and reaches it when there is something to send or read.
    pub async fn start(config: Config) -> Result<App> {
        if is_postgres_url(&config.db) {
            return Err(AppError::detailed(
                ErrorCode::InvalidInput,
                ErrorDetail::LocalDbIsPostgres,
            ));
        }
        let local = Arc::new(SqliteStore::open(&config.db).await?);
        let team = match config.team_db.filter(|url| !url.trim().is_empty()) {
            Some(url) => Some(TeamLink::new(url.trim().to_string(), SetBy::Start)),
            None => local
                .setting(TEAM_DB_SETTING)
                .await?
                .map(|url| TeamLink::new(url, SetBy::Settings)),
        };
        let prefs = RwLock::new(App::load_preferences(&local).await?);
        Ok(App {
            prefs,
            secrets: secrets::Secrets::beside(&config.db),
            local,
            team: RwLock::new(team.map(Arc::new)),
            clock: config.clock,
            tz_given: config.tz,
            machine_tz: resolve_tz(None)?,
            periods: period_data::PeriodCache::default(),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Now, to the second: both databases keep times to the second alike.
    pub(crate) fn now_to_the_second(&self) -> DateTime<Utc> {
        self.now().trunc_subsecs(0)
    }

    /// SQLite's check of the local database file: `["ok"]` when it is sound.
    pub async fn check_local_database(&self) -> Result<Vec<String>> {
        Ok(self.local.integrity_check().await?)
    }

    /// Loads (or refreshes) the demo team so its 90 days end now, in the local database only.
    /// The user's own notes stay.
    pub async fn load_demo(&self) -> Result<DemoSummary> {
        let mut data = demo::dataset(self.now());
        let samples = std::mem::take(&mut data.thanks);
        let source = SourceRecord::new(demo::SOURCE, demo::SOURCE, None, self.now());
        self.local.replace_source(&source, &data).await?;
        self.local.replace_sample_notes(&samples).await?;
        // The teammates' texts, once each: what someone changed since stays as they wrote it.
        let written = self.local.explanations().await?;
        for explanation in demo::explanations(self.now()) {
            if !written
                .iter()
                .any(|w| w.incident_id == explanation.incident_id)
            {
                self.local.save_explanation(&explanation).await?;
            }
        }
        Ok(DemoSummary {
            services: data.services.len(),
            incidents: data.incidents.len(),
            thanks: samples.len(),
        })
    }

    /// What the desktop app does on start: with no real source connected, show the demo
    /// team, brought up to date so its history ends today. A team database is only started
    /// being reached, in the background: the first view shows the local copy and never waits
    /// for it (one that never answers used to hold the window for 5 s). The shell then calls
    /// [`App::sync_team`] off the first view's path.
    pub async fn prepare_first_view(&self) -> Result<()> {
        if let Some(team) = self.team() {
            team.reach_in_background();
        }
        let sources = self.local.sources().await?;
        if sources.iter().all(|s| s.kind == demo::SOURCE) {
            self.load_demo().await?;
        }
        Ok(())
    }

    pub async fn is_demo(&self) -> Result<bool> {
        let sources = self.local.sources().await?;
        Ok(!sources.is_empty() && sources.iter().all(|s| s.kind == demo::SOURCE))
    }

    /// The figures of `[range.from, range.to)` read in `tz`, as `unsung stats --json` prints them.
    pub async fn stats(&self, range: TimeRange, tz: Tz) -> Result<StatsReport> {
        let data = self.period_data(range).await?;
        Ok(data.report(range, tz, &self.working_hours(), self.now()))
    }

    /// The story of `[range.from, range.to)` read in `tz`, for `audience`, in `lang`. Only the
    /// part of the range that has happened is told, compared with the same stretch before it.
    pub async fn story(
        &self,
        range: TimeRange,
        tz: Tz,
        audience: Audience,
        lang: Lang,
    ) -> Result<Story> {
        let working_hours = self.working_hours();
        let request = StoryRequest {
            lang,
            audience,
            range,
            unit: PeriodUnit::of(range, tz),
            tz,
            now: self.now(),
            working_hours: &working_hours,
        };
        let current = self.period_data(request.told_range()).await?;
        let previous = self.period_data(request.previous_range()).await?;
        Ok(story::tell(&current, Some(&previous), &request))
    }
}

//! The use cases of Unsung, written once and called by both faces (the desktop shell and the
//! `unsung` command): load the demo team, count a period, tell its story, thank a teammate.
//!
//! Faces never reach the store directly; they call [`App`] and get plain data or an
//! [`AppError`] with a stable code.

pub mod dto;
mod error;
mod inputs;
mod overview;
mod period_data;
mod thanks;

pub use chrono_tz::Tz;
pub use error::{AppError, ErrorCode};
pub use inputs::{Clock, default_db_location, parse_instant, resolve_tz};
pub use unsung_core::locale::Lang;
pub use unsung_core::period::{PeriodKind, PeriodUnit, TimeRange};
pub use unsung_core::stats::StatsReport;
pub use unsung_core::story::{Audience, Story};
pub use unsung_core::working_hours::WorkingHours;

use chrono::{DateTime, Utc};
use std::sync::Arc;
use unsung_core::demo;
use unsung_core::story::{self, StoryRequest};
use unsung_store::{SourceRecord, Store};

pub type Result<T> = std::result::Result<T, AppError>;

pub struct App {
    store: Arc<dyn Store>,
    clock: Clock,
    working_hours: WorkingHours,
}

/// What loading the demo team put in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub services: usize,
    pub incidents: usize,
    pub thanks: usize,
}

impl App {
    /// Opens the store at `location` (a `sqlite:` URL or a file path), creating and migrating it.
    pub async fn open(location: &str, clock: Clock) -> Result<App> {
        let store = unsung_store::open(location).await?;
        Ok(App {
            store,
            clock,
            working_hours: WorkingHours::default(),
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Loads (or refreshes) the demo team so its 90 days end now. The user's own notes stay.
    pub async fn load_demo(&self) -> Result<DemoSummary> {
        let data = demo::dataset(self.now());
        let source = SourceRecord {
            name: demo::SOURCE.into(),
            kind: demo::SOURCE.into(),
            url: None,
            created_at: self.now(),
        };
        self.store.replace_source(&source, &data).await?;
        Ok(DemoSummary {
            services: data.services.len(),
            incidents: data.incidents.len(),
            thanks: data.thanks.len(),
        })
    }

    /// What the desktop app does on start: with no real source connected, show the demo team,
    /// brought up to date so its history ends today.
    pub async fn prepare_first_view(&self) -> Result<()> {
        let sources = self.store.sources().await?;
        if sources.iter().all(|s| s.kind == demo::SOURCE) {
            self.load_demo().await?;
        }
        Ok(())
    }

    pub async fn is_demo(&self) -> Result<bool> {
        let sources = self.store.sources().await?;
        Ok(!sources.is_empty() && sources.iter().all(|s| s.kind == demo::SOURCE))
    }

    /// The reader's working hours, used to tell who gave up free time.
    pub fn working_hours(&self) -> &WorkingHours {
        &self.working_hours
    }

    /// Sets the reader's working hours (from their settings).
    pub fn set_working_hours(&mut self, hours: WorkingHours) {
        self.working_hours = hours;
    }

    /// The figures of `[range.from, range.to)` read in `tz`, as `unsung stats --json` prints them.
    pub async fn stats(&self, range: TimeRange, tz: Tz) -> Result<StatsReport> {
        let data = self.period_data(range).await?;
        Ok(data.report(range, tz, &self.working_hours, self.now()))
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
        let request = StoryRequest {
            lang,
            audience,
            range,
            unit: PeriodUnit::of(range, tz),
            tz,
            now: self.now(),
            working_hours: &self.working_hours,
        };
        let current = self.period_data(request.told_range()).await?;
        let previous = self.period_data(request.previous_range()).await?;
        Ok(story::tell(&current, Some(&previous), &request))
    }
}

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
pub use unsung_core::period::{PeriodKind, TimeRange};
pub use unsung_core::stats::StatsReport;
pub use unsung_core::story::{Audience, Story};

use chrono::{DateTime, Utc};
use std::sync::Arc;
use unsung_core::working_hours::WorkingHours;
use unsung_core::{demo, stats, story};
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

    /// The figures of `[range.from, range.to)` read in `tz`, as `unsung stats --json` prints them.
    pub async fn stats(&self, range: TimeRange, tz: Tz) -> Result<StatsReport> {
        let data = self.period_data(range).await?;
        Ok(data.report(range, tz, &self.working_hours, self.now()))
    }

    /// The story of `[range.from, range.to)` for `audience`.
    pub async fn story(&self, range: TimeRange, tz: Tz, audience: Audience) -> Result<Story> {
        let data = self.period_data(range).await?;
        let report = data.report(range, tz, &self.working_hours, self.now());
        Ok(story::tell(&story::StoryInput {
            report: &report,
            overall: stats::overall_seconds(&data.services, &data.intervals, range),
            range,
            incidents: &data.incidents,
            services: &data.services,
            thanks: &data.thanks,
            updates_shipped: data.updates_shipped,
            tz,
            working_hours: &self.working_hours,
            audience,
        }))
    }
}

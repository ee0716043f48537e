//! Everything the store knows about one period, read once and shared by stats, story and views.

use crate::{App, Result, TimeRange};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use unsung_core::stats::{self, StatsContext, StatsInput, StatsReport};
use unsung_core::working_hours::WorkingHours;
use unsung_core::{Incident, Interval, Service, ThankYou};

pub(crate) struct PeriodData {
    pub services: Vec<Service>,
    pub intervals: Vec<Interval>,
    pub incidents: Vec<Incident>,
    pub last_major_incident_at: Option<DateTime<Utc>>,
    pub thanks: Vec<ThankYou>,
    pub updates_shipped: u64,
}

impl PeriodData {
    pub fn report(
        &self,
        range: TimeRange,
        tz: Tz,
        working_hours: &WorkingHours,
        now: DateTime<Utc>,
    ) -> StatsReport {
        stats::compute(
            &StatsInput {
                services: &self.services,
                intervals: &self.intervals,
                incidents: &self.incidents,
                last_major_incident_at: self.last_major_incident_at,
                thanks: self.thanks.len() as u64,
            },
            &StatsContext {
                range,
                tz,
                working_hours,
                now,
            },
        )
    }
}

impl App {
    pub(crate) async fn period_data(&self, range: TimeRange) -> Result<PeriodData> {
        Ok(PeriodData {
            services: self.store.services().await?,
            intervals: self.store.intervals(range.from, range.to).await?,
            incidents: self.store.incidents_opened(range.from, range.to).await?,
            last_major_incident_at: self.store.last_major_incident_at(range.to).await?,
            thanks: self.store.thanks_between(range.from, range.to).await?,
            updates_shipped: self.store.changes_count(range.from, range.to).await?,
        })
    }
}

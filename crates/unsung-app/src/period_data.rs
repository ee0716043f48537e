//! Everything the store knows about one period, read once and shared by stats, story and views.

use crate::{App, Result, TimeRange};
use unsung_core::story::PeriodData;

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

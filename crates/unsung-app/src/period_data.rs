//! Everything the store knows about one period, read once and shared by stats, story and views.
//!
//! Reading a long period is most of the cost of its stats and story (a year of a big team is
//! 150,000 rows), and the views ask for the same periods again and again (the story reads the
//! period the figures just read; switching language or audience reads it all again). So the
//! last few periods read are kept, each with the database's `data_version` at the time, and
//! reused while nothing has been committed since, by this app or any other process. Each is
//! indexed once as it is read ([`PeriodData::new`]), so the stats and stories asked of it
//! afterwards neither group nor sort its rows again.

use crate::{App, Result, TimeRange};
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};
use unsung_core::Interval;
use unsung_core::people::Directory;
use unsung_core::story::{PeriodData, PeriodRecords};
use unsung_store::Store;

/// How many periods are kept (a view's period, the one its story compares with, and a few
/// more the user switches between).
const KEPT: usize = 4;

/// The periods read last, newest first, each with the data version it was read at.
#[derive(Default)]
pub(crate) struct PeriodCache {
    kept: Mutex<Vec<(TimeRange, i64, Arc<PeriodData>)>>,
}

impl PeriodCache {
    fn get(&self, range: TimeRange, version: i64) -> Option<Arc<PeriodData>> {
        let kept = self.kept.lock().ok()?;
        kept.iter()
            .find(|(r, v, _)| *r == range && *v == version)
            .map(|(_, _, data)| Arc::clone(data))
    }

    fn put(&self, range: TimeRange, version: i64, data: Arc<PeriodData>) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.retain(|(r, v, _)| *r != range && *v == version);
            kept.insert(0, (range, version, data));
            kept.truncate(KEPT);
        }
    }
}

impl App {
    /// The data of `range`: kept from an earlier read while the database is unchanged, read
    /// afresh otherwise.
    pub(crate) async fn period_data(&self, range: TimeRange) -> Result<Arc<PeriodData>> {
        let version = self.local.data_version().await?;
        if let Some(data) = self.periods.get(range, version) {
            return Ok(data);
        }
        let data = Arc::new(self.read_period_data(range).await?);
        self.periods.put(range, version, Arc::clone(&data));
        Ok(data)
    }

    /// The local intervals of `[from, to)` for the daily bars, with trouble during a drill or
    /// planned maintenance shown as planned work, as the figures count it.
    pub(crate) async fn bar_intervals(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Interval>> {
        let intervals = self.local.intervals(from, to).await?;
        let incidents = self.local.incidents_opened(from, to).await?;
        Ok(unsung_core::timeline::with_planned_work(
            &intervals, &incidents,
        ))
    }

    /// Reads the local database (with a team database, its up-to-date copy). Names sources
    /// use are mapped to the people Settings knows ("ana.garcia" is Ana), and notes still
    /// waiting to be sent count too: they are the team's notes already.
    async fn read_period_data(&self, range: TimeRange) -> Result<PeriodData> {
        let people = self.local.people().await?;
        let directory = Directory::new(&people);
        let mut incidents = self.local.incidents_opened(range.from, range.to).await?;
        for incident in &mut incidents {
            incident.resolved_by = incident
                .resolved_by
                .as_deref()
                .map(|name| directory.canonical(name));
            incident.responders =
                directory.canonical_all(incident.responders.iter().map(String::as_str));
        }
        if let Some(theirs) = self.team_explanations().await {
            crate::explain::overlay(&mut incidents, &theirs);
        }
        let mut thanks = self.local.thanks_between(range.from, range.to).await?;
        for waiting in self.local.waiting().await? {
            if !waiting.refused && range.contains(waiting.note.created_at) {
                thanks.push(waiting.note);
            }
        }
        thanks.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
        for note in &mut thanks {
            note.recipients = directory.canonical_all(note.recipients.iter().map(String::as_str));
        }
        Ok(PeriodData::new(PeriodRecords {
            services: self.local.services().await?,
            intervals: self.local.intervals(range.from, range.to).await?,
            incidents,
            last_major_incident_at: self.local.last_major_incident_at(range.to).await?,
            thanks,
            updates_shipped: self.local.changes_count(range.from, range.to).await?,
        }))
    }
}

//! Everything the store knows about one period, read once and shared by stats, story and views.

use crate::{App, Result, TimeRange};
use unsung_core::people::Directory;
use unsung_core::story::PeriodData;
use unsung_store::Store;

impl App {
    /// Reads the local database (with a team database, its up-to-date copy). Names sources
    /// use are mapped to the people Settings knows ("ana.garcia" is Ana), and notes still
    /// waiting to be sent count too: they are the team's notes already.
    pub(crate) async fn period_data(&self, range: TimeRange) -> Result<PeriodData> {
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
        Ok(PeriodData {
            services: self.local.services().await?,
            intervals: self.local.intervals(range.from, range.to).await?,
            incidents,
            last_major_incident_at: self.local.last_major_incident_at(range.to).await?,
            thanks,
            updates_shipped: self.local.changes_count(range.from, range.to).await?,
        })
    }
}

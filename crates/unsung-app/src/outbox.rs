//! Delivering the notes that wait for the team database, oldest first, each exactly once.
//!
//! A note is in the local outbox from the moment it is posted until the team database has it.
//! Delivery inserts it by its id (a UUID v7), which the team database ignores if it has it
//! already, and only then empties its outbox slot: a crash, a cut connection or two deliveries
//! at once can make a note be sent twice, never stored twice, and never lost.

use crate::dto::SendReport;
use crate::team::TeamLink;
use crate::{App, Result};

impl App {
    /// Sends every note waiting for the team database now (and for the team's chats, see
    /// `chat.rs`). Without a team database there is nothing to send there.
    pub async fn send_waiting(&self) -> Result<SendReport> {
        self.deliver_to_channels().await?;
        match self.team() {
            Some(team) => self.send_waiting_with(&team, true).await,
            None => {
                let waiting = self.local.waiting().await?;
                Ok(SendReport {
                    sent: 0,
                    waiting: waiting.len() as u32,
                    refused: 0,
                    problem: (!waiting.is_empty())
                        .then(|| "no team database is set to send them to".to_string()),
                })
            }
        }
    }

    /// Sends what waits; `now` tries even if the database could not be reached a moment ago.
    pub(crate) async fn send_waiting_with(&self, team: &TeamLink, now: bool) -> Result<SendReport> {
        let waiting = self.local.waiting().await?;
        let mut report = SendReport {
            sent: 0,
            waiting: 0,
            refused: waiting.iter().filter(|w| w.refused).count() as u32,
            problem: None,
        };
        let pending: Vec<_> = waiting.into_iter().filter(|w| !w.refused).collect();
        if pending.is_empty() {
            return Ok(report);
        }
        let store = match team.connect(now).await {
            Ok(store) => store,
            Err(error) => {
                let problem = error.to_string();
                for waiting in &pending {
                    self.local
                        .note_failed_delivery(&waiting.note.id, &problem, false)
                        .await?;
                }
                report.waiting = pending.len() as u32;
                report.problem = Some(problem);
                return Ok(report);
            }
        };
        for (done, waiting) in pending.iter().enumerate() {
            match store.insert_thanks(&waiting.note).await {
                Ok(()) => {
                    self.local.mark_delivered(&waiting.note).await?;
                    report.sent += 1;
                }
                // Refused (not this teammate's to post) or invalid there: retrying will not
                // help. The note stays here, marked, until its author edits or deletes it.
                Err(error) if error.is_permanent() => {
                    self.local
                        .note_failed_delivery(&waiting.note.id, &error.to_string(), true)
                        .await?;
                    report.refused += 1;
                }
                // Unreachable, or something that may pass: stop here, try again later.
                Err(error) => {
                    team.saw(&error);
                    self.local
                        .note_failed_delivery(&waiting.note.id, &error.to_string(), false)
                        .await?;
                    report.waiting = (pending.len() - done) as u32;
                    report.problem = Some(error.to_string());
                    break;
                }
            }
        }
        Ok(report)
    }
}

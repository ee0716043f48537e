//! Syncing with the team database: send the notes that wait, then bring the local copy of the
//! team's notes and synced sources up to date, so the app works offline with what the team
//! last had. Data a source sync brings goes to both databases (`store_source_data`), so one
//! teammate's sync serves everyone.

use crate::dto::SendReport;
use crate::{App, Result};
use unsung_core::{Dataset, demo};
use unsung_store::{SourceRecord, Store};

/// What [`App::sync_team`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub send: SendReport,
    /// How many of the team's notes the local copy now has (`None`: not refreshed).
    pub notes: Option<usize>,
    /// How many of the team's sources were copied here.
    pub sources: usize,
    /// How many "what got better" texts written here were sent to it (`None`: not tried).
    pub explanations: Option<usize>,
}

impl App {
    /// Sends what waits and refreshes the local copy (notes, people and sources). Waits for
    /// the team database (or for an attempt to reach it already under way). `None` without
    /// a team database.
    pub async fn sync_team(&self) -> Result<Option<SyncReport>> {
        let Some(team) = self.team() else {
            return Ok(None);
        };
        // One attempt, waited for; what follows does not try again if it failed.
        let _ = team.connect(true).await;
        let send = self.send_waiting_with(&team, false).await?;
        let mut report = SyncReport {
            send,
            notes: None,
            sources: 0,
            explanations: None,
        };
        if report.send.problem.is_some() {
            return Ok(Some(report));
        }
        report.notes = self
            .refresh_team_notes(&team, false, crate::thanks::TEAM_NOTES_KEPT)
            .await?;
        let Ok(store) = team.connect(false).await else {
            return Ok(Some(report));
        };
        let sources = store.sources().await?;
        if sources.iter().any(|s| s.kind != demo::SOURCE) {
            // The team's real data replaces the demo team.
            self.drop_demo().await?;
        }
        for source in &sources {
            let data = store.source_data(&source.name).await?;
            self.local.replace_source(source, &data).await?;
        }
        report.sources = sources.len();
        match self.sync_explanations(&*store).await {
            Ok(sent) => report.explanations = Some(sent),
            Err(error) => {
                tracing::warn!("explanations were not sent to the team database: {error}")
            }
        }
        self.refresh_team_people(&*store).await?;
        self.team_me(&team, false).await?;
        Ok(Some(report))
    }

    /// Keeps what a source sync brought: in the local database, and in the team database when
    /// one is set and can be reached. Returns whether the team database has it.
    pub async fn store_source_data(&self, source: &SourceRecord, data: &Dataset) -> Result<bool> {
        self.local.replace_source(source, data).await?;
        let Some(team) = self.team() else {
            return Ok(false);
        };
        let Ok(store) = team.connect(true).await else {
            return Ok(false);
        };
        match store.replace_source(source, data).await {
            Ok(()) => Ok(true),
            Err(error) => {
                team.saw(&error);
                Err(error.into())
            }
        }
    }
}

//! "What got better": coaching a text as it is written, keeping a person's explanation of an
//! incident (here and, with a team database, there, so the whole team sees and can improve
//! it), and the friendly names people give services.
//!
//! An explanation is saved locally first, so writing one never waits for the team database.
//! When it can be reached it gets the explanation at once; otherwise `unsung sync` (or the
//! window's sync) sends each local explanation newer than the team's. When reading a period
//! with the team database reached, the team's explanations win: they are what everyone sees.

use crate::dto::ServiceNameEntry;
use crate::{App, AppError, Lang, Result};
use unsung_core::coach::{self, Coaching};
use unsung_core::names::suggest_friendly_name;
use unsung_core::{Explanation, Incident};
use unsung_store::Store;

/// As long as a thank-you note may be: longer text is refused, never cut.
pub const MAX_EXPLANATION_CHARS: usize = crate::thanks::MAX_MESSAGE_CHARS;
/// A friendly name is a few words.
pub const MAX_SERVICE_NAME_CHARS: usize = 80;

/// When an explanation was last written or changed.
fn last_change(explanation: &Explanation) -> chrono::DateTime<chrono::Utc> {
    explanation.edited_at.unwrap_or(explanation.written_at)
}

/// Whether `explanation` should replace the one on the same incident among `others`: there is
/// none, or it is older.
fn newer_than_its_match(explanation: &Explanation, others: &[Explanation]) -> bool {
    others
        .iter()
        .find(|o| o.incident_id == explanation.incident_id)
        .is_none_or(|other| last_change(explanation) > last_change(other))
}

/// Lays `explanations` over `incidents` (each replaces the incident's own, if any).
pub(crate) fn overlay(incidents: &mut [Incident], explanations: &[Explanation]) {
    for incident in incidents {
        if let Some(found) = explanations.iter().find(|e| e.incident_id == incident.id) {
            incident.explanation = Some(found.clone());
        }
    }
}

impl App {
    /// How plain `text` is for the family, as the gates measure it: the grade, the sentences
    /// over 20 words and each jargon word with a plain alternative. Advice only: nothing is
    /// refused or rewritten.
    pub fn coach_text(&self, text: &str, lang: Lang) -> Coaching {
        coach::coach(text, lang)
    }

    /// Who this computer's explanations are written by: the team database's name for it,
    /// else the reader's name in Settings, else this computer's user.
    async fn explainer(&self) -> Result<String> {
        if let Some(team) = self.team()
            && let Some(me) = self.team_me(&team, false).await?
        {
            return Ok(me);
        }
        let name = self.preferences().await?.name;
        Ok(name
            .or_else(|| std::env::var("USER").ok())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "someone on the team".to_string()))
    }

    /// Keeps what got better after `incident_id` (and whether it was practice), exactly as
    /// written, and returns its coaching in `lang` (the reader's language for the window; the
    /// text is kept whatever its grade). Saved here, then on the team database when it can
    /// be reached (otherwise it is sent on the next sync).
    pub async fn explain_incident(
        &self,
        incident_id: &str,
        text: &str,
        practice: bool,
        lang: Lang,
    ) -> Result<Coaching> {
        let incident_id = incident_id.trim();
        if self.local.incident(incident_id).await?.is_none() {
            return Err(AppError::not_found(format!(
                "There is no incident {incident_id:?}"
            )));
        }
        if text.chars().count() > MAX_EXPLANATION_CHARS {
            return Err(AppError::invalid(format!(
                "What got better is longer than {MAX_EXPLANATION_CHARS} characters; shorten it"
            )));
        }
        let explanation = Explanation {
            incident_id: incident_id.to_string(),
            text: text.to_string(),
            practice,
            written_by: self.explainer().await?,
            written_at: self.now_to_the_second(),
            edited_by: None,
            edited_at: None,
        };
        self.local.save_explanation(&explanation).await?;
        if let Some(team) = self.team()
            && let Ok(store) = team.connect(false).await
            && let Err(error) = store.save_explanation(&explanation).await
        {
            // Kept here; the next sync sends it.
            team.saw(&error);
        }
        Ok(coach::coach(text, lang))
    }

    /// Sends the local explanations the team database lacks or has older, then copies the
    /// team's newer ones into the local database (so they are there offline). Returns how
    /// many were sent.
    pub(crate) async fn sync_explanations(&self, team: &dyn Store) -> Result<usize> {
        let theirs = team.explanations().await?;
        let mine = self.local.explanations().await?;
        let mut sent = 0;
        // The demo team's incidents are this computer's alone: what is written on them stays here.
        let demo = format!("{}/", unsung_core::demo::SOURCE);
        for local in mine.iter().filter(|m| !m.incident_id.starts_with(&demo)) {
            if newer_than_its_match(local, &theirs) {
                team.save_explanation(local).await?;
                sent += 1;
            }
        }
        for their in theirs.iter().filter(|t| newer_than_its_match(t, &mine)) {
            self.local.save_explanation(their).await?;
        }
        Ok(sent)
    }

    /// The team database's explanations when it is reached right now (never waited for).
    pub(crate) async fn team_explanations(&self) -> Option<Vec<Explanation>> {
        let team = self.team()?;
        if team.reach() != crate::dto::TeamReach::Reached {
            return None;
        }
        let store = team.connect(false).await.ok()?;
        match store.explanations().await {
            Ok(explanations) => Some(explanations),
            Err(error) => {
                team.saw(&error);
                None
            }
        }
    }

    /// Every service with the name people outside the team know it by and a suggestion for
    /// one, for Settings → Service names.
    pub async fn service_names(&self, lang: Lang) -> Result<Vec<ServiceNameEntry>> {
        Ok(self
            .local
            .services()
            .await?
            .into_iter()
            .map(|service| ServiceNameEntry {
                suggestion: suggest_friendly_name(&service.name, lang),
                id: service.id,
                internal_name: service.name,
                friendly_name: service.friendly_name,
            })
            .collect())
    }

    /// Gives a service the friendly name people outside the team know it by (`None` or blank
    /// takes it away). A sync never overwrites it.
    pub async fn set_service_name(&self, service_id: &str, name: Option<&str>) -> Result<()> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if let Some(name) = name
            && name.chars().count() > MAX_SERVICE_NAME_CHARS
        {
            return Err(AppError::invalid(format!(
                "A service's friendly name is at most {MAX_SERVICE_NAME_CHARS} characters"
            )));
        }
        let services = self.local.services().await?;
        if !services.iter().any(|s| s.id == service_id) {
            return Err(AppError::not_found(format!(
                "There is no service {service_id:?}"
            )));
        }
        self.local.set_service_name(service_id, name).await?;
        if let Some(team) = self.team()
            && let Ok(store) = team.connect(false).await
            && let Err(error) = store.set_service_name(service_id, name).await
        {
            team.saw(&error);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn written(id: &str, text: &str, minute: u32) -> Explanation {
        Explanation {
            incident_id: id.into(),
            text: text.into(),
            practice: false,
            written_by: "Ana".into(),
            written_at: chrono::Utc
                .with_ymd_and_hms(2026, 11, 2, 9, minute, 0)
                .unwrap(),
            edited_by: None,
            edited_at: None,
        }
    }

    #[test]
    fn the_team_databases_explanation_wins_over_the_local_one() {
        let mut incident = unsung_core::demo::dataset(chrono::Utc::now()).incidents[0].clone();
        incident.explanation = Some(written(&incident.id, "old words", 1));
        let theirs = vec![written(&incident.id, "the team's words", 5)];
        overlay(std::slice::from_mut(&mut incident), &theirs);
        assert_eq!(incident.what_got_better(), Some("the team's words"));
    }

    #[test]
    fn an_edit_is_newer_than_the_writing_it_changed() {
        let mut edited = written("a", "x", 1);
        edited.edited_at = Some(chrono::Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap());
        assert!(last_change(&edited) > last_change(&written("a", "y", 30)));
    }
}

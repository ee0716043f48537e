//! Settings → People: the team's names, and the other names sources use for each person, so
//! "ana.garcia" in an incident is thanked and told as Ana. With a team database the list is
//! the team's, kept there (so everyone's stories name the same people), with a local copy
//! for reading offline; without one it is kept locally.

use crate::dto::PersonEntry;
use crate::{App, AppError, Result};
use std::sync::Arc;
use unsung_core::Person;
use unsung_core::people::clash;
use unsung_store::{Store, StoreError};

const MAX_NAME_CHARS: usize = 100;
const MAX_ALIASES: usize = 20;

fn entry(person: Person) -> PersonEntry {
    PersonEntry {
        name: person.name,
        aliases: person.aliases,
    }
}

fn clean(text: &str, what: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(format!("{what} is empty")));
    }
    if text.chars().count() > MAX_NAME_CHARS {
        return Err(AppError::invalid(format!(
            "{what} is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    Ok(text.to_string())
}

/// People are the team's: with a team database they are kept there, so a change cannot
/// wait for it like a note can.
fn team_unreachable(error: &StoreError) -> AppError {
    AppError::new(
        crate::ErrorCode::Offline,
        format!(
            "People are kept in the team database, which cannot be reached now; try again when \
             it is back ({error})"
        ),
    )
}

impl App {
    /// The team, by name: with a team database, its list (refreshed when it can be reached
    /// without waiting, the local copy otherwise); without one, the local list.
    pub async fn people(&self) -> Result<Vec<PersonEntry>> {
        if let Some(team) = self.team()
            && let Ok(store) = team.connect(false).await
        {
            match self.refresh_team_people(&*store).await {
                Ok(()) => {}
                Err(error) if error.code == crate::ErrorCode::Offline => {}
                Err(error) => return Err(error),
            }
        }
        self.local_people().await
    }

    async fn local_people(&self) -> Result<Vec<PersonEntry>> {
        Ok(self.local.people().await?.into_iter().map(entry).collect())
    }

    /// Replaces the local copy of the team's people with the team database's.
    pub(crate) async fn refresh_team_people(&self, team: &dyn Store) -> Result<()> {
        let people = team.people().await?;
        self.local.replace_people(&people).await?;
        Ok(())
    }

    /// Where people are kept: the team database when one is set (which must be reachable
    /// to change them), the local database otherwise.
    async fn people_store(&self) -> Result<Option<Arc<dyn Store>>> {
        match self.team() {
            Some(team) => match team.connect(true).await {
                Ok(store) => Ok(Some(store)),
                Err(error) => Err(team_unreachable(&error)),
            },
            None => Ok(None),
        }
    }

    /// Adds a person, or changes the other names of the person with that name. Returns the
    /// team as it is now.
    pub async fn save_person(&self, person: PersonEntry) -> Result<Vec<PersonEntry>> {
        let name = clean(&person.name, "The name")?;
        let mut aliases: Vec<String> = Vec::new();
        for alias in &person.aliases {
            if alias.trim().is_empty() {
                continue;
            }
            let alias = clean(alias, "Another name")?;
            if alias.to_lowercase() != name.to_lowercase()
                && !aliases
                    .iter()
                    .any(|a| a.to_lowercase() == alias.to_lowercase())
            {
                aliases.push(alias);
            }
        }
        if aliases.len() > MAX_ALIASES {
            return Err(AppError::invalid(format!(
                "A person can have up to {MAX_ALIASES} other names"
            )));
        }
        let person = Person { name, aliases };
        let team_store = self.people_store().await?;
        let store: &dyn Store = match &team_store {
            Some(team) => &**team,
            None => &*self.local,
        };
        let mut team: Vec<Person> = store
            .people()
            .await?
            .into_iter()
            .filter(|p| p.name != person.name)
            .collect();
        team.push(person.clone());
        if let Some(shared) = clash(&team) {
            return Err(AppError::invalid(format!(
                "\"{shared}\" already means someone else; each name can point to one person only"
            )));
        }
        store.save_person(&person).await?;
        self.after_people_change(team_store).await
    }

    /// Takes a person off the list. Returns the team as it is now.
    pub async fn remove_person(&self, name: &str) -> Result<Vec<PersonEntry>> {
        let team_store = self.people_store().await?;
        let store: &dyn Store = match &team_store {
            Some(team) => &**team,
            None => &*self.local,
        };
        if !store.remove_person(name.trim()).await? {
            return Err(AppError::not_found(format!(
                "There is nobody called {:?} in People",
                name.trim()
            )));
        }
        self.after_people_change(team_store).await
    }

    /// The team as it is after a change, the local copy brought up to date first.
    async fn after_people_change(
        &self,
        team_store: Option<Arc<dyn Store>>,
    ) -> Result<Vec<PersonEntry>> {
        if let Some(team) = team_store {
            self.refresh_team_people(&*team).await?;
        }
        self.local_people().await
    }
}

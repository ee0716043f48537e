//! Settings → People: the team's names, and the other names sources use for each person, so
//! "ana.garcia" in an incident is thanked and told as Ana.

use crate::dto::PersonEntry;
use crate::{App, AppError, Result};
use unsung_core::Person;
use unsung_core::people::clash;
use unsung_store::Store;

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

impl App {
    /// The team, by name.
    pub async fn people(&self) -> Result<Vec<PersonEntry>> {
        Ok(self.local.people().await?.into_iter().map(entry).collect())
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
        let mut team: Vec<Person> = self
            .local
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
        self.local.save_person(&person).await?;
        self.people().await
    }

    /// Takes a person off the list. Returns the team as it is now.
    pub async fn remove_person(&self, name: &str) -> Result<Vec<PersonEntry>> {
        if !self.local.remove_person(name.trim()).await? {
            return Err(AppError::not_found(format!(
                "There is nobody called {:?} in People",
                name.trim()
            )));
        }
        self.people().await
    }
}

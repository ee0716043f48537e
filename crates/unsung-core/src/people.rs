//! The team's people, and the other names sources know them by ("ana.garcia", "Ana G."), so
//! that an incident fixed by "ana.garcia" is thanked, counted and told as Ana's.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A teammate as Settings keeps them: the name people use, and the names sources use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
}

/// Names compare without regard to case or surrounding blanks.
fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The person `name` refers to: the person whose name or one of whose aliases it is, or
/// `name` itself (trimmed) when nobody matches.
pub fn canonical(name: &str, people: &[Person]) -> String {
    people
        .iter()
        .find(|p| same(&p.name, name) || p.aliases.iter().any(|a| same(a, name)))
        .map_or_else(|| name.trim().to_string(), |p| p.name.clone())
}

/// The team's names and aliases folded once, for mapping many names (every incident of a
/// year) to people without folding the whole team again for each one. Same answers as
/// [`canonical`] and [`canonical_all`].
pub struct Directory<'a> {
    by_label: HashMap<String, &'a str>,
}

impl<'a> Directory<'a> {
    pub fn new(people: &'a [Person]) -> Directory<'a> {
        let mut by_label = HashMap::new();
        // The first person a label belongs to wins, as in `canonical`.
        for person in people {
            for label in std::iter::once(&person.name).chain(&person.aliases) {
                by_label
                    .entry(label.trim().to_lowercase())
                    .or_insert(person.name.as_str());
            }
        }
        Directory { by_label }
    }

    /// The person `name` refers to, or `name` itself (trimmed) when nobody matches.
    pub fn canonical(&self, name: &str) -> String {
        match self.by_label.get(&name.trim().to_lowercase()) {
            Some(person) => person.to_string(),
            None => name.trim().to_string(),
        }
    }

    /// `names` mapped to the people they refer to, in order, each person once.
    pub fn canonical_all<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for name in names {
            let name = self.canonical(name);
            if !name.is_empty() && !out.iter().any(|n| same(n, &name)) {
                out.push(name);
            }
        }
        out
    }
}

/// `names` mapped to the people they refer to, in order, each person once.
pub fn canonical_all<'a>(
    names: impl IntoIterator<Item = &'a str>,
    people: &[Person],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = canonical(name, people);
        if !name.is_empty() && !out.iter().any(|n| same(n, &name)) {
            out.push(name);
        }
    }
    out
}

/// The first word of a name ("Priya Natarajan" -> "Priya"): what a family story calls a
/// person, so what a privacy pass that hides names must look for too.
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or("")
}

/// The names as a family story uses them: each person's first name ("Priya Natarajan" is
/// "Priya"), except where two of `names` share one, which keep their full names.
pub fn first_names(names: &[&str]) -> Vec<String> {
    let first = |name: &str| first_name(name).to_string();
    names
        .iter()
        .map(|name| {
            let own = first(name);
            let shared = names
                .iter()
                .any(|other| !same(other, name) && same(&first(other), &own));
            if shared || own.is_empty() {
                name.trim().to_string()
            } else {
                own
            }
        })
        .collect()
}

/// The first name or alias that two different people share, if any: such a list would make
/// a source's name ambiguous, so Settings refuses it.
pub fn clash(people: &[Person]) -> Option<String> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    for person in people {
        for label in std::iter::once(&person.name).chain(&person.aliases) {
            if let Some((_, owner)) = seen.iter().find(|(l, _)| same(l, label)) {
                if !same(owner, &person.name) {
                    return Some(label.trim().to_string());
                }
            } else {
                seen.push((label, &person.name));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team() -> Vec<Person> {
        vec![
            Person {
                name: "Ana".into(),
                aliases: vec!["ana.garcia".into(), "Ana G.".into()],
            },
            Person {
                name: "Ben".into(),
                aliases: vec![],
            },
        ]
    }

    #[test]
    fn an_alias_from_a_source_becomes_the_persons_name() {
        assert_eq!(canonical("ana.garcia", &team()), "Ana");
        assert_eq!(canonical("  ANA G. ", &team()), "Ana");
        assert_eq!(canonical("ben", &team()), "Ben");
        assert_eq!(
            canonical(" Zoe ", &team()),
            "Zoe",
            "unknown names stay as they are"
        );
    }

    #[test]
    fn several_names_for_one_person_count_once() {
        let names = canonical_all(["ana.garcia", "Ben", "Ana", "zoe", "Zoe"], &team());
        assert_eq!(names, ["Ana", "Ben", "zoe"]);
    }

    #[test]
    fn the_directory_gives_the_same_answers() {
        let team = team();
        let directory = Directory::new(&team);
        for name in ["ana.garcia", "  ANA G. ", "ben", " Zoe ", "", "Ana"] {
            assert_eq!(
                directory.canonical(name),
                canonical(name, &team),
                "{name:?}"
            );
        }
        let names = ["ana.garcia", "Ben", "Ana", "zoe", "Zoe"];
        assert_eq!(directory.canonical_all(names), canonical_all(names, &team));
    }

    #[test]
    fn family_stories_use_first_names_unless_two_people_share_one() {
        assert_eq!(
            first_names(&["Priya Natarajan", "Tomás Ortega", "ana.garcia", "Ben"]),
            ["Priya", "Tomás", "ana.garcia", "Ben"]
        );
        assert_eq!(
            first_names(&["Ana García", "Ana López", "Mei Chen"]),
            ["Ana García", "Ana López", "Mei"]
        );
    }

    #[test]
    fn two_people_cannot_share_a_name_or_alias() {
        assert_eq!(clash(&team()), None);
        let mut people = team();
        people[1].aliases.push("ANA.GARCIA".into());
        assert_eq!(clash(&people), Some("ANA.GARCIA".into()));
    }
}

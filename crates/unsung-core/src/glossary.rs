//! Every technical term the app may use, with a plain definition in each language (in the
//! locale files, `glossary.ftl`), and the checks that keep stories honest: where a term first
//! appears, and whether a text leaves a term or an acronym unexplained.

use crate::locale::{Lang, Locale, locale};
use crate::readability;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The ids of all terms, in the order the Glossary view lists them. `glossary.ftl` in every
/// language has a `glossary-<id>` message for each (a test checks both ways).
pub const TERMS: [&str; 20] = [
    "uptime",
    "downtime",
    "outage",
    "incident",
    "degraded",
    "maintenance",
    "deploy",
    "on-call",
    "alert",
    "monitor",
    "service",
    "no-data",
    "time-to-fix",
    "median",
    "status-page",
    "data-source",
    "after-hours",
    "sla",
    "server",
    "database",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GlossaryEntry {
    pub id: String,
    /// The term as the app writes it ("planned upkeep").
    pub name: String,
    /// A plain definition, for the Glossary view and tooltips.
    pub definition: String,
    /// The sentence a story adds right after the term's first use.
    pub explanation: String,
    /// Word forms that count as this term, lowercase.
    pub variants: Vec<String>,
    /// Short forms ("SLA") this entry explains.
    pub acronyms: Vec<String>,
}

/// A comma-separated list from a locale attribute, trimmed, empty items left out.
pub(crate) fn split_list(text: Option<String>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    })
    .unwrap_or_default()
}

pub fn entry(lang: Lang, id: &str) -> Option<GlossaryEntry> {
    let locale = locale(lang);
    let message = format!("glossary-{id}");
    if !locale.has(&message) {
        return None;
    }
    let attribute = |name: &str| locale.attribute(&message, name, &[]);
    Some(GlossaryEntry {
        id: id.to_string(),
        name: locale.message(&message, &[]),
        definition: attribute("definition").unwrap_or_default(),
        explanation: attribute("explain").unwrap_or_default(),
        variants: split_list(attribute("variants")),
        acronyms: split_list(attribute("acronyms")),
    })
}

/// All terms in `lang`, in the Glossary view's order.
pub fn entries(lang: Lang) -> Vec<GlossaryEntry> {
    TERMS.iter().filter_map(|id| entry(lang, id)).collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

/// Where a variant first appears in `text` as whole words, ignoring case: (start, end) in bytes.
pub fn find_variant(text: &str, variant: &str) -> Option<(usize, usize)> {
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths (rarely); fall back to no match rather than misplace.
    if lower.len() != text.len() || variant.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(offset) = lower[from..].find(variant) {
        let start = from + offset;
        let end = start + variant.len();
        let before_ok = lower[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c));
        let after_ok = lower[end..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok {
            return Some((start, end));
        }
        from = start + lower[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The first place any of the entry's variants appears in `text`.
pub fn first_use(text: &str, entry: &GlossaryEntry) -> Option<(usize, usize)> {
    entry
        .variants
        .iter()
        .filter_map(|v| find_variant(text, v))
        .min_by_key(|(start, end)| (*start, std::cmp::Reverse(*end)))
}

/// What a reader of `text` would meet unexplained: glossary terms whose explanation does not
/// follow their first use, and acronyms that no glossary entry used in the text explains.
/// Empty when the text is plain.
pub fn unexplained(text: &str, lang: Lang) -> Vec<String> {
    let entries = entries(lang);
    let mut problems = Vec::new();
    let mut explained_acronyms: Vec<&str> = Vec::new();
    for entry in &entries {
        let Some((start, _)) = first_use(text, entry) else {
            continue;
        };
        let explained = !entry.explanation.is_empty() && text[start..].contains(&entry.explanation);
        if explained {
            explained_acronyms.extend(entry.acronyms.iter().map(String::as_str));
        } else {
            problems.push(format!(
                "the term {:?} is used but not explained",
                entry.name
            ));
        }
    }
    for acronym in readability::acronyms(text) {
        if !explained_acronyms.contains(&acronym) {
            problems.push(format!("the acronym {acronym:?} is not explained"));
        }
    }
    problems
}

/// The definitions and explanations of every term, for tests that hold them to the gates.
pub fn texts(lang: Lang) -> Vec<(String, String)> {
    entries(lang)
        .into_iter()
        .flat_map(|e| {
            [
                (format!("{}.definition", e.id), e.definition),
                (format!("{}.explain", e.id), e.explanation),
            ]
        })
        .collect()
}

/// Term ids a message declares in its `.terms` attribute.
pub fn declared_terms(locale: &Locale, message: &str) -> Vec<String> {
    split_list(locale.attribute(message, "terms", &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_a_name_definition_explanation_and_variants_in_both_languages() {
        for lang in Lang::ALL {
            let entries = entries(lang);
            assert_eq!(entries.len(), TERMS.len(), "{lang:?}");
            for e in &entries {
                assert!(!e.name.is_empty(), "{lang:?} {}", e.id);
                assert!(e.definition.ends_with('.'), "{lang:?} {}", e.id);
                assert!(e.explanation.ends_with('.'), "{lang:?} {}", e.id);
                assert!(!e.variants.is_empty(), "{lang:?} {}", e.id);
                assert!(
                    first_use(&e.explanation, e).is_some(),
                    "{lang:?} {}: the explanation names the term",
                    e.id
                );
                for v in &e.variants {
                    assert_eq!(v, &v.to_lowercase(), "{lang:?} {}", e.id);
                }
            }
        }
    }

    #[test]
    fn variants_match_whole_words_only() {
        assert_eq!(find_variant("The Outage ended.", "outage"), Some((4, 10)));
        assert_eq!(find_variant("outages", "outage"), None);
        assert_eq!(find_variant("timeouts", "time"), None);
        assert_eq!(find_variant("Una caída.", "caída"), Some((4, 10)));
    }

    #[test]
    fn a_term_needs_its_explanation_after_its_first_use() {
        let outage = entry(Lang::En, "outage").unwrap();
        let plain = format!("The last big outage was long ago. {}", outage.explanation);
        assert!(unexplained(&plain, Lang::En).is_empty(), "{plain}");
        let bare = "The last big outage was long ago.";
        assert_eq!(unexplained(bare, Lang::En).len(), 1);
        let acronym = "Our SLA held.";
        assert_eq!(
            unexplained(acronym, Lang::En),
            [
                "the term \"SLA\" is used but not explained",
                "the acronym \"SLA\" is not explained"
            ]
        );
        let sla = entry(Lang::En, "sla").unwrap();
        assert!(unexplained(&format!("Our SLA held. {}", sla.explanation), Lang::En).is_empty());
        assert_eq!(unexplained("The API was fine.", Lang::En).len(), 1);
    }
}

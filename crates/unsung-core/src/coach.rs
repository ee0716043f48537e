//! PLACEHOLDER (owner: better-story): the contract's coaching with real scores and no jargon
//! list yet, so the app, CLI and UI can be built against it. Dropped at merge.

use crate::locale::Lang;
use crate::readability::{self, Scores};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Coaching {
    pub scores: Scores,
    pub within_gates: bool,
    pub long_sentences: Vec<Span>,
    pub jargon: Vec<JargonHit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Span {
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JargonHit {
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
    pub word: String,
    pub plain: String,
}

const PLACEHOLDER_JARGON: &[(&str, &str)] = &[
    ("DNS", "the address book of the internet"),
    ("failover", "switch to the spare"),
    ("deploy", "release"),
    ("rollback", "undo"),
    ("latency", "slowness"),
];

fn utf16(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

pub fn coach(text: &str, lang: Lang) -> Coaching {
    let scores = readability::score(text, lang);
    let mut long_sentences = Vec::new();
    for sentence in readability::sentences(text) {
        if readability::words(sentence).len() > 20
            && let Some(at) = text.find(sentence)
        {
            long_sentences.push(Span {
                start: utf16(text, at),
                end: utf16(text, at + sentence.len()),
            });
        }
    }
    let mut jargon = Vec::new();
    let lower = text.to_lowercase();
    if lower.len() == text.len() {
        for (word, plain) in PLACEHOLDER_JARGON {
            let needle = word.to_lowercase();
            let mut from = 0;
            while let Some(found) = lower[from..].find(&needle) {
                let at = from + found;
                let end = at + needle.len();
                let bounded = !lower[..at].ends_with(char::is_alphanumeric)
                    && !lower[end..].starts_with(char::is_alphanumeric);
                if bounded {
                    jargon.push(JargonHit {
                        start: utf16(text, at),
                        end: utf16(text, end),
                        word: text[at..end].to_string(),
                        plain: (*plain).to_string(),
                    });
                }
                from = end;
            }
        }
    }
    jargon.sort_by_key(|hit| hit.start);
    Coaching {
        within_gates: readability::gate_failures(&scores, lang).is_empty(),
        scores,
        long_sentences,
        jargon,
    }
}

//! Turns a plan into text through the locale files. Each message declares the glossary terms it
//! uses (`.terms`); the first time the story uses a term, a family story adds the term's
//! explanation right after that sentence, and every use is marked so the UI can show a tooltip.

use super::phrases::capitalised;
use super::plan::{Plan, Sentence};
use super::{Audience, StoryPart, StorySection};
use crate::glossary::{self, GlossaryEntry};
use crate::locale::{Lang, Locale, locale};

pub(super) struct Rendered {
    pub title: String,
    pub headline: String,
    pub paragraphs: Vec<String>,
    pub sections: Vec<StorySection>,
    pub terms: Vec<GlossaryEntry>,
}

fn sentence_text(locale: &Locale, sentence: &Sentence) -> String {
    capitalised(locale.message(sentence.id, &sentence.args).trim())
}

fn push_text(parts: &mut Vec<StoryPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(StoryPart::Text { text: last }) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(StoryPart::Text {
            text: text.to_string(),
        });
    }
}

/// Where each term a message declares appears in its text, in order, without overlaps.
fn term_marks(
    lang: Lang,
    locale: &Locale,
    sentence: &Sentence,
    text: &str,
) -> Vec<(usize, usize, GlossaryEntry)> {
    let mut marks = Vec::new();
    for id in glossary::declared_terms(locale, sentence.id) {
        let Some(entry) = glossary::entry(lang, &id) else {
            debug_assert!(false, "{}: unknown term {id:?}", sentence.id);
            continue;
        };
        match glossary::first_use(text, &entry) {
            Some((start, end)) => marks.push((start, end, entry)),
            None => debug_assert!(
                false,
                "{} ({}) declares {id:?} but does not use it: {text}",
                sentence.id,
                lang.code()
            ),
        }
    }
    marks.sort_by_key(|(start, _, _)| *start);
    let mut kept: Vec<(usize, usize, GlossaryEntry)> = Vec::new();
    for mark in marks {
        if kept.last().is_none_or(|last| mark.0 >= last.1) {
            kept.push(mark);
        }
    }
    kept
}

/// Where the sentence holding byte `from` ends: just after its full stop (or `!`, `?`).
fn sentence_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|(i, c)| {
            matches!(c, '.' | '!' | '?')
                && text[from + i + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| from + i + c.len_utf8())
}

fn explain(parts: &mut Vec<StoryPart>, before: &str, entry: GlossaryEntry) {
    push_text(parts, before);
    push_text(parts, " ");
    parts.push(StoryPart::Explanation {
        text: entry.explanation,
        term: entry.id,
    });
}

pub(super) fn render(plan: &Plan, lang: Lang, audience: Audience) -> Rendered {
    let locale = locale(lang);
    let mut used: Vec<GlossaryEntry> = Vec::new();
    let mut sections = Vec::new();
    for (kind, sentences) in &plan.sections {
        let mut parts = Vec::new();
        for (k, sentence) in sentences.iter().enumerate() {
            if k > 0 {
                push_text(&mut parts, " ");
            }
            let text = sentence_text(locale, sentence);
            // Terms are marked where they appear; a family story explains a new term right
            // after the sentence (of this message) that first uses it.
            let mut events: Vec<(usize, Option<(usize, GlossaryEntry)>)> = Vec::new();
            let mut explanations: Vec<(usize, GlossaryEntry)> = Vec::new();
            for (start, end, entry) in term_marks(lang, locale, sentence, &text) {
                if !used.iter().any(|u| u.id == entry.id) {
                    used.push(entry.clone());
                    if audience == Audience::Family {
                        explanations.push((sentence_end(&text, end), entry.clone()));
                    }
                }
                events.push((start, Some((end, entry))));
            }
            let mut cursor = 0;
            let mut pending = explanations.into_iter().peekable();
            for (start, mark) in events {
                while let Some((at, entry)) = pending.next_if(|(at, _)| *at <= start) {
                    explain(&mut parts, &text[cursor..at], entry);
                    cursor = at;
                }
                if let Some((end, entry)) = mark {
                    push_text(&mut parts, &text[cursor..start]);
                    parts.push(StoryPart::Term {
                        text: text[start..end].to_string(),
                        term: entry.id.clone(),
                    });
                    cursor = end;
                }
            }
            for (at, entry) in pending {
                explain(&mut parts, &text[cursor..at], entry);
                cursor = at;
            }
            push_text(&mut parts, &text[cursor..]);
        }
        sections.push(StorySection { kind: *kind, parts });
    }
    Rendered {
        title: sentence_text(locale, &plan.title),
        headline: sentence_text(locale, &plan.headline),
        paragraphs: sections
            .iter()
            .map(|s| s.parts.iter().map(StoryPart::text).collect())
            .collect(),
        sections,
        terms: used,
    }
}

//! Readability scores, so tests can hold every family story to plain language: Flesch-Kincaid
//! grade, Automated Readability Index and Flesch Reading Ease for English, Fernández-Huerta
//! for Spanish, and the longest sentence.
//!
//! Counting follows textstat 0.7.8 (the reference a test cross-checks against): a sentence of
//! one or two words ("Nothing broke.") adds its words but does not count as a sentence, which
//! only ever makes a text score harder. Where textstat would be plainly wrong for our texts we
//! differ: a decimal point ("99.96%") does not end a sentence, a line break does, a hyphenated
//! word counts the syllables of its parts ("thank-you" has two), and a number is one word with
//! one syllable per group of digits ("99.96" has two).

mod english;
mod spanish;

pub use english::{dictionary_size, dictionary_syllables};

use crate::locale::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Scores {
    #[ts(type = "number")]
    pub words: usize,
    /// Sentences of three words or more (shorter ones do not count, as in textstat).
    #[ts(type = "number")]
    pub sentences: usize,
    #[ts(type = "number")]
    pub syllables: usize,
    /// Characters of the words, punctuation included, spaces not (as textstat counts for ARI).
    #[ts(type = "number")]
    pub characters: usize,
    #[ts(type = "number")]
    pub longest_sentence_words: usize,
    pub flesch_kincaid_grade: f64,
    pub automated_readability_index: f64,
    pub flesch_reading_ease: f64,
    pub fernandez_huerta: f64,
}

/// Syllables in one word (any case, with or without punctuation around it).
pub fn syllables(word: &str, lang: Lang) -> usize {
    let letters: String = word
        .chars()
        .filter(|c| c.is_alphabetic() || *c == '\'' || *c == '’' || *c == '-')
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    if !letters.chars().any(char::is_alphabetic) {
        return digit_groups(word);
    }
    letters
        .split('-')
        .filter(|part| part.chars().any(char::is_alphabetic))
        .map(|part| {
            let part = part.trim_matches('\'');
            match lang {
                Lang::En => english::syllables(part),
                Lang::Es => spanish::syllables(part),
            }
        })
        .sum::<usize>()
        .max(1)
}

/// "2026" is one group, "99.96" two, "18:00" two.
fn digit_groups(token: &str) -> usize {
    token
        .split(|c: char| !c.is_ascii_digit())
        .filter(|group| !group.is_empty())
        .count()
        .max(1)
}

fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

/// Splits text into sentences: at `.`, `!`, `?` or `…` followed by a space or the end (closing
/// quotes and brackets may come between), and at every line break.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let rest = chars[k + 1..]
                .iter()
                .map(|(_, c)| *c)
                .find(|c| !matches!(c, '"' | '\'' | '”' | '’' | ')' | '»' | '.' | '!' | '?'));
            if rest.is_none() || rest.is_some_and(char::is_whitespace) {
                let end = i + c.len_utf8();
                let piece = &line[start..end];
                if piece.split_whitespace().any(is_word) {
                    out.push(piece.trim());
                }
                start = end;
            }
        }
        let piece = &line[start..];
        if piece.split_whitespace().any(is_word) {
            out.push(piece.trim());
        }
    }
    out
}

pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().filter(|t| is_word(t)).collect()
}

pub fn score(text: &str, lang: Lang) -> Scores {
    let sentence_list = sentences(text);
    let word_list = words(text);
    let word_count = word_list.len();
    let syllable_count: usize = word_list.iter().map(|w| syllables(w, lang)).sum();
    let characters: usize = text
        .split_whitespace()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    let counted_sentences = sentence_list.iter().filter(|s| words(s).len() > 2).count();
    let w = word_count.max(1) as f64;
    let words_per_sentence = w / counted_sentences.max(1) as f64;
    let syllables_per_word = syllable_count as f64 / w;
    Scores {
        words: word_count,
        sentences: counted_sentences,
        syllables: syllable_count,
        characters,
        longest_sentence_words: sentence_list
            .iter()
            .map(|s| words(s).len())
            .max()
            .unwrap_or(0),
        flesch_kincaid_grade: 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        automated_readability_index: 4.71 * (characters as f64 / w) + 0.5 * words_per_sentence
            - 21.43,
        flesch_reading_ease: 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        fernandez_huerta: 206.84 - 60.0 * syllables_per_word - 1.02 * words_per_sentence,
    }
}

/// The gates every family story must pass, as DESIGN.md and the plain-language guide set them.
pub const MAX_SENTENCE_WORDS: usize = 25;
pub const MAX_GRADE: f64 = 6.0;
pub const MIN_READING_EASE: f64 = 70.0;
pub const MIN_FERNANDEZ_HUERTA: f64 = 70.0;

/// What a family story in `lang` fails of the gates; empty when it passes.
pub fn gate_failures(scores: &Scores, lang: Lang) -> Vec<String> {
    let mut failures = Vec::new();
    if scores.longest_sentence_words > MAX_SENTENCE_WORDS {
        failures.push(format!(
            "a sentence has {} words (at most {MAX_SENTENCE_WORDS})",
            scores.longest_sentence_words
        ));
    }
    match lang {
        Lang::En => {
            if scores.flesch_kincaid_grade > MAX_GRADE {
                failures.push(format!(
                    "Flesch-Kincaid grade {:.2} (at most {MAX_GRADE})",
                    scores.flesch_kincaid_grade
                ));
            }
            if scores.automated_readability_index > MAX_GRADE {
                failures.push(format!(
                    "ARI {:.2} (at most {MAX_GRADE})",
                    scores.automated_readability_index
                ));
            }
            if scores.flesch_reading_ease < MIN_READING_EASE {
                failures.push(format!(
                    "Flesch Reading Ease {:.1} (at least {MIN_READING_EASE})",
                    scores.flesch_reading_ease
                ));
            }
        }
        Lang::Es => {
            if scores.fernandez_huerta < MIN_FERNANDEZ_HUERTA {
                failures.push(format!(
                    "Fernández-Huerta {:.1} (at least {MIN_FERNANDEZ_HUERTA})",
                    scores.fernandez_huerta
                ));
            }
        }
    }
    failures
}

/// Tokens that look like acronyms: 2 to 5 capital letters (digits allowed after the first),
/// such as "SLA", "MTTR" or "HTTP", with surrounding punctuation ignored.
pub fn acronyms(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|token| {
            let n = token.chars().count();
            (2..=5).contains(&n)
                && token.chars().next().is_some_and(|c| c.is_uppercase())
                && token
                    .chars()
                    .all(|c| c.is_uppercase() || c.is_ascii_digit())
                && token.chars().filter(|c| c.is_uppercase()).count() >= 2
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_by_their_sound() {
        assert_eq!(syllables("Minutes,", Lang::En), 2);
        assert_eq!(syllables("thank-you", Lang::En), 2);
        assert_eq!(syllables("team’s", Lang::En), 1);
        assert_eq!(syllables("99.96%", Lang::En), 2);
        assert_eq!(syllables("2026", Lang::En), 1);
        assert_eq!(syllables("Funcionó.", Lang::Es), 3);
    }

    #[test]
    fn decimals_do_not_end_sentences_but_line_breaks_do() {
        let text =
            "Monday 23 November\n\nEverything worked (99.96%). Nothing broke! Is that luck? No.";
        assert_eq!(
            sentences(text),
            [
                "Monday 23 November",
                "Everything worked (99.96%).",
                "Nothing broke!",
                "Is that luck?",
                "No."
            ]
        );
    }

    #[test]
    fn simple_text_scores_as_easy_and_dense_text_as_hard() {
        let easy = score(
            "The shop was up all week. Ana fixed one small problem. It took ten minutes.",
            Lang::En,
        );
        assert!(easy.flesch_kincaid_grade < 4.0, "{easy:?}");
        assert!(easy.flesch_reading_ease > 80.0, "{easy:?}");
        assert!(gate_failures(&easy, Lang::En).is_empty());
        assert_eq!((easy.sentences, easy.longest_sentence_words), (3, 6));
        let short = score("Nothing broke. The shop was up all week.", Lang::En);
        assert_eq!(
            (short.words, short.sentences),
            (8, 1),
            "a two-word sentence adds words only"
        );
        let hard = score(
            "Intermittent authentication degradation necessitated comprehensive infrastructure \
             remediation, notwithstanding considerable organizational coordination requirements.",
            Lang::En,
        );
        assert!(hard.flesch_kincaid_grade > 12.0, "{hard:?}");
        assert_eq!(gate_failures(&hard, Lang::En).len(), 3, "{hard:?}");
    }

    #[test]
    fn spanish_is_scored_with_fernandez_huerta() {
        let easy = score(
            "La tienda funcionó toda la semana. Ana arregló un fallo pequeño. Tardó diez minutos.",
            Lang::Es,
        );
        assert!(easy.fernandez_huerta > 70.0, "{easy:?}");
        assert!(gate_failures(&easy, Lang::Es).is_empty());
        let hard = score(
            "La degradación intermitente de la autenticación requirió una remediación \
             exhaustiva de la infraestructura, independientemente de las considerables \
             necesidades organizativas de coordinación interdepartamental.",
            Lang::Es,
        );
        assert!(hard.fernandez_huerta < 40.0, "{hard:?}");
        assert!(!gate_failures(&hard, Lang::Es).is_empty());
    }

    #[test]
    fn acronyms_are_runs_of_capitals() {
        assert_eq!(
            acronyms("The SLA and MTTR were fine, said Ana. OK? IPv6 and HTTP2."),
            ["SLA", "MTTR", "OK", "HTTP2"]
        );
    }
}

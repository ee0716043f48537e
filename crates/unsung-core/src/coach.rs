//! Coaching for a "what got better" text, the way a good editor reads over an engineer's
//! shoulder: the grade the story's gates use, the sentences that run long, and every jargon word
//! with a plain alternative to click. It only points; it never rewrites anything.
//!
//! The jargon is the glossary's terms plus the common words of `jargon.ftl`, in the locale files
//! so the app and the command line coach alike. Offsets are in UTF-16 code units, as the UI's
//! text editor counts them.

use crate::glossary;
use crate::locale::{Lang, Locale, locale};
use crate::readability::{self, Scores};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use ts_rs::TS;

/// Sentences longer than this are marked: short enough that our own sentence before it keeps
/// the story's longest sentence within the gates.
pub const LONG_SENTENCE_WORDS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Coaching {
    /// The grade the gates use: FKGL in English; in Spanish the Fernández-Huerta ease.
    pub scores: Scores,
    /// True when the text alone passes the family gates (the functions the gate test uses:
    /// the readability scores, and no glossary term or acronym left unexplained).
    pub within_gates: bool,
    /// Sentences of more than [`LONG_SENTENCE_WORDS`] words.
    pub long_sentences: Vec<Span>,
    pub jargon: Vec<JargonHit>,
}

/// A stretch of the text, `start` inclusive and `end` exclusive, in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Span {
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
}

/// A jargon word where it stands in the text (UTF-16 code units), as written there, with the
/// plain words to offer instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JargonHit {
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
    pub word: String,
    pub plain: String,
}

/// One jargon entry: the words it matches (each a sequence of lowercase tokens) and the plain
/// alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jargon {
    pub word: String,
    pub variants: Vec<String>,
    pub plain: String,
}

fn load(lang: Lang) -> Vec<Jargon> {
    let locale: &Locale = locale(lang);
    let mut list: Vec<Jargon> = glossary::entries(lang)
        .into_iter()
        .filter_map(|entry| {
            let plain = locale.attribute(&format!("glossary-{}", entry.id), "plain", &[])?;
            // A variant found in the plain words ("upkeep" in "planned upkeep") is plain.
            let plain_tokens = tokens(&plain.to_lowercase());
            let variants = entry
                .variants
                .into_iter()
                .filter(|v| {
                    let own = tokens(v);
                    !plain_tokens.windows(own.len().max(1)).any(|w| {
                        w.iter()
                            .map(|t| t.text.as_str())
                            .eq(own.iter().map(|t| t.text.as_str()))
                    })
                })
                .collect();
            Some(Jargon {
                word: entry.name,
                variants,
                plain,
            })
        })
        .collect();
    for id in Locale::message_ids(lang, "jargon") {
        list.push(Jargon {
            word: locale.message(&id, &[]),
            variants: glossary::split_list(locale.attribute(&id, "variants", &[])),
            plain: locale.attribute(&id, "plain", &[]).unwrap_or_default(),
        });
    }
    list
}

static EN: LazyLock<Vec<Jargon>> = LazyLock::new(|| load(Lang::En));
static ES: LazyLock<Vec<Jargon>> = LazyLock::new(|| load(Lang::Es));

/// Every jargon entry of `lang`: the glossary's terms first, then `jargon.ftl`'s.
pub fn jargon(lang: Lang) -> &'static [Jargon] {
    match lang {
        Lang::En => &EN,
        Lang::Es => &ES,
    }
}

/// A run of letters and digits, lowercased, with where it stands in the text (bytes) and
/// whether only spaces or hyphens separate it from the token before.
#[derive(Debug)]
struct Token {
    text: String,
    start: usize,
    end: usize,
    joined: bool,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut current: Option<Token> = None;
    let mut gap_ok = true;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            match &mut current {
                Some(token) => {
                    token.text.extend(c.to_lowercase());
                    token.end = i + c.len_utf8();
                }
                None => {
                    current = Some(Token {
                        text: c.to_lowercase().collect(),
                        start: i,
                        end: i + c.len_utf8(),
                        joined: !out.is_empty() && gap_ok,
                    });
                }
            }
        } else {
            if let Some(token) = current.take() {
                out.push(token);
                gap_ok = true;
            }
            if !(c.is_whitespace() || c == '-') {
                gap_ok = false;
            }
        }
    }
    out.extend(current);
    out
}

fn utf16_offset(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

/// Every jargon word in `text`: whole words only, any case, a multiword term with spaces or
/// hyphens between its words; where two overlap, the longer one wins.
pub fn find_jargon(text: &str, lang: Lang) -> Vec<JargonHit> {
    let words = tokens(text);
    let patterns: Vec<(Vec<String>, &Jargon)> = jargon(lang)
        .iter()
        .flat_map(|entry| {
            entry.variants.iter().map(move |v| {
                let own: Vec<String> = tokens(v).into_iter().map(|t| t.text).collect();
                (own, entry)
            })
        })
        .filter(|(own, _)| !own.is_empty())
        .collect();
    let mut hits = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let best = patterns
            .iter()
            .filter(|(own, _)| {
                k + own.len() <= words.len()
                    && own.iter().enumerate().all(|(j, part)| {
                        words[k + j].text == *part && (j == 0 || words[k + j].joined)
                    })
            })
            .max_by_key(|(own, _)| own.len());
        match best {
            Some((own, entry)) => {
                let (start, end) = (words[k].start, words[k + own.len() - 1].end);
                hits.push(JargonHit {
                    start: utf16_offset(text, start),
                    end: utf16_offset(text, end),
                    word: text[start..end].to_string(),
                    plain: entry.plain.clone(),
                });
                k += own.len();
            }
            None => k += 1,
        }
    }
    hits
}

/// The sentences of `text` over [`LONG_SENTENCE_WORDS`] words, as the readability module
/// splits and counts them.
pub fn long_sentences(text: &str) -> Vec<Span> {
    readability::sentences(text)
        .into_iter()
        .filter(|sentence| readability::words(sentence).len() > LONG_SENTENCE_WORDS)
        .map(|sentence| {
            // Every sentence is a slice of `text`, so its place is where the slice starts.
            let start = sentence.as_ptr() as usize - text.as_ptr() as usize;
            Span {
                start: utf16_offset(text, start),
                end: utf16_offset(text, start + sentence.len()),
            }
        })
        .collect()
}

/// What a good editor would say about `text`, in `lang`.
pub fn coach(text: &str, lang: Lang) -> Coaching {
    let scores = readability::score(text, lang);
    let within_gates = readability::gate_failures(&scores, lang).is_empty()
        && glossary::unexplained(text, lang).is_empty();
    Coaching {
        scores,
        within_gates,
        long_sentences: long_sentences(text),
        jargon: find_jargon(text, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_at(text: &str, hits: &[JargonHit]) -> Vec<String> {
        let units: Vec<u16> = text.encode_utf16().collect();
        hits.iter()
            .map(|h| String::from_utf16(&units[h.start..h.end]).unwrap())
            .collect()
    }

    #[test]
    fn a_plain_text_is_within_the_gates_and_has_nothing_to_mark() {
        let text = "We added an early warning. Next time we will know before customers do.";
        let coaching = coach(text, Lang::En);
        assert!(coaching.jargon.is_empty(), "{:?}", coaching.jargon);
        assert!(coaching.long_sentences.is_empty());
        assert!(coaching.within_gates, "{:?}", coaching.scores);
        // The example as one sentence: no jargon, not long, yet over grade 6 alone
        // (14 words, 20 syllables: grade 6.7). The grade is what tells the engineer.
        let one = coach(
            "We added an early warning, so next time we will know before customers do.",
            Lang::En,
        );
        assert!(one.jargon.is_empty() && one.long_sentences.is_empty());
        assert!(!one.within_gates && one.scores.flesch_kincaid_grade > 6.0);
        let es = coach(
            "Pusimos un aviso temprano. La próxima vez lo sabremos antes que los clientes.",
            Lang::Es,
        );
        assert!(es.jargon.is_empty() && es.within_gates, "{es:?}");
    }

    #[test]
    fn jargon_is_found_as_whole_words_in_any_case_with_multiword_terms() {
        let text = "The Load Balancer sent traffic to a stale replica; DNS-based failover \
                    and a cache-warming job fixed the 5xx errors. Nodes, podcasts, discounts \
                    and an apical server-side patch.";
        let hits = find_jargon(text, Lang::En);
        assert_eq!(
            words_at(text, &hits),
            [
                "Load Balancer",
                "replica",
                "DNS",
                "failover",
                "cache",
                "5xx",
                "Nodes",
                "server",
                "patch"
            ]
        );
        for hit in &hits {
            assert_eq!(hit.word, words_at(text, std::slice::from_ref(hit))[0]);
            assert!(!hit.plain.is_empty(), "{hit:?}");
        }
        // "podcasts" is not "pod", "discounts" not "disk", "apical" not "api".
        assert_eq!(find_jargon("load\nbalancer", Lang::En).len(), 1);
        assert!(find_jargon("load, balancer", Lang::En).is_empty());
    }

    #[test]
    fn spans_count_utf16_units_through_accents_and_emoji() {
        let text =
            "¡Qué noche! 🔥🔥 La caché falló. Añadimos una réplica 👍 y un balanceador de carga.";
        let hits = find_jargon(text, Lang::Es);
        assert_eq!(
            words_at(text, &hits),
            ["caché", "réplica", "balanceador de carga"]
        );
        let units: Vec<u16> = text.encode_utf16().collect();
        let cache = &hits[0];
        // "¡Qué noche! " is 12 units, each emoji two more, then a space and "La ".
        assert_eq!(cache.start, 12 + 2 + 2 + 1 + 3);
        assert_eq!(cache.end - cache.start, 5);
        assert!(hits.iter().all(|h| h.end <= units.len()));

        let long = format!("😀 Corto. {} fin.", ["palabra"; 22].join(" "));
        let spans = long_sentences(&long);
        assert_eq!(spans.len(), 1);
        let marked = String::from_utf16(
            &long.encode_utf16().collect::<Vec<_>>()[spans[0].start..spans[0].end],
        )
        .unwrap();
        assert!(
            marked.starts_with("palabra") && marked.ends_with("fin."),
            "{marked}"
        );
    }

    #[test]
    fn every_listed_word_is_flagged_in_both_languages() {
        for lang in Lang::ALL {
            let list = jargon(lang);
            assert!(list.len() >= 60, "{lang:?}: {}", list.len());
            assert!(
                list.iter()
                    .all(|j| !j.plain.is_empty() && !j.word.is_empty())
            );
            for entry in list {
                for variant in &entry.variants {
                    let text = format!("Then {variant} again.");
                    let hits = find_jargon(&text, lang);
                    assert_eq!(
                        words_at(&text, &hits),
                        [variant.as_str()],
                        "{lang:?} {variant:?}"
                    );
                    let upper = format!("Then {} again.", variant.to_uppercase());
                    assert_eq!(find_jargon(&upper, lang).len(), 1, "{lang:?} {upper:?}");
                }
            }
        }
        // The brief's common words are all there.
        for word in [
            "DNS",
            "TLS",
            "certificate",
            "failover",
            "replica",
            "rollback",
            "deploy",
            "cache",
            "load balancer",
            "Kubernetes",
            "pod",
            "node",
            "disk",
            "CPU",
            "latency",
            "5xx",
            "API",
            "database",
            "server",
            "timeout",
            "outage",
            "incident",
            "alert",
            "on-call",
            "config",
            "patch",
        ] {
            assert_eq!(find_jargon(word, Lang::En).len(), 1, "{word}");
        }
        // The glossary's plain names are not jargon.
        assert!(find_jargon("planned upkeep", Lang::En).is_empty());
    }

    #[test]
    fn long_sentences_are_marked_and_the_grade_is_the_gates_own() {
        let text = "We fixed it. When the primary database replica lagged behind the writer \
                    during the nightly batch, the connection pool exhausted and the API \
                    returned 5xx errors to every client for twenty minutes.";
        let coaching = coach(text, Lang::En);
        assert_eq!(coaching.long_sentences.len(), 1);
        assert_eq!(coaching.long_sentences[0].start, "We fixed it. ".len());
        assert_eq!(coaching.long_sentences[0].end, text.len());
        assert_eq!(coaching.scores, readability::score(text, Lang::En));
        assert!(!coaching.within_gates);
        let words: Vec<&str> = coaching.jargon.iter().map(|h| h.word.as_str()).collect();
        assert_eq!(words, ["database", "replica", "API", "5xx"]);
    }
}

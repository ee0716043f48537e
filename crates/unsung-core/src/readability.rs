//! Readability scores (Flesch-Kincaid grade, ARI, Flesch Reading Ease) so tests can hold the
//! story to plain language. Syllables come from a vowel-group rule; the CMU dictionary can
//! replace it where the rule is too rough.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub sentences: usize,
    pub longest_sentence_words: usize,
    pub flesch_kincaid_grade: f64,
    pub automated_readability_index: f64,
    pub flesch_reading_ease: f64,
}

/// Syllables in one word by vowel groups, with a silent final "e" dropped ("time" has one).
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.is_empty() {
        // A number such as "99.97%" is read aloud as several syllables; two is a fair middle.
        return if word.chars().any(|c| c.is_ascii_digit()) {
            2
        } else {
            0
        };
    }
    let is_vowel = |c: char| "aeiouy".contains(c);
    let mut groups = 0;
    let mut previous_vowel = false;
    for &c in &letters {
        let vowel = is_vowel(c);
        if vowel && !previous_vowel {
            groups += 1;
        }
        previous_vowel = vowel;
    }
    let n = letters.len();
    let ends = |suffix: &str| {
        letters
            .iter()
            .rev()
            .zip(suffix.chars().rev())
            .filter(|(a, b)| *a == b)
            .count()
            == suffix.len()
            && n >= suffix.len()
    };
    let before = |k: usize| if n > k { letters[n - 1 - k] } else { ' ' };
    // Silent endings: "time", "fixed", "minutes" (but not "little", "needed", "boxes", "pages").
    let silent = (ends("e") && !is_vowel(before(1)) && before(1) != 'l')
        || (ends("ed") && !matches!(before(2), 't' | 'd') && !is_vowel(before(2)))
        || (ends("es")
            && !matches!(before(2), 's' | 'x' | 'z' | 'h' | 'g' | 'c')
            && !is_vowel(before(2)));
    if silent && groups > 1 {
        groups -= 1;
    }
    groups.max(1)
}

fn words_of(sentence: &str) -> Vec<&str> {
    sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

pub fn score(text: &str) -> Scores {
    let sentences: Vec<&str> = text
        .split(['.', '!', '?', '\n'])
        .filter(|s| !words_of(s).is_empty())
        .collect();
    // A decimal point splits "99.97" into two pieces; join them back by counting words on the
    // whole text instead of per piece.
    let words = words_of(text);
    let word_count = words.len().max(1);
    let sentence_count = sentences.len().max(1);
    let syllable_count: usize = words.iter().map(|w| syllables(w)).sum();
    let characters: usize = words
        .iter()
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    let words_per_sentence = word_count as f64 / sentence_count as f64;
    let syllables_per_word = syllable_count as f64 / word_count as f64;
    Scores {
        words: words.len(),
        sentences: sentences.len(),
        longest_sentence_words: sentences
            .iter()
            .map(|s| words_of(s).len())
            .max()
            .unwrap_or(0),
        flesch_kincaid_grade: 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        automated_readability_index: 4.71 * (characters as f64 / word_count as f64)
            + 0.5 * words_per_sentence
            - 21.43,
        flesch_reading_ease: 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_follow_how_words_sound() {
        assert_eq!(syllables("time"), 1);
        assert_eq!(syllables("minutes"), 2);
        assert_eq!(syllables("fixed"), 1);
        assert_eq!(syllables("little"), 2);
        assert_eq!(syllables("problem"), 2);
        assert_eq!(syllables("99.97%"), 2);
        assert_eq!(syllables("needed"), 2);
        assert_eq!(syllables("pages"), 2);
    }

    #[test]
    fn simple_text_scores_as_easy_and_dense_text_as_hard() {
        let easy =
            score("The shop was up all week. Ana fixed one small problem. It took ten minutes.");
        assert!(easy.flesch_kincaid_grade < 4.0, "{easy:?}");
        assert!(easy.flesch_reading_ease > 80.0, "{easy:?}");
        let hard = score(
            "Intermittent authentication degradation necessitated comprehensive infrastructure \
             remediation, notwithstanding considerable organizational coordination requirements.",
        );
        assert!(hard.flesch_kincaid_grade > 12.0, "{hard:?}");
        assert_eq!(easy.sentences, 3);
        assert_eq!(easy.longest_sentence_words, 6);
    }
}

//! English syllables: the CMU Pronouncing Dictionary first, a vowel-group rule for words it
//! does not know. The dictionary ships as a derived table (word, syllable count) under
//! `data/cmudict/` with its licence; `scripts/readability/derive_cmudict.py` rebuilds it.

use std::sync::OnceLock;

/// The table's entries (`word count` lines), deflated at build time (build.rs).
const COMPRESSED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/syllables.deflate"));

/// The entries, sorted by word in byte order, so a word is found by binary search in the text
/// itself: no map is built (a map of the 126,000 words took tens of milliseconds to build
/// before the first story and about 5 MB to keep). The text is inflated once, on first use
/// (about 1.3 MB, a few milliseconds), which keeps the binary 0.9 MB smaller.
fn entries() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        miniz_oxide::inflate::decompress_to_vec(COMPRESSED)
            .expect("the dictionary compressed at build time inflates")
    })
}

/// One entry line split into its word and count.
fn entry(line: &[u8]) -> Option<(&[u8], u8)> {
    let space = line.iter().position(|&b| b == b' ')?;
    let count = std::str::from_utf8(&line[space + 1..]).ok()?.parse().ok()?;
    Some((&line[..space], count))
}

/// How many words the dictionary knows (a check that the table is whole).
pub fn dictionary_size() -> usize {
    entries()
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count()
}

/// Syllables of one word as the CMU dictionary has it, if it has it. `word` is lowercase.
pub fn dictionary_syllables(word: &str) -> Option<usize> {
    let table = entries();
    let word = word.as_bytes();
    // Invariant: `lo` is the start of a line, and the word's line, if any, starts in lo..hi.
    let (mut lo, mut hi) = (0, table.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = table[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |at| lo + at + 1);
        let end = table[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(table.len(), |at| start + at);
        let (entry_word, count) = entry(&table[start..end])?;
        match entry_word.cmp(word) {
            std::cmp::Ordering::Equal => return Some(count as usize),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// Syllables in one lowercase word made of letters (and maybe apostrophes).
pub fn syllables(word: &str) -> usize {
    if let Some(n) = dictionary_syllables(word) {
        return n;
    }
    // "team's", "Ana's": the possessive adds no syllable after most sounds.
    if let Some(stem) = word.strip_suffix("'s")
        && let Some(n) = dictionary_syllables(stem)
    {
        return n;
    }
    vowel_groups(word)
}

/// The fallback: vowel groups, with a silent final "e", "ed" or "es" dropped
/// ("time" 1, "fixed" 1, "minutes" 2; but "little" 2, "needed" 2, "pages" 2).
pub fn vowel_groups(word: &str) -> usize {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0;
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
        n >= suffix.len()
            && letters[n - suffix.len()..]
                .iter()
                .copied()
                .eq(suffix.chars())
    };
    let before = |k: usize| if n > k { letters[n - 1 - k] } else { ' ' };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_loads_whole_and_knows_common_words() {
        assert!(dictionary_size() > 120_000, "{}", dictionary_size());
        assert_eq!(syllables("minutes"), 2);
        assert_eq!(syllables("everything"), 3);
        assert_eq!(syllables("outage"), 2);
        assert_eq!(syllables("fixed"), 1);
        assert_eq!(syllables("maintenance"), 3);
    }

    #[test]
    fn every_word_of_the_table_is_found_with_its_own_count() {
        let text = std::str::from_utf8(entries()).unwrap();
        let mut previous = "";
        for line in text.lines() {
            let (word, count) = line.split_once(' ').unwrap();
            assert!(previous < word, "the table is not sorted at {word:?}");
            assert_eq!(
                dictionary_syllables(word),
                Some(count.parse().unwrap()),
                "{word}"
            );
            previous = word;
        }
        // Words between, before and after the entries are not found.
        for absent in ["", "'", "aaaaaaaa", "zzzzzzzzzz", "teamwork's", "qqq"] {
            assert_eq!(dictionary_syllables(absent), None, "{absent:?}");
        }
    }

    #[test]
    fn unknown_words_fall_back_to_vowel_groups() {
        assert_eq!(dictionary_syllables("upkeepish"), None);
        assert_eq!(syllables("upkeepish"), 3);
        assert_eq!(vowel_groups("time"), 1);
        assert_eq!(vowel_groups("minutes"), 2);
        assert_eq!(vowel_groups("little"), 2);
        assert_eq!(vowel_groups("needed"), 2);
        assert_eq!(vowel_groups("pages"), 2);
    }

    #[test]
    fn a_possessive_counts_like_its_word() {
        assert_eq!(syllables("juniper's"), syllables("juniper"));
    }
}

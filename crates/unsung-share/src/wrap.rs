//! Line breaking for SVG, which has none: words are measured with the embedded font and set
//! greedily, a word too long for a line is broken between letters, and text that needs more
//! lines than allowed ends with an ellipsis. Headlines can be balanced so their lines are of
//! similar length, the way a designer would set them.

use crate::fonts::{Weight, width};

const ELLIPSIS: &str = "…";

/// How a block of text is set: its size, weight and the room it has.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    pub size: f32,
    pub weight: Weight,
    pub max_width: f32,
    pub max_lines: usize,
}

impl Measure {
    fn fits(&self, text: &str) -> bool {
        width(text, self.size, self.weight) <= self.max_width
    }
}

/// The lines `text` breaks into. Never more than `max_lines`; never an empty line.
pub fn wrap(text: &str, measure: Measure) -> Vec<String> {
    let mut lines = greedy(text, measure.max_width, measure);
    if lines.len() > measure.max_lines.max(1) {
        lines.truncate(measure.max_lines.max(1));
        let last = lines.pop().unwrap_or_default();
        lines.push(with_ellipsis(&last, measure));
    }
    lines
}

/// Like [`wrap`], but with lines of even length: the narrowest width that still gives the
/// same number of lines.
pub fn wrap_balanced(text: &str, measure: Measure) -> Vec<String> {
    let lines = wrap(text, measure);
    if lines.len() < 2 || lines.len() > measure.max_lines {
        return lines;
    }
    let target = greedy(text, measure.max_width, measure).len();
    if target != lines.len() {
        // The text was cut short with an ellipsis: balancing would only move the cut.
        return lines;
    }
    let (mut low, mut high) = (measure.max_width / target as f32, measure.max_width);
    for _ in 0..12 {
        let middle = (low + high) / 2.0;
        if greedy(text, middle, measure).len() <= target {
            high = middle;
        } else {
            low = middle;
        }
    }
    greedy(text, high, measure)
}

fn greedy(text: &str, max_width: f32, measure: Measure) -> Vec<String> {
    let exact = |t: &str| width(t, measure.size, measure.weight);
    let space = exact(" ");
    // Each word is measured once; a line's width is the sum of its words and spaces. Kerning
    // across a space is next to nothing, and each finished line is checked exactly below.
    let words: Vec<(&str, f32)> = text.split_whitespace().map(|w| (w, exact(w))).collect();
    let mut lines: Vec<Vec<&str>> = Vec::new();
    let mut line: Vec<&str> = Vec::new();
    let mut line_width = 0.0;
    for (word, word_width) in words {
        let added = if line.is_empty() {
            word_width
        } else {
            line_width + space + word_width
        };
        if added <= max_width {
            line.push(word);
            line_width = added;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= max_width {
            line.push(word);
            line_width = word_width;
        } else {
            // A word longer than the whole line (a long name, a run of letters): break it.
            for piece in break_word(word, max_width, &exact) {
                lines.push(vec![piece]);
            }
            if let Some(last) = lines.pop() {
                line_width = exact(last[0]);
                line = last;
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    // Make sure: a line that is a hair too wide hands its last word to the next line.
    let mut out: Vec<String> = Vec::new();
    let mut carry: Vec<&str> = Vec::new();
    for mut words in lines {
        if !carry.is_empty() {
            words.splice(0..0, carry.drain(..));
        }
        while words.len() > 1 && exact(&words.join(" ")) > max_width {
            carry.insert(0, words.pop().expect("more than one word"));
        }
        out.push(words.join(" "));
    }
    if !carry.is_empty() {
        out.push(carry.join(" "));
    }
    out
}

/// `word` cut between letters into pieces that each fit `max_width`.
fn break_word<'a>(word: &'a str, max_width: f32, exact: &impl Fn(&str) -> f32) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in word.char_indices() {
        let next = i + c.len_utf8();
        if end > start && exact(&word[start..next]) > max_width {
            pieces.push(&word[start..end]);
            start = end;
        }
        end = next;
    }
    if end > start {
        pieces.push(&word[start..end]);
    }
    pieces
}

/// `line` shortened, at a word if it can be, so that it ends with "…" and fits.
fn with_ellipsis(line: &str, measure: Measure) -> String {
    let mut words: Vec<&str> = line.split(' ').collect();
    while words.len() > 1 {
        let candidate = format!(
            "{}{ELLIPSIS}",
            words.join(" ").trim_end_matches([',', '.', ';', ':'])
        );
        if measure.fits(&candidate) {
            return candidate;
        }
        words.pop();
    }
    let mut chars: Vec<char> = line.chars().collect();
    while !chars.is_empty() {
        let candidate: String = chars.iter().collect::<String>() + ELLIPSIS;
        if measure.fits(&candidate) {
            return candidate;
        }
        chars.pop();
    }
    ELLIPSIS.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(max_width: f32, max_lines: usize) -> Measure {
        Measure {
            size: 20.0,
            weight: Weight::Regular,
            max_width,
            max_lines,
        }
    }

    const SENTENCE: &str = "The team fixed all of them. A typical fix took about 9 minutes, and the longest took about 40 minutes.";

    #[test]
    fn every_line_fits_and_no_word_is_lost() {
        let m = measure(300.0, 10);
        let lines = wrap(SENTENCE, m);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(width(line, 20.0, Weight::Regular) <= 300.0, "{line}");
        }
        assert_eq!(lines.join(" "), SENTENCE);
    }

    #[test]
    fn too_much_text_ends_with_an_ellipsis_inside_the_room_given() {
        let m = measure(300.0, 2);
        let lines = wrap(SENTENCE, m);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(width(&lines[1], 20.0, Weight::Regular) <= 300.0);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_between_letters() {
        let long = "api-gw-prod-eu-west-1-compute-internal-very-long-name";
        let lines = wrap(long, measure(120.0, 10));
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), long);
        for line in &lines {
            assert!(width(line, 20.0, Weight::Regular) <= 120.0, "{line}");
        }
    }

    #[test]
    fn balanced_lines_keep_the_line_count_and_even_out_the_lengths() {
        let text = "Everything worked 99.97% of the time this week";
        let m = measure(400.0, 3);
        let plain = wrap(text, m);
        let balanced = wrap_balanced(text, m);
        assert_eq!(plain.len(), balanced.len());
        let spread = |lines: &[String]| {
            let widths: Vec<f32> = lines
                .iter()
                .map(|l| width(l, 20.0, Weight::Regular))
                .collect();
            widths.iter().cloned().fold(0.0, f32::max)
                - widths.iter().cloned().fold(f32::MAX, f32::min)
        };
        assert!(
            spread(&balanced) <= spread(&plain),
            "{plain:?} {balanced:?}"
        );
        assert_eq!(balanced.join(" "), text);
    }

    #[test]
    fn empty_text_gives_no_lines() {
        assert!(wrap("   ", measure(300.0, 3)).is_empty());
    }
}

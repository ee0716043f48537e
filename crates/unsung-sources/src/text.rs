//! Outside text made safe to keep: control characters and runs of blank space folded to one
//! space, and long titles shortened at a character boundary. Escaping for display is the
//! faces' job; this only keeps stored text tidy and bounded.

/// The longest title Unsung keeps (Statuspage allows 255 characters; stories need far fewer).
pub const MAX_TITLE_CHARS: usize = 200;

/// Folds control characters, newlines and runs of spaces into single spaces and trims.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// At most `max` characters, ending in `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The longest source text on what changed that Unsung keeps (a postmortem, a note): a
/// starting point for a person's plain words, not a document.
pub const MAX_EXPLANATION_CHARS: usize = 4000;

/// The source's own words on what changed, as stored: clean and bounded; `None` when empty.
pub fn explanation(text: &str) -> Option<String> {
    let cleaned = clean(text);
    (!cleaned.is_empty()).then(|| shorten(&cleaned, MAX_EXPLANATION_CHARS))
}

/// A title as stored: clean, bounded, and never empty.
pub fn title(text: &str, fallback: &str) -> String {
    let cleaned = clean(text);
    if cleaned.is_empty() {
        fallback.to_string()
    } else {
        shorten(&cleaned, MAX_TITLE_CHARS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_kept_as_text_but_tidied() {
        assert_eq!(
            clean("  <script>alert(1)</script>\n\tDown\u{0}again\u{202E}  "),
            "<script>alert(1)</script> Down again"
        );
        assert_eq!(title("\n\n", "Untitled"), "Untitled");
        let long = "é".repeat(500);
        let short = title(&long, "x");
        assert_eq!(short.chars().count(), MAX_TITLE_CHARS);
        assert!(short.ends_with('…'));
    }
}

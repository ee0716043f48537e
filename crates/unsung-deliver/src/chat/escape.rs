//! Keeping outside text inert in chat markup: Slack's control sequences, Markdown.

/// Slack's (and Mattermost's Slack-compatible) escaping: `&`, `<` and `>` as entities, so
/// `<!channel>`, `<!here>`, `<@U123>` and `<https://x|label>` arrive as plain words.
pub fn slack_escaped(text: &str) -> String {
    // `&` first, so the entities the other two become are not escaped again.
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Every character of `special` preceded by a backslash (CommonMark lets any ASCII punctuation
/// be escaped so), so emphasis, links, headings and quotes show as typed.
pub fn markdown_escaped(text: &str, special: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if special.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A word joiner (U+2060, invisible) after each `@`, so `@channel`, `@here`, `@all` and
/// `@someone` read the same but mention nobody on platforms that mention by plain text.
pub fn mentions_defused(text: &str) -> String {
    text.replace('@', "@\u{2060}")
}

/// `text` cut to at most `max` characters (with an ellipsis when cut), at a character
/// boundary and never inside a backslash escape.
pub fn cut_to(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    let trailing = out.chars().rev().take_while(|c| *c == '\\').count();
    if trailing % 2 == 1 {
        out.pop();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_control_sequences_become_plain_words() {
        assert_eq!(
            slack_escaped("<!channel> & <@U1|x>"),
            "&lt;!channel&gt; &amp; &lt;@U1|x&gt;"
        );
    }

    #[test]
    fn cutting_never_leaves_half_an_escape() {
        assert_eq!(cut_to("abcdef", 10), "abcdef");
        assert_eq!(cut_to("abcdef", 4), "abc…");
        assert_eq!(cut_to("ab\\*cd", 4), "ab…");
        assert_eq!(cut_to("ñññññ", 3), "ññ…");
    }
}

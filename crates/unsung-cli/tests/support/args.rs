//! Argument lists more than one of the CLI's test files gives the `unsung` command.

/// `thanks post` from Ana to Ben with this message.
pub fn ana_thanks_ben(message: &str) -> [&str; 8] {
    [
        "thanks",
        "post",
        "--from",
        "Ana",
        "--to",
        "Ben",
        "--message",
        message,
    ]
}

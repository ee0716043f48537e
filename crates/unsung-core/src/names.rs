//! PLACEHOLDER (owner: story-fixes): a friendly name suggested from an internal service name.
//! Dropped at merge.

use crate::locale::Lang;

pub fn suggest_friendly_name(internal: &str, _lang: Lang) -> Option<String> {
    let first = internal
        .split(['-', '_', '.', ' '])
        .find(|part| part.chars().all(char::is_alphabetic) && part.len() > 2)?;
    let mut chars = first.chars();
    let head = chars.next()?.to_uppercase().collect::<String>();
    Some(head + &chars.as_str().to_lowercase())
}

//! The locale files as a whole: both languages say the same things, every message formats
//! without errors, and plurals follow each language's rules.

use super::*;

#[test]
fn both_languages_have_the_same_messages_in_every_file() {
    for file in FILES {
        let en = Locale::message_ids(Lang::En, file);
        let es = Locale::message_ids(Lang::Es, file);
        assert!(!en.is_empty(), "{file}");
        // Everyday comparisons differ by culture on purpose.
        let shared = |id: &&String| !id.starts_with("everyday-");
        let only_en: Vec<_> = en
            .iter()
            .filter(shared)
            .filter(|id| !es.contains(id))
            .collect();
        let only_es: Vec<_> = es
            .iter()
            .filter(shared)
            .filter(|id| !en.contains(id))
            .collect();
        assert!(
            only_en.is_empty() && only_es.is_empty(),
            "{file}: only in English {only_en:?}, only in Spanish {only_es:?}"
        );
    }
}

#[test]
fn plurals_follow_each_language() {
    let en = locale(Lang::En);
    let es = locale(Lang::Es);
    assert_eq!(
        en.message("story-problems", &[("count", 1.into())]),
        "There was one problem."
    );
    assert_eq!(
        en.message("story-problems", &[("count", 4.into())]),
        "There were 4 problems."
    );
    assert_eq!(
        es.message("story-problems", &[("count", 1.into())]),
        "Surgió un problema."
    );
    assert_eq!(
        es.message("story-problems", &[("count", 4.into())]),
        "Surgieron 4 problemas."
    );
}

#[test]
fn numbers_in_messages_are_grouped_the_languages_way() {
    let en = locale(Lang::En);
    let es = locale(Lang::Es);
    let args = [("count", 12_345.into())];
    assert_eq!(
        en.message("story-team-deploys", &args),
        "12,345 deploys went out."
    );
    assert_eq!(
        es.message("story-team-deploys", &args),
        "Salieron 12.345 despliegues."
    );
}

#[test]
fn datetime_works_inside_messages_without_bidi_marks() {
    let text = locale(Lang::Es).message(
        "story-outage-in-period",
        &[("date", Arg::Text("2026-10-19".into()))],
    );
    assert_eq!(text, "Hubo una gran caída el lunes 19 de octubre.");
    assert!(!text.contains('\u{2068}'));
}

#[test]
fn a_missing_message_shows_its_id() {
    assert_eq!(
        locale(Lang::En).message("no-such-message", &[]),
        "no-such-message"
    );
    assert_eq!(Lang::parse("es"), Some(Lang::Es));
    assert_eq!(Lang::parse("fr"), None);
}

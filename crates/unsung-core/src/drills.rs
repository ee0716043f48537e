//! Which titles mark planned practice: a team switching parts off on purpose ("game day",
//! "failover test", "simulacro") is not a problem, so a drill is never counted as an incident
//! or as downtime. Sources (PagerDuty titles and maintenance windows, Statuspage maintenances)
//! ask here; the user adds their own words in Settings.
//!
//! A word matches whole words only, ignoring case and accents: "Game-Day: DB failover" and
//! "SIMULACRO de caída" are drills; "Drilling rig API" and "chaotic deploy" are not.

/// The words and phrases that mark a title as a drill, in English and Spanish. Written with
/// their accents for people to read; matching ignores them.
pub const BUILT_IN_DRILL_WORDS: &[&str] = &[
    // English
    "game day",
    "gameday",
    "drill",
    "drills",
    "fire drill",
    "failover test",
    "failover drill",
    "failover exercise",
    "chaos",
    "chaos test",
    "chaos experiment",
    "disaster recovery test",
    "disaster recovery drill",
    "dr test",
    "dr drill",
    "resilience test",
    // Spanish
    "simulacro",
    "simulacros",
    "prueba de conmutación",
    "prueba de conmutación por error",
    "prueba de failover",
    "caos",
    "ingeniería del caos",
    "prueba de recuperación ante desastres",
    "ejercicio de recuperación",
    "día de juego",
];

/// True when `title` contains one of [`BUILT_IN_DRILL_WORDS`] or of `extra_words` (the
/// user's), as whole words, ignoring case, accents and punctuation between words.
pub fn is_drill_title(title: &str, extra_words: &[String]) -> bool {
    let words = plain_words(title);
    if words.is_empty() {
        return false;
    }
    BUILT_IN_DRILL_WORDS
        .iter()
        .copied()
        .chain(extra_words.iter().map(String::as_str))
        .any(|phrase| {
            let phrase = plain_words(phrase);
            !phrase.is_empty() && words.windows(phrase.len()).any(|run| run == phrase)
        })
}

/// The words of `text`, lower case and without accents: runs of letters and digits.
fn plain_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            word.push(without_accent(c));
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The letter without its accent, for the Latin letters English and Spanish titles use.
fn without_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::is_drill_title;

    fn drill(title: &str) -> bool {
        is_drill_title(title, &[])
    }

    #[test]
    fn planned_practice_is_a_drill_in_english_and_spanish() {
        for title in [
            "Game day: switch off the primary database",
            "GAME-DAY checkout",
            "Quarterly gameday",
            "Fire drill for the payments team",
            "Failover test of the EU region",
            "Chaos experiment: kill 1 of 3 pods",
            "Disaster recovery test (DR)",
            "[DR test] restore backups",
            "Simulacro de caída del pago",
            "SIMULACRO",
            "Prueba de conmutación por error de la base de datos",
            "prueba de conmutacion sin tilde",
            "Ingeniería del caos: apagar un nodo",
            "Día de juego del equipo",
            "dia de juego sin tildes",
        ] {
            assert!(drill(title), "{title:?} is a drill");
        }
    }

    #[test]
    fn only_whole_words_count() {
        for title in [
            "Drilling rig API is slow",
            "Chaotic deploy broke checkout",
            "Game server down all day",
            "Payments down",
            "Cacao shop images missing",
            "",
            "   ",
            "<script>drillx</script>",
        ] {
            assert!(!drill(title), "{title:?} is not a drill");
        }
    }

    #[test]
    fn the_users_own_words_count_too_with_the_same_rules() {
        let extra = vec![
            "Übung".to_string(),
            "war room rehearsal".into(),
            "  ".into(),
        ];
        assert!(is_drill_title("Monthly UBUNG for on-call", &extra));
        assert!(is_drill_title("War-room rehearsal, phase 2", &extra));
        assert!(!is_drill_title("War room", &extra));
        assert!(
            !is_drill_title("Payments down", &extra),
            "a blank word matches nothing"
        );
    }
}

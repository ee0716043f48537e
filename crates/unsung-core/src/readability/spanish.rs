//! Spanish syllables by the spelling rules every Spanish school teaches: one syllable per
//! vowel nucleus, where a weak vowel (i, u, ü, a final y) next to another vowel forms a
//! diphthong unless it carries an accent (hiatus: "día", "reúne"), two strong vowels (a, e, o)
//! are always apart ("caer", "leer"), and the u of "que", "qui", "gue", "gui" is silent.
//!
//! Spanish spelling is regular enough that these rules give the syllables of almost every
//! word; no dictionary is needed. (Hyphenation patterns, which textstat uses through pyphen,
//! are not syllables: they never leave one letter alone at either end of a word.)

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// a, e, o and accented á, é, ó.
    Strong,
    /// i, u, ü and a y that sounds like i.
    Weak,
    /// í, ú: a weak vowel that is stressed, so it stands on its own.
    StressedWeak,
    Consonant,
}

fn kind(letters: &[char], i: usize) -> Kind {
    let c = letters[i];
    let next = letters.get(i + 1).copied();
    let previous = i.checked_sub(1).map(|p| letters[p]);
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' => Kind::Strong,
        'í' | 'ú' => Kind::StressedWeak,
        'ü' | 'i' => Kind::Weak,
        // The u in que, qui, gue, gui is written, not said.
        'u' if matches!(previous, Some('q' | 'g'))
            && matches!(next, Some('e' | 'i' | 'é' | 'í')) =>
        {
            Kind::Consonant
        }
        'u' => Kind::Weak,
        // "y" is a vowel at the end of a word after a vowel ("hoy", "muy") and on its own.
        'y' if next.is_none() => Kind::Weak,
        _ => Kind::Consonant,
    }
}

/// Syllables in one lowercase Spanish word.
pub fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return 0;
    }
    let kinds: Vec<Kind> = (0..letters.len()).map(|i| kind(&letters, i)).collect();
    let mut count = 0;
    let mut previous: Option<Kind> = None;
    for (i, &k) in kinds.iter().enumerate() {
        if k == Kind::Consonant {
            // A silent h between vowels does not break a diphthong ("ahu-ma-do").
            if !(letters[i] == 'h' && previous.is_some()) {
                previous = None;
            }
            continue;
        }
        let joins = match previous {
            None => false,
            Some(p) => {
                let strong = |x: Kind| matches!(x, Kind::Strong | Kind::StressedWeak);
                // Two weak vowels ("ui", "iu") or a weak one with a strong one glide together;
                // two strong ones, or a stressed weak one, stand apart.
                !(strong(p) && strong(k))
            }
        };
        if !joins {
            count += 1;
        }
        previous = Some(k);
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diphthongs_are_one_syllable_and_hiatus_two() {
        for (word, expected) in [
            ("tiempo", 2),
            ("funcionó", 3),
            ("problemas", 3),
            ("día", 2),
            ("días", 2),
            ("caer", 2),
            ("leer", 2),
            ("reúne", 3),
            ("ciudad", 2),
            ("cuidado", 3),
            ("semana", 3),
            ("noviembre", 3),
            ("actualizaciones", 6),
            ("mantenimiento", 5),
            ("aéreo", 4),
            ("país", 2),
            ("buey", 1),
        ] {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn the_u_of_que_and_gui_is_silent_but_not_with_a_diaeresis() {
        assert_eq!(syllables("que"), 1);
        assert_eq!(syllables("arreglaron"), 4);
        assert_eq!(syllables("guerra"), 2);
        assert_eq!(syllables("seguimos"), 3);
        assert_eq!(syllables("pingüino"), 3);
        assert_eq!(syllables("cigüeña"), 3);
    }

    #[test]
    fn y_is_a_vowel_only_at_the_end_or_alone() {
        assert_eq!(syllables("y"), 1);
        assert_eq!(syllables("hoy"), 1);
        assert_eq!(syllables("muy"), 1);
        assert_eq!(syllables("ayuda"), 3);
        assert_eq!(syllables("ahumado"), 3);
    }
}

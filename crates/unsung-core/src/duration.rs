//! Durations in everyday words ("about 3 minutes", "a little over an hour"), never seconds.

/// Rounds a duration to the unit a person would use and says it in plain English.
pub fn plain_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds == 0 {
        return "no time at all".to_string();
    }
    if seconds < 60 {
        return "less than a minute".to_string();
    }
    let minutes = (seconds as f64 / 60.0).round() as i64;
    if minutes < 60 {
        return if minutes == 1 {
            "about a minute".to_string()
        } else {
            format!("about {minutes} minutes")
        };
    }
    let hours = seconds as f64 / 3600.0;
    if hours < 24.0 {
        let rounded = (hours * 2.0).round() / 2.0;
        return match rounded {
            h if h <= 1.0 => "about an hour".to_string(),
            h if h.fract() == 0.0 => format!("about {} hours", h as i64),
            h if h < 2.0 => "about an hour and a half".to_string(),
            h => format!("about {} and a half hours", h.floor() as i64),
        };
    }
    let days = (hours / 24.0).round() as i64;
    if days == 1 {
        "about a day".to_string()
    } else {
        format!("about {days} days")
    }
}

/// A short count word for small numbers, digits above ten: "one", "three", "12".
pub fn count_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_troubles_are_said_in_minutes_without_seconds() {
        assert_eq!(plain_duration(0), "no time at all");
        assert_eq!(plain_duration(20), "less than a minute");
        assert_eq!(plain_duration(65), "about a minute");
        assert_eq!(plain_duration(3 * 60 + 10), "about 3 minutes");
    }

    #[test]
    fn longer_troubles_round_to_half_hours_then_days() {
        assert_eq!(plain_duration(3600 + 5 * 60), "about an hour");
        assert_eq!(plain_duration(95 * 60), "about an hour and a half");
        assert_eq!(plain_duration(150 * 60), "about 2 and a half hours");
        assert_eq!(plain_duration(2 * 3600 + 10 * 60), "about 2 hours");
        assert_eq!(plain_duration(50 * 3600), "about 2 days");
    }

    #[test]
    fn small_counts_are_words() {
        assert_eq!(count_word(0), "no");
        assert_eq!(count_word(3), "three");
        assert_eq!(count_word(12), "12");
    }
}

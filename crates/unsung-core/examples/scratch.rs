use chrono::{TimeZone, Utc};
use unsung_core::locale::Lang;
use unsung_core::period::{PeriodKind, PeriodUnit};
use unsung_core::story::{Audience, StoryRequest, tell_dataset};
use unsung_core::working_hours::WorkingHours;
use unsung_core::{glossary, readability, scenarios};

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap();
    let tz = chrono_tz::UTC;
    let wh = WorkingHours::default();
    let filter = std::env::args().nth(1).unwrap_or_default();
    let kind = match std::env::args().nth(2).as_deref() { Some("month") => PeriodKind::ThisMonth, Some("year") => PeriodKind::ThisYear, Some("90") => PeriodKind::Last90Days, _ => PeriodKind::ThisWeek };
    for (name, data) in scenarios::all(now) {
        if !name.contains(&filter) { continue; }
        for lang in Lang::ALL {
            for audience in Audience::ALL {
                let range = kind.range(now, tz);
                let req = StoryRequest { lang, audience, range, unit: PeriodUnit::of(range, tz), tz, now, working_hours: &wh };
                let story = tell_dataset(&data, &req);
                let text = story.to_text();
                let s = story.readability;
                println!("===== {name} {lang:?} {audience:?}: FKGL {:.2} ARI {:.2} FRE {:.1} FH {:.1} longest {} words {} sentences {}", s.flesch_kincaid_grade, s.automated_readability_index, s.flesch_reading_ease, s.fernandez_huerta, s.longest_sentence_words, s.words, s.sentences);
                if audience == Audience::Family {
                    let fails = readability::gate_failures(&s, lang);
                    let unexp = glossary::unexplained(&text, lang);
                    if !fails.is_empty() || !unexp.is_empty() { println!("!!! {fails:?} {unexp:?}"); }
                }
                println!("{text}");
            }
        }
    }
}

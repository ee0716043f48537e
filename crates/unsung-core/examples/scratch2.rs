use chrono::{TimeZone, Utc};
use unsung_core::locale::Lang;
use unsung_core::period::{PeriodKind, PeriodUnit};
use unsung_core::story::{Audience, StoryRequest, tell_dataset};
use unsung_core::working_hours::WorkingHours;
use unsung_core::{glossary, scenarios};
fn main() {
    let now = Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap();
    let tz = chrono_tz::UTC;
    let wh = WorkingHours::default();
    let mut out = vec![];
    for (name, data) in scenarios::all(now) {
        if !["demo team", "calm week", "terrible week"].contains(&name) { continue; }
        for lang in Lang::ALL {
            let range = PeriodKind::ThisWeek.range(now, tz);
            let req = StoryRequest { lang, audience: Audience::Family, range, unit: PeriodUnit::of(range, tz), tz, now, working_hours: &wh };
            out.push(serde_json::json!({"name": format!("story: {name}, this week, family (headline and paragraphs)"), "lang": lang.code(), "text": tell_dataset(&data, &req).prose()}));
        }
    }
    for lang in Lang::ALL {
        let all: String = glossary::texts(lang).into_iter().map(|(_, t)| t + "\n").collect();
        out.push(serde_json::json!({"name": "glossary definitions", "lang": lang.code(), "text": all}));
    }
    println!("{}", serde_json::to_string_pretty(&out).unwrap());
}

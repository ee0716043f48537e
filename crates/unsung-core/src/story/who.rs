//! Who gave up free time: the people who answered problems at night, early, late or on a day
//! off, named the way the reader knows them (first names for the family, more than three
//! counted, and "the same 5 people", then "they", rather than the same names again).

use super::StoryRequest;
use super::phrases;
use super::plan::{Problem, Sentence, say};
use crate::index::PeriodIndex;
use crate::locale::locale;
use chrono::{Datelike, Timelike};

/// Local hours that count as night (22:00 to 06:59).
const NIGHT: [u32; 9] = [22, 23, 0, 1, 2, 3, 4, 5, 6];

/// Who answered problems that came in at night, before or after the working day, or on a day
/// off (night wins over the others).
pub(super) fn outside_hours(
    counted: &[Problem],
    index: &PeriodIndex,
    request: &StoryRequest,
) -> Vec<Sentence> {
    let (tz, hours) = (request.tz, request.working_hours);
    let ids = ["story-night", "story-day-off", "story-early", "story-late"];
    let mut groups: [(Vec<&str>, usize); 4] = Default::default();
    // Who each group has already, by the index's numbers: a year of incidents reads no names.
    let mut named = [(); 4].map(|_| vec![false; index.people_count()]);
    for problem in counted {
        let people = index.people_of(problem.counted);
        if people.is_empty() {
            continue;
        }
        // The wall clock once for both questions (each conversion looks the zone up).
        let local = problem.counted.opened_at.with_timezone(&tz).naive_local();
        if !hours.is_outside_local(local) {
            continue;
        }
        let group = if NIGHT.contains(&local.hour()) {
            0
        } else if !hours.days.contains(&local.weekday()) {
            1
        } else if local.time() < hours.start {
            2
        } else {
            3
        };
        let (names, count) = &mut groups[group];
        *count += 1;
        for &person in people {
            if !std::mem::replace(&mut named[group][person as usize], true) {
                names.push(index.person(person));
            }
        }
    }
    let locale = locale(request.lang);
    // People already named in the sentence before are "the same 5 people", then "they".
    let mut before: Vec<&str> = Vec::new();
    let mut repeats = 0;
    ids.into_iter()
        .zip(groups)
        .filter(|(_, (_, count))| *count > 0)
        .map(|(id, (names, count))| {
            let mut sorted = names.clone();
            sorted.sort_unstable();
            let same = names.len() > 1 && sorted == before;
            repeats = if same { repeats + 1 } else { 0 };
            let who = if same {
                let again = if repeats == 1 { "first" } else { "again" };
                locale.message(
                    "story-people-same",
                    &[("count", names.len().into()), ("again", again.into())],
                )
            } else {
                phrases::people(locale, &names, request.audience)
            };
            before = sorted;
            say(
                id,
                vec![
                    ("names", who.into()),
                    ("people", names.len().into()),
                    ("count", count.into()),
                ],
            )
        })
        .collect()
}

//! Folds what one sync brought into what the store held for that source, so history the
//! source no longer serves stays, and syncing the same thing twice changes nothing.

use crate::Fetched;
use std::collections::HashMap;
use unsung_core::{Dataset, Explanation, Interval};

/// `known` with `fetched` folded in: services, incidents and changes are added or replaced by
/// id (a friendly name given in Unsung, and a person's explanation of an incident, survive),
/// people are added, and within each coverage span the new intervals replace the old ones.
pub fn apply(mut known: Dataset, fetched: &Fetched) -> Dataset {
    let new = &fetched.data;
    for service in &new.services {
        match known.services.iter_mut().find(|s| s.id == service.id) {
            Some(old) => {
                let friendly = old.friendly_name.take();
                *old = service.clone();
                old.friendly_name = service.friendly_name.clone().or(friendly);
            }
            None => known.services.push(service.clone()),
        }
    }
    // What a person wrote is the store's (joined in when it read `known`), never the source's:
    // an incident read again keeps it.
    let written: HashMap<String, Explanation> = known
        .incidents
        .iter()
        .filter_map(|i| Some((i.id.clone(), i.explanation.clone()?)))
        .collect();
    upsert(&mut known.incidents, &new.incidents, |i| &i.id);
    for incident in &mut known.incidents {
        if incident.explanation.is_none() {
            incident.explanation = written.get(&incident.id).cloned();
        }
    }
    known
        .incidents
        .sort_by(|a, b| (a.opened_at, &a.id).cmp(&(b.opened_at, &b.id)));
    upsert(&mut known.changes, &new.changes, |c| &c.id);
    known
        .changes
        .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    for person in &new.people {
        if !known.people.contains(person) {
            known.people.push(person.clone());
        }
    }

    let mut intervals = std::mem::take(&mut known.intervals);
    for span in &fetched.coverage {
        intervals = intervals
            .into_iter()
            .flat_map(|interval| {
                if interval.service_id != span.service_id
                    || interval.end <= span.start
                    || interval.start >= span.end
                {
                    return vec![interval];
                }
                let mut kept = Vec::new();
                if interval.start < span.start {
                    kept.push(Interval {
                        end: span.start,
                        ..interval.clone()
                    });
                }
                if interval.end > span.end {
                    kept.push(Interval {
                        start: span.end,
                        ..interval
                    });
                }
                kept
            })
            .collect();
    }
    intervals.extend(new.intervals.iter().cloned());
    known.intervals = tidy(intervals);
    known
}

fn upsert<T: Clone>(old: &mut Vec<T>, new: &[T], id: impl Fn(&T) -> &String) {
    let mut at: HashMap<String, usize> = old
        .iter()
        .enumerate()
        .map(|(i, item)| (id(item).clone(), i))
        .collect();
    for item in new {
        match at.get(id(item)) {
            Some(&i) => old[i] = item.clone(),
            None => {
                at.insert(id(item).clone(), old.len());
                old.push(item.clone());
            }
        }
    }
}

/// Sorted by service then start, without overlaps (a later start wins the overlap), without
/// empty intervals, and with touching intervals of the same state joined.
pub fn tidy(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.retain(|i| i.end > i.start);
    intervals.sort_by(|a, b| (&a.service_id, a.start).cmp(&(&b.service_id, b.start)));
    let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
    for interval in intervals {
        if let Some(last) = out.last_mut()
            && last.service_id == interval.service_id
        {
            if last.end > interval.start {
                last.end = interval.start;
            }
            if last.end == interval.start && last.status == interval.status {
                last.end = interval.end.max(last.end);
                continue;
            }
            if last.end <= last.start {
                out.pop();
            }
        }
        out.push(interval);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Coverage;
    use chrono::{DateTime, TimeZone, Utc};
    use unsung_core::{Incident, Service, Severity, Status};

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, hour, 0, 0).unwrap()
    }

    fn interval(start: u32, end: u32, status: Status) -> Interval {
        Interval {
            service_id: "kuma/1".into(),
            start: at(start),
            end: at(end),
            status,
        }
    }

    fn incident(id: &str, resolved: Option<u32>) -> Incident {
        Incident {
            id: id.into(),
            source: "kuma".into(),
            external_id: id.into(),
            service_id: None,
            title: "Down".into(),
            severity: Severity::Minor,
            opened_at: at(1),
            acknowledged_at: None,
            resolved_at: resolved.map(at),
            ..Incident::default()
        }
    }

    #[test]
    fn new_intervals_replace_old_ones_only_inside_the_span_they_cover() {
        let known = Dataset {
            intervals: vec![interval(0, 10, Status::Up)],
            ..Dataset::default()
        };
        let fetched = Fetched {
            data: Dataset {
                intervals: vec![interval(4, 5, Status::Down), interval(5, 12, Status::Up)],
                ..Dataset::default()
            },
            coverage: vec![Coverage {
                service_id: "kuma/1".into(),
                start: at(4),
                end: at(12),
            }],
            cursor: serde_json::Value::Null,
        };
        let merged = apply(known, &fetched);
        assert_eq!(
            merged.intervals,
            vec![
                interval(0, 4, Status::Up),
                interval(4, 5, Status::Down),
                interval(5, 12, Status::Up)
            ]
        );
        assert_eq!(
            apply(merged.clone(), &fetched),
            merged,
            "the same sync twice changes nothing"
        );
    }

    #[test]
    fn incidents_are_replaced_by_id_and_history_stays() {
        let known = Dataset {
            incidents: vec![incident("old", Some(2)), incident("open", None)],
            services: vec![Service {
                id: "kuma/1".into(),
                source: "kuma".into(),
                external_id: "1".into(),
                name: "web".into(),
                friendly_name: Some("The shop".into()),
            }],
            ..Dataset::default()
        };
        let fetched = Fetched {
            data: Dataset {
                incidents: vec![incident("open", Some(3))],
                services: vec![Service {
                    id: "kuma/1".into(),
                    source: "kuma".into(),
                    external_id: "1".into(),
                    name: "web-1".into(),
                    friendly_name: None,
                }],
                ..Dataset::default()
            },
            ..Fetched::default()
        };
        let merged = apply(known, &fetched);
        assert_eq!(merged.incidents.len(), 2);
        assert_eq!(merged.incidents[1].resolved_at, Some(at(3)));
        assert_eq!(merged.services[0].name, "web-1");
        assert_eq!(
            merged.services[0].friendly_name.as_deref(),
            Some("The shop")
        );
    }

    #[test]
    fn an_incident_read_again_keeps_what_a_person_wrote_and_takes_the_sources_new_words() {
        let mut written = incident("kuma/1", Some(2));
        written.explanation = Some(unsung_core::Explanation {
            incident_id: "kuma/1".into(),
            text: "We added an early warning.".into(),
            practice: true,
            written_by: "Ana".into(),
            written_at: at(3),
            edited_by: None,
            edited_at: None,
        });
        let known = Dataset {
            incidents: vec![written.clone()],
            ..Dataset::default()
        };
        let mut again = incident("kuma/1", Some(2));
        again.source_explanation = Some("Raised the disk alert".into());
        let fetched = Fetched {
            data: Dataset {
                incidents: vec![again.clone()],
                ..Dataset::default()
            },
            ..Fetched::default()
        };
        let merged = apply(known.clone(), &fetched);
        assert_eq!(merged.incidents[0].explanation, written.explanation);
        assert_eq!(
            merged.incidents[0].source_explanation.as_deref(),
            Some("Raised the disk alert")
        );
        let unchanged = Fetched {
            data: Dataset {
                incidents: vec![incident("kuma/1", Some(2))],
                ..Dataset::default()
            },
            ..Fetched::default()
        };
        assert_eq!(apply(known.clone(), &unchanged), known, "nothing changed");
    }

    #[test]
    fn tidy_joins_touching_intervals_and_drops_overlaps() {
        let tidied = tidy(vec![
            interval(2, 3, Status::Up),
            interval(0, 2, Status::Up),
            interval(3, 6, Status::Down),
            interval(5, 7, Status::Down),
            interval(7, 7, Status::Up),
        ]);
        assert_eq!(
            tidied,
            vec![interval(0, 3, Status::Up), interval(3, 7, Status::Down)]
        );
    }
}

//! Incidents from a CSV file: PagerDuty's incident export (the columns of its analytics
//! incident data: `id`, `incident_number`, `description`, `service_name`, `created_at`,
//! `resolved_at`, `urgency`, `priority_name`, `major`, `resolved_by_user_name`, `status`,
//! `time_zone`), or the small generic format documented in docs/sources.md:
//!
//! ```text
//! id,title,service,opened_at,resolved_at,severity,resolved_by,status,link[,what_changed,kind]
//! ```
//!
//! Column names are matched without regard to case, spaces or underscores. A row that cannot
//! be read is left out and counted; a file with no usable rows, or without the columns that
//! matter, fails the sync with a message saying which columns it needs. A file that has not
//! changed since the last sync is not read again.

use crate::{Context, Fetched, Result, Source, SourceError, text, time};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use unsung_core::local_time;
use unsung_core::{Dataset, Disposition, Incident, IncidentKind, Service, Severity};

pub struct CsvFile;

/// The file as last read, so an unchanged file costs nothing.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Cursor {
    size: u64,
    modified: Option<i64>,
}

/// Each field and the column names that may carry it.
const COLUMNS: &[(&str, &[&str])] = &[
    ("id", &["id", "incidentid", "incident"]),
    ("number", &["incidentnumber", "number"]),
    (
        "title",
        &["title", "description", "summary", "name", "incidenttitle"],
    ),
    (
        "service",
        &["service", "servicename", "component", "monitor"],
    ),
    (
        "opened",
        &[
            "openedat",
            "createdat",
            "createdon",
            "created",
            "startedat",
            "start",
            "opened",
        ],
    ),
    (
        "resolved",
        &["resolvedat", "resolvedon", "resolved", "endedat", "end"],
    ),
    (
        "acknowledged",
        &["acknowledgedat", "acknowledgedon", "firstacknowledgedat"],
    ),
    ("severity", &["severity", "impact"]),
    ("urgency", &["urgency"]),
    ("priority", &["priority", "priorityname"]),
    ("major", &["major"]),
    (
        "resolved_by",
        &["resolvedby", "resolvedbyusername", "resolvedbyname"],
    ),
    ("status", &["status", "disposition"]),
    ("link", &["link", "url", "htmlurl"]),
    ("time_zone", &["timezone"]),
    ("what_changed", &["whatchanged", "whatgotbetter"]),
    ("kind", &["kind"]),
];

fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_matches('"')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[async_trait]
impl Source for CsvFile {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let (data, skipped) = read(cx, &path(cx)?)?;
        Ok(format!(
            "Read {} incidents{}",
            data.incidents.len(),
            skipped.said()
        ))
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        let file = path(cx)?;
        let meta = std::fs::metadata(&file).map_err(|e| unreadable(&file, &e))?;
        let seen = Cursor {
            size: meta.len(),
            modified: meta.modified().ok().map(|m| {
                DateTime::<Utc>::from(m)
                    .timestamp_nanos_opt()
                    .unwrap_or_default()
            }),
        };
        let next = serde_json::to_value(&seen).unwrap_or_default();
        let last: Option<Cursor> = serde_json::from_value(cx.cursor.clone()).ok();
        if last.as_ref() == Some(&seen) {
            return Ok(Fetched {
                cursor: next,
                ..Fetched::default()
            });
        }
        cx.report(format!("reading {}", file.display()));
        let (data, skipped) = read(cx, &file)?;
        if skipped.rows > 0 {
            tracing::warn!(file = %file.display(), "CSV rows left out:{}", skipped.said());
        }
        Ok(Fetched {
            data,
            coverage: Vec::new(),
            cursor: next,
        })
    }
}

fn path(cx: &Context<'_>) -> Result<std::path::PathBuf> {
    cx.config
        .file
        .as_deref()
        .filter(|f| !f.trim().is_empty())
        .map(std::path::PathBuf::from)
        .ok_or_else(|| SourceError::invalid("A CSV source needs a file"))
}

fn unreadable(file: &Path, error: &dyn std::fmt::Display) -> SourceError {
    SourceError::invalid(format!(
        "Could not read {} ({error}). Earlier data is kept; check the file's path, then sync again.",
        file.display()
    ))
}

/// The incidents in `file`, and the rows left out.
fn read(cx: &Context<'_>, file: &Path) -> Result<(Dataset, Skipped)> {
    let bytes = std::fs::read(file).map_err(|e| unreadable(file, &e))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    let headers = reader
        .headers()
        .map_err(|e| unreadable(file, &e))?
        .iter()
        .map(normalise)
        .collect::<Vec<_>>();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (field, names) in COLUMNS {
        if let Some(i) = headers.iter().position(|h| names.contains(&h.as_str())) {
            at.insert(*field, i);
        }
    }
    if !(at.contains_key("id") || at.contains_key("number")) || !at.contains_key("opened") {
        return Err(SourceError::invalid(format!(
            "{} has no columns Unsung knows: it needs at least an id and an opening time \
             (id,title,service,opened_at,resolved_at,severity,resolved_by,status,link), or \
             PagerDuty's incident export",
            file.display()
        )));
    }

    let mut data = Dataset::default();
    let mut skipped = 0;
    let mut first_problem: Option<String> = None;
    for record in reader.records() {
        let Ok(record) = record else {
            skipped += 1;
            continue;
        };
        let field = |name: &str| {
            at.get(name)
                .and_then(|&i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        let kind = match kind(field("kind")) {
            Ok(kind) => kind,
            Err(problem) => {
                skipped += 1;
                let line = record.position().map_or(0, |p| p.line());
                first_problem.get_or_insert(format!("line {line}: {problem}"));
                continue;
            }
        };
        match row(cx, &field, kind) {
            Some((incident, service)) => {
                if let Some(service) = service
                    && !data.services.iter().any(|s| s.id == service.id)
                {
                    data.services.push(service);
                }
                if let Some(name) = &incident.resolved_by
                    && !data.people.contains(name)
                {
                    data.people.push(name.clone());
                }
                data.incidents.retain(|i| i.id != incident.id);
                data.incidents.push(incident);
            }
            None => skipped += 1,
        }
    }
    if data.incidents.is_empty() && skipped > 0 {
        return Err(SourceError::invalid(format!(
            "None of the {skipped} rows of {} could be read (each needs an id and an opening \
             time such as 2026-11-02T14:05:00Z){}. Earlier data is kept.",
            file.display(),
            first_problem.map(|p| format!("; {p}")).unwrap_or_default()
        )));
    }
    Ok((
        data,
        Skipped {
            rows: skipped,
            first_problem,
        },
    ))
}

/// The rows of a file left out, and what was wrong with the first one, when it is known.
struct Skipped {
    rows: usize,
    first_problem: Option<String>,
}

impl Skipped {
    /// " (2 rows could not be read; line 6: …)", or nothing.
    fn said(&self) -> String {
        match (self.rows, &self.first_problem) {
            (0, _) => String::new(),
            (rows, Some(problem)) => format!(" ({rows} rows could not be read; {problem})"),
            (rows, None) => format!(" ({rows} rows could not be read)"),
        }
    }
}

/// The `kind` column: `incident` (also when absent), `drill` or `maintenance`.
fn kind(value: Option<&str>) -> std::result::Result<IncidentKind, String> {
    match value.map(normalise).as_deref() {
        None | Some("incident" | "problem") => Ok(IncidentKind::Problem),
        Some("drill") => Ok(IncidentKind::Drill),
        Some("maintenance") => Ok(IncidentKind::Maintenance),
        Some(_) => Err(format!(
            "kind \"{}\" is not incident, drill or maintenance",
            text::shorten(&text::clean(value.unwrap_or_default()), 40)
        )),
    }
}

fn row<'a>(
    cx: &Context<'_>,
    field: &dyn Fn(&str) -> Option<&'a str>,
    kind: IncidentKind,
) -> Option<(Incident, Option<Service>)> {
    let zone: Option<chrono_tz::Tz> = field("time_zone").and_then(|z| z.parse().ok());
    let when = |name: &str| field(name).map(|v| parse_time(v, zone));
    let external_id = field("id").or(field("number"))?.to_string();
    let opened_at = when("opened")??;
    let resolved_at = match when("resolved") {
        Some(Some(at)) => Some(at.max(opened_at)),
        Some(None) => return None,
        None => None,
    };
    let acknowledged_at = when("acknowledged").flatten();
    let service = field("service").map(|name| {
        let key = normalise(name);
        Service {
            id: cx.id(&format!("service-{key}")),
            source: cx.name.to_string(),
            external_id: format!("service-{key}"),
            name: text::title(name, "A service"),
            friendly_name: None,
        }
    });
    let severity = severity(
        field("severity"),
        field("priority"),
        field("urgency"),
        field("major"),
    );
    let disposition = match field("status").map(normalise).as_deref() {
        Some("merged") => Disposition::Merged,
        Some("declined" | "canceled" | "cancelled") => Disposition::Declined,
        Some("test" | "tutorial") => Disposition::Test,
        _ => Disposition::Counted,
    };
    let incident = Incident {
        id: cx.id(&external_id),
        source: cx.name.to_string(),
        external_id,
        service_id: service.as_ref().map(|s| s.id.clone()),
        title: text::title(field("title").unwrap_or(""), "A problem"),
        severity,
        opened_at,
        acknowledged_at,
        resolved_at,
        resolved_by: field("resolved_by").map(|n| text::shorten(&text::clean(n), 100)),
        responders: Vec::new(),
        notes: Vec::new(),
        disposition,
        link: field("link")
            .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
            .map(str::to_string),
        kind,
        source_explanation: field("what_changed").and_then(text::explanation),
        explanation: None,
    };
    Some((incident, service))
}

/// A time from the file; naive times are read in the row's `time_zone` (PagerDuty's export
/// gives one; across clock changes as [`local_time::to_utc`] says), else as UTC.
fn parse_time(value: &str, zone: Option<chrono_tz::Tz>) -> Option<DateTime<Utc>> {
    if let Some(zone) = zone {
        for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(value, format) {
                return Some(local_time::to_utc(naive, zone));
            }
        }
    }
    time::parse(value)
}

/// Major for a critical or major impact, a P1 priority, PagerDuty's `major` flag, or (with
/// nothing else said) a high urgency.
fn severity(
    severity: Option<&str>,
    priority: Option<&str>,
    urgency: Option<&str>,
    major: Option<&str>,
) -> Severity {
    let says = |value: Option<&str>, words: &[&str]| {
        value.is_some_and(|v| words.contains(&normalise(v).as_str()))
    };
    if says(major, &["true", "yes", "1"])
        || says(severity, &["major", "critical", "sev1", "p1", "high"])
        || says(priority, &["p1", "sev1", "critical"])
        || (severity.is_none() && priority.is_none() && says(urgency, &["high"]))
    {
        Severity::Major
    } else {
        Severity::Minor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().expect("an RFC 3339 time")
    }

    #[test]
    fn a_local_time_a_clock_change_skips_or_repeats_is_read_in_the_rows_zone() {
        let madrid = Some(chrono_tz::Europe::Madrid);
        // 02:30 does not exist on 29 March 2026 in Madrid: it was once read as 02:30 UTC.
        assert_eq!(
            parse_time("2026-03-29 02:30:00", madrid),
            Some(utc("2026-03-29T01:30:00Z"))
        );
        // 02:30 comes twice on 25 October 2026: the first one.
        assert_eq!(
            parse_time("2026-10-25 02:30:00", madrid),
            Some(utc("2026-10-25T00:30:00Z"))
        );
        assert_eq!(
            parse_time("2026-10-25T02:30:00Z", madrid),
            Some(utc("2026-10-25T02:30:00Z")),
            "a time with its own zone keeps it"
        );
    }
}

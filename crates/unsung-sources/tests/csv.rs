//! The CSV connector: the generic format and PagerDuty's incident export, bad rows left out
//! and counted, an unchanged file not read again, and the optional `what_changed` and `kind`
//! columns (drills and maintenance never counted).

mod common;

use chrono::{DateTime, TimeZone, Utc};
use unsung_core::period::TimeRange;
use unsung_core::stats::counted_in;
use unsung_core::{Dataset, Disposition, IncidentKind, Severity};
use unsung_sources::{Kind, SourceConfig, SourceErrorKind};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn config(file: &str) -> SourceConfig {
    SourceConfig {
        file: Some(file.to_string()),
        ..SourceConfig::new(Kind::Csv)
    }
}

fn fixture_path(name: &str) -> String {
    common::fixture_path(&format!("csv/{name}"))
        .to_string_lossy()
        .into_owned()
}

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

#[tokio::test]
async fn the_generic_format_is_read_row_by_row() {
    let (data, first, again) =
        common::sync_twice("sheet", &config(&fixture_path("generic.csv")), None, now()).await;
    common::report_requests("CSV", first, again);
    assert_eq!((first, again), (0, 0), "a file costs no requests");
    let ids: Vec<&str> = data
        .incidents
        .iter()
        .map(|i| i.external_id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["INC-1", "INC-3", "INC-2", "INC-4", "INC-6"],
        "oldest first; INC-5 has no readable time"
    );
    let by_id = |id: &str| data.incidents.iter().find(|i| i.external_id == id).unwrap();

    let checkout = &data.incidents[0];
    assert_eq!(checkout.title, "Checkout page down");
    assert_eq!(checkout.severity, Severity::Major);
    assert_eq!(checkout.seconds_to_resolve(), Some(95 * 60));
    assert_eq!(checkout.resolved_by.as_deref(), Some("Ben"));
    assert_eq!(
        checkout.link.as_deref(),
        Some("https://tracker.example.org/INC-1")
    );
    assert_eq!(
        by_id("INC-2").opened_at,
        utc("2026-11-03T14:00:00Z"),
        "no zone: UTC"
    );
    assert_eq!(by_id("INC-3").opened_at, utc("2026-11-03T13:01:00Z"));
    assert_eq!(by_id("INC-3").disposition, Disposition::Merged);
    let payments = by_id("INC-4");
    assert_eq!(payments.resolved_at, None);
    assert_eq!(payments.opened_at, utc("2026-11-04T14:00:00Z"));
    assert_eq!(payments.link, None, "only web links are kept");

    let services: Vec<&str> = data.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        services,
        ["Checkout", "Book search", "Card payments", "Book photos"]
    );
    assert_eq!(data.people, ["Ben", "Emma", "Ana"]);
}

#[tokio::test]
async fn pagerdutys_export_is_read_in_its_own_time_zone() {
    let run = common::first(
        "pd-export",
        &config(&fixture_path("pagerduty_incident_export.csv")),
        None,
        now(),
    )
    .await;
    let data = run.result.unwrap().data;
    assert_eq!(data.incidents.len(), 2);
    let fire = &data.incidents[0];
    assert_eq!(fire.external_id, "Q2RQG4GPEYOJJQ");
    assert_eq!(
        fire.opened_at,
        utc("2026-11-02T13:00:00Z"),
        "08:00 in New York"
    );
    assert_eq!(fire.severity, Severity::Major);
    assert_eq!(fire.resolved_by.as_deref(), Some("Jane Doe"));
    assert_eq!(data.incidents[1].severity, Severity::Minor);
    assert_eq!(data.incidents[1].seconds_to_resolve(), Some(300));
}

#[tokio::test]
async fn a_changed_file_is_read_again_and_a_bad_one_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("incidents.csv");
    std::fs::write(&file, "id,opened_at\nA,2026-11-02T10:00:00Z\n").unwrap();
    let config = config_for(&file);
    let first = common::first("f", &config, None, now())
        .await
        .result
        .unwrap();
    assert_eq!(first.data.incidents.len(), 1);
    // From the first sync's cursor, as the app syncs again.
    let again = || async {
        let nothing = Dataset::default();
        let run = common::fetch("f", &config, None, &first.cursor, &nothing, now()).await;
        run.result.unwrap()
    };
    let unchanged = again().await;
    assert!(unchanged.data.incidents.is_empty(), "not read again");

    std::fs::write(
        &file,
        "id,opened_at\nA,2026-11-02T10:00:00Z\nB,2026-11-03T10:00:00Z\n",
    )
    .unwrap();
    let changed = again().await;
    assert_eq!(changed.data.incidents.len(), 2);

    std::fs::write(&file, "name,when\nx,y\n").unwrap();
    let error = common::first("f", &config, None, now())
        .await
        .result
        .unwrap_err();
    assert_eq!(error.kind, SourceErrorKind::Invalid);
    assert!(
        error.message.contains("id,title,service,opened_at"),
        "{}",
        error.message
    );

    std::fs::write(&file, "id,opened_at\nA,soon\nB,later\n").unwrap();
    let error = common::first("f", &config, None, now())
        .await
        .result
        .unwrap_err();
    assert!(
        error.message.contains("None of the 2 rows"),
        "{}",
        error.message
    );

    let missing = config_for(&dir.path().join("gone.csv"));
    let error = common::first("f", &missing, None, now())
        .await
        .result
        .unwrap_err();
    assert!(
        error.message.contains("Could not read"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("Earlier data is kept"),
        "{}",
        error.message
    );
}

fn config_for(file: &std::path::Path) -> SourceConfig {
    config(file.to_str().unwrap())
}

#[tokio::test]
async fn what_changed_and_kind_columns_say_what_got_better_and_what_was_practice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("incidents.csv");
    let hostile = format!(
        "<img src=x onerror=alert(1)>\u{202E} {}",
        "A".repeat(10_000)
    );
    std::fs::write(
        &file,
        format!(
            "id,title,opened_at,resolved_at,What Changed,Kind\n\
             A,Checkout down,2026-11-02T10:00:00Z,2026-11-02T10:30:00Z,\"Added an alert, and a second server\",\n\
             B,Game day,2026-11-03T10:00:00Z,2026-11-03T11:00:00Z,,drill\n\
             C,Database upgrade,2026-11-04T10:00:00Z,2026-11-04T11:00:00Z,,Maintenance\n\
             D,Search slow,2026-11-05T10:00:00Z,2026-11-05T10:05:00Z,\"{hostile}\",incident\n\
             E,Payments down,2026-11-06T10:00:00Z,,,outage\n"
        ),
    )
    .unwrap();
    let config = config_for(&file);
    let (said, _) = common::check("f", &config, None, now()).await;
    assert_eq!(
        said.unwrap(),
        "Read 4 incidents (1 rows could not be read; line 6: kind \"outage\" is not incident, drill or maintenance)"
    );
    let data = common::first("f", &config, None, now())
        .await
        .result
        .unwrap()
        .data;
    let by_id = |id: &str| data.incidents.iter().find(|i| i.external_id == id).unwrap();
    assert_eq!(
        by_id("A").source_explanation.as_deref(),
        Some("Added an alert, and a second server")
    );
    assert_eq!(
        by_id("A").kind,
        IncidentKind::Problem,
        "no kind: an incident"
    );
    assert_eq!(by_id("B").kind, IncidentKind::Drill);
    assert_eq!(by_id("C").kind, IncidentKind::Maintenance);
    assert_eq!(by_id("D").kind, IncidentKind::Problem);
    let text = by_id("D").source_explanation.clone().unwrap();
    assert!(
        text.starts_with("<img src=x onerror=alert(1)> AAA"),
        "{text}"
    );
    assert!(!text.contains('\u{202E}'));
    assert!(text.chars().count() <= unsung_sources::text::MAX_EXPLANATION_CHARS);

    let month = TimeRange {
        from: utc("2026-11-01T00:00:00Z"),
        to: now(),
    };
    let counted: Vec<&str> = counted_in(&data.incidents, month)
        .into_iter()
        .map(|i| i.external_id.as_str())
        .collect();
    assert_eq!(
        counted,
        ["A", "D"],
        "the drill and the maintenance are not counted"
    );

    // Every row with a kind Unsung does not know: the sync fails and says why.
    std::fs::write(&file, "id,opened_at,kind\nA,2026-11-02T10:00:00Z,chaos\n").unwrap();
    let error = common::first("f", &config, None, now())
        .await
        .result
        .unwrap_err();
    assert!(
        error
            .message
            .contains("kind \"chaos\" is not incident, drill or maintenance"),
        "{}",
        error.message
    );
}

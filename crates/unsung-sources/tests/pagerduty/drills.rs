//! What got better and practice nobody noticed, from PagerDuty: an incident's latest note is
//! the responders' own words on what changed (kept as text, never shown to the family as is);
//! incidents and maintenance windows whose title says drill are drills, other windows are
//! maintenance, and none of them is ever counted as an incident.

use super::account::*;
use super::common;
use chrono::Duration;
use serde_json::json;
use unsung_core::period::TimeRange;
use unsung_core::stats::counted_in;
use unsung_core::{Dataset, IncidentKind};
use wiremock::MockServer;

/// The ids of the incidents the core counts over the whole history.
fn counted(data: &Dataset) -> Vec<&str> {
    let all = TimeRange {
        from: now() - Duration::days(400),
        to: now(),
    };
    counted_in(&data.incidents, all)
        .into_iter()
        .map(|i| i.external_id.as_str())
        .collect()
}

#[tokio::test]
async fn the_latest_note_is_the_source_text_and_a_maintenance_window_is_planned_work() {
    let server = MockServer::start().await;
    mount(&server, &standard_account()).await;
    let run = first_sync(&config(&server)).await;
    assert_eq!(run.requests, 9, "no request more than before");
    let data = run.result.unwrap().data;

    let fire = incident(&data, "PT4KHLK");
    assert_eq!(fire.kind, IncidentKind::Problem);
    assert_eq!(
        fire.source_explanation.as_deref(),
        Some("Firefighters are on the scene."),
        "the latest of its two notes (21:35Z, after 21:34Z)"
    );
    assert_eq!(incident(&data, "POPEN01").source_explanation, None);

    let window = incident(&data, "maintenance_window/PW98YIO");
    assert_eq!(window.id, "pd/maintenance_window/PW98YIO");
    assert_eq!(window.kind, IncidentKind::Maintenance);
    assert_eq!(window.title, "Immanentizing the eschaton");
    assert_eq!(window.service_id.as_deref(), Some("pd/PIJ90N7"));
    assert_eq!(
        (window.opened_at, window.resolved_at),
        (
            utc("2015-11-10T01:00:00Z"),
            Some(utc("2015-11-10T03:00:00Z"))
        )
    );
    assert!(!window.counts());
    assert_eq!(
        counted(&data),
        ["PT4KHLK", "POPEN01"],
        "merged and planned left out"
    );
}

#[tokio::test]
async fn drills_are_found_by_their_titles_and_the_users_own_words_and_never_counted() {
    let retitled = |id: &str, title: &str| {
        let mut incident = fire();
        incident["id"] = json!(id);
        incident["title"] = json!(title);
        incident
    };
    let mut window = fixture("openapi_list_maintenance_windows.json");
    window["maintenance_windows"][0]["description"] =
        json!("Simulacro: caos en la base de datos de pagos");
    let account = Account {
        incidents: Listing::new(
            "incidents",
            "created_at",
            vec![
                fire(),
                retitled("PGAMEDAY", "Game day: failover test of checkout"),
                retitled("PREHEARS", "Quarterly resilience rehearsal"),
            ],
        ),
        single: vec![],
        maintenance_windows: window,
        ..standard_account()
    };
    let server = MockServer::start().await;
    mount(&server, &account).await;
    let config = config(&server);

    let words = ["rehearsal".to_string()];
    let run = common::first_with_drill_words(NAME, &config, Some(TOKEN), now(), &words).await;
    let data = run.result.unwrap().data;
    let kind = |id: &str| incident(&data, id).kind;
    assert_eq!(kind("PT4KHLK"), IncidentKind::Problem);
    assert_eq!(kind("PGAMEDAY"), IncidentKind::Drill);
    assert_eq!(kind("PREHEARS"), IncidentKind::Drill, "the user's word");
    assert_eq!(kind("maintenance_window/PW98YIO"), IncidentKind::Drill);
    assert_eq!(counted(&data), ["PT4KHLK"]);

    // Without the user's word, the rehearsal is a problem like any other.
    let run = first_sync(&config).await;
    let data = run.result.unwrap().data;
    assert_eq!(incident(&data, "PREHEARS").kind, IncidentKind::Problem);
    assert_eq!(counted(&data), ["PREHEARS", "PT4KHLK"], "oldest first");
}

#[tokio::test]
async fn a_hostile_note_is_kept_as_plain_bounded_text() {
    let hostile = format!(
        "<img src=x onerror=alert(1)>\n\u{202E}<script>alert('x')</script> {}",
        "A".repeat(10_000)
    );
    let mut account = standard_account();
    account.log = Listing::new(
        "log_entries",
        "created_at",
        log_entries(&Story {
            incident: "PT4KHLK",
            opened: "2015-10-06T21:30:42Z",
            acknowledged: Some("2015-10-06T21:32:00Z"),
            resolved: Some("2015-10-06T21:38:23Z"),
            notes: &[("2015-10-06T21:36:00Z", hostile.as_str())],
        }),
    );
    let server = MockServer::start().await;
    mount(&server, &account).await;
    let data = first_sync(&config(&server)).await.result.unwrap().data;
    let text = incident(&data, "PT4KHLK")
        .source_explanation
        .clone()
        .expect("the note");
    assert!(
        text.starts_with("<img src=x onerror=alert(1)> <script>alert('x')</script> AAA"),
        "{text}"
    );
    assert!(!text.contains('\n') && !text.contains('\u{202E}'));
    assert!(text.chars().count() <= unsung_sources::text::MAX_EXPLANATION_CHARS);
}

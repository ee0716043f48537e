//! The store contract: every case runs twice, on a real SQLite file and on a real PostgreSQL
//! team database (entered as a teammate's own role, so row-level security is on). A backend
//! that behaves differently from the other fails here.

mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use support::Backend;
use unsung_core::{Explanation, IncidentKind, Person, Severity, ThankYou, demo};
use unsung_store::{SourceCounts, SourceRecord, StoreError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn source(name: &str, kind: &str) -> SourceRecord {
    SourceRecord::new(
        name,
        kind,
        Some("https://status.example.invalid".into()),
        now(),
    )
}

/// The demo team's data as if a source named `pagerduty` had brought it, without sample notes.
fn team_data() -> unsung_core::Dataset {
    let mut data = demo::dataset(now());
    data.thanks.clear();
    data.services
        .iter_mut()
        .for_each(|s| s.source = "pagerduty".into());
    data.incidents
        .iter_mut()
        .for_each(|i| i.source = "pagerduty".into());
    data.changes
        .iter_mut()
        .for_each(|c| c.source = "pagerduty".into());
    data
}

fn note(author: &str, message: &str, created_at: DateTime<Utc>) -> ThankYou {
    ThankYou {
        id: uuid::Uuid::now_v7().to_string(),
        author: author.into(),
        recipients: vec!["Ana".into(), "Dev".into()],
        message: message.into(),
        incident_id: Some("demo/101".into()),
        period_from: Some(now() - Duration::days(7)),
        period_to: Some(now()),
        created_at,
        edited_at: None,
        is_demo: false,
    }
}

macro_rules! contract {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    super::$case(&super::Backend::sqlite().await).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    super::$case(&super::Backend::postgres().await).await;
                }
            )*
        }
    };
}

contract!(
    notes_are_stored_verbatim_once_and_listed_newest_first,
    only_the_author_changes_or_deletes_a_note,
    a_sources_data_is_replaced_as_a_whole_and_read_back_unchanged,
    removing_a_source_removes_what_it_brought,
    each_sources_services_and_incidents_are_counted_without_reading_them,
    saving_a_sources_settings_keeps_its_data,
    notes_are_not_source_data,
    people_keep_their_aliases_when_a_source_names_them_again,
    the_store_says_who_may_post,
    everything_survives_closing_and_reopening,
    an_explanation_keeps_who_wrote_it_and_who_edited_it_last,
    a_resync_never_touches_what_people_wrote,
    drills_maintenance_and_practice_are_never_the_last_major_problem,
);

async fn notes_are_stored_verbatim_once_and_listed_newest_first(backend: &Backend) {
    let store = backend.store_as("Ben").await;
    let hostile = "<img src=x onerror=alert(1)> ' OR 1=1; -- \u{202E}drow\n\"quoted\" ☕ \\ %s $1";
    let old = note("Ben", "first", now() - Duration::hours(2));
    let new = note("Ben", hostile, now());
    store.insert_thanks(&old).await.unwrap();
    store.insert_thanks(&new).await.unwrap();
    // A retry of the same note (same id), even with other words, keeps the first copy.
    let retry = ThankYou {
        message: "a second copy".into(),
        ..new.clone()
    };
    store.insert_thanks(&retry).await.unwrap();

    let notes = store.list_thanks(10).await.unwrap();
    assert_eq!(notes, vec![new.clone(), old.clone()]);
    assert_eq!(notes[0].message, hostile);
    assert_eq!(store.list_thanks(1).await.unwrap(), vec![new.clone()]);
    let recent = store
        .thanks_between(now() - Duration::hours(1), now() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(recent, vec![new.clone()]);
    assert_eq!(store.thanks_by_id(&old.id).await.unwrap(), Some(old));
    let unknown = uuid::Uuid::now_v7().to_string();
    assert_eq!(store.thanks_by_id(&unknown).await.unwrap(), None);
}

async fn only_the_author_changes_or_deletes_a_note(backend: &Backend) {
    let ana = backend.store_as("Ana").await;
    let ben = backend.store_as("Ben").await;
    let anas = note("Ana", "from Ana", now() - Duration::hours(1));
    let bens = note("Ben", "from Ben", now());
    ana.insert_thanks(&anas).await.unwrap();
    ben.insert_thanks(&bens).await.unwrap();

    // Ben, writing as himself, cannot touch Ana's note.
    let hijack = ThankYou {
        author: "Ben".into(),
        message: "changed by Ben".into(),
        ..anas.clone()
    };
    assert!(!ben.update_thanks(&hijack).await.unwrap());
    assert!(!ben.delete_thanks(&anas.id, "Ben").await.unwrap());
    assert_eq!(
        ana.thanks_by_id(&anas.id).await.unwrap(),
        Some(anas.clone())
    );

    // Ben edits his own: new words, new recipients, no incident, an edit time.
    let edited = ThankYou {
        message: "from Ben, edited".into(),
        recipients: vec!["Dev".into()],
        incident_id: None,
        period_from: None,
        period_to: None,
        edited_at: Some(now() + Duration::minutes(5)),
        ..bens.clone()
    };
    assert!(ben.update_thanks(&edited).await.unwrap());
    assert_eq!(ana.thanks_by_id(&bens.id).await.unwrap(), Some(edited));

    assert!(ben.delete_thanks(&bens.id, "Ben").await.unwrap());
    assert!(!ben.delete_thanks(&bens.id, "Ben").await.unwrap(), "gone");
    assert_eq!(ana.list_thanks(10).await.unwrap(), vec![anas]);
}

async fn a_sources_data_is_replaced_as_a_whole_and_read_back_unchanged(backend: &Backend) {
    let store = backend.store_as("Ben").await;
    let data = team_data();
    let pd = source("pagerduty", "pagerduty");
    store.replace_source(&pd, &data).await.unwrap();
    store.replace_source(&pd, &data).await.unwrap();

    assert_eq!(store.sources().await.unwrap(), vec![pd.clone()]);
    assert_eq!(store.services().await.unwrap(), data.services);
    let back = store.source_data("pagerduty").await.unwrap();
    assert_eq!(back.services, data.services);
    assert_eq!(back.incidents, data.incidents);
    assert_eq!(back.changes, data.changes);
    assert_eq!(back.intervals.len(), data.intervals.len());
    assert_eq!(back.people, data.people);
    let everything = store
        .incidents_opened(now() - Duration::days(365), now() + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(everything, data.incidents);
    let first = &data.incidents[0];
    assert_eq!(
        store.incident(&first.id).await.unwrap().as_ref(),
        Some(first)
    );
    assert_eq!(store.incident("nope/1").await.unwrap(), None);

    let week = now() - Duration::days(7);
    let overlapping = data
        .intervals
        .iter()
        .filter(|i| i.end > week && i.start < now())
        .count();
    let got = store.intervals(week, now()).await.unwrap();
    assert_eq!(got.len(), overlapping);
    assert!(got.iter().all(|i| i.end > week && i.start < now()));

    let major = store.last_major_incident_at(now()).await.unwrap().unwrap();
    assert_eq!((now() - major).num_days(), 41);
    let shipped = data
        .changes
        .iter()
        .filter(|c| c.at >= week && c.at < now())
        .count();
    assert_eq!(
        store.changes_count(week, now()).await.unwrap(),
        shipped as u64
    );
}

async fn saving_a_sources_settings_keeps_its_data(backend: &Backend) {
    let store = backend.store_as("Ben").await;
    let data = team_data();
    let mut pd = source("pagerduty", "pagerduty");
    assert_eq!(store.source("pagerduty").await.unwrap(), None);
    store.save_source(&pd).await.unwrap();
    assert_eq!(store.source("pagerduty").await.unwrap(), Some(pd.clone()));
    assert!(
        store
            .source_data("pagerduty")
            .await
            .unwrap()
            .incidents
            .is_empty()
    );

    store.replace_source(&pd, &data).await.unwrap();
    pd.settings =
        r#"{"sync":{"error":"The server said no","cursor":{"until":"2026-11-29"}}}"#.into();
    store.save_source(&pd).await.unwrap();

    let back = store.source("pagerduty").await.unwrap().unwrap();
    let json = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(
        json(&back.settings),
        json(&pd.settings),
        "settings are kept as given"
    );
    assert_eq!(back.created_at, pd.created_at);
    assert_eq!(
        store.source_data("pagerduty").await.unwrap().incidents,
        data.incidents,
        "saving settings leaves the data alone"
    );
}

async fn removing_a_source_removes_what_it_brought(backend: &Backend) {
    let store = backend.store_as("Ben").await;
    store
        .replace_source(&source("pagerduty", "pagerduty"), &team_data())
        .await
        .unwrap();
    let kept = unsung_core::Dataset::default();
    store
        .replace_source(&source("csv", "csv"), &kept)
        .await
        .unwrap();
    assert!(store.remove_source("pagerduty").await.unwrap());
    assert!(!store.remove_source("pagerduty").await.unwrap());
    assert_eq!(store.sources().await.unwrap(), vec![source("csv", "csv")]);
    assert!(store.services().await.unwrap().is_empty());
    let all = (now() - Duration::days(365), now() + Duration::days(1));
    assert!(store.intervals(all.0, all.1).await.unwrap().is_empty());
    assert!(
        store
            .incidents_opened(all.0, all.1)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.changes_count(all.0, all.1).await.unwrap(), 0);
    // People stay on the team: they were not only the source's.
    assert_eq!(store.people().await.unwrap().len(), 5);
}

async fn each_sources_services_and_incidents_are_counted_without_reading_them(backend: &Backend) {
    let store = backend.store_as("Ben").await;
    let data = team_data();
    store
        .replace_source(&source("pagerduty", "pagerduty"), &data)
        .await
        .unwrap();
    store.save_source(&source("csv", "csv")).await.unwrap();
    assert_eq!(
        store.source_counts().await.unwrap(),
        vec![
            SourceCounts {
                name: "csv".into(),
                services: 0,
                incidents: 0,
            },
            SourceCounts {
                name: "pagerduty".into(),
                services: data.services.len() as u64,
                incidents: data.incidents.len() as u64,
            },
        ]
    );
    assert!(data.services.len() > 1 && data.incidents.len() > 1);
}

async fn notes_are_not_source_data(backend: &Backend) {
    let store = backend.store_as("Ben").await;
    let with_notes = demo::dataset(now());
    assert!(!with_notes.thanks.is_empty());
    let error = store
        .replace_source(&source("demo", "demo"), &with_notes)
        .await
        .unwrap_err();
    assert!(matches!(error, StoreError::Unsupported(_)), "{error}");
    assert!(store.sources().await.unwrap().is_empty(), "nothing stored");
}

async fn people_keep_their_aliases_when_a_source_names_them_again(backend: &Backend) {
    // Ana gives her own other names (on a team database, only she may).
    let store = backend.store_as("Ana").await;
    let ana = Person {
        name: "Ana".into(),
        aliases: vec!["ana.garcia".into(), "Ana G.".into()],
    };
    let zoe = Person {
        name: "Zoe".into(),
        aliases: vec![],
    };
    store.save_person(&ana).await.unwrap();
    store.save_person(&zoe).await.unwrap();
    store
        .replace_source(&source("pagerduty", "pagerduty"), &team_data())
        .await
        .unwrap();
    let people = store.people().await.unwrap();
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Ben", "Chloe", "Dev", "Emma", "Zoe"]);
    assert_eq!(people[0], ana);

    let renamed = Person {
        aliases: vec!["agarcia".into()],
        ..ana.clone()
    };
    store.save_person(&renamed).await.unwrap();
    assert_eq!(store.people().await.unwrap()[0], renamed);
    assert!(store.remove_person("Zoe").await.unwrap());
    assert!(!store.remove_person("Zoe").await.unwrap());
    assert_eq!(store.people().await.unwrap().len(), 5);
}

async fn the_store_says_who_may_post(backend: &Backend) {
    for person in ["Ana", "Ben"] {
        let store = backend.store_as(person).await;
        assert_eq!(
            store.author_name().await.unwrap(),
            backend.expected_author(person)
        );
    }
}

async fn everything_survives_closing_and_reopening(backend: &Backend) {
    let kept = note("Ben", "still here", now());
    {
        let store = backend.store_as("Ben").await;
        store.insert_thanks(&kept).await.unwrap();
        store
            .replace_source(&source("pagerduty", "pagerduty"), &team_data())
            .await
            .unwrap();
    }
    let store = backend.store_as("Ben").await;
    assert_eq!(store.list_thanks(10).await.unwrap(), vec![kept]);
    assert_eq!(store.services().await.unwrap(), team_data().services);
}

/// What Ana writes about `incident_id`, at `at`.
fn explanation(incident_id: &str, text: &str, at: DateTime<Utc>) -> Explanation {
    Explanation {
        incident_id: incident_id.into(),
        text: text.into(),
        practice: false,
        written_by: "Ana".into(),
        written_at: at,
        edited_by: None,
        edited_at: None,
    }
}

/// Outside text as people paste it: markup, SQL, bidi marks, and 10,000 characters.
fn hostile_text() -> String {
    format!(
        "<img src=x onerror=alert(1)><script>alert('x')</script> ' OR 1=1; -- \u{202E}drow \
         \"quoted\" ☕ %s $1 {}",
        "A".repeat(10_000)
    )
}

async fn an_explanation_keeps_who_wrote_it_and_who_edited_it_last(backend: &Backend) {
    let ana = backend.store_as("Ana").await;
    let ben = backend.store_as("Ben").await;
    let data = team_data();
    ana.replace_source(&source("pagerduty", "pagerduty"), &data)
        .await
        .unwrap();
    let incident = &data.incidents[0];
    let written = explanation(&incident.id, &hostile_text(), now() - Duration::hours(3));
    ana.save_explanation(&written).await.unwrap();
    let stored = ben.incident(&incident.id).await.unwrap().unwrap();
    assert_eq!(stored.explanation.as_ref(), Some(&written), "kept verbatim");
    assert_eq!(stored.what_got_better(), Some(hostile_text().trim()));
    assert_eq!(ben.explanations().await.unwrap(), vec![written.clone()]);

    // Ben rewrites it and marks it as practice: Ana stays its writer.
    let rewrite = Explanation {
        text: "We added an early warning.".into(),
        practice: true,
        written_by: "Ben".into(),
        written_at: now() - Duration::hours(1),
        ..written.clone()
    };
    ben.save_explanation(&rewrite).await.unwrap();
    let edited = Explanation {
        text: rewrite.text.clone(),
        practice: true,
        edited_by: Some("Ben".into()),
        edited_at: Some(now() - Duration::hours(1)),
        ..written.clone()
    };
    assert_eq!(ana.explanations().await.unwrap(), vec![edited.clone()]);
    // Saving the same words again is no edit.
    ana.save_explanation(&Explanation {
        written_at: now(),
        ..rewrite.clone()
    })
    .await
    .unwrap();
    let read = ana
        .incidents_opened(now() - Duration::days(365), now() + Duration::days(1))
        .await
        .unwrap();
    let with_text: Vec<_> = read.iter().filter(|i| i.explanation.is_some()).collect();
    assert_eq!(with_text.len(), 1);
    assert_eq!(with_text[0].explanation.as_ref(), Some(&edited));
    assert!(!with_text[0].counts(), "practice is never counted");
    let from_source = ana.source_data("pagerduty").await.unwrap();
    assert_eq!(
        from_source.incidents[0].explanation.as_ref(),
        Some(&edited),
        "the source's incidents carry it too"
    );
}

async fn a_resync_never_touches_what_people_wrote(backend: &Backend) {
    let store = backend.store_as("Ana").await;
    let pd = source("pagerduty", "pagerduty");
    let mut data = team_data();
    data.incidents[0].kind = IncidentKind::Drill;
    data.incidents[1].source_explanation = Some("Rolled back deploy 4512; added alert".into());
    store.replace_source(&pd, &data).await.unwrap();
    let back = store.source_data("pagerduty").await.unwrap();
    assert_eq!(back.incidents, data.incidents, "kind and source text kept");

    let kept = explanation(&data.incidents[1].id, "We added an early warning.", now());
    let dropped = explanation(&data.incidents[2].id, "We made the page faster.", now());
    store.save_explanation(&kept).await.unwrap();
    store.save_explanation(&dropped).await.unwrap();
    let service = data.services[0].clone();
    store
        .set_service_name(&service.id, Some("The shop"))
        .await
        .unwrap();

    // The source changes its words and no longer serves one incident; the app writes back what
    // it read, with the source's own data.
    let mut resynced = store.source_data("pagerduty").await.unwrap();
    resynced.incidents.remove(2);
    resynced.incidents[1].source_explanation = Some("Postmortem: alert added".into());
    resynced.incidents[1].title = "Renamed by the source".into();
    resynced.services[0].friendly_name = Some("Source's own name".into());
    store.replace_source(&pd, &resynced).await.unwrap();
    store.replace_source(&pd, &resynced).await.unwrap();

    let incident = store.incident(&kept.incident_id).await.unwrap().unwrap();
    assert_eq!(incident.explanation, Some(kept.clone()));
    assert_eq!(
        incident.source_explanation.as_deref(),
        Some("Postmortem: alert added")
    );
    assert_eq!(store.incident(&dropped.incident_id).await.unwrap(), None);
    assert_eq!(
        store.explanations().await.unwrap().len(),
        2,
        "an explanation outlives its incident"
    );
    let named = |services: Vec<unsung_core::Service>| {
        services
            .into_iter()
            .find(|s| s.id == service.id)
            .and_then(|s| s.friendly_name)
    };
    assert_eq!(
        named(store.services().await.unwrap()).as_deref(),
        Some("The shop")
    );
    assert_eq!(
        named(store.source_data("pagerduty").await.unwrap().services).as_deref(),
        Some("Source's own name"),
        "a sync reads the source's own name, so it never copies a person's into it"
    );
    store.set_service_name(&service.id, None).await.unwrap();
    assert_eq!(
        named(store.services().await.unwrap()).as_deref(),
        Some("Source's own name")
    );
    // Removing the source keeps what people wrote, for when it is added again.
    store.remove_source("pagerduty").await.unwrap();
    assert_eq!(store.explanations().await.unwrap().len(), 2);
}

async fn drills_maintenance_and_practice_are_never_the_last_major_problem(backend: &Backend) {
    let store = backend.store_as("Ana").await;
    let pd = source("pagerduty", "pagerduty");
    let mut data = team_data();
    let latest_major = |data: &unsung_core::Dataset| {
        data.incidents
            .iter()
            .filter(|i| i.severity == Severity::Major && i.counts())
            .map(|i| i.opened_at)
            .max()
    };
    let major = data
        .incidents
        .iter()
        .position(|i| Some(i.opened_at) == latest_major(&data))
        .expect("the demo team has a major incident");
    store.replace_source(&pd, &data).await.unwrap();
    assert_eq!(
        store.last_major_incident_at(now()).await.unwrap(),
        latest_major(&data)
    );

    for kind in [IncidentKind::Drill, IncidentKind::Maintenance] {
        data.incidents[major].kind = kind;
        store.replace_source(&pd, &data).await.unwrap();
        assert_eq!(
            store.last_major_incident_at(now()).await.unwrap(),
            latest_major(&data),
            "{kind:?}"
        );
        assert_ne!(latest_major(&data), latest_major(&team_data()));
    }

    data.incidents[major].kind = IncidentKind::Problem;
    store.replace_source(&pd, &data).await.unwrap();
    let practice = Explanation {
        practice: true,
        ..explanation(&data.incidents[major].id, "", now())
    };
    store.save_explanation(&practice).await.unwrap();
    let marked = store
        .incident(&practice.incident_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(marked.effective_kind(), IncidentKind::Drill);
    assert_eq!(marked.what_got_better(), None);
    data.incidents[major].explanation = Some(practice);
    assert_eq!(
        store.last_major_incident_at(now()).await.unwrap(),
        latest_major(&data)
    );
}

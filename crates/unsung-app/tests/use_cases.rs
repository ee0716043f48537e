//! The use cases both faces call, on a real SQLite file with the clock pinned.

use chrono::{DateTime, Utc};
use unsung_app::{App, Audience, ErrorCode, Lang, PeriodKind};
use unsung_core::timeline::DayState;
use unsung_core::{glossary, readability};

mod support;

use support::{app_at, csv_source, demo_app, note, now, overview_of};

async fn reopen(dir: &tempfile::TempDir, at: DateTime<Utc>) -> App {
    app_at(dir, at, None).await
}

#[tokio::test]
async fn the_first_view_is_the_demo_team_with_90_bars_per_service() {
    let (_dir, app) = demo_app().await;
    let overview = overview_of(
        &app,
        PeriodKind::ThisWeek,
        chrono_tz::UTC,
        Lang::En,
        Audience::Family,
    )
    .await;
    assert!(overview.is_demo);
    assert_eq!(overview.team_name, "Juniper Books (demo team)");
    assert_eq!(
        overview.period.label,
        "Monday 23 to Sunday 29 November 2026"
    );
    assert_eq!(
        (overview.lang, overview.audience),
        (Lang::En, Audience::Family)
    );
    assert_eq!(overview.working_hours.start, "09:00");
    assert_eq!(overview.working_hours.days, [1, 2, 3, 4, 5]);
    assert_eq!(overview.services.len(), 7);
    for service in &overview.services {
        assert_eq!(service.days.len(), 90, "{}", service.name);
        assert_eq!(service.days.last().unwrap().date, "2026-11-29");
    }
    let all_states: Vec<DayState> = overview
        .services
        .iter()
        .flat_map(|s| s.days.iter().map(|d| d.state))
        .collect();
    for state in [
        DayState::Up,
        DayState::Down,
        DayState::Partial,
        DayState::Degraded,
        DayState::Maintenance,
        DayState::NoData,
    ] {
        assert!(
            all_states.contains(&state),
            "the demo shows {state:?} somewhere"
        );
    }
    // This week: search (2 days ago), payments at night (3 days ago), shop (5 days ago), and
    // the open app incident; newest first. The merged duplicate is not shown.
    let titles: Vec<&str> = overview
        .incidents
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Some app users see old prices",
            "Book search showing errors",
            "Card payments timing out",
            "Shop pages loading slowly"
        ]
    );
    assert!(overview.incidents[0].resolved_at.is_none());
    assert!(overview.incidents[2].outside_working_hours);
    assert_eq!(
        overview.incidents[2].summary,
        "Card payments had a problem for about 18 minutes. Ben fixed it."
    );
    assert_eq!(
        overview.story.headline,
        "Everything worked almost all the time (99.96%)."
    );
    assert_eq!(overview.people, ["Ana", "Ben", "Chloe", "Dev", "Emma"]);
    assert_eq!(overview.thanks.len(), 4);
}

#[tokio::test]
async fn every_period_has_a_plain_family_story_in_both_languages() {
    let (_dir, app) = demo_app().await;
    let madrid: unsung_app::Tz = "Europe/Madrid".parse().unwrap();
    for kind in PeriodKind::ALL {
        for lang in [Lang::En, Lang::Es] {
            let range = app.period_range(kind, madrid);
            let story = app
                .story(range, madrid, Audience::Family, lang)
                .await
                .unwrap();
            let text = story.to_text();
            let scores = readability::score(&story.prose(), lang);
            assert_eq!(scores, story.readability);
            let failures = readability::gate_failures(&scores, lang);
            assert!(
                failures.is_empty(),
                "{kind:?} {lang:?}: {failures:?}\n{text}"
            );
            assert!(
                glossary::unexplained(&text, lang).is_empty(),
                "{kind:?} {lang:?}\n{text}"
            );
            for system_name in ["api-gw-prod", "payments-svc", "mobile-api", "demo/"] {
                assert!(!text.contains(system_name), "{kind:?} names {system_name}");
            }
        }
    }
}

#[tokio::test]
async fn the_overview_speaks_the_chosen_language_and_audience() {
    let (_dir, app) = demo_app().await;
    let overview = overview_of(
        &app,
        PeriodKind::ThisWeek,
        chrono_tz::UTC,
        Lang::Es,
        Audience::Team,
    )
    .await;
    assert_eq!(overview.team_name, "Juniper Books (equipo de demostración)");
    assert_eq!(
        overview.period.label,
        "Del lunes 23 al domingo 29 de noviembre de 2026"
    );
    assert_eq!(overview.story.lang, Lang::Es);
    assert_eq!(overview.story.audience, Audience::Team);
    assert!(overview.story.to_text().contains("Lo arregló Ben"));
    let payments = overview
        .incidents
        .iter()
        .find(|i| i.title == "Card payments timing out")
        .unwrap();
    assert_eq!(
        payments.summary,
        "En los pagos con tarjeta hubo un problema durante unos 18 minutos. Lo arregló Ben."
    );
    assert_eq!(
        payments.service_name.as_deref(),
        Some("los pagos con tarjeta")
    );
    // The figures of each service carry the same name as its row, so the view can pair them.
    let rows: Vec<&str> = overview.services.iter().map(|s| s.name.as_str()).collect();
    let figures: Vec<&str> = overview
        .stats
        .services
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(rows, figures);
    assert!(rows.contains(&"el buscador de libros"), "{rows:?}");
}

#[tokio::test]
async fn a_posted_note_is_on_the_wall_first_and_counted_in_the_story() {
    let (dir, app) = demo_app().await;
    let posted = app
        .post_thanks(note(
            "Ana",
            &["Ben", " Chloe ", "Ben"],
            "Thanks for the calm Sunday.",
        ))
        .await
        .unwrap();
    assert_eq!(
        posted.recipients,
        ["Ben", "Chloe"],
        "names trimmed, duplicates dropped"
    );
    assert!(uuid_is_v7(&posted.id), "{}", posted.id);
    let wall = app.list_thanks(50).await.unwrap();
    assert_eq!(wall[0], posted);
    // A minute later, the week so far includes the note.
    let app = reopen(&dir, now() + chrono::Duration::minutes(1)).await;
    let story = app
        .story(
            app.period_range(PeriodKind::ThisWeek, chrono_tz::UTC),
            chrono_tz::UTC,
            Audience::Family,
            Lang::En,
        )
        .await
        .unwrap();
    assert!(
        story
            .to_text()
            .contains("Teammates sent 2 thank-you notes, to Ben and Chloe."),
        "{}",
        story.to_text()
    );
}

fn uuid_is_v7(id: &str) -> bool {
    id.len() == 36 && id.as_bytes()[14] == b'7'
}

#[tokio::test]
async fn notes_that_cannot_be_sent_say_why() {
    let (_dir, app) = demo_app().await;
    for (bad, expected) in [
        (note("", &["Ben"], "hi"), "from is missing"),
        (note("Ana", &[], "hi"), "at least one name"),
        (note("Ana", &["Ana"], "hi"), "someone else"),
        (note("Ana", &["Ben"], " \n "), "message is empty"),
        (
            note("Ana", &["Ben"], &"x".repeat(10_001)),
            "longer than 10000",
        ),
    ] {
        let error = app.post_thanks(bad).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error.message.contains(expected),
            "{} / {expected}",
            error.message
        );
    }
    assert!(
        app.post_thanks(note("Ana", &["Ben"], &"x".repeat(10_000)))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_week_with_no_data_says_so_instead_of_claiming_uptime() {
    let dir = tempfile::tempdir().unwrap();
    let app = reopen(&dir, now()).await;
    let overview = overview_of(
        &app,
        PeriodKind::LastWeek,
        chrono_tz::UTC,
        Lang::En,
        Audience::Family,
    )
    .await;
    assert!(!overview.is_demo);
    assert_eq!(overview.team_name, "Your team");
    assert_eq!(overview.overall_uptime_ratio, None);
    assert_eq!(
        overview.story.headline,
        "There is no record yet of how things ran at this time."
    );
    assert!(
        overview.story.sections.is_empty(),
        "nothing to say, no sections"
    );
    assert!(overview.services.is_empty());
}

/// The desktop app opens the local database through the same locked first open as the
/// `unsung` command: starts racing on a brand-new file (the app and a script at once) all
/// succeed and all show the demo team.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn desktop_starts_racing_on_a_new_database_all_succeed() {
    let dir = std::sync::Arc::new(tempfile::tempdir().unwrap());
    let starts: Vec<_> = (0..4)
        .map(|_| {
            let dir = std::sync::Arc::clone(&dir);
            tokio::spawn(async move {
                let app = reopen(&dir, now()).await;
                app.prepare_first_view().await.map(|()| app)
            })
        })
        .collect();
    for start in starts {
        let app = start.await.unwrap().expect("every start succeeds");
        assert!(app.is_demo().await.unwrap());
    }
}

/// Settings → Sources counts what each source brought in the database, without reading it.
#[tokio::test]
async fn the_sources_list_counts_what_each_source_brought() {
    let (dir, app) = demo_app().await;
    let csv = dir.path().join("incidents.csv");
    std::fs::write(
        &csv,
        "id,opened_at,resolved_at\nA,2026-11-24T10:00:00Z,2026-11-24T10:30:00Z\n\
         B,2026-11-25T10:00:00Z,2026-11-25T11:00:00Z\n",
    )
    .unwrap();
    let added = app.add_source(csv_source("sheet", &csv)).await.unwrap();
    assert_eq!(
        (added.services, added.incidents),
        (0, 0),
        "nothing synced yet"
    );
    app.sync(None, &|_| {}).await.unwrap();
    let listed = app.sources().await.unwrap();
    assert_eq!(listed.len(), 1, "the demo team is not listed");
    let services = overview_of(
        &app,
        PeriodKind::ThisWeek,
        chrono_tz::UTC,
        Lang::En,
        Audience::Team,
    )
    .await
    .services
    .len();
    assert_eq!(
        (listed[0].services, listed[0].incidents),
        (services as u32, 2)
    );
}

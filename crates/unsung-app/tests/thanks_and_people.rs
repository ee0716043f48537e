//! Thank-you notes and Settings on the local database: editing and deleting one's own notes,
//! what each note thanks for, people and the other names sources use for them, the team
//! database setting, and a note written while the team database is out of reach.

use unsung_app::dto::{NewThankYou, PersonEntry, ThankYouEdit};
use unsung_app::{App, Audience, Clock, ErrorCode, ErrorDetail, Lang, PeriodKind, TimeRange};

mod support;

use support::{app_at, demo_app, note, now, overview_of};

async fn app_in(dir: &tempfile::TempDir, team_db: Option<String>) -> App {
    app_at(dir, now(), team_db).await
}

fn edit(id: &str, author: &str, message: &str) -> ThankYouEdit {
    ThankYouEdit {
        id: id.into(),
        author: author.into(),
        recipients: None,
        message: Some(message.into()),
    }
}

/// A port on 127.0.0.1 where nothing listens.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn only_the_author_changes_or_deletes_a_note_and_samples_stay_as_they_are() {
    let (_dir, app) = demo_app().await;
    let posted = app
        .post_thanks(note("Ana", &["Ben"], "Thanks for Sunday."))
        .await
        .unwrap();

    let error = app
        .edit_thanks(edit(&posted.id, "Ben", "Ben's words"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Forbidden);
    assert!(error.message.contains("Ana's"), "{}", error.message);
    let error = app.delete_thanks(&posted.id, "Ben").await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Forbidden);

    let changed = app
        .edit_thanks(ThankYouEdit {
            recipients: Some(vec!["Ben".into(), "Dev".into()]),
            ..edit(&posted.id, "Ana", "Thanks for Sunday night, both of you.")
        })
        .await
        .unwrap();
    assert_eq!(changed.message, "Thanks for Sunday night, both of you.");
    assert_eq!(changed.recipients, ["Ben", "Dev"]);
    assert_eq!(changed.edited_at.as_deref(), Some("2026-11-29T20:00:00Z"));
    assert_eq!(changed.created_at, posted.created_at);
    assert_eq!(app.list_thanks(50).await.unwrap()[0], changed);

    let sample = app
        .list_thanks(50)
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.is_demo)
        .unwrap();
    let error = app
        .edit_thanks(edit(&sample.id, &sample.author, "rewritten"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Forbidden);

    app.delete_thanks(&posted.id, "Ana").await.unwrap();
    assert!(
        app.list_thanks(50)
            .await
            .unwrap()
            .iter()
            .all(|n| n.id != posted.id)
    );
    let error = app.delete_thanks(&posted.id, "Ana").await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn each_note_says_what_it_thanks_for() {
    let (_dir, app) = demo_app().await;
    let about_incident = app
        .post_thanks(NewThankYou {
            incident_id: Some("demo/101".into()),
            ..note("Ben", &["Ana"], "The checkout night.")
        })
        .await
        .unwrap();
    assert_eq!(
        about_incident.about.as_deref(),
        Some("Checkout page failing for every customer, Mon 19 Oct")
    );
    let week = app.period_range(PeriodKind::ThisWeek, chrono_tz::UTC);
    let about_week = app
        .post_thanks(NewThankYou {
            period_from: Some(unsung_app::rfc3339(week.from)),
            period_to: Some(unsung_app::rfc3339(week.to)),
            ..note("Ben", &["Ana", "Dev"], "A quiet week.")
        })
        .await
        .unwrap();
    assert_eq!(
        about_week.about.as_deref(),
        Some("Mon 23 Nov – Sun 29 Nov 2026")
    );
    assert_eq!(
        about_week.period_from.as_deref(),
        Some("2026-11-23T00:00:00Z")
    );
    let plain = app
        .post_thanks(note("Ben", &["Ana"], "Just thanks."))
        .await
        .unwrap();
    assert_eq!(plain.about, None);

    let error = app
        .post_thanks(NewThankYou {
            period_from: Some("2026-11-30T00:00:00Z".into()),
            period_to: Some("2026-11-23T00:00:00Z".into()),
            ..note("Ben", &["Ana"], "backwards")
        })
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    // The wall shows the same, newest first (all three have the same second: by id).
    let wall = app.list_thanks(3).await.unwrap();
    assert_eq!(wall, vec![plain, about_week, about_incident]);
}

#[tokio::test]
async fn people_are_kept_with_the_names_sources_use_for_them() {
    let (_dir, app) = demo_app().await;
    let names = |people: Vec<PersonEntry>| people.into_iter().map(|p| p.name).collect::<Vec<_>>();
    assert_eq!(
        names(app.people().await.unwrap()),
        ["Ana", "Ben", "Chloe", "Dev", "Emma"]
    );
    // The demo's sources call her "Ana"; in Settings she is "Ana López".
    app.remove_person("Ana").await.unwrap();
    let people = app
        .save_person(PersonEntry {
            name: " Ana López ".into(),
            aliases: vec!["Ana".into(), "ana.lopez".into(), "ANA".into(), " ".into()],
        })
        .await
        .unwrap();
    assert_eq!(people[0].name, "Ana López");
    assert_eq!(
        people[0].aliases,
        ["Ana", "ana.lopez"],
        "trimmed, each once"
    );

    let error = app
        .save_person(PersonEntry {
            name: "Ben".into(),
            aliases: vec!["ana.LOPEZ".into()],
        })
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(error.message.contains("someone else"), "{}", error.message);

    // Incidents the demo says "Ana" fixed are now Ana López's, and thanked as hers.
    let overview = overview_of(
        &app,
        PeriodKind::Last90Days,
        chrono_tz::UTC,
        Lang::En,
        Audience::Team,
    )
    .await;
    let fixers: Vec<&String> = overview
        .incidents
        .iter()
        .flat_map(|i| &i.fixed_by)
        .collect();
    assert!(fixers.iter().any(|n| *n == "Ana López"), "{fixers:?}");
    assert!(fixers.iter().all(|n| *n != "Ana"), "{fixers:?}");
    assert!(overview.people.contains(&"Ana López".to_string()));

    let error = app.remove_person("Nobody").await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn the_team_database_setting_keeps_no_password_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(&dir, None).await;
    let status = app.team_status().await.unwrap();
    assert!(!status.configured);

    let port = closed_port();
    let error = app
        .set_team_db(Some(format!(
            "postgres://ana:hunter2@127.0.0.1:{port}/team"
        )))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(!error.message.contains("hunter2"));

    let url = format!("postgres://ana@127.0.0.1:{port}/team");
    let status = app.set_team_db(Some(url.clone())).await.unwrap();
    assert!(status.configured && !status.reachable);
    assert_eq!(status.url.as_deref(), Some(url.as_str()));
    assert_eq!(status.set_by.as_deref(), Some("settings"));
    assert!(status.problem.is_some());

    let app = app_in(&dir, None).await;
    let status = app.team_status().await.unwrap();
    assert_eq!(
        status.url.as_deref(),
        Some(url.as_str()),
        "kept in Settings"
    );
    assert!(!app.set_team_db(None).await.unwrap().configured);

    // Given at start, it wins over Settings, which cannot change it meanwhile.
    let app = app_in(
        &dir,
        Some(format!("postgres://ben:pw@127.0.0.1:{port}/team")),
    )
    .await;
    let status = app.team_status().await.unwrap();
    assert_eq!(status.set_by.as_deref(), Some("start"));
    assert_eq!(
        status.url.as_deref(),
        Some(format!("postgres://ben:***@127.0.0.1:{port}/team").as_str())
    );
    let error = app.set_team_db(Some(url)).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn a_note_written_while_the_team_database_is_out_of_reach_waits_and_can_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let team = format!("postgres://ben:pw@127.0.0.1:{}/team", closed_port());
    let app = app_in(&dir, Some(team)).await;
    let posted = app
        .post_thanks(note("Ben", &["Ana"], "Written on a train."))
        .await
        .unwrap();
    assert!(posted.waiting_to_send && !posted.send_refused);
    let why = posted.send_error.as_deref().unwrap_or_default();
    assert!(why.contains("cannot be reached"), "{why}");
    let wall = app.list_thanks(10).await.unwrap();
    assert_eq!(wall, vec![posted.clone()]);
    let week = app.period_range(PeriodKind::ThisWeek, chrono_tz::UTC);
    let until_a_minute_later = TimeRange::new(week.from, now() + chrono::Duration::minutes(1));
    let stats = app
        .stats(until_a_minute_later.unwrap(), chrono_tz::UTC)
        .await
        .unwrap();
    assert_eq!(stats.thanks, 1, "a waiting note is the team's note already");

    let changed = app
        .edit_thanks(edit(&posted.id, "Ben", "Written on a slow train."))
        .await
        .unwrap();
    assert!(changed.waiting_to_send);
    assert_eq!(changed.message, "Written on a slow train.");
    let report = app.send_waiting().await.unwrap();
    assert_eq!((report.sent, report.waiting), (0, 1));
    assert!(report.problem.is_some());
    let status = app.team_status().await.unwrap();
    assert_eq!((status.waiting, status.reachable), (1, false));

    assert_eq!(
        app.delete_thanks(&posted.id, "Ana").await.unwrap_err().code,
        ErrorCode::Forbidden
    );
    app.delete_thanks(&posted.id, "Ben").await.unwrap();
    assert!(app.list_thanks(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_local_database_cannot_be_a_postgres_url() {
    let error = App::open("postgres://ana@127.0.0.1/team", Clock::Fixed(now()))
        .await
        .err()
        .unwrap();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    // The app names no flag; each face words the detail (the CLI as --team-db).
    assert_eq!(error.detail, Some(ErrorDetail::LocalDbIsPostgres));
    assert!(!error.message.contains("--"), "{}", error.message);
}

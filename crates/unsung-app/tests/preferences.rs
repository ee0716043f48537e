//! The reader's settings and the weekly notice: asked on first run, kept across restarts,
//! checked before they are kept, and used for the figures (zone and working hours).

mod support;

use chrono::{DateTime, TimeZone, Utc};
use support::{app_at, csv_source, now as sunday_evening, overview_of};
use unsung_app::dto::{Preferences, WeeklyNoticeView, WorkingHoursView};
use unsung_app::{App, Audience, ErrorCode, Lang, PeriodKind};

async fn open(dir: &tempfile::TempDir, at: DateTime<Utc>) -> App {
    let app = app_at(dir, at, None).await;
    app.prepare_first_view().await.unwrap();
    app
}

fn madrid_mornings() -> Preferences {
    Preferences {
        name: Some("  Ana  ".into()),
        tz: "Europe/Madrid".into(),
        working_hours: WorkingHoursView {
            start: "08:00".into(),
            end: "16:00".into(),
            days: vec![5, 1, 2, 3, 4, 4],
        },
        weekly_notice: WeeklyNoticeView {
            enabled: true,
            weekday: 1,
            hour: 9,
        },
        welcomed: false,
        drill_words: vec![
            " Wargame ".into(),
            "wargame".into(),
            "".into(),
            "Prueba de fuego".into(),
        ],
    }
}

/// This week as the desktop first shows it.
async fn family_week(app: &unsung_app::App) -> unsung_app::dto::Overview {
    overview_of(
        app,
        PeriodKind::ThisWeek,
        app.reader_tz(),
        Lang::En,
        Audience::Family,
    )
    .await
}

#[tokio::test]
async fn the_first_run_asks_once_and_the_answers_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir, sunday_evening()).await;
    let first = app.preferences().await.unwrap();
    assert!(!first.welcomed);
    assert_eq!(first.working_hours.start, "09:00");
    assert_eq!(first.working_hours.days, [1, 2, 3, 4, 5]);
    assert!(
        !first.weekly_notice.enabled,
        "off while only the demo team is there"
    );
    let overview = family_week(&app).await;
    assert!(!overview.welcomed);
    assert_eq!(overview.last_synced_at, None);

    let saved = app.save_preferences(madrid_mornings()).await.unwrap();
    assert!(saved.welcomed, "saving is going through the welcome");
    assert_eq!(saved.name.as_deref(), Some("Ana"));
    assert_eq!(saved.working_hours.days, [1, 2, 3, 4, 5]);
    assert_eq!(
        saved.drill_words,
        ["Wargame", "Prueba de fuego"],
        "drill words are trimmed, each kept once, blanks dropped"
    );
    assert_eq!(app.drill_words(), saved.drill_words);

    drop(app);
    let app = open(&dir, sunday_evening()).await;
    assert_eq!(app.preferences().await.unwrap(), saved);
    assert_eq!(app.reader_tz().name(), "Europe/Madrid");
    let overview = family_week(&app).await;
    assert!(overview.welcomed);
    assert_eq!(overview.tz, "Europe/Madrid");
    assert_eq!(overview.working_hours.start, "08:00");
}

/// One way to make the settings unusable.
type Spoil = Box<dyn Fn(&mut Preferences)>;

#[tokio::test]
async fn settings_that_cannot_work_are_refused_with_what_would() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(&dir, sunday_evening()).await;
    let cases: Vec<(Spoil, &str)> = vec![
        (
            Box::new(|p| p.tz = "Mars/Olympus".into()),
            "unknown time zone",
        ),
        (
            Box::new(|p| p.working_hours.end = "07:00".into()),
            "end after it starts",
        ),
        (
            Box::new(|p| p.working_hours.start = "9am".into()),
            "such as 09:00",
        ),
        (
            Box::new(|p| p.working_hours.days = vec![0]),
            "1 (Monday) to 7 (Sunday)",
        ),
        (Box::new(|p| p.weekly_notice.hour = 24), "an hour (0 to 23)"),
    ];
    for (spoil, said) in cases {
        let mut preferences = madrid_mornings();
        spoil(&mut preferences);
        let error = app.save_preferences(preferences).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains(said), "{}", error.message);
    }
    assert!(
        !app.preferences().await.unwrap().welcomed,
        "nothing was kept"
    );
}

#[tokio::test]
async fn the_weekly_notice_comes_once_on_the_chosen_morning_after_a_source_is_connected() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("incidents.csv");
    std::fs::write(
        &csv,
        "id,opened_at,resolved_at\nA,2026-11-24T10:00:00Z,2026-11-24T10:30:00Z\n",
    )
    .unwrap();
    // Monday 30 November 2026, 09:05 in Madrid.
    let monday = Utc.with_ymd_and_hms(2026, 11, 30, 8, 5, 0).unwrap();
    let app = open(&dir, monday).await;
    let mut preferences = madrid_mornings();
    preferences.weekly_notice.enabled = app.preferences().await.unwrap().weekly_notice.enabled;
    app.save_preferences(preferences).await.unwrap();
    assert!(
        !app.weekly_notice_due().await.unwrap(),
        "off: no source yet"
    );

    app.add_source(csv_source("sheet", &csv)).await.unwrap();
    let mut on = madrid_mornings();
    on.weekly_notice.enabled = true;
    app.save_preferences(on).await.unwrap();
    assert!(app.weekly_notice_due().await.unwrap());
    app.weekly_notice_given().await.unwrap();
    assert!(!app.weekly_notice_due().await.unwrap(), "once a week");

    app.sync(None, &|_| {}).await.unwrap();
    let overview = family_week(&app).await;
    assert_eq!(
        overview.last_synced_at.as_deref(),
        Some("2026-11-30T08:05:00Z")
    );
    assert!(!overview.is_demo, "the demo team left when the source came");
    assert!(!overview.sysadmin_day);

    let sysadmin_day = Utc.with_ymd_and_hms(2027, 7, 30, 10, 0, 0).unwrap();
    assert!(open(&dir, sysadmin_day).await.is_sysadmin_day());
}

//! What the use-case tests share: the pinned clock, an app on a fresh local database, and the
//! shapes they post and read.

#![allow(dead_code)] // each test file uses its own subset

use chrono::{DateTime, TimeZone, Utc};
use unsung_app::dto::{NewSource, NewThankYou, Overview};
use unsung_app::{App, Audience, Clock, Config, Lang, PeriodKind, Tz};

/// Sunday 29 November 2026, 20:00 UTC: the end of the demo team's week.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

/// The app on the local database in `dir` (created on first use) at `at`, with the team
/// database `team_db` if any; the zone is the reader's (Settings), as on the desktop.
pub async fn app_at(dir: &tempfile::TempDir, at: DateTime<Utc>, team_db: Option<String>) -> App {
    App::start(Config {
        db: dir.path().join("unsung.db").to_string_lossy().into_owned(),
        team_db,
        clock: Clock::Fixed(at),
        tz: None,
    })
    .await
    .unwrap()
}

/// A new app showing the demo team, as on a first start.
pub async fn demo_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let app = app_at(&dir, now(), None).await;
    app.prepare_first_view().await.unwrap();
    (dir, app)
}

pub fn note(author: &str, to: &[&str], message: &str) -> NewThankYou {
    NewThankYou {
        author: author.into(),
        recipients: to.iter().map(|s| s.to_string()).collect(),
        incident_id: None,
        period_from: None,
        period_to: None,
        message: message.into(),
    }
}

/// A CSV source reading `file`.
pub fn csv_source(name: &str, file: &std::path::Path) -> NewSource {
    NewSource {
        name: name.into(),
        kind: "csv".into(),
        url: None,
        query: None,
        service_label: None,
        slug: None,
        file: Some(file.to_str().unwrap().into()),
        ..NewSource::default()
    }
}

/// The This week view (or another `kind`) as the desktop asks for it.
pub async fn overview_of(
    app: &App,
    kind: PeriodKind,
    tz: Tz,
    lang: Lang,
    audience: Audience,
) -> Overview {
    app.overview(kind, tz, lang, audience).await.unwrap()
}

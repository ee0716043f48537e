//! "What got better": an engineer tells what changed after an incident, coached as they write;
//! the text is kept exactly as written, with who wrote and who last changed it, and reaches
//! the incident card and the story. A "this was practice" mark takes the incident out of the
//! counts. Services get friendly names people choose, with a suggestion.

mod support;

use support::{demo_app, overview_of};
use unsung_app::dto::Preferences;
use unsung_app::{Audience, ErrorCode, Lang, PeriodKind, TimeRange};

const BETTER: &str = "We added an early warning, so next time we will know before customers do.";

/// The last 90 days' incidents, as the cards show them.
async fn cards(app: &unsung_app::App) -> Vec<unsung_app::dto::IncidentView> {
    overview_of(
        app,
        PeriodKind::Last90Days,
        app.reader_tz(),
        Lang::En,
        Audience::Team,
    )
    .await
    .incidents
}

/// The demo team's latest fixed problem in the last 90 days, as the card shows it.
async fn a_fixed_problem(app: &unsung_app::App) -> unsung_app::dto::IncidentView {
    cards(app)
        .await
        .into_iter()
        .find(|i| i.kind == "problem" && i.resolved_at.is_some() && i.explanation.is_none())
        .expect("the demo team has a fixed problem nobody explained yet")
}

async fn card(app: &unsung_app::App, id: &str) -> unsung_app::dto::IncidentView {
    cards(app).await.into_iter().find(|i| i.id == id).unwrap()
}

async fn named(app: &unsung_app::App, name: &str) {
    let mut preferences: Preferences = app.preferences().await.unwrap();
    preferences.name = Some(name.into());
    app.save_preferences(preferences).await.unwrap();
}

#[tokio::test]
async fn an_explanation_is_kept_as_written_with_its_author_and_reaches_the_story() {
    let (_dir, app) = demo_app().await;
    named(&app, "Ana").await;
    let incident = a_fixed_problem(&app).await;

    let coaching = app
        .explain_incident(&incident.id, BETTER, false, Lang::En)
        .await
        .unwrap();
    assert_eq!(
        coaching,
        app.coach_text(BETTER, Lang::En),
        "saving coaches as typing does"
    );

    let shown = card(&app, &incident.id).await.explanation.unwrap();
    assert_eq!(shown.text, BETTER);
    assert_eq!(shown.written_by, "Ana");
    assert_eq!(shown.edited_by, None);

    // The team story tells every text; the family story the three most important (the demo
    // team's own three), then counts the rest.
    let range = app.period_range(PeriodKind::Last90Days, app.reader_tz());
    let told = async |audience| {
        app.story(range, app.reader_tz(), audience, Lang::En)
            .await
            .unwrap()
            .to_text()
    };
    let team = told(Audience::Team).await;
    assert!(team.contains(BETTER), "{team}");
    let family = told(Audience::Family).await;
    assert!(!family.contains(BETTER), "{family}");
    assert!(
        family.contains("The team made one more change like these."),
        "{family}"
    );

    // Ben improves it: Ana stays its writer, Ben is who changed it last.
    named(&app, "Ben").await;
    app.explain_incident(&incident.id, "We added an early warning.", false, Lang::En)
        .await
        .unwrap();
    let shown = card(&app, &incident.id).await.explanation.unwrap();
    assert_eq!(shown.text, "We added an early warning.");
    assert_eq!(shown.written_by, "Ana");
    assert_eq!(shown.edited_by.as_deref(), Some("Ben"));
}

#[tokio::test]
async fn practice_is_never_counted_and_can_be_taken_back() {
    let (_dir, app) = demo_app().await;
    let tz = app.reader_tz();
    let range: TimeRange = app.period_range(PeriodKind::Last90Days, tz);
    let before = app.stats(range, tz).await.unwrap().incidents.total;
    let incident = a_fixed_problem(&app).await;

    app.explain_incident(&incident.id, "", true, Lang::En)
        .await
        .unwrap();
    assert_eq!(
        app.stats(range, tz).await.unwrap().incidents.total,
        before - 1
    );
    let shown = card(&app, &incident.id).await;
    assert_eq!(shown.kind, "drill", "still listed, as practice");
    assert!(shown.explanation.unwrap().practice);

    app.explain_incident(&incident.id, "", false, Lang::En)
        .await
        .unwrap();
    assert_eq!(app.stats(range, tz).await.unwrap().incidents.total, before);
    assert_eq!(card(&app, &incident.id).await.kind, "problem");
}

#[tokio::test]
async fn hostile_text_is_kept_exactly_and_only_its_size_is_limited() {
    let (_dir, app) = demo_app().await;
    let incident = a_fixed_problem(&app).await;
    let hostile = format!(
        "<script>alert(1)</script>\u{202E}gnp.exe <img src=x onerror=alert(1)> {}",
        "a".repeat(9_900)
    );
    app.explain_incident(&incident.id, &hostile, false, Lang::En)
        .await
        .unwrap();
    assert_eq!(
        card(&app, &incident.id).await.explanation.unwrap().text,
        hostile
    );

    let too_long = "a".repeat(unsung_app::MAX_EXPLANATION_CHARS + 1);
    let error = app
        .explain_incident(&incident.id, &too_long, false, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    let error = app
        .explain_incident("demo/no-such-incident", BETTER, false, Lang::En)
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_service_gets_the_friendly_name_a_person_gives_it() {
    let (_dir, app) = demo_app().await;
    let services = app.service_names(Lang::En).await.unwrap();
    let service = services
        .first()
        .expect("the demo team has services")
        .clone();

    app.set_service_name(&service.id, Some("  The shop  "))
        .await
        .unwrap();
    let after = app.service_names(Lang::En).await.unwrap();
    let renamed = after.iter().find(|s| s.id == service.id).unwrap();
    assert_eq!(renamed.friendly_name.as_deref(), Some("The shop"));
    assert_eq!(renamed.internal_name, service.internal_name);

    let error = app
        .set_service_name("demo/no-such-service", Some("x"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    let error = app
        .set_service_name(&service.id, Some(&"x".repeat(81)))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn the_shared_page_and_pdf_tell_what_got_better_and_keep_hostile_text_as_text() {
    use unsung_app::{CardSize, Reader, ShareFormat, ShareOptions};
    let (dir, app) = demo_app().await;
    let incident = a_fixed_problem(&app).await;
    let hostile = "We fixed it <script>alert(1)</script> \u{202E}for good.";
    app.explain_incident(&incident.id, hostile, false, Lang::En)
        .await
        .unwrap();
    let tz = app.reader_tz();
    // The team's page: it tells every text (the family's, the three most important).
    let reader = Reader {
        tz,
        lang: Lang::En,
        audience: Audience::Team,
    };
    let options = |format| ShareOptions {
        format,
        size: CardSize::Landscape,
        customer_names: Vec::new(),
        show_teammates: false,
    };
    let range = app.period_range(PeriodKind::Last90Days, tz);
    let page = app
        .share(range, reader, &options(ShareFormat::Html))
        .await
        .unwrap()
        .bytes;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("We fixed it &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert(1)"));

    let pdf = app
        .share(range, reader, &options(ShareFormat::Pdf))
        .await
        .unwrap()
        .bytes;
    let file = dir.path().join("story.pdf");
    std::fs::write(&file, pdf).unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("We fixed it <script>alert(1)</script>"),
        "{text}"
    );
}

#[tokio::test]
async fn the_demo_team_tells_what_got_better_and_its_drill_days_are_planned_work_on_the_bars() {
    let (_dir, app) = demo_app().await;
    let tz = app.reader_tz();
    let overview = overview_of(&app, PeriodKind::Last90Days, tz, Lang::En, Audience::Family).await;
    let written: Vec<&str> = overview
        .incidents
        .iter()
        .filter_map(|i| i.explanation.as_ref())
        .map(|e| e.written_by.as_str())
        .collect();
    assert_eq!(written.len(), 3, "three teammates wrote what got better");
    assert!(
        overview
            .story
            .sections
            .iter()
            .any(|s| s.kind == unsung_core::story::SectionKind::WhatGotBetter),
        "{}",
        overview.story.to_text()
    );

    let drills: Vec<_> = overview
        .incidents
        .iter()
        .filter(|i| i.kind == "drill")
        .collect();
    assert_eq!(drills.len(), 2, "the demo team practised twice");
    for drill in drills {
        let service = overview
            .services
            .iter()
            .find(|s| Some(&s.name) == drill.service_name.as_ref())
            .expect("a drill on a known service");
        let day = chrono::DateTime::parse_from_rfc3339(&drill.opened_at)
            .unwrap()
            .with_timezone(&tz)
            .format("%Y-%m-%d")
            .to_string();
        let bar = service.days.iter().find(|d| d.date == day).unwrap();
        assert_eq!(
            (bar.state, bar.down_seconds),
            (unsung_core::timeline::DayState::Maintenance, 0),
            "{} on {day}: switched off on purpose, not trouble",
            service.name
        );
    }

    // Loading the demo again (each start does) keeps what someone changed since.
    let first = overview
        .incidents
        .iter()
        .find(|i| i.explanation.is_some())
        .unwrap();
    app.explain_incident(&first.id, BETTER, false, Lang::En)
        .await
        .unwrap();
    app.prepare_first_view().await.unwrap();
    assert_eq!(
        card(&app, &first.id).await.explanation.unwrap().text,
        BETTER
    );
}

//! Sharing, end to end through the use cases: a real SQLite file, the clock pinned, and the
//! artifacts checked for what must never leave the machine.

use chrono::{DateTime, Duration, TimeZone, Utc};
use unsung_app::{
    App, Audience, CardSize, Clock, Lang, PeriodKind, Reader, ShareFormat, ShareOptions, TimeRange,
};
use unsung_core::{
    Dataset, Disposition, Incident, IncidentKind, Interval, Service, Severity, Status,
};
use unsung_store::{SourceRecord, Store};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn reader(audience: Audience) -> Reader {
    Reader {
        tz: chrono_tz::UTC,
        lang: Lang::En,
        audience,
    }
}

fn options(format: ShareFormat) -> ShareOptions {
    ShareOptions {
        format,
        size: CardSize::Landscape,
        customer_names: Vec::new(),
        show_teammates: false,
    }
}

async fn demo_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unsung.db");
    let app = App::open(path.to_str().unwrap(), Clock::Fixed(now()))
        .await
        .unwrap();
    app.load_demo().await.unwrap();
    (dir, app)
}

fn last_week() -> TimeRange {
    TimeRange::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap(),
    )
    .unwrap()
}

const TEAM: [&str; 5] = ["Ana", "Ben", "Chloe", "Dev", "Emma"];
const TECHNICAL: [&str; 7] = [
    "shop-web-prod",
    "api-gw-prod",
    "payments-svc",
    "mailer-01",
    "search-es-cluster",
    "mobile-api",
    "img-cdn-edge",
];

#[tokio::test]
async fn the_shared_story_names_no_teammate_and_no_system_unless_allowed() {
    let (_dir, app) = demo_app().await;
    let doc = app
        .share_doc(
            last_week(),
            reader(Audience::Team),
            &options(ShareFormat::Text),
        )
        .await
        .unwrap();
    let text = unsung_share::text(&doc);
    for name in TEAM.iter().chain(&TECHNICAL) {
        assert!(!text.contains(name), "{name} in {text}");
    }
    assert!(text.contains("A teammate fixed it"), "{text}");
    assert_eq!(doc.period, "Monday 23 to Sunday 29 November 2026");
    assert_eq!(doc.days.len(), 90);
    assert_eq!(
        (doc.days_first.as_str(), doc.days_last.as_str()),
        ("1 September", "29 November")
    );
    assert_eq!(doc.days_in_period, 7);
    assert_eq!(doc.team, "Juniper Books (demo team)");
    assert_eq!(doc.uptime.as_deref(), Some("99.96%"));
    assert_eq!(doc.uptime_in_time, "About 22 minutes of trouble in 7 days.");
    // The four counted problems of the week, oldest first; the merged duplicate is left out.
    assert_eq!(doc.incidents.len(), 4, "{:?}", doc.incidents);
    assert_eq!(doc.incidents.iter().filter(|i| !i.fixed).count(), 1);
    assert_eq!(doc.services.len(), 7);
    assert_eq!(doc.services[1].name, "the checkout page");

    let allowed = ShareOptions {
        show_teammates: true,
        ..options(ShareFormat::Text)
    };
    let doc = app
        .share_doc(last_week(), reader(Audience::Family), &allowed)
        .await
        .unwrap();
    let text = unsung_share::text(&doc);
    assert!(text.contains("Ben got up in the night"), "{text}");
    assert!(doc.thanks.starts_with("Thank you, Ben,"), "{}", doc.thanks);
}

/// A team whose incident titles carry what a real pager says: host names, addresses, a
/// customer, the person who fixed it, and markup.
async fn real_world_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unsung.db");
    let app = App::open(path.to_str().unwrap(), Clock::Fixed(now()))
        .await
        .unwrap();
    let store = unsung_store::SqliteStore::open(path.to_str().unwrap())
        .await
        .unwrap();
    let start = now() - Duration::days(100);
    let service = |id: &str, name: &str, friendly: Option<&str>| Service {
        id: format!("pd/{id}"),
        source: "pd".into(),
        external_id: id.into(),
        name: name.into(),
        friendly_name: friendly.map(str::to_string),
    };
    let outage_at = Utc.with_ymd_and_hms(2026, 11, 25, 2, 10, 0).unwrap();
    let data = Dataset {
        services: vec![
            service("gw", "api-gw-prod", Some("the checkout page")),
            service("db", "orders-db", Some("the order list")),
        ],
        intervals: vec![
            Interval {
                service_id: "pd/gw".into(),
                start,
                end: outage_at,
                status: Status::Up,
            },
            Interval {
                service_id: "pd/gw".into(),
                start: outage_at,
                end: outage_at + Duration::minutes(25),
                status: Status::Down,
            },
            Interval {
                service_id: "pd/gw".into(),
                start: outage_at + Duration::minutes(25),
                end: now(),
                status: Status::Up,
            },
            Interval {
                service_id: "pd/db".into(),
                start,
                end: now(),
                status: Status::Up,
            },
        ],
        incidents: vec![Incident {
            id: "pd/Q1".into(),
            source: "pd".into(),
            external_id: "Q1".into(),
            service_id: Some("pd/gw".into()),
            title: "api-gw-prod.eu-west-1.compute.amazonaws.com 502s from 10.0.3.17 and 2001:db8::1 for Globex Corporation, see https://grafana.corp.example.com/d/x <img src=x onerror=alert(1)>".into(),
            severity: Severity::Major,
            opened_at: outage_at,
            acknowledged_at: Some(outage_at + Duration::minutes(3)),
            resolved_at: Some(outage_at + Duration::minutes(25)),
            resolved_by: Some("Priya Natarajan".into()),
            responders: vec!["Priya Natarajan".into(), "Tomás".into()],
            notes: vec![],
            disposition: Disposition::Counted,
            link: Some("https://acme.pagerduty.com/incidents/Q1".into()),
            kind: IncidentKind::Problem,
            source_explanation: None,
            explanation: None,
        }],
        changes: vec![],
        thanks: vec![],
        people: vec!["Priya Natarajan".into(), "Tomás".into()],
    };
    store
        .replace_source(
            &SourceRecord::new("pagerduty", "pagerduty", None, now()),
            &data,
        )
        .await
        .unwrap();
    (dir, app)
}

const SECRETS: [&str; 9] = [
    "api-gw-prod",
    "amazonaws",
    "10.0.3.17",
    "2001:db8",
    "grafana",
    "Globex",
    "Priya",
    "Tomás",
    "pagerduty",
];

#[tokio::test]
async fn nothing_private_reaches_any_format_and_markup_stays_text() {
    let (_dir, app) = real_world_app().await;
    let options = |format| ShareOptions {
        customer_names: vec!["Globex Corporation".into()],
        ..options(format)
    };
    for format in [ShareFormat::Text, ShareFormat::Html] {
        let file = app
            .share(last_week(), reader(Audience::Team), &options(format))
            .await
            .unwrap();
        let text = String::from_utf8(file.bytes).unwrap();
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} in {format:?}:\n{text}");
        }
        assert!(text.contains("The checkout page: the checkout page 502s from a server and a server for a customer, see a web page"), "{text}");
        assert!(
            text.contains("A teammate fixed it in about 25 minutes"),
            "{text}"
        );
        if format == ShareFormat::Html {
            assert!(text.contains("&lt;img src=x onerror=alert(1)&gt;"));
            assert!(!text.contains("<img"));
        }
    }
    // The PDF's text, read back, is just as clean.
    let pdf = app
        .share(
            last_week(),
            reader(Audience::Team),
            &options(ShareFormat::Pdf),
        )
        .await
        .unwrap();
    assert_eq!(pdf.file_name, "unsung-2026-11-23-to-2026-11-29.pdf");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(&pdf.file_name);
    std::fs::write(&path, &pdf.bytes).unwrap();
    let output = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils; scripts/setup installs it)");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("The checkout page"), "{text}");
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} in the PDF:\n{text}");
    }
}

/// A family story calls people by their first names ("Priya", not "Priya Natarajan"): the
/// privacy pass hides those as well.
#[tokio::test]
async fn first_names_in_a_family_story_are_hidden_too() {
    let (_dir, app) = real_world_app().await;
    let file = app
        .share(
            last_week(),
            reader(Audience::Family),
            &options(ShareFormat::Text),
        )
        .await
        .unwrap();
    let text = String::from_utf8(file.bytes).unwrap();
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} in:\n{text}");
    }
    assert!(text.contains("Two teammates got up in the night"), "{text}");
}

#[tokio::test]
async fn the_preview_shows_the_bytes_that_would_be_saved() {
    let (_dir, app) = demo_app().await;
    let tz = reader(Audience::Family);
    let png = ShareOptions {
        size: CardSize::Portrait,
        ..options(ShareFormat::Png)
    };
    let preview = app
        .share_preview(PeriodKind::LastWeek, tz, &png)
        .await
        .unwrap();
    let saved = app
        .share_period(PeriodKind::LastWeek, tz, &png)
        .await
        .unwrap();
    assert_eq!(preview.images.len(), 1);
    use base64::Engine;
    let shown = base64::engine::general_purpose::STANDARD
        .decode(
            preview.images[0]
                .strip_prefix("data:image/png;base64,")
                .unwrap(),
        )
        .unwrap();
    assert_eq!(
        shown, saved.bytes,
        "the preview is the very card that is saved"
    );
    assert_eq!(preview.bytes, saved.bytes.len() as u64);
    assert_eq!(preview.file_name, "unsung-2026-11-16-to-2026-11-22.png");

    let pdf = app
        .share_preview(PeriodKind::LastWeek, tz, &options(ShareFormat::Pdf))
        .await
        .unwrap();
    assert!(!pdf.images.is_empty() && pdf.images.len() <= 2);
    assert!(
        pdf.images
            .iter()
            .all(|i| i.starts_with("data:image/png;base64,"))
    );

    let text = app
        .share_preview(PeriodKind::LastWeek, tz, &options(ShareFormat::Text))
        .await
        .unwrap();
    assert!(text.images.is_empty());
    let copied = app
        .share_text(PeriodKind::LastWeek, tz, &options(ShareFormat::Text))
        .await
        .unwrap();
    assert_eq!(
        text.text, copied,
        "Copy puts on the clipboard what the preview shows"
    );
    assert!(
        copied.contains("Monday 16 to Sunday 22 November 2026"),
        "{copied}"
    );
}

#[tokio::test]
async fn a_spanish_reader_gets_every_word_in_spanish_names_taken_out_too() {
    let (_dir, app) = demo_app().await;
    let spanish = Reader {
        lang: Lang::Es,
        ..reader(Audience::Family)
    };
    let doc = app
        .share_doc(last_week(), spanish, &options(ShareFormat::Html))
        .await
        .unwrap();
    assert_eq!(doc.labels.lang, "es");
    assert_eq!(doc.labels.what_happened, "Qué pasó");
    assert_eq!(doc.labels.last_days, "Los últimos 90 días");
    assert_eq!(
        doc.period,
        "Del lunes 23 al domingo 29 de noviembre de 2026"
    );
    assert_eq!(doc.uptime_in_time, "Unos 22 minutos con fallos en 7 días.");
    assert_eq!(doc.days_last, "29 de noviembre");
    assert_eq!(
        doc.thanks,
        "Gracias a todas las personas que lo mantuvieron todo en marcha."
    );
    let page = String::from_utf8(
        app.share(last_week(), spanish, &options(ShareFormat::Html))
            .await
            .unwrap()
            .bytes,
    )
    .unwrap();
    assert!(page.contains("<html lang=\"es\">"));
    assert!(page.contains("alguien del equipo"), "{page}");
    for name in TEAM {
        assert!(!page.contains(name), "{name} in the Spanish page");
    }
}

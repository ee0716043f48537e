//! The real app on its first start, and opened with no network:
//!
//! - a fresh database shows the welcome instead of This week; a name and a zone typed there,
//!   then "Look around with the demo team", show the demo team's story; started again on the
//!   same data, the app goes straight to the story and Settings still has the answers;
//! - a database synced from a status page (served here by wiremock) while the page could be
//!   reached opens, once the page is gone, on the synced figures with "Figures as of …";
//!   Sync now then says the source could not be reached (the network may be down) and the
//!   figures stay as they were.
//!
//! Ignored by a plain `cargo test`, like `window.rs`; `scripts/test` runs it under Xvfb.

mod support;

use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use support::webdriver::{Client, Locator};
use support::{Driver, click, displayed, fill, testid, visible_texts, wait_for, with_text};
use unsung_app::dto::{NewSource, Preferences, WeeklyNoticeView, WorkingHoursView};
use unsung_app::{App, Clock};
use unsung_testsupport::statuspage;
use wiremock::MockServer;

/// A Friday evening: Monday 16 to Friday 20 November 2026 is "this week".
const NOW: &str = "2026-11-20T20:00:00Z";
const NAME: &str = "Robin Quiet";
const ZONE: &str = "Europe/Madrid";

/// The value of the form control with `data-testid=id` (an input's text, a select's choice).
async fn value_of(client: &Client, id: &str) -> String {
    let field = displayed(client, &testid(id), &format!("the {id} field")).await;
    field
        .prop("value")
        .await
        .unwrap_or_else(|e| panic!("read the value of {id}: {e}"))
        .unwrap_or_default()
}

/// How many displayed elements match `css`.
async fn count_displayed(client: &Client, css: &str) -> usize {
    visible_texts(client, css)
        .await
        .unwrap_or_else(|e| panic!("look for {css}: {e}"))
        .len()
}

#[tokio::test]
#[ignore = "end to end: run by scripts/test under Xvfb"]
async fn the_first_start_welcomes_then_goes_straight_to_the_story() {
    let data = support::data_dir("unsung-e2e-first-run-");

    // First start, fresh database: the welcome, not the story.
    {
        let driver = Driver::spawn(data.path());
        let client = driver.connect().await;
        displayed(
            &client,
            &testid("welcome"),
            "the welcome ([data-testid=welcome]) on a first start",
        )
        .await;
        with_text(
            &client,
            &testid("welcome-lead"),
            "keep systems running",
            "the welcome's paragraph about what Unsung is",
        )
        .await;
        assert_eq!(
            count_displayed(&client, &testid("story")).await,
            0,
            "the story shows under the welcome on a first start"
        );
        // The zone offered is the machine's (get_preferences' default), never empty.
        let offered = value_of(&client, "you-tz").await;
        assert!(!offered.is_empty(), "no time zone offered in the welcome");

        fill(&client, "you-name", NAME).await;
        let zone = displayed(&client, &testid("you-tz"), "the time zone field").await;
        zone.select_by_value(ZONE)
            .await
            .unwrap_or_else(|e| panic!("choose {ZONE} as the time zone: {e}"));
        click(&client, "welcome-demo").await;

        with_text(
            &client,
            &testid("story"),
            "",
            "the story ([data-testid=story]) after \"Look around with the demo team\"",
        )
        .await;
        displayed(
            &client,
            &testid("demo-badge"),
            "the demo team's label ([data-testid=demo-badge]) after the welcome",
        )
        .await;
        assert_eq!(
            count_displayed(&client, &testid("welcome")).await,
            0,
            "the welcome is still shown after \"Look around with the demo team\""
        );
        client.close().await.expect("end the WebDriver session");
    }

    // Second start, same data: no welcome; the story at once, and Settings has the answers.
    {
        let driver = Driver::spawn(data.path());
        let client = driver.connect().await;
        with_text(
            &client,
            &testid("story"),
            "",
            "the story ([data-testid=story]) on the second start",
        )
        .await;
        assert_eq!(
            count_displayed(&client, &testid("welcome")).await,
            0,
            "the welcome came back on the second start"
        );
        click(&client, "nav-settings").await;
        wait_for(
            &client,
            "Settings → You to show the name typed in the welcome",
            support::UI_WAIT,
            || async {
                let found = client.find(Locator::Css(&testid("you-name"))).await?;
                let value = found.prop("value").await?.unwrap_or_default();
                Ok((value == NAME).then_some(()))
            },
        )
        .await;
        assert_eq!(value_of(&client, "you-tz").await, ZONE);
        client.close().await.expect("end the WebDriver session");
    }
}

/// A status page server of its own (not wiremock's shared pool), so dropping it closes its
/// port: Checkout down 30 minutes on Tuesday, Search slow for an hour on Thursday.
async fn serve_status_page() -> MockServer {
    let server = MockServer::builder().start().await;
    let (summary, incidents) = statuspage::page(
        "2026-11-19T11:00:00Z",
        &[("cmp-a", "Checkout page"), ("cmp-b", "Search page")],
        &[
            statuspage::resolved(
                "i1",
                "major",
                "cmp-a",
                "2026-11-17T02:00:00Z",
                "2026-11-17T02:30:00Z",
            ),
            statuspage::resolved(
                "i2",
                "minor",
                "cmp-b",
                "2026-11-19T10:00:00Z",
                "2026-11-19T11:00:00Z",
            ),
        ],
    );
    statuspage::serve(&server, summary, incidents, statuspage::no_maintenances()).await;
    server
}

/// Waits until nothing listens on `address` any more.
fn wait_until_closed(address: SocketAddr) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
        assert!(
            Instant::now() < deadline,
            "the status page server at {address} still answers after being stopped"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "end to end: run by scripts/test under Xvfb"]
async fn offline_the_app_shows_the_last_synced_figures_and_says_why_sync_failed() {
    let data = support::data_dir("unsung-e2e-offline-");
    let now: DateTime<Utc> = NOW.parse().expect("an RFC 3339 time");

    // While the status page can be reached: connect it, sync it, and go through the welcome,
    // as the app would have, through the same use cases.
    let server = serve_status_page().await;
    let address = *server.address();
    {
        let db = data.path().join("unsung.db");
        let app = App::open(db.to_str().expect("utf-8 path"), Clock::Fixed(now))
            .await
            .expect("open the app's database");
        app.add_source(NewSource {
            name: "status".into(),
            kind: "statuspage".into(),
            url: Some(server.uri()),
            ..NewSource::default()
        })
        .await
        .unwrap_or_else(|e| panic!("add the status page: {}", e.message));
        let summary = app
            .sync(None, &|_| {})
            .await
            .unwrap_or_else(|e| panic!("sync the status page: {}", e.message));
        assert!(summary.ok, "the first sync failed: {summary:?}");
        assert_eq!(summary.sources[0].incidents, 2, "{summary:?}");
        app.save_preferences(Preferences {
            name: Some(NAME.into()),
            tz: "UTC".into(),
            working_hours: WorkingHoursView {
                start: "09:00".into(),
                end: "18:00".into(),
                days: vec![1, 2, 3, 4, 5],
            },
            // Off, so no weekly notice (and its sync) runs while the test looks.
            weekly_notice: WeeklyNoticeView {
                enabled: false,
                weekday: 1,
                hour: 9,
            },
            welcomed: true,
            drill_words: Vec::new(),
        })
        .await
        .unwrap_or_else(|e| panic!("save the preferences: {}", e.message));
    }

    // The network goes: nothing answers at the status page's address any more.
    drop(server);
    tokio::task::spawn_blocking(move || wait_until_closed(address))
        .await
        .expect("wait for the server to stop");

    let driver = Driver::spawn_with(
        data.path(),
        &[("UNSUNG_NOW", NOW), ("UNSUNG_HTTP_TIMEOUT", "2")],
    );
    let client = driver.connect().await;

    // The synced week, not the demo team's, with what it is as of.
    with_text(
        &client,
        &testid("story"),
        "",
        "the story of the synced week",
    )
    .await;
    assert_eq!(
        count_displayed(&client, &testid("welcome")).await,
        0,
        "the welcome shows although it was done"
    );
    assert_eq!(
        count_displayed(&client, &testid("demo-badge")).await,
        0,
        "the demo team's label shows with a real source synced"
    );
    let as_of = with_text(
        &client,
        &testid("figures-as-of"),
        "Figures as of",
        "\"Figures as of …\" ([data-testid=figures-as-of]) beside Sync now",
    )
    .await;
    let as_of = as_of.text().await.expect("read the figures line");
    let incidents = wait_for(
        &client,
        "the synced incidents ([data-testid=incident-item])",
        support::UI_WAIT,
        || async {
            let n = visible_texts(&client, &testid("incident-item"))
                .await?
                .len();
            Ok((n >= 2).then_some(n))
        },
    )
    .await;
    let uptime = with_text(
        &client,
        &testid("overall-uptime"),
        "%",
        "the overall uptime of the synced week",
    )
    .await
    .text()
    .await
    .expect("read the uptime");

    // Sync now, with the status page gone: said plainly, and nothing lost.
    click(&client, "sync-now").await;
    let status = with_text(
        &client,
        &testid("sync-status"),
        "could not be reached",
        "the sync's result to say the status page could not be reached",
    )
    .await
    .text()
    .await
    .expect("read the sync's result");
    assert!(
        status.contains("network may be down"),
        "the sync's result does not say the network may be down: {status}"
    );
    wait_for(
        &client,
        "Sync now to be ready again (aria-disabled=false)",
        support::UI_WAIT,
        || async {
            let button = client.find(Locator::Css(&testid("sync-now"))).await?;
            Ok((button.attr("aria-disabled").await?.as_deref() == Some("false")).then_some(()))
        },
    )
    .await;
    // The overview reloads after a sync: give it the time to, then compare.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let after = with_text(
        &client,
        &testid("figures-as-of"),
        "Figures as of",
        "\"Figures as of …\" after the failed sync",
    )
    .await
    .text()
    .await
    .expect("read the figures line");
    assert_eq!(after, as_of, "the figures line changed after a failed sync");
    let uptime_after = displayed(&client, &testid("overall-uptime"), "the overall uptime")
        .await
        .text()
        .await
        .expect("read the uptime");
    assert_eq!(
        uptime_after, uptime,
        "the figures changed after a failed sync"
    );
    assert_eq!(
        count_displayed(&client, &testid("incident-item")).await,
        incidents,
        "incidents went missing after a failed sync"
    );
    with_text(
        &client,
        &testid("story"),
        "",
        "the story after the failed sync",
    )
    .await;

    client.close().await.expect("end the WebDriver session");
}

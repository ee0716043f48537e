//! The desktop app starting with a team database that never answers (a laptop on a network
//! that swallows packets, a server that hangs): the first view must not wait for it. It shows
//! the local figures and says the team database is still being reached; a note posted
//! meanwhile waits in the outbox instead of waiting for the connection.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use support::{app_at, note, now, overview_of};
use tokio::net::TcpListener;
use unsung_app::dto::TeamReach;
use unsung_app::{Audience, Lang, PeriodKind};

/// A loopback server that accepts connections and never says a word: the PostgreSQL client
/// waits for its greeting until it gives up.
struct Silent {
    port: u16,
    accepted: Arc<AtomicUsize>,
}

impl Silent {
    async fn start() -> Silent {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let accepted = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&accepted);
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                held.push(socket);
            }
        });
        Silent { port, accepted }
    }

    /// Waits (at most 30 s, so the test cannot hang) until the app has knocked.
    async fn knocked(&self) -> bool {
        for _ in 0..300 {
            if self.accepted.load(Ordering::SeqCst) > 0 {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }
}

/// This week as the desktop first shows it.
async fn team_week(app: &unsung_app::App) -> unsung_app::dto::Overview {
    overview_of(
        app,
        PeriodKind::ThisWeek,
        chrono_tz::UTC,
        Lang::En,
        Audience::Team,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_database_that_never_answers_does_not_hold_the_first_view() {
    let silent = Silent::start().await;
    let dir = tempfile::tempdir().unwrap();
    let team = format!("postgres://ben:pw@127.0.0.1:{}/team", silent.port);
    let app = app_at(&dir, now(), Some(team)).await;

    app.prepare_first_view().await.unwrap();
    let overview = team_week(&app).await;
    // Answered while the connection is still pending: the local figures, and the news that
    // the team database is being reached (the UI says so).
    assert_eq!(overview.team, Some(TeamReach::Reaching));
    assert!(overview.is_demo, "the local copy: the demo team");
    assert_eq!(overview.services.len(), 7);
    assert!(!overview.thanks.is_empty(), "the local wall");
    assert!(silent.knocked().await, "the app is trying to reach it");

    // A note posted meanwhile does not wait for the connection either: it waits to be sent.
    let posted = app
        .post_thanks(note(
            "Ben",
            &["Ana"],
            "Posted while the team database was being reached.",
        ))
        .await
        .unwrap();
    assert!(posted.waiting_to_send, "{posted:?}");
}

#[tokio::test]
async fn without_a_team_database_the_view_says_nothing_about_one() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_at(&dir, now(), None).await;
    app.prepare_first_view().await.unwrap();
    let overview = team_week(&app).await;
    assert_eq!(overview.team, None);
}

//! The team database through the use cases, on a real PostgreSQL server started for these
//! tests: each teammate is an `App` with a local database of its own (their laptop) and the
//! team database as their own role.
//!
//! - 20 teammates posting at once: every note is there exactly once;
//! - the server stopped while notes are being posted and started again: the outbox delivers
//!   every note exactly once;
//! - only a note's author changes or deletes it, through the app too;
//! - one teammate's synced data serves the others;
//! - the team's people and their other names are the same on every laptop.
//!
//! The figures (posted, lost, duplicated) are printed; `cargo test -- --nocapture` shows them.

use chrono::{DateTime, TimeZone, Utc};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use unsung_app::dto::{NewThankYou, PersonEntry, ThankYouEdit};
use unsung_app::{App, Audience, Clock, Config, ErrorCode, Lang, PeriodKind};
use unsung_core::demo;
use unsung_testpg::Cluster;

const TEAM: [(&str, &str); 3] = [("ana", "Ana"), ("ben", "Ben"), ("dev", "Dev")];

fn password(role: &str) -> String {
    format!("{role}-app-password")
}

/// A new database on `cluster`, set up by the app's own `init_team_database`, with [`TEAM`].
async fn team_database(cluster: &Cluster) -> String {
    static SETUP: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    let _one_at_a_time = SETUP.lock().await;
    let database = cluster.create_database();
    let members: Vec<String> = TEAM.iter().map(|(r, n)| format!("{r}={n}")).collect();
    let setup = unsung_app::init_team_database(&cluster.admin_url(&database), &members)
        .await
        .unwrap();
    assert_eq!(setup.members.len(), 3);
    for (role, _) in TEAM {
        cluster.set_password(role, &password(role));
    }
    database
}

/// A teammate's laptop: a local database of its own, the team database as `role`.
struct Laptop {
    _dir: tempfile::TempDir,
    app: App,
}

async fn laptop(cluster: &Cluster, database: &str, role: &str) -> Laptop {
    laptop_at(cluster, database, role, Clock::System).await
}

/// The last 90 days' incident cards, as the team sees them.
async fn team_cards(app: &App) -> Vec<unsung_app::dto::IncidentView> {
    app.overview(
        PeriodKind::Last90Days,
        chrono_tz::UTC,
        Lang::En,
        Audience::Team,
    )
    .await
    .unwrap()
    .incidents
}

/// The same laptop away from the team database: its local database alone.
async fn offline(laptop: &Laptop, at: DateTime<Utc>) -> App {
    App::start(Config {
        db: laptop
            ._dir
            .path()
            .join("unsung.db")
            .to_string_lossy()
            .into_owned(),
        team_db: None,
        clock: Clock::Fixed(at),
        tz: Some(chrono_tz::UTC),
    })
    .await
    .unwrap()
}

async fn laptop_at(cluster: &Cluster, database: &str, role: &str, clock: Clock) -> Laptop {
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(Config {
        db: dir.path().join("unsung.db").to_string_lossy().into_owned(),
        team_db: Some(cluster.url(role, &password(role), database)),
        clock,
        tz: Some(chrono_tz::UTC),
    })
    .await
    .unwrap();
    Laptop { _dir: dir, app }
}

fn note(author: &str, message: String) -> NewThankYou {
    NewThankYou {
        author: author.into(),
        recipients: vec!["Chloe".into()],
        incident_id: None,
        period_from: None,
        period_to: None,
        message,
    }
}

/// How many times each message is in the team database (read as the admin, past any policy).
fn messages_in(cluster: &Cluster, database: &str) -> BTreeMap<String, usize> {
    let out = cluster.admin_script(
        database,
        "\\pset tuples_only on\n\\pset format unaligned\nSELECT message FROM unsung.thanks;",
        &[],
    );
    let mut counts = BTreeMap::new();
    for line in out.lines().filter(|l| !l.is_empty()) {
        *counts.entry(line.to_string()).or_insert(0) += 1;
    }
    counts
}

/// (lost, duplicated) for the `expected` messages.
fn lost_and_duplicated(found: &BTreeMap<String, usize>, expected: &[String]) -> (usize, usize) {
    let lost = expected.iter().filter(|m| !found.contains_key(*m)).count();
    let duplicated = found.values().map(|n| n.saturating_sub(1)).sum();
    (lost, duplicated)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_teammates_posting_at_once_leave_every_note_exactly_once() {
    let cluster = Cluster::shared();
    let database = team_database(cluster).await;
    const POSTERS: usize = 20;
    const NOTES_EACH: usize = 10;

    let mut posters = Vec::new();
    for poster in 0..POSTERS {
        let (role, name) = TEAM[poster % TEAM.len()];
        let laptop = laptop(cluster, &database, role).await;
        posters.push(tokio::spawn(async move {
            // The whole laptop, its folder too, lives as long as the poster.
            let laptop = laptop;
            let mut acknowledged = Vec::new();
            for n in 0..NOTES_EACH {
                let message = format!("poster {poster:02}, note {n:02}");
                let posted = laptop.app.post_thanks(note(name, message.clone())).await;
                let posted = posted.unwrap_or_else(|e| panic!("{message}: {}", e.message));
                assert!(!posted.waiting_to_send, "{message} was not sent at once");
                acknowledged.push(message);
            }
            // Sending again (as after a crash) must not add copies.
            let again = laptop.app.send_waiting().await.unwrap();
            assert_eq!(again.sent, 0);
            acknowledged
        }));
    }
    let mut expected = Vec::new();
    for poster in posters {
        expected.extend(poster.await.unwrap());
    }

    let found = messages_in(cluster, &database);
    let (lost, duplicated) = lost_and_duplicated(&found, &expected);
    println!(
        "FIGURES concurrency (PostgreSQL, {POSTERS} posters): posted {}, present {}, lost {lost}, duplicated {duplicated}",
        expected.len(),
        found.values().sum::<usize>()
    );
    assert_eq!(expected.len(), POSTERS * NOTES_EACH);
    assert_eq!((lost, duplicated), (0, 0));
    assert_eq!(found.len(), expected.len());

    // Every teammate's wall shows them all, once.
    let reader = laptop(cluster, &database, "ana").await;
    let wall = reader.app.list_thanks(1000).await.unwrap();
    assert_eq!(wall.len(), expected.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_posters_sharing_one_local_database_leave_every_note_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.db").to_string_lossy().into_owned();
    const POSTERS: usize = 20;
    const NOTES_EACH: usize = 10;
    let mut posters = Vec::new();
    for poster in 0..POSTERS {
        // Separate App instances (separate connection pools) on one SQLite file.
        let app = App::open(&db, Clock::System).await.unwrap();
        posters.push(tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for n in 0..NOTES_EACH {
                let message = format!("local poster {poster:02}, note {n:02}");
                app.post_thanks(note("Ana", message.clone())).await.unwrap();
                acknowledged.push(message);
            }
            acknowledged
        }));
    }
    let mut expected = Vec::new();
    for poster in posters {
        expected.extend(poster.await.unwrap());
    }
    let app = App::open(&db, Clock::System).await.unwrap();
    let mut found = BTreeMap::new();
    for n in app.list_thanks(10_000).await.unwrap() {
        *found.entry(n.message).or_insert(0) += 1;
    }
    let (lost, duplicated) = lost_and_duplicated(&found, &expected);
    println!(
        "FIGURES concurrency (SQLite, {POSTERS} posters): posted {}, present {}, lost {lost}, duplicated {duplicated}",
        expected.len(),
        found.values().sum::<usize>()
    );
    assert_eq!((expected.len(), lost, duplicated), (200, 0, 0));
    assert_eq!(app.check_local_database().await.unwrap(), ["ok"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_database_stopped_while_posting_gets_every_note_exactly_once_when_it_is_back() {
    // A server of its own: this test stops it.
    let cluster = Arc::new(Cluster::start());
    let database = team_database(&cluster).await;
    let laptop = Arc::new(laptop(&cluster, &database, "ben").await);
    const TASKS: usize = 4;
    const NOTES_EACH: usize = 15;
    let done = Arc::new(AtomicUsize::new(0));

    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let laptop = laptop.clone();
        let done = done.clone();
        tasks.push(tokio::spawn(async move {
            let mut results = Vec::new();
            for n in 0..NOTES_EACH {
                let message = format!("outage task {task}, note {n:02}");
                let posted = laptop.app.post_thanks(note("Ben", message.clone())).await;
                let posted = posted.unwrap_or_else(|e| panic!("{message}: {}", e.message));
                results.push((message, posted.waiting_to_send));
                done.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            results
        }));
    }
    // Stop the server while the posters are busy, and start it again later.
    let wait_for = |count: usize| {
        let done = done.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(120);
            while done.load(Ordering::SeqCst) < count {
                assert!(Instant::now() < deadline, "posting stalled");
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
    };
    wait_for(12).await;
    let server = cluster.clone();
    tokio::task::spawn_blocking(move || server.stop())
        .await
        .unwrap();
    let stopped_after = done.load(Ordering::SeqCst);
    wait_for(40).await;
    // Once a note found the server gone, the app says so and stops waiting on it: the notes
    // that follow go to the outbox at once (each waited out the pool's timeout before).
    let status = laptop.app.team_status().await.unwrap();
    assert!(
        !status.reachable,
        "a server that went away is not reachable"
    );
    assert!(status.problem.is_some(), "{status:?}");
    let server = cluster.clone();
    tokio::task::spawn_blocking(move || server.restart())
        .await
        .unwrap();
    let restarted_after = done.load(Ordering::SeqCst);

    let mut results = Vec::new();
    for task in tasks {
        results.extend(task.await.unwrap());
    }
    let waited = results.iter().filter(|(_, waiting)| *waiting).count();
    let outbox = laptop.app.team_status().await.unwrap().waiting as usize;
    assert!(
        waited > 0,
        "some notes were written while the server was down"
    );

    let delivery = laptop.app.send_waiting().await.unwrap();
    assert_eq!(delivery.problem, None);
    assert_eq!((delivery.waiting, delivery.refused), (0, 0));
    let again = laptop.app.send_waiting().await.unwrap();
    assert_eq!(again.sent, 0, "nothing is sent twice");

    let expected: Vec<String> = results.iter().map(|(m, _)| m.clone()).collect();
    let found = messages_in(&cluster, &database);
    let (lost, duplicated) = lost_and_duplicated(&found, &expected);
    println!(
        "FIGURES outage (PostgreSQL stopped after {stopped_after} notes, started after {restarted_after}): \
         posted {}, sent at once {}, acknowledged as waiting {waited}, in the outbox after the loop {outbox}, \
         delivered by the outbox {}, present {}, lost {lost}, duplicated {duplicated}",
        expected.len(),
        expected.len() - waited,
        delivery.sent,
        found.values().sum::<usize>()
    );
    assert_eq!(expected.len(), TASKS * NOTES_EACH);
    assert_eq!((lost, duplicated), (0, 0));
    assert_eq!(found.len(), expected.len());
    let wall = laptop.app.list_thanks(1000).await.unwrap();
    assert_eq!(wall.len(), expected.len());
    assert!(wall.iter().all(|n| !n.waiting_to_send));
}

#[tokio::test]
async fn through_the_app_only_the_author_changes_or_deletes_a_note() {
    let cluster = Cluster::shared();
    let database = team_database(cluster).await;
    let ana = laptop(cluster, &database, "ana").await;
    let ben = laptop(cluster, &database, "ben").await;

    let error = ben
        .app
        .post_thanks(note("Ana", "pretending to be Ana".into()))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Forbidden);
    assert!(error.message.contains("signed Ben"), "{}", error.message);

    let anas = ana
        .app
        .post_thanks(note("Ana", "Thanks, Chloe.".into()))
        .await
        .unwrap();
    assert!(!anas.waiting_to_send);
    let seen_by_ben = ben.app.list_thanks(10).await.unwrap();
    assert_eq!(seen_by_ben, vec![anas.clone()]);

    let change = |author: &str| ThankYouEdit {
        id: anas.id.clone(),
        author: author.into(),
        recipients: None,
        message: Some("changed".into()),
    };
    // Ben cannot, whether he says he is Ben or Ana: the app and then the database refuse.
    for author in ["Ben", "Ana"] {
        let error = ben.app.edit_thanks(change(author)).await.unwrap_err();
        assert_eq!(
            error.code,
            ErrorCode::Forbidden,
            "{author}: {}",
            error.message
        );
        let error = ben.app.delete_thanks(&anas.id, author).await.unwrap_err();
        assert_eq!(
            error.code,
            ErrorCode::Forbidden,
            "{author}: {}",
            error.message
        );
    }
    assert_eq!(
        ben.app.list_thanks(10).await.unwrap()[0].message,
        "Thanks, Chloe."
    );

    let edited = ana.app.edit_thanks(change("Ana")).await.unwrap();
    assert_eq!(edited.message, "changed");
    assert_eq!(ben.app.list_thanks(10).await.unwrap(), vec![edited]);
    ana.app.delete_thanks(&anas.id, "Ana").await.unwrap();
    assert!(ben.app.list_thanks(10).await.unwrap().is_empty());

    let status = ben.app.team_status().await.unwrap();
    assert!(status.reachable);
    assert_eq!(status.me.as_deref(), Some("Ben"));
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

#[tokio::test]
async fn one_teammates_synced_data_serves_the_whole_team() {
    let cluster = Cluster::shared();
    let database = team_database(cluster).await;
    let ana = laptop_at(cluster, &database, "ana", Clock::Fixed(now())).await;
    let ben = laptop_at(cluster, &database, "ben", Clock::Fixed(now())).await;
    ben.app.prepare_first_view().await.unwrap();
    assert!(
        ben.app.is_demo().await.unwrap(),
        "nothing synced yet: the demo team"
    );

    synced_a_source(&ana).await;
    ana.app
        .post_thanks(note("Ana", "For the whole team.".into()))
        .await
        .unwrap();

    let report = ben.app.sync_team().await.unwrap().unwrap();
    assert_eq!(report.sources, 1);
    assert_eq!(report.notes, Some(1));
    assert!(
        !ben.app.is_demo().await.unwrap(),
        "the team's data replaced the demo"
    );
    let range = ben.app.period_range(PeriodKind::Last90Days, chrono_tz::UTC);
    let bens = ben.app.stats(range, chrono_tz::UTC).await.unwrap();
    let anas = ana.app.stats(range, chrono_tz::UTC).await.unwrap();
    assert_eq!(bens, anas);
    assert_eq!(bens.incidents.total, 20);
    let wall = ben.app.list_thanks(10).await.unwrap();
    assert_eq!(wall.len(), 1, "the demo's sample notes went with the demo");
    assert_eq!(wall[0].author, "Ana");
}

/// A teammate's sync of a source (the demo's data standing in for PagerDuty's), kept locally
/// and on the team database. Returns its incidents.
async fn synced_a_source(laptop: &Laptop) -> Vec<unsung_core::Incident> {
    let mut data = demo::dataset(now());
    data.thanks.clear();
    let renamed = |id: &mut String| *id = id.replace("demo/", "pagerduty/");
    data.services.iter_mut().for_each(|s| {
        renamed(&mut s.id);
        s.source = "pagerduty".into();
    });
    data.intervals
        .iter_mut()
        .for_each(|i| renamed(&mut i.service_id));
    data.incidents.iter_mut().for_each(|i| {
        renamed(&mut i.id);
        i.service_id.as_mut().map(renamed);
        i.source = "pagerduty".into();
    });
    data.changes.iter_mut().for_each(|c| {
        renamed(&mut c.id);
        c.service_id.as_mut().map(renamed);
        c.source = "pagerduty".into();
    });
    let source = unsung_store_source("pagerduty");
    assert!(laptop.app.store_source_data(&source, &data).await.unwrap());
    data.incidents
}

fn unsung_store_source(name: &str) -> unsung_app::SourceRecord {
    unsung_app::SourceRecord::new(name, name, None, now())
}

fn person(name: &str, aliases: &[&str]) -> PersonEntry {
    PersonEntry {
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

#[tokio::test]
async fn teammates_share_one_list_of_people_so_their_stories_name_the_same_people() {
    let cluster = Cluster::shared();
    let database = team_database(cluster).await;
    let ana = laptop_at(cluster, &database, "ana", Clock::Fixed(now())).await;
    let ben = laptop_at(cluster, &database, "ben", Clock::Fixed(now())).await;
    ben.app.prepare_first_view().await.unwrap();

    // Ana gives her own other names; Ben adds Chloe, who is not on the team database; the
    // demo's sources call Chloe "Chloe", so Ben names her "Chloe Martin" with that alias.
    ana.app
        .save_person(person("Ana", &["ana.garcia"]))
        .await
        .unwrap();
    let people = ben
        .app
        .save_person(person("Chloe Martin", &["Chloe", "chloe.m"]))
        .await
        .unwrap();
    let expected = vec![
        person("Ana", &["ana.garcia"]),
        person("Chloe Martin", &["Chloe", "chloe.m"]),
    ];
    assert_eq!(people, expected, "Ben sees Ana's entry too");
    assert_eq!(ana.app.people().await.unwrap(), expected);

    // Only Ana says which names are hers: the team database refuses Ben.
    let error = ben
        .app
        .save_person(person("Ana", &["oncall-bot"]))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Forbidden, "{}", error.message);
    assert_eq!(
        ben.app.remove_person("Ana").await.unwrap_err().code,
        ErrorCode::Forbidden
    );

    // Both stories credit "Chloe Martin" for what the demo's sources say Chloe fixed.
    ana.app.prepare_first_view().await.unwrap();
    for laptop in [&ana, &ben] {
        laptop.app.sync_team().await.unwrap();
        let cards = team_cards(&laptop.app).await;
        let fixers: Vec<&String> = cards.iter().flat_map(|i| &i.fixed_by).collect();
        assert!(fixers.iter().any(|n| *n == "Chloe Martin"), "{fixers:?}");
        assert!(fixers.iter().all(|n| *n != "Chloe"), "{fixers:?}");
    }
}

#[tokio::test]
async fn what_a_teammate_writes_about_an_incident_reaches_the_others_and_stays_offline() {
    let cluster = Cluster::shared();
    let database = team_database(cluster).await;
    let ana = laptop_at(cluster, &database, "ana", Clock::Fixed(now())).await;
    let later = now() + chrono::Duration::hours(1);
    let ben = laptop_at(cluster, &database, "ben", Clock::Fixed(later)).await;
    for laptop in [&ana, &ben] {
        laptop.app.prepare_first_view().await.unwrap();
    }
    let incident = synced_a_source(&ana)
        .await
        .into_iter()
        .filter(|i| i.counts() && i.resolved_at.is_some())
        .max_by_key(|i| i.opened_at)
        .unwrap()
        .id;
    ana.app
        .explain_incident(
            &incident,
            "We added a second card company.",
            false,
            Lang::En,
        )
        .await
        .unwrap();
    for laptop in [&ana, &ben] {
        laptop.app.sync_team().await.unwrap();
    }
    let on_the_team_database = cluster.admin_script(
        &database,
        "\\pset tuples_only on\n\\pset format unaligned\nSELECT incident_id || ' ' || written_by FROM unsung.explanations;",
        &[],
    );
    assert_eq!(
        on_the_team_database.trim(),
        format!("{incident} Ana"),
        "only Ana's text, signed by her: the demo team's texts stay on each laptop"
    );

    let told = |explanation: Option<unsung_app::dto::ExplanationView>| {
        let e = explanation.expect("the incident has what got better");
        (e.text, e.written_by, e.edited_by)
    };
    let card = async |app: &App| {
        team_cards(app)
            .await
            .into_iter()
            .find(|i| i.id == incident)
            .unwrap()
            .explanation
    };
    let anas_text = (
        "We added a second card company.".to_string(),
        "Ana".to_string(),
        None,
    );
    assert_eq!(told(card(&ben.app).await), anas_text);

    // Ben's laptop away from the team database still has it.
    assert_eq!(told(card(&offline(&ben, later).await).await), anas_text);

    // Ben improves it; Ana's laptop gets his words on its next sync, with Ana still its writer.
    ben.app
        .explain_incident(
            &incident,
            "Card payments now have a spare.",
            false,
            Lang::En,
        )
        .await
        .unwrap();
    ana.app.sync_team().await.unwrap();
    let improved = (
        "Card payments now have a spare.".to_string(),
        "Ana".to_string(),
        Some("Ben".to_string()),
    );
    assert_eq!(told(card(&ana.app).await), improved);
    assert_eq!(told(card(&offline(&ana, later).await).await), improved);
}

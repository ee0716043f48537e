//! What only the local SQLite store does, on real files: WAL, paths and URLs, damaged files,
//! the outbox of notes waiting for the team database, the copy of the team's notes, the demo's
//! sample notes and settings. What both backends do is in `contract.rs`.

use chrono::{DateTime, Duration, TimeZone, Utc};
use unsung_core::ThankYou;
use unsung_store::{SqliteStore, Store, StoreError, open};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn note(id: &str, message: &str, created_at: DateTime<Utc>) -> ThankYou {
    ThankYou {
        id: id.into(),
        author: "Ben".into(),
        recipients: vec!["Ana".into(), "Dev".into()],
        message: message.into(),
        incident_id: Some("demo/101".into()),
        period_from: None,
        period_to: None,
        created_at,
        edited_at: None,
        is_demo: false,
    }
}

async fn fresh() -> (tempfile::TempDir, std::sync::Arc<dyn Store>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/unsung.db");
    let store = open(path.to_str().unwrap()).await.unwrap();
    (dir, store)
}

#[tokio::test]
async fn opening_creates_the_file_and_its_folders_in_wal_mode() {
    let (dir, store) = fresh().await;
    store.insert_thanks(&note("a", "hi", now())).await.unwrap();
    let db = dir.path().join("nested/dir/unsung.db");
    assert!(db.exists());
    assert!(
        dir.path().join("nested/dir/unsung.db-wal").exists(),
        "WAL journal in use"
    );
}

#[tokio::test]
async fn a_sqlite_url_and_a_path_name_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("same.db");
    let by_path = open(path.to_str().unwrap()).await.unwrap();
    by_path
        .insert_thanks(&note("n1", "from the path", now()))
        .await
        .unwrap();
    drop(by_path);
    let by_url = open(&format!("sqlite://{}", path.display())).await.unwrap();
    let notes = by_url.list_thanks(10).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].message, "from the path");
}

#[tokio::test]
async fn notes_survive_closing_and_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("unsung.db");
    {
        let store = open(path.to_str().unwrap()).await.unwrap();
        store
            .insert_thanks(&note("kept", "still here", now()))
            .await
            .unwrap();
    }
    let store = open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(
        store.list_thanks(10).await.unwrap()[0].message,
        "still here"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_database_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("not-a-db.db");
    std::fs::write(&path, "this is a text file, not SQLite ".repeat(200)).unwrap();
    let error = open(path.to_str().unwrap()).await.err().expect("refused");
    assert!(
        error.to_string().contains("not-a-db.db") || error.to_string().contains("database"),
        "{error}"
    );
}

#[tokio::test]
async fn a_postgres_url_with_nobody_listening_is_unreachable_not_broken() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://ana:secret-pw@127.0.0.1:{port}/unsung");
    let error = open(&url).await.err().expect("refused");
    assert!(matches!(error, StoreError::Unreachable(_)), "{error:?}");
    assert!(!error.to_string().contains("secret-pw"), "{error}");
}

async fn local() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("local.db").to_str().unwrap())
        .await
        .unwrap();
    (dir, store)
}

#[tokio::test]
async fn the_outbox_keeps_notes_until_they_are_delivered_once() {
    let (_dir, store) = local().await;
    let first = note(
        "0190aaaa-0000-7000-8000-000000000001",
        "first",
        now() - Duration::hours(1),
    );
    let second = note("0190aaaa-0000-7000-8000-000000000002", "second", now());
    store.queue_note(&second).await.unwrap();
    store.queue_note(&first).await.unwrap();
    store.queue_note(&first).await.unwrap();
    let waiting = store.waiting().await.unwrap();
    assert_eq!(
        waiting.iter().map(|w| &w.note).collect::<Vec<_>>(),
        [&first, &second],
        "oldest first, each once"
    );
    assert!(
        store.list_thanks(10).await.unwrap().is_empty(),
        "not on the wall yet"
    );

    store
        .note_failed_delivery(&first.id, "connection refused", false)
        .await
        .unwrap();
    let tried = store.waiting_note(&first.id).await.unwrap().unwrap();
    assert_eq!((tried.attempts, tried.refused), (1, false));
    assert_eq!(tried.last_error.as_deref(), Some("connection refused"));

    store.mark_delivered(&first).await.unwrap();
    store.mark_delivered(&first).await.unwrap();
    assert_eq!(store.waiting().await.unwrap().len(), 1);
    assert_eq!(store.list_thanks(10).await.unwrap(), vec![first.clone()]);
    assert!(store.is_team_note(&first.id).await.unwrap());
}

#[tokio::test]
async fn a_waiting_note_is_changed_or_withdrawn_only_by_its_author() {
    let (_dir, store) = local().await;
    let mine = note("0190aaaa-0000-7000-8000-000000000003", "draft", now());
    store.queue_note(&mine).await.unwrap();
    let by_someone_else = ThankYou {
        author: "Ana".into(),
        message: "hijacked".into(),
        ..mine.clone()
    };
    assert!(!store.update_waiting(&by_someone_else).await.unwrap());
    assert!(!store.unqueue(&mine.id, "Ana").await.unwrap());
    let edited = ThankYou {
        message: "final words".into(),
        edited_at: Some(now()),
        ..mine.clone()
    };
    assert!(store.update_waiting(&edited).await.unwrap());
    assert_eq!(store.waiting().await.unwrap()[0].note, edited);
    assert!(store.unqueue(&mine.id, "Ben").await.unwrap());
    assert!(store.waiting().await.unwrap().is_empty());
}

#[tokio::test]
async fn opening_the_wall_refreshes_the_newest_team_notes_and_leaves_older_copies_for_a_sync() {
    let (_dir, store) = local().await;
    let at = |minutes: i64| now() - chrono::Duration::minutes(60 - minutes);
    let team: Vec<ThankYou> = (1..=5)
        .map(|n| {
            note(
                &format!("0190aaaa-0000-7000-8000-00000000010{n}"),
                &format!("team {n}"),
                at(n),
            )
        })
        .collect();
    let mine = note("0190aaaa-0000-7000-8000-000000000100", "mine", at(0));
    store.insert_thanks(&mine).await.unwrap();
    store.replace_team_notes(&team).await.unwrap();

    // On the team database note 4 was deleted and note 5 edited; the wall asks for two notes.
    let edited_5 = ThankYou {
        message: "team 5, edited".into(),
        ..team[4].clone()
    };
    store
        .replace_newest_team_notes(&[edited_5.clone(), team[2].clone()], 2)
        .await
        .unwrap();
    let messages =
        |notes: Vec<ThankYou>| -> Vec<String> { notes.into_iter().map(|n| n.message).collect() };
    assert_eq!(
        messages(store.list_thanks(10).await.unwrap()),
        ["team 5, edited", "team 3", "team 2", "team 1", "mine"],
        "note 4 sorted among the newest two and is gone; notes 1 and 2 wait for a sync"
    );

    // Fewer notes than asked for: that is every team note, so the copy is exactly that.
    store
        .replace_newest_team_notes(std::slice::from_ref(&edited_5), 2)
        .await
        .unwrap();
    assert_eq!(
        messages(store.list_thanks(10).await.unwrap()),
        ["team 5, edited", "mine"]
    );
}

#[tokio::test]
async fn the_copy_of_the_team_notes_is_replaced_without_touching_local_or_sample_notes() {
    let (_dir, store) = local().await;
    let local_note = note("0190aaaa-0000-7000-8000-000000000010", "local", now());
    let sample = ThankYou {
        is_demo: true,
        ..note("0190aaaa-0000-7000-8000-000000000011", "sample", now())
    };
    let team_a = note("0190aaaa-0000-7000-8000-000000000012", "team a", now());
    let team_b = note("0190aaaa-0000-7000-8000-000000000013", "team b", now());
    store.insert_thanks(&local_note).await.unwrap();
    store
        .replace_sample_notes(std::slice::from_ref(&sample))
        .await
        .unwrap();
    store
        .replace_team_notes(&[team_a.clone(), team_b.clone()])
        .await
        .unwrap();
    let edited_b = ThankYou {
        message: "team b, edited".into(),
        ..team_b.clone()
    };
    store
        .replace_team_notes(std::slice::from_ref(&edited_b))
        .await
        .unwrap();
    let mut ids: Vec<String> = store
        .list_thanks(10)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.message)
        .collect();
    ids.sort();
    assert_eq!(ids, ["local", "sample", "team b, edited"]);
    store.uncache_team_note(&team_b.id).await.unwrap();
    store.uncache_team_note(&local_note.id).await.unwrap();
    assert_eq!(
        store.list_thanks(10).await.unwrap().len(),
        2,
        "a local note is not a copy"
    );
    // Sample notes cannot be edited or deleted as if they were someone's.
    assert!(!store.delete_thanks(&sample.id, "Ben").await.unwrap());
}

#[tokio::test]
async fn settings_are_kept_and_cleared() {
    let (_dir, store) = local().await;
    assert_eq!(store.setting("team_db").await.unwrap(), None);
    store
        .set_setting("team_db", Some("postgres://ana@db/unsung"))
        .await
        .unwrap();
    store
        .set_setting("team_db", Some("postgres://ben@db/unsung"))
        .await
        .unwrap();
    assert_eq!(
        store.setting("team_db").await.unwrap().as_deref(),
        Some("postgres://ben@db/unsung")
    );
    store.set_setting("team_db", None).await.unwrap();
    assert_eq!(store.setting("team_db").await.unwrap(), None);
    assert_eq!(store.integrity_check().await.unwrap(), ["ok"]);
}

/// Ten openers of one brand-new file at once (threads of one process here; separate processes
/// in the CLI's `first_open` test): each used to run migration 1 itself and most failed with
/// "table sources already exists". Now one migrates under the lock and the others find it done.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_first_opens_of_a_new_file_at_once_all_succeed_and_migrate_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new/unsung.db");
    let openers: Vec<_> = (0..10)
        .map(|n| {
            let path = path.clone();
            tokio::spawn(async move {
                let store = SqliteStore::open(path.to_str().unwrap()).await?;
                store
                    .insert_thanks(&note(&format!("first-{n}"), "hello", now()))
                    .await?;
                Ok::<_, StoreError>(())
            })
        })
        .collect();
    for opener in openers {
        opener.await.unwrap().expect("every first open succeeds");
    }
    let store = open(path.to_str().unwrap()).await.unwrap();
    assert_eq!(store.list_thanks(20).await.unwrap().len(), 10);
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&pool)
            .await
            .unwrap();
    let shipped = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count() as i64;
    assert!(shipped >= 2, "found {shipped} migrations");
    assert_eq!(
        applied,
        (1..=shipped).collect::<Vec<_>>(),
        "each migration ran once"
    );
    assert!(
        dir.path().join("new/unsung.db-migrate.lock").exists(),
        "the lock every opener takes lives beside the file"
    );
}

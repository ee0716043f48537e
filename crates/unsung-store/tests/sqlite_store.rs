//! The store's contract, checked on real SQLite files.

use chrono::{DateTime, Duration, TimeZone, Utc};
use unsung_core::{ThankYou, demo};
use unsung_store::{SourceRecord, Store, StoreError, open};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap()
}

fn demo_source() -> SourceRecord {
    SourceRecord {
        name: "demo".into(),
        kind: "demo".into(),
        url: None,
        created_at: now(),
    }
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
async fn loading_the_demo_twice_keeps_one_copy_and_keeps_the_users_notes() {
    let (_dir, store) = fresh().await;
    let data = demo::dataset(now());
    store.replace_source(&demo_source(), &data).await.unwrap();
    store
        .insert_thanks(&note("mine", "my own note", now()))
        .await
        .unwrap();
    store.replace_source(&demo_source(), &data).await.unwrap();

    assert_eq!(store.services().await.unwrap(), data.services);
    let everything = store
        .incidents_opened(now() - Duration::days(365), now() + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(everything, data.incidents);
    let intervals = store
        .intervals(now() - Duration::days(365), now() + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(intervals.len(), data.intervals.len());
    let notes = store.list_thanks(100).await.unwrap();
    assert_eq!(notes.len(), data.thanks.len() + 1);
    assert_eq!(notes.iter().filter(|n| n.id == "mine").count(), 1);
    assert_eq!(
        store.people().await.unwrap(),
        ["Ana", "Ben", "Chloe", "Dev", "Emma"]
    );
    assert_eq!(store.sources().await.unwrap(), vec![demo_source()]);
}

#[tokio::test]
async fn interval_queries_return_what_overlaps_the_period() {
    let (_dir, store) = fresh().await;
    let data = demo::dataset(now());
    store.replace_source(&demo_source(), &data).await.unwrap();
    let from = now() - Duration::days(7);
    let got = store.intervals(from, now()).await.unwrap();
    let expected = data
        .intervals
        .iter()
        .filter(|i| i.end > from && i.start < now())
        .count();
    assert_eq!(got.len(), expected);
    assert!(got.iter().all(|i| i.end > from && i.start < now()));
}

#[tokio::test]
async fn the_last_major_incident_and_updates_shipped_are_counted_by_the_database() {
    let (_dir, store) = fresh().await;
    let data = demo::dataset(now());
    store.replace_source(&demo_source(), &data).await.unwrap();
    let major = store.last_major_incident_at(now()).await.unwrap().unwrap();
    assert_eq!((now() - major).num_days(), 41);
    let week = now() - Duration::days(7);
    let expected = data
        .changes
        .iter()
        .filter(|c| c.at >= week && c.at < now())
        .count();
    assert_eq!(
        store.changes_count(week, now()).await.unwrap(),
        expected as u64
    );
}

#[tokio::test]
async fn notes_are_stored_verbatim_once_and_listed_newest_first() {
    let (_dir, store) = fresh().await;
    let hostile = "<img src=x onerror=alert(1)> ' OR 1=1; -- \u{202E}drow\n\"quoted\" ☕";
    store
        .insert_thanks(&note("old", "first", now() - Duration::hours(2)))
        .await
        .unwrap();
    store
        .insert_thanks(&note("new", hostile, now()))
        .await
        .unwrap();
    store
        .insert_thanks(&note("new", hostile, now()))
        .await
        .unwrap();
    let notes = store.list_thanks(10).await.unwrap();
    assert_eq!(
        notes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        ["new", "old"]
    );
    assert_eq!(notes[0].message, hostile);
    assert_eq!(notes[0].recipients, ["Ana", "Dev"]);
    assert_eq!(store.list_thanks(1).await.unwrap().len(), 1);
    let recent = store
        .thanks_between(now() - Duration::hours(1), now() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(recent.len(), 1);
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
async fn a_postgres_url_is_refused_until_the_team_database_exists() {
    let error = open("postgres://localhost/unsung")
        .await
        .err()
        .expect("refused");
    assert!(matches!(error, StoreError::Unsupported(_)));
}

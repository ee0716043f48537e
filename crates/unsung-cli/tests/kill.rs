//! `kill -9` of the `unsung` command in the middle of a loop of posts, on the local SQLite
//! database and on a PostgreSQL team database (a real server started for this test): every
//! note the command acknowledged is there after a restart, exactly once, and the database
//! opens clean.
//!
//! Every other post is killed (SIGKILL) at a moment spread over how long a post takes on this
//! machine (measured first), so kills land while the command starts, while it writes, and
//! after it answered. The figures are printed; `cargo test -- --nocapture` shows them.

use std::collections::BTreeMap;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;
use unsung_app::{App, Clock, Config};
use unsung_testpg::Cluster;

const POSTS: usize = 40;

fn unsung(db: &Path, team_db: Option<&str>) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("unsung"));
    cmd.env_remove("UNSUNG_NOW")
        .env_remove("UNSUNG_TEAM_DB")
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(url) = team_db {
        cmd.env("UNSUNG_TEAM_DB", url);
    }
    cmd
}

fn post(db: &Path, team_db: Option<&str>, author: &str, message: &str) -> Command {
    let mut cmd = unsung(db, team_db);
    cmd.args([
        "thanks",
        "post",
        "--from",
        author,
        "--to",
        "Chloe",
        "--message",
        message,
    ]);
    cmd
}

/// A note the command acknowledged: it printed the note's id and exited 0.
fn acknowledged(out: &std::process::Output) -> bool {
    let stdout = String::from_utf8_lossy(&out.stdout);
    out.status.success() && (stdout.contains("Thank-you sent to") || stdout.contains("saved ("))
}

struct Loop {
    acknowledged: Vec<String>,
    killed: usize,
    killed_before_answering: usize,
    attempted: Vec<String>,
}

/// Posts `POSTS` notes one after another, killing every other command part-way.
fn post_and_kill(db: &Path, team_db: Option<&str>, author: &str) -> Loop {
    // How long one post takes here (once the database exists), to spread the kills over it.
    let mut started = Instant::now();
    for n in 0..4 {
        if n == 1 {
            started = Instant::now();
        }
        let out = post(db, team_db, author, &format!("warm-up {n}"))
            .output()
            .unwrap();
        assert!(
            acknowledged(&out),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let one_post = started.elapsed() / 3;
    let mut result = Loop {
        acknowledged: Vec::new(),
        killed: 0,
        killed_before_answering: 0,
        attempted: Vec::new(),
    };
    for n in 0..POSTS {
        let message = format!("kill loop note {n:02}");
        result.attempted.push(message.clone());
        let mut child = post(db, team_db, author, &message).spawn().unwrap();
        if n % 2 == 0 {
            // 0%, 10%, … 100% of a post's time.
            std::thread::sleep(one_post * (n as u32 / 2 % 11) / 10);
            let _ = child.kill(); // SIGKILL; an error only means it had finished
        }
        let out = child.wait_with_output().unwrap();
        if out.status.signal() == Some(9) {
            result.killed += 1;
            if !acknowledged(&out) {
                result.killed_before_answering += 1;
            }
        }
        if acknowledged(&out) {
            result.acknowledged.push(message);
        } else {
            assert_eq!(
                out.status.signal(),
                Some(9),
                "a post that was not killed failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    result
}

fn count(messages: impl IntoIterator<Item = String>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for message in messages {
        *counts.entry(message).or_insert(0) += 1;
    }
    counts
}

fn report(backend: &str, run: &Loop, found: &BTreeMap<String, usize>) -> (usize, usize) {
    let lost = run
        .acknowledged
        .iter()
        .filter(|m| !found.contains_key(*m))
        .count();
    let duplicated: usize = found.values().map(|n| n - 1).sum();
    let unacknowledged_present = run
        .attempted
        .iter()
        .filter(|m| found.contains_key(*m) && !run.acknowledged.contains(m))
        .count();
    println!(
        "FIGURES kill -9 ({backend}): posted {}, killed {} ({} before answering), acknowledged {}, \
         present {} (+{} killed after writing), lost {lost}, duplicated {duplicated}",
        run.attempted.len(),
        run.killed,
        run.killed_before_answering,
        run.acknowledged.len(),
        run.acknowledged.len() - lost,
        unacknowledged_present,
    );
    (lost, duplicated)
}

async fn local_app(db: &Path, team_db: Option<String>) -> App {
    App::start(Config {
        db: db.to_string_lossy().into_owned(),
        team_db,
        clock: Clock::System,
        tz: None,
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_command_while_posting_loses_no_acknowledged_note_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unsung.db");
    let db_for_loop = db.clone();
    let run = tokio::task::spawn_blocking(move || post_and_kill(&db_for_loop, None, "Ana"))
        .await
        .unwrap();
    assert!(
        run.killed > 0 && run.killed_before_answering > 0,
        "no kill landed"
    );

    // "Restart": a new process opens the file, which SQLite finds sound.
    let listed = unsung(&db, None)
        .args(["thanks", "list", "--json", "--limit", "1000"])
        .output()
        .unwrap();
    assert!(
        listed.status.success(),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    let notes: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).unwrap();
    let found = count(
        notes
            .iter()
            .map(|n| n["message"].as_str().unwrap().to_string())
            .filter(|m| m.starts_with("kill loop")),
    );
    let app = local_app(&db, None).await;
    assert_eq!(app.check_local_database().await.unwrap(), ["ok"]);

    let (lost, duplicated) = report("SQLite", &run, &found);
    assert_eq!((lost, duplicated), (0, 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_command_while_posting_loses_no_acknowledged_note_on_postgresql() {
    let cluster = Cluster::shared();
    let database = cluster.create_database();
    unsung_app::init_team_database(&cluster.admin_url(&database), &["ben=Ben".to_string()])
        .await
        .unwrap();
    cluster.set_password("ben", "ben-kill-password");
    let team_db = cluster.url("ben", "ben-kill-password", &database);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("laptop.db");

    let (db_for_loop, url) = (db.clone(), team_db.clone());
    let run = tokio::task::spawn_blocking(move || post_and_kill(&db_for_loop, Some(&url), "Ben"))
        .await
        .unwrap();
    assert!(
        run.killed > 0 && run.killed_before_answering > 0,
        "no kill landed"
    );

    // Restart: `unsung sync` delivers whatever a killed command left in the outbox.
    let synced = unsung(&db, Some(&team_db)).arg("sync").output().unwrap();
    assert!(
        synced.status.success(),
        "{}",
        String::from_utf8_lossy(&synced.stderr)
    );
    let app = local_app(&db, Some(team_db.clone())).await;
    assert_eq!(app.check_local_database().await.unwrap(), ["ok"]);
    assert_eq!(app.team_status().await.unwrap().waiting, 0);

    let out = cluster.admin_script(
        &database,
        "\\pset tuples_only on\n\\pset format unaligned\nSELECT message FROM unsung.thanks \
         WHERE message LIKE 'kill loop%';",
        &[],
    );
    let found = count(out.lines().filter(|l| !l.is_empty()).map(str::to_string));
    let (lost, duplicated) = report("PostgreSQL", &run, &found);
    assert_eq!((lost, duplicated), (0, 0));
    // The team database itself is sound: amcheck finds its note index consistent with the
    // table, and every note reads back through the app.
    cluster.admin_script(
        &database,
        "CREATE EXTENSION IF NOT EXISTS amcheck;\nSELECT bt_index_check('unsung.thanks_pkey', true);",
        &[],
    );
    let wall = app.list_thanks(1000).await.unwrap();
    assert_eq!(
        wall.iter()
            .filter(|n| n.message.starts_with("kill loop"))
            .count(),
        found.len()
    );
}

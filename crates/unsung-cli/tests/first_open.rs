//! A new machine's first minute: several `unsung` processes opening a local database that does
//! not exist yet, all at once (the desktop app, a cron job and a script starting together).
//! Each used to run the first migration itself, and most failed with "table sources already
//! exists"; now one creates and migrates the file under a lock and the others wait for it.

use serde_json::Value;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Long enough for ten processes to queue on a slow, busy machine; a test never hangs.
const AT_MOST: Duration = Duration::from_secs(120);

fn unsung(db: &str) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("unsung"));
    cmd.env_remove("UNSUNG_DB")
        .env_remove("UNSUNG_TEAM_DB")
        .env("UNSUNG_NOW", "2026-11-29T20:00:00Z")
        .args(["--db", db]);
    cmd
}

/// Waits for `child` until [`AT_MOST`] has passed since `started`, then kills it.
fn finish(mut child: Child, started: Instant) -> (bool, String) {
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                std::io::Read::read_to_string(&mut pipe, &mut stderr).unwrap();
            }
            return (status.success(), stderr);
        }
        if started.elapsed() > AT_MOST {
            let _ = child.kill();
            let _ = child.wait();
            return (false, "still running: killed".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn ten_thanks_posted_at_once_on_a_new_database_all_succeed_and_are_all_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("new/unsung.db").display());
    let started = Instant::now();
    let posts: Vec<Child> = (0..10)
        .map(|n| {
            unsung(&db)
                .args(["thanks", "post", "--from", "Ben", "--to", "Ana"])
                .args(["--message", &format!("thanks number {n}")])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let failures: Vec<String> = posts
        .into_iter()
        .map(|child| finish(child, started))
        .filter(|(ok, _)| !ok)
        .map(|(_, stderr)| stderr)
        .collect();
    assert!(failures.is_empty(), "failed: {failures:#?}");

    let listed = unsung(&db)
        .args(["thanks", "list", "--json", "--limit", "50"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    let notes: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let mut messages: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["is_demo"] == false)
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    messages.sort();
    let expected: Vec<String> = (0..10).map(|n| format!("thanks number {n}")).collect();
    assert_eq!(messages, expected);
}

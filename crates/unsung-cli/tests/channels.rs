//! `unsung channel …` as scripts use it: a channel's webhook URL or token goes in through an
//! environment variable and never comes out, a note posted while the chat is unreachable waits
//! (the post itself succeeds), and `channel send` exits 1 with one line per problem until the
//! chat is back; then it delivers the note, once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};

#[path = "support/args.rs"]
mod args;

fn unsung(db: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("unsung"))
        .env("UNSUNG_NOW", "2026-11-29T20:00:00Z")
        .env("UNSUNG_KEYCHAIN", "off")
        .env_remove("UNSUNG_DB")
        .env_remove("UNSUNG_TEAM_DB")
        .env("HOOK", "http://127.0.0.1:9/services/T000/B000/secret-part")
        .env("MATRIX_TOKEN", "syt_secret_token")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Answers one HTTP request with Slack's `ok` and returns the request's body.
/// `unsung channel add` of a Slack channel named "team", its webhook URL in $HOOK.
const ADD_SLACK_TEAM: [&str; 7] = [
    "channel",
    "add",
    "slack",
    "--name",
    "team",
    "--url-env",
    "HOOK",
];

fn assert_succeeded(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn answer_one(listener: &TcpListener) -> String {
    let (mut stream, _) = listener.accept().unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap();
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    stream
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
        .unwrap();
    String::from_utf8(body).unwrap()
}

#[test]
fn secrets_stay_out_and_a_note_waits_for_an_unreachable_chat() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unsung.db");
    let out = unsung(&db, &ADD_SLACK_TEAM);
    assert_succeeded(&out);
    let out = unsung(
        &db,
        &[
            "channel",
            "add",
            "matrix",
            "--name",
            "room",
            "--homeserver",
            "https://matrix.example.org",
            "--room",
            "!abc:example.org",
            "--token-env",
            "MATRIX_TOKEN",
        ],
    );
    assert_succeeded(&out);
    let list = unsung(&db, &["channel", "list", "--json"]);
    let text = String::from_utf8(list.stdout).unwrap();
    assert!(
        !text.contains("secret-part") && !text.contains("syt_secret_token"),
        "{text}"
    );
    let channels: serde_json::Value = serde_json::from_str(&text).unwrap();
    let named = |name: &str| {
        channels
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(named("team")["secret_set"], true);
    assert_eq!(named("room")["secret_set"], true);
    assert_eq!(named("room")["room"], "!abc:example.org");
    for file in ["unsung.db", "unsung.db-wal"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(file)) {
            let bytes = String::from_utf8_lossy(&bytes);
            assert!(!bytes.contains("secret-part") && !bytes.contains("syt_secret_token"));
        }
    }
    // Without the variable, a clear refusal.
    let out = Command::new(assert_cmd::cargo::cargo_bin("unsung"))
        .env_remove("HOOK")
        .args(["--db"])
        .arg(&db)
        .args([
            "channel",
            "add",
            "discord",
            "--name",
            "d",
            "--url-env",
            "HOOK",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--url-env HOOK"));

    unsung(&db, &["channel", "remove", "room"]);
    // Port 9 (discard) has nothing listening: the post succeeds, the note waits.
    let out = unsung(&db, &args::ana_thanks_ben("<!channel> thanks"));
    assert_succeeded(&out);
    let out = unsung(&db, &["channel", "send"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("team: slack could not be reached"),
        "{stderr}"
    );
    assert!(!stderr.contains("secret-part"));

    // The chat is back (at another address: the URL is changed with the same name).
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/services/T000/B000/secret-part",
        listener.local_addr().unwrap()
    );
    let server = std::thread::spawn(move || answer_one(&listener));
    let out = Command::new(assert_cmd::cargo::cargo_bin("unsung"))
        .env("UNSUNG_KEYCHAIN", "off")
        .env("HOOK", &url)
        .arg("--db")
        .arg(&db)
        .args(ADD_SLACK_TEAM)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = unsung(&db, &["channel", "send"]);
    assert_succeeded(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 delivered, 0 waiting, 0 refused"));
    let body = server.join().unwrap();
    assert_eq!(
        body,
        r#"{"mrkdwn":false,"text":"Ana thanked Ben\n&lt;!channel&gt; thanks"}"#
    );
    // Nothing waits any more: sending again sends nothing.
    let out = unsung(&db, &["channel", "send"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 delivered, 0 waiting, 0 refused"));
}

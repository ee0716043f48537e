//! Running the `unsung` command against a local database, off the async runtime so the local
//! servers a test starts keep answering: what the source tests and the resync tests share.
#![allow(dead_code)] // each test file uses its own subset

use assert_cmd::Command;
use std::path::Path;
use std::process::Output;

pub const NOW: &str = "2026-11-29T20:00:00Z";

/// `unsung` on the database `db`, at [`NOW`], without the keychain, with short HTTP waits.
pub fn unsung(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("unsung").unwrap();
    cmd.env("UNSUNG_NOW", NOW)
        .env("UNSUNG_KEYCHAIN", "off")
        .env("UNSUNG_HTTP_TIMEOUT", "1")
        .env_remove("UNSUNG_DB")
        .env_remove("UNSUNG_TEAM_DB")
        .arg("--db")
        .arg(format!("sqlite://{}", db.display()));
    cmd
}

/// Runs the command off the async runtime, so the local servers keep answering.
pub async fn run(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

/// Runs the command, which must succeed; its output.
pub async fn ok(cmd: Command) -> String {
    let out = run(cmd).await;
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `unsung` on `db` with `list` as its arguments.
pub fn args(db: &Path, list: &[&str]) -> Command {
    let mut cmd = unsung(db);
    cmd.args(list);
    cmd
}

/// `source add uptime-kuma` for the page "ops" at `url`, as the source "kuma".
pub fn add_uptime_kuma(url: &str) -> [&str; 9] {
    [
        "source",
        "add",
        "uptime-kuma",
        "--name",
        "kuma",
        "--url",
        url,
        "--slug",
        "ops",
    ]
}

/// `source add statuspage` for the page at `url`, as the source `name`.
pub fn add_statuspage<'a>(name: &'a str, url: &'a str) -> [&'a str; 7] {
    ["source", "add", "statuspage", "--name", name, "--url", url]
}

/// `unsung stats --json` for 1 November up to [`NOW`], read in UTC.
pub async fn november_stats(db: &Path) -> serde_json::Value {
    let mut cmd = args(db, &["stats", "--from", "2026-11-01", "--to", NOW]);
    cmd.args(["--tz", "UTC", "--json"]);
    serde_json::from_str(&ok(cmd).await).unwrap()
}

/// The figures of the service called `name` in [`november_stats`].
pub fn service<'a>(stats: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    stats["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no service {name} in {stats:#}"))
}

/// How many requests a local server has answered.
pub async fn requests(server: &wiremock::MockServer) -> usize {
    server.received_requests().await.unwrap_or_default().len()
}

/// `source add <kind> --name <name> --url <url> --token-env TOOL_TOKEN` with `token` in the
/// environment, and `extra` flags.
pub fn add_with_token(
    db: &Path,
    (kind, name, url): (&str, &str, &str),
    token: &str,
    extra: &[&str],
) -> Command {
    let mut cmd = args(db, &["source", "add", kind, "--name", name, "--url", url]);
    cmd.args(["--token-env", "TOOL_TOKEN"])
        .args(extra)
        .env("TOOL_TOKEN", token);
    cmd
}

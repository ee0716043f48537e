//! `unsung team init`, `unsung sync` and the thank-you commands against a real PostgreSQL team
//! database (started for these tests), each teammate with a local database of their own.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use unsung_testpg::Cluster;

struct Team {
    cluster: &'static Cluster,
    database: String,
    dir: tempfile::TempDir,
}

impl Team {
    /// A new team database set up by `unsung team init`, with Ana and Ben.
    fn new() -> Team {
        // Roles belong to the whole server: set teams up one at a time.
        static SETUP: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one_at_a_time = SETUP.lock().unwrap_or_else(|e| e.into_inner());
        let cluster = Cluster::shared();
        let database = cluster.create_database();
        let team = Team {
            cluster,
            database,
            dir: tempfile::tempdir().unwrap(),
        };
        let out = team.init(&["ana=Ana", "ben=Ben"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for role in ["ana", "ben"] {
            cluster.set_password(role, &format!("{role}-cli-password"));
        }
        team
    }

    fn init(&self, members: &[&str]) -> std::process::Output {
        let mut cmd = Command::cargo_bin("unsung").unwrap();
        cmd.env_remove("UNSUNG_TEAM_DB")
            .env_remove("UNSUNG_DB")
            .args(["team", "init", "--admin-url"])
            .arg(self.cluster.admin_url(&self.database));
        for member in members {
            cmd.args(["--member", member]);
        }
        cmd.output().unwrap()
    }

    fn url(&self, role: &str) -> String {
        self.cluster
            .url(role, &format!("{role}-cli-password"), &self.database)
    }

    fn laptop_db(&self, role: &str) -> PathBuf {
        self.dir.path().join(format!("{role}.db"))
    }

    /// `unsung` on `role`'s laptop, connected to the team database as `role`.
    fn unsung(&self, role: &str) -> Command {
        unsung_with(&self.laptop_db(role), Some(&self.url(role)))
    }

    fn admin_count(&self) -> String {
        self.cluster
            .admin_script(
                &self.database,
                "\\pset tuples_only on\n\\pset format unaligned\nSELECT count(*) FROM unsung.thanks;",
                &[],
            )
            .trim()
            .to_string()
    }
}

fn unsung_with(db: &Path, team_db: Option<&str>) -> Command {
    let mut cmd = Command::cargo_bin("unsung").unwrap();
    cmd.env_remove("UNSUNG_NOW")
        .env_remove("UNSUNG_TEAM_DB")
        .arg("--db")
        .arg(db);
    if let Some(url) = team_db {
        cmd.env("UNSUNG_TEAM_DB", url);
    }
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(cmd: &mut Command) -> String {
    let (code, stdout, stderr) = run(cmd);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

fn notes(cmd: &mut Command) -> Vec<Value> {
    let out = ok(cmd.args(["thanks", "list", "--json", "--limit", "100"]));
    serde_json::from_str::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// `thanks post` from `from` to `to`.
fn post<'a>(from: &'a str, to: &'a str, message: &'a str) -> [&'a str; 8] {
    [
        "thanks",
        "post",
        "--from",
        from,
        "--to",
        to,
        "--message",
        message,
    ]
}

/// `thanks edit` of note `id`, signed `from`.
fn edit<'a>(id: &'a str, from: &'a str, message: &'a str) -> [&'a str; 7] {
    ["thanks", "edit", id, "--from", from, "--message", message]
}

fn id_in(line: &str) -> String {
    let start = line.rfind('(').unwrap() + 1;
    let end = start + line[start..].find(')').unwrap();
    line[start..end].to_string()
}

#[test]
fn a_set_up_team_posts_reads_and_only_authors_change_their_notes() {
    let team = Team::new();
    // Setting up again is safe, and says who is on the team.
    let again = team.init(&[]);
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success());
    assert!(
        said.contains("ana: Ana") && said.contains("ben: Ben"),
        "{said}"
    );
    assert!(!said.contains("password@"), "{said}");

    let posted = ok(team
        .unsung("ben")
        .args(post("Ben", "Ana", "Thanks for the night shift.")));
    assert!(posted.starts_with("Thank-you sent to Ana ("), "{posted}");
    let id = id_in(&posted);

    let seen_by_ana = notes(&mut team.unsung("ana"));
    assert_eq!(seen_by_ana.len(), 1);
    assert_eq!(seen_by_ana[0]["id"], id.as_str());
    assert_eq!(seen_by_ana[0]["author"], "Ben");
    assert_eq!(seen_by_ana[0]["waiting_to_send"], false);

    for claimed in ["Ana", "Ben"] {
        let (code, _, stderr) = run(team.unsung("ana").args(edit(&id, claimed, "Ana's words")));
        assert_eq!(code, 2, "{claimed}: {stderr}");
        let (code, _, stderr) = run(team
            .unsung("ana")
            .args(["thanks", "delete", &id, "--from", claimed]));
        assert_eq!(code, 2, "{claimed}: {stderr}");
    }
    let (code, _, stderr) = run(team.unsung("ana").args(post("Ben", "Ana", "forged")));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("signed Ana"), "{stderr}");

    ok(team
        .unsung("ben")
        .args(edit(&id, "Ben", "Thanks for the long night shift.")));
    let seen_by_ana = notes(&mut team.unsung("ana"));
    assert_eq!(
        seen_by_ana[0]["message"],
        "Thanks for the long night shift."
    );
    assert_eq!(seen_by_ana[0]["recipients"], serde_json::json!(["Ana"]));

    let status = ok(team.unsung("ben").args(["team", "status"]));
    assert!(status.contains("signed Ben"), "{status}");
    assert!(!status.contains("cli-password"), "{status}");

    ok(team
        .unsung("ben")
        .args(["thanks", "delete", &id, "--from", "Ben"]));
    assert!(notes(&mut team.unsung("ana")).is_empty());
    assert_eq!(team.admin_count(), "0");
}

#[test]
fn a_note_written_offline_waits_and_sync_sends_it_exactly_once() {
    let team = Team::new();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let offline = format!(
        "postgres://ben:ben-cli-password@127.0.0.1:{closed}/{}",
        team.database
    );
    let laptop = team.laptop_db("ben");

    let saved =
        ok(unsung_with(&laptop, Some(&offline)).args(post("Ben", "Ana", "Written on a plane.")));
    assert!(saved.contains("waits to be sent"), "{saved}");
    let listed = ok(unsung_with(&laptop, Some(&offline)).args(["thanks", "list"]));
    assert!(
        listed.contains("Written on a plane.") && listed.contains("[waiting to send]"),
        "{listed}"
    );

    let (code, _, stderr) = run(unsung_with(&laptop, Some(&offline)).arg("sync"));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("1 thank-you note still waiting"),
        "{stderr}"
    );
    assert_eq!(team.admin_count(), "0");

    let synced = ok(team.unsung("ben").arg("sync"));
    assert!(
        synced.contains("Sent 1 thank-you note that was waiting"),
        "{synced}"
    );
    assert!(synced.contains("Refreshed the local copy"), "{synced}");
    let synced = ok(team.unsung("ben").arg("sync"));
    assert!(
        synced.contains("No thank-you notes were waiting"),
        "{synced}"
    );
    assert_eq!(team.admin_count(), "1");
    let seen_by_ana = notes(&mut team.unsung("ana"));
    assert_eq!(seen_by_ana[0]["message"], "Written on a plane.");

    let alone = ok(unsung_with(&team.dir.path().join("solo.db"), None).arg("sync"));
    assert!(alone.contains("No team database is set"), "{alone}");
}

#[test]
fn a_role_that_is_not_a_valid_name_is_refused_before_anything_is_done() {
    let team = Team::new();
    let out = team.init(&["Ana Smith"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot be a role name"), "{said}");
}

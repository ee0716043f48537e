//! `unsung source add` as a person meets it for the first time: `--help` names every kind and
//! what it needs, a missing setting or token is named as the flag that gives it, and what is
//! given (GitHub's repositories, a Grafana Cloud stack) is kept and listed. Nothing here
//! reaches a network: adding a source only checks and saves its settings.

#[path = "support/run.rs"]
mod command;

use command::{args, ok, run};
use serde_json::Value;
use std::path::Path;

/// Every kind, with the flags its line in `--help` must name (what it needs and may take).
const KINDS: [(&str, &[&str]); 11] = [
    ("pagerduty", &["--token-env", "--url"]),
    ("statuspage", &["--url"]),
    ("uptime-kuma", &["--url", "--slug"]),
    (
        "prometheus",
        &["--url", "--query", "--service-label", "--token-env"],
    ),
    ("csv", &["--file"]),
    ("incident-io", &["--token-env", "https://api.incident.io"]),
    (
        "better-stack",
        &["--token-env", "https://uptime.betterstack.com"],
    ),
    (
        "uptimerobot",
        &["--token-env", "https://api.uptimerobot.com"],
    ),
    ("grafana-oncall", &["--url", "--token-env", "--stack-url"]),
    ("gatus", &["--url", "no token"]),
    ("github", &["--token-env", "--repo OWNER/NAME"]),
];

/// The line of `--help` that describes `kind` (`- kind: what it needs`).
fn kind_line<'a>(help: &'a str, kind: &str) -> &'a str {
    let start = format!("- {kind}:");
    help.lines()
        .map(str::trim)
        .find(|line| line.starts_with(&start))
        .unwrap_or_else(|| panic!("no line for {kind} in:\n{help}"))
}

#[tokio::test]
async fn help_names_each_kind_and_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unsung.db");
    let help = ok(args(&db, &["source", "add", "--help"])).await;
    for (kind, flags) in KINDS {
        let line = kind_line(&help, kind);
        for flag in flags {
            assert!(
                line.contains(flag),
                "{kind} does not mention {flag}: {line}"
            );
        }
    }
    for flag in ["--stack-url <URL>", "--repo <OWNER/NAME>", "X-Grafana-URL"] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    // The short help still lists every kind, by the name the rest of Unsung uses.
    let short = ok(args(&db, &["source", "add", "-h"])).await;
    let kinds: Vec<&str> = KINDS.iter().map(|(kind, _)| *kind).collect();
    assert!(
        short.contains(&format!("[possible values: {}]", kinds.join(", "))),
        "{short}"
    );
}

#[tokio::test]
async fn a_kind_that_does_not_exist_is_answered_with_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unsung.db");
    let out = run(args(&db, &["source", "add", "opsgenie", "--name", "o"])).await;
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8(out.stderr).unwrap();
    for (kind, _) in KINDS {
        assert!(said.contains(kind), "{kind} missing from: {said}");
    }
}

/// What a refused `source add` said on stderr (exit 2: the user's input).
async fn refused(db: &Path, list: &[&str]) -> String {
    let out = run(args(db, list)).await;
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap().trim().to_string()
}

#[tokio::test]
async fn each_new_kind_names_the_flag_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unsung.db");
    let add = |kind: &'static str| vec!["source", "add", kind, "--name", kind];
    for kind in ["incident-io", "better-stack", "uptimerobot"] {
        let said = refused(&db, &add(kind)).await;
        assert!(
            said.starts_with(&format!(
                "unsung: A {kind} source needs a read-only API token"
            )) && said.contains("--token-env VAR"),
            "{said}"
        );
    }
    let oncall = refused(&db, &add("grafana-oncall")).await;
    assert!(
        oncall.starts_with("unsung: A grafana-oncall source needs --url URL"),
        "{oncall}"
    );
    let oncall_token = refused(
        &db,
        &[add("grafana-oncall"), vec!["--url", "http://127.0.0.1:9"]].concat(),
    )
    .await;
    assert!(oncall_token.contains("--token-env VAR"), "{oncall_token}");
    let gatus = refused(&db, &add("gatus")).await;
    assert!(
        gatus.starts_with("unsung: A gatus source needs --url URL"),
        "{gatus}"
    );
    let github = refused(&db, &add("github")).await;
    assert_eq!(
        github,
        "unsung: A github source needs --repo OWNER/NAME (once for each repository)"
    );
    let github_token = refused(
        &db,
        &[add("github"), vec!["--repo", "octo-org/web"]].concat(),
    )
    .await;
    assert!(
        github_token.contains("Contents and Deployments") && github_token.contains("--token-env"),
        "{github_token}"
    );
    let mut gatus_token = args(
        &db,
        &[
            add("gatus"),
            vec!["--url", "http://127.0.0.1:9", "--token-env", "GATUS_TOKEN"],
        ]
        .concat(),
    );
    gatus_token.env("GATUS_TOKEN", "not-needed");
    let out = run(gatus_token).await;
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim(),
        "unsung: A gatus source takes no token: leave out --token-env"
    );
    // Nothing refused was saved.
    let list = ok(args(&db, &["source", "list", "--json"])).await;
    assert_eq!(
        serde_json::from_str::<Value>(&list).unwrap(),
        Value::Array(vec![])
    );
}

#[tokio::test]
async fn github_keeps_its_repositories_and_grafana_its_stack() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unsung.db");
    let with_token = |mut cmd: assert_cmd::Command| {
        cmd.env("TEST_TOKEN", "never-shown-token");
        cmd
    };
    let added = ok(with_token(args(
        &db,
        &[
            "source",
            "add",
            "github",
            "--name",
            "gh",
            "--token-env",
            "TEST_TOKEN",
            "--repo",
            "octo-org/web,octo-org/api",
            "--repo",
            " octo-org/docs ",
        ],
    )))
    .await;
    assert!(added.contains("Added the github source \"gh\""), "{added}");
    ok(with_token(args(
        &db,
        &[
            "source",
            "add",
            "grafana-oncall",
            "--name",
            "oncall",
            "--url",
            "https://oncall-prod-eu-west-0.grafana.net/oncall",
            "--stack-url",
            "https://team.grafana.net",
            "--token-env",
            "TEST_TOKEN",
        ],
    )))
    .await;
    let list: Value =
        serde_json::from_str(&ok(args(&db, &["source", "list", "--json"])).await).unwrap();
    let source = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no {name} in {list}"))
            .clone()
    };
    let gh = source("gh");
    assert_eq!(
        gh["repos"],
        serde_json::json!(["octo-org/web", "octo-org/api", "octo-org/docs"])
    );
    assert_eq!(gh["url"], Value::Null, "the public API is the default");
    assert_eq!(gh["token_set"], true);
    let oncall = source("oncall");
    assert_eq!(oncall["stack_url"], "https://team.grafana.net");
    assert_eq!(oncall["repos"], serde_json::json!([]));
    let lines = ok(args(&db, &["source", "list"])).await;
    assert!(
        lines.contains("octo-org/web, octo-org/api, octo-org/docs"),
        "{lines}"
    );
    assert!(
        lines.contains("(stack https://team.grafana.net)"),
        "{lines}"
    );
    assert!(!lines.contains("never-shown-token"), "{lines}");
}

//! The story by email, end to end: the `unsung` command sends the demo team's week to a real
//! SMTP server (Python's aiosmtpd, STARTTLS on a certificate from a test authority), and each
//! received message is read by Python's MIME parser and checked part by part: one recipient,
//! Message-ID and Date, the text in the person's language, the web page without script or
//! outside address showing the inline card, the card a real PNG, the PDF a real PDF. Also: an
//! untrusted certificate is refused with a clear message, the password never reaches the
//! database, a second run sends nothing twice, and a kill -9 in the middle of a send loop
//! loses and duplicates nothing.

#[path = "support/smtp.rs"]
mod smtp;

use regex::Regex;
use serde_json::{Value, json};
use smtp::{Certs, ServerOptions, SmtpServer, read_mail};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-30T10:00:00Z";
const WEEK: [&str; 6] = [
    "--from",
    "2026-11-23",
    "--to",
    "2026-11-30",
    "--tz",
    "Europe/Madrid",
];
const USER: &str = "ana";
const PASSWORD: &str = "correct horse battery staple";

fn unsung(db: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("unsung"));
    cmd.env("UNSUNG_NOW", NOW)
        .env("UNSUNG_KEYCHAIN", "off")
        .env("SMTP_PASSWORD", PASSWORD)
        .env("WRONG_PASSWORD", "not the password")
        .env_remove("UNSUNG_DB")
        .env_remove("UNSUNG_TEAM_DB")
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null());
    cmd
}

fn run(db: &Path, args: &[&str]) -> Output {
    unsung(db).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "unsung {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn send_week(db: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["story"];
    args.extend(WEEK);
    args.extend(extra);
    run(db, &args)
}

/// `unsung email set` for a server on this machine: STARTTLS on `port`.
fn set_email(db: &Path, port: u16, password_env: &str, trust: Option<&Path>) {
    set_email_at(
        db,
        &format!("smtp://{USER}@127.0.0.1:{port}"),
        password_env,
        trust,
    );
}

/// `unsung email set` with this `smtp[s]://USER@HOST:PORT` address.
fn set_email_at(db: &Path, smtp: &str, password_env: &str, trust: Option<&Path>) {
    let mut args = vec![
        "email",
        "set",
        "--smtp",
        smtp,
        "--sender",
        "ana@team.example",
        "--password-env",
        password_env,
    ];
    let trust = trust.map(|p| p.to_string_lossy().into_owned());
    if let Some(path) = &trust {
        args.extend(["--trust-cert", path]);
    }
    ok(db, &args);
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

/// The file the same story gives with `--format`, for comparison with what was mailed.
fn artifact(db: &Path, dir: &Path, format: &str, lang: &str, names: bool) -> Vec<u8> {
    let out = dir.join(format!("expected-{lang}-{names}.{format}"));
    let out_arg = out.to_string_lossy().into_owned();
    let mut args = vec!["story"];
    args.extend(WEEK);
    args.extend(["--lang", lang, "--format", format, "--out", &out_arg]);
    if names {
        args.push("--show-names");
    }
    ok(db, &args);
    std::fs::read(out).unwrap()
}

fn pdftotext(path: &str) -> String {
    let out = Command::new("pdftotext")
        .args([path, "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "pdftotext could not read {path}");
    String::from_utf8(out.stdout).unwrap()
}

/// `Name <address>` or `address` as just the address.
fn bare(to: &str) -> String {
    match (to.rfind('<'), to.rfind('>')) {
        (Some(start), Some(end)) if start < end => to[start + 1..end].to_string(),
        _ => to.trim().to_string(),
    }
}

/// Checks one received message part by part; returns the address it went to.
fn check_message(mail: &Value, db: &Path, dir: &Path) -> String {
    assert_eq!(mail["defects"], json!([]), "the MIME parser found defects");
    let to = mail["to"].as_str().unwrap().to_string();
    let (lang, names, greeting, intro, team) = if to.contains("rosa@familia.example") {
        (
            "es",
            false,
            "Hola, Abuela Rosa:",
            "Así le fue a",
            "(equipo de demostración)",
        )
    } else {
        assert!(to.contains("joe@family.example"), "unexpected To: {to}");
        (
            "en",
            true,
            "Hello Grandpa Joe,",
            "Here is how",
            "(demo team)",
        )
    };
    // One person per message: no one sees another's address.
    assert!(!to.contains(','), "one recipient per message: {to}");
    let to = bare(&to);
    assert!(mail["cc"].is_null() && mail["bcc"].is_null());
    assert!(mail["from"].as_str().unwrap().contains("ana@team.example"));
    assert!(
        Regex::new(r"^<[0-9a-f-]{36}@team\.example>$")
            .unwrap()
            .is_match(mail["message_id"].as_str().unwrap()),
        "{}",
        mail["message_id"]
    );
    assert_eq!(mail["date"], "Mon, 30 Nov 2026 10:00:00 +0000");
    assert_eq!(mail["content_language"], lang);
    assert_eq!(mail["mime_version"], "1.0");
    assert!(mail["subject"].as_str().unwrap().contains(team));
    assert_eq!(
        mail["structure"],
        json!({"multipart/mixed": [
            {"multipart/alternative": [
                "text/plain",
                {"multipart/related": ["text/html", "image/png"]}
            ]},
            "application/pdf"
        ]})
    );

    // The words, in the person's language.
    let text = mail["text"].as_str().unwrap();
    assert!(text.starts_with(greeting), "{text}");
    assert!(text.contains(intro) && text.contains(team), "{text}");

    // The page: the same as `--format html`, with the card on top through cid:, and nothing
    // that runs or loads from outside.
    let html = mail["html"].as_str().unwrap();
    assert_eq!(mail["html_has_script"], false);
    assert_eq!(mail["html_event_handlers"], json!([]));
    assert_eq!(
        mail["html_remote"],
        json!([]),
        "remote addresses in the page"
    );
    let cid = mail["png_content_id"].as_str().unwrap();
    let cid = cid.trim_start_matches('<').trim_end_matches('>');
    assert_eq!(mail["html_img_sources"], json!([format!("cid:{cid}")]));
    assert_eq!(mail["png_disposition"], "inline");
    let page = String::from_utf8(artifact(db, dir, "html", lang, names)).unwrap();
    let without_card = Regex::new(r#"<p><img src="cid:[^"]+"[^>]*></p>\n"#)
        .unwrap()
        .replace(html, "")
        .replace("img-src data: cid:", "img-src data:");
    assert_eq!(without_card, page, "the mailed page is the shared page");

    // The card: a PNG that decodes, the same picture `--format png` makes.
    let png_path = mail["png_path"].as_str().unwrap();
    let png_bytes = std::fs::read(png_path).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&png_bytes));
    let mut reader = decoder.read_info().expect("the card is a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).expect("the card decodes");
    assert_eq!((frame.width, frame.height), (1200, 630));
    assert_eq!(png_bytes, artifact(db, dir, "png", lang, names));

    // The PDF: attached, a real PDF that pdftotext reads, with the same words as `--format pdf`.
    assert_eq!(mail["pdf_disposition"], "attachment");
    assert_eq!(mail["pdf_filename"], "unsung-2026-11-23-to-2026-11-29.pdf");
    let pdf_path = mail["pdf_path"].as_str().unwrap();
    assert!(std::fs::read(pdf_path).unwrap().starts_with(b"%PDF-"));
    let words = pdftotext(pdf_path);
    assert!(words.contains(team), "{words}");
    artifact(db, dir, "pdf", lang, names);
    let expected = pdftotext(
        &dir.join(format!("expected-{lang}-{names}.pdf"))
            .to_string_lossy(),
    );
    assert_eq!(words, expected);
    to
}

/// A demo database in `dir` and a real SMTP server (STARTTLS, or implicit TLS) on a test CA,
/// answering each message after `delay` seconds.
fn demo_and_server(
    dir: &tempfile::TempDir,
    implicit_tls: bool,
    delay: f64,
) -> (PathBuf, Certs, SmtpServer) {
    let db = dir.path().join("unsung.db");
    let certs = Certs::make(dir.path());
    let server = SmtpServer::start(
        &certs,
        &dir.path().join("inbox"),
        ServerOptions {
            user: USER,
            password: PASSWORD,
            implicit_tls,
            delay,
        },
    );
    ok(&db, &["demo"]);
    (db, certs, server)
}

#[test]
fn the_demo_week_reaches_a_real_smtp_server_in_each_persons_language_once() {
    let dir = tempfile::tempdir().unwrap();
    let (db, certs, server) = demo_and_server(&dir, false, 0.0);
    ok(
        &db,
        &[
            "email",
            "add",
            "--name",
            "Abuela Rosa",
            "--address",
            "rosa@familia.example",
            "--lang",
            "es",
        ],
    );
    ok(
        &db,
        &[
            "email",
            "add",
            "--name",
            "Grandpa Joe",
            "--address",
            "joe@family.example",
            "--lang",
            "en",
            "--show-names",
        ],
    );

    // The test authority is not one the platform trusts: refused, clearly, nothing sent.
    set_email(&db, server.port, "SMTP_PASSWORD", None);
    let out = send_week(&db, &["--email-all"]);
    assert_eq!(out.status.code(), Some(1));
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 2, "one line per address: {lines:?}");
    // One line per address, in the list's order.
    for (line, address) in lines
        .iter()
        .zip(["joe@family.example", "rosa@familia.example"])
    {
        assert!(
            line.starts_with(&format!(
                "{address}: The mail server 127.0.0.1 did not prove who it is"
            )),
            "{line}"
        );
        assert!(line.contains("--trust-cert"), "{line}");
    }
    assert_eq!(server.received().len(), 0);

    // Trusted, but the wrong password: the server's refusal, per address; nothing delivered.
    set_email(&db, server.port, "WRONG_PASSWORD", Some(&certs.ca));
    let out = send_week(&db, &["--email-all"]);
    assert_eq!(out.status.code(), Some(1));
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|l| l.contains("refused") && l.contains("535")),
        "{lines:?}"
    );
    assert_eq!(server.received().len(), 0);

    // Right password: sending again is the request to retry; both go, once each.
    set_email(&db, server.port, "SMTP_PASSWORD", Some(&certs.ca));
    let out = send_week(&db, &["--email-all"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Sent to rosa@familia.example.")
            && stdout.contains("Sent to joe@family.example.")
    );
    let received = server.received();
    assert_eq!(received.len(), 2);
    let mut addresses: Vec<String> = received
        .iter()
        .map(|path| check_message(&read_mail(path), &db, dir.path()))
        .collect();
    addresses.sort();
    assert_eq!(addresses, ["joe@family.example", "rosa@familia.example"]);

    // Again, and for one address: already sent for this week, nothing new.
    let out = send_week(&db, &["--email-all"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .matches("already sent")
            .count(),
        2
    );
    let out = send_week(&db, &["--email", "joe@family.example"]);
    assert!(out.status.success());
    assert_eq!(server.received().len(), 2);

    // The password is in the private token file, never in the database.
    for file in ["unsung.db", "unsung.db-wal"] {
        if let Ok(bytes) = std::fs::read(dir.path().join(file)) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(PASSWORD),
                "password in {file}"
            );
        }
    }
    let list = ok(&db, &["email", "list", "--json"]);
    assert!(!list.contains(PASSWORD));
    let list: Value = serde_json::from_str(&list).unwrap();
    assert_eq!(list["settings"]["password_set"], true);
    let sent = list["sends"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["state"] == "sent")
        .count();
    println!(
        "email: sent {sent}, received {}, duplicated 0, lost 0",
        server.received().len()
    );
}

#[test]
fn implicit_tls_works_too() {
    let dir = tempfile::tempdir().unwrap();
    let (db, certs, server) = demo_and_server(&dir, true, 0.0);
    let smtp = format!("smtps://{USER}@127.0.0.1:{}", server.port);
    set_email_at(&db, &smtp, "SMTP_PASSWORD", Some(&certs.ca));
    let out = send_week(&db, &["--email", "someone@else.example", "--lang", "es"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    let mail = read_mail(&received[0]);
    assert_eq!(mail["to"], "someone@else.example");
    assert_eq!(mail["content_language"], "es");
    assert!(mail["text"].as_str().unwrap().starts_with("Hola:"));
}

/// Who each received message went to, with how many each got.
fn received_by(server: &SmtpServer) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for path in server.received() {
        let to = bare(read_mail(&path)["to"].as_str().unwrap());
        *counts.entry(to).or_insert(0) += 1;
    }
    counts
}

fn records(db: &Path) -> BTreeMap<String, String> {
    let list: Value = serde_json::from_str(&ok(db, &["email", "list", "--json"])).unwrap();
    list["sends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["address"].as_str().unwrap().to_string(),
                s["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_kill_during_the_send_loop_loses_and_duplicates_nothing() {
    const PEOPLE: usize = 12;
    let dir = tempfile::tempdir().unwrap();
    // A slow server, so the kill can land while a message is being handed over.
    let (db, certs, server) = demo_and_server(&dir, false, 0.4);
    set_email(&db, server.port, "SMTP_PASSWORD", Some(&certs.ca));
    let addresses: Vec<String> = (0..PEOPLE)
        .map(|n| format!("person{n:02}@family.example"))
        .collect();
    for (n, address) in addresses.iter().enumerate() {
        let lang = if n % 2 == 0 { "en" } else { "es" };
        ok(
            &db,
            &[
                "email",
                "add",
                "--name",
                &format!("Person {n}"),
                "--address",
                address,
                "--lang",
                lang,
            ],
        );
    }

    let mut args = vec!["story"];
    args.extend(WEEK);
    args.push("--email-all");
    let mut child = unsung(&db)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    // Kill once a few have arrived and the next one is on its way.
    while server.received().len() < 4 && started.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the send loop was killed before it finished"
    );
    // Let the server finish what it was handed.
    std::thread::sleep(Duration::from_millis(800));

    let at_kill = received_by(&server);
    let recorded = records(&db);
    let sent: Vec<&String> = recorded
        .iter()
        .filter(|(_, s)| *s == "sent")
        .map(|(a, _)| a)
        .collect();
    let unknown: Vec<&String> = recorded
        .iter()
        .filter(|(_, s)| *s == "sending")
        .map(|(a, _)| a)
        .collect();
    assert!(
        unknown.len() <= 1,
        "at most the one in flight is unknown: {unknown:?}"
    );
    for address in &sent {
        assert_eq!(
            at_kill.get(*address),
            Some(&1),
            "recorded as sent but not received: {address}"
        );
    }
    for address in at_kill.keys() {
        assert!(
            recorded.contains_key(address),
            "received but never recorded: {address}"
        );
    }

    // The restart sends the rest; the one that may have arrived is reported, not resent.
    let out = send_week(&db, &["--email-all"]);
    let after = received_by(&server);
    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), unknown.len(), "{lines:?}");
    assert_eq!(
        out.status.code(),
        Some(if unknown.is_empty() { 0 } else { 1 })
    );
    for line in &lines {
        assert!(
            line.contains("may have arrived") && line.contains("--resend-unknown"),
            "{line}"
        );
    }
    let duplicated = after.values().filter(|n| **n > 1).count();
    let final_records = records(&db);
    let lost = final_records
        .iter()
        .filter(|(address, state)| *state == "sent" && !after.contains_key(*address))
        .count();
    let never_tried = addresses
        .iter()
        .filter(|a| !final_records.contains_key(*a))
        .count();
    assert_eq!(duplicated, 0, "{after:?}");
    assert_eq!(lost, 0);
    assert_eq!(never_tried, 0);
    for address in &addresses {
        assert!(
            after.contains_key(address) || unknown.contains(&address),
            "{address} got nothing and was not reported"
        );
    }
    println!(
        "kill: {PEOPLE} people; at the kill {} received, {} recorded sent, {} outcome unknown; \
         after the restart {} received, {} recorded sent, duplicated {duplicated}, lost {lost}",
        at_kill.len(),
        sent.len(),
        unknown.len(),
        after.len(),
        final_records.values().filter(|s| *s == "sent").count(),
    );
}

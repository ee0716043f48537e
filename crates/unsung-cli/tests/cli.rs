//! The `unsung` command as scripts use it: the built binary against real SQLite files, with the
//! clock pinned by UNSUNG_NOW so the demo team's figures can be checked by hand.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use unsung_core::locale::Lang;
use unsung_core::readability;

const NOW: &str = "2026-11-29T20:00:00Z";

fn unsung(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("unsung").unwrap();
    cmd.env("UNSUNG_NOW", NOW)
        .env_remove("UNSUNG_DB")
        .arg("--db")
        .arg(format!("sqlite://{}", db.display()));
    cmd
}

#[path = "support/args.rs"]
mod args;

/// `unsung thanks post` from Ana to Ben with this message.
fn ana_thanks_ben(db: &Path, message: &str) -> Command {
    let mut cmd = unsung(db);
    cmd.args(args::ana_thanks_ben(message));
    cmd
}

/// A fresh database in a temporary folder (kept while the first value lives), with the demo
/// team loaded.
fn demo_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    unsung(&db).arg("demo").assert().success();
    (dir, db)
}

/// What a command that succeeds prints.
fn stdout_of(cmd: &mut Command) -> String {
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn json(cmd: &mut Command) -> Value {
    serde_json::from_str(&stdout_of(cmd)).unwrap()
}

fn stderr_of(cmd: &mut Command, code: i32) -> String {
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stderr).unwrap()
}

/// The demo team's last 90 days, read in UTC.
const NINETY_DAYS: [&str; 6] = ["--from", "2026-09-01", "--to", "2026-11-30", "--tz", "UTC"];

fn ninety_days(db: &Path) -> Value {
    json(unsung(db).arg("stats").args(NINETY_DAYS).arg("--json"))
}

#[test]
fn demo_then_stats_prints_the_design_object_with_the_demo_teams_figures() {
    let (_dir, db) = demo_db();
    let stats = ninety_days(&db);

    for key in [
        "from",
        "to",
        "services",
        "incidents",
        "days_since_major_incident",
        "thanks",
    ] {
        assert!(stats.get(key).is_some(), "missing {key}");
    }
    assert_eq!(stats["from"], "2026-09-01T00:00:00Z");
    assert_eq!(stats["to"], "2026-11-30T00:00:00Z");
    let services = stats["services"].as_array().unwrap();
    assert_eq!(services.len(), 7);
    let by_name = |name: &str| services.iter().find(|s| s["name"] == name).unwrap().clone();

    // The big outage: checkout down for 95 minutes, 41 days ago.
    let checkout = by_name("the checkout page");
    assert_eq!(checkout["downtime_seconds"], 95 * 60);
    // Degraded 6 + 16 minutes: counted as up, reported on its own.
    assert_eq!(checkout["degraded_seconds"], 22 * 60);
    // The last 4 hours of the period (20:00 to midnight) have not happened yet: no data.
    assert_eq!(checkout["no_data_seconds"], 4 * 3600);
    let measured = 90.0 * 86_400.0 - 4.0 * 3600.0;
    let expected = (measured - 95.0 * 60.0) / measured;
    assert!((checkout["uptime_ratio"].as_f64().unwrap() - expected).abs() < 1e-12);

    // Card payments: outages of 18, 14 and 28 minutes, and 2 hours of planned upkeep.
    let payments = by_name("card payments");
    assert_eq!(payments["downtime_seconds"], 60 * 60);
    assert_eq!(payments["maintenance_seconds"], 2 * 3600);
    assert_eq!(payments["incidents"], 3);
    // Book photos: a 14-hour gap in the monitor's data, plus the 4 hours to come.
    assert_eq!(by_name("book photos")["no_data_seconds"], 18 * 3600);

    // 19 fixed (the merged duplicate left out) and one still open; fixes took
    // 3,4,4,5,6,7,8,9,11,12,14,16,18,22,25,28,35,40,95 minutes: the middle one is 12.
    let incidents = &stats["incidents"];
    assert_eq!(incidents["total"], 20);
    assert_eq!(incidents["resolved"], 19);
    assert_eq!(incidents["open"], 1);
    assert_eq!(incidents["median_seconds_to_resolve"], 12 * 60);
    assert_eq!(incidents["longest_seconds_to_resolve"], 95 * 60);
    assert!(incidents["outside_working_hours"].as_u64().unwrap() >= 5);
    assert_eq!(stats["days_since_major_incident"], 41);
    assert_eq!(stats["thanks"], 4);
}

#[test]
fn loading_the_demo_twice_changes_nothing() {
    let (_dir, db) = demo_db();
    let first = ninety_days(&db);
    unsung(&db).arg("demo").assert().success();
    assert_eq!(ninety_days(&db), first);
    let notes = json(unsung(&db).args(["thanks", "list", "--json", "--limit", "100"]));
    assert_eq!(notes.as_array().unwrap().len(), 4);
}

/// `unsung story` of the demo's last whole week.
const STORY_OF_THE_WEEK: [&str; 7] = [
    "story",
    "--from",
    "2026-11-23",
    "--to",
    "2026-11-30",
    "--tz",
    "UTC",
];

fn story(db: &Path, extra: &[&str]) -> String {
    stdout_of(unsung(db).args(STORY_OF_THE_WEEK).args(extra))
}

/// A family story that opens with `opening`, says each of `sentences`, and passes the
/// language's plain-language gates.
fn assert_plain_story(story: &str, lang: Lang, opening: &str, sentences: &[&str]) {
    assert!(story.starts_with(opening), "{story}");
    for sentence in sentences {
        assert!(story.contains(sentence), "missing {sentence:?} in {story}");
    }
    let scores = readability::score(prose(story), lang);
    assert!(
        readability::gate_failures(&scores, lang).is_empty(),
        "{scores:?}\n{story}"
    );
}

/// The prose of a text story: everything after the title line.
fn prose(story: &str) -> &str {
    story.split_once("\n\n").unwrap().1
}

#[test]
fn the_story_puts_the_result_first_in_plain_words_in_english_and_natural_spanish() {
    let (_dir, db) = demo_db();
    let english = story(&db, &["--format", "text"]);
    assert_plain_story(
        &english,
        Lang::En,
        "Monday 23 to Sunday 29 November 2026\n\nEverything worked almost all the time (99.96%).",
        &[
            "All together, things were broken for about 22 minutes in 7 days. That is less than a lunch break.",
            "Card payments stopped working for about 18 minutes late on Thursday 26 November.",
            "The mobile app has been slow since 18:00 on Sunday 29 November. The team is working on it.",
            "Ben got up in the night to take care of a problem.",
            "The last big outage was on Monday 19 October. An outage is when something stops working for everyone.",
        ],
    );
    assert!(
        !english.contains("api-gw-prod"),
        "no system names for the family"
    );

    // Spanish dates and numbers, in Spanish words.
    assert_plain_story(
        &story(&db, &["--lang", "es"]),
        Lang::Es,
        "Del lunes 23 al domingo 29 de noviembre de 2026\n\nTodo funcionó bien casi siempre (99,96\u{a0}%).",
        &[
            "En total, hubo fallos durante unos 22 minutos en 7 días. Es menos que una sobremesa.",
            "En los pagos con tarjeta hubo fallos durante unos 18 minutos, el jueves 26 de noviembre por la noche.",
            "La última gran caída fue el lunes 19 de octubre. Una caída es cuando algo deja de funcionar para todos.",
        ],
    );
    let team = story_team_es(&db);
    assert!(
        team.contains("Los pagos con tarjeta: Card payments timing out. Lo arregló Ben"),
        "{team}"
    );
}

fn story_team_es(db: &Path) -> String {
    story(db, &["--lang", "es", "--audience", "team"])
}

#[test]
fn story_as_json_and_to_a_file() {
    let (dir, db) = demo_db();
    let story: Value = serde_json::from_str(&story(&db, &["--format", "json"])).unwrap();
    assert_eq!(story["lang"], "en");
    assert_eq!(story["audience"], "family");
    assert_eq!(story["title"], "Monday 23 to Sunday 29 November 2026");
    assert!(
        story["headline"]
            .as_str()
            .unwrap()
            .starts_with("Everything worked")
    );
    let paragraphs = story["paragraphs"].as_array().unwrap();
    let sections = story["sections"].as_array().unwrap();
    assert_eq!(paragraphs.len(), sections.len());
    assert_eq!(sections[0]["kind"], "uptime");
    let outage = sections
        .iter()
        .flat_map(|s| s["parts"].as_array().unwrap())
        .find(|p| p["kind"] == "term")
        .unwrap();
    assert_eq!(
        (&outage["term"], &outage["text"]),
        (&Value::from("outage"), &Value::from("outage"))
    );
    assert_eq!(story["terms"][0]["id"], "outage");
    assert!(
        story["terms"][0]["definition"]
            .as_str()
            .unwrap()
            .ends_with('.')
    );
    let grade = story["readability"]["flesch_kincaid_grade"]
        .as_f64()
        .unwrap();
    assert!(grade > 0.0 && grade <= 6.0, "{grade}");
    let out = dir.path().join("story.txt");
    unsung(&db)
        .args([
            "story",
            "--from",
            "2026-11-23",
            "--to",
            "2026-11-30",
            "--lang",
            "es",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(out)
            .unwrap()
            .contains("Todo funcionó bien")
    );
}

fn story_args(format: &str) -> Vec<&str> {
    let mut args = STORY_OF_THE_WEEK.to_vec();
    args.extend(["--format", format]);
    args
}

/// The width and height a PNG file says it has (its IHDR chunk).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn story_as_a_card_a_pdf_and_a_web_page() {
    let (dir, db) = demo_db();

    // `story --format FORMAT [extra] --out FILE` into the folder; the file written.
    let story_file = |file: &str, format: &str, extra: &[&str]| {
        let out = dir.path().join(file);
        let mut cmd = unsung(&db);
        cmd.args(story_args(format))
            .args(extra)
            .arg("--out")
            .arg(&out);
        cmd.assert().success();
        out
    };
    let card = story_file("week.png", "png", &[]);
    assert_eq!(png_size(&std::fs::read(&card).unwrap()), (1200, 630));
    let tall = story_file("week-tall.png", "png", &["--size", "portrait"]);
    assert_eq!(png_size(&std::fs::read(&tall).unwrap()), (1080, 1350));

    let pdf = story_file("week.pdf", "pdf", &[]);
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils; scripts/setup installs it)");
    let text = String::from_utf8(text.stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Everything worked almost all the time (99.96%)."),
        "{text}"
    );
    assert!(
        text.contains("Monday 23 to Sunday 29 November 2026"),
        "{text}"
    );

    // A web page can go to standard output; teammates stay unnamed unless allowed.
    let output = unsung(&db).args(story_args("html")).output().unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(!page.contains("<script"));
    assert!(page.contains("A teammate got up in the night"), "{page}");
    let output = unsung(&db)
        .args(story_args("html"))
        .arg("--show-names")
        .output()
        .unwrap();
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("Ben got up in the night")
    );
}

#[test]
fn a_binary_format_without_out_says_how_to_fix_it_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    for format in ["png", "pdf"] {
        let err = stderr_of(unsung(&db).args(story_args(format)), 2);
        assert!(err.contains("--out FILE"), "{err}");
        assert!(err.contains(&format!("story.{format}")), "{err}");
    }
    assert!(!db.exists(), "a refused command creates no database");
}

#[test]
fn a_missing_customer_list_is_a_clear_error() {
    let (_dir, db) = demo_db();
    let err = stderr_of(
        unsung(&db)
            .args(story_args("html"))
            .args(["--customers", "/nonexistent/customers.txt"]),
        2,
    );
    assert!(err.contains("one name per line"), "{err}");
}

#[test]
fn a_thank_you_is_stored_and_listed_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thanks.db");
    let hostile = "<script>alert(1)</script> & \"quotes\" 'single' \u{202E}rtl\nsecond line ☕";
    unsung(&db)
        .args([
            "thanks",
            "post",
            "--from",
            "Ben",
            "--to",
            "Ana,Dev",
            "--incident",
            "demo/101",
            "--message",
            hostile,
        ])
        .assert()
        .success();
    let notes = json(unsung(&db).args(["thanks", "list", "--json"]));
    let note = &notes[0];
    assert_eq!(note["message"], hostile);
    assert_eq!(note["author"], "Ben");
    assert_eq!(note["recipients"], serde_json::json!(["Ana", "Dev"]));
    assert_eq!(note["incident_id"], "demo/101");
    assert_eq!(note["created_at"], NOW);
    assert_eq!(note["is_demo"], false);
}

#[test]
fn newest_notes_come_first_and_the_limit_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thanks.db");
    for n in 1..=3 {
        ana_thanks_ben(&db, &format!("note {n}")).assert().success();
    }
    let notes = json(unsung(&db).args(["thanks", "list", "--json", "--limit", "2"]));
    let messages: Vec<&str> = notes
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["note 3", "note 2"]);
}

#[test]
fn mistakes_get_a_clear_message_and_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let err = stderr_of(
        unsung(&db).args(["stats", "--from", "yesterday", "--to", "2026-11-30"]),
        2,
    );
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let err = stderr_of(
        unsung(&db).args(["stats", "--from", "2026-11-30", "--to", "2026-11-01"]),
        2,
    );
    assert!(err.contains("--to must be after --from"), "{err}");
    let err = stderr_of(
        unsung(&db).args([
            "stats",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--tz",
            "Nowhere/Land",
        ]),
        2,
    );
    assert!(err.contains("time zone"), "{err}");
    let err = stderr_of(&mut ana_thanks_ben(&db, "   "), 2);
    assert!(err.contains("message is empty"), "{err}");
}

#[test]
fn a_broken_database_file_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.db");
    let junk = "not a database ".repeat(500);
    std::fs::write(&db, &junk).unwrap();
    let err = stderr_of(unsung(&db).arg("demo"), 1);
    assert!(err.starts_with("unsung: "), "{err}");
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        junk,
        "the file is left as it was"
    );
}

/// The demo team's fixed problems in the 90 days `ninety_days` reads, latest first.
fn demo_fixed_problems() -> Vec<unsung_core::Incident> {
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let mut fixed: Vec<_> = unsung_core::demo::dataset(now)
        .incidents
        .into_iter()
        .filter(|i| i.counts() && i.resolved_at.is_some())
        .collect();
    fixed.sort_by_key(|i| std::cmp::Reverse(i.opened_at));
    fixed
}

/// `unsung incident explain` of `incident` with `text`.
fn explain(db: &Path, incident: &str, text: &str) -> Command {
    let mut cmd = unsung(db);
    cmd.args([
        "incident",
        "explain",
        "--incident",
        incident,
        "--text",
        text,
    ]);
    cmd
}

/// The demo team's 90-day team story (it tells every "what got better"), as text.
fn team_story(db: &Path) -> String {
    stdout_of(
        unsung(db)
            .arg("story")
            .args(NINETY_DAYS)
            .args(["--audience", "team"]),
    )
}

#[test]
fn an_explanation_is_stored_coached_and_told_in_the_story() {
    let (_dir, db) = demo_db();
    let incident = &demo_fixed_problems()[0];
    let text = "We added an early warning. Next time we will know first.";
    let printed = stdout_of(&mut explain(&db, &incident.id, text));
    assert!(printed.contains(&format!("Saved what got better after {}", incident.id)));
    assert!(printed.contains("Grade "), "{printed}");
    assert!(
        printed.contains("plain enough for the family story"),
        "{printed}"
    );
    assert!(
        team_story(&db).contains(text),
        "the story tells it as written"
    );
}

#[test]
fn a_hard_explanation_is_kept_and_its_long_sentences_and_jargon_are_reported() {
    let (_dir, db) = demo_db();
    let incident = &demo_fixed_problems()[1];
    let text = "We changed the DNS failover so that when the primary region becomes \
                unavailable the traffic is moved automatically to the secondary region \
                without anybody having to wake up.";
    let coaching = json(explain(&db, &incident.id, text).arg("--json"));
    assert_eq!(coaching["incident_id"], incident.id.as_str());
    assert_eq!(coaching["within_gates"], false, "{coaching}");
    assert_eq!(coaching["long_sentences"].as_array().unwrap().len(), 1);
    let jargon: Vec<&str> = coaching["jargon"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["word"].as_str().unwrap())
        .collect();
    assert!(
        jargon.contains(&"DNS") && jargon.contains(&"failover"),
        "{jargon:?}"
    );

    // Refused for nothing but printed with every piece of advice.
    let printed = stdout_of(&mut explain(&db, &incident.id, text));
    assert!(
        printed.contains("harder than the family story allows"),
        "{printed}"
    );
    assert!(printed.contains("Sentences over 20 words"), "{printed}");
    for hit in coaching["jargon"].as_array().unwrap() {
        let line = format!("{}: {}", hit["word"], hit["plain"]);
        assert!(printed.contains(&line), "{line} in {printed}");
    }
}

#[test]
fn stats_count_no_drill_or_practice_as_an_incident() {
    let (_dir, db) = demo_db();
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let from = chrono::DateTime::parse_from_rfc3339("2026-09-01T00:00:00Z").unwrap();
    let counted = unsung_core::demo::dataset(now)
        .incidents
        .iter()
        .filter(|i| i.counts() && i.opened_at >= from)
        .count() as u64;
    assert_eq!(ninety_days(&db)["incidents"]["total"], counted);

    let incident = &demo_fixed_problems()[0];
    explain(&db, &incident.id, "")
        .arg("--practice")
        .assert()
        .success();
    assert_eq!(
        ninety_days(&db)["incidents"]["total"],
        counted - 1,
        "practice is not an incident"
    );
}

#[test]
fn explaining_an_unknown_incident_says_so() {
    let (_dir, db) = demo_db();
    let error = stderr_of(
        unsung(&db).args([
            "incident",
            "explain",
            "--incident",
            "demo/nope",
            "--text",
            "x",
        ]),
        2,
    );
    assert!(error.contains("There is no incident"), "{error}");
}

#[test]
fn a_service_is_named_and_the_name_cleared() {
    let (_dir, db) = demo_db();
    let services = json(unsung(&db).args(["service", "list", "--json"]));
    let id = services[0]["id"].as_str().unwrap().to_string();
    let sources_own = services[0]["friendly_name"].clone();
    let printed =
        stdout_of(unsung(&db).args(["service", "name", "--service", &id, "--name", "The shop"]));
    assert!(printed.contains("is now called \"The shop\""), "{printed}");
    let services = json(unsung(&db).args(["service", "list", "--json"]));
    assert_eq!(services[0]["friendly_name"], "The shop");

    stdout_of(unsung(&db).args(["service", "name", "--service", &id, "--clear"]));
    let services = json(unsung(&db).args(["service", "list", "--json"]));
    assert_eq!(
        services[0]["friendly_name"], sources_own,
        "the source's own name is back"
    );
    // One of --name and --clear, not both, not neither.
    stderr_of(unsung(&db).args(["service", "name", "--service", &id]), 2);
}

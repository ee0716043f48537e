//! The team database at ten times a big team's use: 50 teammates and 100,000 thank-you notes
//! on a real PostgreSQL server (a throwaway one from unsung-testpg, on 127.0.0.1). Timed, each
//! 200 times after 20 uncounted runs (or for at most a minute): the wall's first page as the
//! Thanks view asks for it (`App::list_thanks(50)`, which refreshes the local copy from the
//! team database) and a post (`App::post_thanks`, sent at once), and below them the store's
//! own query and insert. Loading is one INSERT … SELECT over generate_series, so a fresh
//! server costs seconds and nothing is kept between runs. Writes `team-wall.json` in
//! criterion's folder for the report.
//!
//! `cargo bench -p unsung-bench --bench team_wall`

use anyhow::{Result, anyhow};
use chrono::Utc;
use serde_json::{Value, json};
use std::future::Future;
use std::time::{Duration, Instant};
use unsung_app::dto::NewThankYou;
use unsung_app::{App, Clock, Config, Tz};
use unsung_bench::criterion_home;
use unsung_core::ThankYou;
use unsung_store::{Member, PgStore, Store};
use unsung_testpg::Cluster;

const TEAMMATES: usize = 50;
const NOTES: usize = 100_000;
const WARM_UP: usize = 20;
const RUNS: usize = 200;
/// A series stops early past this, whatever it has timed.
const SERIES_LIMIT: Duration = Duration::from_secs(60);
/// The wall's first page, as the Thanks view asks for it (src-tauri's `list_thanks`).
const FIRST_PAGE: u32 = 50;

fn name(k: usize) -> String {
    format!("Teammate {k:02}")
}

fn role(k: usize) -> String {
    format!("m{k:02}")
}

/// Times `run` [`RUNS`] times after [`WARM_UP`]: p50, p99 (seconds) and the runs timed.
async fn series<F, Fut>(what: &str, mut run: F) -> Result<Value>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    for k in 0..WARM_UP {
        run(k).await?;
    }
    let began = Instant::now();
    let mut times = Vec::with_capacity(RUNS);
    for k in 0..RUNS {
        let at = Instant::now();
        run(WARM_UP + k).await?;
        times.push(at.elapsed().as_secs_f64());
        if began.elapsed() > SERIES_LIMIT {
            break;
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    let (p50, p99) = (at(0.50), at(0.99));
    eprintln!(
        "bench: team {what}: p50 {:.2} ms, p99 {:.2} ms ({} runs)",
        p50 * 1e3,
        p99 * 1e3,
        times.len()
    );
    Ok(json!({"p50": p50, "p99": p99, "runs": times.len()}))
}

/// The notes, as the wall shows them over a year of a busy team: from one teammate to
/// another, every five minutes back from the bench's "now".
const LOAD: &str = "
INSERT INTO unsung.thanks (id, author, author_role, recipients, message, created_at)
SELECT md5('bench-note-' || g)::uuid,
       'Teammate ' || lpad((g % 50)::text, 2, '0'),
       'm' || lpad((g % 50)::text, 2, '0'),
       ARRAY['Teammate ' || lpad(((g + 1) % 50)::text, 2, '0')],
       'Thank you for staying up with the checkout outage (note ' || g || '): the rollback '
         || 'you found saved the night, and the write-up made it easy to follow.',
       timestamptz '2026-11-30 00:00:00+00' - g * interval '5 minutes'
FROM generate_series(1, :notes) AS g;
VACUUM ANALYZE unsung.thanks;
";

fn main() -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let began = Instant::now();
    let cluster = Cluster::start();
    let database = cluster.create_database();
    let members: Vec<Member> = (0..TEAMMATES)
        .map(|k| Member::parse(&format!("{}={}", role(k), name(k))).map_err(|e| anyhow!(e)))
        .collect::<Result<_>>()?;
    rt.block_on(PgStore::init_team(&cluster.admin_url(&database), &members))?;
    cluster.set_password(&role(0), "bench-password");
    let server_seconds = began.elapsed().as_secs_f64();
    let loading = Instant::now();
    cluster.admin_script(&database, LOAD, &[("notes", &NOTES.to_string())]);
    let load_seconds = loading.elapsed().as_secs_f64();
    eprintln!(
        "bench: team database: server and {TEAMMATES} teammates in {server_seconds:.1} s, \
         {NOTES} notes loaded in {load_seconds:.1} s"
    );
    let url = cluster.url(&role(0), "bench-password", &database);
    let figures = rt.block_on(measure(&url))?;
    drop(cluster);

    let note = json!({
        "teammates": TEAMMATES,
        "notes": NOTES,
        "server_seconds": server_seconds,
        "load_seconds": load_seconds,
        "first_page": FIRST_PAGE,
        "series": figures,
    });
    let home = criterion_home();
    std::fs::create_dir_all(&home)?;
    std::fs::write(
        home.join("team-wall.json"),
        serde_json::to_string_pretty(&note)?,
    )?;
    Ok(())
}

async fn measure(url: &str) -> Result<Value> {
    let store = PgStore::open(url).await?;
    let store_wall = series("store: first page", |_| async {
        let page = store.list_thanks(FIRST_PAGE).await?;
        anyhow::ensure!(page.len() == FIRST_PAGE as usize, "a short page");
        Ok(())
    })
    .await?;
    let store_post = series("store: post", |k| {
        let note = ThankYou {
            // A valid UUID of its own for every run.
            id: format!("00000000-0000-7000-8000-{k:012x}"),
            author: name(0),
            recipients: vec![name(1)],
            message: "Thank you for the calm hand-over at three in the morning.".into(),
            incident_id: None,
            period_from: None,
            period_to: None,
            created_at: Utc::now(),
            edited_at: None,
            is_demo: false,
        };
        let store = &store;
        async move { Ok(store.insert_thanks(&note).await?) }
    })
    .await?;

    let dir = std::env::temp_dir().join(format!("unsung-bench-team-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let app = App::start(Config {
        db: dir.join("unsung.db").to_string_lossy().into_owned(),
        team_db: Some(url.to_string()),
        clock: Clock::System,
        tz: Some(Tz::UTC),
    })
    .await
    .map_err(|e| anyhow!("{}", e.message))?;
    let app_wall = series("app: first page", |_| async {
        let page = app
            .list_thanks(FIRST_PAGE)
            .await
            .map_err(|e| anyhow!("{}", e.message))?;
        anyhow::ensure!(page.len() == FIRST_PAGE as usize, "a short page");
        Ok(())
    })
    .await?;
    let app_post = series("app: post", |k| {
        let note = NewThankYou {
            author: name(0),
            recipients: vec![name(2)],
            incident_id: None,
            period_from: None,
            period_to: None,
            message: format!("Thank you for the tidy runbook ({k})."),
        };
        let app = &app;
        async move {
            let view = app
                .post_thanks(note)
                .await
                .map_err(|e| anyhow!("{}", e.message))?;
            anyhow::ensure!(!view.waiting_to_send, "the note was not sent at once");
            Ok(())
        }
    })
    .await?;
    drop(app);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(json!({
        "app_wall": app_wall,
        "app_post": app_post,
        "store_wall": store_wall,
        "store_post": store_post,
    }))
}

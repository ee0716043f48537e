//! The year's stats and story as the app gives them (read from the SQLite store, then counted
//! and told), warm; the same at the scale rows' shapes (src/scale.rs); and the same availability answer asked of a real Prometheus holding the
//! same samples. Before timing Prometheus, both answers are compared service by service, and
//! the comparison is written beside criterion's figures for the report.

use anyhow::{Context, Result, bail};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;
use tokio::runtime::Runtime;
use unsung_app::{App, Audience, Lang, Tz};
use unsung_bench::{availability_query, cache, criterion_home, scale, year};

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a Tokio runtime")
}

fn open_app(rt: &Runtime) -> App {
    rt.block_on(async {
        if let Some(took) = cache::ensure_year_db().await? {
            eprintln!(
                "bench: loaded the year into {} in {:.1} s (once)",
                cache::year_db().display(),
                took.as_secs_f64()
            );
        }
        cache::open_year_app().await
    })
    .expect("the year's SQLite copy")
}

fn store(c: &mut Criterion) {
    if !wanted("store") {
        return;
    }
    let rt = runtime();
    let app = open_app(&rt);
    let range = year::range();
    let mut group = c.benchmark_group("store");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    group.bench_function("stats_year", |b| {
        b.iter(|| black_box(rt.block_on(app.stats(range, Tz::UTC)).expect("stats")))
    });
    group.bench_function("story_year", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(app.story(range, Tz::UTC, Audience::Family, Lang::En))
                    .expect("story"),
            )
        })
    });
    group.finish();
}

/// Whether the name filters given to the bench (`cargo bench --bench store -- scale`) leave
/// `group` to run: filters starting with a group's name ask for those groups only, so a run
/// asking for one does not first build what the others need (Prometheus's copy takes minutes).
fn wanted(group: &str) -> bool {
    const GROUPS: [&str; 3] = ["store", "scale", "prometheus"];
    // Criterion's options that take a value: that value is not a filter.
    const VALUED: [&str; 10] = [
        "--profile-time",
        "--save-baseline",
        "--baseline",
        "--load-baseline",
        "--sample-size",
        "--warm-up-time",
        "--measurement-time",
        "--color",
        "--output-format",
        "--plotting-backend",
    ];
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filters: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|(k, a)| {
            !a.starts_with('-') && (*k == 0 || !VALUED.contains(&args[k - 1].as_str()))
        })
        .map(|(_, a)| a)
        .collect();
    filters.is_empty()
        || filters
            .iter()
            .any(|f| f.starts_with(group) || !GROUPS.iter().any(|g| f.starts_with(g)))
}

/// Stats and story over the whole history of each shape, warm, one app open at a time. Each
/// shape's SQLite copy is made first if it is not cached (what that took is kept beside it).
fn scale(c: &mut Criterion) {
    if !wanted("scale") {
        return;
    }
    let rt = runtime();
    let mut group = c.benchmark_group("scale");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for shape in scale::shapes() {
        let app = rt
            .block_on(async {
                if let Some(made) = cache::ensure_shape_db(shape).await? {
                    eprintln!(
                        "bench: made {} in {:.1} s (generated in {:.1} s, loaded in {:.1} s; once)",
                        shape.describe(),
                        made.total().as_secs_f64(),
                        made.generate_seconds,
                        made.load_seconds
                    );
                }
                cache::open_shape_app(shape).await
            })
            .expect("a shape's SQLite copy");
        let range = shape.range();
        group.bench_function(format!("stats/{}", shape.name()), |b| {
            b.iter(|| black_box(rt.block_on(app.stats(range, Tz::UTC)).expect("stats")))
        });
        group.bench_function(format!("story/{}", shape.name()), |b| {
            b.iter(|| {
                black_box(
                    rt.block_on(app.story(range, Tz::UTC, Audience::Family, Lang::En))
                        .expect("story"),
                )
            })
        });
    }
    group.finish();
}

/// Asks Prometheus for the year's availability at its end: instance → ratio.
async fn ask_prometheus(client: &reqwest::Client, url: &str) -> Result<HashMap<String, f64>> {
    let body = client
        .get(format!("{url}/api/v1/query"))
        .query(&[
            ("query", availability_query()),
            ("time", year::end().timestamp().to_string()),
        ])
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let answer: Value = serde_json::from_slice(&body)?;
    let results = answer["data"]["result"]
        .as_array()
        .with_context(|| format!("not a vector: {answer}"))?;
    results
        .iter()
        .map(|r| {
            let instance = r["metric"]["instance"].as_str().context("no instance")?;
            let value = r["value"][1].as_str().context("no value")?.parse()?;
            Ok((instance.to_string(), value))
        })
        .collect()
}

/// Both answers, service by service: how many were compared and the largest difference.
async fn compare(app: &App, client: &reqwest::Client, url: &str) -> Result<(usize, f64)> {
    let report = app
        .stats(year::range(), Tz::UTC)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let prometheus = ask_prometheus(client, url).await?;
    let data = year::dataset();
    let mut largest: f64 = 0.0;
    for (service, figures) in data.services.iter().zip(&report.services) {
        if figures.name != service.display_name() {
            bail!("the store's services are not in the generated order");
        }
        let ours = figures.uptime_ratio.context("a service without data")?;
        let theirs = *prometheus
            .get(&service.name)
            .with_context(|| format!("Prometheus has no {}", service.name))?;
        largest = largest.max((ours - theirs).abs());
    }
    if prometheus.len() != report.services.len() {
        bail!(
            "Prometheus answered for {} services, the store for {}",
            prometheus.len(),
            report.services.len()
        );
    }
    if largest > 1e-9 {
        bail!("Unsung and Prometheus disagree by up to {largest} on a service's availability");
    }
    Ok((report.services.len(), largest))
}

fn prometheus(c: &mut Criterion) {
    if !wanted("prometheus") {
        return;
    }
    let rt = runtime();
    let app = open_app(&rt);
    let copy = rt
        .block_on(cache::ensure_prom_copy())
        .expect("the year's Prometheus copy");
    let server = rt.block_on(unsung_testprom::serve(&cache::prom_data()));
    // reqwest is built without a TLS provider of its own (the workspace chose ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .expect("a client");
    let (services, largest) = rt
        .block_on(compare(&app, &client, &server.url))
        .expect("the same answer from both");
    eprintln!(
        "bench: Unsung and Prometheus agree on the availability of {services} services \
         (largest difference {largest:.1e}); Prometheus holds {} samples",
        copy.samples
    );
    let note = json!({
        "services": services,
        "largest_difference": largest,
        "series": copy.series,
        "samples": copy.samples,
        "step_seconds": year::STEP,
        "blocks": copy.blocks,
        "backfill_seconds": copy.backfill_seconds,
        "compaction_seconds": copy.compaction_seconds,
        "query": availability_query(),
    });
    let home = criterion_home();
    std::fs::create_dir_all(&home).expect("criterion's folder");
    std::fs::write(
        home.join("prometheus-answer.json"),
        serde_json::to_string_pretty(&note).unwrap(),
    )
    .expect("write the comparison");

    let mut group = c.benchmark_group("prometheus");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(20));
    group.bench_function("availability_year", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(ask_prometheus(&client, &server.url))
                    .expect("an answer"),
            )
        })
    });
    group.finish();
    drop(server);
}

criterion_group!(benches, store, scale, prometheus);
criterion_main!(benches);

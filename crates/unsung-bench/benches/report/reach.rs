//! The rows for ten times a team's size, from what two benches left in criterion's folder: a
//! first PagerDuty sync of 100,000 incidents against one of 10,000 (benches/pagerduty_sync.rs)
//! and the team database's wall and post with 100,000 notes (benches/team_wall.rs).

use crate::table::{Row, mib, ms, ratio};
use anyhow::{Context, Result};
use serde_json::Value;
use std::fs;
use unsung_bench::criterion_home;

fn note(file: &str) -> Result<Value> {
    let path = criterion_home().join(file);
    let text = fs::read_to_string(&path)
        .with_context(|| format!("{} (run scripts/bench)", path.display()))?;
    Ok(serde_json::from_str(&text)?)
}

fn number(value: &Value, key: &str) -> Result<f64> {
    value[key]
        .as_f64()
        .with_context(|| format!("no {key} in {value}"))
}

fn thousands(n: f64) -> String {
    format!("{}k", (n / 1000.0).round())
}

/// Peak memory, requests and wall time of the largest first sync against the smallest.
fn pagerduty_rows() -> Result<Vec<Row>> {
    let note = note("pagerduty-sync.json")?;
    let runs = note["runs"].as_array().context("no runs")?;
    let (small, large) = match (runs.first(), runs.last()) {
        (Some(small), Some(large)) if runs.len() >= 2 => (small, large),
        _ => anyhow::bail!("pagerduty-sync.json needs two sizes"),
    };
    let sizes = format!(
        "{} vs {} incidents",
        thousands(number(large, "incidents")?),
        thousands(number(small, "incidents")?)
    );
    let memory = (
        number(large, "peak_rss_kib")?,
        number(small, "peak_rss_kib")?,
    );
    let requests = (number(large, "requests")?, number(small, "requests")?);
    let seconds = (
        number(large, "sync_seconds")?,
        number(small, "sync_seconds")?,
    );
    Ok(vec![
        Row {
            figure: format!("PagerDuty first sync, peak memory (child's RSS), {sizes}"),
            unsung: mib(memory.0 * 1024.0),
            baseline: mib(memory.1 * 1024.0),
            ratio: ratio(memory.0, memory.1),
            budget: "≤ 1.5×".into(),
            within: Some(memory.0 <= 1.5 * memory.1),
        },
        Row {
            figure: format!("PagerDuty first sync, requests, {sizes}"),
            unsung: format!("{}", requests.0),
            baseline: format!("{}", requests.1),
            ratio: ratio(requests.0, requests.1),
            budget: "—".into(),
            within: None,
        },
        Row {
            figure: format!("PagerDuty first sync, wall time on loopback, {sizes}"),
            unsung: ms(seconds.0),
            baseline: ms(seconds.1),
            ratio: ratio(seconds.0, seconds.1),
            budget: "—".into(),
            within: None,
        },
    ])
}

/// The wall's first page and a post through the app (p99 against p50, budget on p99), and the
/// store's own query and insert beneath them.
fn team_rows() -> Result<Vec<Row>> {
    let note = note("team-wall.json")?;
    let series = &note["series"];
    let team = format!(
        "{} notes × {} teammates",
        thousands(number(&note, "notes")?),
        note["teammates"]
    );
    let mut rows = Vec::new();
    for (key, what, budget) in [
        ("app_wall", "the wall's first page, p99 vs p50", true),
        ("app_post", "a post, p99 vs p50", true),
        (
            "store_wall",
            "  of which the store's query, p99 vs p50",
            false,
        ),
        (
            "store_post",
            "  of which the store's insert, p99 vs p50",
            false,
        ),
    ] {
        let (p99, p50) = (number(&series[key], "p99")?, number(&series[key], "p50")?);
        rows.push(Row {
            figure: if budget {
                format!("team database ({team}, PostgreSQL on loopback): {what}")
            } else {
                what.to_string()
            },
            unsung: ms(p99),
            baseline: ms(p50),
            ratio: ratio(p99, p50),
            budget: if budget { "≤ 20 ms" } else { "—" }.into(),
            within: budget.then_some(p99 <= 0.020),
        });
    }
    let (load, server) = (
        number(&note, "load_seconds")?,
        number(&note, "server_seconds")?,
    );
    rows.push(Row {
        figure: "  loading the notes (one INSERT … SELECT) vs a fresh server and team".into(),
        unsung: ms(load),
        baseline: ms(server),
        ratio: ratio(load, server),
        budget: "—".into(),
        within: None,
    });
    Ok(rows)
}

/// Every row at ten times the size.
pub(crate) fn rows() -> Result<Vec<Row>> {
    let mut rows = pagerduty_rows()?;
    rows.extend(team_rows()?);
    Ok(rows)
}

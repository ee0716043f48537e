//! PLACEHOLDER (owner: data): explanations and person-set service names kept as JSON in
//! tables made on first use. Dropped at merge.

use crate::Result;
use sqlx::SqlitePool;
use unsung_core::{Explanation, Incident, Service};

async fn tables(pool: &SqlitePool) -> Result<()> {
    sqlx::query("CREATE TABLE IF NOT EXISTS placeholder_explanations (incident_id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        .execute(pool)
        .await?;
    sqlx::query("CREATE TABLE IF NOT EXISTS placeholder_names (service_id TEXT PRIMARY KEY, name TEXT NOT NULL)")
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn all_explanations(pool: &SqlitePool) -> Result<Vec<Explanation>> {
    tables(pool).await?;
    let rows: Vec<(String,)> = sqlx::query_as("SELECT body FROM placeholder_explanations")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(body,)| serde_json::from_str(&body).ok())
        .collect())
}

pub async fn save(pool: &SqlitePool, explanation: &Explanation) -> Result<()> {
    let mut explanation = explanation.clone();
    if let Some(old) = all_explanations(pool)
        .await?
        .into_iter()
        .find(|e| e.incident_id == explanation.incident_id)
    {
        explanation.edited_by = Some(explanation.written_by.clone());
        explanation.edited_at = Some(explanation.written_at);
        explanation.written_by = old.written_by;
        explanation.written_at = old.written_at;
    }
    let body = serde_json::to_string(&explanation).unwrap_or_default();
    sqlx::query(
        "INSERT OR REPLACE INTO placeholder_explanations (incident_id, body) VALUES (?, ?)",
    )
    .bind(&explanation.incident_id)
    .bind(body)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn join(pool: &SqlitePool, incidents: &mut [Incident]) -> Result<()> {
    let all = all_explanations(pool).await?;
    for incident in incidents {
        incident.explanation = all.iter().find(|e| e.incident_id == incident.id).cloned();
    }
    Ok(())
}

pub async fn set_name(pool: &SqlitePool, service_id: &str, name: Option<&str>) -> Result<()> {
    tables(pool).await?;
    match name {
        Some(name) => {
            sqlx::query("INSERT OR REPLACE INTO placeholder_names VALUES (?, ?)")
                .bind(service_id)
                .bind(name)
                .execute(pool)
                .await?
        }
        None => {
            sqlx::query("DELETE FROM placeholder_names WHERE service_id = ?")
                .bind(service_id)
                .execute(pool)
                .await?
        }
    };
    Ok(())
}

pub async fn names(pool: &SqlitePool, services: &mut [Service]) -> Result<()> {
    tables(pool).await?;
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT service_id, name FROM placeholder_names")
            .fetch_all(pool)
            .await?;
    for service in services {
        if let Some((_, name)) = rows.iter().find(|(id, _)| *id == service.id) {
            service.friendly_name = Some(name.clone());
        }
    }
    Ok(())
}

//! Maintenance windows (planned work, never downtime) and change events ("updates shipped"),
//! and when the windows are worth listing again.
//!
//! `GET /maintenance_windows` has no time filter: every listing returns the account's whole
//! history. A window that has ended is final in PagerDuty (only future and ongoing windows can
//! be edited or deleted), and a new window never starts before it is created (a start in the
//! past becomes "now"). So after a listing, windows can change only (a) when one it returned
//! begins or is still going on, or (b) when someone opens a new window on the spot. A resync
//! lists them again for (a) as soon as it applies, and for (b) once [`MAINTENANCE_REFRESH`]
//! has passed since the last listing: a window opened on the spot is then shown with its full
//! span at most that much later, and an unchanged resync in between costs no request for it.

use super::Sync;
use super::api::Window;
use super::incidents::{Reference, list_or_null};
use crate::{Context, Coverage, Result, SourceErrorKind, text, time};
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use std::collections::HashSet;
use unsung_core::{Change, Incident, Interval, Status};

/// How long a listing of maintenance windows is trusted when none of them is due.
pub(super) const MAINTENANCE_REFRESH: Duration = Duration::minutes(30);

#[derive(Debug, Deserialize)]
struct MaintenanceWindow {
    id: String,
    start_time: String,
    end_time: String,
    #[serde(default, deserialize_with = "list_or_null")]
    services: Vec<Reference>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    html_url: Option<String>,
}

impl MaintenanceWindow {
    /// The window as a record of planned work (a drill when its description says so); its id
    /// is kept apart from incidents'.
    fn record(
        &self,
        cx: &Context<'_>,
        span: (DateTime<Utc>, DateTime<Utc>),
        service_id: Option<String>,
    ) -> Incident {
        let words = self.description.as_deref().or(self.summary.as_deref());
        let external_id = format!("maintenance_window/{}", self.id);
        Incident {
            link: self
                .html_url
                .as_deref()
                .map(str::trim)
                .filter(|url| url.starts_with("http"))
                .map(str::to_string),
            ..cx.planned_work(external_id, words.unwrap_or_default(), span, service_id)
        }
    }
}

#[derive(Debug, Deserialize)]
struct ChangeEvent {
    id: String,
    timestamp: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default, deserialize_with = "list_or_null")]
    services: Vec<Reference>,
}

impl Sync<'_, '_> {
    /// Whether the maintenance windows can have changed since they were last listed (see the
    /// module's comment), or were never listed for the history now asked for.
    pub(super) fn maintenance_due(&self) -> bool {
        let cx = self.api.cx;
        let Some(cursor) = &self.state.cursor else {
            return true;
        };
        let Some(listed_at) = cursor.kept.maintenance_at else {
            return true;
        };
        cx.history_start() < cursor.from
            || cursor.kept.maintenance_due.is_some_and(|due| due <= cx.now)
            || cx.now - listed_at >= MAINTENANCE_REFRESH
    }

    /// Maintenance windows that have begun, each as a record of planned work (maintenance, or
    /// a drill by its description) and a maintenance interval on every service it lists, with
    /// coverage for exactly that span so a resync replaces it. Returns when one
    /// of them next changes: the start of one that has not begun, or now for one going on.
    pub(super) async fn maintenance(&mut self) -> Result<Option<DateTime<Utc>>> {
        let cx = self.api.cx;
        cx.report("maintenance windows");
        let query = [
            ("filter", "all".to_string()),
            ("time_zone", "UTC".to_string()),
        ];
        let windows: Vec<MaintenanceWindow> = self
            .api
            .list_all(&["maintenance_windows"], "maintenance_windows", &query)
            .await?;
        let history_start = cx.history_start();
        let mut due: Option<DateTime<Utc>> = None;
        for window in windows {
            let (Some(start), Some(end)) = (
                time::parse(&window.start_time),
                time::parse(&window.end_time),
            ) else {
                tracing::warn!(window = %window.id, "PagerDuty maintenance window skipped: unreadable time");
                continue;
            };
            if end > cx.now {
                let changes_at = start.max(cx.now);
                due = Some(due.map_or(changes_at, |due| due.min(changes_at)));
            }
            // An ongoing window is kept up to now; the next sync extends it.
            let end = end.min(cx.now);
            if start >= end || end <= history_start {
                continue;
            }
            let first_service = window
                .services
                .first()
                .and_then(|s| self.service_of(Some(s)));
            let record = window.record(cx, (start, end), first_service);
            self.state.fetched.data.incidents.push(record);
            for service in &window.services {
                let Some(service_id) = self.service_of(Some(service)) else {
                    continue;
                };
                self.state.fetched.data.intervals.push(Interval {
                    service_id: service_id.clone(),
                    start,
                    end,
                    status: Status::Maintenance,
                });
                self.state.fetched.coverage.push(Coverage {
                    service_id,
                    start,
                    end,
                });
            }
        }
        Ok(due)
    }

    /// Change events ("updates shipped"), which some accounts do not have: a refusal or a
    /// missing endpoint there skips them rather than failing the sync.
    pub(super) async fn changes(&mut self, ranges: &[Window]) -> Result<()> {
        let events: Vec<ChangeEvent> = match self
            .api
            .list_windowed(
                "change_events",
                "change_events",
                "change events",
                ranges,
                &[],
            )
            .await
        {
            Ok(events) => events,
            Err(error)
                if matches!(
                    error.kind,
                    SourceErrorKind::Unauthorized
                        | SourceErrorKind::NotFound
                        | SourceErrorKind::Invalid
                ) =>
            {
                tracing::debug!("PagerDuty change events not available: {}", error.message);
                return Ok(());
            }
            Err(error) => return Err(error),
        };
        let cx = self.api.cx;
        let mut seen = HashSet::new();
        for event in events {
            if !seen.insert(event.id.clone()) {
                continue;
            }
            let Some(at) = time::parse(&event.timestamp) else {
                tracing::warn!(change = %event.id, "PagerDuty change event skipped: unreadable timestamp");
                continue;
            };
            let summary = text::title(
                event.summary.as_deref().unwrap_or_default(),
                "Update shipped",
            );
            // One change per service it touched; the first keeps the event's own id.
            let services: Vec<Option<String>> = if event.services.is_empty() {
                vec![None]
            } else {
                event
                    .services
                    .iter()
                    .map(|s| self.service_of(Some(s)))
                    .collect()
            };
            for (index, service_id) in services.into_iter().enumerate() {
                let id = match (index, &service_id) {
                    (0, _) | (_, None) => cx.id(&event.id),
                    (_, Some(service_id)) => format!("{}@{service_id}", cx.id(&event.id)),
                };
                self.state.fetched.data.changes.push(Change {
                    id,
                    source: cx.name.to_string(),
                    service_id,
                    at,
                    summary: summary.clone(),
                });
            }
        }
        Ok(())
    }
}

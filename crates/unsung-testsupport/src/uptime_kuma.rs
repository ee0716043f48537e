//! An Uptime Kuma status page served locally: the page (`/api/status-page/{slug}`) and its
//! heartbeats (`/api/status-page/heartbeat/{slug}`), in the shape of Kuma's source.

use serde_json::Value;
use wiremock::{MockServer, ResponseTemplate};

/// Kuma's time format: UTC, no zone marker, milliseconds (`2026-11-02 09:00:00.000`).
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S%.3f";

/// Serves the page `slug` (lower case, as Kuma keeps it) at `server`.
pub async fn serve(server: &MockServer, slug: &str, status_page: Value, heartbeats: Value) {
    for (route, body) in [
        (format!("/api/status-page/heartbeat/{slug}"), heartbeats),
        (format!("/api/status-page/{slug}"), status_page),
    ] {
        crate::get(&route)
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(server)
            .await;
    }
}

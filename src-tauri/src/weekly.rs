//! The weekly "your story is ready" notice: while the app runs, it checks every minute whether
//! the reader's chosen day and hour have come; if so it syncs the sources first, then shows a
//! desktop notification. Clicking it brings the window forward on This week.
//!
//! The notification goes straight to the desktop's notification service (notify-rust, which
//! Tauri's notification plugin also uses), so the window needs no notification permission of
//! its own. Where no notification service runs (a server, Xvfb), the notice is logged and
//! skipped.

use crate::{Shell, ShellEvents};
use std::time::Duration;
use tauri::{AppHandle, Manager};
use unsung_app::dto::ShellEvent;

const EVERY: Duration = Duration::from_secs(60);

pub fn start(handle: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(EVERY).await;
            if let Err(error) = check(&handle).await {
                tracing::warn!("weekly notice: {error}");
            }
        }
    });
}

async fn check(handle: &AppHandle) -> Result<(), String> {
    let shell = handle.state::<Shell>();
    let Some(app) = shell.opened() else {
        return Ok(());
    };
    if !app.weekly_notice_due().await.map_err(|e| e.message)? {
        return Ok(());
    }
    if app.has_real_sources().await.map_err(|e| e.message)? {
        // Fresh figures first; a source that cannot sync keeps its earlier data.
        let _ = app.sync(None, &|_| {}).await;
    }
    app.weekly_notice_given().await.map_err(|e| e.message)?;
    // The week's story to the people who asked for it weekly (at most once each).
    match app.email_weekly().await {
        Ok(results) => {
            for result in results.iter().filter(|r| !r.is_done()) {
                tracing::warn!("weekly email to {}: {}", result.address, result.message);
            }
        }
        Err(error) => tracing::warn!("weekly email: {}", error.message),
    }
    let handle = handle.clone();
    std::thread::spawn(move || notify(&handle));
    Ok(())
}

fn notify(handle: &AppHandle) {
    let shown = notify_rust::Notification::new()
        .appname("Unsung")
        .summary("This week's story is ready")
        .body("See how the week went, and who to thank.")
        .action("default", "Open")
        .show();
    match shown {
        Ok(notification) => notification.wait_for_action(|action| {
            if action == "default" {
                open_story(handle);
            }
        }),
        Err(error) => tracing::info!("no desktop notification service: {error}"),
    }
}

/// Brings the window forward and tells the UI to show This week.
pub fn open_story(handle: &AppHandle) {
    if let Some(window) = handle.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    handle.state::<ShellEvents>().send(ShellEvent::OpenStory);
}

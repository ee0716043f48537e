//! The floor Unsung is measured against: an empty Tauri 2 window showing one line of text,
//! built with the same Tauri and the same release profile. Like Unsung, it writes the time to
//! `UNSUNG_READY_FILE` once its page is on screen, so `scripts/bench` times both the same way.

use std::time::{SystemTime, UNIX_EPOCH};

/// Called by the page once it has been painted.
#[tauri::command]
fn page_shown() -> Result<(), String> {
    let Some(path) = std::env::var_os("UNSUNG_READY_FILE").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut partial = path.clone();
    partial.push(".partial");
    std::fs::write(&partial, format!("{nanos}\n"))
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|e| e.to_string())
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![page_shown])
        .run(tauri::generate_context!())
        .expect("error while running the baseline app");
}

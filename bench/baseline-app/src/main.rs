//! The floor Unsung is measured against: an empty Tauri 2 window showing one line of text,
//! built with the same Tauri and the same release profile. Like Unsung, it writes the time to
//! `UNSUNG_READY_FILE` once its page is on screen, with the same steps of start-up where it
//! has them (`main`, the page's `navigation`), so `scripts/bench` times both the same way.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

static MAIN_STARTED: OnceLock<u128> = OnceLock::new();

fn now_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Called by the page once it has been painted, with the time its navigation began (Unix ms).
#[tauri::command]
fn page_shown(navigation: f64) -> Result<(), String> {
    let Some(path) = std::env::var_os("UNSUNG_READY_FILE").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let main = MAIN_STARTED.get().copied().unwrap_or(0);
    let text = format!(
        "{}\nmain {main}\nnavigation {}\n",
        now_nanos(),
        (navigation * 1e6) as u128
    );
    let mut partial = path.clone();
    partial.push(".partial");
    std::fs::write(&partial, text)
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|e| e.to_string())
}

fn main() {
    MAIN_STARTED.get_or_init(now_nanos);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![page_shown])
        .run(tauri::generate_context!())
        .expect("error while running the baseline app");
}

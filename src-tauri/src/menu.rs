//! The native menu: the usual items a desktop app has (About with the version and licences,
//! Quit, Reload, Zoom, and the edit items text fields expect).

use std::sync::Mutex;
use tauri::menu::{
    AboutMetadataBuilder, Menu, MenuBuilder, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder,
};
use tauri::{AppHandle, Manager, Runtime};

/// The zoom steps the View menu walks through (WebKit's text and layout scale).
const ZOOM_STEPS: [f64; 9] = [0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0];

/// The window's zoom, as an index into [`ZOOM_STEPS`].
pub struct Zoom(Mutex<usize>);

impl Default for Zoom {
    fn default() -> Self {
        Zoom(Mutex::new(4))
    }
}

const LICENCES: &str = "Unsung is MIT-licensed.\n\
    Inter typeface: SIL Open Font License 1.1 (assets/fonts/OFL.txt).\n\
    CMU Pronouncing Dictionary (syllable counts): BSD-style licence, Carnegie Mellon University.\n\
    Tauri, WebKitGTK and the Rust and npm libraries it is built with keep their own licences \
    (MIT, Apache-2.0, LGPL for WebKitGTK).";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let about = AboutMetadataBuilder::new()
        .name(Some("Unsung"))
        .version(Some(env!("CARGO_PKG_VERSION")))
        .comments(Some(
            "Tells the story of the quiet work that keeps systems running.",
        ))
        .license(Some(LICENCES))
        .build();
    let app_menu = SubmenuBuilder::new(app, "Unsung")
        .item(&PredefinedMenuItem::about(
            app,
            Some("About Unsung"),
            Some(about),
        )?)
        .separator()
        .item(&PredefinedMenuItem::quit(app, Some("Quit"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .undo()
        .redo()
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(
            &MenuItemBuilder::with_id("reload", "Reload")
                .accelerator("CmdOrCtrl+R")
                .build(app)?,
        )
        .separator()
        .item(
            &MenuItemBuilder::with_id("zoom-in", "Zoom In")
                .accelerator("CmdOrCtrl+=")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("zoom-out", "Zoom Out")
                .accelerator("CmdOrCtrl+-")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("zoom-reset", "Actual Size")
                .accelerator("CmdOrCtrl+0")
                .build(app)?,
        )
        .build()?;
    MenuBuilder::new(app)
        .items(&[&app_menu, &edit, &view])
        .build()
}

/// What the View menu's own items do.
pub fn handle<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let step = |change: fn(usize) -> usize| {
        let zoom = app.state::<Zoom>();
        let Ok(mut at) = zoom.0.lock() else { return };
        *at = change(*at).min(ZOOM_STEPS.len() - 1);
        if let Err(error) = window.set_zoom(ZOOM_STEPS[*at]) {
            tracing::warn!("cannot zoom: {error}");
        }
    };
    match id {
        "reload" => {
            if let Err(error) = window.reload() {
                tracing::warn!("cannot reload: {error}");
            }
        }
        "zoom-in" => step(|at| at + 1),
        "zoom-out" => step(|at| at.saturating_sub(1)),
        "zoom-reset" => step(|_| 4),
        _ => {}
    }
}

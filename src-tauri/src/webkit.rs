//! How Unsung asks WebKitGTK to draw its page. Unsung is a page of text and a few bars, so it
//! needs neither GPU compositing nor a browser's memory caches. Without a GPU (llvmpipe, a
//! virtual machine, Xvfb), compositing costs about 100 MiB in the web process and a few hundred
//! milliseconds before the first story shows (measured by `scripts/bench`; see README,
//! Performance). With a GPU the page still draws smoothly: nothing on it animates.

use tauri::{Runtime, WebviewWindow};

/// Draws the page without accelerated compositing and keeps WebKit's caches to what a single
/// local document needs. Runs on the main thread before the first frame; a failure only costs
/// memory, so it is logged and start-up goes on.
pub fn draw_plainly<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    if let Err(error) = window.with_webview(|webview| {
        use webkit2gtk::{
            CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
        };
        let view = webview.inner();
        if let Some(settings) = view.settings() {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    }) {
        tracing::warn!("could not set how WebKit draws the page: {error}");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

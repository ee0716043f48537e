fn main() {
    // One command, so the window can be granted exactly that.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["page_shown"])),
    )
    .expect("failed to run the Tauri build script");
}

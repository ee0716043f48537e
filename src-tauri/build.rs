fn main() {
    // A release build leaves the linker's map beside the binary (target/release/unsung-desktop.map),
    // so scripts/bench can say which crates the bytes come from whenever the size moves.
    if std::env::var("PROFILE").as_deref() == Ok("release")
        && let Some(out) = std::env::var_os("OUT_DIR")
    {
        let release = std::path::Path::new(&out).join("../../..");
        println!(
            "cargo:rustc-link-arg-bins=-Wl,-Map={}",
            release.join("unsung-desktop.map").display()
        );
    }
    // Listing the app's commands makes Tauri generate one permission per command, so the
    // capability file can grant exactly these and nothing else.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "get_overview",
            "post_thanks",
            "list_thanks",
            "edit_thanks",
            "delete_thanks",
            "list_people",
            "save_person",
            "remove_person",
            "team_status",
            "set_team_db",
            "send_waiting",
            "list_sources",
            "add_source",
            "remove_source",
            "test_source",
            "sync_sources",
            "get_preferences",
            "save_preferences",
            "time_zones",
            "listen_shell",
            "share_preview",
            "share_save",
            "share_copy",
            "story_shown",
            "coach_text",
            "explain_incident",
            "list_service_names",
            "set_service_name",
            "get_email_settings",
            "set_email_settings",
            "list_mail_recipients",
            "save_mail_recipient",
            "remove_mail_recipient",
            "email_now",
            "list_channels",
            "add_channel",
            "remove_channel",
        ]),
    ))
    .expect("failed to run the Tauri build script");
}

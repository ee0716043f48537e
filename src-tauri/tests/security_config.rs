//! The shell's security settings, read from the files Tauri compiles in: a strict CSP and a
//! window that may call Unsung's own commands and nothing else.
//!
//! Being an integration test also makes `cargo test --workspace` build the `unsung-desktop`
//! binary with the same features as the tests, so the end-to-end step reuses it instead of
//! building the whole tree a second time.

use serde_json::Value;
use std::path::Path;

fn read_json(relative: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn the_csp_allows_only_the_apps_own_code_and_styles() {
    let config = read_json("tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["style-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["base-uri"], "'none'");
    for (directive, sources) in csp.as_object().unwrap() {
        for source in sources.as_str().unwrap().split_whitespace() {
            let allowed = source.starts_with('\'') && !source.contains("unsafe")
                || source == "data:" && directive == "img-src"
                // Tauri's IPC on Linux: the custom protocol and its localhost fallback.
                || directive == "connect-src" && ["ipc:", "http://ipc.localhost"].contains(&source);
            assert!(allowed, "the CSP must not allow {source} in {directive}");
        }
    }
    assert_eq!(config["app"]["withGlobalTauri"], false);
}

#[test]
fn the_main_window_may_call_only_unsungs_commands() {
    let capability = read_json("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    for permission in capability["permissions"].as_array().unwrap() {
        let name = permission.as_str().unwrap_or_default();
        assert!(
            name.starts_with("allow-") && !name.contains(':'),
            "only the app's own command permissions are granted, not {permission}"
        );
    }
}

/// The quoted names between `start` and the next `]` of a source file.
fn listed_after(relative: &str, start: &str) -> Vec<String> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap();
    let list = &text[text.find(start).expect(start) + start.len()..];
    let list = &list[..list.find(']').unwrap()];
    list.split(',')
        .map(|item| {
            // `commands::name` or `delivery::name`: the command's name is the last part.
            let item = item.trim().trim_matches('"');
            item.rsplit("::").next().unwrap_or(item)
        })
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_command_the_window_may_call_is_granted_exactly_once() {
    let handled = listed_after("src/main.rs", "generate_handler![");
    let manifest = listed_after("build.rs", ".commands(&[");
    assert_eq!(
        handled, manifest,
        "main.rs and build.rs list other commands"
    );
    let granted: Vec<String> = read_json("capabilities/main.json")["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let expected: Vec<String> = manifest
        .iter()
        .map(|command| format!("allow-{}", command.replace('_', "-")))
        .collect();
    assert_eq!(granted, expected);
    for command in [
        "list_sources",
        "add_source",
        "remove_source",
        "test_source",
        "sync_sources",
    ] {
        assert!(
            manifest.iter().any(|c| c == command),
            "{command} is not registered"
        );
    }
}

#[test]
fn no_shell_plugin_is_linked() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    assert!(!manifest.contains("tauri-plugin-shell"));
}

#[test]
fn the_test_build_includes_the_desktop_binary() {
    let binary = Path::new(env!("CARGO_BIN_EXE_unsung-desktop"));
    assert!(binary.exists(), "{}", binary.display());
}

//! The code's shape, checked like behaviour: no Rust module of the workspace (crates, the
//! desktop shell, the end-to-end tests) grows past 700 lines (split it by concern instead), and the figures' modules depend one
//! way only: `seconds` ← `index` ← `stats`, never back.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 700;

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

#[test]
fn no_module_of_the_workspace_is_over_700_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src", "src-tauri/tests", "tests"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 150, "found only {} files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(file).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

#[test]
fn the_figures_modules_import_each_other_one_way_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    // A module's code (`name.rs`, or every file of `name/`), without comments (which may well
    // name the other modules).
    let read = |name: &str| {
        let mut files = Vec::new();
        match src.join(format!("{name}.rs")) {
            file if file.exists() => files.push(file),
            _ => rust_files(&src.join(name), &mut files),
        }
        assert!(!files.is_empty(), "no module {name}");
        let mut code = String::new();
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            for line in text.lines() {
                if !line.trim_start().starts_with("//") {
                    code.push_str(line);
                    code.push('\n');
                }
            }
        }
        code
    };
    let (seconds, index) = (read("seconds"), read("index"));
    for (module, text, lower_than) in [
        (
            "seconds",
            &seconds,
            ["crate::index", "crate::stats"].as_slice(),
        ),
        ("index", &index, ["crate::stats"].as_slice()),
    ] {
        for higher in lower_than {
            assert!(!text.contains(higher), "{module} must not use {higher}");
        }
    }
}

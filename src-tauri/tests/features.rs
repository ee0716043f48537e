//! `scripts/start` builds the workspace (`cargo build`), `scripts/test` tests it (`cargo test`),
//! and the second also compiles dev-dependencies, whose features cargo unifies into the crates
//! both builds share. Where a dev-dependency turns on a feature the plain build lacks, every
//! crate above it is built twice and starting after testing rebuilds most of the tree. This test
//! asks cargo for both feature sets and requires them equal for every crate the app is built
//! from. (The WebDriver library the end-to-end tests once used broke it, through `syn` and
//! `cookie`: the tests now speak WebDriver over reqwest, tests/e2e/tests/support/webdriver.rs;
//! criterion still adds two features, pinned in src-tauri/Cargo.toml.)

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Every crate of the workspace's build with its features: `name version` → each feature list
/// it is built with (a crate built for the build machine and for the app may differ).
fn features(edges: &str) -> BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args(["tree", "--workspace", "--offline", "--locked"])
        .args(["--prefix", "none", "-f", "{p}|{f}", "-e", edges])
        .output()
        .expect("run cargo tree");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut crates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in String::from_utf8(output.stdout).expect("UTF-8").lines() {
        // A crate met again is printed once more, marked "(*)", with its subtree left out
        // (printing every subtree again took 40 s and changed nothing).
        let line = line.strip_suffix(" (*)").unwrap_or(line);
        let Some((package, features)) = line.split_once('|') else {
            continue;
        };
        // "syn v2.0.1 (proc-macro)", "unsung-app v0.1.0 (/path)": name and version only.
        let mut words = package.split_whitespace();
        let (Some(name), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        crates
            .entry(format!("{name} {version}"))
            .or_default()
            .insert(features.to_string());
    }
    crates
}

#[test]
fn a_plain_build_and_a_test_build_give_every_shared_crate_the_same_features() {
    let plain = features("normal,build");
    let tested = features("normal,build,dev");
    assert!(
        plain.len() > 100,
        "cargo tree listed only {} crates",
        plain.len()
    );
    let differing: Vec<String> = plain
        .iter()
        .filter_map(|(package, features)| {
            let in_tests = tested.get(package)?;
            (in_tests != features)
                .then(|| format!("{package}: built {features:?}, tested {in_tests:?}"))
        })
        .collect();
    assert!(
        differing.is_empty(),
        "the tests turn on features a plain build lacks, so scripts/start rebuilds these and \
         everything above them; turn them on in the plain build too (a dependency of \
         src-tauri naming the feature) or drop the dev-dependency that adds them:\n{}",
        differing.join("\n")
    );
}

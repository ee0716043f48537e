//! Compresses the syllable dictionary (data/cmudict/syllables.txt, 1.3 MB of text) into the
//! build's output folder; the core includes the compressed bytes (about 0.4 MB) and inflates
//! them once, on the first word it looks up (src/readability/english.rs).

use std::path::Path;

fn main() {
    let source = Path::new("data/cmudict/syllables.txt");
    println!("cargo:rerun-if-changed={}", source.display());
    let text = std::fs::read_to_string(source).expect("read data/cmudict/syllables.txt");
    // The `#` header says where the table comes from; the table is what is looked up.
    let table: String = text
        .lines()
        .skip_while(|line| line.starts_with('#'))
        .flat_map(|line| [line, "\n"])
        .collect();
    let compressed = miniz_oxide::deflate::compress_to_vec(table.as_bytes(), 9);
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("syllables.deflate"), compressed)
        .expect("write the compressed dictionary");
}

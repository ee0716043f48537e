//! Deflates the Inter font files (assets/fonts, 0.8 MB) into the build's output folder; the
//! crate includes the compressed bytes (about 0.45 MB) and inflates a weight the first time a
//! card or a PDF needs it (src/fonts.rs). Most starts draw no card.

use std::path::Path;

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    for weight in ["Regular", "SemiBold", "Bold"] {
        let source = format!("../../assets/fonts/Inter-{weight}.otf");
        println!("cargo:rerun-if-changed={source}");
        let font = std::fs::read(&source).unwrap_or_else(|e| panic!("read {source}: {e}"));
        let compressed = miniz_oxide::deflate::compress_to_vec(&font, 9);
        std::fs::write(
            Path::new(&out).join(format!("Inter-{weight}.otf.deflate")),
            compressed,
        )
        .expect("write a compressed font");
    }
}

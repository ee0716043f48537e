//! The one typeface every shared picture and PDF uses: Inter (SIL Open Font License 1.1, its
//! licence beside the files in `assets/fonts/`), compiled into the binary so a card looks the
//! same on every machine and no system font is ever read.
//!
//! SVG text does not wrap, so the layout measures words itself with the same shaping engine
//! usvg uses (rustybuzz), and therefore the same glyph widths and kerning.

use resvg::usvg::fontdb;
use std::sync::{Arc, OnceLock};

pub const FAMILY: &str = "Inter";

/// The three weights, deflated at build time (build.rs), in [`Weight`] order.
const COMPRESSED: [&[u8]; 3] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/Inter-Regular.otf.deflate")),
    include_bytes!(concat!(env!("OUT_DIR"), "/Inter-SemiBold.otf.deflate")),
    include_bytes!(concat!(env!("OUT_DIR"), "/Inter-Bold.otf.deflate")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    SemiBold,
    Bold,
}

impl Weight {
    /// The CSS / SVG `font-weight` number.
    pub fn css(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::SemiBold => 600,
            Weight::Bold => 700,
        }
    }

    /// The font file, inflated the first time it is asked for.
    fn data(self) -> &'static [u8] {
        static FILES: [OnceLock<Vec<u8>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        FILES[self.index()].get_or_init(|| {
            miniz_oxide::inflate::decompress_to_vec(COMPRESSED[self.index()])
                .expect("the font compressed at build time inflates")
        })
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A font database holding Inter and nothing else.
pub fn database() -> Arc<fontdb::Database> {
    static DATABASE: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DATABASE
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for weight in [Weight::Regular, Weight::SemiBold, Weight::Bold] {
                db.load_font_data(weight.data().to_vec());
            }
            db.set_sans_serif_family(FAMILY);
            db.set_serif_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

fn face(weight: Weight) -> &'static rustybuzz::Face<'static> {
    static FACES: OnceLock<[rustybuzz::Face<'static>; 3]> = OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [Weight::Regular, Weight::SemiBold, Weight::Bold].map(|w| {
            rustybuzz::Face::from_slice(w.data(), 0).expect("the embedded Inter font parses")
        })
    });
    &faces[weight.index()]
}

/// The advance width of `text` set in Inter at `size` pixels, kerning included.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let face = face(weight);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let shaped = rustybuzz::shape(face, &[], buffer);
    let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
    units as f32 * size / face.units_per_em() as f32
}

/// Whether Inter can draw `c` (it has no emoji, for instance).
pub fn has_glyph(c: char) -> bool {
    face(Weight::Regular).glyph_index(c).is_some()
}

/// `text` with everything Inter cannot draw left out, and runs of blank space made one space:
/// a card never shows an empty box in place of an emoji or a stray control character.
pub fn drawable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if has_glyph(c) && !c.is_control() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider_and_bold_is_wider_than_regular() {
        let short = width("Everything worked", 40.0, Weight::Regular);
        let long = width("Everything worked the whole time", 40.0, Weight::Regular);
        assert!(short > 100.0 && long > short * 1.5, "{short} {long}");
        assert!(
            width("Everything", 40.0, Weight::Bold) > width("Everything", 40.0, Weight::Regular)
        );
        // Twice the size, twice the width.
        let double = width("Everything", 80.0, Weight::Regular);
        assert!((double - 2.0 * width("Everything", 40.0, Weight::Regular)).abs() < 0.01);
    }

    #[test]
    fn emoji_and_control_characters_are_left_out_and_space_is_tidied() {
        assert!(!has_glyph('🔥'));
        assert_eq!(drawable("  Fixed 🔥\tin\n\n time \u{7}"), "Fixed in time");
        assert_eq!(drawable("Café – “quoted” ñ ß"), "Café – “quoted” ñ ß");
    }

    #[test]
    fn the_database_holds_inter_only() {
        let db = database();
        let families: Vec<String> = db
            .faces()
            .flat_map(|f| f.families.iter().map(|(name, _)| name.clone()))
            .collect();
        assert_eq!(db.len(), 3);
        assert!(
            families.iter().all(|f| f.starts_with("Inter")),
            "{families:?}"
        );
    }
}

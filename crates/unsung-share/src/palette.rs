//! The colours and marks every shared artifact uses: the app's warm palette (`ui/src/app.css`)
//! and its logo, so a card looks like it came from the app that made it.

pub const BACKGROUND: &str = "#f6f2ea";
pub const SURFACE: &str = "#fffdf8";
pub const BORDER: &str = "#e4dccd";
pub const INK: &str = "#2a2521";
pub const MUTED: &str = "#5e554b";
pub const FAINT: &str = "#8a7f72";
pub const ACCENT: &str = "#a8461e";
pub const ACCENT_SOFT: &str = "#f7e4d7";
pub const GLOW: &str = "#f7d6ba";

/// The app's mark (a smiling circle) drawn `size` units wide with its top-left at `(x, y)`.
pub fn mark(x: f32, y: f32, size: f32) -> String {
    let scale = size / 32.0;
    format!(
        concat!(
            r#"<g transform="translate({x} {y}) scale({s})">"#,
            r#"<circle cx="16" cy="16" r="15" fill="{soft}" stroke="{accent}" stroke-width="1.5"/>"#,
            r#"<path d="M9 18.5c2 3.2 4.4 4.8 7 4.8s5-1.6 7-4.8" fill="none" stroke="{accent}" stroke-width="2" stroke-linecap="round"/>"#,
            r#"<circle cx="11.5" cy="13" r="1.6" fill="{accent}"/><circle cx="20.5" cy="13" r="1.6" fill="{accent}"/>"#,
            "</g>"
        ),
        x = crate::svg::num(x),
        y = crate::svg::num(y),
        s = crate::svg::num(scale),
        soft = ACCENT_SOFT,
        accent = ACCENT,
    )
}

/// A small heart (a drawn shape, not an emoji) `size` units wide with its top-left at `(x, y)`.
pub fn heart(x: f32, y: f32, size: f32) -> String {
    let scale = size / 24.0;
    format!(
        r#"<path transform="translate({x} {y}) scale({s})" d="M12 21.2s-7.6-4.7-9.7-9.4C.8 8.3 3 4.4 6.9 4.4c2.1 0 3.7 1.1 5.1 3 1.4-1.9 3-3 5.1-3 3.9 0 6.1 3.9 4.6 7.4-2.1 4.7-9.7 9.4-9.7 9.4z" fill="{ACCENT}"/>"#,
        x = crate::svg::num(x),
        y = crate::svg::num(y),
        s = crate::svg::num(scale),
    )
}

/// A soft warm light in the top-left corner of a `width` by `height` background.
pub fn background(width: f32, height: f32) -> String {
    format!(
        concat!(
            r#"<defs><radialGradient id="glow" cx="0.12" cy="0" r="0.75" gradientTransform="scale(1 {ratio})">"#,
            r#"<stop offset="0" stop-color="{glow}" stop-opacity="0.55"/><stop offset="1" stop-color="{glow}" stop-opacity="0"/>"#,
            "</radialGradient></defs>",
            r#"<rect width="{w}" height="{h}" fill="{bg}"/><rect width="{w}" height="{h}" fill="url(#glow)"/>"#,
        ),
        ratio = crate::svg::num(1.0),
        glow = GLOW,
        bg = BACKGROUND,
        w = crate::svg::num(width),
        h = crate::svg::num(height),
    )
}

//! A few lines of SVG writing. Every piece of text goes through [`escape`], so a title such as
//! `<img src=x onerror=alert(1)>` is drawn as those characters, never read as markup.

use crate::fonts::{self, FAMILY, Weight};
use std::fmt::Write;

/// `text` safe inside XML or HTML text and double- or single-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A number as SVG wants it: short, and the same text for the same value every time.
pub fn num(value: f32) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    End,
}

/// One line of text as SVG draws it.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle<'a> {
    pub size: f32,
    pub weight: Weight,
    pub fill: &'a str,
    pub anchor: Anchor,
}

impl<'a> TextStyle<'a> {
    pub fn new(size: f32, weight: Weight, fill: &'a str) -> TextStyle<'a> {
        TextStyle {
            size,
            weight,
            fill,
            anchor: Anchor::Start,
        }
    }

    pub fn end(self) -> TextStyle<'a> {
        TextStyle {
            anchor: Anchor::End,
            ..self
        }
    }
}

/// An SVG document being written, `width` by `height` user units.
pub struct Svg {
    out: String,
}

impl Svg {
    pub fn new(width: f32, height: f32, title: &str) -> Svg {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FAMILY}" role="img"><title>{title}</title>"#,
            w = num(width),
            h = num(height),
            title = escape(&fonts::drawable(title)),
        );
        Svg { out }
    }

    /// Raw markup written by this crate (never outside text).
    pub fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, radius: f32, fill: &str) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}"/>"#,
            num(x),
            num(y),
            num(width),
            num(height),
            num(radius),
        );
    }

    pub fn circle(&mut self, cx: f32, cy: f32, r: f32, fill: &str) {
        let _ = write!(
            self.out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{fill}"/>"#,
            num(cx),
            num(cy),
            num(r),
        );
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, stroke: &str, width: f32) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}" stroke-linecap="round"/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num(width),
        );
    }

    /// One line of outside text with its baseline at `y`. Characters the font cannot draw
    /// (emoji) are left out.
    pub fn text(&mut self, x: f32, y: f32, style: TextStyle, text: &str) {
        let anchor = match style.anchor {
            Anchor::Start => "",
            Anchor::End => r#" text-anchor="end""#,
        };
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" font-size="{}" font-weight="{}" fill="{}"{anchor}>{}</text>"#,
            num(x),
            num(y),
            num(style.size),
            style.weight.css(),
            style.fill,
            escape(&fonts::drawable(text)),
        );
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_outside_text_is_escaped() {
        assert_eq!(
            escape(r#"<img src=x onerror=alert(1)> & "q" 'a'"#),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot; &#39;a&#39;"
        );
        let mut svg = Svg::new(10.0, 10.0, "</title><script>x</script>");
        svg.text(
            0.0,
            5.0,
            TextStyle::new(4.0, Weight::Regular, "#000"),
            "<img src=x onerror=alert(1)>",
        );
        let out = svg.finish();
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.345), "12.35");
        assert_eq!(num(0.1), "0.1");
        assert_eq!(num(-0.001), "0");
    }
}

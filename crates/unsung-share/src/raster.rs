//! SVG to pixels and to PDF. Both read the SVG with the same options: Inter as the only font,
//! and no file or network access for images (the SVG is ours and has none, but a reader that
//! cannot fetch anything cannot be tricked into it either).

use crate::ShareError;
use crate::fonts;
use krilla::Document;
use krilla::geom::Size;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use resvg::tiny_skia;
use resvg::usvg;

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: fonts::FAMILY.to_string(),
        fontdb: fonts::database(),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

pub fn tree(svg: &str) -> Result<usvg::Tree, ShareError> {
    usvg::Tree::from_str(svg, &options()).map_err(|e| ShareError::Svg(e.to_string()))
}

/// The SVG drawn at `scale` times its own size, as PNG bytes.
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, ShareError> {
    let tree = tree(svg)?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or(ShareError::Empty)?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or(ShareError::Empty)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ShareError::Image(e.to_string()))
}

/// What the PDF says about itself. Fixed values only, so the same story gives the same bytes.
pub struct PdfInfo<'a> {
    pub title: &'a str,
    /// The language's code: "en".
    pub lang: &'a str,
    pub date: chrono::NaiveDate,
}

/// One PDF page per SVG, each the SVG's size in points, drawn as vectors with the text kept
/// as selectable text and the font subset-embedded.
pub fn pdf(pages: &[String], info: &PdfInfo) -> Result<Vec<u8>, ShareError> {
    use chrono::Datelike;
    let mut document = Document::new();
    for page_svg in pages {
        let tree = tree(page_svg)?;
        let size = tree.size();
        let settings =
            PageSettings::from_wh(size.width(), size.height()).ok_or(ShareError::Empty)?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        surface
            .draw_svg(
                &tree,
                Size::from_wh(size.width(), size.height()).ok_or(ShareError::Empty)?,
                SvgSettings {
                    embed_text: true,
                    ..SvgSettings::default()
                },
            )
            .ok_or_else(|| ShareError::Pdf("the page could not be drawn".into()))?;
        surface.finish();
        page.finish();
    }
    let date = DateTime::new(info.date.year().clamp(0, 9999) as u16)
        .month(info.date.month() as u8)
        .day(info.date.day() as u8);
    document.set_metadata(
        Metadata::new()
            .title(info.title.to_string())
            .creator("Unsung".to_string())
            .producer("Unsung".to_string())
            .language(info.lang.to_string())
            .creation_date(date),
    );
    document
        .finish()
        .map_err(|e| ShareError::Pdf(format!("{e:?}")))
}

//! Share artifacts: the period's story as a PNG card, a PDF report, a self-contained web page
//! or plain text for a messaging app, all drawn from one [`ShareDoc`].
//!
//! Pictures and PDFs are rendered here, in Rust, so they look the same everywhere: the card
//! and the report pages are SVG built from the story (with our own line breaking), rasterised
//! by resvg or drawn as vectors by krilla, with Inter embedded and no system font read.
//! The privacy pass ([`privacy`]) cleans the document before any of this sees it; that is the
//! app's job, since only the app knows the services, customers and people to take out.

mod bars;
mod card;
pub mod doc;
pub mod fonts;
mod html;
mod palette;
pub mod privacy;
mod raster;
mod report;
mod svg;
mod text;
pub mod wrap;

pub use doc::{DAY_STATES, IncidentLine, Labels, ServiceLine, ShareDoc};
pub use privacy::{PrivacyRules, PrivacyWords};
pub use svg::escape;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ShareFormat {
    /// The card, as a PNG picture.
    Png,
    /// The whole story on one A4 page (two at most).
    Pdf,
    /// One web page that opens offline in any browser.
    Html,
    /// Plain text for a messaging app.
    Text,
}

impl ShareFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ShareFormat::Png => "png",
            ShareFormat::Pdf => "pdf",
            ShareFormat::Html => "html",
            ShareFormat::Text => "txt",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            ShareFormat::Png => "image/png",
            ShareFormat::Pdf => "application/pdf",
            ShareFormat::Html => "text/html; charset=utf-8",
            ShareFormat::Text => "text/plain; charset=utf-8",
        }
    }

    /// "PNG picture": how a save dialog names the file type.
    pub fn description(self) -> &'static str {
        match self {
            ShareFormat::Png => "PNG picture",
            ShareFormat::Pdf => "PDF document",
            ShareFormat::Html => "Web page",
            ShareFormat::Text => "Text",
        }
    }
}

/// The card's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardSize {
    /// 1200×630: link previews and chats.
    #[default]
    Landscape,
    /// 1080×1350: phones.
    Portrait,
}

impl CardSize {
    pub fn pixels(self) -> (u32, u32) {
        match self {
            CardSize::Landscape => (1200, 630),
            CardSize::Portrait => (1080, 1350),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    #[error("the picture could not be laid out: {0}")]
    Svg(String),
    #[error("the picture has no size")]
    Empty,
    #[error("the picture could not be encoded: {0}")]
    Image(String),
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
}

/// The card as SVG markup (what the PNG is drawn from).
pub fn card_svg(doc: &ShareDoc, size: CardSize) -> String {
    card::svg(doc, size)
}

/// The report's pages as SVG markup (what the PDF is drawn from), one or two.
pub fn report_svgs(doc: &ShareDoc) -> Vec<String> {
    report::pages(doc)
}

/// The card as a PNG picture of exactly [`CardSize::pixels`].
pub fn png(doc: &ShareDoc, size: CardSize) -> Result<Vec<u8>, ShareError> {
    raster::png(&card::svg(doc, size), 1.0)
}

/// The report as a PDF: vector charts, selectable text, Inter subset-embedded.
pub fn pdf(doc: &ShareDoc) -> Result<Vec<u8>, ShareError> {
    raster::pdf(
        &report::pages(doc),
        &raster::PdfInfo {
            title: &format!("{} {}", doc.headline, doc.period),
            lang: &doc.labels.lang,
            date: doc.as_of,
        },
    )
}

/// The report's pages as PNG pictures, `scale` times their size in points: how the PDF
/// looks, for a preview.
pub fn report_pngs(doc: &ShareDoc, scale: f32) -> Result<Vec<Vec<u8>>, ShareError> {
    report::pages(doc)
        .iter()
        .map(|page| raster::png(page, scale))
        .collect()
}

/// The self-contained web page.
pub fn html(doc: &ShareDoc) -> String {
    html::render(doc)
}

/// The story as plain text for a messaging app.
pub fn text(doc: &ShareDoc) -> String {
    text::render(doc)
}

/// The bytes of `doc` in `format` (`size` only matters for the card).
pub fn render(doc: &ShareDoc, format: ShareFormat, size: CardSize) -> Result<Vec<u8>, ShareError> {
    match format {
        ShareFormat::Png => png(doc, size),
        ShareFormat::Pdf => pdf(doc),
        ShareFormat::Html => Ok(html(doc).into_bytes()),
        ShareFormat::Text => Ok(text(doc).into_bytes()),
    }
}

//! The 90-day bar as vector shapes: one rounded bar per day in status-page colours, the
//! period's own days set on a soft highlight, and the first and last dates beneath. Cards,
//! report pages and the web page all draw it from here.

use crate::doc::day_colour;
use crate::fonts::Weight;
use crate::palette::{ACCENT_SOFT, FAINT};
use crate::svg::{Svg, TextStyle};
use unsung_core::timeline::DayState;

pub struct BarBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Draws `days` across `area`; the last `highlighted` days sit on a soft band.
pub fn draw(svg: &mut Svg, days: &[DayState], area: &BarBox, highlighted: usize) {
    if days.is_empty() {
        return;
    }
    let slot = area.width / days.len() as f32;
    let gap = (slot * 0.28).max(0.6);
    let bar = slot - gap;
    let radius = (bar * 0.3).min(3.0);
    let highlighted = highlighted.min(days.len());
    if highlighted > 0 {
        let pad = (area.height * 0.12).max(2.0);
        let start = area.x + slot * (days.len() - highlighted) as f32 - pad;
        let width = slot * highlighted as f32 - gap + 2.0 * pad;
        svg.rect(
            start,
            area.y - pad,
            width,
            area.height + 2.0 * pad,
            radius + pad,
            ACCENT_SOFT,
        );
    }
    for (i, state) in days.iter().enumerate() {
        svg.rect(
            area.x + slot * i as f32,
            area.y,
            bar,
            area.height,
            radius,
            day_colour(*state),
        );
    }
}

/// The dates under the bars: `first` at the left edge, `last` under the right edge.
pub fn axis(svg: &mut Svg, area: &BarBox, baseline: f32, size: f32, first: &str, last: &str) {
    let style = TextStyle::new(size, Weight::Regular, FAINT);
    svg.text(area.x, baseline, style, first);
    svg.text(area.x + area.width, baseline, style.end(), last);
}

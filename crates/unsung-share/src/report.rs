//! The report: the whole story on one A4 page (two at most), drawn as SVG pages that become
//! vector PDF pages. The result and its meaning in time, every paragraph of the story, the
//! 90-day bar with each service's own bar and a legend in words, each problem, the thank-you.
//!
//! Content is laid out as blocks flowing down the page; a heading never ends a page. One page
//! is preferred, even without the per-service bars; when the story would need a third page the
//! oldest problems are folded into one line, then the per-service bars are left out.

use crate::bars::{self, BarBox};
use crate::doc::{DAY_STATES, IncidentLine, Labels, ServiceLine, ShareDoc, day_colour, day_word};
use crate::fonts::{Weight, width};
use crate::palette::{self, ACCENT, ACCENT_SOFT, BORDER, FAINT, INK, MUTED, SURFACE};
use crate::svg::{Svg, TextStyle, num};
use crate::wrap::{Measure, wrap, wrap_balanced};
use unsung_core::timeline::DayState;

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MAX_PAGES: usize = 2;
const MARGIN: f32 = 50.0;
const CONTENT: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const TOP: f32 = MARGIN + 38.0;
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN - 20.0;

const BODY: f32 = 11.0;
const BODY_STEP: f32 = 16.5;
const SMALL: f32 = 9.0;
/// Where a service's bars start, after its name.
const NAME_COLUMN: f32 = 118.0;
const UPTIME_COLUMN: f32 = 46.0;

/// One piece of the page: how tall it is, and how to draw it with its top at a given y.
struct Block<'a> {
    height: f32,
    /// Space left above it, unless it starts a page.
    space_before: f32,
    /// A heading: never the last thing on a page.
    keep_with_next: bool,
    draw: Draw<'a>,
}

/// Draws a block with its top at the given y.
type Draw<'a> = Box<dyn Fn(&mut Svg, f32) + 'a>;

impl<'a> Block<'a> {
    fn new(height: f32, space_before: f32, draw: impl Fn(&mut Svg, f32) + 'a) -> Block<'a> {
        Block {
            height,
            space_before,
            keep_with_next: false,
            draw: Box::new(draw),
        }
    }
}

fn text_block<'a>(
    lines: Vec<String>,
    style: TextStyle<'a>,
    step: f32,
    space_before: f32,
) -> Block<'a> {
    let height = step * lines.len() as f32;
    Block::new(height, space_before, move |svg, top| {
        for (i, line) in lines.iter().enumerate() {
            // The first baseline sits about three quarters of a line below the top.
            svg.text(MARGIN, top + step * i as f32 + step * 0.76, style, line);
        }
    })
}

fn measure(size: f32, weight: Weight, max_lines: usize) -> Measure {
    Measure {
        size,
        weight,
        max_width: CONTENT,
        max_lines,
    }
}

fn heading(text: &str) -> Block<'_> {
    Block {
        keep_with_next: true,
        ..Block::new(18.0, 20.0, move |svg, top| {
            svg.text(
                MARGIN,
                top + 13.0,
                TextStyle::new(12.5, Weight::SemiBold, INK),
                text,
            );
        })
    }
}

/// Every block the report could hold, built once; each layout attempt picks from them.
struct Parts<'a> {
    story: Vec<Block<'a>>,
    days: Vec<Block<'a>>,
    services: Vec<Block<'a>>,
    legend: Block<'a>,
    happened: Block<'a>,
    nothing: Option<Block<'a>>,
    incidents: Vec<Block<'a>>,
    thanks: Block<'a>,
}

fn parts(doc: &ShareDoc) -> Parts<'_> {
    let mut story = Vec::new();
    let headline = wrap_balanced(&doc.headline, measure(25.0, Weight::Bold, 3));
    let style = TextStyle::new(25.0, Weight::Bold, INK);
    story.push(text_block(headline, style, 29.0, 0.0));
    let subline = wrap(&doc.uptime_in_time, measure(14.0, Weight::Regular, 2));
    let style = TextStyle::new(14.0, Weight::Regular, MUTED);
    story.push(text_block(subline, style, 19.0, 5.0));
    for (i, paragraph) in doc.paragraphs.iter().enumerate() {
        let lines = wrap(paragraph, measure(BODY, Weight::Regular, 12));
        let space = if i == 0 { 14.0 } else { 6.0 };
        story.push(text_block(
            lines,
            TextStyle::new(BODY, Weight::Regular, INK),
            BODY_STEP,
            space,
        ));
    }
    Parts {
        story,
        days: vec![heading(&doc.labels.last_days), overall_bars(doc)],
        services: doc
            .services
            .iter()
            .map(|s| service_row(s, &doc.labels))
            .collect(),
        legend: legend(doc),
        happened: heading(&doc.labels.what_happened),
        nothing: doc.incidents.is_empty().then(|| {
            text_block(
                vec![doc.labels.all_problems.clone()],
                TextStyle::new(BODY, Weight::Regular, INK),
                BODY_STEP,
                0.0,
            )
        }),
        incidents: {
            // The dates line up in a column as wide as the longest one.
            let when_width = doc
                .incidents
                .iter()
                .map(|i| width(&i.when, SMALL + 0.5, Weight::SemiBold))
                .fold(0.0, f32::max)
                .min(CONTENT / 3.0);
            doc.incidents
                .iter()
                .map(|i| incident_block(i, when_width))
                .collect()
        },
        thanks: thanks_block(&doc.thanks),
    }
}

/// "And 12 earlier problems, all fixed.": the problems left out, in one line.
fn earlier_block(doc: &ShareDoc, hidden: usize) -> Option<Block<'static>> {
    let text = doc.labels.earlier(hidden)?.to_string();
    Some(text_block(
        vec![text],
        TextStyle::new(BODY, Weight::Regular, MUTED),
        BODY_STEP,
        0.0,
    ))
}

/// The blocks of one attempt, in reading order: the newest `shown` problems, and each
/// service's bars or not.
fn assemble<'p, 'a>(
    parts: &'p Parts<'a>,
    earlier: Option<&'p Block<'a>>,
    shown: usize,
    with_services: bool,
) -> Vec<&'p Block<'a>> {
    let mut blocks: Vec<&Block> = parts.story.iter().chain(&parts.days).collect();
    if with_services {
        blocks.extend(&parts.services);
    }
    blocks.push(&parts.legend);
    blocks.push(&parts.happened);
    blocks.extend(&parts.nothing);
    blocks.extend(earlier);
    let hidden = parts.incidents.len() - shown.min(parts.incidents.len());
    blocks.extend(&parts.incidents[hidden..]);
    blocks.push(&parts.thanks);
    blocks
}

fn overall_bars(doc: &ShareDoc) -> Block<'_> {
    Block::new(28.0 + 16.0, 4.0, move |svg, top| {
        let area = BarBox {
            x: MARGIN,
            y: top + 3.0,
            width: CONTENT,
            height: 26.0,
        };
        bars::draw(svg, &doc.days, &area, doc.days_in_period);
        bars::axis(
            svg,
            &area,
            top + 42.0,
            SMALL,
            &doc.days_first,
            &doc.days_last,
        );
    })
}

fn service_row<'a>(service: &'a ServiceLine, labels: &Labels) -> Block<'a> {
    let name = wrap(
        &capitalised(&service.name),
        Measure {
            size: SMALL + 0.5,
            weight: Weight::Regular,
            max_width: NAME_COLUMN - 8.0,
            max_lines: 1,
        },
    )
    .into_iter()
    .next()
    .unwrap_or_default();
    let uptime = service
        .uptime
        .clone()
        .unwrap_or_else(|| labels.no_data.clone());
    Block::new(11.0, 5.0, move |svg, top| {
        let baseline = top + 9.0;
        svg.text(
            MARGIN,
            baseline,
            TextStyle::new(SMALL + 0.5, Weight::Regular, INK),
            &name,
        );
        svg.text(
            MARGIN + CONTENT,
            baseline,
            TextStyle::new(SMALL, Weight::Regular, MUTED).end(),
            &uptime,
        );
        let area = BarBox {
            x: MARGIN + NAME_COLUMN,
            y: top + 1.0,
            width: CONTENT - NAME_COLUMN - UPTIME_COLUMN,
            height: 10.0,
        };
        bars::draw(svg, &service.days, &area, 0);
    })
}

/// Colour and word side by side, so colour is never the only signal, and the days in words.
fn legend(doc: &ShareDoc) -> Block<'_> {
    let states: Vec<DayState> = DAY_STATES
        .into_iter()
        .filter(|s| *s == DayState::Up || doc.days.contains(s))
        .collect();
    let summary = &doc.labels.days_summary;
    Block::new(30.0, 10.0, move |svg, top| {
        let mut x = MARGIN;
        let y = top + 9.0;
        for state in &states {
            svg.rect(x, y - 7.5, 8.0, 8.0, 2.0, day_colour(*state));
            let word = day_word(&doc.labels, *state);
            svg.text(
                x + 12.0,
                y,
                TextStyle::new(SMALL, Weight::Regular, MUTED),
                word,
            );
            x += 12.0 + width(word, SMALL, Weight::Regular) + 14.0;
        }
        svg.text(
            MARGIN,
            y + 15.0,
            TextStyle::new(SMALL, Weight::Regular, MUTED),
            summary,
        );
    })
}

fn incident_block(incident: &IncidentLine, when_width: f32) -> Block<'_> {
    let when_width = when_width + 11.0;
    let lines = wrap(
        &incident.text,
        Measure {
            size: BODY - 0.5,
            weight: Weight::Regular,
            max_width: CONTENT - when_width - 12.0,
            max_lines: 3,
        },
    );
    let step = BODY_STEP - 1.0;
    Block::new(step * lines.len() as f32, 3.0, move |svg, top| {
        let baseline = top + step * 0.76;
        let state = if incident.fixed {
            DayState::Up
        } else {
            DayState::Partial
        };
        svg.circle(MARGIN + 3.0, baseline - 3.6, 3.0, day_colour(state));
        svg.text(
            MARGIN + 11.0,
            baseline,
            TextStyle::new(SMALL + 0.5, Weight::SemiBold, INK),
            &incident.when,
        );
        for (i, line) in lines.iter().enumerate() {
            svg.text(
                MARGIN + when_width + 12.0,
                baseline + step * i as f32,
                TextStyle::new(BODY - 0.5, Weight::Regular, INK),
                line,
            );
        }
    })
}

fn thanks_block(thanks: &str) -> Block<'_> {
    let lines = wrap(
        thanks,
        Measure {
            size: 12.5,
            weight: Weight::SemiBold,
            max_width: CONTENT - 52.0,
            max_lines: 3,
        },
    );
    let height = 18.0 * lines.len() as f32 + 22.0;
    Block::new(height, 22.0, move |svg, top| {
        svg.raw(&format!(
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="9" fill="{ACCENT_SOFT}" fill-opacity="0.55" stroke="{BORDER}" stroke-width="0.75"/>"#,
            num(MARGIN),
            num(top),
            num(CONTENT),
            num(height),
        ));
        svg.raw(&palette::heart(MARGIN + 14.0, top + 11.5, 15.0));
        for (i, line) in lines.iter().enumerate() {
            svg.text(
                MARGIN + 38.0,
                top + 11.0 + 18.0 * i as f32 + 13.5,
                TextStyle::new(12.5, Weight::SemiBold, ACCENT),
                line,
            );
        }
    })
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where each block goes: for each page, (block index, top). `None` if the blocks need more
/// than `max_pages`; with `cut`, whatever does not fit is left out instead.
fn paginate(blocks: &[&Block], max_pages: usize, cut: bool) -> Option<Vec<Vec<(usize, f32)>>> {
    let mut pages: Vec<Vec<(usize, f32)>> = vec![Vec::new()];
    let mut y = TOP;
    for (i, block) in blocks.iter().enumerate() {
        let page_is_empty = pages.last().is_some_and(Vec::is_empty);
        let top = if page_is_empty {
            y
        } else {
            y + block.space_before
        };
        // A heading needs its next block on the same page.
        let needed = match (block.keep_with_next, blocks.get(i + 1)) {
            (true, Some(next)) => block.height + next.space_before + next.height,
            _ => block.height,
        };
        if top + needed > BOTTOM && !page_is_empty {
            if pages.len() == max_pages {
                return if cut { Some(pages) } else { None };
            }
            pages.push(vec![(i, TOP)]);
            y = TOP + block.height;
        } else {
            pages.last_mut()?.push((i, top));
            y = top + block.height;
        }
    }
    Some(pages)
}

/// The report's pages as SVG, A4 in points: one page when the story fits, two at most.
pub fn pages(doc: &ShareDoc) -> Vec<String> {
    let parts = parts(doc);
    let total = doc.incidents.len();
    // Best first: everything on one page; one page without each service's bars; everything
    // on two pages; then with fewer problems listed, then without the services' bars.
    let mut attempts: Vec<(usize, bool, usize)> = vec![
        (total, true, 1),
        (total, false, 1),
        (total, true, MAX_PAGES),
    ];
    attempts.extend((0..total).rev().map(|n| (n, true, MAX_PAGES)));
    attempts.extend((0..=total).rev().map(|n| (n, false, MAX_PAGES)));
    for (shown, with_services, max_pages) in attempts {
        let earlier = earlier_block(doc, total - shown);
        let blocks = assemble(&parts, earlier.as_ref(), shown, with_services);
        if let Some(placed) = paginate(&blocks, max_pages, false) {
            return draw_pages(doc, &blocks, &placed);
        }
    }
    // An endless story (each paragraph is capped at 12 lines, but not their number): keep
    // what fits on two pages.
    let earlier = earlier_block(doc, total);
    let blocks = assemble(&parts, earlier.as_ref(), 0, false);
    let placed = paginate(&blocks, MAX_PAGES, true).unwrap_or_default();
    draw_pages(doc, &blocks, &placed)
}

fn draw_pages(doc: &ShareDoc, blocks: &[&Block], placed: &[Vec<(usize, f32)>]) -> Vec<String> {
    let count = placed.len();
    placed
        .iter()
        .enumerate()
        .map(|(number, page)| {
            let mut svg = Svg::new(PAGE_WIDTH, PAGE_HEIGHT, &doc.headline);
            svg.rect(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT, 0.0, SURFACE);
            header(&mut svg, doc);
            for (index, top) in page {
                (blocks[*index].draw)(&mut svg, *top);
            }
            footer(&mut svg, &doc.labels, number + 1, count);
            svg.finish()
        })
        .collect()
}

fn header(svg: &mut Svg, doc: &ShareDoc) {
    let mark = 18.0;
    svg.raw(&palette::mark(MARGIN, MARGIN - 4.0, mark));
    let baseline = MARGIN - 4.0 + mark / 2.0 + 3.6;
    let period_width = width(&doc.period, 10.0, Weight::Regular);
    let team = wrap(
        &doc.team,
        Measure {
            size: 10.5,
            weight: Weight::SemiBold,
            max_width: (CONTENT - mark - 8.0 - period_width - 20.0).max(60.0),
            max_lines: 1,
        },
    );
    if let Some(team) = team.first() {
        svg.text(
            MARGIN + mark + 8.0,
            baseline,
            TextStyle::new(10.5, Weight::SemiBold, INK),
            team,
        );
    }
    svg.text(
        MARGIN + CONTENT,
        baseline,
        TextStyle::new(10.0, Weight::Regular, MUTED).end(),
        &doc.period,
    );
    svg.line(
        MARGIN,
        MARGIN + 22.0,
        MARGIN + CONTENT,
        MARGIN + 22.0,
        BORDER,
        0.75,
    );
}

fn footer(svg: &mut Svg, labels: &Labels, number: usize, count: usize) {
    let baseline = PAGE_HEIGHT - MARGIN + 4.0;
    svg.text(
        MARGIN,
        baseline,
        TextStyle::new(8.0, Weight::Regular, FAINT),
        &labels.made_with,
    );
    if count > 1
        && let Some(page) = labels.pages.get(number - 1)
    {
        svg.text(
            MARGIN + CONTENT,
            baseline,
            TextStyle::new(8.0, Weight::Regular, FAINT).end(),
            page,
        );
    }
}

//! The share card: one picture that tells the period's story at a glance, in two sizes
//! (1200×630 for link previews and chats, 1080×1350 for phones). Calm and warm: the result
//! in large type, what it means in time, the 90-day bar, each problem in one plain line, a
//! thank-you, and the dates.
//!
//! The pieces are measured first; the room left over is shared out as breathing space, and
//! problems that do not fit are summed up in one line.

use crate::CardSize;
use crate::bars::{self, BarBox};
use crate::doc::{IncidentLine, ShareDoc, day_colour};
use crate::fonts::{Weight, width};
use crate::palette::{self, ACCENT, FAINT, INK, MUTED};
use crate::svg::{Svg, TextStyle};
use crate::wrap::{Measure, wrap, wrap_balanced};
use unsung_core::timeline::DayState;

/// Sizes and spacing for one card shape, in pixels.
struct Layout {
    width: f32,
    height: f32,
    margin: f32,
    header: f32,
    headline: f32,
    headline_lines: usize,
    subline: f32,
    bar_height: f32,
    small: f32,
    line: f32,
    /// How many lines one problem's sentence may take.
    incident_lines: usize,
    thanks: f32,
}

impl Layout {
    fn of(size: CardSize) -> Layout {
        match size {
            CardSize::Landscape => Layout {
                width: 1200.0,
                height: 630.0,
                margin: 64.0,
                header: 22.0,
                headline: 54.0,
                headline_lines: 2,
                subline: 27.0,
                bar_height: 54.0,
                small: 17.0,
                line: 21.0,
                incident_lines: 1,
                thanks: 23.0,
            },
            CardSize::Portrait => Layout {
                width: 1080.0,
                height: 1350.0,
                margin: 84.0,
                header: 27.0,
                headline: 78.0,
                headline_lines: 4,
                subline: 36.0,
                bar_height: 120.0,
                small: 22.0,
                line: 27.0,
                incident_lines: 2,
                thanks: 30.0,
            },
        }
    }

    fn content(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    /// Distance between baselines inside one problem's sentence.
    fn line_step(&self) -> f32 {
        self.line * 1.5
    }

    /// Extra space between two problems.
    fn row_gap(&self) -> f32 {
        if self.incident_lines > 1 {
            self.line * 0.75
        } else {
            self.line * 0.12
        }
    }

    fn dot(&self) -> f32 {
        self.line * 0.3
    }

    fn text_x(&self) -> f32 {
        self.margin + self.dot() * 2.0 + self.line * 0.6
    }
}

/// The problems as they will be drawn: the rows shown (oldest first), and how many earlier
/// ones are summed up in a last line.
struct Problems<'a> {
    rows: Vec<(&'a IncidentLine, Vec<String>)>,
    summary: Option<String>,
    /// Whether every problem the summary stands for is fixed.
    summary_fixed: bool,
    /// Where each sentence starts, after the dates.
    text_x: f32,
}

impl Problems<'_> {
    fn height(&self, l: &Layout) -> f32 {
        let lines: usize = self
            .rows
            .iter()
            .map(|(_, lines)| lines.len())
            .sum::<usize>()
            + usize::from(self.summary.is_some());
        let rows = self.rows.len() + usize::from(self.summary.is_some());
        if lines == 0 {
            return 0.0;
        }
        l.line_step() * (lines - 1) as f32 + l.row_gap() * (rows - 1) as f32 + l.line * 0.76
    }
}

/// The newest problems that fit in `room` pixels; the rest summed up in one line.
fn problems<'a>(doc: &'a ShareDoc, l: &Layout, room: f32) -> Problems<'a> {
    let when_width = doc
        .incidents
        .iter()
        .map(|i| width(&i.when, l.line, Weight::SemiBold))
        .fold(0.0, f32::max);
    let text_x = l.text_x() + when_width + l.line * 0.8;
    let total = doc.incidents.len();
    let open = doc.incidents.iter().filter(|i| !i.fixed).count();
    let mut shown = Problems {
        rows: Vec::new(),
        summary: None,
        summary_fixed: true,
        text_x,
    };
    if total == 0 {
        shown.summary = Some(doc.labels.all_problems.clone());
        return shown;
    }
    for (index, incident) in doc.incidents.iter().enumerate().rev() {
        let measure = Measure {
            size: l.line,
            weight: Weight::Regular,
            max_width: l.width - l.margin - text_x,
            max_lines: l.incident_lines,
        };
        let lines = if l.incident_lines > 1 {
            wrap_balanced(&incident.text, measure)
        } else {
            wrap(&incident.text, measure)
        };
        let mut candidate = Problems {
            rows: std::iter::once((incident, lines))
                .chain(shown.rows.iter().cloned())
                .collect(),
            summary: None,
            summary_fixed: true,
            text_x,
        };
        candidate.summary = doc.labels.earlier(index).map(str::to_string);
        if candidate.height(l) > room {
            break;
        }
        shown = candidate;
    }
    if shown.rows.is_empty() {
        shown.summary = Some(doc.labels.all_problems.clone());
        shown.summary_fixed = open == 0;
    }
    shown
}

/// The card as SVG, `size` pixels big.
pub fn svg(doc: &ShareDoc, size: CardSize) -> String {
    let l = Layout::of(size);
    let content = l.content();
    let mut svg = Svg::new(l.width, l.height, &doc.headline);
    svg.raw(&palette::background(l.width, l.height));

    // Header: the mark and whose work this is, the dates on the right; when both do not fit
    // on one line, the dates go on a second line under the team's name.
    let mark = l.header * 1.55;
    let header_baseline = l.margin + mark * 0.5 + l.header * 0.36;
    svg.raw(&palette::mark(l.margin, l.margin, mark));
    let text_x = l.margin + mark + l.header * 0.6;
    let period_width = width(&doc.period, l.header, Weight::Regular);
    let team_width = width(&doc.team, l.header, Weight::SemiBold);
    let one_line = text_x + team_width + l.header * 1.5 + period_width <= l.width - l.margin;
    let team_room = if one_line {
        team_width
    } else {
        l.width - l.margin - text_x
    };
    let team = wrap(
        &doc.team,
        Measure {
            size: l.header,
            weight: Weight::SemiBold,
            max_width: team_room,
            max_lines: 1,
        },
    );
    if let Some(team) = team.first() {
        svg.text(
            text_x,
            header_baseline,
            TextStyle::new(l.header, Weight::SemiBold, INK),
            team,
        );
    }
    let header_bottom = if one_line {
        svg.text(
            l.width - l.margin,
            header_baseline,
            TextStyle::new(l.header, Weight::Regular, MUTED).end(),
            &doc.period,
        );
        l.margin + mark
    } else {
        let baseline = header_baseline + l.header * 1.35;
        let period = wrap(
            &doc.period,
            Measure {
                size: l.header,
                weight: Weight::Regular,
                max_width: l.width - l.margin - text_x,
                max_lines: 1,
            },
        );
        svg.text(
            text_x,
            baseline,
            TextStyle::new(l.header, Weight::Regular, MUTED),
            period.first().map_or("", String::as_str),
        );
        baseline + l.header * 0.3
    };

    // Measure everything between the header and the thank-you line.
    let headline = wrap_balanced(
        &doc.headline,
        Measure {
            size: l.headline,
            weight: Weight::Bold,
            max_width: content,
            max_lines: l.headline_lines,
        },
    );
    let subline = wrap(
        &doc.uptime_in_time,
        Measure {
            size: l.subline,
            weight: Weight::Regular,
            max_width: content,
            max_lines: 2,
        },
    );
    let headline_step = l.headline * 1.1;
    let subline_step = l.subline * 1.35;
    let top = header_bottom;
    let thanks_baseline = l.height - l.margin;
    let bottom = thanks_baseline - l.thanks;
    let headline_height = headline_step * (headline.len().max(1) - 1) as f32 + l.headline * 0.76;
    let subline_height = subline_step * (subline.len().max(1) - 1) as f32 + l.subline * 0.76;
    let axis_height = l.bar_height + l.small * 1.75;
    // The smallest gaps: above the headline, above the subline, above the bars, above the
    // problems, above the thank-you; and the share of the spare room each one gets.
    let gaps = [
        l.headline * 0.62,
        l.subline * 0.95,
        l.bar_height * 0.5,
        l.line * 1.5,
        l.thanks * 1.4,
    ];
    let shares = [0.28, 0.12, 0.22, 0.18, 0.2];
    // What got better, when the story tells it: a line or two before the problems, which get
    // the room left.
    let better = doc
        .better
        .as_deref()
        .map(|text| {
            wrap(
                text,
                Measure {
                    size: l.line,
                    weight: Weight::SemiBold,
                    max_width: content,
                    max_lines: l.incident_lines + 1,
                },
            )
        })
        .unwrap_or_default();
    let better_height = if better.is_empty() {
        0.0
    } else {
        l.line_step() * better.len() as f32 + l.line * 0.5
    };
    let fixed =
        headline_height + subline_height + axis_height + better_height + gaps.iter().sum::<f32>();
    let problems = problems(doc, &l, bottom - top - fixed);
    let slack = (bottom - top - fixed - problems.height(&l)).max(0.0);
    let gap = |i: usize| gaps[i] + slack * shares[i];

    // The result, large.
    let mut y = top + gap(0) + l.headline * 0.76;
    let style = TextStyle::new(l.headline, Weight::Bold, INK);
    draw_lines(&mut svg, (l.margin, y), headline_step, style, &headline);
    y += headline_height - l.headline * 0.76;

    // What it means in time.
    y += gap(1) + l.subline * 0.76;
    let style = TextStyle::new(l.subline, Weight::Regular, MUTED);
    draw_lines(&mut svg, (l.margin, y), subline_step, style, &subline);
    y += subline_height - l.subline * 0.76;

    // The 90 days, with their meaning in words between the dates.
    y += gap(2);
    let area = BarBox {
        x: l.margin,
        y,
        width: content,
        height: l.bar_height,
    };
    bars::draw(&mut svg, &doc.days, &area, doc.days_in_period);
    y += axis_height;
    bars::axis(&mut svg, &area, y, l.small, &doc.days_first, &doc.days_last);
    let summary = &doc.labels.working_on;
    let summary_width = width(summary, l.small, Weight::Regular);
    let axis_labels = width(&doc.days_first, l.small, Weight::Regular).max(width(
        &doc.days_last,
        l.small,
        Weight::Regular,
    ));
    if summary_width < content - 2.0 * axis_labels - 2.0 * l.small {
        svg.text(
            l.margin + (content - summary_width) / 2.0,
            y,
            TextStyle::new(l.small, Weight::Regular, FAINT),
            summary,
        );
    }

    let mut first = y + gap(3) + l.line * 0.76;
    if !better.is_empty() {
        let style = TextStyle::new(l.line, Weight::SemiBold, INK);
        draw_lines(&mut svg, (l.margin, first), l.line_step(), style, &better);
        first += better_height;
    }

    // Each problem in one plain sentence.
    draw_problems(&mut svg, &l, &problems, first);

    // The thank-you line, at the bottom.
    let heart = l.thanks * 1.05;
    svg.raw(&palette::heart(
        l.margin,
        thanks_baseline - heart * 0.86,
        heart,
    ));
    let thanks = wrap(
        &doc.thanks,
        Measure {
            size: l.thanks,
            weight: Weight::SemiBold,
            max_width: content - heart - l.thanks * 0.5,
            max_lines: 1,
        },
    );
    if let Some(thanks) = thanks.first() {
        svg.text(
            l.margin + heart + l.thanks * 0.5,
            thanks_baseline,
            TextStyle::new(l.thanks, Weight::SemiBold, ACCENT),
            thanks,
        );
    }
    svg.finish()
}

fn draw_problems(svg: &mut Svg, l: &Layout, problems: &Problems, first: f32) {
    let dot = l.dot();
    let mut y = first;
    for (incident, lines) in &problems.rows {
        let state = if incident.fixed {
            DayState::Up
        } else {
            DayState::Partial
        };
        svg.circle(l.margin + dot, y - l.line * 0.35, dot, day_colour(state));
        svg.text(
            l.text_x(),
            y,
            TextStyle::new(l.line, Weight::SemiBold, INK),
            &incident.when,
        );
        let style = TextStyle::new(l.line, Weight::Regular, MUTED);
        draw_lines(svg, (problems.text_x, y), l.line_step(), style, lines);
        y += l.line_step() * lines.len() as f32 + l.row_gap();
    }
    if let Some(summary) = &problems.summary {
        let style = if problems.rows.is_empty() {
            let state = if problems.summary_fixed {
                DayState::Up
            } else {
                DayState::Partial
            };
            svg.circle(l.margin + dot, y - l.line * 0.35, dot, day_colour(state));
            TextStyle::new(l.line, Weight::Regular, MUTED)
        } else {
            TextStyle::new(l.line, Weight::Regular, FAINT)
        };
        let line = wrap(
            summary,
            Measure {
                size: l.line,
                weight: Weight::Regular,
                max_width: l.width - l.margin - l.text_x(),
                max_lines: 1,
            },
        );
        svg.text(
            l.text_x(),
            y,
            style,
            line.first().map_or("", String::as_str),
        );
    }
}

/// `lines` one under the other, `step` apart, the first on the baseline at `at`.
fn draw_lines(svg: &mut Svg, at: (f32, f32), step: f32, style: TextStyle, lines: &[String]) {
    for (i, line) in lines.iter().enumerate() {
        svg.text(at.0, at.1 + step * i as f32, style, line);
    }
}

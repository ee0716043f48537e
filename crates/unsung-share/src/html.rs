//! The web page: one self-contained HTML file that opens offline in any browser. Styles are
//! inline, charts are inline SVG, there are no scripts and no outside addresses, and a policy
//! in the page itself forbids loading anything, should a future edit slip one in.

use crate::doc::{DAY_STATES, Labels, ShareDoc, day_colour, day_word};
use crate::svg::escape;
use std::fmt::Write;
use unsung_core::timeline::DayState;

const STYLE: &str = r#"
:root{color-scheme:light dark;--bg:#f6f2ea;--surface:#fffdf8;--border:#e4dccd;--text:#2a2521;--muted:#5e554b;--accent:#a8461e;--soft:#f7e4d7}
@media (prefers-color-scheme:dark){:root{--bg:#1a1815;--surface:#24201c;--border:#3a342c;--text:#f1ebe1;--muted:#bcb2a4;--accent:#eea27a;--soft:#3d2a1f}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:1.0625rem/1.6 Inter,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;-webkit-text-size-adjust:100%}
main{max-width:42rem;margin:0 auto;padding:2.5rem 1.25rem 3rem}
header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.25rem 1rem;color:var(--muted);font-size:.95rem;border-bottom:1px solid var(--border);padding-bottom:.75rem}
header strong{color:var(--text);display:flex;align-items:center;gap:.6rem}
header svg{width:1.6rem;height:1.6rem}
h1{font-size:clamp(1.9rem,1.2rem + 3vw,2.6rem);line-height:1.15;margin:1.75rem 0 .5rem;letter-spacing:-.01em}
.time{font-size:1.2rem;color:var(--muted);margin:0 0 1.5rem}
p{margin:0 0 .9rem}
h2{font-size:1.15rem;margin:2.25rem 0 .75rem}
.bars{display:block;width:100%;height:auto}
.axis{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem;margin-top:.3rem}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.75rem 0 .25rem;font-size:.85rem;color:var(--muted)}
.legend span{display:inline-block;width:.7rem;height:.7rem;border-radius:.15rem;margin-right:.35rem;vertical-align:-.05rem}
.summary{font-size:.9rem;color:var(--muted)}
ul.incidents{list-style:none;padding:0;margin:0}
ul.incidents li{display:grid;grid-template-columns:6.5rem 1fr;gap:.75rem;padding:.55rem 0;border-top:1px solid var(--border)}
ul.incidents li:first-child{border-top:0}
.when{font-weight:600}
.thanks svg{flex:none;width:1.25rem;height:1.25rem}
.thanks{display:flex;align-items:center;gap:.75rem;margin:2.25rem 0 0;padding:1rem 1.25rem;border-radius:1rem;background:var(--surface);border:1px solid var(--border);color:var(--accent);font-weight:600}
.service{margin:0 0 1rem}
.service div{display:flex;justify-content:space-between;gap:1rem;font-size:.95rem}
.service .name:first-letter{text-transform:uppercase}
footer{margin-top:3rem;color:var(--muted);font-size:.85rem}
@media print{body{background:#fff}main{padding:0}}
"#;

const MARK: &str = r##"<svg viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="15" fill="#f7e4d7" stroke="#a8461e" stroke-width="1.5"/><path d="M9 18.5c2 3.2 4.4 4.8 7 4.8s5-1.6 7-4.8" fill="none" stroke="#a8461e" stroke-width="2" stroke-linecap="round"/><circle cx="11.5" cy="13" r="1.6" fill="#a8461e"/><circle cx="20.5" cy="13" r="1.6" fill="#a8461e"/></svg>"##;

const HEART: &str = r##"<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 21.2s-7.6-4.7-9.7-9.4C.8 8.3 3 4.4 6.9 4.4c2.1 0 3.7 1.1 5.1 3 1.4-1.9 3-3 5.1-3 3.9 0 6.1 3.9 4.6 7.4-2.1 4.7-9.7 9.4-9.7 9.4z" fill="currentColor"/></svg>"##;

/// The bars as an inline SVG with a text alternative.
fn bars_svg(
    labels: &Labels,
    days: &[DayState],
    highlighted: usize,
    height: u32,
    label: &str,
) -> String {
    let slot = 10u32;
    let bar = 7u32;
    let width = slot * days.len() as u32;
    let mut out = format!(
        r#"<svg class="bars" viewBox="0 0 {width} {height}" preserveAspectRatio="none" role="img" aria-label="{}">"#,
        escape(label)
    );
    let highlighted = highlighted.min(days.len());
    if highlighted > 0 {
        let x = slot * (days.len() - highlighted) as u32;
        let _ = write!(
            out,
            r##"<rect x="{x}" y="0" width="{}" height="{height}" rx="2" fill="#f7e4d7"/>"##,
            slot * highlighted as u32
        );
    }
    let inset = if highlighted > 0 { 2 } else { 0 };
    for (i, state) in days.iter().enumerate() {
        let _ = write!(
            out,
            r#"<rect x="{}" y="{inset}" width="{bar}" height="{}" rx="1.5" fill="{}"><title>{}</title></rect>"#,
            slot * i as u32 + (slot - bar) / 2,
            height - 2 * inset,
            day_colour(*state),
            escape(day_word(labels, *state)),
        );
    }
    out.push_str("</svg>");
    out
}

pub fn render(doc: &ShareDoc) -> String {
    let e = escape;
    let mut out = String::new();
    let _ = write!(
        out,
        concat!(
            "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n",
            "<meta name=\"referrer\" content=\"no-referrer\">\n",
            "<title>{title} · {team}</title>\n<style>{style}</style>\n</head>\n<body>\n<main>\n",
            "<header><strong>{mark}{team}</strong><span>{period}</span></header>\n",
            "<h1>{headline}</h1>\n<p class=\"time\">{time}</p>\n",
        ),
        lang = e(&doc.labels.lang),
        title = e(&doc.headline),
        team = e(&doc.team),
        style = STYLE.trim(),
        mark = MARK,
        period = e(&doc.period),
        headline = e(&doc.headline),
        time = e(&doc.uptime_in_time),
    );
    for paragraph in &doc.paragraphs {
        let _ = writeln!(out, "<p>{}</p>", e(paragraph));
    }

    let summary = &doc.labels.days_summary;
    let _ = write!(
        out,
        "<h2>{}</h2>\n{}\n<div class=\"axis\" aria-hidden=\"true\"><span>{}</span><span>{}</span></div>\n<ul class=\"legend\">",
        e(&doc.labels.last_days),
        bars_svg(&doc.labels, &doc.days, doc.days_in_period, 40, summary),
        e(&doc.days_first),
        e(&doc.days_last),
    );
    for state in DAY_STATES
        .into_iter()
        .filter(|s| *s == DayState::Up || doc.days.contains(s))
    {
        let _ = write!(
            out,
            r#"<li><svg width="11" height="11" viewBox="0 0 11 11" aria-hidden="true"><rect width="11" height="11" rx="2" fill="{}"/></svg> {}</li>"#,
            day_colour(state),
            e(day_word(&doc.labels, state))
        );
    }
    let _ = writeln!(out, "</ul>\n<p class=\"summary\">{}</p>", e(summary));

    let _ = writeln!(out, "<h2>{}</h2>", e(&doc.labels.what_happened));
    if doc.incidents.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", e(&doc.labels.all_problems));
    } else {
        out.push_str("<ul class=\"incidents\">\n");
        for incident in &doc.incidents {
            let _ = writeln!(
                out,
                "<li><span class=\"when\">{}</span>{}</li>",
                e(&incident.when),
                e(&incident.text)
            );
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<p class=\"thanks\">{HEART}<span>{}</span></p>",
        e(&doc.thanks)
    );

    if !doc.services.is_empty() {
        for service in &doc.services {
            let uptime = service.uptime.as_deref().unwrap_or(&doc.labels.no_data);
            let _ = writeln!(
                out,
                "<section class=\"service\"><div><span class=\"name\">{}</span><span>{}</span></div>{}</section>",
                e(&service.name),
                e(uptime),
                bars_svg(&doc.labels, &service.days, 0, 18, &service.summary),
            );
        }
    }
    let _ = writeln!(
        out,
        "<footer>{}</footer>\n</main>\n</body>\n</html>",
        e(&doc.labels.made_with)
    );
    out
}

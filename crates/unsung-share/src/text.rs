//! The story as plain text for a messaging app: short lines, no markup beyond a dash before
//! each problem, dates written out.

use crate::doc::ShareDoc;

pub fn render(doc: &ShareDoc) -> String {
    let mut out = String::new();
    out.push_str(&format!("{} · {}\n\n", doc.team, doc.period));
    out.push_str(&doc.headline);
    out.push('\n');
    out.push_str(&doc.uptime_in_time);
    out.push('\n');
    for paragraph in &doc.paragraphs {
        out.push('\n');
        out.push_str(paragraph);
        out.push('\n');
    }
    if !doc.incidents.is_empty() {
        out.push_str(&format!("\n{}:\n", doc.labels.what_happened));
        for incident in &doc.incidents {
            out.push_str(&format!("- {}: {}\n", incident.when, incident.text));
        }
    }
    out.push('\n');
    out.push_str(&doc.thanks);
    out.push('\n');
    out
}

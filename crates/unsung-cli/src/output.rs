//! Human-readable output for a terminal (`--json` gives the machine-readable form), and the
//! one kind of list file the command reads.

use unsung_app::dto::ThankYouView;
use unsung_app::{AppError, StatsReport};

fn ratio(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "no data".to_string(), |r| format!("{:.3}%", r * 100.0))
}

pub fn stats_table(report: &StatsReport) -> String {
    let mut out = format!("From {} to {}\n\n", report.from, report.to);
    out.push_str(&format!(
        "{:<28} {:>10} {:>10} {:>10}\n",
        "service", "uptime", "down (s)", "incidents"
    ));
    for service in &report.services {
        out.push_str(&format!(
            "{:<28} {:>10} {:>10} {:>10}\n",
            service.name,
            ratio(service.uptime_ratio),
            service.downtime_seconds,
            service.incidents
        ));
    }
    let i = &report.incidents;
    out.push_str(&format!(
        "\nIncidents: {} ({} resolved, {} open, {} outside working hours)\n",
        i.total, i.resolved, i.open, i.outside_working_hours
    ));
    if let Some(days) = report.days_since_major_incident {
        out.push_str(&format!("Days since the last major incident: {days}\n"));
    }
    out.push_str(&format!("Thank-you notes: {}\n", report.thanks));
    out
}

pub fn thanks_lines(notes: &[ThankYouView]) -> String {
    notes
        .iter()
        .map(|n| {
            let about = n
                .about
                .as_deref()
                .map(|a| format!(" (for: {a})"))
                .unwrap_or_default();
            let state = match (n.waiting_to_send, n.send_refused) {
                (true, true) => format!(
                    "  [not sent: {}]",
                    n.send_error
                        .as_deref()
                        .unwrap_or("refused by the team database")
                ),
                (true, false) => "  [waiting to send]".to_string(),
                _ => String::new(),
            };
            format!(
                "{}  {} → {}{about}: {}{state}\n",
                n.created_at,
                n.author,
                n.recipients.join(", "),
                n.message
            )
        })
        .collect()
}

/// The line that acknowledges a posted note (its id included), or why it was refused.
pub fn posted(note: &ThankYouView) -> Result<(), AppError> {
    let to = note.recipients.join(", ");
    let why = note.send_error.as_deref().unwrap_or("not tried yet");
    match (note.waiting_to_send, note.send_refused) {
        (true, true) => Err(AppError::forbidden(format!(
            "the team database refused this note ({why}); it stays here unsent ({})",
            note.id
        ))),
        (true, false) => {
            println!(
                "Thank-you to {to} saved ({}); it waits to be sent to the team database \
                 ({why}). `unsung sync` sends it.",
                note.id
            );
            Ok(())
        }
        _ => {
            println!("Thank-you sent to {to} ({}).", note.id);
            Ok(())
        }
    }
}

/// The names in a list file: one per line; blank lines and lines starting with `#` are skipped.
pub fn read_names(path: &std::path::Path) -> Result<Vec<String>, AppError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        AppError::invalid(format!(
            "cannot read the customer list {}: {e}; give a text file with one name per line",
            path.display()
        ))
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect())
}

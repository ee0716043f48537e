//! Human-readable output for a terminal; `--json` gives the machine-readable form.

use unsung_app::StatsReport;
use unsung_app::dto::ThankYouView;

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
            format!(
                "{}  {} → {}: {}\n",
                n.created_at,
                n.author,
                n.recipients.join(", "),
                n.message
            )
        })
        .collect()
}

//! The table: each figure beside the one it is compared with, their ratio and its budget.

pub(crate) struct Row {
    pub(crate) figure: String,
    pub(crate) unsung: String,
    pub(crate) baseline: String,
    pub(crate) ratio: String,
    pub(crate) budget: String,
    pub(crate) within: Option<bool>,
}

/// `a / b` as "1.12×", or as "1/310" when `a` is much the smaller.
pub(crate) fn ratio(a: f64, b: f64) -> String {
    if b <= 0.0 {
        "—".into()
    } else if a / b >= 0.1 {
        format!("{:.2}×", a / b)
    } else if a > 0.0 {
        format!("1/{:.0}", b / a)
    } else {
        "0".into()
    }
}

pub(crate) fn ms(seconds: f64) -> String {
    if seconds < 0.1 {
        format!("{:.2} ms", seconds * 1e3)
    } else {
        format!("{:.0} ms", seconds * 1e3)
    }
}

/// Bytes in a mebibyte, for budgets written in MiB.
pub(crate) const MIB: f64 = 1024.0 * 1024.0;

pub(crate) fn mib(bytes: f64) -> String {
    format!("{:.1} MiB", bytes / MIB)
}

fn yes_no(within: Option<bool>) -> &'static str {
    match within {
        Some(true) => "yes",
        Some(false) => "NO",
        None => "—",
    }
}

pub(crate) fn print_table(rows: &[Row]) {
    let headers = [
        "figure",
        "Unsung",
        "baseline",
        "ratio",
        "budget",
        "within budget",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                r.figure.clone(),
                r.unsung.clone(),
                r.baseline.clone(),
                r.ratio.clone(),
                r.budget.clone(),
                yes_no(r.within).to_string(),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for row in &cells {
        for (k, cell) in row.iter().enumerate() {
            widths[k] = widths[k].max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(k, c)| format!("{c}{}", " ".repeat(widths[k] - c.chars().count())))
            .collect();
        println!("{}", padded.join(" | ").trim_end());
    };
    line(&headers.map(String::from));
    line(&widths.map(|w| "-".repeat(w)));
    for row in &cells {
        line(row);
    }
}

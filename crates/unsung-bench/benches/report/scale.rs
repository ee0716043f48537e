//! The scale rows: stats and story from the store at each shape of the curves in src/scale.rs,
//! each beside the next smaller shape of its curve, with growth no worse than linear in what
//! changed (and the budget shape within its own time).

use anyhow::Result;
use unsung_bench::cache;
use unsung_bench::scale::{BUDGET_SECONDS, BUDGET_SHAPE, CURVES, Curve, shapes};
use unsung_bench::year::Shape;

use crate::inputs::criterion_median;
use crate::table::{Row, ms, ratio};

/// One figure's rows along one curve, largest shape first, as criterion left them.
fn curve_rows(what: &str, curve: &Curve) -> Result<Vec<Row>> {
    let times = curve
        .shapes
        .iter()
        .map(|shape| criterion_median("scale", &format!("{what}_{}", shape.name())))
        .collect::<Result<Vec<f64>>>()?;
    let mut rows = Vec::new();
    for k in (0..curve.shapes.len()).rev() {
        let (shape, time) = (curve.shapes[k], times[k]);
        let own = (shape == BUDGET_SHAPE).then_some(time <= BUDGET_SECONDS);
        let own_budget = format!("≤ {:.0} ms", BUDGET_SECONDS * 1e3);
        let row = match k.checked_sub(1) {
            Some(below) => {
                let grew = curve.dimension.of(shape) / curve.dimension.of(curve.shapes[below]);
                let linear = times[below] * grew;
                let budget = format!("≤ {grew:.2}× ({} ×{grew:.0})", curve.dimension.name());
                Row {
                    figure: format!("  {what}, {}", shape.describe()),
                    unsung: ms(time),
                    baseline: ms(times[below]),
                    ratio: ratio(time, times[below]),
                    budget: if own.is_some() {
                        format!("{own_budget}, {budget}")
                    } else {
                        budget
                    },
                    within: Some(time <= linear && own != Some(false)),
                }
            }
            None => Row {
                figure: format!("  {what}, {}", shape.describe()),
                unsung: ms(time),
                baseline: "—".into(),
                ratio: "—".into(),
                budget: if own.is_some() {
                    own_budget
                } else {
                    "—".into()
                },
                within: own,
            },
        };
        rows.push(row);
    }
    Ok(rows)
}

/// Every scale row: a heading per curve, then stats and story along it.
pub(crate) fn rows() -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for curve in &CURVES {
        rows.push(Row {
            figure: format!(
                "scale in {}: stats and story over the whole history, warm, vs the next \
                 smaller row",
                curve.dimension.name()
            ),
            unsung: String::new(),
            baseline: String::new(),
            ratio: String::new(),
            budget: String::new(),
            within: None,
        });
        for what in ["stats", "story"] {
            rows.extend(curve_rows(what, curve)?);
        }
    }
    Ok(rows)
}

/// What making each shape's SQLite copy took (generated, then loaded), when it was made.
pub(crate) fn note() -> String {
    let made = |shape: Shape| match cache::made(shape) {
        Some(m) => format!(
            "{} {:.0} s + {:.0} s",
            shape.name(),
            m.generate_seconds,
            m.load_seconds
        ),
        None => format!("{} (made before this was noted)", shape.name()),
    };
    format!(
        "Scale: each shape's SQLite copy, made once and cached (generated + loaded): {}.",
        shapes()
            .into_iter()
            .map(made)
            .collect::<Vec<_>>()
            .join(", ")
    )
}

//! The scale rows' shapes: rather than every combination of years, services and incidents,
//! three curves, each changing one dimension from a base, so how the cost grows in each
//! dimension shows on its own (and the whole set is built in minutes on 2 cores).

use crate::year::Shape;

/// What a curve changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Incidents,
    Years,
    Services,
}

impl Dimension {
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Incidents => "incidents",
            Dimension::Years => "years",
            Dimension::Services => "services",
        }
    }

    /// The size of this dimension in `shape`.
    pub fn of(self, shape: Shape) -> f64 {
        match self {
            Dimension::Incidents => shape.incidents as f64,
            Dimension::Years => f64::from(shape.years),
            Dimension::Services => shape.services as f64,
        }
    }
}

/// One curve: its shapes from the smallest up, differing only in `dimension`.
pub struct Curve {
    pub dimension: Dimension,
    pub shapes: &'static [Shape],
}

const fn shape(years: u32, services: usize, incidents: usize) -> Shape {
    Shape {
        years,
        services,
        incidents,
    }
}

/// The shape with a budget of its own: its stats and story ≤ [`BUDGET_SECONDS`] warm.
pub const BUDGET_SHAPE: Shape = shape(1, 1_000, 250_000);
pub const BUDGET_SECONDS: f64 = 0.050;

pub const CURVES: [Curve; 3] = [
    Curve {
        dimension: Dimension::Incidents,
        shapes: &[
            shape(1, 1_000, 50_000),
            BUDGET_SHAPE,
            shape(1, 1_000, 1_000_000),
        ],
    },
    Curve {
        dimension: Dimension::Years,
        shapes: &[Shape::YEAR, shape(5, 200, 50_000), shape(10, 200, 50_000)],
    },
    Curve {
        dimension: Dimension::Services,
        shapes: &[shape(1, 200, 250_000), BUDGET_SHAPE],
    },
];

/// Every shape the curves read, each once, smallest first (the order they are built in).
pub fn shapes() -> Vec<Shape> {
    let mut all: Vec<Shape> = Vec::new();
    for curve in &CURVES {
        for shape in curve.shapes {
            if !all.contains(shape) {
                all.push(*shape);
            }
        }
    }
    all.sort_by_key(|s| (s.incidents, s.services, s.years));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_curve_changes_one_dimension_upwards() {
        let dimensions = [Dimension::Incidents, Dimension::Years, Dimension::Services];
        for curve in &CURVES {
            for pair in curve.shapes.windows(2) {
                for dimension in dimensions {
                    let (below, above) = (dimension.of(pair[0]), dimension.of(pair[1]));
                    if dimension == curve.dimension {
                        assert!(above > below, "{pair:?}");
                    } else {
                        assert_eq!(above, below, "{pair:?}");
                    }
                }
            }
        }
        assert!(shapes().contains(&BUDGET_SHAPE));
        assert!(shapes().contains(&Shape::YEAR));
        assert_eq!(shapes().len(), 7);
    }
}

//! Dissolving cells by control: each side's territory on a date is the union of the cells
//! of the places it holds (besieged places included), the cells of contested places make
//! the contested areas, and the borders where two sides' areas meet are the front lines
//! ([`super::fronts`]).

use std::collections::BTreeMap;

use geo::orient::{Direction, Orient};
use geo::{Coord, GeodesicArea, MapCoords, MultiLineString, MultiPolygon, Polygon, unary_union};
use rayon::prelude::*;

use crate::dataset::gazetteer::PlaceId;
use crate::dataset::manifest::SideId;
use crate::dataset::projection::Projection;
use crate::model::control::{Control, ControlState};
use crate::model::territory::cells::Cells;

/// Who holds what on one date, in projected metres.
#[derive(Debug, Clone, Default)]
pub struct Territory {
    /// Indexed by side: the union of the cells of the places the side holds.
    pub sides: Vec<MultiPolygon<f64>>,
    /// (attacker, defender) and the union of the cells of the places they fight over.
    pub contested: Vec<((SideId, SideId), MultiPolygon<f64>)>,
    /// The front lines by the two sides they separate (the side listed first in the dataset
    /// first), for pairs that meet.
    pub fronts: Vec<((SideId, SideId), MultiLineString<f64>)>,
}

impl Territory {
    /// Dissolves the cells by the control of their places at one date.
    pub fn at(cells: &Cells, state: &ControlState, side_count: usize) -> Territory {
        let mut held: Vec<Vec<&Polygon<f64>>> = vec![Vec::new(); side_count];
        let mut contested: BTreeMap<(SideId, SideId), Vec<&Polygon<f64>>> = BTreeMap::new();
        for (place, cell) in cells.cells.iter().enumerate() {
            match state.control(place) {
                Control::Contested { attacker, defender } => {
                    contested.entry((attacker, defender)).or_default().extend(&cell.0)
                }
                control => held[control.holder()].extend(&cell.0),
            }
        }
        // Each side's union is its own; they are dissolved in parallel, in a fixed order,
        // while the fronts are read from the borders of the cells.
        let unions = || {
            rayon::join(
                || held.par_iter().map(|polygons| unary_union(polygons.iter().copied())).collect(),
                || {
                    let pairs: Vec<_> = contested.into_iter().collect();
                    pairs
                        .into_par_iter()
                        .map(|(pair, polygons)| (pair, unary_union(polygons)))
                        .filter(|(_, area)| !area.0.is_empty())
                        .collect()
                },
            )
        };
        let ((sides, contested), fronts) = rayon::join(unions, || cells.fronts(state));
        Territory { sides, contested, fronts }
    }

    /// The front lines: every stretch of border between two different sides' areas.
    pub fn front_lines(&self) -> MultiLineString<f64> {
        MultiLineString(self.fronts.iter().flat_map(|(_, lines)| lines.0.iter().cloned()).collect())
    }
}

/// The dissolved cells of `places`, such as those whose state is known only roughly.
pub fn union_of(cells: &Cells, places: impl IntoIterator<Item = PlaceId>) -> MultiPolygon<f64> {
    unary_union(places.into_iter().flat_map(|place| &cells.cells[place].0))
}

/// The geodesic area of a projected shape, in km².
pub fn area_km2(shape: &MultiPolygon<f64>, projection: &Projection) -> f64 {
    let lonlat = shape.map_coords(|c| {
        let (lon, lat) = projection.inverse(c.x, c.y);
        Coord { x: lon, y: lat }
    });
    // Boolean operations may return rings in either winding; the geodesic area of a
    // clockwise exterior is the rest of the globe, so orient every ring first.
    lonlat.orient(Direction::Default).geodesic_area_signed().abs() / 1e6
}

/// The outlines of a shape as lines, for drawing borders.
pub fn outlines(shape: &MultiPolygon<f64>) -> MultiLineString<f64> {
    MultiLineString(
        shape
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::territory::fronts::SHARED_BORDER_M;
    use geo::{BooleanOps, Length, LineString};

    /// The front lines as a band around each side's area clips the other sides' outlines:
    /// slow, but plainly right; the fast way must find the same borders.
    fn front_lines_by_buffering(territory: &Territory) -> MultiLineString<f64> {
        use geo::Buffer;
        let mut lines = Vec::new();
        for (a, area) in territory.sides.iter().enumerate() {
            for other in territory.sides[a + 1..].iter().filter(|o| !o.0.is_empty()) {
                lines.extend(other.buffer(SHARED_BORDER_M).clip(&outlines(area), false).0);
            }
        }
        MultiLineString(lines)
    }

    #[test]
    fn front_lines_follow_the_borders_buffering_finds() {
        let dataset = crate::dataset::Dataset::builtin().unwrap();
        let projection = dataset.projection();
        let cells = Cells::build(&dataset, &projection);
        let timeline = crate::model::control::Timeline::new(&dataset);
        for date in ["2016-11-15", "2017-01-10", "2017-03-15", "2017-06-01", "2017-08-25"] {
            let state = timeline.state_at(date.parse().unwrap());
            let territory = Territory::at(&cells, &state, dataset.manifest.sides.len());
            let fast_m = geo::Euclidean.length(&territory.front_lines());
            let slow_m = geo::Euclidean.length(&front_lines_by_buffering(&territory));
            assert!(slow_m > 1000.0, "{date}: a front to compare");
            let message = format!("{date}: {fast_m:.0} m of front, buffering finds {slow_m:.0} m");
            assert!((fast_m - slow_m).abs() < 0.01 * slow_m, "{message}");
        }
    }

    #[test]
    fn areas_do_not_depend_on_the_winding_of_rings() {
        let projection = Projection::transverse_mercator(43.0, 36.3);
        let ring = |points: &[(f64, f64)]| LineString::from(points.to_vec());
        let square = [(0.0, 0.0), (1000.0, 0.0), (1000.0, 1000.0), (0.0, 1000.0), (0.0, 0.0)];
        let mut clockwise = square;
        clockwise.reverse();
        let hole = [(400.0, 400.0), (600.0, 400.0), (600.0, 600.0), (400.0, 600.0), (400.0, 400.0)];
        let ccw = MultiPolygon(vec![Polygon::new(ring(&square), vec![ring(&hole)])]);
        let cw = MultiPolygon(vec![Polygon::new(ring(&clockwise), vec![ring(&hole)])]);
        let (a, b) = (area_km2(&ccw, &projection), area_km2(&cw, &projection));
        assert!((a - 0.96).abs() < 0.001, "{a}");
        assert!((a - b).abs() < 1e-9, "{a} {b}");
    }
}

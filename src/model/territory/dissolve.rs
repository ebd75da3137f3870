//! Dissolving cells by control: each side's territory on a date is the union of the cells
//! of the places it holds (besieged places included), the cells of contested places make
//! the contested areas, and the borders where two sides' areas meet are the front lines.

use std::collections::BTreeMap;

use geo::orient::{Direction, Orient};
use geo::{Coord, GeodesicArea, Line, LineString, MapCoords, MultiLineString, MultiPolygon, Polygon, unary_union};
use rayon::prelude::*;
use rstar::RTree;

use crate::dataset::gazetteer::PlaceId;
use crate::dataset::manifest::SideId;
use crate::dataset::projection::Projection;
use crate::model::control::{Control, ControlState};
use crate::model::territory::cells::Cells;

/// Cells are snapped to this grid (metres) before they are dissolved, which removes the
/// sliver holes that unions of touching cells otherwise leave.
const SNAP_M: f64 = 0.1;

/// Who holds what on one date, in projected metres.
#[derive(Debug, Clone, Default)]
pub struct Territory {
    /// Indexed by side: the union of the cells of the places the side holds.
    pub sides: Vec<MultiPolygon<f64>>,
    /// (attacker, defender) and the union of the cells of the places they fight over.
    pub contested: Vec<((SideId, SideId), MultiPolygon<f64>)>,
}

impl Territory {
    /// Dissolves the cells by the control of their places at one date.
    pub fn at(cells: &Cells, state: &ControlState, side_count: usize) -> Territory {
        let mut held: Vec<Vec<Polygon<f64>>> = vec![Vec::new(); side_count];
        let mut contested: BTreeMap<(SideId, SideId), Vec<Polygon<f64>>> = BTreeMap::new();
        for (place, cell) in cells.cells.iter().enumerate() {
            let snapped = cell.0.iter().map(snap);
            match state.control(place) {
                Control::Contested { attacker, defender } => {
                    contested.entry((attacker, defender)).or_default().extend(snapped)
                }
                control => held[control.holder()].extend(snapped),
            }
        }
        // Each side's union is its own; they are dissolved in parallel, in a fixed order.
        let (sides, contested) = rayon::join(
            || held.par_iter().map(|polygons| unary_union(polygons.iter())).collect(),
            || {
                let pairs: Vec<_> = contested.into_iter().collect();
                pairs
                    .into_par_iter()
                    .map(|(pair, polygons)| (pair, unary_union(polygons.iter())))
                    .filter(|(_, area)| !area.0.is_empty())
                    .collect()
            },
        );
        Territory { sides, contested }
    }

    /// The front lines: every stretch of border between two different sides' areas.
    ///
    /// Dissolved areas are made of the same snapped cells, so where two sides meet their
    /// outlines run together: a stretch of one side's outline whose segments lie within
    /// [`SHARED_BORDER_M`] of another side's outline is a front. Each outline is indexed once
    /// (an R-tree of its segments), so this is n log n in the vertices of the areas.
    pub fn front_lines(&self) -> MultiLineString<f64> {
        MultiLineString(self.fronts().into_iter().flat_map(|(_, lines)| lines.0).collect())
    }

    /// The front lines by the two sides they separate (the side listed first in the dataset
    /// first), for pairs that meet.
    pub fn fronts(&self) -> Vec<((SideId, SideId), MultiLineString<f64>)> {
        let outlines: Vec<MultiLineString<f64>> = self.sides.iter().map(outlines).collect();
        let indexes: Vec<Option<RTree<Line<f64>>>> = outlines
            .iter()
            .enumerate()
            .map(|(b, outline)| {
                let needed = !outline.0.is_empty() && outlines[..b].iter().any(|other| !other.0.is_empty());
                needed.then(|| RTree::bulk_load(outline.0.iter().flat_map(LineString::lines).collect()))
            })
            .collect();
        let mut fronts = Vec::new();
        for (a, outline) in outlines.iter().enumerate() {
            for (b, other) in indexes.iter().enumerate().skip(a + 1) {
                let Some(other) = other else { continue };
                let lines: Vec<LineString<f64>> = outline.0.iter().flat_map(|ring| shared_runs(ring, other)).collect();
                if !lines.is_empty() {
                    fronts.push(((a, b), MultiLineString(lines)));
                }
            }
        }
        fronts
    }
}

/// How far apart two outlines may run and still be one border: well above the snapping grid.
pub const SHARED_BORDER_M: f64 = 1.0;

/// The stretches of `ring` that run along the outline indexed in `other`, each as one line.
fn shared_runs(ring: &LineString<f64>, other: &RTree<Line<f64>>) -> Vec<LineString<f64>> {
    let mut runs: Vec<Vec<Coord<f64>>> = Vec::new();
    for segment in ring.lines() {
        for (from, to) in shared_parts(segment, other) {
            let (start, end) = (segment.start + segment.delta() * from, segment.start + segment.delta() * to);
            // Where the other outline turns a little before or after this one, the parts
            // either side of a vertex stop short of it: they still make one run.
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|last| distance(*last, start) <= SHARED_BORDER_M) => {
                    if run.last() != Some(&start) {
                        run.push(start);
                    }
                    run.push(end);
                }
                _ => runs.push(vec![start, end]),
            }
        }
    }
    // A border through the ring's first vertex comes out as two runs: join them.
    let closes = |first: &[Coord<f64>], last: &[Coord<f64>]| match (first.first(), last.last()) {
        (Some(&a), Some(&b)) => distance(a, b) <= SHARED_BORDER_M,
        _ => false,
    };
    if runs.len() > 1 && closes(&runs[0], &runs[runs.len() - 1]) {
        let first = runs.remove(0);
        runs.last_mut().expect("more than one run").extend_from_slice(&first[1..]);
    }
    runs.into_iter().map(LineString).collect()
}

fn distance(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The parts of `segment` that run within [`SHARED_BORDER_M`] of a segment of the other
/// outline, as fractions of its length, in order. Areas that meet share their border
/// only in part where one of them ends at its reach, so whole segments do not do.
fn shared_parts(segment: Line<f64>, other: &RTree<Line<f64>>) -> Vec<(f64, f64)> {
    let delta = segment.delta();
    let length = delta.x.hypot(delta.y);
    if length == 0.0 {
        return Vec::new();
    }
    let offset = |c: Coord<f64>| ((c - segment.start).x * delta.y - (c - segment.start).y * delta.x).abs() / length;
    let along = |c: Coord<f64>| ((c - segment.start).x * delta.x + (c - segment.start).y * delta.y) / (length * length);
    let (low, high) = (
        Coord { x: segment.start.x.min(segment.end.x), y: segment.start.y.min(segment.end.y) },
        Coord { x: segment.start.x.max(segment.end.x), y: segment.start.y.max(segment.end.y) },
    );
    let margin = Coord { x: SHARED_BORDER_M, y: SHARED_BORDER_M };
    let envelope = rstar::AABB::from_corners((low - margin).into(), (high + margin).into());
    // Only the stretch of the other segment alongside this one counts: a long, nearly
    // parallel segment drifts away from this one's line beyond its ends.
    let alongside = |t: &Line<f64>| {
        let (a, b) = (along(t.start), along(t.end));
        let (from, to) = (a.min(b).max(0.0), a.max(b).min(1.0));
        if (to - from) * length <= SNAP_M {
            return None;
        }
        let at = |u: f64| t.start + t.delta() * ((u - a) / (b - a));
        (offset(at(from)) <= SHARED_BORDER_M && offset(at(to)) <= SHARED_BORDER_M).then_some((from, to))
    };
    let mut parts: Vec<(f64, f64)> = other.locate_in_envelope_intersecting(&envelope).filter_map(alongside).collect();
    parts.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.total_cmp(&q.1)));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in parts {
        match merged.last_mut() {
            Some(last) if (a - last.1) * length <= SNAP_M => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// The dissolved cells of `places`, such as those whose state is known only roughly.
pub fn union_of(cells: &Cells, places: impl IntoIterator<Item = PlaceId>) -> MultiPolygon<f64> {
    let polygons: Vec<Polygon<f64>> =
        places.into_iter().flat_map(|place| cells.cells[place].0.iter().map(snap)).collect();
    unary_union(polygons.iter())
}

fn snap(polygon: &Polygon<f64>) -> Polygon<f64> {
    polygon.map_coords(|c| Coord { x: (c.x / SNAP_M).round() * SNAP_M, y: (c.y / SNAP_M).round() * SNAP_M })
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
    use geo::{BooleanOps, Length};

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

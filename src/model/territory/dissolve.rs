//! Territory: areas of control derived from the places' states by one declared rule.
//!
//! A place the dataset gives an outline for (`outlines.geojson`: district boundaries, a
//! base's perimeter) claims exactly that polygon. Every other place claims the points
//! nearer to it than to any other place (its Voronoi cell), outside all outlines,
//! but no further than its *reach*, which depends on its kind ([`reach_m`]); a place with a
//! bank never claims across the Tigris; no place claims outside the area of interest; a
//! city with districts within its reach is drawn through those districts and claims no
//! cell of its own (its marker still shows the state of the city as a whole).
//! A side's territory on a date is the union of the cells of the places it holds (besieged
//! places included); the cells of contested places form the contested area; space that no
//! cell reaches is neutral, "no information", and is never coloured by guess.
//!
//! Cells depend only on the gazetteer and the outlines, so they are built once per dataset; a date only
//! decides which side each cell goes to. Territory therefore changes exactly where events
//! change control.

use std::collections::BTreeMap;

use geo::orient::{Direction, Orient};
use geo::{
    BooleanOps, Coord, GeodesicArea, Line, LineString, MapCoords, MultiLineString, MultiPolygon, Polygon, unary_union,
};
use rayon::prelude::*;
use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::dataset::Dataset;
use crate::dataset::gazetteer::{Kind, PlaceId};
use crate::dataset::manifest::Bank;
use crate::dataset::manifest::{LonLatBox, SideId};
use crate::dataset::projection::Projection;
use crate::model::control::{Control, ControlState};

/// How far a place's control is taken to extend, in metres.
pub fn reach_m(kind: Kind) -> f64 {
    match kind {
        Kind::City | Kind::Village => 2_500.0,
        Kind::Town => 3_500.0,
        Kind::Area => 2_000.0,
        Kind::Base => 1_500.0,
        Kind::District => 1_000.0,
        Kind::Landmark => 400.0,
        Kind::Bridge => 250.0,
    }
}

/// Vertices of the disc that bounds a cell before neighbours cut it.
const DISC_VERTICES: usize = 48;
/// How many of a site's nearest neighbours bound its cell before the others are sought.
const BOUNDING_NEIGHBOURS: usize = 8;
/// Cutting a cell takes microseconds; a thread is given at least this many.
const CELLS_PER_THREAD: usize = 64;
/// Cells are snapped to this grid (metres) before they are dissolved, which removes the
/// sliver holes that unions of touching cells otherwise leave.
const SNAP_M: f64 = 0.1;

/// The cell of every place, in projected metres, plus the polygons they were clipped to.
#[derive(Debug, Clone)]
pub struct Cells {
    /// Indexed by place; empty for a place another place sits on.
    pub cells: Vec<MultiPolygon<f64>>,
    /// The area of interest, projected.
    pub area: Polygon<f64>,
    /// East and west of the Tigris within the area, when the basemap has the river.
    pub banks: Option<(MultiPolygon<f64>, MultiPolygon<f64>)>,
}

impl Cells {
    pub fn build(dataset: &Dataset, projection: &Projection) -> Cells {
        // Places without a position have no site and no cell.
        let sites: Vec<Option<[f64; 2]>> = dataset
            .gazetteer
            .places()
            .iter()
            .map(|p| {
                let (x, y) = projection.forward(p.lonlat()?.0, p.lonlat()?.1);
                Some([x, y])
            })
            .collect();
        let located = || sites.iter().enumerate().filter_map(|(i, s)| Some((i, (*s)?)));
        let area = projected_box(projection, &dataset.manifest.area);
        let banks = tigris_chain(dataset, projection).map(|chain| bank_polygons(&chain, &area));
        let mut outlined: Vec<Option<MultiPolygon<f64>>> = vec![None; sites.len()];
        for outline in &dataset.outlines {
            outlined[outline.place] = Some(project(&outline.shape, projection));
        }
        let every_site = RTree::bulk_load(located().map(|(i, s)| GeomWithData::new(s, i)).collect());
        // Outlined places are no Voronoi sites: the cells around them reach their outlines.
        let tree = RTree::bulk_load(
            located().filter(|(i, _)| outlined[*i].is_none()).map(|(i, s)| GeomWithData::new(s, i)).collect(),
        );
        let all_outlines = unary_union(outlined.iter().flatten().flat_map(|m| m.0.iter()));
        let river = banks.as_ref().and(tigris_segments(dataset, projection));
        let edges = Edges { area: &area, banks: banks.as_ref(), river: river.as_ref() };
        // Each cell depends only on the sites, so they are cut in parallel; collect keeps
        // the order of the places.
        let cells = dataset
            .gazetteer
            .places()
            .par_iter()
            .with_min_len(CELLS_PER_THREAD)
            .enumerate()
            .map(|(i, place)| {
                let clip = |cell: &MultiPolygon<f64>| match (&banks, place.bank) {
                    (Some((east, _)), Some(Bank::East)) => cell.intersection(east),
                    (Some((_, west)), Some(Bank::West)) => cell.intersection(west),
                    _ => cell.intersection(&area),
                };
                if let Some(outline) = &outlined[i] {
                    return clip(outline);
                }
                let Some(site) = sites[i] else { return MultiPolygon(Vec::new()) };
                let reach = reach_m(place.kind);
                if place.kind == Kind::City && has_districts_within(site, &every_site, dataset, reach) {
                    return MultiPolygon(Vec::new());
                }
                let convex = voronoi_disc((i, site), &tree, reach);
                if convex.len() < 3 {
                    return MultiPolygon(Vec::new());
                }
                let cell = MultiPolygon(vec![Polygon::new(LineString::from(convex), Vec::new())]);
                let cell = if all_outlines.0.is_empty() { cell } else { cell.difference(&all_outlines) };
                if edges.leave(&cell, site, place.bank) {
                    return cell;
                }
                clip(&cell)
            })
            .collect();
        Cells { cells, area, banks }
    }
}

/// What cells are clipped to: the area, and the banks either side of the river.
struct Edges<'a> {
    area: &'a Polygon<f64>,
    banks: Option<&'a (MultiPolygon<f64>, MultiPolygon<f64>)>,
    river: Option<&'a RTree<Line<f64>>>,
}

impl Edges<'_> {
    /// True when clipping `cell` would leave it as it is: its bounding box lies inside the
    /// area and, for a place on a bank, crosses no segment of the river while its site lies
    /// on that bank. Most cells of a large dataset are such, and a boolean operation per
    /// cell was most of the time it took to build them.
    fn leave(&self, cell: &MultiPolygon<f64>, site: [f64; 2], bank: Option<Bank>) -> bool {
        use geo::{BoundingRect, Contains};
        let Some(bounds) = cell.bounding_rect() else { return false };
        let (low, high) = (bounds.min(), bounds.max());
        let corners = [low, Coord { x: low.x, y: high.y }, high, Coord { x: high.x, y: low.y }];
        if !corners.iter().all(|c| self.area.contains(c)) {
            return false;
        }
        let (Some((east, west)), Some(river), Some(bank)) = (self.banks, self.river, bank) else { return true };
        let envelope = rstar::AABB::from_corners(low.into(), high.into());
        if river.locate_in_envelope_intersecting(&envelope).next().is_some() {
            return false;
        }
        let side = if bank == Bank::East { east } else { west };
        side.contains(&Coord { x: site[0], y: site[1] })
    }
}

/// The river's course as segments, for finding the cells it crosses.
fn tigris_segments(dataset: &Dataset, projection: &Projection) -> Option<RTree<Line<f64>>> {
    let chain = tigris_chain(dataset, projection)?;
    Some(RTree::bulk_load(chain.windows(2).map(|w| Line::new(w[0], w[1])).collect()))
}

fn has_districts_within(
    site: [f64; 2],
    tree: &RTree<GeomWithData<[f64; 2], usize>>,
    dataset: &Dataset,
    reach: f64,
) -> bool {
    tree.locate_within_distance(site, reach * reach).any(|n| dataset.gazetteer.get(n.data).kind == Kind::District)
}

/// The disc of radius `reach` around site `i`, cut by the half-planes of every site closer
/// than twice the reach: a Voronoi cell limited to the reach. Ties between sites on the
/// same spot go to the lower index.
fn voronoi_disc(
    (i, site): (usize, [f64; 2]),
    tree: &RTree<GeomWithData<[f64; 2], usize>>,
    reach: f64,
) -> Vec<Coord<f64>> {
    let [sx, sy] = site;
    let mut polygon = disc(site, reach);
    // Sites further than twice the cell's radius cannot cut it. Where places are dense the
    // cell is far smaller than the disc, and its nearest few neighbours bound it.
    let bound = tree
        .nearest_neighbor_iter(&site)
        .map(|n| *n.geom())
        .filter(|&[tx, ty]| !coincident(tx - sx, ty - sy))
        .take(BOUNDING_NEIGHBOURS)
        .fold(polygon.clone(), |cell, other| nearer_half(&cell, site, other));
    let bound_radius = farthest(&bound, site);
    let mut neighbours: Vec<(usize, [f64; 2])> = tree
        .locate_within_distance(site, (2.0 * bound_radius + 1e-6).powi(2))
        .map(|n| (n.data, *n.geom()))
        .filter(|&(j, _)| j != i)
        .collect();
    // Clipped in the order of the places, whatever order the tree gives, so that the
    // vertices do not depend on how the tree was built.
    neighbours.sort_unstable_by_key(|&(j, _)| j);
    // No vertex lies further than `radius` from the site, and a neighbour more than twice
    // as far would leave the polygon as it is.
    let mut radius = reach;
    for (j, other) in neighbours {
        let (nx, ny) = (other[0] - sx, other[1] - sy);
        if coincident(nx, ny) {
            if j < i {
                return Vec::new();
            }
            continue;
        }
        if nx * nx + ny * ny > (2.0 * radius + 1e-6).powi(2) {
            continue;
        }
        polygon = nearer_half(&polygon, site, other);
        if polygon.is_empty() {
            break;
        }
        radius = farthest(&polygon, site);
    }
    polygon
}

/// The part of `polygon` nearer to `site` than to `other`: the side of their bisector
/// where n·p <= n·midpoint, n pointing from `site` to `other`.
fn nearer_half(polygon: &[Coord<f64>], [sx, sy]: [f64; 2], [tx, ty]: [f64; 2]) -> Vec<Coord<f64>> {
    let (nx, ny) = (tx - sx, ty - sy);
    clip_half_plane(polygon, nx, ny, nx * (sx + tx) / 2.0 + ny * (sy + ty) / 2.0)
}

/// A circle of `radius` around `[x, y]`, as a polygon of [`DISC_VERTICES`] vertices.
fn disc([x, y]: [f64; 2], radius: f64) -> Vec<Coord<f64>> {
    (0..DISC_VERTICES)
        .map(|k| {
            let angle = std::f64::consts::TAU * k as f64 / DISC_VERTICES as f64;
            Coord { x: x + radius * angle.cos(), y: y + radius * angle.sin() }
        })
        .collect()
}

/// True for two sites closer than a micrometre, `(dx, dy)` apart: the same spot.
fn coincident(dx: f64, dy: f64) -> bool {
    dx * dx + dy * dy < 1e-12
}

/// How far the vertex furthest from `site` lies.
fn farthest(polygon: &[Coord<f64>], [sx, sy]: [f64; 2]) -> f64 {
    polygon.iter().map(|c| (c.x - sx).powi(2) + (c.y - sy).powi(2)).fold(0.0, f64::max).sqrt()
}

/// Sutherland–Hodgman: the part of a polygon where `nx*x + ny*y <= limit`. Where a concave
/// polygon leaves the half-plane more than once, its parts come back joined by edges along
/// the line.
pub(crate) fn clip_half_plane(polygon: &[Coord<f64>], nx: f64, ny: f64, limit: f64) -> Vec<Coord<f64>> {
    let inside = |c: &Coord<f64>| nx * c.x + ny * c.y <= limit;
    let mut out = Vec::with_capacity(polygon.len() + 1);
    for (k, current) in polygon.iter().enumerate() {
        let previous = &polygon[(k + polygon.len() - 1) % polygon.len()];
        let (a, b) = (nx * previous.x + ny * previous.y - limit, nx * current.x + ny * current.y - limit);
        if inside(current) != inside(previous) {
            let t = a / (a - b);
            out.push(Coord {
                x: previous.x + t * (current.x - previous.x),
                y: previous.y + t * (current.y - previous.y),
            });
        }
        if inside(current) {
            out.push(*current);
        }
    }
    out
}

/// A lon/lat shape in projected metres.
fn project(shape: &MultiPolygon<f64>, projection: &Projection) -> MultiPolygon<f64> {
    shape.map_coords(|c| {
        let (x, y) = projection.forward(c.x, c.y);
        Coord { x, y }
    })
}

/// A lon/lat box as a projected polygon (its edges sampled, since they curve).
pub fn projected_box(projection: &Projection, area: &LonLatBox) -> Polygon<f64> {
    const SAMPLES: usize = 24;
    let lerp = |a: f64, b: f64, k: usize| a + (b - a) * k as f64 / SAMPLES as f64;
    let mut ring = Vec::with_capacity(4 * SAMPLES + 1);
    for k in 0..SAMPLES {
        ring.push((lerp(area.west, area.east, k), area.south));
    }
    for k in 0..SAMPLES {
        ring.push((area.east, lerp(area.south, area.north, k)));
    }
    for k in 0..SAMPLES {
        ring.push((lerp(area.east, area.west, k), area.north));
    }
    for k in 0..SAMPLES {
        ring.push((area.west, lerp(area.north, area.south, k)));
    }
    let ring: Vec<Coord<f64>> = ring
        .into_iter()
        .map(|(lon, lat)| {
            let (x, y) = projection.forward(lon, lat);
            Coord { x, y }
        })
        .collect();
    Polygon::new(LineString::from(ring), Vec::new())
}

/// The Tigris as one projected line from north to south, or `None` without the river.
fn tigris_chain(dataset: &Dataset, projection: &Projection) -> Option<Vec<Coord<f64>>> {
    let mut lines: Vec<Vec<Coord<f64>>> = dataset.basemap.river("Tigris").0.into_iter().map(|l| l.0).collect();
    if lines.is_empty() {
        return None;
    }
    for line in &mut lines {
        if line.first()?.y < line.last()?.y {
            line.reverse();
        }
    }
    lines.sort_by(|a, b| b[0].y.total_cmp(&a[0].y));
    let chain = lines
        .into_iter()
        .flatten()
        .map(|c| {
            let (x, y) = projection.forward(c.x, c.y);
            Coord { x, y }
        })
        .collect();
    Some(chain)
}

/// The parts of `area` east and west of a north-to-south river line; the line is carried
/// straight north and south past the area so it divides all of it.
fn bank_polygons(chain: &[Coord<f64>], area: &Polygon<f64>) -> (MultiPolygon<f64>, MultiPolygon<f64>) {
    use geo::BoundingRect;
    let bounds = area.bounding_rect().expect("the area has corners");
    let margin = bounds.width().max(bounds.height());
    let (top, bottom) = (bounds.max().y + margin, bounds.min().y - margin);
    let (first, last) = (chain[0], chain[chain.len() - 1]);
    let mut line = vec![Coord { x: first.x, y: top }];
    line.extend_from_slice(chain);
    line.push(Coord { x: last.x, y: bottom });
    let side = |x: f64| {
        let mut ring = line.clone();
        ring.push(Coord { x, y: bottom });
        ring.push(Coord { x, y: top });
        Polygon::new(LineString::from(ring), Vec::new())
    };
    let east = side(bounds.max().x + margin).intersection(area);
    let west = side(bounds.min().x - margin).intersection(area);
    (east, west)
}

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
        let outlines: Vec<MultiLineString<f64>> = self.sides.iter().map(outlines).collect();
        let indexes: Vec<Option<RTree<Line<f64>>>> = outlines
            .iter()
            .enumerate()
            .map(|(b, outline)| {
                let needed = !outline.0.is_empty() && outlines[..b].iter().any(|other| !other.0.is_empty());
                needed.then(|| RTree::bulk_load(outline.0.iter().flat_map(LineString::lines).collect()))
            })
            .collect();
        let mut lines = Vec::new();
        for (a, outline) in outlines.iter().enumerate() {
            for other in indexes[a + 1..].iter().flatten() {
                for ring in &outline.0 {
                    lines.extend(shared_runs(ring, other));
                }
            }
        }
        MultiLineString(lines)
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
    use geo::{Area, Length};

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

    #[test]
    fn half_planes_cut_convex_polygons() {
        let square = vec![
            Coord { x: 0.0, y: 0.0 },
            Coord { x: 2.0, y: 0.0 },
            Coord { x: 2.0, y: 2.0 },
            Coord { x: 0.0, y: 2.0 },
        ];
        let left = clip_half_plane(&square, 1.0, 0.0, 1.0);
        let area = Polygon::new(LineString::from(left), Vec::new()).unsigned_area();
        assert!((area - 2.0).abs() < 1e-12);
        assert!(clip_half_plane(&square, 1.0, 0.0, -1.0).is_empty());
    }

    #[test]
    fn cells_of_two_sites_meet_on_the_bisector_and_do_not_overlap() {
        let sites = [[0.0, 0.0], [1000.0, 0.0]];
        let tree = RTree::bulk_load(sites.iter().enumerate().map(|(i, s)| GeomWithData::new(*s, i)).collect());
        let a = Polygon::new(LineString::from(voronoi_disc((0, sites[0]), &tree, 800.0)), Vec::new());
        let b = Polygon::new(LineString::from(voronoi_disc((1, sites[1]), &tree, 800.0)), Vec::new());
        assert!(a.intersection(&b).unsigned_area() < 1e-6);
        let max_x = a.exterior().coords().map(|c| c.x).fold(f64::MIN, f64::max);
        assert!((max_x - 500.0).abs() < 1e-9);
    }

    /// The disc clipped by the bisector of every other site, with no tree and no bound:
    /// slow, but plainly a Voronoi cell.
    fn cell_by_every_site(i: usize, sites: &[[f64; 2]], reach: f64) -> f64 {
        let others = sites.iter().enumerate().filter(|&(j, _)| j != i);
        let cell = others.fold(disc(sites[i], reach), |cell, (_, &other)| nearer_half(&cell, sites[i], other));
        Polygon::new(LineString::from(cell), Vec::new()).unsigned_area()
    }

    proptest::proptest! {
        /// Seeking only the neighbours the nearest few leave in reach must not change a
        /// cell, however crowded or sparse the sites.
        #[test]
        fn cells_match_clipping_by_every_site(
            clustered in proptest::collection::vec((0.0..600.0f64, 0.0..600.0f64), 2..40),
            scattered in proptest::collection::vec((-4000.0..4000.0f64, -4000.0..4000.0f64), 0..20),
        ) {
            let sites: Vec<[f64; 2]> = clustered.into_iter().chain(scattered).map(|(x, y)| [x, y]).collect();
            let tree = RTree::bulk_load(sites.iter().enumerate().map(|(i, s)| GeomWithData::new(*s, i)).collect());
            for i in 0..sites.len() {
                let fast = voronoi_disc((i, sites[i]), &tree, 1500.0);
                let fast = Polygon::new(LineString::from(fast), Vec::new()).unsigned_area();
                let slow = cell_by_every_site(i, &sites, 1500.0);
                proptest::prop_assert!((fast - slow).abs() <= 1e-6 * slow.max(1.0), "site {}: {} m² against {} m²", i, fast, slow);
            }
        }
    }

    #[test]
    fn a_site_on_top_of_another_gets_no_cell() {
        let sites = [[0.0, 0.0], [0.0, 0.0]];
        let tree = RTree::bulk_load(sites.iter().enumerate().map(|(i, s)| GeomWithData::new(*s, i)).collect());
        assert!(!voronoi_disc((0, sites[0]), &tree, 500.0).is_empty());
        assert!(voronoi_disc((1, sites[1]), &tree, 500.0).is_empty());
    }

    #[test]
    fn banks_split_the_area_along_the_river() {
        let area = Polygon::new(LineString::from(vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]), Vec::new());
        let river = [Coord { x: 5.0, y: 8.0 }, Coord { x: 4.0, y: 5.0 }, Coord { x: 6.0, y: 2.0 }];
        let (east, west) = bank_polygons(&river, &area);
        assert!((east.unsigned_area() + west.unsigned_area() - 100.0).abs() < 1e-6);
        assert!(east.intersection(&west).unsigned_area() < 1e-9);
        use geo::Contains;
        assert!(east.contains(&geo::Point::new(7.0, 5.0)) && west.contains(&geo::Point::new(3.0, 5.0)));
    }
}

//! Rivers as walls. The barrier rivers a dataset declares (`[territory] rivers` in
//! dataset.toml) cut its area into compartments, and a place claims ground only in its own
//! compartment: ground across a river goes to the nearest place on that side, or to no
//! one. The first barrier river is the one the places' `bank` column refers to; a place
//! with a bank is put in a compartment on that bank even where its position, known only
//! roughly, falls a little across the river.

use geo::{
    Area, BooleanOps, BoundingRect, Buffer, Contains, Coord, Distance, Euclidean, InteriorPoint, Line, LineString,
    MultiLineString, MultiPolygon, Point, Polygon, Rect,
};
use rstar::RTree;

use crate::dataset::manifest::Bank;
use crate::model::territory::voronoi::clip_half_plane;

/// The width of the cut a river makes through the area, in metres: nothing a map can
/// show, and far above the rounding of coordinates, so areas either side never touch.
const CUT_M: f64 = 0.2;
/// How far each end of a river is carried on, in metres, so that a river ending on
/// another (the Great Zab on the Tigris) or on the edge of the area closes its cut.
const EXTEND_M: f64 = 200.0;
/// Pieces smaller than this (m²) are slivers where two cuts cross, not ground.
const SLIVER_M2: f64 = 10_000.0;

/// One part of the area between barrier rivers.
#[derive(Debug, Clone)]
pub struct Compartment {
    pub shape: Polygon<f64>,
    /// The side of the bank river it lies on, when the dataset has barrier rivers.
    pub bank: Option<Bank>,
    /// Its boundary as segments, to tell cheaply whether a cell reaches it.
    edges: RTree<Line<f64>>,
}

/// The area cut by the barrier rivers, in projected metres.
#[derive(Debug, Clone)]
pub struct Compartments(pub Vec<Compartment>);

impl Compartments {
    /// `rivers` are the barrier rivers' lines, the bank river's first, all projected;
    /// `bank_river` is the bank river as one line from north to south.
    pub fn new(
        area: &Polygon<f64>,
        rivers: &[MultiLineString<f64>],
        bank_river: Option<&[Coord<f64>]>,
    ) -> Compartments {
        let cuts: Vec<Polygon<f64>> = rivers
            .iter()
            .flat_map(|river| river.0.iter())
            .filter(|line| line.0.len() > 1)
            .flat_map(|line| extended(line).buffer(CUT_M / 2.0).0)
            .collect();
        let pieces = if cuts.is_empty() {
            vec![area.clone()]
        } else {
            MultiPolygon::new(vec![area.clone()]).difference(&MultiPolygon::new(cuts)).0
        };
        let banks = bank_river.map(|line| bank_polygons(line, area));
        let compartments = pieces
            .into_iter()
            .filter(|shape| shape.unsigned_area() >= SLIVER_M2)
            .map(|shape| {
                let bank = banks.as_ref().and_then(|(east, _)| {
                    let inside = shape.interior_point()?;
                    Some(if east.contains(&inside) { Bank::East } else { Bank::West })
                });
                let edges = RTree::bulk_load(
                    std::iter::once(shape.exterior()).chain(shape.interiors()).flat_map(LineString::lines).collect(),
                );
                Compartment { shape, bank, edges }
            })
            .collect();
        Compartments(compartments)
    }

    /// The compartment a place at `site` claims ground in: the one it lies in, unless its
    /// `bank` says otherwise; then, as for a place in no compartment (on the river's cut,
    /// or outside the area), the nearest one on its bank.
    pub fn of(&self, [x, y]: [f64; 2], bank: Option<Bank>) -> Option<usize> {
        if self.0.len() == 1 {
            return Some(0);
        }
        let point = Point::new(x, y);
        let allowed = |c: &Compartment| bank.is_none() || c.bank.is_none() || c.bank == bank;
        if let Some(k) = self.0.iter().position(|c| allowed(c) && c.shape.contains(&point)) {
            return Some(k);
        }
        self.0
            .iter()
            .enumerate()
            .filter(|(_, c)| allowed(c))
            .map(|(k, c)| (k, Euclidean.distance(&point, &c.shape)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| k)
    }

    /// `shape` cut to compartment `k`. Most cells lie well inside theirs, and a boolean
    /// operation per cell was most of the time it took to build them, so a shape whose
    /// bounding box meets no edge of the compartment and lies inside it is kept whole.
    /// Otherwise it is cut by the part of the compartment around it only: a compartment
    /// bounded by a river has thousands of vertices, a cell a few dozen.
    pub fn clip(&self, k: usize, shape: MultiPolygon<f64>) -> MultiPolygon<f64> {
        let compartment = &self.0[k];
        let Some(bounds) = shape.bounding_rect() else { return shape };
        let envelope = rstar::AABB::from_corners(bounds.min().into(), bounds.max().into());
        let crosses = compartment.edges.locate_in_envelope_intersecting(&envelope).next().is_some();
        if !crosses && compartment.shape.contains(&bounds.min()) {
            return shape;
        }
        shape.intersection(&MultiPolygon::new(vec![window(&compartment.shape, bounds)]))
    }

    /// Every compartment on `bank` of the bank river, as one shape.
    pub fn bank(&self, bank: Bank) -> MultiPolygon<f64> {
        MultiPolygon::new(self.0.iter().filter(|c| c.bank == Some(bank)).map(|c| c.shape.clone()).collect())
    }

    /// True when the area is cut by rivers.
    pub fn has_rivers(&self) -> bool {
        self.0.iter().any(|c| c.bank.is_some())
    }
}

/// The part of `polygon` within `bounds` (grown by a metre), each ring cut by the four sides
/// of the rectangle. A concave ring may come back with edges doubled along a side; the
/// boolean operation that uses the window reads those as nothing.
fn window(polygon: &Polygon<f64>, bounds: Rect<f64>) -> Polygon<f64> {
    let (low, high) = (bounds.min(), bounds.max());
    let sides =
        [(-1.0, 0.0, -(low.x - 1.0)), (1.0, 0.0, high.x + 1.0), (0.0, -1.0, -(low.y - 1.0)), (0.0, 1.0, high.y + 1.0)];
    let cut = |ring: &LineString<f64>| {
        let open = &ring.0[..ring.0.len().saturating_sub(1)];
        let kept = sides.iter().fold(open.to_vec(), |points, &(nx, ny, limit)| clip_half_plane(&points, nx, ny, limit));
        LineString::new(kept)
    };
    let holes = polygon.interiors().iter().map(cut).filter(|r| r.0.len() >= 3).collect();
    Polygon::new(cut(polygon.exterior()), holes)
}

/// `line` carried on for [`EXTEND_M`] beyond each end, along its end segments.
fn extended(line: &LineString<f64>) -> LineString<f64> {
    let coords = &line.0;
    let beyond = |from: Coord<f64>, to: Coord<f64>| {
        let d = to - from;
        let length = d.x.hypot(d.y);
        if length == 0.0 { to } else { to + d * (EXTEND_M / length) }
    };
    let (n, mut out) = (coords.len(), Vec::with_capacity(coords.len() + 2));
    out.push(beyond(coords[1], coords[0]));
    out.extend_from_slice(coords);
    out.push(beyond(coords[n - 2], coords[n - 1]));
    LineString::new(out)
}

/// The parts of `area` east and west of a north-to-south river line; the line is carried
/// straight north and south past the area so it divides all of it.
pub fn bank_polygons(chain: &[Coord<f64>], area: &Polygon<f64>) -> (MultiPolygon<f64>, MultiPolygon<f64>) {
    let bounds: Rect<f64> = area.bounding_rect().expect("the area has corners");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn square(size: f64) -> Polygon<f64> {
        Polygon::new(LineString::from(vec![(0.0, 0.0), (size, 0.0), (size, size), (0.0, size)]), Vec::new())
    }

    #[test]
    fn banks_split_the_area_along_the_river() {
        let river = [Coord { x: 5.0, y: 8.0 }, Coord { x: 4.0, y: 5.0 }, Coord { x: 6.0, y: 2.0 }];
        let (east, west) = bank_polygons(&river, &square(10.0));
        assert!((east.unsigned_area() + west.unsigned_area() - 100.0).abs() < 1e-6);
        assert!(east.intersection(&west).unsigned_area() < 1e-9);
        assert!(east.contains(&Point::new(7.0, 5.0)) && west.contains(&Point::new(3.0, 5.0)));
    }

    /// A river across the square from north to south, and a tributary from the east edge
    /// that ends on it: three compartments, west, north-east and south-east.
    fn two_rivers() -> Compartments {
        let main = LineString::from(vec![(5000.0, 10_100.0), (4800.0, 5000.0), (5000.0, -100.0)]);
        let tributary = LineString::from(vec![(10_100.0, 3000.0), (7000.0, 4000.0), (4880.0, 5000.0)]);
        let chain = main.0.clone();
        Compartments::new(
            &square(10_000.0),
            &[MultiLineString(vec![main]), MultiLineString(vec![tributary])],
            Some(&chain),
        )
    }

    #[test]
    fn a_river_ending_on_another_closes_its_compartment() {
        let compartments = two_rivers();
        assert_eq!(compartments.0.len(), 3, "west, north-east, south-east");
        let banks: Vec<Option<Bank>> = compartments.0.iter().map(|c| c.bank).collect();
        assert_eq!(banks.iter().filter(|b| **b == Some(Bank::East)).count(), 2);
        let total: f64 = compartments.0.iter().map(|c| c.shape.unsigned_area()).sum();
        assert!((total - 1e8).abs() < 1e8 * 1e-4, "the cuts take almost nothing: {total}");
        let ne = compartments.of([9000.0, 9000.0], None).unwrap();
        let se = compartments.of([9000.0, 1000.0], None).unwrap();
        let w = compartments.of([1000.0, 5000.0], None).unwrap();
        assert!(ne != se && se != w && w != ne);
    }

    #[test]
    fn a_place_given_a_bank_stays_on_it() {
        let compartments = two_rivers();
        // 100 m west of the river but marked east: the nearest eastern compartment.
        let k = compartments.of([4700.0, 8000.0], Some(Bank::East)).unwrap();
        assert_eq!(compartments.0[k].bank, Some(Bank::East));
        assert_eq!(compartments.of([9000.0, 9000.0], None), compartments.of([4700.0, 8000.0], Some(Bank::East)));
    }

    #[test]
    fn clipping_keeps_what_lies_inside_and_cuts_what_crosses() {
        let compartments = two_rivers();
        let w = compartments.of([1000.0, 5000.0], None).unwrap();
        let inside = MultiPolygon::new(vec![Polygon::new(
            LineString::from(vec![(100.0, 100.0), (1100.0, 100.0), (1100.0, 1100.0), (100.0, 1100.0)]),
            Vec::new(),
        )]);
        assert_eq!(compartments.clip(w, inside.clone()), inside, "kept whole, not recomputed");
        let across = MultiPolygon::new(vec![Polygon::new(
            LineString::from(vec![(4000.0, 6000.0), (6000.0, 6000.0), (6000.0, 7000.0), (4000.0, 7000.0)]),
            Vec::new(),
        )]);
        let cut = compartments.clip(w, across).unsigned_area();
        assert!(cut > 0.35 * 2e6 && cut < 0.55 * 2e6, "about the western half: {cut}");
    }
}

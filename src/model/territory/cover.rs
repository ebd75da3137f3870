//! Known ground: what the places of one compartment say something about. Around each place,
//! a disc of its kind's reach; between places that are neighbours (every side of their
//! Delaunay triangle shorter than the dataset's neighbour distance), the whole triangle.
//! Ground outside both is "no information": open desert, or land no source describes.

use geo::{
    BooleanOps, BoundingRect, Coord, LineString, MultiPoint, MultiPolygon, Point, Polygon, Rect,
    TriangulateDelaunayUnconstrained, unary_union,
};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::model::territory::voronoi::{Site, clip_half_plane, disc, farthest, inner_radius};

/// The known ground of one compartment.
pub struct Cover {
    /// Triangles between neighbouring places, indexed by their bounding boxes.
    triangles: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    shapes: Vec<Polygon<f64>>,
    /// The places whose discs count, with their reach in metres.
    sites: RTree<Site>,
    reach: Vec<f64>,
    longest_reach: f64,
}

impl Cover {
    /// `sites` are the compartment's places; `reach[place]` is each one's reach.
    pub fn new(sites: &[([f64; 2], usize)], reach: Vec<f64>, neighbour_m: f64) -> Cover {
        let points: MultiPoint<f64> = sites.iter().map(|&([x, y], _)| Point::new(x, y)).collect();
        // Spade refuses only non-finite or enormous coordinates, which projected positions
        // in the area never are; without a triangulation, ground is covered by discs alone.
        let triangles =
            if sites.len() >= 3 { points.unconstrained_triangulation().unwrap_or_default() } else { Vec::new() };
        let shapes: Vec<Polygon<f64>> = triangles
            .into_iter()
            .filter(|t| {
                t.to_array()
                    .iter()
                    .zip(t.to_array().iter().cycle().skip(1))
                    .all(|(a, b)| (*a - *b).x.hypot((*a - *b).y) <= neighbour_m)
            })
            .map(|t| t.to_polygon())
            .collect();
        let boxes = shapes
            .iter()
            .enumerate()
            .filter_map(|(k, shape)| {
                let r = shape.bounding_rect()?;
                Some(GeomWithData::new(Rectangle::from_corners(r.min().into(), r.max().into()), k))
            })
            .collect();
        let longest_reach = sites.iter().map(|&(_, place)| reach[place]).fold(0.0, f64::max);
        Cover {
            triangles: RTree::bulk_load(boxes),
            shapes,
            sites: RTree::bulk_load(sites.iter().map(|&(s, place)| GeomWithData::new(s, place)).collect()),
            reach,
            longest_reach,
        }
    }

    /// How far from its place a point of known ground can lie at most: the reach of the
    /// place, or the radius of the largest triangle of neighbours (for a triangle whose
    /// sides are all shorter than d, no point lies further than d/√3 from its nearest
    /// corner).
    pub fn radius(reach: f64, neighbour_m: f64) -> f64 {
        reach.max(neighbour_m / 3f64.sqrt())
    }

    /// The part of `cell` (the Voronoi cell of `place` at `site`) that is known ground.
    ///
    /// Every piece of known ground (a disc, a triangle) and the cell are convex, so the cell
    /// is cut by each piece exactly and cheaply (half-planes), and only the few cut pieces
    /// are dissolved; a cell inside one piece is kept whole.
    pub fn cut(&self, cell: Vec<Coord<f64>>, site: [f64; 2], place: usize) -> MultiPolygon<f64> {
        // A cell within its own place's reach is known ground all through: most cells of
        // a city or a crowded plain are.
        if farthest(&cell, site) <= inner_radius(self.reach[place]) {
            return MultiPolygon::new(vec![Polygon::new(LineString::new(cell), Vec::new())]);
        }
        let Some(bounds) = LineString::new(cell.clone()).bounding_rect() else { return MultiPolygon::new(Vec::new()) };
        let mut pieces: Vec<Vec<Coord<f64>>> = self.discs_near(bounds);
        let envelope = AABB::from_corners(bounds.min().into(), bounds.max().into());
        let mut triangles: Vec<usize> =
            self.triangles.locate_in_envelope_intersecting(&envelope).map(|t| t.data).collect();
        // In the order they were made, whatever order the tree gives.
        triangles.sort_unstable();
        pieces.extend(triangles.into_iter().map(|k| self.shapes[k].exterior().0[..3].to_vec()));
        if pieces.iter().any(|piece| cell.iter().all(|c| inside_convex(piece, *c))) {
            return MultiPolygon::new(vec![Polygon::new(LineString::new(cell), Vec::new())]);
        }
        // Only the pieces that reach into the cell are dissolved. Dissolving the pieces
        // once cut to the cell would be cheaper still, but their edges along the cell's
        // sides coincide, and i_overlay 1.x can spin on many coincident edges.
        pieces.retain(|piece| clip_convex(&cell, piece).len() >= 3);
        if pieces.is_empty() {
            return MultiPolygon::new(Vec::new());
        }
        let known = unary_union(
            pieces.into_iter().map(|p| Polygon::new(LineString::new(p), Vec::new())).collect::<Vec<_>>().iter(),
        );
        MultiPolygon::new(vec![Polygon::new(LineString::new(cell), Vec::new())]).intersection(&known)
    }

    /// The reach discs of the places whose disc may reach into `bounds`, in place order.
    fn discs_near(&self, bounds: Rect<f64>) -> Vec<Vec<Coord<f64>>> {
        let grown = AABB::from_corners(
            [bounds.min().x - self.longest_reach, bounds.min().y - self.longest_reach],
            [bounds.max().x + self.longest_reach, bounds.max().y + self.longest_reach],
        );
        let mut near: Vec<(usize, [f64; 2])> =
            self.sites.locate_in_envelope(&grown).map(|s| (s.data, *s.geom())).collect();
        near.sort_unstable_by_key(|&(place, _)| place);
        near.into_iter()
            .filter(|&(place, [x, y])| {
                let r = self.reach[place];
                x + r >= bounds.min().x && x - r <= bounds.max().x && y + r >= bounds.min().y && y - r <= bounds.max().y
            })
            .map(|(place, site)| disc(site, self.reach[place]))
            .collect()
    }
}

/// Twice the signed area of a ring: positive when its vertices run counter-clockwise.
fn signed_area2(ring: &[Coord<f64>]) -> f64 {
    (0..ring.len()).map(|i| ring[i].x * ring[(i + 1) % ring.len()].y - ring[(i + 1) % ring.len()].x * ring[i].y).sum()
}

/// The outward normal and limit of each edge of a convex ring: a point `p` is inside when
/// `n · p <= limit` for every edge.
fn half_planes(convex: &[Coord<f64>]) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
    let turn = signed_area2(convex).signum();
    (0..convex.len()).map(move |i| {
        let (a, b) = (convex[i], convex[(i + 1) % convex.len()]);
        let (nx, ny) = (turn * (b.y - a.y), turn * (a.x - b.x));
        (nx, ny, nx * a.x + ny * a.y)
    })
}

fn inside_convex(convex: &[Coord<f64>], c: Coord<f64>) -> bool {
    half_planes(convex).all(|(nx, ny, limit)| nx * c.x + ny * c.y <= limit + 1e-9)
}

/// The part of convex `polygon` inside convex `window` (Sutherland–Hodgman).
fn clip_convex(polygon: &[Coord<f64>], window: &[Coord<f64>]) -> Vec<Coord<f64>> {
    half_planes(window).fold(polygon.to_vec(), |part, (nx, ny, limit)| {
        if part.is_empty() { part } else { clip_half_plane(&part, nx, ny, limit) }
    })
}

#[cfg(test)]
mod convex_tests {
    use super::*;

    #[test]
    fn convex_clipping_works_in_either_winding() {
        let square = |s: f64| {
            vec![Coord { x: 0.0, y: 0.0 }, Coord { x: s, y: 0.0 }, Coord { x: s, y: s }, Coord { x: 0.0, y: s }]
        };
        let (small, big) = (square(1.0), square(2.0));
        let mut clockwise = big.clone();
        clockwise.reverse();
        for window in [&big, &clockwise] {
            assert!(small.iter().all(|c| inside_convex(window, *c)));
            let part = clip_convex(&big, &small);
            let area = signed_area2(&part).abs() / 2.0;
            assert!((area - 1.0).abs() < 1e-12, "{area}");
        }
        assert!(!inside_convex(&small, Coord { x: 1.5, y: 0.5 }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::territory::voronoi::voronoi_disc;
    use geo::Area;

    fn cover(sites: &[[f64; 2]], reach: f64, neighbour_m: f64) -> (Cover, RTree<Site>) {
        let sites: Vec<([f64; 2], usize)> = sites.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let tree = RTree::bulk_load(sites.iter().map(|&(s, i)| GeomWithData::new(s, i)).collect());
        (Cover::new(&sites, vec![reach; sites.len()], neighbour_m), tree)
    }

    fn known(cover: &Cover, tree: &RTree<Site>, i: usize, site: [f64; 2], reach: f64, neighbour_m: f64) -> f64 {
        let cell = voronoi_disc((i, site), tree, Cover::radius(reach, neighbour_m) / inner_radius(1.0));
        cover.cut(cell, site, i).unsigned_area()
    }

    #[test]
    fn neighbours_fill_the_ground_between_them() {
        // Three villages 6 km apart: their triangle is held, not three dots.
        let sites = [[0.0, 0.0], [6000.0, 0.0], [3000.0, 5196.0]];
        let (cover, tree) = cover(&sites, 2500.0, 10_000.0);
        let total: f64 = sites.iter().enumerate().map(|(i, &s)| known(&cover, &tree, i, s, 2500.0, 10_000.0)).sum();
        let triangle = 0.5 * 6000.0 * 5196.0;
        assert!(total > triangle, "the triangle and the discs beyond it: {total} m² against {triangle}");
    }

    #[test]
    fn places_further_apart_than_neighbours_keep_their_reach() {
        // Three villages 30 km apart: each keeps a disc of its reach, and the middle is unknown.
        let sites = [[0.0, 0.0], [30_000.0, 0.0], [15_000.0, 25_980.0]];
        let (cover, tree) = cover(&sites, 2500.0, 10_000.0);
        let disc_area = Polygon::new(LineString::new(disc([0.0, 0.0], 2500.0)), Vec::new()).unsigned_area();
        for (i, &s) in sites.iter().enumerate() {
            let area = known(&cover, &tree, i, s, 2500.0, 10_000.0);
            assert!((area - disc_area).abs() < 1.0, "site {i}: {area} m² against {disc_area}");
        }
    }
}

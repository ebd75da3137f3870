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

use crate::model::territory::voronoi::{Site, disc, farthest, inner_radius};

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
    pub fn cut(&self, cell: Vec<Coord<f64>>, site: [f64; 2], place: usize) -> MultiPolygon<f64> {
        let cell = Polygon::new(LineString::new(cell), Vec::new());
        // A cell within its own place's reach is known ground all through: most cells of
        // a city or a crowded plain are.
        if farthest(&cell.exterior().0, site) <= inner_radius(self.reach[place]) {
            return MultiPolygon::new(vec![cell]);
        }
        let Some(bounds) = cell.bounding_rect() else { return MultiPolygon::new(Vec::new()) };
        let mut pieces: Vec<Polygon<f64>> = self.discs_near(bounds);
        let envelope = AABB::from_corners(bounds.min().into(), bounds.max().into());
        let mut triangles: Vec<usize> =
            self.triangles.locate_in_envelope_intersecting(&envelope).map(|t| t.data).collect();
        // In the order they were made, whatever order the tree gives.
        triangles.sort_unstable();
        pieces.extend(triangles.into_iter().map(|k| self.shapes[k].clone()));
        if pieces.is_empty() {
            return MultiPolygon::new(Vec::new());
        }
        MultiPolygon::new(vec![cell]).intersection(&unary_union(pieces.iter()))
    }

    /// The reach discs of the places whose disc may reach into `bounds`, in place order.
    fn discs_near(&self, bounds: Rect<f64>) -> Vec<Polygon<f64>> {
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
            .map(|(place, site)| Polygon::new(LineString::new(disc(site, self.reach[place])), Vec::new()))
            .collect()
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

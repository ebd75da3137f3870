//! The geometry of one cell: a site's Voronoi cell within a disc, cut by the half-planes of
//! its neighbours (Sutherland–Hodgman on a convex polygon, exact and fast).

use geo::Coord;
use rstar::RTree;
use rstar::primitives::GeomWithData;

/// A site of the cell network: its position in projected metres and its place.
pub type Site = GeomWithData<[f64; 2], usize>;

/// Vertices of the disc that bounds a cell before neighbours cut it.
const DISC_VERTICES: usize = 48;
/// How many of a site's nearest neighbours bound its cell before the others are sought.
const BOUNDING_NEIGHBOURS: usize = 8;

/// The disc of radius `radius` around site `i`, cut by the half-planes of every site that
/// can reach into it: a Voronoi cell limited to the disc. Ties between sites on the same
/// spot go to the lower index (the other gets no cell).
pub fn voronoi_disc((i, site): (usize, [f64; 2]), tree: &RTree<Site>, radius: f64) -> Vec<Coord<f64>> {
    let [sx, sy] = site;
    let mut polygon = disc(site, radius);
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
    // No vertex lies further than `reach` from the site, and a neighbour more than twice
    // as far would leave the polygon as it is.
    let mut reach = radius;
    for (j, other) in neighbours {
        let (nx, ny) = (other[0] - sx, other[1] - sy);
        if coincident(nx, ny) {
            if j < i {
                return Vec::new();
            }
            continue;
        }
        if nx * nx + ny * ny > (2.0 * reach + 1e-6).powi(2) {
            continue;
        }
        polygon = nearer_half(&polygon, site, other);
        if polygon.is_empty() {
            break;
        }
        reach = farthest(&polygon, site);
    }
    polygon
}

/// The part of `polygon` nearer to `site` than to `other`: the side of their bisector
/// where n·p <= n·midpoint, n pointing from `site` to `other`.
pub fn nearer_half(polygon: &[Coord<f64>], [sx, sy]: [f64; 2], [tx, ty]: [f64; 2]) -> Vec<Coord<f64>> {
    let (nx, ny) = (tx - sx, ty - sy);
    clip_half_plane(polygon, nx, ny, nx * (sx + tx) / 2.0 + ny * (sy + ty) / 2.0)
}

/// A circle of `radius` around `[x, y]`, as a polygon of [`DISC_VERTICES`] vertices.
pub fn disc([x, y]: [f64; 2], radius: f64) -> Vec<Coord<f64>> {
    (0..DISC_VERTICES)
        .map(|k| {
            let angle = std::f64::consts::TAU * k as f64 / DISC_VERTICES as f64;
            Coord { x: x + radius * angle.cos(), y: y + radius * angle.sin() }
        })
        .collect()
}

/// The radius a [`disc`] polygon of `radius` keeps at its narrowest: the distance from the
/// centre to the middle of an edge.
pub fn inner_radius(radius: f64) -> f64 {
    radius * (std::f64::consts::PI / DISC_VERTICES as f64).cos()
}

/// True for two sites closer than a micrometre, `(dx, dy)` apart: the same spot.
pub fn coincident(dx: f64, dy: f64) -> bool {
    dx * dx + dy * dy < 1e-12
}

/// How far the vertex furthest from `site` lies.
pub fn farthest(polygon: &[Coord<f64>], [sx, sy]: [f64; 2]) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, BooleanOps, LineString, Polygon};

    fn tree(sites: &[[f64; 2]]) -> RTree<Site> {
        RTree::bulk_load(sites.iter().enumerate().map(|(i, s)| GeomWithData::new(*s, i)).collect())
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
        let tree = tree(&sites);
        let a = Polygon::new(LineString::from(voronoi_disc((0, sites[0]), &tree, 800.0)), Vec::new());
        let b = Polygon::new(LineString::from(voronoi_disc((1, sites[1]), &tree, 800.0)), Vec::new());
        assert!(a.intersection(&b).unsigned_area() < 1e-6);
        let max_x = a.exterior().coords().map(|c| c.x).fold(f64::MIN, f64::max);
        assert!((max_x - 500.0).abs() < 1e-9);
    }

    /// The disc clipped by the bisector of every other site, with no tree and no bound:
    /// slow, but plainly a Voronoi cell.
    fn cell_by_every_site(i: usize, sites: &[[f64; 2]], radius: f64) -> f64 {
        let others = sites.iter().enumerate().filter(|&(j, _)| j != i);
        let cell = others.fold(disc(sites[i], radius), |cell, (_, &other)| nearer_half(&cell, sites[i], other));
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
            let tree = tree(&sites);
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
        let tree = tree(&sites);
        assert!(!voronoi_disc((0, sites[0]), &tree, 500.0).is_empty());
        assert!(voronoi_disc((1, sites[1]), &tree, 500.0).is_empty());
    }
}

//! Shapes cut to a window before they are drawn in a clipped part of a frame (the inset).
//!
//! resvg draws a clipped group on a layer the size of the group's content: district
//! outlines and rivers that run far beyond an inset made layers many times the frame's
//! size, and rasterising a whole-area frame took four times as long as without the inset.
//! Cut to the window (a little larger than the inset's map, under its clip path), the
//! layers are the inset's size and what shows is the same.

use geo::{Coord, Geometry, LineString, MultiLineString, MultiPolygon, Polygon};

use crate::dataset::basemap::Basemap;
use crate::model::territory::clip_half_plane;

/// A window, in the units of the shapes it cuts (projected metres, or pixels): least and
/// greatest x, least and greatest y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Window {
    fn contains(&self, c: &Coord<f64>) -> bool {
        (self.x0..=self.x1).contains(&c.x) && (self.y0..=self.y1).contains(&c.y)
    }
}

/// The basemap's features cut to `window`; features with nothing inside it are left out.
pub fn basemap(basemap: &Basemap, window: Window) -> Basemap {
    basemap.map_features(|shape| geometry(shape, window))
}

fn geometry(geometry: &Geometry<f64>, window: Window) -> Option<Geometry<f64>> {
    let cut = match geometry {
        Geometry::LineString(l) => Geometry::MultiLineString(lines(&MultiLineString(vec![l.clone()]), window)),
        Geometry::MultiLineString(m) => Geometry::MultiLineString(lines(m, window)),
        Geometry::Polygon(p) => Geometry::MultiPolygon(polygons(std::slice::from_ref(p), window)),
        Geometry::MultiPolygon(m) => Geometry::MultiPolygon(polygons(&m.0, window)),
        _ => return None,
    };
    let empty = match &cut {
        Geometry::MultiLineString(m) => m.0.is_empty(),
        Geometry::MultiPolygon(m) => m.0.is_empty(),
        _ => true,
    };
    (!empty).then_some(cut)
}

/// The polygons' rings cut by each edge of the window in turn; where a ring leaves the
/// window the cut runs along its edge (even-odd filling inside is unchanged).
fn polygons(polygons: &[Polygon<f64>], window: Window) -> MultiPolygon<f64> {
    let ring = |r: &LineString<f64>| LineString(ring(r.0.clone(), window));
    let cut = polygons.iter().filter_map(|p| {
        let exterior = ring(p.exterior());
        let interiors = p.interiors().iter().map(ring).filter(|r| r.0.len() >= 3).collect();
        (exterior.0.len() >= 3).then(|| Polygon::new(exterior, interiors))
    });
    MultiPolygon(cut.collect())
}

/// A closed ring cut by each edge of the window in turn. Where the ring leaves the window
/// the result runs along the window's edge (even-odd filling inside is unchanged); a ring
/// wholly inside comes back as it is.
pub fn ring(ring: Vec<Coord<f64>>, window: Window) -> Vec<Coord<f64>> {
    if ring.iter().all(|c| window.contains(c)) {
        return ring;
    }
    // The window's edges as half-planes n·p <= limit: x >= x0, x <= x1, y >= y0, y <= y1.
    let edges = [(-1.0, 0.0, -window.x0), (1.0, 0.0, window.x1), (0.0, -1.0, -window.y0), (0.0, 1.0, window.y1)];
    edges.iter().fold(ring, |ring, &(nx, ny, limit)| clip_half_plane(&ring, nx, ny, limit))
}

/// The parts of the lines inside the window.
pub fn lines(lines: &MultiLineString<f64>, window: Window) -> MultiLineString<f64> {
    let mut pieces: Vec<LineString<f64>> = Vec::new();
    for line in &lines.0 {
        let mut current: Vec<Coord<f64>> = Vec::new();
        for segment in line.0.windows(2) {
            match segment_inside(segment[0], segment[1], window) {
                Some((a, b)) => {
                    if current.last() != Some(&a) {
                        flush(&mut current, &mut pieces);
                        current.push(a);
                    }
                    current.push(b);
                }
                None => flush(&mut current, &mut pieces),
            }
        }
        flush(&mut current, &mut pieces);
    }
    MultiLineString(pieces)
}

fn flush(current: &mut Vec<Coord<f64>>, pieces: &mut Vec<LineString<f64>>) {
    if current.len() >= 2 {
        pieces.push(LineString(std::mem::take(current)));
    }
    current.clear();
}

/// The part of the segment a–b inside the window (Liang–Barsky), if any.
fn segment_inside(a: Coord<f64>, b: Coord<f64>, window: Window) -> Option<(Coord<f64>, Coord<f64>)> {
    if window.contains(&a) && window.contains(&b) {
        return Some((a, b));
    }
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.x - window.x0), (dx, window.x1 - a.x), (-dy, a.y - window.y0), (dy, window.y1 - a.y)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
            continue;
        }
        let t = q / p;
        if p < 0.0 {
            t0 = t0.max(t);
        } else {
            t1 = t1.min(t);
        }
        if t0 > t1 {
            return None;
        }
    }
    let at = |t: f64| Coord { x: a.x + t * dx, y: a.y + t * dy };
    Some((if t0 > 0.0 { at(t0) } else { a }, if t1 < 1.0 { at(t1) } else { b }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{coord, line_string, polygon};

    const WINDOW: Window = Window { x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };

    #[test]
    fn a_line_keeps_only_its_pieces_inside() {
        let line =
            line_string![(x: -5.0, y: 5.0), (x: 5.0, y: 5.0), (x: 5.0, y: 20.0), (x: 8.0, y: 20.0), (x: 8.0, y: 8.0)];
        let cut = lines(&MultiLineString(vec![line]), WINDOW);
        let pieces: Vec<Vec<Coord<f64>>> = cut.0.into_iter().map(|l| l.0).collect();
        assert_eq!(
            pieces,
            [
                vec![coord! { x: 0.0, y: 5.0 }, coord! { x: 5.0, y: 5.0 }, coord! { x: 5.0, y: 10.0 }],
                vec![coord! { x: 8.0, y: 10.0 }, coord! { x: 8.0, y: 8.0 }],
            ]
        );
        let outside = line_string![(x: -5.0, y: -5.0), (x: -1.0, y: 20.0)];
        assert!(lines(&MultiLineString(vec![outside]), WINDOW).0.is_empty());
    }

    #[test]
    fn a_polygon_is_cut_to_the_window_and_one_outside_goes() {
        let big = polygon![(x: -10.0, y: -10.0), (x: 20.0, y: -10.0), (x: 20.0, y: 20.0), (x: -10.0, y: 20.0)];
        let far = polygon![(x: 30.0, y: 30.0), (x: 40.0, y: 30.0), (x: 40.0, y: 40.0)];
        let cut = polygons(&[big, far], WINDOW);
        assert_eq!(cut.0.len(), 1);
        let xs: Vec<f64> = cut.0[0].exterior().coords().map(|c| c.x).collect();
        assert!(xs.iter().all(|x| (0.0..=10.0).contains(x)), "{xs:?}");
        let inside = polygon![(x: 1.0, y: 1.0), (x: 2.0, y: 1.0), (x: 2.0, y: 2.0)];
        assert_eq!(polygons(std::slice::from_ref(&inside), WINDOW).0, vec![inside], "untouched");
    }
}

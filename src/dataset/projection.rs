//! Projection and viewport: longitude/latitude to metres on a conformal local projection,
//! and metres to pixels of a frame.
//!
//! A transverse Mercator centred on the area keeps distances true to about 0.01% over a
//! 300 km area, so a scale bar drawn anywhere on the map is true.

use proj4rs::proj::Proj;

use crate::dataset::manifest::LonLatBox;

/// A transverse Mercator projection centred on (lon0, lat0), on the WGS84 ellipsoid.
pub struct Projection {
    tmerc: Proj,
    wgs84: Proj,
    pub lon0: f64,
    pub lat0: f64,
}

impl std::fmt::Debug for Projection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Projection(tmerc lon0={} lat0={})", self.lon0, self.lat0)
    }
}

impl Projection {
    pub fn transverse_mercator(lon0: f64, lat0: f64) -> Projection {
        let definition =
            format!("+proj=tmerc +lat_0={lat0} +lon_0={lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs");
        // Both strings are fixed apart from two finite numbers, which proj4rs accepts.
        let tmerc = Proj::from_proj_string(&definition).expect("a tmerc definition with numeric centre parses");
        let wgs84 = Proj::from_proj_string("+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs")
            .expect("the WGS84 definition parses");
        Projection { tmerc, wgs84, lon0, lat0 }
    }

    /// Metres east and north of the centre.
    pub fn forward(&self, lon: f64, lat: f64) -> (f64, f64) {
        let mut point = (lon.to_radians(), lat.to_radians(), 0.0);
        match proj4rs::transform::transform(&self.wgs84, &self.tmerc, &mut point) {
            Ok(()) => (point.0, point.1),
            Err(_) => (f64::NAN, f64::NAN),
        }
    }

    /// Longitude and latitude of a projected point.
    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let mut point = (x, y, 0.0);
        match proj4rs::transform::transform(&self.tmerc, &self.wgs84, &mut point) {
            Ok(()) => (point.0.to_degrees(), point.1.to_degrees()),
            Err(_) => (f64::NAN, f64::NAN),
        }
    }

    /// The projected bounding box of a lon/lat box; its edges are sampled because they
    /// curve under the projection.
    pub fn bounds(&self, area: &LonLatBox) -> Bounds {
        const SAMPLES: usize = 32;
        let mut bounds = Bounds::empty();
        for i in 0..=SAMPLES {
            let t = i as f64 / SAMPLES as f64;
            let lon = area.west + t * (area.east - area.west);
            let lat = area.south + t * (area.north - area.south);
            for (lon, lat) in [(lon, area.south), (lon, area.north), (area.west, lat), (area.east, lat)] {
                bounds.include(self.forward(lon, lat));
            }
        }
        bounds
    }
}

/// An axis-aligned box in projected metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Bounds {
    fn empty() -> Bounds {
        Bounds { min_x: f64::INFINITY, min_y: f64::INFINITY, max_x: f64::NEG_INFINITY, max_y: f64::NEG_INFINITY }
    }

    fn include(&mut self, (x, y): (f64, f64)) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }

    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }
}

/// Maps projected metres onto a rectangle of pixels, north up, with one scale on both
/// axes (so shapes and the scale bar stay true).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// The projected box shown.
    pub bounds: Bounds,
    /// Pixels per metre.
    pub scale: f64,
    /// The pixel rectangle the map occupies: left, top, width, height.
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Viewport {
    /// A viewport `width` pixels wide showing `bounds`, its height following the aspect.
    pub fn fit_width(bounds: Bounds, left: f64, top: f64, width: f64) -> Viewport {
        let scale = width / bounds.width();
        Viewport { bounds, scale, left, top, width, height: bounds.height() * scale }
    }

    /// A viewport filling the rectangle `(left, top, width, height)`: `bounds` whole at the
    /// largest scale that fits, and more ground around it on the sides the rectangle has
    /// room for, so the map covers the rectangle rather than leaving bars.
    pub fn fill(bounds: Bounds, (left, top, width, height): (f64, f64, f64, f64)) -> Viewport {
        let scale = (width / bounds.width()).min(height / bounds.height());
        let (cx, cy) = ((bounds.min_x + bounds.max_x) / 2.0, (bounds.min_y + bounds.max_y) / 2.0);
        let (half_w, half_h) = (width / scale / 2.0, height / scale / 2.0);
        let grown = Bounds { min_x: cx - half_w, min_y: cy - half_h, max_x: cx + half_w, max_y: cy + half_h };
        Viewport { bounds: grown, scale, left, top, width, height }
    }

    /// Pixel position of a projected point.
    pub fn to_px(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.left + (x - self.bounds.min_x) * self.scale, self.top + (self.bounds.max_y - y) * self.scale)
    }

    /// Projected point under a pixel.
    pub fn from_px(&self, (px, py): (f64, f64)) -> (f64, f64) {
        (self.bounds.min_x + (px - self.left) / self.scale, self.bounds.max_y - (py - self.top) / self.scale)
    }

    pub fn contains_px(&self, (px, py): (f64, f64)) -> bool {
        self.left <= px && px <= self.left + self.width && self.top <= py && py <= self.top + self.height
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Distance, Geodesic, Point};

    fn mosul() -> Projection {
        Projection::transverse_mercator(42.65, 36.3)
    }

    #[test]
    fn the_centre_projects_to_the_origin() {
        let (x, y) = mosul().forward(42.65, 36.3);
        assert!(x.abs() < 1e-6 && y.abs() < 1e-6, "{x} {y}");
    }

    #[test]
    fn distances_are_true_across_the_area() {
        // Tal Afar to Erbil, about 160 km apart at the two ends of the area.
        let p = mosul();
        let (a, b) = ((42.4497, 36.3766), (44.0092, 36.1901));
        let (ax, ay) = p.forward(a.0, a.1);
        let (bx, by) = p.forward(b.0, b.1);
        let planar = ((ax - bx).powi(2) + (ay - by).powi(2)).sqrt();
        let geodesic = Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1));
        let error = (planar - geodesic).abs() / geodesic;
        assert!(error < 2e-4, "relative error {error}");
    }

    proptest::proptest! {
        #[test]
        fn forward_then_inverse_round_trips(lon in 41.0f64..44.5, lat in 35.0f64..37.5) {
            let p = mosul();
            let (x, y) = p.forward(lon, lat);
            let (lon2, lat2) = p.inverse(x, y);
            proptest::prop_assert!((lon - lon2).abs() < 1e-9 && (lat - lat2).abs() < 1e-9);
        }

        #[test]
        fn pixels_round_trip(x in -1e5f64..1e5, y in -1e5f64..1e5) {
            let bounds = Bounds { min_x: -2e5, min_y: -1e5, max_x: 2e5, max_y: 1.5e5 };
            let v = Viewport::fit_width(bounds, 10.0, 50.0, 1000.0);
            let (x2, y2) = v.from_px(v.to_px((x, y)));
            proptest::prop_assert!((x - x2).abs() < 1e-6 && (y - y2).abs() < 1e-6);
        }
    }

    #[test]
    fn a_filled_viewport_shows_the_bounds_whole_and_more_ground_to_fill_its_rectangle() {
        let bounds = Bounds { min_x: 0.0, min_y: 0.0, max_x: 100.0, max_y: 50.0 };
        let v = Viewport::fill(bounds, (10.0, 20.0, 400.0, 400.0));
        assert_eq!((v.scale, v.width, v.height), (4.0, 400.0, 400.0));
        assert_eq!((v.bounds.min_x, v.bounds.max_x), (0.0, 100.0), "the width fits exactly");
        assert_eq!((v.bounds.min_y, v.bounds.max_y), (-25.0, 75.0), "ground added above and below");
        assert_eq!(v.to_px((50.0, 25.0)), (210.0, 220.0), "centred");
    }

    #[test]
    fn north_is_up() {
        let bounds = Bounds { min_x: 0.0, min_y: 0.0, max_x: 100.0, max_y: 50.0 };
        let v = Viewport::fit_width(bounds, 0.0, 0.0, 200.0);
        assert_eq!(v.height, 100.0);
        assert_eq!(v.to_px((0.0, 50.0)), (0.0, 0.0));
        assert_eq!(v.to_px((100.0, 0.0)), (200.0, 100.0));
    }
}

//! Drawing the basemap layers as SVG paths in pixel space.

use std::sync::{Arc, Mutex};

use geo::{Coord, Geometry, LineString, Polygon};
use svg::Node;
use svg::node::Blob;
use svg::node::element::{Group, Path};

use super::cut;
use super::style::{Px, basemap_style, px};
use crate::dataset::basemap::Basemap;
use crate::dataset::projection::Viewport;
use crate::render::serialize::svg_text;
use crate::render::theme::Theme;

/// Lines drawn above the territory so that they stay crisp: rivers and borders.
pub fn is_top_layer(name: &str) -> bool {
    matches!(name, "rivers" | "borders")
}

/// The width a major river is drawn with, in metres: the Tigris's channel through Mosul
/// is about 150–300 m wide (bridge lengths, less their approaches; no riverbank polygon
/// is public), so a view at city scale draws it 200 m wide.
pub const MAJOR_RIVER_WIDTH_M: f64 = 200.0;

/// Basemap groups already written as SVG text, for the frames of a sequence: the basemap
/// depends on the view, the theme and the layers chosen, never on the date, so each group is
/// drawn and written once and every frame inserts its text, byte for byte what drawing it
/// would have written.
#[derive(Debug, Default)]
pub struct BasemapCache {
    drawn: Mutex<Vec<(BasemapKey, Arc<str>)>>,
}

/// What a drawn basemap group depends on, besides the dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct BasemapKey {
    /// The group's id, which also says which layers it holds (`basemap`, `inset-basemap-top`).
    pub id: &'static str,
    pub view: Viewport,
    pub theme: Theme,
    /// The clip path the group is drawn under, if any.
    pub clip: Option<&'static str>,
}

impl BasemapCache {
    fn find(&self, key: &BasemapKey) -> Option<Arc<str>> {
        let drawn = self.drawn.lock().expect("no panic while the lock is held");
        drawn.iter().find(|(k, _)| k == key).map(|(_, text)| text.clone())
    }

    /// The text of the group `draw` makes for `key`, drawn on the first call only. Frames
    /// drawn in parallel may each draw it the first time; the texts are the same.
    fn text(&self, key: BasemapKey, draw: impl FnOnce() -> Group) -> Blob {
        let text = self.find(&key).unwrap_or_else(|| {
            let text: Arc<str> = svg_text(&draw()).into();
            self.drawn.lock().expect("no panic while the lock is held").push((key, text.clone()));
            text
        });
        Blob::new(&*text)
    }
}

/// The basemap group `key` names, under its clip path: made by `draw`, unless `cache` holds
/// its text already.
pub fn basemap_group(
    key: BasemapKey,
    cache: Option<&BasemapCache>,
    draw: impl FnOnce(&BasemapKey) -> Group,
) -> Box<dyn Node> {
    let drawn = |key: &BasemapKey| match key.clip {
        Some(clip) => draw(key).set("clip-path", clip),
        None => draw(key),
    };
    match cache {
        Some(cache) => Box::new(cache.text(key.clone(), || drawn(&key))),
        None => Box::new(drawn(&key)),
    }
}

/// One group per layer that `select` accepts, clipped by the caller to the map frame.
/// `basemap` is in projected metres ([`crate::dataset::Dataset::basemap_m`]).
pub fn draw(basemap: &Basemap, view: &Viewport, theme: &Theme, id: &str, select: fn(&str) -> bool) -> Group {
    let mut group = Group::new().set("id", id.to_string()).set("class", "basemap");
    for layer in basemap.layers.iter().filter(|l| select(&l.name)) {
        let mut layer_group = Group::new().set("id", format!("{id}-{}", layer.name)).set("class", "layer");
        let mut drawn = 0;
        for feature in &layer.features {
            let d = path_data(&feature.geometry, view);
            if d.is_empty() {
                continue;
            }
            let style = basemap_style(theme, &layer.name, &feature.class);
            // A major river is drawn as water as wide as its channel where the view is
            // large enough to show it, so banks and bridges read.
            let width = if layer.name == "rivers" && feature.class == "major" {
                style.width.max(MAJOR_RIVER_WIDTH_M * view.scale)
            } else {
                style.width
            };
            let mut path = Path::new()
                .set("d", d)
                .set("fill", style.fill.unwrap_or("none").to_string())
                .set("stroke", style.stroke.to_string())
                .set("stroke-width", px(width))
                .set("stroke-linejoin", "round")
                .set("stroke-linecap", "round");
            if let Some(dash) = style.dash {
                path = path.set("stroke-dasharray", dash);
            }
            if style.fill.is_some() {
                path = path.set("fill-rule", "evenodd");
            }
            layer_group = layer_group.add(path);
            drawn += 1;
        }
        if drawn > 0 {
            group = group.add(layer_group);
        }
    }
    group
}

/// SVG path data of a geometry in projected metres, in pixels; empty when nothing of it is
/// in view.
fn path_data(geometry: &Geometry<f64>, view: &Viewport) -> String {
    let mut d = String::new();
    let mut ring = |line: &LineString<f64>, closed: bool| {
        let points: Vec<(f64, f64)> = line.coords().map(|c: &Coord<f64>| view.to_px((c.x, c.y))).collect();
        if in_view(&points, view) {
            append(&mut d, &points, closed);
        }
    };
    let mut polygon = |p: &Polygon<f64>| {
        ring(p.exterior(), true);
        p.interiors().iter().for_each(|hole| ring(hole, true));
    };
    match geometry {
        Geometry::LineString(l) => ring(l, false),
        Geometry::MultiLineString(m) => m.0.iter().for_each(|l| ring(l, false)),
        Geometry::Polygon(p) => polygon(p),
        Geometry::MultiPolygon(m) => m.0.iter().for_each(polygon),
        _ => {}
    }
    d
}

/// Whether the points' bounding box meets the map frame.
fn in_view(points: &[(f64, f64)], view: &Viewport) -> bool {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for &(x, y) in points {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    x1 >= view.left && x0 <= view.left + view.width && y1 >= view.top && y0 <= view.top + view.height
}

/// How far outside the view a shape is cut, in pixels: beyond any stroke drawn along the
/// view's edge, under the margins or clip path that hide what lies outside it.
const CUT_MARGIN_PX: f64 = 16.0;

/// SVG path data of a shape already in projected metres, cut to the view.
///
/// A view that shows part of the area (an inset, a focus on one city) would otherwise
/// carry every vertex of the area's territory, hidden but written and parsed.
pub fn projected_path(shape: &geo::MultiPolygon<f64>, view: &Viewport) -> String {
    let window = (
        view.left - CUT_MARGIN_PX,
        view.top - CUT_MARGIN_PX,
        view.left + view.width + CUT_MARGIN_PX,
        view.top + view.height + CUT_MARGIN_PX,
    );
    let mut d = String::new();
    for polygon in &shape.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let points: Vec<(f64, f64)> = ring.coords().map(|c| view.to_px((c.x, c.y))).collect();
            append(&mut d, &cut_ring(points, window), true);
        }
    }
    d
}

/// The part of a closed ring of pixel points inside `window` (x0, y0, x1, y1): [`cut::ring`].
fn cut_ring(points: Vec<(f64, f64)>, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Vec<(f64, f64)> {
    let ring = points.into_iter().map(|(x, y)| Coord { x, y }).collect();
    cut::ring(ring, cut::Window { x0, y0, x1, y1 }).into_iter().map(|c| (c.x, c.y)).collect()
}

/// SVG path data of lines already in projected metres.
pub fn projected_lines(lines: &geo::MultiLineString<f64>, view: &Viewport) -> String {
    let mut d = String::new();
    for line in &lines.0 {
        let points: Vec<(f64, f64)> = line.coords().map(|c| view.to_px((c.x, c.y))).collect();
        append(&mut d, &points, false);
    }
    d
}

/// Appends a sub-path, skipping points that round to the previous one.
fn append(d: &mut String, points: &[(f64, f64)], closed: bool) {
    let mut last: Option<(Px, Px)> = None;
    let mut count = 0;
    for &(x, y) in points {
        let here = (Px::of(x), Px::of(y));
        if last.as_ref() == Some(&here) {
            continue;
        }
        d.push(if count == 0 { 'M' } else { 'L' });
        here.0.push_to(d);
        d.push(',');
        here.1.push_to(d);
        last = Some(here);
        count += 1;
    }
    if closed && count > 0 {
        d.push('Z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(ring: &[(f64, f64)]) -> f64 {
        let twice: f64 = (0..ring.len())
            .map(|k| {
                let ((ax, ay), (bx, by)) = (ring[k], ring[(k + 1) % ring.len()]);
                ax * by - bx * ay
            })
            .sum();
        twice.abs() / 2.0
    }

    #[test]
    fn rings_are_cut_to_the_window() {
        let window = (0.0, 0.0, 100.0, 100.0);
        let inside = vec![(10.0, 10.0), (90.0, 10.0), (50.0, 90.0), (10.0, 10.0)];
        assert_eq!(cut_ring(inside.clone(), window), inside, "a ring wholly inside is kept as it is");
        let across = vec![(50.0, 20.0), (150.0, 20.0), (150.0, 80.0), (50.0, 80.0), (50.0, 20.0)];
        let cut = cut_ring(across, window);
        assert!(cut.iter().all(|&(x, y)| (0.0..=100.0).contains(&x) && (0.0..=100.0).contains(&y)));
        assert!((area(&cut) - 50.0 * 60.0).abs() < 1e-9, "the part inside: {cut:?}");
        let around = vec![(-50.0, -50.0), (150.0, -50.0), (150.0, 150.0), (-50.0, 150.0)];
        assert!((area(&cut_ring(around, window)) - 100.0 * 100.0).abs() < 1e-9, "a ring round the window fills it");
        let outside = vec![(200.0, 200.0), (300.0, 200.0), (300.0, 300.0)];
        assert!(cut_ring(outside, window).is_empty());
    }

    #[test]
    fn repeated_pixels_are_skipped_and_rings_closed() {
        let mut d = String::new();
        append(&mut d, &[(0.0, 0.0), (0.01, 0.02), (5.0, 0.0), (5.0, 5.0)], true);
        assert_eq!(d, "M0.0,0.0L5.0,0.0L5.0,5.0Z");
    }
}

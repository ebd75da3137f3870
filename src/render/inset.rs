//! The inset: a region of the dataset (usually its city) drawn larger in a corner of a view
//! in which it is too small to read, with a box on the main map showing where it is.

use geo::{MultiLineString, MultiPolygon};
use svg::node::element::{ClipPath, Group, Rectangle};

use super::style::{Set, Style, px};
use super::{areas, cut, layers, markers, style};
use crate::dataset::Dataset;
use crate::dataset::gazetteer::PlaceId;
use crate::dataset::manifest::LonLatBox;
use crate::dataset::projection::{Projection, Viewport};
use crate::model::control::ControlState;
use crate::model::territory::Territory;
use crate::render::labels::Rect;

/// A region narrower than this many pixels in the main view gets an inset.
pub const MIN_READABLE_PX: f64 = 160.0;
const TITLE_HEIGHT: f64 = 16.0;
const GAP: f64 = 8.0;

/// Where the inset goes and what it shows.
#[derive(Debug, Clone)]
pub struct Inset {
    pub label: String,
    /// The region's box on the main map.
    pub footprint: Rect,
    /// The whole inset, title included.
    pub frame: Rect,
    pub view: Viewport,
}

impl Inset {
    /// An inset of `region` in the corner of `main` that hides the fewest `markers` and
    /// meets none of `furniture`; `None` when the region is readable in the main view or
    /// lies outside it.
    pub fn plan(
        (label, region): (&str, &LonLatBox),
        projection: &Projection,
        main: &Viewport,
        markers: &[(f64, f64)],
        furniture: &[Rect],
    ) -> Option<Inset> {
        let bounds = projection.bounds(region);
        let (x0, y1) = main.to_px((bounds.min_x, bounds.min_y));
        let (x1, y0) = main.to_px((bounds.max_x, bounds.max_y));
        let footprint = Rect::new(x0, y0, x1, y1);
        let in_view = main.contains_px((x0, y0)) && main.contains_px((x1, y1));
        if !in_view || x1 - x0 >= MIN_READABLE_PX {
            return None;
        }
        let hidden = |r: &Rect| markers.iter().filter(|&&p| r.contains(&Rect::around(p, 0.0))).count();
        // The largest inset that hides no marker, or else the one that hides the fewest.
        let frame = [0.30, 0.26, 0.22]
            .into_iter()
            .flat_map(|share| {
                let width = (main.width * share).clamp(180.0, 420.0);
                let height = width * bounds.height() / bounds.width() + TITLE_HEIGHT;
                candidates(main, (width, height))
            })
            .filter(|r| !r.intersects(&footprint) && furniture.iter().all(|f| !r.intersects(f)))
            .enumerate()
            .min_by_key(|(order, r)| (hidden(r), *order))
            .map(|(_, r)| r)?;
        let width = frame.x1 - frame.x0;
        let view = Viewport::fit_width(bounds, frame.x0, frame.y0 + TITLE_HEIGHT, width);
        Some(Inset { label: label.to_string(), footprint, frame, view })
    }

    /// The inset with its basemap, territory and markers, and the footprint box.
    /// The inset's map `map` (in pixels) in projected metres, with a margin beyond any
    /// stroke along its edge.
    fn window(&self, map: &Rect) -> cut::Window {
        let margin = 16.0;
        let (x0, y0) = self.view.from_px((map.x0 - margin, map.y1 + margin));
        let (x1, y1) = self.view.from_px((map.x1 + margin, map.y0 - margin));
        cut::Window { x0, y0, x1, y1 }
    }

    pub fn draw(&self, frame: InsetContent<'_>, style: &Style) -> Group {
        let theme = &style.theme;
        let map = Rect::new(self.view.left, self.view.top, self.view.left + self.view.width, self.frame.y1);
        let clip = ClipPath::new().set("id", "inset-clip").add(rectangle(&map));
        let sides = &frame.dataset.manifest.sides;
        let territory = areas::draw(
            frame.territory,
            &layers::projected_path(frame.low_confidence, &self.view),
            style,
            sides,
            &self.view,
        )
        .set("id", "inset-territory");
        // Cut to the inset, the shapes under its clip path make layers of its size.
        let window = self.window(&map);
        let fronts = cut::lines(frame.front_lines, window);
        let fronts = areas::front_lines(&layers::projected_lines(&fronts, &self.view), style);
        // Cut only when drawn: a sequence takes the inset's basemap text from its cache.
        let basemap_m = std::cell::OnceCell::new();
        let basemap = |id, select: fn(&str) -> bool| {
            let key = layers::BasemapKey { id, view: self.view, theme: theme.clone(), clip: Some("url(#inset-clip)") };
            layers::basemap_group(key, frame.basemaps, |key| {
                let basemap_m = basemap_m.get_or_init(|| cut::basemap(&frame.dataset.basemap_m, window));
                layers::draw(basemap_m, &key.view, &key.theme, key.id, select)
            })
        };
        let mut places = String::new();
        for (id, at, r) in markers::place_markers(frame.dataset, frame.projection, &self.view) {
            let place = frame.dataset.gazetteer.get(id);
            let drawing = (style::shape(place.kind), at, r);
            // The day's changes are highlighted here too: the main map shows the city too
            // small to see them.
            let changed = frame.changed.contains(&id);
            places.push('\n');
            markers::write_inset_place(&mut places, &place.id, |out| {
                markers::write_marker(out, drawing, frame.state.control(id), style, changed)
            });
        }
        let places = markers::with_written(Group::new().set("class", "inset-places"), places);
        let title = style::text(&self.label)
            .set("x", px(self.frame.x0 + 6.0))
            .set("y", px(self.frame.y0 + TITLE_HEIGHT - 4.0))
            .set("font-family", theme.font_family.clone())
            .set("font-size", "11.0")
            .set("font-weight", "bold")
            .set("fill", theme.ink.clone());
        Group::new()
            .set("id", "inset")
            .set("class", "inset")
            .add(
                rectangle(&self.footprint)
                    .set("fill", "none")
                    .set("stroke", theme.frame.clone())
                    .set("stroke-width", "1.2"),
            )
            .add(clip)
            .add(rectangle(&self.frame).set("fill", theme.paper.clone()))
            .add(rectangle(&map).set("fill", theme.land.clone()))
            .add(basemap("inset-basemap", |name| !layers::is_top_layer(name)))
            .add(territory.set("clip-path", "url(#inset-clip)"))
            .add(basemap("inset-basemap-top", layers::is_top_layer))
            .add(fronts.set("clip-path", "url(#inset-clip)"))
            .add(places.set("clip-path", "url(#inset-clip)"))
            .add(title)
            .add(
                rectangle(&self.frame)
                    .set("class", "inset-frame")
                    .set("fill", "none")
                    .set("stroke", theme.frame.clone())
                    .set("stroke-width", "0.8"),
            )
    }
}

/// Frames of this size in the corners of `main`, and next to the north arrow and the scale
/// bar, which hold the left corners.
fn candidates(main: &Viewport, (width, height): (f64, f64)) -> Vec<Rect> {
    let (left, right) = (main.left + GAP, main.left + main.width - GAP - width);
    let (top, bottom) = (main.top + GAP, main.top + main.height - GAP - height);
    let (below_arrow, above_scale) = (top + 56.0, bottom - 36.0);
    [(left, top), (right, top), (right, bottom), (left, bottom), (left, below_arrow), (left, above_scale)]
        .into_iter()
        .map(|(x, y)| Rect::new(x, y, x + width, y + height))
        .collect()
}

/// What the inset draws: the same state as the main map.
pub struct InsetContent<'a> {
    pub dataset: &'a Dataset,
    pub projection: &'a Projection,
    pub state: &'a ControlState,
    pub territory: &'a Territory,
    pub front_lines: &'a MultiLineString<f64>,
    /// The places whose control changed on the date.
    pub changed: &'a [PlaceId],
    pub low_confidence: &'a MultiPolygon<f64>,
    /// Basemap groups a sequence shares.
    pub basemaps: Option<&'a layers::BasemapCache>,
}

fn rectangle(r: &Rect) -> Rectangle {
    Rectangle::new().set("x", px(r.x0)).set("y", px(r.y0)).set("width", px(r.x1 - r.x0)).set("height", px(r.y1 - r.y0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::projection::Bounds;

    fn setup() -> (Projection, Viewport) {
        let projection = Projection::transverse_mercator(43.0, 36.3);
        let area = LonLatBox { west: 42.0, south: 35.8, east: 44.0, north: 36.8 };
        let main = Viewport::fit_width(projection.bounds(&area), 10.0, 10.0, 1000.0);
        (projection, main)
    }

    const CITY: LonLatBox = LonLatBox { west: 43.05, south: 36.28, east: 43.25, north: 36.42 };

    #[test]
    fn a_small_region_gets_an_inset_clear_of_furniture_and_markers() {
        let (projection, main) = setup();
        let legend = Rect::new(main.left + main.width - 300.0, main.top, main.left + main.width, main.top + 200.0);
        let marker = (main.left + 40.0, main.top + main.height - 80.0);
        let inset = Inset::plan(("City", &CITY), &projection, &main, &[marker], &[legend]).unwrap();
        assert!(!inset.frame.intersects(&legend));
        assert!(!inset.frame.intersects(&inset.footprint));
        assert!(!inset.frame.contains(&Rect::around(marker, 0.0)));
        let Bounds { min_x, max_x, .. } = projection.bounds(&CITY);
        assert!(inset.view.scale * (max_x - min_x) > MIN_READABLE_PX, "the inset makes the region readable");
    }

    #[test]
    fn a_readable_region_gets_none() {
        let (projection, _) = setup();
        let close = Viewport::fit_width(projection.bounds(&CITY), 0.0, 0.0, 800.0);
        assert!(Inset::plan(("City", &CITY), &projection, &close, &[], &[]).is_none());
    }
}

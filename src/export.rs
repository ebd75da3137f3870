//! Frames in other formats than SVG: PNG (drawn by resvg) and PDF (by svg2pdf), both with
//! the fonts bundled in the binary, so a file looks the same on every machine; and the
//! state of a date as GeoJSON.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::error::{Error, Location, Problem, Result};

/// The output formats of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Svg,
    Png,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    /// The format a file name's extension asks for, if any.
    pub fn from_path(path: &str) -> Option<Format> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The bytes of `svg` in this format.
    pub fn encode(self, svg: &str) -> Result<Vec<u8>> {
        match self {
            Format::Svg => Ok(svg.as_bytes().to_vec()),
            Format::Png => png(svg),
            Format::Pdf => pdf(svg),
        }
    }
}

/// DejaVu Sans, regular and bold (Latin and Arabic), compiled in.
const FONTS: [&[u8]; 2] = [include_bytes!("../fonts/DejaVuSans.ttf"), include_bytes!("../fonts/DejaVuSans-Bold.ttf")];

/// The font database every rasterisation uses: the bundled fonts only, never the system's,
/// so the output does not depend on the machine.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS_DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS_DB
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for font in FONTS {
                db.load_font_data(font.to_vec());
            }
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

fn tree(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options { fontdb: fonts(), ..usvg::Options::default() };
    usvg::Tree::from_str(svg, &options).map_err(|e| failure(format!("the SVG does not parse: {e}")))
}

/// Rasterises an SVG frame at its own size (1 px per SVG unit).
fn pixmap(svg: &str) -> Result<tiny_skia::Pixmap> {
    let tree = tree(svg)?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| failure(format!("cannot allocate a {}x{} image", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// CSS pixels per inch: a frame 800 px wide becomes a page 600 pt (21.2 cm) wide.
const PDF_DPI: f32 = 96.0;

/// An SVG frame as a one-page PDF with its text as text (the bundled fonts, subset and
/// embedded), so it stays sharp and searchable in a report.
pub fn pdf(svg: &str) -> Result<Vec<u8>> {
    let page = svg2pdf::PageOptions { dpi: PDF_DPI };
    svg2pdf::to_pdf(&tree(svg)?, svg2pdf::ConversionOptions::default(), page)
        .map_err(|e| failure(format!("PDF conversion failed: {e}")))
}

/// An SVG frame as a PNG file.
pub fn png(svg: &str) -> Result<Vec<u8>> {
    pixmap(svg)?.encode_png().map_err(|e| failure(format!("PNG encoding failed: {e}")))
}

/// An SVG frame as (width, height, straight RGBA bytes), for animation encoders.
pub fn rgba(svg: &str) -> Result<(u32, u32, Vec<u8>)> {
    let pixmap = pixmap(svg)?;
    // tiny-skia keeps premultiplied colours; image formats want them straight.
    let bytes = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok((pixmap.width(), pixmap.height(), bytes))
}

pub(crate) fn failure(message: String) -> Error {
    Error::Input(vec![Problem::new(Location::file("image"), message)])
}

/// The state of every place on `date` as a GeoJSON FeatureCollection (RFC 7946: longitude,
/// latitude in WGS84; exterior rings counter-clockwise), for QGIS, Leaflet or kepler.gl:
///
/// - `layer: "place"`: a Point per place with a position, with its side, state, the event
///   that set it (date, source) and the source and precision of its coordinate;
/// - `layer: "territory"`: a MultiPolygon per side that holds territory, with its area;
/// - `layer: "contested"`: a MultiPolygon per (attacker, defender) pair;
/// - `layer: "front-line"`: the front lines as one MultiLineString.
///
/// The collection carries `dataset` and `date` as foreign members. Coordinates are rounded
/// to 6 decimals (about 0.1 m), so the same inputs give the same bytes.
pub fn geojson(
    dataset: &crate::dataset::Dataset,
    timeline: &crate::control::Timeline,
    date: jiff::civil::Date,
) -> String {
    use crate::territory::{Cells, Territory, area_km2};
    let projection = crate::render::projection(dataset);
    let state = timeline.state_at(date);
    let territory = Territory::at(&Cells::build(dataset, &projection), &state, dataset.manifest.sides.len());
    let sides = &dataset.manifest.sides;
    let mut features: Vec<geojson::Feature> = dataset
        .gazetteer
        .places()
        .iter()
        .enumerate()
        .filter_map(|(id, place)| Some(place_feature(dataset, place, state.places[id], place.position?)))
        .collect();
    for (side, area) in territory.sides.iter().enumerate().filter(|(_, a)| !a.0.is_empty()) {
        let info = sides.get(side);
        let properties = serde_json::json!({
            "layer": "territory", "side": info.id, "label": info.label, "colour": info.colour,
            "area_km2": round(area_km2(area, &projection), 3),
        });
        features.push(feature(lonlat_geometry(area, &projection), properties));
    }
    for ((attacker, defender), area) in &territory.contested {
        let properties = serde_json::json!({
            "layer": "contested", "attacker": sides.get(*attacker).id, "defender": sides.get(*defender).id,
            "area_km2": round(area_km2(area, &projection), 3),
        });
        features.push(feature(lonlat_geometry(area, &projection), properties));
    }
    let fronts = territory.front_lines();
    if !fronts.0.is_empty() {
        let lines = geo::MapCoords::map_coords(&fronts, |c| lonlat(c, &projection));
        let geometry = geojson::Geometry::new(geojson::GeometryValue::from(&lines));
        features.push(feature(geometry, serde_json::json!({ "layer": "front-line" })));
    }
    let mut foreign = serde_json::Map::new();
    foreign.insert("dataset".into(), dataset.manifest.title.clone().into());
    foreign.insert("date".into(), date.to_string().into());
    let collection = geojson::FeatureCollection { bbox: None, features, foreign_members: Some(foreign) };
    serde_json::to_string_pretty(&collection).expect("GeoJSON serialises") + "\n"
}

fn place_feature(
    dataset: &crate::dataset::Dataset,
    place: &crate::gazetteer::Place,
    state: crate::control::PlaceState,
    at: crate::gazetteer::Position,
) -> geojson::Feature {
    use crate::control::Control;
    let sides = &dataset.manifest.sides;
    let event = state.event.map(|e| &dataset.events[e]);
    let mut properties = serde_json::json!({
        "layer": "place", "id": place.id, "name": place.name, "name_ar": place.name_ar,
        "kind": place.kind.as_str(), "bank": place.bank.map(|b| b.as_str()),
        "side": sides.get(state.control.holder()).id, "state": state.control.state_name(),
        "since": event.map(|e| e.date.to_string()), "event_source": event.map(|e| e.source.clone()),
        "event_note": event.map(|e| e.note.clone()),
        "coord_source": place.coord_source, "coord_precision_m": at.precision_m,
    });
    match state.control {
        Control::Contested { attacker, .. } => properties["attacker"] = sides.get(attacker).id.clone().into(),
        Control::Besieged { besieger: Some(b), .. } => properties["besieger"] = sides.get(b).id.clone().into(),
        _ => {}
    }
    let point = geojson::GeometryValue::new_point([round(at.lon, 6), round(at.lat, 6)]);
    feature(geojson::Geometry::new(point), properties)
}

fn feature(geometry: geojson::Geometry, properties: serde_json::Value) -> geojson::Feature {
    let serde_json::Value::Object(properties) = properties else { unreachable!("properties are objects") };
    geojson::Feature {
        bbox: None,
        geometry: Some(geometry),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}

/// A projected area as a lon/lat MultiPolygon with counter-clockwise exterior rings.
fn lonlat_geometry(area: &geo::MultiPolygon<f64>, projection: &crate::projection::Projection) -> geojson::Geometry {
    use geo::MapCoords;
    use geo::orient::{Direction, Orient};
    let lonlat = area.map_coords(|c| lonlat(c, projection)).orient(Direction::Default);
    geojson::Geometry::new(geojson::GeometryValue::from(&lonlat))
}

fn lonlat(c: geo::Coord<f64>, projection: &crate::projection::Projection) -> geo::Coord<f64> {
    let (lon, lat) = projection.inverse(c.x, c.y);
    geo::Coord { x: round(lon, 6), y: round(lat, 6) }
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_one_page_with_embedded_fonts_and_the_same_bytes_twice() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><text x="10" y="28" font-family="DejaVu Sans" font-size="20">Mosul الموصل</text></svg>"#;
        let pdf = pdf(svg).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(text.matches("/Type /Page\n").count() + text.matches("/Type /Page ").count(), 1, "one page");
        assert!(text.contains("/FontFile2"), "the font is embedded");
        assert!(text.contains("/MediaBox [0 0 600 300]"), "96 dpi: 800 x 400 px is 600 x 300 pt");
        assert_eq!(pdf, super::pdf(svg).unwrap(), "no timestamp or random id");
    }

    #[test]
    fn formats_follow_file_extensions() {
        assert_eq!(Format::from_path("out/map.PNG"), Some(Format::Png));
        assert_eq!(Format::from_path("map.svg"), Some(Format::Svg));
        assert_eq!(Format::from_path("map"), None);
        assert_eq!(Format::from_path("map.gif"), None);
    }

    #[test]
    fn text_is_drawn_with_the_bundled_fonts() {
        let text = |content: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="10" y="28" font-family="DejaVu Sans" font-size="20">{content}</text></svg>"#
            )
        };
        let ink = |png: Vec<u8>| -> usize {
            let image = tiny_skia::Pixmap::decode_png(&png).unwrap();
            image.pixels().iter().filter(|p| p.alpha() > 0).count()
        };
        assert_eq!(ink(png(&text("")).unwrap()), 0);
        assert!(ink(png(&text("Mosul")).unwrap()) > 100, "Latin text is drawn");
        assert!(ink(png(&text("الموصل")).unwrap()) > 100, "Arabic text is drawn");
    }
}

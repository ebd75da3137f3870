//! The state of a date as GeoJSON, for GIS.

use crate::dataset::Dataset;
use crate::dataset::gazetteer::{Place, Position};
use crate::dataset::projection::Projection;
use crate::model::control::{Control, PlaceState, Timeline};
use crate::model::territory::{Cells, Territory, area_km2};

/// The state of every place on `date` as a GeoJSON FeatureCollection (RFC 7946: longitude,
/// latitude in WGS84; exterior rings counter-clockwise), for QGIS, Leaflet or kepler.gl:
///
/// - `layer: "place"`: a Point per place with a position, with its side, state, the event
///   that set it (date, source) and the source and precision of its coordinate;
/// - `layer: "territory"`: a MultiPolygon per side that holds territory, with its area;
/// - `layer: "contested"`: a MultiPolygon per (attacker, defender) pair;
/// - `layer: "front-line"`: the front lines as one MultiLineString.
///
/// The collection carries `dataset` and `date` as foreign members. Points are rounded to 6
/// decimals (about 0.1 m), areas and lines to 7 or more (see [`lonlat_geometry`]), so the
/// same inputs give the same bytes and every polygon is valid.
pub fn at_date(dataset: &Dataset, timeline: &Timeline, date: jiff::civil::Date) -> String {
    let projection = dataset.projection();
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

fn place_feature(dataset: &Dataset, place: &Place, state: PlaceState, at: Position) -> geojson::Feature {
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

/// A projected area as a lon/lat MultiPolygon with counter-clockwise exterior rings, valid
/// under OGC rules (what GEOS, QGIS and PostGIS check).
///
/// Coordinates are rounded to the fewest decimals from 7 (about 1 cm) that keep it valid:
/// rounding moves vertices, and two that lay a few millimetres apart across a narrow
/// neck would otherwise cross. The rounding depends only on the shape, so the output does
/// not vary.
fn lonlat_geometry(area: &geo::MultiPolygon<f64>, projection: &Projection) -> geojson::Geometry {
    use geo::orient::{Direction, Orient};
    use geo::{MapCoords, Validation};
    let exact = area.map_coords(|c| {
        let (lon, lat) = projection.inverse(c.x, c.y);
        geo::Coord { x: lon, y: lat }
    });
    let rounded = |decimals: i32| {
        exact.map_coords(|c| geo::Coord { x: round(c.x, decimals), y: round(c.y, decimals) }).orient(Direction::Default)
    };
    let valid = (AREA_DECIMALS..=MOST_DECIMALS).map(rounded).find(|shape| shape.is_valid());
    let shape = valid.unwrap_or_else(|| exact.orient(Direction::Default));
    geojson::Geometry::new(geojson::GeometryValue::from(&shape))
}

/// The decimals of area and line coordinates: 7 (about 1 cm) and, where rounding would make
/// a polygon invalid, up to 12.
const AREA_DECIMALS: i32 = 7;
const MOST_DECIMALS: i32 = 12;

fn lonlat(c: geo::Coord<f64>, projection: &Projection) -> geo::Coord<f64> {
    let (lon, lat) = projection.inverse(c.x, c.y);
    geo::Coord { x: round(lon, AREA_DECIMALS), y: round(lat, AREA_DECIMALS) }
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

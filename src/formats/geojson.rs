//! An export's layers as GeoJSON (RFC 7946: longitude, latitude in WGS84; exterior rings
//! counter-clockwise), for QGIS, Leaflet or kepler.gl: one file per layer, each of one
//! geometry type as GDAL and kepler.gl expect, or all layers in one collection for a web map.

use crate::formats::gis::{Export, Feature, Layer, Value};

/// Every layer in one FeatureCollection, each feature naming its layer in `layer`: what a web
/// map loads in one request. GDAL reads one file as one layer, of mixed geometry here; GIS
/// users take [`layer_files`] or a GeoPackage. The collection carries `dataset`, `from` and
/// `to` (and `date` for a single day) as foreign members.
pub fn collection(export: &Export) -> String {
    let features = export
        .layers
        .iter()
        .flat_map(|layer| layer.features.iter().map(move |f| feature(layer, f, Some(layer.name))))
        .collect();
    let mut foreign = members(export);
    if export.first == export.last {
        foreign.insert("date".into(), export.first.to_string().into());
    }
    to_text(features, foreign)
}

/// One FeatureCollection for each layer, named `<layer>.geojson`, with the layer's name in
/// `name` (which GDAL takes as the layer's name). A layer without geometry (the places
/// without coordinates) has features with a null geometry, as RFC 7946 allows.
pub fn layer_files(export: &Export) -> Vec<(String, String)> {
    export
        .layers
        .iter()
        .map(|layer| {
            let features = layer.features.iter().map(|f| feature(layer, f, None)).collect();
            let mut foreign = members(export);
            foreign.insert("name".into(), layer.name.into());
            (format!("{}.geojson", layer.name), to_text(features, foreign))
        })
        .collect()
}

fn members(export: &Export) -> serde_json::Map<String, serde_json::Value> {
    let mut foreign = serde_json::Map::new();
    foreign.insert("dataset".into(), export.title.clone().into());
    foreign.insert("from".into(), export.first.to_string().into());
    foreign.insert("to".into(), export.last.to_string().into());
    foreign
}

/// A FeatureCollection with one feature a line: readable, and a fraction of the size of
/// pretty-printed coordinates (one number a line).
fn to_text(features: Vec<geojson::Feature>, foreign: serde_json::Map<String, serde_json::Value>) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\"");
    for (key, value) in &foreign {
        out.push_str(&format!(",{}:{}", serde_json::Value::from(key.as_str()), value));
    }
    out.push_str(",\"features\":[");
    for (i, feature) in features.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(&serde_json::to_string(feature).expect("GeoJSON serialises"));
    }
    out.push_str("\n]}\n");
    out
}

fn feature(layer: &Layer, feature: &Feature, layer_name: Option<&str>) -> geojson::Feature {
    let mut properties = serde_json::Map::new();
    if let Some(name) = layer_name {
        properties.insert("layer".into(), name.into());
    }
    for ((name, _), value) in layer.fields.iter().zip(&feature.values) {
        properties.insert((*name).into(), json(value));
    }
    geojson::Feature {
        bbox: None,
        geometry: feature.geometry.as_ref().map(|g| geojson::Geometry::new(geojson::GeometryValue::from(g))),
        id: None,
        properties: Some(properties),
        foreign_members: None,
    }
}

fn json(value: &Value) -> serde_json::Value {
    match value {
        Value::Text(text) => text.clone().into(),
        Value::Integer(n) => (*n).into(),
        Value::Real(x) => (*x).into(),
        Value::Date(date) => date.to_string().into(),
        Value::Null => serde_json::Value::Null,
    }
}

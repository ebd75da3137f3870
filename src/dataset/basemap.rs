//! The basemap: GeoJSON layers (rivers, boundaries, urban areas) drawn under the places.

use geo::{Geometry, LineString, MultiLineString};

use crate::dataset::projection::Projection;
use crate::error::{Location, Problem, Problems, Result};

/// Layers frontline knows how to style, bottom to top. Other layers are drawn first, as
/// thin grey lines, in the order of their file names.
pub const LAYER_ORDER: [&str; 5] = ["urban", "admin2", "admin1", "borders", "rivers"];

/// The position of a layer file in the drawing order.
pub fn draw_rank(file_name: &str) -> (usize, String) {
    let stem = file_name.trim_end_matches(".geojson");
    let rank = LAYER_ORDER.iter().position(|l| *l == stem).map_or(0, |i| i + 1);
    (rank, stem.to_string())
}

/// One feature of a layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub geometry: Geometry<f64>,
    /// The `name` property, or "".
    pub name: String,
    /// The `class` property (e.g. major, minor, intermittent for rivers), or "".
    pub class: String,
}

/// One GeoJSON file of the basemap.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// The file name without `.geojson`, e.g. `rivers`.
    pub name: String,
    pub features: Vec<Feature>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Basemap {
    pub layers: Vec<Layer>,
}

impl Basemap {
    /// Parses (file name, text) pairs; `origin` prefixes file names in problems. Layers
    /// are kept in drawing order ([`LAYER_ORDER`], unknown layers first by name), whatever
    /// order the files came in, so a dataset draws the same from any route.
    pub fn parse(files: &[(String, String)], origin: &str) -> Result<Basemap> {
        let mut problems = Problems::default();
        let mut layers = Vec::new();
        let mut files: Vec<&(String, String)> = files.iter().collect();
        files.sort_by_key(|(name, _)| draw_rank(name));
        for (file, text) in files {
            let at = Location::file(&format!("{origin}/basemap/{file}"));
            match parse_layer(file, text) {
                Ok(layer) => layers.push(layer),
                Err(message) => {
                    problems.push(Problem::new(at, message).with_help("expected a GeoJSON FeatureCollection"))
                }
            }
        }
        problems.into_result(Basemap { layers })
    }

    pub fn layer(&self, name: &str) -> Option<&Layer> {
        self.layers.iter().find(|l| l.name == name)
    }

    /// The same layers with every coordinate in projected metres: projecting is most of the
    /// cost of drawing a basemap, and the projection of a dataset never changes.
    pub fn projected(&self, projection: &Projection) -> Basemap {
        use geo::MapCoords;
        self.map_features(|geometry| {
            Some(geometry.map_coords(|c| {
                let (x, y) = projection.forward(c.x, c.y);
                geo::Coord { x, y }
            }))
        })
    }

    /// The same layers with each feature's geometry replaced by `map` of it; a feature for
    /// which `map` gives none is left out.
    pub fn map_features(&self, map: impl Fn(&Geometry<f64>) -> Option<Geometry<f64>>) -> Basemap {
        let layers = self
            .layers
            .iter()
            .map(|layer| Layer {
                name: layer.name.clone(),
                features: layer
                    .features
                    .iter()
                    .filter_map(|f| {
                        Some(Feature { geometry: map(&f.geometry)?, name: f.name.clone(), class: f.class.clone() })
                    })
                    .collect(),
            })
            .collect();
        Basemap { layers }
    }

    /// The lines of the river called `name` in the `rivers` layer.
    pub fn river(&self, name: &str) -> MultiLineString<f64> {
        let lines: Vec<LineString<f64>> = self
            .layer("rivers")
            .into_iter()
            .flat_map(|l| &l.features)
            .filter(|f| f.name == name)
            .flat_map(|f| match &f.geometry {
                Geometry::LineString(l) => vec![l.clone()],
                Geometry::MultiLineString(m) => m.0.clone(),
                _ => Vec::new(),
            })
            .collect();
        MultiLineString(lines)
    }
}

/// A GeoJSON geometry as a geo geometry, once every position is known to be a longitude
/// and a latitude (or those and a height) that are finite numbers: the conversion indexes
/// the second number of each position without looking.
pub(crate) fn to_geo(value: &geojson::GeometryValue) -> std::result::Result<Geometry<f64>, String> {
    check_positions(value)?;
    Geometry::<f64>::try_from(value).map_err(|e| e.to_string())
}

fn check_positions(value: &geojson::GeometryValue) -> std::result::Result<(), String> {
    use geojson::GeometryValue as G;
    let positions: Vec<&geojson::Position> = match value {
        G::Point { coordinates } => vec![coordinates],
        G::MultiPoint { coordinates } | G::LineString { coordinates } => coordinates.iter().collect(),
        G::MultiLineString { coordinates } | G::Polygon { coordinates } => coordinates.iter().flatten().collect(),
        G::MultiPolygon { coordinates } => coordinates.iter().flatten().flatten().collect(),
        G::GeometryCollection { geometries } => {
            return geometries.iter().try_for_each(|g| check_positions(&g.value));
        }
    };
    match positions.into_iter().find(|p| !(2..=3).contains(&p.len()) || p.as_slice().iter().any(|n| !n.is_finite())) {
        Some(bad) => Err(format!("the position {:?} is not [longitude, latitude] in finite numbers", bad.as_slice())),
        None => Ok(()),
    }
}

fn parse_layer(file: &str, text: &str) -> std::result::Result<Layer, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let collection: geojson::FeatureCollection = text.parse().map_err(|e| format!("{e}"))?;
    let mut features = Vec::new();
    for (i, feature) in collection.features.into_iter().enumerate() {
        let Some(geometry) = &feature.geometry else { continue };
        let geometry = to_geo(&geometry.value).map_err(|e| format!("feature {i}: {e}"))?;
        let text_property = |key: &str| feature.property(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
        features.push(Feature { geometry, name: text_property("name"), class: text_property("class") });
    }
    let name = file.trim_end_matches(".geojson").to_string();
    Ok(Layer { name, features })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_must_be_two_or_three_finite_numbers() {
        let line = |text: &str| {
            format!(r#"{{"type":"LineString","coordinates":{text}}}"#).parse::<geojson::Geometry>().unwrap().value
        };
        assert!(to_geo(&line("[[43.1,36.3],[43.2,36.4]]")).is_ok());
        assert!(to_geo(&line("[[43.1,36.3,250],[43.2,36.4,250]]")).is_ok());
        // Found by the fuzzer: the conversion indexed the missing latitude and panicked.
        assert!(to_geo(&line("[[4.1]]")).unwrap_err().contains("[4.1]"));
        assert!(to_geo(&line("[[43.1,36.3],[1,2,3,4]]")).is_err());
    }

    const RIVERS: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Tigris","class":"major"},
         "geometry":{"type":"LineString","coordinates":[[43.1,36.5],[43.15,36.3]]}},
        {"type":"Feature","properties":{"name":"","class":"intermittent"},
         "geometry":{"type":"LineString","coordinates":[[43.0,36.0],[43.1,36.1]]}}]}"#;

    #[test]
    fn layers_parse_with_names_and_classes() {
        let map = Basemap::parse(&[("rivers.geojson".into(), RIVERS.into())], "t").unwrap();
        let rivers = map.layer("rivers").unwrap();
        assert_eq!(rivers.features.len(), 2);
        assert_eq!(rivers.features[0].class, "major");
        assert_eq!(map.river("Tigris").0.len(), 1);
        assert!(map.river("Zab").0.is_empty());
    }

    #[test]
    fn bad_geojson_names_the_file() {
        let err = Basemap::parse(&[("x.geojson".into(), "{".into())], "d").unwrap_err();
        assert!(err.to_string().starts_with("error: d/basemap/x.geojson: "), "{err}");
    }

    #[test]
    fn known_layers_are_drawn_in_order() {
        let mut files = vec!["rivers.geojson", "roads.geojson", "urban.geojson", "admin1.geojson"];
        files.sort_by_key(|f| draw_rank(f));
        assert_eq!(files, ["roads.geojson", "urban.geojson", "admin1.geojson", "rivers.geojson"]);
    }
}

//! Outlines: polygons a dataset may give for some of its places (district boundaries, a
//! base's perimeter) in `outlines.geojson`, and for its regions (a city's footprint, an
//! administrative district) in `regions.geojson`. A place with an outline claims exactly
//! that polygon; the derived cells of other places keep out of it. A region with an
//! outline is measured and filtered by it instead of its box.

use geo::{Geometry, MultiPolygon, Validation};

use crate::dataset::gazetteer::{Gazetteer, PlaceId};
use crate::dataset::manifest::Region;
use crate::error::{Location, Problem, Problems, Result};

pub const OUTLINES_FILE: &str = "outlines.geojson";
pub const REGIONS_FILE: &str = "regions.geojson";

/// A place's outline, in longitude and latitude.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub place: PlaceId,
    pub shape: MultiPolygon<f64>,
}

/// Parses a GeoJSON FeatureCollection whose features are Polygons or MultiPolygons with a
/// `place` property (a place id or name). Every problem is reported, by feature index.
pub fn parse(file: &str, text: &str, gazetteer: &Gazetteer) -> Result<Vec<Outline>> {
    let resolve = |name: &str, at: Location| gazetteer.resolve_at(name, at);
    let named = named_shapes(file, text, ("place", "the id or name of a place"), resolve)?;
    Ok(named.into_iter().map(|(place, shape)| Outline { place, shape }).collect())
}

/// Parses regions.geojson: Polygons or MultiPolygons with a `region` property naming a
/// region of dataset.toml. Returns (index into `regions`, outline).
pub fn parse_regions(file: &str, text: &str, regions: &[Region]) -> Result<Vec<(usize, MultiPolygon<f64>)>> {
    let resolve = |name: &str, at: Location| {
        regions.iter().position(|r| r.id == name).ok_or_else(|| {
            let ids: Vec<&str> = regions.iter().map(|r| r.id.as_str()).collect();
            Problem::new(at, format!("\"{name}\": expected a region of dataset.toml ({})", ids.join(", ")))
        })
    };
    named_shapes(file, text, ("region", "the id of a region of dataset.toml"), resolve)
}

/// The features of a FeatureCollection, each a polygon named by its `key` property and
/// resolved by `resolve`; one feature per name.
fn named_shapes(
    file: &str,
    text: &str,
    (key, expected): (&str, &str),
    resolve: impl Fn(&str, Location) -> std::result::Result<usize, Problem>,
) -> Result<Vec<(usize, MultiPolygon<f64>)>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let collection: geojson::FeatureCollection = text.parse().map_err(|e| {
        crate::Error::Input(vec![
            Problem::new(Location::file(file), format!("{e}")).with_help("expected a GeoJSON FeatureCollection"),
        ])
    })?;
    let mut problems = Problems::default();
    let mut named: Vec<(usize, MultiPolygon<f64>)> = Vec::new();
    for (index, feature) in collection.features.iter().enumerate() {
        let at = || Location { field: Some(format!("features[{index}]")), ..Location::file(file) };
        let name = feature.property(key).and_then(|v| v.as_str());
        let target = match name {
            Some(name) => resolve(name, at()),
            None => Err(Problem::new(at(), format!("no \"{key}\" property: expected {expected}"))),
        };
        let shape = feature_shape(feature, &at());
        match (target, shape) {
            (Ok(target), Ok(_)) if named.iter().any(|(t, _)| *t == target) => problems.push(Problem::new(
                at(),
                format!("a second outline for \"{}\": expected one per {key}", name.unwrap_or_default()),
            )),
            (Ok(target), Ok(shape)) => named.push((target, shape)),
            (target, shape) => {
                target.err().into_iter().chain(shape.err().into_iter().flatten()).for_each(|p| problems.push(p))
            }
        }
    }
    problems.into_result(named)
}

fn feature_shape(feature: &geojson::Feature, at: &Location) -> std::result::Result<MultiPolygon<f64>, Vec<Problem>> {
    let problem = |message: String| vec![Problem::new(at.clone(), message)];
    let geometry = feature.geometry.as_ref().ok_or_else(|| problem(format!("no geometry: {POLYGONS}")))?;
    let faults = ring_faults(&geometry.value, at);
    if !faults.is_empty() {
        return Err(faults);
    }
    let shape = match crate::dataset::basemap::to_geo(&geometry.value).map_err(problem)? {
        Geometry::Polygon(p) => MultiPolygon(vec![p]),
        Geometry::MultiPolygon(m) => m,
        other => return Err(problem(format!("a {}: {POLYGONS}", geometry_name(&other)))),
    };
    if let Err(errors) = shape.check_validation() {
        let help = "an outline's edges may not cross or touch; QGIS's Fix Geometries repairs most outlines";
        return Err(vec![Problem::new(at.clone(), format!("invalid polygon: {errors}")).with_help(help)]);
    }
    let in_range = shape.0.iter().flat_map(|p| p.exterior().0.iter()).all(|c| c.x.abs() <= 180.0 && c.y.abs() <= 90.0);
    if !in_range {
        return Err(problem("coordinates out of range: expected longitude, latitude in degrees".to_string()));
    }
    Ok(shape)
}

const POLYGONS: &str = "expected a Polygon or MultiPolygon";

/// Rings that are not closed or too short. GeoJSON rings repeat their first position at the
/// end (RFC 7946, 3.1.6); geo would close an open ring silently, so this is checked on the
/// GeoJSON itself, where a missing closing position is still seen.
fn ring_faults(value: &geojson::GeometryValue, at: &Location) -> Vec<Problem> {
    let polygons: Vec<(String, &geojson::PolygonType)> = match value {
        geojson::GeometryValue::Polygon { coordinates } => vec![(String::new(), coordinates)],
        geojson::GeometryValue::MultiPolygon { coordinates } => {
            coordinates.iter().enumerate().map(|(i, p)| (format!("polygon {i}, "), p)).collect()
        }
        _ => return Vec::new(),
    };
    let mut faults = Vec::new();
    for (polygon, rings) in polygons {
        for (i, ring) in rings.iter().enumerate() {
            let ring_name = if i == 0 { "outer ring".to_string() } else { format!("hole {i}") };
            if let Some(fault) = ring_fault(ring) {
                faults.push(
                    Problem::new(at.clone(), format!("{polygon}{ring_name}: {fault}"))
                        .with_help("a ring lists at least 4 positions, the last repeating the first"),
                );
            }
        }
    }
    faults
}

fn ring_fault(ring: &[geojson::Position]) -> Option<String> {
    let (Some(first), Some(last)) = (ring.first(), ring.last()) else { return Some("no positions".to_string()) };
    if ring.len() < 4 {
        return Some(format!("{} positions: expected at least 4", ring.len()));
    }
    let (first, last) = (first.as_slice(), last.as_slice());
    (first != last).then(|| format!("not closed: it ends at {last:?}, not at its first position {first:?}"))
}

fn geometry_name(geometry: &Geometry<f64>) -> &'static str {
    match geometry {
        Geometry::Point(_) | Geometry::MultiPoint(_) => "point",
        Geometry::Line(_) | Geometry::LineString(_) | Geometry::MultiLineString(_) => "line",
        _ => "geometry of another kind",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACES: &str = "id,name,kind,lat,lon,coord_precision_m,coord_source
gogjali,Gogjali,district,36.355,43.25,300,test
karama,Karama,district,36.356,43.228,1500,estimated: test
";

    fn gazetteer() -> Gazetteer {
        Gazetteer::parse("places.csv", PLACES, None).unwrap()
    }

    fn square(place: &str, (x, y): (f64, f64)) -> String {
        let ring = format!("[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]", x + 0.01, x + 0.01, y + 0.01, y + 0.01);
        format!(
            r#"{{"type":"Feature","properties":{{"place":"{place}"}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
        )
    }

    fn collection(features: &[String]) -> String {
        format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
    }

    #[test]
    fn outlines_resolve_their_places_by_id_or_name() {
        let text = collection(&[square("gogjali", (43.245, 36.35)), square("Karama", (43.22, 36.35))]);
        let outlines = parse("outlines.geojson", &text, &gazetteer()).unwrap();
        assert_eq!(outlines.iter().map(|o| o.place).collect::<Vec<_>>(), [0, 1]);
    }

    #[test]
    fn every_bad_feature_is_reported() {
        let bowtie = r#"{"type":"Feature","properties":{"place":"karama"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#;
        let point = r#"{"type":"Feature","properties":{"place":"gogjali"},"geometry":{"type":"Point","coordinates":[43.2,36.3]}}"#;
        let text = collection(&[
            square("atlantis", (43.0, 36.0)),
            bowtie.to_string(),
            point.to_string(),
            square("x", (0.0, 0.0)),
        ]);
        let err = parse("outlines.geojson", &text, &gazetteer()).unwrap_err().to_string();
        assert!(err.contains("outlines.geojson (`features[0]`): unknown place \"atlantis\""), "{err}");
        assert!(err.contains("(`features[1]`): invalid polygon"), "{err}");
        assert!(err.contains("(`features[2]`): a point: expected a Polygon or MultiPolygon"), "{err}");
        assert!(err.contains("(`features[3]`): unknown place"), "{err}");
    }

    #[test]
    fn rings_must_be_closed_and_long_enough() {
        let polygon = |place: &str, ring: &str| {
            format!(
                r#"{{"type":"Feature","properties":{{"place":"{place}"}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
            )
        };
        let text = collection(&[
            polygon("gogjali", "[[43.24,36.35],[43.26,36.36]]"),
            polygon("karama", "[[43.2,36.3],[43.3,36.3],[43.3,36.4],[43.2,36.4]]"),
        ]);
        let err = parse("outlines.geojson", &text, &gazetteer()).unwrap_err().to_string();
        assert!(err.contains("(`features[0]`): outer ring: 2 positions: expected at least 4"), "{err}");
        assert!(
            err.contains("(`features[1]`): outer ring: not closed: it ends at [43.2, 36.4], not at its first position [43.2, 36.3]"),
            "{err}"
        );
        assert!(err.contains("help: a ring lists at least 4 positions, the last repeating the first"), "{err}");
    }

    #[test]
    fn a_place_has_one_outline() {
        let text = collection(&[square("gogjali", (43.245, 36.35)), square("gogjali", (43.3, 36.35))]);
        let err = parse("outlines.geojson", &text, &gazetteer()).unwrap_err().to_string();
        assert!(err.contains("a second outline for \"gogjali\""), "{err}");
    }
}

//! `frontline export`: GeoJSON that a GeoJSON parser reads back, in lon/lat with
//! counter-clockwise exterior rings (RFC 7946), saying what the map says.

mod common;

use common::Sandbox;
use std::str::FromStr;

fn export(sandbox: &Sandbox, date: &str) -> String {
    let out = sandbox.run(&["export", "--date", date, "-o", "-"]).success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn layer<'a>(collection: &'a geojson::FeatureCollection, name: &str) -> Vec<&'a geojson::Feature> {
    collection.features.iter().filter(|f| f.property("layer").and_then(|v| v.as_str()) == Some(name)).collect()
}

/// Twice the signed area of a ring (positive when counter-clockwise).
fn signed_area(ring: &[geojson::Position]) -> f64 {
    ring.windows(2).map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1]).sum()
}

#[test]
fn the_export_parses_as_geojson_and_says_what_the_map_says() {
    let sandbox = Sandbox::new("tiny");
    let text = export(&sandbox, "2016-11-05");
    let collection = geojson::FeatureCollection::from_str(&text).expect("valid GeoJSON");
    let members = collection.foreign_members.as_ref().unwrap();
    assert_eq!(members["date"], "2016-11-05");

    let places = layer(&collection, "place");
    assert_eq!(places.len(), 6);
    let place = |id: &str| places.iter().find(|f| f.property("id").unwrap() == id).unwrap();
    assert_eq!(place("gogjali").property("side").unwrap(), "gov");
    assert_eq!(place("intisar").property("state").unwrap(), "contested");
    assert_eq!(place("intisar").property("attacker").unwrap(), "gov");
    assert_eq!(place("bashiqa").property("besieger").unwrap(), "krg");
    assert_eq!(place("gogjali").property("event_source").unwrap(), "seed:November 2016");
    let geojson::GeometryValue::Point { coordinates } = &place("bartella").geometry.as_ref().unwrap().value else {
        panic!("places are points")
    };
    assert_eq!(coordinates.as_slice(), [43.379, 36.352], "longitude first");

    let territory = layer(&collection, "territory");
    let sides: Vec<&str> = territory.iter().map(|f| f.property("side").unwrap().as_str().unwrap()).collect();
    assert_eq!(sides, ["isil", "gov"]);
    assert_eq!(layer(&collection, "contested").len(), 1);
    let svg = sandbox.run(&["render", "--date", "2016-11-05", "-o", "-"]).success().get_output().stdout.clone();
    let map_has_fronts = String::from_utf8(svg).unwrap().contains("class=\"front-lines\"");
    assert_eq!(layer(&collection, "front-line").len(), usize::from(map_has_fronts), "front lines as on the map");
    for feature in territory.iter().chain(layer(&collection, "contested").iter()) {
        let geojson::GeometryValue::MultiPolygon { coordinates } = &feature.geometry.as_ref().unwrap().value else {
            panic!("areas are multipolygons")
        };
        for polygon in coordinates {
            for (i, ring) in polygon.iter().enumerate() {
                assert_eq!(ring.first(), ring.last(), "rings are closed");
                assert!(ring.iter().all(|p| (42.0..44.5).contains(&p[0]) && (35.5..37.5).contains(&p[1])), "lon/lat");
                let ccw = signed_area(ring) > 0.0;
                assert_eq!(ccw, i == 0, "exterior rings counter-clockwise, holes clockwise");
            }
        }
    }

    // The areas are those `stats` reports.
    let stats =
        sandbox.run(&["stats", "--date", "2016-11-05", "--format", "json"]).success().get_output().stdout.clone();
    let stats: serde_json::Value = serde_json::from_slice(&stats).unwrap();
    let gov_stats = stats["sides"].as_array().unwrap().iter().find(|s| s["side"] == "gov").unwrap();
    let gov_export = territory.iter().find(|f| f.property("side").unwrap() == "gov").unwrap();
    let (a, b) = (gov_stats["area_km2"].as_f64().unwrap(), gov_export.property("area_km2").unwrap().as_f64().unwrap());
    assert!((a - b).abs() < 0.01, "{a} {b}");

    assert_eq!(text, export(&sandbox, "2016-11-05"), "the same bytes twice");
}

#[test]
fn text_from_the_data_stays_text() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "Bartella,برطلة", "Bart\"ella </script>,برطلة");
    let text = export(&sandbox, "2016-11-05");
    let collection = geojson::FeatureCollection::from_str(&text).unwrap();
    let names: Vec<String> =
        layer(&collection, "place").iter().map(|f| f.property("name").unwrap().as_str().unwrap().to_string()).collect();
    assert!(names.contains(&"Bart\"ella </script>".to_string()), "{names:?}");
}

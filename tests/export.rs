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

    let places = layer(&collection, "places");
    assert_eq!(places.len(), 6);
    let place = |id: &str| places.iter().find(|f| f.property("place_id").unwrap() == id).unwrap();
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
    assert_eq!(layer(&collection, "front_lines").is_empty(), !map_has_fronts, "front lines as on the map");
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
    let names: Vec<String> = layer(&collection, "places")
        .iter()
        .map(|f| f.property("name").unwrap().as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"Bart\"ella </script>".to_string()), "{names:?}");
}

#[test]
fn a_report_page_holds_the_map_of_the_date_above_the_chart_with_that_date_marked() {
    let sandbox = Sandbox::new("tiny");
    sandbox.run(&["report", "--date", "2016-11-04", "--region", "east", "--width", "640", "-o", "page.svg"]).success();
    let svg = std::fs::read_to_string(sandbox.path().join("page.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    let parts: Vec<_> = root.children().filter(|n| n.has_tag_name("svg")).collect();
    assert_eq!(parts.len(), 2, "the map and the chart");
    let (map, chart) = (parts[0], parts[1]);
    let number = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    assert!(number(chart, "y") >= number(map, "height"), "the chart is below the map");
    assert_eq!(number(root, "height"), number(chart, "y") + number(chart, "height"));
    let title = map.descendants().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
    assert!(title.contains("4 November 2016"), "{title}");
    let mark = chart.descendants().find(|n| n.attribute("class") == Some("mark")).expect("the date is marked");
    assert_eq!(mark.attribute("data-date"), Some("2016-11-04"));
    // Both documents define patterns and clip paths: their ids must not clash.
    let mut ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "every id is unique");
    for reference in svg.split("url(#").skip(1).map(|r| r.split(')').next().unwrap()) {
        assert!(ids.contains(&reference), "url(#{reference}) points at nothing");
    }
}

#[test]
fn a_report_is_one_pdf_page_by_default() {
    let sandbox = Sandbox::new("tiny");
    sandbox.run(&["report", "--date", "2016-11-04", "--width", "640", "-o", "page.pdf"]).success();
    let pdf = std::fs::read(sandbox.path().join("page.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert_eq!(pages, 1, "one page");
    sandbox.run(&["report", "--date", "2016-11-04", "--region", "nowhere", "-o", "x.pdf"]).code(2);
    sandbox.run(&["report", "--date", "2016-11-04", "--lang", "multi", "-o", "x.pdf"]).code(2);
    assert!(!sandbox.path().join("x.pdf").exists());
}

/// Every exported polygon of the built-in dataset is valid under OGC rules (geo's checks:
/// no self-intersection, no overlapping parts, holes inside their shells), on dates across
/// the battle, so a GIS user needs no repair.
#[test]
fn exported_areas_are_valid_polygons() {
    use geo::Validation;
    let dir = tempfile::tempdir().unwrap();
    for date in ["2016-11-15", "2017-01-10", "2017-03-15", "2017-06-01", "2017-07-08", "2017-08-25"] {
        let args = ["export", "--date", date, "-o", "-"];
        let out = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
        let collection: geojson::FeatureCollection = String::from_utf8(out).unwrap().parse().unwrap();
        let mut polygons = 0;
        for feature in &collection.features {
            let Some(geometry) = &feature.geometry else { continue };
            let shape: geo::Geometry<f64> = geometry.clone().try_into().unwrap();
            if let geo::Geometry::MultiPolygon(area) = shape {
                polygons += 1;
                let layer = feature.property("layer").and_then(|v| v.as_str()).unwrap_or("?");
                if let Err(problems) = area.check_validation() {
                    panic!("{date}: a {layer} polygon is invalid: {problems}");
                }
            }
        }
        assert!(polygons >= 3, "{date}: {polygons} polygons");
    }
}

/// GDAL reads the export, and GEOS (through GDAL's SQLite dialect) finds every polygon
/// valid. Needs `ogrinfo` (Debian's gdal-bin): skipped where it is missing unless
/// FRONTLINE_GDAL_TESTS=require, as CI sets.
#[test]
fn gdal_and_geos_accept_the_export() {
    if !common::tool_available("ogrinfo", "FRONTLINE_GDAL_TESTS") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for date in ["2016-11-15", "2017-03-15", "2017-08-25"] {
        let file = dir.path().join(format!("state-{date}.geojson"));
        common::frontline(dir.path()).args(["export", "--date", date, "-o", file.to_str().unwrap()]).assert().success();
        let layer = file.file_stem().unwrap().to_str().unwrap();
        let sql = format!(
            "SELECT COUNT(*) AS polygons, SUM(ST_IsValid(geometry)) AS valid FROM \"{layer}\" \
             WHERE ST_GeometryType(geometry) LIKE '%POLYGON%'"
        );
        let out = std::process::Command::new("ogrinfo")
            .args(["-ro", "-q", file.to_str().unwrap(), "-dialect", "SQLite", "-sql", &sql])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{date}: ogrinfo failed: {}", String::from_utf8_lossy(&out.stderr));
        let field = |name: &str| -> i64 {
            let line = text
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{name} (")))
                .unwrap_or_else(|| panic!("{text}"));
            line.rsplit('=').next().unwrap().trim().parse().unwrap()
        };
        assert!(field("polygons") >= 3, "{date}: {text}");
        assert_eq!(field("polygons"), field("valid"), "{date}: GEOS finds invalid polygons\n{text}");
    }
}

//! `frontline export --from --to`: the whole battle as time-enabled GIS layers, read back as
//! a GIS user's tools read them: the GeoPackage through SQLite (and GDAL's `ogrinfo` where it
//! is installed), the GeoJSON layers through a GeoJSON parser.

mod common;

use common::Sandbox;
use std::collections::BTreeMap;

const LAYERS: [(&str, &str); 6] = [
    ("places", "POINT"),
    ("territory", "MULTIPOLYGON"),
    ("contested", "MULTIPOLYGON"),
    ("front_lines", "MULTILINESTRING"),
    ("events", "POINT"),
    ("unlocated_places", ""),
];

/// The fixture with one place whose position nobody knows and neighbours up to 20 km apart
/// (so that sides' ground meets in front lines): every layer has features.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("dataset.toml", "rivers = [\"Tigris\"]", "rivers = [\"Tigris\"]\nneighbour_km = 20");
    let text = sandbox.read("places.csv") + "qaraqosh,Qaraqosh,,,town,east,,,,unlocated,\n";
    sandbox.write("places.csv", &text);
    let events = sandbox.read("events.csv") + "2016-10-22,day,Qaraqosh,gov,captured,,,seed:October 2016,taken\n";
    sandbox.write("events.csv", &events);
    sandbox
}

fn layers(sandbox: &Sandbox, args: &[&str]) -> BTreeMap<String, geojson::FeatureCollection> {
    let mut all = vec!["export", "-o", "layers/"];
    all.extend_from_slice(args);
    sandbox.run(&all).success();
    LAYERS
        .iter()
        .map(|(name, _)| {
            let text = std::fs::read_to_string(sandbox.path().join(format!("layers/{name}.geojson"))).unwrap();
            (name.to_string(), text.parse().unwrap_or_else(|e| panic!("{name}: {e}")))
        })
        .collect()
}

fn text<'a>(feature: &'a geojson::Feature, field: &str) -> &'a str {
    feature.property(field).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("no {field} in {feature:?}"))
}

#[test]
fn the_geopackage_has_the_standard_tables_a_layer_each_and_dates() {
    let sandbox = sandbox();
    sandbox.run(&["export", "-o", "battle.gpkg"]).success().stderr(predicates::str::contains("wrote battle.gpkg"));
    let db = rusqlite::Connection::open(sandbox.path().join("battle.gpkg")).unwrap();
    let one = |sql: &str| -> String {
        db.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0)).map(|v| format!("{v:?}")).unwrap()
    };
    assert_eq!(one("PRAGMA application_id"), "Integer(1196444487)", "'GPKG'");
    assert_eq!(one("SELECT COUNT(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (-1, 0, 4326)"), "Integer(3)");
    let json = layers(&sandbox, &[]);
    for (name, shape) in LAYERS {
        let kind = one(&format!("SELECT data_type FROM gpkg_contents WHERE table_name = '{name}'"));
        assert_eq!(kind, if shape.is_empty() { "Text(\"attributes\")" } else { "Text(\"features\")" }, "{name}");
        if !shape.is_empty() {
            let sql = format!(
                "SELECT geometry_type_name || ' ' || srs_id FROM gpkg_geometry_columns WHERE table_name = '{name}'"
            );
            assert_eq!(one(&sql), format!("Text(\"{shape} 4326\")"));
            let blob = format!("SELECT substr(geom, 1, 2) FROM \"{name}\" WHERE geom IS NOT NULL LIMIT 1");
            assert_eq!(one(&blob), "Blob([71, 80])", "{name}: GeoPackageBinary starts with GP");
        }
        let count: i64 = db.query_row(&format!("SELECT COUNT(*) FROM \"{name}\""), [], |r| r.get(0)).unwrap();
        assert!(count > 0, "{name} is empty");
        assert_eq!(count as usize, json[name].features.len(), "{name}: as many features as its GeoJSON layer");
        let types: Vec<(String, String)> = db
            .prepare(&format!("SELECT name, type FROM pragma_table_info('{name}') WHERE name LIKE 'valid_%'"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(types, [("valid_from".into(), "DATE".into()), ("valid_to".into(), "DATE".into())], "{name}");
    }
    let unlocated = one(
        "SELECT place_id || ' ' || side || ' ' || valid_from FROM unlocated_places ORDER BY valid_from DESC LIMIT 1",
    );
    assert_eq!(unlocated, "Text(\"qaraqosh gov 2016-10-22\")");
}

/// The features valid on a day (valid_from ≤ day < valid_to) are what the export of that one
/// day says: the same places in the same states, the same sides' territory.
#[test]
fn the_features_valid_on_a_day_are_the_map_of_that_day() {
    let sandbox = sandbox();
    let whole = layers(&sandbox, &[]);
    for day in ["2016-10-16", "2016-10-24", "2016-11-04", "2016-11-05", "2016-12-31"] {
        let out = sandbox.run(&["export", "--date", day, "-o", "-"]).success().get_output().stdout.clone();
        let single: geojson::FeatureCollection = String::from_utf8(out).unwrap().parse().unwrap();
        let valid = |f: &&geojson::Feature| text(f, "valid_from") <= day && day < text(f, "valid_to");
        for (name, key) in [("places", "place_id"), ("unlocated_places", "place_id"), ("territory", "side")] {
            let summary = |features: Vec<&geojson::Feature>| {
                let mut rows: Vec<String> = features
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} {}",
                            text(f, key),
                            text(f, "side"),
                            f.property("state").map_or("", |s| s.as_str().unwrap())
                        )
                    })
                    .collect();
                rows.sort();
                rows
            };
            let from_whole = summary(whole[name].features.iter().filter(valid).collect());
            let from_day = summary(single.features.iter().filter(|f| text(f, "layer") == name).collect());
            assert!(!from_whole.is_empty(), "{day} {name}");
            assert_eq!(from_whole, from_day, "{day} {name}");
        }
    }
    // A place's states follow each other without a gap, from the baseline to the day after
    // the period.
    let bartella: Vec<&geojson::Feature> =
        whole["places"].features.iter().filter(|f| text(f, "place_id") == "bartella").collect();
    let spans: Vec<(&str, &str, &str)> =
        bartella.iter().map(|f| (text(f, "side"), text(f, "valid_from"), text(f, "valid_to"))).collect();
    assert_eq!(spans, [("isil", "2016-01-01", "2016-10-20"), ("gov", "2016-10-20", "2017-01-01")]);
    assert_eq!(text(bartella[1], "event_first_day"), "2016-10-20");
    // An event dated to a range keeps its first and last day apart.
    let raid = whole["events"].features.iter().find(|f| text(f, "date") == "2016-10-23/2016-10-24").unwrap();
    let days = ["first_day", "last_day", "valid_from", "valid_to"].map(|field| text(raid, field));
    assert_eq!(days, ["2016-10-23", "2016-10-24", "2016-10-23", "2016-10-25"]);
}

#[test]
fn outputs_frontline_cannot_write_are_refused_and_nothing_is_written() {
    let sandbox = sandbox();
    for (args, message) in [
        (&["-o", "battle.shp"][..], "--output: \"battle.shp\": frontline export writes .gpkg (GeoPackage)"),
        (&["-o", "battle"], "a folder ending in /"),
        (&["-o", "-", "--format", "geojson-layers"], "--format: a folder of layers cannot go to -"),
        (&["-o", "x.geojson", "--format", "gpkg"], "--format: gpkg does not match the extension of \"x.geojson\""),
        (&["-o", "x.gpkg", "--from", "2016-11-05", "--to", "2016-11-01"], "--from: 2016-11-05 is after --to"),
        (&["-o", "x.gpkg", "--from", "2015-01-01"], "--from/--date"),
    ] {
        let mut all = vec!["export"];
        all.extend_from_slice(args);
        sandbox.run(&all).code(2).stderr(predicates::str::contains(message));
    }
    sandbox.run(&["export", "--date", "2016-11-05", "--from", "2016-11-01"]).code(2);
    assert!(sandbox.outputs().is_empty(), "{:?}", sandbox.outputs());
    // --format decides where the name does not.
    sandbox.run(&["export", "-o", "as-layers", "--format", "geojson-layers"]).success();
    assert!(sandbox.path().join("as-layers/front_lines.geojson").is_file());
    let out = sandbox.run(&["export", "-o", "-", "--format", "gpkg"]).success().get_output().stdout.clone();
    assert!(out.starts_with(b"SQLite format 3\0"));
}

/// GDAL reads the GeoPackage as QGIS will: six layers, their geometry types and counts, the
/// dates as Date fields, EPSG:4326; and GEOS finds every polygon valid. Needs `ogrinfo`
/// (Debian's gdal-bin): skipped where it is missing unless FRONTLINE_GDAL_TESTS=require.
#[test]
fn gdal_reads_the_geopackage_with_date_fields() {
    if !common::tool_available("ogrinfo", "FRONTLINE_GDAL_TESTS") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let args = ["export", "--from", "2017-03-10", "--to", "2017-03-16", "-o", "week.gpkg"];
    common::frontline(dir.path()).args(args).assert().success();
    let ogrinfo = |args: &[&str]| {
        let out = std::process::Command::new("ogrinfo")
            .args(["-ro", "-so"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "ogrinfo {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let summary = ogrinfo(&["week.gpkg"]);
    for line in [
        "1: places (Point)",
        "2: territory (Multi Polygon)",
        "3: contested (Multi Polygon)",
        "4: front_lines (Multi Line String)",
        "5: events (Point)",
        "6: unlocated_places (None)",
    ] {
        assert!(summary.contains(line), "{line}\n{summary}");
    }
    let db = rusqlite::Connection::open(dir.path().join("week.gpkg")).unwrap();
    for (name, shape) in LAYERS {
        let info = ogrinfo(&["week.gpkg", name]);
        let count: i64 = db.query_row(&format!("SELECT COUNT(*) FROM \"{name}\""), [], |r| r.get(0)).unwrap();
        assert!(count > 0, "{name}");
        assert!(info.contains(&format!("Feature Count: {count}\n")), "{name}: {info}");
        assert!(info.contains("valid_from: Date (0.0)") && info.contains("valid_to: Date (0.0)"), "{info}");
        if !shape.is_empty() {
            assert!(info.contains("ID[\"EPSG\",4326]"), "{name}: {info}");
        }
    }
    let sql = "SELECT COUNT(*) AS polygons, SUM(ST_IsValid(geom)) AS valid FROM territory";
    let out = std::process::Command::new("ogrinfo")
        .args(["-ro", "-q", "week.gpkg", "-sql", sql])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} (")))
            .and_then(|l| l.rsplit('=').next())
            .map(|v| v.trim().to_string())
    };
    assert!(field("polygons").is_some() && field("polygons") == field("valid"), "GEOS finds invalid polygons\n{text}");
}

/// One day can go to a GeoPackage or a folder of layers too, each layer of one geometry
/// type; in the single GeoJSON file, the `layer` property tells them apart.
#[test]
fn one_day_goes_to_separate_layers_as_well() {
    let sandbox = sandbox();
    sandbox.run(&["export", "--date", "2016-11-05", "-o", "day.gpkg"]).success();
    let db = rusqlite::Connection::open(sandbox.path().join("day.gpkg")).unwrap();
    let tables: i64 = db.query_row("SELECT COUNT(*) FROM gpkg_contents", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, LAYERS.len() as i64);
    let day = layers(&sandbox, &["--date", "2016-11-05"]);
    for (name, shape) in LAYERS.iter().filter(|(_, shape)| !shape.is_empty()) {
        // Events at places nobody located have no geometry.
        for geometry in day[*name].features.iter().filter_map(|f| f.geometry.as_ref()) {
            assert_eq!(geometry.value.type_name().to_uppercase(), *shape, "{name}: one geometry type a layer");
        }
    }
}

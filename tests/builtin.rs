//! The built-in Mosul dataset: it passes its checks, and its frames tell the battle as the
//! sources do (east Mosul closing in Nov–Jan, the Tigris as the front in February, west
//! Mosul shrinking to the Old City by July).

mod common;

use std::collections::BTreeMap;

/// Place id -> bank ("east", "west" or ""), from the dataset's own gazetteer.
fn banks() -> BTreeMap<String, String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/mosul/places.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, bank) = (column("id"), column("bank"));
    reader.records().map(|r| r.unwrap()).map(|r| (r[id].to_string(), r[bank].to_string())).collect()
}

/// Place id -> (side, state) on `date`, read back from the rendered city frame.
fn control_on(date: &str) -> BTreeMap<String, (String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let args = ["render", "--date", date, "--focus", "mosul", "-o", "-"];
    let out = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
    let svg = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("place"))
        .map(|n| {
            let id = n.attribute("id").unwrap().trim_start_matches("place-").to_string();
            (id, (n.attribute("data-side").unwrap().to_string(), n.attribute("data-state").unwrap().to_string()))
        })
        .collect()
}

fn held_by<'a>(control: &'a BTreeMap<String, (String, String)>, side: &str) -> Vec<&'a str> {
    control.iter().filter(|(_, (s, state))| s == side && state != "contested").map(|(id, _)| id.as_str()).collect()
}

#[test]
fn the_dataset_passes_its_checks_and_replays_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::frontline(dir.path()).arg("check").assert().success().get_output().clone();
    let report = String::from_utf8(out.stdout).unwrap();
    let warnings = String::from_utf8(out.stderr).unwrap();
    assert!(report.contains("0 errors"), "{report}");
    // No replay warning, nothing near the river on the wrong side; homonyms are notes.
    let lines: Vec<&str> = warnings.lines().chain(report.lines()).filter(|l| l.starts_with("warning")).collect();
    assert!(lines.is_empty(), "{lines:#?}");
    assert!(report.contains("0 errors, 0 warnings"), "{report}");
    assert!(report.contains("note: ") && report.contains("belongs to several places: nasr, nasr-west"), "{report}");
}

#[test]
fn before_the_offensive_the_city_is_held_by_isil() {
    let control = control_on("2016-10-16");
    let banks = banks();
    let in_city: Vec<&String> = control.keys().filter(|id| !banks[*id].is_empty()).collect();
    assert!(in_city.len() > 100, "{}", in_city.len());
    let gov = held_by(&control, "gov");
    assert!(gov.iter().all(|id| banks[*id].is_empty()), "only places outside the city: {gov:?}");
}

#[test]
fn by_the_end_of_january_the_east_bank_is_taken_and_the_west_bank_is_not() {
    let control = control_on("2017-01-24");
    let banks = banks();
    for (id, (side, state)) in &control {
        match banks[id].as_str() {
            "east" => assert_eq!((side.as_str(), state.as_str()), ("gov", "held"), "{id}"),
            "west" => assert_eq!(side, "isil", "{id}: the Tigris is the front"),
            _ => {}
        }
    }
}

#[test]
fn in_march_the_south_of_west_mosul_falls_and_in_july_the_city_is_taken() {
    let march = control_on("2017-03-15");
    for id in ["mosul-airport", "ghazlani-base", "wadi-hajar", "mosul-al-jadida"] {
        assert_eq!(march[id].0, "gov", "{id} on 15 March");
    }
    assert_ne!(march["old-city"].0, "gov", "the Old City holds out in March");

    let may = control_on("2017-05-20");
    let isil_may = held_by(&may, "isil");
    let isil_march = held_by(&march, "isil");
    assert!(isil_may.len() < isil_march.len() / 2, "ISIL's places shrink: {} -> {}", isil_march.len(), isil_may.len());

    let july = control_on("2017-07-10");
    assert!(held_by(&july, "isil").is_empty(), "{:?}", held_by(&july, "isil"));
    assert!(july.values().all(|(side, state)| side == "gov" && state == "held"));
}

/// No label overlaps another label or a marker, on dates across the battle, in the whole
/// area and in the city, in English and in Arabic, in every built-in theme.
#[test]
fn labels_never_overlap_across_the_battle_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let themes = ["default", "dark", "colour-blind", "greyscale"];
    let dates = ["2016-10-20", "2016-11-15", "2017-01-24", "2017-03-15", "2017-05-20", "2017-07-10", "2017-08-27"];
    for (n, date) in dates.into_iter().enumerate() {
        for view in [&[][..], &["--focus", "mosul"]] {
            for lang in ["en", "ar"] {
                let theme = themes[n % themes.len()];
                let mut args = vec!["render", "--date", date, "--lang", lang, "--theme", theme, "-o", "-"];
                args.extend_from_slice(view);
                let out = common::frontline(dir.path()).args(&args).assert().success().get_output().stdout.clone();
                let svg = String::from_utf8(out).unwrap();
                let doc = roxmltree::Document::parse(&svg).unwrap();
                let boxes = common::text_boxes(&doc);
                let labels = boxes.iter().filter(|b| b.0.starts_with("label")).count();
                assert!(labels > 15, "{date} {view:?} {lang}: only {labels} labels");
                for (i, a) in boxes.iter().enumerate() {
                    for b in &boxes[i + 1..] {
                        let pair_has_label = a.0.starts_with("label") || b.0.starts_with("label");
                        assert!(
                            !(pair_has_label && common::overlap(a, b)),
                            "{date} {view:?} {lang}: {a:?} overlaps {b:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_tal_afar_extension_ends_with_the_city_and_al_ayadiya_taken() {
    let dir = tempfile::tempdir().unwrap();
    let side_of = |date: &str, place: &str| {
        let args = ["render", "--date", date, "--focus", "tal-afar", "-o", "-"];
        let out = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
        let svg = String::from_utf8(out).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let node = common::place(&doc, place).unwrap();
        (node.attribute("data-side").unwrap().to_string(), node.attribute("data-state").unwrap().to_string())
    };
    assert_eq!(side_of("2017-08-19", "tal-afar").0, "isil");
    assert_eq!(side_of("2017-08-27", "tal-afar"), ("gov".to_string(), "held".to_string()));
    assert_eq!(side_of("2017-08-28", "al-ayadiya"), ("isil".to_string(), "besieged".to_string()));
    assert_eq!(side_of("2017-09-02", "al-ayadiya"), ("gov".to_string(), "held".to_string()));
}

#[test]
fn the_geojson_export_carries_the_front_lines_of_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["export", "--date", "2017-01-24", "-o", "-"];
    let out = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
    let collection: geojson::FeatureCollection = String::from_utf8(out).unwrap().parse().unwrap();
    let front = collection
        .features
        .iter()
        .find(|f| f.property("layer").and_then(|v| v.as_str()) == Some("front-line"))
        .expect("a front line on 24 January 2017");
    let geojson::GeometryValue::MultiLineString { coordinates } = &front.geometry.as_ref().unwrap().value else {
        panic!("front lines are lines")
    };
    assert!(coordinates.iter().map(Vec::len).sum::<usize>() >= 5);
}

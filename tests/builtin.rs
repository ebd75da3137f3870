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
    let dataset = frontline::dataset::Dataset::builtin().unwrap();
    let in_region = |region: &str, id: &str| {
        let region = dataset.manifest.region(region).unwrap();
        let place = dataset.gazetteer.get(dataset.gazetteer.by_id(id).unwrap());
        region.contains(place.lonlat(), place.bank)
    };
    for (id, (side, state)) in &control {
        if in_region("east-mosul", id) {
            assert_eq!((side.as_str(), state.as_str()), ("gov", "held"), "{id}");
        } else if in_region("west-mosul", id) {
            assert_eq!(side, "isil", "{id}: the Tigris is the front");
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
    let not_held: Vec<_> = july.iter().filter(|(_, (side, state))| side != "gov" || state != "held").collect();
    assert!(not_held.is_empty(), "{not_held:?}");
}

/// No label overlaps another label or a marker, on dates across the battle, in the whole
/// area and in the city, in English and in Arabic, in every built-in theme; but a city's
/// label may cover the markers of the districts and villages around it rather than be left
/// out, and is never left out.
#[test]
fn labels_never_overlap_across_the_battle_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let places = frontline::dataset::Dataset::builtin().unwrap().gazetteer;
    let kind_of = |group_id: &str| {
        let id = group_id.strip_prefix("place-")?;
        places.by_id(id).map(|p| places.get(p).kind)
    };
    let cities: Vec<(String, String)> = places
        .places()
        .iter()
        .filter(|p| p.kind == frontline::dataset::gazetteer::Kind::City)
        .map(|p| (format!("label {}", p.name), format!("label {}", p.name_ar)))
        .collect();
    let is_city_label = |label: &str| cities.iter().any(|(en, ar)| label == en || label == ar);
    let may_cover = |label: &str, other: &str| {
        use frontline::dataset::gazetteer::Kind;
        is_city_label(label) && kind_of(other).is_some_and(|k| !matches!(k, Kind::City | Kind::Town))
    };
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
                        let allowed = may_cover(&a.0, &b.0) || may_cover(&b.0, &a.0);
                        assert!(
                            !(pair_has_label && !allowed && common::overlap(a, b)),
                            "{date} {view:?} {lang}: {a:?} overlaps {b:?}"
                        );
                    }
                }
                let city_in_view = |id: &str| doc.descendants().any(|n| n.attribute("id") == Some(id));
                for place in places.places().iter().filter(|p| p.kind == frontline::dataset::gazetteer::Kind::City) {
                    if city_in_view(&format!("place-{}", place.id)) {
                        let named = if lang == "ar" { &place.name_ar } else { &place.name };
                        let label = format!("label {named}");
                        assert!(
                            boxes.iter().any(|b| b.0 == label),
                            "{date} {view:?} {lang}: {} is not labelled",
                            place.name
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
        .find(|f| {
            f.property("layer").and_then(|v| v.as_str()) == Some("front_lines")
                && f.property("side_a").unwrap() == "isil"
                && f.property("side_b").unwrap() == "gov"
        })
        .expect("a front line between ISIL and the government on 24 January 2017");
    let geojson::GeometryValue::MultiLineString { coordinates } = &front.geometry.as_ref().unwrap().value else {
        panic!("front lines are lines")
    };
    assert!(coordinates.iter().map(Vec::len).sum::<usize>() >= 5);
}

/// The legend never hides a place: at every width from 600 px, in both languages and every
/// theme, in the whole area and the cities, its box covers no marker (it moves under the
/// map when no corner is free).
#[test]
fn the_legend_never_covers_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let themes = ["default", "dark", "colour-blind", "greyscale"];
    let mut n = 0;
    for width in ["600", "800", "1200", "1600"] {
        for view in [&[][..], &["--focus", "mosul"], &["--focus", "tal-afar"]] {
            for (lang, date) in [("en", "2016-11-15"), ("ar", "2017-03-15")] {
                let theme = themes[n % themes.len()];
                n += 1;
                let mut args =
                    vec!["render", "--date", date, "--width", width, "--lang", lang, "--theme", theme, "-o", "-"];
                args.extend_from_slice(view);
                let out = common::frontline(dir.path()).args(&args).assert().success().get_output().stdout.clone();
                let svg = String::from_utf8(out).unwrap();
                let doc = roxmltree::Document::parse(&svg).unwrap();
                let legend = doc.descendants().find(|n| n.attribute("id") == Some("legend")).expect("a legend");
                let rect = legend.children().find(|n| n.has_tag_name("rect")).unwrap();
                let num = |a: &str| rect.attribute(a).unwrap().parse::<f64>().unwrap();
                let (x, y) = (num("x"), num("y"));
                let legend_box = ("legend".to_string(), x, y, x + num("width"), y + num("height"));
                for place in common::text_boxes(&doc).into_iter().filter(|b| b.0.starts_with("place-")) {
                    assert!(
                        !common::overlap(&legend_box, &place),
                        "{width} px {view:?} {lang} {theme}: the legend {legend_box:?} covers {place:?}"
                    );
                }
            }
        }
    }
}

/// On 17 October 2016 the Peshmerga took many villages on one statement: the caption names
/// the source once, lists the first places and says how many more, and no address repeats.
#[test]
fn a_busy_day_caption_names_each_source_once() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["render", "--date", "2016-10-17", "-o", "-"];
    let out = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
    let svg = String::from_utf8(out).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let changes = doc.descendants().find(|n| n.attribute("id") == Some("changes")).unwrap();
    let text: Vec<&str> = changes.children().filter_map(|t| t.text()).collect();
    let text = text.join(" ");
    // Each group: "names: what happened (forces). Source: short source".
    let groups: Vec<&str> = text.split("Source: ").skip(1).map(|s| s.split_whitespace().next().unwrap_or("")).collect();
    let statements: Vec<String> = text
        .split(". Source: ")
        .zip(groups.iter())
        .map(|(before, source)| {
            let what = before.rsplit(": ").next().unwrap_or("");
            let what = what.split(" (").next().unwrap_or(what);
            format!("{what} | {source}")
        })
        .collect();
    let mut unique = statements.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(statements.len(), unique.len(), "one line per state and source: {statements:#?}");
    assert!(groups.len() < 10, "{} lines for the day's changes", groups.len());
    assert!(!text.contains("https://"), "sources by their short form: {text}");
}

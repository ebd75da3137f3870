//! `frontline import acled`: ACLED-shaped rows (a fixture written for the test, not
//! downloaded data) merged into a dataset by name and distance.

mod common;

use common::{Sandbox, fixture};

fn import(sandbox: &Sandbox, file: &std::path::Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    common::frontline(sandbox.path())
        .args(["import", "acled"])
        .arg(file)
        .arg("--dataset")
        .arg(sandbox.dataset())
        .args(extra)
        .assert()
}

/// The fixture dataset, with how ACLED names two of its sides.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("dataset.toml", "colour = \"#262626\"", "colour = \"#262626\"\nactors = [\"Islamic State\"]");
    let government = "actors = [\"Military Forces of Iraq\", \"Police Forces of Iraq\"]";
    sandbox.edit("dataset.toml", "colour = \"#c8102e\"", &format!("colour = \"#c8102e\"\n{government}"));
    sandbox
}

fn acled() -> std::path::PathBuf {
    fixture("acled/territory.csv")
}

fn export(sandbox: &Sandbox, date: &str) -> serde_json::Value {
    let out = sandbox.run(&["export", "--date", date, "-o", "-"]).success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

fn place(export: &serde_json::Value, id: &str) -> serde_json::Value {
    let features = export["features"].as_array().unwrap();
    let found = features.iter().find(|f| f["properties"]["layer"] == "places" && f["properties"]["place_id"] == id);
    found.unwrap_or_else(|| panic!("no place {id}"))["properties"].clone()
}

#[test]
fn rows_become_events_at_matched_or_new_places() {
    let sandbox = sandbox();
    let out = import(&sandbox, &acled(), &["--side", "Peshmerga=krg"]).success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.starts_with("7 rows: 5 events added, 0 updated, 1 already in the dataset, 1 not a change of territory"),
        "{out}"
    );
    // A spelling the gazetteer knows as an alias, 0.2 km away: the same place.
    assert!(out.contains("matched \"Kokjali\" to gogjali (0.2 km)"), "{out}");
    // A name the gazetteer has, but 29 km from it: another place, named apart.
    assert!(out.contains("created place intisar-tilkaif"), "{out}");
    assert!(out.contains("created place bazwaya") && out.contains("created place karamles"), "{out}");

    let places = sandbox.read("places.csv");
    let bazwaya = places.lines().find(|l| l.starts_with("bazwaya,")).unwrap();
    assert_eq!(bazwaya, "bazwaya,Bazwaya,,,village,,36.340000,43.290000,1000,acled: ACLED TST0001: Test Wire,");
    assert!(places.contains("intisar-tilkaif,Intisar (Tilkaif),,,village,,36.500000,42.950000,5000,"));
    let events = sandbox.read("events.csv");
    assert!(events.contains("2016-11-06,day,gogjali,isil,captured,,Islamic State (Iraq),ACLED TST0002: Test Wire; Test Daily,\"Test row: a counter-attack, with a comma.\""));
    assert!(events.contains("2016-11-08,day,bashiqa,krg,withdrawn,"), "a non-violent transfer");
    assert!(events.contains("2016-11-12/2016-11-18,range,karamles,gov,captured,"), "time_precision 2: that week");

    // The merged dataset is valid and the maps follow it.
    sandbox.run(&["check"]).success();
    assert_eq!(place(&export(&sandbox, "2016-11-06"), "gogjali")["side"], "isil");
    assert_eq!(place(&export(&sandbox, "2016-11-05"), "gogjali")["side"], "gov");
    assert_eq!(place(&export(&sandbox, "2016-10-26"), "bazwaya")["side"], "gov");
}

#[test]
fn importing_the_same_rows_again_adds_nothing() {
    let sandbox = sandbox();
    import(&sandbox, &acled(), &["--side", "Peshmerga=krg"]).success();
    let (places, events) = (sandbox.read("places.csv"), sandbox.read("events.csv"));
    let out = import(&sandbox, &acled(), &["--side", "Peshmerga=krg"]).success().get_output().stdout.clone();
    assert!(String::from_utf8(out).unwrap().starts_with("7 rows: 0 events added, 0 updated, 6 already in the dataset"));
    assert_eq!(sandbox.read("places.csv"), places);
    assert_eq!(sandbox.read("events.csv"), events);
}

#[test]
fn every_bad_row_is_reported_and_nothing_is_written() {
    let sandbox = sandbox();
    let (places, events) = (sandbox.read("places.csv"), sandbox.read("events.csv"));
    // Without --side, the Peshmerga row has no side.
    import(&sandbox, &acled(), &[])
        .code(2)
        .stderr(predicates::str::contains("territory.csv:4:8 (`actor1`): no side for the actor \"Peshmerga"))
        .stderr(predicates::str::contains("--side \"Peshmerga (Kurdistan Regional Government)=SIDE\""));
    let broken = sandbox.path().join("broken.csv");
    let text = std::fs::read_to_string(acled()).unwrap();
    let text = text.replacen("2016-10-26", "2016-02-30", 1).replacen("36.3560", "96.3560", 1).replacen(
        "2016-11-15",
        "2017-05-01",
        1,
    );
    std::fs::write(&broken, text).unwrap();
    let assert = import(&sandbox, &broken, &["--side", "Peshmerga=krg"]).code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("broken.csv:2:2 (`event_date`)"), "{stderr}");
    assert!(stderr.contains("broken.csv:3:15 (`latitude`)"), "{stderr}");
    assert!(stderr.contains("broken.csv:8:2 (`event_date`)") && stderr.contains("the dataset's period"), "{stderr}");
    assert_eq!(sandbox.read("places.csv"), places);
    assert_eq!(sandbox.read("events.csv"), events);
    import(&sandbox, &acled(), &["--side", "Peshmerga"])
        .code(2)
        .stderr(predicates::str::contains("expected ACTOR=SIDE"));
    import(&sandbox, &acled(), &["--side", "Peshmerga=kurds"])
        .code(2)
        .stderr(predicates::str::contains("isil, gov, krg"));
}

fn export_file() -> std::path::PathBuf {
    fixture("acled/export.csv")
}

/// A file with ACLED's own columns and conventions ("24 January 2017", "Mosul - Gogjali",
/// actors with years in brackets, event ids): neighbourhoods found within their city,
/// the Peshmerga of the Iraqi forces sent to the Kurdistan Region, a new neighbourhood made a
/// district.
#[test]
fn an_acled_export_is_imported_with_neighbourhoods_and_units() {
    let sandbox = sandbox();
    let out = import(&sandbox, &export_file(), &["--side", "Peshmerga=krg"]).success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("5 rows: 4 events added, 0 updated, 0 already in the dataset, 1 not a change"), "{out}");
    assert!(out.contains("matched \"Mosul - Gogjali\" to gogjali (0.0 km)"), "{out}");
    assert!(out.contains("matched \"Mosul - Intisar\" to intisar (0.1 km)"), "{out}");
    assert!(out.contains("created place al-quds"), "{out}");
    let places = sandbox.read("places.csv");
    assert!(places.contains("\nal-quds,Al Quds,,,district,,36.370000,43.220000,"), "{places}");
    let events = sandbox.read("events.csv");
    assert!(events.contains("2016-11-09,day,bashiqa,krg,captured,,Military Forces of Iraq (2014-2018) Peshmerga,"));
    assert!(events.contains("2016-11-02,day,gogjali,gov,captured,,Military Forces of Iraq (2014-2018),ACLED TST1001:"));
    assert!(events.contains("2016-11-08,day,intisar,isil,captured,"), "{events}");
    sandbox.run(&["check"]).success();
    assert_eq!(place(&export(&sandbox, "2016-11-10"), "bashiqa")["side"], "krg");
}

/// ACLED revises rows and keeps their event_id_cnty: importing the revised export changes
/// those events in place and adds none.
#[test]
fn a_revised_export_updates_events_by_event_id() {
    let sandbox = sandbox();
    import(&sandbox, &export_file(), &["--side", "Peshmerga=krg"]).success();
    let before = sandbox.read("events.csv");
    let revised = sandbox.path().join("revised.csv");
    let text = std::fs::read_to_string(export_file()).unwrap();
    let text = text.replacen("TST1004,12 November 2016,", "TST1004,13 November 2016,", 1).replacen(
        "a neighbourhood the gazetteer lacks",
        "revised: a day later",
        1,
    );
    std::fs::write(&revised, text).unwrap();
    let out = import(&sandbox, &revised, &["--side", "Peshmerga=krg"]).success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("5 rows: 0 events added, 1 updated, 3 already in the dataset"), "{out}");
    let after = sandbox.read("events.csv");
    assert_eq!(after.lines().count(), before.lines().count(), "no event added");
    assert!(after.contains("2016-11-13,day,al-quds,gov,captured,") && after.contains("revised: a day later"));
    assert!(!after.contains("2016-11-12,day,al-quds"), "{after}");
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "only the revised row changes: {changed:?}");
    sandbox.run(&["check"]).success();
}

/// A row whose new place would stand on an existing one is refused, and the message names
/// the ACLED row rather than a line of places.csv that was never written.
#[test]
fn problems_with_what_a_row_would_add_name_the_acled_row() {
    let sandbox = sandbox();
    let (places, events) = (sandbox.read("places.csv"), sandbox.read("events.csv"));
    let clash = sandbox.path().join("clash.csv");
    let text = std::fs::read_to_string(export_file()).unwrap();
    let text = text.replacen("Mosul - Al Quds,36.3700,43.2200", "Mosul - New Quarter,36.3550,43.2500", 1);
    std::fs::write(&clash, text).unwrap();
    let assert = import(&sandbox, &clash, &["--side", "Peshmerga=krg"]).code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("clash.csv:5:22 (`location`)"), "{stderr}");
    assert!(stderr.contains("in the place this row would make"), "{stderr}");
    assert!(!stderr.contains("places.csv:8"), "no line of a file never written is named first: {stderr}");
    assert_eq!(sandbox.read("places.csv"), places);
    assert_eq!(sandbox.read("events.csv"), events);
}

//! `frontline stats`: per-side counts on a date or a series, in three formats, and the
//! comparison with the dated figures of claims.csv.

mod common;

use common::Sandbox;
use predicates::str::contains;

fn stdout(sandbox: &Sandbox, args: &[&str]) -> String {
    String::from_utf8(sandbox.run(args).success().get_output().stdout.clone()).unwrap()
}

#[test]
fn json_has_date_region_sides_and_totals() {
    let sandbox = Sandbox::new("tiny");
    let text = stdout(&sandbox, &["stats", "--date", "2016-11-05", "--region", "east", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["date"], "2016-11-05");
    assert_eq!(json["region"], "east");
    let gov = json["sides"].as_array().unwrap().iter().find(|s| s["side"] == "gov").unwrap();
    // East of the river: Bartella and Gogjali held, Intisar contested, Bashiqa besieged (ISIL).
    assert_eq!(gov["places"], 2);
    assert_eq!(gov["places_share"], 0.5);
    assert_eq!(gov["by_kind"]["district"], 1);
    assert_eq!(json["contested"]["places"], 1);
    let sides = json["sides"].as_array().unwrap();
    let shares: f64 = sides.iter().map(|s| s["places_share"].as_f64().unwrap()).sum();
    assert!((shares + json["contested"]["places_share"].as_f64().unwrap() - 1.0).abs() < 1e-3);
    // Areas of the sides, the contested area and the neutral rest make up the region.
    let km2 = |v: &serde_json::Value| v["area_km2"].as_f64().unwrap();
    let total = sides.iter().map(km2).sum::<f64>() + km2(&json["contested"]) + km2(&json["neutral"]);
    assert!((total - json["area_km2"].as_f64().unwrap()).abs() < 0.01, "{total} vs {}", json["area_km2"]);
    // Bartella's 3.5 km reach alone is 38.5 km², all of it east of the river.
    assert!(km2(gov) > 38.0 && km2(gov) < 45.0, "{}", gov["area_km2"]);
}

#[test]
fn a_series_writes_one_block_of_rows_per_date() {
    let sandbox = Sandbox::new("tiny");
    let csv =
        stdout(&sandbox, &["stats", "--from", "2016-10-19", "--to", "2016-10-21", "--step", "1d", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "date,region,side,places,places_share,area_km2,area_share");
    assert_eq!(lines.len(), 1 + 3 * 5);
    assert!(lines.contains(&"2016-10-19,all,gov,0,0,0,0"), "{csv}");
    let bartella =
        lines.iter().find(|l| l.starts_with("2016-10-20,all,gov,1,0.1667,")).expect("Bartella falls on the 20th");
    let km2: f64 = bartella.split(',').nth(5).unwrap().parse().unwrap();
    assert!((km2 - 38.5).abs() < 0.5, "{bartella}");
}

#[test]
fn the_table_names_the_region_and_the_date() {
    let sandbox = Sandbox::new("tiny");
    let text = stdout(&sandbox, &["stats", "--date", "2016-11-05"]);
    assert!(text.starts_with("all (Whole area) on 2016-11-05: 6 places"), "{text}");
    assert!(text.contains("km2") && text.contains("neutral"), "{text}");
}

#[test]
fn claims_are_compared_not_matched() {
    let sandbox = Sandbox::new("tiny");
    let text = stdout(&sandbox, &["stats", "--claims"]);
    let row = |start: &str| -> Vec<&str> {
        text.lines().find(|l| l.starts_with(start)).map(|l| l.split_whitespace().collect()).unwrap_or_default()
    };
    assert_eq!(
        row("2016-11-05            east                gov   districts")[..7],
        ["2016-11-05", "east", "gov", "districts", "1", "1", "agrees"]
    );
    assert!(text.contains("60%-70%       50%  differs"), "{text}");
    assert!(text.contains("area_share               30%"), "{text}");
    // The mapped share leaves out the space no place reaches: gov's area over all mapped area.
    let json = stdout(&sandbox, &["stats", "--date", "2016-11-05", "--region", "east", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&json).unwrap();
    let gov = stats["sides"].as_array().unwrap().iter().find(|s| s["side"] == "gov").unwrap();
    let mapped = stats["area_km2"].as_f64().unwrap() - stats["neutral"]["area_km2"].as_f64().unwrap();
    let share = (gov["area_km2"].as_f64().unwrap() / mapped * 100.0).round();
    let verdict = if (share - 50.0).abs() <= 5.0 { "agrees" } else { "differs" };
    assert!(text.contains(&format!("mapped_area_share        50%       {share}%  {verdict}")), "{text}");
    let agree = if verdict == "agrees" { 2 } else { 1 };
    assert!(text.contains(&format!("{agree} agree, {} differ, 0 not measurable", 4 - agree)), "{text}");
    // The fixture's claims give no reason: the summary says so.
    assert!(text.contains(&format!("why they differ: {} not explained", 4 - agree)), "{text}");
}

/// A change over a claim's dates counts what the side came to hold between the day before
/// the first day and the last: Gogjali, taken on 4 November, is one district captured in
/// the first week of November and none in October.
#[test]
fn changes_are_counted_over_the_claims_dates() {
    let sandbox = Sandbox::new("tiny");
    sandbox.write(
        "claims.csv",
        "date,date_precision,region,side,metric,value,value_max,source,note\n\
         2016-11-01/2016-11-07,range,all,gov,districts_captured,1,,https://example.org/a,\n\
         2016-10,month,all,gov,districts_captured,0,,https://example.org/b,\n\
         2016-11-04,day,all,isil,area_km2_lost,0,,https://example.org/c,\n",
    );
    let text = stdout(&sandbox, &["stats", "--claims"]);
    let rows: Vec<Vec<&str>> = text.lines().skip(1).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(
        rows[0][..7],
        ["2016-11-01/2016-11-07", "all", "gov", "districts_captured", "1", "1", "agrees"],
        "{text}"
    );
    assert_eq!(rows[1][..7], ["2016-10", "all", "gov", "districts_captured", "0", "0", "agrees"], "{text}");
    let km2: f64 = rows[2][5].parse().unwrap();
    assert!(km2 > 0.0, "ISIL lost Gogjali's ground that day: {text}");
}

/// The units sources count in: districts entered or still fought over (`districts_in`),
/// places of every kind (`places_captured`), one force's share (`actor`) and counts that
/// leave a region out (`excluding`). On 5 November Gogjali is the CTS's (taken on the 4th)
/// and Intisar is contested: the 9th Armoured Division has entered it, ISIL still fights in it.
#[test]
fn claims_measure_the_units_the_sources_count_in() {
    let sandbox = Sandbox::new("tiny");
    sandbox.write(
        "claims.csv",
        "date,date_precision,region,side,metric,value,value_max,source,note,as_one,excluding,actor,explained\n\
         2016-11-05,day,east,gov,districts,1,,https://example.org/a,,,,,\n\
         2016-11-05,day,east,gov,districts_in,2,,https://example.org/b,,,,,\n\
         2016-11-05,day,east,isil,districts_in,1,,https://example.org/c,,,,,\n\
         2016-11-05,day,all,gov,districts,0,,https://example.org/d,,,east,,\n\
         2016-11-05,day,east,gov,districts,1,,https://example.org/e,,,,Golden Division|CTS,\n\
         2016-11-05,day,east,gov,districts,0,,https://example.org/f,,,,9th Armoured,\n\
         2016-10-17/2016-11-05,range,all,gov,places_captured,2,,https://example.org/g,,,,,\n\
         2016-10-17/2016-11-05,range,all,gov,places_captured,0,,https://example.org/h,,,,Federal Police,\n\
         2016-10-17/2016-11-05,range,all,gov,area_km2_liberated,0,,https://example.org/i,,,,Federal Police,\n\
         2016-10-17/2016-11-05,range,all,gov,area_km2_liberated,40,,https://example.org/j,,,,cts,\n\
         2016-11-05,day,east,gov,districts,9,,https://example.org/k,,,,,sources disagree (a test): nine\n",
    );
    let text = stdout(&sandbox, &["stats", "--claims"]);
    let rows: Vec<Vec<&str>> = text.lines().skip(1).map(|l| l.split_whitespace().collect()).collect();
    let measured: Vec<&str> = rows.iter().filter(|r| r.len() > 6).map(|r| r[5]).collect();
    assert_eq!(measured[..9], ["1", "2", "1", "0", "1", "0", "2", "0", "0"], "{text}");
    // Bartella's 3.5 km reach and Gogjali's cell: the ground of the CTS's two places.
    let cts_km2: f64 = measured[9].parse().unwrap();
    assert!(cts_km2 > 38.5 && cts_km2 < 60.0, "{text}");
    assert!(text.contains("(https://example.org/e; Golden Division or CTS)"), "the force is named: {text}");
    assert!(text.contains("10 agree, 1 differ"), "{text}");
    assert!(text.contains("why they differ: 1 sources disagree\n"), "{text}");
}

/// A force is counted only where a place's capture can name it: not in a share.
#[test]
fn a_force_on_a_share_is_bad_input() {
    let sandbox = Sandbox::new("tiny");
    sandbox.write(
        "claims.csv",
        "date,date_precision,region,side,metric,value,value_max,source,note,actor\n\
         2016-11-05,day,east,gov,area_share,0.5,,https://example.org/a,,CTS\n",
    );
    sandbox.run(&["stats", "--claims"]).failure().code(2).stderr(contains("claims.csv:2:10 (`actor`)"));
    sandbox.write(
        "claims.csv",
        "date,date_precision,region,side,metric,value,value_max,source,note,excluding\n\
         2016-11-05,day,east,gov,districts,1,,https://example.org/a,,atlantis\n",
    );
    sandbox.run(&["stats", "--claims"]).failure().code(2).stderr(contains("claims.csv:2:10 (`excluding`)"));
}

#[test]
fn bad_stats_arguments_are_bad_input() {
    let sandbox = Sandbox::new("tiny");
    sandbox
        .run(&["stats", "--date", "2016-11-05", "--region", "atlantis"])
        .failure()
        .code(2)
        .stderr(contains("expected one of all, east"));
    sandbox
        .run(&["stats", "--from", "2016-11-05", "--to", "2016-11-01"])
        .failure()
        .code(2)
        .stderr(contains("is after"));
    sandbox.run(&["stats", "--from", "2016-11-01", "--to", "2016-11-05", "--step", "0d"]).failure().code(2);
    sandbox.run(&["stats"]).failure().code(2);
    sandbox.edit("claims.csv", "east,gov,districts", "east,gov,hamlets");
    sandbox.run(&["stats", "--claims"]).failure().code(2).stderr(contains("claims.csv:2:5 (`metric`)"));
}

#[test]
fn the_chart_plots_each_side_day_by_day_with_the_milestones() {
    let sandbox = Sandbox::new("tiny");
    let manifest = sandbox.read("dataset.toml");
    sandbox.write(
        "dataset.toml",
        &format!("{manifest}\n[[milestones]]\ndate = \"2016-11-01\"\nlabel = \"Into the city\"\n"),
    );
    let out = sandbox.run(&["chart", "--region", "east", "--metric", "places", "-o", "-"]).success();
    let svg = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let series: Vec<_> = doc.descendants().filter(|n| n.attribute("class") == Some("series")).collect();
    assert_eq!(series.iter().map(|n| n.attribute("data-side").unwrap()).collect::<Vec<_>>(), ["isil", "gov", "krg"]);
    let points = |side: &str| -> Vec<(f64, f64)> {
        let node = series.iter().find(|n| n.attribute("data-side") == Some(side)).unwrap();
        node.attribute("points")
            .unwrap()
            .split(' ')
            .map(|p| p.split_once(',').unwrap())
            .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
            .collect()
    };
    let gov = points("gov");
    assert_eq!(gov.len(), 77, "16 October to 31 December, one point a day");
    assert!(gov.last().unwrap().1 < gov.first().unwrap().1, "the government holds more at the end (higher up)");
    let milestone = doc.descendants().find(|n| n.attribute("data-date") == Some("2016-11-01")).unwrap();
    assert_eq!(milestone.text(), Some("Into the city"));

    sandbox.write("dataset.toml", &format!("{manifest}\n[[milestones]]\ndate = \"2019-01-01\"\nlabel = \"Later\"\n"));
    sandbox.run(&["chart", "-o", "-"]).failure().code(2).stderr(contains("expected a date within the period"));
}

#[test]
fn the_coverage_report_counts_what_is_located_dated_and_sourced() {
    let sandbox = Sandbox::new("tiny");
    let text = stdout(&sandbox, &["stats", "--coverage"]);
    let row = |label: &str| -> Vec<String> {
        let line =
            text.lines().find(|l| l.split_whitespace().next() == Some(label)).unwrap_or_else(|| panic!("{text}"));
        line.split_whitespace().map(str::to_string).collect()
    };
    // Six places: Gogjali and Intisar estimated, the others from a reference.
    assert_eq!(row("all")[..6], ["all", "4", "2", "0", "6", "100.0%"], "{text}");
    assert_eq!(row("district")[..5], ["district", "0", "2", "0", "2"], "{text}");
    assert!(text.contains("districts that changed hands, by region and month"), "{text}");
    assert!(text.contains("Events by source family (8 events, 2 families)"), "{text}");
    assert!(text.lines().any(|l| l.starts_with("seed") && l.ends_with(" 7")), "{text}");
}

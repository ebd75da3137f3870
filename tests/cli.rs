//! `frontline check` and bad input: every problem is located, explained, exits with code 2,
//! and leaves no output file behind.

mod common;

use common::{Sandbox, frontline};
use predicates::prelude::*;
use predicates::str::contains;

/// Runs `render` on a broken sandbox and checks the failure is clean.
fn fails_cleanly(sandbox: &Sandbox, expected: &[&str]) {
    let mut assert = sandbox.run(&["render", "--date", "2016-11-05"]).failure().code(2);
    for text in expected {
        assert = assert.stderr(contains(*text));
    }
    assert.stderr(contains("panicked").not());
    assert!(sandbox.outputs().is_empty(), "no output may be written: {:?}", sandbox.outputs());
}

#[test]
fn check_summarises_a_good_dataset() {
    let sandbox = Sandbox::new("tiny");
    sandbox
        .run(&["check"])
        .success()
        .stdout(contains("places: 6 (city 1, town 2, district 2, base 1)"))
        .stdout(contains("estimated coordinates: 2 of 6 (33.3%)"))
        .stdout(contains("events: 8 (held 2, captured 3, contested 2, besieged 1)"))
        .stdout(contains("initial state (before 2016-10-16): 1"))
        .stdout(contains("2016-11    4"))
        .stdout(contains("0 errors"));
}

#[test]
fn bom_and_crlf_files_simply_work() {
    let sandbox = Sandbox::new("tiny");
    for file in ["places.csv", "events.csv"] {
        let text = sandbox.read(file).replace('\n', "\r\n");
        sandbox.write(file, &format!("\u{feff}{text}"));
    }
    sandbox.run(&["check"]).success().stdout(contains("events: 8"));
}

#[test]
fn malformed_rows_give_file_and_line() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit(
        "events.csv",
        "2016-10-20,day,Bartella,gov,captured,,CTS,seed:October 2016,taken by CTS",
        "2016-10-20,day,Bartella",
    );
    fails_cleanly(&sandbox, &["events.csv:3: this row has 3 cells but the header has 9"]);
}

#[test]
fn missing_columns_are_named() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "coord_source", "source");
    fails_cleanly(&sandbox, &["places.csv:1: missing column `coord_source`"]);
}

#[test]
fn unknown_places_list_the_closest() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("events.csv", ",Bartella,", ",Bartela,");
    sandbox.edit("events.csv", ",Gogjali,", ",Gogjal,");
    sandbox.edit("events.csv", ",bashiqa,", ",Bazhiqa,");
    fails_cleanly(
        &sandbox,
        &[
            "events.csv:6:3 (`place`): unknown place \"Gogjal\"",
            "closest known places: Gogjali (id gogjali, line 5)",
            "unknown place \"Bazhiqa\"",
        ],
    );
}

#[test]
fn spelling_variants_resolve() {
    // "Bartela" folds to the same key as "Bartella", so this is no error.
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("events.csv", ",Bartella,", ",BARTÉLLA,");
    sandbox.edit("events.csv", ",Gogjali,", ",Kokjali,");
    sandbox.run(&["check"]).success();
}

#[test]
fn ambiguous_places_are_errors() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "Hay al-Intissar", "Hay al-Intissar;Gogjali");
    fails_cleanly(
        &sandbox,
        &["ambiguous place \"Gogjali\"", "Gogjali (id gogjali, line 5), Intisar (id intisar, line 6)"],
    );
}

#[test]
fn bad_and_out_of_period_dates_are_errors() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("events.csv", "2016-10-20,day", "2016-10-32,day");
    sandbox.edit("events.csv", "2016-11-10,day", "2017-03-01,day");
    sandbox.edit("events.csv", "2016-11-04,day,gogjali", "2016-11-04,month,gogjali");
    fails_cleanly(
        &sandbox,
        &[
            "events.csv:3:1 (`date`): invalid value \"2016-10-32\": expected YYYY-MM-DD",
            "events.csv:9:1 (`date`): invalid value \"2017-03-01\": expected a date from 2016-01-01 (baseline) to 2016-12-31",
            "events.csv:7:2 (`date_precision`): invalid value \"month\": expected \"day\"",
        ],
    );
}

#[test]
fn coordinates_out_of_range_or_area_are_errors() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "36.352,43.379", "96.352,43.379");
    sandbox.edit("places.csv", "36.454,43.349", "36.454,45.349");
    fails_cleanly(
        &sandbox,
        &[
            "places.csv:3:7 (`lat`): invalid value \"96.352\": expected a number from -90 to 90",
            "places.csv:4: Bashiqa (36.454, 45.349) lies outside the area of interest",
        ],
    );
}

#[test]
fn duplicate_ids_are_errors() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "gogjali,Gogjali", "bartella,Gogjali");
    fails_cleanly(&sandbox, &["places.csv:5:1 (`id`): duplicate id \"bartella\"", "already used on line 3"]);
}

#[test]
fn empty_files_are_errors() {
    for file in ["places.csv", "events.csv", "dataset.toml"] {
        let sandbox = Sandbox::new("tiny");
        sandbox.write(file, "");
        let assert = sandbox.run(&["check"]).failure().code(2);
        assert.stderr(contains(file)).stderr(contains("panicked").not());
    }
}

#[test]
fn manifest_errors_point_into_the_toml() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("dataset.toml", "colour = \"#c8102e\"", "colour = \"red\"");
    fails_cleanly(&sandbox, &["dataset.toml:23:1 (`sides[1].colour`): \"red\": expected a colour written #rrggbb"]);
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("dataset.toml", "[area]", "[aera]");
    fails_cleanly(&sandbox, &["dataset.toml:33:2 (`aera`): unknown field `aera`"]);
}

#[test]
fn a_missing_dataset_folder_is_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    frontline(dir.path()).args(["check", "--dataset", "no-such-folder"]).assert().failure().code(2).stderr(
        contains("cannot read no-such-folder/places.csv").or(contains("cannot read no-such-folder/dataset.toml")),
    );
}

#[test]
fn bad_arguments_are_bad_input() {
    let sandbox = Sandbox::new("tiny");
    for args in [
        &["render", "--date", "2016-13-01"][..],
        &["render", "--date", "2017-05-01"],
        &["render", "--date", "2016-11-05", "--width", "10"],
        &["render", "--date", "2016-11-05", "--bbox", "44,36,43,37"],
        &["render", "--date", "2016-11-05", "--focus", "Atlantis"],
    ] {
        sandbox.run(args).failure().code(2).stderr(contains("panicked").not());
    }
    sandbox.run(&["render", "--date", "2017-05-01"]).stderr(contains("expected a date from 2016-10-16 to 2016-12-31"));
    sandbox.run(&["render", "--date", "2016-11-05", "--focus", "Atlantis"]).stderr(contains("regions: all, east"));
    assert!(sandbox.outputs().is_empty());
}

/// Flag values that would make a broken, empty, mislabelled or injected file: each is exit 2
/// naming the flag and what it expects, with nothing written and no raw control character
/// echoed to the terminal.
#[test]
fn hostile_flag_values_are_refused_naming_the_flag() {
    let sandbox = Sandbox::new("tiny");
    let day = ["--date", "2016-11-05"];
    let cases: &[(&[&str], &str)] = &[
        (&["render", "--id-prefix", "\"><script>alert(1)</script>", "-o", "x.svg"], "--id-prefix: \"\\\"><script>"),
        (&["render", "--id-prefix", "a b", "-o", "x.svg"], "expected an ASCII letter, then up to 63"),
        (&["render", "--id-prefix", "m)", "-o", "x.svg"], "--id-prefix"),
        (&["render", "--id-prefix", "\u{1b}[2K", "-o", "x.svg"], "--id-prefix: \"\\u{1b}[2K\""),
        (&["render", "--height", "0", "-o", "x.svg"], "--height: 0 px: expected 16 to 10000"),
        (&["render", "-o", "x.jpg"], "--output: \"x.jpg\": expected a .svg, .png or .pdf file"),
        (&["render", "-o", "x.tiff"], "--output: \"x.tiff\""),
        (&["render", "--format", "png", "-o", "x.svg"], "--format: png: the output \"x.svg\" is named .svg"),
        (&["render", "--bbox", "10,10,11,11", "-o", "x.svg"], "--bbox: \"10,10,11,11\": expected a box that overlaps"),
        (&["render", "--bbox", "-170,-80,170,80", "-o", "x.svg"], "within 15° of the projection's centre"),
        (&["render", "--bbox", "nan,36,43,37", "-o", "x.svg"], "--bbox"),
        (&["chart", "-o", "x.gif"], "--output: \"x.gif\""),
        (&["export", "-o", "x.svg"], "--output: \"x.svg\": frontline export writes .gpkg"),
    ];
    for (args, says) in cases {
        let mut args = args.to_vec();
        if args[0] != "chart" {
            args.extend(day); // chart draws the whole period
        }
        let run = sandbox.run(&args).code(2);
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains('\u{1b}') && !stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    for args in [["animate", "--frame-ms", "0", "-o", "a.gif"], ["animate", "--hold-ms", "4000000000", "-o", "a.gif"]] {
        sandbox.run(&args).code(2).stderr(contains(args[1]));
    }
    sandbox.run(&["animate", "--duration", "0.001", "-o", "a.gif"]).code(2).stderr(contains("--duration: 0.001 s"));
    // Values clap itself refuses are echoed without their terminal sequences (stripped) and
    // with other control and bidi characters escaped.
    for args in
        [["render", "--width", "\u{1b}[2K9"], ["render", "--lang", "\u{202e}ar\r"], ["render", "--date", "\u{7}x"]]
    {
        let run = sandbox.run(&args).code(2);
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
        let obeyed = |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
        assert!(!stderr.chars().any(obeyed), "{args:?}: {stderr:?}");
    }
    let run = sandbox.run(&["render", "--lang", "\u{202e}ar"]).code(2);
    assert!(String::from_utf8_lossy(&run.get_output().stderr).contains("\\u{202e}ar"));
    common::frontline(sandbox.path()).arg("--help").assert().success().stdout(contains("Usage"));
    assert!(sandbox.outputs().is_empty(), "{:?}", sandbox.outputs());
}

#[test]
fn check_reports_places_on_the_wrong_bank() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "base,west,36.306,43.13", "base,east,36.306,43.13");
    sandbox
        .run(&["check"])
        .failure()
        .code(2)
        .stderr(contains("Mosul International Airport is marked east bank but lies"))
        .stderr(contains("west of the Tigris"));
}

#[test]
fn check_reports_places_too_close_unless_colocated() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "36.32,43.19,1500", "36.3555,43.2505,1500");
    sandbox.run(&["check"]).failure().code(2).stderr(contains("Intisar (intisar) is 71 m from Gogjali (gogjali)"));
    sandbox.edit("places.csv", "estimated: test,\nairport", "estimated: test,gogjali\nairport");
    sandbox.run(&["check"]).success();
    // Two places stacked on the same point as a third are together too.
    let stacked = "bazwaya,Bazwaya,,,village,east,36.3555,43.2505,3000,estimated: test,gogjali\n";
    sandbox.write("places.csv", &(sandbox.read("places.csv") + stacked));
    sandbox.write("events.csv", &(sandbox.read("events.csv") + "2016-11-20,day,bazwaya,gov,captured,,,seed:x,\n"));
    sandbox.run(&["check"]).success().stdout(contains("0 errors"));
}

#[test]
fn check_warns_about_events_that_do_not_fit() {
    let sandbox = Sandbox::new("tiny");
    let events = sandbox.read("events.csv") + "2016-11-12,day,gogjali,gov,captured,,CTS,seed:November 2016,again\n";
    sandbox.write("events.csv", &events);
    sandbox.run(&["check"]).success().stdout(contains(
        "warning: events.csv:10: Gogjali captured on 2016-11-12: it was already held by the same side",
    ));
}

#[test]
fn the_builtin_dataset_works_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    frontline(dir.path()).args(["check"]).assert().success().stdout(contains("Battle of Mosul"));
    frontline(dir.path()).args(["render", "--date", "2017-01-24"]).assert().success();
    assert!(dir.path().join("output/mosul-2017-01-24.svg").exists());
}

/// Shell completions and manual pages come from the same definition as the flags, so they
/// name every command; they go to standard output or, for the pages, whole into a folder.
#[test]
fn completions_and_manual_pages_name_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| frontline(dir.path()).args(args).assert();
    let commands = ["render", "frames", "animate", "chart", "report", "import", "export", "stats", "check"];
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]).success().get_output().stdout.clone();
        let script = String::from_utf8(out).unwrap();
        for command in commands {
            assert!(script.contains(command), "{shell} completes {command}");
        }
    }
    run(&["completions", "tcsh"]).code(2).stderr(contains("possible values"));
    let page = String::from_utf8(run(&["man"]).success().get_output().stdout.clone()).unwrap();
    assert!(page.contains(".TH frontline 1") && page.contains("export"), "{page}");
    run(&["man", "-o", "man1"]).success();
    let export = std::fs::read_to_string(dir.path().join("man1/frontline-export.1")).unwrap();
    assert!(export.contains(".SH OPTIONS") && export.contains("valid_from"), "{export}");
    assert!(!dir.path().join("man1/frontline-synth.1").exists());
}

/// An output extension frontline cannot write is refused before anything is drawn, naming the
/// flag and the formats the command writes: never SVG under another name.
#[test]
fn unwritable_extensions_are_refused_by_every_command_that_takes_an_output() {
    let sandbox = Sandbox::new("tiny");
    for (args, message) in [
        (
            &["render", "--date", "2016-11-05", "-o", "x.jpg"][..],
            "--output: \"x.jpg\": expected a .svg, .png or .pdf file",
        ),
        (&["chart", "-o", "x.tiff"], "--output: \"x.tiff\": expected a .svg, .png or .pdf file"),
        (
            &["report", "--date", "2016-11-05", "-o", "x.webp"],
            "--output: \"x.webp\": expected a .svg, .png or .pdf file",
        ),
        (
            &["render", "--date", "2016-11-05", "-o", "x.svg", "--format", "png"],
            "--format: png: the output \"x.svg\" is named .svg",
        ),
        (&["animate", "-o", "x.jpg"], "--output"),
        (&["export", "-o", "x.kml"], "--output: \"x.kml\": frontline export writes"),
    ] {
        sandbox.run(args).code(2).stderr(contains(message)).stderr(contains("panicked").not());
    }
    assert!(sandbox.outputs().is_empty(), "{:?}", sandbox.outputs());
}

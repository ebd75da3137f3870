//! The broken-input suite. Each fault has a fixture under `tests/fixtures/broken/<fault>`
//! holding only the files that differ from `tests/fixtures/tiny`. A broken dataset must exit
//! with code 2 and one located message per problem, every problem of a file in one run, with
//! no panic and no output written; the faults frontline accepts (a byte-order mark, CRLF line
//! ends, unknown columns) must render. Then: files and lines over the size limits, outputs
//! that cannot be written, and property tests of the CSV loaders.

mod common;

use std::io::Write;
use std::path::Path;

use common::{Sandbox, fixture};
use predicates::prelude::*;
use predicates::str::contains;

/// A fault, the folder of its fixture, and what a run on it must report.
struct Fault {
    /// The folder under `tests/fixtures/broken`.
    name: &'static str,
    /// How many problems are reported, one `error:` line each; 0 for input that is accepted.
    errors: usize,
    /// What the report must say: locations, what was expected, suggestions. For accepted
    /// input, what `frontline check` prints.
    says: &'static [&'static str],
}

const FAULTS: &[Fault] = &[
    Fault {
        name: "quote-left-open",
        errors: 1,
        says: &[
            "events.csv:6:3 (`place`): a quoted cell runs over 3 lines: expected one line per row",
            "help: is its closing quote missing?",
        ],
    },
    Fault {
        name: "wrong-cell-count",
        errors: 3,
        says: &[
            "events.csv:3: this row has 3 cells but the header has 9",
            "events.csv:5: this row has 10 cells but the header has 9",
            "events.csv:7: this row has 10 cells but the header has 9",
            "help: quote cells that contain commas",
        ],
    },
    Fault {
        name: "missing-columns",
        errors: 2,
        says: &[
            "places.csv:1: missing column `kind`",
            "places.csv:1: missing column `lat`",
            "help: the header must name the columns id, name, kind, lat, lon",
        ],
    },
    Fault {
        name: "unknown-columns",
        errors: 0,
        says: &[
            "warning: ",
            "places.csv:1:12 (`population`): unknown column, ignored",
            "help: the columns frontline reads are id, name, kind",
            "events.csv:1:7 (`actors`): unknown column, ignored",
            "help: did you mean `actor`?",
            "0 errors, 2 warnings",
        ],
    },
    // Which of two columns of one name counts would be a guess: none does.
    Fault {
        name: "duplicate-columns",
        errors: 2,
        says: &[
            "places.csv:1:12 (`name`): duplicate column `name`: expected each column once",
            "help: it is already column 2; remove one of them",
            "places.csv:1:13 (`lat`): duplicate column `lat`: expected each column once",
            "help: it is already column 7",
        ],
    },
    Fault {
        name: "duplicate-columns-events-claims",
        errors: 2,
        says: &[
            "events.csv:1:10 (`side`): duplicate column `side`: expected each column once",
            "claims.csv:1:10 (`value`): duplicate column `value`: expected each column once",
        ],
    },
    Fault {
        name: "not-utf8",
        errors: 2,
        says: &[
            "places.csv:3:14: bytes that are not UTF-8 (0xE9): expected UTF-8 text",
            "places.csv:6:39: bytes that are not UTF-8 (0xE2): expected UTF-8 text",
            "help: save the file as UTF-8",
        ],
    },
    Fault { name: "byte-order-mark", errors: 0, says: &["places: 6 (", "events: 8 (", "0 errors, 0 warnings"] },
    Fault { name: "crlf", errors: 0, says: &["places: 6 (", "events: 8 (", "0 errors, 0 warnings"] },
    Fault {
        name: "empty-file",
        errors: 1,
        says: &["events.csv:1: the file is empty", "help: expected a header row naming the columns date"],
    },
    Fault { name: "header-only", errors: 1, says: &["places.csv:2: the file has a header but no places"] },
    Fault {
        name: "impossible-dates",
        errors: 3,
        says: &[
            "events.csv:3:1 (`date`): invalid value \"2017-02-30\": expected YYYY-MM-DD, YYYY-MM or",
            "events.csv:4:1 (`date`): invalid value \"2016-10-23/2016-09-31\"",
            "events.csv:6:1 (`date`): invalid value \"2016-11-31\"",
        ],
    },
    Fault {
        name: "dates-outside-period",
        errors: 3,
        says: &[
            "events.csv:2:1 (`date`): invalid value \"2015-08\": expected a date from 2016-01-01 (baseline) to 2016-12-31",
            "events.csv:7:1 (`date`): invalid value \"2017-01-04\"",
            "events.csv:9:1 (`date`): invalid value \"2016-12-30/2017-01-02\"",
            "help: out of the dataset's period",
        ],
    },
    Fault {
        name: "bad-coordinates",
        errors: 5,
        says: &[
            "places.csv:3:7 (`lat`): invalid value \"NaN\": expected a number from -90 to 90",
            "places.csv:4:8 (`lon`): invalid value \"inf\": expected a number from -180 to 180",
            "places.csv:5:7 (`lat`): invalid value \"91\"",
            "places.csv:5:8 (`lon`): invalid value \"-181\"",
            "places.csv:7:9 (`coord_precision_m`): invalid value \"1e999\": expected a number from 0 to 100000",
        ],
    },
    Fault {
        name: "duplicate-ids",
        errors: 3,
        says: &[
            "places.csv:4:1 (`id`): duplicate id \"bartella\"",
            "help: it is already used on line 3",
            "places.csv:6:1 (`id`): duplicate id \"gogjali\"",
            "places.csv:7:1 (`id`): duplicate id \"mosul\"",
        ],
    },
    // A name two places share is no error in itself (villages share names); an event using
    // it is.
    Fault {
        name: "shared-alias",
        errors: 2,
        says: &[
            "events.csv:3:3 (`place`): ambiguous place \"al-Hamdaniya\"",
            "events.csv:5:3 (`place`): ambiguous place \"al-Hamdaniya\"",
            "help: it names Bartella (id bartella, line 3), Bashiqa (id bashiqa, line 4); write the id instead",
        ],
    },
    Fault {
        name: "unknown-places",
        errors: 3,
        says: &[
            "events.csv:3:3 (`place`): unknown place \"Bartilo\"",
            "help: closest known places: Bartella (id bartella, line 3)",
            "events.csv:6:3 (`place`): unknown place \"Kokjala\"",
            "help: closest known places: Gogjali (id gogjali, line 5)",
            "events.csv:9:3 (`place`): unknown place \"Intasir\"",
            "help: closest known places: Intisar (id intisar, line 6)",
        ],
    },
    Fault {
        name: "toml-wrong-type",
        errors: 1,
        says: &[
            "dataset.toml:34:1 (`area.north`): invalid type: string \"36.6\", expected f64",
            "help: numbers are written bare (36.6)",
        ],
    },
    Fault {
        name: "toml-syntax-errors",
        errors: 2,
        says: &["dataset.toml:5:8: invalid", "dataset.toml:31:12: invalid", "help: numbers are written bare"],
    },
    // dataset.toml's values, each at the line and column of its key.
    Fault {
        name: "projection-not-a-number",
        errors: 2,
        says: &[
            "dataset.toml:46:1 (`projection.lon0`): NaN: expected a longitude from -180 to 180",
            "dataset.toml:47:1 (`projection.lat0`): inf: expected a latitude from -90 to 90",
        ],
    },
    Fault {
        name: "projection-out-of-range",
        errors: 2,
        says: &[
            "dataset.toml:46:1 (`projection.lon0`): 1e308: expected a longitude from -180 to 180",
            "dataset.toml:47:1 (`projection.lat0`): 95: expected a latitude from -90 to 90",
        ],
    },
    Fault {
        name: "projection-far-from-area",
        errors: 1,
        says: &[
            "dataset.toml:46:1 (`projection.lon0`): 60: expected a longitude within 15° of the whole area of interest (42.9 to 43.6)",
        ],
    },
    Fault {
        name: "area-inverted",
        errors: 2,
        says: &[
            "dataset.toml:34:1 (`area.west`): 200: expected a longitude from -180 to 180",
            "dataset.toml:37:1 (`area.north`): 36: expected a latitude north of south (36.1)",
        ],
    },
    Fault {
        name: "area-too-wide",
        errors: 1,
        says: &["dataset.toml:33:2 (`area`): -20 to 43.6: expected an area at most 30° of longitude wide"],
    },
    Fault {
        name: "manifest-values",
        errors: 7,
        says: &[
            "dataset.toml:8:1 (`inset`): \"mosul\": expected the id of a region (east, faraway)",
            "dataset.toml:27:1 (`sides[2].id`): duplicate side id \"gov\": expected each side once",
            "help: it is already the id of side 2 (line 21)",
            "dataset.toml:28:1 (`sides[2].label`): expected a label",
            "dataset.toml:29:1 (`sides[2].colour`): \"#zzz\": expected a colour written #rrggbb",
            "dataset.toml:32:1 (`territory.neighbour_km`): NaN: expected a distance above 0 and up to 100 km",
            "dataset.toml:50:1 (`regions[1].bbox`): region faraway: expected a box that overlaps the area of interest",
            "dataset.toml:53:1 (`milestones[0].date`): 2017-03-01: expected a date within the period",
        ],
    },
    Fault {
        // A name may hold terminal sequences that erase or rewrite the report's lines.
        name: "terminal-sequences-in-names",
        errors: 1,
        says: &["events.csv:3:3 (`place`): unknown place \"Bartella\\u{1b}[2K\\u{1b}[1A\""],
    },
    Fault {
        // So may the title and a side's label, which check's summary prints.
        name: "terminal-sequences-in-title",
        errors: 0,
        says: &["dataset: Fixture\\u{1b}[2J\\u{1b}[H battle", "krg (\\u{202e}Peshmerga\\u{7})"],
    },
    Fault {
        name: "invalid-rings",
        errors: 3,
        says: &[
            "outlines.geojson (`features[0]`): outer ring: 2 positions: expected at least 4",
            "outlines.geojson (`features[1]`): outer ring: not closed: it ends at [43.18, 36.33], not at its first position [43.18, 36.31]",
            "help: a ring lists at least 4 positions, the last repeating the first",
            "outlines.geojson (`features[2]`): invalid polygon: polygon at index 0 is invalid: exterior ring has a self-intersection",
        ],
    },
];

/// The exit code and output of one run.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(sandbox: &Sandbox, args: &[&str]) -> Run {
    let output = sandbox.run(args).get_output().clone();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    Run { code: output.status.code(), stdout: text(&output.stdout), stderr: text(&output.stderr) }
}

const RENDER: &[&str] = &["render", "--date", "2016-11-01", "-o", "out.svg"];

#[test]
fn every_broken_fixture_is_reported_whole_or_accepted() {
    let failures: Vec<String> = FAULTS.iter().flat_map(failures_of).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_fixture_folder_has_its_row_in_the_table() {
    let mut folders: Vec<String> = std::fs::read_dir(fixture("broken"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut named: Vec<&str> = FAULTS.iter().map(|f| f.name).collect();
    named.sort();
    assert_eq!(folders, named);
}

/// Everything `render` and `check` on the fault's fixture did wrong.
fn failures_of(fault: &Fault) -> Vec<String> {
    let sandbox = Sandbox::broken(fault.name);
    let render = run(&sandbox, RENDER);
    let written = sandbox.outputs();
    let check = run(&sandbox, &["check"]);
    let mut failures = [failures_of_run(fault, "render", &render), failures_of_run(fault, "check", &check)].concat();
    let report = if fault.errors == 0 { &check.stdout } else { &render.stderr };
    for text in fault.says.iter().filter(|text| !report.contains(*text)) {
        failures.push(format!("the report does not say {text:?}:\n{report}"));
    }
    let expected_outputs = if fault.errors == 0 { vec![sandbox.path().join("out.svg")] } else { Vec::new() };
    if written != expected_outputs {
        failures.push(format!("render wrote {written:?}, not {expected_outputs:?}"));
    }
    failures.into_iter().map(|failure| format!("{}: {failure}", fault.name)).collect()
}

/// The exit code, panics and count of problems of one run.
fn failures_of_run(fault: &Fault, command: &str, run: &Run) -> Vec<String> {
    let mut failures = Vec::new();
    let expected_code = if fault.errors == 0 { 0 } else { 2 };
    if run.code != Some(expected_code) {
        failures.push(format!("{command} exited with {:?}, not {expected_code}:\n{}", run.code, run.stderr));
    }
    // Whatever the data holds, the terminal is told nothing but text and line ends.
    let obeyed = |c: char| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c);
    if run.stdout.chars().chain(run.stderr.chars()).any(obeyed) {
        failures.push(format!("{command} printed a control character: {:?}{:?}", run.stdout, run.stderr));
    }
    if run.stderr.contains("panicked") {
        failures.push(format!("{command} panicked:\n{}", run.stderr));
    }
    let errors = run.stderr.lines().filter(|l| l.starts_with("error: ")).count();
    if errors != fault.errors {
        failures.push(format!("{command} reported {errors} problems, not {}:\n{}", fault.errors, run.stderr));
    }
    failures
}

// --- files and lines over the limits ---------------------------------------------------

const EVENTS_HEADER: &str = "date,date_precision,place,side,status,opponent,actor,source,note\n";

/// Replaces events.csv with its header followed by whatever `tail` writes.
fn events_with_tail(sandbox: &Sandbox, tail: impl FnOnce(&mut std::fs::File)) {
    let mut file = std::fs::File::create(sandbox.dataset().join("events.csv")).unwrap();
    file.write_all(EVENTS_HEADER.as_bytes()).unwrap();
    tail(&mut file);
}

/// `frontline render` with its address space capped at 768 MiB: reading a gigabyte into
/// memory would abort it, so a clean refusal shows the file was never read whole.
fn render_in_little_memory(sandbox: &Sandbox) -> assert_cmd::assert::Assert {
    let binary = assert_cmd::cargo::cargo_bin!("frontline");
    assert_cmd::Command::new("sh")
        .current_dir(sandbox.path())
        .args(["-c", "ulimit -v 786432 && exec \"$0\" \"$@\""])
        .arg(binary)
        .args(RENDER)
        .arg("--dataset")
        .arg(sandbox.dataset())
        .assert()
}

fn refused_cleanly(assert: assert_cmd::assert::Assert, says: &str, sandbox: &Sandbox) {
    assert.failure().code(2).stderr(contains(says)).stderr(contains("panicked").not());
    assert!(sandbox.outputs().is_empty(), "no output may be written: {:?}", sandbox.outputs());
}

#[test]
fn a_gigabyte_line_is_refused_without_being_read() {
    let sandbox = Sandbox::new("tiny");
    // A sparse file: after the header, one line of NUL bytes to 1 GiB that takes no disk.
    events_with_tail(&sandbox, |file| file.set_len(1 << 30).unwrap());
    let says = "events.csv:2: a line of more than 1048576 bytes: expected at most 1048576 (1 MiB) per line";
    refused_cleanly(render_in_little_memory(&sandbox), says, &sandbox);
}

#[test]
fn an_eight_megabyte_line_is_refused() {
    let sandbox = Sandbox::new("tiny");
    events_with_tail(&sandbox, |file| {
        file.write_all(&vec![b'a'; 8 << 20]).unwrap();
        file.write_all(b"\n2016-10-20,day,Bartella,gov,captured,,CTS,seed:October 2016,\n").unwrap();
    });
    refused_cleanly(sandbox.run(RENDER), "events.csv:2: a line of more than 1048576 bytes", &sandbox);
}

#[test]
fn a_file_over_a_gigabyte_is_refused_before_it_is_read() {
    let sandbox = Sandbox::new("tiny");
    events_with_tail(&sandbox, |file| file.set_len((1 << 30) + 1).unwrap());
    let says = "events.csv: a file of more than 1073741824 bytes: expected at most 1073741824 (1 GiB)";
    refused_cleanly(render_in_little_memory(&sandbox), says, &sandbox);
}

// --- outputs that cannot be written ----------------------------------------------------

fn render_to(sandbox: &Sandbox, output: &str) -> assert_cmd::assert::Assert {
    sandbox.run(&["render", "--date", "2016-11-01", "-o", output])
}

/// Exit code 1: the input was good, the machine could not write the result.
fn cannot_write(assert: assert_cmd::assert::Assert, says: &str) {
    assert.failure().code(1).stderr(contains(says)).stderr(contains("panicked").not());
}

#[test]
fn a_missing_output_folder_is_made() {
    let sandbox = Sandbox::new("tiny");
    render_to(&sandbox, "new/folder/map.svg").success();
    assert_eq!(sandbox.outputs(), [sandbox.path().join("new/folder/map.svg")]);
}

#[test]
fn a_file_standing_where_the_output_folder_should_be_is_named() {
    let sandbox = Sandbox::new("tiny");
    let file = sandbox.path().join("map.svg");
    std::fs::write(&file, "old map").unwrap();
    cannot_write(render_to(&sandbox, "map.svg/x.svg"), "cannot write map.svg/x.svg: map.svg is a file, not a folder");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old map");
    assert_eq!(sandbox.outputs(), [file]);
}

#[test]
fn a_folder_that_cannot_be_made_is_named() {
    // Tests may run as root, whom permission bits do not stop; nobody makes folders in /proc.
    let sandbox = Sandbox::new("tiny");
    cannot_write(
        render_to(&sandbox, "/proc/frontline-test/x.svg"),
        "cannot write /proc/frontline-test/x.svg: cannot create the folder /proc/frontline-test",
    );
    assert!(!Path::new("/proc/frontline-test").exists());
    assert!(sandbox.outputs().is_empty());
}

#[test]
fn a_failed_replace_leaves_no_temporary_file() {
    // The frame is written to a temporary file, then renamed over the target: here a folder,
    // so the rename fails after the whole frame was written.
    let sandbox = Sandbox::new("tiny");
    std::fs::create_dir_all(sandbox.path().join("out.svg/inside")).unwrap();
    cannot_write(render_to(&sandbox, "out.svg"), "cannot write out.svg");
    assert!(sandbox.outputs().is_empty(), "{:?}", sandbox.outputs());
}

#[test]
fn an_existing_output_keeps_its_bytes_when_the_input_is_broken() {
    let sandbox = Sandbox::broken("unknown-places");
    let previous = sandbox.path().join("out.svg");
    std::fs::write(&previous, "the map of yesterday").unwrap();
    sandbox.run(RENDER).failure().code(2);
    assert_eq!(std::fs::read_to_string(&previous).unwrap(), "the map of yesterday");
    assert_eq!(sandbox.outputs(), [previous]);
}

// --- property tests of the CSV loaders -------------------------------------------------

mod loaders {
    use super::*;
    use frontline::dataset::events::{self, Context};
    use frontline::dataset::gazetteer::Gazetteer;
    use frontline::dataset::manifest::Manifest;
    use proptest::prelude::*;

    fn tiny(file: &str) -> String {
        std::fs::read_to_string(fixture("tiny").join(file)).unwrap()
    }

    /// Ok, or input problems that each name `file` and a line.
    fn loads_or_is_located<T>(result: frontline::Result<T>, file: &str) -> Result<(), TestCaseError> {
        match result {
            Ok(_) => Ok(()),
            Err(frontline::Error::Input(problems)) => {
                prop_assert!(!problems.is_empty());
                for problem in problems {
                    prop_assert_eq!(&problem.location.file, file);
                    prop_assert!(problem.location.line.is_some(), "no line: {}", problem);
                }
                Ok(())
            }
            Err(other) => Err(TestCaseError::fail(format!("not an input problem: {other}"))),
        }
    }

    /// Bytes of any kind, bare or after a good header (so that rows are read too).
    fn any_bytes_after(header: &'static str) -> impl Strategy<Value = Vec<u8>> {
        let bytes = proptest::collection::vec(any::<u8>(), 0..400);
        prop_oneof![bytes.clone(), bytes.prop_map(move |tail| header.bytes().chain(tail).collect()),]
    }

    /// A table under `header`: rows of cells that are good values, near misses, CSV syntax
    /// (quotes, commas) or any text, with LF or CRLF line ends.
    fn any_rows_after(header: &'static str, good: &'static [&'static str]) -> impl Strategy<Value = String> {
        let cell = prop_oneof![
            proptest::sample::select(good).prop_map(String::from),
            "[ -~]{0,10}",
            "\\PC{0,6}",
            Just("\"".to_string()),
        ];
        let row = proptest::collection::vec(cell, 0..13).prop_map(|cells| cells.join(","));
        let rows = proptest::collection::vec(row, 0..8);
        (rows, prop_oneof![Just("\n"), Just("\r\n")]).prop_map(move |(rows, end)| {
            std::iter::once(header.trim_end()).chain(rows.iter().map(String::as_str)).collect::<Vec<_>>().join(end)
        })
    }

    const PLACES_HEADER: &str = "id,name,name_ar,aliases,kind,bank,lat,lon,coord_precision_m,coord_source,colocated\n";
    const PLACE_VALUES: &[&str] = &[
        "bartella",
        "Bartella",
        "برطلة",
        "a;b",
        "town",
        "district",
        "east",
        "west",
        "36.35",
        "43.38",
        "300",
        "NaN",
        "inf",
        "-181",
        "1e999",
        "unlocated: somewhere",
        "estimated: test",
        "mosul",
        "",
    ];
    const EVENT_VALUES: &[&str] = &[
        "2016-10-20",
        "2016-11",
        "2016-10-23/2016-10-24",
        "2017-02-30",
        "2015-08",
        "day",
        "month",
        "range",
        "Bartella",
        "bashiqa",
        "Bartela",
        "al-Intisar",
        "gov",
        "isil",
        "krg",
        "captured",
        "held",
        "besieged",
        "seed:October 2016",
        "",
    ];

    fn places(text: &str) -> frontline::Result<Gazetteer> {
        let manifest = Manifest::parse("dataset.toml", &tiny("dataset.toml")).unwrap();
        Gazetteer::parse("places.csv", text, Some(&manifest.area))
    }

    fn events(text: &str) -> frontline::Result<Vec<events::Event>> {
        let manifest = Manifest::parse("dataset.toml", &tiny("dataset.toml")).unwrap();
        let gazetteer = Gazetteer::parse("places.csv", &tiny("places.csv"), None).unwrap();
        let context = Context { gazetteer: &gazetteer, sides: &manifest.sides, period: &manifest.period };
        events::parse("events.csv", text, &context)
    }

    proptest! {
        #[test]
        fn places_from_any_bytes_load_or_are_located(bytes in any_bytes_after(PLACES_HEADER)) {
            let result = frontline::dataset::reading::decode("places.csv", bytes).and_then(|text| places(&text));
            loads_or_is_located(result, "places.csv")?;
        }

        #[test]
        fn events_from_any_bytes_load_or_are_located(bytes in any_bytes_after(EVENTS_HEADER)) {
            let result = frontline::dataset::reading::decode("events.csv", bytes).and_then(|text| events(&text));
            loads_or_is_located(result, "events.csv")?;
        }

        #[test]
        fn places_from_any_rows_load_or_are_located(text in any_rows_after(PLACES_HEADER, PLACE_VALUES)) {
            loads_or_is_located(places(&text), "places.csv")?;
        }

        #[test]
        fn events_from_any_rows_load_or_are_located(text in any_rows_after(EVENTS_HEADER, EVENT_VALUES)) {
            loads_or_is_located(events(&text), "events.csv")?;
        }
    }
}

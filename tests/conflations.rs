//! `frontline check` warns of the conflations found in the Mosul dataset by sampling: one
//! place with Arabic names that are different words, two places of one name on one bank, and
//! an event on the wrong one of two namesakes.

mod common;

use common::Sandbox;
use predicates::str::contains;

fn check_warns(sandbox: &Sandbox, warning: &str) {
    let out = sandbox.run(&["check"]).success().get_output().clone();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains(warning), "{text}");
    assert!(text.contains("0 errors, 1 warnings"), "{text}");
}

#[test]
fn a_clean_fixture_has_no_conflation() {
    Sandbox::new("tiny").run(&["check"]).success().stdout(contains("0 errors, 0 warnings"));
}

#[test]
fn arabic_names_that_are_different_words_are_two_places() {
    // al-Saha (الساحة) and al-Sihha (الصحة) held as one district.
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "Gogjali,كوكجلي,Kokjali,", "Gogjali,كوكجلي,Kokjali;الساحة,");
    check_warns(&sandbox, "Gogjali (gogjali): its Arabic names");
    // Spellings of one name are not different words.
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "Gogjali,كوكجلي,Kokjali,", "Gogjali,كوكجلي,Kokjali;كوكجلى,");
    sandbox.run(&["check"]).success().stdout(contains("0 errors, 0 warnings"));
}

#[test]
fn namesakes_on_one_bank_are_one_place_or_need_names() {
    let sandbox = Sandbox::new("tiny");
    let second = "airport-2,Mosul International Airport,,,base,west,36.29,43.10,300,test,\n";
    sandbox.write("places.csv", &(sandbox.read("places.csv") + second));
    sandbox.write("events.csv", &(sandbox.read("events.csv") + "2016-11-20,day,airport-2,gov,captured,,,seed:x,\n"));
    check_warns(
        &sandbox,
        "Mosul International Airport (airport) and Mosul International Airport (airport-2) both answer to",
    );
    // On the other bank a namesake is only a note.
    sandbox.edit(
        "places.csv",
        "airport-2,Mosul International Airport,,,base,west,36.29,43.10",
        "airport-2,Mosul International Airport,,,base,east,36.29,43.30",
    );
    sandbox.run(&["check"]).success().stdout(contains("0 errors, 0 warnings"));
}

#[test]
fn an_event_on_the_far_namesake_is_the_wrong_place() {
    // The source names Mosul and Intisar, next to each other, and a Bashiqa: the one 30 km
    // away in the desert rather than the town beside them.
    let sandbox = Sandbox::new("tiny");
    sandbox.write("events.csv", &sandbox.read("events.csv").replace(",Bashiqa,", ",bashiqa,"));
    let far = "bashiqa-far,Bashiqa,,,village,,36.12,42.95,300,test,\n";
    sandbox.write("places.csv", &(sandbox.read("places.csv") + far));
    let events = "2016-12-01,day,mosul,gov,captured,,,https://example.org/day-60,\n\
                  2016-12-01,day,intisar,gov,captured,,,https://example.org/day-60,\n\
                  2016-12-01,day,bashiqa-far,gov,captured,,,https://example.org/day-60,\n";
    sandbox.write("events.csv", &(sandbox.read("events.csv") + events));
    check_warns(&sandbox, "Bashiqa lies 29 km from the nearest of the 2 other places its source names that day");
    // Named on the same day by another report, it is not suspect.
    sandbox.edit(
        "events.csv",
        "bashiqa-far,gov,captured,,,https://example.org/day-60",
        "bashiqa-far,gov,captured,,,https://example.org/other",
    );
    sandbox.run(&["check"]).success().stdout(contains("0 errors, 0 warnings"));
}

//! Every input under `fuzz/regressions/<target>/` goes through that fuzz target's harness
//! again: the crashes the fuzzers found (now fixed) and hand-made seeds. None may panic.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, harness: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no inputs in {}", dir.display());
    for input in inputs {
        let bytes = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| harness(&bytes));
        assert!(outcome.is_ok(), "{} panics", input.display());
    }
}

#[test]
fn places() {
    replay("places", harness::places);
}

#[test]
fn events() {
    replay("events", harness::events);
}

#[test]
fn manifest() {
    replay("manifest", harness::manifest);
}

#[test]
fn geojson() {
    replay("geojson", harness::geojson);
}

#[test]
fn names() {
    replay("names", harness::names);
}

#[test]
fn dataset() {
    replay("dataset", harness::dataset);
}

#[test]
fn flags() {
    replay("flags", harness::flags);
}

//! `cargo fuzz run flags`: see ../harness.rs.
#![no_main]

// The harness serves every target; this one uses one of its functions.
#[allow(dead_code)]
#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::flags(data));

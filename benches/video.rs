//! Benchmarks of `frontline animate -o x.mp4` at 1920×1080 (`--aspect 16:9`) on the built-in
//! dataset, from loading to the file written: a video of N dates, to see what a date costs,
//! and the whole battle day by day, the target (≤ 60 s on two cores). Run with
//! `cargo bench --bench video`; the whole battle takes a minute a sample, so it runs once.

use common::frame_args;
use frontline::commands::{self, AnimateArgs, FrameArgs};
use frontline::render::Aspect;

mod common;

fn main() {
    divan::main();
}

/// `frontline animate --aspect 16:9 --from FROM --to TO -o battle.mp4`.
fn args(dir: &std::path::Path, (from, to): (&str, &str)) -> AnimateArgs {
    let frame = FrameArgs { width: Aspect::Wide.default_width(), aspect: Some(Aspect::Wide), ..frame_args() };
    AnimateArgs {
        frame,
        from: Some(from.parse().unwrap()),
        to: Some(to.parse().unwrap()),
        step_days: 1,
        changes_only: false,
        output: dir.join("battle.mp4"),
        timing: Default::default(),
        duration_seconds: None,
        progress: false,
        fps: 30,
        seconds_per_day: None,
    }
}

/// A video of `dates` days of the battle of west Mosul, from 1 March 2017.
#[divan::bench(args = [10, 40], sample_count = 3)]
fn mp4_of_dates(bencher: divan::Bencher, dates: i64) {
    let dir = tempfile::tempdir().unwrap();
    let to = jiff::civil::date(2017, 3, 1).saturating_add(jiff::Span::new().days(dates - 1)).to_string();
    let args = args(dir.path(), ("2017-03-01", &to));
    bencher.bench(|| commands::animate(divan::black_box(&args)).unwrap());
}

/// The whole battle, 16 October 2016 to 20 July 2017: 278 dates, 1920×1080.
#[divan::bench(sample_count = 1, sample_size = 1)]
fn whole_battle_mp4(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let args = args(dir.path(), ("2016-10-16", "2017-07-20"));
    bencher.bench(|| commands::animate(divan::black_box(&args)).unwrap());
}

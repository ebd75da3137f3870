//! Benchmarks of the built-in dataset: loading it, replaying it, rendering one frame.
//! Run with `cargo bench`; divan prints median times.

use frontline::control::Timeline;
use frontline::dataset::{Dataset, DatasetFiles};
use frontline::render::{FrameOptions, frame_svg};

fn main() {
    divan::main();
}

#[divan::bench]
fn load_dataset(bencher: divan::Bencher) {
    let files = DatasetFiles::builtin();
    bencher.bench(|| Dataset::parse(divan::black_box(&files)).unwrap());
}

#[divan::bench]
fn replay_events(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    bencher.bench(|| Timeline::new(divan::black_box(&dataset)));
}

#[divan::bench]
fn render_frame(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let timeline = Timeline::new(&dataset);
    let options = FrameOptions {
        date: "2017-01-24".parse().unwrap(),
        width: 1200.0,
        view: dataset.manifest.area,
        lang: Default::default(),
        theme: Default::default(),
        furniture: Default::default(),
    };
    bencher.bench(|| frame_svg(&dataset, &timeline, divan::black_box(options.clone())));
}

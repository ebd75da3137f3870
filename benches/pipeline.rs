//! Benchmarks of the built-in Mosul dataset, stage by stage: loading it, replaying it, the
//! state at one date, the territory cells, the territory and front lines of a date, label
//! placement, and one whole frame. Run with `cargo bench --bench pipeline`; divan prints
//! the median time of each stage.

use frontline::control::Timeline;
use frontline::dataset::{Dataset, DatasetFiles};
use frontline::render::{Frame, FrameOptions, frame_svg, projection};
use frontline::territory::{Cells, Territory};
use jiff::civil::Date;

fn main() {
    divan::main();
}

/// The day east Mosul was declared liberated: contested places, sieges and changes.
fn date() -> Date {
    "2017-01-24".parse().unwrap()
}

fn options(dataset: &Dataset) -> FrameOptions {
    FrameOptions {
        date: date(),
        width: 1200.0,
        view: dataset.manifest.area,
        lang: Default::default(),
        theme: Default::default(),
        furniture: Default::default(),
    }
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
fn state_at_date(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let timeline = Timeline::new(&dataset);
    bencher.bench(|| timeline.state_at(divan::black_box(date())));
}

#[divan::bench]
fn territory_cells(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let projection = projection(&dataset);
    bencher.bench(|| Cells::build(divan::black_box(&dataset), &projection));
}

#[divan::bench]
fn territory_at_date(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let state = Timeline::new(&dataset).state_at(date());
    let cells = Cells::build(&dataset, &projection(&dataset));
    bencher.bench(|| Territory::at(&cells, divan::black_box(&state), dataset.manifest.sides.len()));
}

#[divan::bench]
fn front_lines(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let state = Timeline::new(&dataset).state_at(date());
    let cells = Cells::build(&dataset, &projection(&dataset));
    let territory = Territory::at(&cells, &state, dataset.manifest.sides.len());
    bencher.bench(|| divan::black_box(&territory).front_lines());
}

#[divan::bench]
fn label_placement(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let timeline = Timeline::new(&dataset);
    let cells = Cells::build(&dataset, &projection(&dataset));
    let frame = Frame::new(&dataset, &timeline, &cells, options(&dataset));
    bencher.bench(|| divan::black_box(&frame).label_placement());
}

/// One frame with everything but loading: cells, territory, layout and SVG text.
#[divan::bench]
fn render_frame(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let timeline = Timeline::new(&dataset);
    let options = options(&dataset);
    bencher.bench(|| frame_svg(&dataset, &timeline, divan::black_box(options.clone())));
}

/// One frame of a sequence, with the cells built once for the whole sequence.
#[divan::bench]
fn render_frame_with_cells(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let timeline = Timeline::new(&dataset);
    let cells = Cells::build(&dataset, &projection(&dataset));
    let options = options(&dataset);
    bencher.bench(|| Frame::new(&dataset, &timeline, &cells, divan::black_box(options.clone())).to_svg());
}

//! Benchmarks of the built-in Mosul dataset, stage by stage: loading it, replaying it, the
//! state at one date, the territory cells, the territory and front lines of a date, label
//! placement, and one whole frame (alone, and as one of a sequence); then the whole battle
//! end to end, as `frontline frames` and `frontline animate -o battle.svg` run it, from
//! loading to the files written. Run with `cargo bench --bench pipeline`; divan prints the
//! median time of each.

use common::frame_args;
use frontline::commands::{self, AnimateArgs, FramesArgs};
use frontline::dataset::{Dataset, DatasetFiles};
use frontline::model::control::Timeline;
use frontline::model::territory::{Cells, Territory};
use frontline::render::{BasemapCache, DateAreas, Frame, FrameOptions, frame_svg, viewport};
use jiff::civil::Date;
use std::sync::Arc;

mod common;

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
        editorial: Default::default(),
        aspect: None,
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
    let projection = dataset.projection();
    bencher.bench(|| Cells::build(divan::black_box(&dataset), &projection));
}

/// Each side's area, the contested areas and the front lines of a date.
#[divan::bench]
fn territory_at_date(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let state = Timeline::new(&dataset).state_at(date());
    let cells = Cells::build(&dataset, &dataset.projection());
    bencher.bench(|| Territory::at(&cells, divan::black_box(&state), dataset.manifest.sides.len()));
}

/// The front lines of a date: the borders between cells that different sides hold, each
/// pair's border traced once per dataset (here by the first sample) and read after.
#[divan::bench]
fn front_lines(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let state = Timeline::new(&dataset).state_at(date());
    let cells = Cells::build(&dataset, &dataset.projection());
    bencher.bench(|| cells.fronts(divan::black_box(&state)));
}

#[divan::bench]
fn label_placement(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let timeline = Timeline::new(&dataset);
    let cells = Cells::build(&dataset, &dataset.projection());
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
    let cells = Cells::build(&dataset, &dataset.projection());
    let options = options(&dataset);
    bencher.bench(|| Frame::new(&dataset, &timeline, &cells, divan::black_box(options.clone())).to_svg());
}

/// One frame of a sequence as `frontline frames` draws it: what does not depend on the date
/// (the cells, the label placement, the basemap's text) made once beforehand, the frame's
/// own work (state, territory, front lines, layout, SVG text) measured.
#[divan::bench]
fn render_frame_of_sequence(bencher: divan::Bencher) {
    let dataset = Dataset::builtin().unwrap();
    let timeline = Timeline::new(&dataset);
    let cells = Cells::build(&dataset, &dataset.projection());
    let options = options(&dataset);
    let view = viewport(&dataset, &options);
    let labels = Frame::new(&dataset, &timeline, &cells, options.clone()).label_placement();
    let basemaps = Arc::new(BasemapCache::default());
    bencher.bench(|| {
        let state = timeline.state_at(divan::black_box(date()));
        let areas = DateAreas::new(&dataset, &cells, &state, &view);
        Frame::with_areas(&dataset, &timeline, state, areas, options.clone())
            .with_labels(labels.clone())
            .with_basemaps(basemaps.clone())
            .to_svg()
    });
}

/// `frontline frames --from 2016-10-16 --to 2017-07-20`: 278 SVG files and a manifest.
#[divan::bench(sample_count = 10)]
fn whole_battle_frames(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let args = FramesArgs {
        frame: frame_args(),
        from: "2016-10-16".parse().unwrap(),
        to: "2017-07-20".parse().unwrap(),
        step_days: 1,
        changes_only: false,
        output: Some(dir.path().to_path_buf()),
        progress: false,
        format: Default::default(),
    };
    bencher.bench(|| commands::frames(divan::black_box(&args)).unwrap());
}

/// `frontline animate -o battle.svg`: every day of the period in one animated SVG.
#[divan::bench(sample_count = 10)]
fn whole_battle_animated_svg(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let args = AnimateArgs {
        frame: frame_args(),
        from: None,
        to: None,
        step_days: 1,
        changes_only: false,
        output: dir.path().join("battle.svg"),
        timing: Default::default(),
        duration_seconds: None,
        progress: false,
        fps: 30,
        seconds_per_day: None,
    };
    bencher.bench(|| commands::animate(divan::black_box(&args)).unwrap());
}

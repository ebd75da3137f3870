//! How each stage grows with the size of a dataset, on synthetic datasets
//! ([`frontline::commands::synth`]) of 1k and 10k places with 10k and 100k events. The 100k places
//! with 1M events take minutes to set up, so they run only when asked:
//! `FRONTLINE_BENCH_LARGE=1 cargo bench --bench scale`.

use std::sync::OnceLock;

use frontline::commands::synth::{self, Spec};
use frontline::dataset::{Dataset, DatasetFiles};
use frontline::model::control::Timeline;
use frontline::model::territory::{Cells, Territory};
use frontline::render::{Frame, FrameOptions};
use jiff::civil::Date;

fn main() {
    divan::main();
}

/// (places, events) of every size measured.
fn sizes() -> Vec<(usize, usize)> {
    let mut sizes = vec![(1_000, 10_000), (1_000, 100_000), (10_000, 10_000), (10_000, 100_000)];
    if std::env::var_os("FRONTLINE_BENCH_LARGE").is_some() {
        sizes.push((100_000, 1_000_000));
    }
    sizes
}

/// Mid-year: the front is in the middle of the area.
fn date() -> Date {
    "2020-07-01".parse().unwrap()
}

fn files((places, events): (usize, usize)) -> DatasetFiles {
    synth::files(&Spec { places, events, seed: 1 })
}

/// Everything a stage may need, built once per size and kept for every stage.
struct Prepared {
    dataset: Dataset,
    timeline: Timeline,
    cells: Cells,
}

/// Prepared sizes, kept for the whole run: preparing the largest takes most of a minute.
type Cache = std::sync::Mutex<Vec<((usize, usize), &'static Prepared)>>;

fn prepared(size: (usize, usize)) -> &'static Prepared {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    if let Some((_, p)) = cache.iter().find(|(s, _)| *s == size) {
        return p;
    }
    let dataset = Dataset::parse(&files(size)).unwrap();
    let timeline = Timeline::new(&dataset);
    let cells = Cells::build(&dataset, &dataset.projection());
    let p: &'static Prepared = Box::leak(Box::new(Prepared { dataset, timeline, cells }));
    cache.push((size, p));
    p
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

#[divan::bench(args = sizes(), sample_count = 5)]
fn load(bencher: divan::Bencher, size: (usize, usize)) {
    let files = files(size);
    bencher.bench(|| Dataset::parse(divan::black_box(&files)).unwrap());
}

#[divan::bench(args = sizes(), sample_count = 5)]
fn replay(bencher: divan::Bencher, size: (usize, usize)) {
    let p = prepared(size);
    bencher.bench(|| Timeline::new(divan::black_box(&p.dataset)));
}

#[divan::bench(args = sizes(), sample_count = 5)]
fn state_at_date(bencher: divan::Bencher, size: (usize, usize)) {
    let p = prepared(size);
    bencher.bench(|| p.timeline.state_at(divan::black_box(date())));
}

#[divan::bench(args = sizes(), sample_count = 5)]
fn cells(bencher: divan::Bencher, size: (usize, usize)) {
    let p = prepared(size);
    let projection = p.dataset.projection();
    bencher.bench(|| Cells::build(divan::black_box(&p.dataset), &projection));
}

#[divan::bench(args = sizes(), sample_count = 5)]
fn territory(bencher: divan::Bencher, size: (usize, usize)) {
    let p = prepared(size);
    let state = p.timeline.state_at(date());
    bencher.bench(|| Territory::at(&p.cells, divan::black_box(&state), p.dataset.manifest.sides.len()));
}

#[divan::bench(args = sizes(), sample_count = 5)]
fn front_lines(bencher: divan::Bencher, size: (usize, usize)) {
    let p = prepared(size);
    let state = p.timeline.state_at(date());
    bencher.bench(|| p.cells.fronts(divan::black_box(&state)));
}

#[divan::bench(args = sizes(), sample_count = 5)]
fn labels(bencher: divan::Bencher, size: (usize, usize)) {
    let p = prepared(size);
    let frame = Frame::new(&p.dataset, &p.timeline, &p.cells, options(&p.dataset));
    bencher.bench(|| divan::black_box(&frame).label_placement());
}

/// One whole frame after loading, the cells built once beforehand as a sequence does.
#[divan::bench(args = sizes(), sample_count = 5)]
fn frame(bencher: divan::Bencher, size: (usize, usize)) {
    let p = prepared(size);
    let options = options(&p.dataset);
    bencher.bench(|| Frame::new(&p.dataset, &p.timeline, &p.cells, divan::black_box(options.clone())).to_svg());
}

//! Times each stage of one frame on any dataset folder, once, as a frame of the command
//! line would run them: for datasets too large to benchmark repeatedly.
//!
//! ```sh
//! cargo run --release --example stages -- target/synth/p100000-e1000000 2020-07-01
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use frontline::dataset::{Dataset, DatasetFiles};
use frontline::model::control::Timeline;
use frontline::model::territory::{Cells, Territory};
use frontline::render::{Frame, FrameOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(date)) = (args.next(), args.next()) else {
        eprintln!("usage: stages DATASET_DIR YYYY-MM-DD");
        return ExitCode::from(2);
    };
    let Ok(date) = date.parse() else {
        eprintln!("not a date: {date}");
        return ExitCode::from(2);
    };
    match run(PathBuf::from(dir), date) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn run(dir: PathBuf, date: jiff::civil::Date) -> frontline::error::Result<()> {
    let files = timed("read files", || DatasetFiles::read_dir(&dir))?;
    let dataset = timed("parse", || Dataset::parse(&files))?;
    let timeline = timed("replay", || Timeline::new(&dataset));
    let state = timed("state at the date", || timeline.state_at(date));
    let cells = timed("cells", || Cells::build(&dataset, &dataset.projection()));
    // The front lines first, while their borders are traced; the territory then reads them.
    timed("front lines", || cells.fronts(&state));
    timed("territory", || Territory::at(&cells, &state, dataset.manifest.sides.len()));
    let options = FrameOptions {
        date,
        width: 1200.0,
        view: dataset.manifest.area,
        lang: Default::default(),
        theme: Default::default(),
        furniture: Default::default(),
        editorial: Default::default(),
        aspect: None,
    };
    let frame =
        timed("frame: state, territory, front lines", || Frame::new(&dataset, &timeline, &cells, options.clone()));
    let placement = timed("frame: label placement", || frame.label_placement());
    let svg = timed("frame, whole (cells built)", || Frame::new(&dataset, &timeline, &cells, options).to_svg());
    println!(
        "{} labels placed, {} dropped; {} bytes of SVG",
        placement.placed.len(),
        placement.dropped.len(),
        svg.len()
    );
    Ok(())
}

fn timed<T>(stage: &str, work: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = work();
    println!("{stage:<40} {:>9.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    result
}

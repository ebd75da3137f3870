//! The commands behind the CLI, as library functions: arguments in, output written.

use std::io::Write;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::check;
use crate::control::Timeline;
use crate::dataset::{Dataset, LonLatBox};
use crate::error::{Error, Location, Problem, Result};
use crate::export::Format as ImageFormat;
use crate::gazetteer::Kind;
use crate::output::{self, Target};
use crate::render::{self, FrameOptions, Furniture, Lang};
use crate::theme::Theme;

/// What every frame of `render` and `frames` is drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameArgs {
    /// A dataset folder; the built-in Mosul dataset when `None`.
    pub dataset: Option<PathBuf>,
    pub width: u32,
    /// A region id or a place name to centre the view on.
    pub focus: Option<String>,
    /// `W,S,E,N` in degrees.
    pub bbox: Option<String>,
    /// The language of the frame.
    pub lang: Lang,
    /// English and Arabic in one SVG (`lang` is then ignored).
    pub multilingual: bool,
    /// A built-in theme name or a theme file.
    pub theme: String,
    /// What to draw around the map.
    pub furniture: Furniture,
    /// A prefix for every id in the document, so several frames can share one HTML page.
    pub id_prefix: Option<String>,
    /// The displayed height in pixels; the width follows the frame's aspect.
    pub height: Option<u32>,
}

/// Arguments of `frontline render`.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderArgs {
    pub frame: FrameArgs,
    pub date: Date,
    /// `-` for standard output; `output/<slug>-<date>.<format>` when `None`.
    pub output: Option<String>,
    /// SVG or PNG; from the output file's extension when `None`, else SVG.
    pub format: Option<ImageFormat>,
}

/// Arguments of `frontline frames`.
#[derive(Debug, Clone, PartialEq)]
pub struct FramesArgs {
    pub frame: FrameArgs,
    pub from: Date,
    pub to: Date,
    pub step_days: i64,
    /// Only the dates on which some place changed hands.
    pub changes_only: bool,
    /// The folder the frames and `manifest.json` go to; `output/frames` when `None`.
    pub output: Option<PathBuf>,
    /// Draw a progress bar (on a terminal).
    pub progress: bool,
    /// The format of every frame.
    pub format: ImageFormat,
}

pub const MIN_WIDTH: u32 = 320;
pub const MAX_WIDTH: u32 = 10_000;

/// A dataset loaded for drawing, with the frame options its arguments give.
struct Prepared {
    dataset: Dataset,
    timeline: Timeline,
    options: FrameOptions,
}

fn prepare(args: &FrameArgs, dates: &[(&str, Date)]) -> Result<Prepared> {
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&args.width) {
        return Err(Error::usage("--width", format!("{} px: expected {MIN_WIDTH} to {MAX_WIDTH}", args.width)));
    }
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let period = &dataset.manifest.period;
    for &(flag, date) in dates {
        within_period(&dataset, flag, date)?;
    }
    let view = view(&dataset, args.focus.as_deref(), args.bbox.as_deref())?;
    let theme = Theme::load(&args.theme)?;
    let timeline = Timeline::new(&dataset);
    let date = dates.first().map_or(period.start, |&(_, d)| d);
    let options =
        FrameOptions { date, width: f64::from(args.width), view, lang: args.lang, theme, furniture: args.furniture };
    Ok(Prepared { dataset, timeline, options })
}

/// The document as the embedding options ask: ids prefixed, displayed height set.
fn embed(svg: String, args: &FrameArgs) -> String {
    let svg = match &args.id_prefix {
        Some(prefix) => render::prefix_ids(&svg, prefix),
        None => svg,
    };
    match args.height {
        Some(height) => render::with_height(&svg, height),
        None => svg,
    }
}

/// An error for `flag` unless `date` lies within the dataset's period.
fn within_period(dataset: &Dataset, flag: &str, date: Date) -> Result<()> {
    let period = &dataset.manifest.period;
    if period.contains(date) {
        return Ok(());
    }
    let expected = format!("{date}: expected a date from {} to {}, the dataset's period", period.start, period.end);
    Err(Error::usage(flag, expected))
}

/// Renders one frame and writes it; returns where it went.
pub fn render(args: &RenderArgs, stdout: &mut dyn Write) -> Result<Target> {
    let Prepared { dataset, timeline, options } = prepare(&args.frame, &[("--date", args.date)])?;
    let svg = if args.frame.multilingual {
        render::multilingual_frame_svg(&dataset, &timeline, options)
    } else {
        render::frame_svg(&dataset, &timeline, options)
    };
    let svg = embed(svg, &args.frame);
    let format = args.format.or_else(|| args.output.as_deref().and_then(ImageFormat::from_path)).unwrap_or_default();
    let target = match &args.output {
        Some(text) => Target::parse(text),
        None => {
            let name = format!("{}-{}.{}", dataset.manifest.slug, args.date, format.extension());
            Target::File(PathBuf::from("output").join(name))
        }
    };
    output::write(&target, &format.encode(&svg)?, stdout)?;
    Ok(target)
}

/// Renders a sequence of frames into a folder, with `manifest.json`; returns the folder and
/// the number of frames.
pub fn frames(args: &FramesArgs) -> Result<(PathBuf, usize)> {
    if args.from > args.to {
        return Err(Error::usage("--from", format!("{} is after --to {}", args.from, args.to)));
    }
    let Prepared { dataset, timeline, options } = prepare(&args.frame, &[("--from", args.from), ("--to", args.to)])?;
    let dates = crate::animate::dates(&timeline, (args.from, args.to), args.step_days, args.changes_only);
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("output").join("frames"));
    let slug = &dataset.manifest.slug;
    let name = |i: usize, date: Date| format!("{slug}-{:04}-{date}.{}", i + 1, args.format.extension());
    let rendered = crate::animate::render_all(
        &dataset,
        &timeline,
        &options,
        &dates,
        &name,
        (args.frame.multilingual, args.progress),
    );
    let encoded: Vec<(crate::animate::FrameEntry, Vec<u8>)> = {
        use rayon::prelude::*;
        rendered
            .into_par_iter()
            .map(|(entry, svg)| Ok((entry, args.format.encode(&embed(svg, &args.frame))?)))
            .collect::<Result<_>>()?
    };
    let mut entries = Vec::with_capacity(encoded.len());
    for (entry, bytes) in encoded {
        output::write(&Target::File(dir.join(&entry.file)), &bytes, &mut std::io::sink())?;
        entries.push(entry);
    }
    let manifest = crate::animate::Manifest {
        dataset: dataset.manifest.title.clone(),
        from: args.from.to_string(),
        to: args.to.to_string(),
        step_days: args.step_days,
        changes_only: args.changes_only,
        frames: entries,
    };
    let json = serde_json::to_string_pretty(&manifest).expect("the manifest serialises") + "\n";
    output::write(&Target::File(dir.join("manifest.json")), json.as_bytes(), &mut std::io::sink())?;
    Ok((dir, manifest.frames.len()))
}

/// Arguments of `frontline animate`.
#[derive(Debug, Clone, PartialEq)]
pub struct AnimateArgs {
    pub frame: FrameArgs,
    /// The first date; the start of the dataset's period when `None`.
    pub from: Option<Date>,
    /// The last date; the end of the dataset's period when `None`.
    pub to: Option<Date>,
    pub step_days: i64,
    pub changes_only: bool,
    /// The animation file; its extension picks the format.
    pub output: PathBuf,
    pub timing: crate::animate::Timing,
    /// The length of one pass through the dates, in seconds; replaces `timing.frame_ms`.
    pub duration_seconds: Option<f64>,
    pub progress: bool,
}

/// Renders a sequence as one animation file; returns the number of frames.
pub fn animate(args: &AnimateArgs) -> Result<usize> {
    let extension = args.output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !["gif", "png", "svg", "html"].contains(&extension.as_str()) {
        let expected = format!("{}: expected a .gif, .png (APNG), .svg or .html file", args.output.display());
        return Err(Error::usage("--output", expected));
    }
    let Prepared { dataset, timeline, options } = prepare(&args.frame, &[])?;
    let period = &dataset.manifest.period;
    let (from, to) = (args.from.unwrap_or(period.start), args.to.unwrap_or(period.end));
    for (flag, date) in [("--from", from), ("--to", to)] {
        within_period(&dataset, flag, date)?;
    }
    if from > to {
        return Err(Error::usage("--from", format!("{from} is after --to {to}")));
    }
    let dates = crate::animate::dates(&timeline, (from, to), args.step_days, args.changes_only);
    let timing = timing(args, dates.len())?;
    let target = Target::File(args.output.clone());
    if extension == "svg" {
        let svg = crate::animate::animated_svg(&dataset, &timeline, &options, &dates, timing);
        output::write(&target, embed(svg, &args.frame).as_bytes(), &mut std::io::sink())?;
        return Ok(dates.len());
    }
    if extension == "html" {
        let html = crate::viewer::html(&dataset, &timeline, &options, &dates, timing);
        output::write(&target, html.as_bytes(), &mut std::io::sink())?;
        return Ok(dates.len());
    }
    let name = |i: usize, _: Date| i.to_string();
    let flags = (args.frame.multilingual, args.progress);
    let rendered = crate::animate::render_all(&dataset, &timeline, &options, &dates, &name, flags);
    let svgs: Vec<String> = rendered.into_iter().map(|(_, svg)| embed(svg, &args.frame)).collect();
    let bytes = match extension.as_str() {
        "png" => crate::animate::apng(&svgs, timing)?,
        _ => crate::animate::gif(&svgs, timing)?,
    };
    output::write(&target, &bytes, &mut std::io::sink())?;
    Ok(svgs.len())
}

/// The animation's timing: `--duration` spread over the frames when given.
fn timing(args: &AnimateArgs, frames: usize) -> Result<crate::animate::Timing> {
    let Some(seconds) = args.duration_seconds else { return Ok(args.timing) };
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= MAX_DURATION_SECONDS) {
        let expected = format!("{seconds}: expected a number of seconds above 0 and at most {MAX_DURATION_SECONDS}");
        return Err(Error::usage("--duration", expected));
    }
    let frame_ms = (seconds * 1000.0 / frames.max(1) as f64).round().max(1.0) as u32;
    Ok(crate::animate::Timing { frame_ms, ..args.timing })
}

/// A day of animation is longer than anyone watches.
const MAX_DURATION_SECONDS: f64 = 86_400.0;

/// Arguments of `frontline chart`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartArgs {
    pub dataset: Option<PathBuf>,
    pub region: String,
    pub metric: crate::chart::Metric,
    pub width: u32,
    pub theme: String,
    /// The chart file; `-` for standard output (SVG).
    pub output: String,
    /// From the output file's extension when `None`, else SVG.
    pub format: Option<ImageFormat>,
}

/// Draws the timeline chart of a region and writes it.
pub fn chart(args: &ChartArgs, stdout: &mut dyn Write) -> Result<Target> {
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&args.width) {
        return Err(Error::usage("--width", format!("{} px: expected {MIN_WIDTH} to {MAX_WIDTH}", args.width)));
    }
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let region = region(&dataset, &args.region)?;
    let theme = Theme::load(&args.theme)?;
    let svg = crate::chart::svg(&dataset, &region, args.metric, f64::from(args.width), &theme, None);
    let format = args.format.or_else(|| ImageFormat::from_path(&args.output)).unwrap_or_default();
    let target = Target::parse(&args.output);
    output::write(&target, &format.encode(&svg)?, stdout)?;
    Ok(target)
}

fn region(dataset: &Dataset, id: &str) -> Result<crate::dataset::Region> {
    dataset.manifest.region(id).ok_or_else(|| {
        let ids = dataset.manifest.region_ids().join(", ");
        Error::usage("--region", format!("\"{id}\": expected one of {ids}"))
    })
}

/// Arguments of `frontline report`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportArgs {
    pub frame: FrameArgs,
    pub date: Date,
    /// The region the chart plots.
    pub region: String,
    pub metric: crate::chart::Metric,
    /// `-` for standard output; `output/<slug>-report-<date>.<format>` when `None`.
    pub output: Option<String>,
    /// From the output file's extension when `None`, else PDF.
    pub format: Option<ImageFormat>,
}

/// Draws the map of a date above the chart of a region (the date marked) on one page.
pub fn report(args: &ReportArgs, stdout: &mut dyn Write) -> Result<Target> {
    if args.frame.multilingual {
        return Err(Error::usage("--lang", "multi: a report page is in one language (en or ar)".to_string()));
    }
    let Prepared { dataset, timeline, options } = prepare(&args.frame, &[("--date", args.date)])?;
    let region = region(&dataset, &args.region)?;
    let chart = crate::chart::svg(&dataset, &region, args.metric, options.width, &options.theme, Some(args.date));
    let paper = options.theme.paper.clone();
    let map = render::frame_svg(&dataset, &timeline, options);
    let page = crate::report::page(&map, &chart, &paper)?;
    let format = args.format.or_else(|| args.output.as_deref().and_then(ImageFormat::from_path));
    let format = format.unwrap_or(ImageFormat::Pdf);
    let target = match &args.output {
        Some(text) => Target::parse(text),
        None => {
            let name = format!("{}-report-{}.{}", dataset.manifest.slug, args.date, format.extension());
            Target::File(PathBuf::from("output").join(name))
        }
    };
    output::write(&target, &format.encode(&embed(page, &args.frame))?, stdout)?;
    Ok(target)
}

/// Arguments of `frontline export`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportArgs {
    pub dataset: Option<PathBuf>,
    pub date: Date,
    /// `-` for standard output; `output/<slug>-<date>.geojson` when `None`.
    pub output: Option<String>,
}

/// Writes the state of a date as GeoJSON; returns where it went.
pub fn export(args: &ExportArgs, stdout: &mut dyn Write) -> Result<Target> {
    let dataset = Dataset::load(args.dataset.as_deref())?;
    within_period(&dataset, "--date", args.date)?;
    let text = crate::export::geojson(&dataset, &Timeline::new(&dataset), args.date);
    let target = match &args.output {
        Some(text) => Target::parse(text),
        None => Target::File(PathBuf::from("output").join(format!("{}-{}.geojson", dataset.manifest.slug, args.date))),
    };
    output::write(&target, text.as_bytes(), stdout)?;
    Ok(target)
}

/// The area a frame shows: `--bbox`, else `--focus`, else the whole area of interest.
fn view(dataset: &Dataset, focus: Option<&str>, bbox: Option<&str>) -> Result<LonLatBox> {
    if let Some(text) = bbox {
        return LonLatBox::parse(text).ok_or_else(|| {
            Error::usage("--bbox", format!("\"{text}\": expected W,S,E,N in degrees with W < E and S < N"))
        });
    }
    let Some(name) = focus else { return Ok(dataset.manifest.area) };
    if let Some(region) = dataset.manifest.region(name) {
        return Ok(region.lonlat_box());
    }
    let at = Location::file("--focus");
    let id = dataset.gazetteer.resolve_at(name, at).map_err(|p: Problem| {
        let regions = dataset.manifest.region_ids().join(", ");
        let help = format!("{}; regions: {regions}", p.help.clone().unwrap_or_default());
        Error::Input(vec![Problem { help: Some(help), ..p }])
    })?;
    let place = dataset.gazetteer.get(id);
    let Some((lon, lat)) = place.lonlat() else {
        return Err(Error::usage("--focus", format!("{} has no position in the dataset to centre on", place.name)));
    };
    let radius_km = match place.kind {
        Kind::City => 14.0,
        Kind::Town => 8.0,
        _ => 4.0,
    };
    let dlat = radius_km / 111.32;
    let dlon = dlat / lat.to_radians().cos();
    Ok(LonLatBox { west: lon - dlon, south: lat - dlat, east: lon + dlon, north: lat + dlat })
}

/// Arguments of `frontline check`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckArgs {
    pub dataset: Option<PathBuf>,
}

/// Validates a dataset and prints its summary and warnings; errors make it fail.
pub fn check(args: &CheckArgs, stdout: &mut dyn Write) -> Result<()> {
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let timeline = Timeline::new(&dataset);
    let report = check::check(&dataset, &timeline);
    let mut text = check::summary(&dataset);
    for note in &report.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    for warning in &report.warnings {
        text.push_str(&format!("warning: {warning}\n"));
    }
    text.push_str(&format!("{} errors, {} warnings\n", report.errors.len(), report.warnings.len()));
    output::write(&Target::Stdout, text.as_bytes(), stdout)?;
    if report.errors.is_empty() { Ok(()) } else { Err(Error::Input(report.errors)) }
}

/// How `stats` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// Which dates `stats` covers.
#[derive(Debug, Clone, PartialEq)]
pub enum Dates {
    One(Date),
    /// From, to (both included), every `step` days.
    Series(Date, Date, i64),
    /// Not dates but the claims file: the validation report.
    Claims,
}

/// Arguments of `frontline stats`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsArgs {
    pub dataset: Option<PathBuf>,
    pub dates: Dates,
    pub region: String,
    pub format: Format,
}

/// Parses a step such as `1d`, `7d` or `2w`, in days.
pub fn parse_step(text: &str) -> Option<i64> {
    let days = |n: &str, per: i64| n.parse::<i64>().ok().filter(|n| *n > 0).and_then(|n| n.checked_mul(per));
    match (text.strip_suffix('d'), text.strip_suffix('w')) {
        (Some(n), _) => days(n, 1),
        (_, Some(n)) => days(n, 7),
        _ => None,
    }
}

/// Prints per-side statistics for one date or a series, or the claims report.
pub fn stats(args: &StatsArgs, stdout: &mut dyn Write) -> Result<()> {
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let timeline = Timeline::new(&dataset);
    let areas = crate::stats::Areas::new(&dataset);
    if args.dates == Dates::Claims {
        let comparisons = crate::claims::compare(&dataset, &timeline, &areas);
        let text = crate::claims::report(&dataset, &comparisons);
        return output::write(&Target::Stdout, text.as_bytes(), stdout);
    }
    let region = dataset.manifest.region(&args.region).ok_or_else(|| {
        Error::usage(
            "--region",
            format!("\"{}\": expected one of {}", args.region, dataset.manifest.region_ids().join(", ")),
        )
    })?;
    let dates = stats_dates(&args.dates, &dataset)?;
    let all: Vec<crate::stats::Stats> =
        dates.iter().map(|&d| crate::stats::at(&dataset, &timeline, &areas, &region, d)).collect();
    let text = match args.format {
        Format::Csv => std::iter::once(format!("{}\n", crate::stats::CSV_HEADER))
            .chain(all.iter().map(crate::stats::csv_rows))
            .collect(),
        Format::Json if all.len() == 1 => serde_json::to_string_pretty(&all[0]).expect("stats serialise") + "\n",
        Format::Json => serde_json::to_string_pretty(&all).expect("stats serialise") + "\n",
        Format::Table => all.iter().map(|s| crate::stats::table(s, &region.label)).collect::<Vec<_>>().join("\n"),
    };
    output::write(&Target::Stdout, text.as_bytes(), stdout)
}

fn stats_dates(dates: &Dates, dataset: &Dataset) -> Result<Vec<Date>> {
    let (from, to, step) = match *dates {
        Dates::One(d) => (d, d, 1),
        Dates::Series(from, to, step) => (from, to, step),
        Dates::Claims => unreachable!("claims are handled before dates"),
    };
    for (flag, date) in [("--date/--from", from), ("--to", to)] {
        within_period(dataset, flag, date)?;
    }
    if from > to {
        return Err(Error::usage("--from", format!("{from} is after --to {to}")));
    }
    let mut out = Vec::new();
    let mut date = from;
    while date <= to {
        out.push(date);
        date = date.checked_add(jiff::Span::new().days(step)).map_err(|e| Error::usage("--step", e.to_string()))?;
    }
    Ok(out)
}

/// Arguments of `frontline import acled`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportArgs {
    /// The ACLED-style CSV file.
    pub file: PathBuf,
    /// The dataset folder the events go into.
    pub dataset: PathBuf,
    /// `ACTOR=SIDE` pairs.
    pub sides: Vec<String>,
    pub max_distance_km: f64,
}

/// Merges an ACLED-style file into a dataset and says what it did.
pub fn import_acled(args: &ImportArgs, stdout: &mut dyn Write) -> Result<()> {
    if !(args.max_distance_km.is_finite() && args.max_distance_km > 0.0) {
        return Err(Error::usage(
            "--max-distance-km",
            format!("{}: expected a positive distance", args.max_distance_km),
        ));
    }
    let sides = args
        .sides
        .iter()
        .map(|pair| {
            pair.rsplit_once('=')
                .map(|(actor, side)| (actor.trim().to_string(), side.trim().to_string()))
                .filter(|(actor, side)| !actor.is_empty() && !side.is_empty())
                .ok_or_else(|| Error::usage("--side", format!("\"{pair}\": expected ACTOR=SIDE")))
        })
        .collect::<Result<Vec<_>>>()?;
    let options = crate::import::Options { max_distance_km: args.max_distance_km, sides };
    let summary = crate::import::acled(&args.dataset, &args.file, &options)?;
    let mut text = format!(
        "{} rows: {} events added, {} already in the dataset, {} not a change of territory\n",
        summary.rows, summary.added, summary.duplicates, summary.other_types
    );
    for (location, id, km) in &summary.matched {
        let distance = km.map_or("no position".to_string(), |km| format!("{km:.1} km"));
        text.push_str(&format!("  matched \"{location}\" to {id} ({distance})\n"));
    }
    for id in &summary.created {
        text.push_str(&format!("  created place {id}\n"));
    }
    output::write(&Target::Stdout, text.as_bytes(), stdout)?;
    Ok(())
}

/// Arguments of the hidden `frontline synth`.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthArgs {
    pub spec: crate::synth::Spec,
    pub output: PathBuf,
}

/// Writes a synthetic dataset folder, for benchmarks; returns the folder.
pub fn synth(args: &SynthArgs) -> Result<PathBuf> {
    crate::synth::write(&args.spec, &args.output)?;
    Ok(args.output.clone())
}

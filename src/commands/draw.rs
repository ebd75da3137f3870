//! The commands that draw: `render`, `frames`, `animate`, `chart` and `report`.

use crate::commands::args::{FrameArgs, Prepared, embed, embed_at, prepare, region, sequence_scale, within_period};
use crate::commands::flags;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::formats::output::{self, Target};
use crate::formats::progress::{Progress, Stage};
use crate::formats::raster::Format as ImageFormat;
use crate::formats::video::VideoTiming;
use crate::render::theme::Theme;
use crate::render::{self};
use jiff::civil::Date;
use std::io::Write;
use std::path::PathBuf;

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

/// Renders one frame and writes it; returns where it went.
pub fn render(args: &RenderArgs, stdout: &mut dyn Write) -> Result<Target> {
    let format = flags::image_format(args.output.as_deref(), args.format, ImageFormat::Svg)?;
    let Prepared { dataset, timeline, options } =
        prepare(&args.frame, &[("--date", args.date)])?.fitted(&args.frame, &[args.date])?;
    let svg = if args.frame.multilingual {
        render::multilingual_frame_svg(&dataset, &timeline, options)
    } else {
        render::frame_svg(&dataset, &timeline, options)
    };
    let svg = embed(svg, &args.frame);
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

/// Renders a sequence of frames into a folder, with `manifest.json`; returns the folder and
/// the number of frames.
pub fn frames(args: &FramesArgs) -> Result<(PathBuf, usize)> {
    if args.from > args.to {
        return Err(Error::usage("--from", format!("{} is after --to {}", args.from, args.to)));
    }
    let prepared = prepare(&args.frame, &[("--from", args.from), ("--to", args.to)])?;
    let dates =
        crate::formats::frames::dates(&prepared.timeline, (args.from, args.to), args.step_days, args.changes_only);
    let Prepared { dataset, timeline, options } = prepared.fitted(&args.frame, &dates)?;
    let dir = args.output.clone().unwrap_or_else(|| PathBuf::from("output").join("frames"));
    let slug = &dataset.manifest.slug;
    let name = |i: usize, date: Date| crate::formats::frames::frame_name(slug, i, date, args.format.extension());
    // SVG frames are only drawn; the others are drawn, then rasterised and encoded.
    let stages = if args.format == ImageFormat::Svg { 1 } else { 2 };
    let progress = Progress::new(dates.len(), stages, args.progress);
    let rendered = crate::formats::frames::render_all(
        &dataset,
        &timeline,
        &options,
        &dates,
        &name,
        args.frame.multilingual,
        &progress,
    );
    if stages == 2 {
        progress.stage(Stage::Encoding, dates.len());
    }
    let scale = sequence_scale(rendered.iter().map(|(_, svg)| svg), &args.frame);
    let encoded: Vec<(crate::formats::frames::FrameEntry, Vec<u8>)> = {
        use rayon::prelude::*;
        rendered
            .into_par_iter()
            .map(|(entry, svg)| {
                let bytes = args.format.encode(&embed_at(svg, &args.frame, scale))?;
                if stages == 2 {
                    progress.step();
                }
                Ok((entry, bytes))
            })
            .collect::<Result<_>>()?
    };
    // Cleared once every frame is made, so that a failure before leaves the old run whole.
    crate::formats::frames::clear_previous_run(&dir, slug)?;
    progress.finish();
    let mut entries = Vec::with_capacity(encoded.len());
    for (entry, bytes) in encoded {
        output::write(&Target::File(dir.join(&entry.file)), &bytes, &mut std::io::sink())?;
        entries.push(entry);
    }
    let manifest = crate::formats::frames::Manifest {
        dataset: dataset.manifest.title.clone(),
        from: args.from.to_string(),
        to: args.to.to_string(),
        step_days: args.step_days,
        changes_only: args.changes_only,
        frames: entries,
    };
    let json = serde_json::to_string_pretty(&manifest).expect("the manifest serialises") + "\n";
    output::write(
        &Target::File(dir.join(crate::formats::frames::MANIFEST_FILE)),
        json.as_bytes(),
        &mut std::io::sink(),
    )?;
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
    pub timing: crate::formats::animate::Timing,
    /// The length of one pass through the dates, in seconds; replaces `timing.frame_ms`.
    pub duration_seconds: Option<f64>,
    pub progress: bool,
    /// Frames per second of a video.
    pub fps: u32,
    /// How long each date of a video shows; `timing.frame_ms` when `None`.
    pub seconds_per_day: Option<f64>,
}

/// Renders a sequence as one animation file; returns the number of frames.
pub fn animate(args: &AnimateArgs) -> Result<usize> {
    let extension = args.output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !["gif", "png", "mp4", "svg", "html"].contains(&extension.as_str()) {
        let expected = format!("{}: expected a .gif, .png (APNG), .mp4, .svg or .html file", args.output.display());
        return Err(Error::usage("--output", expected));
    }
    flags::frame_ms(args.timing.frame_ms)?;
    flags::hold_ms(args.timing.hold_ms)?;
    let prepared = prepare(&args.frame, &[])?;
    let period = &prepared.dataset.manifest.period;
    let (from, to) = (args.from.unwrap_or(period.start), args.to.unwrap_or(period.end));
    for (flag, date) in [("--from", from), ("--to", to)] {
        within_period(&prepared.dataset, flag, date)?;
    }
    if from > to {
        return Err(Error::usage("--from", format!("{from} is after --to {to}")));
    }
    let dates = crate::formats::frames::dates(&prepared.timeline, (from, to), args.step_days, args.changes_only);
    let Prepared { dataset, timeline, options } = prepared.fitted(&args.frame, &dates)?;
    let timing = timing(args, dates.len())?;
    let video = video_timing(args, timing)?;
    if ["gif", "png"].contains(&extension.as_str()) {
        shown_as_asked(args, timing)?;
    }
    let target = Target::File(args.output.clone());
    if extension == "svg" {
        let svg = crate::formats::animate::animated_svg(&dataset, &timeline, &options, &dates, timing);
        output::write(&target, embed(svg, &args.frame).as_bytes(), &mut std::io::sink())?;
        return Ok(dates.len());
    }
    if extension == "html" {
        let html = crate::formats::viewer::html(&dataset, &timeline, &options, &dates, timing);
        output::write(&target, html.as_bytes(), &mut std::io::sink())?;
        return Ok(dates.len());
    }
    let name = |i: usize, _: Date| i.to_string();
    // Drawn, rasterised, encoded: three stages for each frame.
    let progress = Progress::new(dates.len(), 3, args.progress);
    let multilingual = args.frame.multilingual;
    let rendered =
        crate::formats::frames::render_all(&dataset, &timeline, &options, &dates, &name, multilingual, &progress);
    let scale = sequence_scale(rendered.iter().map(|(_, svg)| svg), &args.frame);
    let svgs: Vec<String> = rendered.into_iter().map(|(_, svg)| embed_at(svg, &args.frame, scale)).collect();
    let bytes = match extension.as_str() {
        "png" => crate::formats::animate::apng(&svgs, timing, &progress)?,
        "mp4" => crate::formats::video::mp4(&svgs, video, &progress)?,
        _ => crate::formats::animate::gif(&svgs, timing, &progress)?,
    };
    progress.finish();
    output::write(&target, &bytes, &mut std::io::sink())?;
    Ok(svgs.len())
}

/// The animation's timing: `--duration` spread over the frames when given.
fn timing(args: &AnimateArgs, frames: usize) -> Result<crate::formats::animate::Timing> {
    let Some(seconds) = args.duration_seconds else { return Ok(args.timing) };
    let frame_ms = flags::duration(seconds, frames)?;
    Ok(crate::formats::animate::Timing { frame_ms, ..args.timing })
}

/// How a video plays: `--seconds-per-day` (else the frame time) on a grid of `--fps`, the
/// last date held for `--hold-ms`.
fn video_timing(args: &AnimateArgs, timing: crate::formats::animate::Timing) -> Result<VideoTiming> {
    if !(1..=MAX_FPS).contains(&args.fps) {
        return Err(Error::usage("--fps", format!("{}: expected 1 to {MAX_FPS} frames a second", args.fps)));
    }
    let seconds_per_day = args.seconds_per_day.unwrap_or(f64::from(timing.frame_ms) / 1000.0);
    if !(seconds_per_day.is_finite() && seconds_per_day > 0.0 && seconds_per_day <= MAX_SECONDS_PER_DAY) {
        let expected = format!("{seconds_per_day}: expected seconds above 0 and at most {MAX_SECONDS_PER_DAY}");
        return Err(Error::usage("--seconds-per-day", expected));
    }
    Ok(VideoTiming { fps: args.fps, seconds_per_day, hold_seconds: f64::from(timing.hold_ms) / 1000.0 })
}

const MAX_FPS: u32 = 120;

/// A minute a day is already a slide show.
const MAX_SECONDS_PER_DAY: f64 = 60.0;

/// An error unless every frame of a GIF or APNG shows as long as asked: browsers show a
/// frame of under 20 ms for 100 ms, so such an animation would crawl.
fn shown_as_asked(args: &AnimateArgs, timing: crate::formats::animate::Timing) -> Result<()> {
    if timing.frame_ms >= MIN_GIF_FRAME_MS {
        return Ok(());
    }
    let (flag, given) = match args.duration_seconds {
        Some(seconds) => ("--duration", format!("{seconds} s gives {} ms a frame", timing.frame_ms)),
        None => ("--frame-ms", format!("{} ms", timing.frame_ms)),
    };
    let why = "browsers show shorter GIF and APNG frames for 100 ms";
    Err(Error::usage(flag, format!("{given}: expected at least {MIN_GIF_FRAME_MS} ms a frame ({why})")))
}

/// The shortest frame browsers show for its own time.
const MIN_GIF_FRAME_MS: u32 = 20;

/// Arguments of `frontline chart`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartArgs {
    pub dataset: Option<PathBuf>,
    pub region: String,
    pub metric: crate::render::chart::Metric,
    pub width: u32,
    pub theme: String,
    /// The chart file; `-` for standard output (SVG).
    pub output: String,
    /// From the output file's extension when `None`, else SVG.
    pub format: Option<ImageFormat>,
}

/// Draws the timeline chart of a region and writes it.
pub fn chart(args: &ChartArgs, stdout: &mut dyn Write) -> Result<Target> {
    flags::width(args.width)?;
    let format = flags::image_format(Some(&args.output), args.format, ImageFormat::Svg)?;
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let region = region(&dataset, &args.region)?;
    let theme = Theme::load(&args.theme)?;
    let svg = crate::render::chart::svg(&dataset, &region, args.metric, f64::from(args.width), &theme, None);
    let target = Target::parse(&args.output);
    output::write(&target, &format.encode(&svg)?, stdout)?;
    Ok(target)
}

/// Arguments of `frontline report`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportArgs {
    pub frame: FrameArgs,
    pub date: Date,
    /// The region the chart plots.
    pub region: String,
    pub metric: crate::render::chart::Metric,
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
    let format = flags::image_format(args.output.as_deref(), args.format, ImageFormat::Pdf)?;
    let Prepared { dataset, timeline, options } =
        prepare(&args.frame, &[("--date", args.date)])?.fitted(&args.frame, &[args.date])?;
    let region = region(&dataset, &args.region)?;
    let chart =
        crate::render::chart::svg(&dataset, &region, args.metric, options.width, &options.theme, Some(args.date));
    let paper = options.theme.paper.clone();
    let map = render::frame_svg(&dataset, &timeline, options);
    let page = crate::formats::report::page(&map, &chart, &paper)?;
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

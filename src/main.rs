//! The `frontline` command: parses arguments and hands them to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;

use frontline::commands::{
    self, AnimateArgs, ChartArgs, CheckArgs, Dates, EditorialArgs, ExportArgs, FrameArgs, FramesArgs, ImportArgs,
    RenderArgs, ReportArgs, StatsArgs, SynthArgs,
};

/// Maps of who controls what, on any date, from a gazetteer and a dated event layer.
///
/// Without --dataset, frontline uses its built-in dataset: the Battle of Mosul
/// (16 October 2016 to 20 July 2017, extended to the Tal Afar offensive to 2 September 2017).
#[derive(Parser)]
#[command(name = "frontline", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How a frame is drawn: shared by `render`, `frames`, `animate` and `report`.
#[derive(clap::Args)]
struct FrameFlags {
    /// Width of the image in pixels [default: 1200; with --aspect 1920 for 16:9, else 1080].
    #[arg(long)]
    width: Option<u32>,
    /// The shape of the whole image: 16:9, 1:1 or 9:16. The frame is laid out anew to
    /// fill it (the words beside the map in 16:9, above and below it in 1:1 and 9:16; the
    /// map shows more ground rather than bars); the width is rounded down to keep the
    /// ratio exact with even sides.
    #[arg(long, value_parser = parse_aspect, conflicts_with = "height")]
    aspect: Option<frontline::render::Aspect>,
    /// Show only a region (e.g. mosul, east-mosul, west-mosul, nineveh, tal-afar) or the
    /// surroundings of a place.
    #[arg(long, conflicts_with = "bbox")]
    focus: Option<String>,
    /// Show only this box: west,south,east,north in degrees.
    #[arg(long, allow_hyphen_values = true)]
    bbox: Option<String>,
    /// Theme: default, dark, colour-blind, greyscale, or a theme file (TOML) that
    /// overrides any of their values.
    #[arg(long, default_value = "default")]
    theme: String,
    /// Language of the frame: en; ar (Arabic names where the gazetteer has them, right to
    /// left); or multi (both in one SVG, chosen by the viewer's system language).
    #[arg(long, value_enum, default_value_t = FrameLang::En)]
    lang: FrameLang,
    /// A dataset folder to use instead of the built-in one.
    #[arg(long)]
    dataset: Option<PathBuf>,
    /// Displayed height in pixels; the width follows the frame's aspect.
    #[arg(long)]
    height: Option<u32>,
    /// Leave out the legend.
    #[arg(long)]
    no_legend: bool,
    /// Leave out the title and date lines above the map.
    #[arg(long)]
    no_title: bool,
    /// Leave the paper unpainted (transparent around the map).
    #[arg(long)]
    transparent: bool,
    /// Prefix every id and class in the SVG, so several frames can be inlined in one HTML
    /// page and the page's CSS cannot reach inside them.
    #[arg(long)]
    id_prefix: Option<String>,
    /// A title of your own instead of the dataset's.
    #[arg(long)]
    title: Option<String>,
    /// A line of your own under the title instead of the date line; {date}, {day} and
    /// {total} in it are filled in ("Territory on {date}").
    #[arg(long)]
    subtitle: Option<String>,
    /// A credit line above the attribution ("Graphic: J. Doe / Example News").
    #[arg(long)]
    credit: Option<String>,
    /// Leave out the caption listing the date's changes of control.
    #[arg(long)]
    no_caption: bool,
    /// Leave out the inset that draws the city larger.
    #[arg(long)]
    no_inset: bool,
    /// Arrows, labels and highlighted areas to draw over the map, each on its dates: a TOML
    /// file, or GeoJSON (.geojson). See the README for the format.
    #[arg(long, value_name = "FILE")]
    annotations: Option<PathBuf>,
}

impl FrameFlags {
    fn into_args(self) -> FrameArgs {
        let (lang, multilingual) = match self.lang {
            FrameLang::En => (frontline::render::Lang::English, false),
            FrameLang::Ar => (frontline::render::Lang::Arabic, false),
            FrameLang::Multi => (frontline::render::Lang::English, true),
        };
        let furniture = frontline::render::Furniture {
            legend: !self.no_legend,
            title: !self.no_title,
            transparent: self.transparent,
            caption: !self.no_caption,
            inset: !self.no_inset,
            colophon: true,
        };
        let width = self.width.unwrap_or(self.aspect.map_or(DEFAULT_WIDTH, |a| a.default_width()));
        let FrameFlags {
            focus,
            bbox,
            theme,
            dataset,
            height,
            id_prefix,
            title,
            subtitle,
            credit,
            annotations,
            aspect,
            ..
        } = self;
        let editorial = EditorialArgs { title, subtitle, credit, annotations };
        FrameArgs {
            dataset,
            width,
            focus,
            bbox,
            lang,
            multilingual,
            theme,
            furniture,
            id_prefix,
            height,
            editorial,
            aspect,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Draw the map of one date as SVG.
    Render {
        /// The date to draw, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        date: jiff::civil::Date,
        /// Output file; `-` for standard output [default: output/<slug>-<date>.svg].
        #[arg(short, long)]
        output: Option<String>,
        /// svg, png or pdf [default: from the output file's extension, else svg].
        #[arg(long, value_enum)]
        format: Option<ImageFormat>,
        #[command(flatten)]
        frame: FrameFlags,
    },
    /// Draw a sequence of dates as numbered SVG frames, with a manifest.json listing each
    /// frame's date and changes of control. Frames render in parallel on all cores.
    Frames {
        /// First date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        from: jiff::civil::Date,
        /// Last date (always included).
        #[arg(long, value_parser = parse_date)]
        to: jiff::civil::Date,
        /// Days between frames: 1d, 7d, 1w...
        #[arg(long, default_value = "1d", value_parser = parse_step)]
        step: i64,
        /// Only the dates on which some place changed hands.
        #[arg(long)]
        changes_only: bool,
        /// Output folder [default: output/frames].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// No progress bar (it is drawn only on a terminal anyway).
        #[arg(long, short)]
        quiet: bool,
        /// The format of every frame.
        #[arg(long, value_enum, default_value_t = ImageFormat::Svg)]
        format: ImageFormat,
        #[command(flatten)]
        frame: FrameFlags,
    },
    /// Draw a sequence of dates as one animation: a looping GIF with the legend, scale bar,
    /// title and date burned into every frame, or one self-contained animated SVG (SMIL).
    Animate {
        /// First date, YYYY-MM-DD [default: the start of the dataset's period].
        #[arg(long, value_parser = parse_date)]
        from: Option<jiff::civil::Date>,
        /// Last date [default: the end of the dataset's period].
        #[arg(long, value_parser = parse_date)]
        to: Option<jiff::civil::Date>,
        /// Days between frames: 1d, 7d, 1w...
        #[arg(long, default_value = "1d", value_parser = parse_step)]
        step: i64,
        /// Only the dates on which some place changed hands.
        #[arg(long)]
        changes_only: bool,
        /// The animation file: .gif, .png (an animated PNG in full colour), .mp4 (H.264
        /// video), .svg (one animated SVG) or .html (a viewer page with a date slider and each date's events).
        #[arg(short, long)]
        output: PathBuf,
        /// How long each frame shows, in milliseconds.
        #[arg(long, default_value_t = 250, conflicts_with = "duration")]
        frame_ms: u32,
        /// How long one pass through all the dates lasts, in seconds (sets --frame-ms).
        #[arg(long)]
        duration: Option<f64>,
        /// How long the last frame holds before the loop restarts, in milliseconds.
        #[arg(long, default_value_t = 3000)]
        hold_ms: u32,
        /// Frames per second of a video (.mp4).
        #[arg(long, default_value_t = 30)]
        fps: u32,
        /// How long each date of a video shows, in seconds [default: --frame-ms].
        #[arg(long)]
        seconds_per_day: Option<f64>,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        frame: FrameFlags,
    },
    /// Chart what each side held in a region, day by day over the period, with the
    /// dataset's milestones marked: a figure for a report.
    Chart {
        /// A region of the dataset (e.g. all, mosul, east-mosul, west-mosul).
        #[arg(long, default_value = "all")]
        region: String,
        /// What to plot: area (km² of territory) or places (places held).
        #[arg(long, value_enum, default_value_t = ChartMetric::Area)]
        metric: ChartMetric,
        /// Width of the chart in pixels.
        #[arg(long, default_value_t = 1000)]
        width: u32,
        /// Theme: a built-in name or a theme file.
        #[arg(long, default_value = "default")]
        theme: String,
        /// Output file (.svg, .png or .pdf); `-` for standard output.
        #[arg(short, long)]
        output: String,
        /// svg, png or pdf [default: from the output file's extension, else svg].
        #[arg(long, value_enum)]
        format: Option<ImageFormat>,
        /// A dataset folder to use instead of the built-in one.
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// One report page: the map of a date above the chart of a region, that date marked
    /// on the chart (PDF by default; also SVG or PNG).
    Report {
        /// The date of the map, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        date: jiff::civil::Date,
        /// The region the chart plots (e.g. all, mosul, east-mosul, west-mosul).
        #[arg(long, default_value = "all")]
        region: String,
        /// What the chart plots: area (km² of territory) or places (places held).
        #[arg(long, value_enum, default_value_t = ChartMetric::Area)]
        metric: ChartMetric,
        /// Output file; `-` for standard output [default: output/<slug>-report-<date>.pdf].
        #[arg(short, long)]
        output: Option<String>,
        /// pdf, svg or png [default: from the output file's extension, else pdf].
        #[arg(long, value_enum)]
        format: Option<ImageFormat>,
        #[command(flatten)]
        frame: FrameFlags,
    },
    /// Merge events from another source's file into a dataset folder.
    #[command(subcommand)]
    Import(ImportSource),
    /// Write GIS layers (places, territory, contested areas, front lines, events) for a date or
    /// the whole battle, each feature with the days it was valid (valid_from, valid_to), as a
    /// GeoPackage or GeoJSON.
    Export {
        /// One date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date, conflicts_with_all = ["from", "to"])]
        date: Option<jiff::civil::Date>,
        /// First date [default: the start of the dataset's period].
        #[arg(long, value_parser = parse_date)]
        from: Option<jiff::civil::Date>,
        /// Last date [default: the end of the dataset's period].
        #[arg(long, value_parser = parse_date)]
        to: Option<jiff::civil::Date>,
        /// battle.gpkg (GeoPackage), x.geojson (one GeoJSON file, `-` for standard output) or
        /// a folder ending in / (one GeoJSON file per layer) [default:
        /// output/<slug>-<date>.geojson for a date, output/<slug>-<from>-<to>.gpkg otherwise].
        #[arg(short, long)]
        output: Option<String>,
        /// gpkg, geojson or geojson-layers [default: from the output's name].
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// A dataset folder to use instead of the built-in one.
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Places held by each side in a region, on a date or over a series of dates.
    Stats {
        /// One date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date, conflicts_with_all = ["from", "claims", "coverage"], required_unless_present_any = ["from", "claims", "coverage"])]
        date: Option<jiff::civil::Date>,
        /// First date of a series.
        #[arg(long, value_parser = parse_date, requires = "to", conflicts_with_all = ["claims", "coverage"])]
        from: Option<jiff::civil::Date>,
        /// Last date of a series (included).
        #[arg(long, value_parser = parse_date, requires = "from")]
        to: Option<jiff::civil::Date>,
        /// Days between dates of a series, e.g. 1d or 7d.
        #[arg(long, default_value = "1d", value_parser = parse_step)]
        step: i64,
        /// A region of the dataset (e.g. all, mosul, east-mosul, west-mosul).
        #[arg(long, default_value = "all")]
        region: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Compare the dataset with the dated figures of claims.csv instead.
        #[arg(long, conflicts_with = "coverage")]
        claims: bool,
        /// Report what the dataset covers instead: places located, estimated and unlocated
        /// by kind and region, villages and districts per region and month, events by source.
        #[arg(long)]
        coverage: bool,
        /// A dataset folder to use instead of the built-in one.
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Validate a dataset and summarise what it covers.
    Check {
        /// A dataset folder to use instead of the built-in one.
        #[arg(long)]
        dataset: Option<PathBuf>,
    },
    /// Print a shell completion script: `frontline completions bash > ~/.local/share/bash-completion/completions/frontline`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `frontline man | man -l -`; with -o, write a page for
    /// every command into a folder (frontline.1, frontline-render.1, ...).
    Man {
        /// The folder for the pages, e.g. ~/.local/share/man/man1.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Write a synthetic dataset folder of any size, for benchmarks.
    #[command(hide = true)]
    Synth {
        /// Number of places.
        #[arg(long)]
        places: usize,
        /// Number of events.
        #[arg(long)]
        events: usize,
        /// The dataset folder to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Seed of the generator: the same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FrameLang {
    En,
    Ar,
    Multi,
}

#[derive(Subcommand)]
enum ImportSource {
    /// Territorial changes from an ACLED export (event_date, location, latitude, longitude,
    /// sub_event_type, actor1, source, notes; event_id_cnty, time_precision, admin2 when
    /// present): each becomes an event at the place of that name within
    /// --max-distance-km ("City - Neighbourhood" names the neighbourhood), or at a new place.
    /// A revised export updates the events by event_id_cnty; the same rows again add nothing.
    Acled {
        /// The CSV file.
        file: PathBuf,
        /// The dataset folder to merge into (its places.csv and events.csv are rewritten).
        #[arg(long)]
        dataset: PathBuf,
        /// Which side an actor belongs to: "ACTOR=SIDE" (an actor matches when ACTOR's words
        /// appear in it, bracketed years ignored; the name that ends last, then the longest,
        /// wins); adds to the `actors` of the sides in dataset.toml.
        #[arg(long = "side", value_name = "ACTOR=SIDE")]
        sides: Vec<String>,
        /// A place of the same name further away than this is a different place.
        #[arg(long, default_value_t = 5.0)]
        max_distance_km: f64,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ChartMetric {
    Area,
    Places,
}

impl ChartMetric {
    fn into_metric(self) -> frontline::render::chart::Metric {
        match self {
            ChartMetric::Area => frontline::render::chart::Metric::Area,
            ChartMetric::Places => frontline::render::chart::Metric::Places,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ImageFormat {
    Svg,
    Png,
    Pdf,
}

impl ImageFormat {
    fn into_format(self) -> frontline::formats::raster::Format {
        match self {
            ImageFormat::Svg => frontline::formats::raster::Format::Svg,
            ImageFormat::Png => frontline::formats::raster::Format::Png,
            ImageFormat::Pdf => frontline::formats::raster::Format::Pdf,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Gpkg,
    Geojson,
    GeojsonLayers,
}

impl ExportFormat {
    fn into_format(self) -> frontline::formats::gis::Format {
        match self {
            ExportFormat::Gpkg => frontline::formats::gis::Format::GeoPackage,
            ExportFormat::Geojson => frontline::formats::gis::Format::GeoJson,
            ExportFormat::GeojsonLayers => frontline::formats::gis::Format::GeoJsonLayers,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
}

fn parse_step(text: &str) -> Result<i64, String> {
    commands::flags::step(text)
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    commands::flags::date(text)
}

fn parse_aspect(text: &str) -> Result<frontline::render::Aspect, String> {
    commands::flags::aspect(text)
}

/// The width of a frame when neither --width nor --aspect is given.
const DEFAULT_WIDTH: u32 = 1200;

/// SIGINT and SIGTERM end the run at once with the shell's code for them (130, 143),
/// removing the temporary files of the writes under way: files already written are whole.
#[cfg(unix)]
fn remove_temporaries_on_interrupt() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            frontline::formats::output::abandon_writes_and_exit(128 + signal);
        }
    });
}

#[cfg(not(unix))]
fn remove_temporaries_on_interrupt() {}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return refuse_arguments(error),
    };
    remove_temporaries_on_interrupt();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Render { date, output, format, frame } => {
            let args =
                RenderArgs { frame: frame.into_args(), date, output, format: format.map(ImageFormat::into_format) };
            commands::render(&args, &mut stdout).map(say_where)
        }
        Command::Frames { from, to, step, changes_only, output, quiet, format, frame } => {
            let progress = !quiet && std::io::stderr().is_terminal();
            let (frame, step_days, format) = (frame.into_args(), step, format.into_format());
            let args = FramesArgs { frame, from, to, step_days, changes_only, output, progress, format };
            commands::frames(&args)
                .map(|(dir, count)| eprintln!("wrote {count} frames and manifest.json to {}", dir.display()))
        }
        Command::Animate {
            from,
            to,
            step,
            changes_only,
            output,
            frame_ms,
            duration,
            hold_ms,
            fps,
            seconds_per_day,
            quiet,
            frame,
        } => {
            let progress = !quiet && std::io::stderr().is_terminal();
            let frame = frame.into_args();
            let timing = frontline::formats::animate::Timing { frame_ms, hold_ms };
            let args = AnimateArgs {
                frame,
                from,
                to,
                step_days: step,
                changes_only,
                output,
                timing,
                duration_seconds: duration,
                progress,
                fps,
                seconds_per_day,
            };
            commands::animate(&args).map(|count| eprintln!("wrote {count} frames to {}", args.output.display()))
        }
        Command::Chart { region, metric, width, theme, output, format, dataset } => {
            let metric = metric.into_metric();
            let format = format.map(ImageFormat::into_format);
            let args = ChartArgs { dataset, region, metric, width, theme, output, format };
            commands::chart(&args, &mut stdout).map(say_where)
        }
        Command::Report { date, region, metric, output, format, frame } => {
            let (frame, metric, format) =
                (frame.into_args(), metric.into_metric(), format.map(ImageFormat::into_format));
            let args = ReportArgs { frame, date, region, metric, output, format };
            commands::report(&args, &mut stdout).map(say_where)
        }
        Command::Import(ImportSource::Acled { file, dataset, sides, max_distance_km }) => {
            commands::import_acled(&ImportArgs { file, dataset, sides, max_distance_km }, &mut stdout)
        }
        Command::Export { date, from, to, output, format, dataset } => {
            let (from, to) = (date.or(from), date.or(to));
            let format = format.map(ExportFormat::into_format);
            commands::export(&ExportArgs { dataset, from, to, output, format }, &mut stdout).map(say_where)
        }
        Command::Completions { shell } => {
            // Made in memory first: clap_complete panics on a closed pipe (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "frontline", &mut script);
            frontline::formats::output::write(&frontline::formats::output::Target::Stdout, &script, &mut stdout)
        }
        Command::Man { output } => manual(output, &mut stdout),
        Command::Check { dataset } => commands::check(&CheckArgs { dataset }, &mut stdout),
        Command::Synth { places, events, output, seed } => {
            let spec = frontline::commands::synth::Spec { places, events, seed };
            commands::synth(&SynthArgs { spec, output }).map(|dir| eprintln!("wrote {}", dir.display()))
        }
        Command::Stats { date, from, to, step, region, format, claims, coverage, dataset } => {
            let dates = match (claims, date, from, to) {
                _ if coverage => Dates::Coverage,
                (true, ..) => Dates::Claims,
                (_, Some(date), ..) => Dates::One(date),
                (_, None, Some(from), Some(to)) => Dates::Series(from, to, step),
                _ => unreachable!("clap requires --date, --from/--to, --claims or --coverage"),
            };
            let format = match format {
                Format::Table => commands::Format::Table,
                Format::Csv => commands::Format::Csv,
                Format::Json => commands::Format::Json,
            };
            commands::stats(&StatsArgs { dataset, dates, region, format }, &mut stdout)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(error),
    }
}

/// The manual page of frontline to standard output, or a page for each command (and each
/// subcommand, hidden ones left out) written into `folder`.
fn manual(folder: Option<PathBuf>, stdout: &mut dyn std::io::Write) -> frontline::Result<()> {
    use frontline::formats::output::{self, Target};
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let Some(folder) = folder else { return output::write(&Target::Stdout, &roff(&command), stdout) };
    let mut pages = vec![command];
    while let Some(command) = pages.pop() {
        pages.extend(command.get_subcommands().filter(|c| !c.is_hide_set()).cloned());
        let name = command.get_display_name().unwrap_or(command.get_name()).to_string();
        output::write(&Target::File(folder.join(format!("{name}.1"))), &roff(&command), stdout)?;
    }
    eprintln!("wrote the manual pages to {}", folder.display());
    Ok(())
}

fn roff(command: &clap::Command) -> Vec<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page).expect("writing to memory cannot fail");
    page
}

/// clap's own messages quote the refused value as given (`--width $'\e[2K'`): they are
/// printed line by line through `printable`, like ours, so that a value cannot write to the
/// terminal. Help and version are not refusals and go out as clap writes them.
fn refuse_arguments(error: clap::Error) -> ExitCode {
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    if !error.use_stderr() {
        let _ = error.print();
        return ExitCode::from(code);
    }
    let text = error.render().to_string();
    let lines: Vec<_> = text.split('\n').map(frontline::error::printable).collect();
    eprint!("{}", lines.join("\n"));
    ExitCode::from(code)
}

/// Tells where a file went; output to standard output needs no word.
fn say_where(target: frontline::formats::output::Target) {
    if let frontline::formats::output::Target::File(path) = target {
        eprintln!("wrote {}", path.display());
    }
}

fn report(error: frontline::Error) -> ExitCode {
    match error {
        // A closed pipe (`frontline render -o - | head`) is the reader's choice, not a failure.
        frontline::Error::Write { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        error => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}

//! The `frontline` command: parses arguments and hands them to the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use frontline::commands::{self, CheckArgs, RenderArgs};

/// Maps of who controls what, on any date, from a gazetteer and a dated event layer.
///
/// Without --dataset, frontline uses its built-in dataset: the Battle of Mosul
/// (16 October 2016 to 20 July 2017).
#[derive(Parser)]
#[command(name = "frontline", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        /// Width of the image in pixels.
        #[arg(long, default_value_t = 1200)]
        width: u32,
        /// Show only a region (e.g. mosul, east-mosul, west-mosul, nineveh) or the
        /// surroundings of a place.
        #[arg(long, conflicts_with = "bbox")]
        focus: Option<String>,
        /// Show only this box: west,south,east,north in degrees.
        #[arg(long, allow_hyphen_values = true)]
        bbox: Option<String>,
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
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    frontline::events::EventDate::parse(text)
        .and_then(|d| match d {
            frontline::events::EventDate::Day(day) => Some(day),
            _ => None,
        })
        .ok_or_else(|| format!("\"{text}\" is not a date: expected YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Render { date, output, width, focus, bbox, dataset } => {
            let args = RenderArgs { dataset, date, output, width, focus, bbox };
            commands::render(&args, &mut stdout).map(|target| {
                if let frontline::output::Target::File(path) = target {
                    eprintln!("wrote {}", path.display());
                }
            })
        }
        Command::Check { dataset } => commands::check(&CheckArgs { dataset }, &mut stdout),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`frontline render -o - | head`) is the reader's choice, not a failure.
        Err(frontline::Error::Write { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}

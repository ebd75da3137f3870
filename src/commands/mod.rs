//! The commands behind the CLI, as library functions: arguments in, output written. The
//! binary (`main.rs`) only parses flags into these arguments and reports errors.

mod args;
mod csv_edit;
mod data;
mod draw;
pub mod import;
pub mod synth;

pub use args::{EditorialArgs, FrameArgs, MAX_WIDTH, MIN_WIDTH};
pub use data::{CheckArgs, Dates, ExportArgs, Format, StatsArgs, check, export, parse_step, stats};
pub use draw::{AnimateArgs, ChartArgs, FramesArgs, RenderArgs, ReportArgs, animate, chart, frames, render, report};
pub use import::{ImportArgs, import_acled};
pub use synth::{SynthArgs, synth};

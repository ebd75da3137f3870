//! The commands behind the CLI, as library functions: arguments in, output written. The
//! binary (`main.rs`) only parses flags into these arguments and reports errors.

mod args;
mod csv_edit;
mod data;
mod draw;
pub mod flags;
pub mod import;
pub mod synth;

pub use args::{EditorialArgs, FrameArgs};
pub use data::{CheckArgs, Dates, ExportArgs, Format, StatsArgs, check, export, stats};
pub use draw::{AnimateArgs, ChartArgs, FramesArgs, RenderArgs, ReportArgs, animate, chart, frames, render, report};
pub use flags::{MAX_WIDTH, MIN_WIDTH};
pub use import::{ImportArgs, import_acled};
pub use synth::{SynthArgs, synth};

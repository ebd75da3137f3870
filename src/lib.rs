//! frontline turns a gazetteer and a dated event layer into maps of who controls what.
//!
//! The pipeline: [`dataset`] (load and validate) -> [`control`] (replay events to the state
//! at a date) -> [`projection`] and [`labels`] (layout) -> [`render`] (SVG).

pub mod animate;
pub mod basemap;
pub mod chart;
pub mod check;
pub mod claims;
pub mod commands;
pub mod control;
pub mod dataset;
pub mod error;
pub mod events;
pub mod export;
pub mod gazetteer;
pub mod import;
pub mod labels;
pub mod names;
pub mod outlines;
pub mod output;
pub mod projection;
pub mod reading;
pub mod render;
pub mod report;
pub mod stats;
pub mod synth;
mod table;
pub mod territory;
pub mod theme;
pub mod viewer;

pub use error::{Error, Result};

/// The fewest items a parallel loop over cheap items (rows, places, markers) gives one
/// thread: below this, splitting the work costs more than it saves, and the Mosul dataset's
/// few hundred places run on the calling thread.
pub(crate) const MIN_ITEMS_PER_THREAD: usize = 2048;

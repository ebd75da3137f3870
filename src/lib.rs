//! frontline turns a gazetteer and a dated event layer into maps of who controls what.
//!
//! The crate follows the pipeline, one folder a stage (see `ARCHITECTURE.md`):
//!
//! - [`dataset`]: read and validate a dataset folder (manifest, gazetteer, events, outlines,
//!   basemap, claims) into one [`dataset::Dataset`];
//! - [`model`]: replay the events to the state at a date ([`model::control`]), derive
//!   territory and front lines ([`model::territory`]), measure it ([`model::stats`]) and
//!   check the dataset as a whole ([`model::check`]);
//! - [`render`]: lay out and draw a frame as SVG (projection to pixels, labels, legend,
//!   themes) and the timeline chart;
//! - [`formats`]: encode frames into files (PNG, PDF, GIF, APNG, animated SVG, the HTML
//!   viewer, GeoJSON) and write them safely;
//! - [`commands`]: what the command-line interface runs.
//!
//! A stage uses the stages before it, never one after it.

pub mod commands;
pub mod dataset;
pub mod error;
pub mod formats;
pub mod model;
pub mod render;

pub use error::{Error, Result};

/// The fewest items a parallel loop over cheap items (rows, places, markers) gives one
/// thread: below this, splitting the work costs more than it saves, and the Mosul dataset's
/// few hundred places run on the calling thread.
pub(crate) const MIN_ITEMS_PER_THREAD: usize = 2048;

//! One progress bar across every stage of a long command: drawing the frames, rasterising
//! them and encoding the result, so the bar is full only when the work is done. It is
//! drawn on standard error, and only when asked (the CLI asks on a terminal without
//! `--quiet`).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The stages a command goes through, each once per frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Drawing,
    Rasterising,
    Encoding,
    /// Rasterising and encoding at once, each frame counted through both.
    RasterisingEncoding,
}

impl Stage {
    fn name(self) -> &'static str {
        match self {
            Stage::Drawing => "drawing",
            Stage::Rasterising => "rasterising",
            Stage::Encoding => "encoding",
            Stage::RasterisingEncoding => "rasterising and encoding",
        }
    }
}

/// The bar of `frames` frames going through `stages` stages; safe to advance from many
/// threads at once.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new(frames: usize, stages: usize, visible: bool) -> Progress {
        let target = if visible { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
        let bar = ProgressBar::with_draw_target(Some((frames * stages) as u64), target);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {percent:>3}% {msg}, {eta} left")
                .expect("the progress template is valid"),
        );
        Progress { bar }
    }

    /// Says which stage the work is in.
    pub fn stage(&self, stage: Stage, frames: usize) {
        self.bar.set_message(format!("{} {frames} frames", stage.name()));
    }

    /// One frame through the current stage.
    pub fn step(&self) {
        self.bar.inc(1);
    }

    /// `count` frames through the current stage (those a stage skips, such as dates
    /// that change nothing).
    pub fn steps(&self, count: usize) {
        self.bar.inc(count as u64);
    }

    /// Where the bar stands, in frame-stages: what the tests read.
    pub fn position(&self) -> u64 {
        self.bar.position()
    }

    pub fn length(&self) -> u64 {
        self.bar.length().unwrap_or(0)
    }

    /// Removes the bar from the terminal once the work is done.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

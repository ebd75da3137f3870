//! What a frame is asked to show: its date, size, view, language, theme and furniture.

use std::sync::Arc;

use jiff::civil::Date;

use crate::dataset::annotations::Annotation;
use crate::dataset::manifest::LonLatBox;
use crate::render::theme::Theme;

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameOptions {
    pub date: Date,
    /// Width of the whole image in pixels.
    pub width: f64,
    /// The part of the world shown; usually the dataset's area of interest.
    pub view: LonLatBox,
    /// The language of the frame's text: labels, title, legend, caption and description.
    pub lang: Lang,
    pub theme: Theme,
    /// What to draw around the map, for embedding a frame in a report.
    pub furniture: Furniture,
    /// A graphics desk's own words and marks.
    pub editorial: Editorial,
}

/// What a graphics desk writes on a frame in place of the dataset's own words, and the
/// marks it draws over the map.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Editorial {
    /// Replaces the dataset's title.
    pub title: Option<String>,
    /// Replaces the date line under the title; `{date}`, `{day}` and `{total}` in it are
    /// filled in with the frame's date, its day of the period and the period's length.
    pub subtitle: Option<String>,
    /// A line of its own above the attribution: who made the graphic.
    pub credit: Option<String>,
    /// Drawn over the map on the dates each is shown.
    pub annotations: Arc<[Annotation]>,
}

/// The parts of a frame a report may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Furniture {
    pub legend: bool,
    /// The title and date lines above the map.
    pub title: bool,
    /// Leave the paper unpainted, so the page behind shows around the map.
    pub transparent: bool,
    /// The caption under the map listing the date's changes of control.
    pub caption: bool,
    /// The inset that draws the dataset's city larger when the view shows it too small.
    pub inset: bool,
    /// The line saying how the map was made (projection, tool); left out of small embeds.
    pub colophon: bool,
}

impl Default for Furniture {
    fn default() -> Furniture {
        Furniture { legend: true, title: true, transparent: false, caption: true, inset: true, colophon: true }
    }
}

/// A language frames can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    English,
    /// `name_ar` where the gazetteer has it, the English name otherwise; written right to left.
    Arabic,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::Arabic => "ar",
        }
    }
}

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
    /// A fixed shape for the whole image (`width` its width in pixels), the frame laid out
    /// to fill it; `None` for a frame as tall as its map and furniture make it.
    pub aspect: Option<Aspect>,
}

/// The shapes of social video and posts a frame can be laid out to fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// 16:9, a landscape video: the words in a column beside the map.
    Wide,
    /// 1:1: the words above and below the map.
    Square,
    /// 9:16, a phone held upright: the words above and below the map.
    Tall,
}

impl Aspect {
    /// The forms `--aspect` accepts, for its error message.
    pub const FORMS: &'static str = "16:9, 1:1 or 9:16";

    pub fn parse(text: &str) -> Option<Aspect> {
        match text {
            "16:9" => Some(Aspect::Wide),
            "1:1" => Some(Aspect::Square),
            "9:16" => Some(Aspect::Tall),
            _ => None,
        }
    }

    /// Width to height, in whole numbers.
    pub fn ratio(self) -> (u32, u32) {
        match self {
            Aspect::Wide => (16, 9),
            Aspect::Square => (1, 1),
            Aspect::Tall => (9, 16),
        }
    }

    /// The width when none is asked for: 1080p (1920×1080, 1080×1080, 1080×1920).
    pub fn default_width(self) -> u32 {
        match self {
            Aspect::Wide => 1920,
            Aspect::Square | Aspect::Tall => 1080,
        }
    }

    /// The image's size in pixels for a width of at most `width`: exactly in ratio and both
    /// sides even, as 4:2:0 video needs (a 16:9 width is a multiple of 32, a 9:16 one of 18).
    pub fn size(self, width: u32) -> (u32, u32) {
        let (w, h) = self.ratio();
        // Sides are w·k and h·k: an odd term needs an even k.
        let step = if w % 2 == 1 || h % 2 == 1 { 2 } else { 1 };
        let k = (width / (w * step)).max(1) * step;
        (w * k, h * k)
    }
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

/// The shorter side of the layout of a large image, in layout units: larger images draw
/// the same layout larger, so the text of a 1080p video is as large against the picture
/// as a 720p layout's, and reads on a phone.
const LAYOUT_SHORT_SIDE: f64 = 720.0;

/// The size of a fixed-shape frame: in pixels, and as laid out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    pub pixels: (u32, u32),
    pub width: f64,
    pub height: f64,
}

impl Canvas {
    /// The canvas of an image `width` pixels wide (rounded down to [`Aspect::size`]).
    pub fn new(aspect: Aspect, width: f64) -> Canvas {
        let pixels = aspect.size(width as u32);
        let short = f64::from(pixels.0.min(pixels.1));
        let scale = (short / LAYOUT_SHORT_SIDE).max(1.0);
        Canvas { pixels, width: f64::from(pixels.0) / scale, height: f64::from(pixels.1) / scale }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_in_exact_ratio_with_even_sides() {
        assert_eq!(Aspect::Wide.size(1920), (1920, 1080));
        assert_eq!(Aspect::Square.size(1080), (1080, 1080));
        assert_eq!(Aspect::Tall.size(1080), (1080, 1920));
        for aspect in [Aspect::Wide, Aspect::Square, Aspect::Tall] {
            let (a, b) = aspect.ratio();
            for width in 320..=4000 {
                let (w, h) = aspect.size(width);
                assert!(w <= width && w * b == h * a && w % 2 == 0 && h % 2 == 0, "{aspect:?} {width}: {w}x{h}");
                assert!(width - w < 2 * a.max(b) * 2, "{aspect:?} {width}: {w} is the widest that fits");
            }
        }
    }

    #[test]
    fn only_the_three_forms_parse() {
        assert_eq!(Aspect::parse("16:9"), Some(Aspect::Wide));
        assert_eq!(Aspect::parse("9:16"), Some(Aspect::Tall));
        assert_eq!(Aspect::parse("1:1"), Some(Aspect::Square));
        for other in ["", "16x9", "4:3", " 1:1", "16:9 "] {
            assert_eq!(Aspect::parse(other), None, "{other:?}");
        }
    }
}

//! A frame fitted to the height it is displayed at: laid out small rather than shrunk, so
//! its text keeps a readable size in a small embed.

use jiff::civil::Date;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::model::control::Timeline;
use crate::render::areas::DateAreas;
use crate::render::embed::view_box_size;
use crate::render::frame::{CAPTION_SIZE, Frame, frame_svg, viewport};
use crate::render::furniture::block_height;
use crate::render::options::FrameOptions;

/// The smallest text a frame is displayed at, in pixels.
pub const MIN_TEXT_PX: f64 = 8.0;
/// The smallest text frontline lays out (a minor place's label), in pixels.
const SMALLEST_FONT_PX: f64 = 8.5;
/// Narrower than this, furniture goes before the layout narrows further.
const NARROW_LAYOUT: f64 = 240.0;
/// The narrowest layout, with only the map, its scale bar and the attribution left.
const NARROWEST_LAYOUT: f64 = 160.0;

/// `options` for the frames of `dates` displayed at most `height` pixels tall: rather than
/// shrinking frames laid out at their full width (their text would fall to 3 px), they are
/// laid out at about the width they will be displayed at, so their text keeps its size and
/// the label placer drops the labels that no longer fit. Where even that leaves the text
/// under [`MIN_TEXT_PX`], the furniture goes, least needed first: the caption, the colophon,
/// the inset, the legend, the title. The attribution stays (the data's licences ask for
/// it), so a height too small for it and a map is refused.
///
/// The frames of a sequence differ in height only by the caption of the day's changes, so
/// the fit is for the tallest of them: no later frame of a sequence overflows the height
/// the first one was fitted to.
pub fn fitted_to_height(
    dataset: &Dataset,
    timeline: &Timeline,
    options: FrameOptions,
    height: u32,
    dates: &[Date],
) -> Result<FrameOptions> {
    let shown = f64::from(height);
    let least_scale = MIN_TEXT_PX / SMALLEST_FONT_PX;
    let captions = Captions::of(dataset, timeline, &options, dates);
    let mut options = options;
    let mut laid_height = shown;
    // Each pass either narrows the layout to the displayed width or drops one piece.
    for _ in 0..16 {
        let Some((width, laid)) = view_box_size(&frame_svg(dataset, timeline, options.clone())) else {
            return Ok(options);
        };
        laid_height = laid + captions.growth(dataset, &options);
        let scale = shown / laid_height;
        if scale >= least_scale {
            return Ok(options);
        }
        // Furniture goes before the layout narrows below a width where the map still reads.
        let floor = if droppable(&options).is_empty() { NARROWEST_LAYOUT } else { NARROW_LAYOUT };
        let displayed = (width * scale).floor();
        if displayed >= floor {
            options.width = displayed;
        } else if options.width > floor {
            options.width = floor;
        } else if !drop_least_needed(&mut options) {
            break;
        }
    }
    let needed = (laid_height * least_scale).ceil();
    let expected = format!(
        "{height} px would show this frame's text under {MIN_TEXT_PX} px even with the legend, title and caption left out: expected at least {needed}"
    );
    Err(Error::usage("--height", expected))
}

/// The caption of each date of a sequence (its lines do not depend on the width), and of
/// the date the fit lays out.
struct Captions {
    own: Vec<String>,
    dates: Vec<Vec<String>>,
}

impl Captions {
    fn of(dataset: &Dataset, timeline: &Timeline, options: &FrameOptions, dates: &[Date]) -> Captions {
        let lines = |date: Date| {
            let options = FrameOptions { date, ..options.clone() };
            let state = timeline.state_at(date);
            Frame::with_areas(dataset, timeline, state, DateAreas::default(), options).caption_lines()
        };
        Captions { own: lines(options.date), dates: dates.iter().map(|&d| lines(d)).collect() }
    }

    /// How much taller than the frame of `options.date` the tallest frame of the sequence
    /// is laid out with `options`.
    fn growth(&self, dataset: &Dataset, options: &FrameOptions) -> f64 {
        if !options.furniture.caption {
            return 0.0;
        }
        let width = viewport(dataset, options).width;
        let height = |lines: &Vec<String>| block_height(lines, CAPTION_SIZE, width);
        let tallest = self.dates.iter().map(height).fold(0.0, f64::max);
        (tallest - height(&self.own)).max(0.0)
    }
}

/// The pieces of furniture still drawn that may be left out, least needed first.
fn droppable(options: &FrameOptions) -> Vec<&'static str> {
    let furniture = &options.furniture;
    let pieces = [
        ("caption", furniture.caption),
        ("colophon", furniture.colophon),
        ("inset", furniture.inset),
        ("legend", furniture.legend),
        ("title", furniture.title),
    ];
    pieces.into_iter().filter(|&(_, drawn)| drawn).map(|(name, _)| name).collect()
}

/// Leaves out the least needed piece of furniture still drawn; false when none is left.
fn drop_least_needed(options: &mut FrameOptions) -> bool {
    let least_needed = droppable(options).first().copied();
    let furniture = &mut options.furniture;
    let piece = match least_needed {
        Some("caption") => &mut furniture.caption,
        Some("colophon") => &mut furniture.colophon,
        Some("inset") => &mut furniture.inset,
        Some("legend") => &mut furniture.legend,
        Some(_) => &mut furniture.title,
        None => return false,
    };
    *piece = false;
    true
}

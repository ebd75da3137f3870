//! A frame fitted to the height it is displayed at: laid out small rather than shrunk, so
//! its text keeps a readable size in a small embed.

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::model::control::Timeline;
use crate::render::embed::view_box_size;
use crate::render::frame::frame_svg;
use crate::render::options::FrameOptions;

/// The smallest text a frame is displayed at, in pixels.
pub const MIN_TEXT_PX: f64 = 8.0;
/// The smallest text frontline lays out (a minor place's label), in pixels.
const SMALLEST_FONT_PX: f64 = 8.5;
/// Narrower than this, furniture goes before the layout narrows further.
const NARROW_LAYOUT: f64 = 240.0;
/// The narrowest layout, with only the map, its scale bar and the attribution left.
const NARROWEST_LAYOUT: f64 = 160.0;

/// `options` for a frame displayed `height` pixels tall: rather than shrinking a frame laid
/// out at its full width (its text would fall to 3 px), the frame is laid out at about the
/// width it will be displayed at, so its text keeps its size and the label placer drops the
/// labels that no longer fit. Where even that leaves the text under [`MIN_TEXT_PX`], the
/// furniture goes, least needed first: the caption, the colophon, the inset, the legend, the
/// title. The attribution stays (the data's licences ask for it), so a height too small for
/// it and a map is refused.
pub fn fitted_to_height(
    dataset: &Dataset,
    timeline: &Timeline,
    options: FrameOptions,
    height: u32,
) -> Result<FrameOptions> {
    let shown = f64::from(height);
    let least_scale = MIN_TEXT_PX / SMALLEST_FONT_PX;
    let mut options = options;
    let mut laid_height = shown;
    // Each pass either narrows the layout to the displayed width or drops one piece.
    for _ in 0..16 {
        let Some((width, laid)) = view_box_size(&frame_svg(dataset, timeline, options.clone())) else {
            return Ok(options);
        };
        laid_height = laid;
        let scale = shown / laid;
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

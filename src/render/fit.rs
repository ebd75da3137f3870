//! A frame fitted to the height it is displayed at: laid out small rather than shrunk, so
//! its text keeps a readable size in a small embed.

use crate::dataset::Dataset;
use crate::model::control::Timeline;
use crate::render::embed::view_box_size;
use crate::render::frame::frame_svg;
use crate::render::options::FrameOptions;

/// The smallest text a frame is displayed at, in pixels.
pub const MIN_TEXT_PX: f64 = 8.0;
/// The smallest text frontline lays out (a minor place's label), in pixels.
const SMALLEST_FONT_PX: f64 = 8.5;
/// Narrower than this, a frame's legend and scale bar no longer fit beside the map.
const NARROWEST_LAYOUT: f64 = 240.0;

/// `options` for a frame displayed `height` pixels tall: rather than shrinking a frame laid
/// out at its full width (its text would fall to 3 px), the frame is laid out at about the
/// width it will be displayed at, so its text keeps its size and the label placer drops the
/// labels that no longer fit. Where even that leaves the text under [`MIN_TEXT_PX`], the
/// furniture goes, least needed first: the caption, the colophon, the inset, the legend.
pub fn fitted_to_height(dataset: &Dataset, timeline: &Timeline, options: FrameOptions, height: u32) -> FrameOptions {
    let height = f64::from(height);
    let least_scale = MIN_TEXT_PX / SMALLEST_FONT_PX;
    let mut options = options;
    // Each pass either narrows the layout to the displayed width or drops one piece.
    for _ in 0..8 {
        let Some((width, laid_height)) = view_box_size(&frame_svg(dataset, timeline, options.clone())) else {
            return options;
        };
        let scale = height / laid_height;
        if scale >= least_scale {
            return options;
        }
        let displayed = (width * scale).floor();
        if displayed >= NARROWEST_LAYOUT {
            options.width = displayed;
        } else if !drop_least_needed(&mut options) {
            return options;
        }
    }
    options
}

/// Leaves out the least needed piece of furniture still drawn; false when none is left.
fn drop_least_needed(options: &mut FrameOptions) -> bool {
    let furniture = &mut options.furniture;
    let pieces = [&mut furniture.caption, &mut furniture.colophon, &mut furniture.inset, &mut furniture.legend];
    match pieces.into_iter().find(|drawn| **drawn) {
        Some(drawn) => {
            *drawn = false;
            options.width = options.width.max(NARROWEST_LAYOUT);
            true
        }
        None => false,
    }
}

//! Animations of a sequence: a GIF and an APNG rasterised from its frames, and one
//! self-contained animated SVG that draws the map once and changes colours on the dates.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::formats::progress::{Progress, Stage};
use crate::model::control::Timeline;
use crate::model::territory::Cells;
use crate::render::{Frame, FrameOptions};

/// How a GIF plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// How long each frame shows, in milliseconds (GIF counts in hundredths of a second).
    pub frame_ms: u32,
    /// How long the last frame holds before the animation starts again.
    pub hold_ms: u32,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing { frame_ms: 250, hold_ms: 3000 }
    }
}

/// The frames rasterised in parallel, all of one size: frames grow with the caption of the
/// day's changes, and the map stays where it is, so shorter frames are extended downwards
/// with their own bottom row (the paper). Each frame rasterised advances `progress`.
pub fn rasterise(frames: &[String], progress: &Progress) -> crate::Result<Vec<(u32, u32, Vec<u8>)>> {
    progress.stage(Stage::Rasterising, frames.len());
    let images: Vec<(u32, u32, Vec<u8>)> = frames
        .par_iter()
        .map(|svg| {
            let image = crate::formats::raster::rgba(svg);
            progress.step();
            image
        })
        .collect::<crate::Result<_>>()?;
    let width = images.iter().map(|i| i.0).max().unwrap_or(0);
    let height = images.iter().map(|i| i.1).max().unwrap_or(0);
    if images.iter().any(|i| i.0 != width) {
        return Err(crate::formats::raster::failure("the frames of an animation must have one width".to_string()));
    }
    Ok(images.into_iter().map(|image| pad_to_height(image, height)).collect())
}

/// Encodes SVG frames (all of one width) as a looping GIF: one GIF frame per date, so each
/// date shows for its whole time. Each date's changes are reduced to their own palette
/// and compressed in parallel; the result does not depend on the number of threads.
pub fn gif(frames: &[String], timing: Timing, progress: &Progress) -> crate::Result<Vec<u8>> {
    let images = rasterise(frames, progress)?;
    let Some(&(width, height, _)) = images.first() else { return Ok(Vec::new()) };
    let too_large =
        || crate::formats::raster::failure(format!("{width}x{height} px is larger than a GIF can be (65535)"));
    let (w, h) = (u16::try_from(width).map_err(|_| too_large())?, u16::try_from(height).map_err(|_| too_large())?);
    let patches = patches(&images, timing);
    progress.stage(Stage::Encoding, images.len());
    progress.steps(images.len() - patches.len());
    let encoded: Vec<gif::Frame<'static>> = patches
        .into_par_iter()
        .map(|patch| {
            let frame = gif_frame(patch);
            progress.step();
            frame
        })
        .collect();
    let mut bytes = Vec::new();
    let fail = |e: gif::EncodingError| crate::formats::raster::failure(format!("GIF encoding failed: {e}"));
    {
        let mut encoder = gif::Encoder::new(&mut bytes, w, h, &[]).map_err(fail)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(fail)?;
        for frame in &encoded {
            encoder.write_lzw_pre_encoded_frame(frame).map_err(fail)?;
        }
    }
    Ok(bytes)
}

/// A patch as a compressed GIF frame. A patch drawn over the picture keeps its unchanged
/// pixels transparent: they get an index of their own, outside the palette of the
/// changed pixels, so no changed pixel can be mistaken for one.
fn gif_frame(patch: Patch) -> gif::Frame<'static> {
    let (pw, ph) = (patch.width as u16, patch.height as u16);
    let mut pixels = patch.pixels;
    let mut frame = if patch.over {
        let (palette, buffer) = quantise_opaque(&pixels);
        let transparent = (palette.len() / 3) as u8;
        let mut palette = palette;
        palette.extend_from_slice(&[0, 0, 0]);
        let buffer = buffer.into_iter().map(|index| index.unwrap_or(transparent)).collect();
        gif::Frame {
            width: pw,
            height: ph,
            buffer: std::borrow::Cow::Owned(buffer),
            palette: Some(palette),
            transparent: Some(transparent),
            ..gif::Frame::default()
        }
    } else {
        gif::Frame::from_rgba_speed(pw, ph, &mut pixels, GIF_QUANTISATION_SPEED)
    };
    (frame.left, frame.top) = (patch.left as u16, patch.top as u16);
    frame.dispose = if patch.over { gif::DisposalMethod::Keep } else { patch.dispose };
    frame.delay = gif_delay(patch.ms);
    frame.make_lzw_pre_encoded();
    frame
}

/// A time in milliseconds as a GIF delay (hundredths of a second), never 0.
fn gif_delay(ms: u32) -> u16 {
    u16::try_from(ms.div_ceil(10)).unwrap_or(u16::MAX).max(1)
}

/// The opaque pixels of `pixels` (RGBA) reduced to at most 255 colours: the palette (RGB)
/// and each pixel's index in it, `None` for a transparent pixel. Exact when the pixels
/// have few enough colours, else NeuQuant.
fn quantise_opaque(pixels: &[u8]) -> (Vec<u8>, Vec<Option<u8>>) {
    let opaque = || pixels.chunks_exact(4).filter(|p| p[3] != 0);
    let mut colours: std::collections::BTreeMap<[u8; 3], u8> = std::collections::BTreeMap::new();
    for p in opaque() {
        let next = colours.len();
        if next > MAX_GIF_COLOURS {
            break;
        }
        colours.entry([p[0], p[1], p[2]]).or_insert(next as u8);
    }
    if colours.len() <= MAX_GIF_COLOURS {
        let mut palette = vec![0; colours.len() * 3];
        for (colour, &index) in &colours {
            palette[usize::from(index) * 3..usize::from(index) * 3 + 3].copy_from_slice(colour);
        }
        let indices = pixels.chunks_exact(4).map(|p| (p[3] != 0).then(|| colours[&[p[0], p[1], p[2]]])).collect();
        return (palette, indices);
    }
    let samples: Vec<u8> = opaque().flat_map(|p| [p[0], p[1], p[2], 255]).collect();
    let quantiser = color_quant::NeuQuant::new(GIF_QUANTISATION_SPEED, MAX_GIF_COLOURS, &samples);
    let indices = pixels
        .chunks_exact(4)
        .map(|p| (p[3] != 0).then(|| quantiser.index_of(&[p[0], p[1], p[2], 255]) as u8))
        .collect();
    (quantiser.color_map_rgb(), indices)
}

/// The colours of a patch's palette: 256 less the one that marks unchanged pixels.
const MAX_GIF_COLOURS: usize = 255;

/// Encodes SVG frames (all of one width) as a looping animated PNG: full colour, each date
/// one frame holding only the rectangle it changed, like the GIF.
pub fn apng(frames: &[String], timing: Timing, progress: &Progress) -> crate::Result<Vec<u8>> {
    let images = rasterise(frames, progress)?;
    let Some(&(width, height, _)) = images.first() else { return Ok(Vec::new()) };
    let patches = patches(&images, timing);
    progress.stage(Stage::Encoding, images.len());
    progress.steps(images.len() - patches.len());
    let fail = |e: png::EncodingError| crate::formats::raster::failure(format!("APNG encoding failed: {e}"));
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_animated(patches.len() as u32, 0).map_err(fail)?;
        let mut writer = encoder.write_header().map_err(fail)?;
        for patch in &patches {
            // The writer checks each setting against the other's current value: move the
            // frame to the corner before resizing it.
            writer.set_frame_position(0, 0).map_err(fail)?;
            writer.set_frame_dimension(patch.width, patch.height).map_err(fail)?;
            writer.set_frame_position(patch.left, patch.top).map_err(fail)?;
            let blend = if patch.over { png::BlendOp::Over } else { png::BlendOp::Source };
            writer.set_blend_op(blend).map_err(fail)?;
            let dispose = match patch.dispose {
                gif::DisposalMethod::Background => png::DisposeOp::Background,
                _ => png::DisposeOp::None,
            };
            writer.set_dispose_op(dispose).map_err(fail)?;
            writer.set_frame_delay(u16::try_from(patch.ms).unwrap_or(u16::MAX).max(1), 1000).map_err(fail)?;
            writer.write_image_data(&patch.pixels).map_err(fail)?;
            progress.step();
        }
        writer.finish().map_err(fail)?;
    }
    Ok(bytes)
}

/// One date's frame: the rectangle in which it differs from the date before, and how long
/// it shows.
struct Patch {
    left: u32,
    top: u32,
    width: u32,
    height: u32,
    pixels: Vec<u8>,
    ms: u32,
    /// Drawn over the picture so far, its unchanged pixels transparent (else it replaces
    /// what is under it).
    over: bool,
    /// What becomes of the patch when the next one is drawn.
    dispose: gif::DisposalMethod,
}

/// Each frame (all of one size) as one patch: the rectangle that holds every pixel in
/// which it differs from the frame before, with the pixels that did not change left
/// transparent. Most days change a few places, the date, a legend count and the caption,
/// so a whole battle is a fraction of the size of whole frames, and each date is drawn at
/// once (never as half a frame that shows for a moment). A frame identical to the one
/// before adds its time to it instead. With transparent frames every frame is whole: a
/// pixel that turns transparent cannot be drawn over the one before.
fn patches(images: &[(u32, u32, Vec<u8>)], timing: Timing) -> Vec<Patch> {
    let opaque = images.iter().all(|(_, _, pixels)| pixels.chunks_exact(4).all(|p| p[3] == 255));
    let dispose = if opaque { gif::DisposalMethod::Keep } else { gif::DisposalMethod::Background };
    let mut patches: Vec<Patch> = Vec::new();
    for (i, (width, height, pixels)) in images.iter().enumerate() {
        let ms = if i + 1 == images.len() { timing.frame_ms + timing.hold_ms } else { timing.frame_ms };
        let whole = (0, 0, *width, *height);
        let patch = match i.checked_sub(1) {
            Some(before) if opaque => changed_box(&images[before].2, pixels, *width).map(|rectangle| {
                let pixels = changes_only(&images[before].2, pixels, *width, rectangle);
                (rectangle, pixels, true)
            }),
            _ => Some((whole, pixels.clone(), false)),
        };
        match (patch, patches.last_mut()) {
            (Some(((left, top, width, height), pixels, over)), _) => {
                patches.push(Patch { left, top, width, height, pixels, ms, over, dispose });
            }
            (None, Some(last)) => last.ms += ms,
            (None, None) => {}
        }
    }
    patches
}

/// The smallest box (left, top, width, height) that holds every pixel that differs, or
/// `None` when none does.
fn changed_box(before: &[u8], after: &[u8], width: u32) -> Option<(u32, u32, u32, u32)> {
    let row_bytes = width as usize * 4;
    let rows = || before.chunks_exact(row_bytes).zip(after.chunks_exact(row_bytes));
    let changed: Vec<usize> = rows().enumerate().filter(|(_, (b, a))| b != a).map(|(y, _)| y).collect();
    let (&top, &bottom) = (changed.first()?, changed.last()?);
    let differs =
        |x: usize| rows().skip(top).take(bottom - top + 1).any(|(b, a)| b[x * 4..x * 4 + 4] != a[x * 4..x * 4 + 4]);
    let left = (0..width as usize).find(|&x| differs(x))?;
    let right = (0..width as usize).rev().find(|&x| differs(x))?;
    Some((left as u32, top as u32, (right - left + 1) as u32, (bottom - top + 1) as u32))
}

/// The pixels of `after` inside the box, those equal to `before` made transparent.
fn changes_only(before: &[u8], after: &[u8], width: u32, (left, top, w, h): (u32, u32, u32, u32)) -> Vec<u8> {
    let row_bytes = width as usize * 4;
    (top..top + h)
        .flat_map(|y| {
            let start = y as usize * row_bytes + left as usize * 4;
            let range = start..start + w as usize * 4;
            before[range.clone()].chunks_exact(4).zip(after[range].chunks_exact(4))
        })
        .flat_map(|(b, a)| if a == b { [0, 0, 0, 0] } else { [a[0], a[1], a[2], a[3]] })
        .collect()
}

/// `image` (width, height, RGBA) extended to `height` rows by repeating its last row.
fn pad_to_height((width, rows, mut pixels): (u32, u32, Vec<u8>), height: u32) -> (u32, u32, Vec<u8>) {
    let row_bytes = width as usize * 4;
    if rows < height && pixels.len() >= row_bytes {
        let last = pixels[pixels.len() - row_bytes..].to_vec();
        for _ in rows..height {
            pixels.extend_from_slice(&last);
        }
    }
    (width, height.max(rows), pixels)
}

/// One self-contained animated SVG of `dates` (SMIL: it plays in browsers, in `<img>` too):
/// the map drawn once, each place's area and marker changing colour on its dates, the date
/// line changing under the title.
pub fn animated_svg(
    dataset: &Dataset,
    timeline: &Timeline,
    options: &FrameOptions,
    dates: &[Date],
    timing: Timing,
) -> String {
    let cells = Cells::build(dataset, &dataset.projection());
    let seconds = (f64::from(timing.frame_ms) / 1000.0, f64::from(timing.hold_ms) / 1000.0);
    Frame::animated(dataset, timeline, &cells, options.clone(), (dates, seconds.0, seconds.1)).to_svg()
}

/// NeuQuant's sampling step (1 best, 30 fastest); 10 is the crate's balance of the two.
const GIF_QUANTISATION_SPEED: i32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    /// A 40×30 frame: paper, and a square at `x`.
    fn frame(x: u32) -> String {
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="#fff"/><rect x="{x}" y="10" width="8" height="8" fill="#c8102e"/></svg>"##
        )
    }

    #[test]
    fn the_bar_is_full_when_the_animation_is_encoded() {
        // The second date changes nothing: it has no frame of its own, but counts.
        let frames = [frame(2), frame(2), frame(20), frame(30)];
        for apng in [false, true] {
            let progress = Progress::new(frames.len(), 2, false);
            let timing = Timing { frame_ms: 100, hold_ms: 1000 };
            if apng {
                super::apng(&frames, timing, &progress).unwrap();
            } else {
                gif(&frames, timing, &progress).unwrap();
            }
            assert_eq!((progress.position(), progress.length()), (8, 8));
        }
    }

    #[test]
    fn each_date_is_one_patch_that_shows_for_its_time() {
        let frames = [frame(2), frame(2), frame(20), frame(30)];
        let images = rasterise(&frames, &Progress::new(4, 1, false)).unwrap();
        let patches = patches(&images, Timing { frame_ms: 100, hold_ms: 1000 });
        let times: Vec<u32> = patches.iter().map(|p| p.ms).collect();
        assert_eq!(times, [200, 100, 1100], "the unchanged date adds its time to the one before");
        // The third date moves the square from x 20 to 30: one box over both places.
        let moved = &patches[2];
        assert_eq!((moved.left, moved.top, moved.width, moved.height), (20, 10, 18, 8));
        assert!(moved.over);
        let transparent = moved.pixels.chunks_exact(4).filter(|p| p[3] == 0).count();
        assert_eq!(transparent, 2 * 8, "the two columns between the squares did not change");
    }
}

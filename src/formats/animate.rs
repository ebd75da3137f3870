//! Animations of a sequence: a GIF and an APNG rasterised from its frames, and one
//! self-contained animated SVG that draws the map once and changes colours on the dates.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::dataset::Dataset;
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
/// with their own bottom row (the paper).
fn rasterise(frames: &[String]) -> crate::Result<Vec<(u32, u32, Vec<u8>)>> {
    let images: Vec<(u32, u32, Vec<u8>)> =
        frames.par_iter().map(|svg| crate::formats::raster::rgba(svg)).collect::<crate::Result<_>>()?;
    let width = images.iter().map(|i| i.0).max().unwrap_or(0);
    let height = images.iter().map(|i| i.1).max().unwrap_or(0);
    if images.iter().any(|i| i.0 != width) {
        return Err(crate::formats::raster::failure("the frames of an animation must have one width".to_string()));
    }
    Ok(images.into_iter().map(|image| pad_to_height(image, height)).collect())
}

/// Encodes SVG frames (all of one width) as a looping GIF. Each changed part of a frame is
/// reduced to its own 256-colour palette (NeuQuant) in parallel; the result does not
/// depend on the number of threads.
pub fn gif(frames: &[String], timing: Timing) -> crate::Result<Vec<u8>> {
    let images = rasterise(frames)?;
    let Some(&(width, height, _)) = images.first() else { return Ok(Vec::new()) };
    let too_large =
        || crate::formats::raster::failure(format!("{width}x{height} px is larger than a GIF can be (65535)"));
    let (w, h) = (u16::try_from(width).map_err(|_| too_large())?, u16::try_from(height).map_err(|_| too_large())?);
    let patches = patches(&images, timing);
    let encoded: Vec<gif::Frame<'static>> = patches
        .into_par_iter()
        .map(|patch| {
            let (pw, ph) = (patch.width as u16, patch.height as u16);
            let mut pixels = patch.pixels;
            let mut frame = gif::Frame::from_rgba_speed(pw, ph, &mut pixels, GIF_QUANTISATION_SPEED);
            (frame.left, frame.top) = (patch.left as u16, patch.top as u16);
            frame.dispose = patch.dispose;
            frame.delay = u16::try_from(patch.ms.div_ceil(10)).unwrap_or(u16::MAX);
            frame
        })
        .collect();
    let mut bytes = Vec::new();
    let fail = |e: gif::EncodingError| crate::formats::raster::failure(format!("GIF encoding failed: {e}"));
    {
        let mut encoder = gif::Encoder::new(&mut bytes, w, h, &[]).map_err(fail)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(fail)?;
        for frame in &encoded {
            encoder.write_frame(frame).map_err(fail)?;
        }
    }
    Ok(bytes)
}

/// Encodes SVG frames (all of one width) as a looping animated PNG: full colour, each date
/// only as the rectangles it changed, like the GIF.
pub fn apng(frames: &[String], timing: Timing) -> crate::Result<Vec<u8>> {
    let images = rasterise(frames)?;
    let Some(&(width, height, _)) = images.first() else { return Ok(Vec::new()) };
    let patches = patches(&images, timing);
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
            writer.set_blend_op(png::BlendOp::Source).map_err(fail)?;
            let dispose = match patch.dispose {
                gif::DisposalMethod::Background => png::DisposeOp::Background,
                _ => png::DisposeOp::None,
            };
            writer.set_dispose_op(dispose).map_err(fail)?;
            writer.set_frame_delay(u16::try_from(patch.ms).unwrap_or(u16::MAX), 1000).map_err(fail)?;
            writer.write_image_data(&patch.pixels).map_err(fail)?;
        }
        writer.finish().map_err(fail)?;
    }
    Ok(bytes)
}

/// The part of a frame that differs from the frame before it, and how long it shows.
struct Patch {
    left: u32,
    top: u32,
    width: u32,
    height: u32,
    pixels: Vec<u8>,
    ms: u32,
    /// What becomes of the patch when the next one is drawn.
    dispose: gif::DisposalMethod,
}

/// Each frame (all of one size) as the rectangles in which it differs from the one
/// before, drawn over it: most days change a few places, the date, a legend count and the
/// caption, so a whole battle is a fraction of the size of whole frames. Only the last
/// rectangle of a date carries its time; a frame identical to the one before adds its time
/// to it instead. With transparent frames every frame is whole: a pixel that turns
/// transparent cannot be drawn over the one before.
fn patches(images: &[(u32, u32, Vec<u8>)], timing: Timing) -> Vec<Patch> {
    let opaque = images.iter().all(|(_, _, pixels)| pixels.chunks_exact(4).all(|p| p[3] == 255));
    let dispose = if opaque { gif::DisposalMethod::Keep } else { gif::DisposalMethod::Background };
    let mut patches: Vec<Patch> = Vec::new();
    for (i, (width, height, pixels)) in images.iter().enumerate() {
        let ms = if i + 1 == images.len() { timing.frame_ms + timing.hold_ms } else { timing.frame_ms };
        let boxes = match i.checked_sub(1) {
            Some(before) if opaque => changed_boxes(&images[before].2, pixels, *width),
            _ => vec![(0, 0, *width, *height)],
        };
        if boxes.is_empty() {
            if let Some(last) = patches.last_mut() {
                last.ms += ms;
            }
            continue;
        }
        let last = boxes.len() - 1;
        for (j, (left, top, w, h)) in boxes.into_iter().enumerate() {
            let pixels = crop(pixels, *width, (left, top, w, h));
            let ms = if j == last { ms } else { 0 };
            patches.push(Patch { left, top, width: w, height: h, pixels, ms, dispose });
        }
    }
    patches
}

/// Rows closer than this to a band of changed rows join it rather than start a new one.
const BAND_GAP_ROWS: usize = 24;

/// Boxes (left, top, width, height) holding every pixel that differs: one per band of
/// changed rows, each as narrow as its changes.
fn changed_boxes<'a>(before: &'a [u8], after: &'a [u8], width: u32) -> Vec<(u32, u32, u32, u32)> {
    let row_bytes = width as usize * 4;
    let row = |pixels: &'a [u8], y: usize| -> &'a [u8] { &pixels[y * row_bytes..(y + 1) * row_bytes] };
    let changed: Vec<usize> = (0..after.len() / row_bytes).filter(|&y| row(before, y) != row(after, y)).collect();
    let mut bands: Vec<(usize, usize)> = Vec::new();
    for y in changed {
        match bands.last_mut() {
            Some((_, bottom)) if y - *bottom <= BAND_GAP_ROWS => *bottom = y,
            _ => bands.push((y, y)),
        }
    }
    bands
        .into_iter()
        .filter_map(|(top, bottom)| {
            let differs =
                |x: usize| (top..=bottom).any(|y| row(before, y)[x * 4..x * 4 + 4] != row(after, y)[x * 4..x * 4 + 4]);
            let left = (0..width as usize).find(|&x| differs(x))?;
            let right = (0..width as usize).rev().find(|&x| differs(x))?;
            Some((left as u32, top as u32, (right - left + 1) as u32, (bottom - top + 1) as u32))
        })
        .collect()
}

fn crop(pixels: &[u8], width: u32, (left, top, w, h): (u32, u32, u32, u32)) -> Vec<u8> {
    let row_bytes = width as usize * 4;
    (top..top + h)
        .flat_map(|y| {
            let start = y as usize * row_bytes + left as usize * 4;
            pixels[start..start + w as usize * 4].iter().copied()
        })
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

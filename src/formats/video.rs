//! Video of a sequence: the frames rasterised, encoded as H.264 (Cisco's openh264, built
//! from source) and muxed into an MP4 that browsers and phones play.
//!
//! Each date is one coded picture that lasts its whole time (a whole number of frames at
//! `--fps`), so the encoder works once per date, not once per frame shown: the file keeps
//! the time grid of `--fps` while the battle's 300 dates cost 300 pictures.
//!
//! The frames stream through: a few at a time are rasterised in parallel and turned into
//! YUV, while the encoder, on the calling thread, takes the ones before in order. Only a
//! couple of batches of pictures are ever in memory, whatever the length of the battle.

use std::sync::mpsc;

use openh264::OpenH264API;
use openh264::encoder::{
    Complexity, Encoder, EncoderConfig, FrameRate, FrameType, RateControlMode, UsageType, VuiConfig,
};
use openh264::formats::YUVSlices;
use rayon::prelude::*;

use crate::formats::progress::{Progress, Stage};
use crate::formats::raster;

/// How a video plays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VideoTiming {
    /// Frames per second of the time grid.
    pub fps: u32,
    /// How long each date shows, in seconds.
    pub seconds_per_day: f64,
    /// How long the last date holds, in seconds, on top of its own time.
    pub hold_seconds: f64,
}

impl VideoTiming {
    /// How many frames date `i` of `count` lasts: never less than one.
    fn frames_of(&self, i: usize, count: usize) -> u32 {
        let hold = if i + 1 == count { self.hold_seconds } else { 0.0 };
        let frames = ((self.seconds_per_day + hold) * f64::from(self.fps)).round();
        (frames as u32).max(1)
    }
}

/// Frames rasterised at once for each thread: enough to keep every core busy between two
/// hand-overs, few enough that memory stays flat.
const FRAMES_PER_THREAD: usize = 2;

/// Encodes SVG frames (all of one width) as an H.264 MP4, one coded picture per date.
/// Frames of different heights (a long caption) share the tallest one's height: the
/// shorter ones are extended with their own bottom row (the paper), and the map stays put.
pub fn mp4(frames: &[String], timing: VideoTiming, progress: &Progress) -> crate::Result<Vec<u8>> {
    let sizes: Vec<(u32, u32)> = frames.iter().map(|svg| raster::displayed_size(svg)).collect::<crate::Result<_>>()?;
    let Some(&(width, _)) = sizes.first() else { return Ok(Vec::new()) };
    if sizes.iter().any(|&(w, _)| w != width) {
        return Err(raster::failure("the frames of an animation must have one width".to_string()));
    }
    let height = sizes.iter().map(|&(_, h)| h).max().unwrap_or(0);
    // 4:2:0 colour needs even sides: an odd last row or column is dropped.
    let (w, h) = (width & !1, height & !1);
    if w < 2 || h < 2 {
        return Err(raster::failure(format!("{width}x{height} px is too small for a video")));
    }
    progress.stage(Stage::RasterisingEncoding, frames.len());
    let mut encoder = Encoder::with_api_config(OpenH264API::from_source(), config(timing)).map_err(h264_failure)?;
    let batch = FRAMES_PER_THREAD * rayon::current_num_threads();
    let (sender, pictures_in) = mpsc::sync_channel::<crate::Result<Vec<u8>>>(batch);
    let pictures = std::thread::scope(|scope| {
        scope.spawn(move || {
            for chunk in frames.chunks(batch) {
                let yuv: Vec<crate::Result<Vec<u8>>> = chunk
                    .par_iter()
                    .map(|svg| {
                        let picture = yuv_picture(svg, (w, h));
                        progress.step();
                        picture
                    })
                    .collect();
                // The encoder has stopped (it failed): nothing more to make.
                if yuv.into_iter().try_for_each(|picture| sender.send(picture)).is_err() {
                    return;
                }
            }
        });
        let mut pictures = Vec::with_capacity(frames.len());
        for picture in pictures_in {
            let yuv = picture?;
            let planes = planes(&yuv, (w as usize, h as usize));
            let stream = encoder.encode(&planes).map_err(h264_failure)?;
            pictures.push((stream.frame_type() == FrameType::IDR, stream.to_vec()));
            progress.step();
        }
        Ok::<_, crate::Error>(pictures)
    })?;
    mux(&pictures, (w, h), timing)
}

/// The encoder's settings: one quantisation for every picture (openh264's default, 26)
/// rather than a bitrate to meet. Under a bitrate, the picture after a date whose caption
/// changed kept a faint ghost of the old words (too few bits were left to erase them), and
/// held for the whole date. The colours it is given (BT.601, limited range) are said in
/// the stream, so players do not guess them (a 1080p stream without them is taken as
/// BT.709). The settings openh264 would refuse for screen content with a warning on the
/// terminal are left off.
fn config(timing: VideoTiming) -> EncoderConfig {
    EncoderConfig::new()
        .max_frame_rate(FrameRate::from_hz(timing.fps as f32))
        .usage_type(UsageType::ScreenContentRealTime)
        .rate_control_mode(RateControlMode::Off)
        .complexity(Complexity::Low)
        .adaptive_quantization(false)
        .background_detection(false)
        .vui(VuiConfig::bt601())
        .skip_frames(false)
        .debug(false)
}

/// One frame rasterised at `size` (extended downwards with its bottom row, cropped to the
/// even size) as planar YUV 4:2:0.
fn yuv_picture(svg: &str, size: (u32, u32)) -> crate::Result<Vec<u8>> {
    let pixmap = raster::pixmap(svg)?;
    let (rows, row_bytes) = (pixmap.height() as usize, pixmap.width() as usize * 4);
    let row = |y: usize| &pixmap.data()[y.min(rows - 1) * row_bytes..][..row_bytes];
    Ok(yuv420(row, (size.0 as usize, size.1 as usize)))
}

/// Planar YUV 4:2:0 (BT.601, limited range, as openh264 and players expect) of a picture
/// `w`×`h` (both even) whose row `y` is `row(y)`: premultiplied RGBA, so any transparency
/// shows as over black. Each chroma sample averages its 2×2 pixels. Integer arithmetic,
/// a row at a time: it costs little next to rasterising.
fn yuv420<'a>(row: impl Fn(usize) -> &'a [u8], (w, h): (usize, usize)) -> Vec<u8> {
    let mut out = vec![0u8; w * h * 3 / 2];
    let (luma, chroma) = out.split_at_mut(w * h);
    let (u_plane, v_plane) = chroma.split_at_mut(w * h / 4);
    for y in (0..h).step_by(2) {
        let (top, bottom) = (row(y), row(y + 1));
        for (pixels, line) in [(top, y), (bottom, y + 1)] {
            for (x, p) in pixels.chunks_exact(4).take(w).enumerate() {
                let (r, g, b) = (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]));
                luma[line * w + x] = (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16) as u8;
            }
        }
        for x in (0..w).step_by(2) {
            let sum = |c: usize| {
                i32::from(top[x * 4 + c])
                    + i32::from(top[x * 4 + 4 + c])
                    + i32::from(bottom[x * 4 + c])
                    + i32::from(bottom[x * 4 + 4 + c])
            };
            let (r, g, b) = ((sum(0) + 2) >> 2, (sum(1) + 2) >> 2, (sum(2) + 2) >> 2);
            let at = (y / 2) * (w / 2) + x / 2;
            u_plane[at] = (((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128).clamp(0, 255) as u8;
            v_plane[at] = (((112 * r - 94 * g - 18 * b + 128) >> 8) + 128).clamp(0, 255) as u8;
        }
    }
    out
}

/// The three planes of a picture made by [`yuv420`], as the encoder takes them.
fn planes(yuv: &[u8], (w, h): (usize, usize)) -> YUVSlices<'_> {
    let (luma, chroma) = yuv.split_at(w * h);
    let (u, v) = chroma.split_at(w * h / 4);
    YUVSlices::new((luma, u, v), (w, h), (w, w / 2, w / 2))
}

fn h264_failure(e: openh264::Error) -> crate::Error {
    raster::failure(format!("H.264 encoding failed: {e}"))
}

fn mp4_failure(e: mp4::Error) -> crate::Error {
    raster::failure(format!("MP4 writing failed: {e}"))
}

/// The coded pictures (key picture or not, Annex B bytes) as one MP4 track: parameter
/// sets in the track's header, each picture a sample of length-prefixed NAL units lasting
/// its date's frames.
fn mux(pictures: &[(bool, Vec<u8>)], (w, h): (u32, u32), timing: VideoTiming) -> crate::Result<Vec<u8>> {
    let mut parameters: (Vec<u8>, Vec<u8>) = (Vec::new(), Vec::new());
    let mut samples = Vec::with_capacity(pictures.len());
    for (key, annex_b) in pictures {
        let mut sample = Vec::with_capacity(annex_b.len());
        for nal in openh264::nal_units(annex_b) {
            let nal = strip_start_code(nal);
            match nal.first().map(|b| b & 0x1f) {
                Some(NAL_SPS) => parameters.0 = nal.to_vec(),
                Some(NAL_PPS) => parameters.1 = nal.to_vec(),
                Some(_) => {
                    sample.extend_from_slice(&(nal.len() as u32).to_be_bytes());
                    sample.extend_from_slice(nal);
                }
                None => {}
            }
        }
        samples.push((*key, sample));
    }
    let brands = ["isom", "iso2", "avc1", "mp41"].map(|b| b.parse().expect("a four-letter brand"));
    let config = mp4::Mp4Config {
        major_brand: brands[0],
        minor_version: 512,
        compatible_brands: brands.to_vec(),
        timescale: timing.fps,
    };
    let mut writer = mp4::Mp4Writer::write_start(std::io::Cursor::new(Vec::new()), &config).map_err(mp4_failure)?;
    let too_large = || raster::failure(format!("{w}x{h} px is larger than this video can be"));
    let avc = mp4::AvcConfig {
        width: u16::try_from(w).map_err(|_| too_large())?,
        height: u16::try_from(h).map_err(|_| too_large())?,
        seq_param_set: parameters.0,
        pic_param_set: parameters.1,
    };
    let track = mp4::TrackConfig {
        track_type: mp4::TrackType::Video,
        timescale: timing.fps,
        language: "und".to_string(),
        media_conf: mp4::MediaConfig::AvcConfig(avc),
    };
    writer.add_track(&track).map_err(mp4_failure)?;
    let mut start = 0u64;
    for (i, (is_sync, bytes)) in samples.into_iter().enumerate() {
        let duration = timing.frames_of(i, pictures.len());
        let sample = mp4::Mp4Sample { start_time: start, duration, rendering_offset: 0, is_sync, bytes: bytes.into() };
        writer.write_sample(1, &sample).map_err(mp4_failure)?;
        start += u64::from(duration);
    }
    writer.write_end().map_err(mp4_failure)?;
    Ok(writer.into_writer().into_inner())
}

const NAL_SPS: u8 = 7;
const NAL_PPS: u8 = 8;

/// A NAL unit without its Annex B start code (00 00 01 or 00 00 00 01).
fn strip_start_code(nal: &[u8]) -> &[u8] {
    let zeros = nal.iter().take_while(|&&b| b == 0).count();
    match nal.get(zeros) {
        Some(1) if zeros >= 2 => &nal[zeros + 1..],
        _ => nal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_date_lasts_a_whole_number_of_frames_and_the_last_one_holds() {
        let timing = VideoTiming { fps: 30, seconds_per_day: 0.25, hold_seconds: 3.0 };
        assert_eq!(timing.frames_of(0, 3), 8);
        assert_eq!(timing.frames_of(2, 3), 98);
        let fast = VideoTiming { fps: 24, seconds_per_day: 0.001, hold_seconds: 0.0 };
        assert_eq!(fast.frames_of(0, 3), 1, "never less than one frame");
    }

    #[test]
    fn colours_convert_as_openh264_does() {
        // 2×2 pictures of one colour: black, white, red; openh264's own conversion gives
        // Y 16, 235 and 82 and (U, V) (128, 128), (128, 128) and (90, 240).
        for (rgb, y, u, v) in [([0, 0, 0], 16, 128, 128), ([255, 255, 255], 235, 128, 128), ([255, 0, 0], 82, 90, 240)]
        {
            let row: Vec<u8> = [rgb[0], rgb[1], rgb[2], 255].repeat(2);
            let yuv = yuv420(|_| &row, (2, 2));
            assert_eq!(yuv, [y, y, y, y, u, v], "{rgb:?}");
        }
    }

    #[test]
    fn a_short_frame_is_extended_with_its_bottom_row_and_an_odd_one_cropped() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="5" height="3"><rect width="5" height="2" fill="#fff"/><rect y="2" width="5" height="1" fill="#000"/></svg>"##;
        let yuv = yuv_picture(svg, (4, 6)).unwrap();
        let luma: Vec<u8> = yuv[..24].chunks(4).map(|row| row[0]).collect();
        assert_eq!(luma, [235, 235, 16, 16, 16, 16], "rows 3 to 5 repeat the black bottom row");
    }

    #[test]
    fn start_codes_are_stripped() {
        assert_eq!(strip_start_code(&[0, 0, 0, 1, 0x67, 5]), [0x67, 5]);
        assert_eq!(strip_start_code(&[0, 0, 1, 0x68]), [0x68]);
    }
}

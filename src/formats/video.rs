//! Video of a sequence: the frames rasterised, encoded as H.264 (Cisco's openh264, built
//! from source) and muxed into an MP4 that browsers and phones play.
//!
//! Each date is one coded picture that lasts its whole time (a whole number of frames at
//! `--fps`), so the encoder works once per date, not once per frame shown: the file keeps
//! the time grid of `--fps` while the battle's 300 dates cost 300 pictures.

use openh264::OpenH264API;
use openh264::encoder::{BitRate, Encoder, EncoderConfig, FrameRate, FrameType, RateControlMode, UsageType};
use openh264::formats::{RgbaSliceU8, YUVBuffer};

use crate::formats::progress::{Progress, Stage};

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

/// Encodes SVG frames (all of one width) as an H.264 MP4, one coded picture per date.
pub fn mp4(frames: &[String], timing: VideoTiming, progress: &Progress) -> crate::Result<Vec<u8>> {
    let images = crate::formats::animate::rasterise(frames, progress)?;
    let Some(&(width, height, _)) = images.first() else { return Ok(Vec::new()) };
    // 4:2:0 colour needs even sides: an odd last row or column is dropped.
    let (w, h) = (width & !1, height & !1);
    progress.stage(Stage::Encoding, images.len());
    let config = EncoderConfig::new()
        .max_frame_rate(FrameRate::from_hz(timing.fps as f32))
        .usage_type(UsageType::ScreenContentRealTime)
        .rate_control_mode(RateControlMode::Bitrate)
        .bitrate(BitRate::from_bps(bitrate(w, h)))
        .skip_frames(false)
        .debug(false);
    let mut encoder = Encoder::with_api_config(OpenH264API::from_source(), config).map_err(h264_failure)?;
    let mut pictures = Vec::with_capacity(images.len());
    for (_, _, pixels) in &images {
        let even = crop(pixels, width, (w, h));
        let yuv = YUVBuffer::from_rgb_source(RgbaSliceU8::new(&even, (w as usize, h as usize)));
        let stream = encoder.encode(&yuv).map_err(h264_failure)?;
        pictures.push((stream.frame_type() == FrameType::IDR, stream.to_vec()));
        progress.step();
    }
    mux(&pictures, (w, h), timing)
}

/// Enough bits for sharp text at the size: 6 Mbit/s at 1080p, in proportion elsewhere.
fn bitrate(width: u32, height: u32) -> u32 {
    let pixels = u64::from(width) * u64::from(height);
    (pixels * 6_000_000 / (1920 * 1080)).clamp(500_000, 40_000_000) as u32
}

fn h264_failure(e: openh264::Error) -> crate::Error {
    crate::formats::raster::failure(format!("H.264 encoding failed: {e}"))
}

fn mp4_failure(e: mp4::Error) -> crate::Error {
    crate::formats::raster::failure(format!("MP4 writing failed: {e}"))
}

/// The top-left `w`×`h` pixels of an RGBA image `width` pixels wide.
fn crop(pixels: &[u8], width: u32, (w, h): (u32, u32)) -> Vec<u8> {
    let row = width as usize * 4;
    pixels.chunks_exact(row).take(h as usize).flat_map(|r| &r[..w as usize * 4]).copied().collect()
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
    let too_large = || crate::formats::raster::failure(format!("{w}x{h} px is larger than this video can be"));
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
    fn start_codes_are_stripped() {
        assert_eq!(strip_start_code(&[0, 0, 0, 1, 0x67, 5]), [0x67, 5]);
        assert_eq!(strip_start_code(&[0, 0, 1, 0x68]), [0x68]);
    }
}

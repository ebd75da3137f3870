//! Every flag value the CLI takes, checked against what it is used for. The binary's
//! parsers and the commands call these same functions (and `fuzz/` feeds them any text),
//! so a value is refused with the flag's name and what was expected, exit code 2, before
//! anything is drawn or written: never a broken or empty file with exit code 0.

use jiff::civil::Date;

use crate::dataset::manifest::{LonLatBox, MAX_DEGREES_FROM_CENTRE, ProjectionSpec};
use crate::error::{Error, Result, number};
use crate::formats::gis::Format as GisFormat;
use crate::formats::raster::Format as ImageFormat;
use crate::render::Aspect;

pub const MIN_WIDTH: u32 = 320;
pub const MAX_WIDTH: u32 = 10_000;
/// A displayed height below this is no map to read; above [`MAX_WIDTH`] no screen shows it.
pub const MIN_HEIGHT: u32 = 16;
/// The longest id prefix: long enough for any naming scheme, short of bloating every id.
pub const MAX_ID_PREFIX: usize = 64;
/// GIF times frames in hundredths of a second; browsers draw faster frames slower.
pub const MIN_FRAME_MS: u32 = 10;
/// A frame shown for more than a minute is a still, not an animation.
pub const MAX_FRAME_MS: u32 = 60_000;
/// The last frame may hold for ten minutes at most.
pub const MAX_HOLD_MS: u32 = 600_000;
/// Half the Earth's circumference: anything further is every place.
pub const MAX_DISTANCE_KM: f64 = 20_000.0;

/// `--date`, `--from`, `--to`: a day written YYYY-MM-DD.
pub fn date(text: &str) -> std::result::Result<Date, String> {
    crate::dataset::events::EventDate::parse(text)
        .and_then(|d| match d {
            crate::dataset::events::EventDate::Day(day) => Some(day),
            _ => None,
        })
        .ok_or_else(|| format!("{} is not a date: expected YYYY-MM-DD", quoted(text)))
}

/// `--step`: a number of days or weeks such as `1d`, `7d` or `2w`, in days.
pub fn step(text: &str) -> std::result::Result<i64, String> {
    let days = |n: &str, per: i64| n.parse::<i64>().ok().filter(|n| *n > 0).and_then(|n| n.checked_mul(per));
    let parsed = match (text.strip_suffix('d'), text.strip_suffix('w')) {
        (Some(n), _) => days(n, 1),
        (_, Some(n)) => days(n, 7),
        _ => None,
    };
    parsed.ok_or_else(|| format!("{}: expected a number of days or weeks such as 1d, 7d or 2w", quoted(text)))
}

/// `--aspect`: the shape of the whole image, `16:9`, `1:1` or `9:16`.
pub fn aspect(text: &str) -> std::result::Result<Aspect, String> {
    Aspect::parse(text).ok_or_else(|| format!("{}: expected {}", quoted(text), Aspect::FORMS))
}

/// `--width` of a frame or chart, in pixels.
pub fn width(px: u32) -> Result<()> {
    if (MIN_WIDTH..=MAX_WIDTH).contains(&px) {
        return Ok(());
    }
    Err(Error::usage("--width", format!("{px} px: expected {MIN_WIDTH} to {MAX_WIDTH}")))
}

/// `--height`, the displayed height in pixels (a PNG is drawn at it).
pub fn height(px: u32) -> Result<()> {
    if (MIN_HEIGHT..=MAX_WIDTH).contains(&px) {
        return Ok(());
    }
    Err(Error::usage("--height", format!("{px} px: expected {MIN_HEIGHT} to {MAX_WIDTH}")))
}

/// `--id-prefix`: it is written before every id of the document, inside `id="…"`,
/// `href="#…"`, `url(#…)` and `aria-labelledby`, and a page that inlines the frame selects
/// those ids from CSS and script. So it is what all of them take without escaping: an
/// ASCII letter, then letters, digits, `-` and `_`.
pub fn id_prefix(prefix: &str) -> Result<()> {
    let mut chars = prefix.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_well = chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if starts_well && rest_well && prefix.len() <= MAX_ID_PREFIX {
        return Ok(());
    }
    let message = format!(
        "{}: expected an ASCII letter, then up to {} letters, digits, '-' or '_' (e.g. m1-)",
        quoted(prefix),
        MAX_ID_PREFIX - 1
    );
    Err(Error::usage("--id-prefix", message))
}

/// The format of a single image: `--format` if given, else the output's extension, else
/// `default`. An extension nothing here writes (`x.jpg`), or one that contradicts
/// `--format`, is refused rather than given bytes of another format under its name.
pub fn image_format(output: Option<&str>, format: Option<ImageFormat>, default: ImageFormat) -> Result<ImageFormat> {
    let extension = match output {
        Some("-") | None => None,
        Some("") => return Err(Error::usage("--output", "\"\": expected a file name, or - for standard output")),
        Some(path) => extension(path),
    };
    let named = match extension.as_deref() {
        None => None,
        Some(ext) => Some(ImageFormat::from_extension(ext).ok_or_else(|| {
            let expected = format!("{}: expected a .svg, .png or .pdf file", quoted(output.unwrap_or("")));
            Error::usage("--output", expected)
        })?),
    };
    match (format, named) {
        (Some(asked), Some(named)) if asked != named => Err(Error::usage(
            "--format",
            format!(
                "{}: the output {} is named .{}",
                asked.extension(),
                quoted(output.unwrap_or("")),
                named.extension()
            ),
        )),
        _ => Ok(format.or(named).unwrap_or(default)),
    }
}

/// `export -o` and `--format`: the format of `output`: the one `--format` names, which the output's extension (when it
/// has one) must agree with, or else the one its name says.
pub fn export_format(output: &str, chosen: Option<GisFormat>) -> Result<GisFormat> {
    let named = GisFormat::from_output(output);
    let extension =
        std::path::Path::new(output).extension().filter(|_| output != "-" && named != Some(GisFormat::GeoJsonLayers));
    let cannot = || {
        let message = format!("\"{output}\": frontline export writes {}", crate::formats::gis::WRITABLE);
        Err(Error::usage("--output", message))
    };
    match (chosen, named) {
        (_, None) if extension.is_some() => cannot(),
        (Some(GisFormat::GeoJsonLayers), _) if output == "-" => {
            Err(Error::usage("--format", "a folder of layers cannot go to - (standard output): name a folder"))
        }
        (Some(chosen), Some(named)) if chosen != named && extension.is_some() => {
            Err(Error::usage("--format", format!("{} does not match the extension of \"{output}\"", chosen.name())))
        }
        (Some(chosen), _) => Ok(chosen),
        (None, Some(named)) => Ok(named),
        (None, None) => cannot(),
    }
}

/// The lowercase extension of a file name, if it has one (`map.PNG` -> `png`; not
/// `.hidden` or `folder.d/map`).
fn extension(path: &str) -> Option<String> {
    std::path::Path::new(path).extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// `--frame-ms`, how long each frame of an animation shows.
pub fn frame_ms(ms: u32) -> Result<()> {
    if (MIN_FRAME_MS..=MAX_FRAME_MS).contains(&ms) {
        return Ok(());
    }
    Err(Error::usage("--frame-ms", format!("{ms} ms: expected {MIN_FRAME_MS} to {MAX_FRAME_MS}")))
}

/// `--hold-ms`, how long the last frame holds.
pub fn hold_ms(ms: u32) -> Result<()> {
    if ms <= MAX_HOLD_MS {
        return Ok(());
    }
    Err(Error::usage("--hold-ms", format!("{ms} ms: expected 0 to {MAX_HOLD_MS}")))
}

/// `--duration`: one pass through `frames` dates in `seconds`, as the time of each frame,
/// which must be one [`frame_ms`] accepts.
pub fn duration(seconds: f64, frames: usize) -> Result<u32> {
    let per_frame = seconds * 1000.0 / frames.max(1) as f64;
    if per_frame.is_finite() && (f64::from(MIN_FRAME_MS)..=f64::from(MAX_FRAME_MS)).contains(&per_frame) {
        return Ok(per_frame.round() as u32);
    }
    let expected = format!(
        "{} s: expected {} to {} s for {frames} dates ({MIN_FRAME_MS} to {MAX_FRAME_MS} ms a date)",
        number(seconds),
        number(f64::from(MIN_FRAME_MS) * frames as f64 / 1000.0),
        number(f64::from(MAX_FRAME_MS) * frames as f64 / 1000.0),
    );
    Err(Error::usage("--duration", expected))
}

/// `--bbox W,S,E,N`: a box that shows some of the dataset's `area` (else the map would be
/// empty) and that the dataset's projection draws (else every coordinate would be NaN).
pub fn bbox(text: &str, area: &LonLatBox, projection: &ProjectionSpec) -> Result<LonLatBox> {
    let refuse = |problem: String| Error::usage("--bbox", format!("{}: {problem}", quoted(text)));
    let bbox = LonLatBox::parse(text).map_err(refuse)?;
    let described = |b: &LonLatBox| [b.west, b.south, b.east, b.north].map(number).join(",");
    if !bbox.overlaps(area) {
        return Err(refuse(format!("expected a box that overlaps the dataset's area {}", described(area))));
    }
    if !projection.reaches(&bbox) {
        let (low, high) = (projection.lon0 - MAX_DEGREES_FROM_CENTRE, projection.lon0 + MAX_DEGREES_FROM_CENTRE);
        return Err(refuse(format!(
            "expected west and east within {MAX_DEGREES_FROM_CENTRE}° of the projection's centre ({} to {})",
            number(low),
            number(high)
        )));
    }
    Ok(bbox)
}

/// `--max-distance-km` of an import.
pub fn max_distance_km(km: f64) -> Result<()> {
    if km > 0.0 && km <= MAX_DISTANCE_KM {
        return Ok(());
    }
    Err(Error::usage(
        "--max-distance-km",
        format!("{}: expected a distance above 0 and up to {MAX_DISTANCE_KM} km", number(km)),
    ))
}

/// `--side ACTOR=SIDE` of an import: the actor (which may hold `=`) and the side id.
pub fn actor_side(pair: &str) -> Result<(String, String)> {
    pair.rsplit_once('=')
        .map(|(actor, side)| (actor.trim().to_string(), side.trim().to_string()))
        .filter(|(actor, side)| !actor.is_empty() && !side.is_empty())
        .ok_or_else(|| Error::usage("--side", format!("{}: expected ACTOR=SIDE", quoted(pair))))
}

/// A flag's value quoted in a message, escaped as Rust writes strings so that quotes,
/// control characters and line breaks in it show as what they are.
fn quoted(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_prefixes_are_what_ids_css_and_urls_take_unescaped() {
        for good in ["m1-", "a", "map_2017-01-24", &"x".repeat(MAX_ID_PREFIX)] {
            assert!(id_prefix(good).is_ok(), "{good}");
        }
        let bad = ["", "\"><script>alert(1)</script>", "a b", "a&", "a)", "a\"", "1m", "-m", "_m", "é", "a.b", "a:b"];
        for bad in bad.iter().copied().chain([&*"x".repeat(MAX_ID_PREFIX + 1)]) {
            let message = id_prefix(bad).unwrap_err().to_string();
            assert!(message.starts_with("error: --id-prefix: "), "{bad}: {message}");
        }
        assert_eq!(
            id_prefix("\"><script>").unwrap_err().to_string(),
            "error: --id-prefix: \"\\\"><script>\": expected an ASCII letter, then up to 63 letters, digits, '-' or '_' (e.g. m1-)"
        );
    }

    #[test]
    fn image_formats_follow_the_flag_or_the_extension_and_never_disagree() {
        use ImageFormat::*;
        assert_eq!(image_format(Some("map.PNG"), None, Svg).unwrap(), Png);
        assert_eq!(image_format(Some("map"), None, Pdf).unwrap(), Pdf);
        assert_eq!(image_format(Some("map"), Some(Png), Svg).unwrap(), Png);
        assert_eq!(image_format(Some("-"), Some(Pdf), Svg).unwrap(), Pdf);
        assert_eq!(image_format(None, None, Svg).unwrap(), Svg);
        assert_eq!(image_format(Some("dir.v2/map"), None, Svg).unwrap(), Svg);
        let refused = |output, format| image_format(Some(output), format, Svg).unwrap_err().to_string();
        assert_eq!(refused("x.jpg", None), "error: --output: \"x.jpg\": expected a .svg, .png or .pdf file");
        assert!(refused("x.tiff", Some(Png)).contains("expected a .svg, .png or .pdf file"));
        assert_eq!(refused("x.svg", Some(Png)), "error: --format: png: the output \"x.svg\" is named .svg");
        assert!(refused("", None).contains("expected a file name"));
    }

    #[test]
    fn sizes_and_times_are_within_what_can_be_drawn_and_shown() {
        assert!(height(0).is_err() && height(MIN_HEIGHT).is_ok() && height(MAX_WIDTH + 1).is_err());
        assert!(width(MIN_WIDTH - 1).is_err() && width(1200).is_ok());
        assert!(frame_ms(0).is_err() && frame_ms(250).is_ok() && hold_ms(u32::MAX).is_err() && hold_ms(0).is_ok());
        assert_eq!(duration(60.0, 240).unwrap(), 250);
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 0.001, 1e9] {
            assert!(
                duration(bad, 240).unwrap_err().to_string().contains("expected 2.4 to 14400 s for 240 dates"),
                "{bad}"
            );
        }
        assert!(max_distance_km(f64::NAN).is_err() && max_distance_km(1e300).is_err() && max_distance_km(5.0).is_ok());
    }

    #[test]
    fn a_bbox_shows_part_of_the_area_within_the_projection() {
        let area = LonLatBox { west: 43.0, south: 36.0, east: 43.5, north: 36.5 };
        let projection = ProjectionSpec { lon0: 43.25, lat0: 36.25 };
        assert!(bbox("43.1,36.1,43.2,36.2", &area, &projection).is_ok());
        assert!(bbox("42,35,44,37", &area, &projection).is_ok());
        let refused = |text| bbox(text, &area, &projection).unwrap_err().to_string();
        assert_eq!(
            refused("10,10,11,11"),
            "error: --bbox: \"10,10,11,11\": expected a box that overlaps the dataset's area 43,36,43.5,36.5"
        );
        assert!(refused("-170,-80,170,80").contains("within 15° of the projection's centre (28.25 to 58.25)"));
        assert!(refused("43.5,36,44,36.5").contains("overlaps"), "sharing an edge shows nothing");
        assert!(refused("\u{1b}[2K").starts_with("error: --bbox: \"\\u{1b}[2K\": expected four numbers"));
        assert!(refused("nan,36,43.5,36.5").contains("west NaN"));
    }

    #[test]
    fn steps_dates_and_sides_parse() {
        assert_eq!(step("2w"), Ok(14));
        for bad in ["0d", "-1d", "1", "d", "99999999999999999999w", "1.5d"] {
            assert!(step(bad).is_err(), "{bad}");
        }
        assert!(date("2016-02-30").is_err() && date("2016-11").is_err() && date("2016-11-05").is_ok());
        assert_eq!(actor_side("Forces = of Iraq=gov").unwrap(), ("Forces = of Iraq".into(), "gov".into()));
        assert!(actor_side("=gov").is_err() && actor_side("gov").is_err());
    }
}

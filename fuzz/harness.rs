//! What the fuzz targets feed their input to, shared with `tests/fuzz_regressions.rs` so
//! that every input the fuzzer ever found is replayed by `cargo test`. Each function must
//! return (with the input loaded or rejected as bad input) and never panic.

use frontline::dataset::{Dataset, DatasetFiles};
use frontline::model::control::Timeline;
use frontline::render::{FrameOptions, Lang, frame_svg};

/// The fixture dataset the inputs are put into.
fn tiny() -> DatasetFiles {
    let text = |s: &str| s.to_string();
    DatasetFiles {
        origin: "fuzz".to_string(),
        manifest: text(include_str!("../tests/fixtures/tiny/dataset.toml")),
        places: text(include_str!("../tests/fixtures/tiny/places.csv")),
        events: text(include_str!("../tests/fixtures/tiny/events.csv")),
        basemap: vec![(
            "rivers.geojson".to_string(),
            text(include_str!("../tests/fixtures/tiny/basemap/rivers.geojson")),
        )],
        claims: None,
        outlines: None,
        regions: None,
    }
}

/// Loads the dataset and, when it loads, draws one frame of it.
fn load_and_draw(files: &DatasetFiles) {
    let Ok(dataset) = Dataset::parse(files) else { return };
    let timeline = Timeline::new(&dataset);
    let date = dataset.manifest.period.end;
    let options = FrameOptions {
        date,
        width: 480.0,
        view: dataset.manifest.area,
        lang: Lang::English,
        theme: Default::default(),
        furniture: Default::default(),
        editorial: Default::default(),
        aspect: None,
    };
    let svg = frame_svg(&dataset, &timeline, options);
    assert!(svg.starts_with("<svg"), "a frame is an SVG document");
    // A dataset that loads is one that can be drawn: no coordinate may come out NaN or inf.
    assert!(!svg.contains("NaN"), "a frame of a loaded dataset has finite coordinates");
}

pub fn places(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    load_and_draw(&DatasetFiles { places: text.to_string(), ..tiny() });
}

pub fn events(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    load_and_draw(&DatasetFiles { events: text.to_string(), ..tiny() });
}

pub fn manifest(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    load_and_draw(&DatasetFiles { manifest: text.to_string(), ..tiny() });
}

/// The input as place outlines, and as a basemap layer.
pub fn geojson(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    load_and_draw(&DatasetFiles { outlines: Some(text.to_string()), ..tiny() });
    load_and_draw(&DatasetFiles { basemap: vec![("rivers.geojson".to_string(), text.to_string())], ..tiny() });
}

/// The input as a place name: folded, resolved, and named by an event.
pub fn names(bytes: &[u8]) {
    let Ok(name) = std::str::from_utf8(bytes) else { return };
    let _ = frontline::dataset::names::fold(name);
    let files = tiny();
    if let Ok(dataset) = Dataset::parse(&files) {
        let _ = dataset.gazetteer.resolve(name);
    }
    let cell = format!("\"{}\"", name.replace('"', "\"\"")).replace(['\n', '\r'], " ");
    let events = format!("{}2016-11-20,day,{cell},gov,captured,,,seed:test,\n", files.events);
    load_and_draw(&DatasetFiles { events, ..files });
}

/// A small dataset made from the bytes: up to eight places anywhere in (and around) the
/// fixture's area, of any kind and bank, and events between them on any dates and sides.
pub fn dataset(bytes: &[u8]) {
    let Some((&count, rest)) = bytes.split_first() else { return };
    let count = usize::from(count % 8) + 1;
    if rest.len() < count * 4 {
        return;
    }
    let (place_bytes, event_bytes) = rest.split_at(count * 4);
    const KINDS: [&str; 7] = ["city", "town", "district", "village", "base", "bridge", "landmark"];
    const BANKS: [&str; 3] = ["", "east", "west"];
    let mut places = String::from("id,name,kind,bank,lat,lon,coord_precision_m,coord_source,colocated\n");
    for (i, p) in place_bytes.chunks_exact(4).enumerate() {
        let lat = 36.0 + f64::from(p[0]) / 255.0 * 0.7;
        let lon = 42.8 + f64::from(p[1]) / 255.0 * 0.9;
        let (kind, bank) = (KINDS[usize::from(p[2]) % 7], BANKS[usize::from(p[3]) % 3]);
        places.push_str(&format!("p{i},Place {i},{kind},{bank},{lat:.5},{lon:.5},500,fuzz,\n"));
    }
    const SIDES: [&str; 3] = ["isil", "gov", "krg"];
    const STATUSES: [&str; 5] = ["held", "captured", "withdrawn", "contested", "besieged"];
    let mut events = String::from("date,date_precision,place,side,status,opponent,actor,source,note\n");
    for e in event_bytes.chunks_exact(3) {
        let day = jiff::civil::date(2016, 10, 1).saturating_add(jiff::Span::new().days(i64::from(e[0]) % 92));
        let place = usize::from(e[1]) % count;
        let (side, status) = (SIDES[usize::from(e[2]) % 3], STATUSES[usize::from(e[2] / 3) % 5]);
        let opponent = if status == "besieged" { SIDES[usize::from(e[2] / 15) % 3] } else { "" };
        events.push_str(&format!("{day},day,p{place},{side},{status},{opponent},,seed:fuzz,\n"));
    }
    load_and_draw(&DatasetFiles { places, events, basemap: Vec::new(), ..tiny() });
}

/// The input as the value of a flag (the first byte picks which), through the functions the
/// CLI and the commands check it with. Whatever they accept must be safe where it goes;
/// whatever they refuse must be refused with a one-line message that shows no raw control
/// character to the terminal.
pub fn flags(bytes: &[u8]) {
    use frontline::commands::flags;
    use frontline::formats::raster::Format;
    let Some((&which, rest)) = bytes.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let refused = |message: String| {
        assert!(!message.chars().any(char::is_control), "a raw control character in {message:?}");
    };
    let outcome = |result: frontline::error::Result<()>| result.map_err(|e| refused(e.to_string()));
    let files = tiny();
    let manifest = frontline::dataset::manifest::Manifest::parse("dataset.toml", &files.manifest).unwrap();
    let _ = match which % 12 {
        0 => flags::date(text).map(drop).map_err(refused),
        1 => flags::step(text).map(|days| assert!(days > 0)).map_err(refused),
        2 => outcome(flags::id_prefix(text)).map(|()| {
            assert!(text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }),
        3 => outcome(flags::image_format(Some(text), None, Format::Svg).map(drop)),
        4 => {
            outcome(flags::image_format(Some(text), Some(Format::Png), Format::Svg).map(|f| assert_eq!(f, Format::Png)))
        }
        5 => outcome(flags::export_format(text, None).map(drop)),
        6 => outcome(flags::actor_side(text).map(|(actor, side)| assert!(!actor.is_empty() && !side.is_empty()))),
        7 => outcome(flags::bbox(text, &manifest.area, &manifest.projection).map(|b| {
            assert!(b.overlaps(&manifest.area) && [b.west, b.south, b.east, b.north].iter().all(|v| v.is_finite()));
        })),
        8 => text.parse().map_or(Ok(()), |px| outcome(flags::width(px)).and(outcome(flags::height(px)))),
        9 => text.parse().map_or(Ok(()), |ms| outcome(flags::frame_ms(ms)).and(outcome(flags::hold_ms(ms)))),
        10 => text.parse().map_or(Ok(()), |km| outcome(flags::max_distance_km(km))),
        _ => text.parse().map_or(Ok(()), |s: f64| {
            let frames = rest.len() * 97;
            outcome(flags::duration(s, frames).map(|ms| assert!((10..=60_000).contains(&ms))))
        }),
    };
}

//! Annotations a graphics desk or a map maker adds to a map by hand: arrows (an advance),
//! text at a point (a front, a pocket), highlighted areas, each optionally limited to a
//! range of dates. They come from a TOML file written by hand (problems located by line and
//! column) or a GeoJSON file drawn in QGIS or geojson.io (problems located by feature).
//!
//! TOML:
//!
//! ```toml
//! [[arrow]]
//! line = [[43.05, 36.20], [43.10, 36.28]]   # longitude, latitude; the head at the last point
//! text = "9th Division"
//! from = 2017-02-19                          # shown from this date...
//! to = 2017-03-07                            # ...to this one, both included
//! side = "gov"                               # drawn in a side's colour (or colour = "#rrggbb")
//!
//! [[label]]
//! at = [43.13, 36.34]
//! text = "Old City"
//!
//! [[area]]
//! outline = [[43.12, 36.33], [43.14, 36.33], [43.14, 36.35]]
//! text = "Last pocket"
//! ```
//!
//! GeoJSON: a FeatureCollection of LineStrings (arrows), Points (labels) and Polygons
//! (areas, their outer ring), with the same `text`, `from`, `to`, `side` and `colour`
//! properties; other properties are ignored, as GIS tools add their own.

use std::path::Path;

use jiff::civil::Date;
use toml::Spanned;

use crate::dataset::events::EventDate;
use crate::dataset::manifest::{SideId, Sides, is_hex_colour};
use crate::error::{Error, Location, Problem, Problems, Result};

/// One mark drawn over the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub mark: Mark,
    /// Written at the mark: at a label's point, the tail of an arrow, inside an area. May be
    /// empty for arrows and areas; `\n` breaks a line.
    pub text: String,
    /// The first date it is shown on; always from the start when `None`.
    pub from: Option<Date>,
    /// The last date it is shown on; to the end when `None`.
    pub to: Option<Date>,
    pub colour: Colour,
}

/// The shape of an annotation, in longitude and latitude.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A line through its points with a head at the last.
    Arrow(Vec<(f64, f64)>),
    /// Text at a point.
    Label((f64, f64)),
    /// An outline, closed by drawing it.
    Area(Vec<(f64, f64)>),
}

/// The colour an annotation is drawn in.
#[derive(Debug, Clone, PartialEq)]
pub enum Colour {
    /// The theme's ink.
    Ink,
    /// The colour the theme gives a side.
    Side(SideId),
    /// `#rrggbb`.
    Hex(String),
}

impl Annotation {
    /// Whether the annotation is shown on `date`.
    pub fn shown_on(&self, date: Date) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
    }
}

/// Reads an annotations file: `.geojson` or `.json` as GeoJSON, anything else as TOML.
pub fn load(path: &Path, sides: &Sides) -> Result<Vec<Annotation>> {
    let file = path.display().to_string();
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if extension == "geojson" || extension == "json" {
        parse_geojson(&file, &crate::dataset::reading::read_json(path)?, sides)
    } else {
        parse_toml(&file, &crate::dataset::reading::read_text(path)?, sides)
    }
}

/// The TOML form: `[[arrow]]`, `[[label]]` and `[[area]]` tables.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    arrow: Vec<Spanned<TomlEntry>>,
    #[serde(default)]
    label: Vec<Spanned<TomlEntry>>,
    #[serde(default)]
    area: Vec<Spanned<TomlEntry>>,
}

/// Any entry: which of `line`, `at` and `outline` it must have depends on its table.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlEntry {
    line: Option<Spanned<Vec<Spanned<Vec<f64>>>>>,
    at: Option<Spanned<Vec<f64>>>,
    outline: Option<Spanned<Vec<Spanned<Vec<f64>>>>>,
    #[serde(default)]
    text: String,
    from: Option<Spanned<toml::Value>>,
    to: Option<Spanned<toml::Value>>,
    side: Option<Spanned<String>>,
    colour: Option<Spanned<String>>,
}

/// The kinds of annotation, as their TOML tables are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Arrow,
    Label,
    Area,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Arrow => "arrow",
            Kind::Label => "label",
            Kind::Area => "area",
        }
    }

    /// The key holding its position and what it expects there.
    fn position_key(self) -> (&'static str, &'static str) {
        match self {
            Kind::Arrow => ("line", "a list of at least 2 [longitude, latitude] points, the head at the last"),
            Kind::Label => ("at", "one [longitude, latitude] point"),
            Kind::Area => ("outline", "a list of at least 3 [longitude, latitude] points"),
        }
    }
}

/// Parses the TOML form, reporting every problem of every entry.
pub fn parse_toml(file: &str, text: &str, sides: &Sides) -> Result<Vec<Annotation>> {
    let raw: TomlFile = crate::error::from_toml(file, text)?;
    let mut problems = Problems::default();
    let mut annotations = Vec::new();
    for (kind, entries) in [(Kind::Arrow, raw.arrow), (Kind::Label, raw.label), (Kind::Area, raw.area)] {
        for (index, entry) in entries.iter().enumerate() {
            let at = |offset: usize, key: &str| {
                let field = format!("{}[{index}]{key}", kind.table());
                Location { field: Some(field), ..Location::at_offset(file, text, offset) }
            };
            match toml_fields(kind, entry, &at).annotation(sides) {
                Ok(annotation) => annotations.push(annotation),
                Err(found) => found.into_iter().for_each(|p| problems.push(p)),
            }
        }
    }
    problems.into_result(annotations)
}

/// The values of a TOML entry of `kind`, located by `at(byte offset, key path)`.
fn toml_fields<'e>(kind: Kind, entry: &'e Spanned<TomlEntry>, at: &impl Fn(usize, &str) -> Location) -> Fields<'e> {
    let whole = at(entry.span().start, "");
    let entry = entry.get_ref();
    let point = |p: &Spanned<Vec<f64>>, key: &str| point(p.get_ref(), at(p.span().start, key));
    let points = |list: &Spanned<Vec<Spanned<Vec<f64>>>>, key: &str| -> Vec<_> {
        list.get_ref().iter().enumerate().map(|(i, p)| point(p, &format!(".{key}[{i}]"))).collect()
    };
    let mut misplaced = Vec::new();
    let mut position = Vec::new();
    let offsets = [
        ("line", entry.line.as_ref().map(|l| l.span().start)),
        ("at", entry.at.as_ref().map(|p| p.span().start)),
        ("outline", entry.outline.as_ref().map(|l| l.span().start)),
    ];
    let (key, expected) = kind.position_key();
    for (name, offset) in offsets {
        let Some(offset) = offset else { continue };
        if name != key {
            let message = format!("`{name}` in an {} entry: expected `{key}`, {expected}", kind.table());
            misplaced.push(Problem::new(at(offset, &format!(".{name}")), message));
        }
    }
    match kind {
        Kind::Arrow => position.extend(entry.line.as_ref().map(|l| points(l, "line")).unwrap_or_default()),
        Kind::Label => position.extend(entry.at.as_ref().map(|p| point(p, ".at"))),
        Kind::Area => position.extend(entry.outline.as_ref().map(|l| points(l, "outline")).unwrap_or_default()),
    }
    let date = |value: &Option<Spanned<toml::Value>>, key: &str| {
        value.as_ref().map(|v| toml_date(v.get_ref(), at(v.span().start, key))).transpose()
    };
    let located = |value: &'e Option<Spanned<String>>, key: &str| {
        value.as_ref().map(|v| (v.get_ref().as_str(), at(v.span().start, key)))
    };
    Fields {
        kind: Some(kind),
        at: whole,
        points: position,
        text: entry.text.clone(),
        from: date(&entry.from, ".from"),
        to: date(&entry.to, ".to"),
        side: located(&entry.side, ".side"),
        colour: located(&entry.colour, ".colour"),
        problems: misplaced,
    }
}

/// A TOML date: a bare date (`2017-02-19`) or the same in quotes.
fn toml_date(value: &toml::Value, at: Location) -> std::result::Result<Date, Problem> {
    let text = match value {
        toml::Value::Datetime(datetime) => datetime.to_string(),
        toml::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    date(&text, at)
}

/// Parses the GeoJSON form, reporting every problem of every feature.
pub fn parse_geojson(file: &str, text: &str, sides: &Sides) -> Result<Vec<Annotation>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let collection: geojson::FeatureCollection = text.parse().map_err(|e| {
        Error::Input(vec![
            Problem::new(Location::file(file), format!("{e}")).with_help("expected a GeoJSON FeatureCollection"),
        ])
    })?;
    let mut problems = Problems::default();
    let mut annotations = Vec::new();
    for (index, feature) in collection.features.iter().enumerate() {
        let at = |key: &str| Location { field: Some(format!("features[{index}]{key}")), ..Location::file(file) };
        let property = |name: &str| feature.property(name);
        let string = |name: &str| match property(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(text)) => Ok(Some(text.as_str())),
            Some(other) => Err(Problem::new(at(&format!(".properties.{name}")), format!("{other}: expected text"))),
        };
        let mut found: Vec<Problem> = Vec::new();
        let mut text_of = |name: &str| {
            string(name).unwrap_or_else(|p| {
                found.push(p);
                None
            })
        };
        let (text, from, to, side, colour) =
            (text_of("text"), text_of("from"), text_of("to"), text_of("side"), text_of("colour"));
        let (kind, points) = match geojson_position(feature, &at("")) {
            Ok((kind, points)) => (Some(kind), points),
            Err(problem) => {
                found.push(problem);
                (None, Vec::new())
            }
        };
        let property_at = |name: &str| at(&format!(".properties.{name}"));
        let fields = Fields {
            kind,
            at: at(""),
            points: points.into_iter().map(|p| point(&p, at(".geometry"))).collect(),
            text: text.unwrap_or_default().to_string(),
            from: from.map(|d| date(d, property_at("from"))).transpose(),
            to: to.map(|d| date(d, property_at("to"))).transpose(),
            side: side.map(|s| (s, property_at("side"))),
            colour: colour.map(|c| (c, property_at("colour"))),
            problems: found,
        };
        match fields.annotation(sides) {
            Ok(annotation) => annotations.push(annotation),
            Err(found) => found.into_iter().for_each(|p| problems.push(p)),
        }
    }
    problems.into_result(annotations)
}

/// The kind a feature's geometry makes and its positions.
fn geojson_position(feature: &geojson::Feature, at: &Location) -> std::result::Result<(Kind, Vec<Vec<f64>>), Problem> {
    use geojson::GeometryValue as G;
    let expected = "expected a Point (a label), a LineString (an arrow) or a Polygon (an area)";
    let Some(geometry) = &feature.geometry else {
        return Err(Problem::new(at.clone(), format!("no geometry: {expected}")));
    };
    let positions = |list: &[geojson::Position]| list.iter().map(|p| p.as_slice().to_vec()).collect();
    match &geometry.value {
        G::Point { coordinates } => Ok((Kind::Label, vec![coordinates.as_slice().to_vec()])),
        G::LineString { coordinates } => Ok((Kind::Arrow, positions(coordinates))),
        G::Polygon { coordinates } => {
            Ok((Kind::Area, coordinates.first().map(|ring| positions(ring)).unwrap_or_default()))
        }
        other => Err(Problem::new(at.clone(), format!("a {}: {expected}", other.type_name()))),
    }
}

/// An entry's values, each already located, whichever form they came from.
struct Fields<'a> {
    /// `None` when the position could not be read (a GeoJSON geometry of another type).
    kind: Option<Kind>,
    /// The entry as a whole.
    at: Location,
    points: Vec<std::result::Result<(f64, f64), Problem>>,
    text: String,
    from: std::result::Result<Option<Date>, Problem>,
    to: std::result::Result<Option<Date>, Problem>,
    side: Option<(&'a str, Location)>,
    colour: Option<(&'a str, Location)>,
    /// Problems found while reading the entry, before its values are checked.
    problems: Vec<Problem>,
}

impl Fields<'_> {
    /// The annotation, or every problem with it.
    fn annotation(self, sides: &Sides) -> std::result::Result<Annotation, Vec<Problem>> {
        let mut problems = self.problems;
        let points: Vec<(f64, f64)> =
            self.points.into_iter().filter_map(|p| p.map_err(|e| problems.push(e)).ok()).collect();
        let mark = match self.kind {
            Some(kind) if problems.is_empty() => mark(kind, points, &self.at).map_err(|e| problems.push(e)).ok(),
            _ => None,
        };
        if self.kind == Some(Kind::Label) && self.text.trim().is_empty() {
            let message = "a label without `text`: expected the words to write at its point";
            problems.push(Problem::new(self.at.clone(), message));
        }
        let from = self.from.map_err(|e| problems.push(e)).ok().flatten();
        let to = self.to.map_err(|e| problems.push(e)).ok().flatten();
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            problems.push(Problem::new(self.at.clone(), format!("`from` {from} is after `to` {to}")));
        }
        let colour = colour(self.side, self.colour, sides).map_err(|e| problems.push(e)).ok();
        match (mark, colour) {
            (Some(mark), Some(colour)) if problems.is_empty() => {
                Ok(Annotation { mark, text: self.text, from, to, colour })
            }
            _ => Err(problems),
        }
    }
}

/// A `[longitude, latitude]` pair, finite and in range.
fn point(values: &[f64], at: Location) -> std::result::Result<(f64, f64), Problem> {
    let expected = "expected [longitude, latitude] in degrees, longitude from -180 to 180, latitude from -90 to 90";
    match *values {
        [lon, lat] | [lon, lat, _] if lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0 => {
            Ok((lon, lat))
        }
        _ => Err(Problem::new(at, format!("{values:?}: {expected}"))),
    }
}

/// The mark of `kind` through `points`, if there are enough of them.
fn mark(kind: Kind, mut points: Vec<(f64, f64)>, at: &Location) -> std::result::Result<Mark, Problem> {
    points.dedup();
    if kind == Kind::Area && points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    let needed = match kind {
        Kind::Arrow => 2,
        Kind::Label => 1,
        Kind::Area => 3,
    };
    if points.len() < needed {
        let (key, expected) = kind.position_key();
        let message = format!("{} distinct points in `{key}`: expected {expected}", points.len());
        return Err(Problem::new(at.clone(), message));
    }
    Ok(match kind {
        Kind::Arrow => Mark::Arrow(points),
        Kind::Label => Mark::Label(points[0]),
        Kind::Area => Mark::Area(points),
    })
}

fn date(text: &str, at: Location) -> std::result::Result<Date, Problem> {
    match EventDate::parse(text) {
        Some(EventDate::Day(day)) => Ok(day),
        _ => Err(Problem::new(at, format!("\"{text}\": expected a date, YYYY-MM-DD"))),
    }
}

/// The colour named by `side` or `colour`, at most one of them.
fn colour(
    side: Option<(&str, Location)>,
    colour: Option<(&str, Location)>,
    sides: &Sides,
) -> std::result::Result<Colour, Problem> {
    match (side, colour) {
        (Some(_), Some((_, at))) => Err(Problem::new(at, "both `side` and `colour`: expected one of them")),
        (Some((id, at)), None) => sides
            .find(id)
            .map(Colour::Side)
            .ok_or_else(|| Problem::new(at, format!("\"{id}\": expected a side of the dataset ({})", sides.ids()))),
        (None, Some((hex, _))) if is_hex_colour(hex) => Ok(Colour::Hex(hex.to_ascii_lowercase())),
        (None, Some((hex, at))) => Err(Problem::new(at, format!("\"{hex}\": expected a colour written #rrggbb"))),
        (None, None) => Ok(Colour::Ink),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::manifest::Manifest;

    fn sides() -> Sides {
        let text = include_str!("../../tests/fixtures/tiny/dataset.toml");
        Manifest::parse("dataset.toml", text).unwrap().sides
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    const EXAMPLE: &str = r##"
[[arrow]]
line = [[43.05, 36.20], [43.10, 36.28], [43.12, 36.33]]
text = "9th Division"
from = 2017-02-19
to = "2017-03-07"
side = "gov"

[[label]]
at = [43.13, 36.34]
text = "Old City"

[[area]]
outline = [[43.12, 36.33], [43.14, 36.33], [43.14, 36.35], [43.12, 36.33]]
colour = "#AA3300"
"##;

    #[test]
    fn the_three_kinds_read_with_their_dates_and_colours() {
        let found = parse_toml("notes.toml", EXAMPLE, &sides()).unwrap();
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].mark, Mark::Arrow(vec![(43.05, 36.20), (43.10, 36.28), (43.12, 36.33)]));
        assert_eq!((found[0].from, found[0].to), (Some(day("2017-02-19")), Some(day("2017-03-07"))));
        assert_eq!(found[0].colour, Colour::Side(1));
        assert!(found[0].shown_on(day("2017-03-07")) && !found[0].shown_on(day("2017-03-08")));
        assert_eq!(found[1].mark, Mark::Label((43.13, 36.34)));
        assert!(found[1].shown_on(day("1900-01-01")), "an undated annotation is always shown");
        assert_eq!(found[2].mark, Mark::Area(vec![(43.12, 36.33), (43.14, 36.33), (43.14, 36.35)]), "closed or not");
        assert_eq!(found[2].colour, Colour::Hex("#aa3300".into()));
    }

    #[test]
    fn every_bad_value_is_located_by_line_column_and_key() {
        let text = "[[arrow]]\nline = [[43.0, 36.2], [200.0, 36.3]]\nside = \"nobody\"\n\n\
                    [[label]]\nat = [43.1, nan]\n\n\
                    [[label]]\nat = [43.1, 36.3]\ntext = \"x\"\nfrom = 2017-03-01\nto = 2017-02-01\n\n\
                    [[area]]\nline = [[1.0, 2.0], [3.0, 4.0]]\noutline = [[1.0, 2.0], [3.0, 4.0]]\nfrom = \"March\"\n";
        let error = parse_toml("notes.toml", text, &sides()).unwrap_err().to_string();
        let expected = [
            "notes.toml:2:23 (`arrow[0].line[1]`): [200.0, 36.3]: expected [longitude, latitude]",
            "notes.toml:3:8 (`arrow[0].side`): \"nobody\": expected a side of the dataset (isil, gov, krg)",
            "notes.toml:6:6 (`label[0].at`): [43.1, NaN]",
            "notes.toml:5:1 (`label[0]`): a label without `text`",
            "notes.toml:8:1 (`label[1]`): `from` 2017-03-01 is after `to` 2017-02-01",
            "notes.toml:15:8 (`area[0].line`): `line` in an area entry: expected `outline`",
            "notes.toml:17:8 (`area[0].from`): \"March\": expected a date, YYYY-MM-DD",
        ];
        for line in expected {
            assert!(error.contains(line), "{line}\nnot in\n{error}");
        }
        assert_eq!(error.lines().count(), 7, "{error}");
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_located() {
        let error = parse_toml("n.toml", "[[label]]\nat = [43.1, 36.3]\ntext = \"x\"\ncolor = \"#000000\"\n", &sides());
        assert!(error.unwrap_err().to_string().contains("n.toml:4:1"), "a misspelt key is not ignored");
        let error = parse_toml("n.toml", "[[arrows]]\nline = []\n", &sides()).unwrap_err().to_string();
        assert!(error.contains("unknown field `arrows`"), "{error}");
        let error = parse_toml("n.toml", "[[label]]\nat = \"here\"\n", &sides()).unwrap_err().to_string();
        assert!(error.contains("n.toml:2:"), "{error}");
    }

    #[test]
    fn geojson_features_become_annotations_and_problems_name_the_feature() {
        let text = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"text": "Front", "fid": 3},
           "geometry": {"type": "Point", "coordinates": [43.1, 36.3]}},
          {"type": "Feature", "properties": {"side": "krg", "from": "2016-10-17"},
           "geometry": {"type": "LineString", "coordinates": [[43.5, 36.4], [43.4, 36.4]]}},
          {"type": "Feature", "properties": {},
           "geometry": {"type": "Polygon", "coordinates": [[[43.1, 36.3], [43.2, 36.3], [43.2, 36.4], [43.1, 36.3]]]}}
        ]}"#;
        let found = parse_geojson("a.geojson", text, &sides()).unwrap();
        assert_eq!(found[0].mark, Mark::Label((43.1, 36.3)));
        assert_eq!(found[1].colour, Colour::Side(2));
        assert_eq!(found[1].from, Some(day("2016-10-17")));
        assert!(matches!(found[2].mark, Mark::Area(ref ring) if ring.len() == 3));

        let bad = r#"{"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"text": 5},
           "geometry": {"type": "MultiPoint", "coordinates": [[43.1, 36.3]]}},
          {"type": "Feature", "properties": {"colour": "red"},
           "geometry": {"type": "LineString", "coordinates": [[43.5, 36.4], [43.5, 96.4]]}}
        ]}"#;
        let error = parse_geojson("a.geojson", bad, &sides()).unwrap_err().to_string();
        for line in [
            "a.geojson (`features[0].properties.text`): 5: expected text",
            "a.geojson (`features[0]`): a MultiPoint: expected a Point (a label), a LineString (an arrow)",
            "a.geojson (`features[1].geometry`): [43.5, 96.4]",
            "a.geojson (`features[1].properties.colour`): \"red\": expected a colour written #rrggbb",
        ] {
            assert!(error.contains(line), "{line}\nnot in\n{error}");
        }
        assert!(parse_geojson("a.geojson", "[1, 2]", &sides()).is_err());
    }

    proptest::proptest! {
        /// Whatever the text, reading it gives annotations or located problems, never a panic.
        #[test]
        fn any_text_reads_without_panicking(text in "(\\[\\[(arrow|label|area)\\]\\]\n|[a-z]{1,7} = |\\[|\\]|, |-?[0-9]{1,3}(\\.[0-9])?|\"[a-z#0-9-]{0,10}\"|nan|inf|\n){0,40}") {
            let _ = parse_toml("any.toml", &text, &sides());
            let _ = parse_geojson("any.geojson", &text, &sides());
        }

        /// Valid values written out read back as they were.
        #[test]
        fn written_annotations_read_back(
            points in proptest::collection::vec((-180.0f64..=180.0, -90.0f64..=90.0), 2..6),
            text in "[A-Za-z0-9 '&<>]{0,20}",
            days in (0i32..300, 0i32..300),
        ) {
            let start = day("2016-10-16");
            let (from, to) = (start + jiff::Span::new().days(days.0.min(days.1)), start + jiff::Span::new().days(days.0.max(days.1)));
            let line: Vec<String> = points.iter().map(|(x, y)| format!("[{x:?}, {y:?}]")).collect();
            let toml = format!("[[arrow]]\nline = [{}]\ntext = {:?}\nfrom = {from}\nto = \"{to}\"\n", line.join(", "), text);
            let mut distinct = points.clone();
            distinct.dedup();
            let found = parse_toml("p.toml", &toml, &sides());
            if distinct.len() < 2 {
                proptest::prop_assert!(found.is_err());
            } else {
                let found = found.unwrap();
                proptest::prop_assert_eq!(&found[0].mark, &Mark::Arrow(distinct));
                proptest::prop_assert_eq!(&found[0].text, &text);
                proptest::prop_assert_eq!((found[0].from, found[0].to), (Some(from), Some(to)));
            }
        }
    }
}

//! dataset.toml: what a dataset is (title, period, sides, area of interest, projection,
//! regions, milestones, inset), and the vocabulary every later stage shares: side ids,
//! banks of the river, longitude-latitude boxes, valid ids.

use std::str::FromStr;

use geo::{BoundingRect, Contains, MultiPolygon, Point};
use jiff::civil::Date;
use serde::Deserialize;

use crate::error::{Error, Problem, Result, number};

pub const MANIFEST_FILE: &str = "dataset.toml";

/// The index of a side in [`Sides`].
pub type SideId = usize;

/// A party that can hold places.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    pub id: String,
    pub label: String,
    /// The label in Arabic, for frames drawn with `--lang ar`; empty when not given.
    #[serde(default)]
    pub label_ar: String,
    /// `#rrggbb`
    pub colour: String,
    /// How event sources name the side's forces (e.g. ACLED's "Military Forces of Iraq"),
    /// for importing their events: an actor belongs to the side whose entry starts it.
    #[serde(default)]
    pub actors: Vec<String>,
}

/// The sides of a dataset, in the order dataset.toml lists them (also the legend order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sides(Vec<Side>);

impl Sides {
    pub fn find(&self, id: &str) -> Option<SideId> {
        self.0.iter().position(|s| s.id == id)
    }

    pub fn get(&self, id: SideId) -> &Side {
        &self.0[id]
    }

    pub fn all(&self) -> &[Side] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// "isil, gov, krg", for messages.
    pub fn ids(&self) -> String {
        self.0.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// The dates a dataset covers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// No event may be older: events between `baseline` and `start` build the initial state.
    pub baseline: Date,
    pub start: Date,
    pub end: Date,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}

/// A longitude/latitude box, WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LonLatBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl LonLatBox {
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        self.west <= lon && lon <= self.east && self.south <= lat && lat <= self.north
    }

    pub fn centre(&self) -> (f64, f64) {
        ((self.west + self.east) / 2.0, (self.south + self.north) / 2.0)
    }

    /// Parses `W,S,E,N` as given to `--bbox`: the box, or what is wrong with the text.
    pub fn parse(text: &str) -> std::result::Result<LonLatBox, String> {
        let numbers: Option<Vec<f64>> = text.split(',').map(|s| s.trim().parse().ok()).collect();
        let Some([west, south, east, north]) = numbers.and_then(|n| <[f64; 4]>::try_from(n).ok()) else {
            return Err("expected four numbers W,S,E,N in degrees".to_string());
        };
        let bbox = LonLatBox { west, south, east, north };
        match bbox.problems().into_iter().next() {
            None => Ok(bbox),
            Some((edge, problem)) => Err(format!("{edge} {problem}")),
        }
    }

    /// What is wrong with the box, edge by edge (`west`, `south`, `east`, `north`): a number
    /// that is not a longitude or latitude, or edges in the wrong order.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let axes =
            [(("west", self.west), ("east", self.east), 180.0), (("south", self.south), ("north", self.north), 90.0)];
        for ((low_edge, low), (high_edge, high), limit) in axes {
            let what = if limit == 180.0 { "longitude" } else { "latitude" };
            let out_of_range =
                [(low_edge, low), (high_edge, high)].into_iter().filter(|(_, v)| !(-limit..=limit).contains(v));
            let before = problems.len();
            problems.extend(
                out_of_range
                    .map(|(edge, v)| (edge, format!("{}: expected a {what} from -{limit} to {limit}", number(v)))),
            );
            if problems.len() == before && low >= high {
                let side = if limit == 180.0 { "east" } else { "north" };
                problems.push((
                    high_edge,
                    format!("{}: expected a {what} {side} of {low_edge} ({})", number(high), number(low)),
                ));
            }
        }
        problems
    }

    /// True when the two boxes share more than an edge.
    pub fn overlaps(&self, other: &LonLatBox) -> bool {
        self.west < other.east && other.west < self.east && self.south < other.north && other.south < self.north
    }
}

/// Where the transverse Mercator projection is centred.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectionSpec {
    pub lon0: f64,
    pub lat0: f64,
}

/// How far east or west of its centre a map may reach, in degrees of longitude. A
/// transverse Mercator is true near its central meridian and fails (to NaN) 90° from it;
/// 15° keeps the scale within a few percent, and a dataset's area is far smaller.
pub const MAX_DEGREES_FROM_CENTRE: f64 = 15.0;

impl ProjectionSpec {
    /// What is wrong with the centre, by key (`lon0`, `lat0`).
    fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if !(-180.0..=180.0).contains(&self.lon0) {
            problems.push(("lon0", format!("{}: expected a longitude from -180 to 180", number(self.lon0))));
        }
        if !(-90.0..=90.0).contains(&self.lat0) {
            problems.push(("lat0", format!("{}: expected a latitude from -90 to 90", number(self.lat0))));
        }
        problems
    }

    /// True when every point of `area` lies within [`MAX_DEGREES_FROM_CENTRE`] of the
    /// central meridian, so that the map of it is finite and true.
    pub fn reaches(&self, area: &LonLatBox) -> bool {
        (area.west - self.lon0).abs() <= MAX_DEGREES_FROM_CENTRE
            && (area.east - self.lon0).abs() <= MAX_DEGREES_FROM_CENTRE
    }
}

/// The parameters of the territory rule (`[territory]`; see `model::territory`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerritoryRule {
    /// Rivers of the basemap's `rivers` layer, by name, that territory never crosses. The
    /// first is the river the places' `bank` column refers to.
    #[serde(default)]
    pub rivers: Vec<String>,
    /// Places closer than this are neighbours: the ground between them is held, split
    /// between them by nearness; beyond it, ground is "no information".
    #[serde(default = "TerritoryRule::default_neighbour_km")]
    pub neighbour_km: f64,
}

impl TerritoryRule {
    fn default_neighbour_km() -> f64 {
        10.0
    }

    /// The river the `bank` column of places.csv refers to: the first barrier river, or
    /// the Tigris when none is declared.
    pub fn bank_river(&self) -> &str {
        self.rivers.first().map_or("Tigris", String::as_str)
    }
}

impl Default for TerritoryRule {
    fn default() -> TerritoryRule {
        TerritoryRule { rivers: Vec::new(), neighbour_km: TerritoryRule::default_neighbour_km() }
    }
}

/// The longest neighbour distance a dataset may declare, in km: beyond it the rule would
/// join places no source sees as neighbours.
pub const MAX_NEIGHBOUR_KM: f64 = 100.0;

/// A named part of the area, for statistics and focused views.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub label: String,
    /// west, south, east, north; a region outlined in regions.geojson needs none.
    pub bbox: Option<[f64; 4]>,
    /// Only ground and places on this bank belong to the region.
    #[serde(default, deserialize_with = "bank_from_str")]
    pub bank: Option<Bank>,
    /// The region's outline from regions.geojson, in longitude and latitude; the box when
    /// it has none.
    #[serde(skip)]
    pub outline: Option<MultiPolygon<f64>>,
}

fn bank_from_str<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Bank>, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map(Some).map_err(|()| serde::de::Error::custom("expected \"east\" or \"west\""))
}

impl Region {
    /// The region's box, or its outline's bounding box.
    pub fn lonlat_box(&self) -> LonLatBox {
        if let Some([west, south, east, north]) = self.bbox {
            return LonLatBox { west, south, east, north };
        }
        match self.outline.as_ref().and_then(|o| o.bounding_rect()) {
            Some(r) => LonLatBox { west: r.min().x, south: r.min().y, east: r.max().x, north: r.max().y },
            None => LonLatBox { west: 0.0, south: 0.0, east: 0.0, north: 0.0 },
        }
    }

    /// True when a place at `lonlat` on `bank` lies in the region (and on its bank, if it
    /// has one). A place without a position belongs to `all` and to the regions defined by
    /// the bank it lies on.
    pub fn contains(&self, lonlat: Option<(f64, f64)>, bank: Option<Bank>) -> bool {
        if self.id == "all" {
            return true;
        }
        let on_bank = self.bank.is_none_or(|b| bank == Some(b));
        match (lonlat, &self.outline) {
            (Some((lon, lat)), Some(outline)) => on_bank && outline.contains(&Point::new(lon, lat)),
            (Some((lon, lat)), None) => on_bank && self.lonlat_box().contains(lon, lat),
            (None, _) => on_bank && self.bank.is_some(),
        }
    }
}

/// dataset.toml, parsed and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub title: String,
    /// The title in Arabic; empty when not given.
    pub title_ar: String,
    pub slug: String,
    pub attribution: String,
    pub period: Period,
    pub default_side: SideId,
    pub sides: Sides,
    pub area: LonLatBox,
    pub projection: ProjectionSpec,
    pub regions: Vec<Region>,
    /// The region drawn as an inset where a view shows it too small to read.
    pub inset: Option<String>,
    /// Dated turning points, marked on the timeline chart.
    pub milestones: Vec<Milestone>,
    pub territory: TerritoryRule,
}

/// A dated turning point of the period (an offensive begins, a city is declared taken).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub date: Date,
    pub label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    title: String,
    #[serde(default)]
    title_ar: String,
    slug: String,
    #[serde(default)]
    attribution: String,
    period: Period,
    default_side: String,
    sides: Vec<Side>,
    area: LonLatBox,
    projection: Option<ProjectionSpec>,
    #[serde(default)]
    regions: Vec<Region>,
    inset: Option<String>,
    #[serde(default)]
    milestones: Vec<Milestone>,
    #[serde(default)]
    territory: TerritoryRule,
}

impl Manifest {
    /// Parses and checks dataset.toml; every problem is located at the line and column of
    /// its key.
    pub fn parse(file: &str, text: &str) -> Result<Manifest> {
        let raw: ManifestFile = crate::error::from_toml(file, text)?;
        let mut problems = Complaints { file, text, problems: Vec::new() };
        if !is_valid_id(&raw.slug) {
            problems.at("slug", "expected lowercase letters, digits and '-' (it names output files)".into());
        }
        if !(raw.period.baseline <= raw.period.start && raw.period.start <= raw.period.end) {
            problems.at("period", "expected baseline <= start <= end".into());
        }
        check_sides(&raw.sides, &mut problems);
        let sides = Sides(raw.sides);
        let default_side = sides.find(&raw.default_side);
        if default_side.is_none() {
            let message = format!("\"{}\": expected one of the sides {}", raw.default_side, sides.ids());
            problems.at("default_side", message);
        }
        for (edge, message) in raw.area.problems() {
            problems.at(&format!("area.{edge}"), message);
        }
        let area = raw.area.problems().is_empty().then_some(raw.area);
        let (lon0, lat0) = raw.area.centre();
        let projection = raw.projection.unwrap_or(ProjectionSpec { lon0, lat0 });
        if let Some(area) = area {
            check_projection(raw.projection, &projection, &area, &mut problems);
            check_regions(&raw.regions, &area, &mut problems);
        }
        if let Some(inset) = &raw.inset
            && !raw.regions.iter().any(|r| &r.id == inset)
        {
            let ids: Vec<&str> = raw.regions.iter().map(|r| r.id.as_str()).collect();
            problems.at("inset", format!("\"{inset}\": expected the id of a region ({})", ids.join(", ")));
        }
        for (i, milestone) in raw.milestones.iter().enumerate().filter(|(_, m)| !raw.period.contains(m.date)) {
            problems
                .at(&format!("milestones[{i}].date"), format!("{}: expected a date within the period", milestone.date));
        }
        let neighbour_km = raw.territory.neighbour_km;
        if !(neighbour_km > 0.0 && neighbour_km <= MAX_NEIGHBOUR_KM) {
            let message =
                format!("{}: expected a distance above 0 and up to {MAX_NEIGHBOUR_KM} km", number(neighbour_km));
            problems.at("territory.neighbour_km", message);
        }
        let (Some(default_side), Some(area)) = (default_side, area) else {
            return Err(Error::Input(problems.in_file_order()));
        };
        let manifest = Manifest {
            title: raw.title,
            title_ar: raw.title_ar,
            slug: raw.slug,
            attribution: raw.attribution,
            period: raw.period,
            default_side,
            sides,
            area,
            projection,
            regions: raw.regions,
            inset: raw.inset,
            milestones: raw.milestones,
            territory: raw.territory,
        };
        match problems.in_file_order() {
            found if found.is_empty() => Ok(manifest),
            found => Err(Error::Input(found)),
        }
    }

    /// A region by id; `all` is the whole area of interest.
    pub fn region(&self, id: &str) -> Option<Region> {
        if id == "all" {
            let a = self.area;
            return Some(Region {
                id: "all".into(),
                label: "Whole area".into(),
                bbox: Some([a.west, a.south, a.east, a.north]),
                bank: None,
                outline: None,
            });
        }
        self.regions.iter().find(|r| r.id == id).cloned()
    }

    /// Every region id, `all` first.
    pub fn region_ids(&self) -> Vec<&str> {
        std::iter::once("all").chain(self.regions.iter().map(|r| r.id.as_str())).collect()
    }
}

/// Problems of dataset.toml, each located at the key its path names.
struct Complaints<'t> {
    file: &'t str,
    text: &'t str,
    problems: Vec<Problem>,
}

impl Complaints<'_> {
    fn at(&mut self, path: &str, message: String) {
        self.push(Problem::new(crate::error::toml_location(self.file, self.text, path), message));
    }

    fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// The problems as a reader meets them, top to bottom.
    fn in_file_order(mut self) -> Vec<Problem> {
        self.problems.sort_by_key(|p| (p.location.line.unwrap_or(u64::MAX), p.location.column));
        self.problems
    }
}

/// At least one side; each id valid and given once, each label written, each colour a colour.
fn check_sides(sides: &[Side], problems: &mut Complaints<'_>) {
    if sides.is_empty() {
        problems.at("sides", "expected at least one [[sides]] table".into());
    }
    for (i, side) in sides.iter().enumerate() {
        let key = |name: &str| format!("sides[{i}].{name}");
        if !is_valid_id(&side.id) {
            problems.at(&key("id"), format!("\"{}\": expected an id of lowercase letters, digits and '-'", side.id));
        } else if let Some(first) = sides[..i].iter().position(|s| s.id == side.id) {
            let at = crate::error::toml_location(problems.file, problems.text, &key("id"));
            let first_at = crate::error::toml_location(problems.file, problems.text, &format!("sides[{first}].id"));
            let line = first_at.line.map_or(String::new(), |line| format!(" (line {line})"));
            problems.push(
                Problem::new(at, format!("duplicate side id \"{}\": expected each side once", side.id))
                    .with_help(format!("it is already the id of side {}{line}", first + 1)),
            );
        }
        if side.label.trim().is_empty() {
            problems.at(&key("label"), "expected a label, the name the legend and captions give the side".into());
        }
        if !is_hex_colour(&side.colour) {
            problems.at(&key("colour"), format!("\"{}\": expected a colour written #rrggbb", side.colour));
        }
    }
}

/// The centre, given or the area's own, is a longitude and a latitude from which the whole
/// area can be drawn.
fn check_projection(
    given: Option<ProjectionSpec>,
    projection: &ProjectionSpec,
    area: &LonLatBox,
    problems: &mut Complaints<'_>,
) {
    let range = format!("{} to {}", area.west, area.east);
    match given {
        Some(given) if !given.problems().is_empty() => {
            for (key, message) in given.problems() {
                problems.at(&format!("projection.{key}"), message);
            }
        }
        Some(_) if !projection.reaches(area) => problems.at(
            "projection.lon0",
            format!(
                "{}: expected a longitude within {MAX_DEGREES_FROM_CENTRE}° of the whole area of interest ({range})",
                projection.lon0
            ),
        ),
        None if !projection.reaches(area) => problems.at(
            "area",
            format!(
                "{range}: expected an area at most {}° of longitude wide, for a transverse Mercator is true only near its centre",
                2.0 * MAX_DEGREES_FROM_CENTRE
            ),
        ),
        _ => {}
    }
}

/// Region ids valid, other than `all` and given once; labels written; boxes valid and
/// overlapping the area of interest (a region beyond it holds nothing to map or count).
fn check_regions(regions: &[Region], area: &LonLatBox, problems: &mut Complaints<'_>) {
    for (i, region) in regions.iter().enumerate() {
        let key = |name: &str| format!("regions[{i}].{name}");
        if !is_valid_id(&region.id) || region.id == "all" {
            problems.at(&key("id"), format!("\"{}\": expected an id other than \"all\"", region.id));
        } else if regions[..i].iter().any(|r| r.id == region.id) {
            problems.at(&key("id"), format!("\"{}\": expected each region id once", region.id));
        }
        if region.label.trim().is_empty() {
            problems.at(&key("label"), "expected a label, the name statistics and charts give the region".into());
        }
        if region.bbox.is_none() {
            continue; // outlined in regions.geojson, checked there
        }
        let bbox = region.lonlat_box();
        let edges = ["west", "south", "east", "north"];
        for (edge, message) in bbox.problems() {
            let index = edges.iter().position(|e| *e == edge).unwrap_or(0);
            problems.at(&format!("regions[{i}].bbox[{index}]"), format!("region {}: {edge} {message}", region.id));
        }
        if bbox.problems().is_empty() && !bbox.overlaps(area) {
            let message = format!("region {}: expected a box that overlaps the area of interest", region.id);
            problems.at(&key("bbox"), message);
        }
    }
}

/// `#rrggbb`.
pub(crate) fn is_hex_colour(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// The side of the Tigris a place in or near Mosul lies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bank {
    East,
    West,
}

impl Bank {
    pub fn as_str(self) -> &'static str {
        match self {
            Bank::East => "east",
            Bank::West => "west",
        }
    }
}

impl FromStr for Bank {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Bank, ()> {
        match s {
            "east" => Ok(Bank::East),
            "west" => Ok(Bank::West),
            _ => Err(()),
        }
    }
}

/// Ids are lowercase ASCII letters, digits and inner hyphens, so they are safe in file
/// names, URLs and SVG ids.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const MANIFEST: &str = r##"
title = "Test"
slug = "test"
default_side = "red"
[period]
baseline = "2016-01-01"
start = "2016-10-16"
end = "2016-12-31"
[[sides]]
id = "red"
label = "Red"
colour = "#cc0000"
[[sides]]
id = "blue"
label = "Blue"
colour = "#0000cc"
[area]
west = 43.0
south = 36.0
east = 44.0
north = 37.0
"##;

    fn problems(text: &str) -> Vec<String> {
        match Manifest::parse("dataset.toml", text) {
            Err(Error::Input(p)) => p.iter().map(ToString::to_string).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn a_manifest_parses_and_centres_its_projection() {
        let m = Manifest::parse("dataset.toml", MANIFEST).unwrap();
        assert_eq!(m.sides.len(), 2);
        assert_eq!(m.default_side, 0);
        assert_eq!((m.projection.lon0, m.projection.lat0), (43.5, 36.5));
        assert!(m.region("all").unwrap().lonlat_box().contains(43.2, 36.3));
    }

    #[test]
    fn toml_errors_point_at_line_and_column() {
        let found = problems(&MANIFEST.replace("end = \"2016-12-31\"", "end = \"2016-13-31\""));
        assert!(found[0].starts_with("dataset.toml:8:1 (`period.end`): "), "{found:?}");
    }

    #[test]
    fn wrong_types_point_at_their_key() {
        let found = problems(&MANIFEST.replace("north = 37.0", "north = \"37\""));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("dataset.toml:21:1 (`area.north`): invalid type: string \"37\", expected f64"),
            "{found:?}"
        );
        assert!(found[0].contains("help: numbers are written bare"), "{found:?}");
        let found = problems(&MANIFEST.replace("colour = \"#0000cc\"", "colour = 5"));
        assert!(found[0].starts_with("dataset.toml:16:1 (`sides[1].colour`): invalid type"), "{found:?}");
    }

    #[test]
    fn every_syntax_error_is_reported() {
        let found =
            problems(&MANIFEST.replace("slug = \"test\"", "slug = test").replace("west = 43.0", "west = 43.0.1"));
        let lines: Vec<_> = found.iter().map(|p| p.split(' ').next().unwrap()).collect();
        assert_eq!(lines, ["dataset.toml:3:8:", "dataset.toml:18:12:"], "{found:?}");
    }

    #[test]
    fn semantic_errors_name_the_key() {
        let found = problems(
            &MANIFEST.replace("#0000cc", "blue").replace("default_side = \"red\"", "default_side = \"green\""),
        );
        assert!(found.iter().any(|p| p.contains("dataset.toml:16:1 (`sides[1].colour`)")), "{found:?}");
        assert!(
            found.iter().any(|p| p.contains("dataset.toml:4:1 (`default_side`)") && p.contains("red, blue")),
            "{found:?}"
        );
    }

    /// Each problem of dataset.toml found after parsing, at the line and column of its key.
    #[test]
    fn semantic_errors_are_located_at_their_keys() {
        let found = problems(
            &MANIFEST
                .replace("colour = \"#0000cc\"", "colour = \"#zzz\"")
                .replace("id = \"blue\"", "id = \"red\"")
                .replace("default_side = \"red\"", "default_side = \"red\"\ninset = \"nowhere\"")
                .replace("north = 37.0", "north = 36.0"),
        );
        assert_eq!(
            found,
            [
                "dataset.toml:5:1 (`inset`): \"nowhere\": expected the id of a region ()",
                "dataset.toml:15:1 (`sides[1].id`): duplicate side id \"red\": expected each side once\n  help: it is already the id of side 1 (line 11)",
                "dataset.toml:17:1 (`sides[1].colour`): \"#zzz\": expected a colour written #rrggbb",
                "dataset.toml:22:1 (`area.north`): 36: expected a latitude north of south (36)",
            ]
        );
    }

    #[test]
    fn the_projection_centre_is_a_finite_point_near_the_area() {
        let with = |lines: &str| problems(&format!("{MANIFEST}[projection]\n{lines}\n"));
        for (lines, says) in [
            (
                "lon0 = nan\nlat0 = 36.5",
                "dataset.toml:23:1 (`projection.lon0`): NaN: expected a longitude from -180 to 180",
            ),
            (
                "lon0 = 43.5\nlat0 = nan",
                "dataset.toml:24:1 (`projection.lat0`): NaN: expected a latitude from -90 to 90",
            ),
            ("lon0 = 43.5\nlat0 = inf", "dataset.toml:24:1 (`projection.lat0`): inf: expected a latitude"),
            ("lon0 = 43.5\nlat0 = 95", "dataset.toml:24:1 (`projection.lat0`): 95: expected a latitude from -90 to 90"),
            ("lon0 = 1e308\nlat0 = 36.5", "(`projection.lon0`): 1e308: expected a longitude from -180 to 180"),
            (
                "lon0 = 60\nlat0 = 36.5",
                "(`projection.lon0`): 60: expected a longitude within 15° of the whole area of interest (43 to 44)",
            ),
        ] {
            let found = with(lines);
            assert!(found.len() == 1 && found[0].contains(says), "{lines}: {found:?}");
        }
        assert_eq!(
            Manifest::parse("d.toml", &format!("{MANIFEST}[projection]\nlon0 = 50\nlat0 = -89\n"))
                .unwrap()
                .projection
                .lon0,
            50.0
        );
        let wide = problems(&MANIFEST.replace("west = 43.0", "west = -10.0"));
        assert!(
            wide[0]
                .starts_with("dataset.toml:17:2 (`area`): -10 to 44: expected an area at most 30° of longitude wide"),
            "{wide:?}"
        );
    }

    #[test]
    fn regions_lie_in_the_area_and_say_what_they_are() {
        let region = |bbox: &str, label: &str| {
            problems(&format!("{MANIFEST}[[regions]]\nid = \"r\"\nlabel = \"{label}\"\nbbox = {bbox}\n"))
        };
        assert_eq!(
            region("[10.0, 10.0, 11.0, 11.0]", "R"),
            ["dataset.toml:25:1 (`regions[0].bbox`): region r: expected a box that overlaps the area of interest"]
        );
        assert_eq!(
            region("[43.0, 36.0, 44.0, 136.0]", "R"),
            ["dataset.toml:25:27 (`regions[0].bbox[3]`): region r: north 136: expected a latitude from -90 to 90"]
        );
        assert_eq!(
            region("[43.0, 36.0, 44.0, 37.0]", " "),
            [
                "dataset.toml:24:1 (`regions[0].label`): expected a label, the name statistics and charts give the region"
            ]
        );
    }

    #[test]
    fn bbox_arguments_are_checked() {
        assert_eq!(LonLatBox::parse("43,36,44,37"), Ok(LonLatBox { west: 43.0, south: 36.0, east: 44.0, north: 37.0 }));
        for (bad, says) in [
            ("43,36,44", "expected four numbers W,S,E,N in degrees"),
            ("43,36,44,37,38", "expected four numbers"),
            ("a,b,c,d", "expected four numbers"),
            ("44,36,43,37", "east 43: expected a longitude east of west (44)"),
            ("43,36,44,97", "north 97: expected a latitude from -90 to 90"),
            ("NaN,36,44,37", "west NaN: expected a longitude from -180 to 180"),
            ("43,36,inf,37", "east inf: expected a longitude"),
        ] {
            assert!(LonLatBox::parse(bad).unwrap_err().starts_with(says), "{bad}");
        }
    }
}

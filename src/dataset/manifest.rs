//! dataset.toml: what a dataset is (title, period, sides, area of interest, projection,
//! regions, milestones, inset), and the vocabulary every later stage shares: side ids,
//! banks of the river, longitude-latitude boxes, valid ids.

use std::str::FromStr;

use geo::{BoundingRect, Contains, MultiPolygon, Point};
use jiff::civil::Date;
use serde::Deserialize;

use crate::error::{Error, Location, Problem, Problems, Result};

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

    /// Parses `W,S,E,N` as given to `--bbox`.
    pub fn parse(text: &str) -> Option<LonLatBox> {
        let v: Vec<f64> = text.split(',').map(|s| s.trim().parse().ok()).collect::<Option<_>>()?;
        let [west, south, east, north] = v[..] else { return None };
        LonLatBox { west, south, east, north }.validated()
    }

    fn validated(self) -> Option<LonLatBox> {
        let ordered = self.west < self.east && self.south < self.north;
        let on_earth = (-180.0..=180.0).contains(&self.west)
            && (-180.0..=180.0).contains(&self.east)
            && (-90.0..=90.0).contains(&self.south)
            && (-90.0..=90.0).contains(&self.north);
        (ordered && on_earth).then_some(self)
    }
}

/// Where the transverse Mercator projection is centred.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectionSpec {
    pub lon0: f64,
    pub lat0: f64,
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
    pub fn parse(file: &str, text: &str) -> Result<Manifest> {
        let raw: ManifestFile = crate::error::from_toml(file, text)?;
        let mut problems = Problems::default();
        let mut complain = |key: &str, message: String| {
            problems.push(Problem::new(Location { field: Some(key.to_string()), ..Location::file(file) }, message));
        };
        if !is_valid_id(&raw.slug) {
            complain("slug", "expected lowercase letters, digits and '-' (it names output files)".into());
        }
        if !(raw.period.baseline <= raw.period.start && raw.period.start <= raw.period.end) {
            complain("period", "expected baseline <= start <= end".into());
        }
        if raw.sides.is_empty() {
            complain("sides", "expected at least one [[sides]] table".into());
        }
        for (i, side) in raw.sides.iter().enumerate() {
            if !is_valid_id(&side.id) || raw.sides[..i].iter().any(|s| s.id == side.id) {
                complain(
                    "sides.id",
                    format!("\"{}\": expected a unique id of lowercase letters, digits and '-'", side.id),
                );
            }
            if !is_hex_colour(&side.colour) {
                complain("sides.colour", format!("\"{}\": expected a colour written #rrggbb", side.colour));
            }
        }
        let sides = Sides(raw.sides);
        let default_side = sides.find(&raw.default_side);
        if default_side.is_none() {
            complain("default_side", format!("\"{}\": expected one of the sides {}", raw.default_side, sides.ids()));
        }
        let area = raw.area.validated();
        if area.is_none() {
            complain("area", "expected west < east and south < north, in degrees".into());
        }
        for (i, region) in raw.regions.iter().enumerate() {
            if !is_valid_id(&region.id) || region.id == "all" {
                complain("regions.id", format!("\"{}\": expected an id other than \"all\"", region.id));
            }
            if region.bbox.is_some() && region.lonlat_box().validated().is_none() {
                complain("regions.bbox", format!("region {}: expected [west, south, east, north]", region.id));
            }
            if raw.regions[..i].iter().any(|r| r.id == region.id) {
                complain("regions.id", format!("\"{}\": expected each region id once", region.id));
            }
        }
        if let Some(inset) = &raw.inset
            && !raw.regions.iter().any(|r| &r.id == inset)
        {
            let ids: Vec<&str> = raw.regions.iter().map(|r| r.id.as_str()).collect();
            complain("inset", format!("\"{inset}\": expected the id of a region ({})", ids.join(", ")));
        }
        for milestone in raw.milestones.iter().filter(|m| !raw.period.contains(m.date)) {
            complain("milestones.date", format!("{}: expected a date within the period", milestone.date));
        }
        let neighbour_km = raw.territory.neighbour_km;
        if !(neighbour_km.is_finite() && neighbour_km > 0.0 && neighbour_km <= MAX_NEIGHBOUR_KM) {
            complain(
                "territory.neighbour_km",
                format!("{neighbour_km}: expected a distance above 0 and up to {MAX_NEIGHBOUR_KM} km"),
            );
        }
        let (Some(default_side), Some(area)) = (default_side, area) else {
            return Err(Error::Input(problems_or_default(problems)));
        };
        let (lon0, lat0) = area.centre();
        let manifest = Manifest {
            title: raw.title,
            title_ar: raw.title_ar,
            slug: raw.slug,
            attribution: raw.attribution,
            period: raw.period,
            default_side,
            sides,
            area,
            projection: raw.projection.unwrap_or(ProjectionSpec { lon0, lat0 }),
            regions: raw.regions,
            inset: raw.inset,
            milestones: raw.milestones,
            territory: raw.territory,
        };
        problems.into_result(manifest)
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

fn problems_or_default(problems: Problems) -> Vec<Problem> {
    match problems.into_result(()) {
        Err(Error::Input(p)) => p,
        _ => Vec::new(),
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
        assert!(found.iter().any(|p| p.contains("(`sides.colour`)")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("(`default_side`)") && p.contains("red, blue")), "{found:?}");
    }

    #[test]
    fn bbox_arguments_are_checked() {
        assert_eq!(
            LonLatBox::parse("43,36,44,37"),
            Some(LonLatBox { west: 43.0, south: 36.0, east: 44.0, north: 37.0 })
        );
        for bad in ["43,36,44", "44,36,43,37", "a,b,c,d", "43,36,44,97"] {
            assert_eq!(LonLatBox::parse(bad), None, "{bad}");
        }
    }
}

//! A dataset: its manifest (dataset.toml), gazetteer, events and basemap, loaded from a
//! folder or from the copy of the built-in Mosul dataset compiled into the binary.

use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use crate::basemap::Basemap;
use crate::claims::{self, CLAIMS_FILE, Claim};
use crate::error::{Error, Location, Problem, Problems, Result};
use crate::events::{self, Event};
use crate::gazetteer::{Bank, Gazetteer, Place, is_valid_id};
use crate::outlines::{self, OUTLINES_FILE, Outline};
use crate::reading;

pub const MANIFEST_FILE: &str = "dataset.toml";
pub const BASEMAP_DIR: &str = "basemap";

/// The raw text of a dataset's files, before any parsing. Keeping reading apart from
/// parsing lets the built-in dataset and tests skip the file system.
#[derive(Debug, Clone)]
pub struct DatasetFiles {
    /// How the dataset is named in messages: its folder, or `built-in:mosul`.
    pub origin: String,
    pub manifest: String,
    pub places: String,
    pub events: String,
    /// (file name, GeoJSON text) for every layer, in drawing order.
    pub basemap: Vec<(String, String)>,
    /// claims.csv, which is optional.
    pub claims: Option<String>,
    /// outlines.geojson, which is optional.
    pub outlines: Option<String>,
}

macro_rules! builtin_file {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mosul/", $path))
    };
}

impl DatasetFiles {
    /// The built-in Battle of Mosul dataset, embedded so frontline works from any folder.
    pub fn builtin() -> DatasetFiles {
        let layer = |name: &str, text: &str| (name.to_string(), text.to_string());
        DatasetFiles {
            origin: "built-in:mosul".to_string(),
            manifest: builtin_file!("dataset.toml").to_string(),
            places: builtin_file!("places.csv").to_string(),
            events: builtin_file!("events.csv").to_string(),
            basemap: vec![
                layer("admin1.geojson", builtin_file!("basemap/admin1.geojson")),
                layer("admin2.geojson", builtin_file!("basemap/admin2.geojson")),
                layer("urban.geojson", builtin_file!("basemap/urban.geojson")),
                layer("borders.geojson", builtin_file!("basemap/borders.geojson")),
                layer("rivers.geojson", builtin_file!("basemap/rivers.geojson")),
            ],
            claims: Some(builtin_file!("claims.csv").to_string()),
            outlines: None,
        }
    }

    /// Reads a dataset folder. `basemap/` is optional; its `*.geojson` files are drawn in
    /// the order of [`crate::basemap::LAYER_ORDER`], unknown layers first by name. Files are
    /// read within the limits of [`crate::reading`].
    pub fn read_dir(dir: &Path) -> Result<DatasetFiles> {
        let read = |name: &str| reading::read_text(&dir.join(name));
        let optional = |name: &str, read: fn(&Path) -> Result<String>| {
            let path = dir.join(name);
            path.exists().then(|| read(&path)).transpose()
        };
        let mut basemap = Vec::new();
        let basemap_dir = dir.join(BASEMAP_DIR);
        if basemap_dir.is_dir() {
            let entries =
                std::fs::read_dir(&basemap_dir).map_err(|source| Error::Read { path: basemap_dir.clone(), source })?;
            for entry in entries {
                let path = entry.map_err(|source| Error::Read { path: basemap_dir.clone(), source })?.path();
                if path.extension().is_some_and(|e| e == "geojson") {
                    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    basemap.push((name, reading::read_json(&path)?));
                }
            }
        }
        basemap.sort_by_key(|(name, _)| crate::basemap::draw_rank(name));
        Ok(DatasetFiles {
            origin: dir.display().to_string(),
            manifest: read(MANIFEST_FILE)?,
            places: read(crate::gazetteer::PLACES_FILE)?,
            events: read(events::EVENTS_FILE)?,
            basemap,
            claims: optional(CLAIMS_FILE, reading::read_text)?,
            outlines: optional(OUTLINES_FILE, reading::read_json)?,
        })
    }
}

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

/// A named part of the area, for statistics and focused views.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub label: String,
    /// west, south, east, north
    pub bbox: [f64; 4],
    /// Only places on this bank belong to the region.
    #[serde(default, deserialize_with = "bank_from_str")]
    pub bank: Option<Bank>,
}

fn bank_from_str<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<Bank>, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map(Some).map_err(|()| serde::de::Error::custom("expected \"east\" or \"west\""))
}

impl Region {
    pub fn lonlat_box(&self) -> LonLatBox {
        let [west, south, east, north] = self.bbox;
        LonLatBox { west, south, east, north }
    }

    /// True when the place lies in the region's box (and on its bank, if it has one). A
    /// place without a position belongs to `all` and to the regions defined by the bank it
    /// lies on.
    pub fn contains(&self, place: &Place) -> bool {
        if self.id == "all" {
            return true;
        }
        let on_bank = self.bank.is_none_or(|b| place.bank == Some(b));
        match place.lonlat() {
            Some((lon, lat)) => on_bank && self.lonlat_box().contains(lon, lat),
            None => on_bank && self.bank.is_some(),
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
        for region in &raw.regions {
            if !is_valid_id(&region.id) || region.id == "all" {
                complain("regions.id", format!("\"{}\": expected an id other than \"all\"", region.id));
            }
            if region.lonlat_box().validated().is_none() {
                complain("regions.bbox", format!("region {}: expected [west, south, east, north]", region.id));
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
                bbox: [a.west, a.south, a.east, a.north],
                bank: None,
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

/// Everything frontline knows about one conflict.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub origin: String,
    pub manifest: Manifest,
    pub gazetteer: Gazetteer,
    /// In file order.
    pub events: Vec<Event>,
    /// In longitude and latitude.
    pub basemap: Basemap,
    /// The basemap in the dataset's projection (metres), projected once for every frame.
    pub basemap_m: Basemap,
    /// Dated figures from the sources, to compare the dataset with.
    pub claims: Vec<Claim>,
    /// Polygons given for some places, which their territory follows exactly.
    pub outlines: Vec<Outline>,
    /// What is odd but does not stop the dataset loading: columns no table reads.
    pub warnings: Vec<Problem>,
}

impl Dataset {
    /// Parses and cross-checks all files; reports every problem found, file by file.
    pub fn parse(files: &DatasetFiles) -> Result<Dataset> {
        let name = |file: &str| format!("{}/{file}", files.origin);
        let manifest = Manifest::parse(&name(MANIFEST_FILE), &files.manifest)?;
        let mut problems = Problems::default();
        let places_file = name(crate::gazetteer::PLACES_FILE);
        let gazetteer = match Gazetteer::parse(&places_file, &files.places, Some(&manifest.area)) {
            Ok(g) => g,
            Err(e) => {
                problems.extend(e)?;
                Gazetteer::default()
            }
        };
        let context = events::Context { gazetteer: &gazetteer, sides: &manifest.sides, period: &manifest.period };
        let events = if gazetteer.is_empty() {
            Vec::new()
        } else {
            events::parse(&name(events::EVENTS_FILE), &files.events, &context)
                .or_else(|e| problems.extend(e).map(|()| Vec::new()))?
        };
        let basemap = Basemap::parse(&files.basemap, &files.origin)
            .or_else(|e| problems.extend(e).map(|()| Basemap::default()))?;
        let claims = match &files.claims {
            Some(text) => claims::parse(&name(CLAIMS_FILE), text, &manifest)
                .or_else(|e| problems.extend(e).map(|()| Vec::new()))?,
            None => Vec::new(),
        };
        let outlines = match &files.outlines {
            Some(text) if !gazetteer.is_empty() => outlines::parse(&name(OUTLINES_FILE), text, &gazetteer)
                .or_else(|e| problems.extend(e).map(|()| Vec::new()))?,
            _ => Vec::new(),
        };
        let origin = files.origin.clone();
        let warnings = unknown_columns(files, name);
        let projection =
            crate::projection::Projection::transverse_mercator(manifest.projection.lon0, manifest.projection.lat0);
        let basemap_m = basemap.projected(&projection);
        let dataset = Dataset { origin, manifest, gazetteer, events, basemap, basemap_m, claims, outlines, warnings };
        problems.into_result(dataset)
    }

    /// The built-in Battle of Mosul dataset.
    pub fn builtin() -> Result<Dataset> {
        Dataset::parse(&DatasetFiles::builtin())
    }

    /// The dataset in `dir`, or the built-in one.
    pub fn load(dir: Option<&Path>) -> Result<Dataset> {
        match dir {
            Some(dir) => Dataset::parse(&DatasetFiles::read_dir(dir)?),
            None => Dataset::builtin(),
        }
    }
}

/// Warnings for the columns no table reads, in every CSV file of the dataset.
fn unknown_columns(files: &DatasetFiles, name: impl Fn(&str) -> String) -> Vec<Problem> {
    use crate::gazetteer as places;
    let tables = [
        (places::PLACES_FILE, Some(&files.places), [places::REQUIRED, places::OPTIONAL]),
        (events::EVENTS_FILE, Some(&files.events), [events::REQUIRED, events::OPTIONAL]),
        (CLAIMS_FILE, files.claims.as_ref(), [claims::REQUIRED, claims::OPTIONAL]),
    ];
    tables
        .into_iter()
        .filter_map(|(file, text, columns)| Some(crate::table::unknown_columns(&name(file), text?, &columns.concat())))
        .flatten()
        .collect()
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

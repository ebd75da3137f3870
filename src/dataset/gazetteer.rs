//! The gazetteer: named places with coordinates, and how sure we are of them.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;

use crate::dataset::manifest::{Bank, LonLatBox, is_valid_id};
use crate::dataset::names::{NameIndex, Resolution};
use crate::dataset::table::{Row, Table};
use crate::error::{Location, Problem, Problems, Result};

/// The index of a place in its [`Gazetteer`].
pub type PlaceId = usize;

/// What sort of place this is; decides its marker and how eagerly it is labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    City,
    Town,
    District,
    Village,
    Area,
    Base,
    Bridge,
    Landmark,
}

impl Kind {
    pub const ALL: [Kind; 8] =
        [Kind::City, Kind::Town, Kind::District, Kind::Village, Kind::Area, Kind::Base, Kind::Bridge, Kind::Landmark];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::Town => "town",
            Kind::District => "district",
            Kind::Village => "village",
            Kind::Area => "area",
            Kind::Base => "base",
            Kind::Bridge => "bridge",
            Kind::Landmark => "landmark",
        }
    }
}

impl FromStr for Kind {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Kind, ()> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub id: String,
    pub name: String,
    pub name_ar: String,
    pub aliases: Vec<String>,
    pub kind: Kind,
    pub bank: Option<Bank>,
    /// Where the place is; `None` for a place the sources name but no source locates. Such a
    /// place keeps its events and counts in statistics, but is not drawn.
    pub position: Option<Position>,
    /// Where the coordinate comes from, or (for a place without a position) why there is
    /// none and what the sources say of where it is.
    pub coord_source: String,
    /// Another place this one is meant to lie within 150 m of.
    pub colocated: Option<String>,
    /// The line of places.csv the place was read from.
    pub line: u64,
}

/// A place's coordinate and how far it may be from the true position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub lon: f64,
    pub lat: f64,
    /// How far the true position may be from (lon, lat), in metres.
    pub precision_m: f64,
}

impl Place {
    /// True when no reference gave the coordinate and it was estimated from descriptions.
    pub fn is_estimated(&self) -> bool {
        self.position.is_some() && self.coord_source.starts_with("estimated")
    }

    /// (longitude, latitude), when the place has a position.
    pub fn lonlat(&self) -> Option<(f64, f64)> {
        self.position.map(|p| (p.lon, p.lat))
    }
}

/// All places of a dataset, with an index of their names and aliases.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<String, PlaceId>,
    names: NameIndex,
}

pub const PLACES_FILE: &str = "places.csv";
pub(crate) const REQUIRED: &[&str] = &["id", "name", "kind", "lat", "lon", "coord_precision_m", "coord_source"];
pub(crate) const OPTIONAL: &[&str] = &["name_ar", "aliases", "bank", "colocated"];
/// How `coord_source` begins for a place no source locates.
pub const UNLOCATED: &str = "unlocated";

impl Gazetteer {
    /// Reads places.csv. Every bad cell is reported; duplicate ids are an error, and so is
    /// a place outside `area` when one is given.
    pub fn parse(file: &str, text: &str, area: Option<&LonLatBox>) -> Result<Gazetteer> {
        let table = Table::parse(file, text, REQUIRED)?;
        let mut problems = Problems::default();
        let mut gazetteer = Gazetteer::default();
        if table.is_empty() {
            problems.push(Problem::new(Location::line(file, 2), "the file has a header but no places"));
        }
        // Rows are read apart in parallel; names and ids are then added in file order.
        let rows: Vec<Row<'_>> = table.rows().collect();
        let parsed: Vec<_> = rows.par_iter().with_min_len(crate::MIN_ITEMS_PER_THREAD).map(parse_place).collect();
        for (row, parsed) in rows.iter().zip(parsed) {
            let outside = |p: &Place| p.position.is_some_and(|at| area.is_some_and(|a| !a.contains(at.lon, at.lat)));
            match parsed {
                Ok(place) if outside(&place) => {
                    let at = place.position.expect("only places with a position lie outside");
                    problems.push(
                        Problem::new(
                            Location::line(file, row.line),
                            format!("{} ({}, {}) lies outside the area of interest", place.name, at.lat, at.lon),
                        )
                        .with_help("check the coordinates (lat, lon order?) or widen [area] in dataset.toml"),
                    )
                }
                Ok(place) => gazetteer.add(place, row, &mut problems),
                Err(found) => found.into_iter().for_each(|p| problems.push(p)),
            }
        }
        problems.into_result(gazetteer)
    }

    fn add(&mut self, place: Place, row: &Row<'_>, problems: &mut Problems) {
        if let Some(&first) = self.by_id.get(&place.id) {
            let line = self.places[first].line;
            problems.push(
                Problem::new(row.at("id"), format!("duplicate id \"{}\"", place.id))
                    .with_help(format!("it is already used on line {line}")),
            );
            return;
        }
        let id = self.places.len();
        self.by_id.insert(place.id.clone(), id);
        for name in [&place.id, &place.name, &place.name_ar].into_iter().chain(&place.aliases) {
            self.names.insert(name, id);
        }
        self.places.push(place);
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn get(&self, id: PlaceId) -> &Place {
        &self.places[id]
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn by_id(&self, id: &str) -> Option<PlaceId> {
        self.by_id.get(id).copied()
    }

    /// Finds a place by id, name or alias; see [`crate::dataset::names::fold`].
    pub fn resolve(&self, name: &str) -> Resolution<PlaceId> {
        match self.by_id(name) {
            Some(id) => Resolution::Found(id),
            None => self.names.resolve(name),
        }
    }

    /// Resolves `name`, or explains at `at` why it cannot be resolved.
    pub fn resolve_at(&self, name: &str, at: Location) -> std::result::Result<PlaceId, Problem> {
        match self.resolve(name) {
            Resolution::Found(id) => Ok(id),
            Resolution::Ambiguous(ids) => Err(Problem::new(at, format!("ambiguous place \"{name}\""))
                .with_help(format!("it names {}; write the id instead", self.describe(&ids)))),
            Resolution::Unknown(ids) => Err(Problem::new(at, format!("unknown place \"{name}\""))
                .with_help(format!("closest known places: {}", self.describe(&ids)))),
        }
    }

    /// Names that more than one place answers to, as (folded name, places).
    pub fn shared_names(&self) -> impl Iterator<Item = (&str, &[PlaceId])> {
        self.names.shared_keys()
    }

    fn describe(&self, ids: &[PlaceId]) -> String {
        ids.iter()
            .map(|&i| {
                let p = &self.places[i];
                format!("{} (id {}, line {})", p.name, p.id, p.line)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A place, or every problem of its row.
fn parse_place(row: &Row<'_>) -> std::result::Result<Place, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut keep = |problem| problems.push(problem);
    let id = parse_id(row).map_err(&mut keep).ok();
    let name = row.required("name", "the place's English name").map_err(&mut keep).ok();
    let kind = row
        .get("kind")
        .parse()
        .map_err(|()| keep(row.problem("kind", "one of city, town, district, village, area, base, bridge, landmark")))
        .ok();
    let bank = match row.get("bank") {
        "" => Some(None),
        b => b.parse().map(Some).map_err(|()| keep(row.problem("bank", "east, west or empty"))).ok(),
    };
    let coord_source = row.required("coord_source", "where the coordinate comes from").map_err(&mut keep).ok();
    let position = parse_position(row).map_err(|found| problems.extend(found)).ok();
    match (id, name, kind, bank, position, coord_source) {
        (Some(id), Some(name), Some(kind), Some(bank), Some(position), Some(coord_source)) => Ok(Place {
            id: id.to_string(),
            name: name.to_string(),
            name_ar: row.get("name_ar").to_string(),
            aliases: row.get("aliases").split(';').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect(),
            kind,
            bank,
            position,
            coord_source: coord_source.to_string(),
            colocated: Some(row.get("colocated")).filter(|c| !c.is_empty()).map(String::from),
            line: row.line,
        }),
        _ => Err(problems),
    }
}

fn parse_id<'r>(row: &'r Row<'_>) -> std::result::Result<&'r str, Problem> {
    let id = row.required("id", "an id of lowercase letters, digits and '-'")?;
    if is_valid_id(id) { Ok(id) } else { Err(row.problem("id", "an id of lowercase ASCII letters, digits and '-'")) }
}

/// A position from `lat`, `lon` and `coord_precision_m`, or none when all three are empty and
/// `coord_source` says the place is unlocated; every bad cell is a problem.
fn parse_position(row: &Row<'_>) -> std::result::Result<Option<Position>, Vec<Problem>> {
    let columns = ["lat", "lon", "coord_precision_m"];
    if row.get("coord_source").starts_with(UNLOCATED) {
        let filled = columns.into_iter().filter(|c| !row.get(c).is_empty());
        let problems: Vec<Problem> =
            filled.map(|c| row.problem(c, "an empty cell: the place is marked unlocated in coord_source")).collect();
        return if problems.is_empty() { Ok(None) } else { Err(problems) };
    }
    let lat = row.number("lat", -90.0..=90.0);
    let lon = row.number("lon", -180.0..=180.0);
    let precision_m = row.number("coord_precision_m", 0.0..=100_000.0);
    match (lat, lon, precision_m) {
        (Ok(lat), Ok(lon), Ok(precision_m)) => Ok(Some(Position { lon, lat, precision_m })),
        (lat, lon, precision) => Err([lat.err(), lon.err(), precision.err()].into_iter().flatten().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    const HEADER: &str = "id,name,name_ar,aliases,kind,bank,lat,lon,coord_precision_m,coord_source\n";

    fn parse(rows: &str) -> Result<Gazetteer> {
        Gazetteer::parse("places.csv", &format!("{HEADER}{rows}"), None)
    }

    fn messages(result: Result<Gazetteer>) -> Vec<String> {
        match result {
            Err(Error::Input(p)) => p.iter().map(|p| p.to_string()).collect(),
            other => panic!("expected input problems, got {other:?}"),
        }
    }

    #[test]
    fn reads_places_with_aliases() {
        let g =
            parse("bartella,Bartella,برطلة,Bartalah; Bartilla,town,,36.35,43.38,300,wikipedia-module:row 1\n").unwrap();
        let p = g.get(0);
        assert_eq!((p.id.as_str(), p.kind, p.aliases.len()), ("bartella", Kind::Town, 2));
        assert_eq!(g.resolve("Bartilla"), Resolution::Found(0));
        assert_eq!(g.resolve("برطلة"), Resolution::Found(0));
        assert!(!p.is_estimated());
    }

    #[test]
    fn bad_cells_are_located_and_explained() {
        let found = messages(parse("Bad Id,X,,,hamlet,north,95,43,10,x\n"));
        assert!(found[0].starts_with("places.csv:2:1 (`id`)"), "{found:?}");
        let found = messages(parse("x,X,,,hamlet,,36,43,10,x\n"));
        assert!(found[0].contains("(`kind`): invalid value \"hamlet\""), "{found:?}");
        let found = messages(parse("x,X,,,town,,95,43,10,x\n"));
        assert!(found[0].contains("(`lat`)"), "{found:?}");
    }

    #[test]
    fn every_bad_cell_of_a_row_is_reported() {
        let found = messages(parse("Bad Id,X,,,hamlet,north,NaN,inf,-5,x\n"));
        let columns: Vec<_> = found.iter().map(|p| p.split(' ').nth(1).unwrap_or("")).collect();
        assert_eq!(
            columns,
            ["(`id`):", "(`kind`):", "(`bank`):", "(`lat`):", "(`lon`):", "(`coord_precision_m`):"],
            "{found:?}"
        );
    }

    #[test]
    fn places_without_a_position_say_so() {
        let g = parse("adl,Adl,,,district,east,,,,unlocated: an east Mosul district; no page places it\n").unwrap();
        assert_eq!(g.get(0).position, None);
        assert!(!g.get(0).is_estimated());
        let found = messages(parse("adl,Adl,,,district,east,36.3,,,unlocated: somewhere\n"));
        assert!(found[0].contains("(`lat`)") && found[0].contains("marked unlocated"), "{found:?}");
        let found = messages(parse("adl,Adl,,,district,east,,,,a page\n"));
        assert!(found[0].contains("(`lat`)"), "a located place needs its coordinate: {found:?}");
    }

    #[test]
    fn duplicate_ids_name_the_first_line() {
        let found = messages(parse("a,A,,,town,,36,43,10,x\na,B,,,town,,36,43,10,x\n"));
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("duplicate id \"a\"") && found[0].contains("line 2"), "{found:?}");
    }

    #[test]
    fn unknown_names_list_the_closest() {
        let g =
            parse("bashiqa,Bashiqa,,,town,,36.45,43.35,300,x\nbazwaya,Bazwaya,,,village,,36.36,43.27,300,x\n").unwrap();
        let problem = g.resolve_at("Bashika", Location::line("events.csv", 5)).unwrap_err();
        assert!(problem.to_string().contains("closest known places: Bashiqa (id bashiqa, line 2)"), "{problem}");
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("hammam-al-alil"));
        assert!(is_valid_id("q-west"));
        for bad in ["", "-a", "a-", "A", "a b", "a_b", "ä"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
    }
}

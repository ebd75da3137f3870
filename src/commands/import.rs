//! Importing events from an ACLED-style CSV into a dataset.
//!
//! ACLED records territorial changes as rows with `sub_event_type` "Government regains
//! territory", "Non-state actor overtakes territory" or "Non-violent transfer of
//! territory". Each such row becomes one event at a place of the gazetteer: a place of the
//! same name (as [`crate::dataset::names::fold`] compares names, or a close spelling) within
//! `max_distance_km` of the row's coordinates, else a new place at those coordinates. ACLED
//! names a neighbourhood "City - Neighbourhood" ("Mosul - Gogjali"): that is the
//! neighbourhood, looked for within the city. The row's `actor1` names the side that gains
//! the place, through `actors` in dataset.toml or `--side ACTOR=SIDE`: the name found in the
//! actor, bracketed years ignored, that ends last and is longest ("Military Forces of Iraq
//! (2014-2018) Peshmerga" is the Peshmerga's, not the army's). A row whose `event_id_cnty`
//! an earlier import brought in updates that event (a revised export), other rows already in
//! the dataset are skipped, so importing twice adds nothing. The result is checked as a
//! whole dataset before anything is written, and a problem with what the import would add
//! names the ACLED row it came from.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use geo::{Distance, Haversine, Point};
use jiff::ToSpan;
use jiff::civil::Date;

use crate::commands::csv_edit::{Origins, append_rows, imported_events, line_after, record, revise};
use crate::dataset::events::{EventDate, Status};
use crate::dataset::gazetteer::PlaceId;
use crate::dataset::manifest::SideId;
use crate::dataset::names::Resolution;
use crate::dataset::table::{Row, Table};
use crate::dataset::{Dataset, DatasetFiles};
use crate::error::{Error, Location, Problem, Problems, Result};
use crate::formats::output::{self, Target};

const REQUIRED: &[&str] =
    &["event_date", "location", "latitude", "longitude", "sub_event_type", "actor1", "source", "notes"];

/// How far from the city's own point a neighbourhood of "City - Neighbourhood" may lie.
const CITY_RADIUS_KM: f64 = 20.0;

/// How close a spelling must be to a gazetteer name to count as the same name (Jaro-Winkler
/// on folded names; "Kokjali" and "Gogjali" fold to 0.90).
const SPELLING_SIMILARITY: f64 = 0.9;

/// How an import matches and assigns rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// A place of the same name further than this from the row is a different place.
    pub max_distance_km: f64,
    /// Actor name (or its start) to side id, before the sides' own `actors`.
    pub sides: Vec<(String, String)>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub rows: usize,
    pub added: usize,
    /// Events an earlier import brought in, changed by a revised row of the same
    /// `event_id_cnty`.
    pub updated: usize,
    /// Rows the dataset (or an earlier row of the file) already had.
    pub duplicates: usize,
    /// Rows that are not a change of territory.
    pub other_types: usize,
    /// `(location, place id, distance in km)` for rows matched to an existing place.
    pub matched: Vec<(String, String, Option<f64>)>,
    /// Ids of the places created.
    pub created: Vec<String>,
}

/// One ACLED row, read.
struct Incoming {
    /// The row's `location` cell, for problems and the summary.
    origin: Location,
    /// ACLED's `event_id_cnty`, which stays the same when ACLED revises the row.
    event_id: String,
    date: EventDate,
    location: String,
    /// The city of a "City - Neighbourhood" location, and the neighbourhood.
    city: Option<String>,
    name: String,
    /// ACLED's `admin2`, which tells apart places of one name.
    district: String,
    at: (f64, f64),
    precision_m: f64,
    status: Status,
    side: SideId,
    actor: String,
    source: String,
    note: String,
}

/// A place the import creates.
struct NewPlace {
    id: String,
    name: String,
    kind: &'static str,
    at: (f64, f64),
    precision_m: f64,
    coord_source: String,
}

/// Imports the ACLED-style file `acled` into the dataset folder `dir`, rewriting its
/// places.csv and events.csv (each atomically) only when the merged dataset is valid.
pub fn acled(dir: &Path, acled: &Path, options: &Options) -> Result<Summary> {
    let files = DatasetFiles::read_dir(dir)?;
    let dataset = Dataset::parse(&files)?;
    let file = acled.display().to_string();
    let text = crate::dataset::reading::read_text(acled)?;
    let table = Table::parse(&file, &text, REQUIRED)?;
    let sides = side_rules(&dataset, options)?;
    let mut summary = Summary { rows: table.len(), ..Summary::default() };
    let mut problems = Problems::default();
    let mut incoming = Vec::new();
    for row in table.rows() {
        match read_row(&row, &dataset, &sides) {
            Ok(Some(row)) => incoming.push(row),
            Ok(None) => summary.other_types += 1,
            Err(found) => found.into_iter().for_each(|p| problems.push(p)),
        }
    }
    problems.into_result(())?;

    let mut new_places: Vec<NewPlace> = Vec::new();
    let mut seen: BTreeSet<(String, String, SideId, &'static str)> = existing_events(&dataset);
    let mut imported = imported_events(&files.events)?;
    let mut event_rows = Vec::new();
    let mut origins = Origins::default();
    for row in &incoming {
        let place_id = match match_place(&dataset, row, options.max_distance_km) {
            Some((id, km)) => {
                let place_id = dataset.gazetteer.get(id).id.clone();
                summary.matched.push((row.location.clone(), place_id.clone(), km));
                place_id
            }
            None => {
                let before = new_places.len();
                let id = new_place(&dataset, &mut new_places, row, options.max_distance_km);
                if new_places.len() > before {
                    origins.places.push(row.origin.clone());
                }
                id
            }
        };
        let cells = event_cells(&dataset, row, &place_id);
        if let Some(earlier) = imported.get_mut(&row.event_id).filter(|_| !row.event_id.is_empty()) {
            let record = record(&files.events, &cells);
            if earlier.record != record {
                earlier.record = record;
                earlier.revised = Some(row.origin.clone());
                summary.updated += 1;
            } else {
                summary.duplicates += 1;
            }
            continue;
        }
        if !seen.insert((row.date.to_string(), place_id.clone(), row.side, row.status.as_str())) {
            summary.duplicates += 1;
            continue;
        }
        origins.events.push(row.origin.clone());
        event_rows.push(cells);
    }
    summary.added = event_rows.len();
    summary.created = new_places.iter().map(|p| p.id.clone()).collect();

    let places = append_rows(&files.places, new_places.iter().map(place_cells))?;
    let (revised, revised_lines) = revise(&files.events, &imported);
    origins.revised = revised_lines;
    let events = append_rows(&revised, event_rows.into_iter())?;
    origins.first_new_place = line_after(&files.places);
    origins.first_new_event = line_after(&revised);
    let merged = DatasetFiles { places: places.clone(), events: events.clone(), ..files };
    let merged = Dataset::parse(&merged).map_err(|e| origins.explain(e))?;
    let report = crate::model::check::check(&merged, &crate::model::control::Timeline::new(&merged));
    if !report.errors.is_empty() {
        return Err(origins.explain(Error::Input(report.errors)));
    }
    let write =
        |name: &str, text: &str| output::write(&Target::File(dir.join(name)), text.as_bytes(), &mut std::io::sink());
    write(crate::dataset::gazetteer::PLACES_FILE, &places)?;
    write(crate::dataset::events::EVENTS_FILE, &events)?;
    Ok(summary)
}

/// Actor names (as [`actor_words`]) with their side, longest first.
fn side_rules(dataset: &Dataset, options: &Options) -> Result<Vec<(String, SideId)>> {
    let sides = &dataset.manifest.sides;
    let mut rules = Vec::new();
    for (actor, side) in &options.sides {
        let id = sides.find(side).ok_or_else(|| {
            Error::usage("--side", format!("{actor}={side}: expected one of the sides {}", sides.ids()))
        })?;
        rules.push((actor_words(actor), id));
    }
    for (id, side) in sides.all().iter().enumerate() {
        rules.extend(side.actors.iter().map(|actor| (actor_words(actor), id)));
    }
    rules.retain(|(words, _)| !words.trim().is_empty());
    rules.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    Ok(rules)
}

/// An actor's name as lowercase words between spaces, without the bracketed years ACLED
/// adds to state forces: "Military Forces of Iraq (2014-2018) Peshmerga" and "Military
/// Forces of Iraq (2014-) Peshmerga" are both " military forces of iraq peshmerga ".
fn actor_words(name: &str) -> String {
    let mut kept = String::new();
    let mut rest = name;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else { break };
        let inside = &rest[open + 1..open + close];
        kept.push_str(&rest[..open]);
        if !inside.chars().any(|c| c.is_ascii_digit()) {
            kept.push_str(inside);
        }
        kept.push(' ');
        rest = &rest[open + close + 1..];
    }
    kept.push_str(rest);
    let words: Vec<String> =
        kept.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    format!(" {} ", words.join(" "))
}

/// The side of the rule found in `actor` that ends last, the longest of those: ACLED names
/// a unit after its institution, so the name further right is the more specific one.
fn side_of_actor(actor: &str, rules: &[(String, SideId)]) -> Option<SideId> {
    let words = actor_words(actor);
    rules
        .iter()
        .filter_map(|(rule, id)| words.rfind(rule.as_str()).map(|at| (at + rule.len(), rule.len(), *id)))
        .max_by_key(|&(end, len, _)| (end, len))
        .map(|(_, _, id)| id)
}

fn read_row(
    row: &Row<'_>,
    dataset: &Dataset,
    sides: &[(String, SideId)],
) -> std::result::Result<Option<Incoming>, Vec<Problem>> {
    let status = match row.get("sub_event_type") {
        "Government regains territory" | "Non-state actor overtakes territory" => Status::Captured,
        "Non-violent transfer of territory" => Status::Withdrawn,
        _ => return Ok(None),
    };
    let mut problems = Vec::new();
    let date = kept(&mut problems, read_date(row, dataset));
    let location = kept(&mut problems, row.required("location", "the name of the place").map(str::to_string));
    let lat = kept(&mut problems, row.number("latitude", -90.0..=90.0));
    let lon = kept(&mut problems, row.number("longitude", -180.0..=180.0));
    let side = kept(&mut problems, actor_side(row, dataset, sides));
    let source = kept(&mut problems, row.required("source", "the sources ACLED cites").map(str::to_string));
    match (date, location, lat, lon, side, source) {
        (Some(date), Some(location), Some(lat), Some(lon), Some(side), Some(source)) if problems.is_empty() => {
            let event_id = row.get("event_id_cnty");
            let (city, name) = match location.split_once(" - ") {
                Some((city, name)) if !city.trim().is_empty() && !name.trim().is_empty() => {
                    (Some(city.trim().to_string()), name.trim().to_string())
                }
                _ => (None, location.clone()),
            };
            Ok(Some(Incoming {
                origin: row.at("location"),
                event_id: event_id.to_string(),
                date,
                location,
                city,
                name,
                district: row.get("admin2").to_string(),
                at: (lon, lat),
                precision_m: geo_precision_m(row.get("geo_precision")),
                status,
                side,
                actor: row.get("actor1").to_string(),
                source: if event_id.is_empty() {
                    format!("ACLED: {source}")
                } else {
                    format!("ACLED {event_id}: {source}")
                },
                note: row.get("notes").to_string(),
            }))
        }
        _ => Err(problems),
    }
}

/// The value, or `None` with its problem kept, so that every cell of a row is checked.
fn kept<T>(problems: &mut Vec<Problem>, result: std::result::Result<T, Problem>) -> Option<T> {
    result.map_err(|p| problems.push(p)).ok()
}

/// `event_date` as ACLED writes it ("2016-10-20" or "20 October 2016"), made as vague as
/// `time_precision` says: 2 is some day of that week, 3 some day of that month.
fn read_date(row: &Row<'_>, dataset: &Dataset) -> std::result::Result<EventDate, Problem> {
    let text = row.get("event_date");
    let day = parse_acled_date(text)
        .ok_or_else(|| row.problem("event_date", "a date such as 2016-10-20 or 20 October 2016"))?;
    let date = match row.get("time_precision") {
        "" | "1" => EventDate::Day(day),
        "2" => EventDate::Range(day.saturating_sub(3.days()), day.saturating_add(3.days())),
        "3" => EventDate::Month(day.first_of_month()),
        _ => return Err(row.problem("time_precision", "1 (day), 2 (week) or 3 (month)")),
    };
    let period = &dataset.manifest.period;
    if date.earliest() < period.baseline || date.effective() > period.end {
        let expected = format!("a date from {} to {}, the dataset's period", period.baseline, period.end);
        return Err(row.problem("event_date", &expected));
    }
    Ok(date)
}

fn parse_acled_date(text: &str) -> Option<Date> {
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = text.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let [day, month, year] = parts[..] else { return None };
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month) || m[..3].eq_ignore_ascii_case(month))?;
    Date::new(year.parse().ok()?, month as i8 + 1, day.parse().ok()?).ok()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn actor_side(row: &Row<'_>, dataset: &Dataset, sides: &[(String, SideId)]) -> std::result::Result<SideId, Problem> {
    let actor = row.required("actor1", "the actor that gained the place")?;
    side_of_actor(actor, sides).or_else(|| dataset.manifest.sides.find(actor)).ok_or_else(|| {
        Problem::new(row.at("actor1"), format!("no side for the actor \"{actor}\"")).with_help(format!(
            "add --side \"{actor}=SIDE\" or list it under `actors` of a side in dataset.toml; sides: {}",
            dataset.manifest.sides.ids()
        ))
    })
}

/// ACLED's `geo_precision`: 1 the place itself, 2 somewhere near it, 3 only the district.
fn geo_precision_m(code: &str) -> f64 {
    match code {
        "2" => 5_000.0,
        "3" => 25_000.0,
        _ => 1_000.0,
    }
}

/// The gazetteer place the row names, with its distance from the row's coordinates: the
/// nearest place of the same (or a close) name within `max_km`; a place of that name
/// without a position only when the name is the only one of its kind. A "City -
/// Neighbourhood" location that is not itself a name of the gazetteer is the
/// neighbourhood, among the places within [`CITY_RADIUS_KM`] of the city.
fn match_place(dataset: &Dataset, row: &Incoming, max_km: f64) -> Option<(PlaceId, Option<f64>)> {
    let whole = match_name(dataset, &row.location, row.at, max_km);
    let Some(city) = row.city.as_deref().filter(|_| whole.is_none()) else { return whole };
    let city_at = match dataset.gazetteer.resolve(city) {
        Resolution::Found(id) => dataset.gazetteer.get(id).lonlat(),
        _ => None,
    };
    match_name(dataset, &row.name, row.at, max_km).filter(|&(id, _)| {
        let at = dataset.gazetteer.get(id).lonlat();
        matches!((at, city_at), (Some(at), Some(city)) if km_between(at, city) <= CITY_RADIUS_KM) || city_at.is_none()
    })
}

fn match_name(dataset: &Dataset, name: &str, row_at: (f64, f64), max_km: f64) -> Option<(PlaceId, Option<f64>)> {
    let gazetteer = &dataset.gazetteer;
    let candidates = match gazetteer.resolve(name) {
        Resolution::Found(id) => vec![id],
        Resolution::Ambiguous(ids) => ids,
        Resolution::Unknown(closest) => {
            let key = crate::dataset::names::fold(name);
            let similar = |id: &PlaceId| {
                let place = gazetteer.get(*id);
                std::iter::once(&place.name)
                    .chain(&place.aliases)
                    .any(|n| strsim::jaro_winkler(&key, &crate::dataset::names::fold(n)) >= SPELLING_SIMILARITY)
            };
            closest.into_iter().filter(similar).collect()
        }
    };
    let candidates = with_disambiguated(dataset, candidates, name);
    let nearest = candidates
        .iter()
        .filter_map(|&id| gazetteer.get(id).lonlat().map(|at| (id, km_between(at, row_at))))
        .filter(|&(_, km)| km <= max_km)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match (nearest, candidates.as_slice()) {
        (Some((id, km)), _) => Some((id, Some(km))),
        (None, &[only]) if gazetteer.get(only).lonlat().is_none() => Some((only, None)),
        _ => None,
    }
}

/// `candidates` and the places an earlier import named "<location> (<district>)".
fn with_disambiguated(dataset: &Dataset, mut candidates: Vec<PlaceId>, location: &str) -> Vec<PlaceId> {
    let key = crate::dataset::names::fold(location);
    for (id, place) in dataset.gazetteer.places().iter().enumerate() {
        let base = place.name.rsplit_once(" (").filter(|_| place.name.ends_with(')')).map(|(base, _)| base);
        if base.is_some_and(|b| crate::dataset::names::fold(b) == key) && !candidates.contains(&id) {
            candidates.push(id);
        }
    }
    candidates
}

fn km_between((lon1, lat1): (f64, f64), (lon2, lat2): (f64, f64)) -> f64 {
    Haversine.distance(Point::new(lon1, lat1), Point::new(lon2, lat2)) / 1000.0
}

/// The id of the place created for the row (or of the one created for an earlier row of
/// the same name nearby).
fn new_place(dataset: &Dataset, created: &mut Vec<NewPlace>, row: &Incoming, max_km: f64) -> String {
    let key = crate::dataset::names::fold(&row.name);
    let earlier = created.iter().find(|p| {
        let same_name = crate::dataset::names::fold(&p.name) == key || p.name.starts_with(&format!("{} (", row.name));
        same_name && km_between(p.at, row.at) <= max_km
    });
    if let Some(place) = earlier {
        return place.id.clone();
    }
    let name = distinct_name(dataset, created, row);
    let id = unique_id(dataset, created, &name);
    created.push(NewPlace {
        id: id.clone(),
        name,
        // A neighbourhood of a city is a district of it, as the gazetteer's kinds go.
        kind: if row.city.is_some() { "district" } else { "village" },
        at: row.at,
        precision_m: row.precision_m,
        coord_source: format!("acled: {}", row.source),
    });
    id
}

/// The row's place name (the neighbourhood of "City - Neighbourhood"), with its city or
/// district (or its position) in brackets when the gazetteer already has a place of that
/// name: events that name the older place must still name one place only.
fn distinct_name(dataset: &Dataset, created: &[NewPlace], row: &Incoming) -> String {
    let key = crate::dataset::names::fold(&row.name);
    let taken = !matches!(dataset.gazetteer.resolve(&row.name), Resolution::Unknown(_))
        || created.iter().any(|p| crate::dataset::names::fold(&p.name) == key);
    let within = row.city.as_deref().unwrap_or(&row.district);
    match (taken, within.is_empty()) {
        (false, _) => row.name.clone(),
        (true, false) => format!("{} ({within})", row.name),
        (true, true) => format!("{} ({:.3}, {:.3})", row.name, row.at.1, row.at.0),
    }
}

/// A lowercase id from the name, made unique with -2, -3…
fn unique_id(dataset: &Dataset, created: &[NewPlace], name: &str) -> String {
    let slug: String = deunicode::deunicode(name)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if slug.is_empty() { "place".to_string() } else { slug };
    let taken = |id: &str| dataset.gazetteer.by_id(id).is_some() || created.iter().any(|p| p.id == id);
    (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

/// The events already in the dataset, as the import compares them.
fn existing_events(dataset: &Dataset) -> BTreeSet<(String, String, SideId, &'static str)> {
    dataset
        .events
        .iter()
        .map(|e| (e.date.to_string(), dataset.gazetteer.get(e.place).id.clone(), e.side, e.status.as_str()))
        .collect()
}

fn event_cells(dataset: &Dataset, row: &Incoming, place: &str) -> Vec<(&'static str, String)> {
    vec![
        ("date", row.date.to_string()),
        ("date_precision", row.date.precision().to_string()),
        ("place", place.to_string()),
        ("side", dataset.manifest.sides.get(row.side).id.clone()),
        ("status", row.status.to_string()),
        ("actor", row.actor.clone()),
        ("source", row.source.clone()),
        ("note", row.note.clone()),
    ]
}

fn place_cells(place: &NewPlace) -> Vec<(&'static str, String)> {
    vec![
        ("id", place.id.clone()),
        ("name", place.name.clone()),
        ("kind", place.kind.to_string()),
        ("lat", format!("{:.6}", place.at.1)),
        ("lon", format!("{:.6}", place.at.0)),
        ("coord_precision_m", format!("{}", place.precision_m)),
        ("coord_source", place.coord_source.clone()),
    ]
}

/// Arguments of `frontline import acled`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportArgs {
    /// The ACLED-style CSV file.
    pub file: PathBuf,
    /// The dataset folder the events go into.
    pub dataset: PathBuf,
    /// `ACTOR=SIDE` pairs.
    pub sides: Vec<String>,
    pub max_distance_km: f64,
}

/// Merges an ACLED-style file into a dataset and says what it did.
pub fn import_acled(args: &ImportArgs, stdout: &mut dyn Write) -> Result<()> {
    crate::commands::flags::max_distance_km(args.max_distance_km)?;
    let sides = args.sides.iter().map(|pair| crate::commands::flags::actor_side(pair)).collect::<Result<Vec<_>>>()?;
    let options = crate::commands::import::Options { max_distance_km: args.max_distance_km, sides };
    let summary = crate::commands::import::acled(&args.dataset, &args.file, &options)?;
    let mut text = format!(
        "{} rows: {} events added, {} updated, {} already in the dataset, {} not a change of territory\n",
        summary.rows, summary.added, summary.updated, summary.duplicates, summary.other_types
    );
    for (location, id, km) in &summary.matched {
        let distance = km.map_or("no position".to_string(), |km| format!("{km:.1} km"));
        text.push_str(&format!("  matched \"{location}\" to {id} ({distance})\n"));
    }
    for id in &summary.created {
        text.push_str(&format!("  created place {id}\n"));
    }
    output::write(&Target::Stdout, text.as_bytes(), stdout)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_dates_come_in_two_forms() {
        let day: Date = "2016-10-20".parse().unwrap();
        assert_eq!(parse_acled_date("2016-10-20"), Some(day));
        assert_eq!(parse_acled_date("20 October 2016"), Some(day));
        assert_eq!(parse_acled_date("20-Oct-2016"), Some(day));
        assert_eq!(parse_acled_date("31 February 2017"), None);
        assert_eq!(parse_acled_date("yesterday"), None);
    }

    #[test]
    fn actors_are_matched_by_words_anywhere_the_unit_after_its_institution() {
        assert_eq!(actor_words("Military Forces of Iraq (2014-2018) Peshmerga"), " military forces of iraq peshmerga ");
        assert_eq!(actor_words("Islamic State (Iraq)"), " islamic state iraq ");
        let rules: Vec<(String, SideId)> = [
            ("Military Forces of Iraq", 1),
            ("Police Forces of Iraq", 1),
            ("Peshmerga", 2),
            ("Islamic State", 0),
            ("PMF", 1),
        ]
        .iter()
        .map(|(name, side)| (actor_words(name), *side))
        .collect();
        let side = |actor: &str| side_of_actor(actor, &rules);
        assert_eq!(side("Military Forces of Iraq (2014-2018) Peshmerga"), Some(2));
        assert_eq!(side("Military Forces of Iraq (2014-2018)"), Some(1));
        assert_eq!(side("Police Forces of Iraq (2014-2018) Federal Police"), Some(1));
        assert_eq!(side("Peshmerga (Kurdistan Regional Government)"), Some(2));
        assert_eq!(side("Islamic State (Iraq)"), Some(0));
        assert_eq!(side("PMFX Militia"), None, "whole words only");
        assert_eq!(side("Unidentified Armed Group (Iraq)"), None);
        // The built-in dataset's entry with its own years matches the same actor.
        let longer = [
            (actor_words("Military Forces of Iraq (2014-) Peshmerga"), 2),
            (actor_words("Military Forces of Iraq"), 1),
        ];
        assert_eq!(side_of_actor("Military Forces of Iraq (2014-2018) Peshmerga", &longer), Some(2));
    }

    proptest::proptest! {
        /// Whatever ACLED writes, an actor is words between single spaces, and reading it
        /// again changes nothing.
        #[test]
        fn actor_words_are_words_between_single_spaces(name in "[A-Za-z0-9 ()\\-,.ء-ي]{0,60}") {
            let words = actor_words(&name);
            proptest::prop_assert!(words.starts_with(' ') && words.ends_with(' '));
            proptest::prop_assert!(!words.trim().contains("  "));
            proptest::prop_assert_eq!(actor_words(&words), words);
        }

        /// An actor always matches an entry with its own name, with or without the years.
        #[test]
        fn an_actor_matches_its_own_name(
            name in "[A-Za-z][A-Za-z ]{0,29}",
            years in proptest::option::of("\\(20[0-9]{2}-(20[0-9]{2})?\\)"),
            unit in proptest::option::of(" [A-Za-z]{1,10}"),
        ) {
            let unit = unit.unwrap_or_default();
            let actor = format!("{name} {} {unit}", years.unwrap_or_default());
            let rules = [(actor_words(&format!("{name}{unit}")), 3)];
            proptest::prop_assert_eq!(side_of_actor(&actor, &rules), Some(3));
        }

        #[test]
        fn acled_dates_read_back(year in 2000i16..2030, month in 1i8..=12, day in 1i8..=28) {
            let date = Date::new(year, month, day).unwrap();
            let written = format!("{day} {} {year}", MONTHS[month as usize - 1]);
            proptest::prop_assert_eq!(parse_acled_date(&written), Some(date));
            proptest::prop_assert_eq!(parse_acled_date(&date.to_string()), Some(date));
        }
    }

    #[test]
    fn new_ids_are_slugs_made_unique() {
        let dataset = Dataset::parse(&DatasetFiles::builtin()).unwrap();
        assert_eq!(unique_id(&dataset, &[], "Tall Kayf (North)"), "tall-kayf-north");
        assert_eq!(unique_id(&dataset, &[], "Mosul"), "mosul-2");
    }
}

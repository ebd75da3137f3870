//! `frontline check`: everything that keeps a dataset true beyond parsing it, and a
//! summary of what it covers.
//!
//! Errors (the dataset is wrong): a place on the wrong bank of the river, two places
//! closer than [`MIN_SEPARATION_M`] that are not marked `colocated`, a `colocated` naming no
//! place. Warnings (worth a look): columns no table reads, events that do not fit the state
//! before them, places too close to the river to check their bank, places outside their own
//! outline, likely conflations ([`conflations`]). Notes: names shared by several places.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use geo::{Coord, MultiLineString};
use rstar::RTree;
use rstar::primitives::GeomWithData;

use crate::dataset::Dataset;
use crate::dataset::events::EventDate;
use crate::dataset::gazetteer::{Kind, PLACES_FILE, Place};
use crate::dataset::manifest::Bank;
use crate::dataset::projection::Projection;
use crate::error::{Location, Problem, printable};
use crate::model::conflations;
use crate::model::control::Timeline;

/// Two places with different ids must be at least this far apart, unless marked.
pub const MIN_SEPARATION_M: f64 = 150.0;
/// How far the basemap's river line may be from the real river, in metres: the
/// OpenStreetMap-derived Tigris lies 70–190 m from Mosul's bridges and riverside landmarks.
const RIVER_TOLERANCE_M: f64 = 250.0;
const METRES_PER_DEGREE: f64 = 111_320.0;

/// The outcome of checking a dataset.
#[derive(Debug, Default)]
pub struct Report {
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    /// Worth knowing but not wrong: names several places share.
    pub notes: Vec<Problem>,
}

/// Runs every check on a parsed dataset.
pub fn check(dataset: &Dataset, timeline: &Timeline) -> Report {
    let mut report = Report::default();
    report.warnings.extend_from_slice(&dataset.warnings);
    report.warnings.extend_from_slice(timeline.warnings());
    check_banks(dataset, &mut report);
    check_separation(dataset, &mut report);
    check_shared_names(dataset, &mut report);
    check_outlines(dataset, &mut report);
    report.warnings.extend(conflations::find(dataset));
    report
}

/// A place should lie inside its own outline; one that does not probably has the wrong
/// outline or the wrong coordinate.
fn check_outlines(dataset: &Dataset, report: &mut Report) {
    use geo::Contains;
    for outline in &dataset.outlines {
        let place = dataset.gazetteer.get(outline.place);
        let Some((lon, lat)) = place.lonlat() else { continue };
        if !outline.shape.contains(&geo::Point::new(lon, lat)) {
            let message = format!("{} ({}) lies outside its own outline", place.name, place.id);
            report.warnings.push(Problem::new(place_location(dataset, place), message));
        }
    }
}

fn place_location(dataset: &Dataset, place: &Place) -> Location {
    Location::line(&format!("{}/{PLACES_FILE}", dataset.origin), place.line)
}

fn check_banks(dataset: &Dataset, report: &mut Report) {
    let river_name = dataset.manifest.territory.bank_river();
    let river = dataset.basemap.river(river_name);
    let with_bank: Vec<&Place> =
        dataset.gazetteer.places().iter().filter(|p| p.bank.is_some() && p.position.is_some()).collect();
    if river.0.is_empty() {
        if !with_bank.is_empty() {
            let at = Location::file(&format!("{}/basemap/rivers.geojson", dataset.origin));
            let message = format!("no river named {river_name} in the basemap: banks were not checked");
            report.warnings.push(Problem::new(at, message));
        }
        return;
    }
    for place in with_bank {
        let claimed = place.bank.expect("filtered on bank");
        let position = place.position.expect("filtered on position");
        let at = place_location(dataset, place);
        match bank_of(&river, position.lon, position.lat) {
            None => report.warnings.push(Problem::new(
                at,
                format!("{}: the {river_name} line does not reach its latitude; bank not checked", place.name),
            )),
            Some((bank, _)) if bank == claimed => {}
            Some((bank, distance)) if distance <= position.precision_m + RIVER_TOLERANCE_M => {
                report.warnings.push(Problem::new(
                    at,
                    format!(
                        "{} is marked {} bank but lies {distance:.0} m {} of the {river_name} line, within its precision",
                        place.name,
                        claimed.as_str(),
                        bank.as_str()
                    ),
                ))
            }
            Some((bank, distance)) => report.errors.push(
                Problem::new(
                    at,
                    format!(
                        "{} is marked {} bank but lies {distance:.0} m {} of the {river_name}",
                        place.name,
                        claimed.as_str(),
                        bank.as_str()
                    ),
                )
                .with_help("fix the coordinates or the bank"),
            ),
        }
    }
}

/// Which bank of `river` the point is on, and how far from the river, judged along the
/// point's parallel at the nearest crossing (the Tigris at Mosul runs north to south).
pub fn bank_of(river: &MultiLineString<f64>, lon: f64, lat: f64) -> Option<(Bank, f64)> {
    let crossing = river
        .0
        .iter()
        .flat_map(|line| line.lines())
        .filter_map(|segment| crossing_lon(segment.start, segment.end, lat))
        .min_by(|a, b| (a - lon).abs().total_cmp(&(b - lon).abs()))?;
    let bank = if lon > crossing { Bank::East } else { Bank::West };
    let metres = (lon - crossing).abs() * METRES_PER_DEGREE * lat.to_radians().cos();
    Some((bank, metres))
}

fn crossing_lon(a: Coord<f64>, b: Coord<f64>, lat: f64) -> Option<f64> {
    let (low, high) = if a.y <= b.y { (a, b) } else { (b, a) };
    if !(low.y <= lat && lat < high.y) {
        return None;
    }
    let t = (lat - low.y) / (high.y - low.y);
    Some(low.x + t * (high.x - low.x))
}

fn check_separation(dataset: &Dataset, report: &mut Report) {
    let places = dataset.gazetteer.places();
    let spec = dataset.manifest.projection;
    let projection = Projection::transverse_mercator(spec.lon0, spec.lat0);
    let points: Vec<GeomWithData<[f64; 2], usize>> = places
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (x, y) = projection.forward(p.lonlat()?.0, p.lonlat()?.1);
            Some(GeomWithData::new([x, y], i))
        })
        .collect();
    let tree = RTree::bulk_load(points.clone());
    for point in &points {
        let a = &places[point.data];
        for near in tree.locate_within_distance(*point.geom(), MIN_SEPARATION_M * MIN_SEPARATION_M) {
            let b = &places[near.data];
            if near.data <= point.data || meant_together(a, b) {
                continue;
            }
            let [dx, dy] = [near.geom()[0] - point.geom()[0], near.geom()[1] - point.geom()[1]];
            report.errors.push(
                Problem::new(
                    place_location(dataset, b),
                    format!("{} ({}) is {:.0} m from {} ({})", b.name, b.id, dx.hypot(dy), a.name, a.id),
                )
                .with_help(format!("if that is intended, set colocated = {} on one of them", a.id)),
            );
        }
    }
    for place in places {
        if let Some(other) = place.colocated.as_ref().filter(|other| dataset.gazetteer.by_id(other).is_none()) {
            let message = format!("colocated names no place: \"{other}\"");
            report.errors.push(Problem::new(place_location(dataset, place), message));
        }
    }
}

/// True when one place is marked colocated with the other, or both with the same third
/// place (places stacked on one estimated point).
fn meant_together(a: &Place, b: &Place) -> bool {
    a.colocated.as_deref() == Some(b.id.as_str())
        || b.colocated.as_deref() == Some(a.id.as_str())
        || (a.colocated.is_some() && a.colocated == b.colocated)
}

/// Homonyms are legitimate (a Nasr district on each bank of the Tigris, a Wahda in Mosul and
/// one in Tal Afar), and an event naming one of them ambiguously is already an error of the
/// loader; so shared names are notes, listing the ids events must use.
fn check_shared_names(dataset: &Dataset, report: &mut Report) {
    for (name, ids) in dataset.gazetteer.shared_names() {
        let first = dataset.gazetteer.get(ids[0]);
        let all: Vec<&str> = ids.iter().map(|&i| dataset.gazetteer.get(i).id.as_str()).collect();
        report.notes.push(Problem::new(
            place_location(dataset, first),
            format!(
                "the name \"{name}\" (folded) belongs to several places: {}; events must use their ids",
                all.join(", ")
            ),
        ));
    }
}

/// The human-readable summary `frontline check` prints: what the dataset holds and covers.
pub fn summary(dataset: &Dataset) -> String {
    let m = &dataset.manifest;
    let places = dataset.gazetteer.places();
    let mut out = String::new();
    // The summary is printed to a terminal: what comes from data is shown, not obeyed.
    let _ = writeln!(out, "dataset: {} ({})", printable(&m.title), printable(&dataset.origin));
    let _ = writeln!(out, "period: {} to {} (events from {})", m.period.start, m.period.end, m.period.baseline);
    let sides: Vec<String> =
        m.sides.all().iter().map(|s| format!("{} ({})", printable(&s.id), printable(&s.label))).collect();
    let _ = writeln!(out, "sides: {}; default {}", sides.join(", "), m.sides.get(m.default_side).id);

    let by_kind = count(places.iter().map(|p| p.kind.as_str()), Kind::ALL.map(|k| k.as_str()).to_vec());
    let _ = writeln!(out, "places: {} ({by_kind})", places.len());
    let by_bank = count(places.iter().map(|p| p.bank.map_or("none", Bank::as_str)), vec!["east", "west", "none"]);
    let _ = writeln!(out, "  by bank: {by_bank}");
    let estimated = places.iter().filter(|p| p.is_estimated()).count();
    let _ = writeln!(
        out,
        "  estimated coordinates: {estimated} of {} ({})",
        places.len(),
        percent(estimated, places.len())
    );
    let unlocated = places.iter().filter(|p| p.position.is_none()).count();
    let _ = writeln!(
        out,
        "  without a position (not drawn, counted): {unlocated} of {} ({})",
        places.len(),
        percent(unlocated, places.len())
    );
    let with_arabic = places.iter().filter(|p| !p.name_ar.is_empty()).count();
    let _ = writeln!(out, "  with an Arabic name: {with_arabic} ({})", percent(with_arabic, places.len()));

    let events = &dataset.events;
    let statuses = count(
        events.iter().map(|e| e.status.as_str()),
        crate::dataset::events::Status::ALL.map(|s| s.as_str()).to_vec(),
    );
    let _ = writeln!(out, "events: {} ({statuses})", events.len());
    let before = events.iter().filter(|e| e.date.effective() < m.period.start).count();
    let _ = writeln!(out, "  initial state (before {}): {before}", m.period.start);
    let precisions = count(events.iter().map(|e| e.date.precision()), vec!["day", "range", "month"]);
    let _ = writeln!(out, "  date precision: {precisions}");
    let with_events = {
        let mut seen = vec![false; places.len()];
        events.iter().for_each(|e| seen[e.place] = true);
        seen.iter().filter(|s| **s).count()
    };
    let _ = writeln!(out, "  places with events: {with_events} of {}", places.len());
    let _ = writeln!(out, "  by month (effective date):");
    let mut by_month: BTreeMap<String, usize> = BTreeMap::new();
    for event in events.iter().filter(|e| e.date.effective() >= m.period.start) {
        *by_month.entry(month_of(&event.date)).or_default() += 1;
    }
    for (month, n) in by_month {
        let _ = writeln!(out, "    {month} {n:>4}");
    }
    out
}

fn month_of(date: &EventDate) -> String {
    date.effective().strftime("%Y-%m").to_string()
}

/// "city 1, town 12" in the order of `keys`, skipping zeros.
fn count<'a>(values: impl Iterator<Item = &'a str>, keys: Vec<&'a str>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    values.for_each(|v| *counts.entry(v).or_default() += 1);
    keys.iter().filter_map(|k| counts.get(k).map(|n| format!("{k} {n}"))).collect::<Vec<_>>().join(", ")
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 { "0%".into() } else { format!("{:.1}%", 100.0 * part as f64 / whole as f64) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, MultiLineString};

    fn river() -> MultiLineString<f64> {
        // Runs south, bending east: 43.10 E at 36.40 N to 43.14 E at 36.30 N.
        MultiLineString(vec![LineString::from(vec![(43.10, 36.40), (43.12, 36.35), (43.14, 36.30)])])
    }

    #[test]
    fn banks_follow_the_river_at_each_latitude() {
        assert_eq!(bank_of(&river(), 43.13, 36.38).map(|b| b.0), Some(Bank::East));
        assert_eq!(bank_of(&river(), 43.13, 36.31).map(|b| b.0), Some(Bank::West));
        assert_eq!(bank_of(&river(), 43.13, 36.50), None);
        let (_, metres) = bank_of(&river(), 43.13, 36.35).unwrap();
        assert!((metres - 0.01 * METRES_PER_DEGREE * 36.35f64.to_radians().cos()).abs() < 1.0);
    }
}

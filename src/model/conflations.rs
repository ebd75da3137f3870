//! Conflations: two places the dataset holds as one, or one place it holds as two. Each
//! check looks for a kind that sampling found in the Mosul dataset: a place whose Arabic
//! names are different words (al-Saha and al-Sihha under one id), two places of one name on
//! one bank of the river (one neighbourhood entered twice), and an event on one of several
//! namesakes that lies far from every other place its source names that day (the lazaga
//! event, which drew a capture on a لزاكة 40 km from the airport the others lay by).
//! Their findings are warnings: `frontline check` is clean only once each is resolved.

use std::collections::BTreeMap;

use geo::{Distance, Haversine, Point};

use crate::dataset::Dataset;
use crate::dataset::events::EVENTS_FILE;
use crate::dataset::gazetteer::{PLACES_FILE, Place, PlaceId};
use crate::dataset::names::fold;
use crate::error::{Location, Problem};

/// Two folded Arabic names less alike than this (Jaro–Winkler) are different words, not
/// two spellings of one.
const SAME_WORD: f64 = 0.85;
/// A place this far from every other place its source names on the same day is suspect.
pub const FAR_FROM_ITS_SOURCE_KM: f64 = 25.0;
/// The fewest other places a source must name that day for the distance to say anything.
const OTHERS_NEEDED: usize = 2;

/// Every conflation found, as warnings.
pub fn find(dataset: &Dataset) -> Vec<Problem> {
    let mut found = arabic_names_that_disagree(dataset);
    found.extend(namesakes_on_one_bank(dataset));
    found.extend(events_far_from_their_source(dataset));
    found
}

fn place_location(dataset: &Dataset, place: &Place) -> Location {
    Location::line(&format!("{}/{PLACES_FILE}", dataset.origin), place.line)
}

fn is_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// A place whose Arabic name and Arabic aliases are different words once folded.
fn arabic_names_that_disagree(dataset: &Dataset) -> Vec<Problem> {
    let mut found = Vec::new();
    for place in dataset.gazetteer.places() {
        let mut names: Vec<(String, &str)> = std::iter::once(place.name_ar.as_str())
            .chain(place.aliases.iter().map(String::as_str))
            .filter(|n| is_arabic(n))
            .map(|n| (fold(n), n))
            .collect();
        names.sort();
        names.dedup_by(|a, b| a.0 == b.0);
        let pair = names.iter().enumerate().find_map(|(i, a)| {
            names[i + 1..].iter().find(|b| strsim::jaro_winkler(&a.0, &b.0) < SAME_WORD).map(|b| (a.1, b.1))
        });
        if let Some((a, b)) = pair {
            let message = format!(
                "{} ({}): its Arabic names {a} and {b} are different words, so two places may be held as one",
                place.name, place.id
            );
            let help = "give each place its own row, or drop the alias that names the other";
            found.push(Problem::new(place_location(dataset, place), message).with_help(help));
        }
    }
    found
}

/// Two places whose names fold together and lie on the same bank: one neighbourhood entered
/// twice, or two that need their own names. (On different banks, or with no bank, namesakes
/// are common and are only noted.)
fn namesakes_on_one_bank(dataset: &Dataset) -> Vec<Problem> {
    let mut found = Vec::new();
    for (name, ids) in dataset.gazetteer.shared_names() {
        let places: Vec<&Place> = ids.iter().map(|&i| dataset.gazetteer.get(i)).collect();
        for (i, a) in places.iter().enumerate() {
            if let Some(b) = places[i + 1..].iter().find(|b| a.bank.is_some() && b.bank == a.bank) {
                let bank = a.bank.map_or("", |b| b.as_str());
                let message = format!(
                    "{} ({}) and {} ({}) both answer to \"{name}\" on the {bank} bank: one place held twice, \
                     or two that need names of their own",
                    a.name, a.id, b.name, b.id
                );
                found.push(Problem::new(place_location(dataset, b), message));
            }
        }
    }
    found
}

/// An event on a place that has a namesake in the gazetteer, lying more than
/// [`FAR_FROM_ITS_SOURCE_KM`] from every other place its source names on the same day while
/// those others lie together (within that distance of each other): the wrong one of the
/// namesakes, most likely. A report covering two fronts names far-apart places by design,
/// so a place without a namesake is not suspect, and neither is a source whose places are
/// spread over the map (a declaration covering a province).
fn events_far_from_their_source(dataset: &Dataset) -> Vec<Problem> {
    let mut by_report: BTreeMap<(&str, jiff::civil::Date), Vec<usize>> = BTreeMap::new();
    for (index, event) in dataset.events.iter().enumerate() {
        by_report.entry((event.source.as_str(), event.date.effective())).or_default().push(index);
    }
    let point = |place: PlaceId| dataset.gazetteer.get(place).lonlat().map(|(lon, lat)| Point::new(lon, lat));
    let mut has_namesake = vec![false; dataset.gazetteer.len()];
    for (_, ids) in dataset.gazetteer.shared_names() {
        ids.iter().for_each(|&id| has_namesake[id] = true);
    }
    let mut found = Vec::new();
    for events in by_report.values() {
        let mut places: Vec<PlaceId> = events.iter().map(|&e| dataset.events[e].place).collect();
        places.sort_unstable();
        places.dedup();
        for &event in events {
            let place = dataset.events[event].place;
            let Some(here) = point(place).filter(|_| has_namesake[place]) else { continue };
            let others: Vec<Point<f64>> = places.iter().filter(|&&p| p != place).filter_map(|&p| point(p)).collect();
            if others.len() < OTHERS_NEEDED {
                continue;
            }
            let km = |a: Point<f64>, b: Point<f64>| Haversine.distance(a, b) / 1000.0;
            let nearest_km = others.iter().map(|o| km(here, *o)).fold(f64::INFINITY, f64::min);
            let together = others
                .iter()
                .enumerate()
                .all(|(i, a)| others[i + 1..].iter().all(|b| km(*a, *b) <= FAR_FROM_ITS_SOURCE_KM));
            if nearest_km > FAR_FROM_ITS_SOURCE_KM && together {
                let e = &dataset.events[event];
                let name = &dataset.gazetteer.get(place).name;
                let message = format!(
                    "{name} lies {nearest_km:.0} km from the nearest of the {} other places its source names that day: \
                     the wrong place of that name?",
                    others.len()
                );
                let at = Location::line(&format!("{}/{EVENTS_FILE}", dataset.origin), e.line);
                found.push(Problem::new(at, message).with_help("check which place the source means"));
            }
        }
    }
    found
}

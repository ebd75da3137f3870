//! Statistics per date: for each side, the places it holds in a region (count, share, by
//! kind) and the area it holds there (geodesic km² and share), plus the contested and
//! neutral (no information) totals. Areas come from the same territory polygons the maps
//! draw ([`crate::model::territory`]).

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use geo::{BooleanOps, Coord, MapCoords, MultiPolygon};

use crate::dataset::Dataset;
use crate::dataset::gazetteer::Kind;
use crate::dataset::manifest::Region;
use crate::dataset::projection::Projection;
use crate::model::control::{Control, Timeline};
use crate::model::territory::{self, Cells, Territory};

/// What one side holds in a region on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SideStats {
    pub side: String,
    pub label: String,
    /// Places held, besieged ones included; contested places count for no side.
    pub places: usize,
    /// `places` over all places of the region, 0 to 1.
    pub places_share: f64,
    pub by_kind: BTreeMap<&'static str, usize>,
    pub area_km2: Option<f64>,
    pub area_share: Option<f64>,
    /// The contested area this side has entered (it is the attacker), km².
    pub entered_km2: Option<f64>,
}

/// Places (and area) that belong to no single side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Totals {
    pub places: usize,
    pub places_share: f64,
    pub area_km2: Option<f64>,
    pub area_share: Option<f64>,
}

/// The statistics of one region on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub date: String,
    pub region: String,
    /// All places of the region.
    pub places: usize,
    /// The region's area (its bank only, when it has one).
    pub area_km2: f64,
    pub sides: Vec<SideStats>,
    pub contested: Totals,
    /// Space no place's area reaches ("no information"); places are never neutral.
    pub neutral: Totals,
}

impl Stats {
    pub fn side(&self, id: &str) -> Option<&SideStats> {
        self.sides.iter().find(|s| s.side == id)
    }
}

/// What area statistics are measured with: the dataset's territory cells and projection.
pub struct Areas {
    pub cells: Cells,
    pub projection: Projection,
}

impl Areas {
    pub fn new(dataset: &Dataset) -> Areas {
        let projection = dataset.projection();
        Areas { cells: Cells::build(dataset, &projection), projection }
    }

    /// The region as a projected shape: its outline or its box, cut to the area of
    /// interest, on its bank of the river if it has one.
    pub fn region_shape(&self, region: &Region) -> MultiPolygon<f64> {
        let shape = match &region.outline {
            Some(outline) => outline.map_coords(|c| {
                let (x, y) = self.projection.forward(c.x, c.y);
                Coord { x, y }
            }),
            None => MultiPolygon(vec![territory::projected_box(&self.projection, &region.lonlat_box())]),
        };
        let shape = shape.intersection(&MultiPolygon(vec![self.cells.area.clone()]));
        match region.bank {
            Some(bank) if self.cells.compartments.has_rivers() => {
                shape.intersection(&self.cells.compartments.bank(bank))
            }
            _ => shape,
        }
    }

    /// The km² in `region` of the ground `places` stand for (their cells), whoever holds them.
    pub fn places_km2(&self, places: &[usize], region: &Region) -> f64 {
        let ground = territory::union_of(&self.cells, places.iter().copied());
        self.km2_in(&ground, &self.region_shape(region))
    }

    fn km2_in(&self, shape: &MultiPolygon<f64>, region: &MultiPolygon<f64>) -> f64 {
        round4(territory::area_km2(&shape.intersection(region), &self.projection))
    }
}

/// Counts and measures what each side holds in `region` at the end of `date`.
pub fn at(dataset: &Dataset, timeline: &Timeline, areas: &Areas, region: &Region, date: Date) -> Stats {
    let state = timeline.state_at(date);
    let territory = Territory::at(&areas.cells, &state, dataset.manifest.sides.len());
    let region_shape = areas.region_shape(region);
    let region_km2 = round4(territory::area_km2(&region_shape, &areas.projection));
    let area_share = |km2: f64| if region_km2 > 0.0 { round4(km2 / region_km2) } else { 0.0 };
    let in_region: Vec<usize> = (0..dataset.gazetteer.len())
        .filter(|&id| {
            let place = dataset.gazetteer.get(id);
            region.contains(place.lonlat(), place.bank)
        })
        .collect();
    let total = in_region.len();
    let share = |n: usize| if total == 0 { 0.0 } else { round4(n as f64 / total as f64) };
    let sides = dataset
        .manifest
        .sides
        .all()
        .iter()
        .enumerate()
        .map(|(side, info)| {
            let held: Vec<usize> = in_region
                .iter()
                .copied()
                .filter(|&id| {
                    !matches!(state.control(id), Control::Contested { .. }) && state.control(id).holder() == side
                })
                .collect();
            let mut by_kind = BTreeMap::new();
            for &id in &held {
                *by_kind.entry(dataset.gazetteer.get(id).kind.as_str()).or_default() += 1;
            }
            let km2 = areas.km2_in(&territory.sides[side], &region_shape);
            let entered: f64 = territory
                .contested
                .iter()
                .filter(|((attacker, _), _)| *attacker == side)
                .map(|(_, shape)| areas.km2_in(shape, &region_shape))
                .sum();
            SideStats {
                side: info.id.clone(),
                label: info.label.clone(),
                places: held.len(),
                places_share: share(held.len()),
                by_kind,
                area_km2: Some(km2),
                area_share: Some(area_share(km2)),
                entered_km2: Some(round4(entered)),
            }
        })
        .collect::<Vec<_>>();
    let contested = in_region.iter().filter(|&&id| matches!(state.control(id), Control::Contested { .. })).count();
    let contested_km2: f64 = territory.contested.iter().map(|(_, shape)| areas.km2_in(shape, &region_shape)).sum();
    let held_km2: f64 = sides.iter().filter_map(|s| s.area_km2).sum();
    let neutral_km2 = round4((region_km2 - held_km2 - contested_km2).max(0.0));
    Stats {
        date: date.to_string(),
        region: region.id.clone(),
        places: total,
        area_km2: region_km2,
        sides,
        contested: Totals {
            places: contested,
            places_share: share(contested),
            area_km2: Some(round4(contested_km2)),
            area_share: Some(area_share(contested_km2)),
        },
        neutral: Totals {
            places: 0,
            places_share: 0.0,
            area_km2: Some(neutral_km2),
            area_share: Some(area_share(neutral_km2)),
        },
    }
}

/// How many places of `kind` the side holds, and their share of all such places.
pub fn kind_count(dataset: &Dataset, stats: &Stats, region: &Region, side: &str, kind: Kind) -> (usize, f64) {
    let held = stats.side(side).and_then(|s| s.by_kind.get(kind.as_str())).copied().unwrap_or(0);
    let all =
        dataset.gazetteer.places().iter().filter(|p| p.kind == kind && region.contains(p.lonlat(), p.bank)).count();
    (held, if all == 0 { 0.0 } else { round4(held as f64 / all as f64) })
}

/// Rounded to 4 decimals, with no negative zero: the sum of empty areas can come out as
/// -1e-13, which would print as "-0".
/// (CSV cells pass through [`csv_number`] as well, whatever made them.)
fn round4(value: f64) -> f64 {
    let rounded = (value * 10_000.0).round() / 10_000.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// The CSV header of [`csv_rows`].
pub const CSV_HEADER: &str = "date,region,side,places,places_share,area_km2,area_share";

/// A number as a CSV cell: a zero is "0" whatever its sign (a spreadsheet or a diff
/// would show "-0" as a change).
fn csv_number(value: f64) -> String {
    let value = if value == 0.0 { 0.0 } else { value };
    format!("{value}")
}

/// One CSV row per side, then `contested` and `neutral`.
pub fn csv_rows(stats: &Stats) -> String {
    // Ids (date, region, side) are lowercase letters, digits and '-': no cell needs quotes.
    let cell = |v: Option<f64>| v.map_or(String::new(), csv_number);
    let mut out = String::new();
    let mut row = |side: &str, places: usize, share: f64, area: Option<f64>, area_share: Option<f64>| {
        out.push_str(&format!(
            "{},{},{side},{places},{},{},{}\n",
            stats.date,
            stats.region,
            csv_number(share),
            cell(area),
            cell(area_share)
        ));
    };
    for s in &stats.sides {
        row(&s.side, s.places, s.places_share, s.area_km2, s.area_share);
    }
    row(
        "contested",
        stats.contested.places,
        stats.contested.places_share,
        stats.contested.area_km2,
        stats.contested.area_share,
    );
    row("neutral", stats.neutral.places, stats.neutral.places_share, stats.neutral.area_km2, stats.neutral.area_share);
    out
}

/// A table for people: one line per side with its places by kind.
pub fn table(stats: &Stats, region_label: &str) -> String {
    let kinds: Vec<&str> = Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|k| stats.sides.iter().any(|s| s.by_kind.contains_key(k)))
        .collect();
    // The table is printed to a terminal; the label comes from the dataset.
    let region_label = crate::error::printable(region_label);
    let mut out = format!("{} ({region_label}) on {}: {} places\n", stats.region, stats.date, stats.places);
    out.push_str(&format!("{:<10} {:>6} {:>7}", "side", "places", "share"));
    kinds.iter().for_each(|k| out.push_str(&format!(" {k:>9}")));
    out.push_str(&format!(" {:>10} {:>7}\n", "km2", "share"));
    let area = |km2: Option<f64>, share: Option<f64>| {
        format!(" {:>10.1} {:>6.1}%\n", km2.unwrap_or(0.0), share.unwrap_or(0.0) * 100.0)
    };
    for s in &stats.sides {
        out.push_str(&format!("{:<10} {:>6} {:>6.1}%", s.side, s.places, s.places_share * 100.0));
        kinds.iter().for_each(|k| out.push_str(&format!(" {:>9}", s.by_kind.get(k).copied().unwrap_or(0))));
        out.push_str(&area(s.area_km2, s.area_share));
    }
    let padding = " ".repeat(10 * kinds.len());
    for (name, totals) in [("contested", &stats.contested), ("neutral", &stats.neutral)] {
        out.push_str(&format!("{name:<10} {:>6} {:>6.1}%{padding}", totals.places, totals.places_share * 100.0));
        out.push_str(&area(totals.area_km2, totals.area_share));
    }
    out.push_str(&format!("region area {:.1} km2; neutral: space no place's area reaches\n", stats.area_km2));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_cover_every_side_then_contested_and_neutral() {
        let stats = Stats {
            date: "2016-11-05".into(),
            region: "all".into(),
            places: 4,
            area_km2: 10.0,
            sides: vec![SideStats {
                side: "gov".into(),
                label: "Gov".into(),
                places: 3,
                places_share: 0.75,
                by_kind: BTreeMap::new(),
                area_km2: None,
                area_share: None,
                entered_km2: None,
            }],
            contested: Totals { places: 1, places_share: 0.25, area_km2: None, area_share: None },
            neutral: Totals { places: 0, places_share: 0.0, area_km2: None, area_share: None },
        };
        assert_eq!(
            csv_rows(&stats),
            "2016-11-05,all,gov,3,0.75,,\n2016-11-05,all,contested,1,0.25,,\n2016-11-05,all,neutral,0,0,,\n"
        );
        assert_eq!(csv_number(-0.0), "0");
        assert_eq!(csv_number(-0.25), "-0.25");
    }
}

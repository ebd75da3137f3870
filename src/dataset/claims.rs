//! Dated figures from the sources (a share of east Mosul held, a number of districts
//! taken), kept in `claims.csv` so the dataset can be compared with them. Agreement is
//! evidence and disagreement is information: the data is never bent to match.

use crate::dataset::events::EventDate;
use crate::dataset::manifest::{Manifest, SideId};
use crate::dataset::table::{Row, Table};
use crate::error::{Problem, Problems, Result};

pub const CLAIMS_FILE: &str = "claims.csv";
pub(crate) const REQUIRED: &[&str] = &["date", "date_precision", "region", "side", "metric", "value", "source"];
pub(crate) const OPTIONAL: &[&str] = &["value_max", "note", "as_one", "excluding", "actor", "explained"];

/// What a claim measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// How many district places the side holds in the region.
    Districts,
    /// How many district places the side holds or fights in (contested, as attacker or
    /// defender): what a source counts as "entered" for the attacker, or as "left to
    /// retake" and "still fought over" for the defender.
    DistrictsIn,
    /// The share of the region's districts the side holds, 0 to 1.
    DistrictShare,
    /// The share of all the region's places the side holds, 0 to 1.
    PlacesShare,
    /// The share of the region's area the side holds, 0 to 1, from the territory.
    AreaShare,
    /// The share of the region's *mapped* area (what some place's area reaches, neutral
    /// space left out) the side holds, 0 to 1: the measure to compare with "n% of the
    /// city" when the region's box holds countryside that no place covers.
    MappedAreaShare,
    /// The share of the mapped area the side holds or has entered (contested places it
    /// attacks count): how officials count "liberated" when their forces are inside a
    /// district still fought over.
    EnteredAreaShare,
    /// The side's territory in the region, km².
    AreaKm2,
    /// How many village places the side holds in the region.
    Villages,
    /// Over the claim's dates (a range: from its first day to its last; a day: that day),
    /// the villages of the region the side came to hold.
    VillagesCaptured,
    /// The same for districts.
    DistrictsCaptured,
    /// The same for places of every kind: "villages and areas", "neighbourhoods and
    /// villages", "areas" (villages, districts, areas, bases, landmarks alike).
    PlacesCaptured,
    /// Over the claim's dates, the km² the side's territory in the region grew by.
    AreaKm2Liberated,
    /// Over the claim's dates, the km² the side's territory in the region shrank by (for
    /// ISIL: what it lost to anyone).
    AreaKm2Lost,
    /// Over the claim's dates, the villages of the region the side lost.
    VillagesLost,
}

impl Metric {
    const ALL: [(&'static str, Metric); 15] = [
        ("districts", Metric::Districts),
        ("districts_in", Metric::DistrictsIn),
        ("district_share", Metric::DistrictShare),
        ("places_share", Metric::PlacesShare),
        ("area_share", Metric::AreaShare),
        ("mapped_area_share", Metric::MappedAreaShare),
        ("entered_area_share", Metric::EnteredAreaShare),
        ("area_km2", Metric::AreaKm2),
        ("villages", Metric::Villages),
        ("villages_captured", Metric::VillagesCaptured),
        ("districts_captured", Metric::DistrictsCaptured),
        ("places_captured", Metric::PlacesCaptured),
        ("area_km2_liberated", Metric::AreaKm2Liberated),
        ("area_km2_lost", Metric::AreaKm2Lost),
        ("villages_lost", Metric::VillagesLost),
    ];

    /// True for a share, from 0 to 1; the others are counts or km².
    pub fn is_share(self) -> bool {
        matches!(
            self,
            Metric::DistrictShare
                | Metric::PlacesShare
                | Metric::AreaShare
                | Metric::MappedAreaShare
                | Metric::EnteredAreaShare
        )
    }

    /// True for a metric measured over the claim's dates rather than at their end.
    pub fn is_change(self) -> bool {
        matches!(
            self,
            Metric::VillagesCaptured
                | Metric::DistrictsCaptured
                | Metric::PlacesCaptured
                | Metric::AreaKm2Liberated
                | Metric::AreaKm2Lost
                | Metric::VillagesLost
        )
    }

    /// True for a metric that can be counted for one force (`actor`): places held or taken,
    /// and the ground they stand for.
    pub fn counts_by_actor(self) -> bool {
        matches!(
            self,
            Metric::Districts
                | Metric::Villages
                | Metric::VillagesCaptured
                | Metric::DistrictsCaptured
                | Metric::PlacesCaptured
                | Metric::AreaKm2Liberated
        )
    }

    /// Every metric's name, for messages.
    pub fn names() -> String {
        Metric::ALL.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ")
    }

    fn parse(text: &str) -> Option<Metric> {
        Metric::ALL.iter().find(|(name, _)| *name == text).map(|(_, m)| *m)
    }

    pub fn name(self) -> &'static str {
        Metric::ALL.iter().find(|(_, m)| *m == self).map_or("", |(name, _)| name)
    }
}

/// One dated figure from a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub date: EventDate,
    pub region: String,
    pub side: SideId,
    pub metric: Metric,
    /// The figure, or the low end of a range ("65–70%").
    pub value: f64,
    pub value_max: f64,
    /// A region whose districts the source counts as one district ("the Old City"), for
    /// the district metrics.
    pub as_one: Option<String>,
    /// A region whose districts the source leaves out ("the three neighbourhoods left
    /// outside the Old City"), for the district counts.
    pub excluding: Option<String>,
    /// The force the source counts for ("Federal Police", "CTS|Golden Division"): a place
    /// counts only when the event that gave it to the side names one of these in its
    /// `actor`. Empty: every force of the side.
    pub actor: Vec<String>,
    pub source: String,
    pub note: String,
    /// Why the dataset differs from the figure, where it does: the sources contradict each
    /// other, or count another unit.
    pub explained: String,
    pub line: u64,
}

impl Claim {
    /// True when an event whose `actor` cell reads `actor` counts for the claim's force:
    /// it names one of the force's names (any case), or the claim names no force. An event
    /// of several forces ("Federal Police; PMF") counts for each of them.
    pub fn counts_actor(&self, actor: &str) -> bool {
        let actor = actor.to_lowercase();
        self.actor.is_empty() || self.actor.iter().any(|name| actor.contains(&name.to_lowercase()))
    }
}

/// An optional cell naming a region of the manifest.
fn region_cell(row: &Row<'_>, column: &str, manifest: &Manifest) -> std::result::Result<Option<String>, Problem> {
    let id = row.get(column);
    match id {
        "" => Ok(None),
        id if manifest.region(id).is_some() => Ok(Some(id.to_string())),
        _ => Err(row.problem(column, &format!("one of the regions {}", manifest.region_ids().join(", ")))),
    }
}

/// The names of a force in an `actor` cell of claims.csv, separated by `|` (the events'
/// actors use `;` to join forces).
fn forces(cell: &str) -> Vec<String> {
    cell.split('|').map(str::trim).filter(|name| !name.is_empty()).map(str::to_string).collect()
}

/// Reads claims.csv, checking regions and sides against the manifest.
pub fn parse(file: &str, text: &str, manifest: &Manifest) -> Result<Vec<Claim>> {
    let table = Table::parse(file, text, REQUIRED)?;
    let mut problems = Problems::default();
    let mut claims = Vec::new();
    for row in table.rows() {
        let parsed = (|| -> std::result::Result<Claim, Problem> {
            let date = EventDate::parse(row.get("date"))
                .ok_or_else(|| row.problem("date", "YYYY-MM-DD, YYYY-MM or a range"))?;
            if row.get("date_precision") != date.precision() {
                return Err(row.problem("date_precision", date.precision()));
            }
            let region = row.get("region");
            if manifest.region(region).is_none() {
                return Err(row.problem("region", &format!("one of the regions {}", manifest.region_ids().join(", "))));
            }
            let side = manifest
                .sides
                .find(row.get("side"))
                .ok_or_else(|| row.problem("side", &format!("one of {}", manifest.sides.ids())))?;
            let metric = Metric::parse(row.get("metric"))
                .ok_or_else(|| row.problem("metric", &format!("one of {}", Metric::names())))?;
            let as_one = region_cell(&row, "as_one", manifest)?;
            let excluding = region_cell(&row, "excluding", manifest)?;
            let actor = forces(row.get("actor"));
            if !actor.is_empty() && !metric.counts_by_actor() {
                return Err(row.problem(
                    "actor",
                    "an empty cell: a force is counted only in districts, villages, villages_captured, districts_captured, places_captured and area_km2_liberated",
                ));
            }
            let most = if metric.is_share() { 1.0 } else { 100_000.0 };
            let value = row.number("value", 0.0..=most)?;
            let value_max =
                if row.get("value_max").is_empty() { value } else { row.number("value_max", value..=most)? };
            Ok(Claim {
                date,
                region: region.to_string(),
                side,
                metric,
                value,
                value_max,
                as_one,
                excluding,
                actor,
                source: row.required("source", "a URL or seed:<section>")?.to_string(),
                note: row.get("note").to_string(),
                explained: row.get("explained").to_string(),
                line: row.line,
            })
        })();
        match parsed {
            Ok(claim) => claims.push(claim),
            Err(problem) => problems.push(problem),
        }
    }
    problems.into_result(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim_of(actor: &str) -> Claim {
        Claim {
            date: EventDate::parse("2017-05-20").unwrap(),
            region: "all".into(),
            side: 0,
            metric: Metric::Districts,
            value: 1.0,
            value_max: 1.0,
            as_one: None,
            excluding: None,
            actor: forces(actor),
            source: "https://example.org".into(),
            note: String::new(),
            explained: String::new(),
            line: 2,
        }
    }

    #[test]
    fn a_force_is_named_by_any_of_its_names_in_any_case() {
        let cts = claim_of(" CTS | Golden Division |");
        assert_eq!(cts.actor, ["CTS", "Golden Division"]);
        assert!(cts.counts_actor("CTS (Golden Division)"));
        assert!(cts.counts_actor("golden division"));
        assert!(cts.counts_actor("Federal Police; CTS"), "a joint capture counts for each force");
        assert!(!cts.counts_actor("Federal Police"));
        assert!(!cts.counts_actor(""), "an event naming no force is no force's");
    }

    #[test]
    fn a_claim_naming_no_force_counts_every_event() {
        let all = claim_of("");
        assert!(all.actor.is_empty());
        assert!(all.counts_actor("") && all.counts_actor("PMF"));
    }

    #[test]
    fn a_force_is_counted_only_where_a_capture_can_name_it() {
        assert!(Metric::PlacesCaptured.counts_by_actor() && Metric::AreaKm2Liberated.counts_by_actor());
        assert!(!Metric::EnteredAreaShare.counts_by_actor() && !Metric::AreaKm2Lost.counts_by_actor());
        assert!(Metric::PlacesCaptured.is_change() && !Metric::DistrictsIn.is_change());
        assert_eq!(Metric::parse("districts_in"), Some(Metric::DistrictsIn));
    }
}

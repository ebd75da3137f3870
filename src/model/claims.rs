//! How the dataset compares with the sources' figures (`frontline stats --claims`): each
//! claim of claims.csv next to what the replayed dataset measures on the claim's date.
//! Agreement is evidence and disagreement is information: the data is never bent to match.

use std::fmt::Write as _;

use crate::dataset::Dataset;
use crate::dataset::claims::{Claim, Metric};
use crate::dataset::gazetteer::Kind;
use crate::model::control::Timeline;
use crate::model::stats;

/// A claim next to what the dataset says on the same date.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'a> {
    pub claim: &'a Claim,
    /// `None` when the dataset cannot measure the metric.
    pub dataset_value: Option<f64>,
}

impl Comparison<'_> {
    pub fn agrees(&self) -> Option<bool> {
        self.dataset_value.map(|v| self.claim.value - 1e-9 <= v && v <= self.claim.value_max + 1e-9)
    }
}

/// Compares every claim of the dataset with its replayed state on the claim's date.
pub fn compare<'a>(dataset: &'a Dataset, timeline: &Timeline, areas: &stats::Areas) -> Vec<Comparison<'a>> {
    dataset
        .claims
        .iter()
        .map(|claim| {
            let region = dataset.manifest.region(&claim.region).expect("regions are checked on load");
            let date = claim.date.effective();
            let stats = stats::at(dataset, timeline, areas, &region, date);
            let side = &dataset.manifest.sides.get(claim.side).id;
            let dataset_value = match claim.metric {
                Metric::Districts => Some(stats::kind_count(dataset, &stats, &region, side, Kind::District).0 as f64),
                Metric::DistrictShare => Some(stats::kind_count(dataset, &stats, &region, side, Kind::District).1),
                Metric::PlacesShare => stats.side(side).map(|s| s.places_share),
                Metric::AreaShare => stats.side(side).and_then(|s| s.area_share),
                Metric::MappedAreaShare => {
                    let mapped = stats.area_km2 - stats.neutral.area_km2.unwrap_or(stats.area_km2);
                    let held = stats.side(side).and_then(|s| s.area_km2);
                    held.filter(|_| mapped > 0.0).map(|km2| km2 / mapped)
                }
            };
            Comparison { claim, dataset_value }
        })
        .collect()
}

/// The validation report: one line per claim.
pub fn report(dataset: &Dataset, comparisons: &[Comparison<'_>]) -> String {
    let mut out = String::from("date        region      side  metric             claimed   dataset  verdict\n");
    let show = |metric: Metric, v: f64| match metric {
        Metric::Districts => format!("{v:.0}"),
        _ => format!("{:.0}%", v * 100.0),
    };
    let (mut agree, mut differ, mut unknown) = (0, 0, 0);
    for c in comparisons {
        let claim = c.claim;
        let claimed = if claim.value == claim.value_max {
            show(claim.metric, claim.value)
        } else {
            format!("{}-{}", show(claim.metric, claim.value), show(claim.metric, claim.value_max))
        };
        let (value, verdict) = match (c.dataset_value, c.agrees()) {
            (Some(v), Some(true)) => (show(claim.metric, v), "agrees"),
            (Some(v), _) => (show(claim.metric, v), "differs"),
            (None, _) => ("n/a".to_string(), "not measurable"),
        };
        match verdict {
            "agrees" => agree += 1,
            "differs" => differ += 1,
            _ => unknown += 1,
        }
        let side = &dataset.manifest.sides.get(claim.side).id;
        let _ = writeln!(
            out,
            "{:<11} {:<11} {:<5} {:<17} {:>9} {:>9}  {verdict}  ({})",
            claim.date.to_string(),
            claim.region,
            side,
            claim.metric.name(),
            claimed,
            value,
            claim.source
        );
    }
    let _ = writeln!(out, "{agree} agree, {differ} differ, {unknown} not measurable");
    out
}

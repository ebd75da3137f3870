//! How the dataset compares with the sources' figures (`frontline stats --claims`): each
//! claim of claims.csv next to what the replayed dataset measures on the claim's date.
//! Agreement is evidence and disagreement is information: the data is never bent to match.

use std::fmt::Write as _;

use crate::dataset::Dataset;
use crate::dataset::claims::{Claim, Metric};
use jiff::civil::Date;

use crate::dataset::gazetteer::Kind;
use crate::dataset::manifest::{Region, SideId};
use crate::model::control::{Control, ControlState, Timeline};
use crate::model::stats;

/// A claim next to what the dataset says on the same date.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<'a> {
    pub claim: &'a Claim,
    /// `None` when the dataset cannot measure the metric.
    pub dataset_value: Option<f64>,
}

impl Comparison<'_> {
    /// True when the dataset's value lies in the claimed range widened by the rounding a
    /// source's figure carries ([`tolerance`]).
    pub fn agrees(&self) -> Option<bool> {
        let (low, high) = (self.claim.value, self.claim.value_max);
        let slack = tolerance(self.claim.metric, high);
        self.dataset_value.map(|v| low - slack - 1e-9 <= v && v <= high + slack + 1e-9)
    }
}

/// How far from a source's figure the dataset may be and still agree with it. Officials
/// and reporters give round figures ("200 km²", "20 villages", "85 percent"): a km² figure
/// is read as ±25%, a count as ±20% and never less than ±2, a share as ±5 points. A range
/// the source gives ("65 to 70 percent") is widened the same way.
pub fn tolerance(metric: Metric, value: f64) -> f64 {
    match metric {
        m if m.is_share() => 0.05,
        Metric::AreaKm2 | Metric::AreaKm2Liberated | Metric::AreaKm2Lost => 0.25 * value,
        _ => (0.2 * value).max(2.0),
    }
}

/// Compares every claim of the dataset with its replayed state on the claim's date, or for a
/// change (villages captured, km² liberated) with the change over the claim's dates: from
/// the end of the day before its first day to the end of its last.
pub fn compare<'a>(dataset: &'a Dataset, timeline: &Timeline, areas: &stats::Areas) -> Vec<Comparison<'a>> {
    dataset
        .claims
        .iter()
        .map(|claim| Comparison { claim, dataset_value: measure(dataset, timeline, areas, claim) })
        .collect()
}

fn measure(dataset: &Dataset, timeline: &Timeline, areas: &stats::Areas, claim: &Claim) -> Option<f64> {
    let region = dataset.manifest.region(&claim.region).expect("regions are checked on load");
    let end = claim.date.effective();
    let stats = stats::at(dataset, timeline, areas, &region, end);
    let side = &dataset.manifest.sides.get(claim.side).id;
    let km2 = |stats: &stats::Stats| stats.side(side).and_then(|s| s.area_km2);
    let value = match claim.metric {
        Metric::Districts => match &claim.as_one {
            Some(whole) => districts_counting_as_one(dataset, timeline, (&region, whole), claim.side, end)? as f64,
            None => stats::kind_count(dataset, &stats, &region, side, Kind::District).0 as f64,
        },
        Metric::DistrictShare => stats::kind_count(dataset, &stats, &region, side, Kind::District).1,
        Metric::Villages => stats::kind_count(dataset, &stats, &region, side, Kind::Village).0 as f64,
        Metric::PlacesShare => stats.side(side)?.places_share,
        Metric::AreaShare => stats.side(side)?.area_share?,
        Metric::AreaKm2 => km2(&stats)?,
        Metric::MappedAreaShare | Metric::EnteredAreaShare => {
            let mapped = stats.area_km2 - stats.neutral.area_km2.unwrap_or(stats.area_km2);
            if mapped <= 0.0 {
                return None;
            }
            let entered = if claim.metric == Metric::EnteredAreaShare { stats.side(side)?.entered_km2? } else { 0.0 };
            (km2(&stats)? + entered) / mapped
        }
        change => {
            let before = claim.date.earliest().yesterday().ok()?;
            let hands = |kind| changed_hands(dataset, timeline, &region, claim.side, kind, (before, end));
            let earlier = || stats::at(dataset, timeline, areas, &region, before);
            match change {
                Metric::VillagesCaptured => hands(Kind::Village).0 as f64,
                Metric::DistrictsCaptured => hands(Kind::District).0 as f64,
                Metric::VillagesLost => hands(Kind::Village).1 as f64,
                Metric::AreaKm2Liberated => km2(&stats)? - km2(&earlier())?,
                _ => km2(&earlier())? - km2(&stats)?,
            }
        }
    };
    Some(value)
}

/// The districts of `region` `side` holds on `date`, those of region `whole` counting as one
/// (held if the side holds any of them), as a source that names "the Old City" counts.
fn districts_counting_as_one(
    dataset: &Dataset,
    timeline: &Timeline,
    (region, whole): (&Region, &str),
    side: SideId,
    date: Date,
) -> Option<usize> {
    let whole = dataset.manifest.region(whole)?;
    let state = timeline.state_at(date);
    let held = |place: usize| {
        let control = state.control(place);
        !matches!(control, Control::Contested { .. }) && control.holder() == side
    };
    let (mut outside, mut inside) = (0, false);
    for (id, place) in dataset.gazetteer.places().iter().enumerate() {
        if place.kind != Kind::District || !region.contains(place.lonlat(), place.bank) || !held(id) {
            continue;
        }
        if whole.contains(place.lonlat(), place.bank) { inside = true } else { outside += 1 }
    }
    Some(outside + usize::from(inside))
}

/// How many places of `kind` in `region` `side` came to hold, and how many it lost, from
/// the end of `before` to the end of `end`. A contested place is held by no one.
fn changed_hands(
    dataset: &Dataset,
    timeline: &Timeline,
    region: &Region,
    side: SideId,
    kind: Kind,
    (before, end): (Date, Date),
) -> (usize, usize) {
    let (earlier, later) = (timeline.state_at(before), timeline.state_at(end));
    let holds = |state: &ControlState, place: usize| {
        let control = state.control(place);
        !matches!(control, Control::Contested { .. }) && control.holder() == side
    };
    let places = dataset.gazetteer.places().iter().enumerate();
    let in_region: Vec<usize> =
        places.filter(|(_, p)| p.kind == kind && region.contains(p.lonlat(), p.bank)).map(|(id, _)| id).collect();
    let gained = in_region.iter().filter(|&&p| !holds(&earlier, p) && holds(&later, p)).count();
    let lost = in_region.iter().filter(|&&p| holds(&earlier, p) && !holds(&later, p)).count();
    (gained, lost)
}

/// The validation report: one line per claim.
pub fn report(dataset: &Dataset, comparisons: &[Comparison<'_>]) -> String {
    let mut out = format!(
        "{:<21} {:<19} {:<5} {:<18} {:>9} {:>9}  verdict\n",
        "date", "region", "side", "metric", "claimed", "dataset"
    );
    let show =
        |metric: Metric, v: f64| if metric.is_share() { format!("{:.0}%", v * 100.0) } else { format!("{v:.0}") };
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
            "{:<21} {:<19} {:<5} {:<18} {:>9} {:>9}  {verdict}  ({})",
            claim.date.to_string(),
            claim.region,
            side,
            claim.metric.name(),
            claimed,
            value,
            claim.source
        );
        if verdict == "differs" {
            let why = if claim.explained.is_empty() { "not explained in claims.csv" } else { &claim.explained };
            let _ = writeln!(out, "{:>21} why: {why}", "");
        }
    }
    let _ = writeln!(out, "{agree} agree, {differ} differ, {unknown} not measurable");
    out
}

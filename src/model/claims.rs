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
    let count = |kind, presence| Some(count_in(dataset, timeline, (&region, claim), kind, presence, end)? as f64);
    let value = match claim.metric {
        Metric::Districts => count(Kind::District, Presence::Holds)?,
        Metric::DistrictsIn => count(Kind::District, Presence::HoldsOrFights)?,
        Metric::Villages => count(Kind::Village, Presence::Holds)?,
        Metric::DistrictShare => stats::kind_count(dataset, &stats, &region, side, Kind::District).1,
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
            let hands = |kind| changed_hands(dataset, timeline, (&region, claim), kind, (before, end));
            let earlier = || stats::at(dataset, timeline, areas, &region, before);
            match change {
                Metric::VillagesCaptured => hands(Some(Kind::Village)).0.len() as f64,
                Metric::DistrictsCaptured => hands(Some(Kind::District)).0.len() as f64,
                Metric::PlacesCaptured => hands(None).0.len() as f64,
                Metric::VillagesLost => hands(Some(Kind::Village)).1 as f64,
                // One force's gain is the ground of the places it took; the side's gain is
                // its territory's growth, net of what it lost over the same days.
                Metric::AreaKm2Liberated if !claim.actor.is_empty() => areas.places_km2(&hands(None).0, &region),
                Metric::AreaKm2Liberated => km2(&stats)? - km2(&earlier())?,
                _ => km2(&earlier())? - km2(&stats)?,
            }
        }
    };
    Some(value)
}

/// How a side is present in a place a count takes in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Presence {
    /// It holds the place outright (besieged included; contested places are no one's).
    Holds,
    /// It holds the place or fights in it, as attacker or defender.
    HoldsOrFights,
}

/// True when `control` puts `side` in the place the way `presence` asks.
fn is_present(control: Control, side: SideId, presence: Presence) -> bool {
    match (control, presence) {
        (Control::Contested { attacker, defender }, Presence::HoldsOrFights) => attacker == side || defender == side,
        (Control::Contested { .. }, Presence::Holds) => false,
        _ => control.holder() == side,
    }
}

/// The places of `kind` in the claim's region where the claim's side (and force, if it
/// names one) is present on `date`; the districts of the claim's `as_one` region count
/// as one, present if the side is present in any of them, as a source that names "the
/// Old City" counts, and those of its `excluding` region not at all.
fn count_in(
    dataset: &Dataset,
    timeline: &Timeline,
    (region, claim): (&Region, &Claim),
    kind: Kind,
    presence: Presence,
    date: Date,
) -> Option<usize> {
    let sub_region = |id: &Option<String>| match id {
        Some(id) => dataset.manifest.region(id).map(Some),
        None => Some(None),
    };
    let (whole, left_out) = (sub_region(&claim.as_one)?, sub_region(&claim.excluding)?);
    let state = timeline.state_at(date);
    let (mut outside, mut inside) = (0, false);
    for (id, place) in dataset.gazetteer.places().iter().enumerate() {
        let here = state.places[id];
        if place.kind != kind
            || !region.contains(place.lonlat(), place.bank)
            || !is_present(here.control, claim.side, presence)
            || !by_force(dataset, claim, here.event)
            || left_out.as_ref().is_some_and(|r| r.contains(place.lonlat(), place.bank))
        {
            continue;
        }
        match &whole {
            Some(whole) if whole.contains(place.lonlat(), place.bank) => inside = true,
            _ => outside += 1,
        }
    }
    Some(outside + usize::from(inside))
}

/// True when the event that set a place's control counts for the claim's force: any event
/// when the claim names none, and no event (the initial state) when it names one.
fn by_force(dataset: &Dataset, claim: &Claim, event: Option<usize>) -> bool {
    claim.actor.is_empty() || event.is_some_and(|e| claim.counts_actor(&dataset.events[e].actor))
}

/// The places of `kind` (any kind for `None`) in the claim's region that its side came to
/// hold from the end of `before` to the end of `end`, by the claim's force if it names
/// one, and how many the side lost. A contested place is held by no one.
fn changed_hands(
    dataset: &Dataset,
    timeline: &Timeline,
    (region, claim): (&Region, &Claim),
    kind: Option<Kind>,
    (before, end): (Date, Date),
) -> (Vec<usize>, usize) {
    let (earlier, later) = (timeline.state_at(before), timeline.state_at(end));
    let holds = |state: &ControlState, place: usize| is_present(state.control(place), claim.side, Presence::Holds);
    let places = dataset.gazetteer.places().iter().enumerate();
    let in_region: Vec<usize> = places
        .filter(|(_, p)| kind.is_none_or(|k| p.kind == k) && region.contains(p.lonlat(), p.bank))
        .map(|(id, _)| id)
        .collect();
    let gained = in_region
        .iter()
        .copied()
        .filter(|&p| !holds(&earlier, p) && holds(&later, p) && by_force(dataset, claim, later.places[p].event))
        .collect();
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
        let force = if claim.actor.is_empty() { String::new() } else { format!("; {}", claim.actor.join(" or ")) };
        let _ = writeln!(
            out,
            "{:<21} {:<19} {:<5} {:<18} {:>9} {:>9}  {verdict}  ({}{force})",
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
    if let Some(reasons) = reasons_why(comparisons) {
        let _ = writeln!(out, "why they differ: {reasons}");
    }
    out
}

/// How many differing claims give each kind of reason: the words of `explained` before its
/// first colon ("sources disagree", "different units"), a bracketed gloss left out; `None`
/// when no claim differs.
fn reasons_why(comparisons: &[Comparison<'_>]) -> Option<String> {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for c in comparisons.iter().filter(|c| c.agrees() == Some(false)) {
        let explained = c.claim.explained.as_str();
        let kind = explained.split(':').next().unwrap_or("").split('(').next().unwrap_or("").trim();
        let kind = if kind.is_empty() || kind == explained.trim() { "not explained" } else { kind };
        match kinds.iter_mut().find(|(k, _)| k == kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((kind.to_string(), 1)),
        }
    }
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let parts: Vec<String> = kinds.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

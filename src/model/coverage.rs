//! What the dataset covers and where its gaps are (`frontline stats --coverage`): places
//! located, estimated and unlocated by kind and by region; villages and districts that
//! changed hands per region and month; events by the family of their source.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::dataset::Dataset;
use crate::dataset::gazetteer::{Kind, Place};
use crate::dataset::manifest::Region;

/// How a place is positioned.
fn position_class(place: &Place) -> &'static str {
    match place.position {
        None => "unlocated",
        Some(_) if place.is_estimated() => "estimated",
        Some(_) => "located",
    }
}

/// The family of a source: `seed`, or the site of a web address without `www.`, `m.` and
/// `en.`; blogspot country domains are one site.
pub fn source_family(source: &str) -> String {
    if source.starts_with("seed:") {
        return "seed".into();
    }
    let host = source.split_once("://").map_or(source, |(_, rest)| rest).split(['/', '?', '#']).next().unwrap_or("");
    let host = ["www.", "m.", "en.", "amp."].iter().fold(host, |h, p| h.strip_prefix(p).unwrap_or(h));
    match host.split_once(".blogspot.") {
        Some((blog, _)) => format!("{blog}.blogspot"),
        None => host.to_string(),
    }
}

/// The whole report, as text.
pub fn report(dataset: &Dataset) -> String {
    let mut out = String::new();
    places_by_kind(dataset, &mut out);
    places_by_region(dataset, &mut out);
    changes_by_region_and_month(dataset, &mut out);
    events_by_source(dataset, &mut out);
    out
}

const CLASSES: [&str; 3] = ["located", "estimated", "unlocated"];

fn row(out: &mut String, label: &str, counts: &BTreeMap<&str, usize>) {
    let total: usize = counts.values().sum();
    let drawn = total - counts.get("unlocated").copied().unwrap_or(0);
    let share = if total == 0 { 0.0 } else { 100.0 * drawn as f64 / total as f64 };
    let cells: Vec<String> = CLASSES.iter().map(|c| format!("{:>9}", counts.get(c).copied().unwrap_or(0))).collect();
    let _ = writeln!(out, "{label:<22} {} {total:>7} {share:>6.1}%", cells.join(" "));
}

fn header(out: &mut String, first: &str) {
    let _ = writeln!(
        out,
        "{first:<22} {:>9} {:>9} {:>9} {:>7} {:>7}",
        "located", "estimated", "unlocated", "total", "drawn"
    );
}

fn places_by_kind(dataset: &Dataset, out: &mut String) {
    let _ = writeln!(out, "Places by kind (located from a reference or a page; estimated; unlocated)");
    header(out, "kind");
    let mut all: BTreeMap<&str, usize> = BTreeMap::new();
    for kind in Kind::ALL {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for place in dataset.gazetteer.places().iter().filter(|p| p.kind == kind) {
            *counts.entry(position_class(place)).or_default() += 1;
            *all.entry(position_class(place)).or_default() += 1;
        }
        if !counts.is_empty() {
            row(out, kind.as_str(), &counts);
        }
    }
    row(out, "all", &all);
    let _ = writeln!(out);
}

fn places_by_region(dataset: &Dataset, out: &mut String) {
    let _ = writeln!(out, "Places by region (unlocated places count in the regions of their bank)");
    header(out, "region");
    for region in regions(dataset) {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for place in dataset.gazetteer.places().iter().filter(|p| region.contains(p.lonlat(), p.bank)) {
            *counts.entry(position_class(place)).or_default() += 1;
        }
        row(out, &region.id, &counts);
    }
    let _ = writeln!(out);
}

fn regions(dataset: &Dataset) -> Vec<Region> {
    dataset.manifest.region_ids().iter().filter_map(|id| dataset.manifest.region(id)).collect()
}

/// Villages and districts whose control changed (an event that is not `held`) in each region,
/// per month of the period: where the sources have been read closely, and where not.
fn changes_by_region_and_month(dataset: &Dataset, out: &mut String) {
    let period = &dataset.manifest.period;
    let months: Vec<String> = {
        let mut months = Vec::new();
        let mut month = period.start.first_of_month();
        while month <= period.end {
            months.push(month.strftime("%Y-%m").to_string());
            month = month.saturating_add(jiff::Span::new().months(1));
        }
        months
    };
    for kind in [Kind::Village, Kind::District] {
        let _ = writeln!(out, "{}s that changed hands, by region and month", kind.as_str());
        let labels: Vec<String> = months.iter().map(|m| m[2..].replace('-', "/")).collect();
        let _ = writeln!(out, "{:<22} {}", "region", labels.iter().map(|l| format!("{l:>6}")).collect::<String>());
        for region in regions(dataset) {
            let mut per_month: BTreeMap<String, usize> = BTreeMap::new();
            for event in &dataset.events {
                let place = dataset.gazetteer.get(event.place);
                let changed = event.status != crate::dataset::events::Status::Held;
                if place.kind == kind && changed && region.contains(place.lonlat(), place.bank) {
                    *per_month.entry(event.date.effective().strftime("%Y-%m").to_string()).or_default() += 1;
                }
            }
            let cells: String =
                months.iter().map(|m| format!("{:>6}", per_month.get(m).copied().unwrap_or(0))).collect();
            let _ = writeln!(out, "{:<22} {cells}", region.id);
        }
        let _ = writeln!(out);
    }
}

fn events_by_source(dataset: &Dataset, out: &mut String) {
    let mut families: BTreeMap<String, usize> = BTreeMap::new();
    for event in &dataset.events {
        *families.entry(source_family(&event.source)).or_default() += 1;
    }
    let mut ranked: Vec<(String, usize)> = families.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let _ = writeln!(out, "Events by source family ({} events, {} families)", dataset.events.len(), ranked.len());
    const SHOWN: usize = 25;
    for (family, n) in ranked.iter().take(SHOWN) {
        let _ = writeln!(out, "{family:<40} {n:>5}");
    }
    if ranked.len() > SHOWN {
        let rest: usize = ranked[SHOWN..].iter().map(|(_, n)| n).sum();
        let _ = writeln!(out, "{:<40} {rest:>5}", format!("{} other families", ranked.len() - SHOWN));
    }
}

#[cfg(test)]
mod tests {
    use super::source_family;

    #[test]
    fn sources_fall_into_families_by_site() {
        assert_eq!(source_family("seed:January 2017: Capturing east Mosul"), "seed");
        assert_eq!(source_family("https://www.rudaw.net/english/x"), "rudaw.net");
        assert_eq!(source_family("http://musingsoniraq.blogspot.com.br/2016/11/x.html"), "musingsoniraq.blogspot");
        assert_eq!(source_family("https://musingsoniraq.blogspot.com/2017/06"), "musingsoniraq.blogspot");
        assert_eq!(source_family("https://en.alalam.ir/news/1897740"), "alalam.ir");
    }
}

//! Synthetic datasets for measuring how frontline scales: any number of places, clustered
//! like towns with their villages and a city's districts, over a 300 km square, and any
//! number of events moving a front across it from west to east over one year.
//!
//! The output depends only on the [`Spec`] (seed included), so benchmarks are repeatable.
//! Events fit the state before them (no replay warnings), and places keep the minimum
//! separation `frontline check` asks for, so a generated folder loads and checks clean.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::dataset::manifest::MANIFEST_FILE;
use crate::dataset::{BASEMAP_DIR, DatasetFiles};
use crate::error::{Error, Result};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub places: usize,
    pub events: usize,
    pub seed: u64,
}

/// The area of interest: about 300 km by 300 km around (43.2° E, 36.0° N).
const WEST: f64 = 41.53;
const EAST: f64 = 44.87;
const SOUTH: f64 = 34.65;
const NORTH: f64 = 37.35;
/// Places keep this far from the area's edge, in degrees, so none falls outside it.
const EDGE: f64 = 0.02;
/// Kilometres per degree of latitude, and of longitude at 36° N.
const KM_PER_LAT: f64 = 111.0;
const KM_PER_LON: f64 = 90.0;
/// More than `frontline check`'s minimum separation (150 m) between any two places.
const SEPARATION_KM: f64 = 0.2;
/// Places per cluster (a town or a city with its villages) on average.
const CLUSTER_SIZE: usize = 40;
/// One cluster in this many is a city with districts.
const CITY_EVERY: usize = 10;
const DISTRICTS_PER_CITY: usize = 8;
/// The period: a baseline, then one year of fighting.
const BASELINE: &str = "2019-12-01";
const START: &str = "2020-01-01";
const DAYS: i64 = 366;

const SIDES: [(&str, &str, &str); 3] =
    [("red", "Red forces", "#b2182b"), ("blue", "Blue coalition", "#2166ac"), ("green", "Green militia", "#4d9221")];
const DEFENDER: usize = 0;
const ATTACKER: usize = 1;
const MILITIA: usize = 2;

/// SplitMix64: a tiny, fast, well-mixed generator; enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }

    /// Roughly normal with mean 0 and deviation 1 (the sum of four uniforms).
    fn normal(&mut self) -> f64 {
        ((0..4).map(|_| self.unit()).sum::<f64>() - 2.0) * 3f64.sqrt()
    }
}

/// One generated place.
struct Site {
    kind: &'static str,
    lon: f64,
    lat: f64,
}

/// Rejects points closer than [`SEPARATION_KM`] to an accepted one, with a grid of cells
/// that size so each test looks at nine cells only.
#[derive(Default)]
struct Spacing(std::collections::HashMap<(i64, i64), Vec<(f64, f64)>>);

impl Spacing {
    fn cell(x: f64, y: f64) -> (i64, i64) {
        ((x / SEPARATION_KM).floor() as i64, (y / SEPARATION_KM).floor() as i64)
    }

    /// Accepts (lon, lat) unless another point is too close.
    fn accept(&mut self, lon: f64, lat: f64) -> bool {
        let (x, y) = (lon * KM_PER_LON, lat * KM_PER_LAT);
        let (cx, cy) = Spacing::cell(x, y);
        let near = (cx - 1..=cx + 1).flat_map(|i| (cy - 1..=cy + 1).map(move |j| (i, j)));
        let crowded =
            near.filter_map(|key| self.0.get(&key)).flatten().any(|&(px, py)| (px - x).hypot(py - y) < SEPARATION_KM);
        if !crowded {
            self.0.entry((cx, cy)).or_default().push((x, y));
        }
        !crowded
    }
}

/// Places in clusters: each cluster a town (or, one in ten, a city with districts close
/// around it), villages scattered around the clusters, and a few bases, bridges and
/// landmarks among them.
fn sites(count: usize, rng: &mut Rng) -> Vec<Site> {
    let clusters = count.div_ceil(CLUSTER_SIZE).max(1);
    let inside =
        |lon: f64, lat: f64| (WEST + EDGE..EAST - EDGE).contains(&lon) && (SOUTH + EDGE..NORTH - EDGE).contains(&lat);
    let mut spacing = Spacing::default();
    let mut sites = Vec::with_capacity(count);
    let mut centres = Vec::with_capacity(clusters);
    while centres.len() < clusters && sites.len() < count {
        let lon = WEST + EDGE + rng.unit() * (EAST - WEST - 2.0 * EDGE);
        let lat = SOUTH + EDGE + rng.unit() * (NORTH - SOUTH - 2.0 * EDGE);
        if !spacing.accept(lon, lat) {
            continue;
        }
        let city = centres.len() % CITY_EVERY == 0;
        sites.push(Site { kind: if city { "city" } else { "town" }, lon, lat });
        centres.push((lon, lat, city));
    }
    while sites.len() < count {
        let (lon0, lat0, city) = centres[rng.below(centres.len())];
        let district = city && rng.below(CLUSTER_SIZE) < DISTRICTS_PER_CITY;
        let spread_km = if district { 1.5 } else { 6.0 };
        let lon = lon0 + rng.normal() * spread_km / KM_PER_LON;
        let lat = lat0 + rng.normal() * spread_km / KM_PER_LAT;
        if !inside(lon, lat) || !spacing.accept(lon, lat) {
            continue;
        }
        let kind = match (district, rng.below(100)) {
            (true, _) => "district",
            (false, 0) => "base",
            (false, 1) => "bridge",
            (false, 2) => "landmark",
            (false, 3..=5) => "area",
            _ => "village",
        };
        sites.push(Site { kind, lon, lat });
    }
    sites
}

const SYLLABLES: [&str; 24] = [
    "ba", "dar", "ka", "mal", "sha", "tal", "qa", "rum", "zan", "hir", "ful", "nab", "sin", "jab", "wad", "kir", "lam",
    "bas", "hum", "dan", "rif", "mus", "tar", "gel",
];

/// A pronounceable name, different for every index.
fn name(index: usize) -> String {
    let mut rest = index;
    let mut word = String::new();
    loop {
        word.push_str(SYLLABLES[rest % SYLLABLES.len()]);
        rest /= SYLLABLES.len();
        if rest == 0 {
            break;
        }
    }
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

fn places_csv(sites: &[Site], rng: &mut Rng) -> String {
    let mut csv = String::from("id,name,name_ar,aliases,kind,bank,lat,lon,coord_precision_m,coord_source\n");
    for (i, site) in sites.iter().enumerate() {
        // A few positions are estimated, so frames have low-confidence areas to draw.
        let source = if rng.below(50) == 0 { "estimated: synthetic" } else { "synthetic" };
        let _ = writeln!(
            csv,
            "p{i},{},,,{},,{:.5},{:.5},100,{source}",
            name(i + SYLLABLES.len()),
            site.kind,
            site.lat,
            site.lon
        );
    }
    csv
}

/// Who holds a place, as the generator tracks it to write events that fit.
#[derive(Clone, Copy, PartialEq)]
enum Hold {
    Held(usize),
    Contested { attacker: usize, defender: usize },
    Besieged { holder: usize, besieger: usize },
}

/// The next event at a place, as (side, status, opponent) and the hold after it: attackers
/// contest or take what their enemy holds, sieges end in capture or relief.
fn next_event(hold: Hold, rng: &mut Rng) -> ((usize, &'static str, Option<usize>), Hold) {
    let roll = rng.below(100);
    match hold {
        Hold::Held(holder) => {
            let enemy = if holder != DEFENDER {
                DEFENDER
            } else if roll.is_multiple_of(20) {
                MILITIA
            } else {
                ATTACKER
            };
            match roll {
                0..40 => ((enemy, "contested", Some(holder)), Hold::Contested { attacker: enemy, defender: holder }),
                40..50 => ((holder, "besieged", Some(enemy)), Hold::Besieged { holder, besieger: enemy }),
                _ => ((enemy, "captured", None), Hold::Held(enemy)),
            }
        }
        Hold::Contested { attacker, .. } if roll < 75 => ((attacker, "captured", None), Hold::Held(attacker)),
        Hold::Contested { defender, .. } => ((defender, "held", None), Hold::Held(defender)),
        Hold::Besieged { besieger, .. } if roll < 60 => ((besieger, "captured", None), Hold::Held(besieger)),
        // The besieger pulls back: the holder holds the place outright again.
        Hold::Besieged { holder, .. } => ((holder, "held", None), Hold::Held(holder)),
    }
}

fn events_csv(sites: &[Site], count: usize, rng: &mut Rng) -> String {
    let start: Date = START.parse().expect("the start date is valid");
    let days: Vec<String> = (0..DAYS).map(|d| start.saturating_add(jiff::Span::new().days(d)).to_string()).collect();
    // Places from west to east: the front sweeps along this order over the year.
    let mut west_to_east: Vec<usize> = (0..sites.len()).collect();
    west_to_east.sort_by(|&a, &b| sites[a].lon.total_cmp(&sites[b].lon).then(a.cmp(&b)));
    let mut holds = vec![Hold::Held(DEFENDER); sites.len()];
    let mut csv = String::with_capacity(count * 80);
    csv.push_str("date,date_precision,place,side,status,opponent,actor,source,note\n");
    let spread = (sites.len() as f64 * 0.03).max(1.0);
    for k in 0..count {
        let progress = k as f64 / count.max(1) as f64;
        let day = (progress * DAYS as f64) as usize;
        let front = progress * sites.len() as f64 + rng.normal() * spread;
        let place = west_to_east[(front.max(0.0) as usize).min(sites.len() - 1)];
        let ((side, status, opponent), after) = next_event(holds[place], rng);
        holds[place] = after;
        let opponent = opponent.map_or("", |o| SIDES[o].0);
        // One event in twenty is dated only to a range of days; one in a hundred to a range
        // of more than a week, so its area is drawn as low confidence.
        let (date, precision) = match rng.below(100) {
            0 if day >= 9 => (format!("{}/{}", days[day - 9], days[day]), "range"),
            1..5 if day >= 2 => (format!("{}/{}", days[day - 2], days[day]), "range"),
            _ => (days[day].clone(), "day"),
        };
        let _ = writeln!(
            csv,
            "{date},{precision},p{place},{},{status},{opponent},Unit {},https://example.org/report/{k},",
            SIDES[side].0,
            rng.below(40) + 1
        );
    }
    csv
}

fn manifest() -> String {
    let mut toml = format!(
        "title = \"Synthetic front\"\nslug = \"synthetic\"\nattribution = \"Synthetic data from frontline synth.\"\n\
         default_side = \"{}\"\n\n[period]\nbaseline = \"{BASELINE}\"\nstart = \"{START}\"\nend = \"2020-12-31\"\n\n\
         [area]\nwest = {WEST}\nsouth = {SOUTH}\neast = {EAST}\nnorth = {NORTH}\n",
        SIDES[DEFENDER].0
    );
    for (id, label, colour) in SIDES {
        let _ = write!(toml, "\n[[sides]]\nid = \"{id}\"\nlabel = \"{label}\"\ncolour = \"{colour}\"\n");
    }
    toml
}

/// A river meandering from north to south across the area, so frames have a basemap.
fn rivers(rng: &mut Rng) -> String {
    const POINTS: usize = 400;
    let mut lon = (WEST + EAST) / 2.0;
    let coordinates: Vec<String> = (0..=POINTS)
        .map(|i| {
            lon = (lon + rng.normal() * 0.01).clamp(WEST + 0.5, EAST - 0.5);
            let lat = NORTH - (NORTH - SOUTH) * i as f64 / POINTS as f64;
            format!("[{lon:.5},{lat:.5}]")
        })
        .collect();
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"properties\":\
         {{\"name\":\"Synthetic river\",\"class\":\"major\"}},\"geometry\":{{\"type\":\"LineString\",\
         \"coordinates\":[{}]}}}}]}}\n",
        coordinates.join(",")
    )
}

/// The files of a synthetic dataset.
pub fn files(spec: &Spec) -> DatasetFiles {
    let mut rng = Rng(spec.seed);
    let sites = sites(spec.places.max(1), &mut rng);
    DatasetFiles {
        origin: format!("synthetic:{}x{}", spec.places, spec.events),
        manifest: manifest(),
        places: places_csv(&sites, &mut rng),
        events: events_csv(&sites, spec.events, &mut rng),
        basemap: vec![("rivers.geojson".to_string(), rivers(&mut rng))],
        claims: None,
        outlines: None,
        regions: None,
    }
}

/// Writes a synthetic dataset folder at `dir`.
pub fn write(spec: &Spec, dir: &Path) -> Result<()> {
    let files = files(spec);
    let basemap = dir.join(BASEMAP_DIR);
    std::fs::create_dir_all(&basemap).map_err(|source| Error::Write { path: basemap.clone(), source })?;
    let mut outputs = vec![
        (dir.join(MANIFEST_FILE), files.manifest),
        (dir.join(crate::dataset::gazetteer::PLACES_FILE), files.places),
        (dir.join(crate::dataset::events::EVENTS_FILE), files.events),
    ];
    outputs.extend(files.basemap.into_iter().map(|(name, text)| (basemap.join(name), text)));
    for (path, text) in outputs {
        crate::formats::output::write(
            &crate::formats::output::Target::File(path),
            text.as_bytes(),
            &mut std::io::sink(),
        )?;
    }
    Ok(())
}

/// Arguments of the hidden `frontline synth`.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthArgs {
    pub spec: crate::commands::synth::Spec,
    pub output: PathBuf,
}

/// Writes a synthetic dataset folder, for benchmarks; returns the folder.
pub fn synth(args: &SynthArgs) -> Result<PathBuf> {
    crate::commands::synth::write(&args.spec, &args.output)?;
    Ok(args.output.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::model::control::Timeline;

    const SMALL: Spec = Spec { places: 600, events: 3000, seed: 7 };

    #[test]
    fn the_same_seed_gives_the_same_dataset() {
        let (a, b) = (files(&SMALL), files(&SMALL));
        assert_eq!((a.places, a.events, a.basemap), (b.places, b.events, b.basemap));
        assert_ne!(files(&Spec { seed: 8, ..SMALL }).places, files(&SMALL).places);
    }

    #[test]
    fn a_synthetic_dataset_loads_replays_and_checks_clean() {
        let dataset = Dataset::parse(&files(&SMALL)).unwrap();
        assert_eq!((dataset.gazetteer.len(), dataset.events.len()), (SMALL.places, SMALL.events));
        let timeline = Timeline::new(&dataset);
        assert!(timeline.warnings().is_empty(), "{:?}", &timeline.warnings()[..1]);
        let report = crate::model::check::check(&dataset, &timeline);
        assert!(report.errors.is_empty() && report.warnings.is_empty(), "{:?}", report.errors.first());
    }

    #[test]
    fn the_front_moves_east_over_the_year() {
        let dataset = Dataset::parse(&files(&SMALL)).unwrap();
        let timeline = Timeline::new(&dataset);
        let mean_lon_of_changes = |month: &str| {
            let (from, to): (Date, Date) =
                (format!("{month}-01").parse().unwrap(), format!("{month}-28").parse().unwrap());
            let lons: Vec<f64> = timeline
                .steps()
                .iter()
                .filter(|s| (from..=to).contains(&s.date))
                .filter_map(|s| dataset.gazetteer.get(s.place).lonlat().map(|(lon, _)| lon))
                .collect();
            lons.iter().sum::<f64>() / lons.len() as f64
        };
        assert!(mean_lon_of_changes("2020-02") + 1.0 < mean_lon_of_changes("2020-11"));
    }
}

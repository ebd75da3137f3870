//! A dataset: its manifest (dataset.toml), gazetteer, events and basemap, loaded from a
//! folder or from the copy of the built-in Mosul dataset compiled into the binary.

pub mod annotations;
pub mod basemap;
pub mod claims;
pub mod events;
pub mod gazetteer;
pub mod manifest;
pub mod names;
pub mod outlines;
pub mod projection;
pub mod reading;
pub(crate) mod table;

use std::path::Path;

use crate::dataset::basemap::Basemap;
use crate::dataset::claims::{CLAIMS_FILE, Claim};
use crate::dataset::events::Event;
use crate::dataset::gazetteer::Gazetteer;
use crate::dataset::manifest::{MANIFEST_FILE, Manifest};
use crate::dataset::outlines::{OUTLINES_FILE, Outline, REGIONS_FILE};
use crate::dataset::projection::Projection;
use crate::error::{Error, Problem, Problems, Result};

pub const BASEMAP_DIR: &str = "basemap";

/// The raw text of a dataset's files, before any parsing. Keeping reading apart from
/// parsing lets the built-in dataset and tests skip the file system.
#[derive(Debug, Clone)]
pub struct DatasetFiles {
    /// How the dataset is named in messages: its folder, or `built-in:mosul`.
    pub origin: String,
    pub manifest: String,
    pub places: String,
    pub events: String,
    /// (file name, GeoJSON text) for every layer, in drawing order.
    pub basemap: Vec<(String, String)>,
    /// claims.csv, which is optional.
    pub claims: Option<String>,
    /// outlines.geojson, which is optional.
    pub outlines: Option<String>,
    /// regions.geojson, which is optional.
    pub regions: Option<String>,
}

macro_rules! builtin_file {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/mosul/", $path))
    };
}

impl DatasetFiles {
    /// The built-in Battle of Mosul dataset, embedded so frontline works from any folder.
    pub fn builtin() -> DatasetFiles {
        let layer = |name: &str, text: &str| (name.to_string(), text.to_string());
        DatasetFiles {
            origin: "built-in:mosul".to_string(),
            manifest: builtin_file!("dataset.toml").to_string(),
            places: builtin_file!("places.csv").to_string(),
            events: builtin_file!("events.csv").to_string(),
            basemap: vec![
                layer("admin1.geojson", builtin_file!("basemap/admin1.geojson")),
                layer("admin2.geojson", builtin_file!("basemap/admin2.geojson")),
                layer("urban.geojson", builtin_file!("basemap/urban.geojson")),
                layer("borders.geojson", builtin_file!("basemap/borders.geojson")),
                layer("rivers.geojson", builtin_file!("basemap/rivers.geojson")),
            ],
            claims: Some(builtin_file!("claims.csv").to_string()),
            outlines: None,
            regions: Some(builtin_file!("regions.geojson").to_string()),
        }
    }

    /// Reads a dataset folder. `basemap/` is optional; its `*.geojson` files are drawn in
    /// the order of [`crate::dataset::basemap::LAYER_ORDER`] whatever order the folder
    /// lists them in. Files are read within the limits of [`crate::dataset::reading`].
    pub fn read_dir(dir: &Path) -> Result<DatasetFiles> {
        let read = |name: &str| reading::read_text(&dir.join(name));
        let optional = |name: &str, read: fn(&Path) -> Result<String>| {
            let path = dir.join(name);
            path.exists().then(|| read(&path)).transpose()
        };
        let mut basemap = Vec::new();
        let basemap_dir = dir.join(BASEMAP_DIR);
        if basemap_dir.is_dir() {
            let entries =
                std::fs::read_dir(&basemap_dir).map_err(|source| Error::Read { path: basemap_dir.clone(), source })?;
            for entry in entries {
                let path = entry.map_err(|source| Error::Read { path: basemap_dir.clone(), source })?.path();
                if path.extension().is_some_and(|e| e == "geojson") {
                    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    basemap.push((name, reading::read_json(&path)?));
                }
            }
        }
        Ok(DatasetFiles {
            origin: dir.display().to_string(),
            manifest: read(MANIFEST_FILE)?,
            places: read(crate::dataset::gazetteer::PLACES_FILE)?,
            events: read(events::EVENTS_FILE)?,
            basemap,
            claims: optional(CLAIMS_FILE, reading::read_text)?,
            outlines: optional(OUTLINES_FILE, reading::read_json)?,
            regions: optional(REGIONS_FILE, reading::read_json)?,
        })
    }
}

/// Everything frontline knows about one conflict.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub origin: String,
    pub manifest: Manifest,
    pub gazetteer: Gazetteer,
    /// In file order.
    pub events: Vec<Event>,
    /// In longitude and latitude.
    pub basemap: Basemap,
    /// The basemap in the dataset's projection (metres), projected once for every frame.
    pub basemap_m: Basemap,
    /// Dated figures from the sources, to compare the dataset with.
    pub claims: Vec<Claim>,
    /// Polygons given for some places, which their territory follows exactly.
    pub outlines: Vec<Outline>,
    /// What is odd but does not stop the dataset loading: columns no table reads.
    pub warnings: Vec<Problem>,
}

impl Dataset {
    /// Parses and cross-checks all files; reports every problem found, file by file.
    pub fn parse(files: &DatasetFiles) -> Result<Dataset> {
        let name = |file: &str| format!("{}/{file}", files.origin);
        let mut manifest = Manifest::parse(&name(MANIFEST_FILE), &files.manifest)?;
        let mut problems = Problems::default();
        let places_file = name(crate::dataset::gazetteer::PLACES_FILE);
        let gazetteer = match Gazetteer::parse(&places_file, &files.places, Some(&manifest.area)) {
            Ok(g) => g,
            Err(e) => {
                problems.extend(e)?;
                Gazetteer::default()
            }
        };
        let context = events::Context { gazetteer: &gazetteer, sides: &manifest.sides, period: &manifest.period };
        let events = if gazetteer.is_empty() {
            Vec::new()
        } else {
            events::parse(&name(events::EVENTS_FILE), &files.events, &context)
                .or_else(|e| problems.extend(e).map(|()| Vec::new()))?
        };
        let basemap = Basemap::parse(&files.basemap, &files.origin)
            .or_else(|e| problems.extend(e).map(|()| Basemap::default()))?;
        let manifest_key = |path: &str| crate::error::toml_location(&name(MANIFEST_FILE), &files.manifest, path);
        for (k, river) in manifest.territory.rivers.iter().enumerate() {
            if basemap.river(river).0.is_empty() {
                let at = manifest_key(&format!("territory.rivers[{k}]"));
                problems.push(Problem::new(
                    at,
                    format!("\"{river}\": expected the name of a river in basemap/rivers.geojson"),
                ));
            }
        }
        let claims = match &files.claims {
            Some(text) => claims::parse(&name(CLAIMS_FILE), text, &manifest)
                .or_else(|e| problems.extend(e).map(|()| Vec::new()))?,
            None => Vec::new(),
        };
        let outlines = match &files.outlines {
            Some(text) if !gazetteer.is_empty() => outlines::parse(&name(OUTLINES_FILE), text, &gazetteer)
                .or_else(|e| problems.extend(e).map(|()| Vec::new()))?,
            _ => Vec::new(),
        };
        if let Some(text) = &files.regions {
            let outlined = outlines::parse_regions(&name(REGIONS_FILE), text, &manifest.regions)
                .or_else(|e| problems.extend(e).map(|()| Vec::new()))?;
            for (region, outline) in outlined {
                manifest.regions[region].outline = Some(outline);
            }
        }
        for (i, region) in manifest.regions.iter().enumerate().filter(|(_, r)| r.bbox.is_none() && r.outline.is_none())
        {
            let at = manifest_key(&format!("regions[{i}]"));
            let message = format!("region {}: expected a bbox, or an outline in {REGIONS_FILE}", region.id);
            problems.push(Problem::new(at, message));
        }
        let origin = files.origin.clone();
        let warnings = unknown_columns(files, name);
        let basemap_m = basemap.projected(&projection_of(&manifest));
        let dataset = Dataset { origin, manifest, gazetteer, events, basemap, basemap_m, claims, outlines, warnings };
        problems.into_result(dataset)
    }

    /// The projection every frame, territory and measure of the dataset uses.
    pub fn projection(&self) -> Projection {
        projection_of(&self.manifest)
    }

    /// The built-in Battle of Mosul dataset.
    pub fn builtin() -> Result<Dataset> {
        Dataset::parse(&DatasetFiles::builtin())
    }

    /// The dataset in `dir`, or the built-in one.
    pub fn load(dir: Option<&Path>) -> Result<Dataset> {
        match dir {
            Some(dir) => Dataset::parse(&DatasetFiles::read_dir(dir)?),
            None => Dataset::builtin(),
        }
    }
}

/// The transverse Mercator projection centred where the manifest says.
fn projection_of(manifest: &Manifest) -> Projection {
    Projection::transverse_mercator(manifest.projection.lon0, manifest.projection.lat0)
}

/// Warnings for the columns no table reads, in every CSV file of the dataset.
fn unknown_columns(files: &DatasetFiles, name: impl Fn(&str) -> String) -> Vec<Problem> {
    use crate::dataset::gazetteer as places;
    let tables = [
        (places::PLACES_FILE, Some(&files.places), [places::REQUIRED, places::OPTIONAL]),
        (events::EVENTS_FILE, Some(&files.events), [events::REQUIRED, events::OPTIONAL]),
        (CLAIMS_FILE, files.claims.as_ref(), [claims::REQUIRED, claims::OPTIONAL]),
    ];
    tables
        .into_iter()
        .filter_map(|(file, text, columns)| {
            Some(crate::dataset::table::unknown_columns(&name(file), text?, &columns.concat()))
        })
        .flatten()
        .collect()
}

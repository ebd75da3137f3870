//! What the drawing commands share: the frame options every frame is drawn with, turned
//! from flags into a loaded dataset, a view, a theme and a checked date.

use crate::commands::flags;
use crate::dataset::Dataset;
use crate::dataset::gazetteer::Kind;
use crate::dataset::manifest::LonLatBox;
use crate::error::{Error, Location, Problem, Result};
use crate::model::control::Timeline;
use crate::render::theme::Theme;
use crate::render::{self, Aspect, Editorial, FrameOptions, Furniture, Lang};
use jiff::civil::Date;
use std::path::PathBuf;

/// What every frame of `render` and `frames` is drawn with.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameArgs {
    /// A dataset folder; the built-in Mosul dataset when `None`.
    pub dataset: Option<PathBuf>,
    pub width: u32,
    /// A region id or a place name to centre the view on.
    pub focus: Option<String>,
    /// `W,S,E,N` in degrees.
    pub bbox: Option<String>,
    /// The language of the frame.
    pub lang: Lang,
    /// English and Arabic in one SVG (`lang` is then ignored).
    pub multilingual: bool,
    /// A built-in theme name or a theme file.
    pub theme: String,
    /// What to draw around the map.
    pub furniture: Furniture,
    /// A prefix for every id in the document, so several frames can share one HTML page.
    pub id_prefix: Option<String>,
    /// The displayed height in pixels; the width follows the frame's aspect.
    pub height: Option<u32>,
    /// A fixed shape for the whole image (`width` its width), the frame re-laid to fill it.
    pub aspect: Option<Aspect>,
    /// A graphics desk's own words and marks.
    pub editorial: EditorialArgs,
}

/// A graphics desk's words and marks, as the flags give them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EditorialArgs {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub credit: Option<String>,
    /// An annotations file: GeoJSON by its extension (`.geojson`, `.json`), else TOML.
    pub annotations: Option<PathBuf>,
}

/// A dataset loaded for drawing, with the frame options its arguments give.
pub(crate) struct Prepared {
    pub(crate) dataset: Dataset,
    pub(crate) timeline: Timeline,
    pub(crate) options: FrameOptions,
}

pub(crate) fn prepare(args: &FrameArgs, dates: &[(&str, Date)]) -> Result<Prepared> {
    flags::width(args.width)?;
    args.height.map(flags::height).transpose()?;
    args.id_prefix.as_deref().map(flags::id_prefix).transpose()?;
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let period = &dataset.manifest.period;
    for &(flag, date) in dates {
        within_period(&dataset, flag, date)?;
    }
    let view = view(&dataset, args.focus.as_deref(), args.bbox.as_deref())?;
    let theme = Theme::load(&args.theme)?;
    let timeline = Timeline::new(&dataset);
    let date = dates.first().map_or(period.start, |&(_, d)| d);
    let editorial = editorial(&dataset, &args.editorial)?;
    let width = f64::from(args.width);
    let (lang, furniture, aspect) = (args.lang, args.furniture, args.aspect);
    let options = FrameOptions { date, width, view, lang, theme, furniture, editorial, aspect };
    Ok(Prepared { dataset, timeline, options })
}

impl Prepared {
    /// With `--height`, the options laid out for the frames of `dates` shown that tall: a
    /// frame shown small is laid out small, so its text keeps a readable size.
    pub(crate) fn fitted(self, args: &FrameArgs, dates: &[Date]) -> Result<Prepared> {
        let Some(height) = args.height else { return Ok(self) };
        let options = render::fitted_to_height(&self.dataset, &self.timeline, self.options, height, dates)?;
        Ok(Prepared { options, ..self })
    }
}

/// The desk's words as given, and its annotations read and checked against the dataset.
fn editorial(dataset: &Dataset, args: &EditorialArgs) -> Result<Editorial> {
    let annotations = match &args.annotations {
        Some(path) => crate::dataset::annotations::load(path, &dataset.manifest.sides)?,
        None => Vec::new(),
    };
    Ok(Editorial {
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        credit: args.credit.clone(),
        annotations: annotations.into(),
    })
}

/// The document as the embedding options ask: ids and classes prefixed, displayed height set.
pub(crate) fn embed(svg: String, args: &FrameArgs) -> String {
    let scale = args.height.and_then(|height| Some(f64::from(height) / render::view_box_size(&svg)?.1));
    embed_at(svg, args, scale)
}

/// How much the documents of a sequence are scaled for `--height`: all by one scale, the
/// one that shows the tallest that tall, so none is taller and none drawn smaller.
pub(crate) fn sequence_scale<'a>(svgs: impl Iterator<Item = &'a String>, args: &FrameArgs) -> Option<f64> {
    let height = f64::from(args.height?);
    let tallest = svgs.filter_map(|svg| render::view_box_size(svg)).map(|(_, h)| h).fold(0.0, f64::max);
    (tallest > 0.0).then(|| height / tallest)
}

/// A document of a sequence as the embedding options ask, shown at `scale` (from
/// [`sequence_scale`]).
pub(crate) fn embed_at(svg: String, args: &FrameArgs, scale: Option<f64>) -> String {
    let svg = match &args.id_prefix {
        Some(prefix) => render::namespaced(&svg, prefix),
        None => svg,
    };
    match scale {
        Some(scale) => render::scaled(&svg, scale),
        None => svg,
    }
}

/// An error for `flag` unless `date` lies within the dataset's period.
pub(crate) fn within_period(dataset: &Dataset, flag: &str, date: Date) -> Result<()> {
    let period = &dataset.manifest.period;
    if period.contains(date) {
        return Ok(());
    }
    let expected = format!("{date}: expected a date from {} to {}, the dataset's period", period.start, period.end);
    Err(Error::usage(flag, expected))
}

/// The area a frame shows: `--bbox`, else `--focus`, else the whole area of interest.
pub(crate) fn view(dataset: &Dataset, focus: Option<&str>, bbox: Option<&str>) -> Result<LonLatBox> {
    if let Some(text) = bbox {
        return flags::bbox(text, &dataset.manifest.area, &dataset.manifest.projection);
    }
    let Some(name) = focus else { return Ok(dataset.manifest.area) };
    if let Some(region) = dataset.manifest.region(name) {
        return Ok(region.lonlat_box());
    }
    let at = Location::file("--focus");
    let id = dataset.gazetteer.resolve_at(name, at).map_err(|p: Problem| {
        let regions = dataset.manifest.region_ids().join(", ");
        let help = format!("{}; regions: {regions}", p.help.clone().unwrap_or_default());
        Error::Input(vec![Problem { help: Some(help), ..p }])
    })?;
    let place = dataset.gazetteer.get(id);
    let Some((lon, lat)) = place.lonlat() else {
        return Err(Error::usage("--focus", format!("{} has no position in the dataset to centre on", place.name)));
    };
    let radius_km = match place.kind {
        Kind::City => 14.0,
        Kind::Town => 8.0,
        _ => 4.0,
    };
    let dlat = radius_km / 111.32;
    let dlon = dlat / lat.to_radians().cos();
    Ok(LonLatBox { west: lon - dlon, south: lat - dlat, east: lon + dlon, north: lat + dlat })
}

pub(crate) fn region(dataset: &Dataset, id: &str) -> Result<crate::dataset::manifest::Region> {
    dataset.manifest.region(id).ok_or_else(|| {
        let ids = dataset.manifest.region_ids().join(", ");
        Error::usage("--region", format!("\"{id}\": expected one of {ids}"))
    })
}

//! The commands that read the data: `check`, `stats` and `export`.

use crate::commands::args::within_period;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::formats::gis::Format as GisFormat;
use crate::formats::output::{self, Target};
use crate::model::check;
use crate::model::control::Timeline;
use jiff::civil::Date;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `frontline check`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckArgs {
    pub dataset: Option<PathBuf>,
}

/// Validates a dataset and prints its summary and warnings; errors make it fail.
pub fn check(args: &CheckArgs, stdout: &mut dyn Write) -> Result<()> {
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let timeline = Timeline::new(&dataset);
    let report = check::check(&dataset, &timeline);
    let mut text = check::summary(&dataset);
    for note in &report.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    for warning in &report.warnings {
        text.push_str(&format!("warning: {warning}\n"));
    }
    text.push_str(&format!("{} errors, {} warnings\n", report.errors.len(), report.warnings.len()));
    output::write(&Target::Stdout, text.as_bytes(), stdout)?;
    if report.errors.is_empty() { Ok(()) } else { Err(Error::Input(report.errors)) }
}

/// How `stats` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
}

/// Which dates `stats` covers.
#[derive(Debug, Clone, PartialEq)]
pub enum Dates {
    One(Date),
    /// From, to (both included), every `step` days.
    Series(Date, Date, i64),
    /// Not dates but the claims file: the validation report.
    Claims,
    /// Not dates but the coverage report: what the dataset locates and dates, and where not.
    Coverage,
}

/// Arguments of `frontline stats`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsArgs {
    pub dataset: Option<PathBuf>,
    pub dates: Dates,
    pub region: String,
    pub format: Format,
}

/// Prints per-side statistics for one date or a series, or the claims or coverage report.
pub fn stats(args: &StatsArgs, stdout: &mut dyn Write) -> Result<()> {
    let dataset = Dataset::load(args.dataset.as_deref())?;
    if args.dates == Dates::Coverage {
        return output::write(&Target::Stdout, crate::model::coverage::report(&dataset).as_bytes(), stdout);
    }
    let timeline = Timeline::new(&dataset);
    let areas = crate::model::stats::Areas::new(&dataset);
    if args.dates == Dates::Claims {
        let comparisons = crate::model::claims::compare(&dataset, &timeline, &areas);
        let text = crate::model::claims::report(&dataset, &comparisons);
        return output::write(&Target::Stdout, text.as_bytes(), stdout);
    }
    let region = dataset.manifest.region(&args.region).ok_or_else(|| {
        Error::usage(
            "--region",
            format!("\"{}\": expected one of {}", args.region, dataset.manifest.region_ids().join(", ")),
        )
    })?;
    let dates = stats_dates(&args.dates, &dataset)?;
    let all: Vec<crate::model::stats::Stats> =
        dates.iter().map(|&d| crate::model::stats::at(&dataset, &timeline, &areas, &region, d)).collect();
    let text = match args.format {
        Format::Csv => std::iter::once(format!("{}\n", crate::model::stats::CSV_HEADER))
            .chain(all.iter().map(crate::model::stats::csv_rows))
            .collect(),
        Format::Json if all.len() == 1 => serde_json::to_string_pretty(&all[0]).expect("stats serialise") + "\n",
        Format::Json => serde_json::to_string_pretty(&all).expect("stats serialise") + "\n",
        Format::Table => {
            all.iter().map(|s| crate::model::stats::table(s, &region.label)).collect::<Vec<_>>().join("\n")
        }
    };
    output::write(&Target::Stdout, text.as_bytes(), stdout)
}

fn stats_dates(dates: &Dates, dataset: &Dataset) -> Result<Vec<Date>> {
    let (from, to, step) = match *dates {
        Dates::One(d) => (d, d, 1),
        Dates::Series(from, to, step) => (from, to, step),
        Dates::Claims | Dates::Coverage => unreachable!("the reports are handled before dates"),
    };
    for (flag, date) in [("--date/--from", from), ("--to", to)] {
        within_period(dataset, flag, date)?;
    }
    if from > to {
        return Err(Error::usage("--from", format!("{from} is after --to {to}")));
    }
    let mut out = Vec::new();
    let mut date = from;
    while date <= to {
        out.push(date);
        date = date.checked_add(jiff::Span::new().days(step)).map_err(|e| Error::usage("--step", e.to_string()))?;
    }
    Ok(out)
}

/// Arguments of `frontline export`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportArgs {
    pub dataset: Option<PathBuf>,
    /// The first and last day; the dataset's period where `None`.
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// `-` for standard output; when `None`, `output/<slug>-<date>.geojson` for one day and
    /// `output/<slug>-<from>-<to>.gpkg` for several.
    pub output: Option<String>,
    /// From the output's name when `None`.
    pub format: Option<GisFormat>,
}

/// Writes the layers of the days `from..=to` as GeoJSON or a GeoPackage; returns where
/// they went.
pub fn export(args: &ExportArgs, stdout: &mut dyn Write) -> Result<Target> {
    let dataset = Dataset::load(args.dataset.as_deref())?;
    let period = &dataset.manifest.period;
    let (first, last) = (args.from.unwrap_or(period.start), args.to.unwrap_or(period.end));
    within_period(&dataset, "--from/--date", first)?;
    within_period(&dataset, "--to", last)?;
    if first > last {
        return Err(Error::usage("--from", format!("{first} is after --to {last}")));
    }
    let output = args.output.clone().unwrap_or_else(|| {
        let slug = &dataset.manifest.slug;
        let name =
            if first == last { format!("{slug}-{first}.geojson") } else { format!("{slug}-{first}-{last}.gpkg") };
        PathBuf::from("output").join(name).display().to_string()
    });
    let format = crate::commands::flags::export_format(&output, args.format)?;
    let export = crate::formats::gis::export(&dataset, &Timeline::new(&dataset), first, last);
    let target = Target::parse(&output);
    match format {
        GisFormat::GeoJson => output::write(&target, crate::formats::geojson::collection(&export).as_bytes(), stdout)?,
        GisFormat::GeoPackage => output::write(&target, &crate::formats::gpkg::encode(&export)?, stdout)?,
        GisFormat::GeoJsonLayers => {
            for (name, text) in crate::formats::geojson::layer_files(&export) {
                output::write(&Target::File(PathBuf::from(&output).join(name)), text.as_bytes(), stdout)?;
            }
        }
    }
    Ok(target)
}

//! The GIS layers of an export, as tables that every GIS format writes alike: places,
//! territory, contested areas, front lines and events, each feature with the days it was
//! valid, and the places without coordinates as a table of their own.
//!
//! Every layer carries `valid_from` and `valid_to` as dates, a half-open span (see
//! [`crate::model::history`]): valid from the first day, up to but not including the second.
//! Geometry is lon/lat in WGS84 (EPSG:4326), rounded so that the same inputs give the same
//! numbers and every polygon stays valid ([`lonlat_area`]).

use geo::{Geodesic, Length, MapCoords, MultiPolygon};
use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::dataset::gazetteer::Place;
use crate::dataset::projection::Projection;
use crate::model::control::{Control, Timeline};
use crate::model::history::{self, Days, Period, Spell};
use crate::model::territory::{Cells, area_km2};

/// How a field is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Integer,
    Real,
    Date,
}

/// A field's value; `Null` where it does not apply.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Real(f64),
    Date(Date),
    Null,
}

/// The geometry type of a layer, as GeoPackage names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Point,
    MultiLineString,
    MultiPolygon,
}

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::Point => "POINT",
            Shape::MultiLineString => "MULTILINESTRING",
            Shape::MultiPolygon => "MULTIPOLYGON",
        }
    }
}

/// One row of a layer: its geometry (none for an attribute table, or a feature without a
/// known position) and a value for each of the layer's fields, in their order.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    pub geometry: Option<geo::Geometry<f64>>,
    pub values: Vec<Value>,
}

/// A layer: a table of features of one geometry type, or of none.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// The table (GeoPackage) or file stem (GeoJSON) name.
    pub name: &'static str,
    pub description: &'static str,
    /// `None` for an attribute table.
    pub shape: Option<Shape>,
    pub fields: &'static [(&'static str, FieldType)],
    pub features: Vec<Feature>,
}

/// What an export holds: its layers, for the days `first..=last`.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub title: String,
    pub first: Date,
    pub last: Date,
    pub layers: Vec<Layer>,
}

/// The files an export can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One GeoJSON FeatureCollection holding every layer.
    GeoJson,
    /// A folder with one GeoJSON file per layer.
    GeoJsonLayers,
    GeoPackage,
}

/// What `export` writes, for messages that list it.
pub const WRITABLE: &str = ".gpkg (GeoPackage), .geojson or .json (one GeoJSON file), a folder ending in / (a GeoJSON file per layer) \
     or - (GeoJSON on standard output)";

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::GeoJsonLayers => "geojson-layers",
            Format::GeoPackage => "gpkg",
        }
    }

    /// The format an output names: `-` and `.geojson`/`.json` one GeoJSON file, `.gpkg` a
    /// GeoPackage, a path ending in `/` (or an existing folder) a folder of layers; `None`
    /// for anything else.
    pub fn from_output(output: &str) -> Option<Format> {
        if output == "-" {
            return Some(Format::GeoJson);
        }
        if output.ends_with('/') || output.ends_with(std::path::MAIN_SEPARATOR) || std::path::Path::new(output).is_dir()
        {
            return Some(Format::GeoJsonLayers);
        }
        let extension = std::path::Path::new(output).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "geojson" | "json" => Some(Format::GeoJson),
            "gpkg" => Some(Format::GeoPackage),
            _ => None,
        }
    }
}

use FieldType::{Date as D, Integer as I, Real as R, Text as T};

const PLACE_FIELDS: &[(&str, FieldType)] = &[
    ("place_id", T),
    ("name", T),
    ("name_ar", T),
    ("kind", T),
    ("bank", T),
    ("side", T),
    ("side_label", T),
    ("state", T),
    ("attacker", T),
    ("besieger", T),
    ("valid_from", D),
    ("valid_to", D),
    ("event_first_day", D),
    ("event_last_day", D),
    ("event_precision", T),
    ("event_actor", T),
    ("event_source", T),
    ("event_note", T),
    ("coord_source", T),
    ("coord_precision_m", R),
];
const TERRITORY_FIELDS: &[(&str, FieldType)] =
    &[("side", T), ("side_label", T), ("colour", T), ("area_km2", R), ("valid_from", D), ("valid_to", D)];
const CONTESTED_FIELDS: &[(&str, FieldType)] =
    &[("attacker", T), ("defender", T), ("area_km2", R), ("valid_from", D), ("valid_to", D)];
const FRONT_FIELDS: &[(&str, FieldType)] = &[
    ("side_a", T),
    ("side_b", T),
    ("side_a_label", T),
    ("side_b_label", T),
    ("length_km", R),
    ("valid_from", D),
    ("valid_to", D),
];
const EVENT_FIELDS: &[(&str, FieldType)] = &[
    ("events_csv_line", I),
    ("place_id", T),
    ("place_name", T),
    ("date", T),
    ("precision", T),
    ("first_day", D),
    ("last_day", D),
    ("valid_from", D),
    ("valid_to", D),
    ("side", T),
    ("status", T),
    ("opponent", T),
    ("actor", T),
    ("source", T),
    ("note", T),
];

/// Every layer for the days `first..=last` (both in the dataset's period): each place's
/// states, territory, contested areas and fronts of each period, and the events, that were
/// valid on at least one of those days.
pub fn export(dataset: &Dataset, timeline: &Timeline, first: Date, last: Date) -> Export {
    let projection = dataset.projection();
    let cells = Cells::build(dataset, &projection);
    let periods = history::periods(dataset, timeline, &cells, first, last);
    let spells = history::spells(dataset, timeline, first, last);
    let (located, unlocated): (Vec<&Spell>, Vec<&Spell>) =
        spells.iter().partition(|s| dataset.gazetteer.get(s.place).position.is_some());
    let layers = vec![
        place_layer(
            "places",
            "Each place in each state, with the days it kept it",
            Some(Shape::Point),
            dataset,
            &located,
        ),
        territory_layer(dataset, &projection, &periods),
        contested_layer(dataset, &projection, &periods),
        front_layer(dataset, &projection, &periods),
        event_layer(dataset, first, last),
        place_layer("unlocated_places", "The states of the places without coordinates", None, dataset, &unlocated),
    ];
    Export { title: dataset.manifest.title.clone(), first, last, layers }
}

fn place_layer(
    name: &'static str,
    description: &'static str,
    shape: Option<Shape>,
    dataset: &Dataset,
    spells: &[&Spell],
) -> Layer {
    let features = spells
        .iter()
        .map(|spell| {
            let place = dataset.gazetteer.get(spell.place);
            let geometry = shape
                .and(place.position)
                .map(|at| geo::Geometry::Point(geo::Point::new(round(at.lon, 6), round(at.lat, 6))));
            Feature { geometry, values: place_values(dataset, place, spell) }
        })
        .collect();
    Layer { name, description, shape, fields: PLACE_FIELDS, features }
}

fn place_values(dataset: &Dataset, place: &Place, spell: &Spell) -> Vec<Value> {
    let sides = &dataset.manifest.sides;
    let control = spell.state.control;
    let event = spell.state.event.map(|e| &dataset.events[e]);
    let (attacker, besieger) = match control {
        Control::Contested { attacker, .. } => (Some(attacker), None),
        Control::Besieged { besieger, .. } => (None, besieger),
        Control::Held(_) => (None, None),
    };
    let side = |id: Option<usize>| id.map_or(Value::Null, |id| text(&sides.get(id).id));
    let holder = sides.get(control.holder());
    vec![
        text(&place.id),
        text(&place.name),
        text(&place.name_ar),
        text(place.kind.as_str()),
        place.bank.map_or(Value::Null, |b| text(b.as_str())),
        text(&holder.id),
        text(&holder.label),
        text(control.state_name()),
        side(attacker),
        side(besieger),
        Value::Date(spell.days.from),
        Value::Date(spell.days.to),
        event.map_or(Value::Null, |e| Value::Date(e.date.earliest())),
        event.map_or(Value::Null, |e| Value::Date(e.date.effective())),
        event.map_or(Value::Null, |e| text(e.date.precision())),
        event.map_or(Value::Null, |e| text(&e.actor)),
        event.map_or(Value::Null, |e| text(&e.source)),
        event.map_or(Value::Null, |e| text(&e.note)),
        text(&place.coord_source),
        place.position.map_or(Value::Null, |at| Value::Real(at.precision_m)),
    ]
}

/// Each side's territory, one feature for each run of periods in which it kept one shape.
/// Runs are made valid ([`lonlat_area`], most of an export's time) in parallel, in order.
fn territory_layer(dataset: &Dataset, projection: &Projection, periods: &[Period]) -> Layer {
    let runs = runs(periods, |period| {
        period.territory.sides.iter().cloned().enumerate().filter(|(_, a)| !a.0.is_empty()).collect()
    });
    let features = runs
        .into_par_iter()
        .map(|(side, area, days)| {
            let info = dataset.manifest.sides.get(side);
            area_feature(vec![text(&info.id), text(&info.label), text(&info.colour)], &area, days, projection)
        })
        .collect();
    Layer {
        name: "territory",
        description: "The ground each side held, one shape for each run of days it kept it",
        shape: Some(Shape::MultiPolygon),
        fields: TERRITORY_FIELDS,
        features,
    }
}

fn contested_layer(dataset: &Dataset, projection: &Projection, periods: &[Period]) -> Layer {
    let sides = &dataset.manifest.sides;
    let runs = runs(periods, |period| period.territory.contested.clone());
    let features = runs
        .into_par_iter()
        .map(|((attacker, defender), area, days)| {
            area_feature(vec![text(&sides.get(attacker).id), text(&sides.get(defender).id)], &area, days, projection)
        })
        .collect();
    Layer {
        name: "contested",
        description: "The ground of contested places, by attacker and defender",
        shape: Some(Shape::MultiPolygon),
        fields: CONTESTED_FIELDS,
        features,
    }
}

/// An area of a run of days: `values`, then its km², first and end day, and its shape.
fn area_feature(mut values: Vec<Value>, area: &MultiPolygon<f64>, days: Days, projection: &Projection) -> Feature {
    values.extend([Value::Real(round(area_km2(area, projection), 3)), Value::Date(days.from), Value::Date(days.to)]);
    Feature { geometry: Some(geo::Geometry::MultiPolygon(lonlat_area(area, projection))), values }
}

fn front_layer(dataset: &Dataset, projection: &Projection, periods: &[Period]) -> Layer {
    let sides = &dataset.manifest.sides;
    let runs = runs(periods, |period| period.territory.fronts.clone());
    let features = runs
        .into_par_iter()
        .map(|((a, b), lines, days)| {
            let lines = lines.map_coords(|c| lonlat(c, projection));
            let values = vec![
                text(&sides.get(a).id),
                text(&sides.get(b).id),
                text(&sides.get(a).label),
                text(&sides.get(b).label),
                Value::Real(round(Geodesic.length(&lines) / 1000.0, 3)),
                Value::Date(days.from),
                Value::Date(days.to),
            ];
            Feature { geometry: Some(geo::Geometry::MultiLineString(lines)), values }
        })
        .collect();
    Layer {
        name: "front_lines",
        description: "The borders between two sides' territory, naming both sides",
        shape: Some(Shape::MultiLineString),
        fields: FRONT_FIELDS,
        features,
    }
}

/// The shapes of each key (a side, a pair of sides) over the periods, a run of periods in
/// which a key kept one shape becoming one entry; in order of first day, then key.
fn runs<K: Copy + Ord, S: PartialEq>(periods: &[Period], shapes: impl Fn(&Period) -> Vec<(K, S)>) -> Vec<(K, S, Days)> {
    let mut out: Vec<(K, S, Days)> = Vec::new();
    for period in periods {
        for (key, shape) in shapes(period) {
            let continues = out
                .iter_mut()
                .rev()
                .find(|(k, _, _)| *k == key)
                .filter(|(_, s, days)| days.to == period.days.from && *s == shape);
            match continues {
                Some((_, _, days)) => days.to = period.days.to,
                None => out.push((key, shape, period.days)),
            }
        }
    }
    out.sort_by(|a, b| a.2.from.cmp(&b.2.from).then(a.0.cmp(&b.0)));
    out
}

/// The events whose days of uncertainty (first to last possible day) meet `first..=last`,
/// at their place (no geometry where it has no coordinates), in file order.
fn event_layer(dataset: &Dataset, first: Date, last: Date) -> Layer {
    let sides = &dataset.manifest.sides;
    let features = dataset
        .events
        .iter()
        .filter(|e| Days { from: e.date.earliest(), to: e.date.effective().saturating_add(1.day()) }.meets(first, last))
        .map(|event| {
            let place = dataset.gazetteer.get(event.place);
            let values = vec![
                Value::Integer(event.line as i64),
                text(&place.id),
                text(&place.name),
                text(&event.date.to_string()),
                text(event.date.precision()),
                Value::Date(event.date.earliest()),
                Value::Date(event.date.effective()),
                Value::Date(event.date.earliest()),
                Value::Date(event.date.effective().saturating_add(1.day())),
                text(&sides.get(event.side).id),
                text(event.status.as_str()),
                event.opponent.map_or(Value::Null, |o| text(&sides.get(o).id)),
                text(&event.actor),
                text(&event.source),
                text(&event.note),
            ];
            let geometry =
                place.position.map(|at| geo::Geometry::Point(geo::Point::new(round(at.lon, 6), round(at.lat, 6))));
            Feature { geometry, values }
        })
        .collect();
    Layer {
        name: "events",
        description: "The events, from the first to the last day they may have happened on",
        shape: Some(Shape::Point),
        fields: EVENT_FIELDS,
        features,
    }
}

fn text(value: &str) -> Value {
    if value.is_empty() { Value::Null } else { Value::Text(value.to_string()) }
}

/// A projected area as a lon/lat MultiPolygon with counter-clockwise exterior rings, valid
/// under OGC rules (what GEOS, QGIS and PostGIS check).
///
/// Coordinates are rounded to the fewest decimals from 7 (about 1 cm) that keep it valid:
/// rounding moves vertices, and two that lay a few millimetres apart across a narrow
/// neck would otherwise cross. The rounding depends only on the shape, so the output does
/// not vary.
pub fn lonlat_area(area: &geo::MultiPolygon<f64>, projection: &Projection) -> geo::MultiPolygon<f64> {
    use geo::orient::{Direction, Orient};
    let exact = area.map_coords(|c| {
        let (lon, lat) = projection.inverse(c.x, c.y);
        geo::Coord { x: lon, y: lat }
    });
    if let Some(valid) = rounded_valid(&exact) {
        return valid;
    }
    // Parts that only touch in metres can overlap once carried into degrees (on 15 March
    // 2017 a part lying in a hole of another and touching it along its edge did, at every
    // rounding): dissolved in degrees they make one valid shape.
    let dissolved = geo::unary_union(&exact.0);
    rounded_valid(&dissolved).unwrap_or_else(|| dissolved.orient(Direction::Default))
}

/// `shape` rounded to the fewest decimals from 7 to 12 that leave it valid, if any do.
fn rounded_valid(shape: &geo::MultiPolygon<f64>) -> Option<geo::MultiPolygon<f64>> {
    use geo::Validation;
    use geo::orient::{Direction, Orient};
    let rounded = |decimals: i32| {
        shape.map_coords(|c| geo::Coord { x: round(c.x, decimals), y: round(c.y, decimals) }).orient(Direction::Default)
    };
    (AREA_DECIMALS..=MOST_DECIMALS).map(rounded).find(|shape| shape.is_valid())
}

/// The decimals of area and line coordinates: 7 (about 1 cm) and, where rounding would make
/// a polygon invalid, up to 12.
const AREA_DECIMALS: i32 = 7;
const MOST_DECIMALS: i32 = 12;

fn lonlat(c: geo::Coord<f64>, projection: &Projection) -> geo::Coord<f64> {
    let (lon, lat) = projection.inverse(c.x, c.y);
    geo::Coord { x: round(lon, AREA_DECIMALS), y: round(lat, AREA_DECIMALS) }
}

fn round(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetFiles;

    fn fixture_export(first: &str, last: &str) -> Export {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        let dataset = Dataset::parse(&DatasetFiles::read_dir(&dir).unwrap()).unwrap();
        export(&dataset, &Timeline::new(&dataset), first.parse().unwrap(), last.parse().unwrap())
    }

    #[test]
    fn outputs_name_their_format() {
        assert_eq!(Format::from_output("-"), Some(Format::GeoJson));
        assert_eq!(Format::from_output("x/battle.GPKG"), Some(Format::GeoPackage));
        assert_eq!(Format::from_output("march.geojson"), Some(Format::GeoJson));
        assert_eq!(Format::from_output("battle/"), Some(Format::GeoJsonLayers));
        assert_eq!(Format::from_output("battle.shp"), None);
        assert_eq!(Format::from_output("battle"), None);
    }

    #[test]
    fn every_feature_has_a_value_for_each_field_and_the_layer_s_geometry() {
        for layer in fixture_export("2016-10-16", "2016-12-31").layers {
            for feature in &layer.features {
                assert_eq!(feature.values.len(), layer.fields.len(), "{}", layer.name);
                let shape = feature.geometry.as_ref().map(|g| match g {
                    geo::Geometry::Point(_) => Shape::Point,
                    geo::Geometry::MultiLineString(_) => Shape::MultiLineString,
                    geo::Geometry::MultiPolygon(_) => Shape::MultiPolygon,
                    other => panic!("{other:?}"),
                });
                assert!(shape.is_none() || shape == layer.shape, "{}", layer.name);
            }
        }
    }

    #[test]
    fn a_side_that_kept_its_shape_is_one_feature() {
        let export = fixture_export("2016-10-16", "2016-12-31");
        let territory = &export.layers[1];
        let days = |side: &str| -> Vec<(Value, Value)> {
            territory
                .features
                .iter()
                .filter(|f| f.values[0] == Value::Text(side.into()))
                .map(|f| (f.values[4].clone(), f.values[5].clone()))
                .collect()
        };
        // The Peshmerga held only Bashiqa, from 31 August until ISIL took it on 24 October.
        let date = |d: &str| Value::Date(d.parse().unwrap());
        assert_eq!(days("krg"), [(date("2016-08-31"), date("2016-10-24"))]);
        for pair in days("gov").windows(2) {
            assert_eq!(pair[0].1, pair[1].0, "runs follow each other");
        }
    }
}

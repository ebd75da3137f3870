//! An export's layers as one OGC GeoPackage (version 1.2): a SQLite file with the tables the
//! standard defines (`gpkg_spatial_ref_sys`, `gpkg_contents`, `gpkg_geometry_columns`), a
//! feature table per layer with GeoPackageBinary geometries in EPSG:4326, and the places
//! without coordinates as an attribute table. Dates are `DATE` columns (ISO text), which GDAL
//! and QGIS read as dates.
//!
//! The database is built in memory and its image written whole, so the file appears at once
//! or not at all. The same layers give the same bytes: rows go in one fixed order into a new
//! database, and `last_change` (the only time the standard asks for) is the export's last
//! day, not the time of writing.

use geo::BoundingRect;
use rusqlite::types::Value as Sql;

use crate::error::{Error, Result};
use crate::formats::gis::{Export, FieldType, Layer, Value};

/// `GPKG` in ASCII, the application id that marks a SQLite file as a GeoPackage.
const APPLICATION_ID: i32 = 0x4750_4B47;
/// GeoPackage 1.2, which GDAL has read since 2.2.
const USER_VERSION: i32 = 10200;
const SRS_ID: i32 = 4326;
const WGS84_WKT: &str = "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,\
AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],\
UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],\
AUTHORITY[\"EPSG\",\"4326\"]]";

/// The tables every GeoPackage has (the standard's Annex C), and the three coordinate
/// systems it must list.
const SCHEMA: &str = "
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL,
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
";

/// The export as the bytes of a GeoPackage file. SQLite fails here only for want of memory.
pub fn encode(export: &Export) -> Result<Vec<u8>> {
    build(export).map_err(|e| Error::Write { path: "<GeoPackage in memory>".into(), source: std::io::Error::other(e) })
}

fn build(export: &Export) -> rusqlite::Result<Vec<u8>> {
    let db = rusqlite::Connection::open_in_memory()?;
    db.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {USER_VERSION};"))?;
    db.execute_batch("BEGIN;")?;
    db.execute_batch(SCHEMA)?;
    db.execute(
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', ?1, 'EPSG', ?1, ?2, \
         'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid')",
        rusqlite::params![SRS_ID, WGS84_WKT],
    )?;
    let last_change = format!("{}T00:00:00.000Z", export.last);
    for layer in &export.layers {
        write_layer(&db, layer, &last_change)?;
    }
    db.execute_batch("COMMIT;")?;
    Ok(db.serialize(rusqlite::MAIN_DB)?.to_vec())
}

fn write_layer(db: &rusqlite::Connection, layer: &Layer, last_change: &str) -> rusqlite::Result<()> {
    let mut columns = vec!["\"fid\" INTEGER PRIMARY KEY NOT NULL".to_string()];
    if let Some(shape) = layer.shape {
        columns.push(format!("\"geom\" {}", shape.name()));
    }
    columns.extend(layer.fields.iter().map(|(name, kind)| format!("\"{name}\" {}", sql_type(*kind))));
    db.execute_batch(&format!("CREATE TABLE \"{}\" ({});", layer.name, columns.join(", ")))?;

    let names: Vec<String> = layer
        .shape
        .map(|_| "geom".to_string())
        .into_iter()
        .chain(layer.fields.iter().map(|f| f.0.to_string()))
        .collect();
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let slots: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    let insert = format!("INSERT INTO \"{}\" ({}) VALUES ({})", layer.name, quoted.join(", "), slots.join(", "));
    let mut statement = db.prepare(&insert)?;
    for feature in &layer.features {
        let geometry = layer.shape.map(|_| feature.geometry.as_ref().map_or(Sql::Null, |g| Sql::Blob(binary(g))));
        let values = geometry.into_iter().chain(feature.values.iter().map(sql_value));
        statement.execute(rusqlite::params_from_iter(values))?;
    }

    let bounds = extent(layer);
    let (data_type, srs) = match layer.shape {
        Some(_) => ("features", Some(SRS_ID)),
        None => ("attributes", None),
    };
    db.execute(
        "INSERT INTO gpkg_contents VALUES (?1, ?2, ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            layer.name,
            data_type,
            layer.description,
            last_change,
            bounds.map(|b| b.min().x),
            bounds.map(|b| b.min().y),
            bounds.map(|b| b.max().x),
            bounds.map(|b| b.max().y),
            srs
        ],
    )?;
    if let Some(shape) = layer.shape {
        db.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, ?3, 0, 0)",
            rusqlite::params![layer.name, shape.name(), SRS_ID],
        )?;
    }
    Ok(())
}

fn sql_type(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "TEXT",
        FieldType::Integer => "INTEGER",
        FieldType::Real => "REAL",
        FieldType::Date => "DATE",
    }
}

fn sql_value(value: &Value) -> Sql {
    match value {
        Value::Text(text) => Sql::Text(text.clone()),
        Value::Integer(n) => Sql::Integer(*n),
        Value::Real(x) => Sql::Real(*x),
        Value::Date(date) => Sql::Text(date.to_string()),
        Value::Null => Sql::Null,
    }
}

/// The box around every geometry of a layer; `None` for a table without any.
fn extent(layer: &Layer) -> Option<geo::Rect<f64>> {
    layer.features.iter().filter_map(|f| f.geometry.as_ref()?.bounding_rect()).reduce(|a, b| {
        let min = geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) };
        let max = geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) };
        geo::Rect::new(min, max)
    })
}

/// A geometry as GeoPackageBinary: the `GP` header (version 0, little-endian, the SRS id,
/// and the envelope of anything but a point), then the geometry as WKB.
pub fn binary(geometry: &geo::Geometry<f64>) -> Vec<u8> {
    let envelope = match geometry {
        geo::Geometry::Point(_) => None,
        other => other.bounding_rect(),
    };
    let mut out = b"GP\0".to_vec();
    // Bit 0: little-endian; bits 1-3: envelope contents (1: min x, max x, min y, max y).
    out.push(if envelope.is_some() { 0b0000_0011 } else { 0b0000_0001 });
    out.extend(SRS_ID.to_le_bytes());
    if let Some(rect) = envelope {
        for value in [rect.min().x, rect.max().x, rect.min().y, rect.max().y] {
            out.extend(value.to_le_bytes());
        }
    }
    wkb(geometry, &mut out);
    out
}

/// Well-known binary, little-endian, of the geometries frontline writes.
fn wkb(geometry: &geo::Geometry<f64>, out: &mut Vec<u8>) {
    match geometry {
        geo::Geometry::Point(point) => {
            header(out, 1);
            coords(out, [point.0]);
        }
        geo::Geometry::MultiLineString(lines) => {
            header(out, 5);
            count(out, lines.0.len());
            for line in &lines.0 {
                header(out, 2);
                ring(out, line);
            }
        }
        geo::Geometry::MultiPolygon(polygons) => {
            header(out, 6);
            count(out, polygons.0.len());
            for polygon in &polygons.0 {
                header(out, 3);
                count(out, 1 + polygon.interiors().len());
                ring(out, polygon.exterior());
                polygon.interiors().iter().for_each(|hole| ring(out, hole));
            }
        }
        other => unreachable!("frontline writes no {other:?}"),
    }
}

fn header(out: &mut Vec<u8>, kind: u32) {
    out.push(1);
    out.extend(kind.to_le_bytes());
}

fn count(out: &mut Vec<u8>, n: usize) {
    out.extend(u32::try_from(n).expect("fewer than 4 billion parts").to_le_bytes());
}

fn ring(out: &mut Vec<u8>, line: &geo::LineString<f64>) {
    count(out, line.0.len());
    coords(out, line.0.iter().copied());
}

fn coords(out: &mut Vec<u8>, points: impl IntoIterator<Item = geo::Coord<f64>>) {
    for c in points {
        out.extend(c.x.to_le_bytes());
        out.extend(c.y.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_is_a_header_and_wkb_without_envelope() {
        let bytes = binary(&geo::Geometry::Point(geo::Point::new(43.5, 36.25)));
        assert_eq!(&bytes[..8], b"GP\0\x01\xe6\x10\0\0", "magic, version, flags, SRS 4326");
        assert_eq!(&bytes[8..13], [1, 1, 0, 0, 0], "little-endian WKB point");
        assert_eq!(f64::from_le_bytes(bytes[13..21].try_into().unwrap()), 43.5, "x is the longitude");
        assert_eq!(bytes.len(), 29);
    }

    #[test]
    fn areas_carry_their_envelope() {
        let ring = geo::LineString::from(vec![(1.0, 2.0), (3.0, 2.0), (3.0, 5.0), (1.0, 2.0)]);
        let square = geo::Polygon::new(ring, vec![]);
        let bytes = binary(&geo::Geometry::MultiPolygon(geo::MultiPolygon(vec![square])));
        assert_eq!(bytes[3], 0b11);
        let envelope: Vec<f64> = bytes[8..40].chunks(8).map(|c| f64::from_le_bytes(c.try_into().unwrap())).collect();
        assert_eq!(envelope, [1.0, 3.0, 2.0, 5.0], "min x, max x, min y, max y");
        assert_eq!(&bytes[40..45], [1, 6, 0, 0, 0], "a multipolygon");
    }
}

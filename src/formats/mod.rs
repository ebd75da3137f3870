//! Output formats: frames encoded as PNG and PDF, sequences as GIF, APNG and animated SVG,
//! the HTML viewer, GeoJSON for GIS, the report page, and the safe writing of every file.

pub mod animate;
pub mod frames;
pub mod geojson;
pub mod gis;
pub mod gpkg;
pub mod output;
pub mod progress;
pub mod raster;
pub mod report;
pub mod video;
pub mod viewer;

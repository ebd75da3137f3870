//! Territory: areas of control derived from the places' states by one declared rule.
//!
//! **Known ground.** Around each place lies a disc of its kind's reach (2.5 km for a
//! village, 3.5 km for a town, 1 km for a city district; [`reach_m`]). Places closer than
//! the dataset's neighbour distance (`[territory] neighbour_km`, 10 km by default) are
//! neighbours, and the ground between them is known too: every triangle of the places'
//! Delaunay triangulation whose sides are all shorter than that distance. Ground neither
//! near a place nor between neighbours is "no information" and is never coloured by guess.
//!
//! **Who stands for which ground.** Known ground goes to the nearest place (its Voronoi
//! cell), so between neighbouring places of one side territory is continuous, and where
//! sides meet the border runs halfway between their places: the front line.
//!
//! **Walls and exceptions.** Barrier rivers (`[territory] rivers`) cut the area into
//! compartments, and ground goes only to places in the same compartment (a place with a
//! `bank` stays on that bank of the first river). A place the dataset gives an outline
//! (`outlines.geojson`) claims exactly that polygon; a landmark or a bridge claims a disc of
//! its reach (400 m, 250 m) cut out of the ground around it; a city with districts within
//! its reach is drawn through those districts and claims nothing of its own. No place
//! claims outside the area of interest.
//!
//! A side's territory on a date is the union of the cells of the places it holds, and its
//! front lines are the borders between its cells and another side's. Cells depend only on
//! the gazetteer and the rule, so they are built once per dataset, and territory changes
//! exactly where events change control.

mod cells;
mod cover;
mod dissolve;
mod fronts;
mod rivers;
mod voronoi;

pub use cells::{Cells, projected_box, reach_m};
pub use dissolve::{Territory, area_km2, outlines, union_of};
pub use fronts::SHARED_BORDER_M;
pub use rivers::Compartments;
pub(crate) use voronoi::clip_half_plane;

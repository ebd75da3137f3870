//! The cells: the ground each place stands for, whoever holds it. They depend only on the
//! gazetteer, the outlines, the barrier rivers and the rule's parameters, so they are built
//! once per dataset; a date only decides which side each cell goes to.

use geo::{
    Area, BooleanOps, BoundingRect, Coord, LineString, MapCoords, MultiLineString, MultiPolygon, Polygon, unary_union,
};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::dataset::Dataset;
use crate::dataset::gazetteer::{Kind, Place};
use crate::dataset::manifest::{LonLatBox, SideId};
use crate::dataset::projection::Projection;
use crate::model::control::ControlState;
use crate::model::territory::cover::Cover;
use crate::model::territory::fronts::Borders;
use crate::model::territory::rivers::Compartments;
use crate::model::territory::voronoi::{Site, inner_radius, voronoi_disc};

/// How far a place's control is taken to extend on its own, in metres: the radius of the
/// ground it claims where it has no neighbour.
pub fn reach_m(kind: Kind) -> f64 {
    match kind {
        Kind::City | Kind::Village => 2_500.0,
        Kind::Town => 3_500.0,
        Kind::Area => 2_000.0,
        Kind::Base => 1_500.0,
        Kind::District => 1_000.0,
        Kind::Landmark => 400.0,
        Kind::Bridge => 250.0,
    }
}

/// Cells are snapped to this grid (metres), which removes the sliver holes that unions of
/// touching cells otherwise leave.
const SNAP_M: f64 = 0.1;

/// A part of a cell smaller than this (m²) is a sliver left by cutting, not ground.
const MIN_PART_M2: f64 = 1.0;

/// Cutting a cell takes microseconds; a thread is given at least this many.
const CELLS_PER_THREAD: usize = 64;

/// The cell of every place, in projected metres, and what they were cut to.
#[derive(Debug, Clone)]
pub struct Cells {
    /// Indexed by place, snapped to a 0.1 m grid; empty for a place with no position, a
    /// place another sits on, and a city drawn through its districts.
    pub cells: Vec<MultiPolygon<f64>>,
    /// The area of interest, projected.
    pub area: Polygon<f64>,
    /// The area cut by the barrier rivers.
    pub compartments: Compartments,
    /// Where cells may touch, for the front lines.
    borders: Borders,
}

/// What a place claims under the rule.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Claim {
    /// Nothing: no position, or a city whose districts claim its ground.
    None,
    /// Exactly its outline.
    Outline,
    /// A disc of its reach, cut out of the ground around it: a landmark or a bridge is a
    /// point in someone's ground, not ground of its own.
    Spot,
    /// Its share of the known ground of its compartment: the part nearer to it than to any
    /// other place there.
    Ground,
}

impl Cells {
    pub fn build(dataset: &Dataset, projection: &Projection) -> Cells {
        let places = dataset.gazetteer.places();
        let sites: Vec<Option<[f64; 2]>> = places
            .iter()
            .map(|p| {
                let (x, y) = p.lonlat().map(|(lon, lat)| projection.forward(lon, lat))?;
                Some([x, y])
            })
            .collect();
        let area = projected_box(projection, &dataset.manifest.area);
        let compartments = compartments(dataset, projection, &area);
        let mut outlined: Vec<Option<MultiPolygon<f64>>> = vec![None; places.len()];
        for outline in &dataset.outlines {
            let shape = outline.shape.map_coords(|c| forward(projection, c));
            outlined[outline.place] = Some(shape.intersection(&MultiPolygon::new(vec![area.clone()])));
        }
        let every_site: RTree<Site> =
            RTree::bulk_load(sites.iter().enumerate().filter_map(|(i, s)| Some(GeomWithData::new((*s)?, i))).collect());
        let claims: Vec<Claim> = places
            .iter()
            .enumerate()
            .map(|(i, place)| claim(place, sites[i], outlined[i].is_some(), &every_site, dataset))
            .collect();
        let home: Vec<Option<usize>> = (0..places.len()).map(|i| compartments.of(sites[i]?, places[i].bank)).collect();
        let mut builder = Builder::new(dataset, &sites, &claims, &home, &compartments, outlined);
        // Spots first: ground cells keep out of what they take, after their own cuts.
        let spots: Vec<Option<MultiPolygon<f64>>> = (0..places.len())
            .into_par_iter()
            .with_min_len(CELLS_PER_THREAD)
            .map(|i| (claims[i] == Claim::Spot).then(|| builder.spot(i)))
            .collect();
        builder.spots_cut = spots;
        let cells: Vec<MultiPolygon<f64>> =
            (0..places.len()).into_par_iter().with_min_len(CELLS_PER_THREAD).map(|i| clean(&builder.cell(i))).collect();
        let borders = Borders::new(&cells);
        Cells { cells, area, compartments, borders }
    }

    /// The front lines of `state`, by the two sides they separate: the borders between
    /// cells that different sides hold.
    pub fn fronts(&self, state: &ControlState) -> Vec<((SideId, SideId), MultiLineString<f64>)> {
        self.borders.fronts(&self.cells, state)
    }
}

/// `shape` on the grid of [`SNAP_M`], as a valid shape: cutting cells out of one another
/// can leave spikes and parts collapsed to a line along a cut, which are no ground, and
/// which the unions of a date would drop but the borders between cells would trace.
fn clean(shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let snapped = unary_union(&snap(shape).0);
    MultiPolygon(snap(&snapped).0.into_iter().filter(|part| part.unsigned_area() >= MIN_PART_M2).collect())
}

fn snap(shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    shape.map_coords(|c| Coord { x: (c.x / SNAP_M).round() * SNAP_M, y: (c.y / SNAP_M).round() * SNAP_M })
}

fn claim(place: &Place, site: Option<[f64; 2]>, outlined: bool, every_site: &RTree<Site>, dataset: &Dataset) -> Claim {
    let Some(site) = site else { return Claim::None };
    match place.kind {
        _ if outlined => Claim::Outline,
        Kind::Landmark | Kind::Bridge => Claim::Spot,
        Kind::City if has_districts_within(site, every_site, dataset, reach_m(Kind::City)) => Claim::None,
        _ => Claim::Ground,
    }
}

fn has_districts_within(site: [f64; 2], tree: &RTree<Site>, dataset: &Dataset, reach: f64) -> bool {
    tree.locate_within_distance(site, reach * reach).any(|n| dataset.gazetteer.get(n.data).kind == Kind::District)
}

/// The barrier rivers of the dataset, projected, and the area they cut.
fn compartments(dataset: &Dataset, projection: &Projection, area: &Polygon<f64>) -> Compartments {
    let rule = &dataset.manifest.territory;
    let project = |lines: MultiLineString<f64>| lines.map_coords(|c| forward(projection, c));
    let rivers: Vec<MultiLineString<f64>> =
        rule.rivers.iter().map(|name| project(dataset.basemap.river(name))).collect();
    let bank_river = rivers.first().and_then(north_to_south);
    Compartments::new(area, &rivers, bank_river.as_deref())
}

/// The pieces of a river joined into one line from north to south.
fn north_to_south(lines: &MultiLineString<f64>) -> Option<Vec<Coord<f64>>> {
    let mut pieces: Vec<Vec<Coord<f64>>> = lines.0.iter().map(|l| l.0.clone()).filter(|l| l.len() > 1).collect();
    for piece in &mut pieces {
        if piece[0].y < piece[piece.len() - 1].y {
            piece.reverse();
        }
    }
    pieces.sort_by(|a, b| b[0].y.total_cmp(&a[0].y));
    let chain: Vec<Coord<f64>> = pieces.into_iter().flatten().collect();
    (chain.len() > 1).then_some(chain)
}

/// Everything the cells are cut from, shared by the threads that cut them.
struct Builder<'a> {
    dataset: &'a Dataset,
    sites: &'a [Option<[f64; 2]>],
    claims: &'a [Claim],
    home: &'a [Option<usize>],
    compartments: &'a Compartments,
    /// The outlines given by the dataset, by place.
    outlined: Vec<Option<MultiPolygon<f64>>>,
    /// Per compartment: its ground places and their known ground.
    ground: Vec<(RTree<Site>, Cover)>,
    /// The places that claim spots, for cutting spots from one another.
    spots: RTree<Site>,
    /// Outlines and spots, which ground cells keep out of, indexed by their bounding boxes.
    taken: RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>,
    /// The spots' cells, once cut ([`Builder::spot`]).
    spots_cut: Vec<Option<MultiPolygon<f64>>>,
    neighbour_m: f64,
}

impl<'a> Builder<'a> {
    fn new(
        dataset: &'a Dataset,
        sites: &'a [Option<[f64; 2]>],
        claims: &'a [Claim],
        home: &'a [Option<usize>],
        compartments: &'a Compartments,
        outlined: Vec<Option<MultiPolygon<f64>>>,
    ) -> Builder<'a> {
        let neighbour_m = dataset.manifest.territory.neighbour_km * 1000.0;
        let reach: Vec<f64> = dataset.gazetteer.places().iter().map(|p| reach_m(p.kind)).collect();
        let of_claim = |wanted: Claim| {
            (0..sites.len()).filter(move |&i| claims[i] == wanted).filter_map(|i| Some(((sites[i])?, i)))
        };
        // Spots tell of the ground around them too: they take part in the known ground,
        // though the ground between them goes to the nearest ground place.
        let ground = (0..compartments.0.len())
            .map(|k| {
                let home_in_k = |&(_, i): &([f64; 2], usize)| home[i] == Some(k);
                let members: Vec<([f64; 2], usize)> = of_claim(Claim::Ground).filter(home_in_k).collect();
                let known: Vec<([f64; 2], usize)> =
                    members.iter().copied().chain(of_claim(Claim::Spot).filter(home_in_k)).collect();
                let tree = RTree::bulk_load(members.iter().map(|&(s, i)| GeomWithData::new(s, i)).collect());
                (tree, Cover::new(&known, reach.clone(), neighbour_m))
            })
            .collect();
        let spots = RTree::bulk_load(of_claim(Claim::Spot).map(|(s, i)| GeomWithData::new(s, i)).collect());
        let taken = RTree::bulk_load(
            (0..sites.len())
                .filter_map(|i| {
                    let bounds = match claims[i] {
                        Claim::Outline => outlined[i].as_ref()?.bounding_rect()?,
                        Claim::Spot => {
                            let ([x, y], r) = (sites[i]?, reach[i]);
                            geo::Rect::new(Coord { x: x - r, y: y - r }, Coord { x: x + r, y: y + r })
                        }
                        _ => return None,
                    };
                    Some(GeomWithData::new(Rectangle::from_corners(bounds.min().into(), bounds.max().into()), i))
                })
                .collect(),
        );
        let spots_cut = Vec::new();
        Builder { dataset, sites, claims, home, compartments, outlined, ground, spots, taken, spots_cut, neighbour_m }
    }

    fn cell(&self, i: usize) -> MultiPolygon<f64> {
        let empty = MultiPolygon::new(Vec::new());
        let (Some(site), Some(home)) = (self.sites[i], self.home[i]) else { return empty };
        let kind = self.dataset.gazetteer.get(i).kind;
        match self.claims[i] {
            Claim::None => empty,
            Claim::Outline => self.outlined[i].clone().unwrap_or(empty),
            Claim::Spot => self.spots_cut[i].clone().unwrap_or(empty),
            Claim::Ground => {
                let (tree, cover) = &self.ground[home];
                let radius = Cover::radius(reach_m(kind), self.neighbour_m) / inner_radius(1.0);
                let cell = voronoi_disc((i, site), tree, radius);
                if cell.len() < 3 {
                    return empty;
                }
                let known = cover.cut(cell, site, i);
                self.finish_shape(home, known, |j| j != i)
            }
        }
    }

    /// A spot: the disc of its reach, nearer to it than to other spots, in its
    /// compartment, out of the outlines.
    fn spot(&self, i: usize) -> MultiPolygon<f64> {
        let (Some(site), Some(home)) = (self.sites[i], self.home[i]) else { return MultiPolygon::new(Vec::new()) };
        let polygon = voronoi_disc((i, site), &self.spots, reach_m(self.dataset.gazetteer.get(i).kind));
        if polygon.len() < 3 {
            return MultiPolygon::new(Vec::new());
        }
        let shape = MultiPolygon::new(vec![Polygon::new(LineString::new(polygon), Vec::new())]);
        self.finish_shape(home, shape, |j| self.claims[j] == Claim::Outline)
    }

    /// `shape` cut to compartment `home` and out of the outlines and spots `keep_out` names.
    fn finish_shape(
        &self,
        home: usize,
        shape: MultiPolygon<f64>,
        keep_out: impl Fn(usize) -> bool,
    ) -> MultiPolygon<f64> {
        if shape.0.is_empty() {
            return shape;
        }
        let shape = self.compartments.clip(home, shape);
        let Some(bounds) = shape.bounding_rect() else { return shape };
        let envelope = AABB::from_corners(bounds.min().into(), bounds.max().into());
        let mut near: Vec<usize> =
            self.taken.locate_in_envelope_intersecting(&envelope).map(|t| t.data).filter(|&j| keep_out(j)).collect();
        if near.is_empty() {
            return shape;
        }
        near.sort_unstable();
        let taken: Vec<Polygon<f64>> = near.into_iter().flat_map(|j| self.taken_shape(j).0).collect();
        shape.difference(&unary_union(taken.iter()))
    }

    /// What an outlined place or a spot takes: its outline, or its cut spot.
    fn taken_shape(&self, j: usize) -> MultiPolygon<f64> {
        let taken = match self.claims[j] {
            Claim::Outline => self.outlined[j].as_ref(),
            Claim::Spot => self.spots_cut.get(j).and_then(Option::as_ref),
            _ => None,
        };
        taken.cloned().unwrap_or(MultiPolygon::new(Vec::new()))
    }
}

fn forward(projection: &Projection, c: Coord<f64>) -> Coord<f64> {
    let (x, y) = projection.forward(c.x, c.y);
    Coord { x, y }
}

/// A lon/lat box as a projected polygon (its edges sampled, since they curve).
pub fn projected_box(projection: &Projection, area: &LonLatBox) -> Polygon<f64> {
    const SAMPLES: usize = 24;
    let lerp = |a: f64, b: f64, k: usize| a + (b - a) * k as f64 / SAMPLES as f64;
    let mut ring = Vec::with_capacity(4 * SAMPLES + 1);
    for k in 0..SAMPLES {
        ring.push((lerp(area.west, area.east, k), area.south));
    }
    for k in 0..SAMPLES {
        ring.push((area.east, lerp(area.south, area.north, k)));
    }
    for k in 0..SAMPLES {
        ring.push((lerp(area.east, area.west, k), area.north));
    }
    for k in 0..SAMPLES {
        ring.push((area.west, lerp(area.north, area.south, k)));
    }
    let ring: Vec<Coord<f64>> =
        ring.into_iter().map(|(lon, lat)| forward(projection, Coord { x: lon, y: lat })).collect();
    Polygon::new(LineString::from(ring), Vec::new())
}

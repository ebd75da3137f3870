//! Front lines from the borders of cells: where a cell of one side touches a cell of
//! another, their shared border is front.
//!
//! Cells do not overlap, so a side's area meets another's exactly along the borders of
//! their cells, and the front lines of a date follow from which cells touch and who holds
//! them. The pairs of cells that may touch are found once per dataset (their bounding
//! boxes meet); the border of a pair is traced the first time a date puts its two cells
//! on different sides, and kept for every later date.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use geo::{BoundingRect, Coord, Line, LineString, MultiLineString, MultiPolygon, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::dataset::gazetteer::PlaceId;
use crate::dataset::manifest::SideId;
use crate::model::control::{Control, ControlState};

/// How far apart two outlines may run and still be one border: well above the grid cells
/// are snapped to.
pub const SHARED_BORDER_M: f64 = 1.0;

/// A stretch of border shorter than this is a touch at a corner, not a border.
const SHORTEST_PART_M: f64 = 0.1;

/// The pairs of cells that may share a border, and each pair's border once traced.
#[derive(Debug, Clone, Default)]
pub struct Borders {
    /// Pairs `(a, b)` with `a < b` whose cells' bounding boxes meet, in order.
    pairs: Vec<(PlaceId, PlaceId)>,
    /// By pair: the stretches of `a`'s outline that run along `b`'s.
    traced: Vec<OnceLock<Vec<LineString<f64>>>>,
}

impl Borders {
    /// The pairs of `cells` that may touch.
    pub fn new(cells: &[MultiPolygon<f64>]) -> Borders {
        let margin = Coord { x: SHARED_BORDER_M, y: SHARED_BORDER_M };
        let boxes: Vec<Option<Rect<f64>>> = cells
            .iter()
            .map(|cell| cell.bounding_rect().map(|b| Rect::new(b.min() - margin, b.max() + margin)))
            .collect();
        let corners = |b: &Rect<f64>| -> ([f64; 2], [f64; 2]) { (b.min().into(), b.max().into()) };
        let tree = RTree::bulk_load(
            boxes
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let (low, high) = corners(b.as_ref()?);
                    Some(GeomWithData::new(Rectangle::from_corners(low, high), i))
                })
                .collect(),
        );
        let mut pairs: Vec<(PlaceId, PlaceId)> = Vec::new();
        for (a, bounds) in boxes.iter().enumerate() {
            let Some(bounds) = bounds else { continue };
            let (low, high) = corners(bounds);
            let envelope = AABB::from_corners(low, high);
            pairs.extend(
                tree.locate_in_envelope_intersecting(&envelope).map(|n| n.data).filter(|&b| b > a).map(|b| (a, b)),
            );
        }
        pairs.sort_unstable();
        let traced = pairs.iter().map(|_| OnceLock::new()).collect();
        Borders { pairs, traced }
    }

    /// The front lines of `state`, by the two sides they separate (the side listed first in
    /// the dataset first), for pairs that meet: the borders between cells held by
    /// different sides. Contested places are neither side's, so they make no front.
    pub fn fronts(
        &self,
        cells: &[MultiPolygon<f64>],
        state: &ControlState,
    ) -> Vec<((SideId, SideId), MultiLineString<f64>)> {
        let held = |place: PlaceId| match state.control(place) {
            Control::Contested { .. } => None,
            control => Some(control.holder()),
        };
        let mut pieces: BTreeMap<(SideId, SideId), Vec<LineString<f64>>> = BTreeMap::new();
        for (k, &(a, b)) in self.pairs.iter().enumerate() {
            let (Some(side_a), Some(side_b)) = (held(a), held(b)) else { continue };
            if side_a == side_b {
                continue;
            }
            let border = self.traced[k].get_or_init(|| border(&cells[a], &cells[b]));
            if !border.is_empty() {
                let key = (side_a.min(side_b), side_a.max(side_b));
                pieces.entry(key).or_default().extend(border.iter().cloned());
            }
        }
        pieces.into_iter().map(|(pair, lines)| (pair, MultiLineString(chain(lines)))).collect()
    }
}

/// The stretches of `a`'s outline that run along `b`'s, each as one line.
fn border(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> Vec<LineString<f64>> {
    let other: Vec<Line<f64>> = rings(b).flat_map(LineString::lines).collect();
    rings(a).flat_map(|ring| shared_runs(ring, &other)).collect()
}

fn rings(shape: &MultiPolygon<f64>) -> impl Iterator<Item = &LineString<f64>> {
    shape.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
}

/// The stretches of `ring` that run along the segments `other`, each as one line.
fn shared_runs(ring: &LineString<f64>, other: &[Line<f64>]) -> Vec<LineString<f64>> {
    let mut runs: Vec<Vec<Coord<f64>>> = Vec::new();
    for segment in ring.lines() {
        for (from, to) in shared_parts(segment, other) {
            let (start, end) = (segment.start + segment.delta() * from, segment.start + segment.delta() * to);
            // Where the other outline turns a little before or after this one, the parts
            // either side of a vertex stop short of it: they still make one run.
            match runs.last_mut() {
                Some(run) if run.last().is_some_and(|last| distance(*last, start) <= SHARED_BORDER_M) => {
                    if run.last() != Some(&start) {
                        run.push(start);
                    }
                    run.push(end);
                }
                _ => runs.push(vec![start, end]),
            }
        }
    }
    // A border through the ring's first vertex comes out as two runs: join them.
    let closes = |first: &[Coord<f64>], last: &[Coord<f64>]| match (first.first(), last.last()) {
        (Some(&a), Some(&b)) => distance(a, b) <= SHARED_BORDER_M,
        _ => false,
    };
    if runs.len() > 1 && closes(&runs[0], &runs[runs.len() - 1]) {
        let first = runs.remove(0);
        runs.last_mut().expect("more than one run").extend_from_slice(&first[1..]);
    }
    runs.into_iter().map(LineString).collect()
}

fn distance(a: Coord<f64>, b: Coord<f64>) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

/// The parts of `segment` that run within [`SHARED_BORDER_M`] of a segment of `other`, as
/// fractions of its length, in order. Cells that meet share their border only in part
/// where one of them ends at its reach, so whole segments do not do.
fn shared_parts(segment: Line<f64>, other: &[Line<f64>]) -> Vec<(f64, f64)> {
    let delta = segment.delta();
    let length = delta.x.hypot(delta.y);
    if length == 0.0 {
        return Vec::new();
    }
    let offset = |c: Coord<f64>| ((c - segment.start).x * delta.y - (c - segment.start).y * delta.x).abs() / length;
    let along = |c: Coord<f64>| ((c - segment.start).x * delta.x + (c - segment.start).y * delta.y) / (length * length);
    let (low, high) = (
        Coord {
            x: segment.start.x.min(segment.end.x) - SHARED_BORDER_M,
            y: segment.start.y.min(segment.end.y) - SHARED_BORDER_M,
        },
        Coord {
            x: segment.start.x.max(segment.end.x) + SHARED_BORDER_M,
            y: segment.start.y.max(segment.end.y) + SHARED_BORDER_M,
        },
    );
    let near = |t: &&Line<f64>| {
        t.start.x.max(t.end.x) >= low.x
            && t.start.x.min(t.end.x) <= high.x
            && t.start.y.max(t.end.y) >= low.y
            && t.start.y.min(t.end.y) <= high.y
    };
    // Only the stretch of the other segment alongside this one counts: a long, nearly
    // parallel segment drifts away from this one's line beyond its ends.
    let alongside = |t: &Line<f64>| {
        let (a, b) = (along(t.start), along(t.end));
        let (from, to) = (a.min(b).max(0.0), a.max(b).min(1.0));
        if (to - from) * length <= SHORTEST_PART_M {
            return None;
        }
        let at = |u: f64| t.start + t.delta() * ((u - a) / (b - a));
        (offset(at(from)) <= SHARED_BORDER_M && offset(at(to)) <= SHARED_BORDER_M).then_some((from, to))
    };
    let mut parts: Vec<(f64, f64)> = other.iter().filter(near).filter_map(alongside).collect();
    parts.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.total_cmp(&q.1)));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in parts {
        match merged.last_mut() {
            Some(last) if (a - last.1) * length <= SHORTEST_PART_M => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Joins lines whose ends meet (within [`SHARED_BORDER_M`]) into longer lines, so that a
/// front along many cells reads as one line. Lines are taken in order, and at a junction
/// the earliest free line is followed, so the result depends only on the input.
fn chain(lines: Vec<LineString<f64>>) -> Vec<LineString<f64>> {
    let ends = EndIndex::new(&lines);
    let mut used = vec![false; lines.len()];
    let mut chained = Vec::new();
    for first in 0..lines.len() {
        if used[first] {
            continue;
        }
        used[first] = true;
        let mut line: Vec<Coord<f64>> = lines[first].0.clone();
        for forward in [true, false] {
            if !forward {
                line.reverse();
            }
            while let Some((next, at_start)) = ends.free_near(*line.last().expect("a line has points"), &used) {
                used[next] = true;
                let mut points = lines[next].0.clone();
                if !at_start {
                    points.reverse();
                }
                // Ends that nearly meet keep both points, so the line leaves no gap.
                let skip = usize::from(line.last() == points.first());
                line.extend_from_slice(&points[skip..]);
            }
        }
        line.reverse();
        chained.push(LineString(line));
    }
    chained
}

/// The ends of lines, bucketed on a grid of [`SHARED_BORDER_M`] so that the ends near a
/// point are found in its bucket and the eight around it.
struct EndIndex {
    buckets: HashMap<(i64, i64), Vec<(usize, bool)>>,
    lines: Vec<(Coord<f64>, Coord<f64>)>,
}

impl EndIndex {
    fn new(lines: &[LineString<f64>]) -> EndIndex {
        let mut buckets: HashMap<(i64, i64), Vec<(usize, bool)>> = HashMap::new();
        let mut ends = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            let (first, last) = (line.0[0], line.0[line.0.len() - 1]);
            buckets.entry(bucket(first)).or_default().push((i, true));
            buckets.entry(bucket(last)).or_default().push((i, false));
            ends.push((first, last));
        }
        EndIndex { buckets, lines: ends }
    }

    /// The free line with the lowest index that has an end near `point`, and whether that
    /// end is its start.
    fn free_near(&self, point: Coord<f64>, used: &[bool]) -> Option<(usize, bool)> {
        let (bx, by) = bucket(point);
        let candidates = (-1..=1).flat_map(|dx| (-1..=1).map(move |dy| (bx + dx, by + dy)));
        candidates
            .filter_map(|key| self.buckets.get(&key))
            .flatten()
            .filter(|&&(i, at_start)| {
                let (first, last) = self.lines[i];
                !used[i] && distance(if at_start { first } else { last }, point) <= SHARED_BORDER_M
            })
            .min_by_key(|&&(i, at_start)| (i, !at_start))
            .copied()
    }
}

fn bucket(c: Coord<f64>) -> (i64, i64) {
    ((c.x / SHARED_BORDER_M).floor() as i64, (c.y / SHARED_BORDER_M).floor() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Length, Polygon};

    fn square(x: f64, y: f64, side: f64) -> MultiPolygon<f64> {
        let ring = vec![(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)];
        MultiPolygon(vec![Polygon::new(LineString::from(ring), Vec::new())])
    }

    #[test]
    fn cells_side_by_side_share_their_common_edge() {
        let (a, b) = (square(0.0, 0.0, 100.0), square(100.0, 0.0, 100.0));
        let shared = border(&a, &b);
        assert_eq!(shared.len(), 1, "{shared:?}");
        assert!((geo::Euclidean.length(&shared[0]) - 100.0).abs() < 1e-9);
        assert!(border(&a, &square(300.0, 0.0, 100.0)).is_empty(), "apart: no border");
        assert!(border(&a, &square(100.0, 100.0, 100.0)).is_empty(), "a corner is no border");
    }

    #[test]
    fn a_cell_beside_part_of_an_edge_shares_only_that_part() {
        let shared = border(&square(0.0, 0.0, 100.0), &square(100.0, 40.0, 30.0));
        assert_eq!(shared.len(), 1);
        assert!((geo::Euclidean.length(&shared[0]) - 30.0).abs() < 1e-9, "{shared:?}");
    }

    #[test]
    fn pieces_that_meet_are_chained_whatever_their_direction() {
        let piece = |points: &[(f64, f64)]| LineString::from(points.to_vec());
        let lines = vec![
            piece(&[(0.0, 0.0), (10.0, 0.0)]),
            piece(&[(20.0, 0.0), (10.2, 0.0)]), // reversed, and ends 0.2 m short
            piece(&[(50.0, 50.0), (60.0, 50.0)]),
            piece(&[(-10.0, 0.0), (0.0, 0.0)]),
        ];
        let chained = chain(lines);
        assert_eq!(chained.len(), 2, "{chained:?}");
        let xs: Vec<f64> = chained[0].0.iter().map(|c| c.x).collect();
        assert_eq!(xs, [-10.0, 0.0, 10.0, 10.2, 20.0]);
        assert_eq!(chained[1].0.len(), 2);
    }
}

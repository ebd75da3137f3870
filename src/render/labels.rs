//! Label placement: greedy, in priority order, collision-free against other labels,
//! markers and fixed map furniture, using an R-tree for the overlap queries.
//!
//! Each label tries eight positions around its point (right first, then left, above,
//! below and the diagonals), then the same eight further out with a leader line. A label
//! that fits nowhere is dropped and reported, never drawn over something else, except that
//! the label of a place that must be named (a city) may, as a last resort, cover the
//! markers of less important places (the city's own districts, at the regional scale).

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

#[rustfmt::skip]
mod metrics;

/// An axis-aligned rectangle in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect { x0, y0, x1, y1 }
    }

    /// The square around a circle or marker of radius `r` at (x, y).
    pub fn around((x, y): (f64, f64), r: f64) -> Rect {
        Rect::new(x - r, y - r, x + r, y + r)
    }

    pub fn grow(self, by: f64) -> Rect {
        Rect::new(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)
    }

    pub fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    pub fn contains(&self, other: &Rect) -> bool {
        self.x0 <= other.x0 && other.x1 <= self.x1 && self.y0 <= other.y0 && other.y1 <= self.y1
    }

    fn rtree_rect(&self) -> Rectangle<[f64; 2]> {
        Rectangle::from_corners([self.x0, self.y0], [self.x1, self.y1])
    }

    /// The point of the rectangle nearest to (x, y).
    fn nearest_point(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }
}

/// How a label's x position relates to its text, as SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn as_svg(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A label wanted for a place. Requests are placed in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRequest {
    pub place: usize,
    pub text: String,
    /// The marker's centre, in pixels.
    pub at: (f64, f64),
    /// The marker's radius: labels keep at least this far from the centre.
    pub clearance: f64,
    pub font_size: f64,
    pub bold: bool,
    /// For a label that must be placed: the rank of the obstacles it may cover when no free
    /// position is left, those with a greater rank (less important). `None` covers nothing.
    pub may_cover: Option<u8>,
}

/// Something labels keep clear of, with how important it is: 0 for what nothing may
/// cover (furniture, other labels), more for less important markers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Obstacle {
    pub rect: Rect,
    pub rank: u8,
}

impl Obstacle {
    /// An obstacle no label may cover.
    pub fn fixed(rect: Rect) -> Obstacle {
        Obstacle { rect, rank: 0 }
    }
}

/// A label with its place on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    pub place: usize,
    pub text: String,
    /// The text's anchor point: x as `text-anchor` says, y on the baseline.
    pub x: f64,
    pub y: f64,
    pub anchor: Anchor,
    pub font_size: f64,
    pub bold: bool,
    /// The space the text takes, halo included.
    pub bbox: Rect,
    /// From the marker's edge to the label, when the label had to move away.
    pub leader: Option<((f64, f64), (f64, f64))>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placement {
    pub placed: Vec<PlacedLabel>,
    /// Places whose label fitted nowhere, in request order.
    pub dropped: Vec<usize>,
}

/// Above the baseline and below it, in em, for DejaVu Sans with room for the halo.
const ASCENT: f64 = 0.80;
const DESCENT: f64 = 0.26;
/// Space between a marker and its label, in pixels.
const GAP: f64 = 2.0;
/// How much further out the second ring of positions lies, in pixels.
const LEADER_LENGTH: f64 = 12.0;
/// Empty space kept around every label.
const PADDING: f64 = 1.0;

/// The width of `text` set in DejaVu Sans at `font_size` pixels.
pub fn text_width(text: &str, font_size: f64, bold: bool) -> f64 {
    let table: &[f32] = if bold { &metrics::BOLD } else { &metrics::REGULAR };
    let em: f64 = text
        .chars()
        .map(|c| {
            let code = c as usize;
            let advance = match code {
                0x20..=0x7E => table[code - 0x20],
                0xA0..=0x17F => table[code - 0xA0 + 95],
                0x600..=0x6FF => metrics::ARABIC_AVERAGE,
                _ => 0.0,
            };
            if advance > 0.0 { f64::from(advance) } else { 0.65 }
        })
        .sum();
    em * font_size
}

/// Places labels greedily in request order.
///
/// `obstacles` are rectangles labels may not touch (markers, legend, title), each with its
/// rank ([`Obstacle`]); `bounds` is the rectangle every label must stay inside.
pub fn place(requests: &[LabelRequest], obstacles: &[Obstacle], bounds: Rect) -> Placement {
    let mut taken: RTree<Taken> =
        RTree::bulk_load(obstacles.iter().map(|o| GeomWithData::new(o.rect.rtree_rect(), o.rank)).collect());
    let rects: Vec<Rect> = obstacles.iter().map(|o| o.rect).collect();
    let covered = CoveredCells::new(&rects, &bounds);
    let mut placement = Placement::default();
    for request in requests {
        let free = candidates(request).find(|position| fits(&position.bbox, &taken, Some(&covered), &bounds, 0));
        // A label that must be placed tries again over less important markers.
        let found = free.or_else(|| {
            let rank = request.may_cover?;
            candidates(request).find(|position| fits(&position.bbox, &taken, None, &bounds, rank))
        });
        match found {
            Some(position) => {
                taken.insert(GeomWithData::new(position.bbox.grow(PADDING).rtree_rect(), 0));
                placement.placed.push(position.label(request));
            }
            None => placement.dropped.push(request.place),
        }
    }
    placement
}

/// A taken rectangle and its rank.
type Taken = GeomWithData<Rectangle<[f64; 2]>, u8>;

/// True when `bbox` lies in `bounds` and touches no taken rectangle of rank `rank` or less
/// (with `rank` 0, none at all); `covered` speeds up the common test.
fn fits(bbox: &Rect, taken: &RTree<Taken>, covered: Option<&CoveredCells>, bounds: &Rect, rank: u8) -> bool {
    if !bounds.contains(bbox) {
        return false;
    }
    // Shrunk a hair so that boxes which only touch do not count as overlapping.
    let query = bbox.grow(-1e-6);
    if covered.is_some_and(|c| c.hits(&query)) {
        return false;
    }
    let envelope = AABB::from_corners([query.x0, query.y0], [query.x1, query.y1]);
    let blocks = |t: &&Taken| rank == 0 || t.data <= rank;
    taken.locate_in_envelope_intersecting(&envelope).find(blocks).is_none()
}

/// A grid over the bounds marking the cells that lie wholly inside some obstacle, with
/// running sums so that whether a rectangle holds such a cell takes four lookups.
///
/// A rectangle holding a covered cell overlaps an obstacle for certain, so most positions
/// on a crowded map are turned down without a tree query; a rectangle holding none may
/// still touch an obstacle and goes on to the exact test.
struct CoveredCells {
    origin: (f64, f64),
    /// The side of a cell, in pixels: about four cells per obstacle, and no less than a
    /// pixel, so that the grid costs no more than the obstacles themselves. On a crowded
    /// map a cell is smaller than a marker and markers cover cells; on a sparse one the
    /// grid is coarse and catches only large furniture.
    size: f64,
    columns: usize,
    rows: usize,
    /// `sums[r * (columns + 1) + c]`: covered cells in rows `..r` and columns `..c`.
    sums: Vec<u32>,
}

impl CoveredCells {
    const CELLS_PER_OBSTACLE: f64 = 4.0;

    fn new(obstacles: &[Rect], bounds: &Rect) -> CoveredCells {
        let (width, height) = ((bounds.x1 - bounds.x0).max(0.0), (bounds.y1 - bounds.y0).max(0.0));
        let cells = Self::CELLS_PER_OBSTACLE * obstacles.len().max(1) as f64;
        let size = (width * height / cells).sqrt().max(1.0);
        let (columns, rows) = ((width / size).floor() as usize, (height / size).floor() as usize);
        let mut grid = CoveredCells { origin: (bounds.x0, bounds.y0), size, columns, rows, sums: Vec::new() };
        // Coverage counts by a difference array: +1 and -1 at the corners of each
        // obstacle's whole cells, then summed along rows and columns.
        let stride = columns + 1;
        let mut counts = vec![0i32; stride * (rows + 1)];
        for obstacle in obstacles {
            if let Some((c0, c1, r0, r1)) = grid.cells_inside(obstacle) {
                counts[r0 * stride + c0] += 1;
                counts[r0 * stride + c1] -= 1;
                counts[r1 * stride + c0] -= 1;
                counts[r1 * stride + c1] += 1;
            }
        }
        let mut sums = vec![0u32; stride * (rows + 1)];
        let mut coverage = vec![0i32; stride];
        for r in 0..rows {
            let mut running = 0;
            for c in 0..columns {
                running += counts[r * stride + c];
                coverage[c] += running;
                let covered = u32::from(coverage[c] > 0);
                sums[(r + 1) * stride + c + 1] =
                    covered + sums[r * stride + c + 1] + sums[(r + 1) * stride + c] - sums[r * stride + c];
            }
        }
        grid.sums = sums;
        grid
    }

    /// The cells lying wholly inside `rect`, as column and row ranges `c0..c1`, `r0..r1`.
    fn cells_inside(&self, rect: &Rect) -> Option<(usize, usize, usize, usize)> {
        let first = |low: f64, origin: f64| ((low - origin) / self.size).ceil().max(0.0) as usize;
        let end =
            |high: f64, origin: f64, count: usize| (((high - origin) / self.size).floor().max(0.0) as usize).min(count);
        let (c0, c1) = (first(rect.x0, self.origin.0), end(rect.x1, self.origin.0, self.columns));
        let (r0, r1) = (first(rect.y0, self.origin.1), end(rect.y1, self.origin.1, self.rows));
        (c0 < c1 && r0 < r1).then_some((c0, c1, r0, r1))
    }

    /// True when a covered cell lies wholly inside `rect`.
    fn hits(&self, rect: &Rect) -> bool {
        let Some((c0, c1, r0, r1)) = self.cells_inside(rect) else { return false };
        let stride = self.columns + 1;
        let at = |r: usize, c: usize| self.sums[r * stride + c];
        at(r1, c1) + at(r0, c0) > at(r0, c1) + at(r1, c0)
    }
}

/// Where a label may go: the space its text takes, its anchor point and whether it is
/// far enough out to need a leader line.
struct Position {
    bbox: Rect,
    x: f64,
    baseline: f64,
    anchor: Anchor,
    leader: bool,
}

impl Position {
    fn label(&self, request: &LabelRequest) -> PlacedLabel {
        PlacedLabel {
            place: request.place,
            text: request.text.clone(),
            x: self.x,
            y: self.baseline,
            anchor: self.anchor,
            font_size: request.font_size,
            bold: request.bold,
            bbox: self.bbox,
            leader: self.leader.then(|| leader_line(request, &self.bbox)),
        }
    }
}

/// Every position a label may take, best first.
fn candidates(request: &LabelRequest) -> impl Iterator<Item = Position> + '_ {
    let width = text_width(&request.text, request.font_size, request.bold);
    let height = (ASCENT + DESCENT) * request.font_size;
    [0.0, LEADER_LENGTH].into_iter().flat_map(move |extra| {
        let d = request.clearance + GAP + extra;
        let diagonal = d * std::f64::consts::FRAC_1_SQRT_2;
        let (x, y) = request.at;
        // (anchor x, vertical centre, anchor) for E, W, N, S, NE, SE, NW, SW.
        [
            (x + d, y, Anchor::Start),
            (x - d, y, Anchor::End),
            (x, y - d - height / 2.0, Anchor::Middle),
            (x, y + d + height / 2.0, Anchor::Middle),
            (x + diagonal, y - diagonal - height / 2.0, Anchor::Start),
            (x + diagonal, y + diagonal + height / 2.0, Anchor::Start),
            (x - diagonal, y - diagonal - height / 2.0, Anchor::End),
            (x - diagonal, y + diagonal + height / 2.0, Anchor::End),
        ]
        .into_iter()
        .map(move |(ax, centre, anchor)| {
            let x0 = match anchor {
                Anchor::Start => ax,
                Anchor::Middle => ax - width / 2.0,
                Anchor::End => ax - width,
            };
            let top = centre - height / 2.0;
            Position {
                bbox: Rect::new(x0, top, x0 + width, top + height),
                x: ax,
                baseline: top + ASCENT * request.font_size,
                anchor,
                leader: extra > 0.0,
            }
        })
    })
}

/// From the marker's edge towards the label's nearest point.
fn leader_line(request: &LabelRequest, bbox: &Rect) -> ((f64, f64), (f64, f64)) {
    let (x, y) = request.at;
    let end = bbox.nearest_point(request.at);
    let (dx, dy) = (end.0 - x, end.1 - y);
    let length = (dx * dx + dy * dy).sqrt().max(1e-9);
    let start = (x + dx / length * request.clearance, y + dy / length * request.clearance);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(place: usize, text: &str, at: (f64, f64)) -> LabelRequest {
        LabelRequest { place, text: text.into(), at, clearance: 3.0, font_size: 10.0, bold: false, may_cover: None }
    }

    fn fixed(rects: &[Rect]) -> Vec<Obstacle> {
        rects.iter().map(|r| Obstacle::fixed(*r)).collect()
    }

    const PAGE: Rect = Rect { x0: 0.0, y0: 0.0, x1: 400.0, y1: 300.0 };

    #[test]
    fn covered_cells_turn_down_only_what_overlaps() {
        // A crowded page: 8 px markers every 10 px, so the grid's cells are 5 px.
        let markers: Vec<Rect> = (0..40)
            .flat_map(|i| {
                (0..30).map(move |j| {
                    Rect::new(10.0 * i as f64, 10.0 * j as f64, 10.0 * i as f64 + 8.0, 10.0 * j as f64 + 8.0)
                })
            })
            .collect();
        let covered = CoveredCells::new(&markers, &PAGE);
        assert_eq!(covered.size, 5.0);
        assert!(covered.hits(&Rect::new(9.0, 9.0, 16.0, 16.0)), "holds the cell (10, 10)-(15, 15) of a marker");
        assert!(!covered.hits(&Rect::new(8.0, 0.0, 10.0, 300.0)), "lies in the gap between two columns");
        assert!(!covered.hits(&Rect::new(11.0, 11.0, 14.0, 14.0)), "inside a marker but holds no whole cell");
        assert!(!covered.hits(&Rect::new(-50.0, -50.0, -10.0, -10.0)), "outside the page");
    }

    proptest::proptest! {
        /// The grid may miss an overlap (the tree catches it) but never invents one.
        #[test]
        fn covered_cells_imply_an_overlap(
            boxes in proptest::collection::vec((0.0..400.0f64, 0.0..300.0f64, 0.0..30.0f64, 0.0..30.0f64), 0..300),
            (x, y, w, h) in (-20.0..420.0f64, -20.0..320.0f64, 0.0..60.0f64, 0.0..60.0f64),
        ) {
            let obstacles: Vec<Rect> = boxes.iter().map(|&(x, y, w, h)| Rect::new(x, y, x + w, y + h)).collect();
            let query = Rect::new(x, y, x + w, y + h);
            if CoveredCells::new(&obstacles, &PAGE).hits(&query) {
                proptest::prop_assert!(obstacles.iter().any(|o| o.intersects(&query)));
            }
        }
    }

    #[test]
    fn widths_follow_the_font() {
        assert!(text_width("Mosul", 10.0, true) > text_width("Mosul", 10.0, false));
        assert!(text_width("WWW", 10.0, false) > text_width("iii", 10.0, false));
        assert!((text_width("Mosul", 20.0, false) - 2.0 * text_width("Mosul", 10.0, false)).abs() < 1e-9);
        assert!(text_width("الموصل", 10.0, false) > 20.0);
    }

    #[test]
    fn a_lone_label_goes_right_of_its_point() {
        let p = place(&[request(0, "Bartella", (100.0, 100.0))], &[], PAGE);
        let label = &p.placed[0];
        assert_eq!(label.anchor, Anchor::Start);
        assert!(label.bbox.x0 > 103.0 && label.leader.is_none());
    }

    #[test]
    fn labels_avoid_each_other_markers_and_obstacles() {
        let points: Vec<(f64, f64)> =
            (0..40).map(|i| (50.0 + (i % 8) as f64 * 40.0, 40.0 + (i / 8) as f64 * 30.0)).collect();
        let markers: Vec<Rect> = points.iter().map(|&p| Rect::around(p, 3.0)).collect();
        let legend = Rect::new(150.0, 60.0, 260.0, 120.0);
        let mut obstacles = markers.clone();
        obstacles.push(legend);
        let requests: Vec<_> = points.iter().enumerate().map(|(i, &p)| request(i, "Qadisiya", p)).collect();
        let p = place(&requests, &fixed(&obstacles), PAGE);
        assert_eq!(p.placed.len() + p.dropped.len(), 40);
        assert!(!p.placed.is_empty() && !p.dropped.is_empty());
        for (i, a) in p.placed.iter().enumerate() {
            assert!(PAGE.contains(&a.bbox));
            assert!(!a.bbox.intersects(&legend));
            assert!(markers.iter().all(|m| !a.bbox.intersects(m)), "label {i} covers a marker");
            for b in &p.placed[i + 1..] {
                assert!(!a.bbox.intersects(&b.bbox), "{} overlaps {}", a.place, b.place);
            }
        }
    }

    #[test]
    fn blocked_labels_move_out_with_a_leader() {
        let at = (100.0, 100.0);
        // Everything within 14 px of the point is taken except the marker's own square.
        let ring = [
            Rect::new(86.0, 86.0, 114.0, 97.0),
            Rect::new(86.0, 103.0, 114.0, 114.0),
            Rect::new(86.0, 97.0, 97.0, 103.0),
            Rect::new(103.0, 97.0, 114.0, 103.0),
        ];
        let p = place(&[request(0, "Hamdaniya", at)], &fixed(&ring), PAGE);
        let label = &p.placed[0];
        let (start, end) = label.leader.expect("a leader line");
        assert!((((start.0 - at.0).powi(2) + (start.1 - at.1).powi(2)).sqrt() - 3.0).abs() < 1e-9);
        assert!(label.bbox.x0 <= end.0 && end.0 <= label.bbox.x1);
    }

    #[test]
    fn labels_that_cannot_fit_are_dropped() {
        let p = place(&[request(7, "Nowhere", (5.0, 5.0))], &fixed(&[PAGE]), PAGE);
        assert_eq!(p.dropped, [7]);
    }

    /// A city in a crowd of its districts' markers, with the legend just below it.
    fn crowded_city() -> (LabelRequest, Vec<Obstacle>) {
        let at = (200.0, 150.0);
        let mut obstacles: Vec<Obstacle> = (0..30)
            .flat_map(|i| (0..30).map(move |j| (140.0 + 4.0 * i as f64, 90.0 + 4.0 * j as f64)))
            .filter(|&p| p != at)
            .map(|p| Obstacle { rect: Rect::around(p, 1.5), rank: 2 })
            .collect();
        obstacles.push(Obstacle::fixed(Rect::new(0.0, 214.0, 400.0, 300.0)));
        (LabelRequest { may_cover: Some(1), ..request(0, "Mosul", at) }, obstacles)
    }

    #[test]
    fn a_city_label_covers_its_districts_rather_than_be_dropped() {
        let (city, obstacles) = crowded_city();
        let p = place(std::slice::from_ref(&city), &obstacles, PAGE);
        assert_eq!(p.placed.len(), 1, "the city is named");
        assert!(!p.placed[0].bbox.intersects(&obstacles.last().unwrap().rect), "but never over fixed furniture");
        let dropped = place(&[LabelRequest { may_cover: None, ..city }], &obstacles, PAGE);
        assert_eq!(dropped.dropped, [0], "a label that need not be placed is dropped");
    }

    #[test]
    fn a_label_never_covers_what_is_as_important_as_itself() {
        let (city, mut obstacles) = crowded_city();
        obstacles.iter_mut().for_each(|o| o.rank = o.rank.min(1));
        assert_eq!(place(&[city], &obstacles, PAGE).dropped, [0]);
    }
}

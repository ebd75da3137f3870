//! Annotations drawn over the map: arrows with a head at their last point, text at a
//! point, highlighted areas, each in the ink, a side's colour or its own, with a halo in the
//! paper colour so it reads over any territory. In an animated SVG each one shows on its
//! dates only.

use geo::Centroid;
use jiff::civil::Date;
use svg::node::element::{Element, Group};

use crate::dataset::annotations::{Annotation, Colour, Mark};
use crate::dataset::projection::{Projection, Viewport};
use crate::render::labels::{Rect, text_width};
use crate::render::motion::Motion;
use crate::render::style::{self, Set, Style, px};

/// The size of annotation text, in pixels.
const FONT_SIZE: f64 = 12.0;
/// The distance between the baselines of two lines of annotation text.
const LINE_HEIGHT: f64 = 14.5;
const ARROW_WIDTH: f64 = 3.5;
const HEAD_LENGTH: f64 = 13.0;
const HEAD_HALF_WIDTH: f64 = 7.0;

/// Where annotations land on the page.
pub struct Placing<'a> {
    pub projection: &'a Projection,
    pub view: &'a Viewport,
    pub style: &'a Style,
}

impl Placing<'_> {
    fn to_px(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        self.view.to_px(self.projection.forward(lon, lat))
    }

    fn colour(&self, colour: &Colour) -> String {
        match colour {
            Colour::Ink => self.style.theme.ink.clone(),
            Colour::Side(side) => self.style.side_colour(*side).to_string(),
            Colour::Hex(hex) => hex.clone(),
        }
    }
}

/// The annotations shown on `date`.
pub fn draw(annotations: &[Annotation], date: Date, placing: &Placing<'_>) -> Group {
    annotations
        .iter()
        .filter(|a| a.shown_on(date))
        .fold(layer(), |group, annotation| group.add(drawing(annotation, placing)))
}

/// Every annotation shown on some date of `motion`, each visible on its own dates.
pub fn draw_animated(annotations: &[Annotation], motion: &Motion, placing: &Placing<'_>) -> Group {
    let mut group = layer();
    for annotation in annotations {
        let shown: Vec<bool> = motion.dates.iter().map(|&d| annotation.shown_on(d)).collect();
        if !shown.contains(&true) {
            continue;
        }
        let visibility = shown.iter().map(|&s| if s { "visible" } else { "hidden" }.to_string()).collect();
        group = group.add(motion.animated(drawing(annotation, placing), "visibility", visibility));
    }
    group
}

fn layer() -> Group {
    Group::new().set("id", "annotations").set("class", "annotations")
}

/// One annotation: its mark and its text, in a group that says what it is and when.
fn drawing(annotation: &Annotation, placing: &Placing<'_>) -> Element {
    let colour = placing.colour(&annotation.colour);
    let lines: Vec<&str> = annotation.text.split('\n').filter(|l| !l.trim().is_empty()).collect();
    let (kind, mark, text) = match &annotation.mark {
        Mark::Arrow(points) => {
            let points: Vec<(f64, f64)> = points.iter().map(|&p| placing.to_px(p)).collect();
            let (at, anchor) = arrow_text_spot(&points);
            ("arrow", Some(arrow(&points, &colour, placing.style)), text(&lines, at, anchor, &colour, placing.style))
        }
        Mark::Label(point) => {
            let at = placing.to_px(*point);
            ("label", None, text(&lines, centred(at, lines.len()), "middle", &colour, placing.style))
        }
        Mark::Area(ring) => {
            let ring: Vec<(f64, f64)> = ring.iter().map(|&p| placing.to_px(p)).collect();
            let at = centred(centroid(&ring), lines.len());
            ("area", Some(area(&ring, &colour)), text(&lines, at, "middle", &colour, placing.style))
        }
    };
    let group = Element::new("g").set("class", "annotation").set("data-kind", kind);
    let group = match annotation.from {
        Some(from) => group.set("data-from", from.to_string()),
        None => group,
    };
    let mut group = match annotation.to {
        Some(to) => group.set("data-to", to.to_string()),
        None => group,
    };
    // A label is all text: it has no mark.
    if let Some(mark) = mark {
        svg::Node::append(&mut group, mark);
    }
    svg::Node::append(&mut group, text);
    group
}

/// A line through `points` (smoothed where it bends) ending in a head at the last one,
/// over a halo of the paper colour.
fn arrow(points: &[(f64, f64)], colour: &str, style: &Style) -> Element {
    let n = points.len();
    let (tip, before) = (points[n - 1], points[n - 2]);
    let direction = unit((tip.0 - before.0, tip.1 - before.1));
    // The line stops inside the head, so its round cap does not show past the tip.
    let end = (tip.0 - direction.0 * HEAD_LENGTH * 0.6, tip.1 - direction.1 * HEAD_LENGTH * 0.6);
    let d = smooth_path(points, end);
    let (left, right) = (
        (
            tip.0 - direction.0 * HEAD_LENGTH - direction.1 * HEAD_HALF_WIDTH,
            tip.1 - direction.1 * HEAD_LENGTH + direction.0 * HEAD_HALF_WIDTH,
        ),
        (
            tip.0 - direction.0 * HEAD_LENGTH + direction.1 * HEAD_HALF_WIDTH,
            tip.1 - direction.1 * HEAD_LENGTH - direction.0 * HEAD_HALF_WIDTH,
        ),
    );
    let head = format!("M{} {}L{} {}L{} {}Z", px(tip.0), px(tip.1), px(left.0), px(left.1), px(right.0), px(right.1));
    let line = |stroke: &str, width: f64| {
        Element::new("path")
            .set("d", d.clone())
            .set("fill", "none")
            .set("stroke", stroke.to_string())
            .set("stroke-width", px(width))
            .set("stroke-linecap", "round")
            .set("stroke-linejoin", "round")
    };
    let mut group = Element::new("g").set("class", "annotation-mark");
    svg::Node::append(&mut group, line(&style.theme.halo, ARROW_WIDTH + 3.0).set("stroke-opacity", "0.8"));
    svg::Node::append(&mut group, line(colour, ARROW_WIDTH));
    let head = Element::new("path")
        .set("d", head)
        .set("fill", colour.to_string())
        .set("stroke", style.theme.halo.clone())
        .set("stroke-width", "1.2")
        .set("stroke-linejoin", "round")
        .set("paint-order", "stroke");
    svg::Node::append(&mut group, head);
    group
}

/// Path data from the first point to `end` through the others: straight for two points,
/// else quadratic curves through the midpoints between them, which bend smoothly at each
/// inner point as a hand-drawn arrow does.
fn smooth_path(points: &[(f64, f64)], end: (f64, f64)) -> String {
    let mut d = format!("M{} {}", px(points[0].0), px(points[0].1));
    let n = points.len();
    if n == 2 {
        d.push_str(&format!("L{} {}", px(end.0), px(end.1)));
        return d;
    }
    for i in 1..n - 2 {
        let mid = ((points[i].0 + points[i + 1].0) / 2.0, (points[i].1 + points[i + 1].1) / 2.0);
        d.push_str(&format!("Q{} {} {} {}", px(points[i].0), px(points[i].1), px(mid.0), px(mid.1)));
    }
    let control = points[n - 2];
    d.push_str(&format!("Q{} {} {} {}", px(control.0), px(control.1), px(end.0), px(end.1)));
    d
}

/// Where an arrow's text goes: behind its tail, so the text does not sit on the line.
fn arrow_text_spot(points: &[(f64, f64)]) -> ((f64, f64), &'static str) {
    let tail = points[0];
    let (dx, dy) = unit((points[1].0 - tail.0, points[1].1 - tail.1));
    if dx.abs() >= dy.abs() {
        let anchor = if dx > 0.0 { "end" } else { "start" };
        ((tail.0 - dx * 8.0, tail.1 + FONT_SIZE * 0.35), anchor)
    } else if dy > 0.0 {
        // Heading down the page: the text stands above the tail, its last line nearest.
        ((tail.0, tail.1 - 8.0), "middle")
    } else {
        ((tail.0, tail.1 + 8.0 + FONT_SIZE), "middle")
    }
}

/// A highlighted area: a light fill and a dashed outline.
fn area(ring: &[(f64, f64)], colour: &str) -> Element {
    let mut d = String::new();
    for (i, &(x, y)) in ring.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { "L" });
        d.push_str(&format!("{} {}", px(x), px(y)));
    }
    d.push('Z');
    Element::new("path")
        .set("class", "annotation-mark")
        .set("d", d)
        .set("fill", colour.to_string())
        .set("fill-opacity", "0.16")
        .set("stroke", colour.to_string())
        .set("stroke-width", "2.0")
        .set("stroke-dasharray", "6 3")
        .set("stroke-linejoin", "round")
}

/// The first baseline of `lines` lines centred on `at`.
fn centred((x, y): (f64, f64), lines: usize) -> (f64, f64) {
    (x, y + FONT_SIZE * 0.35 - LINE_HEIGHT * lines.saturating_sub(1) as f64 / 2.0)
}

fn centroid(ring: &[(f64, f64)]) -> (f64, f64) {
    let polygon = geo::Polygon::new(geo::LineString::from(ring.to_vec()), Vec::new());
    polygon.centroid().map_or(ring[0], |c| (c.x(), c.y()))
}

/// `lines` from the first baseline at `at` down, each with a halo.
fn text(lines: &[&str], (x, y): (f64, f64), anchor: &str, colour: &str, style: &Style) -> Element {
    let mut group = Element::new("g")
        .set("class", "annotation-text")
        .set("font-family", style.theme.font_family.clone())
        .set("font-size", px(FONT_SIZE))
        .set("font-weight", "bold")
        .set("text-anchor", anchor.to_string())
        .set("fill", colour.to_string())
        .set("stroke", style.theme.halo.clone())
        .set("stroke-width", "3")
        .set("stroke-linejoin", "round")
        .set("paint-order", "stroke");
    for (i, line) in lines.iter().enumerate() {
        let line = style::text(line).set("x", px(x)).set("y", px(y + LINE_HEIGHT * i as f64));
        svg::Node::append(&mut group, line);
    }
    group
}

/// The boxes the text of `annotations` covers, whatever their dates, so place labels keep
/// clear of them on every date of a sequence.
pub fn text_boxes(annotations: &[Annotation], placing: &Placing<'_>) -> Vec<Rect> {
    let mut boxes = Vec::new();
    for annotation in annotations {
        let lines: Vec<&str> = annotation.text.split('\n').filter(|l| !l.trim().is_empty()).collect();
        let ((x, y), anchor) = match &annotation.mark {
            Mark::Arrow(points) => {
                let points: Vec<(f64, f64)> = points.iter().map(|&p| placing.to_px(p)).collect();
                arrow_text_spot(&points)
            }
            Mark::Label(point) => (centred(placing.to_px(*point), lines.len()), "middle"),
            Mark::Area(ring) => {
                let ring: Vec<(f64, f64)> = ring.iter().map(|&p| placing.to_px(p)).collect();
                (centred(centroid(&ring), lines.len()), "middle")
            }
        };
        for (i, line) in lines.iter().enumerate() {
            let width = text_width(&style::clean(line), FONT_SIZE, true);
            let x0 = match anchor {
                "end" => x - width,
                "middle" => x - width / 2.0,
                _ => x,
            };
            let baseline = y + LINE_HEIGHT * i as f64;
            boxes.push(Rect::new(x0 - 2.0, baseline - FONT_SIZE, x0 + width + 2.0, baseline + 3.0));
        }
    }
    boxes
}

/// The boxes annotations cover, their marks and their text, so the legend keeps clear of
/// them (on every date of a sequence, whatever their dates).
pub fn boxes(annotations: &[Annotation], placing: &Placing<'_>) -> Vec<Rect> {
    let marks = annotations.iter().map(|annotation| {
        let points = match &annotation.mark {
            Mark::Arrow(points) | Mark::Area(points) => points.clone(),
            Mark::Label(point) => vec![*point],
        };
        let pixels: Vec<(f64, f64)> = points.into_iter().map(|p| placing.to_px(p)).collect();
        let (xs, ys): (Vec<f64>, Vec<f64>) = pixels.into_iter().unzip();
        let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = |v: &[f64]| v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Rect::new(
            min(&xs) - HEAD_HALF_WIDTH,
            min(&ys) - HEAD_HALF_WIDTH,
            max(&xs) + HEAD_HALF_WIDTH,
            max(&ys) + HEAD_HALF_WIDTH,
        )
    });
    marks.chain(text_boxes(annotations, placing)).collect()
}

fn unit((x, y): (f64, f64)) -> (f64, f64) {
    let length = x.hypot(y);
    if length > 0.0 { (x / length, y / length) } else { (1.0, 0.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_points_make_a_straight_line_and_more_a_smooth_curve() {
        assert_eq!(smooth_path(&[(0.0, 0.0), (10.0, 0.0)], (8.0, 0.0)), "M0.0 0.0L8.0 0.0");
        assert_eq!(
            smooth_path(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (20.0, 10.0)], (18.0, 10.0)),
            "M0.0 0.0Q10.0 0.0 10.0 5.0Q10.0 10.0 18.0 10.0"
        );
    }

    #[test]
    fn an_arrows_text_stands_behind_its_tail() {
        assert_eq!(arrow_text_spot(&[(100.0, 50.0), (200.0, 50.0)]).1, "end");
        assert_eq!(arrow_text_spot(&[(100.0, 50.0), (0.0, 60.0)]).1, "start");
        let ((_, y), anchor) = arrow_text_spot(&[(100.0, 50.0), (100.0, 150.0)]);
        assert!(anchor == "middle" && y < 50.0, "heading down, the text is above the tail");
    }
}

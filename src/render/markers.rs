//! Place markers: coloured by controller; contested places split between the attacker
//! (left half) and the defender (right half); besieged places ringed in the besieger's
//! colour. Everything is static, so a printed frame reads like the screen.

use svg::node::Blob;
use svg::node::element::Group;

use crate::dataset::Dataset;
use crate::dataset::gazetteer::{Kind, PlaceId};
use crate::dataset::manifest::Sides;
use crate::dataset::projection::{Projection, Viewport};
use crate::model::control::Control;
use crate::render::serialize::{empty_element, push_text, start_tag};
use crate::render::style::{self, Shape, Style, push_px, px};

/// The outline of a whole marker.
pub fn outline(shape: Shape, (x, y): (f64, f64), r: f64) -> String {
    let mut d = String::with_capacity(64);
    match shape {
        Shape::Circle => {
            // Two half arcs: M(x-r),y A r,r 0 1,0 (x+r),y A r,r 0 1,0 (x-r),y Z
            let arc_to = |d: &mut String, to: (f64, f64)| {
                d.push('A');
                push_pair(d, (r, r));
                d.push_str(" 0 1,0 ");
                push_pair(d, to);
            };
            d.push('M');
            push_pair(&mut d, (x - r, y));
            arc_to(&mut d, (x + r, y));
            arc_to(&mut d, (x - r, y));
            d.push('Z');
        }
        Shape::Square => polygon(&mut d, &[(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]),
        Shape::Diamond => polygon(&mut d, &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)]),
        Shape::Triangle => {
            let (dx, dy) = (r * 0.866, r * 0.5);
            polygon(&mut d, &[(x, y - r), (x + dx, y + dy), (x - dx, y + dy)])
        }
    }
    d
}

/// The left (`left = true`) or right half of a marker, split by the vertical through it.
pub fn half(shape: Shape, (x, y): (f64, f64), r: f64, left: bool) -> String {
    let s = if left { -1.0 } else { 1.0 };
    let mut d = String::with_capacity(48);
    match shape {
        Shape::Circle => {
            d.push('M');
            push_pair(&mut d, (x, y - r));
            d.push('A');
            push_pair(&mut d, (r, r));
            d.push_str(if left { " 0 0,0 " } else { " 0 0,1 " });
            push_pair(&mut d, (x, y + r));
            d.push('Z');
        }
        Shape::Square => polygon(&mut d, &[(x, y - r), (x + s * r, y - r), (x + s * r, y + r), (x, y + r)]),
        Shape::Diamond => polygon(&mut d, &[(x, y - r), (x + s * r, y), (x, y + r)]),
        Shape::Triangle => polygon(&mut d, &[(x, y - r), (x + s * r * 0.866, y + r * 0.5), (x, y + r * 0.5)]),
    }
    d
}

/// `x,y` in pixels.
fn push_pair(d: &mut String, (x, y): (f64, f64)) {
    push_px(d, x);
    d.push(',');
    push_px(d, y);
}

fn polygon(d: &mut String, points: &[(f64, f64)]) {
    for (i, &point) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        push_pair(d, point);
    }
    d.push('Z');
}

/// The drawing of a marker for `control`, without the group that names the place, as one
/// node (for the legend's swatches).
pub fn marker(shape: Shape, at: (f64, f64), r: f64, control: Control, style: &Style) -> Blob {
    let mut text = String::new();
    write_marker(&mut text, (shape, at, r), control, style, false);
    as_node(text)
}

/// Writes the drawing of a marker for `control` as SVG text, each element on a line of its
/// own as a group's children are written: the halo first when `highlight` (the place
/// changed hands on the date), then the marker. Maps draw markers by the thousand, and
/// building nodes for them cost several times writing them.
pub fn write_marker(
    out: &mut String,
    (shape, at, r): (Shape, (f64, f64), f64),
    control: Control,
    style: &Style,
    highlight: bool,
) {
    if highlight {
        out.push('\n');
        write_highlight(out, at, r, &style.theme.highlight);
    }
    let colour = |side: usize| style.side_colour(side);
    let outline_path = |out: &mut String, fill: &str| {
        let d = outline(shape, at, r);
        out.push('\n');
        let paper = style.theme.paper.as_str();
        empty_element(out, "path", &mut [("d", &d), ("fill", fill), ("stroke", paper), ("stroke-width", "0.8")]);
    };
    match control {
        Control::Held(side) => outline_path(out, colour(side)),
        Control::Contested { attacker, defender } => {
            for (left, side) in [(true, attacker), (false, defender)] {
                out.push('\n');
                empty_element(out, "path", &mut [("d", &half(shape, at, r, left)), ("fill", colour(side))]);
            }
            outline_path(out, "none");
        }
        Control::Besieged { holder, besieger } => {
            let ring = besieger.map_or(style.theme.unknown_besieger.as_str(), colour);
            let (cx, cy, radius) = (px(at.0), px(at.1), px(r + 2.4));
            out.push('\n');
            let mut circle = [
                ("cx", &*cx),
                ("cy", &cy),
                ("r", &radius),
                ("fill", "none"),
                ("stroke", ring),
                ("stroke-width", "1.6"),
            ];
            empty_element(out, "circle", &mut circle);
            outline_path(out, colour(holder));
        }
    }
}

/// How far a marker of radius `r` may reach in any state: the besieged ring or the halo
/// of a change, whichever is drawn. Labels keep this far away on every date, so that they
/// never move between frames.
pub fn envelope(r: f64) -> f64 {
    r + 3.4
}

/// A halo drawn behind a marker of radius `r` whose place changed hands on the frame's date.
pub fn highlight(at: (f64, f64), r: f64, colour: &str) -> Blob {
    let mut text = String::new();
    write_highlight(&mut text, at, r, colour);
    Blob::new(text)
}

fn write_highlight(out: &mut String, at: (f64, f64), r: f64, colour: &str) {
    let (cx, cy, radius) = (px(at.0), px(at.1), px(envelope(r)));
    let mut circle =
        [("cx", &*cx), ("cy", &cy), ("r", &radius), ("class", "highlight"), ("fill", colour), ("fill-opacity", "0.9")];
    empty_element(out, "circle", &mut circle);
}

/// Writes a place's marker in a group that says which place it is and who holds it, so
/// readers and tests can query the SVG: `data-side`, `data-state`, the attacker or
/// besieger, and `data-changed` on the date it changed hands.
pub fn write_place(
    out: &mut String,
    (id, name): (&str, &str),
    control: Control,
    sides: &Sides,
    changed: bool,
    drawing: impl FnOnce(&mut String),
) {
    let group_id = format!("place-{id}");
    let mut attributes = vec![
        ("id", group_id.as_str()),
        ("class", "place"),
        ("data-side", sides.get(control.holder()).id.as_str()),
        ("data-state", control.state_name()),
    ];
    match control {
        Control::Contested { attacker, .. } => attributes.push(("data-attacker", &sides.get(attacker).id)),
        Control::Besieged { besieger: Some(b), .. } => attributes.push(("data-besieger", &sides.get(b).id)),
        _ => {}
    }
    if changed {
        attributes.push(("data-changed", "true"));
    }
    start_tag(out, "g", &mut attributes);
    out.push_str(">\n<title>");
    push_text(out, &style::clean(name));
    out.push_str("</title>");
    drawing(out);
    out.push_str("\n</g>");
}

/// Writes a marker of the inset: its drawing in a group naming the place.
pub fn write_inset_place(out: &mut String, id: &str, drawing: impl FnOnce(&mut String)) {
    start_tag(out, "g", &mut [("data-place", id)]);
    out.push('>');
    drawing(out);
    out.push_str("\n</g>");
}

/// Children written as text, each on a line of its own, as one node: the group they are
/// added to writes them as it would have written each of them.
fn as_node(text: String) -> Blob {
    Blob::new(text.strip_prefix('\n').unwrap_or(&text))
}

/// `group` with the markers written in `text` as its children, each preceded by a line
/// break as a group writes its children (see [`write_place`], [`write_inset_place`]).
pub fn with_written(group: Group, text: String) -> Group {
    if text.is_empty() { group } else { group.add(as_node(text)) }
}

/// Places inside the view, with their pixel position and radius, in drawing order (small
/// markers first so that large ones stay on top).
pub(crate) fn place_markers(
    dataset: &Dataset,
    projection: &Projection,
    view: &Viewport,
) -> Vec<(PlaceId, (f64, f64), f64)> {
    let zoom = marker_zoom(view);
    let mut markers: Vec<(PlaceId, (f64, f64), f64)> = dataset
        .gazetteer
        .places()
        .iter()
        .enumerate()
        .filter_map(|(id, place)| {
            let (lon, lat) = place.lonlat()?;
            let at = view.to_px(projection.forward(lon, lat));
            view.contains_px(at).then(|| (id, at, radius(place.kind, zoom)))
        })
        .collect();
    markers.sort_by_key(|&(id, ..)| (style::draw_rank(dataset.gazetteer.get(id).kind), id));
    markers
}

/// Markers grow as the view closes in on a city, up to twice their regional size.
fn marker_zoom(view: &Viewport) -> f64 {
    let px_per_km = view.scale * 1000.0;
    (px_per_km / 6.0).sqrt().clamp(1.0, 2.0)
}

/// At the regional scale the places inside a city are drawn smaller, so the city's
/// dozens of districts do not merge into one blot.
fn radius(kind: Kind, zoom: f64) -> f64 {
    let inner_city = matches!(kind, Kind::District | Kind::Landmark | Kind::Bridge);
    let base = style::marker_radius(kind);
    if inner_city && zoom < 1.2 { base * 0.7 } else { base * zoom }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_meet_on_the_vertical() {
        assert_eq!(half(Shape::Circle, (10.0, 10.0), 3.0, true), "M10.0,7.0A3.0,3.0 0 0,0 10.0,13.0Z");
        assert_eq!(half(Shape::Square, (10.0, 10.0), 2.0, false), "M10.0,8.0L12.0,8.0L12.0,12.0L10.0,12.0Z");
    }

    #[test]
    fn outlines_are_written_as_before() {
        assert_eq!(
            outline(Shape::Circle, (10.0, 10.0), 3.0),
            "M7.0,10.0A3.0,3.0 0 1,0 13.0,10.0A3.0,3.0 0 1,0 7.0,10.0Z"
        );
        assert_eq!(outline(Shape::Triangle, (0.0, 0.0), 2.0), "M0.0,-2.0L1.7,1.0L-1.7,1.0Z");
        assert_eq!(half(Shape::Circle, (10.0, 10.0), 3.0, false), "M10.0,7.0A3.0,3.0 0 0,1 10.0,13.0Z");
    }

    #[test]
    fn outlines_close() {
        for shape in [Shape::Circle, Shape::Square, Shape::Diamond, Shape::Triangle] {
            assert!(outline(shape, (0.0, 0.0), 2.0).ends_with('Z'));
        }
    }
}

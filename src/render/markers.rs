//! Place markers: coloured by controller; contested places split between the attacker
//! (left half) and the defender (right half); besieged places ringed in the besieger's
//! colour. Everything is static, so a printed frame reads like the screen.

use svg::node::element::{Circle, Group, Path};

use crate::dataset::Dataset;
use crate::dataset::gazetteer::{Kind, PlaceId};
use crate::dataset::manifest::Sides;
use crate::dataset::projection::{Projection, Viewport};
use crate::model::control::Control;
use crate::render::style::{self, Shape, Style, px};

/// The outline of a whole marker.
pub fn outline(shape: Shape, (x, y): (f64, f64), r: f64) -> String {
    match shape {
        Shape::Circle => format!(
            "M{},{}A{r},{r} 0 1,0 {},{}A{r},{r} 0 1,0 {},{}Z",
            px(x - r),
            px(y),
            px(x + r),
            px(y),
            px(x - r),
            px(y),
            r = px(r)
        ),
        Shape::Square => polygon(&[(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]),
        Shape::Diamond => polygon(&[(x, y - r), (x + r, y), (x, y + r), (x - r, y)]),
        Shape::Triangle => {
            let (dx, dy) = (r * 0.866, r * 0.5);
            polygon(&[(x, y - r), (x + dx, y + dy), (x - dx, y + dy)])
        }
    }
}

/// The left (`left = true`) or right half of a marker, split by the vertical through it.
pub fn half(shape: Shape, (x, y): (f64, f64), r: f64, left: bool) -> String {
    let s = if left { -1.0 } else { 1.0 };
    match shape {
        Shape::Circle => {
            let sweep = if left { 0 } else { 1 };
            format!("M{},{}A{r},{r} 0 0,{sweep} {},{}Z", px(x), px(y - r), px(x), px(y + r), r = px(r))
        }
        Shape::Square => polygon(&[(x, y - r), (x + s * r, y - r), (x + s * r, y + r), (x, y + r)]),
        Shape::Diamond => polygon(&[(x, y - r), (x + s * r, y), (x, y + r)]),
        Shape::Triangle => polygon(&[(x, y - r), (x + s * r * 0.866, y + r * 0.5), (x, y + r * 0.5)]),
    }
}

fn polygon(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&format!("{},{}", px(*x), px(*y)));
    }
    d.push('Z');
    d
}

/// The drawing of a marker for `control`, without the group that names the place.
pub fn marker(shape: Shape, at: (f64, f64), r: f64, control: Control, style: &Style) -> Vec<Box<dyn svg::Node>> {
    let colour = |side: usize| style.side_colour(side).to_string();
    let outline_path = |fill: &str| {
        Path::new()
            .set("d", outline(shape, at, r))
            .set("fill", fill.to_string())
            .set("stroke", style.theme.paper.clone())
            .set("stroke-width", "0.8")
    };
    match control {
        Control::Held(side) => vec![Box::new(outline_path(&colour(side)))],
        Control::Contested { attacker, defender } => vec![
            Box::new(Path::new().set("d", half(shape, at, r, true)).set("fill", colour(attacker))),
            Box::new(Path::new().set("d", half(shape, at, r, false)).set("fill", colour(defender))),
            Box::new(outline_path("none")),
        ],
        Control::Besieged { holder, besieger } => {
            let ring = besieger.map_or(style.theme.unknown_besieger.clone(), colour);
            vec![
                Box::new(
                    Circle::new()
                        .set("cx", px(at.0))
                        .set("cy", px(at.1))
                        .set("r", px(r + 2.4))
                        .set("fill", "none")
                        .set("stroke", ring)
                        .set("stroke-width", "1.6"),
                ),
                Box::new(outline_path(&colour(holder))),
            ]
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
pub fn highlight(at: (f64, f64), r: f64, colour: &str) -> Circle {
    Circle::new()
        .set("cx", px(at.0))
        .set("cy", px(at.1))
        .set("r", px(envelope(r)))
        .set("class", "highlight")
        .set("fill", colour.to_string())
        .set("fill-opacity", "0.9")
}

/// A marker wrapped in a group that says which place it is and who holds it, so readers
/// and tests can query the SVG: `data-side`, `data-state`, and the attacker or besieger.
pub fn place_group(id: &str, name: &str, control: Control, sides: &Sides, drawing: Vec<Box<dyn svg::Node>>) -> Group {
    let mut group = Group::new()
        .set("id", format!("place-{id}"))
        .set("class", "place")
        .set("data-side", sides.get(control.holder()).id.clone())
        .set("data-state", control.state_name());
    match control {
        Control::Contested { attacker, .. } => group = group.set("data-attacker", sides.get(attacker).id.clone()),
        Control::Besieged { besieger: Some(b), .. } => group = group.set("data-besieger", sides.get(b).id.clone()),
        _ => {}
    }
    group = group.add(svg::node::element::Title::new(style::clean(name)));
    drawing.into_iter().fold(group, |g, node| g.add(node))
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
    fn outlines_close() {
        for shape in [Shape::Circle, Shape::Square, Shape::Diamond, Shape::Triangle] {
            assert!(outline(shape, (0.0, 0.0), 2.0).ends_with('Z'));
        }
    }
}

//! Drawing territory: each side's area in its colour (and, in themes that have them, its
//! texture), contested areas hatched in the two sides' colours (a static texture, legible
//! in print), low-confidence areas paler under a dashed outline, and front lines on top.

use geo::{MultiLineString, MultiPolygon};
use svg::node::element::{Circle, Definitions, Group, Line, Path, Pattern, Rectangle};

use crate::dataset::Dataset;
use crate::dataset::manifest::{SideId, Sides};
use crate::dataset::projection::Viewport;
use crate::model::control::ControlState;
use crate::model::territory::{self, Cells, Territory};
use crate::render::layers::{self, projected_path};
use crate::render::style::{Style, px};
use crate::render::theme::Texture;

/// The id of the hatch pattern for a contested pair.
pub fn hatch_id(sides: &Sides, (attacker, defender): (SideId, SideId)) -> String {
    format!("hatch-{}-{}", sides.get(attacker).id, sides.get(defender).id)
}

/// The id of a side's texture pattern.
pub fn texture_id(side: SideId) -> String {
    format!("texture-side-{side}")
}

/// Hatch patterns for every contested pair drawn, and a texture pattern for every side
/// that has one.
pub fn patterns(territory: &Territory, style: &Style, sides: &Sides, defs: Definitions) -> Definitions {
    let defs = territory.contested.iter().fold(defs, |defs, (pair, _)| {
        let stripe = |x: &str, side: SideId| {
            Rectangle::new()
                .set("x", x)
                .set("y", "0")
                .set("width", "3")
                .set("height", "6")
                .set("fill", style.side_colour(side).to_string())
        };
        defs.add(
            Pattern::new()
                .set("id", hatch_id(sides, *pair))
                .set("width", "6")
                .set("height", "6")
                .set("patternUnits", "userSpaceOnUse")
                .set("patternTransform", "rotate(45)")
                .add(stripe("0", pair.0))
                .add(stripe("3", pair.1)),
        )
    });
    (0..sides.len()).fold(defs, |defs, side| match texture_pattern(style, side) {
        Some(pattern) => defs.add(pattern),
        None => defs,
    })
}

/// A pattern of marks in the side's colour on a transparent ground.
fn texture_pattern(style: &Style, side: SideId) -> Option<Pattern> {
    let colour = style.side_colour(side).to_string();
    let line = |x1: f64, y1: f64, x2: f64, y2: f64| {
        Line::new()
            .set("x1", px(x1))
            .set("y1", px(y1))
            .set("x2", px(x2))
            .set("y2", px(y2))
            .set("stroke", colour.clone())
            .set("stroke-width", "1.2")
    };
    let pattern = Pattern::new()
        .set("id", texture_id(side))
        .set("width", "7")
        .set("height", "7")
        .set("patternUnits", "userSpaceOnUse");
    let pattern = match style.side_texture(side) {
        Texture::None => return None,
        Texture::Hatch => pattern.set("patternTransform", "rotate(-45)").add(line(0.0, 0.0, 0.0, 7.0)),
        Texture::Vertical => pattern.add(line(1.0, 0.0, 1.0, 7.0)),
        Texture::Cross => {
            pattern.set("patternTransform", "rotate(45)").add(line(0.0, 0.0, 0.0, 7.0)).add(line(0.0, 0.0, 7.0, 0.0))
        }
        Texture::Dots => {
            pattern.add(Circle::new().set("cx", "3.5").set("cy", "3.5").set("r", "1.3").set("fill", colour.clone()))
        }
    };
    Some(pattern)
}

/// Areas, the low-confidence veil and front lines (path data in pixels), clipped by the caller.
pub fn draw(territory: &Territory, low_confidence: &str, style: &Style, sides: &Sides, view: &Viewport) -> Group {
    let theme = &style.theme;
    let mut group = Group::new().set("class", "territory");
    for (side, area) in territory.sides.iter().enumerate() {
        let d = projected_path(area, view);
        if d.is_empty() {
            continue;
        }
        group = group.add(
            Path::new()
                .set("d", d.clone())
                .set("class", "area")
                .set("data-side", sides.get(side).id.clone())
                .set("fill", style.side_colour(side).to_string())
                .set("fill-opacity", format!("{:.2}", theme.area_opacity))
                .set("fill-rule", "evenodd"),
        );
        if style.side_texture(side) != Texture::None {
            group = group.add(
                Path::new()
                    .set("d", d)
                    .set("class", "area-texture")
                    .set("data-texture", style.side_texture(side).as_str())
                    .set("fill", format!("url(#{})", texture_id(side)))
                    .set("fill-rule", "evenodd"),
            );
        }
    }
    for (pair, area) in &territory.contested {
        let d = projected_path(area, view);
        if !d.is_empty() {
            group = group.add(
                Path::new()
                    .set("d", d)
                    .set("class", "contested-area")
                    .set("fill", format!("url(#{})", hatch_id(sides, *pair)))
                    .set("fill-opacity", format!("{:.2}", theme.hatch_opacity))
                    .set("fill-rule", "evenodd"),
            );
        }
    }
    if !low_confidence.is_empty() {
        group = group.add(low_confidence_veil(low_confidence, style));
    }
    group
}

/// The front lines (SVG path data `d`), drawn over the rivers: where a river is the front,
/// the line runs along it and stays in sight.
pub fn front_lines(d: &str, style: &Style) -> Group {
    let group = Group::new();
    if d.is_empty() {
        return group;
    }
    group.add(
        Path::new()
            .set("d", d.to_string())
            .set("class", "front-lines")
            .set("fill", "none")
            .set("stroke", style.theme.front_line.clone())
            .set("stroke-width", "1.4")
            .set("stroke-linecap", "round")
            .set("stroke-linejoin", "round"),
    )
}

/// Paper colour laid over the areas whose state rests on an estimated position or a vague
/// date, so they read paler than firm ground in every theme, outlined dashed.
pub fn low_confidence_veil(d: &str, style: &Style) -> Path {
    let theme = &style.theme;
    Path::new()
        .set("d", d.to_string())
        .set("class", "low-confidence")
        .set("fill", theme.paper.clone())
        .set("fill-opacity", format!("{:.2}", theme.low_confidence_veil))
        .set("fill-rule", "evenodd")
        .set("stroke", theme.muted_ink.clone())
        .set("stroke-width", "0.8")
        .set("stroke-dasharray", "3 2")
}

/// What the state of a date gives the map: each side's territory, the front lines and the
/// low-confidence veil, with their path data in one view. Dates that no event separates
/// have the same state, so a sequence makes their areas once.
#[derive(Debug, Clone)]
pub struct DateAreas {
    pub(super) territory: Territory,
    /// The front lines in projected metres, drawn on the map and again in the inset.
    pub(super) front_lines: MultiLineString<f64>,
    /// SVG path data of the front lines, empty when there are none in view.
    pub(super) front_lines_px: String,
    /// The cells whose state rests on an estimated position or a vague date.
    pub(super) low_confidence: MultiPolygon<f64>,
    /// Their SVG path data, empty when there are none in view.
    pub(super) low_confidence_px: String,
}

/// No areas at all: enough to lay out labels, which do not depend on them.
impl Default for DateAreas {
    fn default() -> DateAreas {
        let (lines, shapes) = (MultiLineString(Vec::new()), MultiPolygon(Vec::new()));
        let territory = Territory::default();
        DateAreas {
            territory,
            front_lines: lines,
            front_lines_px: String::new(),
            low_confidence: shapes,
            low_confidence_px: String::new(),
        }
    }
}

impl DateAreas {
    /// The areas of `state` drawn in `view` ([`viewport`]).
    pub fn new(dataset: &Dataset, cells: &Cells, state: &ControlState, view: &Viewport) -> DateAreas {
        let ((territory, front_lines), low_confidence) = rayon::join(
            || {
                let territory = Territory::at(cells, state, dataset.manifest.sides.len());
                let front_lines = territory.front_lines();
                (territory, front_lines)
            },
            || {
                let places = (0..dataset.gazetteer.len()).filter(|&place| state.is_low_confidence(dataset, place));
                territory::union_of(cells, places)
            },
        );
        let front_lines_px = layers::projected_lines(&front_lines, view);
        let low_confidence_px = layers::projected_path(&low_confidence, view);
        DateAreas { territory, front_lines, front_lines_px, low_confidence, low_confidence_px }
    }
}

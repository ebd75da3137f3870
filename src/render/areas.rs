//! Drawing territory: each side's area in its colour, contested areas hatched in the two
//! sides' colours (a static texture, legible in print), and front lines on top.

use svg::node::element::{Definitions, Group, Path, Pattern, Rectangle};

use super::layers::{projected_lines, projected_path};
use crate::dataset::{SideId, Sides};
use crate::projection::Viewport;
use crate::territory::Territory;

/// Opacity of area fills, low enough for rivers and boundaries to show through.
pub const AREA_OPACITY: &str = "0.30";
pub const HATCH_OPACITY: &str = "0.55";
pub const FRONT_COLOUR: &str = "#111111";

/// The id of the hatch pattern for a contested pair.
pub fn hatch_id(sides: &Sides, (attacker, defender): (SideId, SideId)) -> String {
    format!("hatch-{}-{}", sides.get(attacker).id, sides.get(defender).id)
}

/// Hatch patterns for every contested pair drawn.
pub fn patterns(territory: &Territory, sides: &Sides, defs: Definitions) -> Definitions {
    territory.contested.iter().fold(defs, |defs, (pair, _)| {
        let stripe = |x: &str, side: SideId| {
            Rectangle::new()
                .set("x", x)
                .set("y", "0")
                .set("width", "3")
                .set("height", "6")
                .set("fill", sides.get(side).colour.clone())
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
    })
}

/// SVG path data of the territory's front lines.
pub fn front_lines_path(territory: &Territory, view: &Viewport) -> String {
    projected_lines(&territory.front_lines(), view)
}

/// Areas and front lines (path data from [`front_lines_path`]), clipped by the caller.
pub fn draw(territory: &Territory, fronts: &str, sides: &Sides, view: &Viewport) -> Group {
    let mut group = Group::new().set("id", "territory");
    for (side, area) in territory.sides.iter().enumerate() {
        let d = projected_path(area, view);
        if !d.is_empty() {
            group = group.add(
                Path::new()
                    .set("d", d)
                    .set("class", "area")
                    .set("data-side", sides.get(side).id.clone())
                    .set("fill", sides.get(side).colour.clone())
                    .set("fill-opacity", AREA_OPACITY)
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
                    .set("fill-opacity", HATCH_OPACITY)
                    .set("fill-rule", "evenodd"),
            );
        }
    }
    if !fronts.is_empty() {
        group = group.add(
            Path::new()
                .set("d", fronts.to_string())
                .set("id", "front-lines")
                .set("fill", "none")
                .set("stroke", FRONT_COLOUR)
                .set("stroke-width", "1.4")
                .set("stroke-linecap", "round")
                .set("stroke-linejoin", "round"),
        );
    }
    group
}

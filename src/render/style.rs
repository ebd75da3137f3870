//! The look of a frame: colours, sizes and fonts in one place.

use svg::Node;
use svg::node::element::Element;

use crate::gazetteer::Kind;

pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";
pub const PAPER: &str = "#ffffff";
pub const LAND: &str = "#f6f4ef";
pub const INK: &str = "#222222";
pub const MUTED_INK: &str = "#555555";
pub const HALO: &str = "#ffffff";
pub const FRAME: &str = "#333333";
/// Ring of a besieged place whose besieger the sources do not name.
pub const UNKNOWN_BESIEGER: &str = "#666666";

/// Stroke and fill of a basemap layer's features, by layer name and feature class.
pub struct LineStyle {
    pub stroke: &'static str,
    pub width: f64,
    pub dash: Option<&'static str>,
    pub fill: Option<&'static str>,
}

pub fn basemap_style(layer: &str, class: &str) -> LineStyle {
    let line = |stroke, width, dash| LineStyle { stroke, width, dash, fill: None };
    match (layer, class) {
        ("urban", _) => LineStyle { stroke: "#d8d0c0", width: 0.4, dash: None, fill: Some("#e6dfd2") },
        ("admin2", _) => line("#bdb7ab", 0.5, Some("2 2")),
        ("admin1", _) => line("#8c877d", 1.0, Some("6 3")),
        ("borders", _) => line("#5f5a52", 1.4, Some("8 3 2 3")),
        ("rivers", "major") => line("#5b9bd5", 2.2, None),
        ("rivers", "intermittent") => line("#9cc3e6", 0.6, Some("3 2")),
        ("rivers", _) => line("#7fb1df", 1.1, None),
        _ => line("#999999", 0.5, None),
    }
}

/// The marker of a place: its shape and radius in pixels at the regional scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    Triangle,
}

pub fn shape(kind: Kind) -> Shape {
    match kind {
        Kind::City | Kind::Town | Kind::Village | Kind::District | Kind::Area => Shape::Circle,
        Kind::Base => Shape::Square,
        Kind::Bridge => Shape::Diamond,
        Kind::Landmark => Shape::Triangle,
    }
}

pub fn marker_radius(kind: Kind) -> f64 {
    match kind {
        Kind::City => 6.5,
        Kind::Town => 4.5,
        Kind::Base => 4.0,
        Kind::Village | Kind::Area | Kind::Bridge | Kind::Landmark => 3.2,
        Kind::District => 3.0,
    }
}

/// Label size in pixels and weight.
pub fn label_font(kind: Kind) -> (f64, bool) {
    match kind {
        Kind::City => (14.0, true),
        Kind::Town => (11.0, false),
        Kind::District | Kind::Village | Kind::Area => (9.0, false),
        Kind::Base | Kind::Bridge | Kind::Landmark => (8.5, false),
    }
}

/// Labelling priority, lower first: city > town > district > village > landmark.
pub fn label_rank(kind: Kind) -> u8 {
    match kind {
        Kind::City => 0,
        Kind::Town => 1,
        Kind::District => 2,
        Kind::Village => 3,
        Kind::Area => 4,
        Kind::Base | Kind::Bridge | Kind::Landmark => 5,
    }
}

/// Drawing order of markers, lower first, so large markers sit on top of small ones.
pub fn draw_rank(kind: Kind) -> u8 {
    match kind {
        Kind::City => 3,
        Kind::Town => 2,
        Kind::Village | Kind::Base => 1,
        _ => 0,
    }
}

/// A `<text>` element holding exactly `content`. (The svg crate's own `Text` element pads
/// its content with newlines, which renderers turn into spaces.)
pub fn text(content: &str) -> Element {
    let mut element = Element::new("text");
    element.append(svg::node::Text::new(clean(content)));
    element
}

/// Builder-style attributes for plain elements, like the svg crate's own elements have.
pub trait Set {
    fn set(self, name: &str, value: impl Into<svg::node::Value>) -> Self;
}

impl Set for Element {
    fn set(mut self, name: &str, value: impl Into<svg::node::Value>) -> Element {
        self.assign(name, value);
        self
    }
}

/// Formats a pixel value with one decimal, never as `-0.0`.
pub fn px(value: f64) -> String {
    let text = format!("{value:.1}");
    if text == "-0.0" { "0.0".to_string() } else { text }
}

/// Text from data, made safe for XML: control characters (which XML forbids even when
/// escaped) are dropped; the svg crate escapes the rest.
pub fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_never_print_negative_zero() {
        assert_eq!(px(-0.04), "0.0");
        assert_eq!(px(-0.06), "-0.1");
        assert_eq!(px(12.345), "12.3");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean("Tal\u{0}Afar\u{7}"), "TalAfar");
        assert_eq!(clean("<b>&"), "<b>&");
    }

    #[test]
    fn cities_outrank_towns_outrank_districts_outrank_villages_outrank_landmarks() {
        let order = [Kind::City, Kind::Town, Kind::District, Kind::Village, Kind::Landmark];
        assert!(order.windows(2).all(|w| label_rank(w[0]) < label_rank(w[1])));
    }
}

//! The look of a frame: colours, sizes and fonts in one place.

use svg::Node;
use svg::node::element::Element;

use crate::dataset::gazetteer::Kind;
use crate::dataset::manifest::{SideId, Sides};
use crate::render::theme::{Texture, Theme};

/// A theme resolved for one dataset: the theme, and each side's colour and texture.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub theme: Theme,
    colours: Vec<String>,
    textures: Vec<Texture>,
}

impl Style {
    pub fn new(theme: Theme, sides: &Sides) -> Style {
        let colours = (0..sides.len()).map(|s| theme.side_colour(sides, s)).collect();
        let textures = (0..sides.len()).map(|s| theme.side_texture(sides, s)).collect();
        Style { theme, colours, textures }
    }

    pub fn side_colour(&self, side: SideId) -> &str {
        &self.colours[side]
    }

    pub fn side_texture(&self, side: SideId) -> Texture {
        self.textures[side]
    }

    /// Whether any side carries a texture, so the legend must show areas, not only colours.
    pub fn has_textures(&self) -> bool {
        self.textures.iter().any(|t| *t != Texture::None)
    }
}

/// Stroke and fill of a basemap layer's features, by layer name and feature class.
pub struct LineStyle<'t> {
    pub stroke: &'t str,
    pub width: f64,
    pub dash: Option<&'static str>,
    pub fill: Option<&'t str>,
}

pub fn basemap_style<'t>(theme: &'t Theme, layer: &str, class: &str) -> LineStyle<'t> {
    let c = &theme.basemap;
    let line = |stroke, width, dash| LineStyle { stroke, width, dash, fill: None };
    match (layer, class) {
        ("urban", _) => LineStyle { stroke: &c.urban_stroke, width: 0.4, dash: None, fill: Some(&c.urban_fill) },
        ("admin2", _) => line(&c.admin2, 0.5, Some("2 2")),
        ("admin1", _) => line(&c.admin1, 1.0, Some("6 3")),
        ("borders", _) => line(&c.borders, 1.4, Some("8 3 2 3")),
        ("rivers", "major") => line(&c.river_major, 2.2, None),
        ("rivers", "intermittent") => line(&c.river_intermittent, 0.6, Some("3 2")),
        ("rivers", _) => line(&c.river_minor, 1.1, None),
        _ => line(&c.other, 0.5, None),
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

/// A text element at (x, y) in the theme's font and ink.
pub fn themed_text(theme: &crate::render::theme::Theme, (x, y): (f64, f64), size: f64, content: &str) -> Element {
    text(content)
        .set("x", px(x))
        .set("y", px(y))
        .set("font-family", theme.font_family.clone())
        .set("font-size", px(size))
        .set("fill", theme.ink.clone())
}

/// Formats a pixel value with one decimal, never as `-0.0`.
pub fn px(value: f64) -> String {
    let mut text = String::with_capacity(8);
    push_px(&mut text, value);
    text
}

/// Appends [`px`] of `value` to `out`.
pub fn push_px(out: &mut String, value: f64) {
    Px::of(value).push_to(out);
}

/// A pixel value as [`px`] writes it. Frames write hundreds of thousands of coordinates,
/// and the standard float formatting was a fifth of a frame's time, so the usual case is
/// kept and written as the integer number of tenths, and points that would be written
/// alike are found without writing them.
#[derive(Debug, Clone, PartialEq)]
pub enum Px {
    /// Whole tenths of a pixel.
    Tenths(i64),
    /// A value too large or not finite, as the standard formatting writes it.
    Text(String),
}

impl Px {
    pub fn of(value: f64) -> Px {
        let tenths = value * 10.0;
        if !tenths.is_finite() || tenths.abs() >= 1e15 {
            return Px::Text(format!("{value:.1}"));
        }
        // Within a hair of halfway between two tenths the float's exact decimal expansion
        // decides which way it rounds: the standard formatting knows it.
        if (tenths.abs().fract() - 0.5).abs() < 1e-6 {
            let text = format!("{value:.1}");
            return Px::Tenths(text.replace('.', "").parse().expect("a finite value with one decimal"));
        }
        Px::Tenths(tenths.round() as i64)
    }

    pub fn push_to(&self, out: &mut String) {
        let tenths = match self {
            Px::Tenths(tenths) => *tenths,
            Px::Text(text) => return out.push_str(text),
        };
        if tenths < 0 {
            out.push('-');
        }
        let magnitude = tenths.unsigned_abs();
        out.push_str(itoa::Buffer::new().format(magnitude / 10));
        out.push('.');
        out.push(char::from(b'0' + (magnitude % 10) as u8));
    }
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

    proptest::proptest! {
        /// The fast path writes exactly what the standard formatting writes.
        #[test]
        fn pixels_print_as_the_standard_formatting(value in -1e7f64..1e7, tenths in -100_000i64..100_000) {
            for v in [value, tenths as f64 / 10.0, tenths as f64 / 20.0, tenths as f64 / 10.0 + 0.05] {
                let standard = format!("{v:.1}");
                let standard = if standard == "-0.0" { "0.0".to_string() } else { standard };
                proptest::prop_assert_eq!(px(v), standard, "{}", v);
            }
        }
    }

    proptest::proptest! {
        /// Paths skip a point written like the one before by comparing [`Px`] values, so
        /// two values must compare equal exactly when they are written alike.
        #[test]
        fn pixel_values_are_equal_when_written_alike(value in -1e5f64..1e5, step in -0.2f64..0.2) {
            let other = value + step;
            proptest::prop_assert_eq!(Px::of(value) == Px::of(other), px(value) == px(other));
        }
    }

    #[test]
    fn halfway_values_round_as_the_standard_formatting() {
        for (value, text) in
            [(0.25, "0.2"), (0.35, "0.3"), (0.05, "0.1"), (-0.25, "-0.2"), (2.5, "2.5"), (-0.04, "0.0")]
        {
            assert_eq!(px(value), text, "{value}");
        }
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

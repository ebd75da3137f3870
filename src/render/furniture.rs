//! Map furniture: title block, legend, scale bar, north arrow and attribution. Each piece
//! returns the rectangle it covers, so labels can keep clear of it.

use svg::node::element::{Circle, Element, Group, Line, Path, Rectangle};

use super::markers;
use super::style::{self, Set, Shape, Style, px};
use crate::dataset::manifest::SideId;
use crate::dataset::projection::{Projection, Viewport};
use crate::model::control::Control;
use crate::render::labels::{Rect, text_width};
use crate::render::theme::{Texture, Theme};

/// Which way the frame's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    /// Text blocks are aligned on their right edge and written right to left.
    RightToLeft,
}

impl Direction {
    /// A line of text starting at `left` or, right to left, ending at `right`.
    ///
    /// Right-to-left lines are anchored at their end and wrapped in a right-to-left
    /// embedding (U+202B ... U+202C) rather than relying on the SVG `direction` property,
    /// which renderers such as resvg ignore: the explicit embedding orders mixed Arabic,
    /// digits and brackets the same way everywhere.
    fn line(self, theme: &Theme, (left, right): (f64, f64), y: f64, size: f64, content: &str) -> Element {
        match self {
            Direction::LeftToRight => text(theme, left, y, size, content),
            Direction::RightToLeft => {
                text(theme, right, y, size, &format!("\u{202B}{content}\u{202C}")).set("text-anchor", "end")
            }
        }
    }
}

/// A line of text between `left` and `right` in the frame's direction.
pub fn line(theme: &Theme, dir: Direction, span: (f64, f64), y: f64, size: f64, content: &str) -> Element {
    dir.line(theme, span, y, size, content)
}

fn text(theme: &Theme, x: f64, y: f64, size: f64, content: &str) -> Element {
    style::themed_text(theme, (x, y), size, content)
}

/// What a legend row shows before its text.
#[derive(Debug, Clone, PartialEq)]
pub enum Swatch {
    Marker(Shape, Control),
    /// An empty marker, for the shape of a kind of place.
    ShapeOnly(Shape),
    /// A square of area fill: a colour or a `url(#pattern)`, and its opacity.
    Area(String, f64),
    /// A side's area as drawn: its colour and, in themes that have them, its texture.
    SideArea(SideId),
    /// A stretch of line in this colour.
    Line(String),
    /// The halo of places that changed hands on the frame's date.
    Highlight,
    /// A grey area under the low-confidence veil.
    LowConfidence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendRow {
    pub swatch: Swatch,
    pub text: String,
}

const LEGEND_FONT: f64 = 11.0;
const LEGEND_ROW: f64 = 17.0;
const LEGEND_PAD: f64 = 8.0;
const SWATCH_R: f64 = 5.0;

/// Where the legend goes: in a corner of the map where it covers no marker and no other
/// furniture, or, when every corner is taken, in a band under the map (or, in a frame of
/// fixed shape, in the column beside it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LegendSpot {
    Inside(Rect),
    /// A band whose box starts at `left`, `top`, its rows in as many columns as `width`
    /// holds; it takes `height` of the frame, the gap above it included.
    Panel {
        left: f64,
        top: f64,
        width: f64,
        height: f64,
        columns: usize,
    },
}

impl LegendSpot {
    /// The rectangle inside the map the legend takes, which labels must keep clear of.
    pub fn inside(&self) -> Option<Rect> {
        match self {
            LegendSpot::Inside(rect) => Some(*rect),
            LegendSpot::Panel { .. } => None,
        }
    }

    /// How much taller the frame grows for it.
    pub fn below_height(&self) -> f64 {
        match self {
            LegendSpot::Inside(_) => 0.0,
            LegendSpot::Panel { height, .. } => *height,
        }
    }
}

/// The gap between what stands above a legend panel and the panel.
const PANEL_GAP: f64 = 8.0;

/// A legend of `reserve` in a band `width` wide whose gap starts at `top`: its rows in as
/// many columns as the width holds.
pub fn legend_panel(heading: &str, reserve: &[LegendRow], (left, top, width): (f64, f64, f64)) -> LegendSpot {
    let (w, _) = legend_size(heading, reserve);
    let columns = (((width + LEGEND_GAP) / (w + LEGEND_GAP)).floor() as usize).clamp(1, reserve.len().max(1));
    let rows_per_column = reserve.len().div_ceil(columns);
    let height = LEGEND_PAD * 2.0 + LEGEND_ROW * (rows_per_column as f64 + 1.0) + PANEL_GAP;
    LegendSpot::Panel { left, top: top + PANEL_GAP, width, height, columns }
}

/// The width a legend of `rows` under `heading` needs in one column.
pub fn legend_width(heading: &str, rows: &[LegendRow]) -> f64 {
    legend_size(heading, rows).0
}

/// The width and height of a legend of `rows` under `heading`, in one column.
fn legend_size(heading: &str, rows: &[LegendRow]) -> (f64, f64) {
    let text_w = rows
        .iter()
        .map(|r| text_width(&r.text, LEGEND_FONT, false))
        .fold(text_width(heading, LEGEND_FONT, true), f64::max);
    (LEGEND_PAD * 2.0 + SWATCH_R * 2.0 + 8.0 + text_w, LEGEND_PAD * 2.0 + LEGEND_ROW * (rows.len() as f64 + 1.0))
}

/// Chooses the legend's spot for `reserve`, the largest legend the view can need, so the
/// spot (and the labels placed around it) is the same on every date: the first free corner
/// ([`free_corner`]), else a band under the map.
pub fn legend_spot(
    heading: &str,
    reserve: &[LegendRow],
    view: &Viewport,
    markers: &[Rect],
    fixed: &[Rect],
) -> LegendSpot {
    match free_corner(heading, reserve, view, markers, fixed) {
        Ok(corner) => LegendSpot::Inside(corner),
        Err(_) => legend_panel(heading, reserve, (view.left, view.top + view.height, view.width)),
    }
}

/// The corner of the map a legend of `reserve` takes. The corners are tried in order: top
/// right, bottom right, top left under `fixed[..]` furniture there (the north arrow),
/// bottom left above it (the scale bar); the first that covers no marker (`markers` are
/// their boxes) and no fixed furniture wins. When none is free, the error holds the first
/// corner inside the map (it may cover markers), for a frame that has nowhere else to put it.
pub fn free_corner(
    heading: &str,
    reserve: &[LegendRow],
    view: &Viewport,
    markers: &[Rect],
    fixed: &[Rect],
) -> std::result::Result<Rect, Rect> {
    let (w, h) = legend_size(heading, reserve);
    let (left, right) = (view.left + 8.0, view.left + view.width - 8.0);
    let (top, bottom) = (view.top + 8.0, view.top + view.height - 8.0);
    let below_fixed =
        fixed.iter().filter(|f| f.x0 < left + w && f.y0 < top + h).map(|f| f.y1 + 8.0).fold(top, f64::max);
    let above_fixed =
        fixed.iter().filter(|f| f.x0 < left + w && f.y1 > bottom - h).map(|f| f.y0 - 8.0).fold(bottom, f64::min);
    let corners = [
        Rect::new(right - w, top, right, top + h),
        Rect::new(right - w, bottom - h, right, bottom),
        Rect::new(left, below_fixed, left + w, below_fixed + h),
        Rect::new(left, above_fixed - h, left + w, above_fixed),
    ];
    let within = |r: &Rect| r.y0 >= top && r.y1 <= bottom && r.x0 >= left && r.x1 <= right;
    let covers_nothing = |r: &Rect| !markers.iter().any(|m| m.intersects(r)) && !fixed.iter().any(|f| f.intersects(r));
    if let Some(corner) = corners.iter().find(|r| within(r) && covers_nothing(r)) {
        return Ok(*corner);
    }
    Err(corners.into_iter().find(within).unwrap_or(corners[0]))
}

/// The space between two columns of a legend under the map.
const LEGEND_GAP: f64 = 16.0;

/// The legend of `rows` at `spot` ([`legend_spot`]). Inside the map it is a box in its
/// corner, aligned to the corner's side; under the map, its rows run in columns across the
/// map's width. Right to left, swatches stand on the right of their text.
pub fn legend(
    style: &Style,
    heading: &str,
    rows: &[LegendRow],
    spot: LegendSpot,
    view: &Viewport,
    dir: Direction,
) -> Group {
    let theme = &style.theme;
    let (width, height) = legend_size(heading, rows);
    let (x0, y0, columns, column_w, box_w, box_h) = match spot {
        LegendSpot::Inside(corner) => {
            let on_right = corner.x1 >= view.left + view.width - 8.5;
            let x0 = if on_right { corner.x1 - width } else { corner.x0 };
            let at_top = corner.y0 <= view.top + view.height / 2.0;
            let y0 = if at_top { corner.y0 } else { corner.y1 - height };
            (x0, y0, 1, width, width, height)
        }
        LegendSpot::Panel { left, top, width, columns, .. } => {
            let column_w = (width - LEGEND_GAP * (columns as f64 - 1.0)) / columns as f64;
            let rows_per_column = rows.len().div_ceil(columns).max(1);
            let box_h = LEGEND_PAD * 2.0 + LEGEND_ROW * (rows_per_column as f64 + 1.0);
            (left, top, columns, column_w, width, box_h)
        }
    };
    let mut group = Group::new().set("id", "legend").set("class", "legend").add(
        Rectangle::new()
            .set("x", px(x0))
            .set("y", px(y0))
            .set("width", px(box_w))
            .set("height", px(box_h))
            .set("fill", theme.legend_paper.clone())
            .set("fill-opacity", "0.92")
            .set("stroke", theme.legend_border.clone())
            .set("stroke-width", "0.6"),
    );
    let baseline = |row: usize| y0 + LEGEND_PAD + LEGEND_ROW * row as f64 + LEGEND_FONT;
    let heading = dir.line(theme, (x0 + LEGEND_PAD, x0 + box_w - LEGEND_PAD), baseline(0), LEGEND_FONT, heading);
    group = group.add(heading.set("font-weight", "bold"));
    let indent = SWATCH_R * 2.0 + 8.0;
    let rows_per_column = rows.len().div_ceil(columns).max(1);
    for (i, row) in rows.iter().enumerate() {
        let (column, line) = (i / rows_per_column, i % rows_per_column);
        // Right to left, the first column is the rightmost.
        let column_x = match dir {
            Direction::LeftToRight => x0 + column as f64 * (column_w + LEGEND_GAP),
            Direction::RightToLeft => x0 + box_w - (column as f64 + 1.0) * column_w - column as f64 * LEGEND_GAP,
        };
        let (inner_left, inner_right) = (column_x + LEGEND_PAD, column_x + column_w - LEGEND_PAD);
        let y = baseline(line + 1);
        let swatch_x = match dir {
            Direction::LeftToRight => inner_left + SWATCH_R,
            Direction::RightToLeft => inner_right - SWATCH_R,
        };
        let swatch = draw_swatch(&row.swatch, (swatch_x, y - LEGEND_FONT * 0.35), style);
        let label = dir.line(theme, (inner_left + indent, inner_right - indent), y, LEGEND_FONT, &row.text);
        group = group.add(swatch).add(label.set("class", "legend-text"));
    }
    group
}

fn draw_swatch(swatch: &Swatch, centre: (f64, f64), style: &Style) -> Group {
    let theme = &style.theme;
    let group = Group::new().set("class", "legend-swatch");
    let (x, y) = centre;
    let square = |fill: String, opacity: f64| {
        Rectangle::new()
            .set("x", px(x - SWATCH_R))
            .set("y", px(y - SWATCH_R))
            .set("width", px(2.0 * SWATCH_R))
            .set("height", px(2.0 * SWATCH_R))
            .set("fill", fill)
            .set("fill-opacity", format!("{opacity:.2}"))
            .set("stroke", theme.legend_border.clone())
            .set("stroke-width", "0.5")
    };
    match swatch {
        Swatch::Marker(shape, control) => {
            let radius = if matches!(control, Control::Besieged { .. }) { SWATCH_R - 2.4 } else { SWATCH_R };
            group.add(markers::marker(*shape, centre, radius, *control, style))
        }
        Swatch::ShapeOnly(shape) => group.add(
            Path::new()
                .set("d", markers::outline(*shape, centre, SWATCH_R - 1.0))
                .set("fill", theme.paper.clone())
                .set("stroke", theme.ink.clone())
                .set("stroke-width", "1"),
        ),
        Swatch::Area(fill, opacity) => group.add(square(fill.clone(), *opacity)),
        Swatch::SideArea(side) => {
            let group = group.add(square(style.side_colour(*side).to_string(), theme.area_opacity.max(0.45)));
            let group = match style.side_texture(*side) {
                Texture::None => group,
                _ => group.add(square(format!("url(#{})", super::areas::texture_id(*side)), 1.0).set("stroke", "none")),
            };
            group.add(markers::marker(Shape::Circle, centre, 2.2, Control::Held(*side), style))
        }
        Swatch::Highlight => group.add(markers::highlight(centre, SWATCH_R - 3.4, &theme.highlight)).add(
            Path::new()
                .set("d", markers::outline(Shape::Circle, centre, SWATCH_R - 3.4))
                .set("fill", theme.muted_ink.clone()),
        ),
        Swatch::LowConfidence => {
            let veil = super::areas::low_confidence_veil(&square_path(centre, SWATCH_R), style);
            group.add(square("#808080".to_string(), theme.area_opacity)).add(veil)
        }
        Swatch::Line(colour) => {
            group.add(leader(((x - SWATCH_R, y), (x + SWATCH_R, y)), colour).set("stroke-width", "1.4"))
        }
    }
}

fn square_path((x, y): (f64, f64), r: f64) -> String {
    format!("M{} {}H{}V{}H{}Z", px(x - r), px(y - r), px(x + r), px(y + r), px(x - r))
}

/// A scale bar at the bottom-left of the map, true at the projection's centre line.
pub fn scale_bar(theme: &Theme, view: &Viewport, (m, km_word): (&str, &str)) -> (Group, Rect) {
    let km_px = view.scale * 1000.0;
    let target = view.width / 5.0;
    let steps = [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0];
    let km = steps.into_iter().rev().find(|km| km * km_px <= target).unwrap_or(steps[0]);
    let length = km * km_px;
    let segments = if (km / 4.0).fract() == 0.0 || km == 10.0 { 4 } else { 2 };
    let (x0, y0) = (view.left + 14.0, view.top + view.height - 22.0);
    let unit = if km < 1.0 { format!("{} {m}", km * 1000.0) } else { format!("{km} {km_word}") };
    let label_w = text_width(&unit, 10.0, false);
    let area = Rect::new(x0 - 6.0, y0 - 18.0, x0 + length + label_w / 2.0 + 6.0, y0 + 10.0);
    let mut group = Group::new().set("id", "scale-bar").set("class", "scale-bar").add(
        Rectangle::new()
            .set("x", px(area.x0))
            .set("y", px(area.y0))
            .set("width", px(area.x1 - area.x0))
            .set("height", px(area.y1 - area.y0))
            .set("fill", theme.paper.clone())
            .set("fill-opacity", "0.85"),
    );
    let segment = length / f64::from(segments);
    for i in 0..segments {
        let fill = if i % 2 == 0 { &theme.ink } else { &theme.paper };
        group = group.add(
            Rectangle::new()
                .set("x", px(x0 + segment * f64::from(i)))
                .set("y", px(y0))
                .set("width", px(segment))
                .set("height", "4.0")
                .set("fill", fill.clone())
                .set("stroke", theme.ink.clone())
                .set("stroke-width", "0.6"),
        );
    }
    group = group.add(text(theme, x0, y0 - 4.0, 10.0, "0").set("text-anchor", "middle")).add(
        text(theme, x0 + length, y0 - 4.0, 10.0, &unit).set("text-anchor", "middle").set("data-km", format!("{km}")),
    );
    (group.set("data-length-px", px(length)), area)
}

/// A north arrow at the top-left of the map, turned to true north at its position (grid
/// north of a transverse Mercator departs from it away from the central meridian).
pub fn north_arrow(theme: &Theme, view: &Viewport, projection: &Projection, letter: &str) -> (Group, Rect) {
    let centre = (view.left + 24.0, view.top + 30.0);
    let (lon, lat) = {
        let (x, y) = view.from_px(centre);
        projection.inverse(x, y)
    };
    let north = view.to_px(projection.forward(lon, lat + 0.05));
    let angle = (north.0 - centre.0).atan2(centre.1 - north.1).to_degrees();
    let (x, y) = centre;
    let arrow = format!(
        "M{},{}L{},{}L{},{}L{},{}Z",
        px(x),
        px(y - 14.0),
        px(x + 6.0),
        px(y + 8.0),
        px(x),
        px(y + 3.0),
        px(x - 6.0),
        px(y + 8.0)
    );
    let group = Group::new()
        .set("id", "north-arrow")
        .set("class", "north-arrow")
        .set("data-rotation", format!("{angle:.2}"))
        .add(
            Circle::new()
                .set("cx", px(x))
                .set("cy", px(y))
                .set("r", "17.0")
                .set("fill", theme.paper.clone())
                .set("fill-opacity", "0.85"),
        )
        .add(
            Path::new()
                .set("d", arrow)
                .set("fill", theme.ink.clone())
                .set("transform", format!("rotate({angle:.2} {} {})", px(x), px(y))),
        )
        .add(text(theme, x, y + 21.0 + 6.0, 10.0, letter).set("text-anchor", "middle").set("font-weight", "bold"));
    (group, Rect::new(x - 18.0, y - 18.0, x + 18.0, y + 30.0))
}

/// Lines of text under the map, wrapped to its width, in a group with this id. Returns the
/// group and its height (0 without lines).
pub fn text_block(
    theme: &Theme,
    id: &str,
    lines: &[String],
    (left, top): (f64, f64),
    width: f64,
    (size, colour): (f64, &str),
    dir: Direction,
) -> (Group, f64) {
    let mut group = Group::new().set("id", id.to_string()).set("class", id.to_string());
    if lines.is_empty() {
        return (group, 0.0);
    }
    let mut y = top + size + 4.0;
    for line in lines.iter().flat_map(|l| wrap(l, size, false, width)) {
        let line = dir.line(theme, (left, left + width), y, size, &line);
        group = group.add(line.set("fill", colour.to_string()));
        y += size * BLOCK_LEADING;
    }
    (group, y - top)
}

/// The height [`text_block`] gives `lines` wrapped to `width` in `size`.
pub fn block_height(lines: &[String], size: f64, width: f64) -> f64 {
    let count = lines.iter().map(|l| wrap(l, size, false, width).len()).sum::<usize>();
    if lines.is_empty() { 0.0 } else { size + 4.0 + count as f64 * size * BLOCK_LEADING }
}

/// From one line's baseline to the next, in font sizes.
const BLOCK_LEADING: f64 = 1.35;

/// `line` cut at spaces into lines no wider than `width`; a word wider than the width (a
/// long web address in a narrow column) is cut where it reaches it.
pub fn wrap(line: &str, size: f64, bold: bool, width: f64) -> Vec<String> {
    wrap_at_spaces(line, size, bold, width)
        .into_iter()
        .flat_map(
            |line| if text_width(&line, size, bold) <= width { vec![line] } else { cut(&line, size, bold, width) },
        )
        .collect()
}

/// `word` in pieces no wider than `width`, each of at least one character.
fn cut(word: &str, size: f64, bold: bool, width: f64) -> Vec<String> {
    let mut pieces = vec![String::new()];
    for c in word.chars() {
        let last = pieces.last_mut().expect("never empty");
        last.push(c);
        if text_width(last, size, bold) > width && last.chars().count() > 1 {
            last.pop();
            pieces.push(c.to_string());
        }
    }
    pieces
}

/// `line` cut at spaces into lines no wider than `width` (a word wider than it stands alone).
fn wrap_at_spaces(line: &str, size: f64, bold: bool, width: f64) -> Vec<String> {
    if line.trim().is_empty() {
        return Vec::new();
    }
    // A line that fits is written as it is, its spaces and all.
    if text_width(line, size, bold) <= width {
        return vec![line.to_string()];
    }
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split_whitespace() {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if text_width(&candidate, size, bold) > width && !current.is_empty() {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// A thin line from a marker to a label that had to move away from it.
pub fn leader((a, b): ((f64, f64), (f64, f64)), colour: &str) -> Line {
    Line::new()
        .set("x1", px(a.0))
        .set("y1", px(a.1))
        .set("x2", px(b.0))
        .set("y2", px(b.1))
        .set("stroke", colour.to_string())
        .set("stroke-width", "0.6")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_within_the_width() {
        let lines = wrap("Places: Wikipedia contributors (CC BY-SA 4.0), GeoNames (CC BY 4.0)", 9.5, false, 150.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 9.5, false) <= 150.0));
    }

    #[test]
    fn a_word_wider_than_the_width_is_cut() {
        let address = "musingsoniraq.blogspot.com/…/mosul-campaign-day-145-march-1…";
        let lines = wrap(&format!("Source: {address}"), 11.0, false, 150.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 11.0, false) <= 150.0), "{lines:?}");
        assert_eq!(lines[1..].concat(), address, "nothing lost");
    }

    #[test]
    fn the_scale_bar_has_a_round_length() {
        let bounds = crate::dataset::projection::Bounds { min_x: 0.0, min_y: 0.0, max_x: 250_000.0, max_y: 150_000.0 };
        let view = Viewport::fit_width(bounds, 0.0, 0.0, 1000.0);
        let (group, _) = scale_bar(&Theme::default(), &view, ("m", "km"));
        let svg = group.to_string();
        assert!(svg.contains("data-km=\"50\""), "{svg}");
        assert!(svg.contains("data-length-px=\"200.0\""), "{svg}");
    }
}

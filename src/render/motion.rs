//! The animated layers of one self-contained animated SVG: each place's area and marker is
//! drawn once and changes colour on its dates through SMIL (`<animate>` with discrete
//! steps), which browsers play even inside `<img>`. Only what changes is animated, so the
//! whole battle stays small.

use svg::node::element::{Animate, Element, Group};

use super::markers;
use super::style::{self, Set, Shape, Style};
use crate::dataset::gazetteer::PlaceId;
use crate::dataset::manifest::{SideId, Sides};
use crate::model::control::{Control, ControlState};

/// Where a place's marker is drawn.
pub struct Spot {
    pub place: PlaceId,
    pub at: (f64, f64),
    pub r: f64,
    pub shape: Shape,
    /// The place's id, written on its group.
    pub id: String,
}

/// A place's area, as a path in pixels.
pub struct Area {
    pub place: PlaceId,
    /// The place's id, written on its path.
    pub id: String,
    pub d: String,
}

/// The dates of an animation and the state on each.
pub struct Motion {
    pub dates: Vec<jiff::civil::Date>,
    pub states: Vec<ControlState>,
    /// Seconds each date shows.
    pub seconds_per_date: f64,
    /// Seconds the last date holds before the loop starts again.
    pub hold_seconds: f64,
}

impl Motion {
    /// The length of one loop, in seconds.
    pub fn duration(&self) -> f64 {
        self.seconds_per_date * self.dates.len() as f64 + self.hold_seconds
    }

    /// The place's control on each date.
    fn controls(&self, place: PlaceId) -> Vec<Control> {
        self.states.iter().map(|s| s.control(place)).collect()
    }

    /// A discrete animation of `attribute` through `value(control)` over the dates; `None`
    /// when the value never changes (then the value is simply set).
    fn steps(&self, attribute: &str, values: &[String]) -> Option<Animate> {
        let mut keys: Vec<(f64, &str)> = Vec::new();
        for (i, value) in values.iter().enumerate() {
            if keys.last().is_none_or(|(_, last)| *last != value.as_str()) {
                keys.push((i as f64 * self.seconds_per_date / self.duration(), value));
            }
        }
        if keys.len() < 2 {
            return None;
        }
        let key_times: Vec<String> = keys.iter().map(|(t, _)| format!("{t:.5}")).collect();
        let values: Vec<&str> = keys.iter().map(|(_, v)| *v).collect();
        Some(
            Animate::new()
                .set("attributeName", attribute.to_string())
                .set("calcMode", "discrete")
                .set("dur", format!("{:.3}s", self.duration()))
                .set("repeatCount", "indefinite")
                .set("keyTimes", key_times.join(";"))
                .set("values", values.join(";")),
        )
    }

    /// `element` with `attribute` set to the first value and animated through the rest.
    pub(super) fn animated(&self, element: Element, attribute: &str, values: Vec<String>) -> Element {
        let mut element = element.set(attribute, values[0].clone());
        if let Some(animate) = self.steps(attribute, &values) {
            svg::Node::append(&mut element, animate);
        }
        element
    }

    /// One path per cell in its holder's colour, and over it, for each pair of sides that
    /// ever contests the place, a hatched path shown while they do. Colours and patterns are
    /// never animated into one another: Chromium drops a whole `fill` animation whose values
    /// mix a colour with a `url(#…)` paint.
    pub fn areas(&self, areas: &[Area], style: &Style, sides: &Sides) -> Group {
        let theme = &style.theme;
        let mut group = Group::new().set("class", "territory animated");
        for Area { place, id, d } in areas {
            let controls = self.controls(*place);
            let fill = controls.iter().map(|c| style.side_colour(c.holder()).to_string()).collect();
            let opacity = controls
                .iter()
                .map(|c| match c {
                    Control::Contested { .. } => "0".to_string(),
                    _ => format!("{:.2}", theme.area_opacity),
                })
                .collect();
            let path = Element::new("path")
                .set("d", d.clone())
                .set("class", "area")
                .set("data-place", id.clone())
                .set("fill-rule", "evenodd");
            group = group.add(self.animated(self.animated(path, "fill", fill), "fill-opacity", opacity));
            for pair in contested_pairs(&controls) {
                let shown = controls
                    .iter()
                    .map(|&c| if contested_pair(c) == Some(pair) { "visible" } else { "hidden" }.to_string())
                    .collect();
                let hatch = Element::new("path")
                    .set("d", d.clone())
                    .set("class", "area contested")
                    .set("data-place", id.clone())
                    .set("fill-rule", "evenodd")
                    .set("fill", format!("url(#{})", super::areas::hatch_id(sides, pair)))
                    .set("fill-opacity", format!("{:.2}", theme.hatch_opacity));
                group = group.add(self.animated(hatch, "visibility", shown));
            }
        }
        group
    }

    /// Each marker as two halves (attacker and holder while contested, the holder's colour
    /// twice otherwise) and a ring shown while the place is besieged.
    pub fn markers(&self, spots: &[Spot], style: &Style) -> Group {
        let mut group = Group::new().set("class", "places animated");
        for Spot { place, at, r, shape, id } in spots {
            let controls = self.controls(*place);
            let colour = |side: usize| style.side_colour(side).to_string();
            let left = controls
                .iter()
                .map(|c| match *c {
                    Control::Contested { attacker, .. } => colour(attacker),
                    other => colour(other.holder()),
                })
                .collect();
            let right = controls.iter().map(|c| colour(c.holder())).collect();
            // The ring keeps a colour and fades out, rather than animating to `none`: a
            // keyword among colours is the kind of mix browsers refuse to animate.
            let besieger = |c: &Control| match *c {
                Control::Besieged { besieger: Some(b), .. } => Some(colour(b)),
                Control::Besieged { besieger: None, .. } => Some(style.theme.unknown_besieger.clone()),
                _ => None,
            };
            let first_ring = controls.iter().find_map(besieger).unwrap_or_else(|| style.theme.paper.clone());
            let ring = controls.iter().map(|c| besieger(c).unwrap_or_else(|| first_ring.clone())).collect();
            let ring_opacity =
                controls.iter().map(|c| if besieger(c).is_some() { "1" } else { "0" }.to_string()).collect();
            let half = |is_left: bool| Element::new("path").set("d", markers::half(*shape, *at, *r, is_left));
            let outline = Element::new("path")
                .set("d", markers::outline(*shape, *at, *r))
                .set("fill", "none")
                .set("stroke", style.theme.paper.clone())
                .set("stroke-width", "0.8");
            let circle = Element::new("circle")
                .set("cx", style::px(at.0))
                .set("cy", style::px(at.1))
                .set("r", style::px(r + 2.4))
                .set("fill", "none")
                .set("stroke-width", "1.6");
            group = group.add(
                Group::new()
                    .set("class", "place")
                    .set("data-place", id.clone())
                    .add(self.animated(self.animated(circle, "stroke", ring), "stroke-opacity", ring_opacity))
                    .add(self.animated(half(true), "fill", left))
                    .add(self.animated(half(false), "fill", right))
                    .add(outline),
            );
        }
        group
    }

    /// The date line under the title: one text per date, each visible during its date.
    pub fn dates(&self, lines: &[String], element: impl Fn(&str) -> Element) -> Group {
        let mut group = Group::new().set("class", "dates animated");
        for (i, line) in lines.iter().enumerate() {
            let visibility: Vec<String> =
                (0..self.dates.len()).map(|j| if i == j { "visible" } else { "hidden" }.to_string()).collect();
            group = group.add(self.animated(element(line), "visibility", visibility));
        }
        group
    }
}

/// The pair of sides contesting a place, attacker first.
fn contested_pair(control: Control) -> Option<(SideId, SideId)> {
    match control {
        Control::Contested { attacker, defender } => Some((attacker, defender)),
        _ => None,
    }
}

/// Every pair that contests the place at some date, in the order they first do.
fn contested_pairs(controls: &[Control]) -> Vec<(SideId, SideId)> {
    let mut pairs = Vec::new();
    for pair in controls.iter().filter_map(|&c| contested_pair(c)) {
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    pairs
}

//! One frame: the state of every place at a date, drawn as an SVG map with its basemap,
//! labels, legend, scale bar, north arrow, title and attribution.

mod areas;
mod furniture;
mod layers;
mod markers;
pub mod style;

use jiff::civil::Date;
use svg::Document;
use svg::node::element::{ClipPath, Definitions, Description, Group, Rectangle, Title};

use crate::control::{Control, ControlState, Timeline};
use crate::dataset::{Dataset, LonLatBox};
use crate::gazetteer::{Kind, Place, PlaceId};
use crate::labels::{self, LabelRequest, Placement, Rect};
use crate::projection::{Projection, Viewport};
use crate::territory::{self, Cells, Territory};
use crate::theme::Theme;
use furniture::{LegendRow, Swatch};
use style::{Set, Style, px};

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameOptions {
    pub date: Date,
    /// Width of the whole image in pixels.
    pub width: f64,
    /// The part of the world shown; usually the dataset's area of interest.
    pub view: LonLatBox,
    /// The language of place labels.
    pub lang: Lang,
    pub theme: Theme,
}

/// The language place labels are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    English,
    /// `name_ar` where the gazetteer has it, the English name otherwise.
    Arabic,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::English => "en",
            Lang::Arabic => "ar",
        }
    }
}

/// What happened to a place on the frame's date.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub place: PlaceId,
    /// Index into the dataset's events of the day's last event at the place.
    pub event: usize,
    pub after: Control,
}

const MARGIN: f64 = 16.0;
const LOW_CONFIDENCE_TEXT: &str = "Paler, dashed: position estimated or date vague";
const HEADER: f64 = 64.0;

/// A frame laid out and ready to write: every decision about what goes where, kept apart
/// from the SVG text so tests and other outputs can use it.
pub struct Frame<'d> {
    dataset: &'d Dataset,
    options: FrameOptions,
    style: Style,
    projection: Projection,
    view: Viewport,
    state: ControlState,
    territory: Territory,
    /// Places whose control at the end of the date differs from the day before, in replay
    /// order of their last event.
    changes: Vec<Change>,
    /// SVG path data of the front lines, empty when there are none in view.
    front_lines_px: String,
    /// SVG path data of the cells whose state rests on an estimated position or a vague
    /// date, empty when there are none in view.
    low_confidence_px: String,
    /// Places in view with their pixel position and marker radius, in drawing order.
    markers: Vec<(PlaceId, (f64, f64), f64)>,
    labels: Placement,
}

impl<'d> Frame<'d> {
    /// `cells` must come from [`Cells::build`] with [`projection`] of the same dataset.
    pub fn new(dataset: &'d Dataset, timeline: &Timeline, cells: &Cells, options: FrameOptions) -> Frame<'d> {
        let projection = projection(dataset);
        let bounds = projection.bounds(&options.view);
        let view = Viewport::fit_width(bounds, MARGIN, HEADER, options.width - 2.0 * MARGIN);
        let state = timeline.state_at(options.date);
        let changes = changes_on(timeline, &state, options.date);
        let territory = Territory::at(cells, &state, dataset.manifest.sides.len());
        let front_lines_px = areas::front_lines_path(&territory, &view);
        let low_confidence = (0..dataset.gazetteer.len()).filter(|&place| state.is_low_confidence(dataset, place));
        let low_confidence_px = layers::projected_path(&territory::union_of(cells, low_confidence), &view);
        let markers = place_markers(dataset, &projection, &view);
        let style = Style::new(options.theme.clone(), &dataset.manifest.sides);
        Frame {
            dataset,
            options,
            style,
            projection,
            view,
            state,
            territory,
            changes,
            front_lines_px,
            low_confidence_px,
            markers,
            labels: Placement::default(),
        }
    }

    fn place(&self, id: PlaceId) -> &Place {
        self.dataset.gazetteer.get(id)
    }

    /// Lays out furniture and labels, then writes the SVG document.
    pub fn to_svg(mut self) -> String {
        let sides = &self.dataset.manifest.sides;
        // A copy, because laying out the labels below borrows the frame mutably.
        let theme = &self.style.theme.clone();
        let marker_points: Vec<(f64, f64)> = self.markers.iter().map(|&(_, at, _)| at).collect();
        let (legend, legend_box) = furniture::legend(
            &self.style,
            "Control of places",
            &self.legend_rows(),
            &self.legend_reserve(),
            &self.view,
            &marker_points,
        );
        let (scale_bar, scale_box) = furniture::scale_bar(theme, &self.view);
        let (north_arrow, north_box) = furniture::north_arrow(theme, &self.view, &self.projection);
        self.labels = self.place_labels(&[legend_box, scale_box, north_box]);

        let map_bottom = self.view.top + self.view.height;
        let (caption, caption_height) = furniture::text_block(
            theme,
            "changes",
            &self.caption_lines(),
            (MARGIN, map_bottom),
            self.view.width,
            (11.0, &theme.ink),
        );
        let (attribution, attribution_height) = furniture::text_block(
            theme,
            "attribution",
            &self.attribution_lines(),
            (MARGIN, map_bottom + caption_height),
            self.view.width,
            (9.5, &theme.muted_ink),
        );
        let height = (map_bottom + caption_height + attribution_height + MARGIN / 2.0).ceil();
        let width = self.options.width;

        Document::new()
            .set("width", px(width))
            .set("height", px(height))
            .set("viewBox", format!("0 0 {} {}", px(width), px(height)))
            .set("role", "img")
            .set("aria-labelledby", "frame-title frame-desc")
            .add(Title::new(style::clean(&self.title())).set("id", "frame-title"))
            .add(
                Description::new().set("id", "frame-desc").add(svg::node::Text::new(style::clean(&self.description()))),
            )
            .add(areas::patterns(
                &self.territory,
                &self.style,
                sides,
                Definitions::new().add(ClipPath::new().set("id", "map-clip").add(self.map_rect())),
            ))
            .add(Rectangle::new().set("width", "100%").set("height", "100%").set("fill", theme.paper.clone()))
            .add(self.map_rect().set("fill", theme.land.clone()))
            .add(self.draw_basemap("basemap", |name| !layers::is_top_layer(name)))
            .add(
                areas::draw(
                    &self.territory,
                    &self.low_confidence_px,
                    &self.front_lines_px,
                    &self.style,
                    sides,
                    &self.view,
                )
                .set("clip-path", "url(#map-clip)"),
            )
            .add(self.draw_basemap("basemap-top", layers::is_top_layer))
            .add(self.draw_markers())
            .add(self.draw_labels())
            .add(self.map_rect().set("fill", "none").set("stroke", theme.frame.clone()).set("stroke-width", "0.8"))
            .add(north_arrow)
            .add(scale_bar)
            .add(legend)
            .add(furniture::title_block(theme, &self.dataset.manifest.title, &self.subtitle(), MARGIN))
            .add(caption)
            .add(attribution)
            .to_string()
            + "\n"
    }

    fn map_rect(&self) -> Rectangle {
        Rectangle::new()
            .set("x", px(self.view.left))
            .set("y", px(self.view.top))
            .set("width", px(self.view.width))
            .set("height", px(self.view.height))
    }

    fn draw_basemap(&self, id: &str, select: fn(&str) -> bool) -> Group {
        layers::draw(&self.dataset.basemap, &self.projection, &self.view, &self.style.theme, id, select)
            .set("clip-path", "url(#map-clip)")
    }

    fn draw_markers(&self) -> Group {
        let sides = &self.dataset.manifest.sides;
        let mut group = Group::new().set("id", "places");
        for &(id, at, r) in &self.markers {
            let place = self.place(id);
            let control = self.state.control(id);
            let mut drawing = markers::marker(style::shape(place.kind), at, r, control, &self.style);
            let changed = self.changes.iter().any(|c| c.place == id);
            if changed {
                drawing.insert(0, Box::new(markers::highlight(at, r, &self.style.theme.highlight)));
            }
            let mut marker = markers::place_group(&place.id, &place.name, control, sides, drawing);
            if changed {
                marker = marker.set("data-changed", "true");
            }
            group = group.add(marker);
        }
        group
    }

    fn place_labels(&self, furniture: &[Rect]) -> Placement {
        let mut obstacles: Vec<Rect> =
            self.markers.iter().map(|&(_, at, r)| Rect::around(at, markers::envelope(r))).collect();
        obstacles.extend_from_slice(furniture);
        let requests: Vec<LabelRequest> = self.label_order().into_iter().map(|i| self.label_request(i)).collect();
        let bounds = Rect::new(
            self.view.left,
            self.view.top,
            self.view.left + self.view.width,
            self.view.top + self.view.height,
        );
        labels::place(&requests, &obstacles, bounds.grow(-2.0))
    }

    /// Indices into `markers`, most important place first: by kind, then by how many
    /// events the place has, then by name.
    fn label_order(&self) -> Vec<usize> {
        let mut event_count = vec![0usize; self.dataset.gazetteer.len()];
        self.dataset.events.iter().for_each(|e| event_count[e.place] += 1);
        let mut order: Vec<usize> = (0..self.markers.len()).collect();
        order.sort_by_key(|&i| {
            let id = self.markers[i].0;
            let place = self.place(id);
            (style::label_rank(place.kind), std::cmp::Reverse(event_count[id]), place.name.clone(), place.id.clone())
        });
        order
    }

    fn label_request(&self, marker: usize) -> LabelRequest {
        let (id, at, r) = self.markers[marker];
        let place = self.place(id);
        let (font_size, bold) = style::label_font(place.kind);
        let name = match self.options.lang {
            Lang::Arabic if !place.name_ar.is_empty() => &place.name_ar,
            _ => &place.name,
        };
        LabelRequest { place: id, text: style::clean(name), at, clearance: markers::envelope(r), font_size, bold }
    }

    /// The caption under the map: every place whose control changed on the date, with the
    /// side that holds it after, the force and the source.
    fn caption_lines(&self) -> Vec<String> {
        if self.changes.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![format!("Changed on {} (highlighted):", long_date(self.options.date))];
        lines.extend(self.changes.iter().map(|c| self.describe_change(c)));
        lines
    }

    fn describe_change(&self, change: &Change) -> String {
        let sides = &self.dataset.manifest.sides;
        let event = &self.dataset.events[change.event];
        let what = match change.after {
            Control::Held(side) => format!("{} by {}", event.status, sides.get(side).label),
            Control::Contested { attacker, defender } => {
                format!("contested: {} entered, {} holds", sides.get(attacker).label, sides.get(defender).label)
            }
            Control::Besieged { holder, besieger } => match besieger {
                Some(b) => {
                    format!("besieged: held by {}, surrounded by {}", sides.get(holder).label, sides.get(b).label)
                }
                None => format!("besieged: held by {}", sides.get(holder).label),
            },
        };
        let actor = if event.actor.is_empty() { String::new() } else { format!(" ({})", event.actor) };
        format!("{}: {what}{actor}. Source: {}", self.place(change.place).name, event.source)
    }

    fn draw_labels(&self) -> Group {
        let mut leaders = Group::new().set("id", "leaders");
        let mut texts = Group::new()
            .set("id", "labels")
            .set("font-family", self.style.theme.font_family.clone())
            .set("fill", self.style.theme.ink.clone())
            .set("stroke", self.style.theme.halo.clone())
            .set("stroke-width", "3")
            .set("stroke-linejoin", "round")
            .set("paint-order", "stroke")
            .set("xml:lang", self.options.lang.code());
        for label in &self.labels.placed {
            if let Some(line) = label.leader {
                leaders = leaders.add(furniture::leader(line, &self.style.theme.muted_ink));
            }
            let mut text = style::text(&label.text)
                .set("x", px(label.x))
                .set("y", px(label.y))
                .set("font-size", px(label.font_size))
                .set("text-anchor", label.anchor.as_svg())
                .set("class", "label")
                .set("data-place", self.place(label.place).id.clone());
            if label.bold {
                text = text.set("font-weight", "bold");
            }
            texts = texts.add(text);
        }
        Group::new().add(leaders).add(texts)
    }

    /// The largest legend this view can need on any date: every side with the largest
    /// count, every state, every kind of area. Its size decides where labels may go.
    fn legend_reserve(&self) -> Vec<LegendRow> {
        let most = self.markers.len();
        let mut rows: Vec<LegendRow> = self
            .dataset
            .manifest
            .sides
            .all()
            .iter()
            .map(|info| LegendRow { swatch: Swatch::Highlight, text: format!("{} ({most})", info.label) })
            .collect();
        for text in [
            format!("Contested: attacker left, holder right ({most})"),
            format!("Besieged: ring in the besieger's colour ({most})"),
            "Control changed on this date".to_string(),
            "Shading: area nearest a held place, within its reach".to_string(),
            "Hatching: contested area".to_string(),
            LOW_CONFIDENCE_TEXT.to_string(),
            "Front line between two sides".to_string(),
        ] {
            rows.push(LegendRow { swatch: Swatch::Highlight, text });
        }
        rows.extend(self.shape_rows());
        rows
    }

    /// Rows for the marker shapes in view other than circles.
    fn shape_rows(&self) -> Vec<LegendRow> {
        [
            (style::Shape::Square, "Military base or airport"),
            (style::Shape::Diamond, "Bridge"),
            (style::Shape::Triangle, "Landmark"),
        ]
        .into_iter()
        .filter(|&(shape, _)| self.markers.iter().any(|&(id, ..)| style::shape(self.place(id).kind) == shape))
        .map(|(shape, text)| LegendRow { swatch: Swatch::ShapeOnly(shape), text: text.to_string() })
        .collect()
    }

    /// Sides, states and marker shapes actually drawn, in a fixed order.
    fn legend_rows(&self) -> Vec<LegendRow> {
        let sides = &self.dataset.manifest.sides;
        let drawn: Vec<Control> = self.markers.iter().map(|&(id, ..)| self.state.control(id)).collect();
        let mut rows = Vec::new();
        for (side, info) in sides.all().iter().enumerate() {
            let count = drawn
                .iter()
                .filter(|c| c.holder() == side && matches!(c, Control::Held(_) | Control::Besieged { .. }))
                .count();
            if count > 0 {
                let text = format!("{} ({count})", info.label);
                // Where sides differ by texture too, the legend shows their areas as drawn.
                let swatch = if self.style.has_textures() {
                    Swatch::SideArea(side)
                } else {
                    Swatch::Marker(style::Shape::Circle, Control::Held(side))
                };
                rows.push(LegendRow { swatch, text });
            }
        }
        if let Some(&contested) = drawn.iter().find(|c| matches!(c, Control::Contested { .. })) {
            let count = drawn.iter().filter(|c| matches!(c, Control::Contested { .. })).count();
            let text = format!("Contested: attacker left, holder right ({count})");
            rows.push(LegendRow { swatch: Swatch::Marker(style::Shape::Circle, contested), text });
        }
        if let Some(&besieged) = drawn.iter().find(|c| matches!(c, Control::Besieged { .. })) {
            let count = drawn.iter().filter(|c| matches!(c, Control::Besieged { .. })).count();
            let text = format!("Besieged: ring in the besieger's colour ({count})");
            rows.push(LegendRow { swatch: Swatch::Marker(style::Shape::Circle, besieged), text });
        }
        if !self.changes.is_empty() {
            rows.push(LegendRow { swatch: Swatch::Highlight, text: "Control changed on this date".into() });
        }
        if self.territory.sides.iter().any(|area| !area.0.is_empty()) {
            let text = "Shading: area nearest a held place, within its reach".to_string();
            rows.push(LegendRow { swatch: Swatch::Area("#808080".into(), self.style.theme.area_opacity), text });
        }
        if let Some((pair, _)) = self.territory.contested.first() {
            let fill = format!("url(#{})", areas::hatch_id(sides, *pair));
            rows.push(LegendRow {
                swatch: Swatch::Area(fill, self.style.theme.hatch_opacity),
                text: "Hatching: contested area".into(),
            });
        }
        if !self.low_confidence_px.is_empty() {
            rows.push(LegendRow { swatch: Swatch::LowConfidence, text: LOW_CONFIDENCE_TEXT.into() });
        }
        if !self.front_lines_px.is_empty() {
            rows.push(LegendRow {
                swatch: Swatch::Line(self.style.theme.front_line.clone()),
                text: "Front line between two sides".into(),
            });
        }
        rows.extend(self.shape_rows());
        rows
    }

    fn title(&self) -> String {
        format!("{}: control of places on {}", self.dataset.manifest.title, long_date(self.options.date))
    }

    fn subtitle(&self) -> String {
        let period = &self.dataset.manifest.period;
        let day = (self.options.date - period.start).get_days() + 1;
        let total = (period.end - period.start).get_days() + 1;
        format!("Control of places on {} · day {day} of {total}", long_date(self.options.date))
    }

    fn attribution_lines(&self) -> Vec<String> {
        let mut lines = vec![self.dataset.manifest.attribution.clone()];
        lines.push(format!(
            "Projection: transverse Mercator centred on {:.2}°E {:.2}°N. Made with frontline {}.",
            self.projection.lon0,
            self.projection.lat0,
            env!("CARGO_PKG_VERSION")
        ));
        lines.retain(|l| !l.is_empty());
        lines
    }

    /// The text alternative of the map: who holds how much, what is contested or
    /// besieged, what changed on the day, and which labels were left out.
    fn description(&self) -> String {
        let sides = &self.dataset.manifest.sides;
        let names = |filter: &dyn Fn(Control) -> bool| -> Vec<String> {
            self.markers
                .iter()
                .filter(|&&(id, ..)| filter(self.state.control(id)))
                .map(|&(id, ..)| self.place(id).name.clone())
                .collect()
        };
        let mut parts = vec![format!(
            "Map of {} places of the {} dataset as of {}.",
            self.markers.len(),
            self.dataset.manifest.title,
            long_date(self.options.date)
        )];
        let held: Vec<String> = sides
            .all()
            .iter()
            .enumerate()
            .map(|(side, info)| {
                (
                    info,
                    names(&|c| {
                        c == Control::Held(side) || matches!(c, Control::Besieged { holder, .. } if holder == side)
                    })
                    .len(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .map(|(info, n)| format!("{} holds {n}", info.label))
            .collect();
        if !held.is_empty() {
            parts.push(format!("{}.", held.join("; ")));
        }
        let contested = names(&|c| matches!(c, Control::Contested { .. }));
        if !contested.is_empty() {
            parts.push(format!("Contested: {}.", contested.join(", ")));
        }
        let besieged = names(&|c| matches!(c, Control::Besieged { .. }));
        if !besieged.is_empty() {
            parts.push(format!("Besieged: {}.", besieged.join(", ")));
        }
        if !self.changes.is_empty() {
            let changes: Vec<String> = self.changes.iter().map(|c| self.describe_change(c)).collect();
            parts.push(format!("Changed on this date: {}.", changes.join("; ")));
        }
        if !self.labels.dropped.is_empty() {
            let dropped: Vec<&str> = self.labels.dropped.iter().map(|&id| self.place(id).name.as_str()).collect();
            parts.push(format!("Not labelled for lack of space: {}.", dropped.join(", ")));
        }
        parts.join(" ")
    }
}

/// Places whose control at the end of `date` differs from the end of the day before, in
/// the order of their last event that day.
fn changes_on(timeline: &Timeline, state: &ControlState, date: Date) -> Vec<Change> {
    let Ok(yesterday) = date.yesterday() else { return Vec::new() };
    let before = timeline.state_at(yesterday);
    let mut changes: Vec<Change> = Vec::new();
    for step in timeline.steps_on(date).iter().rev() {
        let seen = changes.iter().any(|c| c.place == step.place);
        if !seen && state.control(step.place) != before.control(step.place) {
            changes.push(Change { place: step.place, event: step.event, after: state.control(step.place) });
        }
    }
    changes.reverse();
    changes
}

/// Places inside the view, with their pixel position and radius, in drawing order (small
/// markers first so that large ones stay on top).
fn place_markers(dataset: &Dataset, projection: &Projection, view: &Viewport) -> Vec<(PlaceId, (f64, f64), f64)> {
    let zoom = marker_zoom(view);
    let mut markers: Vec<(PlaceId, (f64, f64), f64)> = dataset
        .gazetteer
        .places()
        .iter()
        .enumerate()
        .filter_map(|(id, place)| {
            let at = view.to_px(projection.forward(place.lon, place.lat));
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

/// "24 January 2017".
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// The projection every frame and every territory of a dataset uses.
pub fn projection(dataset: &Dataset) -> Projection {
    let spec = dataset.manifest.projection;
    Projection::transverse_mercator(spec.lon0, spec.lat0)
}

/// Renders the frame for `options` as SVG text, building the territory cells on the way;
/// use [`Frame::new`] with cells built once to draw many frames.
pub fn frame_svg(dataset: &Dataset, timeline: &Timeline, options: FrameOptions) -> String {
    let cells = Cells::build(dataset, &projection(dataset));
    Frame::new(dataset, timeline, &cells, options).to_svg()
}

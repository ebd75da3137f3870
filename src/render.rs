//! One frame: the state of every place at a date, drawn as an SVG map with its basemap,
//! labels, legend, scale bar, north arrow, title and attribution.

mod areas;
mod furniture;
mod inset;
mod layers;
mod markers;
mod motion;
pub mod style;
mod words;

use jiff::civil::Date;
use rayon::prelude::*;
use svg::Document;
use svg::node::element::{ClipPath, Definitions, Description, Group, Rectangle, Title};

use crate::control::{Control, ControlState, Timeline};
use crate::dataset::{Dataset, LonLatBox, SideId};
use crate::gazetteer::{Kind, Place, PlaceId};
use crate::labels::{self, LabelRequest, Placement, Rect};
use crate::projection::{Projection, Viewport};
use crate::territory::{self, Cells, Territory};
use crate::theme::Theme;
use furniture::{Direction, LegendRow, Swatch};
use geo::{MultiLineString, MultiPolygon};
use style::{Set, Style, px};
pub use words::Words;
use words::fill;

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameOptions {
    pub date: Date,
    /// Width of the whole image in pixels.
    pub width: f64,
    /// The part of the world shown; usually the dataset's area of interest.
    pub view: LonLatBox,
    /// The language of the frame's text: labels, title, legend, caption and description.
    pub lang: Lang,
    pub theme: Theme,
    /// What to draw around the map, for embedding a frame in a report.
    pub furniture: Furniture,
}

/// The parts of a frame a report may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Furniture {
    pub legend: bool,
    /// The title and date lines above the map.
    pub title: bool,
    /// Leave the paper unpainted, so the page behind shows around the map.
    pub transparent: bool,
}

impl Default for Furniture {
    fn default() -> Furniture {
        Furniture { legend: true, title: true, transparent: false }
    }
}

/// A language frames can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    English,
    /// `name_ar` where the gazetteer has it, the English name otherwise; written right to left.
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
const HEADER: f64 = 64.0;

/// What the state of a date gives the map: each side's territory, the front lines and the
/// low-confidence veil, with their path data in one view. Dates that no event separates
/// have the same state, so a sequence makes their areas once.
#[derive(Debug, Clone)]
pub struct DateAreas {
    territory: Territory,
    /// The front lines in projected metres, drawn on the map and again in the inset.
    front_lines: MultiLineString<f64>,
    /// SVG path data of the front lines, empty when there are none in view.
    front_lines_px: String,
    /// The cells whose state rests on an estimated position or a vague date.
    low_confidence: MultiPolygon<f64>,
    /// Their SVG path data, empty when there are none in view.
    low_confidence_px: String,
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

/// A frame laid out and ready to write: every decision about what goes where, kept apart
/// from the SVG text so tests and other outputs can use it.
pub struct Frame<'d> {
    dataset: &'d Dataset,
    options: FrameOptions,
    style: Style,
    projection: Projection,
    view: Viewport,
    state: ControlState,
    areas: DateAreas,
    /// Places whose control at the end of the date differs from the day before, in replay
    /// order of their last event.
    changes: Vec<Change>,
    /// Places in view with their pixel position and marker radius, in drawing order.
    markers: Vec<(PlaceId, (f64, f64), f64)>,
    /// Placed while laying out, unless a sequence shares one placement among its frames.
    labels: Option<Placement>,
    /// Set for an animated SVG: the dates it plays, and each place's cell in pixels.
    motion: Option<(motion::Motion, Vec<motion::Area>)>,
}

impl<'d> Frame<'d> {
    /// `cells` must come from [`Cells::build`] with [`projection`] of the same dataset.
    pub fn new(dataset: &'d Dataset, timeline: &Timeline, cells: &Cells, options: FrameOptions) -> Frame<'d> {
        let state = timeline.state_at(options.date);
        let areas = DateAreas::new(dataset, cells, &state, &viewport(dataset, &options));
        Frame::with_areas(dataset, timeline, state, areas, options)
    }

    /// A frame of `state` (the state at `options.date`) with its areas made beforehand, in
    /// the view of `options`.
    pub fn with_areas(
        dataset: &'d Dataset,
        timeline: &Timeline,
        state: ControlState,
        areas: DateAreas,
        options: FrameOptions,
    ) -> Frame<'d> {
        let projection = projection(dataset);
        let view = viewport(dataset, &options);
        let changes = changes_on(timeline, &state, options.date);
        let markers = place_markers(dataset, &projection, &view);
        let style = Style::new(options.theme.clone(), &dataset.manifest.sides);
        Frame { dataset, options, style, projection, view, state, areas, changes, markers, labels: None, motion: None }
    }

    /// The frame with labels placed beforehand ([`Frame::label_placement`] of any frame of
    /// the same view and language).
    pub fn with_labels(self, labels: Placement) -> Frame<'d> {
        Frame { labels: Some(labels), ..self }
    }

    /// A frame that plays `dates` as one animated SVG: laid out on the first date, every
    /// place's area and marker changing on its dates.
    pub fn animated(
        dataset: &'d Dataset,
        timeline: &Timeline,
        cells: &Cells,
        options: FrameOptions,
        (dates, seconds_per_date, hold_seconds): (&[Date], f64, f64),
    ) -> Frame<'d> {
        let first = dates.first().copied().unwrap_or(options.date);
        let mut frame = Frame::new(dataset, timeline, cells, FrameOptions { date: first, ..options });
        let states = dates.iter().map(|&d| timeline.state_at(d)).collect();
        let areas = cells
            .cells
            .iter()
            .enumerate()
            .map(|(place, cell)| motion::Area {
                place,
                id: dataset.gazetteer.get(place).id.clone(),
                d: layers::projected_path(cell, &frame.view),
            })
            .filter(|area| !area.d.is_empty())
            .collect();
        let motion = motion::Motion { dates: dates.to_vec(), states, seconds_per_date, hold_seconds };
        frame.changes.clear();
        frame.motion = Some((motion, areas));
        frame
    }

    fn place(&self, id: PlaceId) -> &Place {
        self.dataset.gazetteer.get(id)
    }

    fn words(&self) -> &'static Words {
        Words::of(self.options.lang)
    }

    fn direction(&self) -> Direction {
        match self.options.lang {
            Lang::English => Direction::LeftToRight,
            Lang::Arabic => Direction::RightToLeft,
        }
    }

    /// A place's name in the frame's language.
    fn place_name(&self, id: PlaceId) -> &str {
        let place = self.place(id);
        match self.options.lang {
            Lang::Arabic if !place.name_ar.is_empty() => &place.name_ar,
            _ => &place.name,
        }
    }

    /// A side's label in the frame's language.
    fn side_label(&self, side: SideId) -> &str {
        let info = self.dataset.manifest.sides.get(side);
        match self.options.lang {
            Lang::Arabic if !info.label_ar.is_empty() => &info.label_ar,
            _ => &info.label,
        }
    }

    fn dataset_title(&self) -> &str {
        let manifest = &self.dataset.manifest;
        match self.options.lang {
            Lang::Arabic if !manifest.title_ar.is_empty() => &manifest.title_ar,
            _ => &manifest.title,
        }
    }

    fn date_text(&self) -> String {
        self.words().date(self.options.date)
    }

    /// Lays out furniture and labels, then writes the SVG document.
    pub fn to_svg(self) -> String {
        let lang = self.options.lang;
        let laid = self.lay_out();
        document(laid.width, laid.height, lang)
            .add(Title::new(style::clean(&laid.title)).set("id", "frame-title"))
            .add(Description::new().set("id", "frame-desc").add(svg::node::Text::new(style::clean(&laid.description))))
            .add(laid.defs)
            .add(laid.map)
            .add(laid.words)
            .to_string()
            + "\n"
    }

    /// Everything that goes into the document, split into what every language shares (the
    /// map) and what is written in the frame's language (labels and furniture).
    fn lay_out(mut self) -> Laid {
        let sides = &self.dataset.manifest.sides;
        // A copy, because laying out the labels below borrows the frame mutably.
        let theme = &self.style.theme.clone();
        let marker_points: Vec<(f64, f64)> = self.markers.iter().map(|&(_, at, _)| at).collect();
        let (legend, legend_box) = if self.options.furniture.legend {
            let rows = if self.motion.is_some() { self.legend_reserve_without_counts() } else { self.legend_rows() };
            let (group, reserved) = furniture::legend(
                &self.style,
                self.words().legend_heading,
                &rows,
                &self.legend_reserve(),
                &self.view,
                &marker_points,
                self.direction(),
            );
            (group, Some(reserved))
        } else {
            (Group::new(), None)
        };
        let words = self.words();
        let (scale_bar, scale_box) = furniture::scale_bar(theme, &self.view, (words.metres, words.km));
        let (north_arrow, north_box) = furniture::north_arrow(theme, &self.view, &self.projection, words.north);
        let (furniture, inset) = self.furniture_boxes(legend_box, [scale_box, north_box], &marker_points);
        if self.labels.is_none() {
            self.labels = Some(self.place_labels(&furniture));
        }

        let map_bottom = self.view.top + self.view.height;
        let (caption, caption_height) = furniture::text_block(
            theme,
            "changes",
            &self.caption_lines(),
            (MARGIN, map_bottom),
            self.view.width,
            (11.0, &theme.ink),
            self.direction(),
        );
        // The dataset's attribution is written in its own language, left to right.
        let attribution_lines: Vec<String> =
            [self.dataset.manifest.attribution.clone()].into_iter().filter(|l| !l.is_empty()).collect();
        let (attribution, attribution_height) = furniture::text_block(
            theme,
            "attribution",
            &attribution_lines,
            (MARGIN, map_bottom + caption_height),
            self.view.width,
            (9.5, &theme.muted_ink),
            Direction::LeftToRight,
        );
        let (colophon, colophon_height) = furniture::text_block(
            theme,
            "colophon",
            &[self.colophon()],
            (MARGIN, map_bottom + caption_height + attribution_height),
            self.view.width,
            (9.5, &theme.muted_ink),
            self.direction(),
        );
        let below_map = caption_height + attribution_height + colophon_height;
        let width = self.options.width;

        let defs = areas::patterns(
            &self.pattern_territory(),
            &self.style,
            sides,
            Definitions::new().add(ClipPath::new().set("id", "map-clip").add(self.map_rect())),
        );
        let paper = Rectangle::new().set("width", "100%").set("height", "100%").set("fill", theme.paper.clone());
        let height = (map_bottom + below_map + MARGIN / 2.0).ceil();
        // Drawing the paper margins over the map keeps everything outside the map frame out
        // of sight as a clip path would, at a fraction of a rasteriser's cost (resvg renders
        // a clip path as a mask the size of the image). Without paper, clipping is needed.
        let clipped = |group: Group| {
            if self.options.furniture.transparent { group.set("clip-path", "url(#map-clip)") } else { group }
        };
        let margins = if self.options.furniture.transparent {
            Group::new()
        } else {
            Group::new().add(self.margins(width, height).set("fill", theme.paper.clone()).set("class", "margins"))
        };
        let map = Group::new()
            .set("class", "map")
            .add(if self.options.furniture.transparent {
                Group::new()
            } else {
                Group::new().add(paper.set("class", "paper"))
            })
            .add(self.map_rect().set("fill", theme.land.clone()).set("class", "land"))
            .add(clipped(self.draw_basemap("basemap", |name| !layers::is_top_layer(name))))
            .add(clipped(self.draw_territory().set("id", "territory")))
            .add(clipped(self.draw_basemap("basemap-top", layers::is_top_layer)))
            .add(self.draw_places())
            .add(margins)
            .add(self.map_rect().set("fill", "none").set("stroke", theme.frame.clone()).set("stroke-width", "0.8"));
        let words = Group::new()
            .set("class", "words")
            .set("xml:lang", self.options.lang.code())
            .add(self.draw_labels())
            .add(self.draw_inset(inset.as_ref()))
            .add(north_arrow)
            .add(scale_bar)
            .add(legend)
            .add(if self.options.furniture.title { self.draw_title(width) } else { Group::new() })
            .add(caption)
            .add(attribution)
            .add(colophon);
        Laid { width, height, title: self.title(), description: self.description(), defs, map, words }
    }

    fn draw_territory(&self) -> Group {
        let sides = &self.dataset.manifest.sides;
        match &self.motion {
            Some((motion, areas)) => motion.areas(areas, &self.style, sides),
            None => areas::draw(
                &self.areas.territory,
                &self.areas.low_confidence_px,
                &self.areas.front_lines_px,
                &self.style,
                sides,
                &self.view,
            ),
        }
    }

    fn draw_places(&self) -> Group {
        let Some((motion, _)) = &self.motion else { return self.draw_markers() };
        let markers: Vec<motion::Spot> = self
            .markers
            .iter()
            .map(|&(place, at, r)| {
                let (shape, id) = (style::shape(self.place(place).kind), self.place(place).id.clone());
                motion::Spot { place, at, r, shape, id }
            })
            .collect();
        motion.markers(&markers, &self.style).set("id", "places")
    }

    /// The title and, under it, the date (in an animation, every date in turn).
    fn draw_title(&self, width: f64) -> Group {
        let theme = &self.style.theme;
        let span = (MARGIN, width - MARGIN);
        let Some((motion, _)) = &self.motion else {
            return furniture::title_block(theme, (self.dataset_title(), &self.subtitle()), span, self.direction());
        };
        let lines: Vec<String> = motion.dates.iter().map(|&d| self.subtitle_on(d)).collect();
        let direction = self.direction();
        let line =
            |text: &str| furniture::line(theme, direction, span, 52.0, 14.0, text).set("fill", theme.muted_ink.clone());
        furniture::title_block(theme, (self.dataset_title(), ""), span, direction).add(motion.dates(&lines, line))
    }

    /// A territory holding every contested pair the frame may show, for its hatch patterns.
    fn pattern_territory(&self) -> Territory {
        let Some((motion, _)) = &self.motion else { return self.areas.territory.clone() };
        let mut pairs: Vec<(SideId, SideId)> = motion
            .states
            .iter()
            .flat_map(|state| state.places.iter())
            .filter_map(|p| match p.control {
                Control::Contested { attacker, defender } => Some((attacker, defender)),
                _ => None,
            })
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let contested = pairs.into_iter().map(|pair| (pair, MultiPolygon(Vec::new()))).collect();
        Territory { sides: Vec::new(), contested }
    }

    /// The legend of an animation: what each colour and mark means, without the day's counts.
    fn legend_reserve_without_counts(&self) -> Vec<LegendRow> {
        let words = self.words();
        let mut rows: Vec<LegendRow> = (0..self.dataset.manifest.sides.len())
            .map(|side| LegendRow {
                swatch: Swatch::Marker(style::Shape::Circle, Control::Held(side)),
                text: self.side_label(side).to_string(),
            })
            .collect();
        let (first, second) = (0, 1.min(self.dataset.manifest.sides.len() - 1));
        let contested = Control::Contested { attacker: second, defender: first };
        let besieged = Control::Besieged { holder: first, besieger: Some(second) };
        for (control, row) in [(contested, words.contested_row), (besieged, words.besieged_row)] {
            let text = fill(row, &[("n", "")]).replace(" ()", "");
            rows.push(LegendRow { swatch: Swatch::Marker(style::Shape::Circle, control), text });
        }
        let area = Swatch::Area("#808080".into(), self.style.theme.area_opacity);
        rows.push(LegendRow { swatch: area, text: words.shading_row.into() });
        rows.extend(self.shape_rows());
        rows
    }

    /// The dataset's inset region, when this view shows it too small to read.
    fn plan_inset(&self, markers: &[(f64, f64)], furniture: &[Rect]) -> Option<inset::Inset> {
        // An inset would show the first date only: animations go without one.
        if self.motion.is_some() {
            return None;
        }
        let region = self.dataset.manifest.region(self.dataset.manifest.inset.as_deref()?)?;
        let label = match self.options.lang {
            Lang::English => region.label.clone(),
            // Region labels have no Arabic form in the dataset; the place of the same id may.
            Lang::Arabic => self
                .dataset
                .gazetteer
                .by_id(&region.id)
                .map(|id| self.place_name(id).to_string())
                .unwrap_or(region.label.clone()),
        };
        inset::Inset::plan((&label, &region.lonlat_box()), &self.projection, &self.view, markers, furniture)
    }

    fn draw_inset(&self, inset: Option<&inset::Inset>) -> Group {
        let Some(inset) = inset else { return Group::new() };
        let content = inset::InsetContent {
            dataset: self.dataset,
            projection: &self.projection,
            state: &self.state,
            territory: &self.areas.territory,
            front_lines: &self.areas.front_lines,
            low_confidence: &self.areas.low_confidence,
        };
        inset.draw(content, &self.style)
    }

    fn map_rect(&self) -> Rectangle {
        Rectangle::new()
            .set("x", px(self.view.left))
            .set("y", px(self.view.top))
            .set("width", px(self.view.width))
            .set("height", px(self.view.height))
    }

    fn draw_basemap(&self, id: &str, select: fn(&str) -> bool) -> Group {
        layers::draw(&self.dataset.basemap_m, &self.view, &self.style.theme, id, select)
    }

    /// The page outside the map frame, as one path with the frame cut out of it.
    fn margins(&self, width: f64, height: f64) -> svg::node::element::Path {
        let v = &self.view;
        let d = format!(
            "M0 0H{w}V{h}H0Z M{l} {t}V{b}H{r}V{t}Z",
            w = px(width),
            h = px(height),
            l = px(v.left),
            t = px(v.top),
            b = px(v.top + v.height),
            r = px(v.left + v.width)
        );
        svg::node::element::Path::new().set("d", d).set("fill-rule", "evenodd")
    }

    fn draw_markers(&self) -> Group {
        let sides = &self.dataset.manifest.sides;
        let mut changed = vec![false; self.dataset.gazetteer.len()];
        self.changes.iter().for_each(|c| changed[c.place] = true);
        // A marker is a few nodes of its own; a large dataset has a hundred thousand, so
        // they are made in parallel and added in drawing order.
        let markers: Vec<Group> = self
            .markers
            .par_iter()
            .with_min_len(crate::MIN_ITEMS_PER_THREAD)
            .map(|&(id, at, r)| {
                let place = self.place(id);
                let control = self.state.control(id);
                let mut drawing = markers::marker(style::shape(place.kind), at, r, control, &self.style);
                if changed[id] {
                    drawing.insert(0, Box::new(markers::highlight(at, r, &self.style.theme.highlight)));
                }
                let marker = markers::place_group(&place.id, &place.name, control, sides, drawing);
                if changed[id] { marker.set("data-changed", "true") } else { marker }
            })
            .collect();
        markers.into_iter().fold(Group::new().set("id", "places").set("class", "places"), Group::add)
    }

    /// Where the labels of this frame's view go. Labels keep clear of the markers and of
    /// furniture whose place does not depend on the date (the legend at its largest), so one
    /// placement serves every date of a sequence.
    pub fn label_placement(&self) -> Placement {
        let marker_points: Vec<(f64, f64)> = self.markers.iter().map(|&(_, at, _)| at).collect();
        let legend_box = self.options.furniture.legend.then(|| {
            let reserve = self.legend_reserve();
            let heading = self.words().legend_heading;
            furniture::legend(&self.style, heading, &[], &reserve, &self.view, &marker_points, self.direction()).1
        });
        let (theme, words) = (&self.style.theme, self.words());
        let (_, scale_box) = furniture::scale_bar(theme, &self.view, (words.metres, words.km));
        let (_, north_box) = furniture::north_arrow(theme, &self.view, &self.projection, words.north);
        self.place_labels(&self.furniture_boxes(legend_box, [scale_box, north_box], &marker_points).0)
    }

    /// The boxes of the furniture labels keep clear of, with the inset that takes one of them.
    fn furniture_boxes(
        &self,
        legend_box: Option<Rect>,
        fixed: [Rect; 2],
        marker_points: &[(f64, f64)],
    ) -> (Vec<Rect>, Option<inset::Inset>) {
        let mut furniture: Vec<Rect> = legend_box.into_iter().chain(fixed).collect();
        let inset = self.plan_inset(marker_points, &furniture);
        furniture.extend(inset.as_ref().map(|i| i.frame));
        (furniture, inset)
    }

    fn place_labels(&self, furniture: &[Rect]) -> Placement {
        let mut obstacles: Vec<Rect> =
            self.markers.iter().map(|&(_, at, r)| Rect::around(at, markers::envelope(r))).collect();
        obstacles.extend_from_slice(furniture);
        let requests: Vec<LabelRequest> = self
            .label_order()
            .into_par_iter()
            .with_min_len(crate::MIN_ITEMS_PER_THREAD)
            .map(|i| self.label_request(i))
            .collect();
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
        let key = |i: usize| {
            let id = self.markers[i].0;
            let place = self.place(id);
            (style::label_rank(place.kind), std::cmp::Reverse(event_count[id]), place.name.as_str(), place.id.as_str())
        };
        order.sort_by(|&a, &b| key(a).cmp(&key(b)));
        order
    }

    fn label_request(&self, marker: usize) -> LabelRequest {
        let (id, at, r) = self.markers[marker];
        let place = self.place(id);
        let (font_size, bold) = style::label_font(place.kind);
        let text = style::clean(self.place_name(id));
        LabelRequest { place: id, text, at, clearance: markers::envelope(r), font_size, bold }
    }

    /// The caption under the map: every place whose control changed on the date, with the
    /// side that holds it after, the force and the source.
    fn caption_lines(&self) -> Vec<String> {
        if self.changes.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![fill(self.words().changes_heading, &[("date", &self.date_text())])];
        lines.extend(self.changes.iter().map(|c| self.describe_change(c)));
        lines
    }

    fn describe_change(&self, change: &Change) -> String {
        let words = self.words();
        let event = &self.dataset.events[change.event];
        let what = match change.after {
            Control::Held(side) => {
                fill(words.held_by, &[("status", words.status(event.status)), ("side", self.side_label(side))])
            }
            Control::Contested { attacker, defender } => fill(
                words.contested,
                &[("attacker", self.side_label(attacker)), ("defender", self.side_label(defender))],
            ),
            Control::Besieged { holder, besieger: Some(besieger) } => {
                fill(words.besieged, &[("holder", self.side_label(holder)), ("besieger", self.side_label(besieger))])
            }
            Control::Besieged { holder, besieger: None } => {
                fill(words.besieged_unknown, &[("holder", self.side_label(holder))])
            }
        };
        let actor = if event.actor.is_empty() { String::new() } else { format!(" ({})", event.actor) };
        format!("{}: {what}{actor}. {}: {}", self.place_name(change.place), words.source, event.source)
    }

    fn draw_labels(&self) -> Group {
        let mut leaders = Group::new().set("id", "leaders").set("class", "leaders");
        let mut texts = Group::new()
            .set("id", "labels")
            .set("class", "labels")
            .set("font-family", self.style.theme.font_family.clone())
            .set("fill", self.style.theme.ink.clone())
            .set("stroke", self.style.theme.halo.clone())
            .set("stroke-width", "3")
            .set("stroke-linejoin", "round")
            .set("paint-order", "stroke")
            .set("xml:lang", self.options.lang.code());
        for label in self.labels.iter().flat_map(|l| &l.placed) {
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
        let words = self.words();
        let most = self.markers.len().to_string();
        let sides = (0..self.dataset.manifest.sides.len()).map(|side| format!("{} ({most})", self.side_label(side)));
        let states = [words.contested_row, words.besieged_row].map(|row| fill(row, &[("n", &most)]));
        let areas =
            [words.changed_row, words.shading_row, words.hatching_row, words.low_confidence_row, words.front_row];
        let mut rows: Vec<LegendRow> = sides
            .chain(states)
            .chain(areas.map(str::to_string))
            .map(|text| LegendRow { swatch: Swatch::Highlight, text })
            .collect();
        rows.extend(self.shape_rows());
        rows
    }

    /// Rows for the marker shapes in view other than circles.
    fn shape_rows(&self) -> Vec<LegendRow> {
        let words = self.words();
        [
            (style::Shape::Square, words.base_row),
            (style::Shape::Diamond, words.bridge_row),
            (style::Shape::Triangle, words.landmark_row),
        ]
        .into_iter()
        .filter(|&(shape, _)| self.markers.iter().any(|&(id, ..)| style::shape(self.place(id).kind) == shape))
        .map(|(shape, text)| LegendRow { swatch: Swatch::ShapeOnly(shape), text: text.to_string() })
        .collect()
    }

    /// Sides, states and marker shapes actually drawn, in a fixed order.
    fn legend_rows(&self) -> Vec<LegendRow> {
        let words = self.words();
        let sides = &self.dataset.manifest.sides;
        let drawn: Vec<Control> = self.markers.iter().map(|&(id, ..)| self.state.control(id)).collect();
        let mut rows = Vec::new();
        for side in 0..sides.len() {
            let count = drawn
                .iter()
                .filter(|c| c.holder() == side && matches!(c, Control::Held(_) | Control::Besieged { .. }))
                .count();
            if count > 0 {
                let text = format!("{} ({count})", self.side_label(side));
                // Where sides differ by texture too, the legend shows their areas as drawn.
                let swatch = if self.style.has_textures() {
                    Swatch::SideArea(side)
                } else {
                    Swatch::Marker(style::Shape::Circle, Control::Held(side))
                };
                rows.push(LegendRow { swatch, text });
            }
        }
        let is_contested = |c: &Control| matches!(c, Control::Contested { .. });
        let is_besieged = |c: &Control| matches!(c, Control::Besieged { .. });
        for (is_state, row) in
            [(&is_contested as &dyn Fn(&Control) -> bool, words.contested_row), (&is_besieged, words.besieged_row)]
        {
            if let Some(&example) = drawn.iter().find(|c| is_state(c)) {
                let count = drawn.iter().filter(|c| is_state(c)).count().to_string();
                let text = fill(row, &[("n", &count)]);
                rows.push(LegendRow { swatch: Swatch::Marker(style::Shape::Circle, example), text });
            }
        }
        if !self.changes.is_empty() {
            rows.push(LegendRow { swatch: Swatch::Highlight, text: words.changed_row.into() });
        }
        if self.areas.territory.sides.iter().any(|area| !area.0.is_empty()) {
            let swatch = Swatch::Area("#808080".into(), self.style.theme.area_opacity);
            rows.push(LegendRow { swatch, text: words.shading_row.into() });
        }
        if let Some((pair, _)) = self.areas.territory.contested.first() {
            let fill = format!("url(#{})", areas::hatch_id(sides, *pair));
            let swatch = Swatch::Area(fill, self.style.theme.hatch_opacity);
            rows.push(LegendRow { swatch, text: words.hatching_row.into() });
        }
        if !self.areas.low_confidence_px.is_empty() {
            rows.push(LegendRow { swatch: Swatch::LowConfidence, text: words.low_confidence_row.into() });
        }
        if !self.areas.front_lines_px.is_empty() {
            let swatch = Swatch::Line(self.style.theme.front_line.clone());
            rows.push(LegendRow { swatch, text: words.front_row.into() });
        }
        rows.extend(self.shape_rows());
        rows
    }

    fn title(&self) -> String {
        let date = match &self.motion {
            Some((motion, _)) => {
                let (first, last) = (motion.dates[0], motion.dates[motion.dates.len() - 1]);
                format!("{} – {}", self.words().date(first), self.words().date(last))
            }
            None => self.date_text(),
        };
        fill(self.words().title, &[("title", self.dataset_title()), ("date", &date)])
    }

    fn subtitle(&self) -> String {
        self.subtitle_on(self.options.date)
    }

    fn subtitle_on(&self, date: Date) -> String {
        let period = &self.dataset.manifest.period;
        let day = (date - period.start).get_days() + 1;
        let total = (period.end - period.start).get_days() + 1;
        let values = [("date", self.words().date(date)), ("day", day.to_string()), ("total", total.to_string())];
        fill(self.words().subtitle, &values.each_ref().map(|(k, v)| (*k, v.as_str())))
    }

    /// How the map was made: its projection and the tool.
    fn colophon(&self) -> String {
        let values = [
            ("lon", format!("{:.2}", self.projection.lon0)),
            ("lat", format!("{:.2}", self.projection.lat0)),
            ("version", env!("CARGO_PKG_VERSION").to_string()),
        ];
        fill(self.words().projection, &values.each_ref().map(|(k, v)| (*k, v.as_str())))
    }

    /// The text alternative of the map: who holds how much, what is contested or
    /// besieged, what changed on the day, and which labels were left out.
    fn description(&self) -> String {
        if self.motion.is_some() {
            // An animation's text alternative is its title: the state of each date is in the
            // frames of `frontline frames` and in `frontline stats`.
            return format!("Animated map. {}.", self.title());
        }
        let words = self.words();
        let names = |filter: &dyn Fn(Control) -> bool| -> Vec<&str> {
            self.markers
                .iter()
                .filter(|&&(id, ..)| filter(self.state.control(id)))
                .map(|&(id, ..)| self.place_name(id))
                .collect()
        };
        let count = self.markers.len().to_string();
        let mut parts = vec![fill(
            words.description,
            &[("n", &count), ("title", self.dataset_title()), ("date", &self.date_text())],
        )];
        let held: Vec<String> = (0..self.dataset.manifest.sides.len())
            .map(|side| {
                let holds = |c: Control| {
                    c == Control::Held(side) || matches!(c, Control::Besieged { holder, .. } if holder == side)
                };
                (side, names(&holds).len())
            })
            .filter(|(_, n)| *n > 0)
            .map(|(side, n)| fill(words.holds, &[("side", self.side_label(side)), ("n", &n.to_string())]))
            .collect();
        if !held.is_empty() {
            parts.push(format!("{}.", held.join(words.semicolon)));
        }
        let mut list = |heading: &str, items: Vec<String>, separator: &str| {
            if !items.is_empty() {
                parts.push(format!("{heading}: {}.", items.join(separator)));
            }
        };
        let owned = |names: Vec<&str>| names.into_iter().map(str::to_string).collect::<Vec<_>>();
        list(words.contested_list, owned(names(&|c| matches!(c, Control::Contested { .. }))), words.comma);
        list(words.besieged_list, owned(names(&|c| matches!(c, Control::Besieged { .. }))), words.comma);
        let changes = self.changes.iter().map(|c| self.describe_change(c)).collect();
        list(words.changed_list, changes, words.semicolon);
        let dropped = self.labels.iter().flat_map(|l| &l.dropped).map(|&id| self.place_name(id).to_string()).collect();
        list(words.dropped_list, dropped, words.comma);
        parts.join(" ")
    }
}

/// A frame laid out, ready to write.
struct Laid {
    width: f64,
    height: f64,
    title: String,
    description: String,
    defs: Definitions,
    /// Paper, basemap, territory and markers: the same in every language.
    map: Group,
    /// Labels and furniture, written in the frame's language.
    words: Group,
}

/// The root `<svg>` element of a frame.
fn document(width: f64, height: f64, lang: Lang) -> Document {
    Document::new()
        .set("width", px(width))
        .set("height", px(height))
        .set("viewBox", format!("0 0 {} {}", px(width), px(height)))
        .set("role", "img")
        .set("xml:lang", lang.code())
        .set("aria-labelledby", "frame-title frame-desc")
}

/// One SVG in English and Arabic: the map once, and its labels and furniture in both
/// languages inside a `<switch>`, so a viewer shows the Arabic to readers whose system
/// language is Arabic and the English to everyone else. Ids in the Arabic branch carry the
/// prefix `ar-`, so the document's ids stay unique.
pub fn multilingual_svg(english: Frame<'_>, arabic: Frame<'_>) -> String {
    let (en, ar) = (english.lay_out(), arabic.lay_out());
    let arabic_words = svg::node::Blob::new(prefix_ids(&ar.words.to_string(), "ar-"));
    let mut switch = svg::node::element::Element::new("switch");
    svg::Node::append(&mut switch, Group::new().set("systemLanguage", "ar").add(arabic_words));
    svg::Node::append(&mut switch, en.words);
    let text = |s: &str| svg::node::Text::new(style::clean(s));
    document(en.width, en.height.max(ar.height), Lang::English)
        .add(Title::new(style::clean(&en.title)).set("id", "frame-title"))
        .add(Title::new(style::clean(&ar.title)).set("xml:lang", "ar"))
        .add(Description::new().set("id", "frame-desc").add(text(&en.description)))
        .add(Description::new().set("xml:lang", "ar").add(text(&ar.description)))
        .add(en.defs)
        .add(en.map)
        .add(switch)
        .to_string()
        + "\n"
}

/// `svg` with `prefix` added to every id it defines and to every reference to those ids
/// (`url(#id)`, `href="#id"`, `aria-labelledby`); references to ids defined elsewhere are
/// left alone. Several frames inlined in one HTML page then keep their ids apart.
pub fn prefix_ids(svg: &str, prefix: &str) -> String {
    let defined: std::collections::BTreeSet<&str> =
        svg.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    let mut out = svg.to_string();
    for id in &defined {
        for (from, to) in [
            (format!(" id=\"{id}\""), format!(" id=\"{prefix}{id}\"")),
            (format!("url(#{id})"), format!("url(#{prefix}{id})")),
            (format!("href=\"#{id}\""), format!("href=\"#{prefix}{id}\"")),
        ] {
            out = out.replace(&from, &to);
        }
    }
    let labelled = "aria-labelledby=\"frame-title frame-desc\"";
    if defined.contains("frame-title") && defined.contains("frame-desc") {
        out = out.replacen(labelled, &format!("aria-labelledby=\"{prefix}frame-title {prefix}frame-desc\""), 1);
    }
    out
}

/// The width and height of the root element's viewBox of a document frontline wrote.
pub fn view_box_size(svg: &str) -> Option<(f64, f64)> {
    let root = &svg[..svg.find('>')?];
    let view_box = root.split("viewBox=\"").nth(1)?.split('"').next()?;
    let numbers: Vec<f64> = view_box.split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [_, _, w, h] => Some((w, h)),
        _ => None,
    }
}

/// `svg` displayed `height` pixels tall, its width following the frame's aspect; the
/// drawing itself (the viewBox) is unchanged, so it scales without moving anything.
pub fn with_height(svg: &str, height: u32) -> String {
    let Some((w, h)) = view_box_size(svg) else { return svg.to_string() };
    let (root, rest) = svg.split_at(svg.find('>').unwrap_or(svg.len()));
    let width = f64::from(height) * w / h;
    let attribute = |name: &str, value: String| {
        let start = root.find(&format!(" {name}=\"")).map(|i| i + name.len() + 3);
        let end = start.and_then(|s| root[s..].find('"').map(|e| s + e));
        (start.zip(end), value)
    };
    let mut root = root.to_string();
    // Width first: its attribute comes after height, so replacing it leaves height's offsets valid.
    for (span, value) in [attribute("width", px(width)), attribute("height", px(f64::from(height)))] {
        if let Some((start, end)) = span {
            root.replace_range(start..end, &value);
        }
    }
    root + rest
}

/// Places whose control at the end of `date` differs from the end of the day before, in
/// the order of their last event that day.
pub(crate) fn changes_on(timeline: &Timeline, state: &ControlState, date: Date) -> Vec<Change> {
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

/// "24 January 2017".
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// Where the map of a frame with `options` lies on the page, in pixels.
pub fn viewport(dataset: &Dataset, options: &FrameOptions) -> Viewport {
    let bounds = projection(dataset).bounds(&options.view);
    let top = if options.furniture.title { HEADER } else { MARGIN };
    Viewport::fit_width(bounds, MARGIN, top, options.width - 2.0 * MARGIN)
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

/// Renders the frame for `options` in English and Arabic in one SVG ([`multilingual_svg`]);
/// `options.lang` is ignored.
pub fn multilingual_frame_svg(dataset: &Dataset, timeline: &Timeline, options: FrameOptions) -> String {
    let cells = Cells::build(dataset, &projection(dataset));
    let in_lang = |lang| FrameOptions { lang, ..options.clone() };
    multilingual_svg(
        Frame::new(dataset, timeline, &cells, in_lang(Lang::English)),
        Frame::new(dataset, timeline, &cells, in_lang(Lang::Arabic)),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_height_scales_the_width_and_keeps_the_drawing() {
        let svg = r#"<svg height="500.0" viewBox="0 0 1000.0 500.0" width="1000.0"><g/></svg>"#;
        assert_eq!(
            super::with_height(svg, 250),
            r#"<svg height="250.0" viewBox="0 0 1000.0 500.0" width="500.0"><g/></svg>"#
        );
    }

    #[test]
    fn ids_defined_in_a_fragment_are_prefixed_with_their_references() {
        let fragment = r##"<g id="legend"><rect fill="url(#hatch)"/><clipPath id="c"/><g clip-path="url(#c)"/></g>"##;
        assert_eq!(
            super::prefix_ids(fragment, "ar-"),
            r##"<g id="ar-legend"><rect fill="url(#hatch)"/><clipPath id="ar-c"/><g clip-path="url(#ar-c)"/></g>"##,
            "the hatch pattern is defined elsewhere and keeps its id"
        );
    }
}

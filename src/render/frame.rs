//! One frame: the state of every place at a date, laid out and written as an SVG map with
//! its basemap, territory, markers, labels, legend, scale bar, north arrow, inset, title,
//! caption and attribution. What the frame says in words is in `text.rs`.

use std::sync::Arc;

use geo::MultiPolygon;
use jiff::civil::Date;
use rayon::prelude::*;
use svg::Document;
use svg::node::element::{ClipPath, Definitions, Description, Group, Rectangle, Title};

use crate::dataset::Dataset;
use crate::dataset::gazetteer::{Kind, Place, PlaceId};
use crate::dataset::manifest::SideId;
use crate::dataset::projection::{Projection, Viewport};
use crate::model::control::{Change, Control, ControlState, Timeline, changes_on};
use crate::model::territory::{Cells, Territory};
use crate::render::areas::{self, DateAreas};
use crate::render::embed::prefix_ids;
use crate::render::furniture::{self, Direction};
use crate::render::header::{self, Header};
use crate::render::labels::{self, LabelRequest, Obstacle, Placement, Rect};
use crate::render::layers::BasemapCache;
use crate::render::options::{Canvas, FrameOptions, Lang};
use crate::render::style::{self, Set, Style, px};
use crate::render::theme::Theme;
use crate::render::words::Words;
use crate::render::{annotations, inset, layers, markers, motion, serialize};

pub(super) const MARGIN: f64 = 16.0;
/// The font size of the caption of the day's changes.
pub(super) const CAPTION_SIZE: f64 = 11.0;

/// A frame laid out and ready to write: every decision about what goes where, kept apart
/// from the SVG text so tests and other outputs can use it.
pub struct Frame<'d> {
    pub(super) dataset: &'d Dataset,
    pub(super) options: FrameOptions,
    pub(super) style: Style,
    pub(super) projection: Projection,
    pub(super) view: Viewport,
    pub(super) state: ControlState,
    pub(super) areas: DateAreas,
    /// Places whose control at the end of the date differs from the day before, in replay
    /// order of their last event.
    pub(super) changes: Vec<Change>,
    /// Places in view with their pixel position and marker radius, in drawing order.
    pub(super) markers: Vec<(PlaceId, (f64, f64), f64)>,
    /// Placed while laying out, unless a sequence shares one placement among its frames.
    pub(super) labels: Option<Placement>,
    /// Basemap groups written once for a whole sequence.
    pub(super) basemaps: Option<Arc<BasemapCache>>,
    /// Set for an animated SVG: the dates it plays, and each place's cell in pixels.
    pub(super) motion: Option<(motion::Motion, Vec<motion::Area>)>,
    /// Where everything goes in a frame of fixed shape (`--aspect`).
    pub(super) plan: Option<Plan>,
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
        let projection = dataset.projection();
        let plan = options.aspect.map(|aspect| Frame::plan(dataset, &options, aspect));
        let view = plan.as_ref().map_or_else(|| viewport(dataset, &options), |plan| plan.view);
        let changes = changes_on(timeline, &state, options.date);
        let markers = markers::place_markers(dataset, &projection, &view);
        let style = Style::new(options.theme.clone(), &dataset.manifest.sides);
        let (labels, basemaps, motion) = (None, None, None);
        Frame {
            dataset,
            options,
            style,
            projection,
            view,
            state,
            areas,
            changes,
            markers,
            labels,
            basemaps,
            motion,
            plan,
        }
    }

    /// The frame with labels placed beforehand ([`Frame::label_placement`] of any frame of
    /// the same view and language).
    pub fn with_labels(self, labels: Placement) -> Frame<'d> {
        Frame { labels: Some(labels), ..self }
    }

    /// The frame taking its basemap from `cache`, shared by the frames of a sequence.
    pub fn with_basemaps(self, cache: Arc<BasemapCache>) -> Frame<'d> {
        Frame { basemaps: Some(cache), ..self }
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

    pub(super) fn place(&self, id: PlaceId) -> &Place {
        self.dataset.gazetteer.get(id)
    }

    pub(super) fn words(&self) -> &'static Words {
        Words::of(self.options.lang)
    }

    pub(super) fn direction(&self) -> Direction {
        match self.options.lang {
            Lang::English => Direction::LeftToRight,
            Lang::Arabic => Direction::RightToLeft,
        }
    }

    /// A place's name in the frame's language.
    pub(super) fn place_name(&self, id: PlaceId) -> &str {
        let place = self.place(id);
        match self.options.lang {
            Lang::Arabic if !place.name_ar.is_empty() => &place.name_ar,
            _ => &place.name,
        }
    }

    /// A side's label in the frame's language.
    pub(super) fn side_label(&self, side: SideId) -> &str {
        let info = self.dataset.manifest.sides.get(side);
        match self.options.lang {
            Lang::Arabic if !info.label_ar.is_empty() => &info.label_ar,
            _ => &info.label,
        }
    }

    /// The title the frame shows: a graphics desk's own, else the dataset's.
    pub(super) fn dataset_title(&self) -> &str {
        header::title(self.dataset, &self.options)
    }

    pub(super) fn date_text(&self) -> String {
        self.words().date(self.options.date)
    }

    /// Lays out furniture and labels, then writes the SVG document.
    pub fn to_svg(self) -> String {
        let lang = self.options.lang;
        serialize::svg_text(&self.lay_out().into_document(lang)) + "\n"
    }

    /// Everything that goes into the document, split into what every language shares (the
    /// map) and what is written in the frame's language (labels and furniture).
    fn lay_out(mut self) -> Laid {
        let sides = &self.dataset.manifest.sides;
        // A copy, because laying out the labels below borrows the frame mutably.
        let theme = &self.style.theme.clone();
        let marker_points: Vec<(f64, f64)> = self.markers.iter().map(|&(_, at, _)| at).collect();
        let words = self.words();
        let (scale_bar, scale_box) = furniture::scale_bar(theme, &self.view, (words.metres, words.km));
        let (north_arrow, north_box) = furniture::north_arrow(theme, &self.view, &self.projection, words.north);
        let spot = self.legend_spot(&[north_box, scale_box]);
        let legend = match spot {
            Some(spot) => {
                let rows =
                    if self.motion.is_some() { self.legend_reserve_without_counts() } else { self.legend_rows() };
                furniture::legend(&self.style, words.legend_heading, &rows, spot, &self.view, self.direction())
            }
            None => Group::new(),
        };
        let legend_box = spot.and_then(|s| s.inside());
        let (furniture, inset) = self.furniture_boxes(legend_box, [scale_box, north_box], &marker_points);
        // Drawing the paper margins over the map keeps everything outside the map frame out
        // of sight as a clip path would, at a fraction of a rasteriser's cost (resvg renders
        // a clip path as a mask the size of the image). Without paper, clipping is needed.
        let transparent = self.options.furniture.transparent;
        let clipped = |group: Group| if transparent { group.set("clip-path", "url(#map-clip)") } else { group };
        // The labels (unless a sequence placed them for all its frames) and the three largest
        // parts of the frame, drawn and written at once.
        let written = |group: Group| svg::node::Blob::new(serialize::svg_text(&group));
        let given = self.labels.take();
        let (labels, ((territory, places), inset)) = rayon::join(
            || given.unwrap_or_else(|| self.place_labels(&furniture)),
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || written(clipped(self.draw_territory().set("id", "territory"))),
                            || written(self.draw_places()),
                        )
                    },
                    || written(self.draw_inset(inset.as_ref())),
                )
            },
        );
        self.labels = Some(labels);

        let (below, width, height) = match &self.plan {
            Some(plan) => (self.fixed_words(theme, plan.words), plan.canvas.width, plan.canvas.height),
            None => {
                // A legend that fits in no corner of the map stands under it, above the caption.
                let map_bottom = self.view.top + self.view.height + spot.map_or(0.0, |s| s.below_height());
                let (below, below_map) = self.below_map(theme, map_bottom);
                (below, self.options.width, (map_bottom + below_map + MARGIN / 2.0).ceil())
            }
        };

        let defs = areas::patterns(
            &self.pattern_territory(),
            &self.style,
            sides,
            Definitions::new().add(ClipPath::new().set("id", "map-clip").add(self.map_rect())),
        );
        let paper = Rectangle::new().set("width", "100%").set("height", "100%").set("fill", theme.paper.clone());
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
            .add(self.draw_basemap("basemap", |name| !layers::is_top_layer(name)))
            .add(territory)
            .add(self.draw_basemap("basemap-top", layers::is_top_layer))
            .add(clipped(areas::front_lines(&self.areas.front_lines_px, &self.style)))
            .add(places);
        // Without annotations the frame is written as it was before they existed.
        let map = match self.draw_annotations() {
            Some(annotations) => map.add(clipped(annotations)),
            None => map,
        };
        let map = map
            .add(margins)
            .add(self.map_rect().set("fill", "none").set("stroke", theme.frame.clone()).set("stroke-width", "0.8"));
        let words = Group::new()
            .set("class", "words")
            .set("xml:lang", self.options.lang.code())
            .add(self.draw_labels())
            .add(inset)
            .add(north_arrow)
            .add(scale_bar)
            .add(legend)
            .add(if self.options.furniture.title { self.halo(self.draw_title()) } else { Group::new() });
        let words = below.into_iter().fold(words, Group::add);
        let pixels = self.plan.as_ref().map(|plan| plan.canvas.pixels);
        Laid { width, height, pixels, title: self.title(), description: self.description(), defs, map, words }
    }

    /// The text under the map, each block in its own group: the caption of the date's
    /// changes, the desk's credit, the dataset's attribution and the colophon. Returns the
    /// groups and their height.
    fn below_map(&self, theme: &Theme, top: f64) -> (Vec<Group>, f64) {
        let caption = if self.options.furniture.caption { self.caption_lines() } else { Vec::new() };
        let mut height = 0.0;
        let mut groups = Vec::new();
        for (id, lines, font, direction) in self.text_blocks(theme, caption) {
            let at = (MARGIN, top + height);
            let (group, block_height) = furniture::text_block(theme, id, &lines, at, self.view.width, font, direction);
            groups.push(self.halo(group));
            height += block_height;
        }
        (groups, height)
    }

    /// The blocks of text around the map, in order: `caption` first, then the desk's
    /// credit (when there is one), the dataset's attribution and the colophon.
    pub(super) fn text_blocks<'t>(&self, theme: &'t Theme, caption: Vec<String>) -> Vec<TextBlock<'t>> {
        let credit: Vec<String> = self.options.editorial.credit.iter().filter(|c| !c.is_empty()).cloned().collect();
        let attribution: Vec<String> =
            [self.dataset.manifest.attribution.clone()].into_iter().filter(|l| !l.is_empty()).collect();
        let blocks = [
            ("changes", caption, (CAPTION_SIZE, theme.ink.as_str()), self.direction()),
            ("credit", credit, (10.0, theme.ink.as_str()), self.direction()),
            // The dataset's attribution is written in its own language, left to right.
            ("attribution", attribution, (9.5, theme.muted_ink.as_str()), Direction::LeftToRight),
            ("colophon", self.colophon_lines(), (9.5, theme.muted_ink.as_str()), self.direction()),
        ];
        // A credit not asked for leaves no trace in the document.
        blocks.into_iter().filter(|(id, lines, ..)| *id != "credit" || !lines.is_empty()).collect()
    }

    fn colophon_lines(&self) -> Vec<String> {
        if self.options.furniture.colophon { vec![self.colophon()] } else { Vec::new() }
    }

    /// Text drawn on no paper of frontline's own stands on whatever page is behind it: a
    /// halo in the theme's paper keeps dark ink readable on a dark page and light ink on a
    /// white one.
    pub(super) fn halo(&self, group: Group) -> Group {
        if !self.options.furniture.transparent {
            return group;
        }
        group
            .set("stroke", self.style.theme.halo.clone())
            .set("stroke-width", "2")
            .set("stroke-linejoin", "round")
            .set("paint-order", "stroke")
    }

    fn draw_annotations(&self) -> Option<Group> {
        let annotations = &self.options.editorial.annotations;
        if annotations.is_empty() {
            return None;
        }
        let placing = annotations::Placing { projection: &self.projection, view: &self.view, style: &self.style };
        match &self.motion {
            Some((motion, _)) => Some(annotations::draw_animated(annotations, motion, &placing)),
            None => Some(annotations::draw(annotations, self.options.date, &placing)),
        }
    }

    fn draw_territory(&self) -> Group {
        let sides = &self.dataset.manifest.sides;
        match &self.motion {
            Some((motion, areas)) => motion.areas(areas, &self.style, sides),
            None => areas::draw(&self.areas.territory, &self.areas.low_confidence_px, &self.style, sides, &self.view),
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
    fn draw_title(&self) -> Group {
        let (theme, direction) = (&self.style.theme, self.direction());
        let (left, width) = self.plan.as_ref().map_or((MARGIN, self.options.width - 2.0 * MARGIN), |p| p.header);
        let header = Header::plan(self.dataset, &self.options, width);
        let Some((motion, _)) = &self.motion else {
            let line = header::date_line(self.dataset, &self.options, self.options.date);
            return header.draw(theme, &line, left, direction);
        };
        let lines: Vec<String> =
            motion.dates.iter().map(|&d| header::date_line(self.dataset, &self.options, d)).collect();
        header.draw_animated(theme, &lines, motion, left, direction)
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
        Territory { sides: Vec::new(), contested, fronts: Vec::new() }
    }

    /// The dataset's inset region, when this view shows it too small to read.
    fn plan_inset(&self, markers: &[(f64, f64)], furniture: &[Rect]) -> Option<inset::Inset> {
        // An inset would show the first date only: animations go without one.
        if self.motion.is_some() || !self.options.furniture.inset {
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
        let changed: Vec<PlaceId> = self.changes.iter().map(|c| c.place).collect();
        let content = inset::InsetContent {
            dataset: self.dataset,
            projection: &self.projection,
            state: &self.state,
            territory: &self.areas.territory,
            front_lines: &self.areas.front_lines,
            low_confidence: &self.areas.low_confidence,
            changed: &changed,
            basemaps: self.basemaps.as_deref(),
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

    /// A basemap group of the main map, under the map's clip path when the frame has no
    /// paper margins to hide what lies outside the map.
    fn draw_basemap(&self, id: &'static str, select: fn(&str) -> bool) -> Box<dyn svg::Node> {
        let clip = self.options.furniture.transparent.then_some("url(#map-clip)");
        let key = layers::BasemapKey { id, view: self.view, theme: self.style.theme.clone(), clip };
        layers::basemap_group(key, self.basemaps.as_deref(), |key| {
            layers::draw(&self.dataset.basemap_m, &key.view, &key.theme, key.id, select)
        })
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
        // A large dataset has a hundred thousand markers, so they are written in parallel
        // and joined in drawing order.
        let markers: Vec<String> = self
            .markers
            .par_iter()
            .with_min_len(crate::MIN_ITEMS_PER_THREAD)
            .map(|&(id, at, r)| {
                let place = self.place(id);
                let control = self.state.control(id);
                let mut text = String::with_capacity(320);
                text.push('\n');
                markers::write_place(&mut text, (&place.id, &place.name), control, sides, changed[id], |out| {
                    markers::write_marker(out, (style::shape(place.kind), at, r), control, &self.style, changed[id])
                });
                text
            })
            .collect();
        markers::with_written(Group::new().set("id", "places").set("class", "places"), markers.concat())
    }

    /// Where the labels of this frame's view go. Labels keep clear of the markers and of
    /// furniture whose place does not depend on the date (the legend at its largest), so one
    /// placement serves every date of a sequence.
    pub fn label_placement(&self) -> Placement {
        let marker_points: Vec<(f64, f64)> = self.markers.iter().map(|&(_, at, _)| at).collect();
        let (theme, words) = (&self.style.theme, self.words());
        let (_, scale_box) = furniture::scale_bar(theme, &self.view, (words.metres, words.km));
        let (_, north_box) = furniture::north_arrow(theme, &self.view, &self.projection, words.north);
        let legend_box = self.legend_spot(&[north_box, scale_box]).and_then(|s| s.inside());
        self.place_labels(&self.furniture_boxes(legend_box, [scale_box, north_box], &marker_points).0)
    }

    /// Where the legend goes, if the frame has one: chosen for the largest legend the view
    /// can need, so it stands in the same spot on every date of a sequence.
    fn legend_spot(&self, fixed: &[Rect]) -> Option<furniture::LegendSpot> {
        if !self.options.furniture.legend {
            return None;
        }
        if let Some(plan) = &self.plan {
            return Some(plan.legend.unwrap_or_else(|| {
                furniture::LegendSpot::Inside(self.free_legend_corner().unwrap_or_else(|corner| corner))
            }));
        }
        let markers = self.legend_obstacles();
        Some(furniture::legend_spot(self.words().legend_heading, &self.legend_reserve(), &self.view, &markers, fixed))
    }

    /// What a legend on the map keeps clear of: the markers, and a desk's annotations.
    pub(super) fn legend_obstacles(&self) -> Vec<Rect> {
        let placing = annotations::Placing { projection: &self.projection, view: &self.view, style: &self.style };
        self.markers
            .iter()
            .map(|&(_, at, r)| Rect::around(at, markers::envelope(r)))
            .chain(annotations::boxes(&self.options.editorial.annotations, &placing))
            .collect()
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
        let placing = annotations::Placing { projection: &self.projection, view: &self.view, style: &self.style };
        furniture.extend(annotations::text_boxes(&self.options.editorial.annotations, &placing));
        (furniture, inset)
    }

    fn place_labels(&self, furniture: &[Rect]) -> Placement {
        // A marker's rank follows its place's label rank: the less important the place,
        // the more readily a label that must be placed covers its marker.
        let mut obstacles: Vec<Obstacle> = self
            .markers
            .iter()
            .map(|&(id, at, r)| Obstacle {
                rect: Rect::around(at, markers::envelope(r)),
                rank: style::label_rank(self.place(id).kind) + 1,
            })
            .collect();
        obstacles.extend(furniture.iter().map(|f| Obstacle::fixed(*f)));
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
        // Cities and towns are always named: a city may cover the markers of districts and
        // villages, a town those of landmarks, bridges and bases, if no free spot is left.
        let may_cover = match place.kind {
            Kind::City => Some(style::label_rank(Kind::Town) + 1),
            Kind::Town => Some(style::label_rank(Kind::Village) + 1),
            _ => None,
        };
        LabelRequest { place: id, text, at, clearance: markers::envelope(r), font_size, bold, may_cover }
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
}

/// Where the parts of a fixed-shape frame go, in layout units.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan {
    pub canvas: Canvas,
    /// The map, filling its box.
    pub view: Viewport,
    /// The title block's left edge and width.
    pub header: (f64, f64),
    /// A legend panel; `None` puts the legend in a corner of the map.
    pub legend: Option<furniture::LegendSpot>,
    /// The box the caption (at its top) and the credit, attribution and colophon (at its
    /// bottom) share.
    pub words: Rect,
}

/// A frame laid out, ready to write.
struct Laid {
    width: f64,
    height: f64,
    /// The image's size in pixels when it differs from the layout's (a fixed shape).
    pixels: Option<(u32, u32)>,
    title: String,
    description: String,
    defs: Definitions,
    /// Paper, basemap, territory and markers: the same in every language.
    map: Group,
    /// Labels and furniture, written in the frame's language.
    words: Group,
}

impl Laid {
    /// The whole document of a frame in one language.
    fn into_document(self, lang: Lang) -> Document {
        document((self.width, self.height), self.pixels, lang)
            .add(Title::new(style::clean(&self.title)).set("id", "frame-title"))
            .add(Description::new().set("id", "frame-desc").add(svg::node::Text::new(style::clean(&self.description))))
            .add(self.defs)
            .add(self.map)
            .add(self.words)
    }
}

/// The blocks of text around the map: id, lines, font size and colour, direction.
pub(super) type TextBlock<'t> = (&'static str, Vec<String>, (f64, &'t str), Direction);

/// The root `<svg>` element of a frame laid out `width`×`height`, drawn at `pixels` when
/// given (else at its layout size).
fn document((width, height): (f64, f64), pixels: Option<(u32, u32)>, lang: Lang) -> Document {
    let (shown_w, shown_h) = pixels.map_or((px(width), px(height)), |(w, h)| (w.to_string(), h.to_string()));
    Document::new()
        .set("width", shown_w)
        .set("height", shown_h)
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
    let arabic_words = svg::node::Blob::new(prefix_ids(&serialize::svg_text(&ar.words), "ar-"));
    let mut switch = svg::node::element::Element::new("switch");
    svg::Node::append(&mut switch, Group::new().set("systemLanguage", "ar").add(arabic_words));
    svg::Node::append(&mut switch, en.words);
    let text = |s: &str| svg::node::Text::new(style::clean(s));
    let document = document((en.width, en.height.max(ar.height)), en.pixels, Lang::English)
        .add(Title::new(style::clean(&en.title)).set("id", "frame-title"))
        .add(Title::new(style::clean(&ar.title)).set("xml:lang", "ar"))
        .add(Description::new().set("id", "frame-desc").add(text(&en.description)))
        .add(Description::new().set("xml:lang", "ar").add(text(&ar.description)))
        .add(en.defs)
        .add(en.map)
        .add(switch);
    serialize::svg_text(&document) + "\n"
}

/// Where the map of a frame with `options` lies on the page, in pixels.
pub fn viewport(dataset: &Dataset, options: &FrameOptions) -> Viewport {
    if let Some(aspect) = options.aspect {
        return Frame::plan(dataset, options, aspect).view;
    }
    let bounds = dataset.projection().bounds(&options.view);
    let top = match options.furniture.title {
        true => Header::plan(dataset, options, options.width - 2.0 * MARGIN).height(),
        false => MARGIN,
    };
    Viewport::fit_width(bounds, MARGIN, top, options.width - 2.0 * MARGIN)
}

/// Renders the frame for `options` as SVG text, building the territory cells on the way;
/// use [`Frame::new`] with cells built once to draw many frames.
pub fn frame_svg(dataset: &Dataset, timeline: &Timeline, options: FrameOptions) -> String {
    let cells = Cells::build(dataset, &dataset.projection());
    Frame::new(dataset, timeline, &cells, options).to_svg()
}

/// Renders the frame for `options` in English and Arabic in one SVG ([`multilingual_svg`]);
/// `options.lang` is ignored.
pub fn multilingual_frame_svg(dataset: &Dataset, timeline: &Timeline, options: FrameOptions) -> String {
    let cells = Cells::build(dataset, &dataset.projection());
    let in_lang = |lang| FrameOptions { lang, ..options.clone() };
    multilingual_svg(
        Frame::new(dataset, timeline, &cells, in_lang(Lang::English)),
        Frame::new(dataset, timeline, &cells, in_lang(Lang::Arabic)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast writer gives the `svg` crate's own text on whole frames, in both scripts.
    #[test]
    fn frames_are_written_as_the_svg_crate_writes_them() {
        let dataset = Dataset::builtin().unwrap();
        let timeline = Timeline::new(&dataset);
        let cells = Cells::build(&dataset, &dataset.projection());
        for (date, lang) in [("2017-01-24", Lang::English), ("2017-06-28", Lang::Arabic)] {
            let options = FrameOptions {
                date: date.parse().unwrap(),
                width: 900.0,
                view: dataset.manifest.area,
                lang,
                theme: Default::default(),
                furniture: Default::default(),
                editorial: Default::default(),
                aspect: None,
            };
            let frame = Frame::new(&dataset, &timeline, &cells, options);
            let labels = frame.label_placement();
            let frame = frame.with_labels(labels);
            let same = |node: &dyn svg::Node| assert_eq!(serialize::svg_text(node), node.to_string());
            same(&frame.draw_territory());
            same(&frame.draw_labels());
            same(&frame.draw_inset(frame.plan_inset(&[], &[]).as_ref()));
            same(&frame.lay_out().into_document(lang));
        }
    }
}

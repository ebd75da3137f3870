//! Frames of a fixed shape (`--aspect 16:9|1:1|9:16`) for video and social posts. The
//! frame is re-laid, not letterboxed: the map fills the box the words leave it and shows
//! more ground around the area of interest instead of bars; the title block, legend,
//! caption and attribution stand in a column beside the map in a wide frame, and above and
//! below it in a square or tall one. Nothing moves from date to date: the caption has a
//! fixed room and says how many changes it leaves out when a day's list does not fit.
//!
//! A large image is laid out at a design size whose shorter side is 720 ([`Canvas`])
//! and drawn larger through the viewBox, so the text of a 1080p video is as large against
//! the picture as a 720p layout's, and reads on a phone.

use crate::dataset::Dataset;
use crate::dataset::projection::Viewport;
use crate::model::control::ControlState;
use crate::render::areas::DateAreas;
use crate::render::frame::{CAPTION_SIZE, Frame, MARGIN, Plan};
use crate::render::furniture::{self, block_height};
use crate::render::header::Header;
use crate::render::labels::Rect;
use crate::render::markers;
use crate::render::options::{Aspect, Canvas, FrameOptions, Lang};
use crate::render::style::Style;
use crate::render::text::CAPTION_GROUPS;
use crate::render::theme::Theme;

/// The caption's room, in lines, under the map.
const CAPTION_LINES_SQUARE: usize = 5;
const CAPTION_LINES_TALL: usize = 9;
/// A wide frame's column of words, as a share of the width, and its bounds.
const COLUMN_SHARE: f64 = 0.28;
const COLUMN_MIN: f64 = 220.0;
const COLUMN_MAX_SHARE: f64 = 0.45;
/// Room for the legend's counts to grow by a digit beyond the estimate of the plan.
const LEGEND_SLACK: f64 = 12.0;
/// A map shorter than this share of the height gives its legend panel back to a corner.
const MIN_MAP_SHARE: f64 = 0.35;

/// The words in a column beside the map, on the side the text starts from.
fn beside(dataset: &Dataset, options: &FrameOptions, canvas: Canvas) -> Plan {
    let (w, h) = (canvas.width, canvas.height);
    let first = probe(dataset, options, fill(dataset, options, (MARGIN, MARGIN, w - 2.0 * MARGIN, h - 2.0 * MARGIN)));
    let legend_w = furniture::legend_width(first.words().legend_heading, &first.legend_reserve()) + LEGEND_SLACK;
    let column = (w * COLUMN_SHARE).clamp(COLUMN_MIN, w * COLUMN_MAX_SHARE).max(legend_w).min(w * COLUMN_MAX_SHARE);
    let map_w = w - column - 3.0 * MARGIN;
    let (column_left, map_left) = match options.lang {
        Lang::English => (MARGIN, 2.0 * MARGIN + column),
        Lang::Arabic => (w - MARGIN - column, MARGIN),
    };
    let view = fill(dataset, options, (map_left, MARGIN, map_w, h - 2.0 * MARGIN));
    let frame = probe(dataset, options, view);
    let top = header_height(dataset, options, column);
    let legend = options.furniture.legend.then(|| {
        furniture::legend_panel(frame.words().legend_heading, &frame.legend_reserve(), (column_left, top, column))
    });
    let bottom = h - MARGIN / 2.0;
    let others = frame.other_blocks_height(column);
    // A column too short for its legend and its words puts the legend on the map.
    let legend = legend.filter(|l| top + l.below_height() + others <= bottom);
    let words_top = top + legend.map_or(0.0, |l| l.below_height());
    let words = Rect::new(column_left, words_top, column_left + column, bottom);
    Plan { canvas, view, header: (column_left, column), legend, words }
}

/// The title block above the map, the caption and attribution below it, and the legend in
/// a free corner of the map or, when none is free, in a band under it.
fn stacked(dataset: &Dataset, options: &FrameOptions, canvas: Canvas, caption_lines: usize) -> Plan {
    let (w, h) = (canvas.width, canvas.height);
    let width = w - 2.0 * MARGIN;
    let top = header_height(dataset, options, width);
    let bottom = h - MARGIN / 2.0;
    let caption = CAPTION_SIZE + 4.0 + caption_lines as f64 * CAPTION_SIZE * 1.35;
    let probe_view = fill(dataset, options, (MARGIN, top, width, (bottom - top) / 2.0));
    let others = probe(dataset, options, probe_view).other_blocks_height(width);
    let map_bottom = bottom - others - caption;
    let view = fill(dataset, options, (MARGIN, top, width, map_bottom - top));
    let frame = probe(dataset, options, view);
    // A legend panel too tall to leave the map its share takes the caption's room too:
    // a legend over the places (the last resort, a corner) hides more than a caption.
    let panel = || {
        let (heading, reserve) = (frame.words().legend_heading, frame.legend_reserve());
        let panel = furniture::legend_panel(heading, &reserve, (MARGIN, 0.0, width));
        let room = [map_bottom, map_bottom + caption]
            .map(|bottom| bottom - panel.below_height())
            .into_iter()
            .find(|bottom| bottom - top >= h * MIN_MAP_SHARE)?;
        Some((furniture::legend_panel(heading, &reserve, (MARGIN, room, width)), room))
    };
    let legend = match options.furniture.legend && frame.free_legend_corner().is_err() {
        true => panel(),
        false => None,
    };
    let (view, words_top) = match legend {
        Some((spot, map_bottom)) => {
            (fill(dataset, options, (MARGIN, top, width, map_bottom - top)), map_bottom + spot.below_height())
        }
        None => (view, map_bottom),
    };
    let words = Rect::new(MARGIN, words_top, MARGIN + width, bottom);
    Plan { canvas, view, header: (MARGIN, width), legend: legend.map(|(spot, _)| spot), words }
}

/// From the top of the frame to the first thing under the title block.
fn header_height(dataset: &Dataset, options: &FrameOptions, width: f64) -> f64 {
    match options.furniture.title {
        true => Header::plan(dataset, options, width).height(),
        false => MARGIN,
    }
}

fn fill(dataset: &Dataset, options: &FrameOptions, rectangle: (f64, f64, f64, f64)) -> Viewport {
    let bounds = dataset.projection().bounds(&options.view);
    let (left, top, width, height) = rectangle;
    Viewport::fill(bounds, (left, top, width.max(1.0), height.max(1.0)))
}

/// A frame of `options` in `view` with its markers and nothing else: enough to measure the
/// legend and the words around the map before the map's box is known.
fn probe<'d>(dataset: &'d Dataset, options: &FrameOptions, view: Viewport) -> Frame<'d> {
    let projection = dataset.projection();
    let markers = markers::place_markers(dataset, &projection, &view);
    Frame {
        dataset,
        options: options.clone(),
        style: Style::new(options.theme.clone(), &dataset.manifest.sides),
        projection,
        view,
        state: ControlState { date: options.date, places: Vec::new() },
        areas: DateAreas::default(),
        changes: Vec::new(),
        markers,
        labels: None,
        basemaps: None,
        motion: None,
        plan: None,
    }
}

impl Frame<'_> {
    /// Lays out a frame of `options` in the shape `aspect`.
    pub(super) fn plan(dataset: &Dataset, options: &FrameOptions, aspect: Aspect) -> Plan {
        let canvas = Canvas::new(aspect, options.width);
        match aspect {
            Aspect::Wide => beside(dataset, options, canvas),
            Aspect::Square => stacked(dataset, options, canvas, CAPTION_LINES_SQUARE),
            Aspect::Tall => stacked(dataset, options, canvas, CAPTION_LINES_TALL),
        }
    }

    /// The caption, credit, attribution and colophon of a fixed-shape frame in `words`:
    /// the caption from the top, as many of the date's changes as its room holds, the
    /// others from the bottom, so they stand still from date to date.
    pub(super) fn fixed_words(&self, theme: &Theme, words: Rect) -> Vec<svg::node::element::Group> {
        let width = words.x1 - words.x0;
        let room = words.y1 - words.y0 - self.other_blocks_height(width);
        let caption = if self.options.furniture.caption { self.caption_within(width, room) } else { Vec::new() };
        let blocks = self.text_blocks(theme, caption);
        let mut y = words.y1 - self.other_blocks_height(width);
        let mut groups = Vec::new();
        for (i, (id, lines, (size, colour), direction)) in blocks.into_iter().enumerate() {
            let at = if i == 0 { (words.x0, words.y0) } else { (words.x0, y) };
            let (group, height) = furniture::text_block(theme, id, &lines, at, width, (size, colour), direction);
            if i > 0 {
                y += height;
            }
            groups.push(self.halo(group));
        }
        groups
    }

    /// The height of the blocks under the caption wrapped to `width`.
    fn other_blocks_height(&self, width: f64) -> f64 {
        let theme = &self.style.theme;
        let blocks = self.text_blocks(theme, Vec::new());
        blocks.iter().skip(1).map(|(_, lines, (size, _), _)| block_height(lines, *size, width)).sum()
    }

    /// The caption with as many groups of changes as fit in `room` at `width`; nothing
    /// when not even its heading and the count of changes fit.
    fn caption_within(&self, width: f64, room: f64) -> Vec<String> {
        (0..=CAPTION_GROUPS)
            .rev()
            .map(|most| self.caption_lines_upto(most))
            .find(|lines| block_height(lines, CAPTION_SIZE, width) <= room)
            .unwrap_or_default()
    }

    /// Where a legend kept on the map goes: a free corner, else the first corner.
    pub(super) fn free_legend_corner(&self) -> Result<Rect, Rect> {
        let (theme, words) = (&self.style.theme, self.words());
        let (_, scale_box) = furniture::scale_bar(theme, &self.view, (words.metres, words.km));
        let (_, north_box) = furniture::north_arrow(theme, &self.view, &self.projection, words.north);
        let markers = self.legend_obstacles();
        furniture::free_corner(
            words.legend_heading,
            &self.legend_reserve(),
            &self.view,
            &markers,
            &[north_box, scale_box],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dataset: &Dataset, aspect: Aspect, lang: Lang) -> FrameOptions {
        FrameOptions {
            date: "2017-01-24".parse().unwrap(),
            width: f64::from(aspect.default_width()),
            view: dataset.manifest.area,
            lang,
            theme: Theme::default(),
            furniture: Default::default(),
            editorial: Default::default(),
            aspect: Some(aspect),
        }
    }

    #[test]
    fn the_map_shows_the_whole_area_at_the_largest_scale_its_box_allows() {
        let dataset = Dataset::builtin().unwrap();
        let area = dataset.projection().bounds(&dataset.manifest.area);
        for aspect in [Aspect::Wide, Aspect::Square, Aspect::Tall] {
            for lang in [Lang::English, Lang::Arabic] {
                let plan = Frame::plan(&dataset, &options(&dataset, aspect, lang), aspect);
                let (view, canvas) = (plan.view, plan.canvas);
                let shown = view.bounds;
                let case = format!("{aspect:?} {lang:?}: {shown:?} for {area:?}");
                let inside = shown.min_x <= area.min_x + 1e-6
                    && shown.max_x >= area.max_x - 1e-6
                    && shown.min_y <= area.min_y + 1e-6
                    && shown.max_y >= area.max_y - 1e-6;
                assert!(inside, "{case}");
                let fits = |a: f64, b: f64| (a - b).abs() < 1e-6 * b;
                assert!(fits(shown.width(), area.width()) || fits(shown.height(), area.height()), "{case}");
                assert!(view.left >= MARGIN - 1e-9 && view.left + view.width <= canvas.width - MARGIN + 1e-9, "{case}");
                assert!(
                    view.top >= MARGIN - 1e-9
                        && view.top + view.height <= plan.words.y1.max(canvas.height - MARGIN) + 1e-9
                );
                assert!(plan.words.y1 <= canvas.height && plan.words.y0 < plan.words.y1, "{case}: {:?}", plan.words);
            }
        }
    }

    #[test]
    fn a_legend_left_on_the_map_covers_no_place() {
        let dataset = Dataset::builtin().unwrap();
        for aspect in [Aspect::Square, Aspect::Tall] {
            for lang in [Lang::English, Lang::Arabic] {
                for date in ["2016-10-20", "2017-06-01"] {
                    let options = FrameOptions { date: date.parse().unwrap(), ..options(&dataset, aspect, lang) };
                    let plan = Frame::plan(&dataset, &options, aspect);
                    if plan.legend.is_none() {
                        let frame = probe(&dataset, &options, plan.view);
                        assert!(frame.free_legend_corner().is_ok(), "{aspect:?} {lang:?} {date}");
                    }
                }
            }
        }
    }

    #[test]
    fn large_images_are_laid_out_at_720_and_drawn_larger() {
        let wide = Canvas::new(Aspect::Wide, 1920.0);
        assert_eq!((wide.pixels, wide.width, wide.height), ((1920, 1080), 1280.0, 720.0));
        let tall = Canvas::new(Aspect::Tall, 540.0);
        assert_eq!((tall.pixels, tall.width, tall.height), ((540, 960), 540.0, 960.0), "small ones as they are");
    }
}

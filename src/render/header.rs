//! The title block above the map: the title (the dataset's, or a graphics desk's own) and
//! under it the date line (or the desk's subtitle), each wrapped to the frame's width. Its
//! height is planned before anything else is laid out, for the widest date line of the
//! period, so the map stands in the same place on every date of a sequence.

use jiff::ToSpan;
use jiff::civil::Date;
use svg::node::element::{Element, Group};

use crate::dataset::Dataset;
use crate::render::furniture::{self, Direction, wrap};
use crate::render::motion::Motion;
use crate::render::options::{FrameOptions, Lang};
use crate::render::style::Set;
use crate::render::theme::Theme;
use crate::render::words::{Words, fill};

const TITLE_SIZE: f64 = 22.0;
const DATE_SIZE: f64 = 14.0;
const FIRST_BASELINE: f64 = 30.0;
const TITLE_LEADING: f64 = 26.0;
/// From the last title line's baseline to the first date line's.
const DATE_GAP: f64 = 22.0;
const DATE_LEADING: f64 = 18.0;
/// From the last date line's baseline to the map.
const BELOW: f64 = 12.0;

/// The title a frame shows: the desk's own, else the dataset's in the frame's language.
pub fn title<'a>(dataset: &'a Dataset, options: &'a FrameOptions) -> &'a str {
    let manifest = &dataset.manifest;
    match (&options.editorial.title, options.lang) {
        (Some(title), _) => title,
        (None, Lang::Arabic) if !manifest.title_ar.is_empty() => &manifest.title_ar,
        (None, _) => &manifest.title,
    }
}

/// The line under the title on `date`: the desk's subtitle with its `{date}`, `{day}` and
/// `{total}` filled in, else the frame's own date line.
pub fn date_line(dataset: &Dataset, options: &FrameOptions, date: Date) -> String {
    let words = Words::of(options.lang);
    let period = &dataset.manifest.period;
    let day = (date - period.start).get_days() + 1;
    let total = (period.end - period.start).get_days() + 1;
    let values = [("date", words.date(date)), ("day", day.to_string()), ("total", total.to_string())];
    let template = options.editorial.subtitle.as_deref().unwrap_or(words.subtitle);
    fill(template, &values.each_ref().map(|(k, v)| (*k, v.as_str())))
}

/// The title block of a frame, wrapped to its width.
pub struct Header {
    title: Vec<String>,
    /// The most lines a date line of the period wraps to.
    date_lines: usize,
    width: f64,
}

impl Header {
    /// The title block of frames with `options`, across the text width `width`.
    pub fn plan(dataset: &Dataset, options: &FrameOptions, width: f64) -> Header {
        let title = wrap(title(dataset, options), TITLE_SIZE, true, width);
        // Month names differ in length: one date of each month measures the widest line.
        let start = dataset.manifest.period.start;
        let date_lines = (0..12)
            .map(|month| start.first_of_month().saturating_add(month.months()).saturating_add(27.days()))
            .chain([dataset.manifest.period.end])
            .map(|date| wrap(&date_line(dataset, options, date), DATE_SIZE, false, width).len())
            .max()
            .unwrap_or(1);
        Header { title, date_lines, width }
    }

    /// From the top of the frame to the top of the map.
    pub fn height(&self) -> f64 {
        self.first_date_baseline() + DATE_LEADING * self.date_lines.saturating_sub(1) as f64 + BELOW
    }

    fn first_date_baseline(&self) -> f64 {
        FIRST_BASELINE + TITLE_LEADING * self.title.len().saturating_sub(1) as f64 + DATE_GAP
    }

    /// The title and the date line of one date.
    pub fn draw(&self, theme: &Theme, date_line: &str, left: f64, dir: Direction) -> Group {
        self.title_lines(theme, left, dir).add(self.date_line(theme, date_line, left, dir))
    }

    /// The title and the date line of each date of `motion`, each shown on its date.
    pub fn draw_animated(
        &self,
        theme: &Theme,
        date_lines: &[String],
        motion: &Motion,
        left: f64,
        dir: Direction,
    ) -> Group {
        self.title_lines(theme, left, dir).add(motion.dates(date_lines, |line| self.date_line(theme, line, left, dir)))
    }

    fn title_lines(&self, theme: &Theme, left: f64, dir: Direction) -> Group {
        let span = (left, left + self.width);
        let group = Group::new().set("id", "title-block").set("class", "title-block");
        self.title.iter().enumerate().fold(group, |group, (i, line)| {
            let y = FIRST_BASELINE + TITLE_LEADING * i as f64;
            group.add(furniture::line(theme, dir, span, y, TITLE_SIZE, line).set("font-weight", "bold"))
        })
    }

    /// A date line: one text element, or a group of them when it wraps.
    fn date_line(&self, theme: &Theme, text: &str, left: f64, dir: Direction) -> Element {
        let span = (left, left + self.width);
        let mut lines: Vec<Element> = wrap(text, DATE_SIZE, false, self.width)
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let y = self.first_date_baseline() + DATE_LEADING * i as f64;
                furniture::line(theme, dir, span, y, DATE_SIZE, line).set("fill", theme.muted_ink.clone())
            })
            .collect();
        if lines.len() == 1 {
            return lines.remove(0);
        }
        let mut group = Element::new("g").set("class", "date-line").set("fill", theme.muted_ink.clone());
        lines.into_iter().for_each(|line| svg::Node::append(&mut group, line));
        group
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset() -> Dataset {
        Dataset::load(Some(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny"))).unwrap()
    }

    fn options(dataset: &Dataset) -> FrameOptions {
        FrameOptions {
            date: dataset.manifest.period.start,
            width: 1200.0,
            view: dataset.manifest.area,
            lang: Lang::English,
            theme: Theme::default(),
            furniture: Default::default(),
            editorial: Default::default(),
            aspect: None,
        }
    }

    #[test]
    fn one_line_each_keeps_the_block_as_it_was() {
        let dataset = dataset();
        let header = Header::plan(&dataset, &options(&dataset), 1168.0);
        assert_eq!((header.title.len(), header.date_lines), (1, 1));
        assert_eq!(header.height(), 64.0);
    }

    #[test]
    fn a_desks_words_replace_the_datasets_and_wrap_to_the_width() {
        let dataset = dataset();
        let mut options = options(&dataset);
        options.editorial.title = Some("The fall of east Mosul, from the first villages to the river".into());
        options.editorial.subtitle = Some("Day {day} of {total}: {date}".into());
        assert_eq!(date_line(&dataset, &options, "2016-10-20".parse().unwrap()), "Day 5 of 77: 20 October 2016");
        let header = Header::plan(&dataset, &options, 300.0);
        assert!(header.title.len() > 1, "{:?}", header.title);
        assert!(header.title.iter().all(|l| crate::render::labels::text_width(l, TITLE_SIZE, true) <= 300.0));
        assert!(header.height() > 64.0);
    }
}

//! The timeline chart: what each side held in a region, day by day over the dataset's
//! period, with the dataset's milestones marked. A figure for the page after a map.

use jiff::ToSpan;
use jiff::civil::Date;
use svg::Document;
use svg::node::element::{Group, Line, Polyline, Rectangle, Title};

use crate::dataset::Dataset;
use crate::dataset::manifest::Region;
use crate::model::control::Timeline;
use crate::model::stats::{self, Areas};
use crate::render::style::{self, Set, Style, px};
use crate::render::theme::Theme;

/// What the chart plots for each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Metric {
    /// Territory, km² (geodesic).
    #[default]
    Area,
    /// Places held.
    Places,
}

const HEIGHT: f64 = 440.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 84.0;
const BOTTOM: f64 = 56.0;

/// The chart of `region` over the whole period as SVG text, `width` pixels wide, with
/// `mark` (the date of the map it goes with) drawn as a solid line.
pub fn svg(
    dataset: &Dataset,
    region: &Region,
    metric: Metric,
    width: f64,
    theme: &Theme,
    mark: Option<Date>,
) -> String {
    let timeline = Timeline::new(dataset);
    let areas = Areas::new(dataset);
    let period = &dataset.manifest.period;
    let days = i64::from((period.end - period.start).get_days().max(1));
    let dates: Vec<Date> = (0..=days).map(|d| period.start.saturating_add(d.days())).collect();
    let sides = dataset.manifest.sides.all();
    let colours = Style::new(theme.clone(), &dataset.manifest.sides);
    // values[side][day]
    let mut values = vec![Vec::with_capacity(dates.len()); sides.len()];
    for &date in &dates {
        let day = stats::at(dataset, &timeline, &areas, region, date);
        for (side, info) in sides.iter().enumerate() {
            let held = day.side(&info.id);
            let value = match metric {
                Metric::Area => held.and_then(|s| s.area_km2).unwrap_or(0.0),
                Metric::Places => held.map_or(0.0, |s| s.places as f64),
            };
            values[side].push(value);
        }
    }
    let top = nice_ceiling(values.iter().flatten().copied().fold(0.0, f64::max));
    let plot =
        Plot { left: LEFT, top: TOP, width: width - LEFT - RIGHT, height: HEIGHT - TOP - BOTTOM, days, top_value: top };

    let unit = match metric {
        Metric::Area => "km² of territory (geodesic)",
        Metric::Places => "places held",
    };
    let title = format!("{}: {unit} per side, {}", dataset.manifest.title, region.label);
    let mut document = Document::new()
        .set("width", px(width))
        .set("height", px(HEIGHT))
        .set("viewBox", format!("0 0 {} {}", px(width), px(HEIGHT)))
        .set("role", "img")
        .add(Title::new(style::clean(&title)))
        .add(Rectangle::new().set("width", "100%").set("height", "100%").set("fill", theme.paper.clone()))
        .add(text(theme, (LEFT, 26.0), 16.0, &title).set("font-weight", "bold"))
        .add(text(theme, (LEFT, 44.0), 11.0, &format!("{} to {}, day by day", period.start, period.end)));
    document = document.add(axes(&plot, &dates, theme)).add(milestones(dataset, &plot, theme));
    for (side, series) in values.iter().enumerate() {
        let points: Vec<String> = series
            .iter()
            .enumerate()
            .map(|(day, &v)| format!("{},{}", px(plot.x(day as i64)), px(plot.y(v))))
            .collect();
        let line = Polyline::new()
            .set("points", points.join(" "))
            .set("fill", "none")
            .set("stroke", colours.side_colour(side).to_string())
            .set("stroke-width", "2")
            .set("stroke-linejoin", "round")
            .set("class", "series")
            .set("data-side", sides[side].id.clone());
        document = document.add(line);
    }
    if let Some(date) = mark.filter(|&d| period.contains(d)) {
        document = document.add(marked_date(&plot, i64::from((date - period.start).get_days()), date, theme));
    }
    document = document.add(key(dataset, width, &colours));
    document.to_string() + "\n"
}

/// The plotting rectangle and its scales.
struct Plot {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    days: i64,
    top_value: f64,
}

impl Plot {
    fn x(&self, day: i64) -> f64 {
        self.left + self.width * day as f64 / self.days as f64
    }

    fn y(&self, value: f64) -> f64 {
        self.top + self.height * (1.0 - value / self.top_value)
    }
}

/// A round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above
/// `value`, so that a quarter of it is round too.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 1.2, 1.6, 2.0, 2.4, 3.2, 4.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&v| v >= value * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

fn text(theme: &Theme, at: (f64, f64), size: f64, content: &str) -> svg::node::element::Element {
    style::themed_text(theme, at, size, content)
}

/// The frame, value gridlines with labels, and a tick at the start of every month.
fn axes(plot: &Plot, dates: &[Date], theme: &Theme) -> Group {
    let mut group = Group::new().set("class", "axes");
    let line = |(x1, y1): (f64, f64), (x2, y2): (f64, f64), colour: &str| {
        Line::new()
            .set("x1", px(x1))
            .set("y1", px(y1))
            .set("x2", px(x2))
            .set("y2", px(y2))
            .set("stroke", colour.to_string())
            .set("stroke-width", "0.6")
    };
    for step in 0..=4 {
        let value = plot.top_value * f64::from(step) / 4.0;
        let y = plot.y(value);
        group = group
            .add(line((plot.left, y), (plot.left + plot.width, y), &theme.legend_border))
            .add(text(theme, (plot.left - 6.0, y + 4.0), 10.0, &format!("{value}")).set("text-anchor", "end"));
    }
    for (day, date) in dates.iter().enumerate().filter(|(_, d)| d.day() == 1) {
        let x = plot.x(day as i64);
        let bottom = plot.top + plot.height;
        let label = date.strftime("%b %Y").to_string();
        group = group
            .add(line((x, bottom), (x, bottom + 5.0), &theme.ink))
            .add(text(theme, (x, bottom + 18.0), 10.0, &label).set("text-anchor", "middle"));
    }
    group.add(line((plot.left, plot.top + plot.height), (plot.left + plot.width, plot.top + plot.height), &theme.ink))
}

/// A dashed line and a label for each milestone of the dataset.
fn milestones(dataset: &Dataset, plot: &Plot, theme: &Theme) -> Group {
    let period = &dataset.manifest.period;
    let mut group = Group::new().set("class", "milestones");
    for (i, milestone) in dataset.manifest.milestones.iter().enumerate() {
        let day = i64::from((milestone.date - period.start).get_days());
        let x = plot.x(day);
        // Labels alternate between two rows so that neighbours do not collide.
        let y = plot.top - 8.0 - 12.0 * (i % 2) as f64;
        group = group
            .add(
                Line::new()
                    .set("x1", px(x))
                    .set("y1", px(y + 3.0))
                    .set("x2", px(x))
                    .set("y2", px(plot.top + plot.height))
                    .set("stroke", theme.muted_ink.clone())
                    .set("stroke-width", "0.8")
                    .set("stroke-dasharray", "3 3"),
            )
            .add(
                // Centred on its line, but kept inside the chart at either end.
                text(theme, (x, y), 10.0, &milestone.label)
                    .set("text-anchor", label_anchor(x, &milestone.label, plot))
                    .set("fill", theme.muted_ink.clone())
                    .set("data-date", milestone.date.to_string()),
            );
    }
    group
}

/// A solid line at `day` with its date under the axis: where the map above stands.
fn marked_date(plot: &Plot, day: i64, date: Date, theme: &Theme) -> Group {
    let x = plot.x(day);
    let bottom = plot.top + plot.height;
    Group::new()
        .set("class", "mark")
        .set("data-date", date.to_string())
        .add(
            Line::new()
                .set("x1", px(x))
                .set("y1", px(plot.top))
                .set("x2", px(x))
                .set("y2", px(bottom))
                .set("stroke", theme.ink.clone())
                .set("stroke-width", "1.6"),
        )
        .add(
            text(theme, (x, bottom + 32.0), 10.0, &date.to_string())
                .set("text-anchor", "middle")
                .set("font-weight", "bold"),
        )
}

fn label_anchor(x: f64, label: &str, plot: &Plot) -> &'static str {
    let half = crate::render::labels::text_width(label, 10.0, false) / 2.0;
    if x - half < plot.left - LEFT + 4.0 {
        "start"
    } else if x + half > plot.left + plot.width + RIGHT - 4.0 {
        "end"
    } else {
        "middle"
    }
}

/// The sides' colours and names, along the bottom.
fn key(dataset: &Dataset, width: f64, colours: &Style) -> Group {
    let theme = &colours.theme;
    let mut group = Group::new().set("class", "key");
    let mut x = LEFT;
    let y = HEIGHT - 12.0;
    for (side, info) in dataset.manifest.sides.all().iter().enumerate() {
        let colour = colours.side_colour(side).to_string();
        group = group
            .add(
                Line::new()
                    .set("x1", px(x))
                    .set("y1", px(y - 4.0))
                    .set("x2", px(x + 18.0))
                    .set("y2", px(y - 4.0))
                    .set("stroke", colour)
                    .set("stroke-width", "2"),
            )
            .add(text(theme, (x + 24.0, y), 11.0, &info.label));
        x += 24.0 + crate::render::labels::text_width(&info.label, 11.0, false) + 24.0;
        if x > width - RIGHT {
            break;
        }
    }
    group
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ceilings_are_round() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(7.0), 8.0);
        assert_eq!(nice_ceiling(130.0), 160.0);
        assert_eq!(nice_ceiling(200.1), 240.0);
        assert_eq!(nice_ceiling(400.0), 400.0);
    }
}

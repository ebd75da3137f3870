//! What a frame says in words: the legend's rows, the caption of the day's changes, the
//! title and date lines, the colophon and the text alternative read by screen readers.

use jiff::civil::Date;

use crate::model::control::{Change, Control};
use crate::render::areas;
use crate::render::frame::Frame;
use crate::render::furniture::{LegendRow, Swatch};
use crate::render::style;
use crate::render::words::fill;

impl Frame<'_> {
    /// The legend of an animation: what each colour and mark means, without the day's counts.
    pub(super) fn legend_reserve_without_counts(&self) -> Vec<LegendRow> {
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

    /// The caption under the map: every place whose control changed on the date, with the
    /// side that holds it after, the force and the source.
    pub(super) fn caption_lines(&self) -> Vec<String> {
        if self.changes.is_empty() {
            return Vec::new();
        }
        let mut lines = vec![fill(self.words().changes_heading, &[("date", &self.date_text())])];
        lines.extend(self.changes.iter().map(|c| self.describe_change(c)));
        lines
    }

    pub(super) fn describe_change(&self, change: &Change) -> String {
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

    /// The largest legend this view can need on any date: every side with the largest
    /// count, every state, every kind of area. Its size decides where labels may go.
    pub(super) fn legend_reserve(&self) -> Vec<LegendRow> {
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
    pub(super) fn shape_rows(&self) -> Vec<LegendRow> {
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
    pub(super) fn legend_rows(&self) -> Vec<LegendRow> {
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

    pub(super) fn title(&self) -> String {
        let date = match &self.motion {
            Some((motion, _)) => {
                let (first, last) = (motion.dates[0], motion.dates[motion.dates.len() - 1]);
                format!("{} – {}", self.words().date(first), self.words().date(last))
            }
            None => self.date_text(),
        };
        fill(self.words().title, &[("title", self.dataset_title()), ("date", &date)])
    }

    pub(super) fn subtitle(&self) -> String {
        self.subtitle_on(self.options.date)
    }

    pub(super) fn subtitle_on(&self, date: Date) -> String {
        let period = &self.dataset.manifest.period;
        let day = (date - period.start).get_days() + 1;
        let total = (period.end - period.start).get_days() + 1;
        let values = [("date", self.words().date(date)), ("day", day.to_string()), ("total", total.to_string())];
        fill(self.words().subtitle, &values.each_ref().map(|(k, v)| (*k, v.as_str())))
    }

    /// How the map was made: its projection and the tool.
    pub(super) fn colophon(&self) -> String {
        let values = [
            ("lon", format!("{:.2}", self.projection.lon0)),
            ("lat", format!("{:.2}", self.projection.lat0)),
            ("version", env!("CARGO_PKG_VERSION").to_string()),
        ];
        fill(self.words().projection, &values.each_ref().map(|(k, v)| (*k, v.as_str())))
    }

    /// The text alternative of the map: who holds how much, what is contested or
    /// besieged, what changed on the day, and which labels were left out.
    pub(super) fn description(&self) -> String {
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

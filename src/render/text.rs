//! What a frame says in words: the legend's rows, the caption of the day's changes, the
//! title and date lines, the colophon and the text alternative read by screen readers.

use std::borrow::Cow;

use crate::dataset::gazetteer::PlaceId;
use crate::model::control::{Change, Control};
use crate::render::areas;
use crate::render::frame::Frame;
use crate::render::furniture::{LegendRow, Swatch};
use crate::render::style;
use crate::render::words::fill;

impl Frame<'_> {
    /// A place's name as set in a line of text: isolated (see [`isolated`]).
    fn name_in_text(&self, id: PlaceId) -> Cow<'_, str> {
        isolated(self.place_name(id))
    }

    /// A side's label as set in a line of text: isolated (see [`isolated`]).
    fn side_in_text(&self, side: usize) -> Cow<'_, str> {
        isolated(self.side_label(side))
    }

    /// The legend of an animation: what each colour and mark means, without the day's counts.
    pub(super) fn legend_reserve_without_counts(&self) -> Vec<LegendRow> {
        let words = self.words();
        let mut rows: Vec<LegendRow> = (0..self.dataset.manifest.sides.len())
            .map(|side| LegendRow {
                swatch: Swatch::Marker(style::Shape::Circle, Control::Held(side)),
                text: self.side_in_text(side).into_owned(),
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
        rows.push(LegendRow { swatch: self.land_swatch(), text: words.no_information_row.into() });
        rows.extend(self.shape_rows());
        rows
    }

    /// The caption under the map: every place whose control changed on the date, with the
    /// side that holds it after, the force and the source.
    ///
    /// Places that changed the same way on the word of the same source share a line, and
    /// sources are named by a short form (the full address is in the description); a busy
    /// day shows its first groups and says how many more there are.
    pub(super) fn caption_lines(&self) -> Vec<String> {
        self.caption_lines_upto(CAPTION_GROUPS)
    }

    /// The caption listing at most `most` groups of changes, then how many places more.
    pub(super) fn caption_lines_upto(&self, most: usize) -> Vec<String> {
        if self.changes.is_empty() {
            return Vec::new();
        }
        let words = self.words();
        // (what happened, source) -> the places and the forces, in the order first met.
        let mut groups: Vec<CaptionGroup> = Vec::new();
        for change in &self.changes {
            let event = &self.dataset.events[change.event];
            let key = (self.state_after(change), isolated(&short_source(&event.source)).into_owned());
            let index = match groups.iter().position(|(k, ..)| *k == key) {
                Some(index) => index,
                None => {
                    groups.push((key, Vec::new(), Vec::new()));
                    groups.len() - 1
                }
            };
            let (_, places, actors) = &mut groups[index];
            places.push(change.place);
            let actor = isolated(&event.actor).into_owned();
            if !actor.is_empty() && !actors.contains(&actor) {
                actors.push(actor);
            }
        }
        let mut lines = vec![fill(words.changes_heading, &[("date", &self.date_text())])];
        let most = most.min(CAPTION_GROUPS);
        for ((what, source), places, actors) in groups.iter().take(most) {
            let what = with_actors(what, actors);
            lines.push(format!("{}: {what}. {}: {source}", self.name_list(places), words.source));
        }
        if groups.len() > most {
            let rest: usize = groups[most..].iter().map(|(_, places, _)| places.len()).sum();
            lines.push(fill(words.more_changes, &[("n", &rest.to_string())]));
        }
        lines
    }

    /// The names of `places`, the first few and how many more.
    fn name_list(&self, places: &[PlaceId]) -> String {
        let words = self.words();
        // "and 1 more" would take the room of the one name it hides.
        let shown = if places.len() > CAPTION_NAMES + 1 { CAPTION_NAMES } else { places.len() };
        let names: Vec<Cow<str>> = places.iter().take(shown).map(|&p| self.name_in_text(p)).collect();
        let mut list = names.join(words.comma);
        if places.len() > shown {
            let more = (places.len() - shown).to_string();
            list.push_str(&fill(words.and_more, &[("n", &more)]));
        }
        list
    }

    pub(super) fn describe_change(&self, change: &Change) -> String {
        let event = &self.dataset.events[change.event];
        let words = self.words();
        let actors: Vec<String> = [isolated(&event.actor).into_owned()].into_iter().filter(|a| !a.is_empty()).collect();
        let what = with_actors(&self.state_after(change), &actors);
        format!("{}: {what}. {}: {}", self.name_in_text(change.place), words.source, isolated(&event.source))
    }

    /// What a place became: its state after the change, in words.
    fn state_after(&self, change: &Change) -> String {
        let words = self.words();
        let event = &self.dataset.events[change.event];
        match change.after {
            Control::Held(side) => {
                fill(words.held_by, &[("status", words.status(event.status)), ("side", &self.side_in_text(side))])
            }
            Control::Contested { attacker, defender } => fill(
                words.contested,
                &[("attacker", &self.side_in_text(attacker)), ("defender", &self.side_in_text(defender))],
            ),
            Control::Besieged { holder, besieger: Some(besieger) } => fill(
                words.besieged,
                &[("holder", &self.side_in_text(holder)), ("besieger", &self.side_in_text(besieger))],
            ),
            Control::Besieged { holder, besieger: None } => {
                fill(words.besieged_unknown, &[("holder", &self.side_in_text(holder))])
            }
        }
    }

    /// The largest legend this view can need on any date: every side with the largest
    /// count, every state, every kind of area. Its size decides where labels may go.
    pub(super) fn legend_reserve(&self) -> Vec<LegendRow> {
        let words = self.words();
        let most = self.markers.len().to_string();
        let sides = (0..self.dataset.manifest.sides.len()).map(|side| format!("{} ({most})", self.side_in_text(side)));
        let states = [words.contested_row, words.besieged_row].map(|row| fill(row, &[("n", &most)]));
        let areas = [
            words.changed_row,
            words.shading_row,
            words.no_information_row,
            words.hatching_row,
            words.low_confidence_row,
            words.front_row,
        ];
        let mut rows: Vec<LegendRow> = sides
            .chain(states)
            .chain(areas.map(str::to_string))
            .map(|text| LegendRow { swatch: Swatch::Highlight, text })
            .collect();
        rows.extend(self.shape_rows());
        rows
    }

    /// Bare land, as ground no place tells of is drawn.
    fn land_swatch(&self) -> Swatch {
        Swatch::Area(self.style.theme.land.clone(), 1.0)
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
                let text = format!("{} ({count})", self.side_in_text(side));
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
            rows.push(LegendRow { swatch: self.land_swatch(), text: words.no_information_row.into() });
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
        fill(self.words().title, &[("title", &isolated(self.dataset_title())), ("date", &date)])
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
        let names = |filter: &dyn Fn(Control) -> bool| -> Vec<String> {
            self.markers
                .iter()
                .filter(|&&(id, ..)| filter(self.state.control(id)))
                .map(|&(id, ..)| self.name_in_text(id).into_owned())
                .collect()
        };
        let count = self.markers.len().to_string();
        let mut parts = vec![fill(
            words.description,
            &[("n", &count), ("title", &isolated(self.dataset_title())), ("date", &self.date_text())],
        )];
        let held: Vec<String> = (0..self.dataset.manifest.sides.len())
            .map(|side| {
                let holds = |c: Control| {
                    c == Control::Held(side) || matches!(c, Control::Besieged { holder, .. } if holder == side)
                };
                (side, names(&holds).len())
            })
            .filter(|(_, n)| *n > 0)
            .map(|(side, n)| fill(words.holds, &[("side", &self.side_in_text(side)), ("n", &n.to_string())]))
            .collect();
        if !held.is_empty() {
            parts.push(format!("{}.", held.join(words.semicolon)));
        }
        let mut list = |heading: &str, items: Vec<String>, separator: &str| {
            if !items.is_empty() {
                parts.push(format!("{heading}: {}.", items.join(separator)));
            }
        };
        list(words.contested_list, names(&|c| matches!(c, Control::Contested { .. })), words.comma);
        list(words.besieged_list, names(&|c| matches!(c, Control::Besieged { .. })), words.comma);
        let changes = self.changes.iter().map(|c| self.describe_change(c)).collect();
        list(words.changed_list, changes, words.semicolon);
        let dropped =
            self.labels.iter().flat_map(|l| &l.dropped).map(|&id| self.name_in_text(id).into_owned()).collect();
        list(words.dropped_list, dropped, words.comma);
        parts.join(" ")
    }
}

/// Places that changed the same way on the same source's word, with the forces named.
type CaptionGroup = ((String, String), Vec<PlaceId>, Vec<String>);

/// `what` followed by the forces that did it, in brackets; a force the side's label already
/// names ("Kurdistan Region (Peshmerga)") is not said twice.
fn with_actors(what: &str, actors: &[String]) -> String {
    let new: Vec<&str> = actors.iter().map(String::as_str).filter(|a| !what.contains(&format!("({a})"))).collect();
    if new.is_empty() { what.to_string() } else { format!("{what} ({})", new.join("; ")) }
}

/// Text from data set in a line of the frame's prose (caption, description, legend,
/// title), inside a first-strong isolate (U+2068 … U+2069): its direction is its own, and a
/// right-to-left name, or a bidi override in one, reorders nothing outside it. Its own
/// isolate controls are dropped so that it cannot close the isolate early (a closing U+2069
/// also ends every embedding and override opened inside). ASCII and typographic
/// punctuation (dashes, quotes, the ellipsis: U+2010 to U+2027) have no right-to-left
/// letter and no bidi control, so text made only of them is left as it is.
pub(super) fn isolated(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c.is_ascii() || ('\u{2010}'..='\u{2027}').contains(&c)) {
        return Cow::Borrowed(text);
    }
    let inner: String = text.chars().filter(|c| !('\u{2066}'..='\u{2069}').contains(c)).collect();
    Cow::Owned(format!("\u{2068}{inner}\u{2069}"))
}

/// Groups of changes the caption lists before it says how many more there are.
pub(super) const CAPTION_GROUPS: usize = 6;
/// Names a caption line lists before it says how many more there are.
const CAPTION_NAMES: usize = 8;
/// The longest short form of a source, in characters.
const SHORT_SOURCE: usize = 60;

/// A source as the caption names it: a web address as its site and the tail of its path
/// (`musingsoniraq.blogspot.com/…/mosul-campaign-day-23.html`), a section of the seed
/// article as `seed: ` and the section, either cut to [`SHORT_SOURCE`] characters.
pub fn short_source(source: &str) -> String {
    let short = match source.split_once("://") {
        Some((_, rest)) => {
            let rest = rest.split(['?', '#']).next().unwrap_or(rest);
            let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = host.strip_prefix("www.").unwrap_or(host);
            let path = path.trim_end_matches('/');
            match path.rsplit('/').next().filter(|tail| !tail.is_empty()) {
                Some(tail) if path.contains('/') => format!("{host}/…/{tail}"),
                Some(tail) => format!("{host}/{tail}"),
                None => host.to_string(),
            }
        }
        None => match source.strip_prefix("seed:") {
            Some(section) => format!("seed: {}", section.trim()),
            None => source.to_string(),
        },
    };
    if short.chars().count() <= SHORT_SOURCE {
        return short;
    }
    let cut: String = short.chars().take(SHORT_SOURCE - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::short_source;

    #[test]
    fn sources_are_named_by_site_and_path_tail() {
        assert_eq!(
            short_source("https://musingsoniraq.blogspot.com/2016/11/mosul-campaign-day-23.html"),
            "musingsoniraq.blogspot.com/…/mosul-campaign-day-23.html"
        );
        assert_eq!(
            short_source("https://www.rudaw.net/english/middleeast/iraq/071120166?x=1"),
            "rudaw.net/…/071120166"
        );
        assert_eq!(short_source("http://example.org/"), "example.org");
        assert_eq!(short_source("http://example.org/page"), "example.org/page");
        assert_eq!(short_source("seed:January 2017: Capturing east Mosul"), "seed: January 2017: Capturing east Mosul");
        let long =
            short_source("https://example.org/a/this-is-a-very-long-article-slug-that-goes-on-and-on-and-on.html");
        assert_eq!(long.chars().count(), 60);
        assert!(long.ends_with('…'));
    }
}

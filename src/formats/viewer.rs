//! The HTML viewer: one self-contained page (no network, no CDN) with the animated map, a
//! date slider, play and step buttons, keyboard control, and the events of the date shown
//! with their sources as links.
//!
//! The map is the animated SVG of [`crate::formats::animate::animated_svg`], inlined and paused: the
//! page moves the SVG's clock to the date chosen (`setCurrentTime`), so the page and the
//! animated SVG can never show different maps. The events travel as JSON in a
//! `<script type="application/json">` block; the page's script builds the list with
//! `textContent`, never `innerHTML`, so names and notes from the data stay text.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::dataset::Dataset;
use crate::formats::animate::Timing;
use crate::model::control::{Control, Timeline};
use crate::render::{FrameOptions, Lang, Words};

const SCRIPT: &str = include_str!("viewer/viewer.js");
const STYLE: &str = include_str!("viewer/viewer.css");

/// Everything the page's script reads.
#[derive(Debug, Serialize)]
struct PageData {
    /// Where date `i` sits on the SVG's clock: `i * seconds_per_date`.
    seconds_per_date: f64,
    /// The default pace of play.
    frame_ms: u32,
    dates: Vec<String>,
    /// Each date as the page shows it ("24 January 2017").
    labels: Vec<String>,
    /// For each date, the events since the date before it (on the first date, that day's).
    events: Vec<Vec<EventEntry>>,
    /// Each place by its id, for the panel that opens when it is clicked.
    places: BTreeMap<String, PlaceEntry>,
}

/// A place as the panel shows it: its name and each control it had up to the last date.
#[derive(Debug, Serialize)]
struct PlaceEntry {
    name: String,
    /// Oldest first; the panel shows the last one whose `from` is not after the date shown.
    states: Vec<PlaceStateEntry>,
}

/// One control of a place, from the day it took effect.
#[derive(Debug, Serialize)]
struct PlaceStateEntry {
    /// The effective date (`YYYY-MM-DD`); empty (and left out) for the state the dataset
    /// starts from. Empty fields are left out of the page, which lists every place.
    #[serde(skip_serializing_if = "String::is_empty")]
    from: String,
    state: &'static str,
    side: String,
    /// The event's date as the dataset writes it (a day, a month or a range); empty for
    /// the starting state.
    #[serde(skip_serializing_if = "String::is_empty")]
    since: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    actor: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    source: String,
}

/// An event as the viewer lists it.
#[derive(Debug, Serialize)]
struct EventEntry {
    /// As written in the dataset: a day, a month or a range.
    date: String,
    place: String,
    status: &'static str,
    side: String,
    actor: String,
    note: String,
    /// A URL (shown as a link) or a section of the seed article (shown as text).
    source: String,
}

/// The fixed words of the page in one language.
struct PageWords {
    previous: &'static str,
    next: &'static str,
    play: &'static str,
    pause: &'static str,
    slider: &'static str,
    speed: &'static str,
    events: &'static str,
    no_events: &'static str,
    source: &'static str,
    keys: &'static str,
    zoom_in: &'static str,
    zoom_out: &'static str,
    zoom_reset: &'static str,
    /// The map's accessible name, saying what its keys do.
    map: &'static str,
    close: &'static str,
    /// Shown when the address asks for a date the page does not have: `{asked}`, `{first}`,
    /// `{last}` and `{shown}` are filled in.
    clamped: &'static str,
    /// The place panel's words: "held by Government since 20 October 2016 (CTS)".
    since: &'static str,
    by: &'static str,
    /// A place no event has changed yet.
    from_start: &'static str,
    /// A place's state: held, contested, besieged.
    states: [&'static str; 3],
}

impl PageWords {
    fn state(&self, control: Control) -> &'static str {
        match control {
            Control::Held(_) => self.states[0],
            Control::Contested { .. } => self.states[1],
            Control::Besieged { .. } => self.states[2],
        }
    }
}

const ENGLISH: PageWords = PageWords {
    previous: "Previous date",
    next: "Next date",
    play: "Play",
    pause: "Pause",
    slider: "Date",
    speed: "Speed",
    events: "Events",
    no_events: "No event recorded.",
    source: "source",
    keys: "Keys: ← → step, Home/End first/last, space play/pause, + − zoom; on the map: arrows pan, 0 resets. Click a place for its state.",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom_reset: "Whole map",
    map: "Map. + and − zoom, arrow keys pan, 0 shows the whole map; drag or pinch to move.",
    close: "Close",
    clamped: "{asked} is not among this map's dates ({first} to {last}): showing {shown}.",
    since: "since",
    by: "by",
    from_start: "unchanged since the start of the dataset",
    states: ["held", "contested", "besieged"],
};

const ARABIC: PageWords = PageWords {
    previous: "التاريخ السابق",
    next: "التاريخ التالي",
    play: "تشغيل",
    pause: "إيقاف",
    slider: "التاريخ",
    speed: "السرعة",
    events: "الأحداث",
    no_events: "لا أحداث مسجّلة.",
    source: "المصدر",
    keys: "المفاتيح: ← → للتنقل، Home/End للبداية/النهاية، المسافة للتشغيل/الإيقاف، + − للتكبير؛ على الخريطة: الأسهم للتحريك، 0 للخريطة كاملة. انقر مكانًا لمعرفة حالته.",
    zoom_in: "تكبير",
    zoom_out: "تصغير",
    zoom_reset: "الخريطة كاملة",
    map: "الخريطة. + و − للتكبير والتصغير، الأسهم للتحريك، 0 للخريطة كاملة؛ اسحب أو اقرص للتحريك.",
    close: "إغلاق",
    clamped: "{asked} ليس من تواريخ هذه الخريطة ({first} إلى {last}): يُعرض {shown}.",
    since: "منذ",
    by: "بواسطة",
    from_start: "دون تغيير منذ بداية البيانات",
    states: ["تحت السيطرة", "متنازع عليه", "محاصر"],
};

impl PageWords {
    fn of(lang: Lang) -> &'static PageWords {
        match lang {
            Lang::English => &ENGLISH,
            Lang::Arabic => &ARABIC,
        }
    }
}

/// The viewer page for `dates` (at least one), drawn with `options`.
pub fn html(dataset: &Dataset, timeline: &Timeline, options: &FrameOptions, dates: &[Date], timing: Timing) -> String {
    let svg = crate::formats::animate::animated_svg(dataset, timeline, options, dates, timing);
    let data = page_data(dataset, timeline, options.lang, dates, timing);
    let title = options.editorial.title.as_deref().unwrap_or(&dataset.manifest.title);
    page(title, options.lang, &svg, &data)
}

fn page_data(dataset: &Dataset, timeline: &Timeline, lang: Lang, dates: &[Date], timing: Timing) -> PageData {
    let words = Words::of(lang);
    let events = dates
        .iter()
        .enumerate()
        .map(|(i, &date)| {
            let since = if i == 0 { date.yesterday().unwrap_or(date) } else { dates[i - 1] };
            events_between(dataset, timeline, lang, (since, date))
        })
        .collect();
    PageData {
        seconds_per_date: f64::from(timing.frame_ms) / 1000.0,
        frame_ms: timing.frame_ms,
        dates: dates.iter().map(Date::to_string).collect(),
        labels: dates.iter().map(|&d| words.date(d)).collect(),
        events,
        places: places(dataset, timeline, lang, dates.last().copied()),
    }
}

/// Every place's controls up to `until`, for the place panel.
fn places(dataset: &Dataset, timeline: &Timeline, lang: Lang, until: Option<Date>) -> BTreeMap<String, PlaceEntry> {
    let (sides, words) = (&dataset.manifest.sides, PageWords::of(lang));
    let side_label = |side| {
        let side = sides.get(side);
        match lang {
            Lang::Arabic if !side.label_ar.is_empty() => side.label_ar.clone(),
            _ => side.label.clone(),
        }
    };
    let start = Control::Held(dataset.manifest.default_side);
    let first = |control: Control| PlaceStateEntry {
        from: String::new(),
        state: words.state(control),
        side: side_label(control.holder()),
        since: String::new(),
        actor: String::new(),
        source: String::new(),
    };
    (0..dataset.gazetteer.len())
        .map(|id| {
            let place = dataset.gazetteer.get(id);
            let steps = timeline.history(id).filter(|step| until.is_none_or(|last| step.date <= last));
            let states = std::iter::once(first(start))
                .chain(steps.map(|step| {
                    let event = &dataset.events[step.event];
                    PlaceStateEntry {
                        from: step.date.to_string(),
                        state: words.state(step.after),
                        side: side_label(step.after.holder()),
                        since: event.date.to_string(),
                        actor: event.actor.clone(),
                        source: event.source.clone(),
                    }
                }))
                .collect();
            let name = match lang {
                Lang::Arabic if !place.name_ar.is_empty() => place.name_ar.clone(),
                _ => place.name.clone(),
            };
            (place.id.clone(), PlaceEntry { name, states })
        })
        .collect()
}

/// The events that take effect after `since` and up to `until`, in replay order.
fn events_between(dataset: &Dataset, timeline: &Timeline, lang: Lang, (since, until): (Date, Date)) -> Vec<EventEntry> {
    let steps = timeline.steps();
    let first = steps.partition_point(|s| s.date <= since);
    let end = steps.partition_point(|s| s.date <= until);
    let sides = &dataset.manifest.sides;
    steps[first..end]
        .iter()
        .map(|step| {
            let event = &dataset.events[step.event];
            let place = dataset.gazetteer.get(event.place);
            let side = sides.get(event.side);
            let place = match lang {
                Lang::Arabic if !place.name_ar.is_empty() => &place.name_ar,
                _ => &place.name,
            };
            let side = match lang {
                Lang::Arabic if !side.label_ar.is_empty() => &side.label_ar,
                _ => &side.label,
            };
            EventEntry {
                date: event.date.to_string(),
                place: place.clone(),
                status: Words::of(lang).status(event.status),
                side: side.clone(),
                actor: event.actor.clone(),
                note: event.note.clone(),
                source: event.source.clone(),
            }
        })
        .collect()
}

fn page(title: &str, lang: Lang, svg: &str, data: &PageData) -> String {
    let words = PageWords::of(lang);
    let (code, dir) = match lang {
        Lang::English => ("en", "ltr"),
        Lang::Arabic => ("ar", "rtl"),
    };
    let last = data.dates.len().saturating_sub(1);
    let first_label = data.labels.first().map(String::as_str).unwrap_or("");
    let mut html = String::with_capacity(svg.len() + 16_384);
    html.push_str("<!DOCTYPE html>\n");
    html.push_str(&format!("<html lang=\"{code}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n"));
    // Nothing may be fetched: the page is the whole of itself.
    html.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
    );
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!("<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n", escape(title)));
    // The map lays out its own right-to-left text; the page's direction must not flip it.
    // The figure takes the focus for the map's own keys (zoom, pan); it is named for them.
    html.push_str(&format!(
        "<main>\n<figure id=\"map\" dir=\"ltr\" tabindex=\"0\" role=\"group\" aria-label=\"{}\">\n{svg}\n</figure>\n",
        escape(words.map)
    ));
    html.push_str(&place_panel(words));
    html.push_str(&controls(words, last, first_label));
    html.push_str(&format!(
        "<section id=\"events-panel\" aria-live=\"polite\">\n<h2>{}: <span id=\"events-date\">{}</span></h2>\n\
         <ol id=\"events\"></ol>\n<p id=\"no-events\" hidden>{}</p>\n</section>\n</main>\n",
        escape(words.events),
        escape(first_label),
        escape(words.no_events),
    ));
    html.push_str(&format!("<script type=\"application/json\" id=\"frontline-data\">{}</script>\n", script_json(data)));
    html.push_str(&format!(
        "<script type=\"application/json\" id=\"frontline-words\">{}</script>\n",
        script_json(&serde_json::json!({
            "play": words.play, "pause": words.pause, "source": words.source, "clamped": words.clamped,
            "since": words.since, "by": words.by, "from_start": words.from_start,
        }))
    ));
    html.push_str(&format!("<script>\n{SCRIPT}</script>\n</body>\n</html>\n"));
    html
}

/// The slider, the buttons and the date shown.
fn controls(words: &PageWords, last: usize, first_label: &str) -> String {
    let speeds = [(1000, "¼×"), (500, "½×"), (250, "1×"), (125, "2×"), (60, "4×")];
    let options: String = speeds.iter().map(|(ms, label)| format!("<option value=\"{ms}\">{label}</option>")).collect();
    format!(
        "<section id=\"controls\">\n\
         <button id=\"previous\" type=\"button\" title=\"{previous}\" aria-label=\"{previous}\">&#9664;</button>\n\
         <button id=\"play\" type=\"button\" aria-pressed=\"false\">{play}</button>\n\
         <button id=\"next\" type=\"button\" title=\"{next}\" aria-label=\"{next}\">&#9654;</button>\n\
         <input id=\"date-slider\" type=\"range\" min=\"0\" max=\"{last}\" step=\"1\" value=\"0\" aria-label=\"{slider}\">\n\
         <output id=\"date\" for=\"date-slider\" aria-live=\"polite\">{first}</output>\n\
         <label>{speed} <select id=\"speed\">{options}</select></label>\n\
         <span class=\"zoom\"><button id=\"zoom-in\" type=\"button\" aria-label=\"{zoom_in}\" title=\"{zoom_in}\">+</button>\
         <button id=\"zoom-out\" type=\"button\" aria-label=\"{zoom_out}\" title=\"{zoom_out}\">&#8722;</button>\
         <button id=\"zoom-reset\" type=\"button\">{zoom_reset}</button></span>\n\
         <p id=\"notice\" role=\"alert\" hidden></p>\n\
         <p class=\"keys\">{keys}</p>\n</section>\n",
        previous = escape(words.previous),
        next = escape(words.next),
        play = escape(words.play),
        slider = escape(words.slider),
        first = escape(first_label),
        speed = escape(words.speed),
        keys = escape(words.keys),
        zoom_in = escape(words.zoom_in),
        zoom_out = escape(words.zoom_out),
        zoom_reset = escape(words.zoom_reset),
    )
}

/// The panel a clicked place opens: its name, state, since when, by whom, the source.
fn place_panel(words: &PageWords) -> String {
    format!(
        "<aside id=\"place-panel\" hidden aria-live=\"polite\" aria-labelledby=\"place-name\">\n\
         <button id=\"place-close\" type=\"button\" aria-label=\"{close}\" title=\"{close}\">&#215;</button>\n\
         <h2 id=\"place-name\"></h2>\n<p id=\"place-state\"></p>\n<p id=\"place-source\"></p>\n</aside>\n",
        close = escape(words.close)
    )
}

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` (which JSON only has
/// inside strings) are written as `\u` escapes, so no `</script>` or `<!--` can end it.
fn script_json(value: &impl Serialize) -> String {
    let json = serde_json::to_string(value).expect("page data is plain JSON");
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Text made safe for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_has_no_markup() {
        assert_eq!(escape(r#"<b a="1">&'</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;&lt;/b&gt;");
    }

    #[test]
    fn script_json_cannot_close_its_script_and_parses_back() {
        let value = serde_json::json!({ "note": "</script><!-- & -->" });
        let json = script_json(&value);
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap(), value);
    }
}

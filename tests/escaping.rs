//! Text from the data is text wherever it lands: names, notes, actors, sources and the
//! title made of markup, template keys, quotes, CDATA ends, script ends, bidi marks and
//! emoji come out of the SVG and the HTML viewer exactly as written, and never as markup.

use frontline::dataset::{Dataset, DatasetFiles};
use frontline::formats::animate::Timing;
use frontline::model::control::Timeline;
use frontline::render::{FrameOptions, Lang, frame_svg};
use proptest::prelude::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tiny");

/// Pieces that mean something to SVG, HTML, XML, JavaScript, CSV, or our own templates.
const PIECES: &[&str] = &[
    "<",
    ">",
    "&",
    "&amp;",
    "\"",
    "'",
    "]]>",
    "<![CDATA[",
    "</script>",
    "<script>",
    "<!--",
    "-->",
    "<b>",
    "\u{202E}",
    "\u{200F}",
    "\u{202B}",
    "🏳\u{FE0F}",
    "😀",
    "مدينة",
    "{date}",
    "{title}",
    "${x}",
    "\\",
    "/",
    ";",
    ",",
    " ",
    "a",
    "Z",
];

fn hostile() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(PIECES), 1..8)
        .prop_map(|pieces| format!("X{}", pieces.concat()).trim_end().to_string())
}

fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The fixture with the title, Bartella's name and its capture's note, actor and source
/// replaced. Events name places by id, so any name loads.
fn dataset(title: &str, name: &str, note: &str) -> Dataset {
    let mut files = DatasetFiles::read_dir(std::path::Path::new(FIXTURE)).unwrap();
    let title_line = files.manifest.lines().find(|l| l.starts_with("title =")).unwrap().to_string();
    files.manifest = files.manifest.replace(&title_line, &format!("title = {}", toml::Value::String(title.into())));
    files.places = files.places.replace("bartella,Bartella,", &format!("bartella,{},", csv_cell(name)));
    files.events = files.events.replace(
        "2016-10-20,day,Bartella,gov,captured,,CTS,seed:October 2016,taken by CTS",
        &format!("2016-10-20,day,bartella,gov,captured,,{},{},{}", csv_cell(note), csv_cell(note), csv_cell(note)),
    );
    files.events = files.events.replace(",Bashiqa,", ",bashiqa,");
    Dataset::parse(&files).unwrap()
}

fn options(dataset: &Dataset) -> FrameOptions {
    FrameOptions {
        date: "2016-10-20".parse().unwrap(),
        width: 900.0,
        view: dataset.manifest.area,
        lang: Lang::English,
        theme: Default::default(),
        furniture: Default::default(),
        editorial: Default::default(),
        aspect: None,
    }
}

/// Every text the document shows, each element's text put together.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML ({e})"));
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| n.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect::<String>())
        .collect()
}

/// SVG elements frontline writes; anything else would be injected markup.
const SVG_ELEMENTS: &[&str] = &[
    "svg", "title", "desc", "defs", "clipPath", "pattern", "rect", "g", "path", "circle", "line", "polyline", "text",
    "tspan", "switch", "animate", "set", "use", "style", "polygon",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn data_text_stays_text_in_the_svg(title in hostile(), name in hostile(), note in hostile()) {
        let dataset = dataset(&title, &name, &note);
        let svg = frame_svg(&dataset, &Timeline::new(&dataset), options(&dataset));
        let doc = roxmltree::Document::parse(&svg).unwrap();
        for element in doc.descendants().filter(|n| n.is_element()) {
            prop_assert!(SVG_ELEMENTS.contains(&element.tag_name().name()), "<{}> in the SVG", element.tag_name().name());
        }
        let texts = texts(&svg);
        prop_assert!(texts.iter().any(|t| t.contains(&name)), "the name {name:?} is not shown as written");
        prop_assert!(texts.iter().any(|t| t.contains(&title)), "the title {title:?} is not shown as written");
        // The caption of the day's changes quotes the source and the actor.
        prop_assert!(texts.iter().any(|t| t.contains(&note)), "the source {note:?} is not shown as written");
    }

    #[test]
    fn data_text_stays_text_in_the_viewer(title in hostile(), name in hostile(), note in hostile()) {
        let dataset = dataset(&title, &name, &note);
        let dates: Vec<jiff::civil::Date> = ["2016-10-19", "2016-10-20"].iter().map(|d| d.parse().unwrap()).collect();
        let html = frontline::formats::viewer::html(&dataset, &Timeline::new(&dataset), &options(&dataset), &dates, Timing::default());
        prop_assert_eq!(html.matches("<script").count(), 3, "only the page's own scripts");
        prop_assert_eq!(html.matches("</script>").count(), 3);
        prop_assert!(!html.contains("<b>") && !html.contains("<!--"), "markup from the data");
        let start = html.find("id=\"frontline-data\">").unwrap() + "id=\"frontline-data\">".len();
        let json = &html[start..start + html[start..].find("</script>").unwrap()];
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        let event = &data["events"][1][0];
        prop_assert_eq!(event["place"].as_str(), Some(name.as_str()));
        prop_assert_eq!(event["note"].as_str(), Some(note.as_str()));
        prop_assert_eq!(event["source"].as_str(), Some(note.as_str()));
        let svg_start = html.find("<svg").unwrap();
        let svg = &html[svg_start..html.find("</svg>").unwrap() + "</svg>".len()];
        prop_assert!(texts(svg).iter().any(|t| t.contains(&name)), "the name {name:?} in the viewer's map");
    }
}

/// A right-to-left override in a name (U+202E) would reverse the rest of its caption line
/// and description: who took the place, and on whose word. Set in prose, each non-ASCII
/// piece of data stands in a first-strong isolate that ends the override; isolate marks of
/// its own are dropped so that it cannot close that isolate early.
#[test]
fn bidi_controls_in_data_are_isolated_in_the_caption_and_description() {
    let (name, note) = ("Bartella\u{202E} by ISIL", "seed:\u{2069}\u{202E}example");
    let dataset = dataset("Battle", name, note);
    let svg = frame_svg(&dataset, &Timeline::new(&dataset), options(&dataset));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let desc: String = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap().to_string();
    let isolated_name = format!("\u{2068}{name}\u{2069}");
    let actor = "(\u{2068}seed:\u{202E}example\u{2069})";
    assert!(desc.contains(&format!("{isolated_name}: captured by Government {actor}")), "{desc:?}");
    assert!(desc.contains("Source: \u{2068}seed:\u{202E}example\u{2069}"), "{desc:?}");
    let shown =
        |n: roxmltree::Node| n.descendants().filter(|c| c.is_text()).filter_map(|c| c.text()).collect::<String>();
    let caption = doc.descendants().filter(|n| n.has_tag_name("text")).map(shown).find(|t| t.contains("captured by"));
    let caption = caption.expect("a caption line");
    assert!(caption.starts_with(&format!("{isolated_name}: captured by")), "{caption:?}");
    for text in [desc, caption] {
        let (opened, closed) = (text.matches('\u{2068}').count(), text.matches('\u{2069}').count());
        assert_eq!(opened, closed, "every isolate is closed: {text:?}");
    }
}

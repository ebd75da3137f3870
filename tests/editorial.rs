//! A graphics desk's control over a frame: its own title, subtitle and credit, leaving out
//! the caption or the inset, and annotations from a file, read back from the outputs.

mod common;

use common::{Sandbox, text_of};

const NOTES: &str = r##"
[[arrow]]
line = [[43.40, 36.30], [43.30, 36.34], [43.26, 36.35]]
text = "Push <west> & on"
from = 2016-11-01
to = 2016-11-10
side = "gov"

[[label]]
at = [43.13, 36.30]
text = "South front"

[[area]]
outline = [[43.20, 36.30], [43.30, 36.30], [43.30, 36.38]]
text = "Pocket"
from = 2016-12-01
colour = "#aa3300"
"##;

fn svg(sandbox: &Sandbox, args: &[&str]) -> String {
    String::from_utf8(sandbox.run(args).success().get_output().stdout.clone()).unwrap()
}

/// The annotations of a frame: each one's kind and its words.
fn annotations(doc: &roxmltree::Document) -> Vec<(String, String)> {
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("annotation"))
        .map(|n| {
            let words: Vec<&str> =
                n.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).map(str::trim).collect();
            (n.attribute("data-kind").unwrap().to_string(), words.concat())
        })
        .collect()
}

#[test]
fn a_desks_title_subtitle_and_credit_replace_the_datasets_words() {
    let sandbox = Sandbox::new("tiny");
    let args = [
        "render",
        "--date",
        "2016-11-05",
        "-o",
        "-",
        "--title",
        "East <Mosul> & around",
        "--subtitle",
        "Day {day} of {total}: {date}",
        "--credit",
        "Graphic: J. Doe",
        "--no-caption",
    ];
    let text = svg(&sandbox, &args);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let title = text_of(&doc, "title-block");
    assert!(title.contains("East <Mosul> & around"), "{title}");
    assert!(title.contains("Day 21 of 77: 5 November 2016"), "{title}");
    assert!(!title.contains("Fixture"), "{title}");
    assert_eq!(text_of(&doc, "credit").trim(), "Graphic: J. Doe");
    assert_eq!(text_of(&doc, "changes").trim(), "", "--no-caption leaves the caption out");
    let accessible = doc.descendants().find(|n| n.has_tag_name("title")).and_then(|n| n.text()).unwrap();
    assert!(accessible.starts_with("East <Mosul> & around"), "{accessible}");
}

#[test]
fn annotations_are_drawn_on_their_dates_only() {
    let sandbox = Sandbox::new("tiny");
    std::fs::write(sandbox.path().join("notes.toml"), NOTES).unwrap();
    let on = |date: &str| {
        let text = svg(&sandbox, &["render", "--date", date, "-o", "-", "--annotations", "notes.toml"]);
        annotations(&roxmltree::Document::parse(&text).unwrap())
    };
    let kinds = |found: Vec<(String, String)>| found.into_iter().map(|(k, _)| k).collect::<Vec<_>>();
    let early = on("2016-11-05");
    assert_eq!(early[0], ("arrow".to_string(), "Push <west> & on".to_string()), "text escaped and read back");
    assert_eq!(kinds(early), ["arrow", "label"]);
    assert_eq!(kinds(on("2016-10-20")), ["label"]);
    assert_eq!(kinds(on("2016-12-05")), ["label", "area"]);
}

#[test]
fn geojson_annotations_animate_with_the_dates() {
    let sandbox = Sandbox::new("tiny");
    let geojson = r#"{"type": "FeatureCollection", "features": [
      {"type": "Feature", "properties": {"text": "Axis", "from": "2016-11-02", "side": "krg"},
       "geometry": {"type": "LineString", "coordinates": [[43.45, 36.45], [43.36, 36.36]]}}]}"#;
    std::fs::write(sandbox.path().join("notes.geojson"), geojson).unwrap();
    let args = ["animate", "--from", "2016-10-30", "--to", "2016-11-05", "-o", "a.svg", "-q"];
    sandbox.run(&[&args[..], &["--annotations", "notes.geojson"]].concat()).success();
    let text = std::fs::read_to_string(sandbox.path().join("a.svg")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let arrow = doc.descendants().find(|n| n.attribute("class") == Some("annotation")).unwrap();
    assert_eq!(arrow.attribute("visibility"), Some("hidden"), "hidden on the first date");
    let animate = arrow.children().find(|n| n.has_tag_name("animate")).unwrap();
    assert_eq!(animate.attribute("attributeName"), Some("visibility"));
    assert!(animate.attribute("values").unwrap().contains("visible"));
}

#[test]
fn a_bad_annotations_file_is_refused_with_where_and_what() {
    let sandbox = Sandbox::new("tiny");
    std::fs::write(sandbox.path().join("bad.toml"), "[[label]]\nat = [43.1, 136.3]\ntext = \"x\"\n").unwrap();
    let out = sandbox.run(&["render", "--date", "2016-11-05", "-o", "map.svg", "--annotations", "bad.toml"]);
    let stderr = String::from_utf8(out.code(2).get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("bad.toml:2:6 (`label[0].at`): [43.1, 136.3]: expected [longitude, latitude]"), "{stderr}");
    let out = sandbox.run(&["render", "--date", "2016-11-05", "-o", "map.svg", "--annotations", "missing.geojson"]);
    let stderr = String::from_utf8(out.code(2).get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("missing.geojson"), "{stderr}");
    assert!(sandbox.outputs().iter().all(|p| p.extension().is_none_or(|e| e != "svg")), "no stray output");
}

#[test]
fn the_inset_can_be_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let render = |extra: &[&str]| {
        let args = [&["render", "--date", "2017-01-24", "-o", "-"], extra].concat();
        let out = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    assert!(render(&[]).contains("id=\"inset\""));
    assert!(!render(&["--no-inset"]).contains("id=\"inset\""));
}

#[test]
fn the_legend_keeps_clear_of_annotations() {
    let sandbox = Sandbox::new("tiny");
    // The legend's first choice is the top right corner; a label stands there.
    std::fs::write(sandbox.path().join("corner.toml"), "[[label]]\nat = [43.5, 36.57]\ntext = \"Corner\"\n").unwrap();
    let legend_box = |extra: &[&str]| {
        let text = svg(&sandbox, &[&["render", "--date", "2016-11-05", "-o", "-"], extra].concat());
        let doc = roxmltree::Document::parse(&text).unwrap();
        let legend = doc.descendants().find(|n| n.attribute("id") == Some("legend")).unwrap();
        let rect = legend.descendants().find(|n| n.has_tag_name("rect")).unwrap();
        let number = |name: &str| rect.attribute(name).unwrap().parse::<f64>().unwrap();
        (number("x"), number("y"))
    };
    let plain = legend_box(&[]);
    let annotated = legend_box(&["--annotations", "corner.toml"]);
    assert_ne!(plain, annotated, "the legend moved away from the annotation");
}

//! Frames inlined in a host page (`--id-prefix`, `--height`, `--transparent`): the host's
//! stylesheet cannot reach inside, a small frame keeps its text readable, checked in
//! headless Chromium where it is installed.

mod common;

use common::Sandbox;
use common::browser::{Browser, wait_until};
use serde_json::Value;
use std::time::Duration;

/// Bootstrap 3's `.label` and rules like it, and a body whose text properties inherit.
const HOST_CSS: &str = ".label { display: inline; padding: .2em .6em .3em; font-size: 75%; font-weight: 700; \
    line-height: 1; color: #fff; background-color: #777; border-radius: .25em; } \
    .legend, .changes, .title-block, .place, .labels { font-size: 30px; font-weight: 700; fill: lime; } \
    body { font-family: Georgia, serif; font-size: 20px; letter-spacing: 3px; word-spacing: 9px; \
    text-transform: uppercase; font-style: italic; }";

fn frame(sandbox: &Sandbox, extra: &[&str]) -> String {
    let args = [&["render", "--date", "2016-11-05", "-o", "-", "--id-prefix", "m1-"], extra].concat();
    String::from_utf8(sandbox.run(&args).success().get_output().stdout.clone()).unwrap()
}

/// A page with `svg` inlined, under `css`.
fn page(sandbox: &Sandbox, name: &str, svg: &str, css: &str) -> std::path::PathBuf {
    let html =
        format!("<!DOCTYPE html><html><head><style>{css}</style></head><body><p>Host text</p>{svg}</body></html>");
    let path = sandbox.path().join(name);
    std::fs::write(&path, html).unwrap();
    path
}

/// Every text element of the inlined frame: the styles a reader sees and the font size in
/// screen pixels (the computed size times the frame's displayed scale).
const TEXT_STYLES: &str = "const svg = document.querySelector('svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Array.from(svg.querySelectorAll('text')).map(t => {
      const s = getComputedStyle(t);
      return [t.textContent, s.fontSize, s.fontWeight, s.fontFamily, s.letterSpacing, s.wordSpacing,
              s.textTransform, s.fontStyle, s.fill, parseFloat(s.fontSize) * scale];
    });";

fn text_styles(browser: &Browser, page: &std::path::Path) -> Vec<Value> {
    browser.open(page);
    wait_until(Duration::from_secs(10), || browser.script("return document.readyState;") == "complete");
    browser.script(TEXT_STYLES).as_array().unwrap().clone()
}

#[test]
fn ids_and_classes_are_namespaced_and_text_properties_reset() {
    let sandbox = Sandbox::new("tiny");
    let svg = frame(&sandbox, &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    for node in doc.descendants().filter(|n| n.is_element()) {
        for name in node.attribute("class").into_iter().flat_map(str::split_whitespace) {
            assert!(name.starts_with("m1-"), "class {name} not namespaced");
        }
        if let Some(id) = node.attribute("id") {
            assert!(id.starts_with("m1-"), "id {id} not namespaced");
        }
    }
    let style = doc.root_element().attribute("style").unwrap();
    assert!(style.contains("letter-spacing:normal") && style.contains("text-transform:none"), "{style}");
    let plain = frame(&sandbox, &["--width", "1200"]);
    assert!(plain.contains("class=\"m1-label\""), "{}", &plain[..200]);
}

#[test]
fn in_chromium_a_host_stylesheet_leaves_the_frames_text_as_it_was() {
    let sandbox = Sandbox::new("tiny");
    let svg = frame(&sandbox, &[]);
    let Some(browser) = Browser::start() else { return };
    let alone = text_styles(&browser, &page(&sandbox, "alone.html", &svg, ""));
    let hosted = text_styles(&browser, &page(&sandbox, "hosted.html", &svg, HOST_CSS));
    assert!(alone.len() > 10, "{alone:?}");
    assert_eq!(alone, hosted, "the host's CSS changed the frame's text");
    let label = alone.iter().find(|t| t[0] == "Bartella").unwrap();
    assert_eq!((label[2].as_str(), label[6].as_str()), (Some("400"), Some("none")), "{label:?}");
}

#[test]
fn in_chromium_a_small_frame_is_laid_out_small_with_text_of_8_px_or_more() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["render", "--date", "2017-03-15", "--height", "400", "--id-prefix", "s-", "-o", "-"];
    let out = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
    let svg = String::from_utf8(out).unwrap();
    let (width, height) = frontline::render::view_box_size(&svg).unwrap();
    assert!(width < 400.0 && height < 420.0, "laid out at about the displayed size: {width}×{height}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let displayed: f64 = doc.root_element().attribute("height").unwrap().parse().unwrap();
    assert_eq!(displayed, 400.0);
    let smallest = doc
        .descendants()
        .filter_map(|n| n.attribute("font-size"))
        .map(|s| s.parse::<f64>().unwrap() * displayed / height)
        .fold(f64::MAX, f64::min);
    assert!(smallest >= frontline::render::MIN_TEXT_PX, "text shown at {smallest:.1} px");

    let sandbox = Sandbox::new("tiny");
    let Some(browser) = Browser::start() else { return };
    let shown = text_styles(&browser, &page(&sandbox, "small.html", &svg, HOST_CSS));
    for text in &shown {
        assert!(text[9].as_f64().unwrap() >= 8.0 - 1e-6, "{text:?} under 8 px on screen");
    }
}

#[test]
fn on_a_transparent_frame_text_has_a_halo_of_the_paper_colour() {
    let sandbox = Sandbox::new("tiny");
    let svg = frame(&sandbox, &["--theme", "dark", "--transparent"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    for id in ["m1-title-block", "m1-attribution", "m1-colophon"] {
        let block = doc.descendants().find(|n| n.attribute("id") == Some(id)).unwrap();
        assert_eq!(block.attribute("paint-order"), Some("stroke"), "{id}");
        let halo = block.attribute("stroke").unwrap();
        assert_ne!(halo, "none", "{id}");
    }
}

#[test]
fn a_height_too_small_for_readable_text_is_refused_naming_the_flag() {
    let sandbox = Sandbox::new("tiny");
    let out = sandbox.run(&["render", "--date", "2016-11-05", "--height", "120", "-o", "map.svg"]).code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("--height: 120 px") && stderr.contains("expected at least"), "{stderr}");
    assert!(sandbox.outputs().is_empty(), "no file written");
    // A little taller, the frame keeps only the map and the attribution, its text at 8 px or more.
    let svg = String::from_utf8(
        sandbox
            .run(&["render", "--date", "2016-11-05", "--height", "200", "-o", "-"])
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let (_, laid) = frontline::render::view_box_size(&svg).unwrap();
    assert!(200.0 / laid * 8.5 >= frontline::render::MIN_TEXT_PX, "{laid}");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(doc.descendants().any(|n| n.attribute("id") == Some("attribution")), "the attribution stays");
}

/// The frames of a sequence differ in height by the caption of the day's changes: fitted
/// for the tallest, every frame is shown at one scale, none taller than `--height` and none
/// with its text under 8 px (fitted on the first date, a later and longer caption did both).
#[test]
fn every_frame_of_a_sequence_fits_the_height_with_readable_text() {
    let sandbox = Sandbox::new("tiny");
    let args =
        ["frames", "--from", "2016-10-16", "--to", "2016-11-10", "--changes-only", "--height", "700", "-o", "seq"];
    sandbox.run(&args).success();
    let mut widths = Vec::new();
    for entry in std::fs::read_dir(sandbox.path().join("seq")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "svg") {
            continue;
        }
        let svg = std::fs::read_to_string(&path).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let shown = |name: &str| doc.root_element().attribute(name).unwrap().parse::<f64>().unwrap();
        let (laid_w, laid_h) = frontline::render::view_box_size(&svg).unwrap();
        let scale = shown("height") / laid_h;
        assert!(shown("height") <= 700.05, "{path:?} is {} px tall", shown("height"));
        assert!(scale * 8.5 >= frontline::render::MIN_TEXT_PX - 1e-9, "{path:?}: text at {:.2} px", scale * 8.5);
        widths.push((shown("width") * 10.0).round() as i64);
        assert!((shown("width") / laid_w - scale).abs() < 1e-3, "{path:?}: one scale both ways");
    }
    assert!(widths.len() >= 5, "{widths:?}");
    assert!(widths.iter().all(|w| *w == widths[0]), "one width: {widths:?}");
}

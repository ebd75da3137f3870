//! Frames of a fixed shape (`--aspect 16:9|1:1|9:16`): the image exactly in ratio with even
//! sides, the map filling its box (more ground, no bars), and no word outside the canvas or
//! over another block of words, measured in headless Chromium where it is installed.

mod common;

use common::Sandbox;
use common::browser::{Browser, wait_until};
use std::time::Duration;

/// Width and height in pixels.
type Size = (u32, u32);

/// Each aspect with its default size and its size for `--width 1000`.
const ASPECTS: [(&str, Size, Size); 3] =
    [("16:9", (1920, 1080), (992, 558)), ("1:1", (1080, 1080), (1000, 1000)), ("9:16", (1080, 1920), (990, 1760))];

/// A date of the tiny dataset with changes, so the caption has lines.
const DATE: &str = "2016-11-05";

fn svg(sandbox: &Sandbox, args: &[&str]) -> String {
    let args = [&["render", "--date", DATE, "-o", "-"], args].concat();
    String::from_utf8(sandbox.run(&args).success().get_output().stdout.clone()).unwrap()
}

fn number(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name).unwrap().parse().unwrap()
}

/// The root's width and height attributes and its viewBox's width and height.
fn sizes(svg: &str) -> ((f64, f64), (f64, f64)) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let view_box: Vec<f64> = root.attribute("viewBox").unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    ((number(root, "width"), number(root, "height")), (view_box[2], view_box[3]))
}

/// The map's rectangle: left, top, right, bottom.
fn map_box(doc: &roxmltree::Document) -> (f64, f64, f64, f64) {
    let land = doc.descendants().find(|n| n.attribute("class") == Some("land")).unwrap();
    let (x, y) = (number(land, "x"), number(land, "y"));
    (x, y, x + number(land, "width"), y + number(land, "height"))
}

#[test]
fn the_image_is_exactly_in_ratio_with_even_sides() {
    let sandbox = Sandbox::new("tiny");
    for (aspect, default, narrower) in ASPECTS {
        for (args, (w, h)) in
            [(vec!["--aspect", aspect], default), (vec!["--aspect", aspect, "--width", "1000"], narrower)]
        {
            let ((width, height), (layout_w, layout_h)) = sizes(&svg(&sandbox, &args));
            assert_eq!((width, height), (f64::from(w), f64::from(h)), "{args:?}");
            assert!(w % 2 == 0 && h % 2 == 0, "{args:?}: {w}x{h}");
            assert!((layout_w / layout_h - width / height).abs() < 1e-3, "{args:?}: laid out {layout_w}x{layout_h}");
            assert!(layout_w.min(layout_h) <= 720.0, "{args:?}: a large image is a 720 layout drawn larger");
        }
    }
    sandbox.run(&["render", "--date", DATE, "--aspect", "9:16", "--width", "640", "-o", "tall.png"]).success();
    let png = std::fs::read(sandbox.path().join("tall.png")).unwrap();
    let header = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap().info().clone();
    assert_eq!((header.width, header.height), (630, 1120), "640 rounded down to a multiple of 18");
}

#[test]
fn the_map_fills_its_box_beside_or_between_the_words() {
    let sandbox = Sandbox::new("tiny");
    for (aspect, ..) in ASPECTS {
        for lang in ["en", "ar"] {
            let svg = svg(&sandbox, &["--aspect", aspect, "--lang", lang]);
            let doc = roxmltree::Document::parse(&svg).unwrap();
            let (_, (w, h)) = sizes(&svg);
            let (left, top, right, bottom) = map_box(&doc);
            let case = format!("{aspect} {lang}: map {left},{top} to {right},{bottom} in {w}x{h}");
            match aspect {
                "16:9" => {
                    assert!((top - 16.0).abs() < 0.1 && (bottom - (h - 16.0)).abs() < 0.1, "{case}");
                    // The column of words stands on the side the text starts from.
                    let column_left = lang == "en";
                    assert_eq!((right - (w - 16.0)).abs() < 0.1, column_left, "{case}");
                    assert_eq!((left - 16.0).abs() < 0.1, !column_left, "{case}");
                    assert!(right - left > 0.6 * w, "{case}");
                }
                _ => assert!((left - 16.0).abs() < 0.1 && (right - (w - 16.0)).abs() < 0.1, "{case}"),
            }
        }
    }
}

/// The built-in dataset's basemap reaches beyond its area: a map grown to the frame's shape
/// shows it to every edge of its box rather than bars of empty paper.
#[test]
fn the_basemap_reaches_every_edge_of_a_grown_map() {
    let out = common::frontline(std::env::temp_dir().as_path())
        .args(["render", "--date", "2017-01-24", "--aspect", "9:16", "--width", "540", "-o", "-"])
        .assert()
        .success();
    let svg = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let (left, top, right, bottom) = map_box(&doc);
    let basemap = doc.descendants().filter(|n| n.attribute("class") == Some("basemap"));
    let points: Vec<(f64, f64)> = basemap
        .flat_map(|group| group.descendants().filter_map(|n| n.attribute("d")))
        .flat_map(|d| d.split(['M', 'L', 'Z']).filter_map(|p| p.split_once(',')))
        .map(|(x, y)| (x.parse().unwrap(), y.parse().unwrap()))
        .collect();
    let reach =
        |f: fn(&(f64, f64)) -> f64| points.iter().map(f).fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    let ((x0, x1), (y0, y1)) = (reach(|p| p.0), reach(|p| p.1));
    assert!(x0 <= left + 1.0 && x1 >= right - 1.0, "basemap x {x0}..{x1}, map {left}..{right}");
    assert!(y0 <= top + 1.0 && y1 >= bottom - 1.0, "basemap y {y0}..{y1}, map {top}..{bottom}");
}

#[test]
fn a_bad_aspect_is_refused_with_the_flag_and_the_forms() {
    let sandbox = Sandbox::new("tiny");
    for bad in ["4:3", "16x9", ""] {
        let out = sandbox.run(&["render", "--date", DATE, "--aspect", bad, "-o", "x.svg"]).code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains("--aspect") && stderr.contains("16:9, 1:1 or 9:16"), "{bad:?}: {stderr}");
    }
    let out = sandbox.run(&["render", "--date", DATE, "--aspect", "1:1", "--height", "400", "-o", "x.svg"]).code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("--aspect") && stderr.contains("--height"), "{stderr}");
    assert!(sandbox.outputs().is_empty(), "{:?}", sandbox.outputs());
}

/// Every text element's box and the boxes of the blocks of words, as Chromium lays them out.
const MEASURE: &str = "const svg = document.querySelector('svg');
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim() !== '')
      .map(t => [t.textContent].concat(box(t)));
    const blocks = ['legend', 'changes', 'credit', 'attribution', 'colophon', 'title-block']
      .map(id => svg.getElementById(id)).filter(e => e && e.getBBox().width > 0)
      .map(e => [e.id].concat(box(e)));
    const land = box(svg.querySelector('.land'));
    return [box(svg), texts, blocks, land];";

#[test]
fn in_chromium_no_text_leaves_the_canvas_and_no_block_covers_another() {
    let sandbox = Sandbox::new("tiny");
    let Some(browser) = Browser::start() else { return };
    let long_title = "The fall of the villages east of the river, week by week, as the sources tell it";
    for (aspect, ..) in ASPECTS {
        for lang in ["en", "ar"] {
            let args = ["--aspect", aspect, "--lang", lang, "--width", "1000", "--credit", "Graphic: Example News"];
            for title in [None, Some(long_title)] {
                let args = [&args[..], &title.map_or(vec![], |t| vec!["--title", t])].concat();
                let page = sandbox.path().join("page.html");
                std::fs::write(
                    &page,
                    format!("<!DOCTYPE html><html><body style=\"margin:0\">{}</body></html>", svg(&sandbox, &args)),
                )
                .unwrap();
                browser.open(&page);
                wait_until(Duration::from_secs(10), || browser.script("return document.readyState;") == "complete");
                let measured = browser.script(MEASURE);
                let rect = |v: &serde_json::Value, from: usize| -> [f64; 4] {
                    std::array::from_fn(|i| v[from + i].as_f64().unwrap())
                };
                let canvas = rect(&measured[0], 0);
                for text in measured[1].as_array().unwrap() {
                    let r = rect(text, 1);
                    let inside = r[0] >= canvas[0] - 0.5
                        && r[1] >= canvas[1] - 0.5
                        && r[2] <= canvas[2] + 0.5
                        && r[3] <= canvas[3] + 0.5;
                    assert!(inside, "{args:?}: {} at {r:?} outside {canvas:?}", text[0]);
                }
                let blocks: Vec<(String, [f64; 4])> = measured[2]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| (b[0].as_str().unwrap().to_string(), rect(b, 1)))
                    .collect();
                assert!(blocks.len() >= 5, "{args:?}: {blocks:?}");
                let map = rect(&measured[3], 0);
                let overlap = |a: &[f64; 4], b: &[f64; 4]| {
                    a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5
                };
                for (i, (a, ra)) in blocks.iter().enumerate() {
                    for (b, rb) in &blocks[i + 1..] {
                        assert!(!overlap(ra, rb), "{args:?}: {a} {ra:?} overlaps {b} {rb:?}");
                    }
                    // Only a legend may stand on the map, in a corner it keeps clear.
                    assert!(a == "legend" || !overlap(ra, &map), "{args:?}: {a} {ra:?} over the map {map:?}");
                }
            }
        }
    }
}

//! Themes: built-in themes change what a reader sees, user files override single values,
//! and the colour-blind theme keeps sides apart under simulated colour-vision deficiency.

mod common;

use common::{Sandbox, fills, place};
use frontline::render::theme::{BUILTIN, Texture, Theme};
use predicates::str::contains;

fn render(sandbox: &Sandbox, extra: &[&str]) -> String {
    let mut args = vec!["render", "--date", "2016-11-05", "-o", "-"];
    args.extend_from_slice(extra);
    String::from_utf8(sandbox.run(&args).success().get_output().stdout.clone()).unwrap()
}

#[test]
fn every_builtin_theme_renders_its_own_colours() {
    let sandbox = Sandbox::new("tiny");
    let mut outputs = Vec::new();
    for (name, _) in BUILTIN {
        let svg = render(&sandbox, &["--theme", name]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let theme = Theme::builtin(name).unwrap();
        let background =
            doc.descendants().find(|n| n.has_tag_name("rect") && n.attribute("width") == Some("100%")).unwrap();
        assert_eq!(background.attribute("fill"), Some(theme.paper.as_str()), "{name}");
        outputs.push(svg);
    }
    outputs.dedup();
    assert_eq!(outputs.len(), BUILTIN.len(), "every theme looks different");
}

#[test]
fn the_colour_blind_theme_gives_sides_textures_too() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, &["--theme", "colour-blind"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(fills(place(&doc, "bartella").unwrap()), ["#d55e00"]);
    let textures: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("data-texture")).collect();
    assert!(textures.contains(&"hatch"), "the government's area is hatched: {textures:?}");
    let legend = common::text_of(&doc, "legend");
    assert!(legend.contains("Government (2)"), "{legend}");
}

#[test]
fn a_user_theme_file_overrides_single_values() {
    let sandbox = Sandbox::new("tiny");
    let file = sandbox.path().join("mine.toml");
    std::fs::write(&file, "base = \"dark\"\nink = \"#ff00ff\"\n[sides]\ngov = \"#00aa00\"\n").unwrap();
    let svg = render(&sandbox, &["--theme", file.to_str().unwrap()]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels = doc.descendants().find(|n| n.attribute("id") == Some("labels")).unwrap();
    assert_eq!(labels.attribute("fill"), Some("#ff00ff"));
    assert_eq!(fills(place(&doc, "bartella").unwrap()), ["#00aa00"]);
    let dark = Theme::builtin("dark").unwrap();
    assert!(svg.contains(&format!("fill=\"{}\"", dark.land)), "everything else comes from the base");
}

#[test]
fn bad_themes_are_bad_input() {
    let sandbox = Sandbox::new("tiny");
    sandbox
        .run(&["render", "--date", "2016-11-05", "--theme", "neon"])
        .failure()
        .code(2)
        .stderr(contains("neither a built-in theme"));
    let file = sandbox.path().join("bad.toml");
    std::fs::write(&file, "ink = \"magenta\"\n").unwrap();
    sandbox
        .run(&["render", "--date", "2016-11-05", "--theme", file.to_str().unwrap()])
        .failure()
        .code(2)
        .stderr(contains("(`ink`): \"magenta\": expected a colour written #rrggbb"));
    assert!(sandbox.outputs().iter().all(|p| p.extension().is_some_and(|e| e == "toml")), "no output written");
}

// --- colour-vision deficiency ---------------------------------------------------------

/// Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB.
const PROTANOPIA: [[f64; 3]; 3] =
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
const DEUTERANOPIA: [[f64; 3]; 3] =
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];

fn linear(hex: &str) -> [f64; 3] {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[1 + 2 * i..3 + 2 * i], 16).unwrap()) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    [channel(0), channel(1), channel(2)]
}

fn simulate(rgb: [f64; 3], m: &[[f64; 3]; 3]) -> [f64; 3] {
    let row = |r: &[f64; 3]| (r[0] * rgb[0] + r[1] * rgb[1] + r[2] * rgb[2]).clamp(0.0, 1.0);
    [row(&m[0]), row(&m[1]), row(&m[2])]
}

/// CIELAB (D65) of a linear RGB colour.
fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
    [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
}

fn distance(a: &str, b: &str, m: &[[f64; 3]; 3]) -> f64 {
    let (p, q) = (lab(simulate(linear(a), m)), lab(simulate(linear(b), m)));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

/// A difference of 20 ΔE*ab is clearly visible side by side on a map.
const DISTINCT: f64 = 20.0;

#[test]
fn the_simulation_does_merge_a_red_green_pair() {
    // Without this the check below could pass for any palette.
    assert!(distance("#d62728", "#2ca02c", &DEUTERANOPIA) < DISTINCT);
    assert!(distance("#d62728", "#2ca02c", &[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]) > DISTINCT);
}

#[test]
fn colour_blind_sides_stay_distinct_under_deuteranopia_and_protanopia() {
    let theme = Theme::builtin("colour-blind").unwrap();
    let sides = &theme.palette[..3]; // ISIL, government, Peshmerga in the built-in dataset's order
    for (name, m) in [("deuteranopia", &DEUTERANOPIA), ("protanopia", &PROTANOPIA)] {
        for (i, a) in sides.iter().enumerate() {
            for b in &sides[i + 1..] {
                let d = distance(a, b, m);
                assert!(d >= DISTINCT, "{a} and {b} are only {d:.1} apart under {name}");
            }
        }
    }
    // And each of those sides also has a texture of its own.
    let textures = &theme.texture_palette[..3];
    assert!(textures[0] != textures[1] && textures[1] != textures[2] && textures[0] != textures[2]);
    assert!(textures.iter().filter(|t| **t == Texture::None).count() <= 1);
}

/// Golden frames of the fixture, one per built-in theme and one in Arabic: any change to
/// how a frame looks shows up as a reviewed snapshot diff (`cargo insta review`).
#[test]
fn frames_match_their_snapshots() {
    let sandbox = Sandbox::new("tiny");
    for (name, _) in BUILTIN {
        let svg = render(&sandbox, &["--theme", name, "--width", "640"]);
        insta::assert_snapshot!(format!("frame-{name}"), svg);
    }
    let svg = render(&sandbox, &["--lang", "ar", "--width", "640"]);
    insta::assert_snapshot!("frame-default-arabic", svg);
}

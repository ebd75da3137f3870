//! `frontline render` on the fixture dataset: the SVG is parsed back and checked for what a
//! reader would see.

mod common;

use common::{Sandbox, fills, labels, overlap, place, text_boxes, text_of};

fn render(sandbox: &Sandbox, date: &str, extra: &[&str]) -> String {
    let mut args = vec!["render", "--date", date, "-o", "-"];
    args.extend_from_slice(extra);
    let out = sandbox.run(&args).success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn markers_take_the_colour_of_their_controller() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-05", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bartella = place(&doc, "bartella").unwrap();
    assert_eq!(bartella.attribute("data-side"), Some("gov"));
    assert_eq!(fills(bartella), ["#c8102e"]);
    // Gogjali was captured on the 4th; Mosul itself has no event and keeps the default side.
    assert_eq!(place(&doc, "gogjali").unwrap().attribute("data-state"), Some("held"));
    assert_eq!(fills(place(&doc, "mosul").unwrap()), ["#262626"]);
}

#[test]
fn contested_places_are_split_and_besieged_places_ringed() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-05", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let intisar = place(&doc, "intisar").unwrap();
    assert_eq!(intisar.attribute("data-state"), Some("contested"));
    assert_eq!(intisar.attribute("data-attacker"), Some("gov"));
    assert_eq!(fills(intisar), ["#c8102e", "#262626"], "attacker half, then holder half");
    let bashiqa = place(&doc, "bashiqa").unwrap();
    assert_eq!(bashiqa.attribute("data-state"), Some("besieged"));
    assert_eq!(bashiqa.attribute("data-besieger"), Some("krg"));
    let ring = bashiqa.descendants().find(|n| n.has_tag_name("circle")).unwrap();
    assert_eq!(ring.attribute("stroke"), Some("#e3a600"));
    assert!(!svg.contains("<animate"), "nothing blinks");
}

#[test]
fn the_legend_lists_what_is_drawn_and_only_that() {
    let sandbox = Sandbox::new("tiny");
    let doc_text = render(&sandbox, "2016-10-20", &[]);
    let doc = roxmltree::Document::parse(&doc_text).unwrap();
    let legend = text_of(&doc, "legend");
    assert!(legend.contains("Government (1)") && legend.contains("ISIL (4)"), "{legend}");
    assert!(legend.contains("Peshmerga (1)"), "{legend}");
    assert!(!legend.contains("Contested") && !legend.contains("Besieged"), "{legend}");
    assert!(legend.contains("Military base"), "{legend}");

    let later = render(&sandbox, "2016-11-05", &[]);
    let legend = text_of(&roxmltree::Document::parse(&later).unwrap(), "legend");
    assert!(legend.contains("Contested") && legend.contains("Besieged"), "{legend}");
    assert!(!legend.contains("Peshmerga ("), "no place is held by the Peshmerga then: {legend}");
}

#[test]
fn the_frame_shows_its_date_title_and_labels() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-05", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
    assert_eq!(title, "Fixture <&> battle: control of places on 5 November 2016");
    assert!(text_of(&doc, "title-block").contains("5 November 2016 · day 21 of 77"));
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.contains("Contested: Intisar.") && desc.contains("Besieged: Bashiqa."), "{desc}");
    let names = labels(&doc);
    for name in ["Mosul", "Bartella", "Bashiqa", "Gogjali"] {
        assert!(names.iter().any(|l| l == name), "{name} not in {names:?}");
    }
    assert!(text_of(&doc, "scale-bar").contains("km"));
    assert!(text_of(&doc, "north-arrow").contains('N'));
    assert!(text_of(&doc, "attribution").contains("Test fixture"));
}

#[test]
fn text_from_data_is_escaped() {
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("places.csv", "Bartella,برطلة", "\"Bar<tella> & \"\"Co\"\"\",برطلة");
    let svg = render(&sandbox, "2016-11-05", &[]);
    assert!(svg.contains("Bar&lt;tella&gt; &amp;"), "names are escaped");
    let doc = roxmltree::Document::parse(&svg).expect("still well-formed XML");
    assert!(labels(&doc).iter().any(|l| l == "Bar<tella> & \"Co\""));
}

#[test]
fn labels_overlap_neither_each_other_nor_markers() {
    let sandbox = Sandbox::new("tiny");
    // A narrow frame forces the placer to work.
    let svg = render(&sandbox, "2016-11-05", &["--width", "420"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let tree = text_boxes(&doc);
    for (i, a) in tree.iter().enumerate() {
        for b in &tree[i + 1..] {
            assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let sandbox = Sandbox::new("tiny");
    assert_eq!(render(&sandbox, "2016-11-05", &[]), render(&sandbox, "2016-11-05", &[]));
}

#[test]
fn width_sets_the_image_width() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-05", &["--width", "800"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("800.0"));
}

#[test]
fn focus_and_bbox_crop_the_view() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-05", &["--bbox", "43.3,36.3,43.5,36.5"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(place(&doc, "bartella").is_some() && place(&doc, "bashiqa").is_some());
    assert!(place(&doc, "mosul").is_none(), "Mosul lies west of the box");

    let svg = render(&sandbox, "2016-11-05", &["--focus", "east"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(place(&doc, "gogjali").is_some() && place(&doc, "mosul").is_none());

    let svg = render(&sandbox, "2016-11-05", &["--focus", "Bartella"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(place(&doc, "bartella").is_some() && place(&doc, "bashiqa").is_none());
}

#[test]
fn default_output_goes_to_the_output_folder() {
    let sandbox = Sandbox::new("tiny");
    sandbox
        .run(&["render", "--date", "2016-11-05"])
        .success()
        .stderr(predicates::str::contains("wrote output/tiny-2016-11-05.svg"));
    let written = sandbox.path().join("output/tiny-2016-11-05.svg");
    roxmltree::Document::parse(&std::fs::read_to_string(written).unwrap()).unwrap();
    let target = sandbox.path().join("custom.svg");
    sandbox.run(&["render", "--date", "2016-11-05", "-o", target.to_str().unwrap()]).success();
    assert!(target.exists());
}

#[test]
fn places_that_changed_on_the_date_are_highlighted_and_listed() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-04", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Gogjali was taken and Intisar entered on the 4th; Bartella changed weeks before.
    assert_eq!(place(&doc, "gogjali").unwrap().attribute("data-changed"), Some("true"));
    assert_eq!(place(&doc, "intisar").unwrap().attribute("data-changed"), Some("true"));
    assert_eq!(place(&doc, "bartella").unwrap().attribute("data-changed"), None);
    let caption = text_of(&doc, "changes");
    assert!(caption.contains("Gogjali: captured by Government (CTS). Source: seed: November 2016"), "{caption}");
    assert!(caption.contains("Intisar: contested: Government entered, ISIL holds"), "{caption}");
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.contains("Changed on this date: Gogjali: captured"), "{desc}");
    assert!(text_of(&doc, "legend").contains("Control changed on this date"));

    // A day without events has no caption and no highlight.
    let quiet = render(&sandbox, "2016-11-06", &[]);
    assert!(!quiet.contains("data-changed") && !quiet.contains("Changed on"));
}

#[test]
fn the_caption_groups_places_that_changed_alike_and_names_sources_short() {
    let sandbox = Sandbox::new("tiny");
    let source = "https://www.example.org/news/2016/11/army-takes-gogjali-and-bartella.html";
    sandbox.edit(
        "events.csv",
        "2016-11-04,day,gogjali,gov,captured,,CTS,seed:November 2016",
        &format!("2016-11-04,day,gogjali,gov,captured,,CTS,{source}"),
    );
    sandbox.edit(
        "events.csv",
        "2016-11-10,day,al-Intisar",
        &format!("2016-11-04,day,airport,gov,captured,,CTS,{source},\n2016-11-10,day,al-Intisar"),
    );
    let svg = render(&sandbox, "2016-11-04", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let caption = text_of(&doc, "changes");
    let line = "Gogjali, Mosul International Airport: captured by Government (CTS). Source: example.org/…/army-takes-gogjali-and-bartella.html";
    assert!(caption.contains(line), "{caption}");
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.contains(source), "the description keeps the whole address: {desc}");
}

#[test]
fn a_contested_then_captured_day_shows_one_change() {
    // Gogjali's two events of 1 November apply in file order: contested, then captured.
    let sandbox = Sandbox::new("tiny");
    sandbox.edit("events.csv", "2016-11-04,day,gogjali", "2016-11-01,day,gogjali");
    let svg = render(&sandbox, "2016-11-01", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let caption = text_of(&doc, "changes");
    assert_eq!(caption.matches("Gogjali").count(), 1, "{caption}");
    assert!(caption.contains("Gogjali: captured"), "{caption}");
}

#[test]
fn arabic_labels_use_the_arabic_names() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-05", &["--lang", "ar"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let names = labels(&doc);
    assert!(names.iter().any(|l| l == "برطلة"), "{names:?}");
    assert!(names.iter().any(|l| l == "الموصل"), "{names:?}");
    let group = doc.descendants().find(|n| n.attribute("id") == Some("labels")).unwrap();
    assert_eq!(group.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("ar"));
}

#[test]
fn arabic_frames_write_title_legend_and_caption_in_arabic_right_to_left() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-04", &["--lang", "ar"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("ar"));
    let title = text_of(&doc, "title-block");
    assert!(title.contains("معركة الاختبار") && title.contains("4 تشرين الثاني 2016"), "{title}");
    let legend = text_of(&doc, "legend");
    // Names from the data stand in isolates (U+2068 … U+2069) in the prose around them.
    assert!(legend.contains("السيطرة على الأماكن") && legend.contains("\u{2068}الحكومة\u{2069} ("), "{legend}");
    assert!(!legend.contains("Government"), "a side with label_ar is named in Arabic: {legend}");
    assert!(legend.contains("ISIL ("), "a side without label_ar keeps its label: {legend}");
    let caption = text_of(&doc, "changes");
    assert!(caption.contains("\u{2068}كوكجلي\u{2069}: سيطر عليه: \u{2068}الحكومة\u{2069} (CTS)"), "{caption}");
    // Right-to-left lines end at the right edge of their block, in an explicit RTL embedding.
    for id in ["title-block", "legend", "changes"] {
        let block = doc.descendants().find(|n| n.attribute("id") == Some(id)).unwrap();
        for text in block.descendants().filter(|n| n.has_tag_name("text")) {
            assert_eq!(text.attribute("text-anchor"), Some("end"), "{id}");
            assert!(text.text().unwrap().starts_with('\u{202B}'), "{id}");
        }
    }
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap().text().unwrap();
    assert!(desc.contains("تغيّرت في هذا التاريخ"), "{desc}");
}

#[test]
fn labels_hold_still_from_one_date_to_the_next() {
    let sandbox = Sandbox::new("tiny");
    let positions = |date: &str| -> Vec<(String, String, String, String)> {
        let svg = render(&sandbox, date, &["--width", "420"]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        doc.descendants()
            .filter(|n| n.attribute("class") == Some("label"))
            .map(|n| {
                let get = |a: &str| n.attribute(a).unwrap_or("").to_string();
                (get("data-place"), get("x"), get("y"), get("text-anchor"))
            })
            .collect()
    };
    // Dates with different states, highlights and legends. At 420 px the legend crowds the
    // labels, so a legend sized for the day alone would move them (checked).
    let frames: Vec<_> = ["2016-10-16", "2016-10-24", "2016-11-04", "2016-11-10", "2016-12-31"].map(positions).into();
    for frame in &frames[1..] {
        for label in frame {
            let first = frames[0].iter().find(|l| l.0 == label.0);
            assert_eq!(first, Some(label), "the label of {} moved", label.0);
        }
    }
}

#[test]
fn areas_resting_on_estimates_or_vague_dates_are_veiled_and_explained() {
    let sandbox = Sandbox::new("tiny");
    let veil = |svg: &str| {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let veiled = doc.descendants().any(|n| n.attribute("class") == Some("low-confidence"));
        (veiled, text_of(&doc, "legend").contains("position estimated or date vague"))
    };
    // Gogjali and Intisar have estimated positions.
    assert_eq!(veil(&render(&sandbox, "2016-11-05", &[])), (true, true));

    for estimated in ["1000,estimated: test", "1500,estimated: test"] {
        let firm = estimated.replace("estimated: test", "test");
        sandbox.edit("places.csv", estimated, &firm);
    }
    // Bashiqa's state then rests on an event dated only to the month...
    assert_eq!(veil(&render(&sandbox, "2016-10-20", &[])), (true, true));
    // ... until the siege of the 24th, dated to the day.
    assert_eq!(veil(&render(&sandbox, "2016-11-05", &[])), (false, false));
}

#[test]
fn the_whole_area_carries_an_inset_of_the_city_that_labels_keep_clear_of() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["render", "--date", "2017-03-15", "-o", "-"];
        args.extend_from_slice(extra);
        let out = common::frontline(dir.path()).args(&args).assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    let svg = run(&[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let frame = doc.descendants().find(|n| n.attribute("class") == Some("inset-frame")).expect("an inset");
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let (x0, y0) = (num(frame, "x"), num(frame, "y"));
    let (x1, y1) = (x0 + num(frame, "width"), y0 + num(frame, "height"));
    let inset = doc.descendants().find(|n| n.attribute("id") == Some("inset")).unwrap();
    assert!(inset.descendants().filter(|n| n.attribute("data-place").is_some()).count() > 50, "city places drawn");
    assert!(text_of(&doc, "inset").contains("Mosul city"));
    for label in doc.descendants().filter(|n| n.attribute("class") == Some("label")) {
        let (x, y) = (num(label, "x"), num(label, "y"));
        assert!(!(x0 <= x && x <= x1 && y0 <= y && y <= y1), "a label at {x},{y} lies under the inset");
    }
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids stay unique with the inset");

    // The inset's areas are cut to it, rather than carrying the whole area's territory
    // hidden under its clip path.
    let territory = inset.descendants().find(|n| n.attribute("id") == Some("inset-territory")).unwrap();
    let areas = territory
        .descendants()
        .filter(|n| matches!(n.attribute("class"), Some("area" | "contested-area" | "low-confidence")));
    let margin = 20.0;
    for d in areas.filter_map(|n| n.attribute("d")) {
        for pair in d.split(['M', 'L', 'Z']).filter(|p| !p.is_empty()) {
            let (x, y) = pair.split_once(',').unwrap();
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            let inside = x0 - margin <= x && x <= x1 + margin && y0 - margin <= y && y <= y1 + margin;
            assert!(inside, "the inset's territory reaches {x},{y}, outside {x0},{y0}-{x1},{y1}");
        }
    }

    let focused = run(&["--focus", "mosul"]);
    assert!(!focused.contains("inset-frame"), "a view of the city needs no inset");
}

#[test]
fn one_multilingual_svg_switches_between_arabic_and_english() {
    let sandbox = Sandbox::new("tiny");
    let svg = render(&sandbox, "2016-11-04", &["--lang", "multi"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let switch = doc.descendants().find(|n| n.has_tag_name("switch")).expect("a <switch>");
    let branches: Vec<_> = switch.children().filter(|n| n.is_element()).collect();
    assert_eq!(branches.len(), 2);
    assert_eq!(branches[0].attribute("systemLanguage"), Some("ar"));
    assert_eq!(branches[1].attribute("systemLanguage"), None, "English is the fallback");
    let text = |n: roxmltree::Node| n.descendants().filter_map(|t| t.text()).collect::<String>();
    assert!(text(branches[0]).contains("السيطرة على الأماكن") && !text(branches[0]).contains("Control of places"));
    assert!(text(branches[1]).contains("Control of places") && !text(branches[1]).contains("السيطرة"));
    // The map is drawn once, outside the switch.
    assert_eq!(doc.descendants().filter(|n| n.attribute("id") == Some("territory")).count(), 1);
    // Ids are unique and every reference points at one of them.
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    for reference in svg.split("url(#").skip(1).map(|rest| rest.split(')').next().unwrap()) {
        assert!(ids.contains(&reference), "url(#{reference}) points nowhere");
    }
}

#[test]
fn places_without_a_position_replay_and_count_but_are_not_drawn() {
    let sandbox = Sandbox::new("tiny");
    let places = sandbox.read("places.csv");
    sandbox.write(
        "places.csv",
        &format!("{places}adl,Adl,العدل,,district,east,,,,unlocated: an eastern district no page places,\n"),
    );
    let events = sandbox.read("events.csv");
    sandbox
        .write("events.csv", &format!("{events}2016-11-03,day,Adl,gov,captured,,CTS,https://example.org/adl,taken\n"));
    let svg = render(&sandbox, "2016-11-05", &[]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(place(&doc, "adl").is_none(), "no marker for a place without a position");
    let json = sandbox.run(&["stats", "--date", "2016-11-05", "--region", "east", "--format", "json"]).success();
    let stats: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    let gov = stats["sides"].as_array().unwrap().iter().find(|s| s["side"] == "gov").unwrap().clone();
    let without: serde_json::Value = {
        sandbox.edit("events.csv", "2016-11-03,day,Adl,gov,captured", "2016-11-30,day,Adl,gov,captured");
        let out = sandbox.run(&["stats", "--date", "2016-11-05", "--region", "east", "--format", "json"]).success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let gov_before = without["sides"].as_array().unwrap().iter().find(|s| s["side"] == "gov").unwrap().clone();
    assert_eq!(gov["places"].as_u64().unwrap(), gov_before["places"].as_u64().unwrap() + 1, "Adl counts once held");
    assert_eq!(gov["area_km2"], gov_before["area_km2"], "but adds no area");
    sandbox
        .run(&["check"])
        .success()
        .stdout(predicates::str::contains("without a position (not drawn, counted): 1 of 7"));
}

#[test]
fn embedding_options_strip_furniture_prefix_ids_and_set_the_height() {
    let sandbox = Sandbox::new("tiny");
    let plain = render(&sandbox, "2016-11-05", &[]);
    let svg = render(
        &sandbox,
        "2016-11-05",
        &["--no-legend", "--no-title", "--transparent", "--id-prefix", "f1-", "--height", "300"],
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Class names carry the prefix too, so a host page's CSS cannot reach inside.
    let has_class = |class: &str| doc.descendants().any(|n| n.attribute("class") == Some(&format!("f1-{class}")));
    assert!(!has_class("legend") && !has_class("title-block") && !has_class("paper"), "furniture left out");
    for class in ["map", "words", "basemap", "territory", "places", "labels", "land", "scale-bar", "north-arrow"] {
        assert!(has_class(class), "every layer has a class a report's CSS can use: {class}");
    }
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    assert!(!ids.is_empty() && ids.iter().all(|id| id.starts_with("f1-")), "{ids:?}");
    for reference in svg.split("url(#").skip(1).map(|rest| rest.split(')').next().unwrap()) {
        assert!(ids.contains(&reference), "url(#{reference}) points nowhere");
    }
    let root = doc.root_element();
    assert_eq!(root.attribute("aria-labelledby"), Some("f1-frame-title f1-frame-desc"));
    assert_eq!(root.attribute("height"), Some("300.0"));
    let view_box: Vec<f64> = root.attribute("viewBox").unwrap().split(' ').map(|n| n.parse().unwrap()).collect();
    let width: f64 = root.attribute("width").unwrap().parse().unwrap();
    assert!((width / 300.0 - view_box[2] / view_box[3]).abs() < 0.01, "the aspect is kept");
    // Without the title the map starts higher, so the frame is shorter than the plain one.
    let plain_height =
        roxmltree::Document::parse(&plain).unwrap().root_element().attribute("viewBox").unwrap().to_string();
    assert!(view_box[3] < plain_height.split(' ').nth(3).unwrap().parse::<f64>().unwrap());
}

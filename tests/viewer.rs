//! `frontline animate -o FILE.html`: the self-contained viewer page, read as text and then
//! driven in a real headless Chromium through ChromeDriver (WebDriver over HTTP).
//!
//! The browser test needs Debian's `chromium` and `chromium-driver`. Without them it says
//! so and passes, unless `FRONTLINE_BROWSER_TESTS=require` (as `.ci/run` sets), where a
//! missing browser fails the test rather than hiding it.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::Sandbox;
use common::browser::{Browser, wait_until};
use serde_json::{Value, json};

fn viewer(sandbox: &Sandbox, extra: &[&str]) -> (PathBuf, String) {
    let mut args = vec!["animate", "-o", "page.html", "--width", "640", "-q"];
    args.extend_from_slice(extra);
    sandbox.run(&args).success();
    let path = sandbox.path().join("page.html");
    let html = std::fs::read_to_string(&path).unwrap();
    (path, html)
}

/// The JSON the page's script reads.
fn page_data(html: &str) -> Value {
    let start = html.find("<script type=\"application/json\" id=\"frontline-data\">").unwrap();
    let json = &html[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_page_is_self_contained_and_carries_every_date_with_its_events() {
    let sandbox = Sandbox::new("tiny");
    let (_, html) = viewer(&sandbox, &["--to", "2016-11-05"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("default-src 'none'"), "a Content-Security-Policy forbids any fetch");
    for remote in ["<link", "src=\"http", "src='http", "@import", "url(http"] {
        assert!(!html.contains(remote), "the page must not load {remote}");
    }
    assert_eq!(html.matches("<svg").count(), 1, "one inlined map");
    let data = page_data(&html);
    let dates = data["dates"].as_array().unwrap();
    assert_eq!(dates.len(), 21);
    assert_eq!(dates[0], "2016-10-16");
    assert_eq!(dates[20], "2016-11-05");
    let on = |date: &str| {
        let i = dates.iter().position(|d| d == date).unwrap();
        data["events"][i].as_array().unwrap().clone()
    };
    let bartella = on("2016-10-20");
    assert_eq!(bartella.len(), 1);
    assert_eq!(bartella[0]["place"], "Bartella");
    assert_eq!(bartella[0]["side"], "Government");
    assert_eq!(bartella[0]["source"], "seed:October 2016");
    assert_eq!(on("2016-11-04").len(), 2, "Gogjali cleared and Intisar entered");
    assert!(on("2016-10-21").is_empty());
}

#[test]
fn a_weekly_page_lists_the_events_since_the_date_before() {
    let sandbox = Sandbox::new("tiny");
    let (_, html) = viewer(&sandbox, &["--to", "2016-11-05", "--step", "1w"]);
    let data = page_data(&html);
    assert_eq!(data["dates"], json!(["2016-10-16", "2016-10-23", "2016-10-30", "2016-11-05"]));
    let count = |i: usize| data["events"][i].as_array().unwrap().len();
    // 17–23 Oct: Bartella, and Bashiqa back to ISIL (a range ending on the 24th counts
    // from its last day, so it belongs to the next week along with the siege).
    assert_eq!((count(0), count(1), count(2), count(3)), (0, 1, 2, 3));
}

#[test]
fn duration_spreads_one_pass_over_the_frames() {
    let sandbox = Sandbox::new("tiny");
    let (_, html) = viewer(&sandbox, &["--to", "2016-10-25", "--duration", "5"]);
    // 10 dates in 5 seconds.
    assert_eq!(page_data(&html)["frame_ms"], 500);
    sandbox.run(&["animate", "-o", "x.html", "--duration", "0"]).code(2);
    sandbox.run(&["animate", "-o", "x.html", "--duration", "1", "--frame-ms", "100"]).code(2);
    sandbox.run(&["animate", "-o", "x.webm"]).code(2);
}

#[test]
fn names_and_notes_from_the_data_stay_text() {
    let sandbox = Sandbox::new("tiny");
    let hostile = "</script><img src=x onerror=alert(1)> \u{202E}& ]]> 🏳";
    sandbox.edit("events.csv", "taken by CTS", &hostile.replace('"', ""));
    let (_, html) = viewer(&sandbox, &["--to", "2016-10-25"]);
    assert!(!html.contains("<img"), "a note must not become markup");
    assert!(html.contains("<title>Fixture &lt;&amp;&gt; battle</title>"), "the dataset's title is escaped");
    let data = page_data(&html);
    let events = data["events"].as_array().unwrap();
    let bartella = events.iter().flat_map(|e| e.as_array().unwrap()).find(|e| e["place"] == "Bartella").unwrap();
    assert_eq!(bartella["note"], hostile);
}

const ARROW_RIGHT: &str = "\u{E014}";
const HOME: &str = "\u{E011}";
const ARROW_LEFT: &str = "\u{E012}";
const TAB: &str = "\u{E004}";
const END: &str = "\u{E010}";
const ISIL: &str = "rgb(38, 38, 38)";
const GOVERNMENT: &str = "rgb(200, 16, 46)";

#[test]
fn in_chromium_the_slider_buttons_and_keys_move_the_map_and_the_event_list() {
    let sandbox = Sandbox::new("tiny");
    let (page, _) = viewer(&sandbox, &["--to", "2016-11-05"]);
    let Some(browser) = Browser::start() else { return };
    browser.open(&page);
    wait_until(Duration::from_secs(10), || browser.shown_date() == "2016-10-16");
    assert_eq!(browser.text("#date"), "16 October 2016");
    browser.wait_for_fill("bartella", ISIL);
    assert!(browser.text("#events").is_empty());

    // Four steps of the slider with the keyboard: 20 October, Bartella taken.
    browser.type_into("#date-slider", &ARROW_RIGHT.repeat(4));
    assert_eq!(browser.shown_date(), "2016-10-20");
    assert_eq!(browser.text("#date"), "20 October 2016");
    browser.wait_for_fill("bartella", GOVERNMENT);
    let events = browser.text("#events");
    assert!(events.contains("Bartella") && events.contains("Government"), "{events}");
    let link = browser.script("return document.querySelector('#events a, #events .source').textContent;");
    assert_eq!(link, "[seed:October 2016]", "a seed section is text, not a link");

    // Keys on the page: End and Home; the buttons step one date.
    browser.script("document.activeElement.blur();");
    browser.press(END);
    assert_eq!(browser.shown_date(), "2016-11-05");
    browser.wait_for_fill("gogjali", GOVERNMENT);
    browser.press(HOME);
    assert_eq!(browser.shown_date(), "2016-10-16");
    browser.click("#next");
    assert_eq!(browser.shown_date(), "2016-10-17");
    browser.click("#previous");
    assert_eq!(browser.shown_date(), "2016-10-16");

    // Play runs to the end on its own and stops there.
    browser.script("document.getElementById('speed').value = '60';");
    browser.click("#play");
    assert_eq!(browser.text("#play"), "Pause");
    wait_until(Duration::from_secs(10), || browser.shown_date() == "2016-11-05");
    wait_until(Duration::from_secs(2), || browser.text("#play") == "Play");
    assert_eq!(browser.script("return location.hash;"), "#2016-11-05");
}

#[test]
fn in_chromium_a_date_in_the_address_opens_on_that_date() {
    let sandbox = Sandbox::new("tiny");
    let (page, _) = viewer(&sandbox, &["--to", "2016-11-05"]);
    let Some(browser) = Browser::start() else { return };
    browser.command("/url", json!({ "url": format!("file://{}#2016-11-04", page.display()) }));
    wait_until(Duration::from_secs(10), || browser.shown_date() == "2016-11-04");
    browser.wait_for_fill("gogjali", GOVERNMENT);
    // Intisar entered that day: its hatch shows, its plain fill does not.
    let hatch = "return getComputedStyle(document.querySelector('path.contested[data-place=\"intisar\"]')).visibility;";
    assert_eq!(browser.script(hatch), "visible");
    let plain = "return getComputedStyle(document.querySelector('path.area[data-place=\"intisar\"]')).fillOpacity;";
    assert_eq!(browser.script(plain), "0");
    let events = browser.text("#events");
    assert!(events.contains("Gogjali") && events.contains("Intisar contested"), "{events}");
}

#[test]
fn in_chromium_the_animated_svg_plays_inside_an_img() {
    let sandbox = Sandbox::new("tiny");
    let args = ["animate", "-o", "war.svg", "--to", "2016-11-05", "--width", "640", "--frame-ms", "400", "-q"];
    sandbox.run(&args).success();
    let page = sandbox.path().join("img.html");
    std::fs::write(&page, "<!DOCTYPE html><body style=\"margin:0\"><img src=\"war.svg\" width=\"640\"></body>")
        .unwrap();
    let Some(browser) = Browser::start() else { return };
    browser.open(&page);
    wait_until(Duration::from_secs(10), || browser.script("return document.images[0].complete;") == true);
    // 21 dates of 0.4 s: within 5 s the picture must have shown several of them (a late
    // paint of the loaded image accounts for one change at most).
    let mut seen = vec![browser.screenshot()];
    let start = Instant::now();
    while seen.len() < 4 {
        assert!(start.elapsed() < Duration::from_secs(5), "{} pictures in 5 s", seen.len());
        std::thread::sleep(Duration::from_millis(150));
        let shot = browser.screenshot();
        if !seen.contains(&shot) {
            seen.push(shot);
        }
    }
}

#[test]
fn an_arabic_page_runs_right_to_left_around_a_map_that_lays_out_its_own_text() {
    let sandbox = Sandbox::new("tiny");
    let (_, html) = viewer(&sandbox, &["--to", "2016-10-25", "--lang", "ar"]);
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    // A right-to-left page would flip the anchors of the map's own right-to-left text.
    assert!(html.contains("<figure id=\"map\" dir=\"ltr\""));
    assert!(html.contains(">تشغيل</button>"), "the page's own words in Arabic");
    let data = page_data(&html);
    assert_eq!(data["labels"][4], "20 تشرين الأول 2016");
    assert_eq!(data["events"][4][0]["place"], "برطلة");
    assert_eq!(data["events"][4][0]["side"], "الحكومة");
    // The place panel's words too: Bartella held by the government from 20 October.
    let bartella = &data["places"]["bartella"];
    assert_eq!(bartella["name"], "برطلة");
    assert_eq!(bartella["states"][1]["state"], "تحت السيطرة");
    assert_eq!(bartella["states"][1]["from"], "2016-10-20");
    assert!(bartella["states"][0].get("from").is_none(), "the starting state has no date");
}

#[test]
fn in_chromium_the_address_moves_the_viewer_and_a_date_out_of_range_is_clamped_with_a_notice() {
    let sandbox = Sandbox::new("tiny");
    let (page, _) = viewer(&sandbox, &["--to", "2016-11-05"]);
    let Some(browser) = Browser::start() else { return };
    browser.open(&page);
    wait_until(Duration::from_secs(10), || browser.shown_date() == "2016-10-16");
    assert_eq!(browser.script("return document.getElementById('notice').hidden;"), true);

    // Changing the date in the address moves the viewer, map and all.
    browser.script("location.hash = '#2016-10-20';");
    wait_until(Duration::from_secs(5), || browser.shown_date() == "2016-10-20");
    browser.wait_for_fill("bartella", GOVERNMENT);
    assert_eq!(browser.text("#date"), "20 October 2016");

    // After the last date: the last date, and a notice that says so.
    browser.script("location.hash = '#2017-05-01';");
    wait_until(Duration::from_secs(5), || browser.shown_date() == "2016-11-05");
    assert_eq!(browser.script("return document.getElementById('notice').hidden;"), false);
    let notice = browser.text("#notice");
    assert!(notice.contains("2017-05-01") && notice.contains("showing 5 November 2016"), "{notice}");
    assert_eq!(browser.script("return location.hash;"), "#2016-11-05", "the address says what is shown");
    // Before the first, or not a date at all: the first date.
    browser.script("location.hash = '#1999-01-01';");
    wait_until(Duration::from_secs(5), || browser.shown_date() == "2016-10-16");
    assert!(browser.text("#notice").contains("showing 16 October 2016"));
    browser.script("location.hash = '#2016-10-18';");
    wait_until(Duration::from_secs(5), || browser.shown_date() == "2016-10-18");
    assert_eq!(browser.script("return document.getElementById('notice').hidden;"), true, "a date it has: no notice");
}

#[test]
fn in_chromium_the_map_zooms_and_pans_with_wheel_drag_buttons_and_keys() {
    let sandbox = Sandbox::new("tiny");
    let (page, _) = viewer(&sandbox, &["--to", "2016-11-05"]);
    let Some(browser) = Browser::start() else { return };
    browser.open(&page);
    wait_until(Duration::from_secs(10), || browser.shown_date() == "2016-10-16");
    let view_box = || -> Vec<f64> {
        let text = browser.script("return document.querySelector('#map svg').getAttribute('viewBox');");
        text.as_str().unwrap().split(' ').map(|n| n.parse().unwrap()).collect()
    };
    let whole = view_box();

    // The wheel zooms in about the pointer.
    let wheel = json!({ "actions": [{ "type": "wheel", "id": "wheel", "actions": [
        { "type": "scroll", "x": 300, "y": 300, "deltaX": 0, "deltaY": -300, "origin": "viewport" }
    ]}]});
    browser.command("/actions", wheel);
    wait_until(Duration::from_secs(5), || view_box()[2] < whole[2] * 0.7);
    let zoomed = view_box();

    // A drag pans: the view moves the other way from the pointer.
    let drag = json!({ "actions": [{ "type": "pointer", "id": "mouse", "parameters": { "pointerType": "mouse" },
    "actions": [
        { "type": "pointerMove", "x": 400, "y": 400, "origin": "viewport" },
        { "type": "pointerDown", "button": 0 },
        { "type": "pointerMove", "x": 300, "y": 350, "origin": "viewport", "duration": 100 },
        { "type": "pointerUp", "button": 0 }
    ]}]});
    browser.command("/actions", drag);
    let dragged = view_box();
    assert!(dragged[0] > zoomed[0] && dragged[1] > zoomed[1], "{zoomed:?} -> {dragged:?}");
    assert_eq!(dragged[2], zoomed[2], "a drag does not zoom");

    // With the focus on the map, arrows pan (and do not change the date); 0 shows it whole.
    browser.script("document.getElementById('map').focus();");
    browser.press(ARROW_LEFT);
    let panned = view_box();
    assert!(panned[0] < dragged[0], "{dragged:?} -> {panned:?}");
    assert_eq!(browser.shown_date(), "2016-10-16");
    browser.press("0");
    assert_eq!(view_box(), whole);

    // + and − anywhere on the page, and the buttons.
    browser.script("document.activeElement.blur();");
    browser.press("+");
    assert!(view_box()[2] < whole[2]);
    browser.press("-");
    assert!((view_box()[2] - whole[2]).abs() < 0.1);
    browser.click("#zoom-in");
    browser.click("#zoom-in");
    assert!((view_box()[2] - whole[2] / 2.25).abs() < 0.1, "{:?}", view_box());
    browser.click("#zoom-reset");
    assert_eq!(view_box(), whole, "the view never leaves the map");
}

#[test]
fn in_chromium_a_clicked_place_shows_its_state_since_when_by_whom_and_the_source() {
    let sandbox = Sandbox::new("tiny");
    let (page, _) = viewer(&sandbox, &["--to", "2016-11-05"]);
    let Some(browser) = Browser::start() else { return };
    browser.command("/url", json!({ "url": format!("file://{}#2016-10-25", page.display()) }));
    wait_until(Duration::from_secs(10), || browser.shown_date() == "2016-10-25");
    assert_eq!(browser.script("return document.getElementById('place-panel').hidden;"), true);
    browser.click("#map g.place[data-place=\"bartella\"]");
    wait_until(Duration::from_secs(5), || {
        browser.script("return document.getElementById('place-panel').hidden;") == false
    });
    assert_eq!(browser.text("#place-name"), "Bartella");
    let state = browser.text("#place-state");
    assert!(state.contains("held") && state.contains("Government") && state.contains("since 2016-10-20"), "{state}");
    assert!(state.contains("by CTS") || state.contains("(by "), "{state}");
    assert_eq!(browser.text("#place-source"), "[seed:October 2016]");

    // The panel follows the date: before the capture, ISIL's since the start.
    browser.script("location.hash = '#2016-10-17';");
    wait_until(Duration::from_secs(5), || browser.shown_date() == "2016-10-17");
    let state = browser.text("#place-state");
    assert!(state.contains("ISIL") && state.contains("since the start"), "{state}");
    browser.click("#place-close");
    assert_eq!(browser.script("return document.getElementById('place-panel').hidden;"), true);
}

#[test]
fn in_chromium_every_control_is_named_focusable_and_the_date_is_announced() {
    let sandbox = Sandbox::new("tiny");
    let (page, _) = viewer(&sandbox, &["--to", "2016-11-05"]);
    let Some(browser) = Browser::start() else { return };
    browser.open(&page);
    wait_until(Duration::from_secs(10), || browser.shown_date() == "2016-10-16");
    // Every button, input and select has an accessible name and is reached by Tab.
    let unnamed = browser.script(
        "return Array.from(document.querySelectorAll('button, input, select')).filter(e =>
           !(e.getAttribute('aria-label') || e.textContent.trim() || (e.labels && e.labels.length))
           || e.tabIndex < 0).map(e => e.id);",
    );
    assert_eq!(unnamed, json!([]), "controls without a name or out of the tab order");
    let map = browser.script(
        "const m = document.getElementById('map'); return [m.tabIndex, m.getAttribute('role'), m.getAttribute('aria-label')];",
    );
    assert_eq!(map[0], 0);
    assert!(map[2].as_str().unwrap().contains("zoom"), "{map}");
    assert_eq!(browser.script("return document.getElementById('date').getAttribute('aria-live');"), "polite");
    assert_eq!(browser.script("return document.getElementById('notice').getAttribute('role');"), "alert");
    // Tab from the map reaches the controls in order.
    browser.script("document.getElementById('map').focus();");
    browser.press(TAB);
    assert_eq!(browser.script("return document.activeElement.id;"), "previous");
}

#[test]
fn in_chromium_the_mp4_plays_in_a_video_element() {
    let sandbox = Sandbox::new("tiny");
    let args = ["animate", "--from", "2016-10-30", "--to", "2016-11-03", "--width", "400", "-o", "war.mp4", "-q"];
    sandbox.run(&args).success();
    let page = sandbox.path().join("video.html");
    std::fs::write(&page, "<!DOCTYPE html><video id=\"v\" src=\"war.mp4\" muted autoplay playsinline></video>")
        .unwrap();
    let Some(browser) = Browser::start() else { return };
    browser.open(&page);
    let video = "document.getElementById('v')";
    let time = || browser.script(&format!("{video}.play(); return {video}.currentTime;")).as_f64().unwrap_or(0.0);
    // Debian's Chromium plays H.264 (checked: canPlayType('video/mp4; codecs="avc1.42E01E"')).
    wait_until(Duration::from_secs(30), || time() > 0.5);
    let error = browser.script(&format!("return {video}.error && {video}.error.message;"));
    assert!(error.is_null(), "no media error: {error}");
    assert_eq!(browser.script(&format!("return {video}.videoWidth;")), 400);
    let duration = browser.script(&format!("return {video}.duration;")).as_f64().unwrap();
    // 5 dates of 8 frames at 30 fps, the last held 3 s more: 4.33 s.
    assert!((duration - 130.0 / 30.0).abs() < 0.05, "{duration}");
}

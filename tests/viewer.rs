//! `frontline animate -o FILE.html`: the self-contained viewer page, read as text and then
//! driven in a real headless Chromium through ChromeDriver (WebDriver over HTTP).
//!
//! The browser test needs Debian's `chromium` and `chromium-driver`. Without them it says
//! so and passes, unless `FRONTLINE_BROWSER_TESTS=require` (as `.ci/run` sets), where a
//! missing browser fails the test rather than hiding it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Sandbox;
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

/// A ChromeDriver process and one headless Chromium session in it; both end on drop.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    /// Chromium's profile, removed after the browser has ended.
    _profile: tempfile::TempDir,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// `None` when Chromium or ChromeDriver is not installed (and not required).
    fn start() -> Option<Browser> {
        let chromium = tool("FRONTLINE_CHROMIUM", "/usr/bin/chromium");
        let chromedriver = tool("FRONTLINE_CHROMEDRIVER", "/usr/bin/chromedriver");
        if !chromium.exists() || !chromedriver.exists() {
            let required = std::env::var("FRONTLINE_BROWSER_TESTS").is_ok_and(|v| v == "require");
            assert!(!required, "FRONTLINE_BROWSER_TESTS=require but {chromium:?} or {chromedriver:?} is missing");
            eprintln!("skipped: no {chromium:?} or {chromedriver:?} (apt install chromium chromium-driver)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        wait_until(Duration::from_secs(30), || ureq::get(&format!("{base}/status")).call().is_ok());
        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1400,1000",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args }
        }}});
        let mut browser = Browser { driver, base, session: String::new(), _profile: profile };
        let created = browser.post("/session", capabilities);
        browser.session = created["sessionId"].as_str().unwrap().to_string();
        Some(browser)
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let url = format!("{}{}", self.base, path);
        let mut response = ureq::post(&url).send_json(body).unwrap_or_else(|e| panic!("POST {path}: {e}"));
        response.body_mut().read_json::<Value>().unwrap()["value"].clone()
    }

    fn command(&self, path: &str, body: Value) -> Value {
        self.post(&format!("/session/{}{path}", self.session), body)
    }

    fn open(&self, file: &Path) {
        self.command("/url", json!({ "url": format!("file://{}", file.display()) }));
    }

    fn script(&self, source: &str) -> Value {
        self.command("/execute/sync", json!({ "script": source, "args": [] }))
    }

    fn element(&self, css: &str) -> String {
        let found = self.command("/element", json!({ "using": "css selector", "value": css }));
        found[ELEMENT].as_str().unwrap().to_string()
    }

    fn click(&self, css: &str) {
        let element = self.element(css);
        self.command(&format!("/element/{element}/click"), json!({}));
    }

    /// Types `keys` (WebDriver key codes) into the element.
    fn type_into(&self, css: &str, keys: &str) {
        let element = self.element(css);
        self.command(&format!("/element/{element}/value"), json!({ "text": keys }));
    }

    /// Presses `key` on whatever has the focus.
    fn press(&self, key: &str) {
        let actions = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }
        ]}]});
        self.command("/actions", actions);
    }

    fn text(&self, css: &str) -> String {
        let source = format!("return document.querySelector({}).textContent;", json!(css));
        self.script(&source).as_str().unwrap().to_string()
    }

    /// The fill a reader sees on the place's area (the animated value, not the attribute).
    fn area_fill(&self, place: &str) -> String {
        let css = format!("#map path.area[data-place=\"{place}\"]");
        let source = format!("return getComputedStyle(document.querySelector({})).fill;", json!(css));
        self.script(&source).as_str().unwrap().to_string()
    }

    /// Waits for the place's area to show `colour`: the browser applies the SVG's clock at
    /// its next animation frame, not at once.
    fn wait_for_fill(&self, place: &str, colour: &str) {
        let start = Instant::now();
        while self.area_fill(place) != colour {
            let seen = self.area_fill(place);
            assert!(start.elapsed() < Duration::from_secs(5), "{place} is {seen}, expected {colour}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The window as a PNG, base64-encoded as WebDriver sends it.
    fn screenshot(&self) -> String {
        let url = format!("{}/session/{}/screenshot", self.base, self.session);
        let mut response = ureq::get(&url).call().unwrap();
        response.body_mut().read_json::<Value>().unwrap()["value"].as_str().unwrap().to_string()
    }

    fn shown_date(&self) -> String {
        self.script("return document.body.dataset.date || '';").as_str().unwrap().to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = ureq::delete(&format!("{}/session/{}", self.base, self.session)).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn tool(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(default))
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "gave up after {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

const ARROW_RIGHT: &str = "\u{E014}";
const HOME: &str = "\u{E011}";
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
    assert!(html.contains("<figure id=\"map\" dir=\"ltr\">"));
    assert!(html.contains(">تشغيل</button>"), "the page's own words in Arabic");
    let data = page_data(&html);
    assert_eq!(data["labels"][4], "20 تشرين الأول 2016");
    assert_eq!(data["events"][4][0]["place"], "برطلة");
    assert_eq!(data["events"][4][0]["side"], "الحكومة");
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

//! A ChromeDriver process and one headless Chromium session, driven over WebDriver's HTTP
//! protocol, for the tests that check pages in a real browser.
//!
//! The browser tests need Debian's `chromium` and `chromium-driver`. Without them a test says
//! so and passes, unless `FRONTLINE_BROWSER_TESTS=require` (as `.ci/run` sets), where a
//! missing browser fails the test rather than hiding it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A ChromeDriver process and one headless Chromium session in it; both end on drop.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    /// Chromium's profile, removed after the browser has ended.
    _profile: tempfile::TempDir,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    /// `None` when Chromium or ChromeDriver is not installed (and not required).
    pub fn start() -> Option<Browser> {
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

    pub fn post(&self, path: &str, body: Value) -> Value {
        let url = format!("{}{}", self.base, path);
        let mut response = ureq::post(&url).send_json(body).unwrap_or_else(|e| panic!("POST {path}: {e}"));
        response.body_mut().read_json::<Value>().unwrap()["value"].clone()
    }

    pub fn command(&self, path: &str, body: Value) -> Value {
        self.post(&format!("/session/{}{path}", self.session), body)
    }

    pub fn open(&self, file: &Path) {
        self.command("/url", json!({ "url": format!("file://{}", file.display()) }));
    }

    pub fn script(&self, source: &str) -> Value {
        self.command("/execute/sync", json!({ "script": source, "args": [] }))
    }

    pub fn element(&self, css: &str) -> String {
        let found = self.command("/element", json!({ "using": "css selector", "value": css }));
        found[ELEMENT].as_str().unwrap().to_string()
    }

    pub fn click(&self, css: &str) {
        let element = self.element(css);
        self.command(&format!("/element/{element}/click"), json!({}));
    }

    /// Types `keys` (WebDriver key codes) into the element.
    pub fn type_into(&self, css: &str, keys: &str) {
        let element = self.element(css);
        self.command(&format!("/element/{element}/value"), json!({ "text": keys }));
    }

    /// Presses `key` on whatever has the focus.
    pub fn press(&self, key: &str) {
        let actions = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }
        ]}]});
        self.command("/actions", actions);
    }

    pub fn text(&self, css: &str) -> String {
        let source = format!("return document.querySelector({}).textContent;", json!(css));
        self.script(&source).as_str().unwrap().to_string()
    }

    /// The fill a reader sees on the place's area (the animated value, not the attribute).
    pub fn area_fill(&self, place: &str) -> String {
        let css = format!("#map path.area[data-place=\"{place}\"]");
        let source = format!("return getComputedStyle(document.querySelector({})).fill;", json!(css));
        self.script(&source).as_str().unwrap().to_string()
    }

    /// Waits for the place's area to show `colour`: the browser applies the SVG's clock at
    /// its next animation frame, not at once.
    pub fn wait_for_fill(&self, place: &str, colour: &str) {
        let start = Instant::now();
        while self.area_fill(place) != colour {
            let seen = self.area_fill(place);
            assert!(start.elapsed() < Duration::from_secs(5), "{place} is {seen}, expected {colour}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The window as a PNG, base64-encoded as WebDriver sends it.
    pub fn screenshot(&self) -> String {
        let url = format!("{}/session/{}/screenshot", self.base, self.session);
        let mut response = ureq::get(&url).call().unwrap();
        response.body_mut().read_json::<Value>().unwrap()["value"].as_str().unwrap().to_string()
    }

    pub fn shown_date(&self) -> String {
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

pub fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < limit, "gave up after {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

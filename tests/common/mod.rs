//! Helpers shared by the integration tests: a sandbox copy of a fixture dataset that a
//! test may break on purpose, the binary under test, and SVG parsing.

#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};

pub mod browser;

use assert_cmd::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The `frontline` binary, run in `dir`.
pub fn frontline(dir: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("frontline"));
    cmd.current_dir(dir);
    cmd
}

/// A temporary copy of a fixture dataset.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new(fixture_name: &str) -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&fixture(fixture_name), &dir.path().join("data"));
        Sandbox { dir }
    }

    /// A copy of `tiny` with the files of `tests/fixtures/broken/<fault>` laid over it.
    pub fn broken(fault: &str) -> Sandbox {
        let sandbox = Sandbox::new("tiny");
        copy_dir(&fixture("broken").join(fault), &sandbox.dataset());
        sandbox
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn dataset(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.dataset().join(file)).unwrap()
    }

    pub fn write(&self, file: &str, text: &str) {
        std::fs::write(self.dataset().join(file), text).unwrap();
    }

    /// Replaces `from` by `to` in a dataset file; the text must be there.
    pub fn edit(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert!(text.contains(from), "{file} has no {from:?}");
        self.write(file, &text.replacen(from, to, 1));
    }

    /// `frontline <args> --dataset <sandbox>` run from the sandbox folder.
    pub fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        frontline(self.path()).args(args).arg("--dataset").arg(self.dataset()).assert()
    }

    /// Every file under the sandbox folder apart from the dataset.
    pub fn outputs(&self) -> Vec<PathBuf> {
        let mut found = Vec::new();
        collect(self.path(), &self.dataset(), &mut found);
        found
    }
}

fn collect(dir: &Path, skip: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path == skip {
            continue;
        }
        if path.is_dir() {
            collect(&path, skip, found);
        } else {
            found.push(path);
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The text content of every element with `class="label"`, in document order.
pub fn labels(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.attribute("class") == Some("label"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

/// The group drawing one place.
pub fn place<'a>(doc: &'a roxmltree::Document, id: &str) -> Option<roxmltree::Node<'a, 'a>> {
    let want = format!("place-{id}");
    doc.descendants().find(|n| n.attribute("id") == Some(want.as_str()))
}

/// The fill colours used inside a node, in order.
pub fn fills(node: roxmltree::Node) -> Vec<String> {
    node.descendants().filter_map(|n| n.attribute("fill")).filter(|f| *f != "none").map(String::from).collect()
}

/// All text of the element with this id.
pub fn text_of(doc: &roxmltree::Document, id: &str) -> String {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .map(|n| n.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Label boxes estimated from the SVG the way a reader's renderer would lay them out with
/// DejaVu Sans, and marker boxes from their circles and paths.
pub fn text_boxes(doc: &roxmltree::Document) -> Vec<(String, f64, f64, f64, f64)> {
    let mut boxes = Vec::new();
    for label in doc.descendants().filter(|n| n.attribute("class") == Some("label")) {
        let num = |a: &str| label.attribute(a).unwrap().parse::<f64>().unwrap();
        let (x, y, size) = (num("x"), num("y"), num("font-size"));
        let bold = label.attribute("font-weight") == Some("bold");
        let width = frontline::render::labels::text_width(label.text().unwrap(), size, bold);
        let x0 = match label.attribute("text-anchor") {
            Some("middle") => x - width / 2.0,
            Some("end") => x - width,
            _ => x,
        };
        boxes.push((format!("label {}", label.text().unwrap()), x0, y - 0.75 * size, x0 + width, y + 0.2 * size));
    }
    for group in doc.descendants().filter(|n| n.attribute("class") == Some("place")) {
        let d = group.descendants().find_map(|n| n.attribute("d")).unwrap();
        let numbers: Vec<f64> =
            d.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).filter_map(|s| s.parse().ok()).collect();
        // Path data alternates x,y for polygons. A circle starts at its leftmost point and
        // arcs to the rightmost; a half circle (a contested marker) starts at the top and
        // arcs straight down to the bottom. Either way the arc carries the radius.
        let (x, y) = (numbers[0], numbers[1]);
        let (r, cx, cy) = match d.contains('A') {
            true if (numbers[7] - x).abs() < 1e-6 => (numbers[2], x, (y + numbers[8]) / 2.0),
            true => (numbers[2], x + numbers[2], y),
            false => (0.0, x, y),
        };
        boxes.push((group.attribute("id").unwrap().to_string(), cx - r, cy - r, cx + r, cy + r));
    }
    boxes
}

pub fn overlap(a: &(String, f64, f64, f64, f64), b: &(String, f64, f64, f64, f64)) -> bool {
    a.1 < b.3 && b.1 < a.3 && a.2 < b.4 && b.2 < a.4
}

/// True when the command `tool` runs here. Where it does not, a test that needs it is
/// skipped with a word, unless `require_var` is set to `require` (as `.ci/run` sets it):
/// then the missing tool fails the test rather than hiding it.
pub fn tool_available(tool: &str, require_var: &str) -> bool {
    let runs = std::process::Command::new(tool)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !runs {
        let required = std::env::var(require_var).is_ok_and(|v| v == "require");
        assert!(!required, "{require_var}=require but `{tool}` does not run");
        eprintln!("skipped: `{tool}` is not installed");
    }
    runs
}

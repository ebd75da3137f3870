//! The layout rules of ARCHITECTURE.md, read from the source: no module imports one that
//! imports it back (directly or through others), a stage never uses a later stage, no source
//! file is longer than 800 lines and `src/` shows at most 12 entries.
//!
//! Imports are the `crate::`, `super::` and `self::` paths of every `use` item and every
//! path written inline, tests included: a module's tests are part of its file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages in pipeline order: a module may use its own stage and earlier ones.
const STAGES: [&str; 6] = ["error", "dataset", "model", "render", "formats", "commands"];

/// The crate root's modules that belong to no stage: the library root and the binary.
const ROOTS: [&str; 2] = ["lib", "main"];

const MAX_LINES: usize = 800;
const MAX_TOP_LEVEL_ENTRIES: usize = 12;

type Module = Vec<String>;

/// Every `.rs` file under `src/` with its module path (`src/model/control.rs` ->
/// `["model", "control"]`; `mod.rs` names its folder).
fn modules() -> BTreeMap<Module, PathBuf> {
    fn walk(dir: &Path, prefix: &Module, out: &mut BTreeMap<Module, PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &[prefix.clone(), vec![stem]].concat(), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = if stem == "mod" { prefix.clone() } else { [prefix.clone(), vec![stem]].concat() };
                out.insert(module, path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &Vec::new(), &mut out);
    out
}

/// The source without comments and string literals, which may mention paths they do not use.
fn code_only(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '"' && !escaped {
                        break;
                    }
                    escaped = c == '\\' && !escaped;
                }
                out.push_str("\"\"");
            }
            // A char literal such as '"' must not open a string; lifetimes pass through.
            '\'' => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("\\") || rest.chars().nth(1) == Some('\'') {
                    for c in chars.by_ref() {
                        if c == '\'' {
                            break;
                        }
                    }
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path the code names, with where it is named: `use` trees expanded (`use
/// crate::{a::B, c}` gives `crate::a::B` and `crate::c`), and inline paths as written.
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = code[from..].find("use ") {
        let start = from + found;
        let before = code[..start].chars().last();
        let Some(end) = code[start..].find(';').map(|e| start + e) else { break };
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
            let mut trees = Vec::new();
            expand(&code[start + 4..end], &mut Vec::new(), &mut trees);
            out.extend(trees.into_iter().map(|tree| (start, tree)));
        }
        from = end;
    }
    // Inline paths: every `a::b` not itself the tail of a longer path.
    let bytes = code.as_bytes();
    for (at, _) in code.match_indices("::") {
        let start = code[..at].rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        if start == at || (start > 0 && bytes[start - 1] == b':') {
            continue;
        }
        let path: String =
            code[start..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        if path.ends_with("::") {
            continue; // the head of a `use` tree, expanded above
        }
        out.push((start, path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect()));
    }
    out
}

/// The spans of the modules written inline in a file (`mod tests { ... }`), so that
/// `super::` inside them names the file's own module.
fn inline_modules(code: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new(); // (depth of the module's brace, start)
    let mut depth = 0;
    for (at, c) in code.char_indices() {
        match c {
            '{' => {
                depth += 1;
                let head = code[..at].trim_end();
                let words: Vec<&str> = head.rsplit(|c: char| c.is_whitespace()).take(2).collect();
                if words.len() == 2 && words[1] == "mod" {
                    open.push((depth, at));
                }
            }
            '}' => {
                if open.last().is_some_and(|&(d, _)| d == depth) {
                    let (_, start) = open.pop().unwrap();
                    spans.push(start..at);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    spans
}

fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head: Vec<String> =
            tree[..open].split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut part = String::new();
        let mut parts = Vec::new();
        for c in inner.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut part));
                    continue;
                }
                _ => {}
            }
            part.push(c);
        }
        parts.push(part);
        let mut base = prefix.clone();
        base.extend(head);
        for part in parts.iter().filter(|p| !p.trim().is_empty()) {
            expand(part, &mut base.clone(), out);
        }
    } else {
        let name = tree.split(" as ").next().unwrap_or(tree);
        prefix.extend(name.split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from));
        out.push(prefix.clone());
    }
}

/// The module of this crate a path leads to: the longest prefix naming a module file, if
/// the path starts at the crate (`crate::`), the parent (`super::`) or the module (`self::`).
/// `inline` is how many inline modules deep the path is written; items of the crate root
/// (`crate::Result`) lead to `lib`.
fn target(path: &[String], from: &Module, inline: usize, known: &BTreeMap<Module, PathBuf>) -> Option<Module> {
    let (mut base, mut rest): (Module, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.clone(), &path[1..]),
        Some("super") => (from.clone(), path),
        // A path from a child module (`inset::Inset` in `render/mod.rs`).
        Some(_) => (from.clone(), path),
        None => return None,
    };
    let mut inline = inline;
    while rest.first().is_some_and(|s| s == "super") {
        // Leaving an inline module stays in the file; leaving the file goes to its parent.
        if inline > 0 {
            inline -= 1;
        } else {
            base.pop();
        }
        rest = &rest[1..];
    }
    let relative = !matches!(path[0].as_str(), "crate" | "self" | "super");
    let mut found = match () {
        _ if relative => None,
        _ if base.is_empty() => Some(vec!["lib".to_string()]),
        _ => Some(base.clone()),
    };
    for segment in rest {
        base.push(segment.clone());
        if !known.contains_key(&base) {
            break;
        }
        found = Some(base.clone());
    }
    found
}

/// Module -> the modules of this crate it uses (itself left out).
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let known = modules();
    let mut graph = BTreeMap::new();
    for (module, path) in &known {
        let code = code_only(&std::fs::read_to_string(path).unwrap());
        let inline = inline_modules(&code);
        let uses: BTreeSet<Module> = paths(&code)
            .iter()
            .filter_map(|(at, p)| target(p, module, inline.iter().filter(|s| s.contains(at)).count(), &known))
            .filter(|t| t != module)
            .collect();
        graph.insert(module.clone(), uses);
    }
    graph
}

fn name(module: &Module) -> String {
    module.join("::")
}

/// A cycle through `start`, if there is one (depth-first search).
fn cycle_through(start: &Module, graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        node: &Module,
        start: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        seen: &mut BTreeSet<Module>,
        path: &mut Vec<Module>,
    ) -> bool {
        for next in graph.get(node).into_iter().flatten() {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if visit(next, start, graph, seen, path) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.clone()];
    visit(start, start, graph, &mut BTreeSet::new(), &mut path).then_some(path)
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_through(m, &graph))
        .map(|c| c.iter().chain(c.first()).map(name).collect::<Vec<_>>().join(" -> "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn a_stage_uses_only_itself_and_the_stages_before_it() {
    let rank = |m: &Module| {
        let top = m.first().map(String::as_str).unwrap_or("lib");
        STAGES.iter().position(|s| *s == top)
    };
    let mut wrong = Vec::new();
    for (module, uses) in graph() {
        let Some(own) = rank(&module) else {
            assert!(ROOTS.contains(&module[0].as_str()), "{} belongs to no stage of {STAGES:?}", name(&module));
            continue;
        };
        for used in uses.iter().filter(|u| rank(u).is_some_and(|r| r > own)) {
            wrong.push(format!("{} uses the later stage's {}", name(&module), name(used)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_source_file_is_longer_than_800_lines() {
    let long: Vec<String> = modules()
        .values()
        .map(|path| (path, std::fs::read_to_string(path).unwrap().lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(path, lines)| format!("{}: {lines} lines", path.display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn the_top_of_src_shows_the_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let entries: BTreeSet<String> =
        std::fs::read_dir(&src).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(entries.len() <= MAX_TOP_LEVEL_ENTRIES, "src/ has {} entries: {entries:?}", entries.len());
    for stage in STAGES {
        let present = entries.contains(stage) || entries.contains(&format!("{stage}.rs"));
        assert!(present, "src/ has no stage {stage}: {entries:?}");
    }
}

#[test]
fn the_checker_sees_imports_in_every_form() {
    let code = code_only(
        "use crate::{dataset::{Dataset, manifest::SideId}, model::control as c};\n\
         // use crate::formats::x;\n\
         let s = \"crate::commands\"; let v = crate::render::style::px(1.0); use super::words;",
    );
    let found: BTreeSet<String> = paths(&code).iter().map(|(_, p)| p.join("::")).collect();
    for expected in [
        "crate::dataset::Dataset",
        "crate::dataset::manifest::SideId",
        "crate::model::control",
        "crate::render::style::px",
        "super::words",
    ] {
        assert!(found.contains(expected), "{expected} not in {found:?}");
    }
    assert!(!found.iter().any(|p| p.contains("formats") || p.contains("commands")), "{found:?}");
}

#[test]
fn the_checker_finds_a_cycle_and_only_a_cycle() {
    let module = |name: &str| name.split("::").map(String::from).collect::<Module>();
    let graph = |edges: &[(&str, &str)]| {
        let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
        for (from, to) in edges {
            graph.entry(module(from)).or_default().insert(module(to));
            graph.entry(module(to)).or_default();
        }
        graph
    };
    let circle =
        graph(&[("dataset", "dataset::events"), ("dataset::events", "model::control"), ("model::control", "dataset")]);
    let found = cycle_through(&module("dataset"), &circle).expect("a cycle");
    assert_eq!(found.iter().map(name).collect::<Vec<_>>(), ["dataset", "dataset::events", "model::control"]);
    let chain =
        graph(&[("dataset", "dataset::events"), ("model::control", "dataset"), ("model::control", "dataset::events")]);
    assert!(chain.keys().all(|m| cycle_through(m, &chain).is_none()));
}

//! Writing a tree of `svg` crate nodes as text, byte for byte as the crate's own `Display`
//! writes it, at a fraction of the cost.
//!
//! The crate's `Display` formats through `fmt::Formatter`, sorts each element's attributes
//! into a new vector and escapes every value with three `str::replace` passes (three new
//! strings per attribute, path data included). A Mosul frame is about half a megabyte of
//! attribute text, so that was a fifth of drawing a frame. Here the same walk writes into
//! one `String` and copies a value untouched when it has nothing to escape. A test holds the
//! output equal to the crate's on whole frames.

use std::fmt::Write;

use svg::Node;
use svg::node::{Attributes, Children};

/// The SVG text of `node` and everything under it, as `node.to_string()` gives it.
pub fn svg_text(node: &dyn Node) -> String {
    let mut out = String::with_capacity(64 * 1024);
    write_node(&mut out, node);
    out
}

fn write_node(out: &mut String, node: &dyn Node) {
    match (node.get_attributes(), node.get_children()) {
        (Some(attributes), Some(children)) => {
            // The crate writes the children of "bareable" elements (the root `<svg>`,
            // `<text>`, `<style>`, `<script>`) each on its own line, bare text included.
            write_element(out, node.get_name(), attributes, children, node.is_bareable())
        }
        // Text (escaped by its own Display), blobs (written as they are) and comments.
        _ => write!(out, "{node}").expect("writing to a String cannot fail"),
    }
}

fn write_element(out: &mut String, name: &str, attributes: &Attributes, children: &Children, lines: bool) {
    out.push('<');
    out.push_str(name);
    let mut sorted: Vec<(&String, &svg::node::Value)> = attributes.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (name, value) in sorted {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        push_escaped(out, value);
        out.push('"');
    }
    if children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    let mut bare = false;
    for child in children {
        bare = child.is_bare() && !lines;
        if !bare {
            out.push('\n');
        }
        write_node(out, child.as_ref());
    }
    if !bare {
        out.push('\n');
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Writes the start of an element, `<name a="v" …`, as [`svg_text`] writes it: attributes
/// sorted by name, values escaped. The caller ends it with `/>` or with `>`, children and
/// the end tag. For drawings made by the thousand, where building nodes to write them
/// costs more than the writing.
pub fn start_tag(out: &mut String, name: &str, attributes: &mut [(&str, &str)]) {
    attributes.sort_unstable_by(|a, b| a.0.cmp(b.0));
    out.push('<');
    out.push_str(name);
    for (name, value) in attributes.iter() {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        push_escaped(out, value);
        out.push('"');
    }
}

/// Writes `<name …/>`, an element without children, as [`svg_text`] writes it.
pub fn empty_element(out: &mut String, name: &str, attributes: &mut [(&str, &str)]) {
    start_tag(out, name, attributes);
    out.push_str("/>");
}

/// Writes text as a text node is written: `&`, `<` and `>` escaped.
pub fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// An attribute value escaped as the crate escapes it: `&`, `<`, `>`, `"` and `'`.
fn push_escaped(out: &mut String, value: &str) {
    let special = |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    if !value.bytes().any(special) {
        out.push_str(value);
        return;
    }
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use svg::node::element::{Group, Path, Text, Title};
    use svg::node::{Blob, Comment};

    fn same_as_the_crate(node: &dyn Node) {
        assert_eq!(svg_text(node), node.to_string());
    }

    #[test]
    fn escapes_and_orders_attributes_as_the_crate_does() {
        let group = Group::new()
            .set("z", "last")
            .set("data-name", "Bab al-Tob & \"Maidan\" <'x'>")
            .set("id", "a")
            .add(Path::new().set("d", "M0,0L1,1Z"));
        same_as_the_crate(&group);
    }

    #[test]
    fn elements_written_straight_are_what_the_crate_writes() {
        let mut out = String::new();
        empty_element(&mut out, "path", &mut [("fill", "#fff"), ("d", "M0,0Z"), ("data-name", "a&'b'")]);
        assert_eq!(out, Path::new().set("fill", "#fff").set("d", "M0,0Z").set("data-name", "a&'b'").to_string());
        let mut out = String::new();
        start_tag(&mut out, "title", &mut []);
        out.push('>');
        push_text(&mut out, "Bab & <Tob>");
        out.push_str("</title>");
        assert_eq!(out, Title::new("Bab & <Tob>").to_string());
    }

    #[test]
    fn writes_bare_text_inline_and_bareable_children_on_lines() {
        let group = Group::new()
            .add(Title::new("Mosul & <Ninewa>"))
            .add(Text::new("الموصل").set("x", 1))
            .add(Blob::new("<g id=\"pre\">written</g>"))
            .add(Comment::new("a comment"))
            .add(Group::new());
        same_as_the_crate(&group);
        same_as_the_crate(&svg::Document::new().set("width", 3).add(group));
    }
}

//! Edits of a written frame for embedding it in a page or a report: ids made unique, the
//! displayed height set, the size read back.

use crate::render::style::px;

/// `svg` with `prefix` added to every id it defines and to every reference to those ids
/// (`url(#id)`, `href="#id"`, `aria-labelledby`); references to ids defined elsewhere are
/// left alone. Several frames inlined in one HTML page then keep their ids apart.
pub fn prefix_ids(svg: &str, prefix: &str) -> String {
    let defined: std::collections::BTreeSet<&str> =
        svg.split(" id=\"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    let mut out = svg.to_string();
    for id in &defined {
        for (from, to) in [
            (format!(" id=\"{id}\""), format!(" id=\"{prefix}{id}\"")),
            (format!("url(#{id})"), format!("url(#{prefix}{id})")),
            (format!("href=\"#{id}\""), format!("href=\"#{prefix}{id}\"")),
        ] {
            out = out.replace(&from, &to);
        }
    }
    let labelled = "aria-labelledby=\"frame-title frame-desc\"";
    if defined.contains("frame-title") && defined.contains("frame-desc") {
        out = out.replacen(labelled, &format!("aria-labelledby=\"{prefix}frame-title {prefix}frame-desc\""), 1);
    }
    out
}

/// `svg` made safe to inline in a host page: every id and class prefixed with `prefix` (so
/// the page's own rules, Bootstrap's `.label` among them, match nothing inside), and the
/// text properties a page lets its elements inherit (letter and word spacing, case, style)
/// reset on the root, so the frame's text is drawn as frontline laid it out.
pub fn namespaced(svg: &str, prefix: &str) -> String {
    reset_inherited_text(&prefix_classes(&prefix_ids(svg, prefix), prefix))
}

/// Text properties SVG inherits from an HTML page and frontline does not set itself; an
/// inline style on the root outranks any rule of the page's stylesheets.
const TEXT_RESET: &str = "letter-spacing:normal;word-spacing:normal;text-transform:none;font-style:normal;\
font-variant:normal;font-stretch:normal;text-decoration:none;text-shadow:none;direction:ltr";

fn reset_inherited_text(svg: &str) -> String {
    match svg.strip_prefix("<svg ") {
        Some(rest) if !svg[..svg.find('>').unwrap_or(0)].contains(" style=\"") => {
            format!("<svg style=\"{TEXT_RESET}\" {rest}")
        }
        _ => svg.to_string(),
    }
}

/// `svg` with `prefix` added to every class name in every `class` attribute.
pub fn prefix_classes(svg: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 20);
    let mut rest = svg;
    while let Some(start) = rest.find(" class=\"") {
        let value_start = start + " class=\"".len();
        let Some(length) = rest[value_start..].find('"') else { break };
        out.push_str(&rest[..value_start]);
        let names: Vec<String> =
            rest[value_start..value_start + length].split_whitespace().map(|name| format!("{prefix}{name}")).collect();
        out.push_str(&names.join(" "));
        rest = &rest[value_start + length..];
    }
    out.push_str(rest);
    out
}

/// The width and height of the root element's viewBox of a document frontline wrote.
pub fn view_box_size(svg: &str) -> Option<(f64, f64)> {
    let root = &svg[..svg.find('>')?];
    let view_box = root.split("viewBox=\"").nth(1)?.split('"').next()?;
    let numbers: Vec<f64> = view_box.split_whitespace().filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [_, _, w, h] => Some((w, h)),
        _ => None,
    }
}

/// `svg` displayed `height` pixels tall, its width following the frame's aspect; the
/// drawing itself (the viewBox) is unchanged, so it scales without moving anything.
pub fn with_height(svg: &str, height: u32) -> String {
    let Some((_, h)) = view_box_size(svg) else { return svg.to_string() };
    scaled(svg, f64::from(height) / h)
}

/// `svg` displayed at `scale` times its viewBox: frames of a sequence shown at one scale
/// keep one width whatever their heights.
pub fn scaled(svg: &str, scale: f64) -> String {
    let Some((w, h)) = view_box_size(svg) else { return svg.to_string() };
    let (root, rest) = svg.split_at(svg.find('>').unwrap_or(svg.len()));
    let (width, height) = (w * scale, h * scale);
    let attribute = |name: &str, value: String| {
        let start = root.find(&format!(" {name}=\"")).map(|i| i + name.len() + 3);
        let end = start.and_then(|s| root[s..].find('"').map(|e| s + e));
        (start.zip(end), value)
    };
    let mut root = root.to_string();
    // Width first: its attribute comes after height, so replacing it leaves height's offsets valid.
    for (span, value) in [attribute("width", px(width)), attribute("height", px(height))] {
        if let Some((start, end)) = span {
            root.replace_range(start..end, &value);
        }
    }
    root + rest
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_height_scales_the_width_and_keeps_the_drawing() {
        let svg = r#"<svg height="500.0" viewBox="0 0 1000.0 500.0" width="1000.0"><g/></svg>"#;
        assert_eq!(
            super::with_height(svg, 250),
            r#"<svg height="250.0" viewBox="0 0 1000.0 500.0" width="500.0"><g/></svg>"#
        );
    }

    #[test]
    fn every_class_name_is_prefixed_and_inherited_text_reset() {
        let svg = r#"<svg viewBox="0 0 1 1"><g class="labels"><text class="label minor">class="x"</text></g></svg>"#;
        let out = super::namespaced(svg, "m1-");
        assert!(out.starts_with("<svg style=\"letter-spacing:normal;"), "{out}");
        assert!(out.contains(r#"<g class="m1-labels"><text class="m1-label m1-minor">class="x"</text>"#), "{out}");
    }

    #[test]
    fn ids_defined_in_a_fragment_are_prefixed_with_their_references() {
        let fragment = r##"<g id="legend"><rect fill="url(#hatch)"/><clipPath id="c"/><g clip-path="url(#c)"/></g>"##;
        assert_eq!(
            super::prefix_ids(fragment, "ar-"),
            r##"<g id="ar-legend"><rect fill="url(#hatch)"/><clipPath id="ar-c"/><g clip-path="url(#ar-c)"/></g>"##,
            "the hatch pattern is defined elsewhere and keeps its id"
        );
    }
}

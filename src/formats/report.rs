//! A report page: the map of a date above the timeline chart of a region, with that date
//! marked on the chart. One SVG document, so it becomes one PNG image or one PDF page.

use crate::error::Result;
use crate::render;

/// Space between the map and the chart, in pixels.
const GAP: f64 = 12.0;

/// The page holding `map` above `chart` (both documents frontline drew), each at its own
/// size, centred across the wider of the two; ids are prefixed (`map-`, `chart-`) so the
/// two documents' patterns and clip paths cannot clash.
pub fn page(map: &str, chart: &str, paper: &str) -> Result<String> {
    let size = |svg: &str, what: &str| {
        render::view_box_size(svg)
            .ok_or_else(|| crate::formats::raster::failure(format!("the {what} has no viewBox to place it by")))
    };
    let ((map_w, map_h), (chart_w, chart_h)) = (size(map, "map")?, size(chart, "chart")?);
    let width = map_w.max(chart_w);
    let height = map_h + GAP + chart_h;
    let place = |svg: &str, prefix: &str, (x, y): (f64, f64)| {
        let svg = render::prefix_ids(svg, prefix);
        // A nested <svg> is positioned by x and y; its own viewBox keeps its drawing intact.
        svg.replacen("<svg ", &format!("<svg x=\"{}\" y=\"{}\" ", px(x), px(y)), 1)
    };
    let map = place(map, "map-", ((width - map_w) / 2.0, 0.0));
    let chart = place(chart, "chart-", ((width - chart_w) / 2.0, map_h + GAP));
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
         <rect class=\"paper\" width=\"100%\" height=\"100%\" fill=\"{paper}\"/>\n{map}{chart}</svg>\n",
        w = px(width),
        h = px(height),
        paper = paper,
    ))
}

fn px(value: f64) -> String {
    render::style::px(value)
}

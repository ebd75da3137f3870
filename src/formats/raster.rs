//! Frames in other formats than SVG: PNG (drawn by resvg) and PDF (by svg2pdf), both with
//! the fonts bundled in the binary, so a file looks the same on every machine, and the
//! straight RGBA pixels the animation encoders take.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::error::{Error, Location, Problem, Result};

/// The output formats of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Svg,
    Png,
    Pdf,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        }
    }

    /// The format a file name's extension (lowercase, without the dot) names, if any.
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// The bytes of `svg` in this format.
    pub fn encode(self, svg: &str) -> Result<Vec<u8>> {
        match self {
            Format::Svg => Ok(svg.as_bytes().to_vec()),
            Format::Png => png(svg),
            Format::Pdf => pdf(svg),
        }
    }
}

/// DejaVu Sans, regular and bold (Latin and Arabic), compiled in.
const FONTS: [&[u8]; 2] =
    [include_bytes!("../../fonts/DejaVuSans.ttf"), include_bytes!("../../fonts/DejaVuSans-Bold.ttf")];

/// The font database every rasterisation uses: the bundled fonts only, never the system's,
/// so the output does not depend on the machine.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS_DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS_DB
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for font in FONTS {
                db.load_font_data(font.to_vec());
            }
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

fn tree(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options { fontdb: fonts(), ..usvg::Options::default() };
    usvg::Tree::from_str(svg, &options).map_err(|e| failure(format!("the SVG does not parse: {e}")))
}

/// Rasterises an SVG frame at its displayed size (its `width` and `height`).
pub(crate) fn pixmap(svg: &str) -> Result<tiny_skia::Pixmap> {
    let tree = tree(svg)?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| failure(format!("cannot allocate a {}x{} image", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    Ok(pixmap)
}

/// CSS pixels per inch: a frame 800 px wide becomes a page 600 pt (21.2 cm) wide.
const PDF_DPI: f32 = 96.0;

/// An SVG frame as a one-page PDF with its text as text (the bundled fonts, subset and
/// embedded), so it stays sharp and searchable in a report.
pub fn pdf(svg: &str) -> Result<Vec<u8>> {
    let page = svg2pdf::PageOptions { dpi: PDF_DPI };
    svg2pdf::to_pdf(&tree(svg)?, svg2pdf::ConversionOptions::default(), page)
        .map_err(|e| failure(format!("PDF conversion failed: {e}")))
}

/// An SVG frame as a PNG file.
pub fn png(svg: &str) -> Result<Vec<u8>> {
    pixmap(svg)?.encode_png().map_err(|e| failure(format!("PNG encoding failed: {e}")))
}

/// An SVG frame as (width, height, straight RGBA bytes), for animation encoders.
pub fn rgba(svg: &str) -> Result<(u32, u32, Vec<u8>)> {
    let pixmap = pixmap(svg)?;
    // tiny-skia keeps premultiplied colours; image formats want them straight.
    let bytes = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    Ok((pixmap.width(), pixmap.height(), bytes))
}

/// The size an SVG frame is displayed at: the `width` and `height` of its root element,
/// read without parsing the document (a frame's root is written by frontline).
pub(crate) fn displayed_size(svg: &str) -> Result<(u32, u32)> {
    let root = svg.find("<svg").map(|at| &svg[at..]).and_then(|tag| tag.split_once('>')).map(|(tag, _)| tag);
    let attribute = |name: &str| -> Option<u32> {
        let value = root?.split_once(&format!(" {name}=\""))?.1.split_once('"')?.0;
        let pixels: f64 = value.parse().ok()?;
        (pixels.is_finite() && pixels >= 1.0 && pixels < f64::from(u32::MAX)).then(|| pixels.round() as u32)
    };
    match (attribute("width"), attribute("height")) {
        (Some(width), Some(height)) => Ok((width, height)),
        _ => Err(failure("a frame without its width and height in pixels".to_string())),
    }
}

pub(crate) fn failure(message: String) -> Error {
    Error::Input(vec![Problem::new(Location::file("image"), message)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_is_one_page_with_embedded_fonts_and_the_same_bytes_twice() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><text x="10" y="28" font-family="DejaVu Sans" font-size="20">Mosul الموصل</text></svg>"#;
        let pdf = pdf(svg).unwrap();
        let text = String::from_utf8_lossy(&pdf);
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(text.matches("/Type /Page\n").count() + text.matches("/Type /Page ").count(), 1, "one page");
        assert!(text.contains("/FontFile2"), "the font is embedded");
        assert!(text.contains("/MediaBox [0 0 600 300]"), "96 dpi: 800 x 400 px is 600 x 300 pt");
        assert_eq!(pdf, super::pdf(svg).unwrap(), "no timestamp or random id");
    }

    #[test]
    fn formats_follow_file_extensions() {
        assert_eq!(Format::from_extension("png"), Some(Format::Png));
        assert_eq!(Format::from_extension("svg"), Some(Format::Svg));
        assert_eq!(Format::from_extension("gif"), None);
    }

    #[test]
    fn text_is_drawn_with_the_bundled_fonts() {
        let text = |content: &str| {
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="10" y="28" font-family="DejaVu Sans" font-size="20">{content}</text></svg>"#
            )
        };
        let ink = |png: Vec<u8>| -> usize {
            let image = tiny_skia::Pixmap::decode_png(&png).unwrap();
            image.pixels().iter().filter(|p| p.alpha() > 0).count()
        };
        assert_eq!(ink(png(&text("")).unwrap()), 0);
        assert!(ink(png(&text("Mosul")).unwrap()) > 100, "Latin text is drawn");
        assert!(ink(png(&text("الموصل")).unwrap()) > 100, "Arabic text is drawn");
    }
}

//! Frames in other formats than SVG: PNG (drawn by resvg with the fonts bundled in the
//! binary, so an image looks the same on every machine).

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
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// The format a file name's extension asks for, if any.
    pub fn from_path(path: &str) -> Option<Format> {
        let extension = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }

    /// The bytes of `svg` in this format.
    pub fn encode(self, svg: &str) -> Result<Vec<u8>> {
        match self {
            Format::Svg => Ok(svg.as_bytes().to_vec()),
            Format::Png => png(svg),
        }
    }
}

/// DejaVu Sans, regular and bold (Latin and Arabic), compiled in.
const FONTS: [&[u8]; 2] = [include_bytes!("../fonts/DejaVuSans.ttf"), include_bytes!("../fonts/DejaVuSans-Bold.ttf")];

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

/// Rasterises an SVG frame at its own size (1 px per SVG unit).
pub fn png(svg: &str) -> Result<Vec<u8>> {
    let options = usvg::Options { fontdb: fonts(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| failure(format!("the SVG does not parse: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| failure(format!("cannot allocate a {}x{} image", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| failure(format!("PNG encoding failed: {e}")))
}

fn failure(message: String) -> Error {
    Error::Input(vec![Problem::new(Location::file("png"), message)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_file_extensions() {
        assert_eq!(Format::from_path("out/map.PNG"), Some(Format::Png));
        assert_eq!(Format::from_path("map.svg"), Some(Format::Svg));
        assert_eq!(Format::from_path("map"), None);
        assert_eq!(Format::from_path("map.gif"), None);
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

//! Themes: how a frame looks, as data. Built-in themes live in `themes/*.toml` and are
//! compiled in; a user theme file names only the values it changes, on top of the default
//! theme or of the built-in theme it names as `base`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::dataset::manifest::{SideId, Sides, is_hex_colour};
use crate::error::{Error, Location, Problem, Result};

/// A pattern laid over a side's area, so sides differ without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Texture {
    None,
    Hatch,
    Cross,
    Dots,
    Vertical,
}

impl Texture {
    pub fn as_str(self) -> &'static str {
        match self {
            Texture::None => "none",
            Texture::Hatch => "hatch",
            Texture::Cross => "cross",
            Texture::Dots => "dots",
            Texture::Vertical => "vertical",
        }
    }
}

/// Colours of the basemap layers.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasemapColours {
    pub urban_fill: String,
    pub urban_stroke: String,
    pub admin1: String,
    pub admin2: String,
    pub borders: String,
    pub river_major: String,
    pub river_minor: String,
    pub river_intermittent: String,
    pub other: String,
}

/// Every value that decides how a frame looks, apart from layout.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub name: String,
    pub font_family: String,
    pub paper: String,
    pub land: String,
    pub ink: String,
    pub muted_ink: String,
    pub halo: String,
    pub frame: String,
    pub legend_paper: String,
    pub legend_border: String,
    pub unknown_besieger: String,
    pub highlight: String,
    pub front_line: String,
    pub area_opacity: f64,
    pub hatch_opacity: f64,
    /// Opacity of the paper-coloured veil over low-confidence areas.
    pub low_confidence_veil: f64,
    /// Side colours by side order, overriding dataset.toml.
    pub palette: Vec<String>,
    /// Side textures by side order.
    pub texture_palette: Vec<Texture>,
    /// Side colours by side id, overriding the palette.
    pub sides: BTreeMap<String, String>,
    /// Side textures by side id, overriding the texture palette.
    pub textures: BTreeMap<String, Texture>,
    pub basemap: BasemapColours,
}

/// The built-in themes: (name, TOML).
pub const BUILTIN: [(&str, &str); 4] = [
    ("default", include_str!("../../themes/default.toml")),
    ("dark", include_str!("../../themes/dark.toml")),
    ("colour-blind", include_str!("../../themes/colour-blind.toml")),
    ("greyscale", include_str!("../../themes/greyscale.toml")),
];

impl Default for Theme {
    fn default() -> Theme {
        Theme::builtin("default").expect("the built-in default theme is valid")
    }
}

impl Theme {
    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<Theme> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Theme::from_overlay(&format!("built-in theme {name}"), text).ok()
    }

    /// A built-in theme name, or the path of a theme file.
    pub fn load(name_or_path: &str) -> Result<Theme> {
        if let Some(theme) = Theme::builtin(name_or_path) {
            return Ok(theme);
        }
        let path = Path::new(name_or_path);
        if !path.exists() {
            let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
            return Err(Error::usage(
                "--theme",
                format!("\"{name_or_path}\" is neither a built-in theme ({}) nor a file", names.join(", ")),
            ));
        }
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        Theme::from_overlay(&path.display().to_string(), &text)
    }

    /// Parses a theme file: the values it gives, over its `base` (default: the default theme).
    pub fn from_overlay(file: &str, text: &str) -> Result<Theme> {
        let mut overlay: toml::Table = crate::error::from_toml(file, text)?;
        let base_name = match overlay.remove("base") {
            Some(toml::Value::String(name)) => name,
            Some(_) => return Err(problem(file, "base", "expected the name of a built-in theme")),
            None => "default".to_string(),
        };
        let (_, base_text) = BUILTIN
            .iter()
            .find(|(n, _)| *n == base_name)
            .ok_or_else(|| problem(file, "base", &format!("\"{base_name}\" is not a built-in theme")))?;
        let mut merged: toml::Table = BUILTIN[0].1.parse().expect("the default theme parses");
        if base_name != "default" {
            merge(&mut merged, base_text.parse().expect("built-in themes parse"));
        }
        merge(&mut merged, overlay);
        let theme: Theme = toml::Value::Table(merged).try_into().map_err(|e: toml::de::Error| {
            Error::Input(vec![Problem::new(Location::file(file), e.message().trim().to_string())])
        })?;
        theme.validated(file, text)
    }

    /// The theme, or every value of it that is not a colour or an opacity, each located at
    /// its key in the theme file `text`.
    fn validated(self, file: &str, text: &str) -> Result<Theme> {
        let b = &self.basemap;
        let colours = [
            ("paper", &self.paper),
            ("land", &self.land),
            ("ink", &self.ink),
            ("muted_ink", &self.muted_ink),
            ("halo", &self.halo),
            ("frame", &self.frame),
            ("legend_paper", &self.legend_paper),
            ("legend_border", &self.legend_border),
            ("unknown_besieger", &self.unknown_besieger),
            ("highlight", &self.highlight),
            ("front_line", &self.front_line),
            ("basemap.urban_fill", &b.urban_fill),
            ("basemap.urban_stroke", &b.urban_stroke),
            ("basemap.admin1", &b.admin1),
            ("basemap.admin2", &b.admin2),
            ("basemap.borders", &b.borders),
            ("basemap.river_major", &b.river_major),
            ("basemap.river_minor", &b.river_minor),
            ("basemap.river_intermittent", &b.river_intermittent),
            ("basemap.other", &b.other),
        ];
        let colours = colours.into_iter().map(|(key, c)| (key.to_string(), c));
        let palette = self.palette.iter().enumerate().map(|(i, c)| (format!("palette[{i}]"), c));
        let sides = self.sides.iter().map(|(side, c)| (format!("sides.{side}"), c));
        let at = |key: &str| crate::error::toml_location(file, text, key);
        let bad: Vec<Problem> = colours
            .chain(palette)
            .chain(sides)
            .filter(|(_, c)| !is_hex_colour(c))
            .map(|(key, c)| Problem::new(at(&key), format!("\"{c}\": expected a colour written #rrggbb")))
            .collect();
        let opacities = [
            ("area_opacity", self.area_opacity),
            ("hatch_opacity", self.hatch_opacity),
            ("low_confidence_veil", self.low_confidence_veil),
        ];
        let bad_opacity = opacities
            .into_iter()
            .filter(|(_, v)| !(0.0..=1.0).contains(v))
            .map(|(key, v)| Problem::new(at(key), format!("{v}: expected an opacity from 0 to 1")));
        let bad_font = (!is_font_list(&self.font_family)).then(|| {
            let message = format!("\"{}\": expected font names separated by commas", self.font_family);
            Problem::new(at("font_family"), message)
                .with_help("letters, digits, spaces, '-' and quotes only: it is written into SVG and CSS")
        });
        let problems: Vec<Problem> = bad.into_iter().chain(bad_opacity).chain(bad_font).collect();
        if problems.is_empty() { Ok(self) } else { Err(Error::Input(problems)) }
    }

    /// The colour a side is drawn in: `sides` by id, then `palette` by order, then the
    /// dataset's own colour.
    pub fn side_colour(&self, sides: &Sides, side: SideId) -> String {
        let info = sides.get(side);
        self.sides.get(&info.id).or_else(|| self.palette.get(side)).unwrap_or(&info.colour).clone()
    }

    /// The texture over a side's area: `textures` by id, then `texture_palette` by order.
    pub fn side_texture(&self, sides: &Sides, side: SideId) -> Texture {
        let info = sides.get(side);
        self.textures.get(&info.id).or_else(|| self.texture_palette.get(side)).copied().unwrap_or(Texture::None)
    }
}

/// A CSS font-family list of plain names (`DejaVu Sans, "Noto Sans", sans-serif`): the
/// value reaches SVG attributes and, inlined in a page, CSS, where `;`, `(`, `{` or `\`
/// could start something else.
fn is_font_list(text: &str) -> bool {
    const LONGEST: usize = 200;
    let allowed = |c: char| c.is_ascii_alphanumeric() || " ,-_'\"".contains(c);
    !text.trim().is_empty() && text.len() <= LONGEST && text.chars().all(allowed)
}

fn merge(base: &mut toml::Table, overlay: toml::Table) {
    for (key, value) in overlay {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) => merge(inner, value),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn problem(file: &str, key: &str, message: &str) -> Error {
    Error::Input(vec![Problem::new(Location { field: Some(key.to_string()), ..Location::file(file) }, message)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_is_valid() {
        for (name, _) in BUILTIN {
            let theme = Theme::builtin(name).unwrap_or_else(|| panic!("{name} does not load"));
            assert_eq!(theme.name, name);
        }
    }

    #[test]
    fn a_user_theme_overrides_only_what_it_names() {
        let theme =
            Theme::from_overlay("mine.toml", "base = \"dark\"\nink = \"#ff0000\"\n[basemap]\nadmin1 = \"#00ff00\"\n")
                .unwrap();
        let dark = Theme::builtin("dark").unwrap();
        assert_eq!(theme.ink, "#ff0000");
        assert_eq!(theme.basemap.admin1, "#00ff00");
        assert_eq!(theme.paper, dark.paper);
        assert_eq!(theme.basemap.admin2, dark.basemap.admin2);
    }

    #[test]
    fn bad_theme_values_are_located() {
        let err = Theme::from_overlay("mine.toml", "ink = \"red\"\narea_opacity = 2.0\n").unwrap_err().to_string();
        assert!(err.contains("mine.toml:1:1 (`ink`): \"red\": expected a colour written #rrggbb"), "{err}");
        assert!(err.contains("mine.toml:2:1 (`area_opacity`): 2: expected an opacity"), "{err}");
        let err = Theme::from_overlay("mine.toml", "palette = [\"#000000\", \"blue\"]\n[sides]\ngov = \"x\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("mine.toml:1:23 (`palette[1]`)") && err.contains("mine.toml:3:1 (`sides.gov`)"), "{err}");
        let err = Theme::from_overlay("mine.toml", "font_family = \"x; fill: url(#a)\"\n").unwrap_err().to_string();
        assert!(err.contains("mine.toml:1:1 (`font_family`): \"x; fill: url(#a)\": expected font names"), "{err}");
        let err = Theme::from_overlay("mine.toml", "inq = \"#000000\"\n").unwrap_err().to_string();
        assert!(err.contains("unknown field `inq`"), "{err}");
        let err = Theme::from_overlay("mine.toml", "ink = \n").unwrap_err().to_string();
        assert!(err.starts_with("error: mine.toml:1:"), "{err}");
    }
}

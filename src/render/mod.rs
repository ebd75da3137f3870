//! Drawing: a frame of the map at a date as SVG (projected to pixels, labels placed,
//! legend, scale bar, north arrow, inset, caption), in any theme and language, and the
//! timeline chart. Frames are laid out first ([`Frame`]) and written after, so sequences
//! share what does not change between dates.

mod annotations;
mod areas;
mod canvas;
pub mod chart;
mod cut;
mod embed;
mod fit;
mod frame;
mod furniture;
mod header;
mod inset;
pub mod labels;
mod layers;
mod markers;
mod motion;
mod options;
mod serialize;
pub mod style;
mod text;
pub mod theme;
mod words;

pub use areas::DateAreas;
pub use embed::{namespaced, prefix_ids, scaled, view_box_size, with_height};
pub use fit::{MIN_TEXT_PX, fitted_to_height};
pub use frame::{Frame, frame_svg, multilingual_frame_svg, multilingual_svg, viewport};
pub use layers::BasemapCache;
pub use options::{Aspect, Editorial, FrameOptions, Furniture, Lang};
pub use words::Words;

//! What more than one bench needs.

use frontline::commands::FrameArgs;

/// The command-line defaults for a frame of the built-in dataset.
pub fn frame_args() -> FrameArgs {
    FrameArgs {
        dataset: None,
        width: 1200,
        focus: None,
        bbox: None,
        lang: Default::default(),
        multilingual: false,
        theme: "default".into(),
        furniture: Default::default(),
        editorial: Default::default(),
        id_prefix: None,
        height: None,
        aspect: None,
    }
}

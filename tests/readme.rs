//! The README shows what the program draws today: its main picture is the built-in frame of
//! 24 January 2017, byte for byte. Regenerate the pictures with `tools/readme_pictures.sh`.

mod common;

#[test]
fn the_readme_picture_is_the_frame_the_program_draws() {
    let dir = tempfile::tempdir().unwrap();
    let args = ["render", "--date", "2017-01-24", "-o", "-"];
    let drawn = common::frontline(dir.path()).args(args).assert().success().get_output().stdout.clone();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/mosul-2017-01-24.svg");
    let committed = std::fs::read(&path).unwrap();
    assert!(
        drawn == committed,
        "docs/mosul-2017-01-24.svg is stale ({} bytes drawn, {} committed): run tools/readme_pictures.sh",
        drawn.len(),
        committed.len()
    );
}

#[test]
fn every_picture_the_readme_shows_exists() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let pictures: Vec<&str> = readme
        .split("](")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .filter(|p| p.starts_with("docs/"))
        .collect();
    assert!(pictures.len() >= 4, "{pictures:?}");
    for picture in pictures {
        assert!(root.join(picture).exists(), "README shows {picture}, which does not exist");
    }
}

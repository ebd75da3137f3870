//! The same inputs give the same bytes: whatever the folder the dataset sits in, the
//! folder the command runs from, or the number of threads that drew it.

mod common;

use common::Sandbox;

/// Each output of one command, as bytes.
fn outputs(sandbox: &Sandbox, threads: &str) -> Vec<(String, Vec<u8>)> {
    let runs: [&[&str]; 8] = [
        &["render", "--date", "2016-11-04", "--width", "640", "-o", "map.svg"],
        &["render", "--date", "2016-11-04", "--width", "640", "--lang", "multi", "-o", "multi.svg"],
        &["export", "--date", "2016-11-04", "-o", "map.geojson"],
        &["export", "-o", "battle.gpkg"],
        &["export", "-o", "range.geojson", "--from", "2016-10-20", "--to", "2016-11-20"],
        &["animate", "--to", "2016-11-10", "--width", "480", "-o", "page.html", "-q"],
        &["animate", "--to", "2016-11-10", "--width", "480", "-o", "anim.svg", "-q"],
        &["animate", "--from", "2016-10-28", "--to", "2016-11-06", "--width", "360", "-o", "anim.gif", "-q"],
    ];
    runs.iter()
        .map(|args| {
            common::frontline(sandbox.path())
                .args(*args)
                .arg("--dataset")
                .arg(sandbox.dataset())
                .env("RAYON_NUM_THREADS", threads)
                .assert()
                .success();
            let file = args[args.iter().position(|a| *a == "-o").unwrap() + 1];
            (file.to_string(), std::fs::read(sandbox.path().join(file)).unwrap())
        })
        .collect()
}

#[test]
fn outputs_are_the_same_bytes_in_another_folder_and_on_any_number_of_threads() {
    let (one, other) = (Sandbox::new("tiny"), Sandbox::new("tiny"));
    assert_ne!(one.path(), other.path());
    let single = outputs(&one, "1");
    let many = outputs(&other, "4");
    for ((file, a), (_, b)) in single.iter().zip(&many) {
        assert!(a == b, "{file} differs between one thread in one folder and four in another");
        let text = String::from_utf8_lossy(a);
        let folder = other.path().to_string_lossy();
        assert!(!text.contains(folder.as_ref()), "{file} names the folder it was made in");
    }
    // And again in the same place: no clock, no random order.
    assert!(outputs(&one, "2") == single, "a second run differs");
}

/// The built-in dataset and the same files read from data/mosul give the same bytes: a frame
/// in both languages, the animated SVG, the viewer page and a GeoJSON export.
#[test]
fn the_built_in_dataset_and_its_folder_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/mosul");
    let run = |args: &[&str], folder: Option<&std::path::Path>| {
        let mut command = common::frontline(dir.path());
        command.args(args);
        if let Some(folder) = folder {
            command.arg("--dataset").arg(folder);
        }
        command.assert().success().get_output().stdout.clone()
    };
    for args in [
        &["render", "--date", "2017-01-24", "--lang", "multi", "-o", "-"][..],
        &["render", "--date", "2017-03-15", "--focus", "mosul", "--lang", "ar", "-o", "-"],
        &["export", "--date", "2017-03-15", "-o", "-"],
    ] {
        assert!(run(args, None) == run(args, Some(&folder)), "{args:?}: built-in and folder differ");
    }
    for file in ["battle.svg", "battle.html"] {
        let (a, b) = (dir.path().join(format!("a-{file}")), dir.path().join(format!("b-{file}")));
        run(&["animate", "--from", "2017-01-01", "--to", "2017-01-31", "-q", "-o", a.to_str().unwrap()], None);
        run(&["animate", "--from", "2017-01-01", "--to", "2017-01-31", "-q", "-o", b.to_str().unwrap()], Some(&folder));
        assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "{file}: built-in and folder differ");
    }
}

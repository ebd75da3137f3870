//! The same inputs give the same bytes: whatever the folder the dataset sits in, the
//! folder the command runs from, or the number of threads that drew it.

mod common;

use common::Sandbox;

/// Each output of one command, as bytes.
fn outputs(sandbox: &Sandbox, threads: &str) -> Vec<(String, Vec<u8>)> {
    let runs: [&[&str]; 6] = [
        &["render", "--date", "2016-11-04", "--width", "640", "-o", "map.svg"],
        &["render", "--date", "2016-11-04", "--width", "640", "--lang", "multi", "-o", "multi.svg"],
        &["export", "--date", "2016-11-04", "-o", "map.geojson"],
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

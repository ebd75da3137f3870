//! `frontline frames`: numbered, date-named frames and their manifest, the same bytes
//! whatever the number of threads, labels that hold still from frame to frame.

mod common;

use common::Sandbox;

fn frames(sandbox: &Sandbox, out: &str, extra: &[&str], threads: &str) -> serde_json::Value {
    // The sequence ends on 5 November unless `extra` gives its own `--to`.
    let mut args = vec!["frames", "--from", "2016-10-30", "-o", out, "--width", "480"];
    args.extend_from_slice(extra);
    if !extra.contains(&"--to") {
        args.extend_from_slice(&["--to", "2016-11-05"]);
    }
    common::frontline(sandbox.path())
        .args(&args)
        .arg("--dataset")
        .arg(sandbox.dataset())
        .env("RAYON_NUM_THREADS", threads)
        .assert()
        .success();
    let manifest = std::fs::read_to_string(sandbox.path().join(out).join("manifest.json")).unwrap();
    serde_json::from_str(&manifest).unwrap()
}

fn files(manifest: &serde_json::Value) -> Vec<String> {
    manifest["frames"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_date_gets_a_numbered_frame_and_the_manifest_lists_its_changes() {
    let sandbox = Sandbox::new("tiny");
    let manifest = frames(&sandbox, "seq", &[], "2");
    assert_eq!(files(&manifest).len(), 7);
    assert_eq!(files(&manifest)[0], "tiny-0001-2016-10-30.svg");
    assert_eq!(files(&manifest)[6], "tiny-0007-2016-11-05.svg");
    for file in files(&manifest) {
        let svg = std::fs::read_to_string(sandbox.path().join("seq").join(&file)).unwrap();
        roxmltree::Document::parse(&svg).unwrap();
    }
    let nov1 = &manifest["frames"][2];
    assert_eq!(nov1["date"], "2016-11-01");
    assert_eq!(nov1["changes"][0]["place"], "gogjali");
    assert_eq!(nov1["changes"][0]["state"], "contested");
    assert_eq!(nov1["changes"][0]["side"], "gov");
    assert_eq!(nov1["changes"][0]["source"], "seed:November 2016");
    assert_eq!(manifest["frames"][0]["changes"].as_array().unwrap().len(), 0);
}

#[test]
fn changes_only_keeps_the_dates_with_changes() {
    let sandbox = Sandbox::new("tiny");
    let manifest = frames(&sandbox, "seq", &["--changes-only"], "2");
    let dates: Vec<&str> = manifest["frames"].as_array().unwrap().iter().map(|f| f["date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2016-11-01", "2016-11-04"]);
    assert!(manifest["frames"].as_array().unwrap().iter().all(|f| !f["changes"].as_array().unwrap().is_empty()));
}

#[test]
fn frames_are_the_same_bytes_on_one_thread_and_on_many() {
    let sandbox = Sandbox::new("tiny");
    let one = frames(&sandbox, "one", &[], "1");
    let many = frames(&sandbox, "many", &[], "4");
    assert_eq!(one, many);
    for file in files(&one) {
        let read = |dir: &str| std::fs::read(sandbox.path().join(dir).join(&file)).unwrap();
        assert!(read("one") == read("many"), "{file} differs");
    }
}

/// What a sequence draws once for all its frames (labels, basemap, the areas of dates that
/// change nothing on the map) changes nothing: each frame is the map `render` draws for its
/// date alone.
#[test]
fn every_frame_of_a_sequence_is_the_map_render_draws_for_its_date() {
    let sandbox = Sandbox::new("tiny");
    for (out, extra) in [("plain", &[][..]), ("styled", &["--transparent", "--lang", "multi", "--theme", "dark"][..])] {
        let manifest = frames(&sandbox, out, extra, "2");
        for frame in manifest["frames"].as_array().unwrap() {
            let (file, date) = (frame["file"].as_str().unwrap(), frame["date"].as_str().unwrap());
            let single = format!("{out}-{date}.svg");
            let mut args = vec!["render", "--date", date, "--width", "480", "-o", &single];
            args.extend_from_slice(extra);
            sandbox.run(&args).success();
            let read = |path: std::path::PathBuf| std::fs::read(path).unwrap();
            assert!(read(sandbox.path().join(out).join(file)) == read(sandbox.path().join(&single)), "{out}: {file}");
        }
    }
}

#[test]
fn labels_hold_still_across_the_sequence() {
    let sandbox = Sandbox::new("tiny");
    let manifest = frames(&sandbox, "seq", &[], "2");
    let positions = |file: &String| -> Vec<(String, String, String)> {
        let svg = std::fs::read_to_string(sandbox.path().join("seq").join(file)).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        doc.descendants()
            .filter(|n| n.attribute("class") == Some("label"))
            .map(|n| {
                let at = |a: &str| n.attribute(a).unwrap().to_string();
                (at("data-place"), at("x"), at("y"))
            })
            .collect()
    };
    let first = positions(&files(&manifest)[0]);
    assert!(!first.is_empty());
    for file in files(&manifest) {
        assert_eq!(positions(&file), first, "{file}");
    }
}

#[test]
fn a_reversed_range_is_bad_input() {
    let sandbox = Sandbox::new("tiny");
    sandbox
        .run(&["frames", "--from", "2016-11-05", "--to", "2016-11-01"])
        .failure()
        .code(2)
        .stderr(predicates::str::contains("is after --to"));
    assert!(sandbox.outputs().is_empty(), "nothing written");
}

#[test]
fn frames_and_single_maps_can_be_png_or_pdf() {
    let sandbox = Sandbox::new("tiny");
    let manifest = frames(&sandbox, "png", &["--format", "png", "--to", "2016-10-31"], "2");
    let files = files(&manifest);
    assert_eq!(files, ["tiny-0001-2016-10-30.png", "tiny-0002-2016-10-31.png"]);
    let image = resvg::tiny_skia::Pixmap::load_png(sandbox.path().join("png").join(&files[0])).unwrap();
    assert_eq!(image.width(), 480);

    // `render` takes the format from the file name.
    sandbox.run(&["render", "--date", "2016-11-05", "--width", "640", "-o", "map.png"]).success();
    let image = resvg::tiny_skia::Pixmap::load_png(sandbox.path().join("map.png")).unwrap();
    assert_eq!(image.width(), 640);
    let inked = image.pixels().iter().filter(|p| p.red() < 100 && p.green() < 100 && p.blue() < 100).count();
    assert!(inked > 1000, "text and ISIL markers are drawn in dark ink: {inked} px");

    // And PDF, with the fonts embedded and the labels kept as text.
    sandbox.run(&["render", "--date", "2016-11-05", "--width", "640", "-o", "map.pdf"]).success();
    let pdf = std::fs::read(sandbox.path().join("map.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&pdf).contains("/FontFile2"), "fonts embedded");
}

#[test]
fn animate_writes_a_looping_gif_with_a_frame_per_date() {
    let sandbox = Sandbox::new("tiny");
    let args = ["animate", "--from", "2016-10-30", "--to", "2016-11-05", "--width", "400", "-o", "war.gif", "-q"];
    sandbox.run(&args).success();
    let file = std::fs::File::open(sandbox.path().join("war.gif")).unwrap();
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(file).unwrap();
    assert_eq!(decoder.width(), 400);
    let (width, height) = (usize::from(decoder.width()), usize::from(decoder.height()));
    // One GIF frame per date: after the first, only the rectangle that changed, its
    // unchanged pixels transparent, drawn over the picture so far.
    let mut picture = vec![0u8; width * height * 4];
    let mut delays = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        assert!(delays.is_empty() || usize::from(frame.width) * usize::from(frame.height) < width * height);
        let (left, top, w) = (usize::from(frame.left), usize::from(frame.top), usize::from(frame.width));
        for (i, pixel) in frame.buffer.chunks_exact(4).enumerate() {
            let at = ((top + i / w) * width + left + i % w) * 4;
            if pixel[3] != 0 {
                picture[at..at + 4].copy_from_slice(pixel);
            }
        }
        delays.push(frame.delay);
    }
    assert_eq!(delays, [25, 25, 25, 25, 25, 25, 325], "each date for --frame-ms, the last one held");
    // Put together, the rectangles show the last date as a single frame would.
    let args = ["render", "--date", "2016-11-05", "--width", "400", "-o", "last.png"];
    sandbox.run(&args).success();
    let last = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(sandbox.path().join("last.png")).unwrap()).unwrap();
    let rows = last.height() as usize;
    let differences: u64 =
        picture[..width * rows * 4].iter().zip(last.data()).map(|(a, b)| u64::from(a.abs_diff(*b))).sum();
    let mean = differences as f64 / (width * rows * 4) as f64;
    assert!(mean < 2.0, "the composed GIF differs from the frame by {mean:.2} per channel on average");

    sandbox.run(&["animate", "-o", "war.avi"]).failure().code(2).stderr(predicates::str::contains("expected a .gif"));
}

#[test]
fn animate_writes_an_animated_png_in_full_colour() {
    let sandbox = Sandbox::new("tiny");
    let args = ["animate", "--from", "2016-10-30", "--to", "2016-11-05", "--width", "400", "-o", "war.png", "-q"];
    sandbox.run(&args).success();
    let file = std::fs::File::open(sandbox.path().join("war.png")).unwrap();
    let mut reader = png::Decoder::new(std::io::BufReader::new(file)).read_info().unwrap();
    let (width, animation) = (reader.info().width, reader.info().animation_control.unwrap());
    assert_eq!(width, 400);
    assert_eq!(animation.num_plays, 0, "loops for ever");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let height = reader.info().height as usize;
    let mut picture = vec![0u8; 400 * height * 4];
    let mut delays = Vec::new();
    for _ in 0..animation.num_frames {
        reader.next_frame(&mut buffer).unwrap();
        let control = reader.info().frame_control.unwrap();
        delays.push(u32::from(control.delay_num) * 1000 / u32::from(control.delay_den));
        // The decoder gives the frame's own rectangle: draw it over the picture so far.
        let (left, top, w) = (control.x_offset as usize, control.y_offset as usize, control.width as usize);
        let over = control.blend_op == png::BlendOp::Over;
        for (i, pixel) in buffer[..w * control.height as usize * 4].chunks_exact(4).enumerate() {
            let at = ((top + i / w) * 400 + left + i % w) * 4;
            if !over || pixel[3] != 0 {
                picture[at..at + 4].copy_from_slice(pixel);
            }
        }
    }
    assert_eq!(delays, [250, 250, 250, 250, 250, 250, 3250], "one frame per date, the last one held");
    // Composed, the frames show the last date as a single frame would.
    let args = ["render", "--date", "2016-11-05", "--width", "400", "-o", "last.png"];
    sandbox.run(&args).success();
    let last = resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(sandbox.path().join("last.png")).unwrap()).unwrap();
    let rows = last.height() as usize * 400 * 4;
    assert!(picture[..rows] == *last.data(), "the composed APNG is the last frame, exactly");
}

#[test]
fn animate_writes_an_h264_mp4_with_each_date_for_its_time() {
    let sandbox = Sandbox::new("tiny");
    let args = ["animate", "--from", "2016-10-30", "--to", "2016-11-03", "--width", "400", "-o", "war.mp4", "-q"];
    let timing = ["--fps", "24", "--seconds-per-day", "0.5", "--hold-ms", "3000"];
    sandbox.run(&[&args[..], &timing[..]].concat()).success();
    let path = sandbox.path().join("war.mp4");
    let size = std::fs::metadata(&path).unwrap().len();
    let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let mut reader = mp4::Mp4Reader::read_header(file, size).unwrap();
    let track = reader.tracks().get(&1).unwrap();
    assert_eq!(track.media_type().unwrap(), mp4::MediaType::H264);
    assert_eq!(track.width(), 400);
    assert_eq!(reader.sample_count(1).unwrap(), 5, "one coded picture per date");
    let mut durations = Vec::new();
    for i in 1..=5 {
        let sample = reader.read_sample(1, i).unwrap().unwrap();
        assert_eq!(sample.is_sync, i == 1, "a key picture first, then changes");
        durations.push(sample.duration);
    }
    // Half a second a date at 24 fps; the last date holds 3 s more.
    assert_eq!(durations, [12, 12, 12, 12, 84]);
    for bad in [["--fps", "0"], ["--seconds-per-day", "0"]] {
        let output = sandbox.run(&[&args[..], &bad[..]].concat()).failure().code(2).get_output().clone();
        assert!(String::from_utf8(output.stderr).unwrap().contains(bad[0]));
    }
}

/// With `--aspect` every format of `animate` comes out in that shape; the encoder prints
/// nothing of its own on the terminal.
#[test]
fn animations_take_the_shape_asked_for() {
    let sandbox = Sandbox::new("tiny");
    let dates = ["animate", "--from", "2016-10-30", "--to", "2016-11-05"];
    let output =
        sandbox.run(&[&dates[..], &["--aspect", "16:9", "--width", "640", "-o", "wide.mp4"]].concat()).success();
    let stderr = String::from_utf8(output.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr, "wrote 7 frames to wide.mp4\n", "no word from openh264");
    let path = sandbox.path().join("wide.mp4");
    let file = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let reader = mp4::Mp4Reader::read_header(file, std::fs::metadata(&path).unwrap().len()).unwrap();
    let track = reader.tracks().get(&1).unwrap();
    assert_eq!((track.width(), track.height()), (640, 360));
    sandbox.run(&[&dates[..], &["--aspect", "1:1", "--width", "400", "-o", "square.gif"]].concat()).success();
    let gif = std::fs::read(sandbox.path().join("square.gif")).unwrap();
    let decoder = gif::DecodeOptions::new().read_info(std::io::Cursor::new(gif)).unwrap();
    assert_eq!((decoder.width(), decoder.height()), (400, 400));
    sandbox.run(&[&dates[..], &["--aspect", "9:16", "--width", "360", "-o", "tall.svg"]].concat()).success();
    let svg = std::fs::read_to_string(sandbox.path().join("tall.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg[..svg.find('>').unwrap()].contains("height=\"640\""), "{}", &svg[..300]);
}

#[test]
fn no_progress_bar_is_drawn_off_a_terminal() {
    let sandbox = Sandbox::new("tiny");
    let args = ["animate", "--from", "2016-10-30", "--to", "2016-11-02", "--width", "400", "-o", "war.gif"];
    let output = sandbox.run(&args).success().get_output().clone();
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "wrote 4 frames to war.gif\n");
    let args = ["frames", "--from", "2016-10-30", "--to", "2016-11-02", "--width", "400", "--format", "png", "-o", "f"];
    let output = sandbox.run(&args).success().get_output().clone();
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "wrote 4 frames and manifest.json to f\n");
}

#[test]
fn animation_frames_too_short_for_browsers_are_refused() {
    let sandbox = Sandbox::new("tiny");
    for (file, args) in [("x.gif", vec!["--frame-ms", "10"]), ("x.png", vec!["--duration", "1"])] {
        let mut all = vec!["animate", "-o", file, "-q"];
        all.extend(args);
        sandbox.run(&all).failure().code(2).stderr(predicates::str::contains("expected at least 20 ms a frame"));
    }
    assert!(sandbox.outputs().is_empty(), "nothing written");
}

#[test]
fn animate_writes_one_self_contained_animated_svg() {
    let sandbox = Sandbox::new("tiny");
    let args = [
        "animate",
        "--from",
        "2016-10-30",
        "--to",
        "2016-11-05",
        "--width",
        "480",
        "-o",
        "war.svg",
        "--frame-ms",
        "500",
    ];
    sandbox.run(&args).success();
    let svg = std::fs::read_to_string(sandbox.path().join("war.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Gogjali: ISIL, contested on 1 November (frame 3), government-held from the 4th (frame 6).
    let gogjali = doc
        .descendants()
        .find(|n| n.attribute("data-place") == Some("gogjali") && n.attribute("class") == Some("place"))
        .unwrap();
    let right_half = gogjali.children().filter(|n| n.is_element()).nth(2).unwrap();
    let animate = right_half.children().find(|n| n.has_tag_name("animate")).expect("the holder's half changes");
    assert_eq!(animate.attribute("values"), Some("#262626;#c8102e"));
    // 7 dates at 0.5 s and a 3 s hold: a 6.5 s loop, the change at 2.5 s.
    assert_eq!(animate.attribute("dur"), Some("6.500s"));
    assert_eq!(animate.attribute("keyTimes"), Some("0.00000;0.38462"));
    assert_eq!(animate.attribute("repeatCount"), Some("indefinite"));
    let dates = doc.descendants().filter(|n| n.attribute("class") == Some("dates animated")).count();
    assert_eq!(dates, 1);
    let lines = doc.descendants().find(|n| n.attribute("class") == Some("dates animated")).unwrap();
    assert_eq!(lines.children().filter(|n| n.is_element()).count(), 7, "one date line per date");
    assert!(!svg.contains("http://") || svg.matches("http://").count() == svg.matches("xmlns=\"http://").count());
    // Chromium drops a paint animation that mixes colours with patterns or keywords.
    for animate in doc.descendants().filter(|n| n.has_tag_name("animate")) {
        let values = animate.attribute("values").unwrap();
        if ["fill", "stroke"].contains(&animate.attribute("attributeName").unwrap()) {
            assert!(values.split(';').all(|v| v.starts_with('#')), "only colours are animated: {values}");
        }
    }
    // Gogjali's hatch shows only while it is contested (frames 3 to 5).
    let hatch = doc
        .descendants()
        .find(|n| n.attribute("data-place") == Some("gogjali") && n.attribute("class") == Some("area contested"))
        .unwrap();
    assert_eq!(hatch.attribute("fill"), Some("url(#hatch-gov-isil)"));
    let shown = hatch.children().find(|n| n.has_tag_name("animate")).unwrap();
    assert_eq!(shown.attribute("values"), Some("hidden;visible;hidden"));
}

#[test]
fn a_second_run_into_one_folder_replaces_the_first_runs_frames() {
    let sandbox = Sandbox::new("tiny");
    frames(&sandbox, "seq", &[], "2");
    std::fs::write(sandbox.path().join("seq/notes.txt"), "mine").unwrap();
    let manifest = frames(&sandbox, "seq", &["--to", "2016-11-01"], "2");
    assert_eq!(files(&manifest).len(), 3);
    let mut left: Vec<String> = std::fs::read_dir(sandbox.path().join("seq"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    let mut expected = files(&manifest);
    expected.extend(["manifest.json".to_string(), "notes.txt".to_string()]);
    expected.sort();
    assert_eq!(left, expected, "only the second run's frames, its manifest and what is not a frame");
}

#[test]
fn a_folder_that_holds_other_files_and_no_manifest_is_refused() {
    let sandbox = Sandbox::new("tiny");
    std::fs::create_dir(sandbox.path().join("docs")).unwrap();
    std::fs::write(sandbox.path().join("docs/thesis.tex"), "mine").unwrap();
    let stderr = sandbox.run(&["frames", "--from", "2016-11-01", "--to", "2016-11-03", "-o", "docs"]).code(2);
    let stderr = String::from_utf8_lossy(&stderr.get_output().stderr).to_string();
    assert!(stderr.contains("--output: docs: expected a new or empty folder"), "{stderr}");
    let left: Vec<_> = std::fs::read_dir(sandbox.path().join("docs")).unwrap().collect();
    assert_eq!(left.len(), 1, "nothing written, nothing removed");
}

/// An interrupted run removes the temporary file it was writing; the next run into the
/// folder replaces what it left. Frames are written (each synced to disk) once all are
/// drawn, so the signal is sent when the first appears; a run that finished first passes.
#[test]
#[cfg(unix)]
fn sigint_and_sigterm_leave_no_temporary_file() {
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let sandbox = Sandbox::new("tiny");
        let out = sandbox.path().join("seq");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("frontline"))
            .current_dir(sandbox.path())
            .args(["frames", "--from", "2016-10-16", "--to", "2016-12-31"])
            .args(["-o", "seq", "--dataset"])
            .arg(sandbox.dataset())
            .env("RAYON_NUM_THREADS", "1")
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while std::fs::read_dir(&out).map_or(true, |mut d| d.next().is_none()) {
            assert!(started.elapsed().as_secs() < 300, "no frame written in five minutes");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let pid = child.id().to_string();
        assert!(std::process::Command::new("kill").args([signal, &pid]).status().unwrap().success());
        let status = child.wait().unwrap();
        assert!(status.code() == Some(code) || status.success(), "{signal}: {status}");
        let names: Vec<String> =
            std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{signal}: {names:?}");
        frames(&sandbox, "seq", &[], "2");
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 8, "{signal}: 7 frames and the manifest");
    }
}

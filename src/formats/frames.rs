//! Sequences of frames (`frontline frames`): the dates of a sequence, every frame of it
//! rendered in parallel, and the manifest that lists them. Frames share one label placement (the placement does not
//! depend on the date), so labels hold still from frame to frame, and the output does not
//! depend on how many threads drew it.

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use std::path::Path;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::formats::progress::{Progress, Stage};
use crate::model::control::{Control, Timeline};
use crate::model::territory::Cells;
use crate::render::labels::Placement;

use crate::render::{BasemapCache, DateAreas, Frame, FrameOptions, Lang};

/// The dates from `from` to `to` (both included, `to` even when the step skips it), every
/// `step_days`; with `changes_only`, only the dates on which some place changed hands.
pub fn dates(timeline: &Timeline, (from, to): (Date, Date), step_days: i64, changes_only: bool) -> Vec<Date> {
    let mut dates = Vec::new();
    let mut date = from;
    while date <= to {
        dates.push(date);
        date = date.saturating_add(step_days.days());
    }
    if dates.last() != Some(&to) {
        dates.push(to);
    }
    if changes_only {
        dates.retain(|&d| changed_on(timeline, d));
    }
    dates
}

/// True when the state at the end of `date` differs from the day before at some place.
fn changed_on(timeline: &Timeline, date: Date) -> bool {
    let Ok(yesterday) = date.yesterday() else { return true };
    let (before, after) = (timeline.state_at(yesterday), timeline.state_at(date));
    timeline.steps_on(date).iter().any(|s| before.control(s.place) != after.control(s.place))
}

/// One frame of a sequence, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameEntry {
    pub file: String,
    pub date: String,
    pub changes: Vec<ChangeEntry>,
}

/// A change of control on a frame's date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeEntry {
    pub place: String,
    pub name: String,
    /// held, contested or besieged
    pub state: &'static str,
    /// The side that holds the place after the change (the attacker, for a contested one).
    pub side: String,
    pub actor: String,
    pub source: String,
}

/// The manifest of a sequence: what the frames are, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Manifest {
    pub dataset: String,
    pub from: String,
    pub to: String,
    pub step_days: i64,
    pub changes_only: bool,
    pub frames: Vec<FrameEntry>,
}

/// The name of a sequence's manifest in its folder.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Makes `dir` ready for a new sequence of `slug`, so that it never holds frames of two
/// runs. It loses its `manifest.json`, the frames that manifest lists, and any file named as
/// a frame of `slug` (what an interrupted run leaves: frames, no manifest). Only plain file
/// names in the folder are removed: a manifest is data, and data names no other path. A
/// folder with other files and no manifest is refused: it is not a sequence folder.
pub fn clear_previous_run(dir: &Path, slug: &str) -> Result<()> {
    let names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(Error::Write { path: dir.to_path_buf(), source }),
    };
    let manifest = std::fs::read_to_string(dir.join(MANIFEST_FILE)).ok();
    let ours = |name: &str| is_frame_name(name, slug) || name.starts_with(".frontline-");
    if manifest.is_none() && !names.iter().all(|name| ours(name)) {
        let expected = format!(
            "{}: expected a new or empty folder, or one `frontline frames` wrote (with its {MANIFEST_FILE})",
            dir.display()
        );
        return Err(Error::usage("--output", expected));
    }
    let remove = |name: &str| match std::fs::remove_file(dir.join(name)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::Write { path: dir.join(name), source: e }),
        _ => Ok(()),
    };
    // The manifest goes first: a folder without one claims no sequence, whatever is left.
    remove(MANIFEST_FILE)?;
    let listed = manifest.as_deref().map(listed_frames).unwrap_or_default();
    let named = names.iter().filter(|name| is_frame_name(name, slug)).cloned();
    listed.into_iter().chain(named).try_for_each(|name| remove(&name))
}

/// The frame files a previous manifest lists that are plain names of files in its folder.
fn listed_frames(manifest: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(manifest).unwrap_or_default();
    let files = value["frames"].as_array().into_iter().flatten().filter_map(|frame| frame["file"].as_str());
    files.filter(|name| is_plain_file_name(name)).map(str::to_string).collect()
}

fn is_plain_file_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    !name.starts_with('.')
        && matches!(components.next(), Some(std::path::Component::Normal(n)) if n == name)
        && components.next().is_none()
}

/// True for the names [`frame_name`] gives a frame of `slug`: `slug-0001-2016-10-17.svg`.
fn is_frame_name(name: &str, slug: &str) -> bool {
    let Some((stem, extension)) = name.rsplit_once('.') else { return false };
    let Some(rest) = stem.strip_prefix(slug).and_then(|r| r.strip_prefix('-')) else { return false };
    let Some((index, date)) = rest.split_once('-') else { return false };
    index.len() >= 4
        && index.bytes().all(|b| b.is_ascii_digit())
        && date.parse::<Date>().is_ok()
        && matches!(extension, "svg" | "png" | "pdf")
}

/// The file name of frame `index` (from 0) of a sequence of `slug`.
pub fn frame_name(slug: &str, index: usize, date: Date, extension: &str) -> String {
    format!("{slug}-{:04}-{date}.{extension}", index + 1)
}

/// Renders every date with `options` (its date replaced), in parallel, and returns the
/// documents in date order with their manifest entries. `file_name` names frame `i` of
/// `date`. Frames are multilingual ([`crate::render::multilingual_svg`]) when asked; each
/// frame drawn advances `progress`.
///
/// What does not depend on the date is made once: the cells, each language's label
/// placement and the basemap's text; and the areas of a run of dates that changes nothing on
/// the map are made once for the run.
pub fn render_all(
    dataset: &Dataset,
    timeline: &Timeline,
    options: &FrameOptions,
    dates: &[Date],
    file_name: &(dyn Fn(usize, Date) -> String + Sync),
    multilingual: bool,
    progress: &Progress,
) -> Vec<(FrameEntry, String)> {
    let Some(&first) = dates.first() else { return Vec::new() };
    let cells = Cells::build(dataset, &dataset.projection());
    let view = crate::render::viewport(dataset, options);
    let basemaps = std::sync::Arc::new(BasemapCache::default());
    let langs = if multilingual { vec![Lang::English, Lang::Arabic] } else { vec![options.lang] };
    let in_lang = |date, lang| FrameOptions { date, lang, ..options.clone() };
    let placements: Vec<Placement> = langs
        .iter()
        .map(|&lang| {
            let state = timeline.state_at(first);
            Frame::with_areas(dataset, timeline, state, DateAreas::default(), in_lang(first, lang)).label_placement()
        })
        .collect();
    progress.stage(Stage::Drawing, dates.len());
    runs_of_same_areas(dataset, timeline, dates)
        .into_par_iter()
        .flat_map(|run| {
            let areas = DateAreas::new(dataset, &cells, &timeline.state_at(dates[run.start]), &view);
            let (in_lang, placements, basemaps) = (&in_lang, &placements, &basemaps);
            run.into_par_iter().map(move |i| {
                let date = dates[i];
                let frame = |lang, labels: &Placement| {
                    let state = timeline.state_at(date);
                    Frame::with_areas(dataset, timeline, state, areas.clone(), in_lang(date, lang))
                        .with_labels(labels.clone())
                        .with_basemaps(basemaps.clone())
                };
                let svg = if multilingual {
                    crate::render::multilingual_svg(
                        frame(Lang::English, &placements[0]),
                        frame(Lang::Arabic, &placements[1]),
                    )
                } else {
                    frame(options.lang, &placements[0]).to_svg()
                };
                let entry = FrameEntry {
                    file: file_name(i, date),
                    date: date.to_string(),
                    changes: changes(dataset, timeline, date),
                };
                progress.step();
                (entry, svg)
            })
        })
        .collect()
}

/// The dates as runs of consecutive indices that share their areas: between them no place
/// changes hands and none becomes more or less certain (what [`DateAreas`] is made of), so
/// the areas of a run are made once. A third of the battle's dates only add reports that
/// change nothing on the map.
fn runs_of_same_areas(dataset: &Dataset, timeline: &Timeline, dates: &[Date]) -> Vec<std::ops::Range<usize>> {
    let areas_key = |date: Date| {
        let state = timeline.state_at(date);
        let places = 0..dataset.gazetteer.len();
        places.map(|place| (state.control(place), state.is_low_confidence(dataset, place))).collect::<Vec<_>>()
    };
    let mut runs = Vec::new();
    let mut start = 0;
    let mut previous = dates.first().map(|&date| areas_key(date));
    for (i, &date) in dates.iter().enumerate().skip(1) {
        let key = areas_key(date);
        if previous.as_ref() != Some(&key) {
            runs.push(start..i);
            start = i;
        }
        previous = Some(key);
    }
    runs.push(start..dates.len());
    runs
}

/// The changes of control on `date`, in the order the replay applied them.
fn changes(dataset: &Dataset, timeline: &Timeline, date: Date) -> Vec<ChangeEntry> {
    crate::model::control::changes_on(timeline, &timeline.state_at(date), date)
        .into_iter()
        .map(|change| {
            let place = dataset.gazetteer.get(change.place);
            let event = &dataset.events[change.event];
            let side = match change.after {
                Control::Contested { attacker, .. } => attacker,
                other => other.holder(),
            };
            ChangeEntry {
                place: place.id.clone(),
                name: place.name.clone(),
                state: change.after.state_name(),
                side: dataset.manifest.sides.get(side).id.clone(),
                actor: event.actor.clone(),
                source: event.source.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetFiles;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn timeline() -> (Dataset, Timeline) {
        let dataset = Dataset::parse(&DatasetFiles::builtin()).unwrap();
        let timeline = Timeline::new(&dataset);
        (dataset, timeline)
    }

    #[test]
    fn a_sequence_includes_both_ends() {
        let (_, timeline) = timeline();
        let dates = dates(&timeline, (day("2017-01-01"), day("2017-01-20")), 7, false);
        assert_eq!(dates, [day("2017-01-01"), day("2017-01-08"), day("2017-01-15"), day("2017-01-20")]);
    }

    #[test]
    fn changes_only_keeps_the_dates_on_which_control_changed() {
        let (dataset, timeline) = timeline();
        let all = dates(&timeline, (day("2017-01-01"), day("2017-01-31")), 1, false);
        let changed = dates(&timeline, (day("2017-01-01"), day("2017-01-31")), 1, true);
        assert!(!changed.is_empty() && changed.len() < all.len());
        for date in all {
            assert_eq!(changed.contains(&date), !changes(&dataset, &timeline, date).is_empty(), "{date}");
        }
    }

    #[test]
    fn a_previous_run_is_cleared_and_only_its_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let put = |name: &str| std::fs::write(dir.path().join(name), "x").unwrap();
        let outside = dir.path().parent().unwrap().join(format!("{}-outside", dir.path().display()));
        std::fs::write(&outside, "keep").unwrap();
        let listed = format!(
            r#"{{"frames": [{{"file": "old-a.svg"}}, {{"file": "../{}"}}, {{"file": "/etc/hostname"}}, {{"file": ".."}}]}}"#,
            outside.file_name().unwrap().to_str().unwrap()
        );
        std::fs::write(dir.path().join(MANIFEST_FILE), listed).unwrap();
        ["old-a.svg", "tiny-0003-2016-11-01.png", "notes.txt", "other-0001-2016-11-01.svg"].into_iter().for_each(put);
        clear_previous_run(dir.path(), "tiny").unwrap();
        let mut left: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, ["notes.txt", "other-0001-2016-11-01.svg"]);
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep", "a manifest names no file outside");
        std::fs::remove_file(outside).unwrap();
    }

    #[test]
    fn a_folder_of_other_files_is_no_sequence_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(clear_previous_run(&dir.path().join("new"), "tiny").is_ok());
        std::fs::write(dir.path().join("tiny-0001-2016-11-01.svg"), "x").unwrap();
        clear_previous_run(dir.path(), "tiny").unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "an interrupted run's frames go");
        std::fs::write(dir.path().join("thesis.tex"), "x").unwrap();
        let error = clear_previous_run(dir.path(), "tiny").unwrap_err().to_string();
        assert!(error.contains("--output") && error.contains("expected a new or empty folder"), "{error}");
        assert!(dir.path().join("thesis.tex").exists());
    }

    #[test]
    fn frame_names_are_recognised() {
        let date = jiff::civil::date(2016, 11, 1);
        assert!(is_frame_name(&frame_name("mosul", 0, date, "svg"), "mosul"));
        assert!(is_frame_name(&frame_name("mosul", 12_345, date, "png"), "mosul"));
        for other in [
            "mosul-01-2016-11-01.svg",
            "mosul-0001-2016-11-01.txt",
            "mosul-0001-2016-13-01.svg",
            "x-0001-2016-11-01.svg",
        ] {
            assert!(!is_frame_name(other, "mosul"), "{other}");
        }
    }
}

//! Sequences of frames (`frontline frames`): the dates of a sequence, every frame of it
//! rendered in parallel, and the manifest that lists them. Frames share one label placement (the placement does not
//! depend on the date), so labels hold still from frame to frame, and the output does not
//! depend on how many threads drew it.

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::dataset::Dataset;
use crate::formats::progress::{Progress, Stage};
use crate::model::control::{Control, Timeline};
use crate::model::territory::Cells;
use crate::render::labels::Placement;
use crate::render::{DateAreas, Frame, FrameOptions, Lang};

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

/// Renders every date with `options` (its date replaced), in parallel, and returns the
/// documents in date order with their manifest entries. `file_name` names frame `i` of
/// `date`. Frames are multilingual ([`crate::render::multilingual_svg`]) when asked; each
/// frame drawn advances `progress`.
///
/// What does not depend on the date is made once: the cells and each language's label
/// placement; and the areas of a run of dates no event separates are made once for the run.
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
    runs_without_events(timeline, dates)
        .into_par_iter()
        .flat_map(|run| {
            let areas = DateAreas::new(dataset, &cells, &timeline.state_at(dates[run.start]), &view);
            let (in_lang, placements) = (&in_lang, &placements);
            run.into_par_iter().map(move |i| {
                let date = dates[i];
                let frame = |lang, labels: &Placement| {
                    let state = timeline.state_at(date);
                    Frame::with_areas(dataset, timeline, state, areas.clone(), in_lang(date, lang))
                        .with_labels(labels.clone())
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

/// The dates as runs of consecutive indices that no event separates: every date of a run
/// has the same state as the first.
fn runs_without_events(timeline: &Timeline, dates: &[Date]) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..dates.len() {
        let (before, date) = (dates[i - 1], dates[i]);
        if date <= before || !timeline.steps_between(before, date).is_empty() {
            runs.push(start..i);
            start = i;
        }
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
}

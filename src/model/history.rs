//! The battle as a history rather than one date: how long each place kept each state, and the
//! territory of each period between two changes of control, for time-enabled exports (GIS
//! layers whose features carry the days they were valid).
//!
//! Days are half-open spans, `[from, to)`: a state is valid from the day its event took
//! effect up to, not including, the day the next one did. That is how QGIS's Temporal
//! Controller reads a start and an end field by default ("include start, exclude end"), and
//! it leaves no gap and no overlap between one state and the next.

use jiff::ToSpan;
use jiff::civil::Date;
use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::dataset::gazetteer::PlaceId;
use crate::model::control::{PlaceState, Timeline};
use crate::model::territory::{Cells, Territory};

/// Days from `from` up to, not including, `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Days {
    pub from: Date,
    pub to: Date,
}

impl Days {
    /// True when the span shares a day with `first..=last`.
    pub fn meets(&self, first: Date, last: Date) -> bool {
        self.from <= last && self.to > first
    }
}

/// One place in one state, and the days it stayed in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Spell {
    pub place: PlaceId,
    pub state: PlaceState,
    pub days: Days,
}

/// The territory of one period in which no place changed hands.
#[derive(Debug, Clone)]
pub struct Period {
    pub days: Days,
    pub territory: Territory,
}

/// The day after the dataset's period: the end of every state still valid when it ends.
pub fn open_end(dataset: &Dataset) -> Date {
    dataset.manifest.period.end.saturating_add(1.day())
}

/// Every state of every place that was valid on some day of `first..=last`, by place and
/// then by date. A state starts on its event's effective day (the default state on the
/// period's baseline) and ends where the next event of the place takes effect; of several
/// events on one day, the last one's state is the day's.
pub fn spells(dataset: &Dataset, timeline: &Timeline, first: Date, last: Date) -> Vec<Spell> {
    let baseline = dataset.manifest.period.baseline;
    let initial = timeline.state_at(baseline.saturating_sub(1.day()));
    let mut out = Vec::new();
    for place in 0..dataset.gazetteer.len() {
        let mut starts = vec![(baseline, initial.places[place])];
        for step in timeline.history(place) {
            let state = PlaceState { control: step.after, since: Some(step.date), event: Some(step.event) };
            match starts.last_mut() {
                Some(last) if last.0 == step.date => *last = (step.date, state),
                _ => starts.push((step.date, state)),
            }
        }
        let ends = starts.iter().skip(1).map(|s| s.0).chain(std::iter::once(open_end(dataset)));
        for ((from, state), to) in starts.iter().copied().zip(ends) {
            let days = Days { from, to };
            if days.meets(first, last) {
                out.push(Spell { place, state, days });
            }
        }
    }
    out
}

/// The days on which some place changed hands (an event that leaves the control as it was
/// changes no territory), in order.
pub fn changes(timeline: &Timeline) -> Vec<Date> {
    let mut dates: Vec<Date> = timeline.steps().iter().filter(|s| s.before != s.after).map(|s| s.date).collect();
    dates.dedup();
    dates
}

/// The territory of every period that meets `first..=last`: the period in force on `first`
/// (which may have begun before it) and one from each change of control up to `last`. Each
/// ends on the next change, or the day after the dataset's period.
pub fn periods(dataset: &Dataset, timeline: &Timeline, cells: &Cells, first: Date, last: Date) -> Vec<Period> {
    let changes = changes(timeline);
    let in_force = changes.iter().copied().rfind(|&d| d <= first).unwrap_or(dataset.manifest.period.baseline);
    let starts: Vec<Date> =
        std::iter::once(in_force).chain(changes.iter().copied().filter(|&d| d > first && d <= last)).collect();
    let end_of = |start: Date| changes.iter().copied().find(|&d| d > start).unwrap_or_else(|| open_end(dataset));
    let sides = dataset.manifest.sides.len();
    starts
        .par_iter()
        .map(|&from| Period {
            days: Days { from, to: end_of(from) },
            territory: Territory::at(cells, &timeline.state_at(from), sides),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetFiles;
    use crate::model::control::Control;

    fn fixture() -> Dataset {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        Dataset::parse(&DatasetFiles::read_dir(&dir).unwrap()).unwrap()
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn spells_follow_each_other_without_gap_or_overlap() {
        let dataset = fixture();
        let timeline = Timeline::new(&dataset);
        let all = spells(&dataset, &timeline, dataset.manifest.period.baseline, dataset.manifest.period.end);
        for place in 0..dataset.gazetteer.len() {
            let own: Vec<&Spell> = all.iter().filter(|s| s.place == place).collect();
            assert_eq!(own[0].days.from, dataset.manifest.period.baseline);
            assert_eq!(own.last().unwrap().days.to, day("2017-01-01"));
            for pair in own.windows(2) {
                assert_eq!(pair[0].days.to, pair[1].days.from, "{pair:?}");
                assert!(pair[0].days.from < pair[0].days.to, "no empty spell");
            }
        }
        // Every spell is what the replay says on each of its days.
        for spell in all.iter().filter(|s| s.days.to <= day("2016-12-31")) {
            let last_day = spell.days.to.saturating_sub(1.day());
            for date in [spell.days.from, last_day] {
                assert_eq!(timeline.state_at(date).places[spell.place].control, spell.state.control, "{spell:?}");
            }
        }
    }

    #[test]
    fn of_two_events_on_one_day_the_last_one_holds() {
        let dataset = fixture();
        let timeline = Timeline::new(&dataset);
        let bashiqa = dataset.gazetteer.by_id("bashiqa").unwrap();
        let own: Vec<Spell> = spells(&dataset, &timeline, day("2016-10-24"), day("2016-10-24"))
            .into_iter()
            .filter(|s| s.place == bashiqa)
            .collect();
        assert_eq!(own.len(), 1, "{own:?}");
        assert!(matches!(own[0].state.control, Control::Besieged { .. }));
        assert_eq!(own[0].days, Days { from: day("2016-10-24"), to: day("2017-01-01") });
    }

    #[test]
    fn periods_start_at_changes_and_the_first_one_may_begin_earlier() {
        let dataset = fixture();
        let timeline = Timeline::new(&dataset);
        let cells = Cells::build(&dataset, &dataset.projection());
        let found = periods(&dataset, &timeline, &cells, day("2016-10-22"), day("2016-11-04"));
        let spans: Vec<(String, String)> =
            found.iter().map(|p| (p.days.from.to_string(), p.days.to.to_string())).collect();
        assert_eq!(
            spans,
            [
                ("2016-10-20".into(), "2016-10-24".into()),
                ("2016-10-24".into(), "2016-11-01".into()),
                ("2016-11-01".into(), "2016-11-04".into()),
                ("2016-11-04".into(), "2016-11-10".into()),
            ]
        );
    }
}

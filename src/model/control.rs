//! The control engine: the state of every place at any date, by replaying events.
//!
//! The state at date D is every place held by the dataset's default side, with every event
//! whose effective date ([`crate::dataset::events::EventDate::effective`]) is on or before D applied
//! in order of effective date, and in file order within a day.

use jiff::civil::Date;
use rayon::prelude::*;

use crate::dataset::Dataset;
use crate::dataset::events::{self, Event, Status};
use crate::dataset::gazetteer::PlaceId;
use crate::dataset::manifest::SideId;
use crate::error::Problem;

/// Who controls a place. Contested and besieged are states of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Control {
    Held(SideId),
    /// `attacker` has entered the place; `defender` still fights in it.
    Contested {
        attacker: SideId,
        defender: SideId,
    },
    /// `holder` holds the place, surrounded by `besieger` when the sources name it.
    Besieged {
        holder: SideId,
        besieger: Option<SideId>,
    },
}

impl Control {
    /// The side that still holds the place: the defender of a contested place.
    pub fn holder(self) -> SideId {
        match self {
            Control::Held(side) | Control::Besieged { holder: side, .. } => side,
            Control::Contested { defender, .. } => defender,
        }
    }

    /// `held`, `contested` or `besieged`.
    pub fn state_name(self) -> &'static str {
        match self {
            Control::Held(_) => "held",
            Control::Contested { .. } => "contested",
            Control::Besieged { .. } => "besieged",
        }
    }

    /// The control after `event`, and a warning when the event does not fit the control
    /// before it (captured by the side that already holds the place, and the like).
    pub fn apply(self, event: &Event) -> (Control, Option<String>) {
        let side = event.side;
        match event.status {
            Status::Held => (Control::Held(side), None),
            Status::Captured | Status::Withdrawn => {
                let warning = (self == Control::Held(side)).then(|| "it was already held by the same side".to_string());
                (Control::Held(side), warning)
            }
            Status::Contested => {
                let defender = event.opponent.unwrap_or(self.holder());
                if defender == side {
                    let warning =
                        "contested by the side that holds it: name the attacker in `side` and the holder in `opponent`";
                    return (self, Some(warning.to_string()));
                }
                (Control::Contested { attacker: side, defender }, None)
            }
            Status::Besieged => {
                let warning = match self {
                    Control::Held(holder) if holder != side => {
                        Some("besieged as held by a side that did not hold it".to_string())
                    }
                    _ => None,
                };
                (Control::Besieged { holder: side, besieger: event.opponent }, warning)
            }
        }
    }
}

/// One applied event: what the place was before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Index into [`Dataset::events`].
    pub event: usize,
    pub date: Date,
    pub place: PlaceId,
    pub before: Control,
    pub after: Control,
}

/// The whole replay of a dataset, ready to answer questions about any date.
#[derive(Debug, Clone)]
pub struct Timeline {
    initial: Control,
    /// In replay order.
    steps: Vec<Step>,
    /// For each place, the date and index into `steps` of each of its steps, in replay
    /// order. The dates are kept here so that finding a place's state at a date searches
    /// its own short list rather than reaching into `steps` at every comparison.
    by_place: Vec<Vec<(Date, usize)>>,
    warnings: Vec<Problem>,
}

impl Timeline {
    /// Replays every event of the dataset once.
    pub fn new(dataset: &Dataset) -> Timeline {
        let initial = Control::Held(dataset.manifest.default_side);
        // By effective date, then file order within a day.
        let mut order: Vec<(Date, usize)> =
            dataset.events.iter().enumerate().map(|(i, event)| (event.date.effective(), i)).collect();
        order.sort_unstable();
        let mut current = vec![initial; dataset.gazetteer.len()];
        let mut by_place = vec![Vec::new(); dataset.gazetteer.len()];
        let mut steps = Vec::with_capacity(order.len());
        let mut warnings = Vec::new();
        for (date, i) in order {
            let event = &dataset.events[i];
            let before = current[event.place];
            let (after, warning) = before.apply(event);
            if let Some(warning) = warning {
                let place = &dataset.gazetteer.get(event.place).name;
                let message = format!("{} {} on {}: {warning}", place, event.status, event.date);
                warnings.push(Problem::new(events::location(event), message));
            }
            current[event.place] = after;
            by_place[event.place].push((date, steps.len()));
            steps.push(Step { event: i, date, place: event.place, before, after });
        }
        Timeline { initial, steps, by_place, warnings }
    }

    /// The control of every place at the end of `date`.
    pub fn state_at(&self, date: Date) -> ControlState {
        // Places are independent, so a large gazetteer is split across threads.
        let places = self
            .by_place
            .par_iter()
            .with_min_len(crate::MIN_ITEMS_PER_THREAD)
            .map(|steps| {
                let applied = steps.partition_point(|&(day, _)| day <= date);
                match applied.checked_sub(1).map(|last| &self.steps[steps[last].1]) {
                    Some(step) => PlaceState { control: step.after, since: Some(step.date), event: Some(step.event) },
                    None => PlaceState { control: self.initial, since: None, event: None },
                }
            })
            .collect();
        ControlState { date, places }
    }

    /// Every step of one place, oldest first.
    pub fn history(&self, place: PlaceId) -> impl Iterator<Item = &Step> {
        self.by_place[place].iter().map(|&(_, s)| &self.steps[s])
    }

    /// The steps that take effect on `date`, in replay order.
    pub fn steps_on(&self, date: Date) -> &[Step] {
        let first = self.steps.partition_point(|s| s.date < date);
        let end = self.steps.partition_point(|s| s.date <= date);
        &self.steps[first..end]
    }

    /// The steps that take effect after `after` and up to `until` (included), in replay order.
    pub fn steps_between(&self, after: Date, until: Date) -> &[Step] {
        let first = self.steps.partition_point(|s| s.date <= after);
        let end = self.steps.partition_point(|s| s.date <= until).max(first);
        &self.steps[first..end]
    }

    /// The events that take effect on `date`.
    pub fn events_on<'d>(&self, dataset: &'d Dataset, date: Date) -> Vec<&'d Event> {
        self.steps_on(date).iter().map(|s| &dataset.events[s.event]).collect()
    }

    /// Every step, in replay order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Events that do not fit the state before them, with their lines.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }
}

/// The control of one place at one date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceState {
    pub control: Control,
    /// The effective date of the event that set this control; `None` for the default.
    pub since: Option<Date>,
    /// Index into [`Dataset::events`] of that event.
    pub event: Option<usize>,
}

/// The control of every place at one date, indexed by [`PlaceId`].
#[derive(Debug, Clone, PartialEq)]
pub struct ControlState {
    pub date: Date,
    pub places: Vec<PlaceState>,
}

impl ControlState {
    pub fn control(&self, place: PlaceId) -> Control {
        self.places[place].control
    }

    /// True when the place's state rests on weak ground: its position is estimated, or
    /// the event that set its control is dated only to within more than a week.
    pub fn is_low_confidence(&self, dataset: &Dataset, place: PlaceId) -> bool {
        let vague_event = self.places[place].event.is_some_and(|e| dataset.events[e].date.is_vague());
        vague_event || dataset.gazetteer.get(place).is_estimated()
    }
}

/// What happened to a place on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub place: PlaceId,
    /// Index into the dataset's events of the day's last event at the place.
    pub event: usize,
    pub after: Control,
}

/// Places whose control at the end of `date` differs from the end of the day before, in
/// the order of their last event that day.
pub fn changes_on(timeline: &Timeline, state: &ControlState, date: Date) -> Vec<Change> {
    let Ok(yesterday) = date.yesterday() else { return Vec::new() };
    let before = timeline.state_at(yesterday);
    let mut changes: Vec<Change> = Vec::new();
    for step in timeline.steps_on(date).iter().rev() {
        let seen = changes.iter().any(|c| c.place == step.place);
        if !seen && state.control(step.place) != before.control(step.place) {
            changes.push(Change { place: step.place, event: step.event, after: state.control(step.place) });
        }
    }
    changes.reverse();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DatasetFiles;

    const PLACES: &str = "id,name,kind,lat,lon,coord_precision_m,coord_source
a,Alpha,town,36.5,43.5,100,test
b,Bravo,village,36.6,43.6,100,test
";

    fn dataset(events: &str) -> Dataset {
        let files = DatasetFiles {
            origin: "test".into(),
            manifest: crate::dataset::manifest::tests::MANIFEST.into(),
            places: PLACES.into(),
            events: format!("date,date_precision,place,side,status,opponent,source\n{events}"),
            basemap: Vec::new(),
            claims: None,
            outlines: None,
            regions: None,
        };
        Dataset::parse(&files).unwrap()
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    const RED: SideId = 0;
    const BLUE: SideId = 1;

    #[test]
    fn places_without_events_keep_the_default_side() {
        let d = dataset("2016-10-20,day,a,blue,captured,,s\n");
        let state = Timeline::new(&d).state_at(day("2016-12-01"));
        assert_eq!(state.control(1), Control::Held(RED));
        assert_eq!(state.places[1].since, None);
    }

    #[test]
    fn capture_withdrawal_and_recapture_replay_in_order() {
        let d = dataset(
            "2016-10-20,day,a,blue,captured,,s\n2016-11-02,day,a,red,captured,,s\n2016-11-09,day,a,blue,captured,,s\n",
        );
        let t = Timeline::new(&d);
        assert_eq!(t.state_at(day("2016-10-19")).control(0), Control::Held(RED));
        assert_eq!(t.state_at(day("2016-10-20")).control(0), Control::Held(BLUE));
        assert_eq!(t.state_at(day("2016-11-05")).control(0), Control::Held(RED));
        assert_eq!(t.state_at(day("2016-11-09")).control(0), Control::Held(BLUE));
        assert_eq!(t.history(0).count(), 3);
        assert!(t.warnings().is_empty());
    }

    #[test]
    fn contested_and_besieged_are_states() {
        let d = dataset("2016-10-20,day,a,blue,contested,,s\n2016-10-21,day,b,red,besieged,blue,s\n");
        let state = Timeline::new(&d).state_at(day("2016-10-21"));
        assert_eq!(state.control(0), Control::Contested { attacker: BLUE, defender: RED });
        assert_eq!(state.control(0).holder(), RED);
        assert_eq!(state.control(1), Control::Besieged { holder: RED, besieger: Some(BLUE) });
    }

    #[test]
    fn same_day_events_apply_in_file_order() {
        let d = dataset("2016-10-20,day,a,blue,contested,,s\n2016-10-20,day,a,blue,captured,,s\n");
        let t = Timeline::new(&d);
        assert_eq!(t.state_at(day("2016-10-20")).control(0), Control::Held(BLUE));
        assert_eq!(t.events_on(&d, day("2016-10-20")).len(), 2);
        assert!(t.events_on(&d, day("2016-10-21")).is_empty());
    }

    #[test]
    fn ranges_and_months_apply_on_their_last_day() {
        let d = dataset("2016-10-17/2016-10-20,range,a,blue,captured,,s\n2016-11,month,b,blue,captured,,s\n");
        let t = Timeline::new(&d);
        assert_eq!(t.state_at(day("2016-10-19")).control(0), Control::Held(RED));
        assert_eq!(t.state_at(day("2016-10-20")).control(0), Control::Held(BLUE));
        assert_eq!(t.state_at(day("2016-11-29")).control(1), Control::Held(RED));
        assert_eq!(t.state_at(day("2016-11-30")).control(1), Control::Held(BLUE));
    }

    #[test]
    fn events_are_ordered_by_date_not_by_line() {
        let d = dataset("2016-11-02,day,a,red,captured,,s\n2016-10-20,day,a,blue,captured,,s\n");
        assert_eq!(Timeline::new(&d).state_at(day("2016-12-01")).control(0), Control::Held(RED));
    }

    #[test]
    fn inconsistent_events_warn_with_their_line() {
        let d = dataset(
            "2016-10-20,day,a,blue,captured,,s\n2016-10-25,day,a,blue,captured,,s\n2016-10-26,day,b,red,contested,,s\n",
        );
        let warnings: Vec<String> = Timeline::new(&d).warnings().iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].starts_with("events.csv:3: Alpha captured on 2016-10-25: it was already held"),
            "{warnings:?}"
        );
        assert!(warnings[1].contains("contested by the side that holds it"), "{warnings:?}");
    }

    proptest::proptest! {
        /// Replaying any sequence of events gives, at the last date, exactly what applying
        /// them one by one in date order gives.
        #[test]
        fn replay_matches_sequential_application(
            raw in proptest::collection::vec((0u8..60, 0usize..2, 0usize..2, 0usize..5), 0..40)
        ) {
            let statuses = ["held", "captured", "withdrawn", "contested", "besieged"];
            let rows: String = raw.iter().map(|(offset, place, side, status)| {
                let date = day("2016-10-16").checked_add(jiff::Span::new().days(i64::from(*offset))).unwrap();
                let place = ["a", "b"][*place];
                let side = ["red", "blue"][*side];
                let opponent = if statuses[*status] == "besieged" { ["blue", "red"][raw.len() % 2] } else { "" };
                let opponent = if opponent == side { "" } else { opponent };
                format!("{date},day,{place},{side},{},{opponent},s\n", statuses[*status])
            }).collect();
            let d = dataset(&rows);
            let t = Timeline::new(&d);
            let mut by_date: Vec<&Event> = d.events.iter().collect();
            by_date.sort_by_key(|e| e.date.effective());
            let mut expected = [Control::Held(RED); 2];
            for event in by_date {
                expected[event.place] = expected[event.place].apply(event).0;
            }
            let state = t.state_at(day("2016-12-31"));
            proptest::prop_assert_eq!(state.control(0), expected[0]);
            proptest::prop_assert_eq!(state.control(1), expected[1]);
        }
    }
}

//! The event layer: dated changes of control at one place each, with their sources.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::dataset::gazetteer::{Gazetteer, PlaceId};
use crate::dataset::manifest::{Period, SideId, Sides};
use crate::dataset::table::{Row, Table};
use crate::error::{Location, Problem, Problems, Result};

/// What an event says about its place. See docs/dataset-format.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// Held by the side, as a standing fact (the initial state).
    Held,
    /// Taken by the side by force.
    Captured,
    /// Held by the side because the previous holder withdrew.
    Withdrawn,
    /// The side has entered the place; fighting goes on.
    Contested,
    /// Held by the side and surrounded by the opponent.
    Besieged,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Held, Status::Captured, Status::Withdrawn, Status::Contested, Status::Besieged];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Captured => "captured",
            Status::Withdrawn => "withdrawn",
            Status::Contested => "contested",
            Status::Besieged => "besieged",
        }
    }
}

impl FromStr for Status {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Status, ()> {
        Status::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When an event happened, as precisely as the sources say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventDate {
    Day(Date),
    /// Some day of the month that starts on this date.
    Month(Date),
    /// Some day between the two dates, both included.
    Range(Date, Date),
}

impl EventDate {
    /// Parses `2016-10-20`, `2016-11` or `2016-10-17/2016-10-20`.
    pub fn parse(text: &str) -> Option<EventDate> {
        if let Some((first, last)) = text.split_once('/') {
            let (first, last) = (parse_day(first)?, parse_day(last)?);
            return (first < last).then_some(EventDate::Range(first, last));
        }
        if text.len() == 7 {
            let (year, month) = text.split_once('-')?;
            if year.len() != 4 || month.len() != 2 {
                return None;
            }
            return Date::new(year.parse().ok()?, month.parse().ok()?, 1).ok().map(EventDate::Month);
        }
        parse_day(text).map(EventDate::Day)
    }

    /// The day the replay applies the event: the last day it may have happened on, so a
    /// map never shows a change before the sources attest it.
    pub fn effective(&self) -> Date {
        match *self {
            EventDate::Day(d) => d,
            EventDate::Month(d) => d.last_of_month(),
            EventDate::Range(_, last) => last,
        }
    }

    /// The first day the event may have happened on.
    pub fn earliest(&self) -> Date {
        match *self {
            EventDate::Day(d) | EventDate::Month(d) | EventDate::Range(d, _) => d,
        }
    }

    /// True when the sources leave the day open by more than a week (a month, or a long
    /// range): a map built on the event is drawn as low confidence.
    pub fn is_vague(&self) -> bool {
        const VAGUE_AFTER_DAYS: i32 = 7;
        (self.effective() - self.earliest()).get_days() >= VAGUE_AFTER_DAYS
    }

    pub fn precision(&self) -> &'static str {
        match self {
            EventDate::Day(_) => "day",
            EventDate::Month(_) => "month",
            EventDate::Range(..) => "range",
        }
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventDate::Day(d) => write!(f, "{d}"),
            EventDate::Month(d) => write!(f, "{}", d.strftime("%Y-%m")),
            EventDate::Range(a, b) => write!(f, "{a}/{b}"),
        }
    }
}

fn parse_day(text: &str) -> Option<Date> {
    // jiff also accepts forms such as "20161020"; the format promises YYYY-MM-DD only.
    let shape = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    shape.then(|| text.parse().ok()).flatten()
}

/// One dated change of control at one place.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: EventDate,
    pub place: PlaceId,
    pub side: SideId,
    pub status: Status,
    pub opponent: Option<SideId>,
    pub actor: String,
    pub source: String,
    pub note: String,
    /// The line of events.csv the event was read from; also its order within a day.
    pub line: u64,
}

pub const EVENTS_FILE: &str = "events.csv";
pub(crate) const REQUIRED: &[&str] = &["date", "date_precision", "place", "side", "status", "source"];
pub(crate) const OPTIONAL: &[&str] = &["opponent", "actor", "note"];
const DATE_FORMS: &str = "YYYY-MM-DD, YYYY-MM or YYYY-MM-DD/YYYY-MM-DD";

/// What events are checked against while they are read.
pub struct Context<'a> {
    pub gazetteer: &'a Gazetteer,
    pub sides: &'a Sides,
    pub period: &'a Period,
}

/// Reads events.csv, resolving places and sides; every bad cell is reported.
pub fn parse(file: &str, text: &str, context: &Context<'_>) -> Result<Vec<Event>> {
    let table = Table::parse(file, text, REQUIRED)?;
    let mut problems = Problems::default();
    // Rows are read apart in parallel, and collect keeps their order. Problems are rare:
    // only when some row failed are the rows read again, in order, to list every problem
    // in file order.
    let rows: Vec<Row<'_>> = table.rows().collect();
    let events: Vec<Event> = rows
        .par_iter()
        .with_min_len(crate::MIN_ITEMS_PER_THREAD)
        .filter_map(|row| parse_event(row, context).ok())
        .collect();
    if events.len() < rows.len() {
        for row in &rows {
            if let Err(found) = parse_event(row, context) {
                found.into_iter().for_each(|p| problems.push(p));
            }
        }
    }
    problems.into_result(events)
}

fn parse_event(row: &Row<'_>, context: &Context<'_>) -> std::result::Result<Event, Vec<Problem>> {
    let mut problems = Vec::new();
    let date = parse_date(row, context.period).map_err(|p| problems.push(p)).ok();
    let place = context.gazetteer.resolve_at(row.get("place"), row.at("place")).map_err(|p| problems.push(p)).ok();
    let side = parse_side(row, "side", context.sides).map_err(|p| problems.push(p)).ok();
    let status = row
        .get("status")
        .parse::<Status>()
        .map_err(|()| problems.push(row.problem("status", "one of held, captured, withdrawn, contested, besieged")))
        .ok();
    let opponent = match row.get("opponent") {
        "" => None,
        _ => parse_side(row, "opponent", context.sides).map_err(|p| problems.push(p)).ok(),
    };
    if opponent.is_some() && opponent == side {
        problems.push(Problem::new(row.at("opponent"), "the opponent is the same side as `side`"));
    }
    let source = row.required("source", "a URL or seed:<section>").map_err(|p| problems.push(p)).ok();
    match (date, place, side, status, source) {
        (Some(date), Some(place), Some(side), Some(status), Some(source)) if problems.is_empty() => Ok(Event {
            date,
            place,
            side,
            status,
            opponent,
            actor: row.get("actor").to_string(),
            source: source.to_string(),
            note: row.get("note").to_string(),
            line: row.line,
        }),
        _ => Err(problems),
    }
}

fn parse_date(row: &Row<'_>, period: &Period) -> std::result::Result<EventDate, Problem> {
    let date = EventDate::parse(row.get("date")).ok_or_else(|| row.problem("date", DATE_FORMS))?;
    let precision = row.get("date_precision");
    if precision != date.precision() {
        let expected = format!("\"{}\", the precision of the date {date}", date.precision());
        return Err(row.problem("date_precision", &expected));
    }
    if date.earliest() < period.baseline || date.effective() > period.end {
        let expected = format!("a date from {} (baseline) to {} (end of the period)", period.baseline, period.end);
        return Err(row.problem("date", &expected).with_help("out of the dataset's period; see dataset.toml [period]"));
    }
    Ok(date)
}

fn parse_side(row: &Row<'_>, column: &str, sides: &Sides) -> std::result::Result<SideId, Problem> {
    sides.find(row.get(column)).ok_or_else(|| row.problem(column, &format!("one of the sides {}", sides.ids())))
}

/// Where an event came from, for problems and captions.
pub fn location(event: &Event) -> Location {
    Location::line(EVENTS_FILE, event.line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_parse_in_three_forms() {
        assert_eq!(EventDate::parse("2016-10-20"), Some(EventDate::Day(day("2016-10-20"))));
        assert_eq!(EventDate::parse("2016-11"), Some(EventDate::Month(day("2016-11-01"))));
        assert_eq!(
            EventDate::parse("2017-02-23/2017-02-24"),
            Some(EventDate::Range(day("2017-02-23"), day("2017-02-24")))
        );
        for bad in ["2016-13-01", "2016-02-30", "20161020", "2016-1-2", "2016-10-20/2016-10-19", "", "2016", "Oct 2016"]
        {
            assert_eq!(EventDate::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn effective_dates_are_the_last_possible_day() {
        assert_eq!(EventDate::parse("2016-11").unwrap().effective(), day("2016-11-30"));
        assert_eq!(EventDate::parse("2017-02").unwrap().effective(), day("2017-02-28"));
        assert_eq!(EventDate::parse("2017-02-23/2017-02-24").unwrap().effective(), day("2017-02-24"));
        assert_eq!(EventDate::parse("2017-02-23/2017-02-24").unwrap().earliest(), day("2017-02-23"));
    }

    #[test]
    fn months_and_long_ranges_are_vague() {
        let vague = |text: &str| EventDate::parse(text).unwrap().is_vague();
        assert!(vague("2016-11"));
        assert!(vague("2016-11-01/2016-11-08"));
        assert!(!vague("2016-11-01/2016-11-07"));
        assert!(!vague("2016-11-01"));
    }

    #[test]
    fn dates_print_as_they_were_written() {
        for text in ["2016-10-20", "2016-11", "2017-02-23/2017-02-24"] {
            assert_eq!(EventDate::parse(text).unwrap().to_string(), text);
        }
    }

    proptest::proptest! {
        #[test]
        fn date_parser_never_panics(text in "\\PC{0,24}") {
            let _ = EventDate::parse(&text);
        }

        #[test]
        fn valid_days_round_trip(y in 1900i16..2100, m in 1i8..=12, d in 1i8..=28) {
            let date = Date::new(y, m, d).unwrap();
            proptest::prop_assert_eq!(EventDate::parse(&date.to_string()), Some(EventDate::Day(date)));
        }
    }
}

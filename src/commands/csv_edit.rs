//! Editing a dataset's CSV files the way a person would: rows appended in the file's own
//! column order, records rewritten in place (every other byte kept), and the lines an edit
//! touches traced back to the rows of the file they came from, for `frontline import`.

use std::collections::BTreeMap;

use crate::error::{Error, Location, Problem, Result};

/// `text` (a CSV file) with rows appended in its own column order; columns a row does not
/// name stay empty, and cells the file has no column for are left out.
pub(crate) fn append_rows(text: &str, rows: impl Iterator<Item = Vec<(&'static str, String)>>) -> Result<String> {
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for row in rows {
        out.push_str(&csv_line(&record(text, &row))?);
    }
    Ok(out)
}

pub(crate) fn header(text: &str) -> Vec<String> {
    let first = text.trim_start_matches('\u{feff}').lines().next();
    first.map(|line| line.split(',').map(|c| c.trim().to_string()).collect()).unwrap_or_default()
}

/// The cells of `row` in the column order of the CSV file `text`.
pub(crate) fn record(text: &str, row: &[(&'static str, String)]) -> Vec<String> {
    let cell = |column: &String| row.iter().find(|(name, _)| name == column).map_or("", |(_, v)| v.as_str());
    header(text).iter().map(|column| cell(column).to_string()).collect()
}

/// One CSV record with its line end, quoted where a cell needs it.
pub(crate) fn csv_line(record: &[String]) -> Result<String> {
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    writer.write_record(record).map_err(|e| write_failure(&e.to_string()))?;
    let bytes = writer.into_inner().map_err(|e| write_failure(&e.to_string()))?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 cells is UTF-8"))
}

/// An event an earlier import brought in: where its record is in events.csv and what it
/// says, and the ACLED row that revises it.
pub(crate) struct Imported {
    pub(crate) bytes: std::ops::Range<usize>,
    pub(crate) line: u64,
    pub(crate) record: Vec<String>,
    pub(crate) revised: Option<Location>,
}

/// The events of events.csv whose source an import wrote ("ACLED <event_id_cnty>: ..."),
/// by ACLED's event id.
pub(crate) fn imported_events(events: &str) -> Result<BTreeMap<String, Imported>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(events.as_bytes());
    let source = header(events).iter().position(|c| c == "source");
    let mut starts = Vec::new();
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let at = reader.position().clone();
        if !reader.read_record(&mut record).map_err(|e| write_failure(&e.to_string()))? {
            break;
        }
        starts.push((at.byte() as usize, at.line()));
        records.push(record.iter().map(str::to_string).collect::<Vec<_>>());
    }
    starts.push((events.len(), 0));
    let mut imported = BTreeMap::new();
    for (i, cells) in records.into_iter().enumerate().skip(1) {
        let id = source.and_then(|c| cells.get(c)).and_then(|s| s.strip_prefix("ACLED ")?.split_once(':'));
        if let Some((id, _)) = id.filter(|(id, _)| !id.is_empty() && !id.contains(' ')) {
            let bytes = starts[i].0..starts[i + 1].0;
            imported.insert(id.to_string(), Imported { bytes, line: starts[i].1, record: cells, revised: None });
        }
    }
    Ok(imported)
}

/// events.csv with the revised records rewritten in place, and the lines they are on with
/// the ACLED rows that revised them.
pub(crate) fn revise(events: &str, imported: &BTreeMap<String, Imported>) -> (String, Vec<(u64, Location)>) {
    let mut revised: Vec<&Imported> = imported.values().filter(|i| i.revised.is_some()).collect();
    revised.sort_by_key(|i| std::cmp::Reverse(i.bytes.start));
    let mut text = events.to_string();
    let mut lines = Vec::new();
    for event in revised {
        let line = csv_line(&event.record).expect("cells read from CSV write back as CSV");
        text.replace_range(event.bytes.clone(), &line);
        lines.push((event.line, event.revised.clone().expect("only revised events")));
    }
    (text, lines)
}

/// The number of the line a row appended to `text` starts on.
pub(crate) fn line_after(text: &str) -> u64 {
    text.matches('\n').count() as u64 + u64::from(!text.is_empty() && !text.ends_with('\n')) + 1
}

/// The ACLED rows behind what an import adds to places.csv and events.csv, so that a
/// problem found in the merged dataset names the row to fix rather than a line of a file
/// that was never written.
#[derive(Default)]
pub(crate) struct Origins {
    pub(crate) places: Vec<Location>,
    pub(crate) events: Vec<Location>,
    pub(crate) revised: Vec<(u64, Location)>,
    pub(crate) first_new_place: u64,
    pub(crate) first_new_event: u64,
}

impl Origins {
    pub(crate) fn explain(&self, error: Error) -> Error {
        let Error::Input(problems) = error else { return error };
        Error::Input(problems.into_iter().map(|p| self.moved(p)).collect())
    }

    fn moved(&self, problem: Problem) -> Problem {
        let Some(line) = problem.location.line else { return problem };
        let file = &problem.location.file;
        let origin = if file.ends_with(crate::dataset::gazetteer::PLACES_FILE) {
            line.checked_sub(self.first_new_place).and_then(|i| self.places.get(i as usize))
        } else if file.ends_with(crate::dataset::events::EVENTS_FILE) {
            let new = line.checked_sub(self.first_new_event).and_then(|i| self.events.get(i as usize));
            new.or_else(|| self.revised.iter().find(|(l, _)| *l == line).map(|(_, at)| at))
        } else {
            None
        };
        let Some(origin) = origin else { return problem };
        let what = if file.ends_with(crate::dataset::gazetteer::PLACES_FILE) { "place" } else { "event" };
        let message = format!("{} (in the {what} this row would make, {file} line {line})", problem.message);
        let same = "if it is the same place, add the row's name to that place's aliases in places.csv";
        let help = match problem.help {
            Some(help) if what == "place" => Some(format!("{help}; {same}")),
            help => help,
        };
        Problem { location: origin.clone(), message, help }
    }
}

pub(crate) fn write_failure(message: &str) -> Error {
    Error::Input(vec![Problem::new(Location::file("import"), message.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_the_file_s_column_order_and_quote_what_needs_it() {
        let text = "id,name,kind\nmosul,Mosul,city";
        let rows = vec![vec![("name", "Bab, al-Tob".to_string()), ("id", "bab".to_string()), ("extra", "x".into())]];
        let out = append_rows(text, rows.into_iter()).unwrap();
        assert_eq!(out, "id,name,kind\nmosul,Mosul,city\nbab,\"Bab, al-Tob\",\n");
    }

    #[test]
    fn a_revised_record_is_rewritten_in_place_and_traced_to_its_row() {
        let text = "date,place,source\n2016-11-01,a,\"ACLED X1: wire, daily\"\n2016-11-02,b,seed\n";
        let mut imported = imported_events(text).unwrap();
        assert_eq!(imported.keys().collect::<Vec<_>>(), ["X1"]);
        let event = imported.get_mut("X1").unwrap();
        assert_eq!(event.line, 2);
        event.record = vec!["2016-11-03".into(), "a".into(), "ACLED X1: wire".into()];
        event.revised = Some(Location::line("acled.csv", 7));
        let (out, lines) = revise(text, &imported);
        assert_eq!(out, "date,place,source\n2016-11-03,a,ACLED X1: wire\n2016-11-02,b,seed\n");
        assert_eq!(lines, [(2, Location::line("acled.csv", 7))]);
        assert_eq!(line_after(&out), 4);
        assert_eq!(line_after("a\nb"), 3);
    }
}

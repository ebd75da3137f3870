//! Reading CSV tables by column name, with every problem located at file:line:column.

use std::borrow::Cow;

use crate::error::{Location, Problem, Problems, Result};

/// A CSV file read into memory: the header and the records with their line numbers.
///
/// The cells are kept trimmed in one string, one row after another, rather than as a
/// record per row: a million rows are then two allocations instead of two million.
pub struct Table<'a> {
    pub file: &'a str,
    /// The header's names, trimmed. A table has a dozen columns at most, so finding one by
    /// comparing names beats hashing the name for every cell of a million rows.
    columns: Vec<String>,
    /// Every cell of every row, trimmed, one after another.
    cells: String,
    /// Where each cell ends in `cells`; row `r` holds cells `r * columns.len()..`.
    ends: Vec<usize>,
    /// The line each row starts on.
    lines: Vec<u64>,
}

/// One record of a [`Table`], read cell by cell.
pub struct Row<'t> {
    table: &'t Table<'t>,
    pub line: u64,
    index: usize,
}

impl<'a> Table<'a> {
    /// Parses `text` and checks that every column in `required` is present.
    ///
    /// A byte-order mark and CRLF line ends are accepted; a row with the wrong number of
    /// cells, an empty file or a missing column is a problem.
    pub fn parse(file: &'a str, text: &str, required: &[&str]) -> Result<Table<'a>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The csv crate counts CRLF records one line short, so line ends are made LF first.
        let text: Cow<'_, str> =
            if text.contains('\r') { Cow::Owned(text.replace("\r\n", "\n")) } else { Cow::Borrowed(text) };
        // Rows of the wrong length are read whole and reported here, where their cells show
        // whether a quote was left open.
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
        let header = match reader.headers() {
            Ok(h) if h.iter().any(|cell| !cell.trim().is_empty()) => h.clone(),
            Ok(_) => return Err(empty_file(file, required)),
            Err(e) => return Err(csv_problem(file, &e).into_error()),
        };
        let columns: Vec<String> = header.iter().map(|name| name.trim().to_string()).collect();
        let mut problems = Problems::default();
        duplicate_columns(file, &columns).into_iter().for_each(|p| problems.push(p));
        for name in required {
            if !columns.iter().any(|c| c == name) {
                problems.push(
                    Problem::new(Location::line(file, 1), format!("missing column `{name}`"))
                        .with_help(format!("the header must name the columns {}", required.join(", "))),
                );
            }
        }
        let mut table = Table { file, columns, cells: String::new(), ends: Vec::new(), lines: Vec::new() };
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) if record.iter().all(|c| c.trim().is_empty()) => {} // blank line
                Ok(true) if record.len() != header.len() || record.iter().any(|c| c.contains('\n')) => {
                    problems.push(ragged_row(file, &header, &record))
                }
                Ok(true) => table.push(&record),
                Err(e) => problems.push(csv_problem(file, &e)),
            }
        }
        problems.into_result(table)
    }

    fn push(&mut self, record: &csv::StringRecord) {
        self.lines.push(record.position().map_or(0, |p| p.line()));
        for cell in record {
            self.cells.push_str(cell.trim());
            self.ends.push(self.cells.len());
        }
    }

    /// The index of `column` (a table with a repeated column is refused, so there is one).
    fn index(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == column)
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.lines.iter().enumerate().map(move |(index, &line)| Row { table: self, line, index })
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Cell `column` of row `row`.
    fn cell(&self, row: usize, column: usize) -> &str {
        let k = row * self.columns.len() + column;
        let start = if k == 0 { 0 } else { self.ends[k - 1] };
        &self.cells[start..self.ends[k]]
    }
}

impl Row<'_> {
    /// The trimmed cell of `column`, or "" when the table has no such column.
    pub fn get(&self, column: &str) -> &str {
        self.table.index(column).map_or("", |i| self.table.cell(self.index, i))
    }

    /// Where the cell of `column` is, for problems about it.
    pub fn at(&self, column: &str) -> Location {
        let index = self.table.index(column).map_or(0, |i| i as u64 + 1);
        Location::field(self.table.file, self.line, index, column)
    }

    /// A problem with the cell of `column`: what was found and what was expected.
    pub fn problem(&self, column: &str, expected: &str) -> Problem {
        let found = self.get(column);
        let message = if found.is_empty() {
            format!("missing value: expected {expected}")
        } else {
            format!("invalid value \"{found}\": expected {expected}")
        };
        Problem::new(self.at(column), message)
    }

    /// A required, non-empty cell.
    pub fn required(&self, column: &str, expected: &str) -> std::result::Result<&str, Problem> {
        match self.get(column) {
            "" => Err(self.problem(column, expected)),
            value => Ok(value),
        }
    }

    /// A required number within `range`.
    pub fn number(&self, column: &str, range: std::ops::RangeInclusive<f64>) -> std::result::Result<f64, Problem> {
        let expected = format!("a number from {} to {}", range.start(), range.end());
        match self.get(column).parse::<f64>() {
            Ok(v) if range.contains(&v) => Ok(v),
            _ => Err(self.problem(column, &expected)),
        }
    }
}

impl Problem {
    fn into_error(self) -> crate::error::Error {
        crate::error::Error::Input(vec![self])
    }
}

/// A column named twice: which of its cells counts would be a guess (the csv crate's
/// readers and spreadsheets disagree), so the header must name each column once.
fn duplicate_columns(file: &str, columns: &[String]) -> Vec<Problem> {
    columns
        .iter()
        .enumerate()
        .filter(|(_, name)| !name.is_empty())
        .filter_map(|(i, name)| {
            let first = columns[..i].iter().position(|c| c == name)?;
            let at = Location::field(file, 1, i as u64 + 1, name);
            let message = format!("duplicate column `{name}`: expected each column once");
            Some(Problem::new(at, message).with_help(format!("it is already column {}; remove one of them", first + 1)))
        })
        .collect()
}

fn empty_file(file: &str, required: &[&str]) -> crate::error::Error {
    Problem::new(Location::line(file, 1), "the file is empty")
        .with_help(format!("expected a header row naming the columns {}", required.join(", ")))
        .into_error()
}

fn csv_problem(file: &str, error: &csv::Error) -> Problem {
    let line = error.position().map_or(1, |p| p.line());
    Problem::new(Location::line(file, line), format!("malformed CSV: {error}"))
}

/// A row that is not one line of as many cells as the header. A cell that runs over several
/// lines is the mark of a quote left open: it swallowed the line breaks, commas and rows
/// after it, and the format has one row per line, so it is reported even when the count of
/// cells happens to be right (an open quote in the last column).
fn ragged_row(file: &str, header: &csv::StringRecord, record: &csv::StringRecord) -> Problem {
    let line = record.position().map_or(1, |p| p.line());
    let cells = format!("this row has {} cells but the header has {}", record.len(), header.len());
    match record.iter().position(|cell| cell.contains('\n')) {
        Some(i) => {
            let lines = record[i].lines().count();
            let column = header.get(i).map_or("", str::trim);
            let message = format!("a quoted cell runs over {lines} lines: expected one line per row");
            Problem::new(Location::field(file, line, i as u64 + 1, column), message)
                .with_help("is its closing quote missing? A quote inside a quoted cell is written twice: \"\"")
        }
        None => Problem::new(Location::line(file, line), cells)
            .with_help("quote cells that contain commas, e.g. \"Tal Afar, west\""),
    }
}

/// Warnings for header cells that name no column in `known`: their cells are ignored, which
/// is what a misspelt column name (`aliasses`) would silently cause.
pub fn unknown_columns(file: &str, text: &str, known: &[&str]) -> Vec<Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let Ok(header) = reader.headers() else { return Vec::new() };
    let unknown =
        header.iter().map(str::trim).enumerate().filter(|(_, name)| !name.is_empty() && !known.contains(name));
    unknown
        .map(|(i, name)| {
            Problem::new(Location::field(file, 1, i as u64 + 1, name), "unknown column, ignored")
                .with_help(closest_column(name, known))
        })
        .collect()
}

fn closest_column(name: &str, known: &[&str]) -> String {
    const SIMILAR: f64 = 0.85;
    let scored = known.iter().map(|k| (strsim::jaro_winkler(&name.to_lowercase(), k), *k));
    match scored.max_by(|a, b| a.0.total_cmp(&b.0)) {
        Some((score, closest)) if score >= SIMILAR => format!("did you mean `{closest}`?"),
        _ => format!("the columns frontline reads are {}", known.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn problems(result: Result<Table<'_>>) -> Vec<String> {
        match result {
            Err(Error::Input(p)) => p.iter().map(|p| p.to_string()).collect(),
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("expected problems"),
        }
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let table = Table::parse("t.csv", "\u{feff}id,name\r\na,Alpha\r\nb,Beta\r\n", &["id"]).unwrap();
        let names: Vec<_> = table.rows().map(|r| (r.line, r.get("name").to_string())).collect();
        assert_eq!(names, [(2, "Alpha".to_string()), (3, "Beta".to_string())]);
    }

    #[test]
    fn missing_columns_are_named() {
        let found = problems(Table::parse("t.csv", "id,nam\na,b\n", &["id", "name"]));
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("t.csv:1: missing column `name`"), "{found:?}");
    }

    #[test]
    fn ragged_rows_give_their_line() {
        let found = problems(Table::parse("t.csv", "id,name\na,b\nc\nd,e\n", &["id"]));
        assert!(found[0].starts_with("t.csv:3: this row has 1 cells but the header has 2"), "{found:?}");
    }

    #[test]
    fn every_ragged_row_is_reported() {
        let found = problems(Table::parse("t.csv", "id,name\na\nb,c,d\ne,f\ng\n", &["id"]));
        let lines: Vec<_> = found.iter().map(|p| p.split(": ").next().unwrap()).collect();
        assert_eq!(lines, ["t.csv:2", "t.csv:3", "t.csv:5"], "{found:?}");
    }

    #[test]
    fn an_open_quote_is_pointed_at() {
        // In the last column the count of cells is right: the rows after it would vanish.
        let found = problems(Table::parse("t.csv", "id,name,note\na,b,\"open\nc,d,e\nf,g,h\n", &["id"]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("t.csv:2:3 (`note`): a quoted cell runs over 3 lines"), "{found:?}");
        assert!(found[0].contains("closing quote missing?"), "{found:?}");
        let found = problems(Table::parse("t.csv", "id,name,note\na,\"open,c\nd,e,f\n", &["id"]));
        assert!(found[0].starts_with("t.csv:2:2 (`name`): a quoted cell runs over 2 lines"), "{found:?}");
    }

    #[test]
    fn unknown_columns_are_warned_about_with_the_closest_known() {
        let known = ["id", "name", "aliases"];
        let found: Vec<_> = unknown_columns("t.csv", "\u{feff}id,name,Aliasses,population\n", &known)
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], "t.csv:1:3 (`Aliasses`): unknown column, ignored\n  help: did you mean `aliases`?");
        assert!(found[1].contains("the columns frontline reads are id, name, aliases"), "{found:?}");
        assert!(unknown_columns("t.csv", "id,name\n", &known).is_empty());
    }

    #[test]
    fn a_column_named_twice_is_a_problem_wherever_it_is() {
        let found = problems(Table::parse("t.csv", "id,name,lat, name ,lat\na,b,1,c,2\n", &["id"]));
        assert_eq!(
            found,
            [
                "t.csv:1:4 (`name`): duplicate column `name`: expected each column once\n  help: it is already column 2; remove one of them",
                "t.csv:1:5 (`lat`): duplicate column `lat`: expected each column once\n  help: it is already column 3; remove one of them",
            ]
        );
        // Columns without a name are not duplicates of each other (a trailing comma).
        assert!(Table::parse("t.csv", "id,name,,\na,b,,\n", &["id"]).is_ok());
    }

    #[test]
    fn empty_files_are_a_problem() {
        assert!(problems(Table::parse("t.csv", "", &["id"]))[0].contains("the file is empty"));
        assert!(problems(Table::parse("t.csv", "\u{feff}", &["id"]))[0].contains("empty"));
    }

    #[test]
    fn cells_are_located() {
        let table = Table::parse("t.csv", "id,lat\na,91\n", &["id"]).unwrap();
        let row = table.rows().next().unwrap();
        let problem = row.number("lat", -90.0..=90.0).unwrap_err();
        assert_eq!(problem.to_string(), "t.csv:2:2 (`lat`): invalid value \"91\": expected a number from -90 to 90");
    }
}

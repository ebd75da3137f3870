//! Errors. Bad input is normal input: every problem in a dataset names the file, the line,
//! the column and what was expected, and the CLI turns it into exit code 2.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

/// Where in an input file a problem is. Lines and columns are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<u64>,
    /// The name of the CSV column or TOML key, when there is one.
    pub field: Option<String>,
}

impl Location {
    pub fn file(file: &str) -> Location {
        Location { file: file.to_string(), line: None, column: None, field: None }
    }

    pub fn line(file: &str, line: u64) -> Location {
        Location { line: Some(line), ..Location::file(file) }
    }

    pub fn field(file: &str, line: u64, column: u64, field: &str) -> Location {
        Location { file: file.to_string(), line: Some(line), column: Some(column), field: Some(field.to_string()) }
    }

    /// The line and column of byte `offset` of `text`, the contents of `file` (a column
    /// counts characters, not bytes).
    pub fn at_offset(file: &str, text: &str, offset: usize) -> Location {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() as u64 + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
        Location { line: Some(line), column: Some(column), ..Location::file(file) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", printable(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, " (`{}`)", printable(field))?;
        }
        Ok(())
    }
}

/// One problem with the input, with a hint on how to fix it where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub location: Location,
    pub message: String,
    pub help: Option<String>,
}

impl Problem {
    pub fn new(location: Location, message: impl Into<String>) -> Problem {
        Problem { location, message: message.into(), help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages quote data (names, cells, keys): shown on a terminal, its control
        // characters would move the cursor or erase the lines that report it.
        write!(f, "{}: {}", self.location, printable(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable(help))?;
        }
        Ok(())
    }
}

/// Text from data or flags as a terminal may show it: every character that changes how
/// the terminal shows the rest instead of being shown (see [`is_hidden`]) is written as an
/// escape such as `\u{1b}`; all else, Arabic included, is unchanged.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let escaped = |c: char| if is_hidden(c) { c.escape_unicode().to_string() } else { c.to_string() };
    Cow::Owned(text.chars().map(escaped).collect())
}

/// Control characters (which move the cursor, erase lines or begin lines that are not
/// ours), bidi embeddings, overrides, isolates and marks (which reorder what follows on the
/// line), and line and paragraph separators.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Everything that can go wrong in frontline.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dataset or an argument is wrong; nothing was written.
    #[error("{}", list_problems(.0))]
    Input(Vec<Problem>),
    #[error("cannot read {}: {source}", .path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write {}: {source}", .path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

impl Error {
    /// A single problem not tied to a file, such as a bad command-line value.
    pub fn usage(what: &str, message: impl Into<String>) -> Error {
        Error::Input(vec![Problem::new(Location::file(what), message)])
    }

    /// The process exit code: 2 for bad input, 1 for failures of the machine.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Input(_) | Error::Read { .. } => 2,
            Error::Write { .. } => 1,
        }
    }
}

/// Deserializes a TOML file. Every syntax error is reported (the first of each line: the
/// parser's later ones on a line follow from it); a file without any is checked against `T`,
/// which stops at its first error. Each is located at the key it concerns.
pub fn from_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    let (_, mut syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        syntax.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        let mut problems: Vec<Problem> = syntax.iter().map(|e| toml_problem(file, text, e)).collect();
        problems.dedup_by_key(|p| p.location.line);
        return Err(Error::Input(problems));
    }
    toml::from_str(text).map_err(|e| Error::Input(vec![toml_problem(file, text, &e)]))
}

/// A TOML error at the key whose entry holds its span (named by its path, such as
/// `area.north`), or else at the span itself.
fn toml_problem(file: &str, text: &str, error: &toml::de::Error) -> Problem {
    let mut location = Location::file(file);
    if let Some(span) = error.span() {
        let (start, key) = match toml_key_at(text, span.start) {
            Some((path, start)) => (start, Some(path)),
            None => (span.start, None),
        };
        location = Location { field: key, ..Location::at_offset(file, text, start) };
    }
    let message = error.message().trim().to_string();
    let problem = Problem::new(location, &message);
    // "invalid type", "invalid boolean" (for text without quotes), "invalid float"...
    if message.starts_with("invalid") {
        problem.with_help("numbers are written bare (36.6), text in quotes (\"east\"), lists in brackets ([1, 2])")
    } else {
        problem
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn line_and_column(text: &str, offset: usize) -> (Option<u64>, Option<u64>) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    (Some(line), Some(column))
}

/// Where the key at `path` (`area`, `sides[1].colour`, `territory.rivers[0]`) is written in
/// a TOML text that parses, named by that path: a problem found after parsing (a colour
/// that is no colour, an id given twice) then points at its line and column as a syntax
/// error does. A path the text does not hold is located at the file only.
pub fn toml_location(file: &str, text: &str, path: &str) -> Location {
    let mut location = Location { field: Some(path.to_string()), ..Location::file(file) };
    if let Some(offset) = toml_offset(text, path) {
        (location.line, location.column) = line_and_column(text, offset);
    }
    location
}

/// The byte offset of the key at `path`, or of the array item it ends with; the offset of
/// the deepest part found when the rest is missing.
fn toml_offset(text: &str, path: &str) -> Option<usize> {
    use toml::de::DeValue;
    let document = toml::de::DeTable::parse(text).ok()?;
    let mut table = document.get_ref();
    let mut offset = None;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let (name, index) = match part.split_once('[') {
            Some((name, index)) => (name, index.strip_suffix(']').and_then(|i| i.parse::<usize>().ok())),
            None => (part, None),
        };
        let Some((key, mut value)) = table.iter().find(|(key, _)| key.get_ref() == name) else { return offset };
        offset = Some(key.span().start);
        if let Some(index) = index {
            let DeValue::Array(items) = value.get_ref() else { return offset };
            let Some(item) = items.get(index) else { return offset };
            value = item;
            offset = Some(item.span().start);
        }
        if parts.peek().is_some() {
            let DeValue::Table(inner) = value.get_ref() else { return offset };
            table = inner;
        }
    }
    offset
}

/// The dotted path and byte offset of the key whose name or value holds byte `offset`.
fn toml_key_at(text: &str, offset: usize) -> Option<(String, usize)> {
    let document = toml::de::DeTable::parse(text).ok()?;
    key_in(document.get_ref(), offset)
}

fn key_in(table: &toml::de::DeTable<'_>, offset: usize) -> Option<(String, usize)> {
    use toml::de::DeValue;
    table.iter().find_map(|(key, value)| {
        let (name, key_start) = (key.get_ref(), key.span().start);
        let inner = match value.get_ref() {
            DeValue::Table(table) => key_in(table, offset).map(|(path, at)| (format!("{name}.{path}"), at)),
            DeValue::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
                let nested = match item.get_ref() {
                    DeValue::Table(table) => key_in(table, offset),
                    _ => None,
                };
                match nested {
                    Some((path, at)) => Some((format!("{name}[{i}].{path}"), at)),
                    None => item.span().contains(&offset).then(|| (format!("{name}[{i}]"), key_start)),
                }
            }),
            _ => None,
        };
        let here = key.span().contains(&offset) || value.span().contains(&offset);
        inner.or_else(|| here.then(|| (name.to_string(), key_start)))
    })
}

/// At most this many problems are printed; the rest are counted.
const SHOWN_PROBLEMS: usize = 20;

fn list_problems(problems: &[Problem]) -> String {
    let mut text = problems.iter().take(SHOWN_PROBLEMS).map(|p| format!("error: {p}")).collect::<Vec<_>>().join("\n");
    if problems.len() > SHOWN_PROBLEMS {
        text.push_str(&format!("\n... and {} more", problems.len() - SHOWN_PROBLEMS));
    }
    text
}

pub type Result<T> = std::result::Result<T, Error>;

/// A number as a message quotes it: as written for the usual sizes, in exponent form for
/// huge or tiny ones (`1e308`, not three hundred digits).
pub fn number(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude != 0.0 && magnitude.is_finite() && !(1e-6..1e16).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Collects problems while a file is read, so that one run reports all of them.
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing went wrong, else every problem seen.
    pub fn into_result<T>(self, value: T) -> Result<T> {
        if self.0.is_empty() { Ok(value) } else { Err(Error::Input(self.0)) }
    }

    pub fn extend(&mut self, error: Error) -> Result<()> {
        match error {
            Error::Input(problems) => {
                self.0.extend(problems);
                Ok(())
            }
            other => Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_shows_file_line_column_and_field() {
        let at = Location::field("events.csv", 12, 3, "side");
        assert_eq!(at.to_string(), "events.csv:12:3 (`side`)");
        assert_eq!(Location::line("places.csv", 4).to_string(), "places.csv:4");
    }

    #[test]
    fn problem_shows_help_on_its_own_line() {
        let p = Problem::new(Location::line("a.csv", 2), "unknown place \"Bartela\"")
            .with_help("closest known places: Bartella");
        assert_eq!(p.to_string(), "a.csv:2: unknown place \"Bartela\"\n  help: closest known places: Bartella");
    }

    #[test]
    fn toml_paths_are_located_at_their_keys() {
        let text = "title = \"x\"\n[[sides]]\nid = \"a\"\n[[sides]]\nid = \"b\"\ncolour = \"#zzz\"\n\
                    [territory]\nrivers = [\"Tigris\", \"Zab\"]\n";
        let at = |path: &str| toml_location("d.toml", text, path).to_string();
        assert_eq!(at("sides[1].colour"), "d.toml:6:1 (`sides[1].colour`)");
        assert_eq!(at("title"), "d.toml:1:1 (`title`)");
        assert_eq!(at("territory.rivers[1]"), "d.toml:8:21 (`territory.rivers[1]`)");
        // What the text does not hold is located as deep as it goes.
        assert_eq!(at("sides[1].label"), "d.toml:4:1 (`sides[1].label`)");
        assert_eq!(at("projection.lat0"), "d.toml (`projection.lat0`)");
    }

    #[test]
    fn long_lists_are_cut() {
        let many = (0..25).map(|i| Problem::new(Location::line("x", i), "bad")).collect();
        let text = Error::Input(many).to_string();
        assert_eq!(text.lines().count(), SHOWN_PROBLEMS + 1);
        assert!(text.ends_with("... and 5 more"));
    }

    #[test]
    fn data_cannot_write_to_the_terminal() {
        let name = "Bartella\u{1b}[2K\u{1b}[1A\u{202e}lleh\nline";
        let p = Problem::new(Location::field("places.csv", 3, 2, "na\u{1b}me"), format!("unknown place \"{name}\""))
            .with_help(format!("did you mean {name}?"));
        let shown = p.to_string();
        assert!(!shown.chars().any(|c| c != '\n' && is_hidden(c)), "{shown:?}");
        assert_eq!(shown.lines().count(), 2, "one line for the problem, one for its help");
        assert!(shown.contains("Bartella\\u{1b}[2K\\u{1b}[1A\\u{202e}lleh\\u{a}line"), "{shown}");
        assert_eq!(printable("الموصل"), "الموصل");
    }
}

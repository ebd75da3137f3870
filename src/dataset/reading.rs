//! Reading dataset files within limits: a wrong or hostile file (a gigabyte with no line
//! break, a binary file) fails fast with a located message instead of filling memory, and
//! text that is not UTF-8 is reported line by line.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Location, Problem, Result};

/// The largest file frontline reads: 1 GiB. An events.csv of a million rows is about 150 MB,
/// so any real dataset fits several times over.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The longest line a CSV or TOML file may have: 1 MiB. The longest line of the Mosul dataset
/// is under 600 bytes (a row with a long note and URL); a longer line is not a row but a
/// binary file or a file of another kind. GeoJSON files, often written on one line, are not
/// held to it.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// How much is read at a time. No larger than [`MAX_LINE_BYTES`], so a line that begins and
/// ends inside one chunk is short enough without being measured.
const CHUNK_BYTES: usize = 256 << 10;

/// Never reserve more than this up front: a file's stated size may be a sparse gigabyte
/// that is refused after its first few chunks.
const MAX_RESERVED_BYTES: u64 = 256 << 20;

/// Reads a CSV or TOML file: at most [`MAX_FILE_BYTES`], with no line over
/// [`MAX_LINE_BYTES`], in UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    read(path, Some(MAX_LINE_BYTES))
}

/// Reads a GeoJSON file, which may be one long line: at most [`MAX_FILE_BYTES`], in UTF-8.
pub fn read_json(path: &Path) -> Result<String> {
    read(path, None)
}

fn read(path: &Path, max_line: Option<usize>) -> Result<String> {
    let name = path.display().to_string();
    let cannot_read = |source| Error::Read { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(&name));
    }
    let mut bytes = Vec::with_capacity(size.min(MAX_RESERVED_BYTES) as usize);
    // The size read is bounded too: a file may grow while it is read, or have no stated
    // size at all (a pipe, a file under /proc).
    let mut file = file.take(MAX_FILE_BYTES + 1);
    let mut line_start = 0;
    loop {
        let chunk_start = bytes.len();
        let read = (&mut file).take(CHUNK_BYTES as u64).read_to_end(&mut bytes).map_err(cannot_read)?;
        if read == 0 {
            break;
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(&name));
        }
        if let Some(max) = max_line {
            line_start = next_line_start(&bytes, chunk_start, line_start, max)
                .map_err(|long_line| Error::Input(vec![too_long(&name, &bytes, long_line, max)]))?;
        }
    }
    decode(&name, bytes)
}

/// Where the last line of `bytes` starts, once the chunk `bytes[chunk_start..]` is read;
/// `Err` with the start of a line longer than `max`. With chunks no longer than `max`, only
/// the line running into the chunk and the one running out of it can be that long, and a
/// search from each end of the chunk finds them after a few bytes of ordinary text: loading
/// stays as fast as copying.
fn next_line_start(
    bytes: &[u8],
    chunk_start: usize,
    line_start: usize,
    max: usize,
) -> std::result::Result<usize, usize> {
    let chunk = &bytes[chunk_start..];
    let first_break = chunk.iter().position(|&b| b == b'\n');
    let last_break = chunk.iter().rposition(|&b| b == b'\n');
    let (line_end, next_start) = match (first_break, last_break) {
        (Some(first), Some(last)) => (chunk_start + first, chunk_start + last + 1),
        _ => (bytes.len(), line_start),
    };
    if line_end - line_start > max {
        return Err(line_start);
    }
    if bytes.len() - next_start > max {
        return Err(next_start);
    }
    Ok(next_start)
}

fn too_large(file: &str) -> Error {
    let message = format!("a file of more than {MAX_FILE_BYTES} bytes: expected at most {MAX_FILE_BYTES} (1 GiB)");
    Error::Input(vec![Problem::new(Location::file(file), message).with_help("is this the right file?")])
}

fn too_long(file: &str, bytes: &[u8], line_start: usize, max: usize) -> Problem {
    let message = format!("a line of more than {max} bytes: expected at most {max} (1 MiB) per line");
    Problem::new(Location::line(file, line_number(bytes, line_start)), message)
        .with_help("no row of a dataset is this long: is this the right file, and is it text?")
}

/// The 1-based number of the line that holds byte `offset`.
fn line_number(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64 + 1
}

/// The text of `bytes`, or one problem for every line that holds bytes that are not UTF-8,
/// located at the first of them.
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| Error::Input(lines_not_utf8(file, e.as_bytes())))
}

fn lines_not_utf8(file: &str, bytes: &[u8]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let (mut line, mut line_start, mut from) = (1, 0, 0);
    while let Err(error) = std::str::from_utf8(&bytes[from..]) {
        let bad = from + error.valid_up_to();
        for (offset, _) in bytes[from..bad].iter().enumerate().filter(|(_, b)| **b == b'\n') {
            line += 1;
            line_start = from + offset + 1;
        }
        let column = std::str::from_utf8(&bytes[line_start..bad]).map_or(0, |before| before.chars().count());
        let bad_bytes = &bytes[bad..bad + error.error_len().unwrap_or(bytes.len() - bad)];
        problems.push(not_utf8(Location { column: Some(column as u64 + 1), ..Location::line(file, line) }, bad_bytes));
        // One problem a line: the search goes on from the next line break.
        match bytes[bad..].iter().position(|&b| b == b'\n') {
            Some(offset) => from = bad + offset,
            None => break,
        }
    }
    problems
}

fn not_utf8(at: Location, bad_bytes: &[u8]) -> Problem {
    let hex: Vec<String> = bad_bytes.iter().map(|b| format!("0x{b:02X}")).collect();
    Problem::new(at, format!("bytes that are not UTF-8 ({}): expected UTF-8 text", hex.join(" "))).with_help(
        "save the file as UTF-8 (in a spreadsheet, \"CSV UTF-8\"); Latin-1 and Windows-1252 text reads like this",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(result: Result<String>) -> Vec<String> {
        match result {
            Err(Error::Input(p)) => p.iter().map(ToString::to_string).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn every_line_with_bytes_not_utf8_is_located() {
        let bytes = b"id,name\nbartella,Bart\xe9lla\nok,fine\nx,\xff\xfe and \xff\n\xc3".to_vec();
        let found = problems(decode("places.csv", bytes));
        assert_eq!(found.len(), 3, "one problem a line: {found:?}");
        assert!(found[0].starts_with("places.csv:2:14: bytes that are not UTF-8 (0xE9)"), "{found:?}");
        assert!(found[1].starts_with("places.csv:4:3: bytes that are not UTF-8 (0xFF)"), "{found:?}");
        assert!(found[2].starts_with("places.csv:5:1: bytes that are not UTF-8 (0xC3)"), "{found:?}");
        assert!(found[0].contains("help: save the file as UTF-8"), "{found:?}");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let found = problems(decode("t.csv", "a,برطلة,\u{80}".bytes().chain([0xe9]).collect()));
        assert!(found[0].starts_with("t.csv:1:10:"), "{found:?}");
    }

    #[test]
    fn long_lines_are_found_at_either_end_of_a_chunk() {
        let max = 10;
        // A line running out of the chunk.
        assert_eq!(next_line_start(b"ab\ncdefghijklmnop", 0, 0, max), Err(3));
        // A line running into the chunk, started in an earlier one.
        assert_eq!(next_line_start(b"abcdefgh|ijklm\nxy", 8, 0, max), Err(0));
        // Short lines: the next starts after the last line break.
        assert_eq!(next_line_start(b"abc\ndef\ngh", 0, 0, max), Ok(8));
        assert_eq!(next_line_start(b"abcdefghij", 0, 0, max), Ok(0), "exactly the limit is allowed");
    }

    #[test]
    fn files_are_read_and_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, "id\nå\n").unwrap();
        assert_eq!(read_text(&path).unwrap(), "id\nå\n");
        let missing = read_text(&dir.path().join("none.csv")).unwrap_err();
        assert!(matches!(missing, Error::Read { .. }), "{missing}");
    }

    #[test]
    fn a_line_over_the_limit_is_refused_with_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let long = "a".repeat(MAX_LINE_BYTES + 1);
        std::fs::write(&path, format!("id\nb\n{long}\nc\n")).unwrap();
        let found = problems(read_text(&path));
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with(&format!("{}:3: a line of more than 1048576 bytes", path.display())), "{found:?}");
        assert!(read_json(&path).is_ok(), "JSON may be one long line");
    }
}

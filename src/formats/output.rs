//! Writing results: to standard output, or to a file that appears whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::{Error, Result};

/// Where a result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    /// `-` is standard output; anything else a file path.
    pub fn parse(text: &str) -> Target {
        if text == "-" { Target::Stdout } else { Target::File(PathBuf::from(text)) }
    }
}

/// Writes `bytes` to `target`. Files are written to a temporary file beside the target and
/// renamed into place, so a failure never leaves a partial file.
pub fn write(target: &Target, bytes: &[u8], stdout: &mut dyn Write) -> Result<()> {
    match target {
        Target::Stdout => stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|source| Error::Write { path: "<stdout>".into(), source }),
        Target::File(path) => write_atomically(path, bytes),
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |source| Error::Write { path: path.to_path_buf(), source };
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written in place:
    // renaming a temporary file over it would replace the device with a plain file.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new().write(true).open(path).and_then(|mut f| f.write_all(bytes)).map_err(fail);
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(folder_error(dir, e)))?;
    // Bound in this order so that the file is removed (on an error) before it is unlisted.
    let (_listed, mut file) = Temporary::create_in(dir).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    readable_by_all(file.as_file()).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    // Renamed under the lock, so that an interruption removes either the temporary file or
    // nothing, never a file being renamed.
    let _no_interruption = temporaries();
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// The temporary files being written now: what an interrupted run must remove, since a
/// process killed by a signal runs no destructor.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn temporaries() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic elsewhere while holding the list leaves it whole: pushes and retains are atomic.
    TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file listed in [`TEMPORARIES`] for as long as this lives.
struct Temporary(PathBuf);

impl Temporary {
    /// Creates a temporary file in `dir` and lists it, both under the lock: once an
    /// interruption holds the list, no new temporary file can appear.
    fn create_in(dir: &Path) -> std::io::Result<(Temporary, tempfile::NamedTempFile)> {
        let mut live = temporaries();
        let file = tempfile::Builder::new().prefix(".frontline-").suffix(".tmp").tempfile_in(dir)?;
        live.push(file.path().to_path_buf());
        let listed = Temporary(file.path().to_path_buf());
        Ok((listed, file))
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        temporaries().retain(|p| p != &self.0);
    }
}

/// Removes every temporary file being written and ends the process with `code`, holding
/// the list so that no write can complete in between: what the binary does on SIGINT and
/// SIGTERM. Files already written stay: each is whole.
pub fn abandon_writes_and_exit(code: i32) -> ! {
    let live = temporaries();
    for path in live.iter() {
        // Already gone (renamed a moment ago, or removed by its owner) is what we want.
        let _ = std::fs::remove_file(path);
    }
    std::process::exit(code)
}

/// Why the folder of an output cannot be made, naming the folder, or the file that stands
/// where a folder is needed (the system only says "File exists" or "Not a directory").
fn folder_error(dir: &Path, error: std::io::Error) -> std::io::Error {
    let message = match dir.ancestors().find(|a| a.is_file()) {
        Some(file) => format!("{} is a file, not a folder", file.display()),
        None => format!("cannot create the folder {}: {error}", dir.display()),
    };
    std::io::Error::new(error.kind(), message)
}

/// Temporary files are created private (0600); the result is an ordinary file (0644).
#[cfg(unix)]
fn readable_by_all(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_written_whole_and_folders_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out/frame.svg");
        write(&Target::File(path.clone()), b"<svg/>", &mut Vec::new()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"<svg/>");
        let leftovers = std::fs::read_dir(dir.path().join("out")).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
        }
    }

    /// A named pipe stands for every special file (`/dev/null`, `/dev/stdout`): it must be
    /// written into, never replaced by a plain file.
    #[test]
    #[cfg(target_os = "linux")]
    fn pipes_and_devices_are_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("frames.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this machine
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write(&Target::File(fifo.clone()), b"frame", &mut Vec::new()).unwrap();
        assert_eq!(reader.join().unwrap(), b"frame");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe is still a pipe");
    }

    #[test]
    fn a_file_in_the_way_of_a_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("map.svg"), "old").unwrap();
        let path = dir.path().join("map.svg/sub/frame.svg");
        let error = write(&Target::File(path), b"new", &mut Vec::new()).unwrap_err().to_string();
        assert!(
            error.ends_with(&format!("{} is a file, not a folder", dir.path().join("map.svg").display())),
            "{error}"
        );
        assert_eq!(std::fs::read(dir.path().join("map.svg")).unwrap(), b"old");
    }

    #[test]
    fn a_dash_is_standard_output() {
        let mut out = Vec::new();
        write(&Target::parse("-"), b"x", &mut out).unwrap();
        assert_eq!(out, b"x");
    }
}

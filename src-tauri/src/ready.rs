//! The ready marker: when the story is on screen, the time is written to a file named by the
//! starter (a benchmark or a packaging test), whole or not at all, so the reader never sees
//! half a number.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// Writes the current time, in nanoseconds since the Unix epoch, to `path` (through a
/// temporary file beside it and a rename).
pub fn mark(path: &Path) -> std::io::Result<()> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    std::fs::write(&partial, format!("{nanos}\n"))?;
    std::fs::rename(&partial, path)
}

//! What the secretariat sends out: calendar files and lists (PDF and Word
//! agendas and minutes follow). Every export is built in memory from the
//! store's use cases — no SQL here — and written with [`write_atomically`], so
//! a target that cannot be written leaves no partial file.

pub mod ics;
pub mod lists;

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to a temp file beside `destination`, syncs it, then renames
/// it into place: the destination is complete or untouched.
pub fn write_atomically(destination: &Path, bytes: &[u8]) -> Result<()> {
    let folder = destination
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let temp = folder.join(format!(
        ".{}.{}.tmp",
        destination
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|_| std::fs::rename(&temp, destination));
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temp);
        let message = if error.raw_os_error() == Some(28) {
            "de schijf is vol; er is niets opgeslagen"
        } else {
            "kan het bestand niet opslaan op deze plek"
        };
        return Err(Error::io(message, destination, error));
    }
    Ok(())
}

/// The file name a secretariat would give it: `2021-05-12 Agenda Task Force Mensenhandel.ics`.
pub fn file_name(date: chrono::NaiveDate, what: &str, extension: &str) -> String {
    format!(
        "{} {what} Task Force Mensenhandel.{extension}",
        date.format("%Y-%m-%d")
    )
}

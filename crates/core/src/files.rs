//! Files written one way. Everything the app writes over something a user
//! may rely on — an export, a backup, a stored document, an encrypted copy,
//! the file beside the database — is first written to a private temp file
//! beside its target ([`Staged`]), synced, renamed over the target, and the
//! folder synced so the rename itself survives a power cut: a reader finds
//! the old content or the new, never half of it, and a failure leaves no
//! temp file behind. A full disk is recognised here and nowhere else
//! ([`write_error`]); file names made from text go through [`safe_name`],
//! names kept as metadata through [`display_name`].

use crate::error::{Error, Result};
use crate::message::MessageKey;
use std::fs::{self, File};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

/// A private temp file in a folder, removed when dropped unless
/// [`Staged::persist`]ed to its target. Writers that need a path (SQLite
/// writing a backup, SQLCipher an encrypted copy) write to
/// [`Staged::path`]; others use it as a [`Write`].
pub struct Staged {
    path: PathBuf,
    file: Option<File>,
    /// What a failure to write is called (an export, a backup, a document).
    failed: MessageKey,
}

impl Staged {
    /// A new temp file in `folder` (which must exist); its name is unique per
    /// process and call, and created exclusively, so a file or link planted
    /// at the name is never followed.
    pub fn in_folder(folder: &Path, failed: MessageKey) -> Result<Staged> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        for _ in 0..100u32 {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = folder.join(format!(".incoming-{}-{n}", std::process::id()));
            match crate::private::create_new(&path) {
                Ok(file) => {
                    return Ok(Staged {
                        path,
                        file: Some(file),
                        failed,
                    })
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(write_error(failed, folder, e)),
            }
        }
        Err(Error::io(
            MessageKey::FileTempFailed,
            folder,
            io::Error::from(ErrorKind::AlreadyExists),
        ))
    }

    /// A temp file beside `target`, for [`Staged::persist`]ing over it.
    pub fn beside(target: &Path, failed: MessageKey) -> Result<Staged> {
        Staged::in_folder(folder_of(target), failed)
    }

    /// Where the temp file is, for writers that open it by name.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes what was written durable.
    pub fn sync(&mut self) -> Result<()> {
        let synced = match self.file.as_mut() {
            Some(file) => file.flush().and_then(|_| file.sync_all()),
            // Written by another writer through its path. Opened for
            // writing: Windows refuses to flush a read-only handle.
            None => fs::OpenOptions::new()
                .write(true)
                .open(&self.path)
                .and_then(|f| f.sync_all()),
        };
        synced.map_err(|e| write_error(self.failed, &self.path, e))
    }

    /// Syncs the file, renames it over `target` and syncs the folder: the
    /// one step that replaces what was there.
    pub fn persist(mut self, target: &Path) -> Result<()> {
        self.sync()?;
        self.file.take();
        fs::rename(&self.path, target).map_err(|e| write_error(self.failed, target, e))?;
        self.path = PathBuf::new();
        // The target holds the new content now; a folder that cannot be
        // synced only makes the rename less certain to survive a power cut,
        // and reporting a failure for a replacement that happened would be
        // wrong.
        let _ = crate::private::sync_dir(folder_of(target));
        Ok(())
    }

    /// Lets another writer open the file by its path: this handle is closed
    /// (the file stays until persisted or dropped).
    pub fn release(&mut self) {
        self.file.take();
    }
}

impl Write for Staged {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(file) => file.write(bytes),
            None => Err(io::Error::from(ErrorKind::BrokenPipe)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        self.file.take();
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Removes the temp files a process that died mid-write left in `folder`
/// (a backup, an encrypted copy: as big as the database, and possibly
/// plain): those last written before `written_before`, or all of them
/// (`None`) when nothing else can be writing one. A younger one may belong
/// to a write still running in another process.
pub fn remove_leftovers(folder: &Path, written_before: Option<std::time::SystemTime>) {
    for entry in fs::read_dir(folder).into_iter().flatten().flatten() {
        let leftover = entry
            .file_name()
            .to_string_lossy()
            .starts_with(".incoming-")
            && entry.file_type().is_ok_and(|t| t.is_file())
            && written_before.is_none_or(|cutoff| {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| modified < cutoff)
            });
        if leftover {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Replaces `target` with `bytes` in one step (see [`Staged`]); `failed`
/// names what could not be saved.
pub fn write_atomically(target: &Path, bytes: &[u8], failed: MessageKey) -> Result<()> {
    let mut staged = Staged::beside(target, failed)?;
    staged
        .write_all(bytes)
        .map_err(|e| write_error(failed, target, e))?;
    staged.persist(target)
}

/// A file's folder; `.` for a bare name.
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
}

/// Whether a write failed because the disk is full (`ENOSPC` is 28 on
/// Linux and macOS; Windows reports `StorageFull`).
pub fn is_disk_full(error: &io::Error) -> bool {
    error.raw_os_error() == Some(28) || error.kind() == ErrorKind::StorageFull
}

/// The error for a failed write at `path`: a full disk said as such, else
/// `failed`.
pub fn write_error(failed: MessageKey, path: &Path, error: io::Error) -> Error {
    let message = if is_disk_full(&error) {
        MessageKey::DiskFull
    } else {
        failed
    };
    Error::io(message, path, error)
}

/// A name kept as metadata (a document's original name): Unicode NFC,
/// without control or direction-override characters, at most 255
/// characters. It is shown, never used as a path.
pub fn display_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let cleaned: String = name
        .nfc()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .collect::<String>()
        .trim()
        .chars()
        .take(255)
        .collect();
    if cleaned.is_empty() {
        "document".to_string()
    } else {
        cleaned
    }
}

/// A file name (or part of one) made from text a user typed — a meeting's
/// subject, a seat's organisation, a document's name offered in a save
/// dialog: [`display_name`] without path separators or the characters
/// Windows refuses, each replaced by `-`.
pub fn safe_name(text: &str) -> String {
    display_name(text)
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_for_showing_and_for_saving() {
        assert_eq!(display_name("factuur\u{202E}fdp.exe"), "factuurfdp.exe");
        assert_eq!(display_name("a\u{0}b\u{7}c"), "abc");
        assert_eq!(display_name("  \u{2066} "), "document");
        assert_eq!(display_name(&"x".repeat(300)).chars().count(), 255);
        assert_eq!(
            display_name("be\u{301}sluit.pdf"),
            display_name("b\u{e9}sluit.pdf")
        );
        assert_eq!(display_name("../x"), "../x", "kept as text; never a path");
        assert_eq!(safe_name("../x"), "..-x");
        assert_eq!(safe_name("Casus: A/B \"C\"?"), "Casus- A-B -C--");
        assert_eq!(safe_name("a\u{202E}b\\c"), "ab-c");
    }

    #[test]
    fn a_failed_replacement_leaves_the_old_file_and_no_temp_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("export.ics");
        write_atomically(&target, b"old", MessageKey::ExportSaveFailed).expect("first write");
        {
            let mut staged = Staged::beside(&target, MessageKey::ExportSaveFailed).expect("staged");
            staged.write_all(b"half").expect("write");
            // Dropped without persisting: as after an error mid-write.
        }
        assert_eq!(fs::read(&target).expect("read"), b"old");
        let left: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("export.ics")]);
        write_atomically(&target, b"new", MessageKey::ExportSaveFailed).expect("replace");
        assert_eq!(fs::read(&target).expect("read"), b"new");
    }

    #[test]
    fn a_leftover_of_a_write_cut_off_is_removed_once_old_enough() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut staged =
            Staged::in_folder(dir.path(), MessageKey::BackupSaveFailed).expect("staged");
        staged.write_all(b"half a backup").expect("write");
        let left = staged.path().to_path_buf();
        std::mem::forget(staged); // as when the process is killed
        let kept = dir.path().join("taskforce.sqlite3");
        fs::write(&kept, b"x").expect("write");
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        remove_leftovers(dir.path(), Some(an_hour_ago));
        assert!(left.exists(), "a young one may be another process's");
        remove_leftovers(dir.path(), None);
        assert!(!left.exists());
        assert!(kept.exists());
    }

    #[test]
    fn a_full_disk_is_said_as_such() {
        let full = io::Error::from_raw_os_error(28);
        let error = write_error(MessageKey::BackupSaveFailed, Path::new("/x"), full);
        assert!(format!("{error:?}").contains("DiskFull"), "{error:?}");
    }
}

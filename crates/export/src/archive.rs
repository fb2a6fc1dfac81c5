//! The full backup (*volledige reservekopie*): the database and every stored
//! document in one `.tar` the user keeps elsewhere, and its restore. The
//! core makes and restores the database copy; this module only packs and
//! unpacks, so the core needs no archive format.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::message::MessageKey;
use taskforce::msg;
use taskforce::{Clock, Store};

fn is_archive(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tar"))
}

/// A verified backup at `destination`: a `.tar` with the database and the
/// documents, or (any other name) a copy of the database alone. Written to a
/// temp file and renamed: complete or absent.
pub fn backup_to(store: &Store, destination: &Path) -> Result<()> {
    if !is_archive(destination) {
        return store.backup_to(destination);
    }
    let folder = destination.parent().unwrap_or_else(|| Path::new("."));
    let staged = folder.join(format!(".backup-{}.staged.sqlite3", std::process::id()));
    store.backup_to(&staged)?;
    let result = write_archive(&staged, store.documents_dir().ok(), destination);
    let _ = fs::remove_file(&staged);
    result
}

fn write_archive(database: &Path, documents: Option<&Path>, destination: &Path) -> Result<()> {
    let folder = destination.parent().unwrap_or_else(|| Path::new("."));
    let temp = folder.join(format!(".backup-{}.tar", std::process::id()));
    let result = (|| {
        let file = fs::File::create(&temp)
            .map_err(|e| Error::io(MessageKey::ArchiveWriteFailed, &temp, e))?;
        let mut archive = tar::Builder::new(file);
        let io = |e: std::io::Error| Error::io(MessageKey::ArchiveWriteFailed, destination, e);
        archive
            .append_path_with_name(database, "taskforce.sqlite3")
            .map_err(io)?;
        if let Some(documents) = documents.filter(|d| d.is_dir()) {
            archive.append_dir_all("documents", documents).map_err(io)?;
        }
        let file = archive.into_inner().map_err(io)?;
        file.sync_all().map_err(io)?;
        fs::rename(&temp, destination).map_err(io)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Replaces the database at `database` (not open) with a backup: a `.tar`
/// is unpacked beside it first, and its documents are added to the
/// documents folder; anything else is taken as a database copy. The backup
/// is verified and the current database kept, as [`taskforce::store::restore`]
/// does. Returns that safety copy.
pub fn restore(database: &Path, backup: &Path, clock: Arc<dyn Clock>) -> Result<Option<PathBuf>> {
    if !is_archive(backup) {
        return taskforce::store::restore(database, backup, clock);
    }
    let folder = database.parent().unwrap_or_else(|| Path::new("."));
    let unpacked = folder.join(format!(".unpack-{}", std::process::id()));
    let _ = fs::remove_dir_all(&unpacked);
    fs::create_dir_all(&unpacked)
        .map_err(|e| Error::io(MessageKey::RestoreFailed, &unpacked, e))?;
    let result = (|| {
        let file = fs::File::open(backup)
            .map_err(|e| Error::io(MessageKey::BackupReadFailed, backup, e))?;
        tar::Archive::new(file)
            .unpack(&unpacked)
            .map_err(|e| Error::io(MessageKey::ArchiveUnreadable, backup, e))?;
        let database_copy = unpacked.join("taskforce.sqlite3");
        if !database_copy.is_file() {
            return Err(Error::validation(
                Field::Backup,
                msg!(BackupUnusableUnchanged, path = backup),
            ));
        }
        taskforce::store::restore_with_documents(
            database,
            &database_copy,
            Some(&unpacked.join("documents")),
            clock,
        )
    })();
    let _ = fs::remove_dir_all(&unpacked);
    result
}

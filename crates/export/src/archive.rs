//! The full backup (*volledige reservekopie*): the database and every stored
//! document in one `.tar` the user keeps elsewhere, and its restore. The
//! core makes and restores the database copy; this module only packs and
//! unpacks, so the core needs no archive format.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taskforce::encryption::DataKey;
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::files::{write_error, Staged};
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
    // The database's verified copy, beside the archive and gone with it.
    let mut copy = Staged::beside(destination, MessageKey::ArchiveWriteFailed)?;
    copy.release();
    store.backup_to(copy.path())?;
    write_archive(copy.path(), store.documents_dir().ok(), destination)
}

fn write_archive(database: &Path, documents: Option<&Path>, destination: &Path) -> Result<()> {
    let staged = Staged::beside(destination, MessageKey::ArchiveWriteFailed)?;
    let mut archive = tar::Builder::new(staged);
    let io = |e: std::io::Error| write_error(MessageKey::ArchiveWriteFailed, destination, e);
    append(&mut archive, database, Path::new("taskforce.sqlite3")).map_err(io)?;
    // Only the stored documents, under the names a restore accepts (no
    // temp files of a copy in progress, nothing else in the folder).
    if let Some(documents) = documents.filter(|d| d.is_dir()) {
        for (relative, path) in stored_documents(documents) {
            append(&mut archive, &path, &Path::new("documents").join(relative)).map_err(io)?;
        }
    }
    archive.into_inner().map_err(io)?.persist(destination)
}

/// Every entry the same but for its name and content: a regular file, mode
/// 0600, no owner's name or id, one fixed time — the archive says nothing
/// of who made it on which machine, or when each document came in.
fn append(archive: &mut tar::Builder<Staged>, path: &Path, name: &Path) -> std::io::Result<()> {
    /// 1 January 2000, 00:00 UTC.
    const FIXED_TIME: u64 = 946_684_800;
    let file = fs::File::open(path)?;
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(tar::EntryType::Regular);
    header.set_size(file.metadata()?.len());
    header.set_mode(0o600);
    header.set_uid(0);
    header.set_gid(0);
    header.set_mtime(FIXED_TIME);
    archive.append_data(&mut header, name, file)
}

/// Replaces the database at `database` (not open) with a backup: a `.tar`
/// is unpacked beside it first, and its documents are added to the
/// documents folder; anything else is taken as a database copy. The backup
/// is verified and the current database kept, as [`taskforce::store::restore`]
/// does. Returns that safety copy.
pub fn restore(
    database: &Path,
    backup: &Path,
    clock: Arc<dyn Clock>,
    key: Option<&DataKey>,
) -> Result<Option<PathBuf>> {
    if !is_archive(backup) {
        return taskforce::store::restore(database, backup, clock, key);
    }
    let folder = database.parent().unwrap_or_else(|| Path::new("."));
    let unpacked = folder.join(format!(".unpack-{}", std::process::id()));
    let _ = fs::remove_dir_all(&unpacked);
    taskforce::private::create_dir(&unpacked)
        .map_err(|e| Error::io(MessageKey::RestoreFailed, &unpacked, e))?;
    let result = (|| {
        unpack_checked(backup, &unpacked)?;
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
            key,
        )
    })();
    let _ = fs::remove_dir_all(&unpacked);
    result
}

/// Where an archive entry may go: the database, or a document under its
/// hash in its two-letter folder. Anything else is refused.
fn allowed_entry(path: &Path) -> Option<PathBuf> {
    let parts: Vec<&str> = path
        .components()
        .map(|c| match c {
            std::path::Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    match parts.as_slice() {
        ["taskforce.sqlite3"] => Some(PathBuf::from("taskforce.sqlite3")),
        ["documents", folder, name]
            if taskforce::content::is_hash(name)
                && name.starts_with(folder)
                && folder.len() == 2 =>
        {
            Some(PathBuf::from("documents").join(folder).join(name))
        }
        _ => None,
    }
}

/// Unpacks only what a full backup holds — regular files with exactly the
/// expected names, each into a new private file — and refuses the archive
/// on anything else (links, devices, other names, `..`), before anything
/// is restored.
fn unpack_checked(backup: &Path, into: &Path) -> Result<()> {
    let refuse = || Error::validation(Field::Backup, msg!(BackupUnusableUnchanged, path = backup));
    let unreadable = |e: std::io::Error| Error::io(MessageKey::ArchiveUnreadable, backup, e);
    let file =
        fs::File::open(backup).map_err(|e| Error::io(MessageKey::BackupReadFailed, backup, e))?;
    let mut archive = tar::Archive::new(file);
    for entry in archive.entries().map_err(unreadable)? {
        let mut entry = entry.map_err(unreadable)?;
        let path = entry.path().map_err(unreadable)?.into_owned();
        match entry.header().entry_type() {
            // The folders of the documents are made as needed.
            tar::EntryType::Directory
                if path == Path::new("documents")
                    || path.parent() == Some(Path::new("documents")) =>
            {
                continue
            }
            tar::EntryType::Regular => {}
            _ => return Err(refuse()),
        }
        let relative = allowed_entry(&path).ok_or_else(refuse)?;
        let target = into.join(&relative);
        if let Some(parent) = target.parent() {
            taskforce::private::create_dir(parent)
                .map_err(|e| Error::io(MessageKey::RestoreFailed, parent, e))?;
        }
        let mut out = taskforce::private::create_new(&target).map_err(|_| refuse())?;
        std::io::copy(&mut entry, &mut out).map_err(unreadable)?;
    }
    Ok(())
}

/// Every stored document as its name in the archive and its path, under
/// the names a restore accepts.
fn stored_documents(documents: &Path) -> Vec<(PathBuf, PathBuf)> {
    taskforce::content::stored_files(documents)
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(documents).ok()?.to_path_buf();
            allowed_entry(&Path::new("documents").join(&relative))?;
            Some((relative, path))
        })
        .collect()
}

//! Backups, restore, and what happens to a damaged database.
//!
//! Backups are made with SQLite's online backup API from a separate read-only
//! connection (so the app keeps working), written to a temp file, checked with
//! `integrity_check`, and only then renamed into place. Automatic backups go
//! to `backups/` beside the database, at most one a day, rotated (7 daily,
//! 4 weekly, 12 monthly). A damaged database is never deleted: it is moved
//! aside with a timestamp and the newest backup that passes the check is
//! offered in its place.

use super::{Store, APPLICATION_ID, SCHEMA_VERSION};
use crate::calendar::to_amsterdam;
use crate::clock::Clock;
use crate::content;
use crate::domain::{backups_to_keep, BackupInfo};
use crate::encryption::{AuditHead, DataKey, FolderEncryption};
use crate::error::Field;
use crate::error::{Error, Result, StorageContext};
use crate::message::{Message, MessageKey};
use crate::msg;
use chrono::NaiveDateTime;
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const PREFIX: &str = "taskforce-";
const NAME_FORMAT: &str = "%Y%m%d-%H%M%S";

/// The result of opening the database at start.
#[derive(Debug)]
// Made once per start and taken apart at once: boxing the store buys nothing.
#[allow(clippy::large_enum_variant)]
pub enum Opened {
    Ready(Store),
    /// The file was damaged and moved aside; `backup` is the newest verified
    /// backup, if there is one.
    Quarantined {
        moved_to: PathBuf,
        backup: Option<PathBuf>,
    },
}

/// Opens the database; a damaged one is moved aside instead of refused.
/// A missing or wrong key is never taken for damage ([`Error::Locked`]).
pub fn open_or_quarantine(
    path: &Path,
    clock: Arc<dyn Clock>,
    key: Option<&DataKey>,
) -> Result<Opened> {
    let marker = FolderEncryption::read(path)?;
    open_or_quarantine_known(path, clock, key, marker)
}

/// [`open_or_quarantine`] with the file beside the database already read.
pub fn open_or_quarantine_known(
    path: &Path,
    clock: Arc<dyn Clock>,
    key: Option<&DataKey>,
    marker: Option<FolderEncryption>,
) -> Result<Opened> {
    match Store::open_known(path, clock.clone(), key, marker) {
        Ok(store) => Ok(Opened::Ready(store)),
        Err(Error::Damaged(_)) => {
            let moved_to = quarantine(path, clock.as_ref())?;
            Ok(Opened::Quarantined {
                moved_to,
                backup: newest_verified_backup(path, key),
            })
        }
        Err(other) => Err(other),
    }
}

fn backups_dir(database: &Path) -> PathBuf {
    database
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

fn stamp(clock: &dyn Clock) -> String {
    to_amsterdam(clock.now()).format(NAME_FORMAT).to_string()
}

/// Moves a damaged database (and its WAL and shared-memory files) aside as
/// `taskforce.sqlite3.beschadigd-20261130-143000`. Never deletes.
fn quarantine(path: &Path, clock: &dyn Clock) -> Result<PathBuf> {
    mark_unconfirmed(path)?;
    let suffix = format!("beschadigd-{}", stamp(clock));
    let moved_to = path.with_extension(format!("sqlite3.{suffix}"));
    fs::rename(path, &moved_to)
        .map_err(|e| Error::io(MessageKey::DatabaseSetAsideFailed, path, e))?;
    for companion in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{companion}", path.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{companion}", moved_to.display()));
            fs::rename(&from, &to)
                .map_err(|e| Error::io(MessageKey::DatabaseSetAsideFailed, &from, e))?;
        }
    }
    Ok(moved_to)
}

/// Checks that a file is a complete, undamaged Taskforce database this
/// version can open: a plain one, or one encrypted with `key`.
pub fn verify_backup(path: &Path, key: Option<&DataKey>) -> Result<()> {
    match why_unusable(path, key) {
        None => Ok(()),
        Some(why) => Err(Error::validation(
            Field::Backup,
            msg!(BackupUnusable, path = path, why = why),
        )),
    }
}

/// What makes a file no usable backup, if anything. Reads only, on a
/// hardened connection: nothing in the file runs before its schema is
/// known to be exactly one this build's migrations make.
fn why_unusable(path: &Path, key: Option<&DataKey>) -> Option<Message> {
    use rusqlite::types::Value;
    let plain = super::is_plain_sqlite(path) == Some(true);
    let Ok(conn) = super::connect(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key.filter(|_| !plain),
    ) else {
        return Some(MessageKey::BackupWhyCannotOpen.into());
    };
    let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, Value>(0));
    match read("PRAGMA application_id") {
        Ok(Value::Integer(id)) if id == i64::from(APPLICATION_ID) => {}
        Ok(_) => return Some(MessageKey::BackupWhyForeign.into()),
        // Encrypted with another key reads exactly like damage.
        Err(_) if !plain && key.is_some() => return Some(MessageKey::BackupWhyKey.into()),
        Err(_) => return Some(MessageKey::BackupWhyNotSqlite.into()),
    }
    match read("PRAGMA user_version") {
        Ok(Value::Integer(v)) if v <= SCHEMA_VERSION => {}
        Ok(_) => return Some(MessageKey::BackupWhyNewer.into()),
        Err(_) => return Some(MessageKey::BackupWhyVersionUnreadable.into()),
    }
    match read("PRAGMA integrity_check") {
        Ok(Value::Text(ok)) if ok == "ok" => {}
        _ => return Some(MessageKey::BackupWhyIntegrity.into()),
    }
    match super::check::schema_differences(&conn) {
        Ok(differences) if differences.is_empty() => None,
        Ok(differences) => Some(msg!(BackupWhySchema, differences = differences.join("; "))),
        Err(_) => Some(MessageKey::BackupWhyCannotOpen.into()),
    }
}

/// The newest automatic backup that passes [`verify_backup`].
pub fn newest_verified_backup(database: &Path, key: Option<&DataKey>) -> Option<PathBuf> {
    let mut found = list_backups(&backups_dir(database));
    found.sort_by_key(|b| std::cmp::Reverse(b.1));
    found
        .into_iter()
        .map(|(path, _)| path)
        .find(|path| verify_backup(path, key).is_ok())
}

fn list_backups(dir: &Path) -> Vec<(PathBuf, NaiveDateTime)> {
    list_series(dir, PREFIX, ".sqlite3")
}

/// The files `prefix<stamp>suffix` in `dir`, with the time in their name.
fn list_series(dir: &Path, prefix: &str, suffix: &str) -> Vec<(PathBuf, NaiveDateTime)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            let stamp = name.strip_prefix(prefix)?.strip_suffix(suffix)?;
            let made = NaiveDateTime::parse_from_str(stamp, NAME_FORMAT).ok()?;
            Some((entry.path(), made))
        })
        .collect()
}

/// Thins a series out as the daily backups are: 7 daily, 4 weekly and 12
/// monthly kept, older ones removed — personal data erased since should
/// not live on for ever in a copy.
fn rotate(series: Vec<(PathBuf, NaiveDateTime)>, today: chrono::NaiveDate) {
    let made: Vec<NaiveDateTime> = series.iter().map(|(_, m)| *m).collect();
    let keep = backups_to_keep(&made, today);
    for (index, (old, _)) in series.iter().enumerate() {
        if !keep.contains(&index) {
            let _ = fs::remove_file(old);
        }
    }
}

/// Copies a consistent snapshot of `source` to `destination` with the online
/// backup API, via a verified temp file — encrypted with `key` as the
/// source is.
fn snapshot(source: &Connection, destination: &Path, key: Option<&DataKey>) -> Result<()> {
    let folder = crate::files::folder_of(destination);
    crate::private::create_dir(folder)
        .map_err(|e| Error::io(MessageKey::BackupFolderFailed, folder, e))?;
    // Exclusively, private: SQLite writes into the empty file staged here,
    // never through a file or link planted at the name.
    let mut staged = crate::files::Staged::in_folder(folder, MessageKey::BackupSaveFailed)?;
    staged.release();
    {
        let mut target = super::connect(
            staged.path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key,
        )
        .context("writing a backup")?;
        let backup =
            rusqlite::backup::Backup::new(source, &mut target).context("writing a backup")?;
        backup
            .run_to_completion(1024, std::time::Duration::ZERO, None)
            .context("writing a backup")?;
    }
    verify_backup(staged.path(), key)?;
    staged.persist(destination)
}

impl Store {
    fn database_path(&self) -> Result<&Path> {
        self.path()
            .ok_or_else(|| Error::validation(Field::Backup, MessageKey::BackupInMemory))
    }

    /// A verified copy of the database at `destination` (SQLite's online
    /// backup; the full `.tar` with the documents is `taskforce_export::archive`).
    pub fn backup_to(&self, destination: &Path) -> Result<()> {
        let database = self.database_path()?;
        let source = super::connect(
            database,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            self.key(),
        )
        .context("reading the database for a backup")?;
        snapshot(&source, destination, self.key())
    }

    /// The daily automatic backup: made unless one exists from today, then
    /// old ones are rotated out. Returns the new backup, if one was made.
    pub fn automatic_backup(&self) -> Result<Option<PathBuf>> {
        let database = self.database_path()?;
        let dir = backups_dir(database);
        let now = to_amsterdam(self.now());
        let existing = list_backups(&dir);
        if existing.iter().any(|(_, made)| made.date() == now.date()) {
            return Ok(None);
        }
        let path = dir.join(format!("{PREFIX}{}.sqlite3", now.format(NAME_FORMAT)));
        // What a backup cut off by a crash left (a day old: a younger one
        // may be another process's backup still being written).
        let a_day_ago = self.now() - chrono::Duration::days(1);
        crate::files::remove_leftovers(&dir, Some(a_day_ago.into()));
        self.backup_to(&path)?;
        rotate(list_backups(&dir), now.date());
        // The safety copies of restores and the damaged files set aside go
        // the same way.
        rotate(list_series(&dir, "voor-herstel-", ".sqlite3"), now.date());
        if let (Some(folder), Some(name)) = (database.parent(), database.file_name()) {
            let prefix = format!("{}.beschadigd-", name.to_string_lossy());
            rotate(list_series(folder, &prefix, ""), now.date());
        }
        Ok(Some(path))
    }

    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        let mut found = list_backups(&backups_dir(self.database_path()?));
        found.sort_by_key(|b| std::cmp::Reverse(b.1));
        Ok(found
            .into_iter()
            .map(|(path, made)| BackupInfo {
                file_name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                made_at: made.format("%Y-%m-%d %H:%M").to_string(),
                size: fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            })
            .collect())
    }
}

/// Replaces the database at `database` (which must not be open) with a
/// backup copy of it (`.sqlite3`; an archive is unpacked by
/// `taskforce_export::archive` first). The backup is verified first; the current
/// database, if it can still be read, is itself backed up to `backups/`
/// before it is replaced. Returns that safety copy.
///
/// In an encrypted folder (`key`) a backup is taken when it is encrypted
/// with that key, or plain (made before the folder was encrypted): then it
/// is encrypted on the way in. An encrypted backup never goes into a plain
/// folder.
pub fn restore(
    database: &Path,
    backup: &Path,
    clock: Arc<dyn Clock>,
    key: Option<&DataKey>,
) -> Result<Option<PathBuf>> {
    restore_with_documents(database, backup, None, clock, key)
}

/// [`restore`] from a database copy that comes with a folder of documents
/// (an unpacked full backup): the documents not yet stored are added to the
/// documents folder — sealed in an encrypted folder, and only when their
/// content matches the SHA-256 they are named by.
pub fn restore_with_documents(
    database: &Path,
    backup: &Path,
    documents_from: Option<&Path>,
    clock: Arc<dyn Clock>,
    key: Option<&DataKey>,
) -> Result<Option<PathBuf>> {
    let folder = database.parent().unwrap_or_else(|| Path::new("."));
    let staging = folder.join(format!(".restore-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    crate::private::create_dir(&staging)
        .map_err(|e| Error::io(MessageKey::RestoreFailed, &staging, e))?;
    let result = (|| {
        let copied = staging.join("copied.sqlite3");
        crate::private::copy(backup, &copied)
            .map_err(|e| Error::io(MessageKey::BackupReadFailed, backup, e))?;
        if let Some(why) = why_unusable(&copied, key) {
            return Err(Error::validation(
                Field::Backup,
                msg!(BackupUnusableUnchangedWhy, path = backup, why = why),
            ));
        }
        let plain = super::is_plain_sqlite(&copied) == Some(true);
        let candidate = staging.join("taskforce.sqlite3");
        match key {
            Some(key) if plain => {
                super::encrypt::encrypted_copy(&copied, key, &clock)?.persist(&candidate)?
            }
            None if !plain => return Err(Error::Locked(MessageKey::DataLocked.into())),
            _ => fs::rename(&copied, &candidate)
                .map_err(|e| Error::io(MessageKey::RestoreFailed, &candidate, e))?,
        }
        let erasures = super::erasures::known(database, key);
        let restored_head;
        {
            // Its schema was exactly its version's before anything ran on it
            // (`why_unusable`); brought up to date (so it has the erasure
            // register too), it must be exactly this version's ...
            let restored = Store::open_keyed(&candidate, clock.clone(), key)?;
            let differences = super::check::schema_differences(&*restored.lock()?)?;
            if !differences.is_empty() {
                return Err(Error::validation(
                    Field::Backup,
                    msg!(
                        BackupUnusable,
                        path = backup,
                        why = msg!(BackupWhySchema, differences = differences.join("; "))
                    ),
                ));
            }
            // ... its audit chain must check out — with the folder's key, or
            // as a plain chain from before the folder was encrypted, which
            // is then keyed ...
            restored.ensure_keyed_chain().map_err(|_| {
                Error::validation(
                    Field::Backup,
                    msg!(
                        BackupUnusableUnchangedWhy,
                        path = backup,
                        why = MessageKey::AuditChainBroken
                    ),
                )
            })?;
            // ... and whoever was erased stays erased, however old the backup.
            super::erasures::reapply(&*restored.lock()?, &erasures)?;
            restored_head = super::audit::head(&*restored.lock()?)?;
            // Its documents, each checked against the hash the restored
            // database names it by, stored as this folder stores them —
            // in the staging folder first, so a refusal changes nothing.
            if let Some(documents_from) = documents_from {
                let staged = staging.join("documents");
                for sha256 in restored.document_hashes()? {
                    let target = content::path_for(&staged, &sha256, key)?;
                    let from = [content::stored_name(&sha256, key)?, sha256.clone()]
                        .into_iter()
                        .map(|name| documents_from.join(&name[..2]).join(&name))
                        .find(|path| path.is_file());
                    if let Some(from) = from {
                        content::take_in(&from, &target, &sha256, key)?;
                    }
                }
            }
        }

        // Keep what is there now, in case the restore was a mistake.
        let safety = if database.exists() {
            let name = format!("voor-herstel-{}.sqlite3", stamp(clock.as_ref()));
            let target = backups_dir(database).join(name);
            match super::connect(database, OpenFlags::SQLITE_OPEN_READ_ONLY, key) {
                Ok(current) if snapshot(&current, &target, key).is_ok() => Some(target),
                _ => Some(quarantine(database, clock.as_ref())?),
            }
        } else {
            None
        };

        let documents = folder.join("documents");
        for staged in crate::content::stored_files(&staging.join("documents")) {
            let (Some(name), Some(parent)) = (staged.file_name(), staged.parent()) else {
                continue;
            };
            let target_folder = documents.join(parent.file_name().unwrap_or_default());
            let target = target_folder.join(name);
            if !target.exists() {
                crate::private::create_dir(&target_folder).map_err(|e| {
                    Error::io(MessageKey::DocumentsRestoreFailed, &target_folder, e)
                })?;
                fs::rename(&staged, &target)
                    .map_err(|e| Error::io(MessageKey::DocumentsRestoreFailed, &target, e))?;
            }
        }

        for companion in ["-wal", "-shm"] {
            let stale = PathBuf::from(format!("{}{companion}", database.display()));
            if stale.exists() {
                fs::remove_file(&stale)
                    .map_err(|e| Error::io(MessageKey::RestoreFailed, &stale, e))?;
            }
        }
        mark_unconfirmed(database)?;
        fs::rename(&candidate, database)
            .map_err(|e| Error::io(MessageKey::BackupRestoreFailed, database, e))?;
        // The head to compare at the next open is the restored log's.
        if let (Some(key), Some(mut marker)) = (key, FolderEncryption::read(database)?) {
            marker.audit_head =
                restored_head.map(|(entry, hash)| AuditHead::new(key, entry, &hash));
            marker.write(database)?;
        }
        Ok(safety)
    })();
    let _ = fs::remove_dir_all(&staging);
    result
}

/// `taskforce.sqlite3-restored`: written before a restore replaces the
/// database or a damaged one is set aside, removed when the user confirms
/// what is there now. While it exists no stored document is tidied away.
fn unconfirmed_marker(database: &Path) -> PathBuf {
    PathBuf::from(format!("{}-restored", database.display()))
}

fn mark_unconfirmed(database: &Path) -> Result<()> {
    let marker = unconfirmed_marker(database);
    crate::files::write_atomically(&marker, b"restored\n", MessageKey::RestoreFailed)
}

pub(crate) fn restore_unconfirmed(database: &Path) -> bool {
    unconfirmed_marker(database).exists()
}

impl Store {
    /// True after a restore or a damaged database set aside, until the
    /// user confirms the data now shown ([`Store::confirm_restored`]).
    pub fn restored_unconfirmed(&self) -> bool {
        self.path().is_some_and(restore_unconfirmed)
    }

    /// The user has looked at the restored data and keeps it: tidying
    /// documents may run again.
    pub fn confirm_restored(&self) -> Result<()> {
        let Some(database) = self.path() else {
            return Ok(());
        };
        let marker = unconfirmed_marker(database);
        match fs::remove_file(&marker) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::io(MessageKey::RestoreFailed, &marker, e)),
        }
    }
}

/// The stored names of every document that a backup or a database set
/// aside beside `database` names, so tidying keeps it. A copy that cannot be read (set
/// aside as damaged, another key) could name any file: then the answer is
/// why none may be removed.
pub(crate) fn documents_named_by_copies(
    database: &Path,
    key: Option<&DataKey>,
) -> std::result::Result<std::collections::HashSet<String>, Message> {
    let mut copies: Vec<PathBuf> = list_backups(&backups_dir(database))
        .into_iter()
        .chain(list_series(
            &backups_dir(database),
            "voor-herstel-",
            ".sqlite3",
        ))
        .map(|(path, _)| path)
        .collect();
    if let (Some(folder), Some(name)) = (database.parent(), database.file_name()) {
        let prefix = format!("{}.beschadigd-", name.to_string_lossy());
        copies.extend(list_series(folder, &prefix, "").into_iter().map(|(p, _)| p));
    }
    let mut named = std::collections::HashSet::new();
    for copy in copies {
        let hashes = super::documents::document_hashes_in(&copy, key);
        match hashes {
            // By the names the stored files have in this folder.
            Ok(hashes) => named.extend(
                hashes
                    .iter()
                    .filter_map(|hash| content::stored_name(hash, key).ok()),
            ),
            Err(_) => return Err(msg!(DocumentsTidyCopyUnreadable, path = &copy)),
        }
    }
    Ok(named)
}

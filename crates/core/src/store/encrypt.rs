//! Encrypting a plain data folder in place, and encrypted copies of plain
//! databases (a backup made before the folder was encrypted, restored into
//! it).
//!
//! Every step can be repeated, so an encryption cut off by a crash or a
//! full disk is simply taken up again: the file beside the database says it
//! is under way ([`FolderEncryption::converting`]); documents already
//! sealed, backups already encrypted and a database already encrypted are
//! recognised by their first bytes and left alone. Each plain file is
//! replaced only by an encrypted copy that was read back and checked.

use super::{connect, is_plain_sqlite, sidecar, Store, APPLICATION_ID};
use crate::clock::Clock;
use crate::content;
use crate::encryption::{DataKey, FolderEncryption};
use crate::error::{Error, Result, StorageContext};
use crate::files::Staged;
use crate::message::MessageKey;
use rusqlite::{params, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What encrypting a folder did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EncryptionReport {
    pub documents_sealed: u32,
    pub backups_encrypted: u32,
    /// Old copies that could not be read (a damaged file set aside): left as
    /// they are, still plain, until rotated out. Named so they can be
    /// removed by hand.
    pub left_plain: Vec<PathBuf>,
}

/// An encrypted copy of the plain database `plain`, made with SQLCipher's
/// `sqlcipher_export` into a private file staged beside it, and checked: it
/// opens with `key`, passes the integrity check, and has the same schema
/// and the same number of rows in every table. The caller persists it where
/// it belongs; dropped, it is gone.
pub(crate) fn encrypted_copy(
    plain: &Path,
    key: &DataKey,
    clock: &Arc<dyn Clock>,
) -> Result<Staged> {
    let mut staged = Staged::beside(plain, MessageKey::EncryptFailed)?;
    staged.release();
    let encrypted = staged.path().to_path_buf();
    {
        let source = connect(
            plain,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            None,
        )
        .context("reading the database to encrypt")?;
        // The audit triggers call these; the copy must not add to the log.
        super::audit::register_functions(&source, clock.clone(), None)
            .context("registering functions")?;
        let (version, application_id): (i64, i32) = source
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT application_id FROM pragma_application_id)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .context("reading the database to encrypt")?;
        if application_id != APPLICATION_ID {
            return Err(Error::Incompatible(MessageKey::DatabaseForeign.into()));
        }
        let path_text = encrypted.to_string_lossy().to_string();
        source
            .execute(
                "ATTACH DATABASE ?1 AS encrypted KEY ?2",
                params![path_text, key.database_key().as_str()],
            )
            .context("encrypting the database")?;
        source
            .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
            .context("encrypting the database")?;
        source
            .execute_batch(&format!(
                "PRAGMA encrypted.user_version = {version};
                 PRAGMA encrypted.application_id = {application_id};
                 DETACH DATABASE encrypted;"
            ))
            .context("encrypting the database")?;

        super::backup::verify_backup(&encrypted, Some(key))?;
        let copy = connect(&encrypted, OpenFlags::SQLITE_OPEN_READ_ONLY, Some(key))
            .context("checking the encrypted copy")?;
        let same_schema = super::check::schema_of(&source)? == super::check::schema_of(&copy)?;
        let same_rows = row_counts(&source)? == row_counts(&copy)?;
        if !same_schema || !same_rows {
            return Err(Error::Damaged(MessageKey::EncryptCopyDiffers.into()));
        }
    }
    Ok(staged)
}

/// Brings the documents of an encrypted folder made by an earlier version
/// (sealed without their hash bound in, named by their plain hash) into
/// today's form, once: the marker's format says it is done (and is written
/// so when it is).
pub(crate) fn upgrade_documents(
    store: &Store,
    key: &DataKey,
    marker: &mut FolderEncryption,
) -> Result<()> {
    let Some(database) = store.path() else {
        return Ok(());
    };
    if marker.format >= FolderEncryption::FORMAT {
        return Ok(());
    }
    let documents = store.documents_dir()?.to_path_buf();
    for sha256 in store.document_hashes()? {
        content::reseal(&documents, &sha256, key)?;
    }
    marker.format = FolderEncryption::FORMAT;
    marker.write(database)
}

fn row_counts(conn: &rusqlite::Connection) -> Result<Vec<(String, i64)>> {
    let tables: Vec<String> = {
        let mut statement = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .context("counting rows")?;
        let names = statement
            .query_map([], |r| r.get(0))
            .context("counting rows")?
            .collect::<rusqlite::Result<Vec<String>>>()
            .context("counting rows")?;
        names
    };
    tables
        .into_iter()
        .map(|table| {
            let quoted = table.replace('"', "\"\"");
            let count = conn
                .query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                    r.get(0)
                })
                .context("counting rows")?;
            Ok((table, count))
        })
        .collect()
}

/// Encrypts the plain data folder of `database` (which must not be open)
/// with `key`, or finishes an encryption that was cut off. The key must be
/// kept (keychain, recovery key) before this is called: from the first
/// step on, the folder needs it.
pub fn encrypt_folder(
    database: &Path,
    key: &DataKey,
    clock: Arc<dyn Clock>,
) -> Result<EncryptionReport> {
    encrypt_folder_with(database, key, clock, |_| {})
}

/// [`encrypt_folder`], with `before` called on the marker once it is
/// decided and before it is written — where the caller keeps the key
/// (the keychain) under the folder's id, or records that the user has kept
/// the recovery key.
pub fn encrypt_folder_with(
    database: &Path,
    key: &DataKey,
    clock: Arc<dyn Clock>,
    before: impl FnOnce(&mut FolderEncryption),
) -> Result<EncryptionReport> {
    let mut marker = match FolderEncryption::read(database)? {
        None => FolderEncryption {
            converting: true,
            ..FolderEncryption::new(key)?
        },
        Some(marker) if !marker.opens_with(key) => {
            return Err(Error::Locked(MessageKey::DataWrongKey.into()))
        }
        Some(marker) if marker.converting => marker,
        Some(_) => return Err(Error::conflict(MessageKey::EncryptAlready)),
    };
    before(&mut marker);
    marker.write(database)?;
    let folder = crate::files::folder_of(database);
    // A backup or an encrypted copy cut off by a crash is a plain copy of
    // the data under a temp name: nothing may be writing one now (the
    // database is closed), so every such leftover goes.
    for place in [folder.to_path_buf(), folder.join("backups")] {
        crate::files::remove_leftovers(&place, None);
    }
    let mut report = EncryptionReport::default();

    // 1. The documents the database names, one by one: sealed, bound to
    // their hash and renamed to their keyed names.
    let documents = folder.join("documents");
    let hashes = if database.exists() {
        super::documents::document_hashes_in(database, Some(key))
            .context("reading the documents to encrypt")?
    } else {
        Vec::new()
    };
    for sha256 in hashes {
        if content::reseal(&documents, &sha256, key)? {
            report.documents_sealed += 1;
        }
    }

    // 2. The backups and the copies set aside: they hold the same data.
    let mut copies: Vec<PathBuf> = fs::read_dir(folder.join("backups"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite3"))
        .collect();
    let set_aside_prefix = format!(
        "{}.beschadigd-",
        database.file_name().unwrap_or_default().to_string_lossy()
    );
    copies.extend(
        fs::read_dir(folder)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&set_aside_prefix))
            }),
    );
    for copy in copies {
        if is_plain_sqlite(&copy) != Some(true) {
            continue;
        }
        match encrypted_copy(&copy, key, &clock) {
            Ok(staged) => {
                staged.persist(&copy)?;
                report.backups_encrypted += 1;
            }
            // A damaged copy cannot be read to be encrypted; it stays until
            // rotated out, and is named.
            Err(Error::Damaged(_)) | Err(Error::Validation { .. }) | Err(Error::Storage { .. }) => {
                report.left_plain.push(copy)
            }
            Err(other) => return Err(other),
        }
    }

    // 3. The database itself, last: its rename is what makes the folder
    // encrypted for a reader that does not look at the marker.
    if is_plain_sqlite(database) == Some(true) {
        {
            let conn = connect(database, OpenFlags::SQLITE_OPEN_READ_WRITE, None)
                .context("reading the database to encrypt")?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .context("writing the log into the database")?;
        }
        let staged = encrypted_copy(database, key, &clock)?;
        for companion in ["-wal", "-shm"] {
            let stale = sidecar(database, companion);
            if stale.exists() {
                fs::remove_file(&stale)
                    .map_err(|e| Error::io(MessageKey::EncryptFailed, &stale, e))?;
            }
        }
        staged.persist(database)?;
    }

    marker.converting = false;
    marker.write(database)?;
    // 4. The audit chain, computed with the key from now on (a chain that
    // already is, after an encryption taken up again, is left alone).
    Store::open_keyed(database, clock, Some(key))?.ensure_keyed_chain()?;
    Ok(report)
}

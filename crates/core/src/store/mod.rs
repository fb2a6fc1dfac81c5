//! The only place with SQL. A [`Store`] owns one SQLite connection, sets its
//! pragmas, migrates the schema, and runs every use case as one short
//! transaction behind its lock (writes `BEGIN IMMEDIATE`), never across an
//! `.await`. One module per aggregate; the domain rules they apply live in
//! [`crate::domain`].

mod actions;
mod agenda;
mod anonymise;
mod attendance;
mod audit;
pub mod audited;
mod backup;
mod calendar_replies;
mod check;
mod chunks;
mod decisions;
mod documents;
mod encrypt;
mod erasures;
mod invitations;
mod list_import;
mod mail;
mod meetings;
mod migrations;
mod minutes;
mod minutes_round;
mod overview;
mod partners;
mod plans;
mod reminders;
mod replies;
mod revisions;
mod row;
mod seal;
mod search;
mod seats;
pub mod server;
mod sql;
mod subjects;
mod tags;
mod terms;
pub mod transfer;
mod undo;

pub use backup::{
    newest_verified_backup, open_or_quarantine, open_or_quarantine_known, restore,
    restore_with_documents, verify_backup, Opened,
};
pub use check::CheckReport;
pub use encrypt::{encrypt_folder, encrypt_folder_with, EncryptionReport};

/// For tools and tests that write to a database file directly: the audit
/// triggers need these functions on the connection.
pub fn register_audit_functions(conn: &Connection, clock: Arc<dyn Clock>) -> Result<()> {
    audit::register_functions(conn, clock, None).context("registering functions")
}
pub use migrations::{migrate, Migration, MIGRATIONS, SCHEMA_VERSION};
pub use plans::QueryPlan;
pub use undo::{UndoOffer, UNDO_DEPTH};

pub(crate) use row::*;

use crate::clock::Clock;
use crate::encryption::{DataKey, FolderEncryption};
use crate::error::Field;
use crate::error::{Error, Result, StorageContext};
use crate::message::MessageKey;
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Marks a file as a Taskforce Secretariaat database ("TFS1").
pub const APPLICATION_ID: i32 = 0x5446_5331;

pub struct Store {
    db: Backend,
    path: Option<PathBuf>,
    /// Where attached files are kept: `documents/` beside the database.
    documents: Option<PathBuf>,
    /// Opened from a file or folder that cannot be written: reads only.
    read_only: bool,
    clock: Arc<dyn Clock>,
    /// The folder's key when it is encrypted: the documents and backups are
    /// sealed with it too.
    key: Option<DataKey>,
    /// The audit log no longer holds the head recorded at the last close
    /// (entries were cut off): `check` reports it.
    audit_cut_short: bool,
    /// The changes of this session that can still be taken back, newest last.
    undo: Mutex<Vec<undo::UndoStep>>,
}

/// Where the record is: a file on this computer, or the shared server.
enum Backend {
    File(Mutex<Connection>),
    Server(Box<Mutex<server::Server>>),
}

impl Drop for Store {
    /// The log's newest entry into the marker of an encrypted folder, as
    /// the next open compares it. A close that cannot write it only means
    /// the next open compares with an older head.
    fn drop(&mut self) {
        let _ = self.record_audit_head();
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A database from a newer app version, or a file that is not
    /// a Taskforce database, is refused before anything is written to it.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_keyed(path, clock, None)
    }

    /// [`Store::open`] for a database that is (or, when new, will be)
    /// encrypted with `key`. A key that does not fit the folder, or no key
    /// for an encrypted folder, is refused as [`Error::Locked`] before the
    /// file is touched — never taken for damage.
    pub fn open_keyed(path: &Path, clock: Arc<dyn Clock>, key: Option<&DataKey>) -> Result<Store> {
        let marker = FolderEncryption::read(path)?;
        Store::open_known(path, clock, key, marker)
    }

    /// [`Store::open_keyed`] with the file beside the database already read
    /// (`marker`, `None` when there is none), so opening a data folder reads
    /// it once.
    pub fn open_known(
        path: &Path,
        clock: Arc<dyn Clock>,
        key: Option<&DataKey>,
        marker: Option<FolderEncryption>,
    ) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::io(
                MessageKey::DatabaseIsDirectory,
                path,
                std::io::Error::from(std::io::ErrorKind::IsADirectory),
            ));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::private::create_dir(parent)
                .map_err(|e| Error::io(MessageKey::DataFolderCreateFailed, parent, e))?;
        }
        if path.exists() && !writable(path) {
            // A read-only file or folder (a locked share, a read-only mount):
            // open for reading only, and never try what would fail half-way.
            // `immutable` lets SQLite read without creating WAL files.
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI;
            let checked = check_key(path, key, marker.as_ref())?;
            let conn = Connection::open_with_flags(uri, flags).map_err(|e| open_error(path, e))?;
            apply_key(&conn, key).map_err(|e| open_error(path, e))?;
            harden(&conn).map_err(|e| open_error(path, e))?;
            return unless_key_fails(
                checked,
                Store::prepare(conn, Some(path.to_path_buf()), clock, true, key),
            );
        }
        // The database private from its first byte; SQLite gives its WAL and
        // SHM the database file's mode. An older, world-readable one is
        // tightened, WAL and SHM included.
        let checked = check_key(path, key, marker.as_ref())?;
        if !path.exists() {
            crate::private::create_new(path)
                .map_err(|e| Error::io(MessageKey::DatabaseOpenFailed, path, e))?;
        }
        for file in [
            path.to_path_buf(),
            sidecar(path, "-wal"),
            sidecar(path, "-shm"),
        ] {
            crate::private::restrict_file(&file)
                .map_err(|e| Error::io(MessageKey::DatabaseOpenFailed, &file, e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
        apply_key(&conn, key).map_err(|e| open_error(path, e))?;
        harden(&conn).map_err(|e| open_error(path, e))?;
        let mut store = unless_key_fails(
            checked,
            Store::prepare(conn, Some(path.to_path_buf()), clock, false, key),
        )?;
        if let Some(key) = key {
            // The marker read once, before the open: written again when it
            // was lost, then the documents brought up to its format and the
            // log compared with the head it recorded.
            let marker = match checked {
                KeyCheck::MarkerMissing => Some(write_marker_again(path, key)?),
                KeyCheck::Fits => marker,
            };
            if let Some(mut marker) = marker {
                encrypt::upgrade_documents(&store, key, &mut marker)?;
                if let Some(recorded) = &marker.audit_head {
                    let holds = audit::holds_recorded_head(&*store.lock()?, key, recorded)?;
                    store.audit_cut_short = !holds;
                }
            }
        }
        Ok(store)
    }

    /// A private in-memory database, for tests and previews.
    pub fn open_in_memory(clock: Arc<dyn Clock>) -> Result<Store> {
        let conn = Connection::open_in_memory().context("opening an in-memory database")?;
        harden(&conn).context("opening an in-memory database")?;
        Store::prepare(conn, None, clock, false, None)
    }

    /// Opens the record on the shared server at `address` (a PostgreSQL
    /// connection string) and brings the server's schema up to date — or
    /// refuses it: newer than this build, another application's database,
    /// or a login that may not migrate it (see [`server`]).
    pub fn open_server(address: &str, clock: Arc<dyn Clock>) -> Result<Store> {
        Store::open_login(&server::Login::parse(address)?, clock)
    }

    /// [`Store::open_server`] with a password found apart from the address.
    pub fn open_login(login: &server::Login, clock: Arc<dyn Clock>) -> Result<Store> {
        let mut server = server::Server::open(login)?;
        // A login with the read-only role (or none that writes) sees the
        // record and is told at once that it saves nothing.
        let read_only = !server.can_write()?;
        Ok(Store {
            db: Backend::Server(Box::new(Mutex::new(server))),
            path: None,
            documents: None,
            read_only,
            clock,
            key: None,
            audit_cut_short: false,
            undo: Mutex::new(Vec::new()),
        })
    }

    /// On the shared server: a connection that hears of changes made by
    /// others (other windows, the CLI), to refresh what is shown. `None`
    /// for the file, which one window has to itself.
    pub fn changes(&self) -> Result<Option<server::Changes>> {
        match self.server() {
            Some(server) => server.changes().map(Some),
            None => Ok(None),
        }
    }

    /// Whether the record is on the shared server.
    pub fn is_on_server(&self) -> bool {
        matches!(self.db, Backend::Server(_))
    }

    /// The server's `user@host:port/database`, when the record is on one.
    pub fn server_login(&self) -> Option<String> {
        self.server().map(|server| server.describe())
    }

    fn prepare(
        mut conn: Connection,
        path: Option<PathBuf>,
        clock: Arc<dyn Clock>,
        read_only: bool,
        key: Option<&DataKey>,
    ) -> Result<Store> {
        let shown = path.clone().unwrap_or_default();
        // Read-only checks first: nothing below may change a file we refuse.
        conn.busy_timeout(Duration::from_secs(5))
            .context("setting busy_timeout")?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| open_error(&shown, e))?;
        let application_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| open_error(&shown, e))?;
        if version > SCHEMA_VERSION {
            return Err(Error::Incompatible(msg!(
                DatabaseNewer,
                version = version,
                known = SCHEMA_VERSION
            )));
        }
        if application_id != APPLICATION_ID && (application_id != 0 || has_tables(&conn)?) {
            return Err(Error::Incompatible(MessageKey::DatabaseForeign.into()));
        }
        // A file unchanged since it was checked and sealed at close is not
        // checked again (see `seal`); any other file is, before anything else.
        if version > 0 && !(path.as_deref().is_some_and(seal::is_sealed)) {
            quick_check(&conn, &shown)?;
            // Exactly the schema this build's migrations give its version,
            // before a migration or a trigger of its own runs on it: a file
            // planted in the folder (or a hand-edited one) with an extra
            // trigger that would copy or change data is set aside instead.
            let differences = check::schema_differences(&conn)?;
            if !differences.is_empty() {
                return Err(Error::Damaged(msg!(
                    DatabaseSchemaUnexpected,
                    path = &shown,
                    differences = differences.join("; ")
                )));
            }
        }
        if let Some(path) = path.as_deref().filter(|_| !read_only) {
            seal::break_seal(path);
        }
        if read_only {
            if version < SCHEMA_VERSION {
                return Err(Error::Incompatible(MessageKey::DatabaseReadOnlyOld.into()));
            }
            conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA query_only = ON;")
                .context("setting pragmas")?;
        } else {
            set_pragmas(&conn, path.is_some())?;
            audit::register_functions(&conn, clock.clone(), key)
                .context("registering functions")?;
            migrate(&mut conn, MIGRATIONS)?;
            search::ensure_secure_delete(&conn)?;
            undo::install(&conn)?;
        }
        let documents = path.as_ref().map(|p| {
            p.parent()
                .unwrap_or_else(|| Path::new("."))
                .join("documents")
        });
        Ok(Store {
            db: Backend::File(Mutex::new(conn)),
            path,
            documents,
            read_only,
            clock,
            key: key.cloned(),
            audit_cut_short: false,
            undo: Mutex::new(Vec::new()),
        })
    }

    /// The folder's key, when it is encrypted.
    pub fn key(&self) -> Option<&DataKey> {
        self.key.as_ref()
    }

    /// True when the database and documents are encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder with the attached files, for a store on disk.
    pub fn documents_dir(&self) -> Result<&Path> {
        self.documents
            .as_deref()
            .ok_or_else(|| Error::validation(Field::File, MessageKey::DocumentsNeedDisk))
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in Amsterdam.
    pub fn today(&self) -> NaiveDate {
        crate::calendar::to_amsterdam(self.now()).date()
    }

    /// The file's connection; a store on the server has none, and what
    /// needs one (the file's own machinery) is refused there.
    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        // A panic while holding the lock left no open transaction behind
        // (rusqlite rolls back on drop), so the connection is still sound.
        match &self.db {
            Backend::File(conn) => Ok(conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())),
            Backend::Server(_) => Err(Error::conflict(MessageKey::ServerNotYet)),
        }
    }

    /// The server connection, when the record is on the server.
    fn server(&self) -> Option<MutexGuard<'_, server::Server>> {
        match &self.db {
            Backend::File(_) => None,
            // A panic while holding it left no transaction open: the
            // client rolls back a transaction it drops.
            Backend::Server(server) => Some(server.lock().unwrap_or_else(|p| p.into_inner())),
        }
    }

    /// True when the log lacks the head recorded at the last close.
    pub fn audit_cut_short(&self) -> bool {
        self.audit_cut_short
    }

    /// True when the database could only be opened for reading.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs `f` in a write transaction (`BEGIN IMMEDIATE` on the file, the
    /// write lock on the server): all of it or none of it. What it changed
    /// can be taken back with [`Store::undo_last`] for the rest of the
    /// session.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&dyn sql::Executor) -> Result<T>) -> Result<T> {
        let (value, step) = match self.server() {
            Some(mut server) => {
                self.writable()?;
                server.write(self.now(), true, |db| f(db))?
            }
            None => self.transaction(|tx| {
                let value = f(tx)?;
                Ok((value, undo::take(tx)?))
            })?,
        };
        self.remember(step);
        Ok(value)
    }

    /// [`Store::write`] of the file's own machinery (its SQL functions, the
    /// audit chain's rewriting): on SQLite only.
    pub(crate) fn write_file<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let (value, step) = self.transaction(|tx| {
            let value = f(tx)?;
            Ok((value, undo::take(tx)?))
        })?;
        self.remember(step);
        Ok(value)
    }

    /// Keeps a write's step for [`Store::undo_last`], the oldest beyond
    /// [`UNDO_DEPTH`] let go.
    fn remember(&self, step: Option<undo::UndoStep>) {
        if let Some(step) = step {
            let mut steps = self.undo_steps();
            steps.push(step);
            let excess = steps.len().saturating_sub(UNDO_DEPTH);
            steps.drain(..excess);
        }
    }

    /// A write without an inverse (cancelling, erasing, adopting, sending):
    /// nothing before it can be undone after it either, as the screens say
    /// in the confirmation.
    pub(crate) fn write_final<T>(
        &self,
        f: impl FnOnce(&dyn sql::Executor) -> Result<T>,
    ) -> Result<T> {
        let value = self.write_unjournaled(f)?;
        self.undo_steps().clear();
        Ok(value)
    }

    /// [`Store::write_final`] of the file's own machinery.
    pub(crate) fn write_file_final<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let value = self.write_file_unjournaled(f)?;
        self.undo_steps().clear();
        Ok(value)
    }

    /// A write whose changes are not offered for undo (an undo itself).
    pub(crate) fn write_unjournaled<T>(
        &self,
        f: impl FnOnce(&dyn sql::Executor) -> Result<T>,
    ) -> Result<T> {
        match self.server() {
            Some(mut server) => {
                self.writable()?;
                Ok(server.write(self.now(), false, |db| f(db))?.0)
            }
            None => self.write_file_unjournaled(|tx| f(tx)),
        }
    }

    /// [`Store::write_unjournaled`] of the file's own machinery.
    pub(crate) fn write_file_unjournaled<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.transaction(|tx| {
            let value = f(tx)?;
            undo::take(tx)?;
            Ok(value)
        })
    }

    /// Refuses a write before it starts where nothing can be saved.
    fn writable(&self) -> Result<()> {
        if !self.read_only {
            return Ok(());
        }
        Err(if self.is_on_server() {
            Error::conflict(MessageKey::ServerReadOnly)
        } else {
            Error::io(
                MessageKey::DatabaseOpenedReadOnly,
                self.path.clone().unwrap_or_default(),
                std::io::Error::from(std::io::ErrorKind::PermissionDenied),
            )
        })
    }

    fn undo_steps(&self) -> MutexGuard<'_, Vec<undo::UndoStep>> {
        self.undo
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn transaction<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.writable()?;
        let mut conn = self.lock()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a write")?;
        let value = f(&tx)?;
        tx.commit().context("committing a write")?;
        Ok(value)
    }

    /// Moves everything in the WAL into the database and empties the WAL
    /// file, so bytes just overwritten (an erasure) are nowhere else.
    pub(crate) fn checkpoint(&self) -> Result<()> {
        if self.path.is_none() {
            return Ok(());
        }
        erase_wal(&*self.lock()?)
    }

    /// Turns the fsync at every commit off (`false`) or back on. Only for
    /// generating synthetic data sets, where a crash means: generate again.
    pub fn set_durable(&self, durable: bool) -> Result<()> {
        // The server's durability is its administrator's.
        if self.is_on_server() {
            return Ok(());
        }
        self.lock()?
            .execute_batch(if durable {
                "PRAGMA synchronous = FULL"
            } else {
                "PRAGMA synchronous = OFF"
            })
            .context("setting synchronous")
    }

    /// Runs `f` in a read transaction, so it sees one consistent state.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&dyn sql::Executor) -> Result<T>) -> Result<T> {
        match self.server() {
            Some(mut server) => server.read(|db| f(db)),
            None => self.read_file(|tx| f(tx)),
        }
    }

    /// A read of the file's own machinery (the audit chain, search, checks).
    pub(crate) fn read_file<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Deferred)
            .context("starting a read")?;
        f(&tx)
    }

    /// The value of a pragma as text, for tests and `check`.
    pub fn pragma(&self, name: &str) -> Result<String> {
        const ALLOWED: &[&str] = &[
            "journal_mode",
            "synchronous",
            "foreign_keys",
            "busy_timeout",
            "user_version",
            "application_id",
            "temp_store",
        ];
        if !ALLOWED.contains(&name) {
            return Err(Error::validation(
                Field::Pragma,
                msg!(PragmaUnknown, name = name),
            ));
        }
        let conn = self.lock()?;
        conn.query_row(&format!("PRAGMA {name}"), [], |r| {
            let value: rusqlite::types::Value = r.get(0)?;
            Ok(match value {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
        })
        .context("reading a pragma")
    }
}

/// Opens a connection to a database file other than the store's own (a
/// backup, a copy being restored), keyed when it is encrypted.
pub(crate) fn connect(
    path: &Path,
    flags: OpenFlags,
    key: Option<&DataKey>,
) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, key)?;
    harden(&conn)?;
    Ok(conn)
}

/// What every connection sets before it reads a page of a file that may
/// not be ours yet (a backup, a restored copy, a folder planted by someone
/// else): SQL functions and virtual tables named in the schema (a view, a
/// trigger) may not run with side effects (`trusted_schema` off), and the
/// schema itself cannot be written behind SQLite's back (`DEFENSIVE`:
/// no `writable_schema`, no direct writes to shadow tables).
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    Ok(())
}

/// Moves every page of the WAL into the database and truncates the WAL, so
/// an erasure leaves no old page behind. SQLite reports a checkpoint that a
/// reader blocked (`busy`) as success with pages left: that is retried for
/// a while (a reader's transaction is short), then an error — never taken
/// for done.
pub(crate) fn erase_wal(conn: &Connection) -> Result<()> {
    // SQLite's busy handler waits for the readers within each attempt; a
    // second apart, five times, then the user is told.
    conn.busy_timeout(Duration::from_secs(1))
        .context("writing the log into the database")?;
    let mut outcome = Err(Error::Conflict(MessageKey::ErasureWalBusy.into()));
    for _ in 0..5u32 {
        let busy = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })
            .context("writing the log into the database");
        match busy {
            Ok(0) => {
                outcome = Ok(());
                break;
            }
            Ok(_) => continue,
            Err(e) => {
                outcome = Err(e);
                break;
            }
        }
    }
    conn.busy_timeout(Duration::from_secs(5))
        .context("writing the log into the database")?;
    outcome
}

/// Gives SQLCipher the key: the first statement on a connection, before
/// any page is read.
fn apply_key(conn: &Connection, key: Option<&DataKey>) -> rusqlite::Result<()> {
    if let Some(key) = key {
        let statement =
            zeroize::Zeroizing::new(format!("PRAGMA key = \"{}\";", key.database_key().as_str()));
        conn.execute_batch(&statement)?;
        // The settings pinned (SQLCipher 4's: AES-256, HMAC-SHA512, 4 KiB
        // pages), so a later SQLCipher with other defaults still opens the
        // folder; memory SQLCipher frees is wiped first.
        conn.execute_batch(
            "PRAGMA cipher_compatibility = 4;
             PRAGMA cipher_memory_security = ON;",
        )?;
    }
    Ok(())
}

/// The first bytes of every plain SQLite file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether a database file is plain SQLite (`Some(true)`), something else —
/// encrypted or damaged — (`Some(false)`), or empty or absent (`None`).
pub(crate) fn is_plain_sqlite(path: &Path) -> Option<bool> {
    use std::io::Read;
    let mut start = [0u8; 16];
    let mut file = std::fs::File::open(path).ok()?;
    let mut read = 0;
    while read < start.len() {
        match file.read(&mut start[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(_) => return None,
        }
    }
    match read {
        0 => None,
        _ => Some(start[..read] == SQLITE_HEADER[..read] && read == start.len()),
    }
}

/// What the file beside the database says about opening it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyCheck {
    /// The key fits what the marker names, or the folder is plain.
    Fits,
    /// No marker, yet the database is not plain SQLite: an encrypted file
    /// whose marker was lost (moved, not copied along) — or a damaged one;
    /// only a key can tell which. Never set aside as damaged on its own.
    MarkerMissing,
}

/// Refuses a missing or wrong key before SQLCipher is asked, using the file
/// beside the database: without it, a wrong key reads as a damaged file.
fn check_key(
    path: &Path,
    key: Option<&DataKey>,
    marker: Option<&FolderEncryption>,
) -> Result<KeyCheck> {
    match (marker, key) {
        (Some(marker), Some(key)) if !marker.opens_with(key) => {
            Err(Error::Locked(MessageKey::DataWrongKey.into()))
        }
        (Some(marker), _) if marker.converting => {
            Err(Error::Locked(MessageKey::EncryptUnfinished.into()))
        }
        (Some(_), None) => Err(Error::Locked(MessageKey::DataLocked.into())),
        (_, Some(_)) if is_plain_sqlite(path) == Some(true) => {
            Err(Error::Incompatible(MessageKey::DatabaseNotEncrypted.into()))
        }
        (None, None) if marker_lost(path) => {
            Err(Error::Locked(MessageKey::DataMarkerMissing.into()))
        }
        (None, Some(_)) if is_plain_sqlite(path) == Some(false) => Ok(KeyCheck::MarkerMissing),
        (None, None) if !path.exists() && holds_encrypted_files(path) => {
            // A new database beside sealed documents or encrypted backups
            // gets the folder's key, as a first start does: never a plain
            // one that would then name none of them.
            Err(Error::Locked(MessageKey::DataFolderHoldsEncrypted.into()))
        }
        _ => Ok(KeyCheck::Fits),
    }
}

/// Whether a database without its marker is encrypted with the marker lost,
/// as far as the folder tells: it is not plain SQLite, and the folder holds
/// encrypted files or nothing that says it is plain. A plain folder (plain
/// backups or documents beside it) whose database no longer reads as SQLite
/// is damaged instead, and set aside as such.
pub(crate) fn marker_lost(database: &Path) -> bool {
    is_plain_sqlite(database) == Some(false)
        && (holds_encrypted_files(database) || !holds_plain_files(database))
}

/// Whether the data folder of `database` holds plain backups or plain
/// stored documents.
fn holds_plain_files(database: &Path) -> bool {
    folder_holds(database, true)
}

/// Whether the data folder of `database` holds sealed documents or
/// encrypted backups (so a database made there must be encrypted too).
pub(crate) fn holds_encrypted_files(database: &Path) -> bool {
    folder_holds(database, false)
}

/// Whether the backups or stored documents beside `database` include a
/// plain one (`plain`) or an encrypted one; stops at the first.
fn folder_holds(database: &Path, plain: bool) -> bool {
    let folder = database
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let backups = std::fs::read_dir(folder.join("backups"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            entry.path().extension().is_some_and(|e| e == "sqlite3")
                && is_plain_sqlite(&entry.path()) == Some(plain)
        });
    let documents = folder.join("documents");
    backups
        || if plain {
            crate::content::any_plain(&documents)
        } else {
            crate::content::any_sealed(&documents)
        }
}

/// After a key opened a database whose marker was lost: the marker is
/// written again (a new keychain name; the recovery key just typed counts
/// as kept), so the next start finds the folder encrypted and locked, not
/// damaged.
fn write_marker_again(path: &Path, key: &DataKey) -> Result<FolderEncryption> {
    let marker = FolderEncryption {
        recovery_key_confirmed: true,
        // The documents may be of an earlier version: format 1 has them
        // brought up to date right after (a no-op when they are current).
        format: 1,
        ..FolderEncryption::new(key)?
    };
    marker.write(path)?;
    Ok(marker)
}

/// `taskforce.sqlite3-wal` beside `taskforce.sqlite3`.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether the database file and its folder (for the WAL files) can be written.
fn writable(path: &Path) -> bool {
    let file = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let probe = folder.join(format!(".taskforce-write-probe-{}", std::process::id()));
    let folder_ok = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    file && folder_ok
}

/// A database without its marker that a key does not open is either
/// encrypted with another key or damaged: locked either way, so it is
/// never set aside as damaged without the user choosing to.
fn unless_key_fails(checked: KeyCheck, opened: Result<Store>) -> Result<Store> {
    match (checked, opened) {
        (KeyCheck::MarkerMissing, Err(Error::Damaged(_))) => {
            Err(Error::Locked(MessageKey::DataKeyDoesNotOpen.into()))
        }
        (_, opened) => opened,
    }
}

/// A path as the path part of a SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'?' | b'#' | b'%' => out.push_str(&format!("%{byte:02X}")),
            _ => out.push(byte as char),
        }
    }
    out
}

/// Finds damage (an overwritten page, a truncated file) before anything is
/// written. Reads the whole file once; tens of milliseconds for years of data.
fn quick_check(conn: &Connection, path: &Path) -> Result<()> {
    let damaged = || Error::Damaged(msg!(DatabaseDamagedCheck, path = path));
    let mut stmt = conn.prepare("PRAGMA quick_check").map_err(|_| damaged())?;
    let first: String =
        stmt.query_row([], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseCorrupt)
                | Some(rusqlite::ErrorCode::NotADatabase) => damaged(),
                _ => open_error(path, e),
            })?;
    if first != "ok" {
        return Err(damaged());
    }
    Ok(())
}

fn has_tables(conn: &Connection) -> Result<bool> {
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map(|n| n > 0)
    .context("reading the schema")
}

/// Every connection says how it wants to be treated instead of relying on
/// compile-time defaults. WAL lets readers go on during a write; FULL makes a
/// committed transaction survive a power cut.
pub(crate) fn set_pragmas(conn: &Connection, on_disk: bool) -> Result<()> {
    if on_disk {
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .context("setting journal_mode")?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::Incompatible(msg!(DatabaseNoWal, mode = mode)));
        }
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA trusted_schema = OFF;
         PRAGMA secure_delete = ON;",
    )
    .context("setting pragmas")
}

fn open_error(path: &Path, error: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as Code;
    match error.sqlite_error_code() {
        Some(Code::NotADatabase) | Some(Code::DatabaseCorrupt) => {
            Error::Damaged(msg!(DatabaseDamagedOrForeign, path = path))
        }
        Some(Code::CannotOpen) | Some(Code::PermissionDenied) | Some(Code::ReadOnly) => Error::io(
            MessageKey::DatabaseOpenFailed,
            path,
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        ),
        _ => crate::error::storage_error("opening the database", error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_to_a_file_not_yet_trusted_cannot_write_the_schema_as_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite3");
        let conn = connect(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            None,
        )
        .unwrap();
        conn.execute_batch("CREATE TABLE t(a);").unwrap();
        // DEFENSIVE: writable_schema is ignored, sqlite_schema stays read-only.
        let planted = conn.execute_batch(
            "PRAGMA writable_schema = ON;
             INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
             VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x(a)');",
        );
        assert!(planted.is_err(), "{planted:?}");
        let trusted: i64 = conn
            .query_row("PRAGMA trusted_schema", [], |r| r.get(0))
            .unwrap();
        assert_eq!(trusted, 0);
    }

    #[test]
    fn an_encrypted_connection_pins_sqlcipher_and_wipes_what_it_frees() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite3");
        let key = DataKey::generate().unwrap();
        let conn = connect(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            Some(&key),
        )
        .unwrap();
        conn.execute_batch("CREATE TABLE t(a);").unwrap();
        let read = |pragma: &str| -> String {
            conn.query_row(&format!("PRAGMA {pragma}"), [], |r| {
                r.get::<_, rusqlite::types::Value>(0)
            })
            .map(|v| match v {
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .unwrap()
        };
        assert_eq!(read("cipher_memory_security"), "1");
        assert_eq!(read("cipher_page_size"), "4096");
        assert_eq!(read("cipher_hmac_algorithm"), "HMAC_SHA512");
    }

    #[test]
    fn an_erasure_whose_log_cannot_be_emptied_says_so_instead_of_success() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("taskforce.sqlite3");
        let clock = Arc::new(crate::FixedClock::new(chrono::DateTime::UNIX_EPOCH));
        let store = Store::open(&path, clock).unwrap();
        let partner = store
            .add_partner(&crate::domain::PartnerDraft {
                organisation: "Stichting".into(),
                contact_name: Some("Iemand".into()),
                email: None,
                phone: None,
                notes: String::new(),
                tags: vec![],
            })
            .unwrap();
        // Another program holds a read transaction open: the checkpoint
        // cannot move past it.
        let reader = Connection::open(&path).unwrap();
        reader.execute_batch("BEGIN;").unwrap();
        let _: i64 = reader
            .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))
            .unwrap();
        let error = store.erase_partner(partner.id).unwrap_err();
        assert!(
            matches!(&error, Error::Conflict(m) if m.key == MessageKey::ErasureWalBusy),
            "{error:?}"
        );
        reader.execute_batch("COMMIT;").unwrap();
        // Once the reader is gone, the erasure is complete.
        store.checkpoint().unwrap();
    }
}

//! Opening and encrypting a data folder, in one place for the window and
//! the CLI.
//!
//! A data folder is the database, its backups and documents, and — when it
//! is encrypted — the file beside the database that names its key
//! ([`FolderEncryption`], "the marker"). Whether the folder needs a key,
//! and which, is decided here and nowhere else: [`open`] reads the marker
//! once and asks a [`KeySource`] for the key — the window's is the
//! keychain (then the unlock screen, where the recovery key typed is a
//! [`Given`] key), the CLI's the key file, the keychain, then the
//! terminal. [`encrypt`] encrypts a plain folder or finishes an encryption
//! that was cut off; [`create`] gives a new folder its key.
//!
//! The store itself still refuses a missing or wrong key (`Store::open`):
//! this module decides what to ask for, the store what it will open.

pub mod keychain;
pub mod server;

pub use keychain::Missing;

use std::path::Path;
use std::sync::Arc;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::store::{EncryptionReport, Opened};
use taskforce::{Clock, Store};

/// What a data folder needs to be opened.
#[derive(Debug)]
pub enum Access {
    /// Not encrypted, or nothing there yet.
    Plain,
    /// Encrypted, and the key source had its key. `marker` is the file beside
    /// the database as it was read (`None`: lost, and written again when
    /// the store opens with the key).
    Keyed {
        key: DataKey,
        marker: Option<FolderEncryption>,
    },
    /// Encrypted, and the key source had no key: why.
    Locked(Missing),
    /// An encryption that was cut off, and the key that finishes it
    /// ([`finish`]).
    Converting(DataKey),
}

/// Where a folder's key comes from.
pub trait KeySource {
    /// The key of the folder `marker` describes (`None`: an encrypted
    /// database whose marker is lost), or why this source has none. An
    /// `Err` is a source that failed in a way the user must hear about (an
    /// unreadable key file, a recovery key mistyped).
    fn key(&self, marker: Option<&FolderEncryption>)
        -> taskforce::Result<Result<DataKey, Missing>>;
}

/// The operating system's keychain: the window's first source.
pub struct Keychain;

impl KeySource for Keychain {
    fn key(
        &self,
        marker: Option<&FolderEncryption>,
    ) -> taskforce::Result<Result<DataKey, Missing>> {
        Ok(match marker {
            Some(marker) => keychain::load(&marker.folder_id),
            None => Err(Missing::MarkerMissing),
        })
    }
}

/// A key the user gave (the recovery key typed on the unlock screen).
pub struct Given(pub DataKey);

impl KeySource for Given {
    fn key(&self, _: Option<&FolderEncryption>) -> taskforce::Result<Result<DataKey, Missing>> {
        Ok(Ok(self.0.clone()))
    }
}

/// What the data folder of `database` needs, with the key from `source`
/// when it is encrypted. The marker is read once, here.
pub fn open(database: &Path, source: &dyn KeySource) -> taskforce::Result<Access> {
    let marker = FolderEncryption::read(database)?;
    if marker.is_none() && !FolderEncryption::lost(database)? {
        return Ok(Access::Plain);
    }
    let key = match source.key(marker.as_ref())? {
        Ok(key) => key,
        Err(why) => return Ok(Access::Locked(why)),
    };
    Ok(match marker {
        Some(marker) if !marker.opens_with(&key) => Access::Locked(Missing::WrongKey),
        Some(marker) if marker.converting => Access::Converting(key),
        marker => Access::Keyed { key, marker },
    })
}

/// Whether `database` is a folder's first start: no database and no
/// marker (a new folder gets its key from [`create`]).
pub fn is_new(database: &Path) -> taskforce::Result<bool> {
    Ok(!database.exists() && FolderEncryption::read(database)?.is_none())
}

/// Gives a new data folder its key: made here, its marker written beside
/// the (not yet existing) database, and kept in the keychain. Returns the
/// access it now has and, when the keychain could not keep the key, why
/// (the app then asks for the recovery key at every start).
pub fn create(database: &Path) -> taskforce::Result<(Access, Option<Missing>)> {
    let key = DataKey::generate()?;
    let marker = FolderEncryption::new(&key)?;
    let kept = keychain::save(&marker.folder_id, &key).err();
    marker.write(database)?;
    let access = Access::Keyed {
        key,
        marker: Some(marker),
    };
    Ok((access, kept))
}

/// Finishes an encryption that was cut off ([`Access::Converting`]) and
/// returns the folder's access after.
pub fn finish(database: &Path, key: DataKey, clock: Arc<dyn Clock>) -> taskforce::Result<Access> {
    taskforce::store::encrypt_folder(database, &key, clock)?;
    let marker = FolderEncryption::read(database)?;
    Ok(Access::Keyed { key, marker })
}

/// Encrypts the plain data folder of `database` in place with `key`, whose
/// recovery key the user has kept, or finishes an encryption with that key
/// that was cut off. The key goes into the keychain under the folder's id
/// before the first file is encrypted; the marker says `converting` until
/// the last, so the next open finishes a run that stops half-way. Returns
/// what was encrypted and, when the keychain could not keep the key, why.
///
/// The one sequence behind `taskforce-cli encrypt` and the window's
/// *Versleutelen*; the database must not be open meanwhile.
pub fn encrypt(
    database: &Path,
    key: &DataKey,
    clock: Arc<dyn Clock>,
) -> taskforce::Result<(EncryptionReport, Option<Missing>)> {
    let mut kept = None;
    let report = taskforce::store::encrypt_folder_with(database, key, clock, |marker| {
        marker.recovery_key_confirmed = true;
        kept = keychain::save(&marker.folder_id, key).err();
    })?;
    Ok((report, kept))
}

/// After the recovery key opened a folder (or its marker was written
/// again): keeps the key in the keychain so the next start needs nothing.
/// Returns why not, when it could not.
pub fn remember(database: &Path, key: &DataKey) -> taskforce::Result<Option<Missing>> {
    let Some(marker) = FolderEncryption::read(database)? else {
        return Ok(None);
    };
    Ok(keychain::save(&marker.folder_id, key).err())
}

/// Opens the store of a folder whose access [`open`] found, with the marker
/// it read (not read again; a lost one is looked for once more, so one
/// written meanwhile is never replaced); a damaged database is set aside,
/// as at start.
pub fn open_store(
    database: &Path,
    access: &Access,
    clock: Arc<dyn Clock>,
) -> taskforce::Result<Opened> {
    match access {
        Access::Plain => taskforce::store::open_or_quarantine(database, clock, None),
        Access::Keyed {
            key,
            marker: marker @ Some(_),
        } => taskforce::store::open_or_quarantine_known(database, clock, Some(key), marker.clone()),
        // Read again: the marker may have been written since (another
        // process unlocked the folder while the user typed the key), and
        // the store must not write a new one over it.
        Access::Keyed { key, marker: None } => {
            taskforce::store::open_or_quarantine(database, clock, Some(key))
        }
        Access::Locked(_) | Access::Converting(_) => Err(not_open(access)),
    }
}

/// [`open_store`] for a caller that wants the store or an error (the CLI,
/// a restore): a damaged database is refused, never set aside.
pub fn open_store_strict(
    database: &Path,
    access: &Access,
    clock: Arc<dyn Clock>,
) -> taskforce::Result<Store> {
    match access {
        Access::Plain => Store::open(database, clock),
        Access::Keyed {
            key,
            marker: marker @ Some(_),
        } => Store::open_known(database, clock, Some(key), marker.clone()),
        Access::Keyed { key, marker: None } => Store::open_keyed(database, clock, Some(key)),
        Access::Locked(_) | Access::Converting(_) => Err(not_open(access)),
    }
}

/// Why a folder whose access is locked, or whose encryption is unfinished,
/// has no store to open yet.
fn not_open(access: &Access) -> taskforce::Error {
    let message = match access {
        Access::Locked(why) => why.message(),
        _ => taskforce::message::MessageKey::EncryptUnfinished.into(),
    };
    taskforce::Error::Locked(message)
}

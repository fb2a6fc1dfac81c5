//! The data folder's key in the operating system's keychain, and what a
//! data folder needs to be opened.
//!
//! One entry per encrypted data folder (service "Taskforce Secretariaat",
//! account "data folder <id>", the id from the file beside the database),
//! holding the recovery key's text. Linux: the Secret Service (GNOME
//! Keyring, KWallet) over D-Bus; Windows: the Credential Manager; macOS: the
//! login Keychain. A keychain that cannot be reached is said, with why,
//! and the app asks for the recovery key instead — it never goes on with
//! plain files.

use std::path::Path;
use std::sync::Arc;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::message::{Message, MessageKey};
use taskforce::msg;
use taskforce::store::EncryptionReport;
use taskforce::{Clock, Error};
use zeroize::Zeroizing;

const SERVICE: &str = "Taskforce Secretariaat";

/// Why the keychain gave no key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The keychain could not be reached (no Secret Service running, locked,
    /// refused); the text is the platform's own.
    Unavailable(String),
    /// The keychain works but has no key for this folder (another computer,
    /// another user, a keychain that was reset).
    NoEntry,
    /// The keychain's key does not fit this folder.
    WrongKey,
    /// The file beside the database that names the folder's key is gone,
    /// while the database is encrypted: only the recovery key opens it
    /// (and writes that file again).
    MarkerMissing,
}

impl Missing {
    /// What to tell the user on the screen that asks for the recovery key.
    pub fn message(&self) -> Message {
        match self {
            Missing::Unavailable(detail) => msg!(KeychainUnavailable, detail = detail),
            Missing::NoEntry => MessageKey::KeychainNoEntry.into(),
            Missing::WrongKey => MessageKey::KeychainWrongKey.into(),
            Missing::MarkerMissing => MessageKey::DataMarkerMissing.into(),
        }
    }
}

/// What opening a data folder takes.
#[derive(Debug)]
pub enum Access {
    /// Not encrypted (or not made yet).
    Plain,
    /// Encrypted, and the keychain had its key.
    Key(DataKey),
    /// Encrypted, and the recovery key is needed.
    NeedsRecoveryKey(Missing),
}

fn account(folder_id: &str) -> String {
    format!("data folder {folder_id}")
}

#[cfg(target_os = "linux")]
fn store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(windows)]
fn store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(not(any(target_os = "linux", windows, target_os = "macos")))]
fn store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(
        "no keychain on this platform".into(),
    ))
}

fn entry(folder_id: &str) -> Result<keyring_core::Entry, Missing> {
    let store = store().map_err(unavailable)?;
    keyring_core::Entry::new_in_store(&store, SERVICE, &account(folder_id)).map_err(unavailable)
}

fn unavailable(error: keyring_core::Error) -> Missing {
    Missing::Unavailable(error.to_string())
}

/// The key kept for `folder_id`.
pub fn load(folder_id: &str) -> Result<DataKey, Missing> {
    let entry = entry(folder_id)?;
    match entry.get_password() {
        Ok(text) => {
            let text = Zeroizing::new(text);
            // An entry whose text is not a recovery key is as good as none.
            DataKey::from_recovery_text(&text).map_err(|_| Missing::WrongKey)
        }
        Err(keyring_core::Error::NoEntry) => Err(Missing::NoEntry),
        Err(other) => Err(unavailable(other)),
    }
}

/// Keeps `key` for `folder_id`, replacing what was there.
pub fn save(folder_id: &str, key: &DataKey) -> Result<(), Missing> {
    entry(folder_id)?
        .set_password(&key.recovery_text())
        .map_err(unavailable)
}

/// Removes the key kept for `folder_id`; gone already is fine.
pub fn forget(folder_id: &str) -> Result<(), Missing> {
    match entry(folder_id)?.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(other) => Err(unavailable(other)),
    }
}

/// What the data folder of `database` needs: nothing, the key the keychain
/// has for it, or the recovery key (and why).
pub fn access(database: &Path) -> taskforce::Result<Access> {
    Ok(match FolderEncryption::read(database)? {
        None => Access::Plain,
        Some(folder) => access_with(&folder),
    })
}

/// [`access`] for a folder whose marker was already read.
pub fn access_with(folder: &FolderEncryption) -> Access {
    match load(&folder.folder_id) {
        Ok(key) if folder.opens_with(&key) => Access::Key(key),
        Ok(_) => Access::NeedsRecoveryKey(Missing::WrongKey),
        Err(missing) => Access::NeedsRecoveryKey(missing),
    }
}

/// Gives a new data folder its key: made here, its marker written beside
/// the (not yet existing) database, and kept in the keychain. Returns the
/// key and, when the keychain could not keep it, why (the app then asks for
/// the recovery key at every start).
pub fn new_folder(database: &Path) -> taskforce::Result<(DataKey, Option<Missing>)> {
    let key = DataKey::generate()?;
    let folder = FolderEncryption::new(&key)?;
    let kept = save(&folder.folder_id, &key).err();
    folder.write(database)?;
    Ok((key, kept))
}

/// After the recovery key opened a folder: keep it in the keychain so the
/// next start needs nothing. Returns why not, when it could not.
pub fn remember(database: &Path, key: &DataKey) -> taskforce::Result<Option<Missing>> {
    let Some(folder) = FolderEncryption::read(database)? else {
        return Ok(None);
    };
    Ok(save(&folder.folder_id, key).err())
}

/// Encrypts the plain data folder of `database` in place with `key`, whose
/// recovery key the user has kept (or finishes an encryption with that key
/// that was cut off). The marker says `converting` first, so the next open
/// finishes a run that stops half-way; then the key goes into the keychain
/// and the database, backups and documents are encrypted. Returns what was
/// encrypted and, when the keychain could not keep the key, why.
///
/// The one sequence behind `taskforce-cli encrypt` and the window's
/// *Versleutelen*; the database must not be open meanwhile.
pub fn encrypt_existing(
    database: &Path,
    key: &DataKey,
    clock: Arc<dyn Clock>,
) -> taskforce::Result<(EncryptionReport, Option<Missing>)> {
    let marker = match FolderEncryption::read(database)? {
        None => FolderEncryption {
            converting: true,
            recovery_key_confirmed: true,
            ..FolderEncryption::new(key)?
        },
        Some(marker) if marker.converting && marker.opens_with(key) => marker,
        Some(_) => return Err(Error::conflict(MessageKey::EncryptAlready)),
    };
    let kept = save(&marker.folder_id, key).err();
    marker.write(database)?;
    let report = taskforce::store::encrypt_folder(database, key, clock)?;
    Ok((report, kept))
}

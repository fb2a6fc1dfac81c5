//! The data folder's key in the operating system's keychain.
//!
//! One entry per encrypted data folder (service "Taskforce Secretariaat",
//! account "data folder <id>", the id from the file beside the database),
//! holding the recovery key's text. Linux: the Secret Service (GNOME
//! Keyring, KWallet) over D-Bus; Windows: the Credential Manager; macOS: the
//! login Keychain. A keychain that cannot be reached is said, with why,
//! and the app asks for the recovery key instead — it never goes on with
//! plain files.

use std::sync::Arc;
use taskforce::encryption::DataKey;
use taskforce::message::{Message, MessageKey};
use taskforce::msg;
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
    entry_for(&account(folder_id))
}

fn entry_for(account: &str) -> Result<keyring_core::Entry, Missing> {
    let store = store().map_err(unavailable)?;
    keyring_core::Entry::new_in_store(&store, SERVICE, account).map_err(unavailable)
}

/// The keychain's account for the password of a server login
/// (`user@host:port/database`).
fn server_account(login: &str) -> String {
    format!("server {login}")
}

/// The password kept for the server login `login`.
pub fn load_server_password(login: &str) -> Result<Zeroizing<String>, Missing> {
    match entry_for(&server_account(login))?.get_password() {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(keyring_core::Error::NoEntry) => Err(Missing::NoEntry),
        Err(other) => Err(unavailable(other)),
    }
}

/// Keeps the password of the server login `login`.
pub fn save_server_password(login: &str, password: &str) -> Result<(), Missing> {
    entry_for(&server_account(login))?
        .set_password(password)
        .map_err(unavailable)
}

/// Removes the password kept for `login`; gone already is fine.
pub fn forget_server_password(login: &str) -> Result<(), Missing> {
    match entry_for(&server_account(login))?.delete_credential() {
        Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
        Err(other) => Err(unavailable(other)),
    }
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

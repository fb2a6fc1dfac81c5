//! Encryption at rest as the window sees it: whether the data is encrypted,
//! the recovery key shown until it is confirmed as kept, unlocking with the
//! recovery key when the keychain has no key, and encrypting a plain folder.

use crate::state::{off_runtime, PATIENCE};
use crate::{AppState, IpcError};
use serde::Serialize;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::message::MessageKey;
use taskforce::{Error, Message};
use tauri::{Manager, State};

#[derive(Serialize, specta::Type)]
pub struct EncryptionStatus {
    pub encrypted: bool,
    /// Why the recovery key is needed before anything can be shown.
    pub locked: Option<Message>,
    /// Why the keychain could not keep the key: the recovery key is then
    /// asked at every start.
    pub keychain_problem: Option<Message>,
    /// The recovery key was not yet confirmed as kept: it is shown.
    pub recovery_key_pending: bool,
}

pub fn status(state: &AppState) -> EncryptionStatus {
    let marker = state
        .database
        .as_deref()
        .and_then(|d| FolderEncryption::read(d).ok().flatten());
    EncryptionStatus {
        encrypted: marker.is_some(),
        locked: state.locked().map(|m| m.message()),
        keychain_problem: state.keychain_problem().map(|m| m.message()),
        recovery_key_pending: marker.is_some_and(|m| !m.recovery_key_confirmed)
            && state.key().is_some(),
    }
}

fn folder(state: &AppState) -> Result<FolderEncryption, IpcError> {
    let database = state.database_path()?;
    FolderEncryption::read(&database)
        .map_err(IpcError::from)?
        .ok_or_else(|| IpcError::from(Error::conflict(MessageKey::EncryptNotEncrypted)))
}

/// Opens the encrypted data with the recovery key the user typed, and keeps
/// the key in the keychain so the next start needs nothing.
#[tauri::command]
#[specta::specta]
pub async fn unlock(app: tauri::AppHandle, recovery_key: String) -> Result<(), IpcError> {
    let key = DataKey::from_recovery_text(&recovery_key).map_err(IpcError::from)?;
    off_runtime(move || app.state::<AppState>().unlock(key)).await
}

/// The recovery key, while it has not been confirmed as kept (or a new one
/// for a plain folder about to be encrypted); `None` after.
#[tauri::command]
#[specta::specta]
pub async fn recovery_key(state: State<'_, AppState>) -> Result<Option<String>, IpcError> {
    if let Some(pending) = state.pending_key() {
        return Ok(Some(pending.recovery_text().to_string()));
    }
    if !status(&state).recovery_key_pending {
        return Ok(None);
    }
    Ok(state.key().map(|k| k.recovery_text().to_string()))
}

/// The user kept the recovery key: it is not shown again.
#[tauri::command]
#[specta::specta]
pub async fn confirm_recovery_key(app: tauri::AppHandle) -> Result<(), IpcError> {
    off_runtime(move || {
        let state = app.state::<AppState>();
        let database = state.database_path()?;
        let mut marker = folder(&state)?;
        marker.recovery_key_confirmed = true;
        marker.write(&database).map_err(IpcError::from)
    })
    .await
}

#[derive(Serialize, specta::Type)]
pub struct EncryptionOutcome {
    pub documents_sealed: u32,
    pub backups_encrypted: u32,
    /// Damaged old copies that stay plain until rotated out.
    pub left_plain: Vec<String>,
}

/// Step one of encrypting a plain folder: makes its key and returns the
/// recovery key to keep. Nothing is changed yet.
#[tauri::command]
#[specta::specta]
pub async fn prepare_encryption(state: State<'_, AppState>) -> Result<String, IpcError> {
    if state.key().is_some() {
        return Err(IpcError::from(Error::conflict(MessageKey::EncryptAlready)));
    }
    let key = DataKey::generate().map_err(IpcError::from)?;
    let text = key.recovery_text().to_string();
    state.set_pending_key(Some(key));
    Ok(text)
}

/// Step two, after the recovery key was kept: the key goes into the
/// keychain, and the database, its backups and the documents are encrypted
/// in place (closed meanwhile, reopened after).
#[tauri::command]
#[specta::specta]
pub async fn encrypt_data(app: tauri::AppHandle) -> Result<EncryptionOutcome, IpcError> {
    off_runtime(move || {
        let state = app.state::<AppState>();
        let Some(key) = state.pending_key() else {
            return Err(IpcError::from(Error::conflict(
                MessageKey::EncryptNotPrepared,
            )));
        };
        let clock = state.clock.clone();
        let (report, kept) = state.reopen_after(Some(key.clone()), PATIENCE, |path, _| {
            taskforce_folder::encrypt(path, &key, clock)
        })?;
        state.set_pending_key(None);
        state.set_keychain_problem(kept);
        Ok(EncryptionOutcome {
            documents_sealed: report.documents_sealed,
            backups_encrypted: report.backups_encrypted,
            left_plain: report
                .left_plain
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        })
    })
    .await
}

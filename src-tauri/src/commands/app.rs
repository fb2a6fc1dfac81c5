//! Where the data lives, whether it could be opened, backups and restore.

use crate::dialogs;
use crate::state::{blocking, off_runtime, Quarantine, PATIENCE};
use crate::{AppState, IpcError};
use serde::Serialize;
use taskforce::domain::{AuditEntry, AuditedRecord, BackupInfo};
use taskforce::message::MessageKey;
use taskforce::Lang;
use tauri::{Manager, State};

#[derive(Serialize, specta::Type)]
pub struct DatabaseStatus {
    pub path: Option<String>,
    /// The shared server used instead of the data folder
    /// (`user@host:port/database`, never the password).
    pub server: Option<String>,
    /// Its address as chosen (never with a password: one is refused
    /// there), to connect again after a failed start.
    pub server_address: Option<String>,
    /// Why the database could not be opened (newer version, damaged file).
    pub problem: Option<IpcError>,
    /// Opened from a read-only file or folder: nothing can be saved.
    pub read_only: bool,
    /// A damaged database moved aside at start.
    pub quarantine: Option<Quarantine>,
    pub encryption: super::encryption::EncryptionStatus,
    /// Restored from a backup (or a damaged database set aside) and not yet
    /// confirmed by the user: no stored document is tidied away meanwhile.
    pub restore_unconfirmed: bool,
}

/// The first call the window makes: it waits (off the async workers) for
/// the opening begun at launch.
#[tauri::command]
#[specta::specta]
pub async fn database_status(app: tauri::AppHandle) -> Result<DatabaseStatus, IpcError> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.watch_changes(&app);
        let server = state.server();
        DatabaseStatus {
            path: state.database.as_ref().map(|p| p.display().to_string()),
            server: server.as_deref().map(|address| {
                taskforce::store::server::Login::parse(address)
                    .map_or_else(|_| address.to_string(), |login| login.describe())
            }),
            server_address: server,
            problem: state.open_error(),
            read_only: state.store().is_ok_and(|s| s.is_read_only()),
            quarantine: state.quarantine().map(|(q, _)| q),
            encryption: super::encryption::status(&state),
            restore_unconfirmed: state.store().is_ok_and(|s| s.restored_unconfirmed()),
        }
    })
    .await
    .map_err(|_| IpcError::internal(MessageKey::AppCommandAborted))
}

/// After a damaged database was moved aside: put the newest verified backup
/// in its place, or start with an empty database when there is none.
#[tauri::command]
#[specta::specta]
pub async fn recover_database(app: tauri::AppHandle) -> Result<(), IpcError> {
    off_runtime(move || {
        let state = app.state::<AppState>();
        let backup = state.quarantine().and_then(|(_, b)| b);
        let clock = state.clock.clone();
        state.reopen_after(None, PATIENCE, |path, key| match &backup {
            Some(backup) => taskforce::store::restore(path, backup, clock, key).map(|_| ()),
            None => Ok(()),
        })
    })
    .await
}

/// The user keeps the data shown after a restore: tidying may run again.
#[tauri::command]
#[specta::specta]
pub async fn confirm_restored(state: State<'_, AppState>) -> Result<(), IpcError> {
    blocking(state.store()?, |store| store.confirm_restored()).await
}

#[tauri::command]
#[specta::specta]
pub async fn backups(state: State<'_, AppState>) -> Result<Vec<BackupInfo>, IpcError> {
    blocking(state.store()?, |store| store.backups()).await
}

/// The window's language, for what the shell says itself (dialog titles).
#[tauri::command]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, lang: Lang) -> Result<(), IpcError> {
    state.set_lang(lang);
    Ok(())
}

/// Saves a full backup (database and documents, `.tar`) where the user chooses.
#[tauri::command]
#[specta::specta]
pub async fn backup_to_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<bool, IpcError> {
    let store = state.store()?;
    let name = format!(
        "{} {}.tar",
        state.text(MessageKey::DialogBackupFileName),
        taskforce::calendar::to_amsterdam(store.now()).format("%Y-%m-%d")
    );
    let (title, filter) = (
        state.text(MessageKey::DialogSaveBackup),
        state.text(MessageKey::DialogFilterBackup),
    );
    let Some(destination) = dialogs::save_file(
        &app,
        title,
        name,
        Some((filter, vec!["tar".into(), "sqlite3".into()])),
    )
    .await?
    else {
        return Ok(false);
    };
    blocking(store, move |store| {
        taskforce_export::archive::backup_to(store, &destination)
    })
    .await?;
    Ok(true)
}

/// Replaces the database with a backup the user picks; it is checked first
/// and the current database is backed up before it is replaced.
#[tauri::command]
#[specta::specta]
pub async fn restore_from_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<bool, IpcError> {
    let (title, filter) = (
        state.text(MessageKey::DialogRestoreBackup),
        state.text(MessageKey::DialogFilterBackup),
    );
    let Some(backup) = dialogs::pick_file(
        &app,
        title,
        Some((filter, vec!["tar".into(), "sqlite3".into()])),
    )
    .await?
    else {
        return Ok(false);
    };
    off_runtime(move || {
        let state = app.state::<AppState>();
        let clock = state.clock.clone();
        state.reopen_after(None, PATIENCE, |path, key| {
            taskforce_export::archive::restore(path, &backup, clock, key)
        })
    })
    .await?;
    Ok(true)
}

/// The logged changes of one record ("Geschiedenis").
#[tauri::command]
#[specta::specta]
pub async fn history(
    state: State<'_, AppState>,
    record: AuditedRecord,
    id: i32,
) -> Result<Vec<AuditEntry>, IpcError> {
    blocking(state.store()?, move |store| {
        store.history(record, id.into())
    })
    .await
}

/// Opens the folder with the app's log in the file manager ("Logboek
/// openen"). The path stays in Rust.
#[tauri::command]
#[specta::specta]
pub async fn open_log_folder() -> Result<(), IpcError> {
    off_runtime(|| {
        let folder = taskforce::paths::data_dir()
            .map(|dir| crate::log::folder(&dir))
            .ok_or_else(|| IpcError::internal(MessageKey::DataFolderNone))?;
        taskforce::private::create_dir(&folder).map_err(|e| {
            IpcError::from(taskforce::Error::io(MessageKey::LogOpenFailed, &folder, e))
        })?;
        tauri_plugin_opener::open_path(&folder, None::<&str>)
            .map_err(|_| IpcError::internal(MessageKey::LogNoOpener))
    })
    .await
}

/// Opens a link from the minutes in the system browser or mail program,
/// after asking the user here, in a dialog of the system's own that the
/// page cannot answer or skip (showing the address as it will be opened).
/// Only `https`, `http` and `mailto` addresses, as the Markdown renderer
/// keeps them; a `mailto:` keeps its addresses, subject and body and
/// nothing else (no `attach`, `cc` or `bcc` slipped in by a link). Returns
/// whether it was opened.
#[tauri::command]
#[specta::specta]
pub async fn open_link(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    url: String,
) -> Result<bool, IpcError> {
    let link = safe_link(&url).ok_or_else(|| {
        IpcError::from(taskforce::Error::validation(
            taskforce::error::Field::Url,
            taskforce::msg!(UrlInvalid, url = url.trim()),
        ))
    })?;
    let lang = state.lang();
    let question = taskforce::msg!(LinkOpenConfirm, url = link.as_str()).render(lang);
    let (title, open, cancel) = (
        state.text(MessageKey::LinkOpenTitle),
        state.text(MessageKey::LinkOpenYes),
        state.text(MessageKey::LinkOpenNo),
    );
    let confirmed = dialogs::confirm(&app, title, question, open, cancel).await?;
    if !confirmed {
        return Ok(false);
    }
    tauri_plugin_opener::open_url(link.as_str(), None::<&str>)
        .map_err(|_| IpcError::internal(MessageKey::LinkNoOpener))?;
    Ok(true)
}

/// The link as it may be opened, or `None`: `https`/`http` as they are,
/// `mailto:` with only its addresses and `subject`/`body`.
fn safe_link(text: &str) -> Option<tauri::Url> {
    let mut url = tauri::Url::parse(text.trim()).ok()?;
    match url.scheme() {
        "https" | "http" => Some(url),
        "mailto" => {
            let kept: Vec<(String, String)> = url
                .query_pairs()
                .filter(|(name, _)| {
                    name.eq_ignore_ascii_case("subject") || name.eq_ignore_ascii_case("body")
                })
                .map(|(name, value)| (name.to_ascii_lowercase(), value.into_owned()))
                .collect();
            url.set_query(None);
            if !kept.is_empty() {
                url.query_pairs_mut().extend_pairs(kept);
            }
            Some(url)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::safe_link;

    #[test]
    fn a_mailto_link_keeps_only_its_addresses_subject_and_body() {
        let link = safe_link(
            "mailto:a@example.org?cc=x@evil.example&subject=Vergadering&attach=/etc/passwd&BODY=Tot%20dan&bcc=y@evil.example",
        )
        .unwrap();
        assert_eq!(
            link.as_str(),
            "mailto:a@example.org?subject=Vergadering&body=Tot+dan"
        );
        assert_eq!(
            safe_link("mailto:a@example.org?attach=x").unwrap().as_str(),
            "mailto:a@example.org"
        );
        assert!(safe_link("https://example.org/rapport?x=1").is_some());
        for refused in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "tauri://localhost/",
            "x",
        ] {
            assert!(safe_link(refused).is_none(), "{refused}");
        }
    }
}

/// The app's version, set once in the workspace `Cargo.toml` (the bundle
/// and `tauri.conf.json` take it from there), for Instellingen → Over.
#[tauri::command]
#[specta::specta]
pub fn app_version() -> Result<String, IpcError> {
    Ok(env!("CARGO_PKG_VERSION").to_string())
}

/// Whether *Ongedaan maken* can be offered, and how many steps back.
#[tauri::command]
#[specta::specta]
pub async fn undo_offer(
    state: State<'_, AppState>,
) -> Result<Option<taskforce::store::UndoOffer>, IpcError> {
    blocking(state.store()?, move |store| Ok(store.undo_offer())).await
}

/// Takes back the session's last change, by the store's inverse of it.
#[tauri::command]
#[specta::specta]
pub async fn undo_last(state: State<'_, AppState>) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| store.undo_last()).await
}

//! Exports: the save location is chosen in the system dialog from Rust, with
//! the file name a secretariat would give it; optionally opened afterwards.
//! Slow exports (the term report) tell the window which stage they are in.

use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::message::MessageKey;
use taskforce_export::{Export, Stage};
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

/// Returns false when the dialog was closed without choosing. `progress`
/// receives each stage as it starts.
#[tauri::command]
#[specta::specta]
pub async fn export_to_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    what: Export,
    open_after: bool,
    progress: Channel<Stage>,
) -> Result<bool, IpcError> {
    let store = state.store()?;
    let name = blocking(store.clone(), move |store| what.file_name(store)).await?;
    let extension = name.rsplit('.').next().unwrap_or_default().to_string();
    let title = state.text(MessageKey::DialogExport);
    let chosen = tauri::async_runtime::spawn_blocking(move || {
        app.dialog()
            .file()
            .set_title(title)
            .set_file_name(&name)
            .add_filter(extension.to_uppercase(), &[extension.as_str()])
            .blocking_save_file()
    })
    .await
    .map_err(|_| IpcError::internal(MessageKey::DialogSaveClosed))?;
    let Some(destination) = chosen.and_then(|f| f.into_path().ok()) else {
        return Ok(false);
    };
    let saved = destination.clone();
    blocking(store, move |store| {
        // A window that went away mid-export does not make the export fail.
        what.save_reporting(store, &saved, &mut |stage| {
            let _ = progress.send(stage);
        })
    })
    .await?;
    if open_after {
        tauri_plugin_opener::open_path(&destination, None::<&str>)
            .map_err(|_| IpcError::internal(MessageKey::ExportSavedNoOpener))?;
    }
    Ok(true)
}

//! Exports: the save location is chosen in the system dialog from Rust, with
//! the file name a secretariat would give it; optionally opened afterwards.
//! Slow exports (the term report) tell the window which stage they are in.

use crate::dialogs;
use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::message::MessageKey;
use taskforce_export::{Export, Stage};
use tauri::ipc::Channel;
use tauri::State;

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
    let filter = (extension.to_uppercase(), vec![extension]);
    let Some(destination) = dialogs::save_file(&app, title, name, Some(filter)).await? else {
        return Ok(false);
    };
    let saved = destination.clone();
    blocking(store, move |store| {
        // A window that went away mid-export does not make the export fail.
        what.save_reporting(store, &saved, &mut |stage| {
            let _ = progress.send(stage);
        })
        .map(|_| ())
    })
    .await?;
    if open_after {
        tauri_plugin_opener::open_path(&destination, None::<&str>)
            .map_err(|_| IpcError::internal(MessageKey::ExportSavedNoOpener))?;
    }
    Ok(true)
}

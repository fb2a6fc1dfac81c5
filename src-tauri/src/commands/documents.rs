//! Attached documents: files are picked (or dropped) and opened in Rust, so
//! the webview never gets a path or file-system access.

use crate::dialogs;
use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::domain::{Document, DocumentKind, DocumentTarget, LinkedDocument, VerifyReport};
use taskforce::message::MessageKey;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn documents_of(
    state: State<'_, AppState>,
    target: DocumentTarget,
) -> Result<Vec<LinkedDocument>, IpcError> {
    blocking(state.store()?, move |store| store.documents_of(target)).await
}

/// Opens the system file dialog and attaches every chosen file; `[]` when the
/// dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn attach_documents(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    target: DocumentTarget,
    kind: DocumentKind,
) -> Result<Vec<LinkedDocument>, IpcError> {
    let store = state.store()?;
    let title = state.text(MessageKey::DialogAttachDocument);
    let paths = dialogs::pick_files(&app, title, None).await?;
    blocking(store, move |store| {
        store.attach_documents(&paths, target, kind)
    })
    .await
}

/// Attaches the files last dropped on the window.
#[tauri::command]
#[specta::specta]
pub async fn attach_dropped(
    state: State<'_, AppState>,
    target: DocumentTarget,
    kind: DocumentKind,
) -> Result<Vec<LinkedDocument>, IpcError> {
    let paths = state.take_dropped();
    blocking(state.store()?, move |store| {
        store.attach_documents(&paths, target, kind)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn rename_document(
    state: State<'_, AppState>,
    id: i32,
    title: String,
) -> Result<Document, IpcError> {
    blocking(state.store()?, move |store| {
        store.rename_document(id.into(), &title)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_document_kind(
    state: State<'_, AppState>,
    id: i32,
    kind: DocumentKind,
) -> Result<Document, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_document_kind(id.into(), kind)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_document_confidential(
    state: State<'_, AppState>,
    link: i32,
    confidential: bool,
) -> Result<LinkedDocument, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_document_confidential(link.into(), confidential)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn unlink_document(state: State<'_, AppState>, link: i32) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| {
        store.unlink_document(link.into())
    })
    .await
}

/// Opens a document in the system's default program. A plain folder's
/// stored copy is opened where it lies (a path built from the hash); in an
/// encrypted folder a decrypted copy is written to a private folder that is
/// emptied when the app starts and stops ([`crate::opened`]).
#[tauri::command]
#[specta::specta]
pub async fn open_document(state: State<'_, AppState>, id: i32) -> Result<(), IpcError> {
    let path = blocking(state.store()?, move |store| {
        // A copy, plain or decrypted, in the private runtime folder: the
        // program that shows it never gets (and never edits) the stored one.
        let document = store.document(id.into())?;
        let name = taskforce::content::opened_name(document.id, &document.original_name)?;
        let path = crate::opened::folder()?.join(name);
        store.export_document(id.into(), &path)?;
        Ok(path)
    })
    .await?;
    tauri_plugin_opener::open_path(&path, None::<&str>)
        .map_err(|_| IpcError::internal(MessageKey::DocumentNoOpener))
}

/// Saves a copy where the user chooses in the system dialog.
#[tauri::command]
#[specta::specta]
pub async fn save_document_copy(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: i32,
) -> Result<bool, IpcError> {
    let store = state.store()?;
    let document = blocking(store.clone(), move |store| store.document(id.into())).await?;
    let name = taskforce::files::safe_name(&document.original_name);
    let title = state.text(MessageKey::DialogSaveCopy);
    let Some(destination) = dialogs::save_file(&app, title, name, None).await? else {
        return Ok(false);
    };
    blocking(store, move |store| {
        store.export_document(id.into(), &destination)
    })
    .await?;
    Ok(true)
}

#[tauri::command]
#[specta::specta]
pub async fn verify_documents(state: State<'_, AppState>) -> Result<VerifyReport, IpcError> {
    blocking(state.store()?, |store| store.verify_documents()).await
}

/// Linked documents whose file is missing, for the warning at start.
#[tauri::command]
#[specta::specta]
pub async fn missing_documents(state: State<'_, AppState>) -> Result<Vec<Document>, IpcError> {
    blocking(state.store()?, |store| store.missing_documents()).await
}

/// Puts a meeting's paper under one of its agenda items (or none), for the
/// meeting pack.
#[tauri::command]
#[specta::specta]
pub async fn set_document_agenda_item(
    state: State<'_, AppState>,
    link: i32,
    agenda_item: Option<i32>,
) -> Result<LinkedDocument, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_document_agenda_item(link.into(), agenda_item.map(Into::into))
    })
    .await
}

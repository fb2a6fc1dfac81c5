//! The system's own dialogs, asked from Rust so chosen paths never pass
//! through the webview. Each waits for the user on a blocking thread (GTK's
//! dialogs run a loop of their own) and says "nothing chosen" as `None`.
//! Titles and filter names come in the window's language from the caller.

use crate::IpcError;
use std::path::PathBuf;
use taskforce::message::MessageKey;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

/// Where a file is to be saved, offering `name`; `filter` names the kind
/// and its extensions.
pub async fn save_file(
    app: &AppHandle,
    title: String,
    name: String,
    filter: Option<(String, Vec<String>)>,
) -> Result<Option<PathBuf>, IpcError> {
    let dialog = with_filter(
        app.dialog().file().set_title(title).set_file_name(name),
        filter,
    );
    let chosen = wait(
        move || dialog.blocking_save_file(),
        MessageKey::DialogSaveClosed,
    )
    .await?;
    Ok(chosen.and_then(|f| f.into_path().ok()))
}

/// One file to read.
pub async fn pick_file(
    app: &AppHandle,
    title: String,
    filter: Option<(String, Vec<String>)>,
) -> Result<Option<PathBuf>, IpcError> {
    let dialog = with_filter(app.dialog().file().set_title(title), filter);
    let chosen = wait(
        move || dialog.blocking_pick_file(),
        MessageKey::DialogPickClosed,
    )
    .await?;
    match chosen {
        None => Ok(None),
        Some(file) => file
            .into_path()
            .map(Some)
            .map_err(|_| IpcError::internal(MessageKey::FileNoPath)),
    }
}

/// Any number of files to read (none when the dialog was closed).
pub async fn pick_files(
    app: &AppHandle,
    title: String,
    filter: Option<(String, Vec<String>)>,
) -> Result<Vec<PathBuf>, IpcError> {
    let dialog = with_filter(app.dialog().file().set_title(title), filter);
    let chosen = wait(
        move || dialog.blocking_pick_files(),
        MessageKey::DialogPickClosed,
    )
    .await?;
    Ok(chosen
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect())
}

/// A folder to write into. It starts in the user's documents (or home):
/// GTK's folder dialog opens on "Recent" otherwise, where no folder can be
/// chosen.
pub async fn pick_folder(app: &AppHandle, title: String) -> Result<Option<PathBuf>, IpcError> {
    let start = app
        .path()
        .document_dir()
        .or_else(|_| app.path().home_dir())
        .ok();
    let dialog = app.dialog().file().set_title(title);
    let dialog = match start {
        Some(start) => dialog.set_directory(start),
        None => dialog,
    };
    let chosen = wait(
        move || dialog.blocking_pick_folder(),
        MessageKey::DialogPickClosed,
    )
    .await?;
    Ok(chosen.and_then(|f| f.into_path().ok()))
}

/// A question only the user can answer (the page cannot click it away):
/// whether to go on.
pub async fn confirm(
    app: &AppHandle,
    title: String,
    question: String,
    yes: String,
    no: String,
) -> Result<bool, IpcError> {
    let dialog = app
        .dialog()
        .message(question)
        .title(title)
        .kind(tauri_plugin_dialog::MessageDialogKind::Warning)
        .buttons(tauri_plugin_dialog::MessageDialogButtons::OkCancelCustom(
            yes, no,
        ));
    wait(
        move || dialog.blocking_show(),
        MessageKey::AppCommandAborted,
    )
    .await
}

fn with_filter<R: tauri::Runtime>(
    dialog: FileDialogBuilder<R>,
    filter: Option<(String, Vec<String>)>,
) -> FileDialogBuilder<R> {
    match filter {
        Some((name, extensions)) => {
            let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
            dialog.add_filter(name, &extensions)
        }
        None => dialog,
    }
}

async fn wait<T: Send + 'static>(
    show: impl FnOnce() -> T + Send + 'static,
    closed: MessageKey,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(show)
        .await
        .map_err(|_| IpcError::internal(closed))
}

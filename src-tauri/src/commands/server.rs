//! Which record the window uses: the data folder on this computer or the
//! shared server. Choosing a server connects first (and brings its schema
//! up to date) and only then keeps the choice; going back leaves the
//! server as it is and opens the folder again.

use crate::dialogs;
use crate::state::{blocking, off_runtime, Folder};
use crate::{AppState, IpcError};
use taskforce::message::{Message, MessageKey};
use taskforce::msg;
use tauri::{Manager, State};

/// Connects to the server at `address` with `password` and makes it the
/// window's record; the password is kept in the keychain.
#[tauri::command]
#[specta::specta]
pub async fn use_server(
    app: tauri::AppHandle,
    address: String,
    password: String,
) -> Result<(), IpcError> {
    let password = zeroize::Zeroizing::new(password);
    off_runtime(move || {
        let state = app.state::<AppState>();
        let store = taskforce_folder::server::choose(
            &state.data_dir()?,
            &address,
            &password,
            state.clock.clone(),
        )?;
        state.switch_to(Folder::on_server(store));
        Ok(())
    })
    .await
}

/// *Naar de server verhuizen*: the folder's whole record copied into the
/// server's empty database, which then becomes the window's record.
#[tauri::command]
#[specta::specta]
pub async fn move_to_server(
    app: tauri::AppHandle,
    address: String,
    password: String,
) -> Result<taskforce::store::transfer::Copied, IpcError> {
    let password = zeroize::Zeroizing::new(password);
    off_runtime(move || {
        let state = app.state::<AppState>();
        let from = state.store()?;
        let (store, copied) = taskforce_folder::server::move_to(
            &state.data_dir()?,
            &address,
            &password,
            &from,
            state.clock.clone(),
        )?;
        state.switch_to(Folder::on_server(store));
        Ok(copied)
    })
    .await
}

/// *Kopie als bestand*: the server's whole record copied into a new
/// database file where the user chooses (the core refuses an existing
/// file and leaves none behind when the copy fails); what was copied, said
/// as the CLI says it, or `None` when the dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn copy_record_to_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<Message>, IpcError> {
    let store = state.store()?;
    let title = state.text(MessageKey::DialogCopyRecord);
    let name = format!(
        "taskforce-kopie-{}.sqlite3",
        taskforce::calendar::to_amsterdam(state.clock.now()).format("%Y-%m-%d")
    );
    let filter = Some(("SQLite".to_string(), vec!["sqlite3".to_string()]));
    let Some(destination) = dialogs::save_file(&app, title, name, filter).await? else {
        return Ok(None);
    };
    blocking(store, move |store| {
        let copied = store.copy_record_to_new_file(&destination)?;
        Ok(Some(msg!(
            CliCopiedToFile,
            rows = copied.rows,
            entries = copied.entries,
            path = destination.display().to_string()
        )))
    })
    .await
}

/// Back to the data folder on this computer.
#[tauri::command]
#[specta::specta]
pub async fn use_local(app: tauri::AppHandle) -> Result<(), IpcError> {
    off_runtime(move || {
        let state = app.state::<AppState>();
        taskforce_folder::server::forget(&state.data_dir()?)?;
        state.switch_to(Folder::open(Some(&state.database_path()?), &state.clock));
        Ok(())
    })
    .await
}

/// The settings' fields for a server as the address it is kept by (the
/// core writes and checks it).
#[tauri::command]
#[specta::specta]
pub fn server_address(fields: taskforce::store::server::ServerFields) -> Result<String, IpcError> {
    Ok(fields.address()?)
}

/// *Verbinding testen*: connects to the server at `address` and says what
/// the app would find there, changing nothing.
#[tauri::command]
#[specta::specta]
pub async fn test_server(
    address: String,
    password: String,
) -> Result<taskforce::message::Message, IpcError> {
    let password = zeroize::Zeroizing::new(password);
    off_runtime(move || Ok(taskforce_folder::server::test(&address, &password)?)).await
}

/// A certificate or key file for the server settings, chosen in the
/// system's dialog; its path is kept in the server's address.
#[tauri::command]
#[specta::specta]
pub async fn pick_certificate(
    app: tauri::AppHandle,
    title: String,
) -> Result<Option<String>, IpcError> {
    let filter = Some((
        "PEM".to_string(),
        ["pem", "crt", "cer", "key"].map(String::from).to_vec(),
    ));
    let chosen = crate::dialogs::pick_file(&app, title, filter).await?;
    Ok(chosen.map(|path| path.display().to_string()))
}

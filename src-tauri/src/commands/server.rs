//! Which record the window uses: the data folder on this computer or the
//! shared server. Choosing a server connects first (and brings its schema
//! up to date) and only then keeps the choice; going back leaves the
//! server as it is and opens the folder again.

use crate::state::{off_runtime, Folder};
use crate::{AppState, IpcError};
use std::sync::Arc;
use taskforce::message::MessageKey;
use tauri::Manager;

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
        let database = state.database_path()?;
        let data_dir = database
            .parent()
            .ok_or_else(|| IpcError::internal(MessageKey::DataFolderNone))?;
        let store =
            taskforce_folder::server::choose(data_dir, &address, &password, state.clock.clone())?;
        state.switch_to(Folder::Open {
            store: Arc::new(store),
            key: None,
            keychain_problem: None,
        });
        Ok(())
    })
    .await
}

/// Back to the data folder on this computer.
#[tauri::command]
#[specta::specta]
pub async fn use_local(app: tauri::AppHandle) -> Result<(), IpcError> {
    off_runtime(move || {
        let state = app.state::<AppState>();
        let database = state.database_path()?;
        if let Some(data_dir) = database.parent() {
            taskforce_folder::server::forget(data_dir)?;
        }
        state.switch_to(Folder::open(Some(&database), &state.clock));
        Ok(())
    })
    .await
}

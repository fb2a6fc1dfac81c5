//! Where the data lives and whether it could be opened.

use crate::{AppState, IpcError};
use serde::Serialize;
use tauri::State;

#[derive(Serialize, specta::Type)]
pub struct DatabaseStatus {
    pub path: Option<String>,
    /// Why the database could not be opened (newer version, damaged file).
    pub problem: Option<IpcError>,
}

#[tauri::command]
#[specta::specta]
pub async fn database_status(state: State<'_, AppState>) -> Result<DatabaseStatus, IpcError> {
    Ok(DatabaseStatus {
        path: state.database.as_ref().map(|p| p.display().to_string()),
        problem: state.open_error(),
    })
}

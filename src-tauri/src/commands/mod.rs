//! The commands the webview may call, one module per screen area. Every
//! command converts its input, makes one core call on a blocking thread
//! ([`crate::state::blocking`]) and returns the core's result.

pub mod app;
pub mod documents;
pub mod encryption;
pub mod exports;
pub mod meetings;
pub mod minutes;
pub mod partners;
pub mod sending;
pub mod subjects;
pub mod term;

use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::domain::*;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn overview(state: State<'_, AppState>) -> Result<Overview, IpcError> {
    blocking(state.store()?, |store| store.overview()).await
}

#[tauri::command]
#[specta::specta]
pub async fn search(state: State<'_, AppState>, query: String) -> Result<Vec<SearchHit>, IpcError> {
    blocking(state.store()?, move |store| store.search(&query, 100)).await
}

#[tauri::command]
#[specta::specta]
pub async fn tags(state: State<'_, AppState>) -> Result<Vec<TagUse>, IpcError> {
    blocking(state.store()?, |store| store.tags()).await
}

/// Minutes preview: Markdown to HTML with raw HTML escaped and unsafe links
/// removed, so the webview may show it as markup.
#[tauri::command]
#[specta::specta]
pub async fn render_markdown(markdown: String) -> Result<String, IpcError> {
    Ok(taskforce::markdown::to_safe_html(&markdown))
}

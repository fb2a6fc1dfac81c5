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
pub mod server;
pub mod subjects;
pub mod term;

use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::domain::*;
use tauri::ipc::Channel;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn overview(state: State<'_, AppState>) -> Result<Overview, IpcError> {
    blocking(state.store()?, |store| store.overview()).await
}

/// Searches everything; the hits come on `found`, the best screenful first
/// and the rest after it (reading the rest is most of a search's time).
#[tauri::command]
#[specta::specta]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    found: Channel<Vec<SearchHit>>,
) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| {
        store.search_in_parts(&query, SHOWN_HITS, FIRST_HITS, |hits| {
            // Fails only when the page that asked is gone.
            if let Err(error) = found.send(hits) {
                tracing::debug!(%error, "zoekresultaten niet afgeleverd");
            }
        })
    })
    .await
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

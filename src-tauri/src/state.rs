//! What the app holds while it runs: the store, or why it could not be opened
//! (a newer or damaged database) so the window can say so instead of crashing.

use crate::IpcError;
use std::path::PathBuf;
use std::sync::Arc;
use taskforce::{Clock, Error, Store};

pub struct AppState {
    pub database: Option<PathBuf>,
    store: Result<Arc<Store>, IpcError>,
    /// Files last dropped on the window. Kept here so their paths never pass
    /// through the webview; the UI only says where to attach them.
    pub dropped: std::sync::Mutex<Vec<PathBuf>>,
}

impl AppState {
    pub fn open(clock: Arc<dyn Clock>) -> AppState {
        let database = taskforce::paths::default_database();
        let store = match &database {
            Some(path) => Store::open(path, clock)
                .map(Arc::new)
                .map_err(IpcError::from),
            None => Err(IpcError::from(Error::validation(
                "database",
                "geen gegevensmap gevonden voor deze gebruiker",
            ))),
        };
        AppState {
            database,
            store,
            dropped: std::sync::Mutex::new(Vec::new()),
        }
    }

    pub fn store(&self) -> Result<Arc<Store>, IpcError> {
        self.store.clone()
    }

    pub fn open_error(&self) -> Option<IpcError> {
        self.store.as_ref().err().cloned()
    }
}

/// Runs a core call on a blocking thread so SQLite and file I/O never hold up
/// the async runtime or the window.
pub async fn blocking<T, F>(store: Arc<Store>, call: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> taskforce::Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || call(&store))
        .await
        .map_err(|_| IpcError::internal("de opdracht is onverwacht afgebroken"))?
        .map_err(IpcError::from)
}

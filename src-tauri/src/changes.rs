//! On the shared server, other windows' changes reach this one: a thread
//! of its own listens (`Store::changes`) and tells the webview
//! (`record-changed`), which reloads what it shows — or, while a form is
//! being edited, says so and reloads when asked. The thread ends when the
//! store it listens for is closed (a switch to the folder or another
//! server); a lost connection is listened on again every few seconds.

use std::sync::{Arc, Weak};
use std::time::Duration;
use taskforce::Store;
use tauri::Emitter;

/// The event the webview listens for.
pub const EVENT: &str = "record-changed";

/// How long one wait lasts: also how soon a closed store's thread ends.
const PATIENCE: Duration = Duration::from_secs(1);

/// Starts listening for changes to `store` by others; nothing for a store
/// on the file. Blocking (it connects): called off the async runtime.
pub fn watch(app: tauri::AppHandle, store: &Arc<Store>) {
    let Ok(Some(mut changes)) = store.changes() else {
        return;
    };
    let store: Weak<Store> = Arc::downgrade(store);
    let _ = std::thread::Builder::new()
        .name("changes".into())
        .spawn(move || loop {
            if store.strong_count() == 0 {
                break;
            }
            match changes.wait(PATIENCE) {
                Ok(true) => {
                    let _ = app.emit(EVENT, ());
                }
                Ok(false) => {}
                Err(error) => {
                    tracing::warn!(error = error.log_detail(), "luisteren naar wijzigingen");
                    std::thread::sleep(PATIENCE * 5);
                    let again = store.upgrade().map(|store| store.changes());
                    match again {
                        None => break,
                        Some(Ok(Some(listening))) => {
                            changes = listening;
                            // What changed meanwhile was not heard.
                            let _ = app.emit(EVENT, ());
                        }
                        Some(_) => {}
                    }
                }
            }
        });
}

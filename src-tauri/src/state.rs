//! What the app holds while it runs: the store, or why it could not be opened
//! (a newer, foreign or damaged database, or an encrypted one whose key the
//! keychain does not have) so the window can say so instead of crashing.
//! The store can be replaced while the app runs (restore from a backup), so
//! it sits behind a lock that is only held to clone or swap it.
//!
//! Opening happens on a thread of its own, begun before the window is made:
//! a first start makes the folder's key, keeps it in the keychain (a D-Bus
//! round trip) and creates the database, which would otherwise all come
//! before the first paint. The first call that needs the result waits for
//! it; by the time the page has loaded it is done.

use crate::IpcError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::msg;
use taskforce::store::Opened;
use taskforce::{Clock, Error, Lang, Message, Store};
use taskforce_keychain::{Access, Missing};

/// A damaged database found at start, and what can replace it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Quarantine {
    /// Where the damaged file was moved (never deleted).
    pub moved_to: String,
    /// The newest backup that passed its check, if any.
    pub backup: Option<String>,
}

pub struct AppState {
    pub database: Option<PathBuf>,
    pub clock: Arc<dyn Clock>,
    /// The opening begun at launch, until the first call that needs what it
    /// found takes its result into the fields below.
    opening: Mutex<Opening>,
    store: RwLock<Result<Arc<Store>, IpcError>>,
    quarantine: Mutex<Option<(Quarantine, Option<PathBuf>)>>,
    /// Files last dropped on the window. Kept here so their paths never pass
    /// through the webview; the UI only says where to attach them.
    pub dropped: Mutex<Vec<PathBuf>>,
    /// The language the window shows, so what the shell itself says (dialog
    /// titles, file-type names) is in the same one.
    lang: Mutex<Lang>,
    /// The data folder's key, when it is encrypted and unlocked.
    key: Mutex<Option<DataKey>>,
    /// A key made for encrypting a plain folder, shown as recovery key and
    /// not yet used.
    pending_key: Mutex<Option<DataKey>>,
    /// Why the recovery key is needed: the folder is encrypted and the
    /// keychain gave no key.
    locked: Mutex<Option<Missing>>,
    /// Why the keychain could not keep the key (so it is asked at each start).
    keychain_problem: Mutex<Option<Missing>>,
}

/// Where opening the data folder is.
enum Opening {
    NotBegun,
    Running(JoinHandle<Started>),
    Done,
}

/// What opening the data folder at launch found.
struct Started {
    start: StartKey,
    store: Result<Arc<Store>, IpcError>,
    quarantine: Option<(Quarantine, Option<PathBuf>)>,
}

/// What the data folder needs at start.
#[derive(Default)]
struct StartKey {
    key: Option<DataKey>,
    /// Why the recovery key is needed (encrypted, and no key from the
    /// keychain).
    locked: Option<Missing>,
    /// Why the keychain could not keep a new folder's key.
    keychain_problem: Option<Missing>,
}

/// Finds the data folder's key at start: a new folder gets one (encrypted
/// from its first byte), an encrypted one gets its key from the keychain
/// (finishing an encryption that was cut off), or the recovery key is
/// needed.
fn unlock_at_start(path: &Path, clock: &Arc<dyn Clock>) -> taskforce::Result<StartKey> {
    let Some(marker) = FolderEncryption::read(path)? else {
        if FolderEncryption::lost(path)? {
            // Encrypted, its marker gone: the recovery key, never "damaged".
            return Ok(StartKey {
                locked: Some(Missing::MarkerMissing),
                ..StartKey::default()
            });
        }
        if path.exists() {
            return Ok(StartKey::default());
        }
        let (key, keychain_problem) = taskforce_keychain::new_folder(path)?;
        return Ok(StartKey {
            key: Some(key),
            keychain_problem,
            ..StartKey::default()
        });
    };
    Ok(match taskforce_keychain::access_with(&marker) {
        Access::Plain => StartKey::default(),
        Access::Key(key) => {
            if marker.converting {
                taskforce::store::encrypt_folder(path, &key, clock.clone())?;
            }
            StartKey {
                key: Some(key),
                ..StartKey::default()
            }
        }
        Access::NeedsRecoveryKey(why) => StartKey {
            locked: Some(why),
            ..StartKey::default()
        },
    })
}

/// Opens the data folder of `database`: its key first (see
/// [`unlock_at_start`]), then the store, setting a damaged file aside.
fn open_folder(database: Option<&Path>, clock: &Arc<dyn Clock>) -> Started {
    let begun = Instant::now();
    // A data folder from an earlier version was made 0755.
    if let Some(folder) = database.and_then(|d| d.parent()) {
        let _ = taskforce::private::restrict_dir(folder);
    }
    let (start, opened) = match database {
        None => (
            StartKey::default(),
            Err(Error::validation(
                Field::Database,
                MessageKey::DataFolderNone,
            )),
        ),
        Some(path) => match unlock_at_start(path, clock) {
            Err(error) => (StartKey::default(), Err(error)),
            Ok(start) if start.locked.is_some() => {
                (start, Err(Error::Locked(MessageKey::DataLocked.into())))
            }
            Ok(start) => {
                let opened =
                    taskforce::store::open_or_quarantine(path, clock.clone(), start.key.as_ref());
                (start, opened)
            }
        },
    };
    let mut quarantine = None;
    let store = match opened {
        Ok(Opened::Ready(store)) => Ok(Arc::new(store)),
        Ok(Opened::Quarantined { moved_to, backup }) => {
            quarantine = Some((
                Quarantine {
                    moved_to: moved_to.display().to_string(),
                    backup: backup.as_ref().map(|b| b.display().to_string()),
                },
                backup,
            ));
            Err(IpcError::from(Error::Damaged(msg!(
                DatabaseSetAside,
                path = &moved_to
            ))))
        }
        Err(error) => Err(IpcError::from(error)),
    };
    let took_ms = begun.elapsed().as_millis() as u64;
    match &store {
        Ok(store) => tracing::info!(
            version = env!("CARGO_PKG_VERSION"),
            read_only = store.is_read_only(),
            took_ms,
            "gestart"
        ),
        Err(error) => tracing::warn!(
            version = env!("CARGO_PKG_VERSION"),
            error = ?error.code,
            took_ms,
            "gestart zonder database"
        ),
    }
    Started {
        start,
        store,
        quarantine,
    }
}

impl AppState {
    /// The app's state, its data folder not opened yet: see
    /// [`AppState::begin_opening`].
    pub fn new(clock: Arc<dyn Clock>) -> AppState {
        AppState {
            opening: Mutex::new(Opening::NotBegun),
            database: taskforce::paths::default_database(),
            clock,
            store: RwLock::new(Err(IpcError::internal(MessageKey::AppCommandAborted))),
            quarantine: Mutex::new(None),
            dropped: Mutex::new(Vec::new()),
            lang: Mutex::new(Lang::Nl),
            key: Mutex::new(None),
            pending_key: Mutex::new(None),
            locked: Mutex::new(None),
            keychain_problem: Mutex::new(None),
        }
    }

    /// Begins opening the data folder on a thread of its own and returns at
    /// once. Called from the app's setup, after the single-instance check: a
    /// second start hands over and exits, and must not be half-way through
    /// SQLCipher when it does.
    pub fn begin_opening(&self) {
        let mut opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
        if !matches!(*opening, Opening::NotBegun) {
            return;
        }
        let database = self.database.clone();
        let clock = self.clock.clone();
        // No thread to be had: it stays not begun, and the first call that
        // needs the folder opens it (`opened`).
        if let Ok(handle) = std::thread::Builder::new()
            .name("opening".into())
            .spawn(move || open_folder(database.as_deref(), &clock))
        {
            *opening = Opening::Running(handle);
        }
    }

    /// Waits for the opening, once (or opens here if it was never begun);
    /// after that it returns at once. Callers that come meanwhile wait on
    /// the same lock.
    fn opened(&self) {
        let mut opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
        match std::mem::replace(&mut *opening, Opening::Done) {
            Opening::Done => {}
            Opening::NotBegun => self.take(open_folder(self.database.as_deref(), &self.clock)),
            Opening::Running(handle) => {
                let started = handle.join().unwrap_or_else(|_| Started {
                    start: StartKey::default(),
                    store: Err(IpcError::internal(MessageKey::AppCommandAborted)),
                    quarantine: None,
                });
                self.take(started);
            }
        }
    }

    fn take(&self, started: Started) {
        *self.store.write().unwrap_or_else(|p| p.into_inner()) = started.store;
        *self.quarantine.lock().unwrap_or_else(|p| p.into_inner()) = started.quarantine;
        *self.key.lock().unwrap_or_else(|p| p.into_inner()) = started.start.key;
        *self.locked.lock().unwrap_or_else(|p| p.into_inner()) = started.start.locked;
        *self
            .keychain_problem
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = started.start.keychain_problem;
    }

    /// The damaged database set aside at start, and the backup that can
    /// replace it.
    pub fn quarantine(&self) -> Option<(Quarantine, Option<PathBuf>)> {
        self.opened();
        self.quarantine
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Why the recovery key is needed, while it is.
    pub fn locked(&self) -> Option<Missing> {
        self.opened();
        self.locked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Why the keychain could not keep the folder's key, if it could not.
    pub fn keychain_problem(&self) -> Option<Missing> {
        self.opened();
        self.keychain_problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_keychain_problem(&self, problem: Option<Missing>) {
        self.opened();
        *self
            .keychain_problem
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = problem;
    }

    /// The folder's key, when encrypted and unlocked.
    pub fn key(&self) -> Option<DataKey> {
        self.opened();
        self.key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Opens the folder with `key` (from the recovery key): finishes an
    /// encryption that was cut off, opens the store, and from then on uses
    /// the key for restores.
    pub fn unlock(&self, key: DataKey) -> Result<(), IpcError> {
        self.opened();
        let path = self.database_path()?;
        let marker = FolderEncryption::read(&path).map_err(IpcError::from)?;
        if marker.as_ref().is_some_and(|m| m.converting) {
            taskforce::store::encrypt_folder(&path, &key, self.clock.clone())
                .map_err(IpcError::from)?;
        }
        let store =
            Store::open_keyed(&path, self.clock.clone(), Some(&key)).map_err(IpcError::from)?;
        *self.store.write().unwrap_or_else(|p| p.into_inner()) = Ok(Arc::new(store));
        *self.key.lock().unwrap_or_else(|p| p.into_inner()) = Some(key);
        *self.locked.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }

    pub fn pending_key(&self) -> Option<DataKey> {
        self.pending_key
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn set_pending_key(&self, key: Option<DataKey>) {
        *self.pending_key.lock().unwrap_or_else(|p| p.into_inner()) = key;
    }

    /// Sets the key a folder now has (after encrypting it).
    pub fn set_key(&self, key: DataKey) {
        self.opened();
        *self.key.lock().unwrap_or_else(|p| p.into_inner()) = Some(key);
    }

    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
    }

    /// A sentence of the shell's own in the window's language.
    pub fn text(&self, key: MessageKey) -> String {
        Message::new(key).render(self.lang())
    }

    pub fn store(&self) -> Result<Arc<Store>, IpcError> {
        self.opened();
        self.store.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn open_error(&self) -> Option<IpcError> {
        self.store().err()
    }

    pub fn database_path(&self) -> Result<PathBuf, IpcError> {
        self.database.clone().ok_or_else(|| {
            IpcError::from(Error::validation(
                Field::Database,
                MessageKey::DataFolderNone,
            ))
        })
    }

    /// Closes the store (waiting briefly for running calls to let go of it),
    /// runs `replace` on the database file, and opens whatever is there after.
    pub fn reopen_after<T>(
        &self,
        replace: impl FnOnce(&Path) -> taskforce::Result<T>,
    ) -> Result<T, IpcError> {
        let path = self.database_path()?;
        self.opened();
        let mut slot = self.store.write().unwrap_or_else(|p| p.into_inner());
        if let Ok(store) = std::mem::replace(
            &mut *slot,
            Err(IpcError::internal(MessageKey::AppRestoring)),
        ) {
            let deadline = Instant::now() + Duration::from_secs(5);
            let mut store = store;
            loop {
                match Arc::try_unwrap(store) {
                    Ok(closed) => {
                        drop(closed);
                        break;
                    }
                    Err(shared) if Instant::now() < deadline => {
                        store = shared;
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Err(shared) => {
                        *slot = Ok(shared);
                        return Err(IpcError::internal(MessageKey::DatabaseInUse));
                    }
                }
            }
        }
        let outcome = replace(&path);
        let key = self.key();
        *slot = Store::open_keyed(&path, self.clock.clone(), key.as_ref())
            .map(Arc::new)
            .map_err(IpcError::from);
        if slot.is_ok() {
            *self.quarantine.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
        outcome.map_err(IpcError::from)
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
        .map_err(|_| IpcError::internal(MessageKey::AppCommandAborted))?
        .map_err(IpcError::from)
}

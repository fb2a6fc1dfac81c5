//! What the app holds while it runs: the data folder in one of its states
//! ([`Folder`]) behind one lock, and what the window's session adds (its
//! language, files just dropped, a key made for encrypting and not yet
//! used) behind another.
//!
//! The folder is opened on a thread of its own, begun before the window is
//! made: a first start makes the folder's key, keeps it in the keychain (a
//! D-Bus round trip) and creates the database, which would otherwise all
//! come before the first paint. The first call that needs the folder waits
//! for it; by the time the page has loaded it is done. Which key the folder
//! needs is decided by the `taskforce_folder` crate, as for the CLI.
//!
//! "Locked means no store" is in the types: only [`Folder::Open`] has one.
//! A restore or an encryption takes the store out ([`Folder::Replacing`]),
//! waits — without the lock — for running calls to let go of it, replaces
//! the file and opens what is there after.

use crate::IpcError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use taskforce::encryption::DataKey;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::msg;
use taskforce::store::Opened;
use taskforce::{Clock, Error, Lang, Message, Store};
use taskforce_folder::{Access, Given, Keychain, Missing};

/// A damaged database found at start, and what can replace it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Quarantine {
    /// Where the damaged file was moved (never deleted).
    pub moved_to: String,
    /// The newest backup that passed its check, if any.
    pub backup: Option<String>,
}

/// The data folder, as far as the app has got with it.
pub enum Folder {
    /// Being opened on the thread begun at launch (`None`: not begun yet,
    /// opened by the first call that needs it).
    Opening(Option<JoinHandle<Folder>>),
    /// Open: the store, the folder's key when it is encrypted, and why the
    /// keychain could not keep that key (asked at every start then).
    Open {
        store: Arc<Store>,
        key: Option<DataKey>,
        keychain_problem: Option<Missing>,
    },
    /// Encrypted, and the keychain gave no key: the recovery key is needed.
    Locked(Missing),
    /// The database was damaged and moved aside; the newest verified backup
    /// (if any) can replace it.
    SetAside {
        quarantine: Quarantine,
        backup: Option<PathBuf>,
        key: Option<DataKey>,
    },
    /// It could not be opened (a newer or foreign database, no data folder).
    Failed(IpcError),
    /// Closed while its file is replaced (a restore, an encryption).
    Replacing,
}

impl Folder {
    /// Opens the data folder of `database`: which key it needs (a new
    /// folder gets one, an encryption cut off is finished), then the store,
    /// a damaged file set aside.
    pub fn open(database: Option<&Path>, clock: &Arc<dyn Clock>) -> Folder {
        let begun = Instant::now();
        let folder = match database {
            None => Folder::Failed(IpcError::from(Error::validation(
                Field::Database,
                MessageKey::DataFolderNone,
            ))),
            Some(path) => match server_chosen(path) {
                // The shared server chosen in the settings: the folder on
                // this computer stays as it was, unused.
                Some(address) => Folder::open_server(&address, clock),
                None => Folder::open_at(path, clock).unwrap_or_else(|e| Folder::Failed(e.into())),
            },
        };
        let took_ms = begun.elapsed().as_millis() as u64;
        match &folder {
            Folder::Open { store, .. } => tracing::info!(
                version = env!("CARGO_PKG_VERSION"),
                read_only = store.is_read_only(),
                took_ms,
                "gestart"
            ),
            _ => tracing::warn!(
                version = env!("CARGO_PKG_VERSION"),
                state = folder.name(),
                took_ms,
                "gestart zonder database"
            ),
        }
        folder
    }

    /// The record on the shared server at `address`, its password from the
    /// keychain.
    pub fn open_server(address: &str, clock: &Arc<dyn Clock>) -> Folder {
        match taskforce_folder::server::open_chosen(address, clock.clone()) {
            Ok(store) => Folder::on_server(store),
            Err(error) => Folder::Failed(error.into()),
        }
    }

    /// Open on the shared server: no folder key, no keychain problem.
    pub fn on_server(store: Store) -> Folder {
        Folder::Open {
            store: Arc::new(store),
            key: None,
            keychain_problem: None,
        }
    }

    fn open_at(path: &Path, clock: &Arc<dyn Clock>) -> taskforce::Result<Folder> {
        // A data folder from an earlier version was made 0755.
        if let Some(parent) = path.parent() {
            let _ = taskforce::private::restrict_dir(parent);
        }
        let (access, keychain_problem) = if taskforce_folder::is_new(path)? {
            taskforce_folder::create(path)?
        } else {
            (taskforce_folder::open(path, &Keychain)?, None)
        };
        let access = match access {
            Access::Locked(why) => return Ok(Folder::Locked(why)),
            Access::Converting(key) => taskforce_folder::finish(path, key, clock.clone())?,
            access => access,
        };
        let key = match &access {
            Access::Keyed { key, .. } => Some(key.clone()),
            _ => None,
        };
        Ok(
            match taskforce_folder::open_store(path, &access, clock.clone())? {
                Opened::Ready(store) => Folder::Open {
                    store: Arc::new(store),
                    key,
                    keychain_problem,
                },
                Opened::Quarantined { moved_to, backup } => Folder::SetAside {
                    quarantine: Quarantine {
                        moved_to: moved_to.display().to_string(),
                        backup: backup.as_ref().map(|b| b.display().to_string()),
                    },
                    backup,
                    key,
                },
            },
        )
    }

    /// Opens the folder with the recovery key the user typed: a key that
    /// does not fit is refused and the folder stays locked; an encryption
    /// cut off is finished.
    pub fn unlock(path: &Path, key: DataKey, clock: &Arc<dyn Clock>) -> Result<Folder, IpcError> {
        let access = taskforce_folder::open(path, &Given(key))?;
        let access = match access {
            Access::Locked(_) => {
                return Err(IpcError::from(Error::validation(
                    Field::RecoveryKey,
                    MessageKey::DataWrongKey,
                )))
            }
            Access::Converting(key) => taskforce_folder::finish(path, key, clock.clone())?,
            access => access,
        };
        let store = taskforce_folder::open_store_strict(path, &access, clock.clone())?;
        let key = match access {
            Access::Keyed { key, .. } => Some(key),
            _ => None,
        };
        // Kept in the keychain, so the next start needs nothing.
        let keychain_problem = match &key {
            Some(key) => taskforce_folder::remember(path, key)?,
            None => None,
        };
        Ok(Folder::Open {
            store: Arc::new(store),
            key,
            keychain_problem,
        })
    }

    /// The store, or why there is none.
    pub fn store(&self) -> Result<Arc<Store>, IpcError> {
        match self {
            Folder::Open { store, .. } => Ok(store.clone()),
            Folder::Locked(_) => Err(IpcError::from(Error::Locked(MessageKey::DataLocked.into()))),
            Folder::SetAside { quarantine, .. } => Err(IpcError::from(Error::Damaged(msg!(
                DatabaseSetAside,
                path = quarantine.moved_to.as_str()
            )))),
            Folder::Failed(error) => Err(error.clone()),
            Folder::Replacing => Err(IpcError::internal(MessageKey::AppRestoring)),
            Folder::Opening(_) => Err(IpcError::internal(MessageKey::AppCommandAborted)),
        }
    }

    /// The folder's key, when it is encrypted and unlocked.
    pub fn key(&self) -> Option<DataKey> {
        match self {
            Folder::Open { key, .. } | Folder::SetAside { key, .. } => key.clone(),
            _ => None,
        }
    }

    /// A name for the log.
    fn name(&self) -> &'static str {
        match self {
            Folder::Opening(_) => "opening",
            Folder::Open { .. } => "open",
            Folder::Locked(_) => "locked",
            Folder::SetAside { .. } => "set aside",
            Folder::Failed(_) => "failed",
            Folder::Replacing => "replacing",
        }
    }
}

/// What the window's session adds to the folder.
#[derive(Default)]
struct Session {
    /// The language the window shows, so what the shell itself says (dialog
    /// titles, file-type names) is in the same one.
    lang: Lang,
    /// Files last dropped on the window. Kept here so their paths never pass
    /// through the webview; the UI only says where to attach them.
    dropped: Vec<PathBuf>,
    /// A key made for encrypting a plain folder, shown as recovery key and
    /// not yet used.
    pending_key: Option<DataKey>,
}

/// How long a restore or an encryption waits for calls still running to let
/// go of the store before it gives up (and changes nothing).
pub const PATIENCE: Duration = Duration::from_secs(5);

pub struct AppState {
    pub database: Option<PathBuf>,
    pub clock: Arc<dyn Clock>,
    folder: Mutex<Folder>,
    session: Mutex<Session>,
    /// The store whose changes by others a thread listens for (the shared
    /// server's; see `changes`).
    watched: Mutex<std::sync::Weak<Store>>,
}

/// The server chosen for the data folder of `database`.
fn server_chosen(database: &Path) -> Option<String> {
    database.parent().and_then(taskforce_folder::server::chosen)
}

/// A lock whose holder panicked still guards consistent data here (every
/// change is one assignment), so it is taken over rather than passed on.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

impl AppState {
    /// The app's state, its data folder not opened yet: see
    /// [`AppState::begin_opening`].
    pub fn new(clock: Arc<dyn Clock>) -> AppState {
        AppState::at(taskforce::paths::default_database(), clock)
    }

    /// The state for the data folder of `database`.
    pub fn at(database: Option<PathBuf>, clock: Arc<dyn Clock>) -> AppState {
        AppState {
            database,
            clock,
            folder: Mutex::new(Folder::Opening(None)),
            session: Mutex::new(Session::default()),
            watched: Mutex::new(std::sync::Weak::new()),
        }
    }

    /// Begins opening the data folder on a thread of its own and returns at
    /// once. Called from the app's setup, after the single-instance check: a
    /// second start hands over and exits, and must not be half-way through
    /// SQLCipher when it does.
    pub fn begin_opening(&self) {
        let mut folder = lock(&self.folder);
        if !matches!(*folder, Folder::Opening(None)) {
            return;
        }
        let database = self.database.clone();
        let clock = self.clock.clone();
        // No thread to be had: it stays not begun, and the first call that
        // needs the folder opens it.
        if let Ok(handle) = std::thread::Builder::new()
            .name("opening".into())
            .spawn(move || Folder::open(database.as_deref(), &clock))
        {
            *folder = Folder::Opening(Some(handle));
        }
    }

    /// The folder, once opened: the first caller waits for the opening (or
    /// opens it here if it was never begun), those that come meanwhile wait
    /// on the same lock.
    fn folder(&self) -> MutexGuard<'_, Folder> {
        let mut folder = lock(&self.folder);
        if let Folder::Opening(opening) = &mut *folder {
            *folder = match opening.take() {
                Some(handle) => handle.join().unwrap_or_else(|_| {
                    Folder::Failed(IpcError::internal(MessageKey::AppCommandAborted))
                }),
                None => Folder::open(self.database.as_deref(), &self.clock),
            };
        }
        folder
    }

    pub fn store(&self) -> Result<Arc<Store>, IpcError> {
        self.folder().store()
    }

    pub fn open_error(&self) -> Option<IpcError> {
        self.store().err()
    }

    /// The damaged database set aside at start, and the backup that can
    /// replace it.
    pub fn quarantine(&self) -> Option<(Quarantine, Option<PathBuf>)> {
        match &*self.folder() {
            Folder::SetAside {
                quarantine, backup, ..
            } => Some((quarantine.clone(), backup.clone())),
            _ => None,
        }
    }

    /// Why the recovery key is needed, while it is.
    pub fn locked(&self) -> Option<Missing> {
        match &*self.folder() {
            Folder::Locked(why) => Some(why.clone()),
            _ => None,
        }
    }

    /// Why the keychain could not keep the folder's key, if it could not.
    pub fn keychain_problem(&self) -> Option<Missing> {
        match &*self.folder() {
            Folder::Open {
                keychain_problem, ..
            } => keychain_problem.clone(),
            _ => None,
        }
    }

    /// The folder's key, when encrypted and unlocked.
    pub fn key(&self) -> Option<DataKey> {
        self.folder().key()
    }

    /// Why the keychain could not keep the open folder's key (after it was
    /// encrypted), or `None` now that it could.
    pub fn set_keychain_problem(&self, problem: Option<Missing>) {
        if let Folder::Open {
            keychain_problem, ..
        } = &mut *self.folder()
        {
            *keychain_problem = problem;
        }
    }

    /// Opens the locked folder with `key` (from the recovery key). Does file
    /// work: call it off the async runtime.
    pub fn unlock(&self, key: DataKey) -> Result<(), IpcError> {
        let path = self.database_path()?;
        if !matches!(*self.folder(), Folder::Locked(_)) {
            return Err(IpcError::from(Error::conflict(
                MessageKey::EncryptNotEncrypted,
            )));
        }
        // Worked out without the lock (it may finish an encryption and asks
        // the keychain over D-Bus), so the window's other calls are answered
        // meanwhile; taken only if the folder is still locked then.
        let unlocked = Folder::unlock(&path, key, &self.clock)?;
        let mut folder = self.folder();
        if matches!(*folder, Folder::Locked(_)) {
            *folder = unlocked;
        }
        Ok(())
    }

    pub fn pending_key(&self) -> Option<DataKey> {
        lock(&self.session).pending_key.clone()
    }

    pub fn set_pending_key(&self, key: Option<DataKey>) {
        lock(&self.session).pending_key = key;
    }

    pub fn lang(&self) -> Lang {
        lock(&self.session).lang
    }

    pub fn set_lang(&self, lang: Lang) {
        lock(&self.session).lang = lang;
    }

    /// Keeps the paths of files dropped on the window.
    pub fn set_dropped(&self, paths: Vec<PathBuf>) {
        lock(&self.session).dropped = paths;
    }

    /// The files last dropped on the window, taken (a drop is attached once).
    pub fn take_dropped(&self) -> Vec<PathBuf> {
        std::mem::take(&mut lock(&self.session).dropped)
    }

    /// A sentence of the shell's own in the window's language.
    pub fn text(&self, key: MessageKey) -> String {
        Message::new(key).render(self.lang())
    }

    /// The shared server the window uses instead of the data folder, if one
    /// was chosen in the settings.
    pub fn server(&self) -> Option<String> {
        self.database.as_deref().and_then(server_chosen)
    }

    /// Listens for other windows' changes to the open store, once per
    /// store (on the shared server only). Blocking: off the async runtime.
    pub fn watch_changes(&self, app: &tauri::AppHandle) {
        let Ok(store) = self.store() else {
            return;
        };
        let mut watched = lock(&self.watched);
        if watched
            .upgrade()
            .is_some_and(|current| Arc::ptr_eq(&current, &store))
        {
            return;
        }
        *watched = Arc::downgrade(&store);
        crate::changes::watch(app.clone(), &store);
    }

    /// Puts `folder` in place of the open one (switching between the data
    /// folder and the shared server). Commands still running on the old
    /// store finish on it; it closes when the last of them lets go.
    pub fn switch_to(&self, folder: Folder) {
        *self.folder() = folder;
    }

    /// The data folder: the database's parent.
    pub fn data_dir(&self) -> Result<PathBuf, IpcError> {
        self.database_path()?
            .parent()
            .map(Path::to_path_buf)
            .ok_or_else(|| IpcError::internal(MessageKey::DataFolderNone))
    }

    pub fn database_path(&self) -> Result<PathBuf, IpcError> {
        self.database.clone().ok_or_else(|| {
            IpcError::from(Error::validation(
                Field::Database,
                MessageKey::DataFolderNone,
            ))
        })
    }

    /// Closes the store, runs `replace` on the database file with the key
    /// the folder has after it (`new_key`, else the current one), and opens
    /// whatever is there then. Running calls are given up to `patience` to
    /// let go of the store — waited for without holding the lock, so they
    /// can finish; if they do not, nothing is replaced. Does file work:
    /// call it off the async runtime.
    pub fn reopen_after<T>(
        &self,
        new_key: Option<DataKey>,
        patience: Duration,
        replace: impl FnOnce(&Path, Option<&DataKey>) -> taskforce::Result<T>,
    ) -> Result<T, IpcError> {
        let path = self.database_path()?;
        let taken = {
            let mut folder = self.folder();
            match &*folder {
                // A folder that failed to open (a newer database, a restore
                // gone wrong) can be replaced too; a locked one only once
                // its key is known.
                Folder::Open { .. } | Folder::SetAside { .. } | Folder::Failed(_) => {
                    std::mem::replace(&mut *folder, Folder::Replacing)
                }
                _ => {
                    return Err(folder
                        .store()
                        .err()
                        .unwrap_or_else(|| IpcError::internal(MessageKey::AppRestoring)))
                }
            }
        };
        let (key, keychain_problem) = match taken {
            Folder::Open {
                store,
                key,
                keychain_problem,
            } => {
                if let Err(store) = close(store, patience) {
                    *self.folder() = Folder::Open {
                        store,
                        key,
                        keychain_problem,
                    };
                    return Err(IpcError::internal(MessageKey::DatabaseInUse));
                }
                (key, keychain_problem)
            }
            Folder::SetAside { key, .. } => (key, None),
            _ => (None, None),
        };
        let key = new_key.or(key);
        // Should `replace` panic, the folder says it failed instead of
        // staying "being replaced" until the app is restarted.
        let guard = Unfinished(&self.folder);
        let outcome = replace(&path, key.as_ref());
        let reopened = match Store::open_keyed(&path, self.clock.clone(), key.as_ref()) {
            Ok(store) => Folder::Open {
                store: Arc::new(store),
                key,
                keychain_problem,
            },
            Err(error) => Folder::Failed(IpcError::from(error)),
        };
        std::mem::forget(guard);
        *self.folder() = reopened;
        outcome.map_err(IpcError::from)
    }
}

/// Set while a folder's file is replaced: dropped without being forgotten
/// (a panic), it leaves the folder `Failed` rather than `Replacing`.
struct Unfinished<'a>(&'a Mutex<Folder>);

impl Drop for Unfinished<'_> {
    fn drop(&mut self) {
        *lock(self.0) = Folder::Failed(IpcError::internal(MessageKey::AppCommandAborted));
    }
}

/// Waits up to `patience` for the other holders of `store` (calls still
/// running) to let go, then closes it; gives it back if they do not.
fn close(store: Arc<Store>, patience: Duration) -> Result<(), Arc<Store>> {
    let deadline = Instant::now() + patience;
    let mut store = store;
    loop {
        match Arc::try_unwrap(store) {
            Ok(closed) => {
                drop(closed);
                return Ok(());
            }
            Err(shared) if Instant::now() < deadline => {
                store = shared;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(shared) => return Err(shared),
        }
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

/// Runs file work of the shell's own (a restore, unlocking, encrypting) on
/// a blocking thread.
pub async fn off_runtime<T, F>(call: F) -> Result<T, IpcError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, IpcError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(call)
        .await
        .map_err(|_| IpcError::internal(MessageKey::AppCommandAborted))?
}

#[cfg(test)]
mod tests;

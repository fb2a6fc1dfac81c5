//! Where decrypted copies of documents go while a program shows them: a
//! private folder (0700) in the user's runtime folder (a RAM disk on most
//! Linux desktops, cleared at log-out) or else the user's temp folder,
//! emptied when the app starts and when it stops. The stored copies stay
//! sealed; only what the user opens is ever plain on disk, and not for long.

use std::path::PathBuf;
use taskforce::message::MessageKey;
use taskforce::Error;

fn location() -> PathBuf {
    dirs::runtime_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("taskforce-secretariaat-geopend")
}

/// The folder, made private if it is new.
pub fn folder() -> taskforce::Result<PathBuf> {
    let folder = location();
    taskforce::private::create_dir(&folder)
        .and_then(|_| taskforce::private::restrict_dir(&folder))
        .map_err(|e| Error::io(MessageKey::DocumentOpenFolderFailed, &folder, e))?;
    Ok(folder)
}

/// Removes the decrypted copies of this and earlier runs.
pub fn clear() {
    let _ = std::fs::remove_dir_all(location());
}

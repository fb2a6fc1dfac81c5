//! Where plain copies go while another program shows them: a decrypted
//! document opened with its program, and the drafts handed to the mail
//! program. A private folder (0700) in the user's runtime folder
//! (`XDG_RUNTIME_DIR`: a RAM disk on Linux desktops, the user's alone,
//! cleared at log-out), emptied when the app starts and when it stops. No
//! fallback to a shared temp folder: without a runtime folder nothing is
//! opened this way, and the user saves a copy instead. The stored copies
//! stay sealed; only what the user opens is ever plain on disk, and not
//! for long.

use std::path::PathBuf;
use taskforce::message::MessageKey;
use taskforce::Error;

fn location() -> taskforce::Result<PathBuf> {
    location_in(dirs::runtime_dir())
}

fn location_in(runtime: Option<PathBuf>) -> taskforce::Result<PathBuf> {
    runtime
        .map(|dir| dir.join("taskforce-secretariaat-geopend"))
        .ok_or_else(|| {
            Error::io(
                MessageKey::OpenedNoPrivateFolder,
                "XDG_RUNTIME_DIR",
                std::io::Error::from(std::io::ErrorKind::NotFound),
            )
        })
}

fn private(folder: PathBuf) -> taskforce::Result<PathBuf> {
    taskforce::private::create_dir(&folder)
        .and_then(|_| taskforce::private::restrict_dir(&folder))
        .map_err(|e| Error::io(MessageKey::DocumentOpenFolderFailed, &folder, e))?;
    Ok(folder)
}

/// The folder for opened documents, made private if it is new.
pub fn folder() -> taskforce::Result<PathBuf> {
    private(location()?)
}

/// The folder for drafts opened in the mail program: addresses and the
/// internal pack, so never in the data folder where they would stay.
pub fn drafts() -> taskforce::Result<PathBuf> {
    folder()?;
    private(location()?.join("concepten"))
}

/// After an erasure: the drafts may name the person, so they go.
pub fn clear_drafts() {
    if let Ok(folder) = location() {
        let _ = std::fs::remove_dir_all(folder.join("concepten"));
    }
}

/// Removes the copies and drafts of this and earlier runs.
pub fn clear() {
    if let Ok(folder) = location() {
        let _ = std::fs::remove_dir_all(folder);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn without_a_runtime_folder_nothing_is_opened_and_no_temp_folder_is_used() {
        let error = super::location_in(None).unwrap_err();
        assert!(error.to_string().contains("XDG_RUNTIME_DIR"), "{error}");
        let folder = super::location_in(Some("/run/user/1000".into())).unwrap();
        assert_eq!(
            folder,
            std::path::Path::new("/run/user/1000/taskforce-secretariaat-geopend")
        );
    }
}

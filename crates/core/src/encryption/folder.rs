//! `taskforce.sqlite3-encryption`: the small plain file beside an encrypted
//! database that says it is encrypted, which keychain entry holds its key,
//! and which key that is (a check value, not the key). Without it a wrong
//! key and a damaged file look the same to SQLCipher ("not a database"),
//! and a damaged file is set aside — a wrong key must never be.

use super::DataKey;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The suffix of the file beside the database.
pub const ENCRYPTION_FILE: &str = "-encryption";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderEncryption {
    pub format: u32,
    /// Names the folder's key in the OS keychain; random, so a folder that
    /// is moved or copied keeps finding its key.
    pub folder_id: String,
    /// [`DataKey::check_value`] of the folder's key.
    pub key_check: String,
    /// The recovery key was confirmed as written down; until then the app
    /// shows it again at every start.
    #[serde(default)]
    pub recovery_key_confirmed: bool,
    /// An encryption of a plain folder was started and not finished: it is
    /// taken up again at the next start (every step can be repeated).
    #[serde(default)]
    pub converting: bool,
}

impl FolderEncryption {
    pub fn new(key: &DataKey) -> Result<FolderEncryption> {
        let mut id = [0u8; 16];
        getrandom::fill(&mut id).map_err(|e| {
            Error::io(
                MessageKey::KeyGenerateFailed,
                "",
                std::io::Error::other(e.to_string()),
            )
        })?;
        Ok(FolderEncryption {
            format: 1,
            folder_id: id.iter().map(|b| format!("{b:02x}")).collect(),
            key_check: key.check_value(),
            recovery_key_confirmed: false,
            converting: false,
        })
    }

    pub fn path(database: &Path) -> PathBuf {
        let mut name = database.as_os_str().to_owned();
        name.push(ENCRYPTION_FILE);
        PathBuf::from(name)
    }

    /// The file beside `database`; `None` for a plain folder.
    pub fn read(database: &Path) -> Result<Option<FolderEncryption>> {
        let path = Self::path(database);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(MessageKey::EncryptionFileUnreadable, &path, e)),
        };
        let parsed: FolderEncryption = serde_json::from_str(&text).map_err(|e| {
            Error::io(
                MessageKey::EncryptionFileUnreadable,
                &path,
                std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
            )
        })?;
        if parsed.format > 1 {
            return Err(Error::Incompatible(MessageKey::EncryptionFileNewer.into()));
        }
        Ok(Some(parsed))
    }

    /// Writes the file through a private temp file and a rename.
    pub fn write(&self, database: &Path) -> Result<()> {
        let path = Self::path(database);
        let temp = PathBuf::from(format!("{}.new-{}", path.display(), std::process::id()));
        let io = |e| Error::io(MessageKey::EncryptionFileWriteFailed, &path, e);
        let _ = std::fs::remove_file(&temp);
        let result = (|| {
            let mut file = crate::private::create_new(&temp)?;
            let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
            file.write_all(text.as_bytes())?;
            file.sync_all()?;
            std::fs::rename(&temp, &path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result.map_err(io)
    }

    pub fn opens_with(&self, key: &DataKey) -> bool {
        self.key_check == key.check_value()
    }
}

//! `taskforce.sqlite3-encryption`: the small plain file beside an encrypted
//! database that says it is encrypted, which keychain entry holds its key,
//! and which key that is (a check value, not the key). Without it a wrong
//! key and a damaged file look the same to SQLCipher ("not a database"),
//! and a damaged file is set aside — a wrong key must never be.

use super::DataKey;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use serde::{Deserialize, Serialize};
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
    /// The newest audit entry when the database was last closed, with an
    /// HMAC under the folder's audit key: a log cut short since (its last
    /// entries deleted, the append-only guard put back) no longer holds
    /// this entry, and a head copied from the log itself has no valid MAC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<AuditHead>,
}

/// See [`FolderEncryption::audit_head`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    pub entry: i64,
    pub hash: String,
    pub mac: String,
}

impl AuditHead {
    /// The head `entry` with `hash`, signed with the folder's key.
    pub fn new(key: &DataKey, entry: i64, hash: &str) -> AuditHead {
        AuditHead {
            entry,
            hash: hash.to_string(),
            mac: Self::mac_of(key, entry, hash),
        }
    }

    /// Whether the MAC is the folder key's for this entry and hash.
    pub fn is_signed_by(&self, key: &DataKey) -> bool {
        Self::mac_of(key, self.entry, &self.hash) == self.mac
    }

    fn mac_of(key: &DataKey, entry: i64, hash: &str) -> String {
        use hmac::{Mac, SimpleHmac};
        let audit_key = key.audit_key();
        let Ok(mut mac) = <SimpleHmac<sha2::Sha256> as Mac>::new_from_slice(audit_key.as_ref())
        else {
            return String::new();
        };
        mac.update(format!("audit head\0{entry}\0{hash}").as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

impl FolderEncryption {
    /// 2: documents sealed with their hash bound in and named by a keyed
    /// hash. A folder of format 1 is brought up to date when it is opened.
    pub const FORMAT: u32 = 2;

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
            format: Self::FORMAT,
            folder_id: id.iter().map(|b| format!("{b:02x}")).collect(),
            key_check: key.check_value(),
            recovery_key_confirmed: false,
            converting: false,
            audit_head: None,
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
        if parsed.format > Self::FORMAT {
            return Err(Error::Incompatible(MessageKey::EncryptionFileNewer.into()));
        }
        Ok(Some(parsed))
    }

    /// Writes the file through a private temp file and a rename.
    pub fn write(&self, database: &Path) -> Result<()> {
        let path = Self::path(database);
        let io = |e| Error::io(MessageKey::EncryptionFileWriteFailed, &path, e);
        let text = serde_json::to_string_pretty(self)
            .map_err(std::io::Error::other)
            .map_err(io)?;
        crate::files::write_atomically(
            &path,
            text.as_bytes(),
            MessageKey::EncryptionFileWriteFailed,
        )
    }

    /// No marker beside `database`, yet the database is there, is not plain
    /// SQLite, and the folder does not show itself plain: encrypted with its
    /// marker lost (or damaged — only a key can tell). Such a folder asks
    /// for the recovery key; it is never taken for damage and set aside.
    pub fn lost(database: &Path) -> Result<bool> {
        Ok(Self::read(database)?.is_none() && crate::store::marker_lost(database))
    }

    pub fn opens_with(&self, key: &DataKey) -> bool {
        self.key_check == key.check_value()
    }
}

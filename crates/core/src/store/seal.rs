//! The seal of a cleanly closed database: after a passing `quick_check` at
//! close, the main file's size and modification time are written beside it
//! (`taskforce.sqlite3-verified`). At the next open, a file that still has
//! exactly that size and time and no unfinished write-ahead log has not
//! changed since it was checked, so the check — ~0.4 s on ten years of data,
//! most of a cold start — is skipped. Anything else (a crash, a copy, a
//! restore, a file damaged by another program) is checked in full.

use super::{quick_check, Store};
use crate::error::{Error, Result, StorageContext};
use crate::message::MessageKey;
use std::path::{Path, PathBuf};

fn seal_path(database: &Path) -> PathBuf {
    PathBuf::from(format!("{}-verified", database.display()))
}

/// Size and modification time of the main file, as the seal records them.
fn stamp(database: &Path) -> Option<String> {
    let meta = std::fs::metadata(database).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{} {}", meta.len(), modified.as_nanos()))
}

/// True when the database is exactly as it was when it was last sealed.
pub(super) fn is_sealed(database: &Path) -> bool {
    let wal = PathBuf::from(format!("{}-wal", database.display()));
    let wal_empty = std::fs::metadata(&wal).map_or(true, |m| m.len() == 0);
    let recorded = std::fs::read_to_string(seal_path(database)).ok();
    wal_empty && recorded.is_some() && recorded == stamp(database)
}

/// Forgets the seal, so the next open checks in full.
pub(super) fn break_seal(database: &Path) {
    let _ = std::fs::remove_file(seal_path(database));
}

impl Store {
    /// Before closing: moves every committed write into the main file, checks
    /// it, and seals it, so the next open can skip the check. Call when the
    /// app closes; writes after this break the seal again (the file changes).
    pub fn seal(&self) -> Result<()> {
        let Some(path) = self.path.clone().filter(|_| !self.read_only) else {
            return Ok(());
        };
        let conn = self.lock()?;
        let busy: i64 = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))
            .context("writing the log into the database")?;
        if busy != 0 {
            // Another connection is still reading or writing: nothing to seal.
            break_seal(&path);
            return Ok(());
        }
        quick_check(&conn, &path)?;
        let stamp = stamp(&path).ok_or_else(|| {
            Error::io(
                MessageKey::DatabaseCheckFailed,
                &path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            )
        })?;
        // A torn seal only fails to match, which means a full check: no
        // need for more than a plain write.
        std::fs::write(seal_path(&path), stamp)
            .map_err(|e| Error::io(MessageKey::DatabaseSealFailed, &path, e))
    }
}

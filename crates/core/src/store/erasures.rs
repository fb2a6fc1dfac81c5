//! The erasure register: what was erased on request (a partner's personal
//! data), by id and date only. It lives in the database and beside it
//! (`taskforce.sqlite3-erasures`), so restoring a backup made before an
//! erasure erases again — also when the database it replaces is damaged.

use super::partners::erase;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use rusqlite::Connection;
use std::io::Write;
use std::path::{Path, PathBuf};

fn register(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push("-erasures");
    PathBuf::from(name)
}

/// Adds an erasure to the register beside the database.
pub(crate) fn remember(database: &Path, partner: i64, at: &str) -> Result<()> {
    let path = register(database);
    let io = |e| Error::io(MessageKey::ErasuresWriteFailed, &path, e);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .map_err(io)?;
    crate::private::restrict_file(&path).map_err(io)?;
    writeln!(file, "partner {partner} {at}").map_err(io)?;
    file.sync_all().map_err(io)
}

/// Every erasure known for `database`: its register file and its table.
pub(crate) fn known(
    database: &Path,
    key: Option<&crate::encryption::DataKey>,
) -> Vec<(i64, String)> {
    let mut found: Vec<(i64, String)> = std::fs::read_to_string(register(database))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            match (parts.next(), parts.next(), parts.next()) {
                (Some("partner"), Some(id), Some(at)) => Some((id.parse().ok()?, at.to_string())),
                _ => None,
            }
        })
        .collect();
    if let Ok(conn) = super::connect(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY, key) {
        if let Ok(mut statement) =
            conn.prepare("SELECT record_id, erased_at FROM erasures WHERE kind = 'partner'")
        {
            if let Ok(rows) = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?))) {
                found.extend(rows.flatten());
            }
        }
    }
    found.sort();
    found.dedup_by_key(|(id, _)| *id);
    found
}

/// Erases again, in a restored copy already brought up to date, everything
/// erased before; the copy's freed pages are overwritten (its connection has
/// `secure_delete` on) and its WAL emptied.
pub(crate) fn reapply(copy: &Connection, erasures: &[(i64, String)]) -> Result<()> {
    if erasures.is_empty() {
        return Ok(());
    }
    for (id, at) in erasures {
        erase(copy, *id, at)?;
    }
    super::erase_wal(copy)
}

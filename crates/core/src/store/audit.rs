//! The audit log: triggers (migration 0004) append an entry for every change;
//! this module provides the SQL functions they call, reads a record's history
//! and checks the hash chain.

use super::ConnExt;
use super::{instant_column, Store};
use crate::calendar::format_instant;
use crate::clock::Clock;
use crate::domain::{AuditEntry, AuditedRecord, Id};
use crate::error::{Result, StorageContext};
use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The hash of one entry: SHA-256 over the previous hash and every field,
/// each followed by a separator so fields cannot run into each other.
pub(crate) fn chain_hash(fields: &[Option<&str>]) -> String {
    let mut hasher = Sha256::new();
    for field in fields {
        match field {
            Some(text) => {
                hasher.update(b"S");
                hasher.update((text.len() as u64).to_be_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update(b"N"),
        }
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The user the app runs as, for the log: on Unix the account of the
/// process's user id (an environment variable like `$USER` could be set to
/// anything by whoever starts it); elsewhere the profile's user name.
pub(crate) fn os_user() -> String {
    #[cfg(unix)]
    {
        // SAFETY: getpwuid_r writes only into the buffers given; the name is
        // read while the buffer lives.
        unsafe {
            let uid = libc::geteuid();
            let mut entry: libc::passwd = std::mem::zeroed();
            let mut buffer = vec![0 as libc::c_char; 4096];
            let mut result: *mut libc::passwd = std::ptr::null_mut();
            let status = libc::getpwuid_r(
                uid,
                &mut entry,
                buffer.as_mut_ptr(),
                buffer.len(),
                &mut result,
            );
            if status == 0 && !result.is_null() && !entry.pw_name.is_null() {
                let name = std::ffi::CStr::from_ptr(entry.pw_name);
                return name.to_string_lossy().into_owned();
            }
            format!("uid {uid}")
        }
    }
    #[cfg(not(unix))]
    {
        std::env::var("USERNAME").unwrap_or_else(|_| "onbekend".to_string())
    }
}

/// Registers `audit_now()`, `audit_user()` and `audit_hash(…)` on a connection.
/// They are innocuous (no side effects), so triggers may call them with
/// `trusted_schema` off.
pub(crate) fn register_functions(conn: &Connection, clock: Arc<dyn Clock>) -> rusqlite::Result<()> {
    let innocuous = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("audit_now", 0, innocuous, move |_| {
        Ok(format_instant(clock.now()))
    })?;
    let user = os_user();
    conn.create_scalar_function("audit_user", 0, innocuous, move |_| Ok(user.clone()))?;
    conn.create_scalar_function(
        "audit_hash",
        8,
        innocuous | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let mut fields: Vec<Option<String>> = Vec::with_capacity(8);
            for index in 0..8 {
                let value: rusqlite::types::Value = ctx.get(index)?;
                fields.push(match value {
                    rusqlite::types::Value::Null => None,
                    rusqlite::types::Value::Integer(i) => Some(i.to_string()),
                    rusqlite::types::Value::Real(r) => Some(r.to_string()),
                    rusqlite::types::Value::Text(t) => Some(t),
                    rusqlite::types::Value::Blob(b) => {
                        Some(String::from_utf8_lossy(&b).to_string())
                    }
                });
            }
            let refs: Vec<Option<&str>> = fields.iter().map(|f| f.as_deref()).collect();
            Ok(chain_hash(&refs))
        },
    )
}

/// The id of the first entry whose hash or link to the one before is wrong.
pub(crate) fn first_broken_entry(tx: &Connection) -> Result<Option<Id>> {
    let mut stmt = tx
        .prepare("SELECT id, at, os_user, table_name, row_id, action, before, after, prev_hash, hash FROM audit_log ORDER BY id")
        .context("checking the audit log")?;
    let mut rows = stmt.query([]).context("checking the audit log")?;
    let mut previous = String::new();
    while let Some(row) = rows.next().context("checking the audit log")? {
        let id: Id = row.get(0).context("checking the audit log")?;
        let text = |i: usize| row.get::<_, Option<String>>(i);
        let row_id: i64 = row.get(4).context("checking the audit log")?;
        let (at, user, table, action, before, after, prev, hash) = (
            text(1).context("checking the audit log")?,
            text(2).context("checking the audit log")?,
            text(3).context("checking the audit log")?,
            text(5).context("checking the audit log")?,
            text(6).context("checking the audit log")?,
            text(7).context("checking the audit log")?,
            text(8).context("checking the audit log")?,
            text(9).context("checking the audit log")?,
        );
        let row_id = row_id.to_string();
        let expected = chain_hash(&[
            prev.as_deref(),
            at.as_deref(),
            user.as_deref(),
            table.as_deref(),
            Some(&row_id),
            action.as_deref(),
            before.as_deref(),
            after.as_deref(),
        ]);
        if prev.as_deref() != Some(previous.as_str()) || hash.as_deref() != Some(expected.as_str())
        {
            return Ok(Some(id));
        }
        previous = expected;
    }
    Ok(None)
}

/// The columns migration 10 removed from earlier entries.
const REDACTED: &[&str] = &[
    "seats.person",
    "seats.deputy",
    "attendance.represented_by",
    "agenda_items.presenter",
    "documents.original_name",
];

/// After personal data was removed from earlier entries (migration 10):
/// computes the chain anew over the redacted entries, adds an entry that
/// records the head of the chain before (so the redaction itself is on
/// record), and makes the log append-only again.
pub(crate) fn redact_chain(tx: &Connection) -> Result<()> {
    let context = "redacting the audit log";
    // The head as it was: computed from the entries' stored hashes, which
    // the redaction did not touch.
    let old_head: String = tx
        .query_row(
            "SELECT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '')",
            [],
            |r| r.get(0),
        )
        .context(context)?;
    let entries = tx.rows(
        "SELECT id, at, os_user, table_name, row_id, action, before, after FROM audit_log ORDER BY id",
        [],
        context,
        |r| {
            Ok((
                r.get::<_, Id>(0)?,
                [
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    Some(r.get::<_, i64>(4)?.to_string()),
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                ],
            ))
        },
    )?;
    let mut previous = String::new();
    for (id, fields) in &entries {
        let mut all: Vec<Option<&str>> = vec![Some(previous.as_str())];
        all.extend(fields.iter().map(|f| f.as_deref()));
        let hash = chain_hash(&all);
        tx.execute(
            "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            rusqlite::params![previous, hash, id],
        )
        .context(context)?;
        previous = hash;
    }
    let (at, user): (String, String) = tx
        .query_row("SELECT audit_now(), audit_user()", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .context(context)?;
    let before = serde_json::json!({ "head": old_head, "entries": entries.len() }).to_string();
    let after = serde_json::json!({ "redacted": REDACTED }).to_string();
    let hash = chain_hash(&[
        Some(&previous),
        Some(&at),
        Some(&user),
        Some("audit_log"),
        Some("0"),
        Some("update"),
        Some(&before),
        Some(&after),
    ]);
    tx.execute(
        "INSERT INTO audit_log (at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
         VALUES (?1, ?2, 'audit_log', 0, 'update', ?3, ?4, ?5, ?6)",
        rusqlite::params![at, user, before, after, previous, hash],
    )
    .context(context)?;
    // Exactly the guards of migration 4 (shipped migrations are frozen, so
    // this is a copy); `check` compares them with a fresh database's.
    tx.execute_batch(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;",
    )
    .context(context)
}

impl Store {
    /// Every logged change of one record, oldest first ("Geschiedenis").
    /// The logged changes of one record, oldest first.
    pub fn history(&self, record: AuditedRecord, row_id: Id) -> Result<Vec<AuditEntry>> {
        let table = record.code();
        self.read(|tx| {
            tx.rows(
                "SELECT id, at, os_user, table_name, row_id, action, before, after FROM audit_log
                     WHERE table_name = ?1 AND row_id = ?2 ORDER BY id",
                rusqlite::params![table, row_id],
                "reading history",
                |row| {
                    Ok(AuditEntry {
                        id: row.get(0)?,
                        at: instant_column(row, 1)?,
                        os_user: row.get(2)?,
                        table: row.get(3)?,
                        row_id: row.get(4)?,
                        action: row.get(5)?,
                        before: row.get(6)?,
                        after: row.get(7)?,
                    })
                },
            )
        })
    }
}

#[cfg(test)]
mod tests {
    #[cfg(unix)]
    #[test]
    fn the_user_is_the_account_of_the_process_user_id() {
        let id = std::process::Command::new("id")
            .arg("-un")
            .output()
            .expect("id -un");
        let expected = String::from_utf8_lossy(&id.stdout).trim().to_string();
        assert_eq!(super::os_user(), expected);
    }
}

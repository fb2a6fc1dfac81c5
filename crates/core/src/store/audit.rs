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

/// The user the app runs as, for the log.
fn os_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "onbekend".to_string())
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

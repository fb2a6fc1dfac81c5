//! Moving the record between the file and the server: *Naar de server
//! verhuizen* copies a data folder's whole record — the audit log included —
//! into an empty server database; *Kopie als bestand* copies the server's
//! record into a new file. One copy serves both ways, table by table in the
//! order their references need, every id kept (so every reference holds),
//! in one transaction on the target that either takes all or nothing.
//!
//! The log's entries are copied as they are — when, who, which record, what
//! changed — after the target's own notes of its migrations, numbered on
//! from them, and chained anew with the target's framing: a plain SHA-256
//! chain, as the server keeps it (an encrypted folder's chain is keyed with
//! the folder's key, which the server never has). The source's chain must
//! check out first, so a broken one is never laundered into a new one; the
//! copy records its source's head in an entry of its own, and the target's
//! chain is verified before the copy commits. The target's own audit
//! triggers are off meanwhile (the copy is not a new change of every row);
//! its search index is built by its own triggers as the rows arrive.
//!
//! Stored documents go along: their rows with the record, their content as
//! the target keeps it (files in a folder, chunks on the server), each
//! checked against its hash on the way.

use super::audit::{entry_hash, first_broken_entry, framed, text_of};
use super::audited::{trigger_statements, AUDITED};
use super::sql::{values, Dialect, Executor, Pair, Queries, Row, SqlError, Value};
use super::Store;
use crate::error::{Error, Result};
use crate::message::MessageKey;

/// Every table of the record, in an order in which each row's references
/// are already there (the baseline's order); the audit log comes last, on
/// its own. A test holds this list to the schema's tables.
pub const TABLES: &[&str] = &[
    "terms",
    "seats",
    "seat_changes",
    "tags",
    "partners",
    "partner_tags",
    "subjects",
    "subject_tags",
    "meetings",
    "agenda_items",
    "invitations",
    "invitation_events",
    "attendance",
    "seat_replies",
    "minutes",
    "minutes_rounds",
    "minutes_comments",
    "decisions",
    "actions",
    "action_events",
    "documents",
    "document_links",
    "term_extensions",
    "agenda_template_items",
    "mail_settings",
    "erasures",
    "import_layouts",
];

/// What a copy moved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Copied {
    /// Rows of the record's tables, the log not counted.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub rows: u64,
    /// Entries of the audit log, the copy's own entry not counted.
    #[cfg_attr(feature = "specta", specta(type = u32))]
    pub entries: u64,
}

/// The log's columns, as the chain covers them, then the hash.
const LOG_COLUMNS: &str = "id, prev_hash, at, os_user, table_name, row_id, action, before, after";

const COLUMNS: Pair = Pair {
    sqlite: "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
    postgres: "SELECT CAST(column_name AS text) FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ?1
                ORDER BY ordinal_position",
};

/// The copy's own log entry, chained as every entry is (the file's SQL
/// functions; the server's `audit_append`).
const OWN_ENTRY: Pair = Pair {
    sqlite: "INSERT INTO audit_log (id, at, os_user, table_name, row_id, action, before, after, prev_hash, hash)
             SELECT e.id, e.at, e.os_user, 'audit_log', 0, 'update', ?1, ?2, e.prev_hash,
                    audit_hash(e.id, e.prev_hash, e.at, e.os_user, 'audit_log', 0, 'update', ?1, ?2)
             FROM (SELECT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) AS id,
                          audit_now() AS at, audit_user() AS os_user,
                          coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '') AS prev_hash) e",
    postgres: "SELECT audit_append('audit_log', 0, 'update', ?1, ?2)",
};

impl Store {
    /// Copies this store's whole record into `target`, which must hold no
    /// record yet (a new file, an empty server database). This store is
    /// only read. Refused, with nothing written, when the target is not
    /// empty or this store's log does not check out.
    pub fn copy_record_to(&self, target: &Store) -> Result<Copied> {
        if self.audit_broken_at()?.is_some() {
            return Err(Error::Damaged(MessageKey::AuditChainBroken.into()));
        }
        let source_name = self.describe();
        let target_name = target.describe();
        self.read(|source| {
            target.write_final(|db| {
                let copied = copy(source, db, &source_name, &target_name)?;
                // The documents' content, as each side keeps it (files in
                // the folder, chunks on the server), checked on the way.
                let hashes: Vec<String> = source.rows(
                    "SELECT sha256 FROM documents ORDER BY id",
                    &values![],
                    "listing the documents to copy",
                    |r| r.get(0),
                )?;
                for sha256 in hashes {
                    let bytes = self.stored_content(source, &sha256)?;
                    target.keep_content(db, &sha256, &bytes)?;
                }
                Ok(copied)
            })
        })
    }

    /// *Kopie als bestand*: this store's record copied into a new database
    /// file at `to` (plain; opened as a data folder it can be encrypted).
    /// An existing file is refused; a copy that fails leaves no file.
    pub fn copy_record_to_new_file(&self, to: &std::path::Path) -> Result<Copied> {
        if to.exists() {
            return Err(Error::validation(
                crate::error::Field::Out,
                MessageKey::CliCopyTargetExists,
            ));
        }
        let copied =
            Store::open(to, self.clock.clone()).and_then(|target| self.copy_record_to(&target));
        if copied.is_err() {
            for leftover in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{leftover}", to.display()));
            }
        }
        copied
    }

    /// Where the record is, for the copy's log entry: the server's login
    /// and address, or "a data folder" (never a path: the log is read by
    /// colleagues).
    fn describe(&self) -> String {
        self.server_login()
            .unwrap_or_else(|| "a data folder".to_string())
    }

    /// A fingerprint (SHA-256, hex) of the whole record: every row of every
    /// table, in order of its first column — the same on the file and the
    /// server for the same record, so a copy is checked against its source.
    /// The audit log is not in it (each backend chains it its own way;
    /// every record's history is compared instead).
    pub fn record_fingerprint(&self) -> Result<String> {
        use sha2::{Digest, Sha256};
        self.read(|db| {
            let mut hash = Sha256::new();
            for table in TABLES {
                let (_, rows) = table_rows(db, db, table)?;
                framed(&[Some(table)], |bytes| hash.update(bytes));
                for row in rows {
                    let texts: Vec<Option<String>> = row.into_iter().map(text_of).collect();
                    let fields: Vec<Option<&str>> = texts.iter().map(Option::as_deref).collect();
                    framed(&fields, |bytes| hash.update(bytes));
                }
            }
            Ok(format!("{:x}", hash.finalize()))
        })
    }

    /// How many entries the audit log holds.
    pub fn audit_entries(&self) -> Result<u64> {
        self.read(|db| {
            db.one(
                "SELECT count(*) FROM audit_log",
                &values![],
                "counting the audit log",
                |r| r.get::<i64>(0),
            )
        })
        .map(|n| u64::try_from(n).unwrap_or(0))
    }
}

fn copy(source: &dyn Executor, db: &dyn Executor, from: &str, to: &str) -> Result<Copied> {
    let mut rows = 0;
    // A new record holds only what its migrations made: the seeded tags
    // (which nothing names yet) and the log's notes of its own migrations.
    for table in TABLES.iter().filter(|t| **t != "tags") {
        if count(db, table)? > 0 {
            return Err(Error::conflict(MessageKey::TransferTargetNotEmpty));
        }
    }
    let logged: i64 = db.one(
        "SELECT count(*) FROM audit_log WHERE table_name <> 'audit_log'",
        &values![],
        "looking at the copy's target",
        |r| r.get(0),
    )?;
    if logged > 0 {
        return Err(Error::conflict(MessageKey::TransferTargetNotEmpty));
    }
    audit_triggers(db, false)?;
    // The source's tags, with their ids, take the place of the seeded ones.
    db.run("DELETE FROM tags", &values![], "making room for the copy")?;
    for table in TABLES {
        rows += copy_table(source, db, table)?;
    }
    let entries = copy_log(source, db, from, to)?;
    audit_triggers(db, true)?;
    if db.dialect() == Dialect::Postgres {
        // The ids were given: each table's own counter goes on after them.
        for table in TABLES {
            if !columns(db, table)?.iter().any(|c| c == "id") {
                continue;
            }
            db.run(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false)
                       FROM {table}"
                ),
                &values![],
                "setting the copy's counters",
            )?;
        }
    }
    for table in TABLES {
        if count(source, table)? != count(db, table)? {
            return Err(Error::Damaged(MessageKey::TransferIncomplete.into()));
        }
    }
    if first_broken_entry(db, None)?.is_some() {
        return Err(Error::Damaged(MessageKey::AuditChainBroken.into()));
    }
    Ok(Copied { rows, entries })
}

/// The target's columns of `table` (the same as the source's: both are at
/// this build's schema, which the parity test holds equal).
fn columns(db: &dyn Executor, table: &str) -> Result<Vec<String>> {
    db.rows(
        COLUMNS.pick(db.dialect()),
        &values![table],
        "reading a table's columns",
        |r| r.get(0),
    )
}

fn copy_table(source: &dyn Executor, db: &dyn Executor, table: &str) -> Result<u64> {
    let (list, rows) = table_rows(source, db, table)?;
    let places = (1..=rows.first().map_or(0, Vec::len))
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let insert = format!("INSERT INTO {table} ({list}) VALUES ({places})");
    for row in &rows {
        db.run(&insert, row, "copying the record")?;
    }
    Ok(rows.len() as u64)
}

/// Every row of `table` in `source`, in the columns `db` has (its quoted
/// list, and the rows): by the first column (the id, or the key), so a row
/// referring to an earlier one of its own table (a seat's predecessor)
/// comes after it.
fn table_rows(
    source: &dyn Executor,
    db: &dyn Executor,
    table: &str,
) -> Result<(String, Vec<Vec<Value>>)> {
    let columns = columns(db, table)?;
    let list = columns
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = source.rows(
        &format!("SELECT {list} FROM {table} ORDER BY 1"),
        &values![],
        "reading the record",
        |r| row_values(r, columns.len()),
    )?;
    Ok((list, rows))
}

/// The first `n` values of a row, a NULL as [`Value::Null`].
fn row_values(row: &Row, n: usize) -> std::result::Result<Vec<Value>, SqlError> {
    (0..n)
        .map(|i| {
            row.get::<Option<Value>>(i)
                .map(|v| v.unwrap_or(Value::Null))
        })
        .collect()
}

fn count(db: &dyn Executor, table: &str) -> Result<i64> {
    db.one(
        &format!("SELECT count(*) FROM {table}"),
        &values![],
        "counting a table's rows",
        |r| r.get(0),
    )
}

/// The log's entries, chained anew in the target's framing, and the copy's
/// own entry naming where they came from and the source's head.
fn copy_log(source: &dyn Executor, db: &dyn Executor, from: &str, to: &str) -> Result<u64> {
    let entries = source.rows(
        &format!("SELECT {LOG_COLUMNS} FROM audit_log ORDER BY id"),
        &values![],
        "reading the audit log to copy",
        |r| row_values(r, 9),
    )?;
    let source_head: Option<String> = source.optional(
        "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1",
        &values![],
        "reading the audit log to copy",
        |r| r.get(0),
    )?;
    // After the target's own notes (its migrations'), chained on from them.
    let (mut id, mut previous): (i64, String) = db
        .optional(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            &values![],
            "reading the copy's audit log",
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .unwrap_or((0, String::new()));
    for mut entry in entries.iter().cloned() {
        id += 1;
        entry[0] = Value::Integer(id);
        entry[1] = Value::Text(previous.clone());
        let texts: Vec<Option<String>> = entry.iter().cloned().map(text_of).collect();
        let refs: Vec<Option<&str>> = texts.iter().map(Option::as_deref).collect();
        let hash = entry_hash(None, &refs);
        entry.push(Value::Text(hash.clone()));
        db.run(
            &format!(
                "INSERT INTO audit_log ({LOG_COLUMNS}, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            ),
            &entry,
            "copying the audit log",
        )?;
        previous = hash;
    }
    let before = serde_json::json!({
        "copied_from": from,
        "entries": entries.len(),
        "head": source_head,
    });
    let after = serde_json::json!({ "copied_to": to, "chain": "plain" });
    db.run(
        OWN_ENTRY.pick(db.dialect()),
        &values![before.to_string(), after.to_string()],
        "recording the copy in the audit log",
    )?;
    Ok(entries.len() as u64)
}

/// Switches the target's audit triggers off (the copy brings the log's
/// own entries) or on again, in the copy's transaction: on the server they
/// are disabled, which only the tables' owner may; the file's are dropped
/// and made anew as the migrations made them.
fn audit_triggers(db: &dyn Executor, on: bool) -> Result<()> {
    for table in AUDITED {
        match (db.dialect(), on) {
            (Dialect::Postgres, _) => {
                let state = if on { "ENABLE" } else { "DISABLE" };
                db.run(
                    &format!(
                        "ALTER TABLE {name} {state} TRIGGER audit_{name}",
                        name = table.table
                    ),
                    &values![],
                    "switching the audit triggers for the copy",
                )?;
            }
            (Dialect::Sqlite, false) => {
                for action in ["insert", "update", "delete"] {
                    db.run(
                        &format!("DROP TRIGGER audit_{}_{action}", table.table),
                        &values![],
                        "switching the audit triggers for the copy",
                    )?;
                }
            }
            (Dialect::Sqlite, true) => {
                for statement in trigger_statements(table) {
                    db.run(
                        &statement,
                        &values![],
                        "switching the audit triggers for the copy",
                    )?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every table of the file's schema is copied (or is the log, the
    /// search index, or SQLite's own), so a new table cannot be left behind
    /// by a move.
    #[test]
    fn the_copy_knows_every_table_of_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("taskforce.sqlite3");
        drop(crate::Store::open(&path, std::sync::Arc::new(crate::SystemClock)).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                  AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'
                  AND name <> 'audit_log' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut copied: Vec<String> = super::TABLES.iter().map(|t| t.to_string()).collect();
        tables.sort();
        copied.sort();
        assert_eq!(copied, tables);
    }
}

//! Anonymising a record's free text, as one write: the text itself (and so
//! its search entries, overwritten by FTS5's secure-delete in the file),
//! every earlier value of it in the audit log, the chain computed anew from
//! the first entry changed, and one entry that records the redaction — who,
//! when, which record, never what it said. The file's WAL is emptied after,
//! as an erasure does; on the server the log is redacted by the owner's
//! function `audit_redact`, and old row versions go at the next VACUUM
//! (see docs/server.md).

use super::audit::{rechain_from, record_own_entry, APPEND_ONLY};
use super::sql::{values, Queries};
use super::Store;
use crate::domain::{Anonymisable, Id, REDACTION_MARK};
use crate::error::{Error, Result, StorageContext, Thing};
use rusqlite::params;

impl Store {
    /// Replaces the free text of `what` `id` by [`REDACTION_MARK`] in the
    /// record, the search index and the audit log. Cannot be undone.
    pub fn anonymise(&self, what: Anonymisable, id: Id) -> Result<()> {
        let (table, columns) = what.table();
        let context = "anonymising";
        let before = serde_json::json!({ "table": table, "row_id": id }).to_string();
        let after =
            serde_json::json!({ "anonymised": columns, "ground": "AVG art. 17" }).to_string();
        if self.is_on_server() {
            // The log is the owner's: its function redacts it (see
            // migrations/postgres/0015_redaction.sql).
            return self.write_final(|db| {
                redact_record(db, what, id)?;
                db.run(
                    "SELECT audit_redact(?1, ?2, ?3, ?4)",
                    &values![table, id, before.as_str(), after.as_str()],
                    context,
                )?;
                Ok(())
            });
        }
        self.write_file_final(|tx| {
            redact_record(tx, what, id)?;
            let first: Option<Id> = tx.one(
                "SELECT min(id) FROM audit_log WHERE table_name = ?1 AND row_id = ?2",
                &values![table, id],
                context,
                |r| r.get(0),
            )?;
            // The file's log has its own machinery (its append-only
            // triggers, JSON1's json_replace, the chain in `audit`).
            tx.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
                .context(context)?;
            for column in columns {
                for side in ["before", "after"] {
                    tx.execute(
                        &format!(
                            "UPDATE audit_log SET {side} = json_replace({side}, '$.{column}', ?1)
                             WHERE table_name = ?2 AND row_id = ?3 AND {side} IS NOT NULL
                               AND json_type({side}, '$.{column}') IS NOT NULL"
                        ),
                        params![REDACTION_MARK, table, id],
                    )
                    .context(context)?;
                }
            }
            if let Some(first) = first {
                rechain_from(tx, first)?;
            }
            record_own_entry(tx, &before, &after)?;
            tx.execute_batch(APPEND_ONLY).context(context)?;
            Ok(())
        })?;
        self.checkpoint()
    }
}

/// The record's own free text overwritten by the mark, as any change (its
/// search entries follow by their triggers).
fn redact_record(db: &dyn super::sql::Executor, what: Anonymisable, id: Id) -> Result<()> {
    let (table, columns) = what.table();
    let context = "anonymising";
    let exists: Option<i64> = db.optional(
        &format!("SELECT id FROM {table} WHERE id = ?1"),
        &values![id],
        context,
        |r| r.get(0),
    )?;
    if exists.is_none() {
        let thing = match what {
            Anonymisable::Subject => Thing::Subject,
            Anonymisable::Decision => Thing::Decision,
            Anonymisable::Action => Thing::Action,
        };
        return Err(Error::not_found(thing, id));
    }
    // The table name and columns come from `Anonymisable::table`, never
    // from input.
    let set: Vec<String> = columns.iter().map(|c| format!("{c} = ?1")).collect();
    db.run(
        &format!("UPDATE {table} SET {} WHERE id = ?2", set.join(", ")),
        &values![REDACTION_MARK, id],
        context,
    )?;
    Ok(())
}

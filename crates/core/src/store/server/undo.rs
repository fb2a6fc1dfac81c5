//! Undo on the server: the same [`UndoStep`]s as the file's (see
//! [`crate::store::undo`]), noted by the server's own triggers
//! (`migrations/postgres/0015_undo.sql`) while a write of the app asks for
//! it, and taken back before that write commits.
//!
//! Putting a step back is generic over the tables, as on the file: each row
//! must still be exactly as the step left it (a colleague's later change
//! refuses the undo, with nothing changed), then rows come back through
//! `jsonb_populate_record`, so every column keeps its type. The server
//! checks references at once, not at commit as the file can be told to:
//! rows taken away come back parents first, rows the step added go
//! children first, and what changed in between is put back between them.

use super::executor::Session;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::store::sql::{values, Executor, Queries};
use crate::store::transfer::TABLES;
use crate::store::undo::{RowChange, UndoStep};

/// The notes this transaction's triggers made, as one step (none when the
/// write changed nothing).
pub(crate) fn take(db: &Session<'_>) -> Result<Option<UndoStep>> {
    let rows = db.rows(
        "SELECT tbl, key, before, after FROM undo_take()",
        &values![],
        "reading the undo journal",
        |r| {
            Ok(RowChange {
                table: r.get(0)?,
                key: r.get(1)?,
                before: r.get(2)?,
                after: r.get(3)?,
            })
        },
    )?;
    Ok(UndoStep::of(rows))
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Each row's change from before the step's first touch to after its last.
fn net(step: &UndoStep) -> Vec<RowChange> {
    let mut net: Vec<RowChange> = Vec::new();
    for change in step.rows() {
        match net
            .iter_mut()
            .find(|n| n.table == change.table && n.key == change.key)
        {
            Some(n) => n.after.clone_from(&change.after),
            None => net.push(change.clone()),
        }
    }
    net.retain(|n| n.before.is_some() || n.after.is_some());
    net
}

/// Puts back every row of `step`, or refuses with nothing changed.
pub(crate) fn revert(db: &Session<'_>, step: &UndoStep) -> Result<()> {
    let context = "undoing a change";
    let changes = net(step);
    let order = |table: &str| TABLES.iter().position(|t| *t == table);
    // Only the record's own tables: the journal names them itself, but an
    // unknown name is refused rather than written into SQL.
    if changes.iter().any(|c| order(&c.table).is_none()) {
        return Err(Error::conflict(MessageKey::UndoChangedSince));
    }
    let refused = |e: crate::store::sql::SqlError| {
        if e.is_constraint_violation() {
            Error::conflict(MessageKey::UndoChangedSince)
        } else {
            e.into_storage(context)
        }
    };
    for change in &changes {
        let table = quoted(&change.table);
        let matching = key_match(&change.key)?;
        let same: Option<bool> = db.optional(
            &format!(
                "SELECT coalesce(to_jsonb(r) = CAST(CAST(?2 AS text) AS jsonb), false)
                   FROM {table} r, jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb)) k
                  WHERE {matching}"
            ),
            &values![change.key.as_str(), change.after.as_deref()],
            context,
            |r| r.get(0),
        )?;
        let unchanged = match &change.after {
            Some(_) => same == Some(true),
            None => same.is_none(),
        };
        if !unchanged {
            return Err(Error::conflict(MessageKey::UndoChangedSince));
        }
    }

    let mut restored: Vec<&RowChange> = changes
        .iter()
        .filter(|c| c.before.is_some() && c.after.is_none())
        .collect();
    restored.sort_by_key(|c| order(&c.table));
    for change in restored {
        let table = quoted(&change.table);
        db.execute(
            &format!(
                "INSERT INTO {table} SELECT * FROM jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb))"
            ),
            &values![change.before.as_deref()],
        )
        .map_err(refused)?;
    }
    for change in changes
        .iter()
        .rev()
        .filter(|c| c.before.is_some() && c.after.is_some())
    {
        let table = quoted(&change.table);
        let columns = db.rows(
            "SELECT CAST(column_name AS text) FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = ?1
              ORDER BY ordinal_position",
            &values![change.table.as_str()],
            context,
            |r| r.get::<String>(0),
        )?;
        let set: Vec<String> = columns
            .iter()
            .map(|c| format!("{0} = k.{0}", quoted(c)))
            .collect();
        let matching = key_match(&change.key)?;
        db.execute(
            &format!(
                "UPDATE {table} AS r SET {}
                   FROM jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb)) k
                  WHERE {matching}",
                set.join(", ")
            ),
            &values![change.before.as_deref()],
        )
        .map_err(refused)?;
    }
    let mut added: Vec<&RowChange> = changes
        .iter()
        .filter(|c| c.before.is_none() && c.after.is_some())
        .collect();
    added.sort_by_key(|c| std::cmp::Reverse(order(&c.table)));
    for change in added {
        let table = quoted(&change.table);
        let matching = key_match(&change.key)?;
        db.execute(
            &format!(
                "DELETE FROM {table} AS r
                  USING jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb)) k
                  WHERE {matching}"
            ),
            &values![change.key.as_str()],
        )
        .map_err(refused)?;
    }
    db.run(
        "SELECT undo_recorded(?1)",
        &values![step.undone().to_string()],
        context,
    )?;
    Ok(())
}

/// `r.a = k.a AND …` for the key's columns (the names the server's trigger
/// wrote from the table's primary key).
fn key_match(key: &str) -> Result<String> {
    let columns: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(key).map_err(|_| Error::conflict(MessageKey::UndoChangedSince))?;
    if columns.is_empty() {
        return Err(Error::conflict(MessageKey::UndoChangedSince));
    }
    Ok(columns
        .keys()
        .map(|c| format!("r.{0} = k.{0}", quoted(c)))
        .collect::<Vec<_>>()
        .join(" AND "))
}

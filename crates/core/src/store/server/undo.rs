//! Undo on the server: the same [`UndoStep`]s as the file's (see
//! [`crate::store::undo`]), noted by the server's own triggers
//! (`migrations/postgres/0015_undo.sql`) while a write of the app asks for
//! it, and taken back before that write commits.
//!
//! Putting a step back is generic over the tables, as on the file: each row
//! must still be exactly as the step left it (a colleague's later change
//! refuses the undo, with nothing changed; the rows are locked from that
//! check on, so a change made past the app cannot slip in between), and no
//! meeting whose record the step touched may have adopted minutes by now
//! (`undo::minutes_kept_since`). Then every change is reversed in exactly the reverse of
//! the order it was made — each inverse gives back a state the database
//! accepted a moment before, so references and unique keys hold at every
//! statement, as the server checks them at once — through
//! `jsonb_populate_record`, so every column keeps its type.

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
    // Only the record's own tables: the journal names them itself, but an
    // unknown name is refused rather than written into SQL.
    if step
        .rows()
        .iter()
        .any(|c| !TABLES.contains(&c.table.as_str()))
    {
        return Err(Error::conflict(MessageKey::UndoChangedSince));
    }
    let refused = |e: crate::store::sql::SqlError| {
        if e.is_constraint_violation() {
            Error::conflict(MessageKey::UndoChangedSince)
        } else {
            e.into_storage(context)
        }
    };
    for change in net(step) {
        let table = quoted(&change.table);
        let matching = key_match(&change.key)?;
        let same: Option<bool> = db.optional(
            &format!(
                "SELECT coalesce(to_jsonb(r) = CAST(CAST(?2 AS text) AS jsonb), false)
                   FROM {table} r, jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb)) k
                  WHERE {matching}
                    FOR UPDATE OF r"
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
    crate::store::undo::minutes_kept_since(db, step)?;

    for change in step.rows().iter().rev() {
        let table = quoted(&change.table);
        let matching = key_match(&change.key)?;
        let changed = match (&change.before, &change.after) {
            // Added by the step: taken away.
            (None, Some(_)) => db.execute(
                &format!(
                    "DELETE FROM {table} AS r
                      USING jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb)) k
                      WHERE {matching}"
                ),
                &values![change.key.as_str()],
            ),
            // Changed: as it was.
            (Some(before), Some(_)) => {
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
                db.execute(
                    &format!(
                        "UPDATE {table} AS r SET {}
                           FROM jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb)) k
                          WHERE {matching}",
                        set.join(", ")
                    ),
                    &values![before.as_str()],
                )
            }
            // Taken away by the step: back.
            (Some(before), None) => db.execute(
                &format!(
                    "INSERT INTO {table}
                     SELECT * FROM jsonb_populate_record(NULL::{table}, CAST(CAST(?1 AS text) AS jsonb))"
                ),
                &values![before.as_str()],
            ),
            (None, None) => Ok(1),
        }
        .map_err(refused)?;
        // Each statement names one row by its key: none (or more) means the
        // record is not as the check found it.
        if changed != 1 {
            return Err(Error::conflict(MessageKey::UndoChangedSince));
        }
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

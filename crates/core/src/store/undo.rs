//! Taking back the last changes of a session (*Ongedaan maken*).
//!
//! Every write of a writable store is journaled: temporary triggers (in the
//! connection's own `temp` schema, never in the file) copy each changed
//! row of the record's tables before and after into `temp.undo_journal`.
//! A write that changed rows leaves one [`UndoStep`] on the session's list.
//! Undoing it is the store's inverse of exactly those rows — refused when
//! any of them has changed since (a later edit, a colleague), so an undo
//! never overwrites work it did not make. Operations without an inverse
//! (cancelling, erasing, adopting, sending) are written with
//! [`Store::write_final`], which empties the list: the screens say so in
//! the confirmation before.
//!
//! Generic over the tables rather than one hand-written inverse per
//! operation: a new column or a new operation cannot be forgotten, and the
//! rules still hold because the undo only ever returns rows to a state the
//! rules accepted a moment before (foreign keys are checked at commit).

use super::{audit, Store};
use crate::error::{Error, Result, StorageContext};
use crate::message::MessageKey;
use rusqlite::Connection;
use serde::Serialize;

/// How many changes a session can take back.
pub const UNDO_DEPTH: usize = 30;

/// Tables whose rows the journal does not follow: the append-only log, the
/// register of erasures (an erasure is final) and the search index, which
/// its own triggers keep in step with the tables it indexes.
fn journaled(table: &str) -> bool {
    !(table == "audit_log"
        || table == "erasures"
        || table.starts_with("search_index")
        || table.starts_with("sqlite_"))
}

/// One row as a write left it, and as it was before.
#[derive(Debug, Clone)]
pub(crate) struct RowChange {
    pub table: String,
    /// The row's primary key as JSON (`{"id": 4}`), to find it again.
    pub key: String,
    /// The whole row as JSON, before the write and after it; `None` where
    /// the write added or took away the row.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The rows one write changed, in the order it changed them.
#[derive(Debug, Clone)]
pub struct UndoStep {
    rows: Vec<RowChange>,
}

impl UndoStep {
    /// The step of a write that changed `rows`; none when it changed none.
    pub(crate) fn of(rows: Vec<RowChange>) -> Option<UndoStep> {
        (!rows.is_empty()).then_some(UndoStep { rows })
    }

    /// The meetings whose record (decisions, attendance, actions recorded
    /// there) the step's rows add to, take from or change: what the rules
    /// allow only while the meeting's minutes are concept. A later action
    /// on an action (postponed, closed) is not the record's.
    fn recorded_at_meetings(&self) -> std::collections::BTreeSet<i64> {
        self.rows
            .iter()
            .filter(|c| match c.table.as_str() {
                "decisions" | "attendance" => true,
                "actions" => c.before.is_none() || c.after.is_none(),
                _ => false,
            })
            .flat_map(|c| {
                [&c.before, &c.after]
                    .into_iter()
                    .flatten()
                    .filter_map(|json| {
                        let row: serde_json::Value = serde_json::from_str(json).ok()?;
                        row.get("meeting_id")?.as_i64()
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    pub(crate) fn rows(&self) -> &[RowChange] {
        &self.rows
    }

    /// What the undo's own log entry says it put back: which rows, never
    /// what they held.
    pub(crate) fn undone(&self) -> serde_json::Value {
        let undone: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|c| {
                serde_json::json!({
                    "table": c.table,
                    "key": serde_json::from_str::<serde_json::Value>(&c.key).unwrap_or_default(),
                    "action": match (&c.before, &c.after) {
                        (None, _) => "insert",
                        (_, None) => "delete",
                        _ => "update",
                    },
                })
            })
            .collect();
        serde_json::json!({ "undone": undone })
    }
}

/// What the window may offer: *Ongedaan maken* and how many steps back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UndoOffer {
    pub steps: u32,
}

struct Table {
    name: String,
    columns: Vec<String>,
    key: Vec<String>,
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn tables(conn: &Connection) -> rusqlite::Result<Vec<Table>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::new();
    for name in names.into_iter().filter(|n| journaled(n)) {
        let mut columns = Vec::new();
        let mut key: Vec<(i64, String)> = Vec::new();
        let mut info = conn.prepare("SELECT name, pk FROM pragma_table_info(?1)")?;
        let rows = info.query_map([&name], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (column, pk) = row?;
            if pk > 0 {
                key.push((pk, column.clone()));
            }
            columns.push(column);
        }
        key.sort();
        let key: Vec<String> = if key.is_empty() {
            vec!["rowid".to_string()]
        } else {
            key.into_iter().map(|(_, c)| c).collect()
        };
        tables.push(Table { name, columns, key });
    }
    Ok(tables)
}

fn json_of(columns: &[String], row: &str) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{}', {row}.{}", c.replace('\'', "''"), quoted(c)))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// Puts the journal and its triggers on a writable connection. They live in
/// `temp`, so nothing of them is in the file, its schema or a backup.
pub(crate) fn install(conn: &Connection) -> Result<()> {
    let context = "preparing undo";
    // The journal holds free text and personal data as it was a moment
    // ago: it lives in memory, never in a temporary file.
    let mut sql = String::from(
        "PRAGMA temp_store = MEMORY;
        CREATE TEMP TABLE IF NOT EXISTS undo_journal (
            id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL,
            before TEXT, after TEXT);\n",
    );
    for table in tables(conn).context(context)? {
        let target = quoted(&table.name);
        let literal = table.name.replace('\'', "''");
        let trigger: String = table
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        for (event, key_row, before, after) in [
            (
                "insert",
                "NEW",
                "NULL".to_string(),
                json_of(&table.columns, "NEW"),
            ),
            (
                "update",
                "NEW",
                json_of(&table.columns, "OLD"),
                json_of(&table.columns, "NEW"),
            ),
            (
                "delete",
                "OLD",
                json_of(&table.columns, "OLD"),
                "NULL".to_string(),
            ),
        ] {
            let key = json_of(&table.key, key_row);
            sql.push_str(&format!(
                "CREATE TEMP TRIGGER IF NOT EXISTS undo_{trigger}_{event} AFTER {event} ON main.{target} BEGIN
                    INSERT INTO undo_journal (tbl, key, before, after) VALUES ('{literal}', {key}, {before}, {after});
                 END;\n"
            ));
        }
    }
    conn.execute_batch(&sql).context(context)
}

/// The rows the current transaction changed so far, and an empty journal
/// for the next.
pub(crate) fn take(conn: &Connection) -> Result<Option<UndoStep>> {
    let context = "reading the undo journal";
    let rows: Vec<RowChange> = conn
        .prepare("SELECT tbl, key, before, after FROM temp.undo_journal ORDER BY id")
        .context(context)?
        .query_map([], |r| {
            Ok(RowChange {
                table: r.get(0)?,
                key: r.get(1)?,
                before: r.get(2)?,
                after: r.get(3)?,
            })
        })
        .context(context)?
        .collect::<rusqlite::Result<_>>()
        .context(context)?;
    conn.execute("DELETE FROM temp.undo_journal", [])
        .context(context)?;
    Ok(UndoStep::of(rows))
}

/// The row as it is now, as the journal would have written it.
fn current(conn: &Connection, table: &Table, key: &str) -> rusqlite::Result<Option<String>> {
    let select = json_of(&table.columns, "r");
    let filter: Vec<String> = table
        .key
        .iter()
        .map(|c| format!("r.{} IS json_extract(?1, '$.{}')", quoted(c), c))
        .collect();
    let sql = format!(
        "SELECT {select} FROM main.{} AS r WHERE {}",
        quoted(&table.name),
        filter.join(" AND ")
    );
    match conn.query_row(&sql, [key], |r| r.get(0)) {
        Ok(row) => Ok(Some(row)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e),
    }
}

fn values(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("json_extract(?1, '$.{}')", c.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn revert(conn: &Connection, table: &Table, change: &RowChange) -> rusqlite::Result<()> {
    let t = quoted(&table.name);
    let filter: Vec<String> = table
        .key
        .iter()
        .map(|c| format!("{} IS json_extract(?2, '$.{}')", quoted(c), c))
        .collect();
    let filter = filter.join(" AND ");
    let columns: Vec<String> = table.columns.iter().map(|c| quoted(c)).collect();
    match (&change.before, &change.after) {
        (None, Some(_)) => {
            conn.execute(
                &format!("DELETE FROM main.{t} WHERE {}", filter.replace("?2", "?1")),
                [&change.key],
            )?;
        }
        (Some(before), Some(_)) => {
            conn.execute(
                &format!(
                    "UPDATE main.{t} SET ({}) = ({}) WHERE {filter}",
                    columns.join(", "),
                    values(&table.columns)
                ),
                [before, &change.key],
            )?;
        }
        (Some(before), None) => {
            conn.execute(
                &format!(
                    "INSERT INTO main.{t} ({}) VALUES ({})",
                    columns.join(", "),
                    values(&table.columns)
                ),
                [before],
            )?;
        }
        (None, None) => {}
    }
    Ok(())
}

/// One foreign key: `child.from` refers to `parent.to`.
struct ForeignKey {
    child: String,
    from: String,
    parent: String,
    to: String,
}

fn foreign_keys(conn: &Connection) -> rusqlite::Result<Vec<ForeignKey>> {
    conn.prepare(
        "SELECT m.name, k.\"from\", k.\"table\", coalesce(k.\"to\", 'rowid')
         FROM main.sqlite_schema m, pragma_foreign_key_list(m.name) k
         WHERE m.type = 'table'",
    )?
    .query_map([], |r| {
        Ok(ForeignKey {
            child: r.get(0)?,
            from: r.get(1)?,
            parent: r.get(2)?,
            to: r.get(3)?,
        })
    })?
    .collect()
}

/// Whether, after the step's rows were put back, a row put back points at
/// nothing or a row taken away is still pointed at.
fn dangling(conn: &Connection, step: &UndoStep) -> rusqlite::Result<bool> {
    let keys = foreign_keys(conn)?;
    let exists = |table: &str, column: &str, value: &rusqlite::types::Value| {
        conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM main.{} WHERE {} = ?1)",
                quoted(table),
                quoted(column)
            ),
            [value],
            |r| r.get::<_, bool>(0),
        )
    };
    let field = |json: &str, column: &str| {
        conn.query_row(
            "SELECT json_extract(?1, ?2)",
            [json, &format!("$.{column}")],
            |r| r.get::<_, rusqlite::types::Value>(0),
        )
    };
    for change in &step.rows {
        if let Some(before) = &change.before {
            for key in keys.iter().filter(|k| k.child == change.table) {
                let value = field(before, &key.from)?;
                if value != rusqlite::types::Value::Null && !exists(&key.parent, &key.to, &value)? {
                    return Ok(true);
                }
            }
        }
        if let Some(after) = &change.after {
            for key in keys.iter().filter(|k| k.parent == change.table) {
                let value = field(after, &key.to)?;
                let still_here = match &change.before {
                    Some(before) => field(before, &key.to)? == value,
                    None => false,
                };
                if value != rusqlite::types::Value::Null
                    && !still_here
                    && exists(&key.child, &key.from, &value)?
                {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// Refuses an undo that would change the record of a meeting whose minutes
/// are adopted by now (a colleague adopted them after the step): an adopted
/// record changes only by an amending decision, never by a step back. The
/// rows' own check cannot see it, as adopting changes only the minutes.
pub(crate) fn minutes_kept_since(db: &dyn super::sql::Executor, step: &UndoStep) -> Result<()> {
    use super::sql::{values, Queries};
    for meeting in step.recorded_at_meetings() {
        let adopted: bool = db.one(
            "SELECT EXISTS (SELECT 1 FROM minutes WHERE meeting_id = ?1 AND status = 'adopted')",
            &values![meeting],
            "undoing a change",
            |r| r.get(0),
        )?;
        if adopted {
            return Err(Error::conflict(MessageKey::UndoChangedSince));
        }
    }
    Ok(())
}

impl Store {
    /// Whether the window can offer *Ongedaan maken*, and how far back.
    pub fn undo_offer(&self) -> Option<UndoOffer> {
        let steps = self.undo_steps().len();
        (steps > 0).then_some(UndoOffer {
            steps: steps as u32,
        })
    }

    /// Takes back the last change of this session by restoring every row it
    /// touched — refused, with nothing changed, when one of them has been
    /// changed since. Logged like any change, with an entry saying it was
    /// an undo.
    pub fn undo_last(&self) -> Result<()> {
        let step = self
            .undo_steps()
            .pop()
            .ok_or_else(|| Error::conflict(MessageKey::UndoNothing))?;
        let outcome = match self.server() {
            Some(mut server) => server
                .write(self.now(), false, |db| {
                    super::server::undo::revert(db, &step)
                })
                .map(|((), _)| ()),
            None => self.undo_on_file(&step),
        };
        // Refused because a row changed: that step can never be undone. Any
        // other failure (a busy file, a lost connection) leaves it to try
        // again.
        if outcome
            .as_ref()
            .is_err_and(|e| !matches!(e, Error::Conflict(_)))
        {
            self.undo_steps().push(step);
        }
        outcome
    }

    fn undo_on_file(&self, step: &UndoStep) -> Result<()> {
        self.write_file_unjournaled(|tx| {
            let context = "undoing a change";
            minutes_kept_since(tx, step)?;
            tx.execute_batch("PRAGMA defer_foreign_keys = ON")
                .context(context)?;
            let tables = tables(tx).context(context)?;
            let table_of = |name: &str| {
                tables
                    .iter()
                    .find(|t| t.name == name)
                    .ok_or_else(|| Error::conflict(MessageKey::UndoChangedSince))
            };
            // Each row must still be exactly as this step left it.
            let mut seen = std::collections::HashSet::new();
            for change in step.rows.iter().rev() {
                if !seen.insert((change.table.as_str(), change.key.as_str())) {
                    continue;
                }
                let now = current(tx, table_of(&change.table)?, &change.key).context(context)?;
                if now != change.after {
                    return Err(Error::conflict(MessageKey::UndoChangedSince));
                }
            }
            for change in step.rows.iter().rev() {
                revert(tx, table_of(&change.table)?, change).map_err(|e| {
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) {
                        Error::conflict(MessageKey::UndoChangedSince)
                    } else {
                        crate::error::storage_error(context, e)
                    }
                })?;
            }
            // A row something now depends on cannot be taken away, and a
            // row put back must find what it points to: checked for the
            // rows of this step only (a whole-database check took 150 ms on
            // ten years of data), to say so plainly rather than at commit.
            if dangling(tx, step).context(context)? {
                return Err(Error::conflict(MessageKey::UndoChangedSince));
            }
            audit::record_own_entry(
                tx,
                &step.undone().to_string(),
                &serde_json::json!({ "undo": true }).to_string(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{SubjectDraft, SubjectKind};
    use crate::{FixedClock, Store};
    use std::sync::Arc;

    #[test]
    fn the_journal_is_kept_in_memory_and_out_of_the_files_schema() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(chrono::DateTime::UNIX_EPOCH));
        let store = Store::open(&dir.path().join("t.sqlite3"), clock).unwrap();
        assert_eq!(store.pragma("temp_store").unwrap(), "2", "MEMORY");
        store
            .add_subject(&SubjectDraft {
                title: "Zaak".into(),
                kind: SubjectKind::Case,
                description: String::new(),
                confidential: false,
                tags: vec![],
            })
            .unwrap();
        assert_eq!(store.undo_offer().map(|o| o.steps), Some(1));
        // The file's own schema has no trace of the journal.
        let report = store.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        let in_file: i64 = store
            .read_file(|tx| {
                Ok(tx
                    .query_row(
                        "SELECT count(*) FROM main.sqlite_schema WHERE name LIKE 'undo%'",
                        [],
                        |r| r.get(0),
                    )
                    .unwrap())
            })
            .unwrap();
        assert_eq!(in_file, 0);
    }
}

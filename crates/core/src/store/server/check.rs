//! `check` on the server: what of the record the server does not guard by
//! itself. Its storage is the server's own (checksums, WAL, the
//! administrator's backups); what is read here is what a disabled trigger,
//! a hand-made change by the owner or a half-done restore could leave
//! wrong: references to rows that are gone, a search index that differs
//! from the record, triggers missing, switched off or added.

use crate::error::Result;
use crate::store::audited::AUDITED;
use crate::store::sql::{values, Executor, Queries};
use crate::store::transfer::TABLES;

/// The schema's own guards beside the audit, undo and search triggers:
/// adopted minutes stay as they are, a document's hash is well-formed, the
/// log is append-only and the undo journal never committed.
const GUARDS: &[(&str, &str)] = &[
    ("minutes", "minutes_adopted_read_only"),
    ("minutes", "minutes_adopted_not_deleted"),
    ("documents", "documents_sha256_insert"),
    ("documents", "documents_sha256_update"),
    ("audit_log", "audit_log_no_update"),
    ("audit_log", "audit_log_no_delete"),
    ("audit_log", "audit_log_no_truncate"),
    ("undo_journal", "undo_journal_taken"),
];

/// The tables whose rows the search index holds, each with its trigger.
const SEARCHED: &[&str] = &["subjects", "minutes", "decisions", "actions", "partners"];

/// Every trigger the migrations make, as (table, name).
fn expected_triggers() -> Vec<(String, String)> {
    let mut expected: Vec<(String, String)> = GUARDS
        .iter()
        .map(|(t, n)| (t.to_string(), n.to_string()))
        .collect();
    expected.extend(
        AUDITED
            .iter()
            .map(|t| (t.table.to_string(), format!("audit_{}", t.table))),
    );
    expected.extend(
        SEARCHED
            .iter()
            .map(|t| (t.to_string(), format!("{t}_search"))),
    );
    // Undo follows every table but the register of erasures (final).
    expected.extend(
        TABLES
            .iter()
            .filter(|t| **t != "erasures")
            .map(|t| (t.to_string(), "undo_note".to_string())),
    );
    expected.sort();
    expected
}

/// Triggers missing, switched off, or not made by the migrations.
pub(crate) fn trigger_problems(db: &dyn Executor) -> Result<Vec<String>> {
    let found: Vec<(String, String, bool)> = db.rows(
        // 'O' fires in normal sessions, 'A' always; 'R' only on replicas.
        "SELECT CAST(c.relname AS text), CAST(t.tgname AS text), t.tgenabled IN ('O', 'A')
           FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
          WHERE NOT t.tgisinternal AND c.relnamespace = CAST(current_schema() AS regnamespace)
          ORDER BY 1, 2",
        &values![],
        "reading the server's triggers",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let expected = expected_triggers();
    let mut problems = Vec::new();
    for (table, name) in &expected {
        match found.iter().find(|(t, n, _)| t == table && n == name) {
            None => problems.push(format!("trigger {name} van tabel {table} ontbreekt")),
            Some((_, _, false)) => {
                problems.push(format!("trigger {name} van tabel {table} staat uit"))
            }
            Some(_) => {}
        }
    }
    for (table, name, _) in &found {
        if !expected.iter().any(|(t, n)| t == table && n == name) {
            problems.push(format!("onverwachte trigger {name} op tabel {table}"));
        }
    }
    Ok(problems)
}

/// Whether everyone may create objects in the record's schema: a function
/// of a colleague's there could stand in for a built-in that the owner's
/// definer functions call (the owner's start refuses it too).
pub(crate) fn schema_open_to_all(db: &dyn Executor) -> Result<bool> {
    db.one(
        "SELECT has_schema_privilege('public', current_schema(), 'CREATE')",
        &values![],
        "reading the schema's rights",
        |r| r.get(0),
    )
}

/// How many rows point at a row that is not there, over every foreign key
/// (the server checks them on every change, unless its triggers were
/// switched off).
pub(crate) fn dangling_references(db: &dyn Executor) -> Result<u32> {
    let context = "checking references";
    let keys: Vec<(String, String, String, String)> = db.rows(
        "SELECT CAST(c.conrelid::regclass AS text), CAST(a.attname AS text),
                CAST(c.confrelid::regclass AS text), CAST(p.attname AS text)
           FROM pg_constraint c
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1]
          WHERE c.contype = 'f' AND c.connamespace = CAST(current_schema() AS regnamespace)
          ORDER BY 1, 2",
        &values![],
        context,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut dangling = 0i64;
    for (child, column, parent, key) in keys {
        // Names as the server printed them (`regclass` quotes where
        // needed); columns quoted here.
        let column = format!("\"{}\"", column.replace('"', "\"\""));
        let key = format!("\"{}\"", key.replace('"', "\"\""));
        dangling += db.one(
            &format!(
                "SELECT count(*) FROM {child} c WHERE c.{column} IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{key} = c.{column})"
            ),
            &values![],
            context,
            |r| r.get::<i64>(0),
        )?;
    }
    Ok(u32::try_from(dangling).unwrap_or(u32::MAX))
}

/// Whether the search index holds exactly the record's searchable text,
/// each entry's words computed from it (as its triggers write it).
pub(crate) fn search_index_ok(db: &dyn Executor) -> Result<bool> {
    let differing: i64 = db.one(
        "WITH expected (key, title, body) AS (
             SELECT id * 8 + 1, title, description FROM subjects
             UNION ALL SELECT meeting_id * 8 + 2, '', body FROM minutes
             UNION ALL SELECT id * 8 + 3, code, text FROM decisions
             UNION ALL SELECT id * 8 + 4, '', description FROM actions
             UNION ALL SELECT id * 8 + 5, organisation, coalesce(contact_name, '') || ' ' || notes
                         FROM partners
         ),
         indexed AS (SELECT key, title, body FROM search_index)
         SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT * FROM indexed) m)
              + (SELECT count(*) FROM (SELECT * FROM indexed EXCEPT SELECT * FROM expected) x)
              + (SELECT count(*) FROM search_index
                  WHERE document <> to_tsvector('taskforce_search', title || ' ' || body)
                     OR rank_document
                        <> to_tsvector('taskforce_search', title || ' ' || left(body, 2000)))",
        &values![],
        "checking the search index",
        |r| r.get(0),
    )?;
    Ok(differing == 0)
}

/// The server's schema version.
pub(crate) fn schema_version(db: &dyn Executor) -> Result<i64> {
    db.one(
        "SELECT CAST(coalesce(max(version), 0) AS bigint) FROM schema_version",
        &values![],
        "reading the server's schema version",
        |r| r.get(0),
    )
}

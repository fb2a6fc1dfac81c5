//! The integrity and schema check behind `taskforce-cli check`.

use super::{Store, APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Result, StorageContext};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckReport {
    pub schema_version: i64,
    pub expected_schema_version: i64,
    pub integrity: Vec<String>,
    pub foreign_key_violations: u32,
    pub search_index_ok: bool,
    /// The first audit entry whose hash chain is broken, if any.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub audit_broken_at: Option<i64>,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What the audit log misses: a column that is neither logged nor left
/// out with a reason (see [`super::audited`]), or a table whose triggers are
/// missing or differ from those the declared list generates.
pub(crate) fn audit_coverage(tx: &rusqlite::Connection) -> Result<Vec<String>> {
    use super::audited::{folded, trigger_statements, AUDITED, NOT_AUDITED};
    let mut problems = Vec::new();
    let tables: Vec<String> = tx
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .context("reading the schema")?;
    let excluded = |table: &str| {
        NOT_AUDITED
            .iter()
            .any(|(name, _)| match name.strip_suffix('%') {
                Some(prefix) => table.starts_with(prefix),
                None => table == *name,
            })
    };
    for table in &tables {
        if excluded(table) {
            continue;
        }
        let Some(audited) = AUDITED.iter().find(|t| t.table == table) else {
            problems.push(format!("tabel {table} wordt niet gelogd"));
            continue;
        };
        let columns: Vec<String> = tx
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .and_then(|mut stmt| stmt.query_map([table], |r| r.get(0))?.collect())
            .context("reading the schema")?;
        for column in &columns {
            let declared = audited.logged.contains(&column.as_str())
                || audited.left_out.iter().any(|(c, _)| c == column);
            if !declared {
                problems.push(format!("kolom {table}.{column} wordt niet gelogd"));
            }
        }
        let stored: Vec<String> = tx
            .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1 AND name LIKE 'audit_%' ORDER BY name")
            .and_then(|mut stmt| stmt.query_map([table], |r| r.get(0))?.collect())
            .context("reading the schema")?;
        let expected = trigger_statements(audited);
        let sorted_folded = |texts: &[String]| {
            let mut texts: Vec<String> = texts.iter().map(|s| folded(s)).collect();
            texts.sort();
            texts
        };
        let (stored, expected) = (sorted_folded(&stored), sorted_folded(&expected));
        if stored != expected {
            problems.push(format!(
                "de logtriggers van tabel {table} ontbreken of zijn gewijzigd"
            ));
        }
    }
    Ok(problems)
}

/// Every table, index, trigger and view of a database, SQL whitespace
/// folded, keyed by kind and name.
pub(crate) fn schema_of(
    conn: &rusqlite::Connection,
) -> Result<std::collections::BTreeMap<(String, String), String>> {
    use super::ConnExt;
    let objects = conn.rows(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'",
        [],
        "reading the schema",
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        },
    )?;
    Ok(objects
        .into_iter()
        .map(|(kind, name, sql)| ((kind, name), super::audited::folded(&sql)))
        .collect())
}

/// How a database's schema differs from the one this version's migrations
/// build: a missing, changed or extra table, index, trigger or view. An
/// extra trigger could change or leak data behind the app's back, so a
/// restore refuses a backup with any difference and `check` reports them.
pub(crate) fn schema_differences(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let expected = {
        let clock = std::sync::Arc::new(crate::FixedClock::new(chrono::DateTime::UNIX_EPOCH));
        let reference = Store::open_in_memory(clock)?;
        let conn = reference.lock();
        schema_of(&conn)?
    };
    let actual = schema_of(conn)?;
    let mut problems = Vec::new();
    for ((kind, name), sql) in &expected {
        match actual.get(&(kind.clone(), name.clone())) {
            None => problems.push(format!("{kind} {name} ontbreekt")),
            Some(found) if found != sql => problems.push(format!("{kind} {name} is gewijzigd")),
            Some(_) => {}
        }
    }
    for (kind, name) in actual.keys() {
        if !expected.contains_key(&(kind.clone(), name.clone())) {
            problems.push(format!("onverwachte {kind} {name}"));
        }
    }
    Ok(problems)
}

impl Store {
    pub fn check(&self) -> Result<CheckReport> {
        self.read(|tx| {
            let schema_version: i64 = tx
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .context("checking")?;
            let application_id: i32 = tx
                .query_row("PRAGMA application_id", [], |r| r.get(0))
                .context("checking")?;
            let mut stmt = tx
                .prepare("PRAGMA integrity_check")
                .context("checking integrity")?;
            let integrity = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .context("checking integrity")?
                .collect::<rusqlite::Result<Vec<_>>>()
                .context("checking integrity")?;
            let mut stmt = tx
                .prepare("PRAGMA foreign_key_check")
                .context("checking foreign keys")?;
            let foreign_key_violations = stmt
                .query_map([], |_| Ok(()))
                .context("checking foreign keys")?
                .count() as u32;
            // FTS5's own consistency check raises an error when the index and
            // its content disagree.
            let search_index_ok = tx
                .execute(
                    "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)",
                    [],
                )
                .is_ok();

            let audit_broken_at = super::audit::first_broken_entry(tx)?;
            let mut problems = Vec::new();
            if let Some(id) = audit_broken_at {
                problems.push(format!(
                    "het auditlog is vanaf regel {id} gewijzigd of onderbroken"
                ));
            }
            if schema_version != SCHEMA_VERSION {
                problems.push(format!(
                    "schemaversie {schema_version}, verwacht {SCHEMA_VERSION}"
                ));
            }
            if application_id != APPLICATION_ID {
                problems.push("het bestand is niet gemarkeerd als Taskforce-database".to_string());
            }
            if integrity != ["ok"] {
                problems.push(format!("integriteitscontrole: {}", integrity.join("; ")));
            }
            if foreign_key_violations > 0 {
                problems.push(format!(
                    "{foreign_key_violations} verwijzing(en) naar ontbrekende records"
                ));
            }
            if !search_index_ok {
                problems.push("de zoekindex klopt niet met de gegevens".to_string());
            }
            problems.extend(audit_coverage(tx)?);
            if schema_version == SCHEMA_VERSION {
                problems.extend(schema_differences(tx)?);
            }
            Ok(CheckReport {
                schema_version,
                expected_schema_version: SCHEMA_VERSION,
                integrity,
                foreign_key_violations,
                search_index_ok,
                audit_broken_at,
                problems,
            })
        })
    }
}

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

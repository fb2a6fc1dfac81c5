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
    /// The chain is an HMAC under the folder's key (an encrypted folder);
    /// a plain folder's SHA-256 chain can be recomputed by anyone with the
    /// file, so it shows changes, not who could have made them.
    pub audit_keyed: bool,
    /// The log lacks the head recorded when the app was last closed.
    pub audit_cut_short: bool,
    pub problems: Vec<String>,
    /// What holds but is worth knowing (a plain folder's chain).
    pub notes: Vec<String>,
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
                || audited.left_out.iter().any(|(c, _)| c == column)
                || audited.derived.iter().any(|(_, _, c)| c == column);
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

/// One row of `sqlite_schema`: what kind of object, its name, the table it
/// belongs to, and its SQL exactly as stored.
pub(crate) type SchemaRow = (String, String, String, String);

/// Every row of a database's `sqlite_schema`, sorted — SQLite's own
/// internal objects (`sqlite_autoindex_…`, `sqlite_sequence`) included, so
/// that a look-alike name (`sqlitex_keep`, a row planted with
/// `writable_schema`) can never slip past a comparison.
pub(crate) fn schema_of(conn: &rusqlite::Connection) -> Result<Vec<SchemaRow>> {
    use super::ConnExt;
    let mut rows = conn.rows(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema",
        [],
        "reading the schema",
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    rows.sort();
    Ok(rows)
}

/// The schema this build's migrations give a database at `version`, built
/// once per version in memory and kept.
pub(crate) fn reference_schema(version: i64) -> Result<Vec<SchemaRow>> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static BUILT: OnceLock<Mutex<HashMap<i64, Vec<SchemaRow>>>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    if let Some(rows) = built
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&version)
    {
        return Ok(rows.clone());
    }
    let upto = usize::try_from(version)
        .ok()
        .filter(|v| *v <= super::MIGRATIONS.len())
        .ok_or_else(|| {
            crate::error::Error::Incompatible(crate::msg!(
                DatabaseNewer,
                version = version,
                known = SCHEMA_VERSION
            ))
        })?;
    let mut conn =
        rusqlite::Connection::open_in_memory().context("building the reference schema")?;
    super::set_pragmas(&conn, false)?;
    let clock = std::sync::Arc::new(crate::FixedClock::new(chrono::DateTime::UNIX_EPOCH));
    super::audit::register_functions(&conn, clock, None)
        .context("building the reference schema")?;
    if upto > 0 {
        super::migrate(&mut conn, &super::MIGRATIONS[..upto])?;
    }
    let rows = schema_of(&conn)?;
    built
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(version, rows.clone());
    Ok(rows)
}

/// How a database's schema differs from the one this build's migrations
/// give a database of its `user_version`: a missing, changed or extra
/// table, index, trigger or view, compared row by row and byte by byte. An
/// extra trigger could change or leak data behind the app's back, so a
/// file with any difference is neither migrated nor restored, and `check`
/// reports them. Reads only: safe on a file not yet trusted.
pub(crate) fn schema_differences(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .context("reading the schema version")?;
    let expected = reference_schema(version)?;
    let actual = schema_of(conn)?;
    let key = |row: &SchemaRow| (row.0.clone(), row.1.clone());
    let expected_by_name: std::collections::BTreeMap<_, _> =
        expected.iter().map(|r| (key(r), r)).collect();
    let actual_by_name: std::collections::BTreeMap<_, _> =
        actual.iter().map(|r| (key(r), r)).collect();
    let mut problems = Vec::new();
    for ((kind, name), row) in &expected_by_name {
        match actual_by_name.get(&(kind.clone(), name.clone())) {
            None => problems.push(format!("{kind} {name} ontbreekt")),
            Some(found) if found != row => problems.push(format!("{kind} {name} is gewijzigd")),
            Some(_) => {}
        }
    }
    for (kind, name) in actual_by_name.keys() {
        if !expected_by_name.contains_key(&(kind.clone(), name.clone())) {
            problems.push(format!("onverwachte {kind} {name}"));
        }
    }
    if actual.len() != actual_by_name.len() {
        // Two rows of one kind and name: only a hand-edited schema has them.
        problems.push("dubbele regels in het schema".to_string());
    }
    Ok(problems)
}

impl Store {
    /// What `taskforce-cli check` reports: the file's integrity, schema and
    /// log; on the server, what the server does not guard by itself.
    pub fn check(&self) -> Result<CheckReport> {
        if self.is_on_server() {
            return self.check_server();
        }
        self.read_file(|tx| {
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

            let key = self.key().map(|k| k.audit_key());
            let audit_broken_at = super::audit::first_broken_entry(tx, key.as_deref())?;
            let mut problems = Vec::new();
            let mut notes = Vec::new();
            let audit_keyed = self.key().is_some();
            if !audit_keyed {
                notes.push(
                    "het auditlog van een onversleutelde map is een gewone SHA-256-keten: wie het bestand heeft kan die opnieuw berekenen"
                        .to_string(),
                );
            }
            if self.audit_cut_short {
                problems.push(
                    "het auditlog is korter dan bij de vorige keer afsluiten: er zijn regels verwijderd"
                        .to_string(),
                );
            }
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
            if schema_version <= SCHEMA_VERSION {
                problems.extend(schema_differences(tx)?);
            }
            Ok(CheckReport {
                schema_version,
                expected_schema_version: SCHEMA_VERSION,
                integrity,
                foreign_key_violations,
                search_index_ok,
                audit_broken_at,
                audit_keyed,
                audit_cut_short: self.audit_cut_short,
                problems,
                notes,
            })
        })
    }

    fn check_server(&self) -> Result<CheckReport> {
        use super::server::check;
        self.read(|db| {
            let schema_version = check::schema_version(db)?;
            let expected_schema_version = super::server::server_version();
            let foreign_key_violations = check::dangling_references(db)?;
            let search_index_ok = check::search_index_ok(db)?;
            let audit_broken_at = super::audit::first_broken_entry(db, None)?;
            let mut problems = Vec::new();
            if let Some(id) = audit_broken_at {
                problems.push(format!(
                    "het auditlog is vanaf regel {id} gewijzigd of onderbroken"
                ));
            }
            if schema_version != expected_schema_version {
                problems.push(format!(
                    "schemaversie {schema_version}, verwacht {expected_schema_version}"
                ));
            }
            if foreign_key_violations > 0 {
                problems.push(format!(
                    "{foreign_key_violations} verwijzing(en) naar ontbrekende records"
                ));
            }
            if !search_index_ok {
                problems.push("de zoekindex klopt niet met de gegevens".to_string());
            }
            problems.extend(check::trigger_problems(db)?);
            if check::schema_open_to_all(db)? {
                problems.push(
                    "iedereen mag objecten maken in het schema van het dossier (ALTER SCHEMA … OWNER TO de eigenaar)"
                        .to_string(),
                );
            }
            Ok(CheckReport {
                schema_version,
                expected_schema_version,
                // The server keeps its own storage whole (checksums, WAL).
                integrity: Vec::new(),
                foreign_key_violations,
                search_index_ok,
                audit_broken_at,
                audit_keyed: false,
                audit_cut_short: false,
                problems,
                notes: vec![
                    "het auditlog op de server is een SHA-256-keten die alleen de eigenaar van de database kan wijzigen; de opslag zelf bewaakt de server"
                        .to_string(),
                ],
            })
        })
    }
}

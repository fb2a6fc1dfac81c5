//! Schema migrations: append-only SQL files, tracked by `PRAGMA user_version`.
//!
//! All pending migrations run in one transaction together with the version
//! bump, so a failure leaves the database exactly as it was. Never edit a
//! migration that has shipped; add the next one.

use crate::error::{Error, Result, StorageContext};
use crate::msg;
use rusqlite::{Connection, TransactionBehavior};

pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
    /// A step in Rust after the SQL, in the same transaction, for what SQL
    /// cannot do (computing the audit chain anew).
    pub then: Option<fn(&Connection) -> Result<()>>,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "0001_core",
        sql: include_str!("migrations/0001_core.sql"),
        then: None,
    },
    Migration {
        name: "0002_search",
        sql: include_str!("migrations/0002_search.sql"),
        then: None,
    },
    Migration {
        name: "0003_documents",
        sql: include_str!("migrations/0003_documents.sql"),
        then: None,
    },
    Migration {
        name: "0004_audit",
        sql: include_str!("migrations/0004_audit.sql"),
        then: None,
    },
    Migration {
        name: "0005_list_indexes",
        sql: include_str!("migrations/0005_list_indexes.sql"),
        then: None,
    },
    Migration {
        name: "0006_terms_over_time",
        sql: include_str!("migrations/0006_terms_over_time.sql"),
        then: None,
    },
    Migration {
        name: "0007_sending_out",
        sql: include_str!("migrations/0007_sending_out.sql"),
        then: None,
    },
    Migration {
        name: "0008_document_names",
        sql: include_str!("migrations/0008_document_names.sql"),
        then: None,
    },
    Migration {
        name: "0009_erasure",
        sql: include_str!("migrations/0009_erasure.sql"),
        then: None,
    },
    Migration {
        name: "0010_audit_without_personal_data",
        sql: include_str!("migrations/0010_audit_without_personal_data.sql"),
        then: Some(super::audit::redact_chain),
    },
    Migration {
        name: "0011_minutes_status_index",
        sql: include_str!("migrations/0011_minutes_status_index.sql"),
        then: None,
    },
    Migration {
        name: "0012_audit_keyed",
        sql: include_str!("migrations/0012_audit_keyed.sql"),
        then: Some(super::audit::rechain_keyed),
    },
    Migration {
        name: "0013_corrections",
        sql: include_str!("migrations/0013_corrections.sql"),
        then: None,
    },
    Migration {
        name: "0014_partners_by_lower_name",
        sql: include_str!("migrations/0014_partners_by_lower_name.sql"),
        then: None,
    },
    Migration {
        name: "0015_audit_recorded_at",
        sql: include_str!("migrations/0015_audit_recorded_at.sql"),
        then: None,
    },
    Migration {
        name: "0016_replies",
        sql: include_str!("migrations/0016_replies.sql"),
        then: Some(super::audited::attendance_triggers_again),
    },
    Migration {
        name: "0017_minutes_round",
        sql: include_str!("migrations/0017_minutes_round.sql"),
        then: None,
    },
    Migration {
        name: "0018_reminders",
        sql: include_str!("migrations/0018_reminders.sql"),
        then: None,
    },
    Migration {
        name: "0019_agenda_item_links",
        sql: include_str!("migrations/0019_agenda_item_links.sql"),
        then: None,
    },
    Migration {
        name: "0020_import_layouts",
        sql: include_str!("migrations/0020_import_layouts.sql"),
        then: None,
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to `migrations.len()`; refuses a newer one.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .context("starting the migration")?;
    let current: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .context("reading the schema version")?;
    let target = migrations.len() as i64;
    if current > target {
        return Err(Error::Incompatible(msg!(
            SchemaNewer,
            current = current,
            known = target
        )));
    }
    if current == target {
        return Ok(());
    }
    for migration in &migrations[current as usize..] {
        tx.execute_batch(migration.sql)
            .map_err(|source| Error::Storage {
                context: migration.name,
                source,
            })?;
        if let Some(then) = migration.then {
            then(&tx)?;
        }
    }
    // PRAGMA takes no parameters; both values are our own integers.
    tx.execute_batch(&format!(
        "PRAGMA user_version = {target}; PRAGMA application_id = {};",
        super::APPLICATION_ID
    ))
    .context("writing the schema version")?;
    tx.commit().context("committing the migration")
}

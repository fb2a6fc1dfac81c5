//! The record's schema on the server: a baseline equal to the file's schema
//! at the version it names, then every later migration as a SQLite and
//! PostgreSQL pair (after Vaultwarden's per-backend migrations). The
//! version lives in `schema_version`, one row per migration run, with who
//! ran it and when.
//!
//! Migrations run in one transaction under a transaction-level advisory
//! lock, so two apps starting at once never both migrate, and only as the
//! role that owns the database: a colleague's everyday login reads and
//! writes the record but never changes its shape. A server schema newer
//! than this build is refused, as a newer file is.

use super::executor::Session;
use crate::error::{Error, Result};
use crate::msg;
use crate::store::sql::{values, Queries};

/// A step of the server's schema: `version` is the file's schema version
/// it brings the server to.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    /// Run in order, in the migration's one transaction.
    pub sql: &'static [&'static str],
}

pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 14,
        name: "0014_baseline",
        sql: &[
            include_str!("../migrations/postgres/0014_baseline.sql"),
            // Generated from store/audited.rs (`audited::server_audit_sql`).
            include_str!("../migrations/postgres/0014_audit.sql"),
            include_str!("../migrations/postgres/0014_search.sql"),
        ],
    },
    Migration {
        version: 15,
        name: "0015_audit_recorded_at",
        sql: &[
            include_str!("../migrations/postgres/0015_audit_recorded_at.sql"),
            include_str!("../migrations/postgres/0015_undo.sql"),
            include_str!("../migrations/postgres/0015_redaction.sql"),
            include_str!("../migrations/postgres/0015_search_rank.sql"),
        ],
    },
    Migration {
        version: 16,
        name: "0016_replies",
        sql: &[include_str!("../migrations/postgres/0016_replies.sql")],
    },
    Migration {
        version: 17,
        name: "0017_minutes_round",
        sql: &[include_str!(
            "../migrations/postgres/0017_minutes_round.sql"
        )],
    },
    Migration {
        version: 18,
        name: "0018_reminders",
        sql: &[include_str!("../migrations/postgres/0018_reminders.sql")],
    },
    Migration {
        version: 19,
        name: "0019_agenda_item_links",
        sql: &[include_str!(
            "../migrations/postgres/0019_agenda_item_links.sql"
        )],
    },
    Migration {
        version: 20,
        name: "0020_import_layouts",
        sql: &[include_str!(
            "../migrations/postgres/0020_import_layouts.sql"
        )],
    },
];

/// Who may do what, made anew after every migration (so a new table has
/// its grants too) and whenever the owner's start finds the roles changed
/// ([`GRANTS_STALE`]).
///
/// Two roles of the database's own name, which the administrator makes
/// (docs/server.md): `<database>_secretariat` reads and writes the record's
/// tables and reads the audit log, the search index and the schema
/// version; `<database>_readonly` reads all of them and writes nothing.
/// Without the secretariat role, everyone let into the database
/// (`GRANT CONNECT`) has the secretariat's rights, as a small team's
/// simplest set-up. Nobody but the owner changes the log or the index
/// other than through the record (their triggers run as the owner), nor
/// the schema; no temporary tables either, which a definer function could
/// otherwise be led to write into.
const GRANTS: &str = "
DO $$
DECLARE
    t text;
    secretariat text := current_database() || '_secretariat';
    readonly text := current_database() || '_readonly';
    writer text := 'PUBLIC';
    reader boolean := to_regrole(quote_ident(readonly)) IS NOT NULL;
BEGIN
    IF to_regrole(quote_ident(secretariat)) IS NOT NULL THEN
        writer := quote_ident(secretariat);
    ELSIF reader THEN
        -- Everyone's rights would be the read-only role's too: refused
        -- rather than a read-only login that writes.
        RAISE EXCEPTION 'the role % needs the role % beside it (docs/server.md)',
            readonly, secretariat USING ERRCODE = 'TFS01';
    END IF;
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    FOR t IN SELECT table_name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
    LOOP
        EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', t);
        IF writer <> 'PUBLIC' THEN
            EXECUTE format('REVOKE ALL ON %I FROM %s', t, writer);
        END IF;
        IF reader THEN
            EXECUTE format('REVOKE ALL ON %I FROM %I', t, readonly);
        END IF;
        IF t = 'undo_journal' THEN
            CONTINUE;
        ELSIF t IN ('audit_log', 'search_index', 'schema_version') THEN
            EXECUTE format('GRANT SELECT ON %I TO %s', t, writer);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO %s', t, writer);
        END IF;
        IF reader THEN
            EXECUTE format('GRANT SELECT ON %I TO %I', t, readonly);
        END IF;
    END LOOP;
    REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
    EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %s', writer);
    -- The functions that write the log on a colleague's behalf: the
    -- secretariat's alone.
    REVOKE ALL ON FUNCTION undo_take(), undo_recorded(text),
        audit_redact(text, bigint, text, text) FROM PUBLIC;
    EXECUTE format('GRANT EXECUTE ON FUNCTION undo_take(), undo_recorded(text),
                    audit_redact(text, bigint, text, text) TO %s', writer);
END $$;
-- Nothing of a colleague's own in the record's schema: a function there
-- with a closer signature could stand in for a built-in that the owner's
-- definer functions call (`to_jsonb`, `jsonb_build_object`) and run as the
-- owner. PostgreSQL 15 has it so; on 13 and 14 `public` belongs to the
-- bootstrap superuser, the REVOKE below only warns, and the owner's start
-- is refused until the administrator gives the schema to the owner.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
DECLARE
    r text;
BEGIN
    FOR r IN SELECT 'public' UNION ALL
             SELECT rolname::text FROM pg_roles
              WHERE rolname IN (current_database() || '_secretariat',
                                current_database() || '_readonly')
    LOOP
        IF has_schema_privilege(r, current_schema(), 'CREATE') THEN
            RAISE EXCEPTION 'colleagues (%) may create objects in schema %: ALTER SCHEMA % OWNER TO % (docs/server.md)',
                r, current_schema(), current_schema(), current_user
                USING ERRCODE = 'TFS01';
        END IF;
    END LOOP;
END $$;
";

/// Whether the rights no longer follow the roles that exist: the
/// administrator made (or dropped) `<database>_secretariat` or
/// `<database>_readonly` since the last grant. Only the owner can grant
/// anew, so only the owner's start asks.
const GRANTS_STALE: &str = "
SELECT pg_get_userbyid(d.datdba) = current_user AND (
           CASE WHEN to_regrole(quote_ident(current_database() || '_secretariat')) IS NULL
                THEN NOT has_table_privilege('public', 'subjects', 'INSERT')
                ELSE has_table_privilege('public', 'subjects', 'INSERT')
                     OR NOT has_table_privilege(current_database() || '_secretariat',
                                                'subjects', 'INSERT')
           END
           OR CASE WHEN to_regrole(quote_ident(current_database() || '_readonly')) IS NULL THEN false
                   ELSE NOT has_table_privilege(current_database() || '_readonly',
                                                'audit_log', 'SELECT')
              END)
  FROM pg_database d WHERE d.datname = current_database()";

/// The advisory lock taken while migrating (an arbitrary constant, the
/// same in every build: "TFS" and 1).
const MIGRATION_LOCK: i64 = 0x5446_5301;

/// The version this build brings a server to.
pub fn server_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The server's schema version: `None` for a database without the
/// record's tables (new, or not ours — see [`migrate`]).
pub(crate) fn version(db: &Session<'_>) -> Result<Option<i64>> {
    let exists: bool = db.one(
        "SELECT to_regclass('schema_version') IS NOT NULL",
        &values![],
        "reading the server's schema version",
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(None);
    }
    db.one(
        "SELECT CAST(max(version) AS bigint) FROM schema_version",
        &values![],
        "reading the server's schema version",
        |r| r.get(0),
    )
}

/// What a database needs before the app can use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Readiness {
    /// At this build's version.
    Current,
    /// Empty: the owner's first start makes the record's tables.
    Empty,
    /// At an older version: the owner's next start brings it up to date.
    Older(i64),
}

/// The oldest PostgreSQL the schema is written for (non-deterministic ICU
/// collations, `REVOKE … FROM PUBLIC` on schemas as 15 has it by default).
const OLDEST_SERVER: i32 = 130_000;

/// Whether this build can use the database in `db`, and what it needs:
/// refuses a server too old, a newer schema, a database that holds other
/// tables or is not UTF-8, and — where the schema must change — a role
/// that does not own the database. Changes nothing.
pub(crate) fn readiness(db: &Session<'_>) -> Result<Readiness> {
    let server: i32 = db.one(
        "SELECT CAST(current_setting('server_version_num') AS integer)",
        &values![],
        "reading the server's version",
        |r| r.get(0),
    )?;
    if server < OLDEST_SERVER {
        return Err(Error::Incompatible(msg!(
            ServerTooOld,
            version = format!("{}.{}", server / 10_000, server % 10_000)
        )));
    }
    let current = version(db)?;
    let target = server_version();
    match current {
        Some(current) if current > target => {
            return Err(Error::Incompatible(msg!(
                ServerSchemaNewer,
                current = current,
                known = target
            )))
        }
        Some(current) if current == target => return Ok(Readiness::Current),
        None if has_other_tables(db)? => {
            return Err(Error::Incompatible(msg!(ServerDatabaseForeign)))
        }
        _ => {}
    }
    // The chain hashes the UTF-8 bytes of every field, and the search folds
    // accents of UTF-8 text: another encoding would break both.
    let encoding: String = db.one(
        "SELECT pg_encoding_to_char(encoding)::text FROM pg_database
          WHERE datname = current_database()",
        &values![],
        "reading the database's encoding",
        |r| r.get(0),
    )?;
    if encoding != "UTF8" {
        return Err(Error::Incompatible(msg!(
            ServerEncodingNotUtf8,
            encoding = encoding
        )));
    }
    let (owner, user): (String, String) = db.one(
        "SELECT pg_get_userbyid(d.datdba)::text, current_user::text
           FROM pg_database d WHERE d.datname = current_database()",
        &values![],
        "reading who owns the database",
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if owner != user {
        return Err(Error::Incompatible(msg!(
            ServerSchemaOwnerOnly,
            current = current.unwrap_or(0),
            known = target,
            owner = owner
        )));
    }
    Ok(current.map_or(Readiness::Empty, Readiness::Older))
}

/// Brings the server to [`server_version`] in `db` (one transaction, which
/// the caller commits); refuses what [`readiness`] refuses.
pub(crate) fn migrate(db: &Session<'_>) -> Result<()> {
    db.run(
        "SELECT pg_advisory_xact_lock(?1)",
        &values![MIGRATION_LOCK],
        "waiting for another migration",
    )?;
    let current = match readiness(db)? {
        Readiness::Current => {
            let stale: bool = db.one(
                GRANTS_STALE,
                &values![],
                "looking at colleagues' rights",
                |r| r.get(0),
            )?;
            if stale {
                db.batch(GRANTS)
                    .map_err(|e| e.into_storage("granting colleagues their rights"))?;
            }
            return Ok(());
        }
        Readiness::Empty => None,
        Readiness::Older(version) => Some(version),
    };
    if current.is_none() {
        db.batch(
            "CREATE TABLE schema_version (
                 version      bigint NOT NULL,
                 name         text NOT NULL,
                 migrated_at  timestamptz NOT NULL DEFAULT now(),
                 migrated_by  text NOT NULL DEFAULT current_user
             );
",
        )
        .map_err(|e| e.into_storage("creating the server's schema version"))?;
    }
    let from = current.unwrap_or(0);
    for migration in MIGRATIONS.iter().filter(|m| m.version > from) {
        for sql in migration.sql {
            db.batch(sql).map_err(|e| e.into_storage(migration.name))?;
        }
        db.run(
            "INSERT INTO schema_version (version, name) VALUES (?1, ?2)",
            &values![migration.version, migration.name],
            "writing the server's schema version",
        )?;
    }
    db.batch(GRANTS)
        .map_err(|e| e.into_storage("granting colleagues their rights"))?;
    Ok(())
}

/// Whether the database holds tables of its own: then it is some other
/// application's, and the record is not written into it.
fn has_other_tables(db: &Session<'_>) -> Result<bool> {
    db.one(
        "SELECT EXISTS (SELECT 1 FROM information_schema.tables
                         WHERE table_schema = current_schema())",
        &values![],
        "looking at the server's database",
        |r| r.get(0),
    )
}

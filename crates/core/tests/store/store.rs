//! The store itself: pragmas, migrations, refusing files it must not touch.

use std::sync::Arc;
use taskforce::store::{migrate, Migration, MIGRATIONS, SCHEMA_VERSION};
use taskforce::{ErrorCode, FixedClock, Store};
use taskforce_dev::fixture::{self, empty};

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(fixture::at(2021, 4, 1, 9, 0)))
}

fn schema(path: &std::path::Path) -> Vec<(String, String, Option<String>)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn every_connection_sets_its_pragmas() {
    let f = empty();
    assert_eq!(f.store.pragma("journal_mode").unwrap(), "wal");
    assert_eq!(f.store.pragma("synchronous").unwrap(), "2", "FULL");
    assert_eq!(f.store.pragma("foreign_keys").unwrap(), "1");
    assert_eq!(f.store.pragma("busy_timeout").unwrap(), "5000");
    assert_eq!(
        f.store.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
    assert!(
        f.store.pragma("cache_size; DROP TABLE terms").is_err(),
        "only known pragmas are read"
    );
}

#[test]
fn reopening_a_database_keeps_its_data_and_version() {
    let f = fixture::term5();
    let path = f.dir.path().join("taskforce.sqlite3");
    drop(f.store);
    let store = Store::open(&path, clock()).unwrap();
    assert_eq!(store.seats(5).unwrap().len(), 21);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn migrating_a_frozen_version_1_database_keeps_its_data_and_matches_a_fresh_schema() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.sqlite3");
    let conn = rusqlite::Connection::open(&old).unwrap();
    conn.execute_batch(include_str!("../fixtures/v1-with-data.sql"))
        .unwrap();
    drop(conn);

    let store = Store::open(&old, clock()).unwrap();
    assert_eq!(
        store.pragma("user_version").unwrap(),
        SCHEMA_VERSION.to_string()
    );
    let term = store.term(5).unwrap();
    assert_eq!(
        term.goals, "Coördinatie van de aanpak",
        "data survives the upgrade"
    );
    assert_eq!(
        store.seats(5).unwrap()[0].organisation,
        "Openbaar Ministerie"
    );
    // Migration 6 gives the shipped seats their type.
    assert_eq!(
        store.seats(5).unwrap()[0].seat_type,
        Some(taskforce::domain::SeatType::CentralGovernment)
    );
    // Migration 2 builds the search index from rows that existed before it.
    let hits = store.search("coordinatie", 10).unwrap();
    assert_eq!(
        hits.len(),
        2,
        "subject and minutes from v1 are searchable: {hits:?}"
    );
    assert_eq!(
        store
            .search("maaltijdbezorging werkgroep", 10)
            .unwrap()
            .len(),
        1
    );
    assert!(store.check().unwrap().is_ok());
    drop(store);

    let fresh = dir.path().join("fresh.sqlite3");
    drop(Store::open(&fresh, clock()).unwrap());
    assert_eq!(
        schema(&old),
        schema(&fresh),
        "a migrated schema equals a fresh one"
    );
}

#[test]
fn a_failing_migration_rolls_back_everything_including_earlier_steps() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    let migrations = [
        Migration {
            name: "good",
            sql: "CREATE TABLE a (x INTEGER);",
            then: None,
        },
        Migration {
            name: "bad",
            sql: "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);",
            then: None,
        },
    ];
    let err = migrate(&mut conn, &migrations).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Internal);
    assert!(
        !err.to_string().contains("INSERT"),
        "no SQL in the message: {err}"
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 0, "version not bumped");
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "table a from the good step is rolled back too");
}

#[test]
fn migrations_are_idempotent() {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    // Migrations that change audited rows need the log's functions, as the
    // store registers them before it migrates.
    let clock = std::sync::Arc::new(taskforce::FixedClock::new(chrono::Utc::now()));
    taskforce::store::register_audit_functions(&conn, clock).unwrap();
    migrate(&mut conn, MIGRATIONS).unwrap();
    migrate(&mut conn, MIGRATIONS).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite3");
    drop(Store::open(&path, clock()).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
            .unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, clock()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Incompatible);
    assert!(err.to_string().contains("nieuwere versie"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "not a byte changed");
    assert!(
        !dir.path().join("newer.sqlite3-wal").exists(),
        "no WAL file created"
    );
}

#[test]
fn a_foreign_or_corrupt_file_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().unwrap();

    let foreign = dir.path().join("other-app.sqlite3");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    let before = std::fs::read(&foreign).unwrap();
    let err = Store::open(&foreign, clock()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Incompatible);
    assert_eq!(std::fs::read(&foreign).unwrap(), before);

    let garbage = dir.path().join("garbage.sqlite3");
    let bytes: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&garbage, &bytes).unwrap();
    // Not SQLite, and nothing beside it says the folder is plain: it may be
    // an encrypted database whose marker was lost, so the recovery key is
    // asked — never taken for damage and set aside.
    let err = Store::open(&garbage, clock()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked, "{err}");
    assert_eq!(std::fs::read(&garbage).unwrap(), bytes);
}

#[test]
fn a_directory_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(dir.path(), clock()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
}

#[test]
fn the_schema_itself_refuses_a_scheduled_meeting_without_subject() {
    // Defence in depth: even SQL that bypasses the core cannot break the rule.
    let f = fixture::term5();
    let path = f.dir.path().join("taskforce.sqlite3");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let result = conn.execute(
        "INSERT INTO meetings (term_id, starts_at, ends_at, status, created_at)
         VALUES (1, '2021-05-12T12:00:00Z', '2021-05-12T14:00:00Z', 'scheduled', '2021-04-01T09:00:00Z')",
        [],
    );
    assert!(result.is_err());
}

#[test]
fn check_reports_a_broken_reference() {
    let f = fixture::term5();
    let path = f.dir.path().join("taskforce.sqlite3");
    assert!(f.store.check().unwrap().is_ok());
    let conn = rusqlite::Connection::open(&path).unwrap();
    taskforce::store::register_audit_functions(&conn, clock()).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO seats (term_id, position, organisation, role) VALUES (99, 1, 'Spook', 'geen');",
    )
    .unwrap();
    let report = f.store.check().unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.foreign_key_violations, 1);
}

#[test]
fn terms_must_not_overlap_and_end_after_they_start() {
    use taskforce::domain::NewTerm;
    let f = fixture::term5();
    let overlapping = NewTerm {
        number: 6,
        starts_on: fixture::day(2022, 1, 1),
        ends_on: fixture::day(2025, 1, 1),
        goals: String::new(),
    };
    assert_eq!(
        f.store.add_term(&overlapping).unwrap_err().field(),
        Some("start")
    );
    let backwards = NewTerm {
        number: 6,
        starts_on: fixture::day(2026, 3, 1),
        ends_on: fixture::day(2023, 3, 1),
        goals: String::new(),
    };
    assert_eq!(backwards.validate().unwrap_err().field(), Some("end"));
    let duplicate = NewTerm {
        number: 5,
        starts_on: fixture::day(2030, 1, 1),
        ends_on: fixture::day(2031, 1, 1),
        goals: String::new(),
    };
    assert_eq!(
        f.store.add_term(&duplicate).unwrap_err().code(),
        ErrorCode::Conflict
    );
    assert_eq!(f.store.terms().unwrap().len(), 1);
}

//! A backup is trusted only when its schema is exactly one this build's
//! migrations make: a crafted `.sqlite3` or `.tar` (an extra trigger that
//! copies what an erasure removes, a look-alike `sqlitex_` table, a row
//! planted in `sqlite_schema`, a dropped FTS5 setting) is refused before
//! anything of it runs, and the live folder is left byte for byte as it was.

use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taskforce::domain::*;
use taskforce::{FixedClock, Store};

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(taskforce_dev::fixture::at(
        2021, 4, 1, 9, 0,
    )))
}

/// Every file below `dir`, by path, with its bytes.
fn folder_bytes(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                found.insert(path.clone(), std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    found
}

/// Every row of `sqlite_schema`, read with plain rusqlite (not the code
/// under test).
fn schema_rows(database: &Path) -> Vec<(String, String, String, Option<String>)> {
    let conn =
        rusqlite::Connection::open_with_flags(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut statement = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
        .unwrap();
    let rows = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap();
    rows
}

/// A live data folder with the 5th term and a partner with a name that
/// must never survive an erasure, and a plain backup of it from before.
struct Folder {
    dir: tempfile::TempDir,
    database: PathBuf,
    backup: PathBuf,
    partner: i64,
}

fn folder() -> Folder {
    let f = taskforce_dev::fixture::term5();
    let partner = f
        .store
        .add_partner(&PartnerDraft {
            organisation: "Stichting Voorbeeld".into(),
            contact_name: Some("Zeldzaam Xylofoonhuis".into()),
            email: Some("xylofoon@voorbeeld.nl".into()),
            phone: None,
            notes: String::new(),
            tags: vec![],
        })
        .unwrap();
    let backup = f.dir.path().join("kopie.sqlite3");
    f.store.backup_to(&backup).unwrap();
    let database = f.store.path().unwrap().to_path_buf();
    drop(f.store);
    Folder {
        dir: f.dir,
        database,
        backup,
        partner: partner.id,
    }
}

#[test]
fn a_backup_with_a_look_alike_table_and_a_trigger_that_keeps_erased_data_is_refused() {
    let f = folder();
    {
        let conn = rusqlite::Connection::open(&f.backup).unwrap();
        conn.execute_batch(
            "CREATE TABLE sqlitex_keep(name, email);
             CREATE TRIGGER sqlitex_t BEFORE UPDATE ON partners BEGIN
               INSERT INTO sqlitex_keep VALUES (old.contact_name, old.email);
             END;",
        )
        .unwrap();
    }
    // The live folder holds only the database and what the app keeps
    // beside it; the backup lies elsewhere, as a user's download would.
    let elsewhere = tempfile::tempdir().unwrap();
    let crafted = elsewhere.path().join("kopie.sqlite3");
    std::fs::rename(&f.backup, &crafted).unwrap();
    let before = folder_bytes(f.dir.path());

    let error = taskforce::store::restore(&f.database, &crafted, clock(), None).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("sqlitex_keep"), "named: {text}");
    assert!(text.contains("sqlitex_t"), "named: {text}");
    assert_eq!(folder_bytes(f.dir.path()), before, "nothing changed");

    // `check` on such a file says what is wrong (it no longer skips names
    // that only look like SQLite's own).
    let store = Store::open(&f.database, clock()).unwrap();
    store.erase_partner(f.partner).unwrap();
    assert!(store.check().unwrap().is_ok());
    drop(store);
    let conn = rusqlite::Connection::open(&f.database).unwrap();
    conn.execute_batch("CREATE TABLE sqlitex_keep(name, email);")
        .unwrap();
    drop(conn);
    // Opening a folder whose database has grown a table of its own sets
    // it aside as not ours, untouched.
    let error = Store::open(&f.database, clock()).unwrap_err();
    assert!(error.to_string().contains("sqlitex_keep"), "{error}");
}

#[test]
fn a_schema_row_planted_with_writable_schema_is_refused() {
    let f = folder();
    {
        let conn = rusqlite::Connection::open(&f.backup).unwrap();
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
             VALUES ('trigger', 'sqlite_keep', 'partners', 0,
                     'CREATE TRIGGER sqlite_keep BEFORE UPDATE ON partners BEGIN DELETE FROM seats; END');
             PRAGMA writable_schema = OFF;",
        )
        .unwrap();
    }
    let before = folder_bytes(f.dir.path());
    let backup_bytes = std::fs::read(&f.backup).unwrap();
    let error = taskforce::store::restore(&f.database, &f.backup, clock(), None).unwrap_err();
    assert!(error.to_string().contains("sqlite_keep"), "{error}");
    assert_eq!(folder_bytes(f.dir.path()), before);
    assert_eq!(std::fs::read(&f.backup).unwrap(), backup_bytes);
}

#[test]
fn the_search_index_overwrites_deleted_words_even_when_a_file_dropped_the_setting() {
    let f = folder();
    {
        // SQLite's own DEFENSIVE mode is off on this plain connection, as
        // it would be in whatever program crafted the file.
        let conn = rusqlite::Connection::open(&f.database).unwrap();
        conn.execute_batch("DELETE FROM search_index_config WHERE k = 'secure-delete';")
            .unwrap();
    }
    let store = Store::open(&f.database, clock()).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&f.database).unwrap();
    let value: i64 = conn
        .query_row(
            "SELECT v FROM search_index_config WHERE k = 'secure-delete'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(value, 1, "set again at open");
}

// ---- properties: whatever is added, restored exactly or refused untouched

/// Names that look like SQLite's own, like the app's, or like nothing.
fn object_name() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "sqlite_",
            "sqlitex_",
            "SQLITE_",
            "sqlite",
            "sqlite_autoindex_partners_",
            "sqlite_stat",
            "search_index_",
            "audit_",
            "partners_",
            "",
        ]),
        "[a-z0-9]{1,4}",
    )
        .prop_map(|(prefix, rest)| format!("{prefix}{rest}"))
}

/// One change to a backup's schema, as SQL; an addition SQLite refuses
/// (a reserved name) is simply not made.
fn schema_change() -> impl Strategy<Value = String> {
    (0..7u8, object_name(), 0..40usize).prop_map(|(kind, name, pick)| match kind {
        0 => format!("CREATE TABLE \"{name}\"(a, b);"),
        1 => format!("CREATE VIEW \"{name}\" AS SELECT * FROM partners;"),
        2 => format!(
            "CREATE TRIGGER \"{name}\" AFTER UPDATE ON partners BEGIN DELETE FROM seats; END;"
        ),
        3 => format!("CREATE INDEX \"{name}\" ON partners(organisation);"),
        // Straight into sqlite_schema, past SQLite's checks on names.
        4 => format!(
            "PRAGMA writable_schema = ON;
             INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql)
             VALUES ('trigger', '{name}', 'partners', 0,
                     'CREATE TRIGGER \"{name}\" BEFORE UPDATE ON partners BEGIN DELETE FROM seats; END');
             PRAGMA writable_schema = OFF;"
        ),
        // One of the app's own objects dropped (picked by position).
        5 => format!("drop #{pick}"),
        // One of the app's own triggers changed in place.
        _ => format!(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = replace(sql, 'BEGIN', 'BEGIN DELETE FROM seats;')
             WHERE type = 'trigger' AND rowid = (SELECT rowid FROM sqlite_schema WHERE type = 'trigger' LIMIT 1 OFFSET {pick});
             PRAGMA writable_schema = OFF;"
        ),
    })
}

fn apply(conn: &rusqlite::Connection, change: &str) {
    if let Some(pick) = change
        .split("drop #")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<usize>().ok())
    {
        let objects: Vec<(String, String)> = conn
            .prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'index', 'view') ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        if let Some((kind, name)) = objects.get(pick % objects.len().max(1)) {
            let _ = conn.execute_batch(&format!("DROP {kind} \"{name}\";"));
        }
        return;
    }
    let _ = conn.execute_batch(change);
}

fn assert_restored_exactly_or_refused_untouched(
    f: &Folder,
    backup: &Path,
    reference: &[(String, String, String, Option<String>)],
) -> bool {
    let before = folder_bytes(f.dir.path());
    match taskforce_export::archive::restore(&f.database, backup, clock(), None) {
        Ok(_) => {
            assert_eq!(
                schema_rows(&f.database),
                reference,
                "a restored database has exactly the reference schema"
            );
            let store = Store::open(&f.database, clock()).unwrap();
            assert!(store.check().unwrap().is_ok());
            true
        }
        Err(_) => {
            assert_eq!(
                folder_bytes(f.dir.path()),
                before,
                "a refused backup leaves the live folder byte-identical"
            );
            false
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_schema_addition_is_restored_exactly_or_refused_untouched(
        changes in prop::collection::vec(schema_change(), 1..4)
    ) {
        let f = folder();
        let reference = schema_rows(&f.database);
        let crafted = f.dir.path().join("kopie.sqlite3");
        let changed = {
            let conn = rusqlite::Connection::open(&crafted).unwrap();
            for change in &changes {
                apply(&conn, change);
            }
            drop(conn);
            schema_rows(&crafted) != reference
        };
        // The backup lies outside the live folder.
        let elsewhere = tempfile::tempdir().unwrap();
        let outside = elsewhere.path().join("kopie.sqlite3");
        std::fs::rename(&crafted, &outside).unwrap();
        let restored = assert_restored_exactly_or_refused_untouched(&f, &outside, &reference);
        if changed {
            prop_assert!(!restored, "a changed schema is never restored: {changes:?}");
        }
    }

    #[test]
    fn any_archive_is_restored_exactly_or_refused_untouched(
        entries in prop::collection::vec((0..9usize, 0..4u8, 0..3u8, prop::collection::vec(any::<u8>(), 0..64)), 0..5)
    ) {
        let f = folder();
        let reference = schema_rows(&f.database);
        let good = std::fs::read(&f.backup).unwrap();
        std::fs::remove_file(&f.backup).unwrap();
        let crafted_db = {
            let path = f.dir.path().join("gemaakt.sqlite3");
            std::fs::write(&path, &good).unwrap();
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TRIGGER t AFTER UPDATE ON partners BEGIN DELETE FROM seats; END;").unwrap();
            drop(conn);
            let bytes = std::fs::read(&path).unwrap();
            std::fs::remove_file(&path).unwrap();
            bytes
        };
        let hash = format!("ab{}", "0".repeat(62));
        let names = [
            "taskforce.sqlite3".to_string(),
            format!("documents/ab/{hash}"),
            "documents/zz/abc".to_string(),
            "../taskforce.sqlite3".to_string(),
            "/tmp/taskforce.sqlite3".to_string(),
            "documents".to_string(),
            "documents/ab".to_string(),
            "taskforce.sqlite3-wal".to_string(),
            "documents/ab/../../taskforce.sqlite3".to_string(),
        ];
        let elsewhere = tempfile::tempdir().unwrap();
        let archive_path = elsewhere.path().join("volledig.tar");
        {
            let file = std::fs::File::create(&archive_path).unwrap();
            let mut builder = tar::Builder::new(file);
            for (name, kind, content, random) in &entries {
                let data: &[u8] = match content {
                    0 => &good,
                    1 => &crafted_db,
                    _ => random,
                };
                let mut header = tar::Header::new_old();
                let name = names[*name].as_bytes();
                header.as_old_mut().name[..name.len()].copy_from_slice(name);
                header.set_entry_type(match kind {
                    0 | 1 => tar::EntryType::Regular,
                    2 => tar::EntryType::Directory,
                    _ => tar::EntryType::Symlink,
                });
                if *kind == 3 {
                    header.set_link_name("/etc/passwd").unwrap();
                }
                let data = if matches!(kind, 0 | 1) { data } else { &[][..] };
                header.set_size(data.len() as u64);
                header.set_mode(0o600);
                header.set_cksum();
                builder.append(&header, data).unwrap();
            }
            builder.finish().unwrap();
        }
        assert_restored_exactly_or_refused_untouched(&f, &archive_path, &reference);
        // Nothing of the archive lands outside the data folder.
        prop_assert!(!elsewhere.path().join("taskforce.sqlite3").exists());
    }
}

//! What the app keeps is the user's alone (0700 folders, 0600 files), new
//! files are never written through something planted at their name, and a
//! restore takes only what a backup may hold.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use taskforce::domain::*;
use taskforce::private::mode;
use taskforce::{FixedClock, Store};
use taskforce_dev::fixture::{empty, term5};

fn assert_private(path: &Path) {
    let expected = if path.is_dir() { 0o700 } else { 0o600 };
    assert_eq!(
        mode(path).unwrap(),
        expected,
        "{} is {:o}",
        path.display(),
        mode(path).unwrap()
    );
}

#[test]
fn everything_the_app_keeps_is_readable_by_the_user_alone() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("gegevens");
    let database = data.join("taskforce.sqlite3");
    let clock = std::sync::Arc::new(FixedClock::new(taskforce_dev::fixture::at(
        2021, 4, 1, 9, 0,
    )));
    let store = Store::open(&database, clock).unwrap();
    store
        .add_term(&NewTerm {
            number: 5,
            starts_on: taskforce_dev::fixture::day(2020, 3, 1),
            ends_on: taskforce_dev::fixture::day(2023, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    let paper = root.path().join("stuk.pdf");
    std::fs::write(&paper, b"%PDF vertrouwelijk stuk").unwrap();
    std::fs::set_permissions(&paper, std::fs::Permissions::from_mode(0o644)).unwrap();
    let linked = store
        .attach_document(
            &paper,
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap();
    let stored = store.document_file(linked.document.id).unwrap();
    let backup = store.automatic_backup().unwrap().expect("a backup");
    let archive = root.path().join("volledig.tar");
    taskforce_export::archive::backup_to(&store, &archive).unwrap();
    let export = root.path().join("leden.csv");
    taskforce_export::write_atomically(&export, b"a;b").unwrap();

    for path in [
        data.clone(),
        database.clone(),
        data.join("taskforce.sqlite3-wal"),
        data.join("taskforce.sqlite3-shm"),
        store.documents_dir().unwrap().to_path_buf(),
        stored.parent().unwrap().to_path_buf(),
        stored.clone(),
        backup.parent().unwrap().to_path_buf(),
        backup.clone(),
        archive.clone(),
        export.clone(),
    ] {
        assert_private(&path);
    }
}

#[test]
fn an_older_world_readable_database_is_made_private_when_opened() {
    let f = empty();
    let database = f.store.path().unwrap().to_path_buf();
    drop(f.store);
    for suffix in ["", "-wal", "-shm"] {
        let file = Path::new(&format!("{}{suffix}", database.display())).to_path_buf();
        if file.exists() {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let _store = Store::open(&database, f.clock.clone()).unwrap();
    assert_private(&database);
}

#[test]
fn an_export_is_never_written_through_a_link_planted_at_its_temp_name() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("slachtoffer.txt");
    std::fs::write(&victim, "ongewijzigd").unwrap();
    let destination = dir.path().join("export.csv");
    let planted = dir
        .path()
        .join(format!(".export.csv.{}.tmp", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    taskforce_export::write_atomically(&destination, b"nieuwe inhoud").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "ongewijzigd");
    assert_eq!(std::fs::read(&destination).unwrap(), b"nieuwe inhoud");
    assert_private(&destination);
}

type Archive = tar::Builder<std::fs::File>;
/// What a crafted archive adds to a good one.
type Crafting<'a> = Box<dyn FnOnce(&mut Archive) + 'a>;

/// A full backup of term 5, then a copy of it with `extra` entries added.
fn crafted_archive(
    f: &taskforce_dev::fixture::Fixture,
    extra: impl FnOnce(&mut tar::Builder<std::fs::File>),
) -> std::path::PathBuf {
    let good = f.dir.path().join("goed.tar");
    taskforce_export::archive::backup_to(&f.store, &good).unwrap();
    let crafted = f.dir.path().join("gemaakt.tar");
    let mut builder = tar::Builder::new(std::fs::File::create(&crafted).unwrap());
    let mut original = tar::Archive::new(std::fs::File::open(&good).unwrap());
    for entry in original.entries().unwrap() {
        let mut entry = entry.unwrap();
        let mut header = entry.header().clone();
        let path = entry.path().unwrap().into_owned();
        builder.append_data(&mut header, path, &mut entry).unwrap();
    }
    extra(&mut builder);
    builder.into_inner().unwrap();
    crafted
}

#[test]
fn a_restore_refuses_links_devices_and_unknown_entries_and_changes_nothing() {
    let hash = "ab".to_string() + &"0".repeat(62);
    let cases: Vec<(&str, Crafting)> = vec![
        (
            "a symlink as a document",
            Box::new(|b| {
                let mut header = tar::Header::new_gnu();
                header.set_entry_type(tar::EntryType::Symlink);
                header.set_size(0);
                header.set_mode(0o777);
                b.append_link(&mut header, format!("documents/ab/{hash}"), "/etc/passwd")
                    .unwrap();
            }),
        ),
        (
            "a file outside the folder",
            Box::new(|b| {
                let mut header = tar::Header::new_gnu();
                header.set_size(4);
                header.set_mode(0o644);
                header.set_entry_type(tar::EntryType::Regular);
                // Written by hand: the builder itself refuses `..`.
                let name = b"../buiten.txt";
                header.as_old_mut().name[..name.len()].copy_from_slice(name);
                header.set_cksum();
                b.append(&header, &b"boem"[..]).unwrap();
            }),
        ),
        (
            "an unknown file",
            Box::new(|b| {
                let mut header = tar::Header::new_gnu();
                header.set_size(4);
                header.set_mode(0o4755);
                b.append_data(&mut header, "autostart.sh", &b"boem"[..])
                    .unwrap();
            }),
        ),
        (
            "a device",
            Box::new(|b| {
                let mut header = tar::Header::new_gnu();
                header.set_entry_type(tar::EntryType::Char);
                header.set_size(0);
                b.append_data(&mut header, "taskforce.sqlite3", std::io::empty())
                    .unwrap();
            }),
        ),
    ];
    for (what, extra) in cases {
        let f = term5();
        let database = f.store.path().unwrap().to_path_buf();
        let crafted = crafted_archive(&f, extra);
        let before = f.store.seats(5).unwrap().len();
        let clock = f.clock.clone();
        drop(f.store);
        let error = taskforce_export::archive::restore(&database, &crafted, clock.clone(), None)
            .expect_err(what);
        assert!(
            error.to_string().contains("geen bruikbare reservekopie"),
            "{what}: {error}"
        );
        assert!(!f.dir.path().join("buiten.txt").exists(), "{what}");
        assert!(
            !f.dir.path().parent().unwrap().join("buiten.txt").exists(),
            "{what}"
        );
        let store = Store::open(&database, clock).unwrap();
        assert_eq!(
            store.seats(5).unwrap().len(),
            before,
            "{what}: nothing changed"
        );
    }
}

#[test]
fn a_document_name_that_is_not_a_sha256_is_refused_by_the_database_and_the_code() {
    let f = term5();
    let conn = rusqlite::Connection::open(f.store.path().unwrap()).unwrap();
    taskforce::store::register_audit_functions(&conn, f.clock.clone()).unwrap();
    // 64 characters, so only the new rule can refuse it.
    let traversal = format!("{:.<64}", "../../../etc/passwd");
    let insert =
        "INSERT INTO documents (sha256, size, media_type, original_name, title, kind, added_at)
         VALUES (?1, 1, 'text/plain', 'x', 'x', 'other', '2021-01-01T00:00:00Z')";
    let refused = conn.execute(insert, [&traversal]).unwrap_err();
    assert!(refused.to_string().contains("not a SHA-256"), "{refused}");
    // A database tampered with outside the app (the triggers dropped): the
    // code still never builds a path from the name.
    conn.execute_batch("DROP TRIGGER documents_sha256_insert;")
        .unwrap();
    conn.execute(insert, [&traversal]).unwrap();
    let error = f.store.verify_documents().unwrap_err();
    assert!(error.to_string().contains("ongeldige naam"), "{error}");
    assert!(taskforce::content::path_for(Path::new("/tmp"), &traversal, None).is_err());
    assert!(taskforce::content::path_for(Path::new("/tmp"), "A", None).is_err());
}

#[test]
fn an_extra_trigger_or_view_is_reported_by_check_and_refused_by_a_restore() {
    let f = term5();
    let database = f.store.path().unwrap().to_path_buf();
    assert!(
        f.store.check().unwrap().is_ok(),
        "a fresh database is as expected"
    );
    let tampered = f.dir.path().join("gemanipuleerd.sqlite3");
    f.store.backup_to(&tampered).unwrap();
    {
        let conn = rusqlite::Connection::open(&tampered).unwrap();
        conn.execute_batch(
            "CREATE TRIGGER lek AFTER INSERT ON partners BEGIN DELETE FROM seats; END;
             CREATE VIEW inzage AS SELECT * FROM partners;",
        )
        .unwrap();
    }
    // Opening such a file is refused before anything of it runs, naming
    // what differs; `check` reports the same in a database changed while
    // it is open.
    let refused = Store::open(&tampered, f.clock.clone()).unwrap_err();
    assert!(
        refused.to_string().contains("onverwachte trigger lek"),
        "{refused}"
    );
    {
        let conn = rusqlite::Connection::open(&database).unwrap();
        conn.execute_batch("CREATE VIEW inzage AS SELECT * FROM partners;")
            .unwrap();
    }
    let problems = f.store.check().unwrap().problems;
    assert!(
        problems.iter().any(|p| p == "onverwachte view inzage"),
        "{problems:?}"
    );
    {
        let conn = rusqlite::Connection::open(&database).unwrap();
        conn.execute_batch("DROP VIEW inzage;").unwrap();
    }

    let seats = f.store.seats(5).unwrap().len();
    let clock = f.clock.clone();
    drop(f.store);
    let error = taskforce::store::restore(&database, &tampered, clock.clone(), None).unwrap_err();
    assert!(error.to_string().contains("trigger lek"), "{error}");
    let store = Store::open(&database, clock).unwrap();
    assert_eq!(store.seats(5).unwrap().len(), seats, "nothing changed");
    assert!(store.check().unwrap().is_ok());
}

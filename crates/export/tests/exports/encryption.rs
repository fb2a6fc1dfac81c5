//! Encryption at rest, read from the raw files: what lies on disk holds none
//! of what was written through the app; a missing or wrong key is refused
//! without touching a byte; backups restore only with their key; a plain
//! folder is encrypted in place and an interrupted encryption is finished.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taskforce::domain::*;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::store::{encrypt_folder, open_or_quarantine, restore, Opened};
use taskforce::{ErrorCode, FixedClock, Store};
use taskforce_dev::fixture::*;

const MARKERS: &[&str] = &[
    "Zaak Rozengracht",
    "Kwetsbare Getuige",
    "getuige@voorbeeld.nl",
    "Inhoud van het vertrouwelijke stuk",
];

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(at(2021, 4, 1, 9, 0)))
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// The markers found in any raw file under `dir`, with where.
fn markers_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for path in files(dir) {
        let bytes = std::fs::read(&path).unwrap();
        for marker in MARKERS {
            // Also UTF-16, as SQLite could store text.
            let utf16: Vec<u8> = marker
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect();
            if contains(&bytes, marker.as_bytes()) || contains(&bytes, &utf16) {
                found.push(format!("{marker} in {}", path.display()));
            }
        }
    }
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn hashes(dir: &Path) -> BTreeMap<PathBuf, String> {
    files(dir)
        .into_iter()
        .map(|p| {
            let hash = format!("{:x}", Sha256::digest(std::fs::read(&p).unwrap()));
            (p, hash)
        })
        .collect()
}

/// Writes the markers through the app: a subject, a partner with an
/// address, a confidential document.
fn fill(store: &Store, dir: &Path) -> i64 {
    store
        .add_term(&NewTerm {
            number: 5,
            starts_on: day(2020, 3, 1),
            ends_on: day(2023, 3, 1),
            goals: "Integrale aanpak".into(),
        })
        .unwrap();
    subject(store, "Zaak Rozengracht", &[]);
    store
        .add_partner(&PartnerDraft {
            organisation: "Stichting Opvang".into(),
            contact_name: Some("Kwetsbare Getuige".into()),
            email: Some("getuige@voorbeeld.nl".into()),
            phone: None,
            notes: String::new(),
            tags: vec![],
        })
        .unwrap();
    let source = dir.join("stuk.txt");
    std::fs::write(&source, "Inhoud van het vertrouwelijke stuk, ".repeat(5000)).unwrap();
    let linked = store
        .attach_document(
            &source,
            DocumentTarget::Term(5),
            DocumentKind::Other,
            None,
            true,
        )
        .unwrap();
    std::fs::remove_file(&source).unwrap();
    linked.document.id
}

/// A new encrypted folder as the app makes it: the key, the file beside
/// the database, then the database.
fn encrypted_folder(dir: &Path, key: &DataKey) -> Store {
    let database = dir.join("taskforce.sqlite3");
    FolderEncryption::new(key)
        .unwrap()
        .write(&database)
        .unwrap();
    Store::open_keyed(&database, clock(), Some(key)).unwrap()
}

#[test]
fn the_raw_database_wal_backups_archive_and_documents_hold_none_of_what_was_written() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    let document = fill(&store, elsewhere.path());
    store.automatic_backup().unwrap().expect("a backup");
    let archive = data.path().join("volledig.tar");
    taskforce_export::archive::backup_to(&store, &archive).unwrap();

    // While open: the WAL holds the latest writes.
    assert!(data.path().join("taskforce.sqlite3-wal").exists());
    assert_eq!(markers_in(data.path()), Vec::<String>::new());

    // And the app still reads it all back.
    assert!(store
        .subjects(&Default::default())
        .unwrap()
        .iter()
        .any(|s| s.title == "Zaak Rozengracht"));
    let content = String::from_utf8(store.read_document(document).unwrap()).unwrap();
    assert!(content.starts_with("Inhoud van het vertrouwelijke stuk"));
    assert!(store.verify_documents().unwrap().is_ok());
    assert!(store.check().unwrap().is_ok());
    drop(store);
    assert_eq!(markers_in(data.path()), Vec::<String>::new());
}

#[test]
fn a_missing_or_wrong_key_is_refused_and_not_one_byte_changes() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    fill(&store, elsewhere.path());
    drop(store);
    let database = data.path().join("taskforce.sqlite3");
    let before = hashes(data.path());

    let wrong = DataKey::generate().unwrap();
    let error = Store::open_keyed(&database, clock(), Some(&wrong)).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Locked);
    assert!(
        error.to_string().contains("hoort niet bij deze gegevens"),
        "{error}"
    );
    let error = Store::open(&database, clock()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Locked);
    // Never taken for damage: nothing is set aside.
    assert_eq!(
        open_or_quarantine(&database, clock(), Some(&wrong))
            .unwrap_err()
            .code(),
        ErrorCode::Locked
    );
    assert_eq!(hashes(data.path()), before, "byte for byte as it was");

    // The right key (as typed from the recovery key) opens it.
    let typed = DataKey::from_recovery_text(&key.recovery_text().to_lowercase()).unwrap();
    match open_or_quarantine(&database, clock(), Some(&typed)).unwrap() {
        Opened::Ready(store) => assert!(store.is_encrypted()),
        Opened::Quarantined { .. } => panic!("set aside"),
    }
}

#[test]
fn an_encrypted_backup_restores_only_with_its_key_and_never_into_a_plain_folder() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    fill(&store, elsewhere.path());
    let archive = elsewhere.path().join("volledig.tar");
    taskforce_export::archive::backup_to(&store, &archive).unwrap();
    drop(store);
    let database = data.path().join("taskforce.sqlite3");

    // Into a new folder with another key: refused, that folder untouched.
    let other = tempfile::tempdir().unwrap();
    let other_key = DataKey::generate().unwrap();
    drop(encrypted_folder(other.path(), &other_key));
    let other_db = other.path().join("taskforce.sqlite3");
    let before = hashes(other.path());
    let error = taskforce_export::archive::restore(&other_db, &archive, clock(), Some(&other_key))
        .unwrap_err();
    assert!(
        error.to_string().contains("andere sleutel"),
        "says why: {error}"
    );
    assert_eq!(hashes(other.path()), before);

    // Into a plain folder: refused.
    let plain = tempfile::tempdir().unwrap();
    drop(Store::open(&plain.path().join("taskforce.sqlite3"), clock()).unwrap());
    let plain_db = plain.path().join("taskforce.sqlite3");
    assert!(taskforce_export::archive::restore(&plain_db, &archive, clock(), None).is_err());

    // With its own key: restored, documents readable, still encrypted.
    taskforce_export::archive::restore(&database, &archive, clock(), Some(&key)).unwrap();
    let store = Store::open_keyed(&database, clock(), Some(&key)).unwrap();
    assert!(store.verify_documents().unwrap().is_ok());
    assert_eq!(store.verify_documents().unwrap().checked, 1);
    drop(store);
    assert_eq!(markers_in(data.path()), Vec::<String>::new());
}

#[test]
fn a_plain_folder_is_encrypted_in_place_with_its_backups_and_documents() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let database = data.path().join("taskforce.sqlite3");
    let store = Store::open(&database, clock()).unwrap();
    let document = fill(&store, elsewhere.path());
    store.automatic_backup().unwrap().expect("a backup");
    let plain_backup = elsewhere.path().join("oud.sqlite3");
    store.backup_to(&plain_backup).unwrap();
    let subjects_before = store.subjects(&Default::default()).unwrap();
    drop(store);
    assert!(!markers_in(data.path()).is_empty(), "plain to begin with");

    let key = DataKey::generate().unwrap();
    let report = encrypt_folder(&database, &key, clock()).unwrap();
    assert_eq!(report.documents_sealed, 1);
    assert_eq!(report.backups_encrypted, 1);
    assert!(report.left_plain.is_empty());
    assert_eq!(markers_in(data.path()), Vec::<String>::new());

    let store = Store::open_keyed(&database, clock(), Some(&key)).unwrap();
    assert_eq!(
        store.subjects(&Default::default()).unwrap(),
        subjects_before
    );
    assert!(String::from_utf8(store.read_document(document).unwrap())
        .unwrap()
        .starts_with("Inhoud van het vertrouwelijke stuk"));
    assert!(store.check().unwrap().is_ok());
    assert!(store.verify_documents().unwrap().is_ok());
    drop(store);
    assert_eq!(
        encrypt_folder(&database, &key, clock()).unwrap_err().code(),
        ErrorCode::Conflict,
        "already encrypted"
    );

    // A plain backup from before is encrypted on its way in.
    restore(&database, &plain_backup, clock(), Some(&key)).unwrap();
    let store = Store::open_keyed(&database, clock(), Some(&key)).unwrap();
    assert_eq!(
        store.subjects(&Default::default()).unwrap(),
        subjects_before
    );
    drop(store);
    assert_eq!(markers_in(data.path()), Vec::<String>::new());
}

#[test]
fn an_encryption_cut_off_half_way_is_finished_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let database = data.path().join("taskforce.sqlite3");
    let store = Store::open(&database, clock()).unwrap();
    let document = fill(&store, elsewhere.path());
    let sha256 = store.document(document).unwrap().sha256;
    let stored = store.document_file(document).unwrap();
    drop(store);

    // As a crash leaves it: the marker says "under way", the document is
    // sealed, the database is still plain.
    let key = DataKey::generate().unwrap();
    FolderEncryption {
        converting: true,
        ..FolderEncryption::new(&key).unwrap()
    }
    .write(&database)
    .unwrap();
    let documents = stored.parent().unwrap().parent().unwrap().to_path_buf();
    assert!(taskforce::content::reseal(&documents, &sha256, &key).unwrap());
    assert!(!stored.exists(), "sealed under its keyed name");
    let error = Store::open_keyed(&database, clock(), Some(&key)).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Locked, "{error}");

    let report = encrypt_folder(&database, &key, clock()).unwrap();
    assert_eq!(report.documents_sealed, 0, "already sealed");
    let store = Store::open_keyed(&database, clock(), Some(&key)).unwrap();
    assert!(store.read_document(document).is_ok());
    assert!(
        !FolderEncryption::read(&database)
            .unwrap()
            .unwrap()
            .converting
    );
    drop(store);
    assert_eq!(markers_in(data.path()), Vec::<String>::new());
}

#[test]
fn an_altered_sealed_document_is_reported_and_never_read_as_content() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    let document = fill(&store, elsewhere.path());
    let stored = store.document_file(document).unwrap();
    let mut bytes = std::fs::read(&stored).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&stored, bytes).unwrap();
    assert!(store.read_document(document).is_err());
    assert_eq!(store.verify_documents().unwrap().altered.len(), 1);
    assert!(store
        .export_document(document, &elsewhere.path().join("kopie.txt"))
        .is_err());
    assert!(!elsewhere.path().join("kopie.txt").exists());
}

#[test]
fn a_lost_marker_means_locked_never_damaged_and_the_recovery_key_writes_it_again() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    fill(&store, elsewhere.path());
    let database = store.path().unwrap().to_path_buf();
    drop(store);
    let marker = FolderEncryption::path(&database);
    std::fs::rename(&marker, elsewhere.path().join("marker")).unwrap();
    let before = hashes(data.path());

    // Without a key: locked, and the folder is not set aside or changed.
    assert!(FolderEncryption::lost(&database).unwrap());
    let error = open_or_quarantine(&database, clock(), None).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Locked, "{error}");
    assert!(
        error.to_string().contains("ontbreekt"),
        "says the marker is missing: {error}"
    );
    assert_eq!(hashes(data.path()), before, "nothing set aside or changed");

    // Another key: still locked, still untouched.
    let other = DataKey::generate().unwrap();
    let error = open_or_quarantine(&database, clock(), Some(&other)).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Locked, "{error}");
    assert_eq!(hashes(data.path()), before);
    assert!(!marker.exists());

    // The right key opens it and writes the marker again.
    let store = Store::open_keyed(&database, clock(), Some(&key)).unwrap();
    assert_eq!(store.seats(5).unwrap().len(), 0);
    assert!(store.documents_dir().is_ok());
    drop(store);
    let written = FolderEncryption::read(&database).unwrap().expect("marker");
    assert!(written.opens_with(&key));
    assert!(written.recovery_key_confirmed);
    assert!(!FolderEncryption::lost(&database).unwrap());
}

#[test]
fn a_new_database_beside_sealed_documents_is_never_made_plain() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    fill(&store, elsewhere.path());
    let database = store.path().unwrap().to_path_buf();
    drop(store);
    // The database and its marker gone; sealed documents remain.
    std::fs::rename(&database, elsewhere.path().join("db")).unwrap();
    std::fs::remove_file(FolderEncryption::path(&database)).unwrap();
    let error = Store::open(&database, clock()).unwrap_err();
    assert_eq!(error.code(), ErrorCode::Locked, "{error}");
    assert!(!database.exists(), "no plain database made");
}

#[test]
fn tidying_waits_for_a_confirmed_restore_and_keeps_what_any_backup_names() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    let document = fill(&store, elsewhere.path());
    let stored = store.document_file(document).unwrap();
    let database = store.path().unwrap().to_path_buf();
    // A backup that names the document, then the document unlinked: the
    // backup still needs the stored file.
    store.automatic_backup().unwrap().expect("a backup");
    let before_unlink = elsewhere.path().join("voor.sqlite3");
    store.backup_to(&before_unlink).unwrap();
    for linked in store.documents_of(DocumentTarget::Term(5)).unwrap() {
        store.unlink_document(linked.link_id).unwrap();
    }
    let report = store.collect_garbage().unwrap();
    assert_eq!(report.documents_removed, 1);
    assert_eq!(report.files_removed, 0, "a backup names it: {report:?}");
    assert!(stored.exists());
    drop(store);

    // A restore: nothing is tidied until the restored state is confirmed.
    restore(&database, &before_unlink, clock(), Some(&key)).unwrap();
    let store = Store::open_keyed(&database, clock(), Some(&key)).unwrap();
    assert!(store.restored_unconfirmed());
    let report = store.collect_garbage().unwrap();
    assert!(report.held_back.is_some(), "{report:?}");
    assert!(stored.exists());
    store.confirm_restored().unwrap();
    assert!(!store.restored_unconfirmed());
    // The restored database names the document again: it stays.
    let report = store.collect_garbage().unwrap();
    assert_eq!(report.files_removed, 0);
    assert!(stored.exists());
}

#[test]
fn a_copied_folder_or_tar_does_not_tell_which_known_document_it_holds() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let key = DataKey::generate().unwrap();
    let store = encrypted_folder(data.path(), &key);
    store
        .add_term(&NewTerm {
            number: 5,
            starts_on: day(2020, 3, 1),
            ends_on: day(2023, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    let paper = elsewhere.path().join("paper.txt");
    std::fs::write(&paper, b"hello paper\n").unwrap();
    let linked = store
        .attach_document(
            &paper,
            DocumentTarget::Term(5),
            DocumentKind::Other,
            None,
            false,
        )
        .unwrap();
    // What `printf 'hello paper\n' | sha256sum` prints.
    let known = format!("{:x}", Sha256::digest(b"hello paper\n"));
    assert_eq!(linked.document.sha256, known, "the database keeps the hash");
    let names: Vec<String> = files(&data.path().join("documents"))
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names.len(), 1);
    assert!(
        !names.contains(&known),
        "stored under a keyed name: {names:?}"
    );
    assert_eq!(
        store.read_document(linked.document.id).unwrap(),
        b"hello paper\n"
    );

    // The full backup: the same names, no owner, one fixed time.
    let archive = elsewhere.path().join("volledig.tar");
    taskforce_export::archive::backup_to(&store, &archive).unwrap();
    let mut tar = tar::Archive::new(std::fs::File::open(&archive).unwrap());
    for entry in tar.entries().unwrap() {
        let entry = entry.unwrap();
        let header = entry.header();
        let path = entry.path().unwrap().to_string_lossy().to_string();
        assert!(!path.contains(&known), "{path}");
        assert_eq!(header.uid().unwrap(), 0, "{path}");
        assert_eq!(header.gid().unwrap(), 0, "{path}");
        assert_eq!(header.username().unwrap().unwrap_or(""), "", "{path}");
        assert_eq!(header.groupname().unwrap().unwrap_or(""), "", "{path}");
        assert_eq!(header.mtime().unwrap(), 946_684_800, "{path}");
        assert_eq!(header.mode().unwrap() & 0o777, 0o600, "{path}");
    }

    // Restored into the same (emptied) folder, the document reads back.
    let database = store.path().unwrap().to_path_buf();
    drop(store);
    std::fs::remove_dir_all(data.path().join("documents")).unwrap();
    taskforce_export::archive::restore(&database, &archive, clock(), Some(&key)).unwrap();
    let store = Store::open_keyed(&database, clock(), Some(&key)).unwrap();
    assert_eq!(
        store.read_document(linked.document.id).unwrap(),
        b"hello paper\n"
    );
}

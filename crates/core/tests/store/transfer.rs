//! Moving the record between the file and the server: a secretariat's year
//! copied from a data folder into an empty server database and from there
//! into a new file comes back identical, table for table, with every
//! record's history and one unbroken chain; a copy into a record that is
//! not empty, from a log that does not check out, or of documents the
//! server cannot keep yet is refused with nothing written.

use taskforce::domain::*;
use taskforce::encryption::DataKey;
use taskforce::{ErrorCode, Store};
use taskforce_dev::fixture::{self, subject};

/// Every audited record's history, by table and id — without the entries'
/// own numbers, which a copy into a new file continues from the file's own
/// notes.
fn histories(store: &Store) -> Vec<(String, Vec<AuditEntry>)> {
    let mut all = numbered_histories(store);
    for (_, entries) in &mut all {
        for entry in entries {
            entry.id = 0;
        }
    }
    all
}

fn numbered_histories(store: &Store) -> Vec<(String, Vec<AuditEntry>)> {
    let mut all = Vec::new();
    for s in store.subjects(&SubjectFilter::default()).unwrap() {
        all.push((
            format!("subject {}", s.id),
            store.history(AuditedRecord::Subjects, s.id).unwrap(),
        ));
    }
    for m in store.meetings(5).unwrap() {
        all.push((
            format!("meeting {}", m.meeting.id),
            store
                .history(AuditedRecord::Meetings, m.meeting.id)
                .unwrap(),
        ));
        all.push((
            format!("minutes {}", m.meeting.id),
            store.history(AuditedRecord::Minutes, m.meeting.id).unwrap(),
        ));
    }
    for s in store.seats(5).unwrap() {
        all.push((
            format!("seat {}", s.id),
            store.history(AuditedRecord::Seats, s.id).unwrap(),
        ));
    }
    all
}

#[test]
fn a_year_moves_to_the_server_and_back_identical_with_its_history_and_one_chain() {
    let Some(server) = fixture::empty_on_server() else {
        return;
    };
    // An encrypted data folder: its chain is keyed with the folder's key.
    let dir = tempfile::tempdir().unwrap();
    let clock = server.clock.clone();
    let key = DataKey::generate().unwrap();
    let file = Store::open_keyed(
        &dir.path().join("taskforce.sqlite3"),
        clock.clone(),
        Some(&key),
    )
    .unwrap();
    let folder = fixture::Fixture {
        dir,
        store: file,
        clock: clock.clone(),
        scratch: None,
    };
    let folder = fixture::with_term5(folder);
    crate::server::a_year(&folder);
    let file = &folder.store;
    // A decree of more than two chunks, sealed in the encrypted folder.
    let decree: Vec<u8> = (0..2_500_000u32).map(|i| (i % 251) as u8).collect();
    let paper = folder.dir.path().join("instellingsbesluit.pdf");
    std::fs::write(&paper, &decree).unwrap();
    let document = file
        .attach_document(
            &paper,
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap()
        .document
        .id;
    let fingerprint = file.record_fingerprint().unwrap();
    let entries = file.audit_entries().unwrap();

    let copied = file.copy_record_to(&server.store).unwrap();
    assert_eq!(copied.entries, entries);
    assert!(copied.rows > 50, "{copied:?}");
    assert_eq!(server.store.record_fingerprint().unwrap(), fingerprint);
    // Onto the server the entries keep their numbers too.
    assert_eq!(numbered_histories(&server.store), numbered_histories(file));
    assert_eq!(server.store.audit_broken_at().unwrap(), None);
    assert_eq!(server.store.audit_entries().unwrap(), entries + 1);
    assert_eq!(server.store.read_document(document).unwrap(), decree);
    // Search works on what was moved; new rows go on after the moved ids.
    assert_eq!(
        server.store.search("loverboys", 10).unwrap().len(),
        file.search("loverboys", 10).unwrap().len()
    );
    let highest = file
        .subjects(&SubjectFilter::default())
        .unwrap()
        .iter()
        .map(|s| s.id)
        .max()
        .unwrap();
    let fresh = subject(&server.store, "Casus na de verhuizing", &[]);
    assert!(fresh.id > highest);
    assert_eq!(server.store.audit_broken_at().unwrap(), None);

    // And back into a new file: the same record, the server's addition too.
    let back_dir = tempfile::tempdir().unwrap();
    let back = Store::open(&back_dir.path().join("kopie.sqlite3"), clock.clone()).unwrap();
    server.store.copy_record_to(&back).unwrap();
    assert_eq!(
        back.record_fingerprint().unwrap(),
        server.store.record_fingerprint().unwrap()
    );
    assert_eq!(histories(&back), histories(&server.store));
    assert_eq!(back.audit_broken_at().unwrap(), None);
    assert_eq!(back.read_document(document).unwrap(), decree);
    let verified = back.verify_documents().unwrap();
    assert!(verified.missing.is_empty() && verified.altered.is_empty());
    // Its own two notes (its migrations'), the copied entries, the copy's.
    assert_eq!(back.audit_entries().unwrap(), 2 + entries + 2 + 1);
    // The file's own triggers log again after the copy.
    subject(&back, "Casus in de kopie", &[]);
    assert_eq!(back.audit_broken_at().unwrap(), None);
    assert_eq!(back.audit_entries().unwrap(), 2 + entries + 2 + 1 + 1);
}

#[test]
fn a_copy_into_a_record_that_is_not_empty_is_refused_and_changes_nothing() {
    let Some(server) = fixture::term5_on_server() else {
        return;
    };
    let folder = fixture::term5();
    subject(&folder.store, "Casus Rotterdam haven", &[]);
    let before = server.store.record_fingerprint().unwrap();
    let refused = folder.store.copy_record_to(&server.store).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
    assert!(refused.to_string().contains("niet leeg"), "{refused}");
    assert_eq!(server.store.record_fingerprint().unwrap(), before);
}

#[test]
fn documents_on_the_server_are_stored_once_read_back_checked_and_tidied() {
    let Some(f) = fixture::term5_on_server() else {
        return;
    };
    let store = &f.store;
    let casus = subject(store, "Casus Rotterdam haven", &[]);
    let big: Vec<u8> = (0..3_200_000u32).map(|i| (i % 253) as u8).collect();
    let paper = f.dir.path().join("dossier.pdf");
    std::fs::write(&paper, &big).unwrap();
    let attach = |path: &std::path::Path, target| {
        store
            .attach_document(path, target, DocumentKind::Other, None, false)
            .unwrap()
    };
    let on_term = attach(&paper, DocumentTarget::Term(5));
    let on_subject = attach(&paper, DocumentTarget::Subject(casus.id));
    assert_eq!(on_term.document.id, on_subject.document.id, "stored once");
    assert_eq!(store.read_document(on_term.document.id).unwrap(), big);
    let out = f.dir.path().join("kopie.pdf");
    store.export_document(on_term.document.id, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), big);
    let chunks = |client: &mut postgres::Client| -> i64 {
        client
            .query_one("SELECT count(*) FROM document_chunks", &[])
            .unwrap()
            .get(0)
    };
    let scratch = f.scratch.as_ref().unwrap();
    assert_eq!(chunks(&mut scratch.client()), 4, "3.2 MB in 1 MiB chunks");
    assert!(store.missing_documents().unwrap().is_empty());
    let report = store.verify_documents().unwrap();
    assert_eq!(
        (report.checked, report.missing.len(), report.altered.len()),
        (1, 0, 0)
    );

    // A chunk changed on the server is found, not handed out.
    scratch
        .client()
        .batch_execute("UPDATE document_chunks SET bytes = '\\x00' WHERE n = 2")
        .unwrap();
    let altered = store.read_document(on_term.document.id).unwrap_err();
    assert_eq!(altered.code(), ErrorCode::Incompatible, "{altered:?}");
    assert_eq!(store.verify_documents().unwrap().altered.len(), 1);

    // Unlinked everywhere, the document and its content are tidied.
    store.unlink_document(on_term.link_id).unwrap();
    store.unlink_document(on_subject.link_id).unwrap();
    let tidied = store.collect_garbage().unwrap();
    assert_eq!(tidied.documents_removed, 1);
    assert_eq!(tidied.files_removed, 1);
    assert_eq!(chunks(&mut scratch.client()), 0);
}

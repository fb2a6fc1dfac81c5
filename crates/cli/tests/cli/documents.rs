//! Attached documents: content-addressed, streamed, verified, and safe against
//! bad files, hostile names and a full disk.

use std::path::{Path, PathBuf};
use taskforce::domain::*;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, term5};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn stored_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
        if entry.path().is_dir() {
            files.extend(
                std::fs::read_dir(entry.path())
                    .unwrap()
                    .flatten()
                    .map(|e| e.path()),
            );
        } else {
            files.push(entry.path());
        }
    }
    files
}

/// A named pipe: it has a name like a file, but reading it would block.
/// A symbolic link at `name` to `target`.
fn link_to(dir: &Path, name: &str, target: &Path) -> PathBuf {
    let link = dir.join(name);
    std::os::unix::fs::symlink(target, &link).unwrap();
    link
}

#[allow(unsafe_code)] // libc: a FIFO, the user id, a child's peak memory
fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("pijp.pdf");
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    path
}

fn decree(dir: &Path) -> PathBuf {
    write(
        dir,
        "Instellingsbesluit Task Force 2020.pdf",
        b"%PDF-1.4\n% instellingsbesluit termijn 5\n",
    )
}

#[test]
fn a_decree_attached_to_term_5_is_stored_under_its_hash_and_survives_a_restart() {
    let f = term5();
    let source = decree(f.dir.path());
    let linked = f
        .store
        .attach_document(
            &source,
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap();
    assert_eq!(linked.document.title, "Instellingsbesluit Task Force 2020");
    assert_eq!(linked.document.media_type, "application/pdf");
    let stored = f.store.document_file(linked.document.id).unwrap();
    assert!(
        stored.starts_with(f.store.documents_dir().unwrap()),
        "inside the documents folder"
    );
    assert_eq!(
        stored.file_name().unwrap().to_string_lossy(),
        linked.document.sha256
    );
    assert_eq!(
        std::fs::read(&stored).unwrap(),
        std::fs::read(&source).unwrap()
    );

    let path = f.dir.path().join("taskforce.sqlite3");
    drop(f.store);
    let store = taskforce::Store::open(&path, f.clock.clone()).unwrap();
    let listed = store.documents_of(DocumentTarget::Term(5)).unwrap();
    assert_eq!(listed.len(), 1);
    assert!(store.verify_documents().unwrap().is_ok());
}

#[test]
fn the_same_file_is_stored_once_and_attached_once_per_target() {
    let f = term5();
    let source = decree(f.dir.path());
    let m = fixture::meeting(&f.store, "2021-05-12 14:00");
    let a = f
        .store
        .attach_document(
            &source,
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap();
    let b = f
        .store
        .attach_document(
            &source,
            DocumentTarget::Meeting(m.meeting.id),
            DocumentKind::MeetingPaper,
            None,
            true,
        )
        .unwrap();
    assert_eq!(a.document.id, b.document.id, "one document");
    assert_eq!(
        stored_files(f.store.documents_dir().unwrap()).len(),
        1,
        "one file"
    );
    let err = f
        .store
        .attach_document(
            &source,
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(
        f.store.documents_of(DocumentTarget::Term(5)).unwrap().len(),
        1
    );
}

#[test]
fn unlinking_then_collecting_garbage_removes_the_file_only_when_no_link_is_left() {
    let f = term5();
    let source = decree(f.dir.path());
    let m = fixture::meeting(&f.store, "2021-05-12 14:00");
    let a = f
        .store
        .attach_document(
            &source,
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap();
    let b = f
        .store
        .attach_document(
            &source,
            DocumentTarget::Meeting(m.meeting.id),
            DocumentKind::Other,
            None,
            false,
        )
        .unwrap();
    f.store.unlink_document(a.link_id).unwrap();
    assert_eq!(
        f.store.collect_garbage().unwrap(),
        GarbageReport::default(),
        "still linked to the meeting"
    );
    assert!(f.store.document_file(b.document.id).is_ok());
    f.store.unlink_document(b.link_id).unwrap();
    let report = f.store.collect_garbage().unwrap();
    assert_eq!((report.documents_removed, report.files_removed), (1, 1));
    assert!(stored_files(f.store.documents_dir().unwrap()).is_empty());

    // A file without a row (a crash between copy and save) is collected too.
    let orphan = f
        .store
        .documents_dir()
        .unwrap()
        .join("ab")
        .join("ab".repeat(32));
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"left behind").unwrap();
    assert_eq!(f.store.collect_garbage().unwrap().files_removed, 1);
}

#[test]
fn rename_kind_and_confidentiality_are_metadata() {
    let f = term5();
    let source = decree(f.dir.path());
    let linked = f
        .store
        .attach_document(
            &source,
            DocumentTarget::Term(5),
            DocumentKind::Other,
            Some("Besluit"),
            false,
        )
        .unwrap();
    assert_eq!(
        f.store
            .rename_document(linked.document.id, "Instellingsbesluit 2020")
            .unwrap()
            .title,
        "Instellingsbesluit 2020"
    );
    assert_eq!(
        f.store
            .rename_document(linked.document.id, "  ")
            .unwrap_err()
            .field(),
        Some("title")
    );
    assert_eq!(
        f.store
            .set_document_kind(linked.document.id, DocumentKind::Decree)
            .unwrap()
            .kind,
        DocumentKind::Decree
    );
    assert!(
        f.store
            .set_document_confidential(linked.link_id, true)
            .unwrap()
            .confidential
    );
}

#[test]
fn verify_names_missing_and_altered_files() {
    let f = term5();
    let a = f
        .store
        .attach_document(
            &decree(f.dir.path()),
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap();
    let other = write(f.dir.path(), "Evaluatie.docx", b"evaluatie vierde termijn");
    let b = f
        .store
        .attach_document(
            &other,
            DocumentTarget::Term(5),
            DocumentKind::Evaluation,
            None,
            false,
        )
        .unwrap();
    std::fs::write(f.store.document_file(a.document.id).unwrap(), b"tampered").unwrap();
    std::fs::remove_file(f.store.document_file(b.document.id).unwrap()).unwrap();
    let report = f.store.verify_documents().unwrap();
    assert_eq!(report.checked, 2);
    assert_eq!(
        report.altered,
        ["Instellingsbesluit Task Force 2020 (Instellingsbesluit Task Force 2020.pdf)"]
    );
    assert_eq!(report.missing, ["Evaluatie (Evaluatie.docx)"]);
    let missing = f.store.missing_documents().unwrap();
    assert_eq!(missing.len(), 2, "wrong size counts as missing at start-up");
    assert_eq!(
        f.store.document_file(b.document.id).unwrap_err().code(),
        ErrorCode::Io
    );
}

#[test]
#[allow(unsafe_code)] // libc: a FIFO, the user id, a child's peak memory
fn bad_files_are_refused_with_a_clear_error_and_nothing_is_stored() {
    let f = term5();
    let dir = f.dir.path();
    let cases: Vec<(PathBuf, ErrorCode, &str)> = vec![
        (dir.join("bestaat-niet.pdf"), ErrorCode::Io, "bestaat niet"),
        (dir.to_path_buf(), ErrorCode::Validation, "een map"),
        (write(dir, "leeg.pdf", b""), ErrorCode::Validation, "leeg"),
        (fifo(dir), ErrorCode::Validation, "geen gewoon bestand"),
        (
            link_to(dir, "besluit-link.pdf", &decree(dir)),
            ErrorCode::Validation,
            "is een koppeling naar",
        ),
    ];
    // Unreadable by permissions; root reads anyway, so only checked as a user.
    // SAFETY: geteuid has no preconditions.
    let cases = if unsafe { libc::geteuid() } != 0 {
        let locked = write(dir, "geheim.pdf", b"x");
        std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000))
            .unwrap();
        cases
            .into_iter()
            .chain([(locked, ErrorCode::Io, "geen toegang")])
            .collect()
    } else {
        cases
    };
    for (path, code, words) in cases {
        let err = f
            .store
            .attach_document(
                &path,
                DocumentTarget::Term(5),
                DocumentKind::Other,
                None,
                false,
            )
            .unwrap_err();
        assert_eq!(err.code(), code, "{}: {err}", path.display());
        assert!(err.to_string().contains(words), "{}: {err}", path.display());
    }
    let err = f
        .store
        .attach_document(
            &decree(dir),
            DocumentTarget::Meeting(999),
            DocumentKind::Other,
            None,
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(stored_files(f.store.documents_dir().unwrap()).is_empty());
    assert!(f
        .store
        .documents_of(DocumentTarget::Term(5))
        .unwrap()
        .is_empty());
}

#[test]
fn hostile_names_stay_metadata_and_never_become_paths() {
    let f = term5();
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "CON".to_string(),
        "..".to_string() + "%2fx.pdf",
        "factuur\u{202E}fdp.exe".to_string(),
        format!("{}.pdf", "lang".repeat(60)),
        "be\u{301}sluit.pdf".to_string(),
        "b\u{e9}sluit 2.pdf".to_string(),
    ];
    for (i, name) in names.iter().enumerate() {
        let path = write(dir.path(), name, format!("inhoud {i}").as_bytes());
        let linked = f
            .store
            .attach_document(
                &path,
                DocumentTarget::Term(5),
                DocumentKind::Other,
                None,
                false,
            )
            .unwrap();
        assert!(linked.document.original_name.chars().count() <= 255);
        assert!(
            !linked.document.original_name.contains('\u{202E}'),
            "direction override removed"
        );
        let stored = f.store.document_file(linked.document.id).unwrap();
        assert_eq!(
            stored.file_name().unwrap().to_string_lossy(),
            linked.document.sha256
        );
    }
    let listed = f.store.documents_of(DocumentTarget::Term(5)).unwrap();
    assert!(
        listed
            .iter()
            .any(|d| d.document.original_name == "b\u{e9}sluit.pdf"),
        "NFD stored as NFC"
    );
    // Nothing appeared outside the documents folder.
    let mut outside: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    outside.sort();
    let outside: Vec<String> = outside
        .iter()
        .map(|n| n.to_string_lossy().to_string())
        .collect();
    assert!(
        outside
            .iter()
            .all(|n| n.starts_with("taskforce.sqlite3") || n == "documents"),
        "{outside:?}"
    );
}

#[test]
fn a_file_that_changes_while_it_is_copied_is_refused() {
    let f = term5();
    let path = f.dir.path().join("groeiend.pdf");
    std::fs::write(&path, vec![7u8; 64 * 1024 * 1024]).unwrap();
    let writer_path = path.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop_writer = stop.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(writer_path)
            .unwrap();
        while !stop_writer.load(std::sync::atomic::Ordering::Relaxed) {
            file.write_all(b"x").unwrap();
            file.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(20));
    let result = f.store.attach_document(
        &path,
        DocumentTarget::Term(5),
        DocumentKind::Other,
        None,
        false,
    );
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    let err = result.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "{err}");
    assert!(
        err.to_string().contains("veranderde tijdens het kopiëren"),
        "{err}"
    );
    assert!(
        stored_files(f.store.documents_dir().unwrap()).is_empty(),
        "no half or stray file"
    );
    assert!(f
        .store
        .documents_of(DocumentTarget::Term(5))
        .unwrap()
        .is_empty());
}

#[test]
fn a_full_disk_gives_a_clear_error_and_leaves_no_file_and_no_row() {
    // A 1 MB tmpfs as the documents folder. Mounting needs root: CI runs as
    // root and sets TASKFORCE_REQUIRE_TMPFS so this cannot be skipped there.
    let f = term5();
    let documents = f.store.documents_dir().unwrap().to_path_buf();
    std::fs::create_dir_all(&documents).unwrap();
    let Some(_mounted) = fixture::mount_tmpfs(&documents, "1m") else {
        return;
    };

    let big = write(
        f.dir.path(),
        "Groot vergaderstuk.pdf",
        &vec![1u8; 3 * 1024 * 1024],
    );
    let err = f
        .store
        .attach_document(
            &big,
            DocumentTarget::Term(5),
            DocumentKind::MeetingPaper,
            None,
            false,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("schijf is vol"), "{err}");
    assert!(stored_files(&documents).is_empty(), "no half-written file");
    assert!(
        f.store
            .documents_of(DocumentTarget::Term(5))
            .unwrap()
            .is_empty(),
        "no row"
    );
    // The app keeps working, for reads and for what still fits.
    assert_eq!(f.store.seats(5).unwrap().len(), 21);
    let small = decree(f.dir.path());
    f.store
        .attach_document(
            &small,
            DocumentTarget::Term(5),
            DocumentKind::Decree,
            None,
            false,
        )
        .unwrap();
}

#[test]
fn copying_streams_in_constant_memory() {
    // 256 MB through the CLI: its peak memory may not grow by more than
    // 64 MB over attaching a tiny file. (The 2 GB run is `--ignored`.)
    assert_memory_flat(256);
}

#[test]
#[ignore = "long: copies and hashes 2 GB; run with --ignored"]
fn copying_a_2_gb_file_streams_in_constant_memory() {
    assert_memory_flat(2048);
}

fn assert_memory_flat(megabytes: u64) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.sqlite3");
    let cli = |args: &[&str]| peak_rss_kib(&db, args);
    cli(&["members", "seed"]);
    let small = write(dir.path(), "klein.pdf", b"klein");
    let big = dir.path().join("groot.pdf");
    // Sparse: no disk is used for the source, but every byte is read.
    std::fs::File::create(&big)
        .unwrap()
        .set_len(megabytes * 1024 * 1024)
        .unwrap();
    let peak_small = cli(&["document", "attach", small.to_str().unwrap(), "--term", "5"]);
    let peak_big = cli(&["document", "attach", big.to_str().unwrap(), "--term", "5"]);
    assert!(
        peak_big < peak_small + 64 * 1024,
        "peak memory grew from {peak_small} KiB to {peak_big} KiB for {megabytes} MB"
    );
}

/// Runs the CLI and returns the peak resident memory of that one process, in
/// KiB. `wait4` reports it for exactly this child, whatever other tests in
/// this binary run at the same time (LibreOffice conversions are large).
#[expect(clippy::zombie_processes, reason = "reaped by wait4 below")]
#[allow(unsafe_code)] // libc: a FIFO, the user id, a child's peak memory
fn peak_rss_kib(db: &std::path::Path, args: &[&str]) -> i64 {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_taskforce-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .spawn()
        .unwrap();
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unwaited child; `status` and `usage` are
    // valid, writable locals for the call to fill.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{args:?} failed"
    );
    usage.ru_maxrss
}

//! The folder's states and the moves between them, on real files in a temp
//! dir (SQLite, SQLCipher, the marker). The keychain is the session's, when
//! there is one (scripts/test starts one); what it could not keep is a
//! `keychain_problem`, never a failure.

use super::*;
use taskforce::encryption::FolderEncryption;
use taskforce::FixedClock;

fn clock() -> Arc<dyn Clock> {
    Arc::new(FixedClock::new(
        chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00Z")
            .expect("instant")
            .to_utc(),
    ))
}

fn state_in(dir: &tempfile::TempDir) -> AppState {
    AppState::at(Some(dir.path().join("taskforce.sqlite3")), clock())
}

/// A plain folder with one term in it, made as an earlier version did.
fn plain_folder(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("taskforce.sqlite3");
    let store = Store::open(&path, clock()).expect("plain store");
    store
        .add_term(&taskforce::domain::NewTerm {
            number: 5,
            starts_on: chrono::NaiveDate::from_ymd_opt(2020, 3, 1).expect("date"),
            ends_on: chrono::NaiveDate::from_ymd_opt(2023, 3, 1).expect("date"),
            goals: String::new(),
        })
        .expect("term");
    path
}

#[test]
fn a_first_start_opens_a_new_folder_encrypted_from_its_first_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = state_in(&dir);
    state.begin_opening();
    let store = state.store().expect("open");
    assert!(state.key().is_some(), "a new folder gets a key");
    assert!(state.locked().is_none());
    assert!(state.quarantine().is_none());
    let marker = FolderEncryption::read(store.path().expect("file"))
        .expect("marker")
        .expect("written");
    assert!(marker.opens_with(&state.key().expect("key")));
}

#[test]
fn a_plain_folder_opens_without_a_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    plain_folder(&dir);
    let state = state_in(&dir);
    assert!(state.store().is_ok());
    assert!(state.key().is_none());
    assert!(state.open_error().is_none());
}

#[test]
fn locked_has_no_store_until_the_right_recovery_key_opens_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_folder(&dir);
    let key = DataKey::generate().expect("key");
    // Encrypted under a folder id no keychain has heard of.
    taskforce::store::encrypt_folder(&path, &key, clock()).expect("encrypt");
    let state = state_in(&dir);
    assert!(state.locked().is_some(), "the keychain has no key for it");
    let error = state.store().expect_err("no store while locked");
    assert_eq!(error.code, taskforce::ErrorCode::Locked);

    let wrong = DataKey::generate().expect("key");
    let refused = state.unlock(wrong).expect_err("a wrong key");
    assert_eq!(refused.code, taskforce::ErrorCode::Validation);
    assert!(state.locked().is_some(), "still locked after a wrong key");

    let typed = DataKey::from_recovery_text(&key.recovery_text()).expect("typed");
    state.unlock(typed).expect("the right key");
    assert!(state.locked().is_none());
    assert_eq!(
        state.store().expect("open").terms().expect("terms").len(),
        1
    );
    assert_eq!(state.key(), Some(key));
    if let Ok(Some(marker)) = FolderEncryption::read(&path) {
        let _ = taskforce_folder::keychain::forget(&marker.folder_id);
    }
}

#[test]
fn a_damaged_database_is_set_aside_and_its_backup_restored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_folder(&dir);
    Store::open(&path, clock())
        .expect("open")
        .automatic_backup()
        .expect("backup")
        .expect("made");
    std::fs::write(&path, b"no database at all, not even encrypted").expect("damage");
    let state = state_in(&dir);
    let (quarantine, backup) = state.quarantine().expect("set aside");
    let backup = backup.expect("the verified backup is offered");
    assert!(
        Path::new(&quarantine.moved_to).exists(),
        "moved, never deleted"
    );
    assert_eq!(
        state.store().expect_err("no store").code,
        taskforce::ErrorCode::Incompatible
    );

    let restore_clock = clock();
    state
        .reopen_after(None, PATIENCE, |path, key| {
            taskforce::store::restore(path, &backup, restore_clock, key).map(|_| ())
        })
        .expect("restored");
    assert!(state.quarantine().is_none());
    assert_eq!(
        state.store().expect("open").terms().expect("terms").len(),
        1
    );
}

#[test]
fn nothing_is_replaced_while_a_running_call_holds_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    plain_folder(&dir);
    let state = state_in(&dir);
    let running = state.store().expect("open");
    let mut replaced = false;
    let error = state
        .reopen_after(None, Duration::from_millis(50), |_, _| {
            replaced = true;
            Ok(())
        })
        .expect_err("in use");
    assert!(!replaced, "the file is not touched");
    assert_eq!(error.code, taskforce::ErrorCode::Internal);
    assert!(state.store().is_ok(), "open as before");
    drop(running);
    state
        .reopen_after(None, Duration::from_millis(50), |_, _| Ok(()))
        .expect("replaced once let go");
    assert_eq!(
        state.store().expect("open").terms().expect("terms").len(),
        1
    );
}

#[test]
fn a_folder_that_cannot_be_opened_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A folder where the database should be.
    std::fs::create_dir_all(dir.path().join("taskforce.sqlite3")).expect("dir");
    let state = state_in(&dir);
    assert_eq!(
        state.store().expect_err("failed").code,
        taskforce::ErrorCode::Io
    );
    let none = AppState::at(None, clock());
    assert_eq!(
        none.store().expect_err("no folder").code,
        taskforce::ErrorCode::Validation
    );
}

#[test]
fn a_folder_that_failed_to_open_can_be_replaced_and_a_panic_while_replacing_says_failed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = plain_folder(&dir);
    let backup = dir.path().join("kopie.sqlite3");
    Store::open(&path, clock())
        .expect("open")
        .backup_to(&backup)
        .expect("backup");
    // A database from a newer version: refused, not set aside.
    // (the user version: four bytes at offset 60 of SQLite's header)
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(&path, bytes).expect("write");
    let state = state_in(&dir);
    assert_eq!(
        state.store().expect_err("newer").code,
        taskforce::ErrorCode::Incompatible
    );
    let restore_clock = clock();
    state
        .reopen_after(None, PATIENCE, |path, key| {
            taskforce::store::restore(path, &backup, restore_clock, key).map(|_| ())
        })
        .expect("restored over the newer file");
    assert_eq!(
        state.store().expect("open").terms().expect("terms").len(),
        1
    );

    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = state.reopen_after(None, PATIENCE, |_, _| -> taskforce::Result<()> {
            panic!("cut off")
        });
    }));
    assert!(panicked.is_err());
    assert_eq!(
        state.store().expect_err("failed, not replacing").code,
        taskforce::ErrorCode::Internal
    );
    assert!(
        !matches!(*lock(&state.folder), Folder::Replacing),
        "never left half-way"
    );
}

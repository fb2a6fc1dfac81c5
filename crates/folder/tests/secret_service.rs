//! Against the real Secret Service of the session (scripts/test runs the
//! suite under scripts/with-keyring, a GNOME Keyring of its own): a key
//! kept is found again, fits its folder, and is gone after `forget`.

use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce_keychain::{access, load, new_folder, remember, Access, Missing};

fn keyring_expected() -> bool {
    // Outside scripts/test (a developer's `cargo test`) there may be no
    // Secret Service; inside it there must be.
    std::env::var_os("TASKFORCE_REQUIRE_KEYRING").is_some()
}

#[test]
fn a_new_folder_keeps_its_key_in_the_keychain_and_finds_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("taskforce.sqlite3");
    let (key, problem) = new_folder(&database).unwrap();
    if let Some(problem) = problem {
        assert!(!keyring_expected(), "no keychain: {problem:?}");
        eprintln!("skipped: no Secret Service here ({problem:?})");
        return;
    }
    let folder = FolderEncryption::read(&database).unwrap().unwrap();
    assert!(folder.opens_with(&key));
    assert!(!folder.recovery_key_confirmed);
    match access(&database).unwrap() {
        Access::Key(found) => assert_eq!(found, key),
        other => panic!("{other:?}"),
    }

    // Another machine: the keychain has nothing for this folder.
    taskforce_keychain::forget(&folder.folder_id).unwrap();
    assert!(matches!(
        access(&database).unwrap(),
        Access::NeedsRecoveryKey(Missing::NoEntry)
    ));
    // The recovery key typed there is kept for the next start.
    let typed = DataKey::from_recovery_text(&key.recovery_text()).unwrap();
    assert_eq!(remember(&database, &typed).unwrap(), None);
    assert_eq!(load(&folder.folder_id).unwrap(), key);
    taskforce_keychain::forget(&folder.folder_id).unwrap();
}

#[test]
fn a_plain_folder_needs_no_key() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        access(&dir.path().join("taskforce.sqlite3")).unwrap(),
        Access::Plain
    ));
}

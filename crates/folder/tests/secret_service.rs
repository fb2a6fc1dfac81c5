#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Against the real Secret Service of the session (scripts/test runs the
//! suite under scripts/with-keyring, a GNOME Keyring of its own): a key
//! kept is found again, fits its folder, and is gone after `forget`; a
//! folder opened with a key source says what it needs.

use std::sync::Arc;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::FixedClock;
use taskforce_folder::keychain::{forget, load};
use taskforce_folder::{create, open, remember, Access, Given, Keychain, Missing};

fn keyring_expected() -> bool {
    // Outside scripts/test (a developer's `cargo test`) there may be no
    // Secret Service; inside it there must be.
    std::env::var_os("TASKFORCE_REQUIRE_KEYRING").is_some()
}

fn clock() -> Arc<dyn taskforce::Clock> {
    Arc::new(FixedClock::new(
        chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00Z")
            .unwrap()
            .to_utc(),
    ))
}

#[test]
fn a_new_folder_keeps_its_key_in_the_keychain_and_finds_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("taskforce.sqlite3");
    let (created, problem) = create(&database).unwrap();
    let Access::Keyed { key, .. } = created else {
        panic!("{created:?}")
    };
    if let Some(problem) = problem {
        assert!(!keyring_expected(), "no keychain: {problem:?}");
        eprintln!("skipped: no Secret Service here ({problem:?})");
        return;
    }
    let folder = FolderEncryption::read(&database).unwrap().unwrap();
    assert!(folder.opens_with(&key));
    assert!(!folder.recovery_key_confirmed);
    match open(&database, &Keychain).unwrap() {
        Access::Keyed { key: found, marker } => {
            assert_eq!(found, key);
            assert_eq!(
                marker.unwrap().folder_id,
                folder.folder_id,
                "the marker read"
            );
        }
        other => panic!("{other:?}"),
    }

    // Another machine: the keychain has nothing for this folder.
    forget(&folder.folder_id).unwrap();
    assert!(matches!(
        open(&database, &Keychain).unwrap(),
        Access::Locked(Missing::NoEntry)
    ));
    // A recovery key that is not this folder's is refused before anything opens.
    let other = DataKey::generate().unwrap();
    assert!(matches!(
        open(&database, &Given(other)).unwrap(),
        Access::Locked(Missing::WrongKey)
    ));
    // The recovery key typed there is kept for the next start.
    let typed = DataKey::from_recovery_text(&key.recovery_text()).unwrap();
    assert_eq!(remember(&database, &typed).unwrap(), None);
    assert_eq!(load(&folder.folder_id).unwrap(), key);
    forget(&folder.folder_id).unwrap();
}

#[test]
fn a_plain_folder_needs_no_key() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        open(&dir.path().join("taskforce.sqlite3"), &Keychain).unwrap(),
        Access::Plain
    ));
}

#[test]
fn an_encryption_cut_off_is_found_and_finished() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("taskforce.sqlite3");
    taskforce::Store::open(&database, clock()).unwrap();
    let key = DataKey::generate().unwrap();
    // Cut off right after the marker said `converting`.
    FolderEncryption {
        converting: true,
        ..FolderEncryption::new(&key).unwrap()
    }
    .write(&database)
    .unwrap();
    let access = open(&database, &Given(key.clone())).unwrap();
    let Access::Converting(found) = access else {
        panic!("{access:?}")
    };
    let access = taskforce_folder::finish(&database, found, clock()).unwrap();
    let store = taskforce_folder::open_store_strict(&database, &access, clock()).unwrap();
    assert_eq!(store.key(), Some(&key));
    let marker = FolderEncryption::read(&database).unwrap().unwrap();
    assert!(!marker.converting);
}

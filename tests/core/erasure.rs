//! An erasure removes the bytes: the raw database, its WAL and the search
//! index's shadow tables hold no trace of an erased partner, and restoring a
//! backup made before the erasure erases again.

use crate::support::term5;
use std::path::Path;
use taskforce::domain::*;

const MARKERS: [&str; 5] = [
    "Xylofoonhuis",
    "xylofoonhuis",
    "xylofoon@voorbeeld.nl",
    "0612983476",
    "Kwetsbaarheidsmarker",
];

fn bytes_of(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn assert_no_trace(database: &Path) {
    for file in [
        database.to_path_buf(),
        Path::new(&format!("{}-wal", database.display())).to_path_buf(),
    ] {
        let bytes = bytes_of(&file);
        for marker in MARKERS {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{marker} still in {}",
                file.display()
            );
        }
    }
}

fn partner_with_markers(store: &taskforce::Store) -> Partner {
    let draft = PartnerDraft {
        organisation: "Stichting Voorbeeld".into(),
        contact_name: Some("Zeldzaam Xylofoonhuis".into()),
        email: Some("xylofoon@voorbeeld.nl".into()),
        phone: Some("0612983476".into()),
        notes: "Eerste Kwetsbaarheidsmarker".into(),
        tags: vec![],
    };
    let partner = store.add_partner(&draft).unwrap();
    // An edit leaves an older version of the row behind in freed space.
    store
        .update_partner(
            partner.id,
            &PartnerDraft {
                notes: "Tweede Kwetsbaarheidsmarker, bijgewerkt".into(),
                ..draft
            },
        )
        .unwrap()
}

#[test]
fn an_erased_partner_leaves_no_trace_in_the_database_its_wal_or_the_search_index() {
    let f = term5();
    let database = f.store.path().unwrap().to_path_buf();
    let partner = partner_with_markers(&f.store);
    assert!(!f.store.search("Xylofoonhuis", 10).unwrap().is_empty());
    f.store.erase_partner(partner.id).unwrap();
    assert!(f.store.search("Xylofoonhuis", 10).unwrap().is_empty());
    assert_no_trace(&database);
    drop(f.store);
    assert_no_trace(&database);
}

#[test]
fn restoring_a_backup_from_before_an_erasure_erases_again() {
    let f = term5();
    let database = f.store.path().unwrap().to_path_buf();
    let partner = partner_with_markers(&f.store);
    let before = f.dir.path().join("voor-het-wissen.sqlite3");
    f.store.backup_to(&before).unwrap();
    f.store.erase_partner(partner.id).unwrap();
    let clock = f.clock.clone();
    drop(f.store);

    taskforce::store::restore(&database, &before, clock.clone()).unwrap();
    let store = taskforce::Store::open(&database, clock.clone()).unwrap();
    let restored = store.partner(partner.id).unwrap();
    assert!(restored.erased_at.is_some(), "erased again");
    assert_eq!(restored.contact_name, None);
    assert!(store.search("Xylofoonhuis", 10).unwrap().is_empty());
    drop(store);
    assert_no_trace(&database);

    // Also when the database it replaces is gone: the register beside it.
    std::fs::remove_file(&database).unwrap();
    taskforce::store::restore(&database, &before, clock.clone()).unwrap();
    let store = taskforce::Store::open(&database, clock).unwrap();
    assert!(store.partner(partner.id).unwrap().erased_at.is_some());
    let register = std::fs::read_to_string(format!("{}-erasures", database.display())).unwrap();
    for marker in MARKERS {
        assert!(
            !register.contains(marker),
            "the register holds no personal data"
        );
    }
}

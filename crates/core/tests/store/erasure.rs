//! An erasure removes the bytes: the raw database, its WAL and the search
//! index's shadow tables hold no trace of an erased partner, and restoring a
//! backup made before the erasure erases again.

use std::path::Path;
use taskforce::domain::*;
use taskforce_dev::fixture::term5;

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
            None,
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

    taskforce::store::restore(&database, &before, clock.clone(), None).unwrap();
    let store = taskforce::Store::open(&database, clock.clone()).unwrap();
    let restored = store.partner(partner.id).unwrap();
    assert!(restored.erased_at.is_some(), "erased again");
    assert_eq!(restored.contact_name, None);
    assert!(store.search("Xylofoonhuis", 10).unwrap().is_empty());
    drop(store);
    assert_no_trace(&database);

    // Also when the database it replaces is gone: the register beside it.
    std::fs::remove_file(&database).unwrap();
    taskforce::store::restore(&database, &before, clock.clone(), None).unwrap();
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

#[test]
fn partners_not_invited_for_the_retention_period_are_listed_and_erased_in_one_step() {
    let f = term5();
    let store = &f.store;
    let never = taskforce_dev::fixture::partner(store, "Nooit Uitgenodigd", "Anna Oud", &[]);
    let long_ago = taskforce_dev::fixture::partner(store, "Lang Geleden", "Bert Oud", &[]);
    let meeting = taskforce_dev::fixture::meeting(store, "2021-05-12 14:00");
    store
        .propose_partner(meeting.meeting.id, long_ago.id)
        .unwrap();
    f.clock.set(taskforce_dev::fixture::at(2022, 6, 1, 9, 0));
    let recent = taskforce_dev::fixture::partner(store, "Recent", "Carla Nieuw", &[]);
    let erased = taskforce_dev::fixture::partner(store, "Al Gewist", "Dirk Weg", &[]);
    store.erase_partner(erased.id).unwrap();

    f.clock.set(taskforce_dev::fixture::at(2023, 6, 1, 9, 0));
    let listed = |years| -> Vec<Id> {
        store
            .partners_to_review(years)
            .unwrap()
            .iter()
            .map(|r| r.partner.id)
            .collect()
    };
    assert_eq!(listed(2), vec![never.id, long_ago.id], "oldest first");
    let review = store.partners_to_review(2).unwrap();
    assert!(review[0].last_invited.is_none());
    assert!(review[1].last_invited.is_some());
    assert_eq!(listed(1), vec![never.id, long_ago.id]);
    assert!(!listed(1).contains(&recent.id));
    assert!(!listed(1).contains(&erased.id));

    assert_eq!(store.erase_partners(&listed(2)).unwrap(), 2);
    assert!(listed(2).is_empty());
    assert_eq!(store.partner(never.id).unwrap().contact_name, None);
    assert_eq!(
        store.partner(recent.id).unwrap().contact_name.as_deref(),
        Some("Carla Nieuw")
    );
}

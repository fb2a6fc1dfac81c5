//! The synthetic history the benchmarks use: the same seed gives the same
//! data, the amounts are what was asked, and it is made through the use cases
//! (so the database passes its own integrity check).

use std::sync::Arc;
use taskforce::domain::*;
use taskforce::{FixedClock, Store};
use taskforce_dev::fixture::day;
use taskforce_dev::synthetic::{generate, Size};

fn made(
    seed: u64,
) -> (
    tempfile::TempDir,
    Store,
    taskforce_dev::synthetic::Generated,
) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(taskforce_dev::fixture::at(
        2026, 7, 1, 9, 0,
    )));
    let store = Store::open(&dir.path().join("s.sqlite3"), clock.clone()).unwrap();
    let size = Size::TEN_YEARS.divided_by(50);
    let generated = generate(&store, &clock, seed, size, day(2026, 6, 30), &mut |_| {}).unwrap();
    (dir, store, generated)
}

#[test]
fn the_same_seed_makes_the_same_history_and_the_amounts_asked_for() {
    let (_a, first, counts) = made(7);
    let (_b, second, _) = made(7);
    let size = Size::TEN_YEARS.divided_by(50);
    assert_eq!(counts.meetings, size.meetings);
    assert_eq!(counts.subjects, size.subjects);
    assert_eq!(counts.partners, size.partners);
    assert_eq!(
        counts.actions,
        size.meetings * (size.actions / size.meetings)
    );
    assert_eq!(first.terms().unwrap().len(), 4);
    assert_eq!(
        first.partners(10_000, 0).unwrap().len() as u32,
        size.partners
    );
    let subjects = |s: &Store| -> Vec<String> {
        s.subjects(&SubjectFilter::default())
            .unwrap()
            .into_iter()
            .map(|s| s.title)
            .collect()
    };
    assert_eq!(subjects(&first), subjects(&second));
    let hits = |s: &Store| -> Vec<String> {
        s.search("tuinbouw", 100)
            .unwrap()
            .into_iter()
            .map(|h| bracketed(&h.snippet))
            .collect()
    };
    assert!(!hits(&first).is_empty(), "Dutch text to search");
    assert_eq!(hits(&first), hits(&second));
    let (_c, other, _) = made(8);
    assert_ne!(
        subjects(&first),
        subjects(&other),
        "another seed, other data"
    );
    assert!(
        first.check().unwrap().is_ok(),
        "integrity and audit chain hold"
    );
    assert_eq!(
        first.pragma("synchronous").unwrap(),
        "2",
        "durable again afterwards"
    );
}

#[test]
fn a_database_with_data_is_refused() {
    let (_dir, store, _) = made(1);
    let clock = Arc::new(FixedClock::new(taskforce_dev::fixture::at(
        2026, 7, 1, 9, 0,
    )));
    let error = generate(
        &store,
        &clock,
        1,
        Size::TEN_YEARS.divided_by(50),
        day(2026, 6, 30),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(error.to_string().contains("niet leeg"), "{error}");
}

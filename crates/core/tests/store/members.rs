//! Member seats: the decree import, duplicates, the chair, history per term.

use taskforce::domain::{NewTerm, SeatDraft};
use taskforce::import::{parse_members, MemberFormat};
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, empty, term5};

#[test]
fn the_seed_list_imports_to_21_seats_with_the_chair_on_the_prosecution_service() {
    let f = term5();
    let seats = f.store.seats(5).unwrap();
    assert_eq!(seats.len(), 21);
    let chairs: Vec<_> = seats.iter().filter(|s| s.chair).collect();
    assert_eq!(chairs.len(), 1);
    assert_eq!(chairs[0].organisation, "Openbaar Ministerie");
    assert_eq!(seats[0].position, 1, "decree order is kept");
    assert_eq!(seats[20].organisation, "Strategisch overleg Mensenhandel");
}

#[test]
fn importing_the_same_list_twice_creates_no_duplicates() {
    let f = term5();
    let seats = parse_members(taskforce::TERM5_MEMBERS, MemberFormat::DecreeText).unwrap();
    let outcome = f.store.import_seats(5, &seats).unwrap();
    assert_eq!((outcome.added, outcome.already_present), (0, 21));
    assert_eq!(f.store.seats(5).unwrap().len(), 21);
}

#[test]
fn a_malformed_line_imports_nothing() {
    let f = empty();
    f.store
        .add_term(&NewTerm {
            number: 5,
            starts_on: fixture::day(2020, 3, 1),
            ends_on: fixture::day(2023, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    let text = format!("{}\nDit is geen lid\n", taskforce::TERM5_MEMBERS.trim_end());
    let err = parse_members(&text, MemberFormat::DecreeText).unwrap_err();
    assert!(err.to_string().contains("regel 22"), "{err}");
    assert!(f.store.seats(5).unwrap().is_empty());
}

#[test]
fn a_second_chair_in_an_import_rolls_the_whole_import_back() {
    let f = term5();
    let drafts = vec![
        SeatDraft {
            organisation: "Gemeente Eindhoven".into(),
            role: "de burgemeester".into(),
            person: None,
            deputy: None,
            chair: false,
            ..Default::default()
        },
        SeatDraft {
            organisation: "Gemeente Groningen".into(),
            role: "de burgemeester".into(),
            person: None,
            deputy: None,
            chair: true,
            ..Default::default()
        },
    ];
    let err = f.store.import_seats(5, &drafts).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(
        f.store.seats(5).unwrap().len(),
        21,
        "Eindhoven was not kept either"
    );
}

#[test]
fn csv_import_with_bom_and_semicolons_lands_in_the_store() {
    let f = empty();
    f.store
        .add_term(&NewTerm {
            number: 6,
            starts_on: fixture::day(2023, 3, 1),
            ends_on: fixture::day(2026, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    let csv = "\u{feff}organisation;role;person;chair\nOpenbaar Ministerie;voorzitter College van PG;Mr. R. de Wit;ja\nCoMensha;directeur-bestuurder;;nee\n";
    let seats = parse_members(csv, MemberFormat::detect(Some("leden.csv"), csv)).unwrap();
    f.store.import_seats(6, &seats).unwrap();
    let stored = f.store.seats(6).unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].person.as_deref(), Some("Mr. R. de Wit"));
    assert!(stored[0].chair);
}

#[test]
fn seats_are_per_term_and_an_edit_keeps_the_previous_version() {
    let f = term5();
    f.store
        .add_term(&NewTerm {
            number: 6,
            starts_on: fixture::day(2023, 3, 2),
            ends_on: fixture::day(2026, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    f.store
        .add_seat(
            6,
            &SeatDraft {
                organisation: "Politie".into(),
                role: "de portefeuillehouder mensenhandel".into(),
                person: None,
                deputy: None,
                chair: false,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        f.store.seats(6).unwrap().len(),
        1,
        "term 6 starts with its own seats"
    );
    assert_eq!(f.store.seats(5).unwrap().len(), 21, "term 5 is untouched");

    let police = fixture::seat_id(&f.store, "Politie");
    f.clock.set(fixture::at(2021, 9, 1, 10, 0));
    let edited = f
        .store
        .update_seat(
            police,
            &SeatDraft {
                organisation: "Politie".into(),
                role: "de Programmadirecteur Migratiecriminaliteit".into(),
                person: Some("J. Jansen".into()),
                deputy: Some("K. de Boer".into()),
                chair: false,
                ..Default::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(edited.person.as_deref(), Some("J. Jansen"));
    let history = f.store.seat_history(police).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].before.person, None,
        "who sat there before is kept"
    );
    assert_eq!(
        history[0].changed_at,
        fixture::at(2021, 9, 1, 10, 0),
        "time comes from the clock"
    );
}

#[test]
fn a_term_has_one_chair_and_no_duplicate_seats() {
    let f = term5();
    let chair = SeatDraft {
        organisation: "Rijksoverheid".into(),
        role: "de minister".into(),
        person: None,
        deputy: None,
        chair: true,
        ..Default::default()
    };
    assert_eq!(
        f.store.add_seat(5, &chair).unwrap_err().code(),
        ErrorCode::Conflict
    );
    let duplicate = SeatDraft {
        organisation: "gemeente  utrecht".into(),
        role: "De burgemeester".into(),
        person: None,
        deputy: None,
        chair: false,
        ..Default::default()
    };
    assert_eq!(
        f.store.add_seat(5, &duplicate).unwrap_err().code(),
        ErrorCode::Conflict
    );
    let blank = SeatDraft {
        organisation: "  ".into(),
        role: "x".into(),
        person: None,
        deputy: None,
        chair: false,
        ..Default::default()
    };
    assert_eq!(
        f.store.add_seat(5, &blank).unwrap_err().field(),
        Some("organisation")
    );
}

//! Minutes: adopted at a later meeting, read-only after; decisions per term.

use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, held_meeting, meeting, subject, term5};

#[test]
fn adopted_minutes_are_read_only_and_record_where_they_were_adopted() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let first = held_meeting(&f, "2021-02-10 14:00", s.id);
    f.store
        .set_minutes(first.meeting.id, "## Verslag\n\nDe voorzitter opent.", None)
        .unwrap();
    let next = meeting(&f.store, "2021-05-12 14:00");
    assert_eq!(
        f.store.minutes_to_adopt(next.meeting.id).unwrap(),
        Some(first.meeting.id)
    );
    f.store
        .set_meeting_subject(next.meeting.id, Some(s.id))
        .unwrap();
    f.store.schedule_meeting(next.meeting.id).unwrap();
    assert_eq!(
        f.store
            .adopt_minutes(first.meeting.id, next.meeting.id)
            .unwrap_err()
            .code(),
        ErrorCode::Validation,
        "not at a meeting that has not begun"
    );

    f.clock.set(fixture::at(2021, 5, 12, 13, 30));
    let adopted = f
        .store
        .adopt_minutes(first.meeting.id, next.meeting.id)
        .unwrap();
    assert_eq!(adopted.status, MinutesStatus::Adopted);
    assert_eq!(adopted.adopted_in_meeting_id, Some(next.meeting.id));
    assert_eq!(adopted.adopted_at, Some(fixture::at(2021, 5, 12, 13, 30)));

    assert_eq!(
        f.store
            .set_minutes(first.meeting.id, "gewijzigd", None)
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
    assert_eq!(
        f.store
            .add_decision(first.meeting.id, "te laat")
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
    assert_eq!(
        f.store.minutes(first.meeting.id).unwrap().unwrap().body,
        "## Verslag\n\nDe voorzitter opent."
    );

    // Even SQL that bypasses the core cannot change adopted minutes.
    let conn = rusqlite::Connection::open(f.dir.path().join("taskforce.sqlite3")).unwrap();
    assert!(conn.execute("UPDATE minutes SET body = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM minutes", []).is_err());
}

#[test]
fn minutes_are_adopted_at_a_later_meeting_only() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = held_meeting(&f, "2021-05-12 14:00", s.id);
    let earlier = meeting(&f.store, "2021-02-10 14:00");
    assert_eq!(
        f.store
            .adopt_minutes(m.meeting.id, earlier.meeting.id)
            .unwrap_err()
            .code(),
        ErrorCode::Conflict,
        "no minutes yet"
    );
    f.store.set_minutes(m.meeting.id, "Tekst", None).unwrap();
    assert_eq!(
        f.store
            .adopt_minutes(m.meeting.id, earlier.meeting.id)
            .unwrap_err()
            .field(),
        Some("at_meeting")
    );
    assert_eq!(
        f.store
            .adopt_minutes(m.meeting.id, m.meeting.id)
            .unwrap_err()
            .field(),
        Some("at_meeting")
    );
}

#[test]
fn decisions_are_numbered_per_term_with_the_year_of_the_meeting() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let a = held_meeting(&f, "2021-11-10 14:00", s.id);
    let b = held_meeting(&f, "2022-02-09 14:00", s.id);
    let d1 = f
        .store
        .add_decision(a.meeting.id, "Werkgroep ingesteld")
        .unwrap();
    let d2 = f
        .store
        .add_decision(a.meeting.id, "Brief aan de minister")
        .unwrap();
    let d3 = f
        .store
        .add_decision(b.meeting.id, "Pilot verlengd")
        .unwrap();
    assert_eq!(
        (d1.code.as_str(), d2.code.as_str(), d3.code.as_str()),
        ("TF5-2021-01", "TF5-2021-02", "TF5-2022-03")
    );
    assert_eq!(f.store.decisions_of_term(5).unwrap().len(), 3);
    assert_eq!(
        f.store
            .add_decision(a.meeting.id, "  ")
            .unwrap_err()
            .field(),
        Some("text")
    );

    f.store
        .add_term(&NewTerm {
            number: 6,
            starts_on: fixture::day(2023, 3, 2),
            ends_on: fixture::day(2026, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    let starts_at =
        taskforce::calendar::parse_local_datetime(Field::Start, "2023-05-10 14:00").unwrap();
    let m6 = f
        .store
        .add_meeting(
            &MeetingDraft {
                term_number: 6,
                starts_at,
                ends_at: starts_at + chrono::Duration::hours(2),
                location: String::new(),
            },
            NewAgenda::FromTemplate,
        )
        .unwrap();
    f.store
        .set_meeting_subject(m6.meeting.id, Some(s.id))
        .unwrap();
    f.store.schedule_meeting(m6.meeting.id).unwrap();
    f.clock.set(starts_at);
    assert_eq!(
        f.store
            .add_decision(m6.meeting.id, "Nieuwe termijn")
            .unwrap()
            .code,
        "TF6-2023-01",
        "numbering restarts per term"
    );
}

#[test]
fn a_concept_meeting_has_no_minutes_yet() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    assert_eq!(
        f.store
            .set_minutes(m.meeting.id, "x", None)
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
}

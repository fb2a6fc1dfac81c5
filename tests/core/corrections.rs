//! Taking mistakes back: the rules on the calendar, the corrections each
//! record allows, and undo of the session's last changes.

use crate::support::{self, at, held_meeting, meeting, subject, term5};
use taskforce::domain::*;
use taskforce::{ErrorCode, FixedClock, Store};

/// The case from the issue: on 6 December 2026 a meeting of 13 January 2027
/// cannot be marked held, nor can anything be recorded for it.
#[test]
fn a_meeting_is_held_and_recorded_only_once_its_day_has_come() {
    let dir = tempfile::tempdir().unwrap();
    let clock = std::sync::Arc::new(FixedClock::new(at(2026, 12, 6, 10, 0)));
    let store = Store::open(&dir.path().join("t.sqlite3"), clock.clone()).unwrap();
    store
        .add_term(&NewTerm {
            number: 7,
            starts_on: support::day(2026, 3, 2),
            ends_on: support::day(2029, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    let seat = store
        .add_seat(
            7,
            &SeatDraft {
                organisation: "Openbaar Ministerie".into(),
                role: "lid".into(),
                ..SeatDraft::default()
            },
        )
        .unwrap();
    let s = subject(&store, "Arbeidsuitbuiting", &[]);
    let starts_at = taskforce::calendar::parse_local_datetime(
        taskforce::error::Field::Start,
        "2027-01-13 14:00",
    )
    .unwrap();
    let m = store
        .add_meeting(
            &MeetingDraft {
                term_number: 7,
                starts_at,
                ends_at: starts_at + chrono::Duration::hours(2),
                location: String::new(),
            },
            NewAgenda::FromTemplate,
        )
        .unwrap();
    let id = m.meeting.id;
    store.set_meeting_subject(id, Some(s.id)).unwrap();
    let scheduled = store.schedule_meeting(id).unwrap();
    assert!(!scheduled.allowed.hold && !scheduled.allowed.register_attendance);

    let refused = store.hold_meeting(id).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict);
    assert!(
        refused
            .message()
            .render(taskforce::Lang::Nl)
            .contains("13 januari 2027"),
        "{}",
        refused.message().render(taskforce::Lang::Nl)
    );
    assert!(refused
        .message()
        .render(taskforce::Lang::En)
        .contains("13 January 2027"));
    for refused in [
        store
            .set_attendance(id, seat.id, AttendanceStatus::Present, None)
            .unwrap_err(),
        store.add_decision(id, "Te vroeg").unwrap_err(),
        store.set_minutes(id, "Te vroeg").unwrap_err(),
    ] {
        assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
    }
    assert_eq!(
        store.meeting(id).unwrap().meeting.status,
        MeetingStatus::Scheduled
    );

    // On the day, before 14.00: held may be said, nothing recorded yet.
    clock.set(at(2027, 1, 13, 9, 0));
    assert!(store.meeting(id).unwrap().allowed.hold);
    assert!(store.add_decision(id, "Nog niet").is_err());
    clock.set(at(2027, 1, 13, 13, 0));
    store
        .set_attendance(id, seat.id, AttendanceStatus::Present, None)
        .unwrap();
    store.hold_meeting(id).unwrap();
}

#[test]
fn the_last_changes_of_a_session_are_undone_row_for_row_and_logged() {
    let f = term5();
    let s = subject(&f.store, "Arbeidsuitbuiting", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id);
    let id = m.meeting.id;
    let decision = f.store.add_decision(id, "Werkgroep tuinbouw").unwrap();
    f.store.set_minutes(id, "Eerste versie").unwrap();
    f.store.set_minutes(id, "Tweede versie").unwrap();
    assert!(f.store.undo_offer().unwrap().steps >= 3);

    f.store.undo_last().unwrap();
    assert_eq!(f.store.minutes(id).unwrap().unwrap().body, "Eerste versie");
    f.store.undo_last().unwrap();
    assert!(
        f.store.minutes(id).unwrap().is_none(),
        "the first save made the minutes: undone, they are gone"
    );
    f.store.undo_last().unwrap();
    assert!(f.store.decisions_of_meeting(id).unwrap().is_empty());
    assert!(
        f.store.decisions_of_meeting(id).unwrap().is_empty(),
        "{decision:?} undone"
    );
    // The search index follows (its triggers ran for the undo too).
    assert!(f.store.search("tuinbouw", 10).unwrap().is_empty());

    // Each undo is in the audit log, as what it undid and as its own entry.
    let history = f
        .store
        .history(taskforce::domain::AuditedRecord::Decisions, decision.id)
        .unwrap();
    assert_eq!(
        history
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["insert", "delete"]
    );
    assert!(f.store.check().unwrap().is_ok());
}

#[test]
fn an_undo_never_overwrites_a_later_change_and_a_final_step_ends_the_list() {
    let f = term5();
    let s = subject(&f.store, "Arbeidsuitbuiting", &[]);
    let first = meeting(&f.store, "2021-05-12 14:00");
    f.store
        .update_subject(
            s.id,
            &SubjectDraft {
                title: "Arbeidsuitbuiting in de tuinbouw".into(),
                kind: SubjectKind::Case,
                description: String::new(),
                confidential: false,
                tags: vec![],
            },
        )
        .unwrap();
    // Another window (a second store on the same file) changes it again.
    let other = Store::open(&f.dir.path().join("taskforce.sqlite3"), f.clock.clone()).unwrap();
    other
        .update_subject(
            s.id,
            &SubjectDraft {
                title: "Arbeidsuitbuiting (Westland)".into(),
                kind: SubjectKind::Case,
                description: String::new(),
                confidential: false,
                tags: vec![],
            },
        )
        .unwrap();
    let refused = f.store.undo_last().unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict);
    assert_eq!(
        f.store.subject(s.id).unwrap().title,
        "Arbeidsuitbuiting (Westland)",
        "the colleague's edit stays"
    );

    // The meeting added before can still be undone: nothing touched it since.
    f.store.undo_last().unwrap();
    assert!(f.store.meeting(first.meeting.id).is_err());

    // Cancelling has no inverse: after it, nothing before it is offered.
    let second = meeting(&f.store, "2021-06-09 14:00");
    assert!(f.store.undo_offer().is_some());
    f.store.cancel_meeting(second.meeting.id).unwrap();
    assert!(f.store.undo_offer().is_none());
    assert_eq!(f.store.undo_last().unwrap_err().code(), ErrorCode::Conflict);
}

#[test]
fn a_row_something_now_depends_on_is_not_taken_away_by_an_undo() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let guest = support::partner(&f.store, "FairWork", "Anna Smit", &[]);
    // A colleague invites the new partner: the partner's row is unchanged,
    // but an invitation now points at it.
    let other = Store::open(&f.dir.path().join("taskforce.sqlite3"), f.clock.clone()).unwrap();
    other.propose_partner(m.meeting.id, guest.id).unwrap();
    let refused = f.store.undo_last().unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict, "{refused:?}");
    assert_eq!(f.store.partner(guest.id).unwrap().organisation, "FairWork");
    assert_eq!(f.store.invitations(m.meeting.id).unwrap().len(), 1);
    assert!(f.store.check().unwrap().is_ok());
}

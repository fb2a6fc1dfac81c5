//! Invitations move forward only; corrections are logged; attendance per seat.

use taskforce::domain::*;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, meeting, partner, subject, term5};

#[test]
fn invitation_status_moves_forward_and_records_when() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let p = partner(&f.store, "FNV", "Jan de Vries", &["uitbuiting:arbeid"]);
    let i = f.store.propose_partner(m.meeting.id, p.id).unwrap();
    assert_eq!(i.status, InvitationStatus::Proposed);

    f.clock.set(fixture::at(2021, 4, 10, 9, 0));
    let i = f
        .store
        .set_invitation_status(i.id, InvitationStatus::Invited, None)
        .unwrap();
    assert_eq!(i.invited_at, Some(fixture::at(2021, 4, 10, 9, 0)));
    f.clock.set(fixture::at(2021, 4, 12, 9, 0));
    let i = f
        .store
        .set_invitation_status(i.id, InvitationStatus::Accepted, None)
        .unwrap();
    assert_eq!(i.responded_at, Some(fixture::at(2021, 4, 12, 9, 0)));

    let err = f
        .store
        .set_invitation_status(i.id, InvitationStatus::Invited, None)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict, "backwards is refused");
    let err = f
        .store
        .set_invitation_status(i.id, InvitationStatus::Proposed, Some("  "))
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"), "a correction needs a reason");
}

#[test]
fn a_correction_may_move_back_and_is_logged_as_one() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let p = partner(&f.store, "FNV", "Jan de Vries", &[]);
    let i = f.store.propose_partner(m.meeting.id, p.id).unwrap();
    f.store
        .set_invitation_status(i.id, InvitationStatus::Invited, None)
        .unwrap();
    f.store
        .set_invitation_status(i.id, InvitationStatus::Declined, None)
        .unwrap();
    let i = f
        .store
        .set_invitation_status(
            i.id,
            InvitationStatus::Accepted,
            Some("afmelding was voor een andere datum"),
        )
        .unwrap();
    assert_eq!(i.status, InvitationStatus::Accepted);
    let history = f.store.invitation_history(i.id).unwrap();
    let moves: Vec<_> = history.iter().map(|e| (e.to, e.correction)).collect();
    assert_eq!(
        moves,
        [
            (InvitationStatus::Proposed, false),
            (InvitationStatus::Invited, false),
            (InvitationStatus::Declined, false),
            (InvitationStatus::Accepted, true)
        ]
    );
    assert_eq!(
        history[3].reason.as_deref(),
        Some("afmelding was voor een andere datum")
    );
}

#[test]
fn a_partner_is_invited_once_per_meeting() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let p = partner(&f.store, "FNV", "Jan de Vries", &[]);
    f.store.propose_partner(m.meeting.id, p.id).unwrap();
    assert_eq!(
        f.store
            .propose_partner(m.meeting.id, p.id)
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
    assert_eq!(f.store.invitations(m.meeting.id).unwrap().len(), 1);
}

#[test]
fn attendance_is_per_seat_of_the_meetings_term() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = fixture::held_meeting(&f, "2021-05-12 14:00", s.id);
    let om = fixture::seat_id(&f.store, "Openbaar Ministerie");
    let kmar = fixture::seat_id(&f.store, "Koninklijke Marechaussee");
    f.store
        .set_attendance(m.meeting.id, om, AttendanceStatus::Present, None)
        .unwrap();
    let err = f
        .store
        .set_attendance(m.meeting.id, kmar, AttendanceStatus::Represented, None)
        .unwrap_err();
    assert_eq!(err.field(), Some("represented_by"));
    let list = f
        .store
        .set_attendance(
            m.meeting.id,
            kmar,
            AttendanceStatus::Represented,
            Some("kolonel P. Smit"),
        )
        .unwrap();
    assert_eq!(list.len(), 21, "every seat is listed, registered or not");
    let kmar_row = list.iter().find(|a| a.seat_id == kmar).unwrap();
    assert_eq!(kmar_row.represented_by.as_deref(), Some("kolonel P. Smit"));
    assert_eq!(list.iter().filter(|a| a.status.is_none()).count(), 19);

    // A seat of another term cannot attend.
    f.store
        .add_term(&NewTerm {
            number: 6,
            starts_on: fixture::day(2023, 3, 2),
            ends_on: fixture::day(2026, 3, 1),
            goals: String::new(),
        })
        .unwrap();
    let other = f
        .store
        .add_seat(
            6,
            &SeatDraft {
                organisation: "Politie".into(),
                role: "x".into(),
                person: None,
                deputy: None,
                chair: false,
                ..Default::default()
            },
        )
        .unwrap();
    let err = f
        .store
        .set_attendance(m.meeting.id, other.id, AttendanceStatus::Present, None)
        .unwrap_err();
    assert_eq!(err.field(), Some("seat"));
}

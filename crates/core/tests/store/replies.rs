//! Replies before a meeting, per member seat, and the attendance list they
//! start: on the file and on the server alike.

use taskforce::domain::*;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, at, day, meeting, seat_id, subject, Fixture};

#[test]
fn replies_say_who_is_expected_and_start_the_attendance_list() {
    replies_and_attendance(fixture::term5());
    if let Some(f) = fixture::term5_on_server() {
        replies_and_attendance(f);
    }
}

fn replies_and_attendance(f: Fixture) {
    let store = &f.store;
    f.clock.set(at(2021, 5, 1, 9, 0));
    let m = meeting(store, "2021-05-12 14:00").meeting.id;
    let central = subject(store, "Arbeidsuitbuiting", &[]);
    store.set_meeting_subject(m, Some(central.id)).unwrap();
    store.schedule_meeting(m).unwrap();
    let chair = store.seats(5).unwrap().iter().find(|s| s.chair).unwrap().id;
    let om = seat_id(store, "Gemeente Utrecht");
    let police = seat_id(store, "Politie");

    let before = store.expected(m).unwrap();
    assert_eq!((before.coming, before.no_reply), (0, 21));
    assert_eq!(before.chair.as_ref().unwrap().seat_id, chair);
    assert_eq!(before.chair.unwrap().reply, None, "geen reactie");

    // Utrecht first sends apologies, then finds a substitute: the newest
    // reply counts, the first stays on record.
    store
        .set_reply(m, om, Reply::Apologies, None, Some(day(2021, 4, 20)))
        .unwrap();
    let replies = store
        .set_reply(
            m,
            om,
            Reply::Substituted,
            Some("mr. Jansen"),
            Some(day(2021, 4, 28)),
        )
        .unwrap();
    let om_reply = replies.replies.iter().find(|r| r.seat_id == om).unwrap();
    assert_eq!(
        (
            om_reply.reply,
            om_reply.substitute.as_deref(),
            om_reply.replied_on
        ),
        (
            Some(Reply::Substituted),
            Some("mr. Jansen"),
            Some(day(2021, 4, 28))
        )
    );
    store
        .set_reply(m, chair, Reply::Coming, None, Some(day(2021, 4, 21)))
        .unwrap();
    store
        .set_reply(m, police, Reply::Apologies, None, Some(day(2021, 4, 22)))
        .unwrap();
    let expected = store.expected(m).unwrap();
    assert_eq!(
        (
            expected.coming,
            expected.substituted,
            expected.apologies,
            expected.no_reply
        ),
        (1, 1, 1, 18)
    );
    assert_eq!(expected.chair.unwrap().reply, Some(Reply::Coming));

    // Refused, naming the field: a substitute without a name, a name with
    // another reply, a reply dated after today.
    for (reply, who, on, field) in [
        (Reply::Substituted, None, day(2021, 4, 1), "represented_by"),
        (
            Reply::Coming,
            Some("iemand"),
            day(2021, 4, 1),
            "represented_by",
        ),
        (Reply::Coming, None, day(2021, 5, 2), "date"),
    ] {
        let error = store.set_reply(m, om, reply, who, Some(on)).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Validation, "{error:?}");
        assert_eq!(
            error.field_code().map(|f| f.as_str()),
            Some(field),
            "{error:?}"
        );
    }

    // On the day, the attendance list starts from the replies; what is
    // registered by hand stays as it is.
    f.clock.set(at(2021, 5, 12, 13, 0));
    store
        .set_attendance(m, police, AttendanceStatus::Present, None)
        .unwrap();
    let attendance = store.attendance_from_replies(m).unwrap();
    let status = |seat: i64| {
        let a = attendance.iter().find(|a| a.seat_id == seat).unwrap();
        (a.status, a.represented_by.clone())
    };
    assert_eq!(status(chair), (Some(AttendanceStatus::Present), None));
    assert_eq!(
        status(om),
        (
            Some(AttendanceStatus::Represented),
            Some("mr. Jansen".into())
        )
    );
    assert_eq!(
        status(police),
        (Some(AttendanceStatus::Present), None),
        "registered by hand, kept"
    );
    assert_eq!(
        attendance.iter().filter(|a| a.status.is_none()).count(),
        18,
        "no reply, nothing registered"
    );

    // *Afgemeld* is an attendance status of its own.
    let fiod = seat_id(store, "CoMensha");
    let with_apologies = store
        .set_attendance(m, fiod, AttendanceStatus::Apologies, None)
        .unwrap();
    assert_eq!(
        with_apologies
            .iter()
            .find(|a| a.seat_id == fiod)
            .unwrap()
            .status,
        Some(AttendanceStatus::Apologies)
    );

    // A cancelled meeting takes no more replies; a seat used in replies is
    // ended, not removed.
    let other = meeting(store, "2021-06-09 14:00").meeting.id;
    let s = subject(store, "Casus", &[]);
    store.set_meeting_subject(other, Some(s.id)).unwrap();
    store
        .set_reply(other, om, Reply::Coming, None, Some(day(2021, 5, 1)))
        .unwrap();
    store.cancel_meeting(other).unwrap();
    let refused = store
        .set_reply(other, om, Reply::Apologies, None, Some(day(2021, 5, 2)))
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict);
    assert!(!store
        .seats(5)
        .unwrap()
        .iter()
        .any(|s| s.id == om && s.removable));
    assert!(store.check().unwrap().is_ok());
}

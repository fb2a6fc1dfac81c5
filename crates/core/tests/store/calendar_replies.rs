//! Calendar replies read in: replies written by Python's `icalendar` and
//! `email` (as a member's mail program makes them) registered by address,
//! UID and SEQUENCE — and every one the app cannot place reported, never
//! applied silently. On the file and on the server alike.

use serde_json::json;
use std::path::Path;
use taskforce::domain::*;
use taskforce::Store;
use taskforce_dev::fixture::{
    self, at, day, meeting, partner, seat_id, subject, write_with, Fixture,
};

#[test]
fn calendar_replies_are_registered_by_address_uid_and_sequence() {
    calendar_replies(fixture::term5());
    if let Some(f) = fixture::term5_on_server() {
        calendar_replies(f);
    }
}

struct Setup {
    meeting: Id,
    uid: String,
    police: Id,
    utrecht: Id,
    chair: Id,
    invitation: Id,
}

fn set_up(store: &Store) -> Setup {
    let m = meeting(store, "2021-05-12 14:00").meeting.id;
    let central = subject(store, "Arbeidsuitbuiting", &[]);
    store.set_meeting_subject(m, Some(central.id)).unwrap();
    store.schedule_meeting(m).unwrap();
    let address = |seat: Id, person: &str, email: &str, deputy: Option<(&str, &str)>| {
        let current = store
            .seats(5)
            .unwrap()
            .into_iter()
            .find(|s| s.id == seat)
            .unwrap();
        let mut draft = current.draft();
        draft.person = Some(person.into());
        draft.email = Some(email.into());
        if let Some((name, email)) = deputy {
            draft.deputy = Some(name.into());
            draft.deputy_email = Some(email.into());
        }
        store.update_seat(seat, &draft, None).unwrap();
    };
    let police = seat_id(store, "Politie");
    let utrecht = seat_id(store, "Gemeente Utrecht");
    let chair = store.seats(5).unwrap().iter().find(|s| s.chair).unwrap().id;
    address(police, "Jan de Boer", "Jan@Politie.nl", None);
    address(utrecht, "Els Bakker", "els@utrecht.nl", None);
    address(
        chair,
        "Voorzitter",
        "voorzitter@minjenv.nl",
        Some(("Kees Plaats", "kees@minjenv.nl")),
    );
    let fairwork = partner(store, "FairWork", "Anna Smit", &[]);
    let mut draft = PartnerDraft {
        organisation: fairwork.organisation.clone(),
        contact_name: fairwork.contact_name.clone(),
        email: Some("anna@fairwork.nl".into()),
        phone: None,
        notes: String::new(),
        tags: vec![],
    };
    store.update_partner(fairwork.id, &draft, None).unwrap();
    draft.email = None;
    let invitation = store.propose_partner(m, fairwork.id).unwrap().id;
    store
        .set_invitation_status(invitation, InvitationStatus::Invited, None)
        .unwrap();
    let uid = store.meeting(m).unwrap().calendar_uid();
    Setup {
        meeting: m,
        uid,
        police,
        utrecht,
        chair,
        invitation,
    }
}

/// A reply as a mail program writes it: `format` ics, eml or eml-outlook.
fn reply(
    dir: &Path,
    name: &str,
    format: &str,
    uid: &str,
    sequence: u32,
    who: (&str, &str, &str),
) -> ReplyFile {
    let out = dir.join(name);
    write_with(
        "itip_reply.py",
        "icalendar",
        &json!({
            "out": out, "format": format, "uid": uid, "sequence": sequence,
            "dtstamp": "20210428T101500Z",
            "attendee": {"address": who.0, "cn": who.1, "partstat": who.2},
        }),
    );
    file(&out)
}

fn file(path: &Path) -> ReplyFile {
    ReplyFile {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        bytes: std::fs::read(path).unwrap(),
    }
}

fn outcome(read: &ReplyReadings, name: &str) -> ReplyOutcome {
    read.readings
        .iter()
        .find(|r| r.file == name)
        .unwrap_or_else(|| panic!("{name}: {read:?}"))
        .outcome
}

fn calendar_replies(f: Fixture) {
    let store = &f.store;
    f.clock.set(at(2021, 5, 1, 9, 0));
    let s = set_up(store);
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The meeting moves once after the invitation: its SEQUENCE is 1 now.
    store
        .reschedule_meeting(
            s.meeting,
            at(2021, 5, 12, 13, 0),
            at(2021, 5, 12, 15, 0),
            None,
            None,
        )
        .unwrap();
    let other = meeting(store, "2021-06-09 14:00");

    let files = vec![
        reply(
            d,
            "jan.eml",
            "eml-outlook",
            &s.uid,
            1,
            ("jan@politie.nl", "Jan de Boer", "ACCEPTED"),
        ),
        reply(
            d,
            "els.ics",
            "ics",
            &s.uid,
            1,
            ("els@utrecht.nl", "Els Bakker", "DECLINED"),
        ),
        reply(
            d,
            "kees.eml",
            "eml",
            &s.uid,
            1,
            ("kees@minjenv.nl", "Kees Plaats", "ACCEPTED"),
        ),
        reply(
            d,
            "anna.eml",
            "eml",
            &s.uid,
            1,
            ("anna@fairwork.nl", "Anna Smit", "ACCEPTED"),
        ),
        reply(
            d,
            "onbekend.ics",
            "ics",
            &s.uid,
            1,
            ("iemand@elders.nl", "Iemand", "ACCEPTED"),
        ),
        reply(
            d,
            "oud.ics",
            "ics",
            &s.uid,
            0,
            ("voorzitter@minjenv.nl", "Voorzitter", "DECLINED"),
        ),
        reply(
            d,
            "misschien.ics",
            "ics",
            &s.uid,
            1,
            ("voorzitter@minjenv.nl", "Voorzitter", "TENTATIVE"),
        ),
        reply(
            d,
            "ander.ics",
            "ics",
            &other.calendar_uid(),
            0,
            ("els@utrecht.nl", "Els", "ACCEPTED"),
        ),
        reply(
            d,
            "vreemd.ics",
            "ics",
            "abc@outlook.com",
            0,
            ("els@utrecht.nl", "Els", "ACCEPTED"),
        ),
        reply(
            d,
            "request.ics",
            "ics",
            &s.uid,
            1,
            ("els@utrecht.nl", "Els", "ACCEPTED"),
        ),
        ReplyFile {
            name: "kapot.ics".into(),
            bytes: b"BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID;X=\r\n".to_vec(),
        },
        ReplyFile {
            name: "leeg.eml".into(),
            bytes: b"From: a@b.nl\r\nSubject: hoi\r\n\r\nGeen agenda.\r\n".to_vec(),
        },
        ReplyFile {
            name: "plaatje.png".into(),
            bytes: vec![0x89, b'P', b'N', b'G', 0xff, 0xfe],
        },
    ];
    // The invitation itself (METHOD:REQUEST) dropped by mistake.
    let mut files = files;
    let request = files.iter().position(|f| f.name == "request.ics").unwrap();
    files[request].bytes = String::from_utf8(files[request].bytes.clone())
        .unwrap()
        .replace("METHOD:REPLY", "METHOD:REQUEST")
        .into_bytes();

    let before = store.audit_entries().unwrap();
    let read = store
        .read_calendar_replies(&files, Some(s.meeting))
        .unwrap();
    use ReplyOutcome::*;
    for (name, wanted) in [
        ("jan.eml", Registered),
        ("els.ics", Registered),
        ("kees.eml", Registered),
        ("anna.eml", Registered),
        ("onbekend.ics", UnknownAddress),
        ("oud.ics", Stale),
        ("misschien.ics", Tentative),
        ("ander.ics", OtherMeeting),
        ("vreemd.ics", OtherMeeting),
        ("request.ics", Unreadable),
        ("kapot.ics", Unreadable),
        ("leeg.eml", Unreadable),
        ("plaatje.png", Unreadable),
    ] {
        assert_eq!(outcome(&read, name), wanted, "{name}");
    }
    assert_eq!((read.registered, read.to_check), (4, 9));
    let note = |name: &str| {
        read.readings
            .iter()
            .find(|r| r.file == name)
            .unwrap()
            .note
            .render(taskforce::Lang::Nl)
    };
    assert!(
        note("oud.ics").contains("volgnummer 0, nu 1"),
        "{}",
        note("oud.ics")
    );
    assert!(note("onbekend.ics").contains("iemand@elders.nl"));
    assert!(
        note("request.ics").contains("METHOD:REQUEST"),
        "{}",
        note("request.ics")
    );
    assert!(
        note("leeg.eml").contains("text/calendar"),
        "{}",
        note("leeg.eml")
    );

    let replies = store.replies(s.meeting).unwrap();
    let of = |seat: Id| {
        replies
            .replies
            .iter()
            .find(|r| r.seat_id == seat)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (of(s.police).reply, of(s.police).replied_on),
        (Some(Reply::Coming), Some(day(2021, 4, 28)))
    );
    assert_eq!(of(s.utrecht).reply, Some(Reply::Apologies));
    // The chair's deputy accepted: the chair is replaced by the deputy;
    // the chair's own older and tentative answers changed nothing.
    assert_eq!(
        (of(s.chair).reply, of(s.chair).substitute.as_deref()),
        (Some(Reply::Substituted), Some("Kees Plaats"))
    );
    let invitation = store
        .invitations(s.meeting)
        .unwrap()
        .into_iter()
        .find(|i| i.id == s.invitation)
        .unwrap();
    assert_eq!(invitation.status, InvitationStatus::Accepted);
    assert_eq!(invitation.responded_at, Some(at(2021, 4, 28, 10, 15)));
    assert!(
        store.audit_entries().unwrap() > before,
        "the answers are audited"
    );

    // Read again: all is registered already, nothing is added.
    let again = store
        .read_calendar_replies(&files[..4], Some(s.meeting))
        .unwrap();
    assert!(
        again.readings.iter().all(|r| r.outcome == Unchanged),
        "{again:?}"
    );
    assert_eq!(store.replies(s.meeting).unwrap(), replies);

    // Without a meeting (the CLI's `invite replies FILE…`), the UID says
    // which: Utrecht's reply to June's meeting is registered there.
    let june = store.read_calendar_replies(&files[7..8], None).unwrap();
    assert_eq!(june.readings[0].outcome, Registered, "{june:?}");
    assert_eq!(june.readings[0].meeting_id, Some(other.meeting.id));

    // Jan sends it on to a colleague: replaced by the delegate, by name.
    let out = d.join("delegated.eml");
    write_with(
        "itip_reply.py",
        "icalendar",
        &json!({
            "out": out, "format": "eml", "uid": s.uid, "sequence": 1, "dtstamp": "20210429T080000Z",
            "attendee": {"address": "jan@politie.nl", "cn": "Jan de Boer", "partstat": "DELEGATED",
                         "delegated_to": "piet@politie.nl"},
            "delegate": {"address": "piet@politie.nl", "cn": "Piet Smit"},
        }),
    );
    store
        .read_calendar_replies(&[file(&out)], Some(s.meeting))
        .unwrap();
    let police = store
        .replies(s.meeting)
        .unwrap()
        .replies
        .into_iter()
        .find(|r| r.seat_id == s.police)
        .unwrap();
    assert_eq!(
        (
            police.reply,
            police.substitute.as_deref(),
            police.replied_on
        ),
        (
            Some(Reply::Substituted),
            Some("Piet Smit"),
            Some(day(2021, 4, 29))
        )
    );
    // One undo takes the whole reading back.
    store.undo_last().unwrap();
    let police = store
        .replies(s.meeting)
        .unwrap()
        .replies
        .into_iter()
        .find(|r| r.seat_id == s.police)
        .unwrap();
    assert_eq!(police.reply, Some(Reply::Coming));

    // A cancelled meeting takes no replies: said, nothing applied.
    store.cancel_meeting(s.meeting).unwrap();
    let cancelled = store
        .read_calendar_replies(&files[1..2], Some(s.meeting))
        .unwrap();
    assert_eq!(cancelled.readings[0].outcome, NotApplied, "{cancelled:?}");
}

#[test]
fn a_meeting_that_is_not_there_is_an_error_not_a_report() {
    let f = fixture::term5();
    let err = f.store.read_calendar_replies(&[], Some(9999)).unwrap_err();
    assert_eq!(err.code(), taskforce::ErrorCode::NotFound);
}

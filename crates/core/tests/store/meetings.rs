//! Meetings: one central subject, none scheduled without it, dates inside the
//! term, the agenda template and its planned times.

use taskforce::calendar::parse_local_datetime;
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, meeting, subject, term5};

#[test]
fn a_meeting_cannot_be_scheduled_without_a_central_subject() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let err = f.store.schedule_meeting(m.meeting.id).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert_eq!(err.field(), Some("subject"));
    assert!(err.to_string().contains("centraal onderwerp"), "{err}");
    assert_eq!(
        f.store.meeting(m.meeting.id).unwrap().meeting.status,
        MeetingStatus::Concept
    );

    let s = subject(&f.store, "Loverboys in Utrecht", &["uitbuiting:seksueel"]);
    f.store
        .set_meeting_subject(m.meeting.id, Some(s.id))
        .unwrap();
    let scheduled = f.store.schedule_meeting(m.meeting.id).unwrap();
    assert_eq!(scheduled.meeting.status, MeetingStatus::Scheduled);
    assert_eq!(
        scheduled.subject.unwrap().status,
        SubjectStatus::Planned,
        "the subject is now planned"
    );
}

#[test]
fn a_meeting_has_at_most_one_central_subject_and_keeps_it_once_scheduled() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let a = subject(&f.store, "A", &[]);
    let b = subject(&f.store, "B", &[]);
    f.store
        .set_meeting_subject(m.meeting.id, Some(a.id))
        .unwrap();
    let replaced = f
        .store
        .set_meeting_subject(m.meeting.id, Some(b.id))
        .unwrap();
    assert_eq!(
        replaced.subject.unwrap().id,
        b.id,
        "setting another subject replaces the first"
    );
    f.store.schedule_meeting(m.meeting.id).unwrap();
    let err = f.store.set_meeting_subject(m.meeting.id, None).unwrap_err();
    assert_eq!(err.field(), Some("subject"));
}

#[test]
fn a_subject_can_return_and_the_count_shows_how_often() {
    let f = term5();
    let s = subject(
        &f.store,
        "Arbeidsuitbuiting in distributiecentra",
        &["uitbuiting:arbeid"],
    );
    fixture::held_meeting(&f, "2021-02-10 14:00", s.id);
    fixture::held_meeting(&f, "2021-06-09 14:00", s.id);
    let cancelled = meeting(&f.store, "2021-09-08 14:00");
    f.store
        .set_meeting_subject(cancelled.meeting.id, Some(s.id))
        .unwrap();
    f.store.cancel_meeting(cancelled.meeting.id).unwrap();
    let s = f.store.subject(s.id).unwrap();
    assert_eq!(s.times_central, 2, "cancelled meetings do not count");
    assert_eq!(s.status, SubjectStatus::Discussed);
}

#[test]
fn a_meeting_date_must_lie_inside_its_term() {
    let f = term5();
    let starts_at = parse_local_datetime(Field::Start, "2023-06-01 10:00").unwrap();
    let draft = MeetingDraft {
        term_number: 5,
        starts_at,
        ends_at: starts_at + chrono::Duration::hours(2),
        location: String::new(),
    };
    let err = f
        .store
        .add_meeting(&draft, NewAgenda::FromTemplate)
        .unwrap_err();
    assert_eq!(err.field(), Some("date"), "the form's date field");
    assert!(
        f.store.meetings(5).unwrap().is_empty(),
        "nothing half-written"
    );

    let backwards = MeetingDraft {
        ends_at: starts_at - chrono::Duration::hours(1),
        ..draft
    };
    assert_eq!(
        f.store
            .add_meeting(&backwards, NewAgenda::FromTemplate)
            .unwrap_err()
            .field(),
        Some("end_time")
    );

    let m = meeting(&f.store, "2021-05-12 14:00");
    let err = f
        .store
        .reschedule_meeting(
            m.meeting.id,
            starts_at,
            starts_at + chrono::Duration::hours(1),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(
        err.field(),
        Some("date"),
        "moving out of the term is refused too"
    );
}

#[test]
fn the_standard_agenda_adds_up_to_a_planned_end() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let agenda = f.store.planned_agenda(m.meeting.id).unwrap();
    let (items, end) = (agenda.items, agenda.ends_at);
    let titles: Vec<_> = items.iter().map(|p| p.item.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Opening",
            "Mededelingen",
            "Verslag vorige vergadering",
            "Actielijst",
            "Centraal onderwerp",
            "Rondvraag",
            "Sluiting"
        ]
    );
    let total: u32 = items.iter().map(|p| p.item.duration_minutes).sum();
    assert_eq!(
        end - m.meeting.starts_at,
        chrono::Duration::minutes(total.into())
    );
    assert_eq!(
        items[4].starts_at,
        m.meeting.starts_at + chrono::Duration::minutes(35),
        "times follow from durations"
    );
}

#[test]
fn agenda_items_are_added_before_closing_and_can_be_reordered() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    let item = f
        .store
        .add_agenda_item(
            m.meeting.id,
            &AgendaItemDraft {
                kind: AgendaItemKind::Other,
                title: Some("Presentatie Nationaal Rapporteur".into()),
                duration_minutes: 20,
                presenter: Some("Nationaal Rapporteur".into()),
                confidential: true,
            },
        )
        .unwrap();
    assert_eq!(item.position, 7, "before Sluiting");
    let items = f.store.move_agenda_item(item.id, 2).unwrap();
    assert_eq!(items[1].id, item.id);
    let positions: Vec<u32> = items.iter().map(|i| i.position).collect();
    assert_eq!(
        positions,
        (1..=8).collect::<Vec<_>>(),
        "positions stay 1..n"
    );
    assert_eq!(
        f.store.move_agenda_item(item.id, 9).unwrap_err().field(),
        Some("position")
    );
}

#[test]
fn a_held_meetings_agenda_is_history() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = fixture::held_meeting(&f, "2021-05-12 14:00", s.id);
    let first = f.store.agenda(m.meeting.id).unwrap()[0].id;
    assert_eq!(
        f.store.remove_agenda_item(first).unwrap_err().code(),
        ErrorCode::Conflict
    );
}

#[test]
fn moving_a_scheduled_meeting_raises_its_calendar_sequence_and_cancelling_is_final() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = meeting(&f.store, "2021-05-12 14:00");
    f.store
        .set_meeting_subject(m.meeting.id, Some(s.id))
        .unwrap();
    f.store.schedule_meeting(m.meeting.id).unwrap();
    let starts_at = parse_local_datetime(Field::Start, "2021-05-19 14:00").unwrap();
    let moved = f
        .store
        .reschedule_meeting(
            m.meeting.id,
            starts_at,
            starts_at + chrono::Duration::hours(2),
            Some("Utrecht"),
            None,
        )
        .unwrap();
    assert_eq!(moved.meeting.sequence, 1);
    assert_eq!(moved.meeting.location, "Utrecht");
    let cancelled = f.store.cancel_meeting(m.meeting.id).unwrap();
    assert_eq!(cancelled.meeting.status, MeetingStatus::Cancelled);
    assert_eq!(
        f.store.schedule_meeting(m.meeting.id).unwrap_err().code(),
        ErrorCode::Conflict
    );
}

#[test]
fn meetings_are_numbered_in_date_order_and_the_next_one_is_found_by_the_clock() {
    let f = term5();
    let later = meeting(&f.store, "2021-09-08 14:00");
    let earlier = meeting(&f.store, "2021-05-12 14:00");
    let list = f.store.meetings(5).unwrap();
    assert_eq!(list[0].meeting.id, earlier.meeting.id);
    assert_eq!((list[0].meeting.number, list[1].meeting.number), (1, 2));
    assert_eq!(
        f.store.next_meeting().unwrap().unwrap().meeting.id,
        earlier.meeting.id
    );
    f.clock.set(fixture::at(2021, 6, 1, 0, 0));
    assert_eq!(
        f.store.next_meeting().unwrap().unwrap().meeting.id,
        later.meeting.id
    );
    assert_eq!(list[0].date_text, "woensdag 12 mei 2021, 14.00 uur");
}

#[test]
fn what_a_meeting_allows_follows_its_life_and_its_minutes() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let concept = meeting(&f.store, "2021-05-12 14:00");
    let a = concept.allowed;
    assert!(a.schedule && a.plan && a.choose_subject && a.cancel);
    assert!(!a.hold && !a.register_attendance && !a.record, "{a:?}");

    f.store
        .set_meeting_subject(concept.meeting.id, Some(s.id))
        .unwrap();
    let scheduled = f
        .store
        .schedule_meeting(concept.meeting.id)
        .unwrap()
        .allowed;
    // Before its day: planned, not yet held nor recorded.
    assert!(
        scheduled.plan && !scheduled.hold && !scheduled.register_attendance && !scheduled.record
    );
    assert!(!scheduled.schedule && !scheduled.remove);
    f.clock.set(fixture::at(2021, 5, 12, 11, 55));
    let started = f.store.meeting(concept.meeting.id).unwrap().allowed;
    assert!(
        started.hold && started.plan,
        "its day has come: {started:?}"
    );
    assert!(
        !started.register_attendance,
        "not begun before 14.00 Amsterdam time"
    );
    f.clock.set(fixture::at(2021, 5, 12, 12, 5));
    let begun = f.store.meeting(concept.meeting.id).unwrap().allowed;
    assert!(begun.register_attendance && begun.record);

    let held = f.store.hold_meeting(concept.meeting.id).unwrap().allowed;
    assert!(held.record && held.register_attendance);
    assert!(
        !held.plan && !held.cancel && !held.hold && !held.remove,
        "{held:?}"
    );

    // Once its minutes are adopted at a later meeting, its record is closed.
    f.store
        .set_minutes(concept.meeting.id, "Verslag", None)
        .unwrap();
    let later = fixture::held_meeting(&f, "2021-06-09 14:00", s.id);
    f.store
        .adopt_minutes(concept.meeting.id, later.meeting.id)
        .unwrap();
    assert!(!f.store.meeting(concept.meeting.id).unwrap().allowed.record);

    let cancelled = f
        .store
        .cancel_meeting(meeting(&f.store, "2021-09-08 14:00").meeting.id)
        .unwrap()
        .allowed;
    assert_eq!(
        cancelled,
        MeetingAllowed {
            schedule: false,
            hold: false,
            cancel: false,
            plan: false,
            choose_subject: false,
            register_attendance: false,
            record: false,
            remove: false,
            // Nothing went out, so there is nothing to call off.
            prepare_drafts: false,
            mark_members_sent: false,
            // A cancelled meeting takes no replies.
            reply: false,
        }
    );
}

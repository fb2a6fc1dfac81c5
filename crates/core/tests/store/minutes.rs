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

/// Decisions and actions may be tied to an agenda item of their own
/// meeting while its record is open; an item removed takes its links
/// along. On the file and on the server alike.
#[test]
fn decisions_and_actions_go_under_an_agenda_item_of_their_meeting() {
    under_an_item(term5());
    if let Some(f) = fixture::term5_on_server() {
        under_an_item(f);
    }
}

fn under_an_item(f: fixture::Fixture) {
    let store = &f.store;
    let s = subject(store, "A", &[]);
    let held = held_meeting(&f, "2021-02-10 14:00", s.id).meeting.id;
    let items = store.planned_agenda(held).unwrap().items;
    let central = items
        .iter()
        .find(|p| p.item.kind == AgendaItemKind::CentralSubject)
        .unwrap()
        .item
        .id;
    let decision = store.add_decision(held, "Een werkgroep").unwrap();
    let action = store
        .add_action(held, "Notitie", &ActionOwner::Secretariat, None)
        .unwrap();
    assert_eq!(
        store
            .set_decision_item(decision.id, Some(central))
            .unwrap()
            .agenda_item_id,
        Some(central)
    );
    assert_eq!(
        store
            .set_action_item(action.id, Some(central))
            .unwrap()
            .agenda_item_id,
        Some(central)
    );
    // An item of another meeting is refused, naming the field.
    let other = meeting(store, "2021-06-09 14:00").meeting.id;
    let foreign = store.planned_agenda(other).unwrap().items[0].item.id;
    let refused = store
        .set_decision_item(decision.id, Some(foreign))
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Validation);
    assert_eq!(refused.field_code(), Some(Field::AgendaItem));
    assert_eq!(
        store
            .set_action_item(action.id, Some(foreign))
            .unwrap_err()
            .code(),
        ErrorCode::Validation
    );
    // Untied again.
    assert_eq!(
        store
            .set_decision_item(decision.id, None)
            .unwrap()
            .agenda_item_id,
        None
    );
    // Once the minutes are adopted the record is closed.
    store.set_decision_item(decision.id, Some(central)).unwrap();
    store.set_minutes(held, "Verslag.", None).unwrap();
    store.set_meeting_subject(other, Some(s.id)).unwrap();
    store.schedule_meeting(other).unwrap();
    f.clock.set(fixture::at(2021, 6, 9, 14, 30));
    store.adopt_minutes(held, other).unwrap();
    assert_eq!(
        store
            .set_decision_item(decision.id, None)
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
    assert_eq!(
        store.set_action_item(action.id, None).unwrap_err().code(),
        ErrorCode::Conflict
    );
    // An item removed while its meeting is still planned takes its links
    // along: a decision at the June meeting (begun, scheduled) under an
    // extra item.
    let extra = store
        .add_agenda_item(
            other,
            &AgendaItemDraft {
                kind: AgendaItemKind::Other,
                title: Some("Extra punt".into()),
                duration_minutes: 10,
                presenter: None,
                confidential: false,
            },
        )
        .unwrap()
        .id;
    let june = store.add_decision(other, "Juni-besluit").unwrap();
    store.set_decision_item(june.id, Some(extra)).unwrap();
    store.remove_agenda_item(extra).unwrap();
    let june = store
        .decisions_of_meeting(other)
        .unwrap()
        .into_iter()
        .find(|d| d.id == june.id)
        .unwrap();
    assert_eq!(june.agenda_item_id, None);
}

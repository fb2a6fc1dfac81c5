//! The minutes sent round for comments: concept → rondgestuurd →
//! vastgesteld, comments noted per seat, the next meeting's to-do. On the
//! file and on the server alike.

use taskforce::domain::*;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, at, day, held_meeting, meeting, seat_id, subject, Fixture};

#[test]
fn minutes_go_round_for_comments_before_they_are_adopted() {
    minutes_round(fixture::term5());
    if let Some(f) = fixture::term5_on_server() {
        minutes_round(f);
    }
}

fn minutes_round(f: Fixture) {
    let store = &f.store;
    let s = subject(store, "Arbeidsuitbuiting", &[]);
    let first = held_meeting(&f, "2021-02-10 14:00", s.id).meeting.id;
    let police = seat_id(store, "Politie");
    f.clock.set(at(2021, 2, 15, 9, 0));

    // Nothing to send round before there is text; no comments before a round.
    assert_eq!(
        store
            .circulate_minutes(first, day(2021, 3, 1))
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
    store
        .set_minutes(first, "## Verslag\n\nDe voorzitter opent.", None)
        .unwrap();
    let cycle = store.minutes_cycle(first).unwrap();
    assert_eq!(
        (cycle.stage, cycle.can_circulate, cycle.can_comment),
        (MinutesStage::Concept, true, false)
    );
    assert_eq!(
        store
            .add_minutes_comment(first, police, "Punt 3 klopt niet.", None)
            .unwrap_err()
            .code(),
        ErrorCode::Conflict,
        "not sent round yet"
    );
    // A deadline in the past is refused with the date said.
    let past = store
        .circulate_minutes(first, day(2021, 2, 14))
        .unwrap_err();
    assert_eq!(past.code(), ErrorCode::Validation);
    assert!(
        past.message()
            .render(taskforce::Lang::Nl)
            .contains("14 februari 2021"),
        "{past:?}"
    );

    let cycle = store.circulate_minutes(first, day(2021, 3, 1)).unwrap();
    assert_eq!(cycle.stage, MinutesStage::Circulated);
    assert_eq!(
        cycle.rounds,
        [MinutesRound {
            sent_on: day(2021, 2, 15),
            comments_by: day(2021, 3, 1)
        }]
    );
    assert!(cycle.comments_open && cycle.can_comment);

    // Comments per seat, dated; never after today; text required; a seat of
    // the meeting's term only.
    let cycle = store
        .add_minutes_comment(
            first,
            police,
            "Punt 3: de cijfers zijn van 2020.",
            Some(day(2021, 2, 14)),
        )
        .unwrap();
    assert_eq!(cycle.comments.len(), 1);
    assert_eq!(
        (cycle.comments[0].seat_id, cycle.comments[0].received_on),
        (police, day(2021, 2, 14))
    );
    assert_eq!(cycle.comments[0].organisation, "Politie");
    for refused in [
        store.add_minutes_comment(first, police, "later", Some(day(2021, 2, 16))),
        store.add_minutes_comment(first, police, "   ", None),
        store.add_minutes_comment(first, 9999, "wie?", None),
    ] {
        assert!(matches!(
            refused.unwrap_err().code(),
            ErrorCode::Validation | ErrorCode::NotFound
        ));
    }
    // The minutes stay editable while round; a second round is noted too.
    store
        .set_minutes(
            first,
            "## Verslag\n\nDe voorzitter opent. Cijfers 2020.",
            None,
        )
        .unwrap();
    f.clock.set(at(2021, 3, 2, 9, 0));
    assert!(
        !store.minutes_cycle(first).unwrap().comments_open,
        "the deadline passed"
    );
    let cycle = store.circulate_minutes(first, day(2021, 3, 9)).unwrap();
    assert_eq!(cycle.rounds.len(), 2);

    // The next meeting's to-do says the minutes wait for adoption.
    let next = meeting(store, "2021-05-12 14:00").meeting.id;
    let to_do: Vec<String> = store
        .meeting(next)
        .unwrap()
        .to_do
        .iter()
        .map(|m| m.render(taskforce::Lang::Nl))
        .collect();
    assert!(
        to_do.iter().any(
            |t| t.contains("Verslag van bijeenkomst 1 (woensdag 10 februari 2021) vaststellen")
        ),
        "{to_do:?}"
    );
    store.set_meeting_subject(next, Some(s.id)).unwrap();
    store.schedule_meeting(next).unwrap();
    f.clock.set(at(2021, 5, 12, 14, 30));
    store.adopt_minutes(first, next).unwrap();
    let cycle = store.minutes_cycle(first).unwrap();
    assert_eq!(cycle.stage, MinutesStage::Adopted);
    assert_eq!(
        (cycle.adopted_on, cycle.adopted_in_meeting_id),
        (Some(day(2021, 5, 12)), Some(next))
    );
    assert_eq!(cycle.adopted_in_meeting_on, Some(day(2021, 5, 12)));
    assert!(!cycle.can_circulate && !cycle.can_comment);
    assert!(store
        .meeting(next)
        .unwrap()
        .to_do
        .iter()
        .all(|m| m.key != taskforce::MessageKey::TodoMinutesToAdopt));
    assert_eq!(
        store
            .add_minutes_comment(first, police, "te laat", None)
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
    assert_eq!(
        store
            .circulate_minutes(first, day(2021, 6, 1))
            .unwrap_err()
            .code(),
        ErrorCode::Conflict
    );
    // A seat with a comment on record is not removed outright.
    assert!(
        !store
            .seats(5)
            .unwrap()
            .iter()
            .find(|s| s.id == police)
            .unwrap()
            .removable
    );
}

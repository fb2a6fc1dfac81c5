//! Actions stay on every later meeting's action list until done or dropped.

use taskforce::domain::*;
use taskforce::ErrorCode;
use taskforce::Lang;
use taskforce_dev::fixture::{self, held_meeting, meeting, subject, term5};

#[test]
fn an_open_action_is_carried_to_every_later_meeting_until_done() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let first = held_meeting(&f, "2021-02-10 14:00", s.id);
    let second = held_meeting(&f, "2021-05-12 14:00", s.id);
    let third = meeting(&f.store, "2021-09-08 14:00");
    let fourth = meeting(&f.store, "2021-11-10 14:00");
    let owner = ActionOwner::Seat(fixture::seat_id(&f.store, "CoMensha"));
    let action = f
        .store
        .add_action(
            first.meeting.id,
            "Signalenkaart actualiseren",
            &owner,
            Some(fixture::day(2021, 4, 1)),
        )
        .unwrap();
    assert_eq!(
        action.owner_name.render(Lang::Nl),
        "CoMensha (de directeur-bestuurder)"
    );

    assert!(
        f.store
            .action_list_for_meeting(first.meeting.id)
            .unwrap()
            .is_empty(),
        "not on its own meeting's list"
    );
    assert_eq!(
        f.store
            .action_list_for_meeting(second.meeting.id)
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        f.store
            .action_list_for_meeting(third.meeting.id)
            .unwrap()
            .len(),
        1,
        "still open: carried forward"
    );

    f.clock.set(fixture::at(2021, 10, 1, 9, 0));
    f.store.complete_action(action.id).unwrap();
    let third_list = f.store.action_list_for_meeting(third.meeting.id).unwrap();
    assert_eq!(
        third_list[0].status,
        ActionStatus::Done,
        "a meeting before the closing still shows it, as done"
    );
    assert!(
        f.store
            .action_list_for_meeting(fourth.meeting.id)
            .unwrap()
            .is_empty(),
        "gone after it was done"
    );
    assert_eq!(
        f.store.complete_action(action.id).unwrap_err().code(),
        ErrorCode::Conflict
    );
}

#[test]
fn postponing_counts_and_must_move_the_date_later() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id);
    let a = f
        .store
        .add_action(
            m.meeting.id,
            "Brief opstellen",
            &ActionOwner::Secretariat,
            Some(fixture::day(2021, 3, 1)),
        )
        .unwrap();
    assert_eq!(
        f.store
            .postpone_action(a.id, fixture::day(2021, 2, 1))
            .unwrap_err()
            .field(),
        Some("due")
    );
    f.store
        .postpone_action(a.id, fixture::day(2021, 4, 1))
        .unwrap();
    let a = f
        .store
        .postpone_action(a.id, fixture::day(2021, 5, 1))
        .unwrap();
    assert_eq!(a.times_postponed, 2);
    assert_eq!(a.due_on, Some(fixture::day(2021, 5, 1)));
    let history = f.store.action_history(a.id).unwrap();
    let kinds: Vec<_> = history.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            ActionEventKind::Created,
            ActionEventKind::Postponed,
            ActionEventKind::Postponed
        ]
    );
    assert_eq!(history[1].due_before, Some(fixture::day(2021, 3, 1)));
}

#[test]
fn the_action_list_filters_by_status_owner_and_overdue() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id);
    let seat = fixture::seat_id(&f.store, "Politie");
    let late = f
        .store
        .add_action(
            m.meeting.id,
            "Te laat",
            &ActionOwner::Seat(seat),
            Some(fixture::day(2021, 3, 1)),
        )
        .unwrap();
    f.store
        .add_action(
            m.meeting.id,
            "Op tijd",
            &ActionOwner::Secretariat,
            Some(fixture::day(2021, 12, 1)),
        )
        .unwrap();
    let dropped = f
        .store
        .add_action(m.meeting.id, "Vervallen", &ActionOwner::Secretariat, None)
        .unwrap();
    f.store.drop_action(dropped.id).unwrap();

    let today = f.store.today();
    let overdue = f
        .store
        .actions(&ActionFilter {
            overdue_on: Some(today),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(overdue.iter().map(|a| a.id).collect::<Vec<_>>(), [late.id]);
    assert!(overdue[0].is_overdue(today));
    let by_owner = f
        .store
        .actions(&ActionFilter {
            owner: Some(ActionOwner::Secretariat),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_owner.len(), 2);
    let open = f
        .store
        .actions(&ActionFilter {
            status: Some(ActionStatus::Open),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(open.len(), 2);
    let page = f
        .store
        .actions(&ActionFilter {
            limit: Some(1),
            offset: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.len(), 1);
}

#[test]
fn an_action_owner_must_belong_to_the_meeting() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id);
    let err = f
        .store
        .add_action(m.meeting.id, "x", &ActionOwner::Seat(9999), None)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert_eq!(
        f.store
            .add_action(m.meeting.id, " ", &ActionOwner::Secretariat, None)
            .unwrap_err()
            .field(),
        Some("description")
    );
    assert!(f.store.actions_of_meeting(m.meeting.id).unwrap().is_empty());
}

#[test]
fn the_action_list_shows_one_term_when_asked() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id);
    let in_term5 = f
        .store
        .add_action(
            m.meeting.id,
            "Uit termijn 5",
            &ActionOwner::Secretariat,
            None,
        )
        .unwrap();
    f.store
        .start_term(&TermStart {
            number: 6,
            starts_on: "2023-03-01".into(),
            ends_on: "2026-03-01".into(),
            goals: String::new(),
            decree: DecreeForm::default(),
            seats: vec![],
            skip_between: false,
        })
        .unwrap();
    let of = |term| {
        f.store
            .actions(&ActionFilter {
                term,
                ..Default::default()
            })
            .unwrap()
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(of(Some(5)), [in_term5.id]);
    assert!(of(Some(6)).is_empty(), "term 6 has agreed nothing yet");
    assert_eq!(of(None), [in_term5.id], "all terms");
}

#[test]
fn an_action_says_itself_whether_it_is_overdue_today_and_still_open() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id);
    // The clock stands at 1 April 2021, 09.00 UTC.
    let late = f
        .store
        .add_action(
            m.meeting.id,
            "Te laat",
            &ActionOwner::Secretariat,
            Some(fixture::day(2021, 3, 31)),
        )
        .unwrap();
    let today = f
        .store
        .add_action(
            m.meeting.id,
            "Vandaag",
            &ActionOwner::Secretariat,
            Some(fixture::day(2021, 4, 1)),
        )
        .unwrap();
    assert!(late.overdue && late.open);
    assert!(!today.overdue, "due today is not overdue yet");
    // Just after midnight in Amsterdam (22.30 UTC) it is the next day there.
    f.clock.set(fixture::at(2021, 4, 1, 22, 30));
    assert!(
        f.store.action(today.id).unwrap().overdue,
        "Amsterdam's today, not UTC's"
    );
    let overdue = f
        .store
        .actions(&ActionFilter {
            overdue: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(overdue.len(), 2);
    let done = f.store.complete_action(late.id).unwrap();
    assert!(!done.open && !done.overdue);
}

#[test]
fn the_overview_names_the_earliest_overdue_actions_and_counts_them_all() {
    let f = term5();
    let s = subject(&f.store, "A", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id);
    // Eight overdue on 1 April 2021 (due 1–8 March), one not yet due.
    for d in (1..=8).rev() {
        f.store
            .add_action(
                m.meeting.id,
                &format!("Actie {d}"),
                &ActionOwner::Secretariat,
                Some(fixture::day(2021, 3, d)),
            )
            .unwrap();
    }
    f.store
        .add_action(
            m.meeting.id,
            "Later",
            &ActionOwner::Secretariat,
            Some(fixture::day(2021, 5, 1)),
        )
        .unwrap();
    let overview = f.store.overview().unwrap();
    assert_eq!(overview.overdue_total, 8);
    let shown: Vec<_> = overview
        .overdue_actions
        .iter()
        .map(|a| a.description.as_str())
        .collect();
    assert_eq!(shown.len() as u32, Overview::OVERDUE_SHOWN);
    assert_eq!(
        shown,
        ["Actie 1", "Actie 2", "Actie 3", "Actie 4", "Actie 5"]
    );
}

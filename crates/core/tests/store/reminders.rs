//! Reminders to action owners: who is due, their open actions with
//! meeting and history, and each reminder kept in the action's history;
//! the overview counts the owners with overdue actions. On the file and on
//! the server alike.

use taskforce::domain::*;
use taskforce_dev::fixture::{self, at, day, held_meeting, seat_id, subject, Fixture};

#[test]
fn owners_are_reminded_of_their_open_actions_and_it_is_kept() {
    reminders(fixture::term5());
    if let Some(f) = fixture::term5_on_server() {
        reminders(f);
    }
}

fn reminders(f: Fixture) {
    let store = &f.store;
    let s = subject(store, "Arbeidsuitbuiting", &[]);
    let m = held_meeting(&f, "2021-02-10 14:00", s.id).meeting.id;
    let police = seat_id(store, "Politie");
    let add = |text: &str, owner: ActionOwner, due: Option<chrono::NaiveDate>| {
        store.add_action(m, text, &owner, due).unwrap()
    };
    let late = add(
        "Cijfers aanleveren",
        ActionOwner::Seat(police),
        Some(day(2021, 3, 1)),
    );
    let later = add(
        "Notitie schrijven",
        ActionOwner::Seat(police),
        Some(day(2021, 6, 1)),
    );
    let own = add("Zaal reserveren", ActionOwner::Secretariat, None);
    let done = add(
        "Al gedaan",
        ActionOwner::Seat(police),
        Some(day(2021, 2, 20)),
    );
    store.complete_action(done.id).unwrap();
    store.postpone_action(late.id, day(2021, 3, 15)).unwrap();
    f.clock.set(at(2021, 4, 1, 9, 0));

    // Only owners with an overdue action by default; all their open ones.
    let due = store.reminders(true).unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0].owner, ActionOwner::Seat(police));
    assert_eq!(due[0].overdue, 1);
    let ids: Vec<Id> = due[0].actions.iter().map(|a| a.action.id).collect();
    assert_eq!(
        ids,
        [late.id, later.id],
        "the overdue first, the done one not"
    );
    assert_eq!(due[0].actions[0].meeting_on, day(2021, 2, 10));
    assert!(due[0].actions[0]
        .history
        .iter()
        .any(|e| e.kind == ActionEventKind::Postponed));
    assert_eq!(due[0].last_reminded, None);
    let every = store.reminders(false).unwrap();
    assert_eq!(every.len(), 2);
    assert_eq!(
        every[1].owner,
        ActionOwner::Secretariat,
        "the secretariat last"
    );
    assert_eq!(store.overview().unwrap().owners_overdue, 1);

    // Reminded: kept in each action's history, said as the last reminder.
    store.note_reminded(&ids).unwrap();
    assert!(store
        .action_history(late.id)
        .unwrap()
        .iter()
        .any(|e| e.kind == ActionEventKind::Reminded && e.at == at(2021, 4, 1, 9, 0)));
    assert_eq!(
        store.reminders(true).unwrap()[0].last_reminded,
        Some(at(2021, 4, 1, 9, 0))
    );
    // A closed action is not noted.
    store.note_reminded(&[done.id]).unwrap();
    assert!(store
        .action_history(done.id)
        .unwrap()
        .iter()
        .all(|e| e.kind != ActionEventKind::Reminded));
    // One undo takes the reminder back.
    store.note_reminded(&[own.id]).unwrap();
    store.undo_last().unwrap();
    assert!(store
        .action_history(own.id)
        .unwrap()
        .iter()
        .all(|e| e.kind != ActionEventKind::Reminded));
}

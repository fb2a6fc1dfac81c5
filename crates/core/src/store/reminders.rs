//! Reminders to action owners: every owner's open actions with their
//! meeting and history, which are overdue, when the owner was last
//! reminded — and noting a reminder in each action's own history.

use super::actions::{action_row, all_as_of, with_revisions, ACTION_COLUMNS, ACTION_FROM};
use super::sql::{values, Executor, Queries};
use super::Store;
use crate::domain::{
    ActionEvent, ActionEventKind, ActionStatus, Id, OwnerReminder, RemindedAction,
};
use crate::error::Result;
use std::collections::HashMap;

impl Store {
    /// Every owner with open actions — with `only_overdue`, every owner
    /// with at least one past its due date — and all their open actions,
    /// the overdue ones first, each with its meeting's day and its history.
    /// Owners in the order of their name, the secretariat last.
    pub fn reminders(&self, only_overdue: bool) -> Result<Vec<OwnerReminder>> {
        let today = self.today();
        self.read(|tx| {
            let open = tx.rows(
                &format!(
                    "SELECT {ACTION_COLUMNS}, origin.starts_at FROM {ACTION_FROM}
                         JOIN meetings origin ON origin.id = a.meeting_id
                         WHERE a.status = 'open'
                         ORDER BY a.due_on IS NULL, a.due_on, a.id"
                ),
                &values![],
                "listing open actions for reminders",
                |row| Ok((action_row(row)?, row.instant(17)?)),
            )?;
            let (items, starts): (Vec<_>, Vec<_>) = open.into_iter().unzip();
            let items = all_as_of(with_revisions(tx, items)?, today);
            // Every open action's history in one read, not one per action:
            // on the server each read is a round trip.
            let mut histories = open_histories(tx)?;
            let mut owners: Vec<OwnerReminder> = Vec::new();
            for (action, starts_at) in items.into_iter().zip(starts) {
                let history = histories.remove(&action.id).unwrap_or_default();
                let reminded = history
                    .iter()
                    .filter(|e| e.kind == ActionEventKind::Reminded)
                    .map(|e| e.at)
                    .max();
                let entry = RemindedAction {
                    meeting_on: crate::calendar::to_amsterdam(starts_at).date(),
                    action,
                    history,
                };
                match owners.iter_mut().find(|o| o.owner == entry.action.owner) {
                    Some(owner) => owner.add(entry, reminded),
                    None => owners.push(OwnerReminder::new(entry, reminded)),
                }
            }
            Ok(OwnerReminder::sorted(owners, only_overdue))
        })
    }

    /// Notes in each action's history that its owner was reminded of it
    /// now. Only open actions are noted; one step of undo takes it back.
    pub fn note_reminded(&self, action_ids: &[Id]) -> Result<()> {
        let now = self.now();
        self.write(|tx| {
            for &id in action_ids {
                let open: bool = tx.one(
                    "SELECT EXISTS (SELECT 1 FROM actions WHERE id = ?1 AND status = ?2)",
                    &values![id, ActionStatus::Open.code()],
                    "reading an action to remind",
                    |r| r.get(0),
                )?;
                if open {
                    log_reminded(tx, id, now)?;
                }
            }
            Ok(())
        })
    }
}

/// The history of every open action, by action, oldest first.
fn open_histories(tx: &dyn Executor) -> Result<HashMap<Id, Vec<ActionEvent>>> {
    let events = tx.rows(
        "SELECT e.action_id, e.kind, e.at, e.due_before, e.due_after, e.note
           FROM action_events e JOIN actions a ON a.id = e.action_id
          WHERE a.status = 'open'
          ORDER BY e.action_id, e.id",
        &values![],
        "reading the open actions' history",
        |row| {
            Ok((
                row.get::<Id>(0)?,
                ActionEvent {
                    kind: row.code(1, ActionEventKind::parse)?,
                    at: row.instant(2)?,
                    due_before: row.optional_day(3)?,
                    due_after: row.optional_day(4)?,
                    note: row.get(5)?,
                },
            ))
        },
    )?;
    let mut by_action: HashMap<Id, Vec<ActionEvent>> = HashMap::new();
    for (id, event) in events {
        by_action.entry(id).or_default().push(event);
    }
    Ok(by_action)
}

fn log_reminded(tx: &dyn Executor, action: Id, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
    tx.run(
        "INSERT INTO action_events (action_id, kind, at) VALUES (?1, ?2, ?3)",
        &values![action, ActionEventKind::Reminded.code(), at],
        "noting a reminder",
    )
    .map(|_| ())
}

//! Action items, their history, and the action list of a meeting.

use super::meetings::meeting_by_id;
use super::minutes::check_record_open;
use super::partners::partner_by_id;
use super::seats::seat_by_id;
use super::ConnExt;
use super::{code_column, instant_column, optional_day_column, optional_instant_column, Store};
use crate::calendar::{format_date, format_instant};
use crate::domain::{
    partner_name, required, ActionEdit, ActionEvent, ActionEventKind, ActionFilter, ActionItem,
    ActionOwner, ActionStatus, Id,
};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result, StorageContext};
use crate::message::MessageKey;
use crate::msg;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

const ACTION_COLUMNS: &str =
    "a.id, a.meeting_id, a.description, a.owner_kind, a.owner_seat_id, a.owner_partner_id,
    s.organisation, s.role, p.organisation, p.contact_name, p.erased_at IS NOT NULL,
    a.due_on, a.status, a.times_postponed, a.created_at, a.closed_at";

const ACTION_FROM: &str = "actions a
    LEFT JOIN seats s ON s.id = a.owner_seat_id
    LEFT JOIN partners p ON p.id = a.owner_partner_id";

fn action_row(row: &Row<'_>) -> rusqlite::Result<ActionItem> {
    let kind: String = row.get(3)?;
    let (owner, owner_name) = match kind.as_str() {
        "seat" => (
            ActionOwner::Seat(row.get(4)?),
            msg!(
                NameSeat,
                organisation = row.get::<_, String>(6)?,
                role = row.get::<_, String>(7)?
            ),
        ),
        "partner" => (
            ActionOwner::Partner(row.get(5)?),
            partner_name(
                &row.get::<_, String>(8)?,
                row.get::<_, Option<String>>(9)?.as_deref(),
                row.get(10)?,
            ),
        ),
        _ => (ActionOwner::Secretariat, MessageKey::NameSecretariat.into()),
    };
    Ok(ActionItem {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        description: row.get(2)?,
        owner,
        owner_name,
        due_on: optional_day_column(row, 11)?,
        status: code_column(row, 12, ActionStatus::parse)?,
        times_postponed: row.get(13)?,
        created_at: instant_column(row, 14)?,
        closed_at: optional_instant_column(row, 15)?,
        // Set from the clock by `as_of` before an item leaves the store.
        overdue: false,
        open: false,
    })
}

/// Fills in what depends on the state and on today.
fn as_of(mut item: ActionItem, today: chrono::NaiveDate) -> ActionItem {
    item.overdue = item.is_overdue(today);
    item.open = item.check_close().is_ok();
    item
}

fn all_as_of(items: Vec<ActionItem>, today: chrono::NaiveDate) -> Vec<ActionItem> {
    items.into_iter().map(|item| as_of(item, today)).collect()
}

fn action_by_id(tx: &Connection, id: Id) -> Result<ActionItem> {
    tx.query_row(
        &format!("SELECT {ACTION_COLUMNS} FROM {ACTION_FROM} WHERE a.id = ?1"),
        [id],
        action_row,
    )
    .optional()
    .context("reading an action")?
    .ok_or_else(|| Error::not_found(Thing::Action, id))
}

/// An owner as the actions table stores it. A seat owner must sit in the
/// meeting's term; an erased partner cannot take on work.
fn owner_columns(
    tx: &Connection,
    term_id: Id,
    owner: &ActionOwner,
) -> Result<(&'static str, Option<Id>, Option<Id>)> {
    Ok(match owner {
        ActionOwner::Seat(id) => {
            if seat_by_id(tx, *id)?.term_id != term_id {
                return Err(Error::validation(
                    Field::Owner,
                    MessageKey::ActionOwnerNotInTerm,
                ));
            }
            ("seat", Some(*id), None)
        }
        ActionOwner::Partner(id) => {
            if partner_by_id(tx, *id)?.erased_at.is_some() {
                return Err(Error::validation(Field::Owner, MessageKey::PartnerErased));
            }
            ("partner", None, Some(*id))
        }
        ActionOwner::Secretariat => ("secretariat", None, None),
    })
}

fn log(
    tx: &Connection,
    action: Id,
    kind: ActionEventKind,
    at: &str,
    before: Option<NaiveDate>,
    after: Option<NaiveDate>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO action_events (action_id, kind, at, due_before, due_after) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![action, kind.code(), at, before.map(format_date), after.map(format_date)],
    )
    .context("logging an action change")?;
    Ok(())
}

impl Store {
    /// Records an action at a meeting. A seat owner must sit in that meeting's
    /// term; an erased partner cannot take on new work.
    pub fn add_action(
        &self,
        meeting_id: Id,
        description: &str,
        owner: &ActionOwner,
        due_on: Option<NaiveDate>,
    ) -> Result<ActionItem> {
        let description = required(Field::Description, description)?;
        let now = format_instant(self.now());
        self.write(|tx| {
            check_record_open(tx, meeting_id, self.now())?;
            let meeting = meeting_by_id(tx, meeting_id)?;
            let (kind, seat, partner) = owner_columns(tx, meeting.term_id, owner)?;
            tx.execute(
                "INSERT INTO actions (meeting_id, description, owner_kind, owner_seat_id, owner_partner_id, due_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![meeting_id, description, kind, seat, partner, due_on.map(format_date), now],
            )
            .context("adding an action")?;
            let id = tx.last_insert_rowid();
            log(tx, id, ActionEventKind::Created, &now, None, due_on)?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    pub fn action(&self, id: Id) -> Result<ActionItem> {
        let today = self.today();
        self.read(|tx| action_by_id(tx, id))
            .map(|a| as_of(a, today))
    }

    pub fn complete_action(&self, id: Id) -> Result<ActionItem> {
        self.close_action(id, ActionStatus::Done, ActionEventKind::Done)
    }

    pub fn drop_action(&self, id: Id) -> Result<ActionItem> {
        self.close_action(id, ActionStatus::Dropped, ActionEventKind::Dropped)
    }

    fn close_action(
        &self,
        id: Id,
        status: ActionStatus,
        event: ActionEventKind,
    ) -> Result<ActionItem> {
        let now = format_instant(self.now());
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_close()?;
            tx.execute(
                "UPDATE actions SET status = ?1, closed_at = ?2 WHERE id = ?3",
                params![status.code(), now, id],
            )
            .context("closing an action")?;
            log(tx, id, event, &now, action.due_on, action.due_on)?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    /// Gives an open action a later due date; counted in its history.
    pub fn postpone_action(&self, id: Id, to: NaiveDate) -> Result<ActionItem> {
        let now = format_instant(self.now());
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_postpone(to)?;
            tx.execute(
                "UPDATE actions SET due_on = ?1, times_postponed = times_postponed + 1 WHERE id = ?2",
                params![format_date(to), id],
            )
            .context("postponing an action")?;
            log(tx, id, ActionEventKind::Postponed, &now, action.due_on, Some(to))?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    /// Corrects an open action's description, owner and due date (a
    /// correction, not a postponement: the count of postponements stays).
    pub fn edit_action(&self, id: Id, edit: &ActionEdit) -> Result<ActionItem> {
        let description = required(Field::Description, &edit.description)?;
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_edit()?;
            let meeting = meeting_by_id(tx, action.meeting_id)?;
            let (kind, seat, partner) = owner_columns(tx, meeting.term_id, &edit.owner)?;
            tx.execute(
                "UPDATE actions SET description = ?1, owner_kind = ?2, owner_seat_id = ?3,
                     owner_partner_id = ?4, due_on = ?5 WHERE id = ?6",
                params![
                    description,
                    kind,
                    seat,
                    partner,
                    edit.due_on.map(format_date),
                    id
                ],
            )
            .context("correcting an action")?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    /// Opens a done or dropped action again; the reason is kept in its
    /// history.
    pub fn reopen_action(&self, id: Id, reason: &str) -> Result<ActionItem> {
        let reason = required(Field::Reason, reason)?;
        let now = format_instant(self.now());
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_reopen()?;
            tx.execute(
                "UPDATE actions SET status = 'open', closed_at = NULL WHERE id = ?1",
                [id],
            )
            .context("reopening an action")?;
            tx.execute(
                "INSERT INTO action_events (action_id, kind, at, due_before, due_after, note)
                 VALUES (?1, 'reopened', ?2, ?3, ?3, ?4)",
                params![id, now, action.due_on.map(format_date), reason],
            )
            .context("logging an action change")?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    pub fn action_history(&self, id: Id) -> Result<Vec<ActionEvent>> {
        self.read(|tx| {
            action_by_id(tx, id)?;
            tx.rows(
                "SELECT kind, at, due_before, due_after, note FROM action_events
                 WHERE action_id = ?1 ORDER BY id",
                [id],
                "reading action history",
                |row| {
                    Ok(ActionEvent {
                        kind: code_column(row, 0, ActionEventKind::parse)?,
                        at: instant_column(row, 1)?,
                        due_before: optional_day_column(row, 2)?,
                        due_after: optional_day_column(row, 3)?,
                        note: row.get(4)?,
                    })
                },
            )
        })
    }

    /// The actions recorded at a meeting itself.
    pub fn actions_of_meeting(&self, meeting_id: Id) -> Result<Vec<ActionItem>> {
        self.read(|tx| {
            meeting_by_id(tx, meeting_id)?;
            tx.rows(
                &format!(
                    "SELECT {ACTION_COLUMNS} FROM {ACTION_FROM}
                     WHERE a.meeting_id = ?1 ORDER BY a.id"
                ),
                [meeting_id],
                "listing actions",
                action_row,
            )
        })
        .map(|items| all_as_of(items, self.today()))
    }

    /// The action list a meeting reviews: every action from an earlier
    /// meeting that was still open when this one started (and is shown with
    /// its current status, so one closed since then is seen as closed).
    pub fn action_list_for_meeting(&self, meeting_id: Id) -> Result<Vec<ActionItem>> {
        self.read(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            tx.rows(
                &format!(
                    "SELECT {ACTION_COLUMNS} FROM {ACTION_FROM}
                     JOIN meetings origin ON origin.id = a.meeting_id
                     WHERE origin.starts_at < ?1 AND (a.closed_at IS NULL OR a.closed_at >= ?1)
                     ORDER BY a.due_on IS NULL, a.due_on, a.id"
                ),
                [format_instant(meeting.starts_at)],
                "listing the action list",
                action_row,
            )
        })
        .map(|items| all_as_of(items, self.today()))
    }

    /// All actions, filtered, a page at a time; open ones with the earliest
    /// due date first.
    pub fn actions(&self, filter: &ActionFilter) -> Result<Vec<ActionItem>> {
        let (owner_kind, owner_id) = match &filter.owner {
            None => (None, None),
            Some(ActionOwner::Seat(id)) => (Some("seat"), Some(*id)),
            Some(ActionOwner::Partner(id)) => (Some("partner"), Some(*id)),
            Some(ActionOwner::Secretariat) => (Some("secretariat"), None),
        };
        // Only the filters given are in the WHERE clause: `?1 IS NULL OR …`
        // would keep SQLite from using an index for any of them.
        let mut conditions = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(term) = filter.term {
            conditions.push(
                "a.meeting_id IN (SELECT m.id FROM meetings m JOIN terms t ON t.id = m.term_id WHERE t.number = ?)",
            );
            values.push(Value::Integer(i64::from(term)));
        }
        if let Some(status) = filter.status {
            conditions.push("a.status = ?");
            values.push(Value::Text(status.code().into()));
        }
        if let Some(kind) = owner_kind {
            conditions.push("a.owner_kind = ?");
            values.push(Value::Text(kind.into()));
        }
        if let Some(id) = owner_id {
            conditions.push("coalesce(a.owner_seat_id, a.owner_partner_id) = ?");
            values.push(Value::Integer(id));
        }
        if let Some(day) = filter.overdue_on.or(filter.overdue.then(|| self.today())) {
            conditions.push("a.status = 'open' AND a.due_on < ?");
            values.push(Value::Text(format_date(day)));
        }
        values.push(Value::Integer(i64::from(filter.limit.unwrap_or(200))));
        values.push(Value::Integer(i64::from(filter.offset.unwrap_or(0))));
        let filters = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        self.read(|tx| {
            tx.rows(
                &format!(
                    "SELECT {ACTION_COLUMNS} FROM {ACTION_FROM} {filters}
                     ORDER BY a.status <> 'open', a.due_on IS NULL, a.due_on, a.id
                     LIMIT ? OFFSET ?"
                ),
                rusqlite::params_from_iter(values),
                "listing actions",
                action_row,
            )
        })
        .map(|items| all_as_of(items, self.today()))
    }
}

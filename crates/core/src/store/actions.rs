//! Action items, their history, and the action list of a meeting.

use super::meetings::meeting_by_id;
use super::minutes::check_record_open;
use super::partners::partner_by_id;
use super::revisions::{check_unchanged, revisions};
use super::seats::seat_by_id;
use super::sql::{values, Executor, Queries, Row, SqlError, Value};
use super::Store;
use crate::domain::{
    partner_name, required, ActionEdit, ActionEvent, ActionEventKind, ActionFilter, ActionItem,
    ActionOwner, ActionStatus, Id,
};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};

pub(super) const ACTION_COLUMNS: &str =
    "a.id, a.meeting_id, a.description, a.owner_kind, a.owner_seat_id, a.owner_partner_id,
    s.organisation, s.role, p.organisation, p.contact_name, p.erased_at IS NOT NULL,
    a.due_on, a.status, a.times_postponed, a.created_at, a.closed_at, a.agenda_item_id";

pub(super) const ACTION_FROM: &str = "actions a
    LEFT JOIN seats s ON s.id = a.owner_seat_id
    LEFT JOIN partners p ON p.id = a.owner_partner_id";

pub(super) fn action_row(row: &Row) -> Result<ActionItem, SqlError> {
    let kind: String = row.get(3)?;
    let (owner, owner_name) = match kind.as_str() {
        "seat" => (
            ActionOwner::Seat(row.get(4)?),
            msg!(
                NameSeat,
                organisation = row.get::<String>(6)?,
                role = row.get::<String>(7)?
            ),
        ),
        "partner" => (
            ActionOwner::Partner(row.get(5)?),
            partner_name(
                &row.get::<String>(8)?,
                row.get::<Option<String>>(9)?.as_deref(),
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
        agenda_item_id: row.get(16)?,
        due_on: row.optional_day(11)?,
        status: row.code(12, ActionStatus::parse)?,
        times_postponed: row.get(13)?,
        created_at: row.instant(14)?,
        closed_at: row.optional_instant(15)?,
        // Set from the clock by `as_of` before an item leaves the store.
        overdue: false,
        open: false,
        // Read apart (`with_revisions`).
        revision: 0,
    })
}

/// Fills in what depends on the state and on today.
fn as_of(mut item: ActionItem, today: chrono::NaiveDate) -> ActionItem {
    item.overdue = item.is_overdue(today);
    item.open = item.check_close().is_ok();
    item
}

pub(super) fn all_as_of(items: Vec<ActionItem>, today: chrono::NaiveDate) -> Vec<ActionItem> {
    items.into_iter().map(|item| as_of(item, today)).collect()
}

/// Each action's revision (see [`super::revisions`]), read for the rows
/// listed only.
pub(super) fn with_revisions(
    db: &dyn Executor,
    mut items: Vec<ActionItem>,
) -> Result<Vec<ActionItem>> {
    let found = revisions(db, "actions", items.iter().map(|a| a.id))?;
    for item in &mut items {
        item.revision = found.get(&item.id).copied().unwrap_or(0);
    }
    Ok(items)
}

fn action_by_id(db: &dyn Executor, id: Id) -> Result<ActionItem> {
    let item = db
        .optional(
            &format!("SELECT {ACTION_COLUMNS} FROM {ACTION_FROM} WHERE a.id = ?1"),
            &values![id],
            "reading an action",
            action_row,
        )?
        .ok_or_else(|| Error::not_found(Thing::Action, id))?;
    Ok(with_revisions(db, vec![item])?.remove(0))
}

/// An owner as the actions table stores it. A seat owner must sit in the
/// meeting's term; an erased partner cannot take on work.
fn owner_columns(
    db: &dyn Executor,
    term_id: Id,
    owner: &ActionOwner,
) -> Result<(&'static str, Option<Id>, Option<Id>)> {
    Ok(match owner {
        ActionOwner::Seat(id) => {
            if seat_by_id(db, *id)?.term_id != term_id {
                return Err(Error::validation(
                    Field::Owner,
                    MessageKey::ActionOwnerNotInTerm,
                ));
            }
            ("seat", Some(*id), None)
        }
        ActionOwner::Partner(id) => {
            if partner_by_id(db, *id)?.erased_at.is_some() {
                return Err(Error::validation(Field::Owner, MessageKey::PartnerErased));
            }
            ("partner", None, Some(*id))
        }
        ActionOwner::Secretariat => ("secretariat", None, None),
    })
}

fn log(
    db: &dyn Executor,
    action: Id,
    kind: ActionEventKind,
    at: DateTime<Utc>,
    before: Option<NaiveDate>,
    after: Option<NaiveDate>,
) -> Result<()> {
    db.run(
        "INSERT INTO action_events (action_id, kind, at, due_before, due_after) VALUES (?1, ?2, ?3, ?4, ?5)",
        &values![action, kind.code(), at, before, after],
        "logging an action change",
    )?;
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
        let now = self.now();
        self.write(|tx| {
            check_record_open(tx, meeting_id, self.now())?;
            let meeting = meeting_by_id(tx, meeting_id)?;
            let (kind, seat, partner) = owner_columns(tx, meeting.term_id, owner)?;
            let id = tx.insert(
                "INSERT INTO actions (meeting_id, description, owner_kind, owner_seat_id, owner_partner_id, due_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 RETURNING id",
                &values![meeting_id, &description, kind, seat, partner, due_on, now],
                "adding an action",
            )?;
            log(tx, id, ActionEventKind::Created, now, None, due_on)?;
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
        let now = self.now();
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_close()?;
            tx.run(
                "UPDATE actions SET status = ?1, closed_at = ?2 WHERE id = ?3",
                &values![status.code(), now, id],
                "closing an action",
            )?;
            log(tx, id, event, now, action.due_on, action.due_on)?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    /// Gives an open action a later due date; counted in its history.
    pub fn postpone_action(&self, id: Id, to: NaiveDate) -> Result<ActionItem> {
        let now = self.now();
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_postpone(to)?;
            tx.run(
                "UPDATE actions SET due_on = ?1, times_postponed = times_postponed + 1 WHERE id = ?2",
                &values![to, id],
                "postponing an action",
            )?;
            log(tx, id, ActionEventKind::Postponed, now, action.due_on, Some(to))?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    /// Corrects an open action's description, owner and due date (a
    /// correction, not a postponement: the count of postponements stays).
    /// `seen` is the revision the form showed (`None`: the CLI).
    pub fn edit_action(&self, id: Id, edit: &ActionEdit, seen: Option<i64>) -> Result<ActionItem> {
        let description = required(Field::Description, &edit.description)?;
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_edit()?;
            check_unchanged(tx, "actions", id, seen)?;
            let meeting = meeting_by_id(tx, action.meeting_id)?;
            let (kind, seat, partner) = owner_columns(tx, meeting.term_id, &edit.owner)?;
            tx.run(
                "UPDATE actions SET description = ?1, owner_kind = ?2, owner_seat_id = ?3,
                     owner_partner_id = ?4, due_on = ?5 WHERE id = ?6",
                &values![&description, kind, seat, partner, edit.due_on, id],
                "correcting an action",
            )?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    /// Opens a done or dropped action again; the reason is kept in its
    /// history.
    pub fn reopen_action(&self, id: Id, reason: &str) -> Result<ActionItem> {
        let reason = required(Field::Reason, reason)?;
        let now = self.now();
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            action.check_reopen()?;
            tx.run(
                "UPDATE actions SET status = 'open', closed_at = NULL WHERE id = ?1",
                &values![id],
                "reopening an action",
            )?;
            tx.run(
                "INSERT INTO action_events (action_id, kind, at, due_before, due_after, note)
                 VALUES (?1, 'reopened', ?2, ?3, ?3, ?4)",
                &values![id, now, action.due_on, &reason],
                "logging an action change",
            )?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    /// Ties an action to an agenda item of the meeting it was agreed at (or
    /// unties it, with `None`), while that meeting's record is open: the
    /// minutes then show it under that item.
    pub fn set_action_item(&self, id: Id, item: Option<Id>) -> Result<ActionItem> {
        self.write(|tx| {
            let action = action_by_id(tx, id)?;
            check_record_open(tx, action.meeting_id, self.now())?;
            if let Some(item) = item {
                super::agenda::check_item_of(tx, item, action.meeting_id)?;
            }
            tx.run(
                "UPDATE actions SET agenda_item_id = ?1 WHERE id = ?2",
                &values![item, id],
                "placing an action under an agenda item",
            )?;
            action_by_id(tx, id)
        })
        .map(|a| as_of(a, self.today()))
    }

    pub fn action_history(&self, id: Id) -> Result<Vec<ActionEvent>> {
        self.read(|tx| {
            action_by_id(tx, id)?;
            history_of(tx, id)
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
                &values![meeting_id],
                "listing actions",
                action_row,
            )
            .and_then(|items| with_revisions(tx, items))
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
                &values![meeting.starts_at],
                "listing the action list",
                action_row,
            )
            .and_then(|items| with_revisions(tx, items))
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
        // would keep SQLite from using an index for any of them. Each takes
        // the next number: `?N` is the parameter pushed N-th.
        let mut conditions: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        let mut bind = |condition: &str, value: Value| {
            params.push(value);
            conditions.push(condition.replace("?N", &format!("?{}", params.len())));
        };
        if let Some(term) = filter.term {
            bind(
                "a.meeting_id IN (SELECT m.id FROM meetings m JOIN terms t ON t.id = m.term_id WHERE t.number = ?N)",
                Value::from(term),
            );
        }
        if let Some(status) = filter.status {
            bind("a.status = ?N", Value::from(status.code()));
        }
        if let Some(kind) = owner_kind {
            bind("a.owner_kind = ?N", Value::from(kind));
        }
        if let Some(id) = owner_id {
            bind(
                "coalesce(a.owner_seat_id, a.owner_partner_id) = ?N",
                Value::from(id),
            );
        }
        if let Some(day) = filter.overdue_on.or(filter.overdue.then(|| self.today())) {
            bind("a.status = 'open' AND a.due_on < ?N", Value::from(day));
        }
        let filters = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        params.push(Value::from(filter.limit.unwrap_or(200)));
        params.push(Value::from(filter.offset.unwrap_or(0)));
        let (limit, offset) = (params.len() - 1, params.len());
        self.read(|tx| {
            tx.rows(
                &format!(
                    "SELECT {ACTION_COLUMNS} FROM {ACTION_FROM} {filters}
                     ORDER BY a.status <> 'open', a.due_on IS NULL, a.due_on, a.id
                     LIMIT ?{limit} OFFSET ?{offset}"
                ),
                &params,
                "listing actions",
                action_row,
            )
            .and_then(|items| with_revisions(tx, items))
        })
        .map(|items| all_as_of(items, self.today()))
    }
}

/// An action's history, oldest first.
fn history_of(tx: &dyn Executor, id: Id) -> Result<Vec<ActionEvent>> {
    tx.rows(
        "SELECT kind, at, due_before, due_after, note FROM action_events
         WHERE action_id = ?1 ORDER BY id",
        &values![id],
        "reading action history",
        |row| {
            Ok(ActionEvent {
                kind: row.code(0, ActionEventKind::parse)?,
                at: row.instant(1)?,
                due_before: row.optional_day(2)?,
                due_after: row.optional_day(3)?,
                note: row.get(4)?,
            })
        },
    )
}

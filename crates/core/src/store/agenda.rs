//! Agenda items of a meeting: add, reorder, remove, and the planned times.

use super::meetings::meeting_by_id;
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::Store;
use crate::domain::{plan_agenda, AgendaItem, AgendaItemDraft, AgendaItemKind, Id, PlannedAgenda};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::msg;

const ITEM_COLUMNS: &str =
    "id, meeting_id, position, kind, title, duration_minutes, presenter, confidential";

fn item_row(row: &Row) -> Result<AgendaItem, SqlError> {
    Ok(AgendaItem {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        position: row.get(2)?,
        kind: row.code(3, AgendaItemKind::parse)?,
        title: row.get(4)?,
        duration_minutes: row.get(5)?,
        presenter: row.get(6)?,
        confidential: row.get(7)?,
    })
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_item(
    db: &dyn Executor,
    meeting_id: Id,
    position: u32,
    kind: AgendaItemKind,
    title: &str,
    duration_minutes: u32,
    presenter: Option<&str>,
    confidential: bool,
) -> Result<Id> {
    db.insert(
        "INSERT INTO agenda_items (meeting_id, position, kind, title, duration_minutes, presenter, confidential)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         RETURNING id",
        &values![meeting_id, position, kind.code(), title, duration_minutes, presenter, confidential],
        "adding an agenda item",
    )
}

pub(crate) fn next_position(db: &dyn Executor, meeting_id: Id) -> Result<u32> {
    db.one(
        "SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?1",
        &values![meeting_id],
        "reading the agenda",
        |r| r.get(0),
    )
}

pub(crate) fn items_of(db: &dyn Executor, meeting_id: Id) -> Result<Vec<AgendaItem>> {
    db.rows(
        &format!(
            "SELECT {ITEM_COLUMNS} FROM agenda_items WHERE meeting_id = ?1 ORDER BY position, id"
        ),
        &values![meeting_id],
        "reading the agenda",
        item_row,
    )
}

fn item_by_id(db: &dyn Executor, id: Id) -> Result<AgendaItem> {
    db.optional(
        &format!("SELECT {ITEM_COLUMNS} FROM agenda_items WHERE id = ?1"),
        &values![id],
        "reading an agenda item",
        item_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::AgendaItem, id))
}

/// Refuses an agenda item that is not one of `meeting_id`'s: a decision, an
/// action or a paper goes under an item of its own meeting only.
pub(crate) fn check_item_of(db: &dyn Executor, item_id: Id, meeting_id: Id) -> Result<()> {
    if item_by_id(db, item_id)?.meeting_id != meeting_id {
        return Err(Error::validation(
            Field::AgendaItem,
            MessageKey::RecordItemOtherMeeting,
        ));
    }
    Ok(())
}

/// The agenda of a held or cancelled meeting is history: it stays as it was.
fn check_editable(db: &dyn Executor, meeting_id: Id) -> Result<()> {
    let meeting = meeting_by_id(db, meeting_id)?;
    if !meeting.is_planning() {
        return Err(Error::conflict(msg!(AgendaLocked, status = meeting.status)));
    }
    Ok(())
}

/// Renumbers positions 1..n in the given order.
fn renumber(db: &dyn Executor, ids: &[Id]) -> Result<()> {
    for (index, id) in ids.iter().enumerate() {
        db.run(
            "UPDATE agenda_items SET position = ?1 WHERE id = ?2",
            &values![index as u32 + 1, *id],
            "reordering the agenda",
        )?;
    }
    Ok(())
}

impl Store {
    pub fn agenda(&self, meeting_id: Id) -> Result<Vec<AgendaItem>> {
        self.read(|tx| {
            meeting_by_id(tx, meeting_id)?;
            items_of(tx, meeting_id)
        })
    }

    /// The agenda with planned start times and the planned end.
    pub fn planned_agenda(&self, meeting_id: Id) -> Result<PlannedAgenda> {
        self.read(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            Ok(plan_agenda(
                meeting.starts_at,
                meeting.ends_at,
                &items_of(tx, meeting_id)?,
            ))
        })
    }

    /// Adds an item at the end, or before the closing item when there is one.
    pub fn add_agenda_item(&self, meeting_id: Id, draft: &AgendaItemDraft) -> Result<AgendaItem> {
        let (title, draft) = draft.normalized()?;
        self.write(|tx| {
            check_editable(tx, meeting_id)?;
            let mut ids: Vec<Id> = items_of(tx, meeting_id)?.iter().map(|i| i.id).collect();
            let id = insert_item(
                tx,
                meeting_id,
                next_position(tx, meeting_id)?,
                draft.kind,
                &title,
                draft.duration_minutes,
                draft.presenter.as_deref(),
                draft.confidential,
            )?;
            let closing = items_of(tx, meeting_id)?
                .iter()
                .rposition(|i| i.kind == AgendaItemKind::Closing && i.id != id);
            match closing {
                Some(at) if draft.kind != AgendaItemKind::Closing => ids.insert(at, id),
                _ => ids.push(id),
            }
            renumber(tx, &ids)?;
            item_by_id(tx, id)
        })
    }

    pub fn update_agenda_item(&self, item_id: Id, draft: &AgendaItemDraft) -> Result<AgendaItem> {
        let (title, draft) = draft.normalized()?;
        self.write(|tx| {
            let item = item_by_id(tx, item_id)?;
            check_editable(tx, item.meeting_id)?;
            tx.run(
                "UPDATE agenda_items SET kind = ?1, title = ?2, duration_minutes = ?3, presenter = ?4, confidential = ?5
                 WHERE id = ?6",
                &values![draft.kind.code(), &title, draft.duration_minutes, draft.presenter.as_deref(), draft.confidential, item_id],
                "updating an agenda item",
            )?;
            item_by_id(tx, item_id)
        })
    }

    /// Moves an item to a 1-based position; the others close up around it.
    pub fn move_agenda_item(&self, item_id: Id, to_position: u32) -> Result<Vec<AgendaItem>> {
        self.write(|tx| {
            let item = item_by_id(tx, item_id)?;
            check_editable(tx, item.meeting_id)?;
            let mut ids: Vec<Id> = items_of(tx, item.meeting_id)?
                .iter()
                .map(|i| i.id)
                .collect();
            if to_position == 0 || to_position as usize > ids.len() {
                return Err(Error::validation(
                    Field::Position,
                    msg!(
                        AgendaPositionRange,
                        position = to_position,
                        count = ids.len()
                    ),
                ));
            }
            ids.retain(|id| *id != item_id);
            ids.insert(to_position as usize - 1, item_id);
            renumber(tx, &ids)?;
            items_of(tx, item.meeting_id)
        })
    }

    pub fn remove_agenda_item(&self, item_id: Id) -> Result<Vec<AgendaItem>> {
        self.write(|tx| {
            let item = item_by_id(tx, item_id)?;
            check_editable(tx, item.meeting_id)?;
            let meeting = meeting_by_id(tx, item.meeting_id)?;
            if item.kind == AgendaItemKind::CentralSubject && meeting.subject_id.is_some() {
                let others = items_of(tx, item.meeting_id)?
                    .iter()
                    .filter(|i| i.kind == AgendaItemKind::CentralSubject)
                    .count();
                if others == 1 {
                    return Err(Error::conflict(MessageKey::AgendaCentralItemStays));
                }
            }
            for table in ["decisions", "actions"] {
                tx.run(
                    &format!("UPDATE {table} SET agenda_item_id = NULL WHERE agenda_item_id = ?1"),
                    &values![item_id],
                    "unlinking an agenda item",
                )?;
            }
            tx.run(
                "DELETE FROM agenda_items WHERE id = ?1",
                &values![item_id],
                "removing an agenda item",
            )?;
            let ids: Vec<Id> = items_of(tx, item.meeting_id)?
                .iter()
                .map(|i| i.id)
                .collect();
            renumber(tx, &ids)?;
            items_of(tx, item.meeting_id)
        })
    }
}

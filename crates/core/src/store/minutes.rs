//! Minutes: written as concept, adopted at a later meeting, read-only after.

use super::meetings::meeting_by_id;
use super::revisions::{check_unchanged, revision_of};
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::Store;
use crate::domain::{Id, MeetingStatus, Minutes, MinutesStatus};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::MessageKey;

/// The minutes' columns, their revision last (see [`super::revisions`]).
fn minutes_columns() -> String {
    format!(
        "m.meeting_id, m.body, m.status, m.adopted_at, m.adopted_in_meeting_id, m.updated_at, {}",
        revision_of!("minutes", "m.meeting_id")
    )
}

fn minutes_row(row: &Row) -> Result<Minutes, SqlError> {
    Ok(Minutes {
        meeting_id: row.get(0)?,
        body: row.get(1)?,
        status: row.code(2, MinutesStatus::parse)?,
        adopted_at: row.optional_instant(3)?,
        adopted_in_meeting_id: row.get(4)?,
        updated_at: row.instant(5)?,
        revision: row.get(6)?,
    })
}

pub(crate) fn minutes_of(db: &dyn Executor, meeting_id: Id) -> Result<Option<Minutes>> {
    db.optional(
        &format!(
            "SELECT {} FROM minutes m WHERE m.meeting_id = ?1",
            minutes_columns()
        ),
        &values![meeting_id],
        "reading minutes",
        minutes_row,
    )
}

/// Decisions and actions belong to the minutes: once those are adopted the
/// record of the meeting is closed.
pub(crate) fn check_record_open(
    db: &dyn Executor,
    meeting_id: Id,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let meeting = meeting_by_id(db, meeting_id)?;
    meeting.check_record(now)?;
    if minutes_of(db, meeting_id)?.is_some_and(|m| m.status == MinutesStatus::Adopted) {
        return Err(Error::conflict(MessageKey::MinutesApprovedLocked));
    }
    Ok(())
}

impl Store {
    pub fn minutes(&self, meeting_id: Id) -> Result<Option<Minutes>> {
        self.read(|tx| {
            meeting_by_id(tx, meeting_id)?;
            minutes_of(tx, meeting_id)
        })
    }

    /// Writes the concept minutes (Markdown). `seen` is the revision the
    /// editor showed (0 when there were none yet): a save over a
    /// colleague's version is refused; `None` saves regardless.
    pub fn set_minutes(&self, meeting_id: Id, body: &str, seen: Option<i64>) -> Result<Minutes> {
        let now = self.now();
        self.write(|tx| {
            check_record_open(tx, meeting_id, self.now())?;
            check_unchanged(tx, "minutes", meeting_id, seen)?;
            tx.run(
                "INSERT INTO minutes (meeting_id, body, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (meeting_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                &values![meeting_id, body, now],
                "saving minutes",
            )?;
            minutes_of(tx, meeting_id)?.ok_or_else(|| Error::not_found(Thing::Minutes, meeting_id))
        })
    }

    /// Adopts the minutes of `meeting_id` at the later meeting `at_meeting_id`.
    pub fn adopt_minutes(&self, meeting_id: Id, at_meeting_id: Id) -> Result<Minutes> {
        let now = self.now();
        self.write_final(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            let at = meeting_by_id(tx, at_meeting_id)?;
            let minutes = minutes_of(tx, meeting_id)?
                .ok_or_else(|| Error::conflict(MessageKey::MinutesNoneToApprove))?;
            if minutes.status == MinutesStatus::Adopted {
                return Err(Error::conflict(MessageKey::MinutesAlreadyApproved));
            }
            if minutes.body.trim().is_empty() {
                return Err(Error::validation(Field::Body, MessageKey::MinutesEmpty));
            }
            if meeting.status != MeetingStatus::Held {
                return Err(Error::conflict(MessageKey::MinutesOnlyHeld));
            }
            // At a later meeting that is taking place or took place: its
            // agenda went out and it has begun.
            if at.starts_at <= meeting.starts_at || at.check_record(self.now()).is_err() {
                return Err(Error::validation(
                    Field::AtMeeting,
                    MessageKey::MinutesApproveAtLater,
                ));
            }
            tx.run(
                "UPDATE minutes SET status = 'adopted', adopted_at = ?1, adopted_in_meeting_id = ?2, updated_at = ?1
                 WHERE meeting_id = ?3",
                &values![now, at_meeting_id, meeting_id],
                "adopting minutes",
            )?;
            minutes_of(tx, meeting_id)?.ok_or_else(|| Error::not_found(Thing::Minutes, meeting_id))
        })
    }

    /// The most recent earlier meeting whose minutes still wait for adoption.
    pub fn minutes_to_adopt(&self, at_meeting_id: Id) -> Result<Option<Id>> {
        self.read(|tx| {
            let at = meeting_by_id(tx, at_meeting_id)?;
            tx.optional(
                "SELECT m.id FROM meetings m JOIN minutes n ON n.meeting_id = m.id
                 WHERE n.status = 'concept' AND m.status = 'held' AND m.starts_at < ?1
                 ORDER BY m.starts_at DESC LIMIT 1",
                &values![at.starts_at],
                "finding minutes to adopt",
                |r| r.get(0),
            )
        })
    }
}

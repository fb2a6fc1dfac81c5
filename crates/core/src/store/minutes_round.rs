//! The minutes sent round for comments: the rounds (when, and comments
//! by when) and the comments received per member seat, and the stage the
//! minutes are in — concept, *rondgestuurd*, vastgesteld.

use super::attendance::seat_of_meeting;
use super::meetings::meeting_by_id;
use super::minutes::minutes_of;
use super::sql::{values, Executor, Queries};
use super::Store;
use crate::domain::{
    required, Id, MeetingStatus, MinutesComment, MinutesCycle, MinutesRound, MinutesStatus,
};
use crate::error::{Error, Field, Result};
use crate::message::MessageKey;
use crate::msg;
use chrono::NaiveDate;

impl Store {
    /// Where the minutes of `meeting_id` are in their cycle.
    pub fn minutes_cycle(&self, meeting_id: Id) -> Result<MinutesCycle> {
        let today = self.today();
        self.read(|tx| cycle_of(tx, meeting_id, today))
    }

    /// Notes that the concept minutes went round to the members today, for
    /// comments by `comments_by` (today or later). Refused while there is no
    /// concept text, once adopted, and for a meeting not held. Sending
    /// round again (a second round after changes) is allowed; each round
    /// stays on record.
    pub fn circulate_minutes(
        &self,
        meeting_id: Id,
        comments_by: NaiveDate,
    ) -> Result<MinutesCycle> {
        let today = self.today();
        check_deadline(comments_by, today)?;
        let now = self.now();
        self.write(|tx| {
            check_circulate(tx, meeting_id)?;
            tx.run(
                "INSERT INTO minutes_rounds (meeting_id, sent_on, comments_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4)",
                &values![meeting_id, today, comments_by, now],
                "noting the minutes sent round",
            )?;
            cycle_of(tx, meeting_id, today)
        })
    }

    /// Whether the minutes may be sent round with this deadline, before
    /// the drafts are made: the same refusals as [`Store::circulate_minutes`].
    pub fn check_circulate_minutes(&self, meeting_id: Id, comments_by: NaiveDate) -> Result<()> {
        check_deadline(comments_by, self.today())?;
        self.read(|tx| check_circulate(tx, meeting_id))
    }

    /// Notes a member seat's comment on the minutes sent round, received on
    /// `received_on` (today when `None`; never after today).
    pub fn add_minutes_comment(
        &self,
        meeting_id: Id,
        seat_id: Id,
        comment: &str,
        received_on: Option<NaiveDate>,
    ) -> Result<MinutesCycle> {
        let today = self.today();
        let received_on = received_on.unwrap_or(today);
        if received_on > today {
            return Err(Error::validation(
                Field::Date,
                msg!(MinutesCommentInFuture, date = received_on),
            ));
        }
        let comment = required(Field::Body, comment)?;
        let now = self.now();
        self.write(|tx| {
            let cycle = cycle_of(tx, meeting_id, today)?;
            if !cycle.can_comment {
                return Err(Error::conflict(if cycle.adopted_on.is_some() {
                    MessageKey::MinutesApprovedLocked
                } else {
                    MessageKey::MinutesNotCirculated
                }));
            }
            let meeting = meeting_by_id(tx, meeting_id)?;
            seat_of_meeting(tx, &meeting, seat_id)?;
            tx.run(
                "INSERT INTO minutes_comments (meeting_id, seat_id, received_on, comment, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                &values![meeting_id, seat_id, received_on, comment, now],
                "noting a comment on the minutes",
            )?;
            cycle_of(tx, meeting_id, today)
        })
    }
}

fn check_deadline(comments_by: NaiveDate, today: NaiveDate) -> Result<()> {
    if comments_by < today {
        return Err(Error::validation(
            Field::Date,
            msg!(MinutesDeadlinePast, date = comments_by),
        ));
    }
    Ok(())
}

/// Refuses sending round what cannot go: minutes of a meeting not held,
/// none written, empty, or adopted.
pub(crate) fn check_circulate(tx: &dyn Executor, meeting_id: Id) -> Result<()> {
    let meeting = meeting_by_id(tx, meeting_id)?;
    if meeting.status != MeetingStatus::Held {
        return Err(Error::conflict(MessageKey::MinutesOnlyHeld));
    }
    MinutesCycle::check_circulate(minutes_of(tx, meeting_id)?.as_ref())
}

pub(crate) fn cycle_of(
    tx: &dyn Executor,
    meeting_id: Id,
    today: NaiveDate,
) -> Result<MinutesCycle> {
    let meeting = meeting_by_id(tx, meeting_id)?;
    let minutes = minutes_of(tx, meeting_id)?;
    let rounds = tx.rows(
        "SELECT sent_on, comments_by FROM minutes_rounds WHERE meeting_id = ?1 ORDER BY id",
        &values![meeting_id],
        "reading the minutes' rounds",
        |row| {
            Ok(MinutesRound {
                sent_on: row.day(0)?,
                comments_by: row.day(1)?,
            })
        },
    )?;
    let comments = tx.rows(
        "SELECT c.id, c.seat_id, s.organisation, c.received_on, c.comment
           FROM minutes_comments c JOIN seats s ON s.id = c.seat_id
          WHERE c.meeting_id = ?1 ORDER BY c.received_on, c.id",
        &values![meeting_id],
        "reading comments on the minutes",
        |row| {
            Ok(MinutesComment {
                id: row.get(0)?,
                seat_id: row.get(1)?,
                organisation: row.get(2)?,
                received_on: row.day(3)?,
                comment: row.get(4)?,
            })
        },
    )?;
    let stage = MinutesCycle::stage_of(minutes.as_ref(), &rounds);
    let adopted = minutes
        .as_ref()
        .filter(|m| m.status == MinutesStatus::Adopted);
    let adopted_in_meeting_on = match adopted.and_then(|m| m.adopted_in_meeting_id) {
        Some(at) => Some(meeting_by_id(tx, at)?.day()),
        None => None,
    };
    let held = meeting.status == MeetingStatus::Held;
    Ok(MinutesCycle {
        stage,
        comments_open: rounds.last().is_some_and(|r| r.comments_by >= today),
        can_circulate: held && MinutesCycle::check_circulate(minutes.as_ref()).is_ok(),
        can_comment: adopted.is_none() && !rounds.is_empty(),
        adopted_on: adopted
            .and_then(|m| m.adopted_at)
            .map(|at| crate::calendar::to_amsterdam(at).date()),
        adopted_in_meeting_id: adopted.and_then(|m| m.adopted_in_meeting_id),
        adopted_in_meeting_on,
        rounds,
        comments,
    })
}

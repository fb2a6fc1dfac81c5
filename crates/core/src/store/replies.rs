//! Replies before a meeting, per member seat (*komt / afgemeld / vervangen
//! door*), kept as a history — each reply appended with its date, the
//! newest counting — and the attendance list started from them.

use super::attendance::seat_of_meeting;
use super::meetings::meeting_by_id;
use super::sql::{values, Executor, Queries};
use super::Store;
use crate::domain::{optional_text, Attendance, Expected, Id, MeetingReplies, Reply, SeatReply};
use crate::error::{Error, Field, Result};
use crate::message::MessageKey;
use crate::msg;
use chrono::NaiveDate;

impl Store {
    /// Registers a seat's reply to a meeting, dated `replied_on` (today when
    /// `None`; never after today); *vervangen door* names who comes
    /// instead. A reply can be given again: the newest counts, the earlier
    /// ones stay on record.
    pub fn set_reply(
        &self,
        meeting_id: Id,
        seat_id: Id,
        reply: Reply,
        substitute: Option<&str>,
        replied_on: Option<NaiveDate>,
    ) -> Result<MeetingReplies> {
        let replied_on = replied_on.unwrap_or_else(|| self.today());
        let substitute = optional_text(substitute);
        match (reply, &substitute) {
            (Reply::Substituted, None) => {
                return Err(Error::validation(
                    Field::RepresentedBy,
                    MessageKey::ReplySubstituteRequired,
                ))
            }
            (Reply::Coming | Reply::Apologies, Some(_)) => {
                return Err(Error::validation(
                    Field::RepresentedBy,
                    MessageKey::ReplySubstituteOnly,
                ))
            }
            _ => {}
        }
        if replied_on > self.today() {
            return Err(Error::validation(
                Field::Date,
                msg!(ReplyInFuture, date = replied_on),
            ));
        }
        let now = self.now();
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            meeting.check_reply()?;
            seat_of_meeting(tx, &meeting, seat_id)?;
            insert_reply(
                tx,
                meeting_id,
                seat_id,
                reply,
                substitute.as_deref(),
                replied_on,
                now,
            )?;
            replies_of(tx, meeting_id).map(MeetingReplies::of)
        })
    }

    /// Every seat expected at the meeting (of its term, not ended before
    /// its day) with its newest reply, in the term's order, and who is
    /// expected from them.
    pub fn replies(&self, meeting_id: Id) -> Result<MeetingReplies> {
        self.read(|tx| {
            meeting_by_id(tx, meeting_id)?;
            replies_of(tx, meeting_id).map(MeetingReplies::of)
        })
    }

    /// Who is expected, counted from the replies, and the chair's reply.
    pub fn expected(&self, meeting_id: Id) -> Result<Expected> {
        self.replies(meeting_id).map(|r| r.expected)
    }

    /// Starts the attendance list from the replies: every seat that replied
    /// and has no attendance registered yet gets what its reply says
    /// (*komt* present, *afgemeld* apologies, *vervangen door* represented
    /// by the substitute). Registered attendance is left as it is. Only
    /// once the meeting's day has come, as any registration.
    pub fn attendance_from_replies(&self, meeting_id: Id) -> Result<Vec<Attendance>> {
        self.write(|tx| {
            meeting_by_id(tx, meeting_id)?.check_record(self.now())?;
            for reply in replies_of(tx, meeting_id)? {
                let Some(answer) = reply.reply else { continue };
                tx.run(
                    "INSERT INTO attendance (meeting_id, seat_id, status, represented_by)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (meeting_id, seat_id) DO NOTHING",
                    &values![
                        meeting_id,
                        reply.seat_id,
                        answer.attendance().code(),
                        reply.substitute.as_deref()
                    ],
                    "starting attendance from the replies",
                )?;
            }
            super::attendance::attendance_of(tx, meeting_id)
        })
    }
}

pub(crate) fn insert_reply(
    tx: &dyn Executor,
    meeting_id: Id,
    seat_id: Id,
    reply: Reply,
    substitute: Option<&str>,
    replied_on: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    tx.run(
        "INSERT INTO seat_replies (meeting_id, seat_id, reply, substitute, replied_on, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &values![
            meeting_id,
            seat_id,
            reply.code(),
            substitute,
            replied_on,
            now
        ],
        "registering a reply",
    )
    .map(|_| ())
}

pub(crate) fn replies_of(db: &dyn Executor, meeting_id: Id) -> Result<Vec<SeatReply>> {
    db.rows(
        "SELECT s.id, s.organisation, s.role, s.person, s.chair, r.reply, r.substitute, r.replied_on,
                s.deputy
           FROM meetings m
           JOIN seats s ON s.term_id = m.term_id
           LEFT JOIN seat_replies r ON r.id = (
               SELECT max(n.id) FROM seat_replies n
                WHERE n.meeting_id = m.id AND n.seat_id = s.id)
          WHERE m.id = ?1
            AND (s.ends_on IS NULL OR s.ends_on >= substr(m.starts_at, 1, 10) OR r.id IS NOT NULL)
          ORDER BY s.position, s.id",
        &values![meeting_id],
        "reading replies",
        |row| {
            let reply = row.optional_code(5, Reply::parse)?;
            Ok(SeatReply {
                seat_id: row.get(0)?,
                organisation: row.get(1)?,
                role: row.get(2)?,
                person: row.get(3)?,
                deputy: row.get(8)?,
                chair: row.get(4)?,
                reply,
                substitute: row.get(6)?,
                replied_on: row.optional_day(7)?,
            })
        },
    )
}

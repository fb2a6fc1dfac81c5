//! Attendance of member seats at a meeting.

use super::meetings::meeting_by_id;
use super::seats::seat_by_id;
use super::sql::{values, Executor, Queries};
use super::Store;
use crate::domain::{
    optional_text, Attendance, AttendanceStatus, Id, Meeting, MeetingStatus, Seat,
};
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::msg;

impl Store {
    /// Takes back a registration made by mistake: the seat is "not
    /// registered" again.
    pub fn clear_attendance(&self, meeting_id: Id, seat_id: Id) -> Result<Vec<Attendance>> {
        self.write(|tx| {
            meeting_by_id(tx, meeting_id)?.check_record(self.now())?;
            tx.run(
                "DELETE FROM attendance WHERE meeting_id = ?1 AND seat_id = ?2",
                &values![meeting_id, seat_id],
                "clearing attendance",
            )?;
            attendance_of(tx, meeting_id)
        })
    }

    /// Registers a seat's attendance. A seat of another term cannot attend,
    /// and "represented" needs the name of who represented it.
    pub fn set_attendance(
        &self,
        meeting_id: Id,
        seat_id: Id,
        status: AttendanceStatus,
        represented_by: Option<&str>,
    ) -> Result<Vec<Attendance>> {
        let represented_by = optional_text(represented_by);
        match (status, &represented_by) {
            (AttendanceStatus::Represented, None) => {
                return Err(Error::validation(
                    Field::RepresentedBy,
                    MessageKey::AttendanceRepresentedByRequired,
                ))
            }
            (
                AttendanceStatus::Present | AttendanceStatus::Absent | AttendanceStatus::Apologies,
                Some(_),
            ) => {
                return Err(Error::validation(
                    Field::RepresentedBy,
                    MessageKey::AttendanceRepresentedByOnly,
                ))
            }
            _ => {}
        }
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            if meeting.status == MeetingStatus::Cancelled {
                return Err(Error::conflict(MessageKey::AttendanceCancelled));
            }
            meeting.check_record(self.now())?;
            seat_of_meeting(tx, &meeting, seat_id)?;
            tx.run(
                "INSERT INTO attendance (meeting_id, seat_id, status, represented_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (meeting_id, seat_id) DO UPDATE SET status = excluded.status,
                    represented_by = excluded.represented_by",
                &values![meeting_id, seat_id, status.code(), represented_by],
                "registering attendance",
            )?;
            attendance_of(tx, meeting_id)
        })
    }

    /// Every seat of the meeting's term with its attendance, registered or not.
    pub fn attendance(&self, meeting_id: Id) -> Result<Vec<Attendance>> {
        self.read(|tx| {
            meeting_by_id(tx, meeting_id)?;
            attendance_of(tx, meeting_id)
        })
    }
}

/// The seat `seat_id`, which must be one of the meeting's term: only its
/// members attend and reply.
pub(crate) fn seat_of_meeting(db: &dyn Executor, meeting: &Meeting, seat_id: Id) -> Result<Seat> {
    let seat = seat_by_id(db, seat_id)?;
    if seat.term_id != meeting.term_id {
        return Err(Error::validation(
            Field::Seat,
            msg!(
                AttendanceSeatNotInTerm,
                organisation = &seat.organisation,
                role = &seat.role
            ),
        ));
    }
    Ok(seat)
}

pub(crate) fn attendance_of(db: &dyn Executor, meeting_id: Id) -> Result<Vec<Attendance>> {
    db.rows(
        "SELECT s.id, s.organisation, s.role, a.status, a.represented_by
             FROM meetings m
             JOIN seats s ON s.term_id = m.term_id
             LEFT JOIN attendance a ON a.meeting_id = m.id AND a.seat_id = s.id
             WHERE m.id = ?1
               -- A seat that ended before the meeting's day is not listed
               -- (what it attended before stays with those meetings).
               AND (s.ends_on IS NULL OR s.ends_on >= substr(m.starts_at, 1, 10) OR a.seat_id IS NOT NULL)
             ORDER BY s.position, s.id",
        &values![meeting_id],
        "reading attendance",
        |row| {
            let status = row.optional_code(3, AttendanceStatus::parse)?;
            Ok(Attendance {
                seat_id: row.get(0)?,
                organisation: row.get(1)?,
                role: row.get(2)?,
                status,
                represented_by: row.get(4)?,
            })
        },
    )
}

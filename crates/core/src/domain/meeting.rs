//! Meetings (*bijeenkomsten*) and the rules of their life: one central subject
//! at most, none scheduled without it, dates inside the term.

use super::{code_enum, optional_text, Id, Subject, Term};
use crate::calendar;
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::{Message, MessageKey};
use crate::msg;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

code_enum!(MeetingStatus, Status {
    Concept = "concept",
    Scheduled = "scheduled" | "gepland" | "agenda verstuurd",
    Held = "held" | "gehouden",
    Cancelled = "cancelled" | "geannuleerd",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Meeting {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub term_id: Id,
    /// Order within the term by start time, from 1.
    pub number: u32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    pub status: MeetingStatus,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub subject_id: Option<Id>,
    /// Raised every time a scheduled meeting moves, so calendar exports update.
    pub sequence: u32,
    /// When the members' invitation was last prepared, and marked sent.
    pub members_draft_at: Option<DateTime<Utc>>,
    pub members_sent_at: Option<DateTime<Utc>>,
    /// The SEQUENCE the last prepared invitation or update carried.
    pub drafts_sequence: Option<u32>,
    /// Its revision, sent back with a move so a save over a colleague's
    /// change is refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

/// A meeting with what a screen or export shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingDetail {
    pub meeting: Meeting,
    pub term_number: u32,
    pub subject: Option<Subject>,
    pub date_text: String,
    /// What can be done with the meeting now; the screens show only these.
    pub allowed: MeetingAllowed,
    /// What is still to be done to get the invitations out.
    pub to_do: Vec<Message>,
    /// Said beside the meeting: an agenda running past its end.
    pub agenda_warning: Option<Message>,
}

/// What the meeting's status (and its minutes) allow — decided here, so the
/// screens never compare status strings. The store refuses the same things
/// with a reason, by the same rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingAllowed {
    /// Send the agenda: a concept meeting (refused, with the reason, while
    /// it has no central subject).
    pub schedule: bool,
    pub hold: bool,
    pub cancel: bool,
    /// Move it, edit its agenda, invite partners for it.
    pub plan: bool,
    pub choose_subject: bool,
    /// Attendance, minutes, decisions and actions belong to a meeting whose
    /// agenda went out and that has begun.
    pub register_attendance: bool,
    /// Write the minutes, record decisions and actions: until the minutes
    /// are adopted.
    pub record: bool,
    /// Prepare invitation drafts (or the update or cancellation due).
    pub prepare_drafts: bool,
    /// Say the members' prepared invitation went out.
    pub mark_members_sent: bool,
    /// Take it out of the record altogether: a concept nobody was told of.
    pub remove: bool,
    /// Register members' replies: until it is cancelled.
    pub reply: bool,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingDraft {
    pub term_number: u32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
}

impl MeetingDraft {
    /// Checks the times on their own and against the term.
    pub fn validate(&self, term: &Term) -> Result<MeetingDraft> {
        check_times(term, self.starts_at, self.ends_at)?;
        Ok(MeetingDraft {
            location: optional_text(Some(&self.location)).unwrap_or_default(),
            ..self.clone()
        })
    }
}

pub(crate) fn check_times(
    term: &Term,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<()> {
    // Named after the form's fields (a date and two times), which is where
    // the window shows them.
    if ends_at <= starts_at {
        return Err(Error::validation(
            Field::EndTime,
            MessageKey::TimeEndAfterStart,
        ));
    }
    if ends_at - starts_at > Duration::hours(12) {
        return Err(Error::validation(
            Field::EndTime,
            MessageKey::MeetingMaxDuration,
        ));
    }
    let start_day = calendar::to_amsterdam(starts_at).date();
    let end_day = calendar::to_amsterdam(ends_at).date();
    term.check_contains(Field::Date, start_day)?;
    term.check_contains(Field::Date, end_day)?;
    Ok(())
}

impl Meeting {
    /// What may be done with the meeting at `now` (the store's clock).
    pub fn allowed(&self, minutes_adopted: bool, now: DateTime<Utc>) -> MeetingAllowed {
        use MeetingStatus::*;
        let planning = self.is_planning();
        let recording = self.check_record(now).is_ok();
        MeetingAllowed {
            schedule: self.status == Concept,
            hold: self.check_hold(now).is_ok(),
            cancel: self.check_cancel().is_ok(),
            plan: planning,
            choose_subject: planning,
            register_attendance: recording,
            record: recording && !minutes_adopted,
            // A cancellation only needs saying to those who were invited.
            prepare_drafts: planning
                || (self.status == Cancelled && self.drafts_sequence.is_some()),
            mark_members_sent: self.members_draft_at.is_some()
                && self.members_sent_at.is_none()
                && self.status != Cancelled,
            remove: self.check_remove().is_ok(),
            reply: self.check_reply().is_ok(),
        }
    }

    /// Replies are kept for any meeting but a cancelled one.
    pub fn check_reply(&self) -> Result<()> {
        if self.status == MeetingStatus::Cancelled {
            return Err(Error::conflict(MessageKey::ReplyCancelled));
        }
        Ok(())
    }

    /// Still ahead of its day as a plan: it can move, its agenda and its
    /// invitations can change.
    pub fn is_planning(&self) -> bool {
        matches!(
            self.status,
            MeetingStatus::Concept | MeetingStatus::Scheduled
        )
    }

    /// The day of the meeting in Amsterdam, which is the day that counts.
    pub fn day(&self) -> chrono::NaiveDate {
        calendar::to_amsterdam(self.starts_at).date()
    }

    /// Attendance, minutes, decisions and actions: for a meeting whose
    /// agenda went out, from the moment it begins.
    pub fn check_record(&self, now: DateTime<Utc>) -> Result<()> {
        if !matches!(self.status, MeetingStatus::Scheduled | MeetingStatus::Held) {
            return Err(Error::conflict(msg!(MinutesNotYet, status = self.status)));
        }
        if now < self.starts_at {
            return Err(Error::conflict(msg!(MeetingNotStarted, date = self.day())));
        }
        Ok(())
    }

    /// A meeting that was planned and never announced can be taken out as
    /// if it never was; once anyone was told, it is cancelled instead.
    pub fn check_remove(&self) -> Result<()> {
        if self.status != MeetingStatus::Concept {
            return Err(Error::conflict(msg!(
                MeetingCannotRemove,
                status = self.status
            )));
        }
        if self.members_sent_at.is_some() {
            return Err(Error::conflict(MessageKey::MeetingRemoveAnnounced));
        }
        Ok(())
    }

    /// A meeting can only be scheduled (agenda sent) with a central subject.
    pub fn check_schedule(&self) -> Result<()> {
        match self.status {
            MeetingStatus::Concept => {}
            MeetingStatus::Scheduled => {
                return Err(Error::conflict(MessageKey::MeetingAlreadyScheduled));
            }
            other => return Err(Error::conflict(msg!(MeetingCannotSchedule, status = other))),
        }
        if self.subject_id.is_none() {
            return Err(Error::validation(
                Field::Subject,
                MessageKey::MeetingSubjectToSchedule,
            ));
        }
        Ok(())
    }

    pub fn check_set_subject(&self, subject: Option<Id>) -> Result<()> {
        if self.status == MeetingStatus::Cancelled {
            return Err(Error::conflict(MessageKey::MeetingCancelledSubjectLocked));
        }
        if subject.is_none()
            && matches!(self.status, MeetingStatus::Scheduled | MeetingStatus::Held)
        {
            return Err(Error::validation(
                Field::Subject,
                MessageKey::MeetingSubjectStays,
            ));
        }
        Ok(())
    }

    /// Held only once its day has come (Amsterdam time).
    pub fn check_hold(&self, now: DateTime<Utc>) -> Result<()> {
        match self.status {
            MeetingStatus::Scheduled => {}
            MeetingStatus::Concept => {
                return Err(Error::conflict(MessageKey::MeetingScheduleBeforeHeld))
            }
            other => return Err(Error::conflict(msg!(MeetingCannotHold, status = other))),
        }
        if calendar::to_amsterdam(now).date() < self.day() {
            return Err(Error::conflict(msg!(
                MeetingHoldBeforeDate,
                date = self.day()
            )));
        }
        Ok(())
    }

    pub fn check_cancel(&self) -> Result<()> {
        match self.status {
            MeetingStatus::Concept | MeetingStatus::Scheduled => Ok(()),
            other => Err(Error::conflict(msg!(MeetingCannotCancel, status = other))),
        }
    }

    pub fn check_reschedule(
        &self,
        term: &Term,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    ) -> Result<()> {
        if matches!(self.status, MeetingStatus::Held | MeetingStatus::Cancelled) {
            return Err(Error::conflict(msg!(
                MeetingCannotMove,
                status = self.status
            )));
        }
        check_times(term, starts_at, ends_at)
    }
}

/// A meeting as a form fills it in: a date and Amsterdam wall-clock times.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingForm {
    pub term_number: u32,
    /// `YYYY-MM-DD`
    pub date: String,
    /// `HH:MM`
    pub start_time: String,
    /// `HH:MM`
    pub end_time: String,
    pub location: String,
}

impl MeetingForm {
    /// Turns the form into UTC instants; errors name the field to fix.
    pub fn parse(&self) -> Result<MeetingDraft> {
        let date = calendar::parse_date(Field::Date, &self.date)?;
        let start = calendar::parse_time(Field::StartTime, &self.start_time)?;
        let end = calendar::parse_time(Field::EndTime, &self.end_time)?;
        Ok(MeetingDraft {
            term_number: self.term_number,
            starts_at: calendar::amsterdam_to_utc(Field::StartTime, date.and_time(start))?,
            ends_at: calendar::amsterdam_to_utc(Field::EndTime, date.and_time(end))?,
            location: self.location.clone(),
        })
    }
}

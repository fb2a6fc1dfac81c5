//! Calendar replies read in: each answer in the dropped or chosen files is
//! matched to its meeting by UID and to a member seat, a deputy or an
//! invited partner by its ATTENDEE address, and registered as their reply
//! — unless it answers an older SEQUENCE, comes from an address nobody
//! has, or says *tentative*: those are reported for the secretariat, never
//! applied silently or guessed.

use super::invitations::{invitations_of, move_invitation};
use super::meetings::meeting_by_id;
use super::partners::partner_by_id;
use super::replies::{insert_reply, replies_of};
use super::seats::seats_of;
use super::sql::{values, Executor, Queries};
use super::terms::term_by_id;
use super::Store;
use crate::calendar::to_amsterdam;
use crate::domain::{
    Id, InvitationStatus, Meeting, Reply, ReplyFile, ReplyOutcome, ReplyReading, ReplyReadings,
};
use crate::error::{Error, Result};
use crate::itip::{self, Answer, CalendarReply};
use crate::message::Message;
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};

impl Store {
    /// Reads the replies in `files` and registers each answer it can place,
    /// all in one step (one undo takes them all back). With `meeting`
    /// (the files were dropped on it), answers to any other meeting are
    /// reported, not applied; without, each answer goes to the meeting its
    /// UID names. Answers are applied oldest first, so the newest counts.
    pub fn read_calendar_replies(
        &self,
        files: &[ReplyFile],
        meeting: Option<Id>,
    ) -> Result<ReplyReadings> {
        let mut readings = Vec::new();
        let mut answers: Vec<(&str, CalendarReply)> = Vec::new();
        for file in files {
            match itip::read_replies(&file.bytes) {
                Ok(replies) => answers.extend(replies.into_iter().map(|r| (file.name.as_str(), r))),
                Err(note) => readings.push(ReplyReading {
                    file: file.name.clone(),
                    meeting_id: None,
                    outcome: ReplyOutcome::Unreadable,
                    note,
                }),
            }
        }
        answers.sort_by_key(|(_, reply)| reply.stamped);
        let now = self.now();
        let today = self.today();
        if let Some(id) = meeting {
            // A meeting that is not there is an error, not a report line.
            self.read(|tx| meeting_by_id(tx, id).map(|_| ()))?;
        }
        if answers.is_empty() {
            return Ok(ReplyReadings::of(readings));
        }
        self.write(|tx| {
            for (file, reply) in &answers {
                let (meeting_id, outcome, note) = apply(tx, reply, meeting, now, today)?;
                readings.push(ReplyReading {
                    file: file.to_string(),
                    meeting_id,
                    outcome,
                    note,
                });
            }
            Ok(ReplyReadings::of(readings))
        })
    }
}

type Applied = (Option<Id>, ReplyOutcome, Message);

fn apply(
    tx: &dyn Executor,
    reply: &CalendarReply,
    only: Option<Id>,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<Applied> {
    let Some(meeting) = meeting_of(tx, &reply.uid)? else {
        let note = msg!(ReplyReadForeign, uid = &reply.uid);
        return Ok((None, ReplyOutcome::OtherMeeting, note));
    };
    let id = Some(meeting.id);
    if only.is_some_and(|only| only != meeting.id) {
        let day = to_amsterdam(meeting.starts_at).date();
        return Ok((
            id,
            ReplyOutcome::OtherMeeting,
            msg!(ReplyReadOtherMeeting, meeting = day),
        ));
    }
    let who = reply.name.clone().unwrap_or_else(|| reply.address.clone());
    if let Err(refused) = meeting.check_reply() {
        let note = msg!(ReplyReadNotApplied, who = &who, reason = refused.message());
        return Ok((id, ReplyOutcome::NotApplied, note));
    }
    if reply.sequence < meeting.sequence {
        let note = msg!(
            ReplyReadStale,
            who = &who,
            sequence = reply.sequence,
            current = meeting.sequence
        );
        return Ok((id, ReplyOutcome::Stale, note));
    }
    // A reply is dated when it was given, never after today.
    let answered_at = reply.stamped.filter(|t| *t <= now).unwrap_or(now);
    let replied_on = to_amsterdam(answered_at).date().min(today);
    let day = to_amsterdam(meeting.starts_at).date();
    for seat in seats_of(tx, meeting.term_id)? {
        if !seat.sits_on(day) {
            continue;
        }
        let member = same(seat.email.as_deref(), &reply.address);
        let deputy = same(seat.deputy_email.as_deref(), &reply.address);
        if !member && !deputy {
            continue;
        }
        let who = match (&seat.person, member) {
            (Some(person), true) => format!("{} ({person})", seat.organisation),
            _ => format!("{} ({who})", seat.organisation),
        };
        let deputy_name = seat.deputy.clone().unwrap_or_else(|| who.clone());
        let (answer, substitute) = match (reply.answer, member) {
            (Answer::Tentative, _) => {
                return Ok((
                    id,
                    ReplyOutcome::Tentative,
                    msg!(ReplyReadTentative, who = &who),
                ))
            }
            (Answer::Accepted, true) => (Reply::Coming, None),
            (Answer::Declined, true) => (Reply::Apologies, None),
            (Answer::Accepted, false) => (Reply::Substituted, Some(deputy_name)),
            (Answer::Declined, false) => {
                let note = msg!(ReplyReadDeputyNotComing, who = &who);
                return Ok((id, ReplyOutcome::NotApplied, note));
            }
            (Answer::Delegated, _) => (Reply::Substituted, reply.delegate.clone()),
        };
        let newest = replies_of(tx, meeting.id)?
            .into_iter()
            .find(|r| r.seat_id == seat.id);
        if newest.is_some_and(|r| r.reply == Some(answer) && r.substitute == substitute) {
            let note = msg!(ReplyReadUnchanged, who = &who, answer = answer);
            return Ok((id, ReplyOutcome::Unchanged, note));
        }
        insert_reply(
            tx,
            meeting.id,
            seat.id,
            answer,
            substitute.as_deref(),
            replied_on,
            now,
        )?;
        let note = msg!(
            ReplyReadRegistered,
            who = &who,
            answer = answer,
            date = replied_on
        );
        return Ok((id, ReplyOutcome::Registered, note));
    }
    for invitation in invitations_of(tx, meeting.id)? {
        if !invitation.expected() {
            continue;
        }
        let partner = partner_by_id(tx, invitation.partner_id)?;
        if !same(partner.email.as_deref(), &reply.address) {
            continue;
        }
        let who = partner.organisation.clone();
        let to = match reply.answer {
            Answer::Tentative => {
                return Ok((
                    id,
                    ReplyOutcome::Tentative,
                    msg!(ReplyReadTentative, who = &who),
                ))
            }
            // The organisation still comes, in someone else's person.
            Answer::Accepted | Answer::Delegated => InvitationStatus::Accepted,
            Answer::Declined => InvitationStatus::Declined,
        };
        if invitation.status == to {
            let note = msg!(ReplyReadUnchanged, who = &who, answer = to);
            return Ok((id, ReplyOutcome::Unchanged, note));
        }
        return match move_invitation(tx, invitation.id, to, None, now, answered_at) {
            Ok(_) => {
                let note = msg!(
                    ReplyReadRegistered,
                    who = &who,
                    answer = to,
                    date = replied_on
                );
                Ok((id, ReplyOutcome::Registered, note))
            }
            Err(refused @ (Error::Conflict(_) | Error::Validation { .. })) => {
                let note = msg!(ReplyReadNotApplied, who = &who, reason = refused.message());
                Ok((id, ReplyOutcome::NotApplied, note))
            }
            Err(other) => Err(other),
        };
    }
    let note = msg!(ReplyReadUnknownAddress, address = &reply.address);
    Ok((id, ReplyOutcome::UnknownAddress, note))
}

/// The meeting a UID of ours names, when it is in this record and of the
/// term the UID says.
fn meeting_of(tx: &dyn Executor, uid: &str) -> Result<Option<Meeting>> {
    let Some((term_number, meeting_id)) = itip::meeting_of_uid(uid) else {
        return Ok(None);
    };
    let found = tx.optional(
        "SELECT id FROM meetings WHERE id = ?1",
        &values![meeting_id],
        "finding a reply's meeting",
        |row| row.get::<Id>(0),
    )?;
    let Some(found) = found else { return Ok(None) };
    let meeting = meeting_by_id(tx, found)?;
    let term = term_by_id(tx, meeting.term_id)?;
    Ok((term.number == term_number).then_some(meeting))
}

fn same(address: Option<&str>, wanted: &str) -> bool {
    address.is_some_and(|a| a.trim().eq_ignore_ascii_case(wanted))
}

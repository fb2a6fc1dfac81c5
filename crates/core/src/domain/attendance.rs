//! Attendance (*aanwezigheid*) per member seat at a meeting, and the
//! replies before it (*komt / afgemeld / vervangen door*) it starts from.

use super::{code_enum, Id};
use chrono::NaiveDate;
use serde::Serialize;

code_enum!(AttendanceStatus, Status {
    Present = "present" | "aanwezig",
    Absent = "absent" | "afwezig",
    Represented = "represented" | "vertegenwoordigd",
    // Apologies sent beforehand: absent, but not without a word.
    Apologies = "apologies" | "afgemeld",
});

code_enum!(Reply, Status {
    Coming = "coming" | "komt",
    Apologies = "apologies" | "afgemeld",
    Substituted = "substituted" | "vervangen" | "vervangen door",
});

impl Reply {
    /// The attendance a reply leads to, when the meeting is recorded.
    pub fn attendance(self) -> AttendanceStatus {
        match self {
            Reply::Coming => AttendanceStatus::Present,
            Reply::Apologies => AttendanceStatus::Apologies,
            Reply::Substituted => AttendanceStatus::Represented,
        }
    }
}

/// A member seat's newest reply to a meeting's invitation; `reply` is
/// `None` while none came (*geen reactie*).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatReply {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seat_id: Id,
    pub organisation: String,
    pub role: String,
    pub person: Option<String>,
    /// The seat's deputy (for the chair: who chairs in their place).
    pub deputy: Option<String>,
    pub chair: bool,
    pub reply: Option<Reply>,
    /// Who comes instead, for *vervangen door*.
    pub substitute: Option<String>,
    pub replied_on: Option<NaiveDate>,
}

/// Every member seat's newest reply to a meeting, and who is expected from
/// them: what the meeting screen and the CLI show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MeetingReplies {
    pub replies: Vec<SeatReply>,
    pub expected: Expected,
}

impl MeetingReplies {
    pub fn of(replies: Vec<SeatReply>) -> MeetingReplies {
        let expected = Expected::of(&replies);
        MeetingReplies { replies, expected }
    }
}

/// Who is expected at a meeting, from the replies: what the meeting screen
/// and the CLI say before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Expected {
    pub coming: u32,
    pub substituted: u32,
    pub apologies: u32,
    pub no_reply: u32,
    /// The chair's seat and its reply, when the term has a chair.
    pub chair: Option<SeatReply>,
}

impl Expected {
    pub fn of(replies: &[SeatReply]) -> Expected {
        let count =
            |reply: Option<Reply>| replies.iter().filter(|r| r.reply == reply).count() as u32;
        Expected {
            coming: count(Some(Reply::Coming)),
            substituted: count(Some(Reply::Substituted)),
            apologies: count(Some(Reply::Apologies)),
            no_reply: count(None),
            chair: replies.iter().find(|r| r.chair).cloned(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attendance {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seat_id: Id,
    pub organisation: String,
    pub role: String,
    /// `None` while not registered yet.
    pub status: Option<AttendanceStatus>,
    pub represented_by: Option<String>,
}

code_enum!(ReplyOutcome, Status {
    // Registered as the seat's reply or the partner's answer.
    Registered = "registered",
    // The record said so already: nothing added.
    Unchanged = "unchanged",
    // Answers an older version of the invitation (the meeting moved since).
    Stale = "stale",
    // *Onder voorbehoud*: the secretariat asks rather than guesses.
    Tentative = "tentative",
    // Read, but the record cannot take it (a cancelled meeting, an
    // invitation that cannot move so, a deputy who declines).
    NotApplied = "not_applied",
    // From an address of no seat, deputy or invited partner.
    UnknownAddress = "unknown_address",
    // Answers another meeting, or no meeting of ours.
    OtherMeeting = "other_meeting",
    // The file holds no readable reply.
    Unreadable = "unreadable",
});

/// What became of one answer (or one file) read in, said in the user's
/// language: nothing is applied silently, nothing unknown is guessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReplyReading {
    pub file: String,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub meeting_id: Option<Id>,
    pub outcome: ReplyOutcome,
    pub note: crate::message::Message,
}

/// Every answer in the files read, in the order applied (oldest first).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReplyReadings {
    pub readings: Vec<ReplyReading>,
    pub registered: u32,
    /// Read but not registered: each needs the secretariat's eye.
    pub to_check: u32,
}

impl ReplyReadings {
    pub fn of(readings: Vec<ReplyReading>) -> ReplyReadings {
        let count = |wanted: &[ReplyOutcome]| {
            readings
                .iter()
                .filter(|r| wanted.contains(&r.outcome))
                .count() as u32
        };
        ReplyReadings {
            registered: count(&[ReplyOutcome::Registered]),
            to_check: count(&[
                ReplyOutcome::Stale,
                ReplyOutcome::Tentative,
                ReplyOutcome::NotApplied,
                ReplyOutcome::UnknownAddress,
                ReplyOutcome::OtherMeeting,
                ReplyOutcome::Unreadable,
            ]),
            readings,
        }
    }
}

/// A file to read replies from, as dropped or chosen.
#[derive(Debug, Clone)]
pub struct ReplyFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

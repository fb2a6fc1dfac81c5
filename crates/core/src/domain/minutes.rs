//! Minutes (*verslag*) of a meeting: Markdown, concept until adopted at a later
//! meeting, read-only after; in between they may be sent round to the
//! members for comments (*rondgestuurd*), each comment noted per seat.

use super::{code_enum, Id};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

code_enum!(MinutesStatus, Status {
    Concept = "concept",
    Adopted = "adopted" | "vastgesteld",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Minutes {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub meeting_id: Id,
    pub body: String,
    pub status: MinutesStatus,
    pub adopted_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub adopted_in_meeting_id: Option<Id>,
    pub updated_at: DateTime<Utc>,
    /// Sent back with an edit, so a save over a colleague's version is
    /// refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

code_enum!(MinutesStage, Status {
    Concept = "concept",
    // Sent round for comments (*ter becommentariëring*), with a deadline.
    Circulated = "circulated" | "rondgestuurd",
    Adopted = "adopted" | "vastgesteld",
});

/// One round of the concept minutes sent to the members for comments.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MinutesRound {
    pub sent_on: NaiveDate,
    pub comments_by: NaiveDate,
}

/// A comment on the concept minutes, received from a member seat.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MinutesComment {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seat_id: Id,
    pub organisation: String,
    pub received_on: NaiveDate,
    pub comment: String,
}

/// Where a meeting's minutes are in their cycle — concept, sent round for
/// comments, adopted (at which meeting) — with the rounds and comments,
/// and what may be done now: what the meeting screen and the CLI show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MinutesCycle {
    pub stage: MinutesStage,
    pub rounds: Vec<MinutesRound>,
    pub comments: Vec<MinutesComment>,
    /// The newest round's deadline has not passed.
    pub comments_open: bool,
    pub adopted_on: Option<NaiveDate>,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub adopted_in_meeting_id: Option<Id>,
    /// The meeting it was adopted at, by its day.
    pub adopted_in_meeting_on: Option<NaiveDate>,
    /// Send round (again): concept text there, not adopted.
    pub can_circulate: bool,
    /// Note a comment: sent round, not adopted.
    pub can_comment: bool,
}

impl MinutesCycle {
    /// The stage by the rules: adopted is final; concept minutes sent
    /// round at least once are *rondgestuurd*.
    pub fn stage_of(minutes: Option<&Minutes>, rounds: &[MinutesRound]) -> MinutesStage {
        match minutes {
            Some(m) if m.status == MinutesStatus::Adopted => MinutesStage::Adopted,
            Some(_) if !rounds.is_empty() => MinutesStage::Circulated,
            _ => MinutesStage::Concept,
        }
    }

    /// Whether minutes may be sent round: there is concept text.
    pub fn check_circulate(minutes: Option<&Minutes>) -> crate::Result<()> {
        match minutes {
            None => Err(crate::Error::conflict(
                crate::MessageKey::MinutesNoneToCirculate,
            )),
            Some(m) if m.status == MinutesStatus::Adopted => Err(crate::Error::conflict(
                crate::MessageKey::MinutesAlreadyApproved,
            )),
            Some(m) if m.body.trim().is_empty() => Err(crate::Error::validation(
                crate::error::Field::Body,
                crate::MessageKey::MinutesEmpty,
            )),
            Some(_) => Ok(()),
        }
    }
}

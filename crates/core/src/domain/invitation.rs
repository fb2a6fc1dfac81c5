//! Invitations of external partners to a meeting, whose status only moves
//! forward: proposed → invited → accepted | declined → attended | no-show.
//! A correction may move it anywhere, and is logged as one.

use super::{code_enum, Id};
use crate::error::{Error, Result};
use crate::message::{Message, Param};
use crate::msg;
use chrono::{DateTime, Utc};
use serde::Serialize;

code_enum!(InvitationStatus, Status {
    Proposed = "proposed" | "voorgesteld",
    Invited = "invited" | "uitgenodigd",
    Accepted = "accepted" | "geaccepteerd" | "toegezegd",
    Declined = "declined" | "afgemeld" | "afgewezen",
    Attended = "attended" | "aanwezig geweest" | "aanwezig" | "geweest",
    NoShow = "no_show" | "no-show" | "niet verschenen",
});

impl InvitationStatus {
    /// The statuses this one may move to without a correction.
    pub fn next(self) -> &'static [InvitationStatus] {
        use InvitationStatus::*;
        match self {
            Proposed => &[Invited],
            Invited => &[Accepted, Declined],
            Accepted => &[Attended, NoShow, Declined],
            Declined | Attended | NoShow => &[],
        }
    }

    pub fn check_move(self, to: InvitationStatus, correction: bool) -> Result<()> {
        if self == to {
            return Err(Error::conflict(msg!(InvitationAlreadyStatus, status = to)));
        }
        if correction || self.next().contains(&to) {
            return Ok(());
        }
        Err(Error::conflict(if self.next().is_empty() {
            msg!(InvitationCannotMove, from = self, to = to)
        } else {
            msg!(
                InvitationCannotMoveBut,
                from = self,
                to = to,
                next = Param::List(self.next().iter().map(|&s| Param::from(s)).collect())
            )
        }))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Invitation {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub meeting_id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub partner_id: Id,
    pub partner_name: Message,
    pub status: InvitationStatus,
    /// Where the status may move without a correction.
    pub next: Vec<InvitationStatus>,
    pub proposed_at: DateTime<Utc>,
    pub invited_at: Option<DateTime<Utc>>,
    pub responded_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// Why this partner is invited, said in their invitation.
    pub reason: String,
    pub draft_prepared_at: Option<DateTime<Utc>>,
    /// Withdrawn after it went out: the partner is no longer expected.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl Invitation {
    /// Still expected at the meeting, so addressed by its mail.
    pub fn expected(&self) -> bool {
        self.withdrawn_at.is_none()
            && matches!(
                self.status,
                InvitationStatus::Proposed | InvitationStatus::Invited | InvitationStatus::Accepted
            )
    }

    /// Withdrawn while its meeting is still planned: a proposal nobody saw
    /// is removed, an invitation that went out is marked withdrawn.
    pub fn check_withdraw(&self) -> Result<()> {
        if self.withdrawn_at.is_some() {
            return Err(Error::conflict(
                crate::message::MessageKey::InvitationAlreadyWithdrawn,
            ));
        }
        Ok(())
    }

    /// Never told: nothing to say to the partner, so nothing to keep.
    pub fn unseen(&self) -> bool {
        self.status == InvitationStatus::Proposed && self.draft_prepared_at.is_none()
    }
}

/// One logged status move.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct InvitationEvent {
    pub from: Option<InvitationStatus>,
    pub to: InvitationStatus,
    pub at: DateTime<Utc>,
    pub correction: bool,
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::InvitationStatus::*;

    #[test]
    fn status_moves_forward_only_unless_corrected() {
        assert!(Proposed.check_move(Invited, false).is_ok());
        assert!(Invited.check_move(Accepted, false).is_ok());
        assert!(Accepted.check_move(Attended, false).is_ok());
        assert!(Attended.check_move(Invited, false).is_err(), "backwards");
        assert!(
            Proposed.check_move(Attended, false).is_err(),
            "skipping ahead"
        );
        assert!(
            Attended.check_move(NoShow, true).is_ok(),
            "a logged correction"
        );
        assert!(Invited.check_move(Invited, true).is_err(), "no-op");
    }
}

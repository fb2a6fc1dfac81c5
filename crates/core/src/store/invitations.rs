//! Invitations of external partners, with their logged status moves.

use super::meetings::meeting_by_id;
use super::partners::partner_by_id;
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::Store;
use crate::domain::{partner_name, Id, Invitation, InvitationEvent, InvitationStatus};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::msg;
use chrono::{DateTime, Utc};

const INVITATION_COLUMNS: &str =
    "i.id, i.meeting_id, i.partner_id, i.status, i.proposed_at, i.invited_at,
    i.responded_at, i.updated_at, p.organisation, p.contact_name, p.erased_at,
    i.reason, i.draft_prepared_at, i.withdrawn_at";

fn invitation_row(row: &Row) -> Result<Invitation, SqlError> {
    let organisation: String = row.get(8)?;
    let contact: Option<String> = row.get(9)?;
    let erased: Option<String> = row.get(10)?;
    let partner_name = partner_name(&organisation, contact.as_deref(), erased.is_some());
    let status = row.code(3, InvitationStatus::parse)?;
    let withdrawn_at = row.optional_instant(13)?;
    Ok(Invitation {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        partner_id: row.get(2)?,
        status,
        next: if withdrawn_at.is_some() {
            Vec::new()
        } else {
            status.next().to_vec()
        },
        proposed_at: row.instant(4)?,
        invited_at: row.optional_instant(5)?,
        responded_at: row.optional_instant(6)?,
        updated_at: row.instant(7)?,
        partner_name,
        reason: row.get(11)?,
        draft_prepared_at: row.optional_instant(12)?,
        withdrawn_at,
    })
}

fn invitation_by_id(db: &dyn Executor, id: Id) -> Result<Invitation> {
    db.optional(
        &format!("SELECT {INVITATION_COLUMNS} FROM invitations i JOIN partners p ON p.id = i.partner_id WHERE i.id = ?1"),
        &values![id],
        "reading an invitation",
        invitation_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::Invitation, id))
}

fn log_event(
    db: &dyn Executor,
    invitation: Id,
    from: Option<InvitationStatus>,
    to: InvitationStatus,
    at: DateTime<Utc>,
    correction: bool,
    reason: Option<&str>,
) -> Result<()> {
    db.run(
        "INSERT INTO invitation_events (invitation_id, from_status, to_status, at, correction, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &values![invitation, from.map(|s| s.code()), to.code(), at, correction, reason],
        "logging an invitation change",
    )?;
    Ok(())
}

impl Store {
    /// Proposes a partner for a meeting (status `proposed`).
    pub fn propose_partner(&self, meeting_id: Id, partner_id: Id) -> Result<Invitation> {
        let now = self.now();
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            if !meeting.is_planning() {
                return Err(Error::conflict(msg!(InvitationMeetingClosed, status = meeting.status)));
            }
            let partner = partner_by_id(tx, partner_id)?;
            if partner.erased_at.is_some() {
                return Err(Error::conflict(MessageKey::PartnerErased));
            }
            let exists: bool = tx.one(
                "SELECT EXISTS (SELECT 1 FROM invitations WHERE meeting_id = ?1 AND partner_id = ?2)",
                &values![meeting_id, partner_id],
                "reading invitations",
                |r| r.get(0),
            )?;
            if exists {
                return Err(Error::conflict(msg!(InvitationAlreadyListed, partner = partner.display_name())));
            }
            let id = tx.insert(
                "INSERT INTO invitations (meeting_id, partner_id, status, proposed_at, updated_at)
                 VALUES (?1, ?2, 'proposed', ?3, ?3)
                 RETURNING id",
                &values![meeting_id, partner_id, now],
                "proposing a partner",
            )?;
            log_event(tx, id, None, InvitationStatus::Proposed, now, false, None)?;
            invitation_by_id(tx, id)
        })
    }

    /// Moves an invitation's status forward; `correction` allows any move and
    /// is logged as a correction with its reason.
    pub fn set_invitation_status(
        &self,
        invitation_id: Id,
        to: InvitationStatus,
        correction: Option<&str>,
    ) -> Result<Invitation> {
        let reason = correction.map(str::trim);
        if reason.is_some_and(str::is_empty) {
            return Err(Error::validation(
                Field::Reason,
                MessageKey::InvitationCorrectionReason,
            ));
        }
        let now = self.now();
        self.write(|tx| move_invitation(tx, invitation_id, to, reason, now, now))
    }

    /// Withdraws an invitation while its meeting is being planned. A
    /// proposal the partner never saw is removed; one that went out stays,
    /// marked withdrawn, so the record shows the partner was told.
    /// Returns the invitation as it stands, or `None` when removed.
    pub fn withdraw_invitation(&self, invitation_id: Id) -> Result<Option<Invitation>> {
        let now = self.now();
        self.write(|tx| {
            let invitation = invitation_by_id(tx, invitation_id)?;
            invitation.check_withdraw()?;
            let meeting = meeting_by_id(tx, invitation.meeting_id)?;
            if !meeting.is_planning() {
                return Err(Error::conflict(msg!(
                    InvitationMeetingClosed,
                    status = meeting.status
                )));
            }
            if invitation.unseen() {
                tx.run(
                    "DELETE FROM invitation_events WHERE invitation_id = ?1",
                    &values![invitation_id],
                    "withdrawing an invitation",
                )?;
                tx.run(
                    "DELETE FROM invitations WHERE id = ?1",
                    &values![invitation_id],
                    "withdrawing an invitation",
                )?;
                return Ok(None);
            }
            tx.run(
                "UPDATE invitations SET withdrawn_at = ?1, updated_at = ?1 WHERE id = ?2",
                &values![now, invitation_id],
                "withdrawing an invitation",
            )?;
            invitation_by_id(tx, invitation_id).map(Some)
        })
    }

    pub fn invitations(&self, meeting_id: Id) -> Result<Vec<Invitation>> {
        self.read(|tx| {
            meeting_by_id(tx, meeting_id)?;
            invitations_of(tx, meeting_id)
        })
    }

    /// Says, in the partner's own invitation, why they are invited.
    pub fn set_invitation_reason(&self, invitation_id: Id, reason: &str) -> Result<Invitation> {
        let reason = reason.trim();
        if reason.chars().count() > 2000 {
            return Err(Error::validation(
                Field::Reason,
                msg!(TextTooLong, field = Field::Reason),
            ));
        }
        self.write(|tx| {
            invitation_by_id(tx, invitation_id)?;
            tx.run(
                "UPDATE invitations SET reason = ?1 WHERE id = ?2",
                &values![reason, invitation_id],
                "saving why a partner is invited",
            )?;
            invitation_by_id(tx, invitation_id)
        })
    }

    pub fn invitation_history(&self, invitation_id: Id) -> Result<Vec<InvitationEvent>> {
        self.read(|tx| {
            invitation_by_id(tx, invitation_id)?;
            tx.rows(
                "SELECT from_status, to_status, at, correction, reason FROM invitation_events
                     WHERE invitation_id = ?1 ORDER BY id",
                &values![invitation_id],
                "reading invitation history",
                |row| {
                    let from = row.optional_code(0, InvitationStatus::parse)?;
                    Ok(InvitationEvent {
                        from,
                        to: row.code(1, InvitationStatus::parse)?,
                        at: row.instant(2)?,
                        correction: row.get(3)?,
                        reason: row.get(4)?,
                    })
                },
            )
        })
    }
}

/// Moves an invitation's status, refused as the rules say; a partner's
/// answer is dated `answered_at` (a calendar reply carries when it was
/// given), every other change `now`.
pub(crate) fn move_invitation(
    tx: &dyn Executor,
    invitation_id: Id,
    to: InvitationStatus,
    correction: Option<&str>,
    now: DateTime<Utc>,
    answered_at: DateTime<Utc>,
) -> Result<Invitation> {
    let invitation = invitation_by_id(tx, invitation_id)?;
    invitation.check_withdraw()?;
    invitation.status.check_move(to, correction.is_some())?;
    let (invited, responded) = match to {
        InvitationStatus::Invited => (Some(now), None),
        InvitationStatus::Accepted | InvitationStatus::Declined => (None, Some(answered_at)),
        _ => (None, None),
    };
    tx.run(
        "UPDATE invitations SET status = ?1, updated_at = ?2,
            invited_at = coalesce(?3, invited_at), responded_at = coalesce(?4, responded_at)
         WHERE id = ?5",
        &values![to.code(), now, invited, responded, invitation_id],
        "changing an invitation",
    )?;
    log_event(
        tx,
        invitation_id,
        Some(invitation.status),
        to,
        now,
        correction.is_some(),
        correction,
    )?;
    invitation_by_id(tx, invitation_id)
}

pub(crate) fn invitations_of(db: &dyn Executor, meeting_id: Id) -> Result<Vec<Invitation>> {
    db.rows(
        &format!(
            "SELECT {INVITATION_COLUMNS}
             FROM invitations i JOIN partners p ON p.id = i.partner_id
             WHERE i.meeting_id = ?1 ORDER BY lower(p.organisation)"
        ),
        &values![meeting_id],
        "listing invitations",
        invitation_row,
    )
}

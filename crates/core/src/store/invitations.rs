//! Invitations of external partners, with their logged status moves.

use super::meetings::meeting_by_id;
use super::partners::partner_by_id;
use super::ConnExt;
use super::{code_column, instant_column, optional_instant_column, Store};
use crate::calendar::format_instant;
use crate::domain::{partner_name, Id, Invitation, InvitationEvent, InvitationStatus};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result, StorageContext};
use crate::message::MessageKey;
use crate::msg;
use rusqlite::{params, Connection, OptionalExtension, Row};

const INVITATION_COLUMNS: &str =
    "i.id, i.meeting_id, i.partner_id, i.status, i.proposed_at, i.invited_at,
    i.responded_at, i.updated_at, p.organisation, p.contact_name, p.erased_at,
    i.reason, i.draft_prepared_at, i.withdrawn_at";

fn invitation_row(row: &Row<'_>) -> rusqlite::Result<Invitation> {
    let organisation: String = row.get(8)?;
    let contact: Option<String> = row.get(9)?;
    let erased: Option<String> = row.get(10)?;
    let partner_name = partner_name(&organisation, contact.as_deref(), erased.is_some());
    let status = code_column(row, 3, InvitationStatus::parse)?;
    let withdrawn_at = optional_instant_column(row, 13)?;
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
        proposed_at: instant_column(row, 4)?,
        invited_at: optional_instant_column(row, 5)?,
        responded_at: optional_instant_column(row, 6)?,
        updated_at: instant_column(row, 7)?,
        partner_name,
        reason: row.get(11)?,
        draft_prepared_at: optional_instant_column(row, 12)?,
        withdrawn_at,
    })
}

fn invitation_by_id(tx: &Connection, id: Id) -> Result<Invitation> {
    tx.query_row(
        &format!("SELECT {INVITATION_COLUMNS} FROM invitations i JOIN partners p ON p.id = i.partner_id WHERE i.id = ?1"),
        [id],
        invitation_row,
    )
    .optional()
    .context("reading an invitation")?
    .ok_or_else(|| Error::not_found(Thing::Invitation, id))
}

fn log_event(
    tx: &Connection,
    invitation: Id,
    from: Option<InvitationStatus>,
    to: InvitationStatus,
    at: &str,
    correction: bool,
    reason: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO invitation_events (invitation_id, from_status, to_status, at, correction, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![invitation, from.map(|s| s.code()), to.code(), at, correction, reason],
    )
    .context("logging an invitation change")?;
    Ok(())
}

impl Store {
    /// Proposes a partner for a meeting (status `proposed`).
    pub fn propose_partner(&self, meeting_id: Id, partner_id: Id) -> Result<Invitation> {
        let now = format_instant(self.now());
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            if !meeting.is_planning() {
                return Err(Error::conflict(msg!(InvitationMeetingClosed, status = meeting.status)));
            }
            let partner = partner_by_id(tx, partner_id)?;
            if partner.erased_at.is_some() {
                return Err(Error::conflict(MessageKey::PartnerErased));
            }
            let exists: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM invitations WHERE meeting_id = ?1 AND partner_id = ?2)",
                    params![meeting_id, partner_id],
                    |r| r.get(0),
                )
                .context("reading invitations")?;
            if exists {
                return Err(Error::conflict(msg!(InvitationAlreadyListed, partner = partner.display_name())));
            }
            tx.execute(
                "INSERT INTO invitations (meeting_id, partner_id, status, proposed_at, updated_at)
                 VALUES (?1, ?2, 'proposed', ?3, ?3)",
                params![meeting_id, partner_id, now],
            )
            .context("proposing a partner")?;
            let id = tx.last_insert_rowid();
            log_event(tx, id, None, InvitationStatus::Proposed, &now, false, None)?;
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
        let now = format_instant(self.now());
        self.write(|tx| {
            let invitation = invitation_by_id(tx, invitation_id)?;
            invitation.check_withdraw()?;
            invitation.status.check_move(to, reason.is_some())?;
            let (invited, responded) = match to {
                InvitationStatus::Invited => (Some(now.as_str()), None),
                InvitationStatus::Accepted | InvitationStatus::Declined => {
                    (None, Some(now.as_str()))
                }
                _ => (None, None),
            };
            tx.execute(
                "UPDATE invitations SET status = ?1, updated_at = ?2,
                    invited_at = coalesce(?3, invited_at), responded_at = coalesce(?4, responded_at)
                 WHERE id = ?5",
                params![to.code(), now, invited, responded, invitation_id],
            )
            .context("changing an invitation")?;
            log_event(
                tx,
                invitation_id,
                Some(invitation.status),
                to,
                &now,
                reason.is_some(),
                reason,
            )?;
            invitation_by_id(tx, invitation_id)
        })
    }

    /// Withdraws an invitation while its meeting is being planned. A
    /// proposal the partner never saw is removed; one that went out stays,
    /// marked withdrawn, so the record shows the partner was told.
    /// Returns the invitation as it stands, or `None` when removed.
    pub fn withdraw_invitation(&self, invitation_id: Id) -> Result<Option<Invitation>> {
        let now = format_instant(self.now());
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
                tx.execute(
                    "DELETE FROM invitation_events WHERE invitation_id = ?1",
                    [invitation_id],
                )
                .context("withdrawing an invitation")?;
                tx.execute("DELETE FROM invitations WHERE id = ?1", [invitation_id])
                    .context("withdrawing an invitation")?;
                return Ok(None);
            }
            tx.execute(
                "UPDATE invitations SET withdrawn_at = ?1, updated_at = ?1 WHERE id = ?2",
                params![now, invitation_id],
            )
            .context("withdrawing an invitation")?;
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
            tx.execute(
                "UPDATE invitations SET reason = ?1 WHERE id = ?2",
                params![reason, invitation_id],
            )
            .context("saving why a partner is invited")?;
            invitation_by_id(tx, invitation_id)
        })
    }

    pub fn invitation_history(&self, invitation_id: Id) -> Result<Vec<InvitationEvent>> {
        self.read(|tx| {
            invitation_by_id(tx, invitation_id)?;
            tx.rows(
                "SELECT from_status, to_status, at, correction, reason FROM invitation_events
                     WHERE invitation_id = ?1 ORDER BY id",
                [invitation_id],
                "reading invitation history",
                |row| {
                    let from: Option<String> = row.get(0)?;
                    Ok(InvitationEvent {
                        from: from
                            .as_deref()
                            .map(InvitationStatus::parse)
                            .transpose()
                            .map_err(|e| {
                                rusqlite::Error::FromSqlConversionFailure(
                                    0,
                                    rusqlite::types::Type::Text,
                                    Box::new(e),
                                )
                            })?,
                        to: code_column(row, 1, InvitationStatus::parse)?,
                        at: instant_column(row, 2)?,
                        correction: row.get(3)?,
                        reason: row.get(4)?,
                    })
                },
            )
        })
    }
}

pub(crate) fn invitations_of(tx: &Connection, meeting_id: Id) -> Result<Vec<Invitation>> {
    tx.rows(
        &format!(
            "SELECT {INVITATION_COLUMNS}
             FROM invitations i JOIN partners p ON p.id = i.partner_id
             WHERE i.meeting_id = ?1 ORDER BY p.organisation COLLATE NOCASE"
        ),
        [meeting_id],
        "listing invitations",
        invitation_row,
    )
}

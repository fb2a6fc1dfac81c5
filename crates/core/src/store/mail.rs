//! The secretariat's sender and templates, and the record of which drafts
//! were prepared and which invitations marked sent.

use super::meetings::{detail, meeting_by_id};
use super::revisions::{check_unchanged, revision_of};
use super::sql::{values, Executor, Queries};
use super::Store;
use crate::domain::{DraftKind, Id, MailSettings, MeetingDetail, MeetingStatus};
use crate::error::{Error, Result};
use crate::message::MessageKey;

fn mail_settings(db: &dyn Executor) -> Result<MailSettings> {
    let stored = db.optional(
        concat!(
            "SELECT sender_name, sender_email, signature, member_subject, member_body,
                    partner_subject, partner_body, ",
            revision_of!("mail_settings", "1"),
            " FROM mail_settings WHERE id = 1"
        ),
        &[],
        "reading the mail settings",
        |row| {
            let defaults = MailSettings::default();
            Ok(MailSettings {
                sender_name: row.get(0)?,
                sender_email: row.get(1)?,
                signature: row.get(2)?,
                member_subject: row
                    .get::<Option<String>>(3)?
                    .unwrap_or(defaults.member_subject),
                member_body: row
                    .get::<Option<String>>(4)?
                    .unwrap_or(defaults.member_body),
                partner_subject: row
                    .get::<Option<String>>(5)?
                    .unwrap_or(defaults.partner_subject),
                partner_body: row
                    .get::<Option<String>>(6)?
                    .unwrap_or(defaults.partner_body),
                revision: row.get(7)?,
            })
        },
    )?;
    Ok(stored.unwrap_or_default())
}

impl Store {
    pub fn mail_settings(&self) -> Result<MailSettings> {
        self.read(|tx| mail_settings(tx))
    }

    /// Saves the sender and templates; `seen` is the revision the form
    /// showed (0 before anything was saved; `None`: a script).
    pub fn set_mail_settings(
        &self,
        settings: &MailSettings,
        seen: Option<i64>,
    ) -> Result<MailSettings> {
        let settings = settings.normalized()?;
        self.write(|tx| {
            check_unchanged(tx, "mail_settings", 1, seen)?;
            tx.run(
                "INSERT INTO mail_settings (id, sender_name, sender_email, signature,
                     member_subject, member_body, partner_subject, partner_body)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET sender_name = ?1, sender_email = ?2,
                     signature = ?3, member_subject = ?4, member_body = ?5,
                     partner_subject = ?6, partner_body = ?7",
                &values![
                    &settings.sender_name,
                    &settings.sender_email,
                    &settings.signature,
                    &settings.member_subject,
                    &settings.member_body,
                    &settings.partner_subject,
                    &settings.partner_body
                ],
                "saving the mail settings",
            )?;
            mail_settings(tx)
        })
    }

    /// Records that drafts of `kind` were made for the members (when
    /// `members`) and for the invitations listed, carrying `sequence`.
    pub fn record_drafts_prepared(
        &self,
        meeting_id: Id,
        kind: DraftKind,
        sequence: u32,
        members: bool,
        invitations: &[Id],
    ) -> Result<MeetingDetail> {
        let now = self.now();
        self.write_final(|tx| {
            meeting_by_id(tx, meeting_id)?;
            tx.run(
                "UPDATE meetings SET drafts_sequence = ?1 WHERE id = ?2",
                &values![sequence, meeting_id],
                "recording prepared drafts",
            )?;
            // A new invitation goes out again; an update or cancellation
            // does not undo that the invitation itself was sent.
            if members && kind == DraftKind::Invitation {
                tx.run(
                    "UPDATE meetings SET members_draft_at = ?1, members_sent_at = NULL WHERE id = ?2",
                    &values![now, meeting_id],
                    "recording prepared drafts",
                )?;
            }
            for invitation in invitations {
                tx.run(
                    "UPDATE invitations SET draft_prepared_at = ?1 WHERE id = ?2 AND meeting_id = ?3",
                    &values![now, *invitation, meeting_id],
                    "recording prepared drafts",
                )?;
            }
            detail(tx, self.now(), meeting_by_id(tx, meeting_id)?)
        })
    }

    /// The user says the members' invitation went out (from their own mail
    /// program, which the app cannot see).
    pub fn mark_members_invitation_sent(&self, meeting_id: Id) -> Result<MeetingDetail> {
        let now = self.now();
        self.write_final(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            if meeting.status == MeetingStatus::Cancelled {
                return Err(Error::conflict(MessageKey::MeetingCancelled));
            }
            if meeting.members_draft_at.is_none() {
                return Err(Error::conflict(MessageKey::DraftsNotPrepared));
            }
            tx.run(
                "UPDATE meetings SET members_sent_at = ?1 WHERE id = ?2",
                &values![now, meeting_id],
                "marking the invitation sent",
            )?;
            detail(tx, self.now(), meeting_by_id(tx, meeting_id)?)
        })
    }
}

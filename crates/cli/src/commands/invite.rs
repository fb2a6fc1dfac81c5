//! Invitations of partners, and the invitation drafts (.eml) for a meeting.

use crate::args::InviteCommand;
use crate::print::{self, Output};
use taskforce::domain::{InvitationStatus, MailSettings, Reply};
use taskforce::error::Field;
use taskforce::{Result, Store};

pub fn run(store: &Store, out: &Output, cmd: InviteCommand) -> Result<()> {
    match cmd {
        InviteCommand::Add { meeting, partner } => {
            out.one(&store.propose_partner(meeting, partner)?, print::invitation)
        }
        InviteCommand::Set {
            invitation,
            status,
            correction,
        } => out.one(
            &store.set_invitation_status(
                invitation,
                InvitationStatus::parse(&status)?,
                correction.as_deref(),
            )?,
            print::invitation,
        ),
        InviteCommand::List { meeting } => {
            out.list(&store.invitations(meeting)?, print::invitation)
        }
        InviteCommand::Reply {
            meeting,
            seat,
            reply,
            by,
            on,
        } => {
            let on = on
                .map(|day| taskforce::calendar::parse_date(Field::Date, &day))
                .transpose()?;
            out.list(
                &store
                    .set_reply(meeting, seat, Reply::parse(&reply)?, by.as_deref(), on)?
                    .replies,
                print::seat_reply,
            )
        }
        InviteCommand::Replies { meeting } => out.one(&store.replies(meeting)?, |r| {
            let mut lines: Vec<String> = r.replies.iter().map(print::seat_reply).collect();
            lines.push(print::expected(out.lang, &r.expected));
            lines.join("\n")
        }),
        InviteCommand::History { invitation } => out.list(
            &store.invitation_history(invitation)?,
            print::invitation_event,
        ),
        InviteCommand::Withdraw { invitation } => match store.withdraw_invitation(invitation)? {
            Some(withdrawn) => out.one(&withdrawn, print::invitation),
            None => out.removed(invitation),
        },
        InviteCommand::Reason { invitation, reason } => out.one(
            &store.set_invitation_reason(invitation, &reason)?,
            print::invitation,
        ),
        InviteCommand::Drafts { meeting, out: dir } => {
            let saved = taskforce_export::drafts::save(store, meeting, &dir)?;
            out.warn(&saved.warnings);
            out.list(&saved.paths, |path| path.display().to_string())
        }
        InviteCommand::Sent { meeting } => out.one(
            &store.mark_members_invitation_sent(meeting)?,
            print::meeting,
        ),
        InviteCommand::Sender {
            email,
            name,
            signature,
        } => {
            let current = store.mail_settings()?;
            let settings = store.set_mail_settings(
                &MailSettings {
                    sender_email: email,
                    sender_name: name.unwrap_or(current.sender_name.clone()),
                    signature: signature.unwrap_or(current.signature.clone()),
                    ..current
                },
                None,
            )?;
            out.one(&settings, |s| {
                format!("{} <{}>", s.sender_name, s.sender_email)
            })
        }
    }
}

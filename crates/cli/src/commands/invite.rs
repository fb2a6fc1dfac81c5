//! Invitations of partners, and the invitation drafts (.eml) for a meeting.

use crate::args::InviteCommand;
use crate::print::{self, Output};
use std::path::{Path, PathBuf};
use taskforce::domain::{Id, InvitationStatus, MailSettings, Reply};
use taskforce::error::Field;
use taskforce::{Result, Store};

/// `invite replies 12` lists a meeting's replies; anything else names
/// files, unless a file of that name is there.
fn meeting_asked(what: &[String]) -> Option<Id> {
    match what {
        [one] if !Path::new(one).exists() => one.parse().ok(),
        _ => None,
    }
}

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
        InviteCommand::Replies { what } => match meeting_asked(&what) {
            Some(meeting) => out.one(&store.replies(meeting)?, |r| {
                let mut lines: Vec<String> = r.replies.iter().map(print::seat_reply).collect();
                lines.push(print::expected(out.lang, &r.expected));
                lines.join("\n")
            }),
            None => {
                let paths: Vec<PathBuf> = what.iter().map(PathBuf::from).collect();
                let files = taskforce::itip::read_reply_files(&paths)?;
                let read = store.read_calendar_replies(&files, None)?;
                out.one(&read, |r| print::reply_readings(out.lang, r))
            }
        },
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

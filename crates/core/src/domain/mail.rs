//! Sending out: e-mail addresses, the secretariat's sender and templates,
//! and what is still to be done before a meeting's invitations are out. The
//! app never sends mail itself; it prepares drafts for the user's own mail
//! program (`taskforce-export`'s `drafts`).

use super::{Invitation, InvitationStatus, Meeting, MeetingStatus};
use crate::error::{Error, Field, Result};
use crate::message::{Message, MessageKey};
use crate::msg;
use serde::Serialize;

/// A trimmed address, or `None` for a blank one; refused unless it has the
/// form `name@host.tld` without spaces, brackets, quotes or commas (which
/// would let one field smuggle in a second recipient).
pub fn email_address(field: Field, input: Option<&str>) -> Result<Option<String>> {
    let Some(email) = input.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let valid = email.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && !host.contains('@')
            && host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !host.contains("..")
    }) && !email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c));
    if valid {
        Ok(Some(email.to_string()))
    } else {
        Err(Error::validation(field, msg!(EmailInvalid, email = email)))
    }
}

/// The words a template may contain, filled in per meeting and recipient.
pub const PLACEHOLDERS: &[&str] = &[
    "datum",
    "tijd",
    "plaats",
    "onderwerp",
    "naam",
    "organisatie",
    "reden",
    "ondertekening",
];

pub const DEFAULT_MEMBER_SUBJECT: &str = "Uitnodiging Task Force Aanpak Mensenhandel, {datum}";
pub const DEFAULT_MEMBER_BODY: &str = "Geachte leden van de Task Force Aanpak Mensenhandel,

Hierbij nodigen wij u uit voor de bijeenkomst van {datum}, {tijd}, in {plaats}.
Het centrale onderwerp is: {onderwerp}.

De agenda en de vergaderstukken vindt u in de bijlage; de uitnodiging in uw
agenda staat in dit bericht.

Met vriendelijke groet,

{ondertekening}";
pub const DEFAULT_PARTNER_SUBJECT: &str = "Uitnodiging Task Force Aanpak Mensenhandel, {datum}";
pub const DEFAULT_PARTNER_BODY: &str = "Geachte {naam},

De Task Force Aanpak Mensenhandel nodigt u uit voor haar bijeenkomst van
{datum}, {tijd}, in {plaats}.

{reden}

De agenda vindt u in de bijlage; de uitnodiging in uw agenda staat in dit
bericht.

Met vriendelijke groet,

{ondertekening}";

/// Who the drafts come from and what they say (the built-in templates until
/// the secretariat writes its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MailSettings {
    pub sender_name: String,
    pub sender_email: String,
    pub signature: String,
    pub member_subject: String,
    pub member_body: String,
    pub partner_subject: String,
    pub partner_body: String,
    /// Its revision, sent back with a save so one over a colleague's change
    /// is refused (`store::revisions`); 0 before anything was saved.
    #[serde(default)]
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            sender_name: String::new(),
            sender_email: String::new(),
            signature: String::new(),
            member_subject: DEFAULT_MEMBER_SUBJECT.to_string(),
            member_body: DEFAULT_MEMBER_BODY.to_string(),
            partner_subject: DEFAULT_PARTNER_SUBJECT.to_string(),
            partner_body: DEFAULT_PARTNER_BODY.to_string(),
            revision: 0,
        }
    }
}

impl MailSettings {
    /// Trimmed, the address checked and every template known to fill in.
    pub fn normalized(&self) -> Result<MailSettings> {
        let template = |field: Field, text: &str, fallback: &str| -> Result<String> {
            let text = text.trim();
            let text = if text.is_empty() { fallback } else { text };
            check_placeholders(field, text)?;
            Ok(text.to_string())
        };
        Ok(MailSettings {
            sender_name: self.sender_name.trim().to_string(),
            sender_email: email_address(Field::SenderEmail, Some(&self.sender_email))?
                .unwrap_or_default(),
            signature: self.signature.trim().to_string(),
            member_subject: template(
                Field::MemberSubject,
                &self.member_subject,
                DEFAULT_MEMBER_SUBJECT,
            )?,
            member_body: template(Field::MemberBody, &self.member_body, DEFAULT_MEMBER_BODY)?,
            partner_subject: template(
                Field::PartnerSubject,
                &self.partner_subject,
                DEFAULT_PARTNER_SUBJECT,
            )?,
            partner_body: template(Field::PartnerBody, &self.partner_body, DEFAULT_PARTNER_BODY)?,
            revision: self.revision,
        })
    }
}

/// Every `{word}` must be one the drafts fill in: a typo would otherwise
/// reach every recipient.
fn check_placeholders(field: Field, text: &str) -> Result<()> {
    for part in text.split('{').skip(1) {
        let word = part.split_once('}').map_or(part, |(word, _)| word);
        if !PLACEHOLDERS.contains(&word) {
            return Err(Error::validation(
                field,
                msg!(
                    TemplateUnknownPlaceholder,
                    word = format!("{{{word}}}"),
                    known = PLACEHOLDERS
                        .iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Fills a template's `{word}`s; `value` gives the text for each.
pub fn fill_template(template: &str, value: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        match rest[open + 1..].find('}') {
            Some(close) => {
                out.push_str(&value(&rest[open + 1..open + 1 + close]));
                rest = &rest[open + close + 2..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Which drafts are due: the first invitation, an update after the meeting
/// moved, or its cancellation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DraftKind {
    Invitation,
    Update,
    Cancellation,
}

impl DraftKind {
    /// What a meeting calls for now: a cancellation once it is cancelled,
    /// an update when it moved after drafts went out, else the invitation.
    pub fn due(meeting: &Meeting) -> DraftKind {
        match (meeting.status, meeting.drafts_sequence) {
            (MeetingStatus::Cancelled, _) => DraftKind::Cancellation,
            (_, Some(sent)) if meeting.sequence > sent => DraftKind::Update,
            _ => DraftKind::Invitation,
        }
    }
}

/// What is still to be done to get a meeting's invitations out, said in the
/// reader's language; the meeting screen lists these.
pub fn sending_to_do(meeting: &Meeting, invitations: &[Invitation]) -> Vec<Message> {
    let mut to_do = Vec::new();
    let open = matches!(
        meeting.status,
        MeetingStatus::Concept | MeetingStatus::Scheduled
    );
    match (meeting.status, meeting.drafts_sequence) {
        (MeetingStatus::Cancelled, Some(sent)) if sent < meeting.sequence => {
            to_do.push(MessageKey::TodoCancellationDue.into())
        }
        (MeetingStatus::Concept | MeetingStatus::Scheduled, Some(sent))
            if sent < meeting.sequence =>
        {
            to_do.push(MessageKey::TodoUpdateDue.into())
        }
        _ => {}
    }
    if open {
        match (meeting.members_draft_at, meeting.members_sent_at) {
            (None, _) if meeting.status == MeetingStatus::Scheduled => {
                to_do.push(MessageKey::TodoMembersNotPrepared.into())
            }
            (Some(_), None) => to_do.push(MessageKey::TodoMembersNotSent.into()),
            _ => {}
        }
        for invitation in invitations
            .iter()
            .filter(|i| i.status == InvitationStatus::Proposed)
        {
            let key = if invitation.draft_prepared_at.is_some() {
                MessageKey::TodoPartnerNotSent
            } else {
                MessageKey::TodoPartnerNotPrepared
            };
            to_do.push(Message::new(key).with("partner", invitation.partner_name.clone()));
        }
    }
    to_do
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_that_could_carry_a_second_recipient_are_refused() {
        assert_eq!(
            email_address(Field::Email, Some(" a.b@minjenv.nl ")).unwrap(),
            Some("a.b@minjenv.nl".to_string())
        );
        assert_eq!(email_address(Field::Email, Some("  ")).unwrap(), None);
        for bad in [
            "geen-apenstaart.nl",
            "a@b",
            "a b@c.nl",
            "a@c.nl, d@e.nl",
            "Jan <jan@c.nl>",
            "a@@c.nl",
            "a@c..nl",
            "a@c.nl\r\nBcc: x@y.nl",
        ] {
            assert!(email_address(Field::Email, Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_template_with_an_unknown_word_is_refused_naming_it() {
        let settings = MailSettings {
            member_body: "Beste {naam}, tot {dautm}".into(),
            ..MailSettings::default()
        };
        let error = settings.normalized().unwrap_err();
        assert_eq!(error.field_code(), Some(Field::MemberBody));
        assert!(error.to_string().contains("{dautm}"), "{error}");
        let blank = MailSettings {
            member_subject: "  ".into(),
            ..MailSettings::default()
        };
        assert_eq!(
            blank.normalized().unwrap().member_subject,
            DEFAULT_MEMBER_SUBJECT
        );
    }

    #[test]
    fn a_template_is_filled_word_by_word() {
        let filled = fill_template("Op {datum} in {plaats}; {onbekend", |word| match word {
            "datum" => "dinsdag 14 maart 2023".into(),
            "plaats" => "Den Haag".into(),
            _ => String::new(),
        });
        assert_eq!(filled, "Op dinsdag 14 maart 2023 in Den Haag; {onbekend");
    }
}

//! Invitation drafts: one RFC 5322 message per audience for the user's own
//! mail program — the members together, and each invited partner alone
//! (never seeing the others) — with the right meeting pack attached and a
//! calendar invitation (`text/calendar; method=REQUEST`, or `CANCEL`) that
//! calendar programs treat as an invitation. The app never sends mail.
//!
//! What goes to a partner is built from the external agenda and pack only,
//! so nothing confidential reaches a subject line, body, file name or
//! calendar part of theirs.

use crate::agenda::{agenda_data, Audience};
use crate::ics::{self, Attendee};
use crate::pack::{meeting_pack, Pack};
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::mime::MimePart;
use mail_builder::MessageBuilder;
use serde::Serialize;
use taskforce::calendar::to_amsterdam;
use taskforce::domain::{
    fill_template, DraftKind, Id, Invitation, MailSettings, MeetingDetail, MeetingStatus,
};
use taskforce::error::{Error, Field, Result};
use taskforce::message::{Message, MessageKey};
use taskforce::msg;
use taskforce::Store;

/// One message, ready to be saved as `file_name` (`.eml`).
#[derive(Debug, Clone)]
pub struct Draft {
    pub file_name: String,
    pub recipients: Vec<String>,
    pub eml: Vec<u8>,
    /// The partner's invitation it is for; `None` for the members' draft.
    pub invitation: Option<Id>,
}

/// The drafts for a meeting and what the user should know before sending.
#[derive(Debug)]
pub struct Drafts {
    pub kind: DraftKind,
    pub sequence: u32,
    pub drafts: Vec<Draft>,
    pub warnings: Vec<Message>,
}

impl Drafts {
    /// Records in the store which drafts were made, for the meeting's
    /// to-do list.
    pub fn record(&self, store: &Store, meeting: Id) -> Result<MeetingDetail> {
        let members = self.drafts.iter().any(|d| d.invitation.is_none());
        let invitations: Vec<Id> = self.drafts.iter().filter_map(|d| d.invitation).collect();
        store.record_drafts_prepared(meeting, self.kind, self.sequence, members, &invitations)
    }
}

pub(crate) struct Recipient {
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) optional: bool,
}

/// The meeting and the secretariat's settings every draft of one round
/// shares.
struct Round<'a> {
    store: &'a Store,
    detail: &'a MeetingDetail,
    settings: &'a MailSettings,
    kind: DraftKind,
    packs: std::cell::RefCell<Vec<(Audience, std::rc::Rc<Pack>)>>,
}

/// Everything one audience's message needs besides its recipients.
struct Content {
    subject: String,
    body: String,
    pack: Option<std::rc::Rc<Pack>>,
    pack_name: String,
}

/// Who a round of drafts goes to, and who cannot be reached.
pub(crate) struct Addressed {
    pub(crate) members: Vec<Recipient>,
    /// Each reachable partner: their invitation, organisation and address.
    partners: Vec<(Invitation, String, Recipient)>,
    pub(crate) warnings: Vec<Message>,
}

/// What preparing the drafts would do, without building them: which kind is
/// due, how many messages, and who cannot be reached — for the user to see
/// before anything is made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SendingCheck {
    pub kind: DraftKind,
    pub members: u32,
    pub partners: u32,
    pub warnings: Vec<Message>,
}

/// A draft the user's mail program opens to send (Outlook: `X-Unsent`):
/// from the secretariat, to the required recipients with the optional ones
/// (deputies) in copy, the text and the given attachments. Shared by the
/// invitations' neighbours — the minutes round, the reminders.
pub(crate) fn plain_draft(
    store: &Store,
    settings: &MailSettings,
    recipients: &[Recipient],
    subject: &str,
    body: &str,
    attachments: Vec<MimePart<'static>>,
    message_id: &str,
) -> Result<Vec<u8>> {
    let (required, copies) = addresses(recipients);
    let mut parts = vec![MimePart::new(
        ContentType::new("text/plain").attribute("charset", "utf-8"),
        body.to_string(),
    )];
    parts.extend(attachments);
    let mut message = MessageBuilder::new()
        .from(sender(settings))
        .to(Address::new_list(required))
        .subject(subject)
        .date(store.now().timestamp())
        .message_id(message_id)
        .header("X-Unsent", mail_builder::headers::raw::Raw::new("1"))
        .body(MimePart::new("multipart/mixed", parts));
    if !copies.is_empty() {
        message = message.cc(Address::new_list(copies));
    }
    message
        .write_to_vec()
        .map_err(|e| Error::io(MessageKey::DraftsWriteFailed, "", e))
}

/// The required recipients (To) and the optional ones (Cc: deputies).
fn addresses(recipients: &[Recipient]) -> (Vec<Address<'_>>, Vec<Address<'_>>) {
    fn address(r: &Recipient) -> Address<'_> {
        Address::new_address(Some(r.name.as_str()), r.email.as_str())
    }
    (
        recipients
            .iter()
            .filter(|r| !r.optional)
            .map(address)
            .collect(),
        recipients
            .iter()
            .filter(|r| r.optional)
            .map(address)
            .collect(),
    )
}

fn sender(settings: &MailSettings) -> Address<'_> {
    Address::new_address(
        Some(if settings.sender_name.is_empty() {
            "Secretariaat Task Force Aanpak Mensenhandel"
        } else {
            settings.sender_name.as_str()
        }),
        settings.sender_email.as_str(),
    )
}

/// Refuses drafts without a sender address.
pub(crate) fn check_sender(settings: &MailSettings) -> Result<()> {
    if settings.sender_email.is_empty() {
        return Err(Error::validation(
            Field::SenderEmail,
            MessageKey::DraftsNoSender,
        ));
    }
    Ok(())
}

/// Refuses a round that cannot be made (no sender, no subject, a meeting
/// already held) and says who cannot be reached.
pub fn check(store: &Store, meeting: Id) -> Result<SendingCheck> {
    let detail = store.meeting(meeting)?;
    let settings = store.mail_settings()?;
    let kind = ready(&detail, &settings)?;
    let addressed = addressed(store, &detail)?;
    Ok(SendingCheck {
        kind,
        members: addressed.members.iter().filter(|m| !m.optional).count() as u32,
        partners: addressed.partners.len() as u32,
        warnings: addressed.warnings,
    })
}

fn ready(detail: &MeetingDetail, settings: &MailSettings) -> Result<DraftKind> {
    check_sender(settings)?;
    let kind = DraftKind::due(&detail.meeting);
    match detail.meeting.status {
        MeetingStatus::Held => Err(Error::conflict(MessageKey::DraftsMeetingHeld)),
        MeetingStatus::Cancelled if !detail.allowed.prepare_drafts => {
            Err(Error::conflict(MessageKey::MeetingCancelled))
        }
        _ if kind != DraftKind::Cancellation && detail.subject.is_none() => Err(Error::validation(
            Field::Subject,
            MessageKey::DraftsNoSubject,
        )),
        _ => Ok(kind),
    }
}

pub(crate) fn addressed(store: &Store, detail: &MeetingDetail) -> Result<Addressed> {
    let mut warnings = Vec::new();
    // The members together; deputies in copy.
    let mut members = Vec::new();
    let mut unaddressed = Vec::new();
    let day = detail.meeting.day();
    for seat in store.seats(detail.term_number)? {
        if !seat.sits_on(day) {
            continue;
        }
        let name = seat
            .person
            .clone()
            .unwrap_or_else(|| seat.organisation.clone());
        match &seat.email {
            Some(email) => members.push(Recipient {
                name,
                email: email.clone(),
                optional: false,
            }),
            None => unaddressed.push(format!("{} ({})", seat.organisation, seat.role)),
        }
        if let Some(email) = &seat.deputy_email {
            members.push(Recipient {
                name: seat
                    .deputy
                    .clone()
                    .unwrap_or_else(|| format!("{} (plaatsvervanger)", seat.organisation)),
                email: email.clone(),
                optional: true,
            });
        }
    }
    // Named in one warning, however many: a list of twenty is read, twenty
    // warnings are not.
    match unaddressed.as_slice() {
        [] => {}
        [seat] => warnings.push(msg!(DraftsSeatNoAddress, seat = seat)),
        seats => warnings.push(msg!(
            DraftsSeatsNoAddress,
            count = seats.len(),
            seats = seats.join("; ")
        )),
    }
    if !members.iter().any(|m| !m.optional) {
        warnings.push(MessageKey::DraftsNoMemberAddresses.into());
    }
    // Each partner still expected, alone.
    let mut partners = Vec::new();
    for invitation in store.invitations(detail.meeting.id)? {
        if !invitation.expected() {
            continue;
        }
        let partner = store.partner(invitation.partner_id)?;
        let Some(email) = partner.email.clone() else {
            if partner.erased_at.is_none() {
                warnings.push(msg!(
                    DraftsPartnerNoAddress,
                    partner = invitation.partner_name.clone()
                ));
            }
            continue;
        };
        let name = partner
            .contact_name
            .clone()
            .unwrap_or_else(|| partner.organisation.clone());
        partners.push((
            invitation,
            partner.organisation,
            Recipient {
                name,
                email,
                optional: false,
            },
        ));
    }
    Ok(Addressed {
        members,
        partners,
        warnings,
    })
}

/// What [`save`] wrote and recorded.
#[derive(Debug, Clone)]
pub struct SavedDrafts {
    pub paths: Vec<std::path::PathBuf>,
    pub warnings: Vec<Message>,
    /// The meeting with its to-do list brought up to date.
    pub meeting: MeetingDetail,
}

/// Makes the drafts `meeting` calls for, writes each into `folder` (made,
/// private, when new) and records them as prepared: the one sequence behind
/// the window's *Concepten maken* and `taskforce-cli invite drafts`.
pub fn save(store: &Store, meeting: Id, folder: &std::path::Path) -> Result<SavedDrafts> {
    let drafts = meeting_drafts(store, meeting)?;
    taskforce::private::create_dir(folder)
        .map_err(|e| Error::io(MessageKey::DraftsFolderFailed, folder, e))?;
    let mut paths = Vec::new();
    for draft in &drafts.drafts {
        let path = folder.join(&draft.file_name);
        crate::write_atomically(&path, &draft.eml)?;
        paths.push(path);
    }
    let meeting = drafts.record(store, meeting)?;
    Ok(SavedDrafts {
        paths,
        warnings: drafts.warnings,
        meeting,
    })
}

/// The drafts a meeting calls for now: the invitation, an update after it
/// moved, or its cancellation ([`DraftKind::due`]).
pub fn meeting_drafts(store: &Store, meeting: Id) -> Result<Drafts> {
    let detail = store.meeting(meeting)?;
    let settings = store.mail_settings()?;
    let kind = ready(&detail, &settings)?;
    let round = Round {
        store,
        detail: &detail,
        settings: &settings,
        kind,
        packs: Default::default(),
    };
    let Addressed {
        members,
        partners,
        mut warnings,
    } = addressed(store, &detail)?;
    let mut drafts = Vec::new();
    if members.iter().any(|m| !m.optional) {
        let content = round.content(Audience::Internal, None)?;
        if let Some(pack) = &content.pack {
            warnings.extend(pack.warnings.iter().cloned());
        }
        drafts.push(round.draft(&members, content, None, "leden")?);
    }
    for (invitation, organisation, recipient) in &partners {
        let content = round.content(
            Audience::External,
            Some((&recipient.name, organisation, &invitation.reason)),
        )?;
        if let Some(pack) = &content.pack {
            // The external pack's warnings are the internal one's, less what
            // it leaves out: each said once.
            for warning in &pack.warnings {
                if !warnings.contains(warning) {
                    warnings.push(warning.clone());
                }
            }
        }
        drafts.push(round.draft(
            std::slice::from_ref(recipient),
            content,
            Some(invitation.id),
            organisation,
        )?);
    }
    Ok(Drafts {
        kind,
        sequence: detail.meeting.sequence,
        drafts,
        warnings,
    })
}

impl Round<'_> {
    fn pack(&self, audience: Audience) -> Result<std::rc::Rc<Pack>> {
        if let Some((_, pack)) = self.packs.borrow().iter().find(|(a, _)| *a == audience) {
            return Ok(pack.clone());
        }
        let pack = std::rc::Rc::new(meeting_pack(self.store, self.detail.meeting.id, audience)?);
        self.packs.borrow_mut().push((audience, pack.clone()));
        Ok(pack)
    }

    /// Subject, body and pack for one audience. A partner's
    /// `(name, organisation, reason)` fill their own template.
    fn content(&self, audience: Audience, partner: Option<(&str, &str, &str)>) -> Result<Content> {
        let Round {
            store,
            detail,
            settings,
            kind,
            ..
        } = self;
        let kind = *kind;
        let agenda = agenda_data(store, detail.meeting.id, audience)?;
        let start = to_amsterdam(detail.meeting.starts_at);
        let end = to_amsterdam(detail.meeting.ends_at);
        let value = |word: &str| -> String {
            match word {
                "datum" => agenda.date_text.clone(),
                "tijd" => format!("{}–{} uur", start.format("%H.%M"), end.format("%H.%M")),
                "plaats" => {
                    if agenda.location.is_empty() {
                        "(plaats volgt)".to_string()
                    } else {
                        agenda.location.clone()
                    }
                }
                // The external agenda's subject: a confidential one is named by
                // its kind only.
                "onderwerp" => agenda
                    .subject
                    .as_ref()
                    .map_or_else(String::new, |s| s.title.clone()),
                "naam" => partner.map_or_else(String::new, |p| p.0.to_string()),
                "organisatie" => partner.map_or_else(String::new, |p| p.1.to_string()),
                "reden" => partner.map_or_else(String::new, |p| p.2.to_string()),
                "ondertekening" => signature(settings),
                _ => String::new(),
            }
        };
        let (subject_template, body_template) = match audience {
            Audience::Internal => (&settings.member_subject, &settings.member_body),
            Audience::External => (&settings.partner_subject, &settings.partner_body),
        };
        let (subject, body) = match kind {
        DraftKind::Invitation => (
            fill_template(subject_template, value),
            fill_template(body_template, value),
        ),
        DraftKind::Update => (
            format!("Gewijzigd: {}", fill_template(subject_template, value)),
            format!(
                "De bijeenkomst is verplaatst; hieronder de gewijzigde uitnodiging.\n\n{}",
                fill_template(body_template, value)
            ),
        ),
        DraftKind::Cancellation => (
            format!("Geannuleerd: {}", fill_template(subject_template, value)),
            format!(
                "{},\n\nDe bijeenkomst van de Task Force Aanpak Mensenhandel van {} gaat niet door. \
                 De uitnodiging in uw agenda wordt met dit bericht ingetrokken.\n\nMet vriendelijke groet,\n\n{}",
                if partner.is_some() {
                    format!("Geachte {}", value("naam"))
                } else {
                    "Geachte leden".to_string()
                },
                value("datum"),
                value("ondertekening")
            ),
        ),
    };
        // An empty line left by an empty {reden} or {onderwerp} is not sent.
        let body = tidy(&body);
        // One pack per audience, shared by every draft of the round.
        let pack = match kind {
            DraftKind::Cancellation => None,
            _ => Some(self.pack(audience)?),
        };
        let pack_name = crate::file_name(
            start.date(),
            match audience {
                Audience::Internal => "Vergaderbundel",
                Audience::External => "Vergaderbundel (extern)",
            },
            "pdf",
        );
        Ok(Content {
            subject,
            body,
            pack,
            pack_name,
        })
    }
}

pub(crate) fn signature(settings: &MailSettings) -> String {
    match (
        settings.signature.is_empty(),
        settings.sender_name.is_empty(),
    ) {
        (false, _) => settings.signature.clone(),
        (true, false) => format!(
            "{}\nSecretariaat Task Force Aanpak Mensenhandel",
            settings.sender_name
        ),
        (true, true) => "Secretariaat Task Force Aanpak Mensenhandel".to_string(),
    }
}

/// Collapses runs of blank lines to one.
pub(crate) fn tidy(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let blank = line.trim().is_empty();
        if blank && out.last().is_some_and(|l: &&str| l.trim().is_empty()) {
            continue;
        }
        out.push(line);
    }
    out.join("\r\n").trim().to_string() + "\r\n"
}

impl Round<'_> {
    fn draft(
        &self,
        recipients: &[Recipient],
        mut content: Content,
        invitation: Option<Id>,
        label: &str,
    ) -> Result<Draft> {
        let Round {
            store,
            detail,
            settings,
            kind,
            ..
        } = self;
        let kind = *kind;
        let attendees: Vec<Attendee<'_>> = recipients
            .iter()
            .map(|r| Attendee {
                name: &r.name,
                email: &r.email,
                optional: r.optional,
            })
            .collect();
        let calendar = ics::invitation_calendar(
            store,
            detail,
            kind == DraftKind::Cancellation,
            (&settings.sender_name, &settings.sender_email),
            &attendees,
        )?;
        let (required, copies) = addresses(recipients);
        let method = if kind == DraftKind::Cancellation {
            "CANCEL"
        } else {
            "REQUEST"
        };
        // multipart/mixed: [multipart/alternative: text, calendar], the pack,
        // the papers that travel beside it.
        let mut parts = vec![MimePart::new(
            "multipart/alternative",
            vec![
                MimePart::new(
                    ContentType::new("text/plain").attribute("charset", "utf-8"),
                    content.body.clone(),
                ),
                MimePart::new(
                    ContentType::new("text/calendar")
                        .attribute("charset", "utf-8")
                        .attribute("method", method),
                    calendar.clone(),
                ),
            ],
        )];
        if let Some(pack) = content.pack.take() {
            parts.push(
                MimePart::new("application/pdf", pack.pdf.clone())
                    .attachment(content.pack_name.clone()),
            );
            for paper in pack.attachments.iter().cloned() {
                let media_type = if paper.media_type.is_empty() {
                    "application/octet-stream".to_string()
                } else {
                    paper.media_type
                };
                parts.push(MimePart::new(media_type, paper.bytes).attachment(paper.file_name));
            }
        }
        // The same invitation as a file too, for mail programs that show the
        // inline part only as text.
        parts.push(
            MimePart::new(
                ContentType::new("application/ics").attribute("method", method),
                calendar.into_bytes(),
            )
            .attachment("uitnodiging.ics"),
        );
        let mut message = MessageBuilder::new()
            .from(sender(settings))
            .to(Address::new_list(required))
            .subject(content.subject.clone())
            .date(store.now().timestamp())
            .message_id(format!(
                "{}.{}.{}@taskforce-secretariaat.local",
                ics::uid(detail).split('@').next().unwrap_or("bijeenkomst"),
                detail.meeting.sequence,
                invitation.map_or_else(|| "leden".to_string(), |id| format!("partner{id}"))
            ))
            // Outlook opens a message with this header as a draft to send.
            .header("X-Unsent", mail_builder::headers::raw::Raw::new("1"))
            .body(MimePart::new("multipart/mixed", parts));
        if !copies.is_empty() {
            message = message.cc(Address::new_list(copies));
        }
        let eml = message
            .write_to_vec()
            .map_err(|e| Error::io(MessageKey::DraftsWriteFailed, "", e))?;
        let date = to_amsterdam(detail.meeting.starts_at).date();
        let what = match kind {
            DraftKind::Invitation => "Uitnodiging",
            DraftKind::Update => "Gewijzigde uitnodiging",
            DraftKind::Cancellation => "Afzegging",
        };
        Ok(Draft {
            file_name: crate::file_name(
                date,
                &format!("{what} {}", taskforce::files::safe_name(label)),
                "eml",
            ),
            recipients: recipients.iter().map(|r| r.email.clone()).collect(),
            eml,
            invitation,
        })
    }
}

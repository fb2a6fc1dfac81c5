//! The concept minutes sent round to the members for comments: one draft
//! for the user's mail program (members in To, deputies in copy, as the
//! invitation) with the minutes as PDF marked CONCEPT on every page and
//! the deadline for comments, and the round noted in the store. The app
//! never sends mail.

use crate::drafts::{addressed, check_sender, plain_draft, signature, tidy};
use crate::minutes::minutes_data;
use chrono::NaiveDate;
use mail_builder::mime::MimePart;
use std::path::{Path, PathBuf};
use taskforce::calendar::dutch_date;
use taskforce::domain::{Id, MinutesCycle};
use taskforce::error::{Error, Result};
use taskforce::message::{Message, MessageKey};
use taskforce::Store;

/// What sending the minutes round wrote and noted.
#[derive(Debug, Clone)]
pub struct SavedMinutesRound {
    pub path: PathBuf,
    pub warnings: Vec<Message>,
    pub cycle: MinutesCycle,
}

/// The members' draft for a round of the concept minutes, without
/// writing or noting anything: its file name, bytes and who cannot be
/// reached.
pub struct MinutesDraft {
    pub file_name: String,
    pub eml: Vec<u8>,
    pub recipients: Vec<String>,
    pub warnings: Vec<Message>,
}

/// Builds the draft for sending the minutes of `meeting` round, comments
/// by `comments_by`. Refused as the store refuses the round (no sender,
/// minutes not there, empty or adopted, a deadline past) and when no
/// member has an address.
pub fn minutes_draft(store: &Store, meeting: Id, comments_by: NaiveDate) -> Result<MinutesDraft> {
    let settings = store.mail_settings()?;
    check_sender(&settings)?;
    store.check_circulate_minutes(meeting, comments_by)?;
    let detail = store.meeting(meeting)?;
    let addressed = addressed(store, &detail)?;
    if !addressed.members.iter().any(|m| !m.optional) {
        return Err(Error::conflict(MessageKey::DraftsNoMemberAddresses));
    }
    let day = detail.meeting.day();
    let mut data = minutes_data(store, meeting)?;
    // The PDF says the round it goes out with.
    data.status_text = format!(
        "concept, rondgestuurd op {}; reacties vóór {}",
        dutch_date(store.today()),
        dutch_date(comments_by)
    );
    data.concept = true;
    let pdf = crate::pdf::minutes_pdf_of(&data, store.now())?;
    let subject = format!(
        "Conceptverslag Task Force Aanpak Mensenhandel, {}: reacties vóór {}",
        dutch_date(day),
        dutch_date(comments_by)
    );
    let body = tidy(&format!(
        "Geachte leden,\n\nBijgaand het conceptverslag van de bijeenkomst van {}. \
         Uw opmerkingen ontvangen wij graag uiterlijk {}. Zonder reactie gaan wij \
         ervan uit dat u met het verslag instemt; het wordt vastgesteld in de \
         volgende bijeenkomst.\n\nMet vriendelijke groet,\n\n{}",
        dutch_date(day),
        dutch_date(comments_by),
        signature(&settings)
    ));
    let attachment = MimePart::new("application/pdf", pdf).attachment(crate::file_name(
        day,
        "Conceptverslag",
        "pdf",
    ));
    let eml = plain_draft(
        store,
        &settings,
        &addressed.members,
        &subject,
        &body,
        vec![attachment],
        &format!(
            "{}.verslag.{}@taskforce-secretariaat.local",
            detail
                .calendar_uid()
                .split('@')
                .next()
                .unwrap_or("bijeenkomst"),
            store.now().timestamp()
        ),
    )?;
    Ok(MinutesDraft {
        file_name: crate::file_name(day, "Conceptverslag leden", "eml"),
        eml,
        recipients: addressed.members.iter().map(|m| m.email.clone()).collect(),
        // Said of the minutes, not of an invitation.
        warnings: addressed
            .warnings
            .into_iter()
            .map(|mut warning| {
                warning.key = match warning.key {
                    MessageKey::DraftsSeatNoAddress => MessageKey::RoundSeatNoAddress,
                    MessageKey::DraftsSeatsNoAddress => MessageKey::RoundSeatsNoAddress,
                    other => other,
                };
                warning
            })
            .collect(),
    })
}

/// Sends the minutes round: writes the members' draft into `folder` (made,
/// private, when new) and notes the round — the one sequence behind the
/// window's *Rondsturen* and `taskforce-cli minutes circulate`. Nothing is
/// noted when the draft cannot be made or written.
pub fn circulate(
    store: &Store,
    meeting: Id,
    comments_by: NaiveDate,
    folder: &Path,
) -> Result<SavedMinutesRound> {
    let draft = minutes_draft(store, meeting, comments_by)?;
    save(store, draft, meeting, comments_by, folder)
}

/// Writes a draft made by [`minutes_draft`] into `folder` and notes the
/// round: the window makes the draft before it asks for a folder, and
/// makes it once.
pub fn save(
    store: &Store,
    draft: MinutesDraft,
    meeting: Id,
    comments_by: NaiveDate,
    folder: &Path,
) -> Result<SavedMinutesRound> {
    taskforce::private::create_dir(folder)
        .map_err(|e| Error::io(MessageKey::DraftsFolderFailed, folder, e))?;
    let path = folder.join(&draft.file_name);
    crate::write_atomically(&path, &draft.eml)?;
    let cycle = store.circulate_minutes(meeting, comments_by)?;
    Ok(SavedMinutesRound {
        path,
        warnings: draft.warnings,
        cycle,
    })
}

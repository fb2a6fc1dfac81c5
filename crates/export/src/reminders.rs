//! Reminders to action owners: one draft per owner (a member seat, a
//! partner, or the secretariat itself) listing their open actions — the
//! overdue first — with the meeting each was agreed at, its due date and
//! its history; the reminder noted in each action's history once the
//! drafts are written. The app never sends mail.

use crate::drafts::{check_sender, plain_draft, signature, tidy, Recipient};
use std::path::{Path, PathBuf};
use taskforce::calendar::{dutch_date, to_amsterdam};
use taskforce::domain::{ActionEvent, ActionEventKind, ActionOwner, MailSettings, OwnerReminder};
use taskforce::error::{Error, Result};
use taskforce::message::{Message, MessageKey};
use taskforce::msg;
use taskforce::{Lang, Store};

/// One owner's reminder, ready to be saved as `file_name`.
pub struct ReminderDraft {
    pub file_name: String,
    pub eml: Vec<u8>,
    /// The actions it lists, to note as reminded.
    pub actions: Vec<taskforce::domain::Id>,
}

/// The drafts made and who could not be reached.
pub struct ReminderDrafts {
    pub drafts: Vec<ReminderDraft>,
    pub warnings: Vec<Message>,
}

/// What [`save`] wrote and noted.
#[derive(Debug, Clone)]
pub struct SavedReminders {
    pub paths: Vec<PathBuf>,
    pub warnings: Vec<Message>,
}

/// The reminders due: a draft for every owner with open actions (with
/// `only_overdue`, every owner with one past its due date) who has an
/// address; an owner without one is named in a warning.
pub fn reminder_drafts(store: &Store, only_overdue: bool) -> Result<ReminderDrafts> {
    let settings = store.mail_settings()?;
    check_sender(&settings)?;
    let owners = store.reminders(only_overdue)?;
    if owners.is_empty() {
        return Err(Error::conflict(if only_overdue {
            MessageKey::RemindersNoneOverdue
        } else {
            MessageKey::RemindersNoneOpen
        }));
    }
    let mut drafts = Vec::new();
    let mut warnings = Vec::new();
    let today = store.today();
    for owner in &owners {
        let Some(recipient) = recipient(store, &settings, &owner.owner)? else {
            warnings.push(msg!(RemindersNoAddress, owner = owner.owner_name.clone()));
            continue;
        };
        let name = owner.owner_name.render(Lang::Nl);
        let eml = plain_draft(
            store,
            &settings,
            std::slice::from_ref(&recipient),
            &subject(owner),
            &body(owner, &recipient.name, &name, &settings),
            Vec::new(),
            &format!(
                "herinnering.{}.{}@taskforce-secretariaat.local",
                owner_key(&owner.owner),
                store.now().timestamp()
            ),
        )?;
        drafts.push(ReminderDraft {
            file_name: crate::file_name(
                today,
                &format!("Herinnering {}", taskforce::files::safe_name(&name)),
                "eml",
            ),
            eml,
            actions: owner.actions.iter().map(|a| a.action.id).collect(),
        });
    }
    Ok(ReminderDrafts { drafts, warnings })
}

/// Writes the reminders into `folder` (made, private, when new) and notes
/// them in each action's history — the one sequence behind the window's
/// *Herinneringen maken* and `taskforce-cli action remind`.
pub fn save(store: &Store, only_overdue: bool, folder: &Path) -> Result<SavedReminders> {
    save_drafts(store, reminder_drafts(store, only_overdue)?, folder)
}

/// Writes reminders made by [`reminder_drafts`] into `folder` and notes
/// them: the window makes them before it asks for a folder, and makes
/// them once.
pub fn save_drafts(store: &Store, made: ReminderDrafts, folder: &Path) -> Result<SavedReminders> {
    taskforce::private::create_dir(folder)
        .map_err(|e| Error::io(MessageKey::DraftsFolderFailed, folder, e))?;
    let mut paths = Vec::new();
    let mut reminded = Vec::new();
    for draft in &made.drafts {
        let path = folder.join(&draft.file_name);
        crate::write_atomically(&path, &draft.eml)?;
        paths.push(path);
        reminded.extend(draft.actions.iter().copied());
    }
    store.note_reminded(&reminded)?;
    Ok(SavedReminders {
        paths,
        warnings: made.warnings,
    })
}

fn owner_key(owner: &ActionOwner) -> String {
    match owner {
        ActionOwner::Seat(id) => format!("lid{id}"),
        ActionOwner::Partner(id) => format!("partner{id}"),
        ActionOwner::Secretariat => "secretariaat".to_string(),
    }
}

/// Where an owner's reminder goes: the seat's member, the partner's
/// contact, the secretariat's own address.
fn recipient(
    store: &Store,
    settings: &MailSettings,
    owner: &ActionOwner,
) -> Result<Option<Recipient>> {
    Ok(match owner {
        ActionOwner::Seat(id) => {
            let seat = store.seat(*id)?;
            seat.email.map(|email| Recipient {
                name: seat.person.unwrap_or(seat.organisation),
                email,
                optional: false,
            })
        }
        ActionOwner::Partner(id) => {
            let partner = store.partner(*id)?;
            partner.email.map(|email| Recipient {
                name: partner.contact_name.unwrap_or(partner.organisation),
                email,
                optional: false,
            })
        }
        ActionOwner::Secretariat => Some(Recipient {
            name: if settings.sender_name.is_empty() {
                "Secretariaat Task Force Aanpak Mensenhandel".to_string()
            } else {
                settings.sender_name.clone()
            },
            email: settings.sender_email.clone(),
            optional: false,
        }),
    })
}

fn subject(owner: &OwnerReminder) -> String {
    let open = owner.actions.len();
    match owner.overdue {
        0 => format!("Herinnering actiepunten Task Force Aanpak Mensenhandel ({open} open)"),
        overdue => format!(
            "Herinnering actiepunten Task Force Aanpak Mensenhandel ({open} open, waarvan {overdue} over de deadline)"
        ),
    }
}

fn body(owner: &OwnerReminder, name: &str, owner_name: &str, settings: &MailSettings) -> String {
    let mut text = format!(
        "Geachte {name},\n\nVolgens de actielijst van de Task Force Aanpak Mensenhandel staan \
         deze actiepunten open voor {owner_name}:\n"
    );
    for (n, item) in owner.actions.iter().enumerate() {
        let action = &item.action;
        let due = match action.due_on {
            Some(due) if action.overdue => format!("deadline {} (verstreken)", dutch_date(due)),
            Some(due) => format!("deadline {}", dutch_date(due)),
            None => "geen deadline".to_string(),
        };
        text.push_str(&format!(
            "\n{}. {}\n   Afgesproken in de bijeenkomst van {}; {due}.\n",
            n + 1,
            action.description,
            dutch_date(item.meeting_on)
        ));
        let history: Vec<String> = item.history.iter().filter_map(event_text).collect();
        if !history.is_empty() {
            text.push_str(&format!("   Verloop: {}.\n", history.join("; ")));
        }
    }
    text.push_str(&format!(
        "\nWilt u vóór de volgende bijeenkomst laten weten hoe het ermee staat?\n\n\
         Met vriendelijke groet,\n\n{}",
        signature(settings)
    ));
    tidy(&text)
}

/// An event of an action's history as a reminder says it.
fn event_text(event: &ActionEvent) -> Option<String> {
    let day = dutch_date(to_amsterdam(event.at).date());
    Some(match event.kind {
        ActionEventKind::Created => format!("aangemaakt op {day}"),
        ActionEventKind::Postponed => match (event.due_before, event.due_after) {
            (Some(before), Some(after)) => format!(
                "op {day} uitgesteld van {} naar {}",
                dutch_date(before),
                dutch_date(after)
            ),
            _ => format!("op {day} uitgesteld"),
        },
        ActionEventKind::Reopened => format!("heropend op {day}"),
        ActionEventKind::Reminded => format!("herinnerd op {day}"),
        ActionEventKind::Done | ActionEventKind::Dropped => return None,
    })
}

//! What the secretariat sends out: calendar files and lists (PDF and Word
//! agendas and minutes follow). Every export is built in memory from the
//! store's use cases — no SQL here — and written with [`write_atomically`], so
//! a target that cannot be written leaves no partial file.

pub mod ics;
pub mod lists;
pub mod pdf;

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to a temp file beside `destination`, syncs it, then renames
/// it into place: the destination is complete or untouched.
pub fn write_atomically(destination: &Path, bytes: &[u8]) -> Result<()> {
    let folder = destination
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let temp = folder.join(format!(
        ".{}.{}.tmp",
        destination
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|_| std::fs::rename(&temp, destination));
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temp);
        let message = if error.raw_os_error() == Some(28) {
            "de schijf is vol; er is niets opgeslagen"
        } else {
            "kan het bestand niet opslaan op deze plek"
        };
        return Err(Error::io(message, destination, error));
    }
    Ok(())
}

/// The file name a secretariat would give it: `2021-05-12 Agenda Task Force Mensenhandel.ics`.
pub fn file_name(date: chrono::NaiveDate, what: &str, extension: &str) -> String {
    format!(
        "{} {what} Task Force Mensenhandel.{extension}",
        date.format("%Y-%m-%d")
    )
}

use crate::domain::{code_enum, Id};
use crate::Store;

code_enum!(ListKind, "list", "lijst" {
    Seats = "seats" | "leden",
    Partners = "partners",
    Actions = "actions" | "acties",
    Decisions = "decisions" | "besluiten",
    Subjects = "subjects" | "onderwerpen",
});

/// Everything that can be exported, for callers that pick a file first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Export {
    MeetingCalendar {
        #[cfg_attr(feature = "specta", specta(type = i32))]
        meeting: Id,
    },
    TermCalendar {
        term: u32,
    },
    AgendaPdf {
        #[cfg_attr(feature = "specta", specta(type = i32))]
        meeting: Id,
        audience: pdf::Audience,
    },
    MinutesPdf {
        #[cfg_attr(feature = "specta", specta(type = i32))]
        meeting: Id,
    },
    List {
        list: ListKind,
        term: u32,
    },
}

impl Export {
    /// The name a secretariat would give the file.
    pub fn file_name(&self, store: &Store) -> Result<String> {
        let today = store.today();
        Ok(match self {
            Export::MeetingCalendar { meeting } => {
                let detail = store.meeting(*meeting)?;
                file_name(
                    crate::calendar::to_amsterdam(detail.meeting.starts_at).date(),
                    "Bijeenkomst",
                    "ics",
                )
            }
            Export::TermCalendar { term } => format!("Termijn {term} Task Force Mensenhandel.ics"),
            Export::AgendaPdf { meeting, audience } => {
                let detail = store.meeting(*meeting)?;
                let what = match audience {
                    pdf::Audience::Internal => "Agenda",
                    pdf::Audience::External => "Agenda (extern)",
                };
                file_name(
                    crate::calendar::to_amsterdam(detail.meeting.starts_at).date(),
                    what,
                    "pdf",
                )
            }
            Export::MinutesPdf { meeting } => {
                let detail = store.meeting(*meeting)?;
                file_name(
                    crate::calendar::to_amsterdam(detail.meeting.starts_at).date(),
                    "Verslag",
                    "pdf",
                )
            }
            Export::List { list, .. } => {
                let what = match list {
                    ListKind::Seats => "Leden",
                    ListKind::Partners => "Externe partners",
                    ListKind::Actions => "Actielijst",
                    ListKind::Decisions => "Besluitenlijst",
                    ListKind::Subjects => "Onderwerpen",
                };
                file_name(today, what, "csv")
            }
        })
    }

    /// Builds the export and writes it to `destination` atomically.
    pub fn save(&self, store: &Store, destination: &Path) -> Result<()> {
        let bytes = match *self {
            Export::MeetingCalendar { meeting } => ics::meeting_ics(store, meeting)?.into_bytes(),
            Export::TermCalendar { term } => ics::term_ics(store, term)?.into_bytes(),
            Export::AgendaPdf { meeting, audience } => pdf::agenda_pdf(store, meeting, audience)?,
            Export::MinutesPdf { meeting } => pdf::minutes_pdf(store, meeting)?,
            Export::List { list, term } => match list {
                ListKind::Seats => lists::seats(store, term)?,
                ListKind::Partners => lists::partners(store)?,
                ListKind::Actions => lists::actions(store)?,
                ListKind::Decisions => lists::decisions(store, term)?,
                ListKind::Subjects => lists::subjects(store)?,
            },
        };
        write_atomically(destination, &bytes)
    }
}

//! What the secretariat sends out: agendas and minutes (PDF and Word),
//! calendar files, lists and the term report. Every export is built in memory
//! from the store's use cases — no SQL here — and written with
//! [`write_atomically`], so a target that cannot be written leaves no partial
//! file. What goes in a document is decided once (`agenda`, `minutes`,
//! `report`); `pdf` and `docx` only lay it out.

pub mod agenda;
pub mod archive;
pub mod docx;
pub mod drafts;
pub mod ics;
pub mod lists;
pub mod minutes;
pub mod minutes_round;
pub mod pack;
pub mod pdf;
pub mod reminders;
pub mod report;

pub use agenda::Audience;

use std::path::Path;
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::message::MessageKey;

/// Saves an export: [`taskforce::files::write_atomically`], a failure
/// called a failed export.
pub fn write_atomically(destination: &Path, bytes: &[u8]) -> Result<()> {
    taskforce::files::write_atomically(destination, bytes, MessageKey::ExportSaveFailed)
}

/// The file name a secretariat would give it: `2021-05-12 Agenda Task Force Mensenhandel.ics`.
pub fn file_name(date: chrono::NaiveDate, what: &str, extension: &str) -> String {
    format!(
        "{} {what} Task Force Mensenhandel.{extension}",
        date.format("%Y-%m-%d")
    )
}

use taskforce::domain::{code_enum, Id};
use taskforce::Store;

code_enum!(ListKind, List {
    Seats = "seats" | "leden",
    Partners = "partners",
    Actions = "actions" | "acties",
    Decisions = "decisions" | "besluiten",
    Subjects = "subjects" | "onderwerpen",
});

code_enum!(Format, Format {
    Pdf = "pdf",
    Docx = "docx" | "word",
});

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

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
    Agenda {
        #[cfg_attr(feature = "specta", specta(type = i32))]
        meeting: Id,
        audience: Audience,
        format: Format,
    },
    Minutes {
        #[cfg_attr(feature = "specta", specta(type = i32))]
        meeting: Id,
        format: Format,
    },
    /// The meeting pack (agenda and papers in one PDF); papers that cannot
    /// be placed are named in it.
    Pack {
        #[cfg_attr(feature = "specta", specta(type = i32))]
        meeting: Id,
        audience: Audience,
    },
    /// A list as CSV. Seats and decisions are a term's (`term` required);
    /// actions are the term's when one is given, else all; partners and
    /// subjects are not per term.
    List {
        list: ListKind,
        term: Option<u32>,
    },
    TermReport {
        term: u32,
    },
}

/// How far a slow export is, for a progress indication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading meetings, attendance, decisions and actions.
    Gathering,
    /// Laying out the pages.
    Typesetting,
    /// Writing the file.
    Writing,
}

impl Export {
    /// The name a secretariat would give the file.
    pub fn file_name(&self, store: &Store) -> Result<String> {
        let meeting_date = |meeting: Id| -> Result<chrono::NaiveDate> {
            Ok(taskforce::calendar::to_amsterdam(store.meeting(meeting)?.meeting.starts_at).date())
        };
        Ok(match *self {
            Export::MeetingCalendar { meeting } => {
                file_name(meeting_date(meeting)?, "Bijeenkomst", "ics")
            }
            Export::TermCalendar { term } => format!("Termijn {term} Task Force Mensenhandel.ics"),
            Export::Agenda {
                meeting,
                audience,
                format,
            } => {
                let what = match audience {
                    Audience::Internal => "Agenda",
                    Audience::External => "Agenda (extern)",
                };
                file_name(meeting_date(meeting)?, what, format.extension())
            }
            Export::Minutes { meeting, format } => {
                file_name(meeting_date(meeting)?, "Verslag", format.extension())
            }
            Export::Pack { meeting, audience } => file_name(
                meeting_date(meeting)?,
                match audience {
                    Audience::Internal => "Vergaderbundel",
                    Audience::External => "Vergaderbundel (extern)",
                },
                "pdf",
            ),
            Export::List { list, .. } => {
                let what = match list {
                    ListKind::Seats => "Leden",
                    ListKind::Partners => "Externe partners",
                    ListKind::Actions => "Actielijst",
                    ListKind::Decisions => "Besluitenlijst",
                    ListKind::Subjects => "Onderwerpen",
                };
                file_name(store.today(), what, "csv")
            }
            Export::TermReport { term } => {
                format!("Termijnrapportage termijn {term} Task Force Mensenhandel.pdf")
            }
        })
    }

    /// Builds the export in memory.
    pub fn render(&self, store: &Store, progress: &mut dyn FnMut(Stage)) -> Result<Vec<u8>> {
        Ok(match *self {
            Export::MeetingCalendar { meeting } => ics::meeting_ics(store, meeting)?.into_bytes(),
            Export::TermCalendar { term } => ics::term_ics(store, term)?.into_bytes(),
            Export::Agenda {
                meeting,
                audience,
                format: Format::Pdf,
            } => pdf::agenda_pdf(store, meeting, audience)?,
            Export::Agenda {
                meeting,
                audience,
                format: Format::Docx,
            } => docx::agenda_docx(store, meeting, audience)?,
            Export::Minutes {
                meeting,
                format: Format::Pdf,
            } => pdf::minutes_pdf(store, meeting)?,
            Export::Pack { meeting, audience } => pack::meeting_pack(store, meeting, audience)?.pdf,
            Export::Minutes {
                meeting,
                format: Format::Docx,
            } => docx::minutes_docx(store, meeting)?,
            Export::List { list, term } => {
                let term_of = || {
                    term.ok_or_else(|| {
                        Error::validation(Field::Term, MessageKey::ExportTermRequired)
                    })
                };
                match list {
                    ListKind::Seats => lists::seats(store, term_of()?)?,
                    ListKind::Partners => lists::partners(store)?,
                    ListKind::Actions => lists::actions(store, term)?,
                    ListKind::Decisions => lists::decisions(store, term_of()?)?,
                    ListKind::Subjects => lists::subjects(store)?,
                }
            }
            Export::TermReport { term } => {
                progress(Stage::Gathering);
                let data = report::term_report_data(store, term)?;
                progress(Stage::Typesetting);
                pdf::term_report_pdf(&data, store.now())?
            }
        })
    }

    /// Builds the export and writes it to `destination` atomically.
    pub fn save(&self, store: &Store, destination: &Path) -> Result<Saved> {
        self.save_reporting(store, destination, &mut |_| {})
    }

    /// [`Export::save`], telling `progress` which stage it is in.
    pub fn save_reporting(
        &self,
        store: &Store,
        destination: &Path,
        progress: &mut dyn FnMut(Stage),
    ) -> Result<Saved> {
        let (bytes, saved) = match *self {
            // The pack alone has more to say than its file.
            Export::Pack { meeting, audience } => {
                let pack = pack::meeting_pack(store, meeting, audience)?;
                let separately = pack.attachments.into_iter().map(|a| a.file_name).collect();
                let saved = Saved {
                    warnings: pack.warnings,
                    separately,
                };
                (pack.pdf, saved)
            }
            _ => (self.render(store, progress)?, Saved::default()),
        };
        progress(Stage::Writing);
        write_atomically(destination, &bytes)?;
        Ok(saved)
    }
}

/// What saving an export has to say besides the file it wrote.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Saved {
    /// What to know before sending it (a paper that could not be placed).
    pub warnings: Vec<taskforce::Message>,
    /// Files to send along separately (papers a pack could not hold).
    pub separately: Vec<String>,
}

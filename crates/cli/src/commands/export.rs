//! Exports: calendar files, agendas, the meeting pack, minutes, the term
//! report and CSV lists, written where the user asks — and which file type,
//! PDF or Word, by the name they give it.

use crate::args::{ExportCommand, ListArg};
use crate::print::Output;
use std::path::Path;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::{Error, Result, Store};
use taskforce_export::{Audience, Export, Format, ListKind};

/// Writes the export to the file the user named and says where it is.
pub fn run(store: &Store, out: &Output, cmd: ExportCommand) -> Result<()> {
    let (what, file) = match cmd {
        ExportCommand::Ics {
            meeting,
            term,
            out: file,
        } => match (meeting, term) {
            (Some(meeting), _) => (Export::MeetingCalendar { meeting }, file),
            (None, Some(term)) => (Export::TermCalendar { term }, file),
            (None, None) => {
                return Err(Error::validation(
                    Field::Meeting,
                    MessageKey::CliTermOrMeeting,
                ))
            }
        },
        ExportCommand::Agenda {
            meeting,
            external,
            out: file,
        } => {
            let audience = audience(external);
            let format = format_of(&file)?;
            (
                Export::Agenda {
                    meeting,
                    audience,
                    format,
                },
                file,
            )
        }
        ExportCommand::Pack {
            meeting,
            external,
            out: file,
        } => {
            let pack = Export::Pack {
                meeting,
                audience: audience(external),
            };
            let saved = pack.save(store, &file)?;
            out.warn(&saved.warnings);
            return out.pack_saved(&file, &saved.separately);
        }
        ExportCommand::Minutes { meeting, out: file } => {
            let format = format_of(&file)?;
            (Export::Minutes { meeting, format }, file)
        }
        ExportCommand::Report { term, out: file } => (Export::TermReport { term }, file),
        ExportCommand::Csv {
            list,
            term,
            out: file,
        } => {
            let list = match list {
                ListArg::Seats => ListKind::Seats,
                ListArg::Partners => ListKind::Partners,
                ListArg::Actions => ListKind::Actions,
                ListArg::Decisions => ListKind::Decisions,
                ListArg::Subjects => ListKind::Subjects,
            };
            (Export::List { list, term }, file)
        }
    };
    what.save(store, &file)?;
    out.saved(&file)
}

/// Who an agenda or pack is for, by `--external`.
fn audience(external: bool) -> Audience {
    if external {
        Audience::External
    } else {
        Audience::Internal
    }
}

/// PDF or Word, by the extension the user gave the file.
fn format_of(out: &Path) -> Result<Format> {
    let extension = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => Ok(Format::Pdf),
        "docx" => Ok(Format::Docx),
        _ => Err(Error::validation(Field::Out, MessageKey::CliOutPdfOrDocx)),
    }
}

//! Attached documents: the files kept in the data folder and their links.

use crate::args::DocumentCommand;
use crate::print::{self, Output};
use std::process::ExitCode;
use taskforce::domain::DocumentKind;
use taskforce::msg;
use taskforce::{Result, Store};

/// Exits 6 when `verify` finds a file missing or altered.
pub fn run(store: &Store, out: &Output, cmd: DocumentCommand) -> Result<ExitCode> {
    match cmd {
        DocumentCommand::Attach {
            file,
            target,
            kind,
            title,
            confidential,
        } => {
            let kind = DocumentKind::parse(&kind)?;
            let linked = store.attach_document(
                &file,
                target.target(),
                kind,
                title.as_deref(),
                confidential,
            )?;
            out.one(&linked, print::linked_document)?;
        }
        DocumentCommand::List { target } => out.list(
            &store.documents_of(target.target())?,
            print::linked_document,
        )?,
        DocumentCommand::OpenPath { id } => {
            let path = store.document_file(id)?;
            out.one(&path, |p| p.display().to_string())?;
        }
        DocumentCommand::Export { id, destination } => {
            store.export_document(id, &destination)?;
            out.saved(&destination)?;
        }
        DocumentCommand::Rename { id, title } => {
            let document = store.rename_document(id, &title)?;
            out.one(&document, |d| format!("[{}] {}", d.id, d.title))?;
        }
        DocumentCommand::Unlink { link_id } => {
            store.unlink_document(link_id)?;
            out.said(&link_id, |id| msg!(CliLinkRemoved, id = *id))?;
        }
        DocumentCommand::Verify => {
            let report = store.verify_documents()?;
            out.one(&report, |r| print::verify(out.lang, r))?;
            if !report.is_ok() {
                return Ok(ExitCode::from(6));
            }
        }
        DocumentCommand::Gc => {
            let report = store.collect_garbage()?;
            out.said(&report, |r| match &r.held_back {
                Some(why) => msg!(
                    CliTidiedHeldBack,
                    documents = r.documents_removed,
                    files = r.files_removed,
                    why = why.clone()
                ),
                None => msg!(
                    CliTidied,
                    documents = r.documents_removed,
                    files = r.files_removed
                ),
            })?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

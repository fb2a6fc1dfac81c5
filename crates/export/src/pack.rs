//! The meeting pack (*vergaderbundel*) for one audience: the agenda and the
//! meeting's papers in agenda order in one PDF, with a contents page,
//! running page numbers and a bookmark per agenda item and per paper. What
//! goes in follows the agenda's rules for the audience ([`agenda_data`]), so
//! the external pack leaves out exactly what the external agenda does.
//!
//! PDF papers are placed page by page (their text stays text). Other files,
//! and PDFs that are damaged or locked with a password, cannot be placed:
//! they are named in the pack and travel as separate attachments, with a
//! warning for the damaged and locked ones.

use crate::agenda::{agenda_data, AgendaData, Audience, ItemRef};
use crate::pdf;
use serde::Serialize;
use taskforce::domain::Id;
use taskforce::error::Result;
use taskforce::message::Message;
use taskforce::msg;
use taskforce::Store;

/// A finished pack: the PDF, the papers to send beside it, and what the user
/// should know before sending.
#[derive(Debug)]
pub struct Pack {
    pub pdf: Vec<u8>,
    pub attachments: Vec<PackAttachment>,
    pub warnings: Vec<Message>,
}

/// A paper that travels beside the pack, as its own file.
#[derive(Debug, Clone)]
pub struct PackAttachment {
    pub document_id: Id,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
struct PackData {
    agenda: AgendaData,
    papers: Vec<PlacedPaper>,
    attachments: Vec<AttachmentData>,
}

#[derive(Serialize)]
struct PlacedPaper {
    title: String,
    kind: String,
    item: Option<ItemRef>,
    /// The input that holds its bytes.
    input: String,
    pages: usize,
}

#[derive(Serialize)]
struct AttachmentData {
    title: String,
    file_name: String,
    note: &'static str,
}

/// Whether a file can be placed page by page.
enum Readable {
    Pages(usize),
    NotPdf,
    Locked,
    Damaged,
}

fn readable(media_type: &str, name: &str, bytes: &[u8]) -> Readable {
    let pdf = media_type == "application/pdf" || name.to_lowercase().ends_with(".pdf");
    if !pdf {
        return Readable::NotPdf;
    }
    match hayro_syntax::Pdf::new(bytes.to_vec()) {
        Ok(document) if !document.pages().is_empty() => Readable::Pages(document.pages().len()),
        Ok(_) => Readable::Damaged,
        Err(hayro_syntax::LoadPdfError::Decryption(_)) => Readable::Locked,
        Err(_) => Readable::Damaged,
    }
}

/// Builds the pack for `audience`. A paper whose file is gone from the
/// documents folder stops it, naming the paper.
pub fn meeting_pack(store: &Store, meeting: Id, audience: Audience) -> Result<Pack> {
    let agenda = agenda_data(store, meeting, audience)?;
    let mut papers = Vec::new();
    let mut attachments = Vec::new();
    let mut listed = Vec::new();
    let mut warnings = Vec::new();
    let mut files = Vec::new();
    for paper in &agenda.papers {
        let document = store.document(paper.document_id)?;
        let bytes = store.read_document(paper.document_id)?;
        let note = match readable(&document.media_type, &document.original_name, &bytes) {
            Readable::Pages(pages) => {
                let input = format!("paper-{}", files.len());
                papers.push(PlacedPaper {
                    title: paper.title.clone(),
                    kind: paper.kind.clone(),
                    item: paper.item.clone(),
                    input: input.clone(),
                    pages,
                });
                files.push((input, bytes));
                continue;
            }
            Readable::NotPdf => "",
            Readable::Locked => {
                warnings.push(msg!(PackPaperLocked, paper = &document.title));
                "beveiligd met een wachtwoord"
            }
            Readable::Damaged => {
                warnings.push(msg!(PackPaperDamaged, paper = &document.title));
                "kon niet worden gelezen"
            }
        };
        listed.push(AttachmentData {
            title: document.title.clone(),
            file_name: document.original_name.clone(),
            note,
        });
        attachments.push(PackAttachment {
            document_id: document.id,
            title: document.title,
            file_name: document.original_name,
            media_type: document.media_type,
            bytes,
        });
    }
    let data = PackData {
        agenda,
        papers,
        attachments: listed,
    };
    let pdf = pdf::pack_pdf(&data, files, store.now())?;
    Ok(Pack {
        pdf,
        attachments,
        warnings,
    })
}

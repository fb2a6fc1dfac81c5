//! Documents: the decree, extension decrees, evaluations and meeting papers,
//! attached to a term, a meeting or a subject. The database keeps metadata;
//! the file itself lives in the documents folder under its SHA-256.

use super::{code_enum, Id};
use chrono::{DateTime, Utc};
use serde::Serialize;

code_enum!(DocumentKind, Kind {
    Decree = "decree" | "instellingsbesluit",
    ExtensionDecree = "extension_decree" | "verlengingsbesluit",
    Evaluation = "evaluation" | "evaluatie",
    MeetingPaper = "meeting_paper" | "vergaderstuk",
    Presentation = "presentation" | "presentatie",
    Other = "other" | "overig",
});

/// What a document is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum DocumentTarget {
    /// A term, by its number.
    Term(u32),
    Meeting(#[cfg_attr(feature = "specta", specta(type = i32))] Id),
    Subject(#[cfg_attr(feature = "specta", specta(type = i32))] Id),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Document {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub sha256: String,
    /// Bytes; f64 in TypeScript, exact up to 8 PB.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub size: u64,
    pub media_type: String,
    /// As the file was called when attached; metadata only, never a path.
    pub original_name: String,
    pub title: String,
    pub kind: DocumentKind,
    pub added_at: DateTime<Utc>,
}

/// A document as attached to one target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LinkedDocument {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub link_id: Id,
    pub document: Document,
    /// Left off the external agenda.
    pub confidential: bool,
    /// For a meeting's paper: the agenda item it belongs to.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub agenda_item_id: Option<Id>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VerifyReport {
    pub checked: u32,
    /// "title (original name)" of each document whose file is gone.
    pub missing: Vec<String>,
    /// … and of each whose file no longer matches its hash.
    pub altered: Vec<String>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.missing.is_empty() && self.altered.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct GarbageReport {
    pub documents_removed: u32,
    pub files_removed: u32,
    /// Why no stored file was removed this time, if none was: a restore or
    /// a database set aside not yet confirmed, or a backup whose documents
    /// could not be read.
    pub held_back: Option<crate::message::Message>,
}

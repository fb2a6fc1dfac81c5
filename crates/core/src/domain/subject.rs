//! Subjects (*onderwerpen*): the one central subject of a meeting, a concrete
//! case (*casus*), a phenomenon (*fenomeen*) or a theme.

use super::{code_enum, required, Id, Tag};
use crate::error::Field;
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

code_enum!(SubjectKind, Kind {
    Case = "case" | "casus",
    Phenomenon = "phenomenon" | "fenomeen",
    Theme = "theme" | "thema",
});

code_enum!(SubjectStatus, Status {
    Proposed = "proposed" | "voorgesteld",
    Planned = "planned" | "gepland",
    Discussed = "discussed" | "besproken",
    FollowUp = "follow_up" | "follow-up" | "vervolg",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Subject {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub title: String,
    pub kind: SubjectKind,
    pub description: String,
    pub confidential: bool,
    pub status: SubjectStatus,
    pub tags: Vec<Tag>,
    /// How many meetings (not cancelled) had this subject as their central one.
    pub times_central: u32,
    pub created_at: DateTime<Utc>,
    /// No longer current (*niet meer actueel*): out of the backlog, still
    /// found by search and kept with its meetings.
    pub archived_at: Option<DateTime<Utc>>,
    /// Entered by mistake and used nowhere (never central, no documents):
    /// it can be removed outright; otherwise it is archived.
    pub removable: bool,
    /// Its revision, sent back with an edit so a save over a colleague's
    /// change is refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SubjectDraft {
    pub title: String,
    pub kind: SubjectKind,
    pub description: String,
    pub confidential: bool,
    pub tags: Vec<Tag>,
}

impl SubjectDraft {
    pub fn normalized(&self) -> Result<SubjectDraft> {
        Ok(SubjectDraft {
            title: required(Field::Title, &self.title)?,
            kind: self.kind,
            description: self.description.trim().to_string(),
            confidential: self.confidential,
            tags: self.tags.clone(),
        })
    }
}

/// Filters for the subject backlog.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SubjectFilter {
    pub kind: Option<SubjectKind>,
    pub status: Option<SubjectStatus>,
    pub tag: Option<Tag>,
    /// Only subjects still to be discussed (the planner's backlog).
    #[serde(default)]
    pub backlog: bool,
    /// A page: at most `limit` subjects (all when absent), newest first.
    #[serde(default)]
    pub limit: Option<u32>,
    #[serde(default)]
    pub offset: Option<u32>,
}

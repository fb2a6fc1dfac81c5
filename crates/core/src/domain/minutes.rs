//! Minutes (*verslag*) of a meeting: Markdown, concept until adopted at a later
//! meeting, read-only after.

use super::{code_enum, Id};
use chrono::{DateTime, Utc};
use serde::Serialize;

code_enum!(MinutesStatus, Status {
    Concept = "concept",
    Adopted = "adopted" | "vastgesteld",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Minutes {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub meeting_id: Id,
    pub body: String,
    pub status: MinutesStatus,
    pub adopted_at: Option<DateTime<Utc>>,
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub adopted_in_meeting_id: Option<Id>,
    pub updated_at: DateTime<Utc>,
    /// Sent back with an edit, so a save over a colleague's version is
    /// refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

//! A member seat (*lid*): an organisation and a role within one term, with an
//! optional person, deputy and the chair flag.

use super::{optional_text, required, Id};
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Seat {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub term_id: Id,
    pub position: u32,
    pub organisation: String,
    pub role: String,
    pub person: Option<String>,
    pub deputy: Option<String>,
    pub chair: bool,
}

/// A seat as entered or imported, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatDraft {
    pub organisation: String,
    pub role: String,
    pub person: Option<String>,
    pub deputy: Option<String>,
    pub chair: bool,
}

impl SeatDraft {
    pub fn normalized(&self) -> Result<SeatDraft> {
        Ok(SeatDraft {
            organisation: required("organisation", "de organisatie", &self.organisation)?,
            role: required("role", "de functie", &self.role)?,
            person: optional_text(self.person.as_deref()),
            deputy: optional_text(self.deputy.as_deref()),
            chair: self.chair,
        })
    }

    /// Two drafts name the same seat when organisation and role match, ignoring
    /// case and spacing: that is what makes a repeated import a no-op.
    pub fn same_seat(&self, organisation: &str, role: &str) -> bool {
        fold(&self.organisation) == fold(organisation) && fold(&self.role) == fold(role)
    }
}

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One earlier version of a seat, kept when the seat is edited.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatChange {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seat_id: Id,
    pub changed_at: DateTime<Utc>,
    pub before: SeatDraft,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOutcome {
    pub added: u32,
    pub already_present: u32,
}

//! Decisions (*besluiten*), numbered per term: `TF5-2021-07` is the 7th
//! decision of term 5, taken in 2021.

use super::Id;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decision {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub meeting_id: Id,
    pub code: String,
    pub sequence: u32,
    pub text: String,
    /// The adopted decision this one changes, when it is an amendment.
    pub amends: Option<DecisionLink>,
    /// Later decisions that amend this one.
    pub amended_by: Vec<DecisionLink>,
    /// The agenda item it was taken under, when tied to one.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub agenda_item_id: Option<Id>,
    /// Its revision, sent back with a correction so a save over a
    /// colleague's change is refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
    /// While the minutes of its meeting are concept it can be corrected or
    /// removed; once adopted, only amended by a new decision.
    pub allowed: DecisionAllowed,
}

/// Another decision named by its code, to link to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecisionLink {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecisionAllowed {
    pub edit: bool,
    pub remove: bool,
    pub amend: bool,
}

impl Decision {
    /// The text as the record (minutes, term report, lists) prints it, with
    /// what it amends and what amended it, so neither is read alone.
    pub fn recorded_text(&self) -> String {
        let mut links = Vec::new();
        if let Some(amends) = &self.amends {
            links.push(format!("amendeert {}", amends.code));
        }
        if !self.amended_by.is_empty() {
            let by: Vec<&str> = self.amended_by.iter().map(|d| d.code.as_str()).collect();
            links.push(format!("geamendeerd door {}", by.join(", ")));
        }
        if links.is_empty() {
            self.text.clone()
        } else {
            format!("{} ({})", self.text, links.join("; "))
        }
    }
}

pub fn decision_code(term_number: u32, year: i32, sequence: u32) -> String {
    format!("TF{term_number}-{year}-{sequence:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_zero_padded_per_term() {
        assert_eq!(super::decision_code(5, 2021, 7), "TF5-2021-07");
        assert_eq!(super::decision_code(5, 2022, 112), "TF5-2022-112");
    }
}

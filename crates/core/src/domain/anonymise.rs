//! Anonymising free text on request (AVG art. 17): a subject's title and
//! description, a decision's text or an action's description replaced by
//! a mark, with its search entries and every earlier value in the audit log.

use serde::{Deserialize, Serialize};

/// What the mark replaces: stored as it is, in every language the same.
pub const REDACTION_MARK: &str = "[geanonimiseerd]";

/// A record whose free text can be anonymised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Anonymisable {
    Subject,
    Decision,
    Action,
}

impl Anonymisable {
    /// The table and its free-text columns.
    pub fn table(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Anonymisable::Subject => ("subjects", &["title", "description"]),
            Anonymisable::Decision => ("decisions", &["text"]),
            Anonymisable::Action => ("actions", &["description"]),
        }
    }
}

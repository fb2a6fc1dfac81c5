//! Full-text search results and how a user's words become a safe FTS query.

use super::{code_enum, Id};
use serde::Serialize;

code_enum!(HitKind, "kind", "soort resultaat" {
    Subject = "subject",
    Minutes = "minutes",
    Decision = "decision",
    Action = "action",
    Partner = "partner",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SearchHit {
    pub kind: HitKind,
    /// The subject, meeting (for minutes), decision, action or partner id.
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub title: String,
    /// Context around the match, with the matched words between `[` and `]`.
    pub snippet: String,
}

/// Turns free text into an FTS5 query: every word must occur, as a prefix.
/// Each word is quoted so that FTS syntax in the input (`AND`, `*`, `"`,
/// `NEAR`) is searched for as text instead of being interpreted. Returns
/// `None` when there is nothing to search for.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_words_cannot_inject_fts_syntax() {
        assert_eq!(super::fts_query("  "), None);
        assert_eq!(
            super::fts_query("coördinatie"),
            Some("\"coördinatie\"*".into())
        );
        assert_eq!(
            super::fts_query("a\" OR *b"),
            Some("\"a\"* \"OR\"* \"b\"*".into())
        );
    }
}

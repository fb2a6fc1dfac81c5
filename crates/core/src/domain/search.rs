//! Full-text search results and how a user's words become a safe FTS query.

use super::{code_enum, Id};
use chrono::NaiveDate;
use serde::Serialize;

code_enum!(HitKind, Kind {
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
    /// The item's own title; for minutes "Verslag" and the meeting's date,
    /// in Dutch (the command line's), which a screen shows from `meeting_on`
    /// in its own language.
    pub title: String,
    /// For minutes: the day of their meeting (Amsterdam time).
    pub meeting_on: Option<NaiveDate>,
    /// Context around the first match, as written, its matched words apart.
    pub snippet: Vec<SnippetPiece>,
}

/// A piece of a snippet: a matched word, or the text between matched words.
/// Kept apart instead of marked inside the text, where brackets a minutes
/// text has of its own (a Markdown link) would read as marks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SnippetPiece {
    pub text: String,
    pub matched: bool,
}

/// A snippet as one line, matched words between `[` and `]` (the command
/// line's form).
pub fn bracketed(snippet: &[SnippetPiece]) -> String {
    snippet
        .iter()
        .map(|piece| {
            if piece.matched {
                format!("[{}]", piece.text)
            } else {
                piece.text.clone()
            }
        })
        .collect()
}

/// How many hits a search shows, best first.
pub const SHOWN_HITS: u32 = 100;

/// How many of those a screen gets first, ahead of the rest: about a
/// screenful (each further hit read costs ~0.3 ms on ten years of data).
pub const FIRST_HITS: u32 = 10;

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

/// The same search for PostgreSQL's text search (`to_tsquery`): every
/// word, folded, as a prefix (`coordinatie:* & tuinb:*`). Words are only
/// letters and digits, so nothing in the input is read as query syntax.
pub fn ts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = search_terms(input)
        .into_iter()
        .map(|term| format!("{term}:*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" & "))
}

/// A word folded the way the search index folds it: lower case, accents off.
fn folded(word: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The search words of `input`, folded, as the index compares them.
pub fn search_terms(input: &str) -> Vec<String> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(folded)
        .collect()
}

/// About `width` words of `text` around the first word that starts with a
/// search term, matched words as their own pieces, `…` where text was left
/// out; `None` when no word matches. Done here rather than by FTS5's
/// `snippet()`, which tokenises a whole document to choose its window: for
/// a long minutes text and a common word that was most of a search's time.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Option<Vec<SnippetPiece>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let matches = |word: &str| {
        word.split(|c: char| !c.is_alphanumeric())
            .filter(|part| !part.is_empty())
            .any(|part| {
                let part = folded(part);
                terms.iter().any(|t| part.starts_with(t.as_str()))
            })
    };
    let first = words.iter().position(|w| matches(w))?;
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(words.len());
    let mut pieces = Vec::new();
    let mut plain = String::new();
    if start > 0 {
        plain.push('…');
    }
    for (i, word) in words[start..end].iter().enumerate() {
        if i > 0 || start > 0 {
            plain.push(' ');
        }
        if matches(word) {
            // The word itself is the match, not the punctuation around it.
            let core_start = word.find(char::is_alphanumeric).unwrap_or(0);
            let core_end = word
                .char_indices()
                .rfind(|(_, c)| c.is_alphanumeric())
                .map_or(word.len(), |(i, c)| i + c.len_utf8());
            plain.push_str(&word[..core_start]);
            if !plain.is_empty() {
                pieces.push(SnippetPiece {
                    text: std::mem::take(&mut plain),
                    matched: false,
                });
            }
            pieces.push(SnippetPiece {
                text: word[core_start..core_end].to_string(),
                matched: true,
            });
            plain.push_str(&word[core_end..]);
        } else {
            plain.push_str(word);
        }
    }
    if end < words.len() {
        plain.push_str(" …");
    }
    if !plain.is_empty() {
        pieces.push(SnippetPiece {
            text: plain,
            matched: false,
        });
    }
    Some(pieces)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_snippet_marks_matches_accents_and_case_ignored() {
        let terms = super::search_terms("coordinatie TUIN");
        let text = "De voorzitter opent. Over de (coördinatie) in de tuinbouw wordt gesproken door alle leden van de taskforce vandaag";
        let line = |text: &str| super::snippet(text, &terms, 8).map(|s| super::bracketed(&s));
        assert_eq!(
            line(text).as_deref(),
            Some("… Over de ([coördinatie]) in de [tuinbouw] wordt gesproken …")
        );
        assert_eq!(super::snippet("niets hier", &terms, 8), None);
        assert_eq!(line("Tuinbouw").as_deref(), Some("[Tuinbouw]"));
    }

    #[test]
    fn brackets_of_the_text_itself_are_not_marks() {
        let terms = super::search_terms("coordinatie");
        let pieces = super::snippet("De coördinatie ([rapport](https://example.org))", &terms, 8)
            .expect("a match");
        let matched: Vec<&str> = pieces
            .iter()
            .filter(|p| p.matched)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(matched, ["coördinatie"]);
        assert_eq!(
            pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
            "De coördinatie ([rapport](https://example.org))",
            "the text as written"
        );
    }

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

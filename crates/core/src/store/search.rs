//! Full-text search over subjects, minutes, decisions, actions and partners.

use super::Store;
use crate::domain::{fts_query, search_terms, snippet, HitKind, Id, SearchHit, SnippetPiece};
use crate::error::{Result, StorageContext};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// Finds every item containing all words (as prefixes), accents ignored,
    /// best matches first.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let mut hits = Vec::new();
        self.search_in_parts(text, limit, limit, |part| hits.extend(part))?;
        Ok(hits)
    }

    /// As [`Store::search`], handing the hits over in two parts: the best
    /// `first` as soon as they are read, then the rest. The matches are ranked
    /// in one pass, but each hit then reads its whole text for the snippet —
    /// a minutes text runs to tens of kilobytes, decrypted page by page — so
    /// on ten years of data and a very common word the first ten are ready in
    /// about a third of the time all hundred take. The first part is always
    /// handed over, empty when nothing was found; the rest only when there is
    /// one.
    pub fn search_in_parts(
        &self,
        text: &str,
        limit: u32,
        first: u32,
        mut part: impl FnMut(Vec<SearchHit>),
    ) -> Result<()> {
        let Some(query) = fts_query(text) else {
            part(Vec::new());
            return Ok(());
        };
        let terms = search_terms(text);
        self.read_file(|tx| {
            let mut stmt = tx
                .prepare_cached(
                    "SELECT rowid, title, body
                     FROM search_index WHERE search_index MATCH ?1
                     ORDER BY rank LIMIT ?2",
                )
                .context("searching")?;
            let mut meeting_start = tx
                .prepare_cached("SELECT starts_at FROM meetings WHERE id = ?1")
                .context("naming minutes")?;
            let rows = stmt
                .query_map(params![query, limit], |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                    ))
                })
                .context("searching")?;
            let mut hits = Vec::new();
            let mut first_handed_over = false;
            for row in rows {
                let (rowid, mut title, body) = row.context("searching")?;
                let snippet = snippet(&body, &terms, 12)
                    .or_else(|| snippet(&title, &terms, 12))
                    .unwrap_or_else(|| {
                        vec![SnippetPiece {
                            text: body
                                .split_whitespace()
                                .take(12)
                                .collect::<Vec<_>>()
                                .join(" "),
                            matched: false,
                        }]
                    });
                let id: Id = rowid / 8;
                let kind = match rowid % 8 {
                    1 => HitKind::Subject,
                    2 => HitKind::Minutes,
                    3 => HitKind::Decision,
                    4 => HitKind::Action,
                    _ => HitKind::Partner,
                };
                // Minutes are found by their meeting: named by its date.
                let mut meeting_on = None;
                if kind == HitKind::Minutes {
                    let starts_at: Option<String> = meeting_start
                        .query_row([id], |r| r.get(0))
                        .optional()
                        .context("naming minutes")?;
                    if let Some(text) = starts_at {
                        let instant = super::parse_instant(&text).context("naming minutes")?;
                        let day = crate::calendar::to_amsterdam(instant).date();
                        title = format!("Verslag {}", crate::calendar::dutch_date(day));
                        meeting_on = Some(day);
                    }
                }
                hits.push(SearchHit {
                    kind,
                    id,
                    title,
                    meeting_on,
                    snippet,
                });
                if !first_handed_over && hits.len() == first as usize {
                    part(std::mem::take(&mut hits));
                    first_handed_over = true;
                }
            }
            if !first_handed_over || !hits.is_empty() {
                part(hits);
            }
            Ok(())
        })
    }
}

/// FTS5 overwrites a deleted row's tokens only with its `secure-delete`
/// option on — and that option is a row in `search_index_config`, data a
/// crafted file could have dropped while its schema looks right. Set at
/// every writable open when it is not (one row read otherwise), then read
/// back: an erasure is never trusted to an index that would keep the words.
pub(crate) fn ensure_secure_delete(conn: &rusqlite::Connection) -> Result<()> {
    let read = || -> Result<Option<i64>> {
        conn.query_row(
            "SELECT v FROM search_index_config WHERE k = 'secure-delete'",
            [],
            |r| r.get(0),
        )
        .optional()
        .context("reading the search index settings")
    };
    if read()? == Some(1) {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1)",
        [],
    )
    .context("setting the search index to overwrite deleted words")?;
    match read()? {
        Some(1) => Ok(()),
        _ => Err(crate::error::Error::Damaged(
            crate::message::MessageKey::SearchSecureDeleteOff.into(),
        )),
    }
}

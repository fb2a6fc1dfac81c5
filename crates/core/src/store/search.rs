//! Full-text search over subjects, minutes, decisions, actions and partners:
//! FTS5 in the file (migration 2), a `tsvector` column kept by triggers on
//! the server (`migrations/postgres/0014_search.sql`), one reading of the
//! hits for both.

use super::sql::{values, Dialect, Pair, Queries};
use super::Store;
use crate::domain::{
    fts_query, search_terms, snippet, ts_query, HitKind, Id, SearchHit, SnippetPiece,
};
use crate::error::{Result, StorageContext};
use rusqlite::OptionalExtension;

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
        let terms = search_terms(text);
        self.read(|db| {
            let query = match db.dialect() {
                Dialect::Sqlite => fts_query(text),
                Dialect::Postgres => ts_query(text),
            };
            let Some(query) = query else {
                part(Vec::new());
                return Ok(());
            };
            // Ranked first without the texts (a minutes text runs to tens
            // of kilobytes), then each hit's text read as its snippet is
            // made: the first part is handed over before the rest is read.
            let ranked = db.rows(
                RANKED.pick(db.dialect()),
                &values![query, limit],
                "searching",
                |r| {
                    Ok((
                        r.get::<i64>(0)?,
                        r.get::<String>(1)?,
                        r.get::<Option<String>>(2)?,
                    ))
                },
            )?;
            let mut hits = Vec::new();
            let mut first_handed_over = false;
            for (key, mut title, body) in ranked {
                let body: String = match body {
                    Some(body) => body,
                    None => db
                        .optional(BODY.pick(db.dialect()), &values![key], "searching", |r| {
                            r.get(0)
                        })?
                        .unwrap_or_default(),
                };
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
                let id: Id = key / 8;
                let kind = match key % 8 {
                    1 => HitKind::Subject,
                    2 => HitKind::Minutes,
                    3 => HitKind::Decision,
                    4 => HitKind::Action,
                    _ => HitKind::Partner,
                };
                // Minutes are found by their meeting: named by its date.
                let mut meeting_on = None;
                if kind == HitKind::Minutes {
                    let starts_at = db.optional(
                        "SELECT starts_at FROM meetings WHERE id = ?1",
                        &values![id],
                        "naming minutes",
                        |r| r.instant(0),
                    )?;
                    if let Some(instant) = starts_at {
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

/// The best matches, keyed `id * 8 + kind` (1 subject, 2 minutes, 3
/// decision, 4 action, 5 partner) with their titles: FTS5's own ranking
/// (bm25) on the file; on the server `ts_rank` with length normalisation
/// over each entry's start (`rank_document`, see
/// `migrations/postgres/0015_search_rank.sql`), accents folded by its
/// `unaccent` configuration as `remove_diacritics` folds them here. The
/// server gives each hit's text with it, in the one round trip; the file
/// reads it hit by hit (in-process, so the first part is handed over
/// before the rest is read).
const RANKED: Pair = Pair {
    sqlite: "SELECT rowid, title, NULL FROM search_index WHERE search_index MATCH ?1
              ORDER BY rank LIMIT ?2",
    postgres: "SELECT key, title, body FROM search_index
                WHERE document @@ to_tsquery('taskforce_search', ?1)
                ORDER BY ts_rank(rank_document, to_tsquery('taskforce_search', ?1), 1) DESC, key
                LIMIT ?2",
};

/// One hit's whole text.
const BODY: Pair = Pair {
    sqlite: "SELECT body FROM search_index WHERE rowid = ?1",
    postgres: "SELECT body FROM search_index WHERE key = ?1",
};

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

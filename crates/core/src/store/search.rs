//! Full-text search over subjects, minutes, decisions, actions and partners.

use super::Store;
use crate::domain::{fts_query, search_terms, snippet, HitKind, Id, SearchHit};
use crate::error::{Result, StorageContext};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// Finds every item containing all words (as prefixes), accents ignored,
    /// best matches first.
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else {
            return Ok(Vec::new());
        };
        let terms = search_terms(text);
        self.read(|tx| {
            let mut stmt = tx
                .prepare_cached(
                    "SELECT rowid, title, body
                     FROM search_index WHERE search_index MATCH ?1
                     ORDER BY rank LIMIT ?2",
                )
                .context("searching")?;
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
            for row in rows {
                let (rowid, title, body) = row.context("searching")?;
                let snippet = snippet(&body, &terms, 12)
                    .or_else(|| snippet(&title, &terms, 12))
                    .unwrap_or_else(|| {
                        body.split_whitespace()
                            .take(12)
                            .collect::<Vec<_>>()
                            .join(" ")
                    });
                let id: Id = rowid / 8;
                let kind = match rowid % 8 {
                    1 => HitKind::Subject,
                    2 => HitKind::Minutes,
                    3 => HitKind::Decision,
                    4 => HitKind::Action,
                    _ => HitKind::Partner,
                };
                hits.push(SearchHit {
                    kind,
                    id,
                    title,
                    snippet,
                });
            }
            // Minutes are found by their meeting: name them by its date.
            for hit in hits.iter_mut().filter(|h| h.kind == HitKind::Minutes) {
                let starts_at: Option<String> = tx
                    .query_row(
                        "SELECT starts_at FROM meetings WHERE id = ?1",
                        [hit.id],
                        |r| r.get(0),
                    )
                    .optional()
                    .context("naming minutes")?;
                if let Some(text) = starts_at {
                    let instant = super::parse_instant(&text).context("naming minutes")?;
                    let day = crate::calendar::to_amsterdam(instant).date();
                    hit.title = format!("Verslag {}", crate::calendar::dutch_date(day));
                }
            }
            Ok(hits)
        })
    }
}

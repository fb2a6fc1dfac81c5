//! The shared tag vocabulary and its links to subjects and partners.

use super::ConnExt;
use super::Store;
use crate::domain::{Id, Tag, TagCategory, TagUse};
use crate::error::{Result, StorageContext};
use rusqlite::{params, Connection};

/// Which link table a set of tags belongs to.
#[derive(Clone, Copy)]
pub(crate) enum TagOwner {
    Subject,
    Partner,
}

/// Finds or creates a tag; returns its id.
fn tag_id(tx: &Connection, tag: &Tag) -> Result<Id> {
    tx.execute(
        "INSERT INTO tags (category, name) VALUES (?1, ?2) ON CONFLICT (category, name) DO NOTHING",
        params![tag.category.code(), tag.name],
    )
    .context("adding a tag")?;
    tx.query_row(
        "SELECT id FROM tags WHERE category = ?1 AND name = ?2",
        params![tag.category.code(), tag.name],
        |r| r.get(0),
    )
    .context("reading a tag")
}

/// Replaces the tags of a subject or partner.
pub(crate) fn set_tags(tx: &Connection, owner: TagOwner, id: Id, tags: &[Tag]) -> Result<()> {
    let (delete, insert) = match owner {
        TagOwner::Subject => (
            "DELETE FROM subject_tags WHERE subject_id = ?1",
            "INSERT OR IGNORE INTO subject_tags (subject_id, tag_id) VALUES (?1, ?2)",
        ),
        TagOwner::Partner => (
            "DELETE FROM partner_tags WHERE partner_id = ?1",
            "INSERT OR IGNORE INTO partner_tags (partner_id, tag_id) VALUES (?1, ?2)",
        ),
    };
    tx.execute(delete, [id]).context("replacing tags")?;
    for tag in tags {
        let tag = tag_id(tx, tag)?;
        tx.execute(insert, params![id, tag])
            .context("linking a tag")?;
    }
    Ok(())
}

pub(crate) fn tags_of(tx: &Connection, owner: TagOwner, id: Id) -> Result<Vec<Tag>> {
    let sql = match owner {
        TagOwner::Subject => {
            "SELECT t.category, t.name FROM subject_tags l JOIN tags t ON t.id = l.tag_id
             WHERE l.subject_id = ?1 ORDER BY t.category, t.name"
        }
        TagOwner::Partner => {
            "SELECT t.category, t.name FROM partner_tags l JOIN tags t ON t.id = l.tag_id
             WHERE l.partner_id = ?1 ORDER BY t.category, t.name"
        }
    };
    tx.rows(sql, [id], "reading tags", |row| {
        Ok(Tag {
            category: super::code_column(row, 0, TagCategory::parse)?,
            name: row.get(1)?,
        })
    })
}

impl Store {
    /// Every tag with how many subjects and partners carry it.
    pub fn tags(&self) -> Result<Vec<TagUse>> {
        self.read(|tx| {
            tx.rows(
                "SELECT t.id, t.category, t.name,
                        (SELECT count(*) FROM subject_tags s WHERE s.tag_id = t.id),
                        (SELECT count(*) FROM partner_tags p WHERE p.tag_id = t.id)
                     FROM tags t ORDER BY t.category, t.name",
                [],
                "listing tags",
                |row| {
                    Ok(TagUse {
                        id: row.get(0)?,
                        tag: Tag {
                            category: super::code_column(row, 1, TagCategory::parse)?,
                            name: row.get(2)?,
                        },
                        subjects: row.get(3)?,
                        partners: row.get(4)?,
                    })
                },
            )
        })
    }
}

//! The shared tag vocabulary and its links to subjects and partners.

use super::sql::{values, Executor, Queries};
use super::Store;
use crate::domain::{Id, Tag, TagCategory, TagUse};
use crate::error::Result;

/// Which link table a set of tags belongs to.
#[derive(Clone, Copy)]
pub(crate) enum TagOwner {
    Subject,
    Partner,
}

/// Finds or creates a tag; returns its id.
fn tag_id(db: &dyn Executor, tag: &Tag) -> Result<Id> {
    db.run(
        "INSERT INTO tags (category, name) VALUES (?1, ?2) ON CONFLICT (category, name) DO NOTHING",
        &values![tag.category.code(), &tag.name],
        "adding a tag",
    )?;
    db.one(
        "SELECT id FROM tags WHERE category = ?1 AND name = ?2",
        &values![tag.category.code(), &tag.name],
        "reading a tag",
        |r| r.get(0),
    )
}

/// Replaces the tags of a subject or partner.
pub(crate) fn set_tags(db: &dyn Executor, owner: TagOwner, id: Id, tags: &[Tag]) -> Result<()> {
    let (delete, insert) = match owner {
        TagOwner::Subject => (
            "DELETE FROM subject_tags WHERE subject_id = ?1",
            "INSERT INTO subject_tags (subject_id, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        ),
        TagOwner::Partner => (
            "DELETE FROM partner_tags WHERE partner_id = ?1",
            "INSERT INTO partner_tags (partner_id, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        ),
    };
    db.run(delete, &values![id], "replacing tags")?;
    for tag in tags {
        let tag = tag_id(db, tag)?;
        db.run(insert, &values![id, tag], "linking a tag")?;
    }
    Ok(())
}

pub(crate) fn tags_of(db: &dyn Executor, owner: TagOwner, id: Id) -> Result<Vec<Tag>> {
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
    db.rows(sql, &values![id], "reading tags", |row| {
        Ok(Tag {
            category: row.code(0, TagCategory::parse)?,
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
                &[],
                "listing tags",
                |row| {
                    Ok(TagUse {
                        id: row.get(0)?,
                        tag: Tag {
                            category: row.code(1, TagCategory::parse)?,
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

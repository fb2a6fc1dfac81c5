//! The subject backlog.

use super::revisions::{check_unchanged, revision_of};
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::tags::{set_tags, tags_of, TagOwner};
use super::Store;
use crate::domain::{Id, Subject, SubjectDraft, SubjectFilter, SubjectKind, SubjectStatus};
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::MessageKey;

/// The subject's columns, its revision last (see [`super::revisions`]).
fn subject_columns() -> String {
    format!(
        "s.id, s.title, s.kind, s.description, s.confidential, s.status, s.created_at,
        (SELECT count(*) FROM meetings m WHERE m.subject_id = s.id AND m.status <> 'cancelled'),
        s.archived_at,
        NOT EXISTS (SELECT 1 FROM meetings m WHERE m.subject_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM document_links l WHERE l.subject_id = s.id),
        {}",
        revision_of!("subjects", "s.id")
    )
}

fn subject_row(row: &Row) -> Result<Subject, SqlError> {
    Ok(Subject {
        id: row.get(0)?,
        title: row.get(1)?,
        kind: row.code(2, SubjectKind::parse)?,
        description: row.get(3)?,
        confidential: row.get(4)?,
        status: row.code(5, SubjectStatus::parse)?,
        created_at: row.instant(6)?,
        times_central: row.get(7)?,
        archived_at: row.optional_instant(8)?,
        removable: row.get(9)?,
        revision: row.get(10)?,
        tags: Vec::new(),
    })
}

pub(crate) fn subject_by_id(db: &dyn Executor, id: Id) -> Result<Subject> {
    let mut subject = db
        .optional(
            &format!(
                "SELECT {} FROM subjects s WHERE s.id = ?1",
                subject_columns()
            ),
            &values![id],
            "reading a subject",
            subject_row,
        )?
        .ok_or_else(|| Error::not_found(Thing::Subject, id))?;
    subject.tags = tags_of(db, TagOwner::Subject, id)?;
    Ok(subject)
}

pub(crate) fn set_subject_status(db: &dyn Executor, id: Id, status: SubjectStatus) -> Result<()> {
    db.run(
        "UPDATE subjects SET status = ?1 WHERE id = ?2",
        &values![status.code(), id],
        "updating a subject's status",
    )?;
    Ok(())
}

impl Store {
    pub fn add_subject(&self, draft: &SubjectDraft) -> Result<Subject> {
        let draft = draft.normalized()?;
        let now = self.now();
        self.write(|tx| {
            let id = insert_subject(tx, &draft, now)?;
            subject_by_id(tx, id)
        })
    }

    /// Saves an edited subject; `seen` is the revision the form showed
    /// (refused when a colleague saved after it), `None` saves regardless.
    pub fn update_subject(
        &self,
        id: Id,
        draft: &SubjectDraft,
        seen: Option<i64>,
    ) -> Result<Subject> {
        let draft = draft.normalized()?;
        self.write(|tx| {
            subject_by_id(tx, id)?;
            check_unchanged(tx, "subjects", id, seen)?;
            tx.run(
                "UPDATE subjects SET title = ?1, kind = ?2, description = ?3, confidential = ?4 WHERE id = ?5",
                &values![&draft.title, draft.kind.code(), &draft.description, draft.confidential, id],
                "updating a subject",
            )?;
            set_tags(tx, TagOwner::Subject, id, &draft.tags)?;
            subject_by_id(tx, id)
        })
    }

    pub fn set_subject_status(&self, id: Id, status: SubjectStatus) -> Result<Subject> {
        self.write(|tx| {
            subject_by_id(tx, id)?;
            set_subject_status(tx, id, status)?;
            subject_by_id(tx, id)
        })
    }

    /// Takes a subject out of the backlog as no longer current, or puts it
    /// back. It stays searchable and with its meetings.
    pub fn archive_subject(&self, id: Id, archived: bool) -> Result<Subject> {
        let now = self.now();
        self.write(|tx| {
            let subject = subject_by_id(tx, id)?;
            if subject.archived_at.is_some() == archived {
                return Err(Error::conflict(if archived {
                    MessageKey::SubjectAlreadyArchived
                } else {
                    MessageKey::SubjectNotArchived
                }));
            }
            tx.run(
                "UPDATE subjects SET archived_at = ?1 WHERE id = ?2",
                &values![archived.then_some(now), id],
                "archiving a subject",
            )?;
            subject_by_id(tx, id)
        })
    }

    /// Removes a subject entered by mistake: never central to a meeting,
    /// no documents. Anything else is archived instead.
    pub fn remove_subject(&self, id: Id) -> Result<()> {
        self.write(|tx| {
            let subject = subject_by_id(tx, id)?;
            if !subject.removable {
                return Err(Error::conflict(MessageKey::SubjectInUseArchive));
            }
            tx.run(
                "DELETE FROM subject_tags WHERE subject_id = ?1",
                &values![id],
                "removing a subject",
            )?;
            tx.run(
                "DELETE FROM subjects WHERE id = ?1",
                &values![id],
                "removing a subject",
            )?;
            Ok(())
        })
    }

    pub fn subject(&self, id: Id) -> Result<Subject> {
        self.read(|tx| subject_by_id(tx, id))
    }

    pub fn subjects(&self, filter: &SubjectFilter) -> Result<Vec<Subject>> {
        self.read(|tx| {
            // A parameter tested only for NULL has no type on PostgreSQL:
            // the CAST gives it one (and changes nothing in SQLite).
            let mut subjects = tx.rows(
                &format!(
                    "SELECT {} FROM subjects s
                     WHERE (CAST(?1 AS TEXT) IS NULL OR s.kind = ?1)
                       AND (CAST(?2 AS TEXT) IS NULL OR s.status = ?2)
                       AND (CAST(?3 AS TEXT) IS NULL OR EXISTS (
                            SELECT 1 FROM subject_tags st JOIN tags t ON t.id = st.tag_id
                            WHERE st.subject_id = s.id AND t.category = ?3 AND t.name = ?4))
                       AND (?5 = 0 OR (s.status <> 'discussed' AND s.archived_at IS NULL))
                     ORDER BY s.created_at DESC, s.id DESC
                     LIMIT ?6 OFFSET ?7",
                    subject_columns()
                ),
                &values![
                    filter.kind.map(|k| k.code()),
                    filter.status.map(|s| s.code()),
                    filter.tag.as_ref().map(|t| t.category.code()),
                    filter.tag.as_ref().map(|t| t.name.clone()),
                    filter.backlog,
                    // No limit asked: the largest one, which both dialects
                    // take (SQLite's -1 is refused by PostgreSQL).
                    filter.limit.map_or(i64::MAX, i64::from),
                    filter.offset.unwrap_or(0),
                ],
                "listing subjects",
                subject_row,
            )?;
            for subject in &mut subjects {
                subject.tags = tags_of(tx, TagOwner::Subject, subject.id)?;
            }
            Ok(subjects)
        })
    }
}

/// Adds a subject from a normalized draft; its id.
pub(crate) fn insert_subject(
    tx: &dyn Executor,
    draft: &SubjectDraft,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Id> {
    let id = tx.insert(
        "INSERT INTO subjects (title, kind, description, confidential, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         RETURNING id",
        &values![&draft.title, draft.kind.code(), &draft.description, draft.confidential, now],
        "adding a subject",
    )?;
    set_tags(tx, TagOwner::Subject, id, &draft.tags)?;
    Ok(id)
}

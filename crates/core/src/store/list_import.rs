//! Old lists brought in: a sheet previewed as subjects or partners (the
//! mapping guessed from its headings or remembered from the last import of
//! the same layout, each row checked, duplicates found), then imported in
//! one step — nothing while any row is refused — and its mapping kept.

use super::partners::{insert_partner, partner_by_id};
use super::sql::{values, Executor, Queries};
use super::subjects::{insert_subject, subject_by_id};
use super::Store;
use crate::domain::{
    layout_of, partner_identity, subject_identity, DuplicateOf, Duplicates, Id, ImportDone,
    ImportField, ImportKind, ImportPreview, Mapping, PreviewRow, RowDraft,
};
use crate::error::{Error, Field, Result};
use crate::msg;
use crate::spreadsheet::Sheet;
use std::collections::HashMap;

impl Store {
    /// What importing `sheet` as `kind` would do, by `mapping` (one entry
    /// per column) or, without one, the mapping remembered for this layout
    /// or guessed from the headings.
    pub fn preview_import(
        &self,
        kind: ImportKind,
        sheet: &Sheet,
        mapping: Option<Mapping>,
    ) -> Result<ImportPreview> {
        self.read(|tx| preview(tx, kind, sheet, mapping))
    }

    /// Imports the sheet as previewed, in one step (one undo takes it back):
    /// refused as a whole while any row is refused; a duplicate of a record
    /// already there is skipped or merged into it (its empty fields filled),
    /// a duplicate within the sheet skipped. The mapping is remembered for
    /// the next sheet of this layout.
    pub fn import_list(
        &self,
        kind: ImportKind,
        sheet: &Sheet,
        mapping: Option<Mapping>,
        duplicates: Duplicates,
    ) -> Result<ImportDone> {
        let now = self.now();
        self.write(|tx| {
            let preview = preview(tx, kind, sheet, mapping)?;
            preview.check()?;
            let mut done = ImportDone {
                added: 0,
                merged: 0,
                skipped: 0,
            };
            for row in &preview.rows {
                let draft = RowDraft::of(kind, &preview.mapping, &row.cells)?;
                match (&row.duplicate_of, duplicates) {
                    (Some(DuplicateOf::Row { .. }), _)
                    | (Some(DuplicateOf::Record { .. }), Duplicates::Skip) => done.skipped += 1,
                    (Some(DuplicateOf::Record { id, .. }), Duplicates::Merge) => {
                        merge(tx, *id, &draft)?;
                        done.merged += 1;
                    }
                    (None, _) => {
                        match &draft {
                            RowDraft::Subject(s) => insert_subject(tx, s, now)?,
                            RowDraft::Partner(p) => insert_partner(tx, p, now)?,
                        };
                        done.added += 1;
                    }
                }
            }
            remember(tx, kind, &preview, now)?;
            Ok(done)
        })
    }
}

fn preview(
    tx: &dyn Executor,
    kind: ImportKind,
    sheet: &Sheet,
    mapping: Option<Mapping>,
) -> Result<ImportPreview> {
    let heading_row = sheet.heading_row().ok_or_else(|| {
        Error::validation(Field::File, crate::message::MessageKey::SheetNoHeadings)
    })?;
    let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut headings = sheet.rows[heading_row].clone();
    headings.resize(columns, String::new());
    let layout = layout_of(kind, &headings);
    let remembered = match &mapping {
        Some(_) => None,
        None => remembered(tx, &layout)?,
    };
    let was_remembered = remembered.is_some();
    let mapping = match mapping.or(remembered) {
        Some(mut given) => {
            given.resize(columns, None);
            given
        }
        None => headings
            .iter()
            .map(|h| ImportField::guess(kind, h))
            .collect(),
    };
    check_mapping(kind, &mapping)?;
    let existing = existing(tx, kind)?;
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut rows = Vec::new();
    for (index, cells) in sheet.rows.iter().enumerate().skip(heading_row + 1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = index as u32 + 1;
        let mut padded = cells.clone();
        padded.resize(columns, String::new());
        let (problem, duplicate_of) = match RowDraft::of(kind, &mapping, &padded) {
            Err(refused) => (Some(refused.message()), None),
            Ok(draft) => {
                let identity = draft.identity();
                let duplicate = match (existing.get(&identity), seen.get(&identity)) {
                    (_, Some(&earlier)) => Some(DuplicateOf::Row { number: earlier }),
                    (Some((id, name)), None) => Some(DuplicateOf::Record {
                        id: *id,
                        name: name.clone(),
                    }),
                    (None, None) => None,
                };
                seen.entry(identity).or_insert(number);
                (None, duplicate)
            }
        };
        rows.push(PreviewRow {
            number,
            cells: padded,
            problem,
            duplicate_of,
        });
    }
    let count = |f: &dyn Fn(&PreviewRow) -> bool| rows.iter().filter(|r| f(r)).count() as u32;
    Ok(ImportPreview {
        kind,
        headings,
        remembered: was_remembered,
        heading_row: heading_row as u32 + 1,
        new: count(&|r| r.problem.is_none() && r.duplicate_of.is_none()),
        duplicates: count(&|r| r.duplicate_of.is_some()),
        refused: count(&|r| r.problem.is_some()),
        mapping,
        rows,
    })
}

/// A mapping names the required field once, and no field twice.
fn check_mapping(kind: ImportKind, mapping: &Mapping) -> Result<()> {
    for field in kind.fields() {
        if mapping.iter().filter(|m| **m == Some(*field)).count() > 1 {
            return Err(Error::validation(
                Field::File,
                msg!(ListImportFieldTwice, field = field.code()),
            ));
        }
    }
    if let Some(stray) = mapping
        .iter()
        .flatten()
        .find(|f| !kind.fields().contains(f))
    {
        return Err(Error::validation(
            Field::File,
            msg!(ListImportFieldNotHere, field = stray.code()),
        ));
    }
    if !mapping.contains(&Some(kind.required())) {
        return Err(Error::validation(
            Field::File,
            msg!(ListImportRequiredUnmapped, field = kind.required().code()),
        ));
    }
    Ok(())
}

/// What is on record already, by the identity a row is compared by.
fn existing(tx: &dyn Executor, kind: ImportKind) -> Result<HashMap<String, (Id, String)>> {
    let sql = match kind {
        ImportKind::Subjects => "SELECT id, title, NULL FROM subjects",
        ImportKind::Partners => {
            "SELECT id, organisation, email FROM partners WHERE erased_at IS NULL"
        }
    };
    let rows = tx.rows(sql, &values![], "reading what is on record", |r| {
        let name: String = r.get(1)?;
        let identity = match kind {
            ImportKind::Subjects => subject_identity(&name),
            ImportKind::Partners => partner_identity(&name, r.get::<Option<String>>(2)?.as_deref()),
        };
        Ok((identity, (r.get::<Id>(0)?, name)))
    })?;
    Ok(rows.into_iter().collect())
}

/// Fills the empty fields of a record already there from a row.
fn merge(tx: &dyn Executor, id: Id, draft: &RowDraft) -> Result<()> {
    match draft {
        RowDraft::Subject(s) => {
            subject_by_id(tx, id)?;
            tx.run(
                "UPDATE subjects SET description = ?1 WHERE id = ?2 AND description = ''",
                &values![&s.description, id],
                "merging a subject",
            )?;
        }
        RowDraft::Partner(p) => {
            partner_by_id(tx, id)?;
            tx.run(
                "UPDATE partners SET contact_name = coalesce(contact_name, ?1),
                        phone = coalesce(phone, ?2),
                        notes = CASE WHEN notes = '' THEN ?3 ELSE notes END
                  WHERE id = ?4",
                &values![p.contact_name.as_deref(), p.phone.as_deref(), &p.notes, id],
                "merging a partner",
            )?;
        }
    }
    Ok(())
}

fn remembered(tx: &dyn Executor, layout: &str) -> Result<Option<Mapping>> {
    let saved: Option<String> = tx.optional(
        "SELECT mapping FROM import_layouts WHERE layout = ?1",
        &values![layout],
        "reading a remembered mapping",
        |r| r.get(0),
    )?;
    // A mapping that no longer reads (an older version's) is guessed anew.
    Ok(saved.and_then(|json| serde_json::from_str(&json).ok()))
}

fn remember(
    tx: &dyn Executor,
    kind: ImportKind,
    preview: &ImportPreview,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let json = serde_json::to_string(&preview.mapping).unwrap_or_default();
    tx.run(
        "INSERT INTO import_layouts (layout, mapping, saved_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (layout) DO UPDATE SET mapping = excluded.mapping, saved_at = excluded.saved_at",
        &values![layout_of(kind, &preview.headings), json, now],
        "remembering a mapping",
    )?;
    Ok(())
}

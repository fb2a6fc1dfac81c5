//! External partners, their expertise tags, erasure of their personal data,
//! and suggestions for a subject.

use super::revisions::{check_unchanged, revision_of};
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::tags::{set_tags, tags_of, TagOwner};
use super::Store;
use crate::calendar::format_instant;
use crate::domain::{Id, Partner, PartnerDraft, PartnerSuggestion, PartnerToReview, Tag};
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::MessageKey;

/// The partner's columns, its revision last (see [`super::revisions`]).
fn partner_columns() -> String {
    format!(
        "id, organisation, contact_name, email, phone, notes, erased_at,
        NOT EXISTS (SELECT 1 FROM invitations i WHERE i.partner_id = partners.id)
        AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.owner_partner_id = partners.id),
        {}",
        revision_of!("partners", "partners.id")
    )
}

fn partner_row(row: &Row) -> Result<Partner, SqlError> {
    Ok(Partner {
        id: row.get(0)?,
        organisation: row.get(1)?,
        contact_name: row.get(2)?,
        email: row.get(3)?,
        phone: row.get(4)?,
        notes: row.get(5)?,
        erased_at: row.optional_instant(6)?,
        removable: row.get(7)?,
        revision: row.get(8)?,
        tags: Vec::new(),
    })
}

pub(crate) fn partner_by_id(db: &dyn Executor, id: Id) -> Result<Partner> {
    let mut partner = db
        .optional(
            &format!("SELECT {} FROM partners WHERE id = ?1", partner_columns()),
            &values![id],
            "reading a partner",
            partner_row,
        )?
        .ok_or_else(|| Error::not_found(Thing::Partner, id))?;
    partner.tags = tags_of(db, TagOwner::Partner, id)?;
    Ok(partner)
}

impl Store {
    pub fn add_partner(&self, draft: &PartnerDraft) -> Result<Partner> {
        let draft = draft.normalized()?;
        let now = self.now();
        self.write(|tx| {
            let id = insert_partner(tx, &draft, now)?;
            partner_by_id(tx, id)
        })
    }

    /// Saves an edited partner; `seen` is the revision the form showed
    /// (refused when a colleague saved after it), `None` saves regardless.
    pub fn update_partner(
        &self,
        id: Id,
        draft: &PartnerDraft,
        seen: Option<i64>,
    ) -> Result<Partner> {
        let draft = draft.normalized()?;
        self.write(|tx| {
            let partner = partner_by_id(tx, id)?;
            check_unchanged(tx, "partners", id, seen)?;
            if partner.erased_at.is_some()
                && (draft.contact_name.is_some() || draft.email.is_some() || draft.phone.is_some())
            {
                return Err(Error::conflict(MessageKey::PartnerErasedAddAgain));
            }
            tx.run(
                "UPDATE partners SET organisation = ?1, contact_name = ?2, email = ?3, phone = ?4, notes = ?5
                 WHERE id = ?6",
                &values![&draft.organisation, draft.contact_name.as_deref(), draft.email.as_deref(),
                    draft.phone.as_deref(), &draft.notes, id],
                "updating a partner",
            )?;
            set_tags(tx, TagOwner::Partner, id, &draft.tags)?;
            partner_by_id(tx, id)
        })
    }

    pub fn partner(&self, id: Id) -> Result<Partner> {
        self.read(|tx| partner_by_id(tx, id))
    }

    /// Partners by organisation, a page at a time.
    pub fn partners(&self, limit: u32, offset: u32) -> Result<Vec<Partner>> {
        self.read(|tx| {
            let mut partners = tx.rows(
                &format!(
                    "SELECT {} FROM partners
                     ORDER BY lower(organisation), id LIMIT ?1 OFFSET ?2",
                    partner_columns()
                ),
                &values![limit, offset],
                "listing partners",
                partner_row,
            )?;
            for partner in &mut partners {
                partner.tags = tags_of(tx, TagOwner::Partner, partner.id)?;
            }
            Ok(partners)
        })
    }

    /// Erases a partner's personal data on request (GDPR art. 17). The
    /// organisation, expertise and invitation record stay, so meetings still
    /// show that "a partner (erased)" took part; notes are cleared as they may
    /// describe the person.
    /// Removes a partner entered by mistake: never invited, no actions.
    /// One that was used has its personal data erased instead.
    pub fn remove_partner(&self, id: Id) -> Result<()> {
        self.write(|tx| {
            let partner = partner_by_id(tx, id)?;
            if !partner.removable {
                return Err(Error::conflict(MessageKey::PartnerInUseErase));
            }
            tx.run(
                "DELETE FROM partner_tags WHERE partner_id = ?1",
                &values![id],
                "removing a partner",
            )?;
            tx.run(
                "DELETE FROM partners WHERE id = ?1",
                &values![id],
                "removing a partner",
            )?;
            Ok(())
        })
    }

    pub fn erase_partner(&self, id: Id) -> Result<Partner> {
        let now = format_instant(self.now());
        self.write_final(|tx| {
            let partner = partner_by_id(tx, id)?;
            if partner.erased_at.is_some() {
                return Err(Error::conflict(MessageKey::PartnerAlreadyErased));
            }
            erase(tx, id, &now)?;
            partner_by_id(tx, id)
        })
        .and_then(|partner| {
            // With secure_delete and FTS5's secure-delete the old bytes are
            // overwritten; the checkpoint leaves no copy in the WAL either.
            self.checkpoint()?;
            if let Some(path) = self.path() {
                super::erasures::remember(path, id, &now)?;
            }
            Ok(partner)
        })
    }

    /// Partners with contact details who were not invited (or entered)
    /// within the last `years`: for review, oldest first.
    pub fn partners_to_review(&self, years: u32) -> Result<Vec<PartnerToReview>> {
        let cutoff = self
            .today()
            .checked_sub_months(chrono::Months::new(12 * years.clamp(1, 50)))
            .unwrap_or(chrono::NaiveDate::MIN);
        let cutoff = format!("{cutoff}T00:00:00Z");
        self.read(|tx| {
            let stale = tx.rows(
                // A column named in the select list is not visible in the
                // WHERE of the same select on PostgreSQL: a derived table.
                "SELECT id, created_at, last_invited FROM (
                     SELECT p.id, p.created_at,
                            (SELECT max(coalesce(i.invited_at, i.proposed_at)) FROM invitations i
                             WHERE i.partner_id = p.id) AS last_invited
                     FROM partners p
                     WHERE p.erased_at IS NULL
                       AND (p.contact_name IS NOT NULL OR p.email IS NOT NULL OR p.phone IS NOT NULL)
                 ) stale
                 WHERE coalesce(last_invited, created_at) < ?1
                 ORDER BY coalesce(last_invited, created_at), id",
                &values![&cutoff],
                "finding partners to review",
                |row| Ok((row.get::<Id>(0)?, row.instant(1)?, row.optional_instant(2)?)),
            )?;
            stale
                .into_iter()
                .map(|(id, added_at, last_invited)| {
                    Ok(PartnerToReview {
                        partner: partner_by_id(tx, id)?,
                        last_invited,
                        added_at,
                    })
                })
                .collect()
        })
    }

    /// Erases the personal data of every partner listed, in one step (all
    /// or none). Returns how many were erased.
    pub fn erase_partners(&self, ids: &[Id]) -> Result<u32> {
        let now = format_instant(self.now());
        let erased = self.write_final(|tx| {
            let mut erased = Vec::new();
            for id in ids {
                if partner_by_id(tx, *id)?.erased_at.is_none() {
                    erase(tx, *id, &now)?;
                    erased.push(*id);
                }
            }
            Ok(erased)
        })?;
        self.checkpoint()?;
        if let Some(path) = self.path() {
            for id in &erased {
                super::erasures::remember(path, *id, &now)?;
            }
        }
        Ok(erased.len() as u32)
    }

    /// Partners whose expertise shares tags with the subject, most shared tags
    /// first, with how often each was invited before. Erased partners and
    /// those already invited to `meeting_id` are left out.
    pub fn suggest_partners(
        &self,
        subject_id: Id,
        meeting_id: Option<Id>,
    ) -> Result<Vec<PartnerSuggestion>> {
        self.read(|tx| {
            super::subjects::subject_by_id(tx, subject_id)?;
            let found = tx.rows(
                "SELECT p.id, count(*) AS shared,
                    (SELECT count(*) FROM invitations i
                     WHERE i.partner_id = p.id AND i.status <> 'proposed'),
                    (SELECT count(*) FROM invitations i
                     WHERE i.partner_id = p.id AND i.status = 'attended'),
                    (SELECT max(i.invited_at) FROM invitations i WHERE i.partner_id = p.id)
                 FROM subject_tags s
                 JOIN partner_tags pt ON pt.tag_id = s.tag_id
                 JOIN partners p ON p.id = pt.partner_id
                 WHERE s.subject_id = ?1 AND p.erased_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM invitations i
                                   WHERE i.partner_id = p.id AND i.meeting_id = ?2)
                 GROUP BY p.id
                 ORDER BY shared DESC, lower(p.organisation)
                 LIMIT 50",
                &values![subject_id, meeting_id],
                "suggesting partners",
                |row| {
                    Ok((
                        row.get::<Id>(0)?,
                        row.get::<u32>(2)?,
                        row.get::<u32>(3)?,
                        row.optional_instant(4)?,
                    ))
                },
            )?;
            let subject_tags = tags_of(tx, TagOwner::Subject, subject_id)?;
            found
                .into_iter()
                .map(|(id, times_invited, times_attended, last_invited)| {
                    let partner = partner_by_id(tx, id)?;
                    let shared_tags: Vec<Tag> = partner
                        .tags
                        .iter()
                        .filter(|t| subject_tags.contains(t))
                        .cloned()
                        .collect();
                    Ok(PartnerSuggestion {
                        partner,
                        shared_tags,
                        times_invited,
                        times_attended,
                        last_invited,
                    })
                })
                .collect()
        })
    }
}

/// Clears a partner's personal data and registers the erasure (ids and the
/// date only), here and after a restore.
pub(crate) fn erase(db: &dyn Executor, id: Id, at: &str) -> Result<()> {
    db.run(
        "UPDATE partners SET contact_name = NULL, email = NULL, phone = NULL, notes = '',
             erased_at = coalesce(erased_at, ?1)
         WHERE id = ?2",
        &values![at, id],
        "erasing a partner",
    )?;
    // Why they were invited names them too ("expert on her own case").
    db.run(
        "UPDATE invitations SET reason = '' WHERE partner_id = ?1 AND reason <> ''",
        &values![id],
        "erasing a partner",
    )?;
    db.run(
        "INSERT INTO erasures (kind, record_id, erased_at) VALUES ('partner', ?1, ?2)
         ON CONFLICT (kind, record_id) DO NOTHING",
        &values![id, at],
        "registering an erasure",
    )?;
    Ok(())
}

/// Adds a partner from a normalized draft; its id.
pub(crate) fn insert_partner(
    tx: &dyn Executor,
    draft: &PartnerDraft,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Id> {
    let id = tx.insert(
        "INSERT INTO partners (organisation, contact_name, email, phone, notes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         RETURNING id",
        &values![
            &draft.organisation,
            draft.contact_name.as_deref(),
            draft.email.as_deref(),
            draft.phone.as_deref(),
            &draft.notes,
            now
        ],
        "adding a partner",
    )?;
    set_tags(tx, TagOwner::Partner, id, &draft.tags)?;
    Ok(id)
}

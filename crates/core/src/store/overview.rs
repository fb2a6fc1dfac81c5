//! The overview screen and the term planner, read in one transaction each.

use super::meetings::{detail, meeting_by_id};
use super::sql::{values, Executor, Queries};
use super::terms::term_by_number;
use super::Store;
use crate::domain::{
    ActionFilter, Coverage, ExploitationForm, Id, InvitationStatus, MeetingDetail, Overview,
    PartnerInvitation, Planner, SubjectFilter, Tag, TagCategory, TermPlan,
};
use crate::error::{Error, Result, Thing};

fn meetings_where(
    db: &dyn Executor,
    now: chrono::DateTime<chrono::Utc>,
    sql: &str,
) -> Result<Vec<MeetingDetail>> {
    let ids = db.rows(sql, &[], "reading meetings", |r| r.get::<Id>(0))?;
    ids.into_iter()
        .map(|id| detail(db, now, meeting_by_id(db, id)?))
        .collect()
}

impl Store {
    pub fn overview(&self) -> Result<Overview> {
        let term = self.current_term()?;
        let next_meeting = self.next_meeting()?;
        let today = self.today();
        let overdue_actions = self.actions(&ActionFilter {
            overdue_on: Some(today),
            limit: Some(Overview::OVERDUE_SHOWN),
            ..Default::default()
        })?;
        self.read(|tx| {
            let unanswered_invitations: u32 = match &next_meeting {
                Some(m) => tx.one(
                    "SELECT count(*) FROM invitations WHERE meeting_id = ?1 AND status IN ('proposed', 'invited')",
                    &values![m.meeting.id],
                    "counting invitations",
                    |r| r.get(0),
                )?,
                None => 0,
            };
            let minutes_to_adopt = meetings_where(
                tx,
                self.now(),
                "SELECT m.id FROM meetings m JOIN minutes n ON n.meeting_id = m.id
                 WHERE m.status = 'held' AND n.status = 'concept' ORDER BY m.starts_at",
            )?;
            let minutes_missing = meetings_where(
                tx,
                self.now(),
                "SELECT m.id FROM meetings m LEFT JOIN minutes n ON n.meeting_id = m.id
                 WHERE m.status = 'held' AND n.meeting_id IS NULL ORDER BY m.starts_at",
            )?;
            let overdue_total: u32 = tx.one(
                "SELECT count(*) FROM actions WHERE status = 'open' AND due_on < ?1",
                &values![today],
                "counting overdue actions",
                |r| r.get(0),
            )?;
            let owners_overdue: u32 = tx.one(
                "SELECT count(*) FROM (SELECT DISTINCT owner_kind, owner_seat_id, owner_partner_id
                   FROM actions WHERE status = 'open' AND due_on < ?1) o",
                &values![today],
                "counting owners with overdue actions",
                |r| r.get(0),
            )?;
            let (meetings_held, meetings_planned, term_elapsed_percent) = match &term {
                Some(term) => {
                    let (held, planned): (u32, u32) = tx.one(
                        "SELECT count(*) FILTER (WHERE status = 'held'),
                                count(*) FILTER (WHERE status <> 'cancelled')
                         FROM meetings WHERE term_id = ?1",
                        &values![term.id],
                        "counting meetings",
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    (held, planned, term.elapsed_percent(today))
                }
                None => (0, 0, 0),
            };
            Ok(Overview {
                term_phase: term.as_ref().map(|t| t.phase(today)),
                term: term.clone(),
                next_meeting: next_meeting.clone(),
                unanswered_invitations,
                minutes_to_adopt,
                minutes_missing,
                overdue_actions,
                overdue_total,
                owners_overdue,
                meetings_held,
                meetings_planned,
                term_elapsed_percent,
            })
        })
    }

    /// The term's meetings with their subjects and how well the central
    /// subjects of meetings that are not cancelled cover every form of
    /// exploitation and the regions.
    pub fn term_plan(&self, term_number: u32) -> Result<TermPlan> {
        let meetings = self.meetings(term_number)?;
        self.read(|tx| {
            let term = term_by_number(tx, term_number)?;
            let counted = tx.rows(
                "SELECT t.category, t.name, count(DISTINCT m.id)
                 FROM meetings m
                 JOIN subject_tags st ON st.subject_id = m.subject_id
                 JOIN tags t ON t.id = st.tag_id
                 WHERE m.term_id = ?1 AND m.status <> 'cancelled'
                   AND t.category IN ('exploitation', 'region')
                 GROUP BY t.id",
                &values![term.id],
                "computing coverage",
                |row| {
                    Ok(Coverage {
                        tag: Tag {
                            category: row.code(0, TagCategory::parse)?,
                            name: row.get(1)?,
                        },
                        meetings: row.get(2)?,
                    })
                },
            )?;
            let mut coverage: Vec<Coverage> = ExploitationForm::ALL
                .iter()
                .map(|form| {
                    let tag = Tag::exploitation(*form);
                    let meetings = counted
                        .iter()
                        .find(|c| c.tag == tag)
                        .map_or(0, |c| c.meetings);
                    Coverage { tag, meetings }
                })
                .collect();
            let mut regions: Vec<Coverage> = counted
                .into_iter()
                .filter(|c| c.tag.category == TagCategory::Region)
                .collect();
            regions.sort_by(|a, b| {
                b.meetings
                    .cmp(&a.meetings)
                    .then(a.tag.name.cmp(&b.tag.name))
            });
            coverage.extend(regions);
            Ok(TermPlan {
                term,
                meetings,
                coverage,
            })
        })
    }

    /// The term planner for `term_number`, or for the current term when none
    /// is asked; `None` while there is no term at all.
    pub fn planner(&self, term_number: Option<u32>) -> Result<Option<Planner>> {
        let number = match term_number {
            Some(number) => number,
            None => match self.current_term()? {
                Some(term) => term.number,
                None => return Ok(None),
            },
        };
        let plan = self.term_plan(number)?;
        // The shown term's view is one of the switcher's: read once.
        let terms = self.term_views()?;
        let view = terms
            .iter()
            .find(|v| v.term.number == number)
            .cloned()
            .ok_or_else(|| Error::not_found(Thing::Term, number))?;
        let backlog = self.subjects(&SubjectFilter {
            backlog: true,
            limit: Some(Planner::BACKLOG),
            ..SubjectFilter::default()
        })?;
        Ok(Some(Planner {
            terms,
            view,
            plan,
            backlog,
        }))
    }

    /// Every meeting a partner was proposed for, newest first.
    pub fn partner_invitations(&self, partner_id: Id) -> Result<Vec<PartnerInvitation>> {
        self.read(|tx| {
            super::partners::partner_by_id(tx, partner_id)?;
            tx.rows(
                "SELECT m.id, m.starts_at, s.title, i.status FROM invitations i
                     JOIN meetings m ON m.id = i.meeting_id
                     LEFT JOIN subjects s ON s.id = m.subject_id
                     WHERE i.partner_id = ?1 ORDER BY m.starts_at DESC",
                &values![partner_id],
                "reading a partner's invitations",
                |row| {
                    Ok(PartnerInvitation {
                        meeting_id: row.get(0)?,
                        meeting_starts_at: row.instant(1)?,
                        subject_title: row.get(2)?,
                        status: row.code(3, InvitationStatus::parse)?,
                    })
                },
            )
        })
    }
}

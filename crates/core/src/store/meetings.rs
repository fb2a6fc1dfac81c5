//! Meetings: planning, the central subject, and status changes.

use super::revisions::{check_unchanged, revision_of};
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::subjects::{set_subject_status, subject_by_id};
use super::terms::{term_by_id, term_by_number};
use super::Store;
use crate::calendar::dutch_datetime;
use crate::domain::{
    overrun_warning, sending_to_do, series_dates, AgendaItemKind, Id, Meeting, MeetingDetail,
    MeetingDraft, MeetingStatus, NewAgenda, SeriesForm, SeriesPreview, SubjectStatus, Term,
};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::{Message, MessageKey};
use crate::msg;
use chrono::{DateTime, Utc};

/// The meeting's columns, its revision last (see [`super::revisions`]).
const MEETING_COLUMNS: &str = concat!(
    "m.id, m.term_id,
    (SELECT count(*) FROM meetings o WHERE o.term_id = m.term_id
        AND (o.starts_at < m.starts_at OR (o.starts_at = m.starts_at AND o.id <= m.id))),
    m.starts_at, m.ends_at, m.location, m.status, m.subject_id, m.sequence,
    m.members_draft_at, m.members_sent_at, m.drafts_sequence, ",
    revision_of!("meetings", "m.id")
);

fn meeting_row(row: &Row) -> Result<Meeting, SqlError> {
    Ok(Meeting {
        id: row.get(0)?,
        term_id: row.get(1)?,
        number: row.get(2)?,
        starts_at: row.instant(3)?,
        ends_at: row.instant(4)?,
        location: row.get(5)?,
        status: row.code(6, MeetingStatus::parse)?,
        subject_id: row.get(7)?,
        sequence: row.get(8)?,
        members_draft_at: row.optional_instant(9)?,
        members_sent_at: row.optional_instant(10)?,
        drafts_sequence: row.get(11)?,
        revision: row.get(12)?,
    })
}

pub(crate) fn meeting_by_id(db: &dyn Executor, id: Id) -> Result<Meeting> {
    db.optional(
        &format!("SELECT {MEETING_COLUMNS} FROM meetings m WHERE m.id = ?1"),
        &values![id],
        "reading a meeting",
        meeting_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::Meeting, id))
}

pub(crate) fn detail(
    db: &dyn Executor,
    now: DateTime<Utc>,
    meeting: Meeting,
) -> Result<MeetingDetail> {
    let term = term_by_id(db, meeting.term_id)?;
    let subject = meeting
        .subject_id
        .map(|id| subject_by_id(db, id))
        .transpose()?;
    let minutes_adopted: bool = db.one(
        "SELECT EXISTS (SELECT 1 FROM minutes WHERE meeting_id = ?1 AND status = 'adopted')",
        &values![meeting.id],
        "reading minutes",
        |r| r.get(0),
    )?;
    let invitations = super::invitations::invitations_of(db, meeting.id)?;
    let mut allowed = meeting.allowed(minutes_adopted, now);
    if allowed.remove {
        allowed.remove = !has_papers(db, meeting.id)? && invitations.iter().all(|i| i.unseen());
    }
    let agenda_minutes: i64 = db.one(
        "SELECT CAST(coalesce(sum(duration_minutes), 0) AS BIGINT) FROM agenda_items WHERE meeting_id = ?1",
        &values![meeting.id],
        "reading the agenda",
        |r| r.get(0),
    )?;
    Ok(MeetingDetail {
        agenda_warning: overrun_warning(
            meeting.starts_at + chrono::Duration::minutes(agenda_minutes),
            meeting.ends_at,
        ),
        to_do: {
            let mut to_do = sending_to_do(&meeting, &invitations);
            to_do.extend(minutes_to_adopt_here(db, &meeting)?);
            to_do
        },
        allowed,
        date_text: dutch_datetime(meeting.starts_at),
        term_number: term.number,
        subject,
        meeting,
    })
}

/// The to-do of a meeting that follows one whose minutes wait for
/// adoption: the meeting before it (not cancelled) was held and its
/// minutes are still concept.
fn minutes_to_adopt_here(db: &dyn Executor, meeting: &Meeting) -> Result<Option<Message>> {
    if meeting.status == MeetingStatus::Cancelled {
        return Ok(None);
    }
    let earlier: Option<Id> = db.optional(
        "SELECT p.id FROM meetings p
           JOIN minutes n ON n.meeting_id = p.id AND n.status = 'concept'
          WHERE p.status = 'held'
            AND p.id = (SELECT q.id FROM meetings q
                         WHERE q.starts_at < ?1 AND q.status <> 'cancelled'
                         ORDER BY q.starts_at DESC LIMIT 1)",
        &values![meeting.starts_at],
        "reading the minutes to adopt",
        |r| r.get(0),
    )?;
    let Some(earlier) = earlier else {
        return Ok(None);
    };
    let earlier = meeting_by_id(db, earlier)?;
    Ok(Some(msg!(
        TodoMinutesToAdopt,
        number = earlier.number,
        date = earlier.day()
    )))
}

/// Whether documents are attached to the meeting (which keeps it from
/// being removed).
fn has_papers(db: &dyn Executor, meeting_id: Id) -> Result<bool> {
    db.one(
        "SELECT EXISTS (SELECT 1 FROM document_links WHERE meeting_id = ?1)",
        &values![meeting_id],
        "reading a meeting's papers",
        |r| r.get(0),
    )
}

fn set_status(db: &dyn Executor, id: Id, status: MeetingStatus) -> Result<()> {
    db.run(
        "UPDATE meetings SET status = ?1 WHERE id = ?2",
        &values![status.code(), id],
        "changing a meeting's status",
    )?;
    Ok(())
}

impl Store {
    /// Plans a meeting in a term, as a concept, with the agenda asked for.
    pub fn add_meeting(&self, draft: &MeetingDraft, agenda: NewAgenda) -> Result<MeetingDetail> {
        let now = self.now();
        self.write(|tx| {
            let term = term_by_number(tx, draft.term_number)?;
            let draft = draft.validate(&term)?;
            let id = insert_meeting(tx, &term, &draft, agenda, now)?;
            detail(tx, self.now(), meeting_by_id(tx, id)?)
        })
    }

    /// The series as it would be saved, for the preview.
    pub fn preview_series(&self, form: &SeriesForm) -> Result<SeriesPreview> {
        let plan = form.parse()?;
        self.read(|tx| {
            let term = term_by_number(tx, form.term_number)?;
            series_dates(&plan, &term, &taken_days(tx, &term)?)
        })
    }

    /// Plans the whole series as concept meetings with the term's agenda
    /// template, all or nothing. Each meeting then lives on its own.
    pub fn plan_series(&self, form: &SeriesForm) -> Result<Vec<MeetingDetail>> {
        let plan = form.parse()?;
        let now = self.now();
        self.write(|tx| {
            let term = term_by_number(tx, form.term_number)?;
            let preview = series_dates(&plan, &term, &taken_days(tx, &term)?)?;
            if preview.dates.is_empty() {
                return Err(Error::validation(
                    Field::FirstDate,
                    MessageKey::SeriesNoDates,
                ));
            }
            let mut ids = Vec::with_capacity(preview.dates.len());
            for date in &preview.dates {
                let draft = MeetingDraft {
                    term_number: term.number,
                    starts_at: date.starts_at,
                    ends_at: date.ends_at,
                    location: plan.location.clone(),
                }
                .validate(&term)?;
                ids.push(insert_meeting(
                    tx,
                    &term,
                    &draft,
                    NewAgenda::FromTemplate,
                    now,
                )?);
            }
            ids.into_iter()
                .map(|id| detail(tx, self.now(), meeting_by_id(tx, id)?))
                .collect()
        })
    }

    pub fn meeting(&self, id: Id) -> Result<MeetingDetail> {
        self.read(|tx| detail(tx, self.now(), meeting_by_id(tx, id)?))
    }

    /// The meetings of a term in date order.
    pub fn meetings(&self, term_number: u32) -> Result<Vec<MeetingDetail>> {
        self.read(|tx| {
            let term = term_by_number(tx, term_number)?;
            let meetings = tx.rows(
                &format!(
                    "SELECT {MEETING_COLUMNS} FROM meetings m
                     WHERE m.term_id = ?1 ORDER BY m.starts_at, m.id"
                ),
                &values![term.id],
                "listing meetings",
                meeting_row,
            )?;
            meetings
                .into_iter()
                .map(|m| detail(tx, self.now(), m))
                .collect()
        })
    }

    /// The first meeting from now on that is not cancelled.
    pub fn next_meeting(&self) -> Result<Option<MeetingDetail>> {
        let now = self.now();
        self.read(|tx| {
            let meeting = tx.optional(
                &format!(
                    "SELECT {MEETING_COLUMNS} FROM meetings m
                     WHERE m.ends_at >= ?1 AND m.status IN ('concept', 'scheduled')
                     ORDER BY m.starts_at LIMIT 1"
                ),
                &values![now],
                "finding the next meeting",
                meeting_row,
            )?;
            meeting.map(|m| detail(tx, self.now(), m)).transpose()
        })
    }

    /// Makes a subject the meeting's one central subject (or clears it).
    pub fn set_meeting_subject(
        &self,
        meeting_id: Id,
        subject_id: Option<Id>,
    ) -> Result<MeetingDetail> {
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            meeting.check_set_subject(subject_id)?;
            if let Some(subject_id) = subject_id {
                let subject = subject_by_id(tx, subject_id)?;
                if subject.status == SubjectStatus::Proposed {
                    set_subject_status(tx, subject_id, SubjectStatus::Planned)?;
                }
                ensure_central_item(tx, meeting_id)?;
            }
            tx.run(
                "UPDATE meetings SET subject_id = ?1 WHERE id = ?2",
                &values![subject_id, meeting_id],
                "setting the central subject",
            )?;
            detail(tx, self.now(), meeting_by_id(tx, meeting_id)?)
        })
    }

    /// Marks the meeting scheduled (agenda sent). Needs a central subject.
    pub fn schedule_meeting(&self, meeting_id: Id) -> Result<MeetingDetail> {
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            meeting.check_schedule()?;
            set_status(tx, meeting_id, MeetingStatus::Scheduled)?;
            detail(tx, self.now(), meeting_by_id(tx, meeting_id)?)
        })
    }

    /// Marks the meeting held; its subject counts as discussed.
    pub fn hold_meeting(&self, meeting_id: Id) -> Result<MeetingDetail> {
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            meeting.check_hold(self.now())?;
            set_status(tx, meeting_id, MeetingStatus::Held)?;
            if let Some(subject_id) = meeting.subject_id {
                let subject = subject_by_id(tx, subject_id)?;
                if matches!(
                    subject.status,
                    SubjectStatus::Proposed | SubjectStatus::Planned
                ) {
                    set_subject_status(tx, subject_id, SubjectStatus::Discussed)?;
                }
            }
            detail(tx, self.now(), meeting_by_id(tx, meeting_id)?)
        })
    }

    pub fn cancel_meeting(&self, meeting_id: Id) -> Result<MeetingDetail> {
        self.write_final(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            meeting.check_cancel()?;
            set_status(tx, meeting_id, MeetingStatus::Cancelled)?;
            tx.run(
                "UPDATE meetings SET sequence = sequence + 1 WHERE id = ?1",
                &values![meeting_id],
                "cancelling a meeting",
            )?;
            detail(tx, self.now(), meeting_by_id(tx, meeting_id)?)
        })
    }

    /// Removes a concept meeting nobody was told of, with its agenda and
    /// the partners proposed for it. One with papers attached or partners
    /// already invited is refused: those are cancelled, not removed.
    pub fn remove_meeting(&self, meeting_id: Id) -> Result<()> {
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            meeting.check_remove()?;
            let invitations = super::invitations::invitations_of(tx, meeting_id)?;
            if invitations.iter().any(|i| !i.unseen()) {
                return Err(Error::conflict(MessageKey::MeetingRemoveInvited));
            }
            if has_papers(tx, meeting_id)? {
                return Err(Error::conflict(MessageKey::MeetingRemoveHasPapers));
            }
            for sql in [
                "DELETE FROM invitation_events WHERE invitation_id IN (SELECT id FROM invitations WHERE meeting_id = ?1)",
                "DELETE FROM invitations WHERE meeting_id = ?1",
                "DELETE FROM seat_replies WHERE meeting_id = ?1",
                "DELETE FROM agenda_items WHERE meeting_id = ?1",
                "DELETE FROM meetings WHERE id = ?1",
            ] {
                tx.run(sql, &values![meeting_id], "removing a meeting")?;
            }
            Ok(())
        })
    }

    /// Moves a meeting; a scheduled one gets its calendar sequence raised.
    /// `seen` is the revision the form showed: a meeting a colleague
    /// changed since is not moved over their change (`None`: the CLI).
    pub fn reschedule_meeting(
        &self,
        meeting_id: Id,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        location: Option<&str>,
        seen: Option<i64>,
    ) -> Result<MeetingDetail> {
        self.write(|tx| {
            let meeting = meeting_by_id(tx, meeting_id)?;
            check_unchanged(tx, "meetings", meeting_id, seen)?;
            let term = term_by_id(tx, meeting.term_id)?;
            meeting.check_reschedule(&term, starts_at, ends_at)?;
            let bump = u32::from(meeting.status == MeetingStatus::Scheduled);
            tx.run(
                "UPDATE meetings SET starts_at = ?1, ends_at = ?2, location = coalesce(?3, location),
                    sequence = sequence + ?4 WHERE id = ?5",
                &values![starts_at, ends_at, location.map(str::trim), bump, meeting_id],
                "moving a meeting",
            )?;
            detail(tx, self.now(), meeting_by_id(tx, meeting_id)?)
        })
    }
}

fn insert_meeting(
    db: &dyn Executor,
    term: &Term,
    draft: &MeetingDraft,
    agenda: NewAgenda,
    now: DateTime<Utc>,
) -> Result<Id> {
    let id = db.insert(
        "INSERT INTO meetings (term_id, starts_at, ends_at, location, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         RETURNING id",
        &values![term.id, draft.starts_at, draft.ends_at, &draft.location, now],
        "adding a meeting",
    )?;
    if agenda == NewAgenda::FromTemplate {
        for (index, item) in super::terms::template_of(db, term.id)?.iter().enumerate() {
            super::agenda::insert_item(
                db,
                id,
                index as u32 + 1,
                item.kind,
                &item.title,
                item.duration_minutes,
                None,
                false,
            )?;
        }
    }
    Ok(id)
}

/// The Amsterdam days on which the term already has a meeting that is not
/// cancelled.
fn taken_days(db: &dyn Executor, term: &Term) -> Result<Vec<chrono::NaiveDate>> {
    let starts = db.rows(
        "SELECT starts_at FROM meetings WHERE term_id = ?1 AND status <> 'cancelled'",
        &values![term.id],
        "reading the term's meetings",
        |r| r.instant(0),
    )?;
    Ok(starts
        .into_iter()
        .map(|at| crate::calendar::to_amsterdam(at).date())
        .collect())
}

/// A meeting with a central subject gets a "Centraal onderwerp" item if its
/// agenda has none yet.
fn ensure_central_item(db: &dyn Executor, meeting_id: Id) -> Result<()> {
    let has: bool = db.one(
        "SELECT EXISTS (SELECT 1 FROM agenda_items WHERE meeting_id = ?1 AND kind = 'central_subject')",
        &values![meeting_id],
        "reading the agenda",
        |r| r.get(0),
    )?;
    if !has {
        let kind = AgendaItemKind::CentralSubject;
        let position = super::agenda::next_position(db, meeting_id)?;
        super::agenda::insert_item(
            db,
            meeting_id,
            position,
            kind,
            kind.standard_title(),
            60,
            None,
            false,
        )?;
    }
    Ok(())
}

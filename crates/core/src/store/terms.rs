//! Terms (*termijnen*) over time: start (from the previous term's seats),
//! extend, the decree as data, and each term's agenda template.

use super::revisions::{check_unchanged, revision_of};
use super::seats::{check_one_chair, insert_seat, seats_of};
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::Store;
use crate::domain::{
    check_new_end, is_working_day, propose_period, AgendaItemKind, Decree, DecreeForm, EndMove, Id,
    NewTerm, SeatCarry, TemplateItem, Term, TermExtension, TermProposal, TermStart, TermView,
    STANDARD_AGENDA,
};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::import::{parse_members, MemberFormat};
use crate::message::{MessageKey, Param};
use crate::msg;
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// A term's columns, its revision last (see [`super::revisions`]).
const TERM_COLUMNS: &str = concat!(
    "id, number, starts_on, ends_on, goals, decree_date, decree_reference, decree_url, ",
    revision_of!("terms", "terms.id")
);

fn term_row(row: &Row) -> Result<Term, SqlError> {
    Ok(Term {
        id: row.get(0)?,
        number: row.get(1)?,
        starts_on: row.day(2)?,
        ends_on: row.day(3)?,
        goals: row.get(4)?,
        decree: Decree {
            date: row.optional_day(5)?,
            reference: row.get(6)?,
            url: row.get(7)?,
        },
        revision: row.get(8)?,
    })
}

pub(crate) fn term_by_number(db: &dyn Executor, number: u32) -> Result<Term> {
    db.optional(
        &format!("SELECT {TERM_COLUMNS} FROM terms WHERE number = ?1"),
        &values![number],
        "reading a term",
        term_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::Term, number))
}

pub(crate) fn term_by_id(db: &dyn Executor, id: Id) -> Result<Term> {
    db.optional(
        &format!("SELECT {TERM_COLUMNS} FROM terms WHERE id = ?1"),
        &values![id],
        "reading a term",
        term_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::Term, id))
}

impl Store {
    pub fn add_term(&self, term: &NewTerm) -> Result<Term> {
        term.validate()?;
        self.write(|tx| insert_term(tx, term))
    }

    pub fn terms(&self) -> Result<Vec<Term>> {
        self.read(|tx| all_terms(tx))
    }

    pub fn term(&self, number: u32) -> Result<Term> {
        self.read(|tx| term_by_number(tx, number))
    }

    /// The term that contains today; else the latest one that has started;
    /// else the first one still to come.
    pub fn current_term(&self) -> Result<Option<Term>> {
        let today = self.today();
        let terms = self.terms()?;
        Ok(terms
            .iter()
            .rev()
            .find(|t| t.contains(today))
            .or_else(|| terms.iter().rev().find(|t| t.starts_on <= today))
            .or_else(|| terms.first())
            .cloned())
    }

    /// A term with where it stands today and what can be done with it.
    pub fn term_view(&self, number: u32) -> Result<TermView> {
        let today = self.today();
        self.read(|tx| view(tx, term_by_number(tx, number)?, today))
    }

    /// Every term, oldest first, as the term switcher lists them.
    pub fn term_views(&self) -> Result<Vec<TermView>> {
        let today = self.today();
        self.read(|tx| {
            all_terms(tx)?
                .into_iter()
                .map(|term| view(tx, term, today))
                .collect()
        })
    }

    /// Saves the term's goals; `seen` is the revision the form showed
    /// (`None`: the CLI), as for the decree and a correction below.
    pub fn set_term_goals(&self, number: u32, goals: &str, seen: Option<i64>) -> Result<Term> {
        self.write(|tx| {
            let term = term_by_number(tx, number)?;
            check_unchanged(tx, "terms", term.id, seen)?;
            tx.run(
                "UPDATE terms SET goals = ?1 WHERE id = ?2",
                &values![goals.trim(), term.id],
                "updating a term",
            )?;
            term_by_number(tx, number)
        })
    }

    /// Records the decree that set the term up: date, reference, link.
    pub fn set_term_decree(
        &self,
        number: u32,
        decree: &DecreeForm,
        seen: Option<i64>,
    ) -> Result<Term> {
        let decree = decree.parse()?;
        self.write(|tx| {
            let term = term_by_number(tx, number)?;
            check_unchanged(tx, "terms", term.id, seen)?;
            write_decree(tx, term.id, &decree)?;
            term_by_number(tx, number)
        })
    }

    /// Moves a term's end later by decree (*verlengen*). The end before
    /// stays in the term's history. Refused when it would run into the next
    /// term; an earlier end is [`Store::shorten_term`].
    pub fn extend_term(&self, number: u32, new_end: &str, decree: &DecreeForm) -> Result<TermView> {
        self.move_term_end(number, new_end, decree, EndMove::Extend)
    }

    /// Moves a term's end earlier by decree (*inkorten*), kept in its
    /// history like an extension. Refused below a meeting of the term.
    pub fn shorten_term(
        &self,
        number: u32,
        new_end: &str,
        decree: &DecreeForm,
    ) -> Result<TermView> {
        self.move_term_end(number, new_end, decree, EndMove::Shorten)
    }

    fn move_term_end(
        &self,
        number: u32,
        new_end: &str,
        decree: &DecreeForm,
        way: EndMove,
    ) -> Result<TermView> {
        let new_end = crate::calendar::parse_date(Field::EndsOn, new_end)?;
        let decree = decree.parse()?;
        let now = self.now();
        let today = self.today();
        self.write(|tx| {
            let term = term_by_number(tx, number)?;
            check_new_end(&term, new_end, way)?;
            if new_end < term.ends_on {
                let outside = meetings_after(tx, term.id, new_end)?;
                if let Some((number, day)) = outside.first() {
                    let message = match outside.len() - 1 {
                        0 => msg!(
                            TermEndBeforeMeeting,
                            term = term.number,
                            number = *number,
                            date = *day
                        ),
                        later => msg!(
                            TermEndBeforeMeetings,
                            term = term.number,
                            number = *number,
                            date = *day,
                            later = later
                        ),
                    };
                    return Err(Error::validation(Field::EndsOn, message));
                }
            }
            if let Some(next) = all_terms(tx)?
                .into_iter()
                .find(|t| t.starts_on >= term.ends_on && t.id != term.id)
            {
                if new_end > next.starts_on {
                    return Err(Error::validation(
                        Field::EndsOn,
                        msg!(TermEndInNext, term = next.number, date = next.starts_on),
                    ));
                }
            }
            tx.run(
                "INSERT INTO term_extensions (term_id, previous_ends_on, new_ends_on, decree_date,
                     decree_reference, decree_url, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &values![
                    term.id,
                    term.ends_on,
                    new_end,
                    decree.date,
                    decree.reference.as_deref(),
                    decree.url.as_deref(),
                    now
                ],
                "recording a new end",
            )?;
            tx.run(
                "UPDATE terms SET ends_on = ?1 WHERE id = ?2",
                &values![new_end, term.id],
                "moving a term's end",
            )?;
            view(tx, term_by_number(tx, number)?, today)
        })
    }

    /// Corrects a term's number and dates, entered wrongly: only while it
    /// holds no meetings (their numbering and dates hang on it) and never
    /// overlapping another term.
    pub fn correct_term(
        &self,
        number: u32,
        corrected: &NewTerm,
        seen: Option<i64>,
    ) -> Result<TermView> {
        let today = self.today();
        self.write(|tx| {
            let term = term_by_number(tx, number)?;
            check_unchanged(tx, "terms", term.id, seen)?;
            let meetings: u32 = tx.one(
                "SELECT count(*) FROM meetings WHERE term_id = ?1",
                &values![term.id],
                "reading the term's meetings",
                |r| r.get(0),
            )?;
            if meetings > 0 {
                return Err(Error::conflict(msg!(
                    TermCorrectHasMeetings,
                    term = term.number,
                    count = meetings
                )));
            }
            let others: Vec<Term> = all_terms(tx)?
                .into_iter()
                .filter(|t| t.id != term.id)
                .collect();
            check_new_term(corrected, &others)?;
            tx.run(
                "UPDATE terms SET number = ?1, starts_on = ?2, ends_on = ?3 WHERE id = ?4",
                &values![
                    corrected.number,
                    corrected.starts_on,
                    corrected.ends_on,
                    term.id
                ],
                "correcting a term",
            )?;
            view(tx, term_by_number(tx, corrected.number)?, today)
        })
    }

    /// What to offer when a term is started: after the last term, its
    /// seats; with no term yet, the period covering today counted from the
    /// decree's 5th term, with the seats of the decree.
    pub fn propose_term(&self) -> Result<TermProposal> {
        let today = self.today();
        self.read(|tx| {
            let terms = all_terms(tx)?;
            Ok(match terms.last() {
                Some(last) => {
                    let (period, between) = propose_period((last.number, last.ends_on), today);
                    // The seats of the latest term that has any: a term
                    // recorded afterwards with its dates alone has none.
                    let mut seats = Vec::new();
                    let mut previous_number = None;
                    for term in terms.iter().rev() {
                        let found = seats_of(tx, term.id)?;
                        if !found.is_empty() {
                            previous_number = Some(term.number);
                            // An ended seat is not carried into a new term.
                            seats = found
                                .into_iter()
                                .filter(|seat| seat.ends_on.is_none())
                                .map(|seat| SeatCarry {
                                    from_seat: Some(seat.id),
                                    draft: seat.draft(),
                                })
                                .collect();
                            break;
                        }
                    }
                    TermProposal {
                        number: period.number,
                        starts_on: period.starts_on,
                        ends_on: period.ends_on,
                        previous_number,
                        goals: last.goals.clone(),
                        seats,
                        between,
                    }
                }
                None => {
                    let decree = crate::seed::term5();
                    let (period, _) = propose_period((decree.number, decree.ends_on), today);
                    let seats =
                        parse_members(crate::seed::TERM5_MEMBERS, MemberFormat::DecreeText)?
                            .into_iter()
                            .map(|draft| SeatCarry {
                                from_seat: None,
                                draft,
                            })
                            .collect();
                    // Before the app, the terms were the decree's: nothing
                    // of them to record here.
                    TermProposal {
                        number: period.number,
                        starts_on: period.starts_on,
                        ends_on: period.ends_on,
                        previous_number: None,
                        goals: decree.goals,
                        seats,
                        between: Vec::new(),
                    }
                }
            })
        })
    }

    /// Starts a term with its decree and seats, in one transaction. A seat
    /// carried from the previous term keeps its link (and so its history);
    /// the previous term's agenda template is carried too.
    pub fn start_term(&self, start: &TermStart) -> Result<TermView> {
        let (term, decree) = start.parse()?;
        let seats = start
            .seats
            .iter()
            .map(|carry| {
                Ok(SeatCarry {
                    from_seat: carry.from_seat,
                    draft: carry.draft.normalized()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let today = self.today();
        self.write(|tx| {
            let terms = all_terms(tx)?;
            // The numbers between the last recorded term and this one are
            // terms that happened; starting past them is a choice.
            if let Some(last) = terms.last() {
                let skipped: Vec<Param> = (last.number + 1..term.number)
                    .map(|number| Param::Number(number as i32))
                    .collect();
                if !skipped.is_empty() && !start.skip_between {
                    return Err(Error::validation(
                        Field::Number,
                        msg!(TermGapUnrecorded, terms = Param::List(skipped)),
                    ));
                }
            }
            // Seats carry from the latest term that has any.
            let mut previous = None;
            for candidate in terms.iter().rev() {
                if !seats_of(tx, candidate.id)?.is_empty() {
                    previous = Some(candidate.clone());
                    break;
                }
            }
            let latest = terms.last().cloned();
            let stored = insert_term(tx, &term)?;
            write_decree(tx, stored.id, &decree)?;
            let mut added = Vec::new();
            for carry in &seats {
                if let Some(from) = carry.from_seat {
                    let seat = super::seats::seat_by_id(tx, from)?;
                    if previous.as_ref().map(|p| p.id) != Some(seat.term_id) {
                        return Err(Error::validation(
                            Field::Seats,
                            MessageKey::TermCarryOnlyPrevious,
                        ));
                    }
                }
                if added.iter().any(|s: &crate::domain::Seat| carry.draft.same_seat(&s.organisation, &s.role)) {
                    return Err(Error::conflict(msg!(SeatListedTwice, organisation = &carry.draft.organisation, role = &carry.draft.role)));
                }
                check_one_chair(&added, &carry.draft, None)?;
                let seat = insert_seat(tx, stored.id, added.len() as u32 + 1, &carry.draft, carry.from_seat)?;
                added.push(seat);
            }
            if let Some(previous) = &latest {
                tx.run(
                    "INSERT INTO agenda_template_items (term_id, position, kind, title, duration_minutes)
                     SELECT ?1, position, kind, title, duration_minutes FROM agenda_template_items
                     WHERE term_id = ?2",
                    &values![stored.id, previous.id],
                    "carrying the agenda template",
                )?;
            }
            view(tx, term_by_number(tx, term.number)?, today)
        })
    }

    /// The standard agenda of the term's new meetings.
    pub fn agenda_template(&self, number: u32) -> Result<Vec<TemplateItem>> {
        self.read(|tx| template_of(tx, term_by_number(tx, number)?.id))
    }

    /// Replaces the term's agenda template; meetings already planned keep
    /// their agenda.
    pub fn set_agenda_template(
        &self,
        number: u32,
        items: &[TemplateItem],
    ) -> Result<Vec<TemplateItem>> {
        let items = crate::domain::validate_template(items)?;
        self.write(|tx| {
            let term = term_by_number(tx, number)?;
            tx.run(
                "DELETE FROM agenda_template_items WHERE term_id = ?1",
                &values![term.id],
                "replacing the agenda template",
            )?;
            for (index, item) in items.iter().enumerate() {
                tx.run(
                    "INSERT INTO agenda_template_items (term_id, position, kind, title, duration_minutes)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    &values![term.id, index as u32 + 1, item.kind.code(), &item.title, item.duration_minutes],
                    "replacing the agenda template",
                )?;
            }
            template_of(tx, term.id)
        })
    }
}

fn write_decree(db: &dyn Executor, term_id: Id, decree: &Decree) -> Result<()> {
    db.run(
        "UPDATE terms SET decree_date = ?1, decree_reference = ?2, decree_url = ?3 WHERE id = ?4",
        &values![
            decree.date,
            decree.reference.as_deref(),
            decree.url.as_deref(),
            term_id
        ],
        "recording a decree",
    )?;
    Ok(())
}

/// The term's template, or the built-in standard agenda when it has none.
pub(crate) fn template_of(db: &dyn Executor, term_id: Id) -> Result<Vec<TemplateItem>> {
    let items = db.rows(
        "SELECT kind, title, duration_minutes FROM agenda_template_items
             WHERE term_id = ?1 ORDER BY position",
        &values![term_id],
        "reading the agenda template",
        |row| {
            Ok(TemplateItem {
                kind: row.code(0, AgendaItemKind::parse)?,
                title: row.get(1)?,
                duration_minutes: row.get(2)?,
            })
        },
    )?;
    if items.is_empty() {
        return Ok(STANDARD_AGENDA
            .iter()
            .map(|(kind, minutes)| TemplateItem {
                kind: *kind,
                title: kind.standard_title().to_string(),
                duration_minutes: *minutes,
            })
            .collect());
    }
    Ok(items)
}

pub(crate) fn extensions_of(db: &dyn Executor, term_id: Id) -> Result<Vec<TermExtension>> {
    db.rows("SELECT previous_ends_on, new_ends_on, decree_date, decree_reference, decree_url, recorded_at
             FROM term_extensions WHERE term_id = ?1 ORDER BY id", &values![term_id], "reading extensions", |row| {
            let previous_ends_on = row.day(0)?;
            let new_ends_on = row.day(1)?;
            Ok(TermExtension {
                shortened: new_ends_on < previous_ends_on,
                previous_ends_on,
                new_ends_on,
                decree: Decree {
                    date: row.optional_day(2)?,
                    reference: row.get(3)?,
                    url: row.get(4)?,
                },
                recorded_at: row.instant(5)?,
            })
        })
}

fn view(db: &dyn Executor, term: Term, today: NaiveDate) -> Result<TermView> {
    let extensions = extensions_of(db, term.id)?;
    let is_latest: bool = db.one(
        "SELECT NOT EXISTS (SELECT 1 FROM terms WHERE starts_on > ?1)",
        &values![term.starts_on],
        "reading terms",
        |r| r.get(0),
    )?;
    let meetings: u32 = db.one(
        "SELECT count(*) FROM meetings WHERE term_id = ?1",
        &values![term.id],
        "reading terms",
        |r| r.get(0),
    )?;
    let next_free = next_free_date(db, &term, today)?;
    Ok(TermView::new(
        term, extensions, is_latest, meetings, today, next_free,
    ))
}

/// The first working day from tomorrow (or from the term's start) inside
/// the term on which no meeting is planned.
fn next_free_date(db: &dyn Executor, term: &Term, today: NaiveDate) -> Result<Option<NaiveDate>> {
    let mut day = term.starts_on.max(today + Duration::days(1));
    // A term has ~780 working days; a year ahead is plenty to look.
    for _ in 0..400 {
        if day > term.ends_on {
            return Ok(None);
        }
        if is_working_day(day) {
            // Midnight always exists in Amsterdam (the clocks move at 2.00).
            let from = amsterdam_midnight(day)?;
            let to = amsterdam_midnight(day + Duration::days(1))?;
            let taken: bool = db.one(
                "SELECT EXISTS (SELECT 1 FROM meetings WHERE term_id = ?1 AND status <> 'cancelled'
                     AND starts_at >= ?2 AND starts_at < ?3)",
                &values![term.id, from, to],
                "finding a free date",
                |r| r.get(0),
            )?;
            if !taken {
                return Ok(Some(day));
            }
        }
        day += Duration::days(1);
    }
    Ok(None)
}

/// The term's meetings (number in the term, Amsterdam day) that fall after
/// `day`, earliest first.
fn meetings_after(db: &dyn Executor, term_id: Id, day: NaiveDate) -> Result<Vec<(u32, NaiveDate)>> {
    let starts = db.rows(
        "SELECT starts_at FROM meetings WHERE term_id = ?1 ORDER BY starts_at, id",
        &values![term_id],
        "reading the term's meetings",
        |r| r.instant(0),
    )?;
    Ok(starts
        .into_iter()
        .enumerate()
        .map(|(index, at)| (index as u32 + 1, crate::calendar::to_amsterdam(at).date()))
        .filter(|(_, date)| *date > day)
        .collect())
}

fn amsterdam_midnight(day: NaiveDate) -> Result<DateTime<Utc>> {
    crate::calendar::amsterdam_to_utc(Field::Date, day.and_time(chrono::NaiveTime::MIN))
}

fn all_terms(db: &dyn Executor) -> Result<Vec<Term>> {
    db.rows(
        &format!("SELECT {TERM_COLUMNS} FROM terms ORDER BY starts_on"),
        &[],
        "listing terms",
        term_row,
    )
}

/// A term's own dates are sound, and its number and period are its own
/// among `others`.
fn check_new_term(term: &NewTerm, others: &[Term]) -> Result<()> {
    term.validate()?;
    if others.iter().any(|t| t.number == term.number) {
        return Err(Error::conflict(msg!(TermExists, term = term.number)));
    }
    if let Some(other) = others.iter().find(|t| term.overlaps(t)) {
        return Err(Error::validation(
            Field::Start,
            msg!(TermOverlaps, term = other.number),
        ));
    }
    Ok(())
}

pub(crate) fn insert_term(db: &dyn Executor, term: &NewTerm) -> Result<Term> {
    check_new_term(term, &all_terms(db)?)?;
    db.run(
        "INSERT INTO terms (number, starts_on, ends_on, goals) VALUES (?1, ?2, ?3, ?4)",
        &values![term.number, term.starts_on, term.ends_on, term.goals.trim()],
        "adding a term",
    )?;
    term_by_number(db, term.number)
}

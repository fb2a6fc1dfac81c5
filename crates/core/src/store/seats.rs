//! Member seats (*leden*) per term, with the history of every edit.

use super::revisions::{check_unchanged, revision_of};
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::Store;
use crate::domain::{Id, ImportOutcome, NewTerm, Seat, SeatChange, SeatDraft, SeatType, Term};
use crate::error::Field;
use crate::error::Thing;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::msg;
use chrono::NaiveDate;

/// A seat's columns, its revision last (see [`super::revisions`]).
const SEAT_COLUMNS: &str = concat!(
    "id, term_id, position, organisation, role, person, deputy, chair, \
     seat_type, region, previous_seat_id, email, deputy_email, ends_on, \
     NOT EXISTS (SELECT 1 FROM attendance a WHERE a.seat_id = seats.id) \
     AND NOT EXISTS (SELECT 1 FROM actions x WHERE x.owner_seat_id = seats.id) \
     AND NOT EXISTS (SELECT 1 FROM seats n WHERE n.previous_seat_id = seats.id) \
     AND NOT EXISTS (SELECT 1 FROM seat_replies r WHERE r.seat_id = seats.id) \
     AND NOT EXISTS (SELECT 1 FROM minutes_comments c WHERE c.seat_id = seats.id), ",
    revision_of!("seats", "seats.id")
);

fn seat_row(row: &Row) -> Result<Seat, SqlError> {
    Ok(Seat {
        id: row.get(0)?,
        term_id: row.get(1)?,
        position: row.get(2)?,
        organisation: row.get(3)?,
        role: row.get(4)?,
        person: row.get(5)?,
        deputy: row.get(6)?,
        chair: row.get(7)?,
        seat_type: row.optional_code(8, SeatType::parse)?,
        region: row.get(9)?,
        previous_seat_id: row.get(10)?,
        email: row.get(11)?,
        deputy_email: row.get(12)?,
        ends_on: row.optional_day(13)?,
        removable: row.get(14)?,
        revision: row.get(15)?,
    })
}

pub(crate) fn seat_by_id(db: &dyn Executor, id: Id) -> Result<Seat> {
    db.optional(
        &format!("SELECT {SEAT_COLUMNS} FROM seats WHERE id = ?1"),
        &values![id],
        "reading a seat",
        seat_row,
    )?
    .ok_or_else(|| Error::not_found(Thing::Seat, id))
}

pub(crate) fn seats_of(db: &dyn Executor, term_id: Id) -> Result<Vec<Seat>> {
    db.rows(
        &format!("SELECT {SEAT_COLUMNS} FROM seats WHERE term_id = ?1 ORDER BY position, id"),
        &values![term_id],
        "listing seats",
        seat_row,
    )
}

pub(crate) fn check_one_chair(seats: &[Seat], draft: &SeatDraft, except: Option<Id>) -> Result<()> {
    if draft.chair {
        if let Some(chair) = seats.iter().find(|s| s.chair && Some(s.id) != except) {
            return Err(Error::conflict(msg!(
                SeatChairExists,
                organisation = &chair.organisation,
                role = &chair.role
            )));
        }
    }
    Ok(())
}

impl Store {
    pub fn seat(&self, seat_id: Id) -> Result<Seat> {
        self.read(|tx| seat_by_id(tx, seat_id))
    }

    pub fn seats(&self, term_number: u32) -> Result<Vec<Seat>> {
        self.read(|tx| {
            let term = super::terms::term_by_number(tx, term_number)?;
            seats_of(tx, term.id)
        })
    }

    pub fn add_seat(&self, term_number: u32, draft: &SeatDraft) -> Result<Seat> {
        let draft = draft.normalized()?;
        self.write(|tx| {
            let term = super::terms::term_by_number(tx, term_number)?;
            let seats = seats_of(tx, term.id)?;
            if seats
                .iter()
                .any(|s| draft.same_seat(&s.organisation, &s.role))
            {
                return Err(Error::conflict(msg!(
                    SeatMemberInTerm,
                    organisation = &draft.organisation,
                    role = &draft.role,
                    term = term_number
                )));
            }
            check_one_chair(&seats, &draft, None)?;
            insert_seat(tx, term.id, seats.len() as u32 + 1, &draft, None)
        })
    }

    /// Imports seats into a term. Seats already present (same organisation and
    /// role) are left as they are, so importing the same list twice adds
    /// nothing. All or nothing.
    pub fn import_seats(&self, term_number: u32, drafts: &[SeatDraft]) -> Result<ImportOutcome> {
        let drafts = drafts
            .iter()
            .map(SeatDraft::normalized)
            .collect::<Result<Vec<_>>>()?;
        self.write(|tx| {
            let term = super::terms::term_by_number(tx, term_number)?;
            import_into(tx, term.id, &drafts)
        })
    }

    /// Creates a term with its seats in one transaction, or, when the term
    /// already exists with the same dates, imports the seats into it.
    pub fn add_term_with_seats(
        &self,
        term: &NewTerm,
        drafts: &[SeatDraft],
    ) -> Result<(Term, ImportOutcome)> {
        let drafts = drafts
            .iter()
            .map(SeatDraft::normalized)
            .collect::<Result<Vec<_>>>()?;
        self.write(|tx| {
            let stored = match super::terms::term_by_number(tx, term.number) {
                Ok(existing)
                    if existing.starts_on == term.starts_on && existing.ends_on == term.ends_on =>
                {
                    existing
                }
                Ok(_) => {
                    return Err(Error::conflict(msg!(
                        TermExistsOtherDates,
                        term = term.number
                    )))
                }
                Err(_) => super::terms::insert_term(tx, term)?,
            };
            let outcome = import_into(tx, stored.id, &drafts)?;
            Ok((stored, outcome))
        })
    }

    /// Ends a seat on `on` (a member who resigns mid-term): meetings after
    /// that day no longer list it, and it is not carried into the next
    /// term. A successor seat, if given, continues its history.
    pub fn end_seat(
        &self,
        seat_id: Id,
        on: NaiveDate,
        successor: Option<&SeatDraft>,
    ) -> Result<Seat> {
        let successor = successor.map(SeatDraft::normalized).transpose()?;
        self.write(|tx| {
            let seat = seat_by_id(tx, seat_id)?;
            if seat.ends_on.is_some() {
                return Err(Error::conflict(MessageKey::SeatAlreadyEnded));
            }
            let term = super::terms::term_by_id(tx, seat.term_id)?;
            term.check_contains(Field::EndsOn, on)?;
            let attended_after: Option<String> = tx.one(
                "SELECT min(m.starts_at) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
                 WHERE a.seat_id = ?1 AND m.starts_at >= ?2",
                &values![seat_id, on + chrono::Duration::days(1)],
                "reading attendance",
                |r| r.get(0),
            )?;
            if attended_after.is_some() {
                return Err(Error::validation(
                    Field::EndsOn,
                    MessageKey::SeatEndBeforeAttendance,
                ));
            }
            tx.run(
                "UPDATE seats SET ends_on = ?1, chair = 0 WHERE id = ?2",
                &values![on, seat_id],
                "ending a seat",
            )?;
            if let Some(draft) = &successor {
                let seats = seats_of(tx, seat.term_id)?;
                if seats
                    .iter()
                    .any(|s| draft.same_seat(&s.organisation, &s.role))
                {
                    return Err(Error::conflict(msg!(
                        SeatSuccessorSameSeat,
                        organisation = &draft.organisation,
                        role = &draft.role
                    )));
                }
                let draft = SeatDraft {
                    chair: draft.chair || seat.chair,
                    ..draft.clone()
                };
                check_one_chair(&seats_of(tx, seat.term_id)?, &draft, None)?;
                insert_seat(
                    tx,
                    seat.term_id,
                    seats.len() as u32 + 1,
                    &draft,
                    Some(seat_id),
                )?;
            }
            seat_by_id(tx, seat_id)
        })
    }

    /// Removes a seat added by mistake: no attendance, no actions and no
    /// successor. A seat that was used is ended instead.
    pub fn remove_seat(&self, seat_id: Id) -> Result<()> {
        self.write(|tx| {
            let seat = seat_by_id(tx, seat_id)?;
            if !seat.removable {
                return Err(Error::conflict(MessageKey::SeatInUseEnd));
            }
            tx.run(
                "DELETE FROM seat_changes WHERE seat_id = ?1",
                &values![seat_id],
                "removing a seat",
            )?;
            tx.run(
                "DELETE FROM seats WHERE id = ?1",
                &values![seat_id],
                "removing a seat",
            )?;
            Ok(())
        })
    }

    /// Edits a seat; the version before the edit is kept in its history.
    /// `seen` is the revision the form showed (`None`: the CLI).
    pub fn update_seat(&self, seat_id: Id, draft: &SeatDraft, seen: Option<i64>) -> Result<Seat> {
        let draft = draft.normalized()?;
        let now = self.now();
        self.write(|tx| {
            let old = seat_by_id(tx, seat_id)?;
            check_unchanged(tx, "seats", seat_id, seen)?;
            let seats = seats_of(tx, old.term_id)?;
            if seats.iter().any(|s| s.id != seat_id && draft.same_seat(&s.organisation, &s.role)) {
                return Err(Error::conflict(msg!(SeatMember, organisation = &draft.organisation, role = &draft.role)));
            }
            check_one_chair(&seats, &draft, Some(seat_id))?;
            tx.run(
                "INSERT INTO seat_changes (seat_id, changed_at, organisation, role, person, deputy, chair)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &values![old.id, now, &old.organisation, &old.role, old.person.as_deref(), old.deputy.as_deref(), old.chair],
                "keeping seat history",
            )?;
            tx.run(
                "UPDATE seats SET organisation = ?1, role = ?2, person = ?3, deputy = ?4, chair = ?5,
                     seat_type = ?6, region = ?7, email = ?8, deputy_email = ?9 WHERE id = ?10",
                &values![&draft.organisation, &draft.role, draft.person.as_deref(), draft.deputy.as_deref(), draft.chair,
                    draft.seat_type.map(SeatType::code), draft.region.as_deref(), draft.email.as_deref(),
                    draft.deputy_email.as_deref(), seat_id],
                "updating a seat",
            )?;
            seat_by_id(tx, seat_id)
        })
    }

    /// Earlier versions of a seat, oldest first: its edits, and for a seat
    /// carried over from an earlier term, that seat as it ended there and
    /// its own edits before.
    pub fn seat_history(&self, seat_id: Id) -> Result<Vec<SeatChange>> {
        self.read(|tx| {
            let mut seat = seat_by_id(tx, seat_id)?;
            let mut chain = vec![];
            // Follow the carried-over seats back; a term has one predecessor
            // at most, so this ends after as many steps as there are terms.
            while let Some(previous) = seat.previous_seat_id {
                let before = seat_by_id(tx, previous)?;
                chain.push(before.clone());
                seat = before;
                if chain.len() > 99 {
                    break;
                }
            }
            let mut history = Vec::new();
            for earlier in chain.iter().rev() {
                history.extend(changes_of(tx, earlier.id)?);
                let term = super::terms::term_by_id(tx, earlier.term_id)?;
                // The earlier term's version held until that term ended.
                let ended = crate::calendar::amsterdam_to_utc(
                    Field::Date,
                    term.ends_on.and_time(chrono::NaiveTime::MIN),
                )?;
                history.push(SeatChange {
                    seat_id: earlier.id,
                    term_number: term.number,
                    changed_at: ended,
                    before: earlier.draft(),
                });
            }
            history.extend(changes_of(tx, seat_id)?);
            Ok(history)
        })
    }
}

fn changes_of(db: &dyn Executor, seat_id: Id) -> Result<Vec<SeatChange>> {
    let term_number: u32 = db.one(
        "SELECT t.number FROM seats s JOIN terms t ON t.id = s.term_id WHERE s.id = ?1",
        &values![seat_id],
        "reading seat history",
        |r| r.get(0),
    )?;
    db.rows(
        "SELECT seat_id, changed_at, organisation, role, person, deputy, chair
             FROM seat_changes WHERE seat_id = ?1 ORDER BY id",
        &values![seat_id],
        "reading seat history",
        |row| {
            Ok(SeatChange {
                seat_id: row.get(0)?,
                term_number,
                changed_at: row.instant(1)?,
                before: SeatDraft {
                    organisation: row.get(2)?,
                    role: row.get(3)?,
                    person: row.get(4)?,
                    deputy: row.get(5)?,
                    chair: row.get(6)?,
                    ..Default::default()
                },
            })
        },
    )
}

/// Adds the seats not yet present (same organisation and role); the import
/// is all-or-nothing because it runs inside the caller's transaction.
fn import_into(db: &dyn Executor, term_id: Id, drafts: &[SeatDraft]) -> Result<ImportOutcome> {
    let mut seats = seats_of(db, term_id)?;
    let mut outcome = ImportOutcome::default();
    for draft in drafts {
        if seats
            .iter()
            .any(|s| draft.same_seat(&s.organisation, &s.role))
        {
            outcome.already_present += 1;
            continue;
        }
        check_one_chair(&seats, draft, None)?;
        let seat = insert_seat(db, term_id, seats.len() as u32 + 1, draft, None)?;
        seats.push(seat);
        outcome.added += 1;
    }
    Ok(outcome)
}

pub(crate) fn insert_seat(
    db: &dyn Executor,
    term_id: Id,
    position: u32,
    draft: &SeatDraft,
    previous_seat_id: Option<Id>,
) -> Result<Seat> {
    let id = db.insert(
        "INSERT INTO seats (term_id, position, organisation, role, person, deputy, chair,
             seat_type, region, previous_seat_id, email, deputy_email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         RETURNING id",
        &values![
            term_id,
            position,
            &draft.organisation,
            &draft.role,
            draft.person.as_deref(),
            draft.deputy.as_deref(),
            draft.chair,
            draft.seat_type.map(SeatType::code),
            draft.region.as_deref(),
            previous_seat_id,
            draft.email.as_deref(),
            draft.deputy_email.as_deref()
        ],
        "adding a seat",
    )?;
    seat_by_id(db, id)
}

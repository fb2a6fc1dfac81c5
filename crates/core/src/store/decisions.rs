//! Decisions, numbered per term.

use super::meetings::meeting_by_id;
use super::minutes::check_record_open;
use super::revisions::{check_unchanged, revision_of};
use super::sql::{values, Executor, Queries, Row, SqlError};
use super::terms::{term_by_id, term_by_number};
use super::Store;
use crate::calendar::to_amsterdam;
use crate::domain::{decision_code, required, Decision, DecisionAllowed, DecisionLink, Id};
use crate::error::{Error, Result};
use crate::error::{Field, Thing};
use crate::message::MessageKey;
use chrono::{DateTime, Datelike, Utc};

/// A decision's columns, its revision last (see [`super::revisions`]).
const DECISION_COLUMNS: &str = concat!(
    "d.id, d.meeting_id, d.code, d.sequence, d.text,
    d.amends_decision_id, (SELECT a.code FROM decisions a WHERE a.id = d.amends_decision_id),
    EXISTS (SELECT 1 FROM minutes n WHERE n.meeting_id = d.meeting_id AND n.status = 'adopted'), ",
    revision_of!("decisions", "d.id"),
    ", d.agenda_item_id"
);

fn decision_row(row: &Row) -> Result<Decision, SqlError> {
    let adopted: bool = row.get(7)?;
    let amends = match (row.get::<Option<Id>>(5)?, row.get::<Option<String>>(6)?) {
        (Some(id), Some(code)) => Some(DecisionLink { id, code }),
        _ => None,
    };
    Ok(Decision {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        code: row.get(2)?,
        sequence: row.get(3)?,
        text: row.get(4)?,
        amends,
        amended_by: Vec::new(),
        agenda_item_id: row.get(9)?,
        revision: row.get(8)?,
        allowed: DecisionAllowed {
            edit: !adopted,
            remove: !adopted,
            amend: adopted,
        },
    })
}

fn list(db: &dyn Executor, sql_where: &str, id: Id) -> Result<Vec<Decision>> {
    let mut decisions = db.rows(
        &format!(
            "SELECT {DECISION_COLUMNS} FROM decisions d WHERE {sql_where} ORDER BY d.sequence"
        ),
        &values![id],
        "listing decisions",
        decision_row,
    )?;
    for decision in &mut decisions {
        decision.amended_by = amendments_of(db, decision.id)?;
    }
    Ok(decisions)
}

fn amendments_of(db: &dyn Executor, id: Id) -> Result<Vec<DecisionLink>> {
    db.rows(
        "SELECT id, code FROM decisions WHERE amends_decision_id = ?1 ORDER BY sequence",
        &values![id],
        "reading amendments",
        |r| {
            Ok(DecisionLink {
                id: r.get(0)?,
                code: r.get(1)?,
            })
        },
    )
}

pub(crate) fn decision_by_id(db: &dyn Executor, id: Id) -> Result<Decision> {
    let mut decision = db
        .optional(
            &format!("SELECT {DECISION_COLUMNS} FROM decisions d WHERE d.id = ?1"),
            &values![id],
            "reading a decision",
            decision_row,
        )?
        .ok_or_else(|| Error::not_found(Thing::Decision, id))?;
    decision.amended_by = amendments_of(db, id)?;
    Ok(decision)
}

/// Inserts a decision with the next number of the meeting's term.
fn insert(
    db: &dyn Executor,
    meeting_id: Id,
    text: &str,
    amends: Option<Id>,
    now: DateTime<Utc>,
) -> Result<Id> {
    let meeting = meeting_by_id(db, meeting_id)?;
    let term = term_by_id(db, meeting.term_id)?;
    let sequence: u32 = db.one(
        "SELECT coalesce(max(sequence), 0) + 1 FROM decisions WHERE term_id = ?1",
        &values![term.id],
        "numbering a decision",
        |r| r.get(0),
    )?;
    let code = decision_code(
        term.number,
        to_amsterdam(meeting.starts_at).year(),
        sequence,
    );
    db.insert(
        "INSERT INTO decisions (meeting_id, term_id, sequence, code, text, created_at, amends_decision_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         RETURNING id",
        &values![meeting_id, term.id, sequence, code, text, now, amends],
        "recording a decision",
    )
}

/// A decision is corrected only while its meeting's record is open.
fn check_correctable(
    db: &dyn Executor,
    decision: &Decision,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    if !decision.allowed.edit {
        return Err(Error::conflict(MessageKey::DecisionAdoptedAmend));
    }
    check_record_open(db, decision.meeting_id, now)
}

impl Store {
    /// Records a decision; it gets the next number of the meeting's term.
    pub fn add_decision(&self, meeting_id: Id, text: &str) -> Result<Decision> {
        let text = required(Field::Text, text)?;
        let now = self.now();
        self.write(|tx| {
            check_record_open(tx, meeting_id, self.now())?;
            let id = insert(tx, meeting_id, &text, None, now)?;
            decision_by_id(tx, id)
        })
    }

    /// Corrects a decision's text while the minutes of its meeting are
    /// concept; after adoption it changes only by an amending decision.
    /// `seen` is the revision the form showed (`None`: the CLI).
    pub fn edit_decision(&self, id: Id, text: &str, seen: Option<i64>) -> Result<Decision> {
        let text = required(Field::Text, text)?;
        self.write(|tx| {
            let decision = decision_by_id(tx, id)?;
            check_correctable(tx, &decision, self.now())?;
            check_unchanged(tx, "decisions", id, seen)?;
            tx.run(
                "UPDATE decisions SET text = ?1 WHERE id = ?2",
                &values![text, id],
                "correcting a decision",
            )?;
            decision_by_id(tx, id)
        })
    }

    /// Ties a decision to an agenda item of its meeting (or unties it, with
    /// `None`), while the minutes are concept: the minutes then show it
    /// under that item.
    pub fn set_decision_item(&self, id: Id, item: Option<Id>) -> Result<Decision> {
        self.write(|tx| {
            let decision = decision_by_id(tx, id)?;
            check_correctable(tx, &decision, self.now())?;
            if let Some(item) = item {
                super::agenda::check_item_of(tx, item, decision.meeting_id)?;
            }
            tx.run(
                "UPDATE decisions SET agenda_item_id = ?1 WHERE id = ?2",
                &values![item, id],
                "placing a decision under an agenda item",
            )?;
            decision_by_id(tx, id)
        })
    }

    /// Removes a decision recorded by mistake, while the minutes of its
    /// meeting are concept. Its number is not given out again unless it was
    /// the term's last.
    pub fn remove_decision(&self, id: Id) -> Result<()> {
        self.write(|tx| {
            let decision = decision_by_id(tx, id)?;
            check_correctable(tx, &decision, self.now())?;
            if !decision.amended_by.is_empty() {
                return Err(Error::conflict(MessageKey::DecisionAmended));
            }
            tx.run(
                "DELETE FROM decisions WHERE id = ?1",
                &values![id],
                "removing a decision",
            )?;
            Ok(())
        })
    }

    /// Changes an adopted decision by a new one, taken at `meeting_id` (a
    /// later meeting whose record is open), linked both ways.
    pub fn amend_decision(&self, id: Id, meeting_id: Id, text: &str) -> Result<Decision> {
        let text = required(Field::Text, text)?;
        let now = self.now();
        self.write(|tx| {
            let amended = decision_by_id(tx, id)?;
            if !amended.allowed.amend {
                return Err(Error::conflict(MessageKey::DecisionAmendOnlyAdopted));
            }
            check_record_open(tx, meeting_id, self.now())?;
            let at = meeting_by_id(tx, meeting_id)?;
            if at.starts_at <= meeting_by_id(tx, amended.meeting_id)?.starts_at {
                return Err(Error::validation(
                    Field::AtMeeting,
                    MessageKey::DecisionAmendAtLater,
                ));
            }
            let new = insert(tx, meeting_id, &text, Some(id), now)?;
            decision_by_id(tx, new)
        })
    }

    pub fn decision(&self, id: Id) -> Result<Decision> {
        self.read(|tx| decision_by_id(tx, id))
    }

    pub fn decisions_of_meeting(&self, meeting_id: Id) -> Result<Vec<Decision>> {
        self.read(|tx| {
            meeting_by_id(tx, meeting_id)?;
            list(tx, "d.meeting_id = ?1", meeting_id)
        })
    }

    pub fn decisions_of_term(&self, term_number: u32) -> Result<Vec<Decision>> {
        self.read(|tx| {
            let term = term_by_number(tx, term_number)?;
            list(tx, "d.term_id = ?1", term.id)
        })
    }
}

//! Decisions, numbered per term.

use super::meetings::meeting_by_id;
use super::minutes::check_record_open;
use super::terms::{term_by_id, term_by_number};
use super::ConnExt;
use super::Store;
use crate::calendar::{format_instant, to_amsterdam};
use crate::domain::{decision_code, required, Decision, Id};
use crate::error::Field;
use crate::error::{Result, StorageContext};
use chrono::Datelike;
use rusqlite::{params, Connection, Row};

const DECISION_COLUMNS: &str = "d.id, d.meeting_id, d.code, d.sequence, d.text";

fn decision_row(row: &Row<'_>) -> rusqlite::Result<Decision> {
    Ok(Decision {
        id: row.get(0)?,
        meeting_id: row.get(1)?,
        code: row.get(2)?,
        sequence: row.get(3)?,
        text: row.get(4)?,
    })
}

fn list(tx: &Connection, sql_where: &str, id: Id) -> Result<Vec<Decision>> {
    tx.rows(
        &format!(
            "SELECT {DECISION_COLUMNS} FROM decisions d WHERE {sql_where} ORDER BY d.sequence"
        ),
        [id],
        "listing decisions",
        decision_row,
    )
}

impl Store {
    /// Records a decision; it gets the next number of the meeting's term.
    pub fn add_decision(&self, meeting_id: Id, text: &str) -> Result<Decision> {
        let text = required(Field::Text, text)?;
        let now = format_instant(self.now());
        self.write(|tx| {
            check_record_open(tx, meeting_id, self.now())?;
            let meeting = meeting_by_id(tx, meeting_id)?;
            let term = term_by_id(tx, meeting.term_id)?;
            let sequence: u32 = tx
                .query_row(
                    "SELECT coalesce(max(sequence), 0) + 1 FROM decisions WHERE term_id = ?1",
                    [term.id],
                    |r| r.get(0),
                )
                .context("numbering a decision")?;
            let code = decision_code(
                term.number,
                to_amsterdam(meeting.starts_at).year(),
                sequence,
            );
            tx.execute(
                "INSERT INTO decisions (meeting_id, term_id, sequence, code, text, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![meeting_id, term.id, sequence, code, text, now],
            )
            .context("recording a decision")?;
            let id = tx.last_insert_rowid();
            Ok(Decision {
                id,
                meeting_id,
                code,
                sequence,
                text,
            })
        })
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

//! Terms (*termijnen*).

use super::{day_column, Store};
use crate::calendar::format_date;
use crate::domain::{Id, NewTerm, Term};
use crate::error::{Error, Result, StorageContext};
use rusqlite::{params, OptionalExtension, Row};

const TERM_COLUMNS: &str = "id, number, starts_on, ends_on, goals";

fn term_row(row: &Row<'_>) -> rusqlite::Result<Term> {
    Ok(Term {
        id: row.get(0)?,
        number: row.get(1)?,
        starts_on: day_column(row, 2)?,
        ends_on: day_column(row, 3)?,
        goals: row.get(4)?,
    })
}

pub(crate) fn term_by_number(tx: &rusqlite::Connection, number: u32) -> Result<Term> {
    tx.query_row(
        &format!("SELECT {TERM_COLUMNS} FROM terms WHERE number = ?1"),
        [number],
        term_row,
    )
    .optional()
    .context("reading a term")?
    .ok_or_else(|| Error::not_found("termijn", number))
}

pub(crate) fn term_by_id(tx: &rusqlite::Connection, id: Id) -> Result<Term> {
    tx.query_row(
        &format!("SELECT {TERM_COLUMNS} FROM terms WHERE id = ?1"),
        [id],
        term_row,
    )
    .optional()
    .context("reading a term")?
    .ok_or_else(|| Error::not_found("termijn", id))
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

    /// The term that contains today, else the latest one.
    pub fn current_term(&self) -> Result<Option<Term>> {
        let today = self.today();
        let terms = self.terms()?;
        Ok(terms
            .iter()
            .find(|t| t.contains(today))
            .or_else(|| terms.last())
            .cloned())
    }

    pub fn set_term_goals(&self, number: u32, goals: &str) -> Result<Term> {
        self.write(|tx| {
            let term = term_by_number(tx, number)?;
            tx.execute(
                "UPDATE terms SET goals = ?1 WHERE id = ?2",
                params![goals.trim(), term.id],
            )
            .context("updating a term")?;
            term_by_number(tx, number)
        })
    }
}

fn all_terms(tx: &rusqlite::Connection) -> Result<Vec<Term>> {
    let mut stmt = tx
        .prepare_cached(&format!(
            "SELECT {TERM_COLUMNS} FROM terms ORDER BY starts_on"
        ))
        .context("listing terms")?;
    let rows = stmt.query_map([], term_row).context("listing terms")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing terms")
}

pub(crate) fn insert_term(tx: &rusqlite::Connection, term: &NewTerm) -> Result<Term> {
    term.validate()?;
    let existing = all_terms(tx)?;
    if existing.iter().any(|t| t.number == term.number) {
        return Err(Error::Conflict(format!(
            "termijn {} bestaat al",
            term.number
        )));
    }
    if let Some(other) = existing.iter().find(|t| term.overlaps(t)) {
        return Err(Error::validation(
            "start",
            format!("deze periode overlapt met termijn {}", other.number),
        ));
    }
    tx.execute(
        "INSERT INTO terms (number, starts_on, ends_on, goals) VALUES (?1, ?2, ?3, ?4)",
        params![
            term.number,
            format_date(term.starts_on),
            format_date(term.ends_on),
            term.goals.trim()
        ],
    )
    .context("adding a term")?;
    term_by_number(tx, term.number)
}

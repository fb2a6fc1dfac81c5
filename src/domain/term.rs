//! A term (*termijn*): the period a decree sets the task force up for.

use super::{required, Id};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Term {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub number: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub goals: String,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewTerm {
    pub number: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub goals: String,
}

impl NewTerm {
    pub fn validate(&self) -> Result<()> {
        if self.number == 0 || self.number > 99 {
            return Err(Error::validation(
                "number",
                "het termijnnummer moet tussen 1 en 99 liggen",
            ));
        }
        if self.ends_on <= self.starts_on {
            return Err(Error::validation(
                "end",
                "de einddatum moet na de begindatum liggen",
            ));
        }
        if !self.goals.is_empty() {
            required("goals", "de doelen", &self.goals)?;
        }
        Ok(())
    }

    pub fn overlaps(&self, other: &Term) -> bool {
        self.starts_on < other.ends_on && other.starts_on < self.ends_on
    }
}

impl Term {
    /// Whether a date falls inside the term, both ends included: the decree
    /// says "tot 1 maart 2023", and a meeting on that day still belongs to it.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.starts_on <= date && date <= self.ends_on
    }

    /// The code decisions of this term start with: `TF5`.
    pub fn decision_prefix(&self) -> String {
        format!("TF{}", self.number)
    }
}

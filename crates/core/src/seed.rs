//! What a new installation starts with: the 5th term of the Task Force Aanpak
//! Mensenhandel and its 21 member seats as the decree lists them.

use crate::domain::{ImportOutcome, NewTerm, Term};
use crate::error::Result;
use crate::import::{parse_members, MemberFormat};
use crate::Store;
use chrono::NaiveDate;

/// The member list as published under "Leden van de Task Force".
pub const TERM5_MEMBERS: &str = include_str!("../../../data/members-term5.txt");

/// Goals of the 5th term, as the announcement of the decree describes them.
pub const TERM5_GOALS: &str = "Bijdragen aan het tegengaan en voorkomen van alle vormen van uitbuiting; \
partners die een bijdrage kunnen leveren committeren en met elkaar verbinden; \
elke bijeenkomst één centraal onderwerp (casus of fenomeen), met externe partners naar gelang het onderwerp.";

pub fn term5() -> NewTerm {
    NewTerm {
        number: 5,
        // The 5th term started when the 4th ended and ran to 1 March 2023.
        starts_on: NaiveDate::from_ymd_opt(2020, 3, 1).unwrap_or_default(),
        ends_on: NaiveDate::from_ymd_opt(2023, 3, 1).unwrap_or_default(),
        goals: TERM5_GOALS.to_string(),
    }
}

/// Creates term 5 with its members; running it again adds nothing.
pub fn start_with_term5(store: &Store) -> Result<(Term, ImportOutcome)> {
    let seats = parse_members(TERM5_MEMBERS, MemberFormat::DecreeText)?;
    store.add_term_with_seats(&term5(), &seats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FixedClock;
    use std::sync::Arc;

    #[test]
    fn starting_twice_gives_one_term_with_21_seats() {
        let clock = Arc::new(FixedClock::new(chrono::Utc::now()));
        let store = Store::open_in_memory(clock).unwrap();
        let (term, first) = start_with_term5(&store).unwrap();
        assert_eq!((term.number, first.added), (5, 21));
        let (_, second) = start_with_term5(&store).unwrap();
        assert_eq!((second.added, second.already_present), (0, 21));
        assert_eq!(store.terms().unwrap().len(), 1);
    }
}

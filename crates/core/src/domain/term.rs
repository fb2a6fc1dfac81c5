//! A term (*termijn*): the period a decree sets the task force up for, and
//! its life — started by a decree (*instellingsbesluit*), perhaps extended
//! (*verlengingsbesluit*), ended, and followed by the next term.

use super::{optional_text, required, Id, SeatDraft};
use crate::calendar;
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use crate::msg;
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::Serialize;

/// A term lasts three years by decree ("voor een periode van drie jaar").
pub const TERM_MONTHS: u32 = 36;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Term {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub number: u32,
    pub starts_on: NaiveDate,
    /// The end in force: after an extension, the extended end.
    pub ends_on: NaiveDate,
    pub goals: String,
    pub decree: Decree,
    /// Its revision, sent back with the goals, the decree or a correction
    /// so a save over a colleague's change is refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

/// Where a decree was published, as data: its date, its reference (the
/// Staatscourant number) and a link to the publication. The file itself is
/// an attached document of kind `decree` or `extension_decree`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Decree {
    pub date: Option<NaiveDate>,
    pub reference: Option<String>,
    pub url: Option<String>,
}

/// A decree as a form fills it in; dates as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DecreeForm {
    pub date: Option<String>,
    pub reference: Option<String>,
    pub url: Option<String>,
}

impl DecreeForm {
    pub fn parse(&self) -> Result<Decree> {
        let date = optional_text(self.date.as_deref())
            .map(|d| calendar::parse_date(Field::DecreeDate, &d))
            .transpose()?;
        let reference = optional_text(self.reference.as_deref())
            .map(|r| required(Field::DecreeReference, &r))
            .transpose()?;
        let url = optional_text(self.url.as_deref())
            .map(|u| check_url(&u))
            .transpose()?;
        Ok(Decree {
            date,
            reference,
            url,
        })
    }
}

/// Only a web address is kept as a link: the app opens it in the browser,
/// so anything else (a `javascript:` or `file:` link) is refused here.
fn check_url(url: &str) -> Result<String> {
    let lower = url.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(char::is_whitespace)
        && url.len() > 10
        && url.len() <= 500
    {
        Ok(url.to_string())
    } else {
        Err(Error::validation(
            Field::DecreeUrl,
            msg!(UrlInvalid, url = url),
        ))
    }
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
                Field::Number,
                MessageKey::TermNumberRange,
            ));
        }
        if self.ends_on <= self.starts_on {
            return Err(Error::validation(Field::End, MessageKey::DateEndAfterStart));
        }
        if !self.goals.is_empty() {
            required(Field::Goals, &self.goals)?;
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

    /// Refuses a day outside the term, naming the term's period; `field`
    /// is the input the day came from.
    pub fn check_contains(&self, field: Field, day: NaiveDate) -> Result<()> {
        if self.contains(day) {
            return Ok(());
        }
        Err(Error::validation(
            field,
            msg!(
                TermDateOutside,
                term = self.number,
                from = self.starts_on,
                to = self.ends_on
            ),
        ))
    }

    /// The code decisions of this term start with: `TF5`.
    pub fn decision_prefix(&self) -> String {
        format!("TF{}", self.number)
    }

    /// Share of the term's days that have passed on `today`, 0–100.
    pub fn elapsed_percent(&self, today: NaiveDate) -> u32 {
        let total = (self.ends_on - self.starts_on).num_days().max(1);
        let passed = (today - self.starts_on).num_days().clamp(0, total);
        (passed * 100 / total) as u32
    }

    pub fn phase(&self, today: NaiveDate) -> TermPhase {
        if today < self.starts_on {
            TermPhase::Upcoming
        } else if today <= self.ends_on {
            TermPhase::Current
        } else {
            TermPhase::Ended
        }
    }
}

/// Where a term stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TermPhase {
    Upcoming,
    Current,
    Ended,
}

impl TermPhase {
    pub const ALL: &'static [TermPhase] =
        &[TermPhase::Upcoming, TermPhase::Current, TermPhase::Ended];

    /// The code it is sent as (its name in the dictionaries is
    /// `term_phase.<code>`).
    pub fn code(self) -> &'static str {
        match self {
            TermPhase::Upcoming => "upcoming",
            TermPhase::Current => "current",
            TermPhase::Ended => "ended",
        }
    }
}

/// One extension of a term: the end before and after, and its decree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermExtension {
    pub previous_ends_on: NaiveDate,
    pub new_ends_on: NaiveDate,
    pub decree: Decree,
    pub recorded_at: DateTime<Utc>,
    /// The end moved earlier (*ingekort*), not later (*verlengd*).
    pub shortened: bool,
}

/// Which way a decree moves a term's end: *verlengen* only later,
/// *inkorten* only earlier — two operations, never one called the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndMove {
    Extend,
    Shorten,
}

/// What the screens may offer for a term: decided here, not in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermAllowed {
    /// New meetings can be planned: the term has not ended.
    pub plan_meetings: bool,
    /// The end date can be moved later by a (new) decree.
    pub extend: bool,
    /// The end date can be moved earlier by a decree (*inkorten*).
    pub shorten: bool,
    /// Number and dates can be corrected: the term holds no meetings yet.
    pub correct: bool,
    /// This is the latest term, so the next one can be started from it.
    pub start_next: bool,
}

/// A term as its screen shows it: where it stands today, its extensions and
/// what can be done with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermView {
    pub term: Term,
    pub phase: TermPhase,
    /// The end the first decree set, before any extension.
    pub original_ends_on: NaiveDate,
    pub extensions: Vec<TermExtension>,
    pub allowed: TermAllowed,
    /// The first working day from tomorrow (or the term's start) inside the
    /// term with no meeting yet; `None` when there is none left.
    pub next_free_date: Option<NaiveDate>,
    /// Share of the term's days that have passed, 0–100.
    pub elapsed_percent: u32,
}

impl TermView {
    pub fn new(
        term: Term,
        extensions: Vec<TermExtension>,
        is_latest: bool,
        meetings: u32,
        today: NaiveDate,
        next_free_date: Option<NaiveDate>,
    ) -> TermView {
        let phase = term.phase(today);
        let original_ends_on = extensions
            .first()
            .map_or(term.ends_on, |e| e.previous_ends_on);
        TermView {
            phase,
            original_ends_on,
            extensions,
            allowed: TermAllowed {
                plan_meetings: phase != TermPhase::Ended,
                extend: true,
                shorten: term.ends_on > term.starts_on + chrono::Duration::days(1),
                correct: meetings == 0,
                start_next: is_latest,
            },
            next_free_date,
            elapsed_percent: term.elapsed_percent(today),
            term,
        }
    }
}

/// Checks a new end date against the term itself and the way it moves; the
/// meetings and the next term are checked by the store, which knows them.
pub fn check_new_end(term: &Term, new_end: NaiveDate, way: EndMove) -> Result<()> {
    if new_end <= term.starts_on {
        return Err(Error::validation(
            Field::EndsOn,
            msg!(TermEndAfterStart, term = term.number, date = term.starts_on),
        ));
    }
    if new_end == term.ends_on {
        return Err(Error::validation(
            Field::EndsOn,
            MessageKey::TermEndUnchanged,
        ));
    }
    match way {
        EndMove::Extend if new_end < term.ends_on => Err(Error::validation(
            Field::EndsOn,
            msg!(TermExtendOnlyLater, term = term.number, date = term.ends_on),
        )),
        EndMove::Shorten if new_end > term.ends_on => Err(Error::validation(
            Field::EndsOn,
            msg!(
                TermShortenOnlyEarlier,
                term = term.number,
                date = term.ends_on
            ),
        )),
        _ => Ok(()),
    }
}

/// A seat of the new term: kept or changed from a seat of the previous term
/// (`from_seat`), or new. Seats of the previous term not listed are left out.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatCarry {
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub from_seat: Option<Id>,
    pub draft: SeatDraft,
}

/// What the app proposes when a term is started: the next number, the
/// period, and the seats to start from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermProposal {
    pub number: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The term whose seats are offered, when there is one.
    pub previous_number: Option<u32>,
    pub goals: String,
    pub seats: Vec<SeatCarry>,
    /// Terms that lie between the last recorded one and the proposed one
    /// (already over): recorded with their dates and decree, or skipped
    /// knowingly ([`TermStart::skip_between`]).
    pub between: Vec<TermPeriod>,
}

/// A term's number and period, as the decree's counting gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermPeriod {
    pub number: u32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

/// The number and period to propose for a new term, following `last` (or,
/// with no term stored yet, the 5th term of the decree).
///
/// The next term starts the day the previous one ends and lasts three
/// years. When that period is already over — the app is started years after
/// the last recorded term — the proposal moves on in three-year steps until
/// it covers today, so the secretariat is never offered a term in which
/// nothing can be planned. Number and dates stay editable.
pub fn propose_period(last: (u32, NaiveDate), today: NaiveDate) -> (TermPeriod, Vec<TermPeriod>) {
    let (mut number, mut start) = last;
    let mut between = Vec::new();
    loop {
        number += 1;
        let end = add_term_length(start);
        let period = TermPeriod {
            number: number.min(99),
            starts_on: start,
            ends_on: end,
        };
        // Each three-year step is a term of its own, recorded or not: the
        // first start and the next start count alike.
        if end >= today || between.len() >= 40 {
            return (period, between);
        }
        between.push(period);
        start = end;
    }
}

fn add_term_length(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(TERM_MONTHS))
        .unwrap_or(start)
}

/// A new term as the start form fills it in: dates as typed, the decree, and
/// the seats chosen from the previous term's or a list.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TermStart {
    pub number: u32,
    pub starts_on: String,
    pub ends_on: String,
    pub goals: String,
    pub decree: DecreeForm,
    pub seats: Vec<SeatCarry>,
    /// The user saw the terms between the last recorded one and this one
    /// and chose not to record them.
    #[serde(default)]
    pub skip_between: bool,
}

impl TermStart {
    pub fn parse(&self) -> Result<(NewTerm, Decree)> {
        let term = NewTerm {
            number: self.number,
            starts_on: calendar::parse_date(Field::Start, &self.starts_on)?,
            ends_on: calendar::parse_date(Field::End, &self.ends_on)?,
            goals: self.goals.trim().to_string(),
        };
        term.validate()?;
        Ok((term, self.decree.parse()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn next_term_follows_the_last_when_that_is_still_running() {
        let (period, between) = propose_period((5, d("2023-03-01")), d("2022-11-01"));
        assert_eq!(
            (period.number, period.starts_on, period.ends_on),
            (6, d("2023-03-01"), d("2026-03-01"))
        );
        assert!(between.is_empty());
    }

    #[test]
    fn each_phase_is_sent_as_its_code() {
        for phase in TermPhase::ALL {
            assert_eq!(serde_json::to_value(phase).unwrap(), phase.code());
        }
    }

    #[test]
    fn one_numbering_counts_every_three_years_as_a_term() {
        // Term 5 ended in 2023; on 6 December 2026 the term covering today
        // is the 7th, and the 6th (2023–2026) lies between, unrecorded.
        let (period, between) = propose_period((5, d("2023-03-01")), d("2026-12-06"));
        assert_eq!(
            (period.number, period.starts_on, period.ends_on),
            (7, d("2026-03-01"), d("2029-03-01"))
        );
        assert_eq!(
            between,
            [TermPeriod {
                number: 6,
                starts_on: d("2023-03-01"),
                ends_on: d("2026-03-01")
            }]
        );
    }

    #[test]
    fn phases_include_both_ends() {
        let term = Term {
            id: 1,
            number: 5,
            starts_on: d("2020-03-01"),
            ends_on: d("2023-03-01"),
            goals: String::new(),
            decree: Decree::default(),
            revision: 0,
        };
        assert_eq!(term.phase(d("2020-02-29")), TermPhase::Upcoming);
        assert_eq!(term.phase(d("2023-03-01")), TermPhase::Current);
        assert_eq!(term.phase(d("2023-03-02")), TermPhase::Ended);
    }

    #[test]
    fn only_web_links_are_kept() {
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "www.example.nl",
            "https://a b.nl",
        ] {
            let form = DecreeForm {
                url: Some(bad.into()),
                ..Default::default()
            };
            assert_eq!(
                form.parse().unwrap_err().field(),
                Some("decree_url"),
                "{bad}"
            );
        }
    }
}

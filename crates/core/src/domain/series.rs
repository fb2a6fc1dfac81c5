//! A meeting series (*vergaderreeks*): a term's meetings planned at once in a
//! rhythm — every N weeks from a first date — with the dates that fall on a
//! public holiday or in the summer break moved or flagged. The preview the
//! user sees is exactly what is saved: both come from [`series_dates`].

use super::{holiday_on, is_working_day, optional_text, Holiday, Term};
use crate::calendar;
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::MessageKey;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use serde::Serialize;

/// The series form as typed.
#[derive(Debug, Clone, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeriesForm {
    pub term_number: u32,
    pub first_date: String,
    pub every_weeks: u32,
    pub count: u32,
    pub start_time: String,
    pub end_time: String,
    pub location: String,
    /// The summer break, both days included; both empty for none.
    pub break_from: Option<String>,
    pub break_to: Option<String>,
    /// Move a date off a holiday or out of the break (else: keep it, flagged).
    pub move_off_holidays: bool,
}

/// The form, checked and parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPlan {
    pub first: NaiveDate,
    pub every_weeks: u32,
    pub count: u32,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub location: String,
    pub summer_break: Option<(NaiveDate, NaiveDate)>,
    pub move_off_holidays: bool,
}

impl SeriesForm {
    pub fn parse(&self) -> Result<SeriesPlan> {
        let first = calendar::parse_date(Field::FirstDate, &self.first_date)?;
        if !(1..=26).contains(&self.every_weeks) {
            return Err(Error::validation(
                Field::EveryWeeks,
                MessageKey::SeriesRhythm,
            ));
        }
        if !(1..=40).contains(&self.count) {
            return Err(Error::validation(Field::Count, MessageKey::SeriesCount));
        }
        let start = calendar::parse_time(Field::StartTime, &self.start_time)?;
        let end = calendar::parse_time(Field::EndTime, &self.end_time)?;
        if end <= start {
            return Err(Error::validation(
                Field::EndTime,
                MessageKey::TimeEndAfterStart,
            ));
        }
        let from = optional_text(self.break_from.as_deref())
            .map(|d| calendar::parse_date(Field::BreakFrom, &d))
            .transpose()?;
        let to = optional_text(self.break_to.as_deref())
            .map(|d| calendar::parse_date(Field::BreakTo, &d))
            .transpose()?;
        let summer_break = match (from, to) {
            (None, None) => None,
            (Some(from), Some(to)) if from <= to && (to - from).num_days() <= 92 => {
                Some((from, to))
            }
            (Some(_), Some(_)) => {
                return Err(Error::validation(
                    Field::BreakTo,
                    MessageKey::SeriesBreakRange,
                ))
            }
            (Some(_), None) => {
                return Err(Error::validation(
                    Field::BreakTo,
                    MessageKey::SeriesBreakEndMissing,
                ))
            }
            (None, Some(_)) => {
                return Err(Error::validation(
                    Field::BreakFrom,
                    MessageKey::SeriesBreakStartMissing,
                ))
            }
        };
        Ok(SeriesPlan {
            first,
            every_weeks: self.every_weeks,
            count: self.count,
            start,
            end,
            location: self.location.trim().to_string(),
            summer_break,
            move_off_holidays: self.move_off_holidays,
        })
    }
}

/// One meeting of the series as it will be saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeriesDate {
    /// The day the meeting is planned on.
    pub date: NaiveDate,
    /// The day the rhythm gave; differs from `date` when it was moved.
    pub rhythm_date: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The holiday on the rhythm's day (moved) or on the kept day (flagged).
    pub holiday: Option<Holiday>,
    /// The rhythm's day lies in the summer break.
    pub in_break: bool,
    pub moved: bool,
    /// Kept on a holiday, in the break, or on a day with another meeting:
    /// saved as it is, but the user should look at it.
    pub flagged: bool,
    /// Another meeting of the term is already on that day.
    pub clashes: bool,
}

/// Why a date of the rhythm is not in the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LeftOutReason {
    /// After the term's end.
    BeyondTerm,
    /// Moved onto a day the series already has.
    SameDay,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LeftOut {
    pub rhythm_date: NaiveDate,
    pub reason: LeftOutReason,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeriesPreview {
    pub dates: Vec<SeriesDate>,
    pub left_out: Vec<LeftOut>,
}

fn in_break(plan: &SeriesPlan, day: NaiveDate) -> bool {
    plan.summer_break
        .is_some_and(|(from, to)| from <= day && day <= to)
}

/// The first day on or after `day` that is a working day outside the break;
/// a day in the break goes to the same weekday after it, so the meeting
/// keeps its usual weekday where it can.
fn moved_day(plan: &SeriesPlan, day: NaiveDate) -> NaiveDate {
    let mut day = day;
    if let Some((_, to)) = plan.summer_break.filter(|_| in_break(plan, day)) {
        let weekday = day.weekday();
        day = to + Duration::days(1);
        while day.weekday() != weekday {
            day += Duration::days(1);
        }
    }
    // Holidays never come more than four days in a row.
    for _ in 0..14 {
        if is_working_day(day) && !in_break(plan, day) {
            break;
        }
        day += Duration::days(1);
    }
    day
}

/// Lays out the series inside the term. `taken` are the days that already
/// have a (not cancelled) meeting of the term.
pub fn series_dates(plan: &SeriesPlan, term: &Term, taken: &[NaiveDate]) -> Result<SeriesPreview> {
    term.check_contains(Field::FirstDate, plan.first)?;
    let mut dates: Vec<SeriesDate> = Vec::new();
    let mut left_out = Vec::new();
    for index in 0..plan.count {
        let rhythm_date = plan.first + Duration::weeks(i64::from(plan.every_weeks * index));
        if rhythm_date > term.ends_on {
            left_out.push(LeftOut {
                rhythm_date,
                reason: LeftOutReason::BeyondTerm,
            });
            continue;
        }
        let breaks = in_break(plan, rhythm_date);
        let off_day = !is_working_day(rhythm_date);
        let date = if plan.move_off_holidays && (breaks || off_day) {
            moved_day(plan, rhythm_date)
        } else {
            rhythm_date
        };
        if date > term.ends_on {
            left_out.push(LeftOut {
                rhythm_date,
                reason: LeftOutReason::BeyondTerm,
            });
            continue;
        }
        if dates.iter().any(|d| d.date == date) {
            left_out.push(LeftOut {
                rhythm_date,
                reason: LeftOutReason::SameDay,
            });
            continue;
        }
        let clashes = taken.contains(&date);
        let moved = date != rhythm_date;
        let holiday = if moved {
            holiday_on(rhythm_date)
        } else {
            holiday_on(date)
        };
        let starts_at = calendar::amsterdam_to_utc(Field::StartTime, date.and_time(plan.start))?;
        let ends_at = calendar::amsterdam_to_utc(Field::EndTime, date.and_time(plan.end))?;
        dates.push(SeriesDate {
            date,
            rhythm_date,
            starts_at,
            ends_at,
            holiday,
            in_break: breaks,
            moved,
            flagged: !moved && (off_day || breaks) || clashes,
            clashes,
        });
    }
    Ok(SeriesPreview { dates, left_out })
}

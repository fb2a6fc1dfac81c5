//! Dates and times as the secretariat reads and writes them.
//!
//! Stored: instants in UTC (RFC 3339), dates as `YYYY-MM-DD`. Shown: the
//! Europe/Amsterdam wall clock, in Dutch (`dinsdag 14 maart 2023, 14.00 uur`).
//! Input: `YYYY-MM-DD`, `DD-MM-YYYY` (Dutch) or `DD/MM/YYYY` (British
//! English), times `HH:MM` or `HH.MM` — whatever the operating system's
//! locale, so a form reads the same on every machine.

use crate::error::{Error, Field, Result};
use crate::msg;
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;

/// Parses a calendar date; `field` names the input in the error.
pub fn parse_date(field: Field, input: &str) -> Result<NaiveDate> {
    let input = input.trim();
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|format| {
            NaiveDate::parse_from_str(input, format)
                .ok()
                // A two-digit year ("14-03-23") would mean the year 23.
                .filter(|d| d.year() >= 1900)
        })
        .ok_or_else(|| Error::validation(field, msg!(DateInvalid, input = input)))
}

/// Parses a wall-clock time of day (`14:00` or `14.00`).
pub fn parse_time(field: Field, input: &str) -> Result<NaiveTime> {
    let input = input.trim();
    NaiveTime::parse_from_str(input, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(input, "%H.%M"))
        .map_err(|_| Error::validation(field, msg!(TimeInvalid, input = input)))
}

/// Parses `YYYY-MM-DD HH:MM` (or with a `T`) as Amsterdam wall-clock time.
pub fn parse_local_datetime(field: Field, input: &str) -> Result<DateTime<Utc>> {
    let trimmed = input.trim();
    let (date, time) = trimmed
        .split_once(['T', ' '])
        .ok_or_else(|| Error::validation(field, msg!(MomentInvalid, input = trimmed)))?;
    let date = parse_date(field, date)?;
    let time = parse_time(field, time)?;
    amsterdam_to_utc(field, date.and_time(time))
}

/// Converts Amsterdam wall-clock time to UTC. In the autumn overlap the first
/// (summer-time) instant is meant; a time in the spring-forward gap does not
/// exist and is refused rather than silently shifted.
pub fn amsterdam_to_utc(field: Field, local: NaiveDateTime) -> Result<DateTime<Utc>> {
    match Amsterdam.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Error::validation(
            field,
            msg!(
                MomentDstGap,
                moment = local.format("%Y-%m-%d %H:%M").to_string()
            ),
        )),
    }
}

pub fn to_amsterdam(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&Amsterdam).naive_local()
}

/// `dinsdag 14 maart 2023`
pub fn dutch_date(date: NaiveDate) -> String {
    date.format_localized("%A %-d %B %Y", chrono::Locale::nl_NL)
        .to_string()
}

/// `Tuesday, 14 March 2023`, for the English terminal — as the window's
/// British English writes it.
pub fn english_date(date: NaiveDate) -> String {
    date.format("%A, %-d %B %Y").to_string()
}

/// `14 maart 2023`, for periods where the weekday is noise.
pub fn dutch_day_month_year(date: NaiveDate) -> String {
    date.format_localized("%-d %B %Y", chrono::Locale::nl_NL)
        .to_string()
}

/// `14-03-2023`, for tables and lists.
pub fn dutch_numeric_date(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// `dinsdag 14 maart 2023, 14.00 uur` in Amsterdam time.
pub fn dutch_datetime(instant: DateTime<Utc>) -> String {
    let local = to_amsterdam(instant);
    format!(
        "{}, {} uur",
        dutch_date(local.date()),
        local.format("%H.%M")
    )
}

pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub fn format_instant(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_date_reads_as_a_dutch_secretariat_writes_it() {
        let date = NaiveDate::from_ymd_opt(2023, 3, 14).unwrap();
        assert_eq!(dutch_date(date), "dinsdag 14 maart 2023");
    }

    #[test]
    fn local_time_is_amsterdam_and_stored_in_utc() {
        // 14:00 in March (CET, UTC+1) is 13:00 UTC; in May (CEST) 12:00 UTC.
        let winter = parse_local_datetime(Field::Start, "2023-03-14 14:00").unwrap();
        assert_eq!(format_instant(winter), "2023-03-14T13:00:00Z");
        let summer = parse_local_datetime(Field::Start, "2021-05-12T14.00").unwrap();
        assert_eq!(format_instant(summer), "2021-05-12T12:00:00Z");
        assert_eq!(dutch_datetime(summer), "woensdag 12 mei 2021, 14.00 uur");
    }

    #[test]
    fn spring_forward_gap_is_refused_not_shifted() {
        let err = parse_local_datetime(Field::Start, "2023-03-26 02:30").unwrap_err();
        assert_eq!(err.field(), Some("start"));
        assert!(err.to_string().contains("bestaat niet"), "{err}");
    }

    #[test]
    fn invalid_dates_name_the_field_and_the_format() {
        for bad in ["2023-02-30", "14 maart", "", "2023-13-01"] {
            let err = parse_date(Field::End, bad).unwrap_err();
            assert_eq!(err.field(), Some("end"), "{bad}");
            assert!(err.to_string().contains("JJJJ-MM-DD"), "{err}");
        }
        for dutch_or_english in [
            "14-03-2023",
            "14/03/2023",
            "2023-03-14",
            "14-3-2023",
            " 14/3/2023 ",
        ] {
            assert_eq!(
                parse_date(Field::Date, dutch_or_english).unwrap(),
                NaiveDate::from_ymd_opt(2023, 3, 14).unwrap(),
                "{dutch_or_english}"
            );
        }
        assert!(
            parse_date(Field::Date, "14-03-23").is_err(),
            "a two-digit year is refused"
        );
        assert_eq!(
            parse_date(Field::Date, "14-03-2023").unwrap(),
            NaiveDate::from_ymd_opt(2023, 3, 14).unwrap()
        );
    }
}

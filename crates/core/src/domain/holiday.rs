//! Dutch public holidays (*feestdagen*), computed rather than listed, so a
//! series planned years ahead still avoids them.
//!
//! The set is the one the Rijksoverheid publishes for employers: New Year,
//! Good Friday, Easter, Ascension Day, Whitsun, King's Day, Liberation Day
//! (every year, not only the lustrum years) and Christmas. King's Day falls
//! on 26 April when 27 April is a Sunday.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    NewYear,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    KingsDay,
    LiberationDay,
    AscensionDay,
    WhitSunday,
    WhitMonday,
    ChristmasDay,
    BoxingDay,
}

impl Holiday {
    pub const ALL: &'static [Holiday] = &[
        Holiday::NewYear,
        Holiday::GoodFriday,
        Holiday::EasterSunday,
        Holiday::EasterMonday,
        Holiday::KingsDay,
        Holiday::LiberationDay,
        Holiday::AscensionDay,
        Holiday::WhitSunday,
        Holiday::WhitMonday,
        Holiday::ChristmasDay,
        Holiday::BoxingDay,
    ];

    /// The code it is sent as (its name in the dictionaries is
    /// `holiday.<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Holiday::NewYear => "new_year",
            Holiday::GoodFriday => "good_friday",
            Holiday::EasterSunday => "easter_sunday",
            Holiday::EasterMonday => "easter_monday",
            Holiday::KingsDay => "kings_day",
            Holiday::LiberationDay => "liberation_day",
            Holiday::AscensionDay => "ascension_day",
            Holiday::WhitSunday => "whit_sunday",
            Holiday::WhitMonday => "whit_monday",
            Holiday::ChristmasDay => "christmas_day",
            Holiday::BoxingDay => "boxing_day",
        }
    }

    /// The Dutch name, as on the government's list.
    pub fn dutch_name(self) -> &'static str {
        match self {
            Holiday::NewYear => "Nieuwjaarsdag",
            Holiday::GoodFriday => "Goede Vrijdag",
            Holiday::EasterSunday => "Eerste Paasdag",
            Holiday::EasterMonday => "Tweede Paasdag",
            Holiday::KingsDay => "Koningsdag",
            Holiday::LiberationDay => "Bevrijdingsdag",
            Holiday::AscensionDay => "Hemelvaartsdag",
            Holiday::WhitSunday => "Eerste Pinksterdag",
            Holiday::WhitMonday => "Tweede Pinksterdag",
            Holiday::ChristmasDay => "Eerste Kerstdag",
            Holiday::BoxingDay => "Tweede Kerstdag",
        }
    }
}

/// Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus,
/// Jones and Butcher; exact for every Gregorian year).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Every public holiday of a year, in date order.
pub fn holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let day = |month, day| NaiveDate::from_ymd_opt(year, month, day);
    let mut list = Vec::with_capacity(11);
    if let Some(easter) = easter_sunday(year) {
        list.extend([
            (easter - Duration::days(2), Holiday::GoodFriday),
            (easter, Holiday::EasterSunday),
            (easter + Duration::days(1), Holiday::EasterMonday),
            (easter + Duration::days(39), Holiday::AscensionDay),
            (easter + Duration::days(49), Holiday::WhitSunday),
            (easter + Duration::days(50), Holiday::WhitMonday),
        ]);
    }
    let kings_day = day(4, 27).map(|d| {
        if d.weekday() == Weekday::Sun {
            d - Duration::days(1)
        } else {
            d
        }
    });
    for (date, holiday) in [
        (day(1, 1), Holiday::NewYear),
        (kings_day, Holiday::KingsDay),
        (day(5, 5), Holiday::LiberationDay),
        (day(12, 25), Holiday::ChristmasDay),
        (day(12, 26), Holiday::BoxingDay),
    ] {
        if let Some(date) = date {
            list.push((date, holiday));
        }
    }
    list.sort_by_key(|(date, _)| *date);
    list
}

/// The holiday on `date`, if any.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, h)| h)
}

/// A working day: Monday to Friday and not a public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday_on(date).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn each_holiday_is_sent_as_its_code() {
        for holiday in Holiday::ALL {
            assert_eq!(serde_json::to_value(holiday).unwrap(), holiday.code());
        }
    }

    #[test]
    fn easter_matches_the_published_dates() {
        // Easter Sunday as published for 2019–2035.
        let known = [
            "2019-04-21",
            "2020-04-12",
            "2021-04-04",
            "2022-04-17",
            "2023-04-09",
            "2024-03-31",
            "2025-04-20",
            "2026-04-05",
            "2027-03-28",
            "2028-04-16",
            "2029-04-01",
            "2030-04-21",
            "2031-04-13",
            "2032-03-28",
            "2033-04-17",
            "2034-04-09",
            "2035-03-25",
        ];
        for text in known {
            let date = d(text);
            assert_eq!(easter_sunday(date.year()), Some(date), "{text}");
        }
    }

    #[test]
    fn kings_day_moves_to_saturday_when_27_april_is_a_sunday() {
        // 27 April 2025 and 2031 are Sundays.
        assert_eq!(holiday_on(d("2025-04-26")), Some(Holiday::KingsDay));
        assert_eq!(holiday_on(d("2025-04-27")), None);
        assert_eq!(holiday_on(d("2031-04-26")), Some(Holiday::KingsDay));
        assert_eq!(holiday_on(d("2030-04-27")), Some(Holiday::KingsDay));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        assert!(is_working_day(d("2027-04-28")));
        assert!(!is_working_day(d("2027-04-27")), "Koningsdag");
        assert!(!is_working_day(d("2027-05-01")), "a Saturday");
        assert!(
            !is_working_day(d("2027-05-05")),
            "Bevrijdingsdag, also outside lustrum years"
        );
    }
}

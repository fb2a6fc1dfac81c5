//! Planning a term's meetings at once, and the Dutch public holidays the
//! series avoids.

use chrono::NaiveDate;
use taskforce::domain::*;
use taskforce_dev::fixture::*;

/// The public holidays the Rijksoverheid lists for 2024–2030
/// (rijksoverheid.nl, "Welke datum vallen de feestdagen?").
const OFFICIAL: &[(i32, &[&str])] = &[
    (
        2024,
        &[
            "01-01", "03-29", "03-31", "04-01", "04-27", "05-05", "05-09", "05-19", "05-20",
            "12-25", "12-26",
        ],
    ),
    (
        2025,
        &[
            "01-01", "04-18", "04-20", "04-21", "04-26", "05-05", "05-29", "06-08", "06-09",
            "12-25", "12-26",
        ],
    ),
    (
        2026,
        &[
            "01-01", "04-03", "04-05", "04-06", "04-27", "05-05", "05-14", "05-24", "05-25",
            "12-25", "12-26",
        ],
    ),
    (
        2027,
        &[
            "01-01", "03-26", "03-28", "03-29", "04-27", "05-05", "05-06", "05-16", "05-17",
            "12-25", "12-26",
        ],
    ),
    (
        2028,
        &[
            "01-01", "04-14", "04-16", "04-17", "04-27", "05-05", "05-25", "06-04", "06-05",
            "12-25", "12-26",
        ],
    ),
    (
        2029,
        &[
            "01-01", "03-30", "04-01", "04-02", "04-27", "05-05", "05-10", "05-20", "05-21",
            "12-25", "12-26",
        ],
    ),
    (
        2030,
        &[
            "01-01", "04-19", "04-21", "04-22", "04-27", "05-05", "05-30", "06-09", "06-10",
            "12-25", "12-26",
        ],
    ),
];

#[test]
fn holidays_2024_to_2030_match_the_official_list() {
    for (year, days) in OFFICIAL {
        let computed: Vec<String> = holidays(*year)
            .iter()
            .map(|(date, _)| date.format("%m-%d").to_string())
            .collect();
        assert_eq!(computed, *days, "{year}");
    }
}

fn term6(f: &Fixture) {
    f.clock.set(at(2026, 12, 1, 9, 0));
    f.store
        .start_term(&TermStart {
            number: 6,
            starts_on: "2026-03-01".into(),
            ends_on: "2029-03-01".into(),
            goals: String::new(),
            decree: DecreeForm::default(),
            seats: vec![],
            skip_between: false,
        })
        .expect("term 6");
}

fn form(first: &str, every: u32, count: u32) -> SeriesForm {
    SeriesForm {
        term_number: 6,
        first_date: first.into(),
        every_weeks: every,
        count,
        start_time: "14.00".into(),
        end_time: "16.00".into(),
        location: "Den Haag".into(),
        break_from: Some("10-07-2027".into()),
        break_to: Some("22-08-2027".into()),
        move_off_holidays: true,
    }
}

fn dates(preview: &SeriesPreview) -> Vec<NaiveDate> {
    preview.dates.iter().map(|d| d.date).collect()
}

#[test]
fn a_series_moves_dates_off_holidays_and_out_of_the_summer_break() {
    let f = term5();
    term6(&f);
    let preview = f.store.preview_series(&form("02-03-2027", 8, 6)).unwrap();
    assert_eq!(
        dates(&preview),
        vec![
            day(2027, 3, 2),
            day(2027, 4, 28), // Koningsdag, Tuesday 27 April → the next working day
            day(2027, 6, 22),
            day(2027, 8, 24), // 17 August is in the break → the first Tuesday after it
            day(2027, 10, 12),
            day(2027, 12, 7),
        ]
    );
    let kings_day = &preview.dates[1];
    assert!(kings_day.moved && !kings_day.flagged);
    assert_eq!(kings_day.holiday, Some(Holiday::KingsDay));
    assert_eq!(kings_day.rhythm_date, day(2027, 4, 27));
    assert!(preview.dates[3].in_break && preview.dates[3].moved);
    // 14.00 in Amsterdam: CET in March, CEST in June.
    assert_eq!(preview.dates[0].starts_at, at(2027, 3, 2, 13, 0));
    assert_eq!(preview.dates[2].starts_at, at(2027, 6, 22, 12, 0));
}

#[test]
fn the_preview_is_exactly_what_is_saved() {
    let f = term5();
    term6(&f);
    let series = form("02-03-2027", 8, 6);
    let preview = f.store.preview_series(&series).unwrap();
    let planned = f.store.plan_series(&series).unwrap();
    assert_eq!(
        planned
            .iter()
            .map(|m| (m.meeting.starts_at, m.meeting.ends_at))
            .collect::<Vec<_>>(),
        preview
            .dates
            .iter()
            .map(|d| (d.starts_at, d.ends_at))
            .collect::<Vec<_>>()
    );
    assert!(planned
        .iter()
        .all(|m| m.meeting.status == MeetingStatus::Concept && m.meeting.location == "Den Haag"));
    // Each meeting lives on its own, with the term's agenda.
    assert_eq!(f.store.meetings(6).unwrap().len(), 6);
    assert_eq!(
        f.store.agenda(planned[0].meeting.id).unwrap().len(),
        STANDARD_AGENDA.len()
    );
    f.store.cancel_meeting(planned[1].meeting.id).unwrap();
    assert_eq!(
        f.store
            .meeting(planned[2].meeting.id)
            .unwrap()
            .meeting
            .status,
        MeetingStatus::Concept
    );
    // Planned again, the days already taken are flagged, not silently doubled.
    let again = f.store.preview_series(&series).unwrap();
    assert!(again.dates[0].clashes && again.dates[0].flagged);
    assert!(
        !again.dates[1].clashes,
        "a cancelled meeting does not take the day"
    );
}

#[test]
fn flag_only_keeps_the_dates_and_marks_them() {
    let f = term5();
    term6(&f);
    let preview = f
        .store
        .preview_series(&SeriesForm {
            move_off_holidays: false,
            ..form("02-03-2027", 8, 6)
        })
        .unwrap();
    let kings_day = &preview.dates[1];
    assert_eq!(kings_day.date, day(2027, 4, 27));
    assert!(kings_day.flagged && !kings_day.moved);
    assert!(preview.dates[3].flagged && preview.dates[3].in_break);
    assert!(!preview.dates[0].flagged);
}

#[test]
fn dates_after_the_terms_end_are_left_out_and_said() {
    let f = term5();
    let preview = f
        .store
        .preview_series(&SeriesForm {
            term_number: 5,
            break_from: None,
            break_to: None,
            ..form("2022-11-01", 8, 6)
        })
        .unwrap();
    assert_eq!(
        dates(&preview),
        vec![day(2022, 11, 1), day(2022, 12, 27), day(2023, 2, 21)]
    );
    assert_eq!(preview.left_out.len(), 3);
    assert!(preview
        .left_out
        .iter()
        .all(|l| l.reason == LeftOutReason::BeyondTerm));
}

#[test]
fn weekly_dates_moved_out_of_the_break_onto_one_day_are_left_out() {
    let f = term5();
    term6(&f);
    let preview = f.store.preview_series(&form("29-06-2027", 1, 10)).unwrap();
    let after_break: Vec<_> = preview.dates.iter().filter(|d| d.in_break).collect();
    assert_eq!(after_break.len(), 1, "one meeting right after the break");
    assert_eq!(after_break[0].date, day(2027, 8, 24));
    assert!(preview
        .left_out
        .iter()
        .any(|l| l.reason == LeftOutReason::SameDay));
}

#[test]
fn bad_series_input_names_the_field_and_saves_nothing() {
    let f = term5();
    term6(&f);
    let cases: Vec<(SeriesForm, &str)> = vec![
        (form("31-02-2027", 8, 6), "first_date"),
        (form("02-03-2027", 0, 6), "every_weeks"),
        (form("02-03-2027", 8, 0), "count"),
        (
            SeriesForm {
                end_time: "13.00".into(),
                ..form("02-03-2027", 8, 6)
            },
            "end_time",
        ),
        (
            SeriesForm {
                start_time: "25.00".into(),
                ..form("02-03-2027", 8, 6)
            },
            "start_time",
        ),
        (
            SeriesForm {
                break_to: None,
                ..form("02-03-2027", 8, 6)
            },
            "break_to",
        ),
        (
            SeriesForm {
                break_to: Some("01-07-2027".into()),
                ..form("02-03-2027", 8, 6)
            },
            "break_to",
        ),
        (form("02-03-2031", 8, 6), "first_date"),
    ];
    for (series, field) in cases {
        let err = f.store.plan_series(&series).unwrap_err();
        assert_eq!(err.field(), Some(field), "{series:?}: {err}");
    }
    assert!(f.store.meetings(6).unwrap().is_empty());
}

//! Terms over time: starting the next term from the previous one's seats,
//! extending by decree, the proposal a user gets years after the last term,
//! the agenda template per term, and the next free date for a meeting.

use taskforce::domain::*;
use taskforce::ErrorCode;
use taskforce_dev::fixture::*;

fn no_decree() -> DecreeForm {
    DecreeForm::default()
}

fn start_from(f: &Fixture, number: u32, start: &str, end: &str, seats: Vec<SeatCarry>) -> TermView {
    f.store
        .start_term(&TermStart {
            number,
            starts_on: start.into(),
            ends_on: end.into(),
            goals: "Doelen".into(),
            decree: no_decree(),
            seats,
            skip_between: false,
        })
        .expect("term starts")
}

#[test]
fn an_extension_keeps_the_earlier_end_in_the_terms_history() {
    let f = term5();
    let view = f
        .store
        .extend_term(
            5,
            "2024-03-01",
            &DecreeForm {
                date: Some("15-12-2022".into()),
                reference: Some("Stcrt. 2022, 34567".into()),
                url: Some("https://zoek.officielebekendmakingen.nl/stcrt-2022-34567.html".into()),
            },
        )
        .unwrap();
    assert_eq!(view.term.ends_on, day(2024, 3, 1));
    assert_eq!(
        view.original_ends_on,
        day(2023, 3, 1),
        "the decree's first end is kept"
    );
    assert_eq!(view.extensions.len(), 1);
    assert_eq!(view.extensions[0].previous_ends_on, day(2023, 3, 1));
    assert_eq!(view.extensions[0].decree.date, Some(day(2022, 12, 15)));
    // A second extension builds on the first; the history keeps both.
    let view = f.store.extend_term(5, "2024-09-01", &no_decree()).unwrap();
    assert_eq!(view.original_ends_on, day(2023, 3, 1));
    assert_eq!(
        view.extensions
            .iter()
            .map(|e| (e.previous_ends_on, e.new_ends_on))
            .collect::<Vec<_>>(),
        vec![
            (day(2023, 3, 1), day(2024, 3, 1)),
            (day(2024, 3, 1), day(2024, 9, 1))
        ]
    );
    // Meetings may now be planned up to the new end.
    meeting(&f.store, "2024-08-20 14:00");
}

#[test]
fn shortening_below_a_planned_meeting_is_refused_naming_it() {
    let f = term5();
    meeting(&f.store, "2021-05-12 14:00");
    meeting(&f.store, "2022-06-14 14:00");
    let err = f
        .store
        .shorten_term(5, "2022-01-01", &no_decree())
        .unwrap_err();
    assert_eq!(err.field(), Some("ends_on"));
    let message = err.to_string();
    assert!(
        message.contains("#2") && message.contains("14 juni 2022"),
        "{message}"
    );
    assert_eq!(
        f.store.term(5).unwrap().ends_on,
        day(2023, 3, 1),
        "nothing changed"
    );
    assert!(f.store.term_view(5).unwrap().extensions.is_empty());
    // Shortening to the day of the last meeting is fine, and called so.
    let view = f.store.shorten_term(5, "2022-10-04", &no_decree()).unwrap();
    assert_eq!(view.term.ends_on, day(2022, 10, 4));
    assert!(view.extensions[0].shortened);
}

/// The case from the issue: `term extend` to an earlier end was accepted
/// and reported as an extension.
#[test]
fn extending_only_moves_the_end_later_and_shortening_only_earlier() {
    let f = term5();
    let err = f
        .store
        .extend_term(5, "2022-03-01", &no_decree())
        .unwrap_err();
    assert_eq!(err.field(), Some("ends_on"));
    assert!(err.to_string().contains("inkorten"), "{err}");
    let err = f
        .store
        .shorten_term(5, "2024-03-01", &no_decree())
        .unwrap_err();
    assert!(err.to_string().contains("verlengen"), "{err}");
    assert_eq!(f.store.term(5).unwrap().ends_on, day(2023, 3, 1));
    let view = f.store.extend_term(5, "2024-03-01", &no_decree()).unwrap();
    assert!(!view.extensions[0].shortened);
}

#[test]
fn a_term_without_meetings_can_be_corrected_one_with_meetings_cannot() {
    let f = term5();
    start_from(&f, 6, "2023-03-01", "2026-03-01", vec![]);
    assert!(f.store.term_view(6).unwrap().allowed.correct);
    let corrected = f
        .store
        .correct_term(
            6,
            &NewTerm {
                number: 6,
                starts_on: day(2023, 3, 2),
                ends_on: day(2026, 3, 2),
                goals: String::new(),
            },
            None,
        )
        .unwrap();
    assert_eq!(corrected.term.starts_on, day(2023, 3, 2));
    // Into term 5's period: refused.
    let err = f
        .store
        .correct_term(
            6,
            &NewTerm {
                number: 6,
                starts_on: day(2022, 3, 1),
                ends_on: day(2026, 3, 2),
                goals: String::new(),
            },
            None,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    meeting(&f.store, "2021-05-12 14:00");
    assert!(!f.store.term_view(5).unwrap().allowed.correct);
    let err = f
        .store
        .correct_term(
            5,
            &NewTerm {
                number: 4,
                starts_on: day(2020, 3, 1),
                ends_on: day(2023, 3, 1),
                goals: String::new(),
            },
            None,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert_eq!(f.store.term(5).unwrap().number, 5);
}

#[test]
fn an_end_before_the_start_or_into_the_next_term_is_refused() {
    let f = term5();
    start_from(&f, 6, "2023-03-01", "2026-03-01", vec![]);
    let err = f
        .store
        .extend_term(5, "2019-01-01", &no_decree())
        .unwrap_err();
    assert_eq!(err.field(), Some("ends_on"));
    let err = f
        .store
        .extend_term(5, "2024-01-01", &no_decree())
        .unwrap_err();
    assert!(err.to_string().contains("termijn 6"), "{err}");
    let err = f
        .store
        .extend_term(5, "31-02-2023", &no_decree())
        .unwrap_err();
    assert_eq!(err.field(), Some("ends_on"), "an impossible date is named");
    assert_eq!(f.store.term(5).unwrap().ends_on, day(2023, 3, 1));
}

#[test]
fn the_next_term_copies_seats_keeps_their_history_and_drops_what_is_left_out() {
    let f = term5();
    let proposal = f.store.propose_term().unwrap();
    assert_eq!(proposal.number, 6);
    assert_eq!(proposal.previous_number, Some(5));
    assert_eq!(proposal.seats.len(), 21);
    assert!(proposal.seats.iter().all(|s| s.from_seat.is_some()));

    let mut seats = proposal.seats.clone();
    // Leave out Jeugdzorg Nederland; the police seat gets a new role.
    seats.retain(|s| s.draft.organisation != "Jeugdzorg Nederland");
    let police = seats
        .iter_mut()
        .find(|s| s.draft.organisation == "Politie")
        .unwrap();
    police.draft.role = "de portefeuillehouder mensenhandel".into();
    let police_before = police.from_seat.unwrap();
    let view = start_from(&f, 6, "2023-03-01", "2026-03-01", seats);
    assert_eq!(view.term.number, 6);

    let new_seats = f.store.seats(6).unwrap();
    assert_eq!(new_seats.len(), 20);
    assert!(!new_seats
        .iter()
        .any(|s| s.organisation == "Jeugdzorg Nederland"));
    assert_eq!(
        f.store.seats(5).unwrap().len(),
        21,
        "term 5 keeps its seats"
    );
    let chair = new_seats.iter().find(|s| s.chair).unwrap();
    assert_eq!(
        chair.organisation, "Openbaar Ministerie",
        "the chair carries over"
    );

    let police = new_seats
        .iter()
        .find(|s| s.organisation == "Politie")
        .unwrap();
    assert_eq!(police.previous_seat_id, Some(police_before));
    assert_eq!(police.seat_type, Some(SeatType::ExecutiveAgency));
    let history = f.store.seat_history(police.id).unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0].term_number, 5);
    assert_eq!(
        history[0].before.role,
        "de Programmadirecteur Migratiecriminaliteit"
    );
}

#[test]
fn seats_of_another_term_than_the_previous_cannot_be_carried() {
    let f = term5();
    let proposal = f.store.propose_term().unwrap();
    start_from(
        &f,
        6,
        "2023-03-01",
        "2026-03-01",
        proposal.seats[..1].to_vec(),
    );
    let term5_seat = f.store.seats(5).unwrap()[0].clone();
    let err = f
        .store
        .start_term(&TermStart {
            number: 7,
            starts_on: "2026-03-01".into(),
            ends_on: "2029-03-01".into(),
            goals: String::new(),
            decree: no_decree(),
            seats: vec![SeatCarry {
                from_seat: Some(term5_seat.id),
                draft: term5_seat.draft(),
            }],
            skip_between: false,
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(f.store.term(7).is_err(), "nothing of term 7 was stored");
}

#[test]
fn years_after_the_last_term_the_proposal_covers_today() {
    let f = term5();
    f.clock.set(at(2026, 12, 1, 9, 0));
    let proposal = f.store.propose_term().unwrap();
    assert_eq!(
        (proposal.number, proposal.starts_on, proposal.ends_on),
        (7, day(2026, 3, 1), day(2029, 3, 1)),
        "the same number as a first start gives this period"
    );
    assert_eq!(
        proposal.between,
        [TermPeriod {
            number: 6,
            starts_on: day(2023, 3, 1),
            ends_on: day(2026, 3, 1)
        }]
    );
    let view = f.store.term_view(5).unwrap();
    assert_eq!(view.phase, TermPhase::Ended);
    assert!(
        !view.allowed.plan_meetings,
        "nothing can be planned in an ended term"
    );
    assert!(view.allowed.start_next);
    assert_eq!(view.next_free_date, None);
}

#[test]
fn on_a_first_start_the_proposal_is_the_current_term_with_the_decrees_seats() {
    let f = empty();
    f.clock.set(at(2026, 12, 1, 9, 0));
    let proposal = f.store.propose_term().unwrap();
    assert_eq!(
        (proposal.number, proposal.starts_on, proposal.ends_on),
        (7, day(2026, 3, 1), day(2029, 3, 1)),
        "terms 6 (2023–2026) and 7 follow the 5th in three-year steps"
    );
    assert_eq!(proposal.previous_number, None);
    assert_eq!(proposal.seats.len(), 21);
    let view = start_from(
        &f,
        proposal.number,
        "2026-03-01",
        "2029-03-01",
        proposal.seats,
    );
    assert_eq!(view.phase, TermPhase::Current);
    assert!(view.allowed.plan_meetings);
    assert_eq!(f.store.current_term().unwrap().unwrap().number, 7);
}

#[test]
fn the_current_term_is_the_one_covering_today() {
    let f = term5();
    start_from(&f, 6, "2023-03-01", "2026-03-01", vec![]);
    start_from(&f, 7, "2026-03-01", "2029-03-01", vec![]);
    f.clock.set(at(2024, 5, 1, 9, 0));
    assert_eq!(f.store.current_term().unwrap().unwrap().number, 6);
    let views = f.store.term_views().unwrap();
    let phases: Vec<_> = views.iter().map(|v| (v.term.number, v.phase)).collect();
    assert_eq!(
        phases,
        vec![
            (5, TermPhase::Ended),
            (6, TermPhase::Current),
            (7, TermPhase::Upcoming)
        ]
    );
    assert_eq!(
        views
            .iter()
            .map(|v| v.allowed.start_next)
            .collect::<Vec<_>>(),
        vec![false, false, true],
        "only the latest term can be followed"
    );
}

#[test]
fn the_seats_of_the_decree_have_a_type_and_municipalities_a_region() {
    let f = term5();
    let seats = f.store.seats(5).unwrap();
    assert!(seats.iter().all(|s| s.seat_type.is_some()), "{seats:#?}");
    let municipalities: Vec<_> = seats
        .iter()
        .filter(|s| s.seat_type == Some(SeatType::Municipality))
        .map(|s| s.region.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        municipalities,
        ["Utrecht", "Amsterdam", "Alkmaar", "Den Haag", "Rotterdam"]
    );
}

#[test]
fn new_meetings_take_the_terms_agenda_template() {
    let f = term5();
    assert_eq!(
        f.store.agenda_template(5).unwrap().len(),
        STANDARD_AGENDA.len()
    );
    let template = vec![
        TemplateItem {
            kind: AgendaItemKind::Opening,
            title: "Opening en vaststelling agenda".into(),
            duration_minutes: 5,
        },
        TemplateItem {
            kind: AgendaItemKind::CentralSubject,
            title: String::new(),
            duration_minutes: 90,
        },
        TemplateItem {
            kind: AgendaItemKind::Closing,
            title: "Sluiting".into(),
            duration_minutes: 5,
        },
    ];
    let stored = f.store.set_agenda_template(5, &template).unwrap();
    assert_eq!(
        stored[1].title, "Centraal onderwerp",
        "a blank title takes the standard one"
    );
    let m = meeting(&f.store, "2021-05-12 14:00");
    let agenda = f.store.agenda(m.meeting.id).unwrap();
    assert_eq!(
        agenda
            .iter()
            .map(|i| (i.title.as_str(), i.duration_minutes))
            .collect::<Vec<_>>(),
        vec![
            ("Opening en vaststelling agenda", 5),
            ("Centraal onderwerp", 90),
            ("Sluiting", 5)
        ]
    );
    // The next term starts with this term's template.
    start_from(&f, 6, "2023-03-01", "2026-03-01", vec![]);
    assert_eq!(f.store.agenda_template(6).unwrap(), stored);

    let two_central = vec![template[1].clone(), template[1].clone()];
    assert_eq!(
        f.store
            .set_agenda_template(5, &two_central)
            .unwrap_err()
            .field(),
        Some("template")
    );
    assert_eq!(
        f.store.set_agenda_template(5, &[]).unwrap_err().field(),
        Some("template")
    );
    assert_eq!(
        f.store.agenda_template(5).unwrap(),
        stored,
        "refused templates change nothing"
    );
}

#[test]
fn the_next_free_date_is_a_working_day_inside_the_term_without_a_meeting() {
    let f = term5();
    // Today is Thursday 1 April 2021; Good Friday is 2 April, Easter Monday 5 April.
    let view = f.store.term_view(5).unwrap();
    assert_eq!(view.next_free_date, Some(day(2021, 4, 6)));
    meeting(&f.store, "2021-04-06 14:00");
    assert_eq!(
        f.store.term_view(5).unwrap().next_free_date,
        Some(day(2021, 4, 7))
    );
}

#[test]
fn a_decree_is_kept_as_data_on_the_term() {
    let f = term5();
    let term = f
        .store
        .set_term_decree(
            5,
            &DecreeForm {
                date: Some("2020-02-25".into()),
                reference: Some("Stcrt. 2020, 12345".into()),
                url: None,
            },
            None,
        )
        .unwrap();
    assert_eq!(term.decree.date, Some(day(2020, 2, 25)));
    assert_eq!(term.decree.reference.as_deref(), Some("Stcrt. 2020, 12345"));
    let err = f
        .store
        .set_term_decree(
            5,
            &DecreeForm {
                date: Some("25 februari".into()),
                ..Default::default()
            },
            None,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("decree_date"));
}

#[test]
fn the_planner_answers_for_the_term_asked_or_else_the_current_one() {
    assert_eq!(
        empty().store.planner(None).unwrap(),
        None,
        "no term yet: nothing to plan"
    );
    let f = term5();
    start_from(&f, 6, "2023-03-01", "2026-03-01", vec![]);
    let discussed = subject(&f.store, "Al besproken", &[]);
    held_meeting(&f, "2021-02-10 14:00", discussed.id);
    subject(&f.store, "Nog te bespreken", &[]);

    // The clock stands at 1 April 2021: term 5 is the current one.
    let planner = f.store.planner(None).unwrap().expect("a planner");
    assert_eq!(planner.view.term.number, 5);
    assert_eq!(planner.plan.term.number, 5);
    assert_eq!(
        planner
            .terms
            .iter()
            .map(|v| v.term.number)
            .collect::<Vec<_>>(),
        vec![5, 6]
    );
    assert_eq!(planner.plan.meetings.len(), 1);
    assert_eq!(
        planner
            .backlog
            .iter()
            .map(|s| s.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Nog te bespreken"],
        "a discussed subject is no longer in the backlog"
    );

    let later = f.store.planner(Some(6)).unwrap().expect("term 6");
    assert_eq!(later.view.term.number, 6);
    assert!(later.plan.meetings.is_empty());
    assert_eq!(
        f.store.planner(Some(9)).unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[test]
fn the_planners_backlog_holds_the_newest_hundred() {
    let f = term5();
    for n in 0..Planner::BACKLOG + 5 {
        subject(&f.store, &format!("Onderwerp {n:03}"), &[]);
    }
    let backlog = f.store.planner(None).unwrap().expect("a planner").backlog;
    assert_eq!(backlog.len(), Planner::BACKLOG as usize);
    assert_eq!(backlog[0].title, "Onderwerp 104", "newest first");
}

/// The case from the issue: after term 5, term 6 was proposed for 2026–2029
/// and the 2023–2026 term silently skipped.
#[test]
fn a_skipped_term_is_recorded_or_skipped_knowingly_never_silently() {
    let f = term5();
    f.clock.set(at(2026, 12, 6, 9, 0));
    let proposal = f.store.propose_term().unwrap();
    let start = |skip_between: bool, seats: Vec<SeatCarry>| TermStart {
        number: proposal.number,
        starts_on: "2026-03-01".into(),
        ends_on: "2029-03-01".into(),
        goals: String::new(),
        decree: no_decree(),
        seats,
        skip_between,
    };
    let err = f
        .store
        .start_term(&start(false, proposal.seats.clone()))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    assert!(err.to_string().contains('6'), "{err}");
    assert!(f.store.term(7).is_err());

    // Term 6 recorded with its dates and decree alone: no gap any more, and
    // the seats still come from term 5, the last with seats.
    start_from(&f, 6, "2023-03-01", "2026-03-01", vec![]);
    let proposal = f.store.propose_term().unwrap();
    assert_eq!(proposal.number, 7);
    assert!(proposal.between.is_empty());
    assert_eq!(proposal.previous_number, Some(5));
    f.store
        .start_term(&start(false, proposal.seats.clone()))
        .unwrap();
    assert_eq!(f.store.seats(7).unwrap().len(), 21);
}

#[test]
fn skipping_knowingly_starts_the_term_without_the_ones_between() {
    let f = term5();
    f.clock.set(at(2026, 12, 6, 9, 0));
    let proposal = f.store.propose_term().unwrap();
    f.store
        .start_term(&TermStart {
            number: proposal.number,
            starts_on: proposal.starts_on.to_string(),
            ends_on: proposal.ends_on.to_string(),
            goals: String::new(),
            decree: no_decree(),
            seats: proposal.seats,
            skip_between: true,
        })
        .unwrap();
    assert_eq!(
        f.store
            .terms()
            .unwrap()
            .iter()
            .map(|t| t.number)
            .collect::<Vec<_>>(),
        [5, 7]
    );
}

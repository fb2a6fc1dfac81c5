//! The term report, read back by poppler: the figures a secretariat would
//! check by hand, in the order of the report.

use crate::pdf::pages;
use taskforce::domain::*;
use taskforce_dev::fixture::poppler;
use taskforce_dev::fixture::{
    assert_in_order, day, flat, meeting, partner, seat_id, subject, term5, Fixture,
};
use taskforce_export::report::term_report_data;
use taskforce_export::{Export, Stage};

/// Term 5 with two held meetings, one planned and one cancelled; partners
/// invited to the held ones (one came), attendance, decisions and actions in
/// every state.
fn term_with_history() -> Fixture {
    let f = term5();
    let s = &f.store;
    let labour = subject(
        s,
        "Uitbuiting in de tuinbouw",
        &["uitbuiting:arbeid", "regio:Westland"],
    );
    let sexual = subject(
        s,
        "Loverboys – „online werving”",
        &["uitbuiting:seksueel", "regio:Rotterdam"],
    );
    let later = subject(s, "Criminele uitbuiting", &["uitbuiting:crimineel"]);
    let fairwork = partner(s, "FairWork", "Anna Smit", &["uitbuiting:arbeid"]);
    let comensha = partner(s, "CoMensha", "Jan Jansen", &["uitbuiting:seksueel"]);

    let mut held = Vec::new();
    for (start, subject_id, guest) in [
        ("2021-03-10 14:00", labour.id, fairwork.id),
        ("2021-06-09 14:00", sexual.id, comensha.id),
    ] {
        let m = meeting(s, start);
        s.set_meeting_subject(m.meeting.id, Some(subject_id))
            .unwrap();
        let invitation = s.propose_partner(m.meeting.id, guest).unwrap();
        s.set_invitation_status(invitation.id, InvitationStatus::Invited, None)
            .unwrap();
        s.set_invitation_status(invitation.id, InvitationStatus::Accepted, None)
            .unwrap();
        s.schedule_meeting(m.meeting.id).unwrap();
        f.clock.set(m.meeting.ends_at);
        s.hold_meeting(m.meeting.id).unwrap();
        held.push((m.meeting.id, invitation.id));
    }
    s.set_invitation_status(held[0].1, InvitationStatus::Attended, None)
        .unwrap();
    s.set_invitation_status(held[1].1, InvitationStatus::NoShow, None)
        .unwrap();
    let om = seat_id(s, "Openbaar Ministerie");
    let kmar = seat_id(s, "Koninklijke Marechaussee");
    for (meeting_id, _) in &held {
        s.set_attendance(*meeting_id, om, AttendanceStatus::Present, None)
            .unwrap();
    }
    s.set_attendance(
        held[0].0,
        kmar,
        AttendanceStatus::Represented,
        Some("P. Smit"),
    )
    .unwrap();
    s.set_attendance(held[1].0, kmar, AttendanceStatus::Absent, None)
        .unwrap();
    s.add_decision(held[0].0, "Een werkgroep tuinbouw wordt ingesteld")
        .unwrap();
    s.add_decision(held[1].0, "De campagne wordt verlengd")
        .unwrap();
    let done = s
        .add_action(
            held[0].0,
            "Notitie opstellen",
            &ActionOwner::Secretariat,
            Some(day(2021, 4, 1)),
        )
        .unwrap();
    s.complete_action(done.id).unwrap();
    let postponed = s
        .add_action(
            held[0].0,
            "Brief aan de minister",
            &ActionOwner::Seat(om),
            Some(day(2021, 5, 1)),
        )
        .unwrap();
    s.postpone_action(postponed.id, day(2021, 9, 1)).unwrap();
    let dropped = s
        .add_action(
            held[1].0,
            "Werkbezoek plannen",
            &ActionOwner::Secretariat,
            None,
        )
        .unwrap();
    s.drop_action(dropped.id).unwrap();

    let planned = meeting(s, "2021-09-15 14:00");
    s.set_meeting_subject(planned.meeting.id, Some(later.id))
        .unwrap();
    let cancelled = meeting(s, "2021-11-10 14:00");
    s.cancel_meeting(cancelled.meeting.id).unwrap();
    f
}

#[test]
fn the_term_report_counts_what_happened() {
    let f = term_with_history();
    let report = term_report_data(&f.store, 5).unwrap();
    let s = &report.summary;
    assert_eq!(
        (s.meetings_held, s.meetings_planned, s.meetings_cancelled),
        (2, 1, 1)
    );
    assert_eq!((s.partners_invited, s.partners_attended), (2, 1));
    assert_eq!(s.decisions, 2);
    assert_eq!(
        (
            s.actions,
            s.actions_done,
            s.actions_dropped,
            s.actions_open,
            s.actions_postponed
        ),
        (3, 1, 1, 1, 1)
    );
    let om = report
        .attendance
        .iter()
        .find(|a| a.organisation.starts_with("Openbaar Ministerie"))
        .unwrap();
    assert_eq!(
        (om.present, om.absent, om.unknown, om.rate.as_str()),
        (2, 0, 0, "100%"),
        "two seats, counted once per meeting"
    );
    let kmar = report
        .attendance
        .iter()
        .find(|a| a.organisation.starts_with("Koninklijke Marechaussee"))
        .unwrap();
    assert_eq!(
        (kmar.represented, kmar.absent, kmar.rate.as_str()),
        (1, 1, "50%")
    );
    let unregistered = report
        .attendance
        .iter()
        .find(|a| a.organisation.starts_with("CoMensha"))
        .unwrap();
    assert_eq!(
        (unregistered.unknown, unregistered.absent),
        (2, 0),
        "not registered is not absent"
    );
    let coverage = |name: &str| {
        report
            .forms
            .iter()
            .chain(&report.regions)
            .find(|c| c.name == name)
            .map(|c| c.meetings)
    };
    assert_eq!(coverage("Arbeidsuitbuiting"), Some(1));
    assert_eq!(coverage("Criminele uitbuiting"), Some(1), "planned counts");
    assert_eq!(
        coverage("Orgaanverwijdering"),
        Some(0),
        "every form is listed"
    );
    assert_eq!(coverage("Westland"), Some(1));
    assert_eq!(report.open_actions.len(), 1);
    assert_eq!(report.open_actions[0].times_postponed, 1);
}

#[test]
fn the_term_report_counts_attendance_per_type_of_seat() {
    let f = term_with_history();
    let report = term_report_data(&f.store, 5).unwrap();
    let row = |name: &str| {
        report
            .attendance_by_type
            .iter()
            .find(|a| a.organisation == name)
            .unwrap_or_else(|| panic!("{name} in {:?}", report.attendance_by_type))
    };
    // Two held meetings, five municipal seats: ten registrations.
    let municipalities = row("Gemeente");
    assert_eq!(
        municipalities.present
            + municipalities.represented
            + municipalities.absent
            + municipalities.unknown,
        10
    );
    // Each seat counts: the OM's two seats are both central government.
    let central = row("Rijksoverheid");
    assert_eq!(
        central.present + central.represented + central.absent + central.unknown,
        2 * 7
    );
    let agencies = row("Uitvoeringsorganisatie");
    assert!(
        agencies.represented >= 1,
        "KMar was represented once: {agencies:?}"
    );
}

#[test]
fn the_term_report_names_the_decree_and_every_extension() {
    let f = term_with_history();
    f.store
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
    f.store
        .extend_term(
            5,
            "2024-03-01",
            &DecreeForm {
                reference: Some("Stcrt. 2022, 34567".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let path = f.dir.path().join("rapport.pdf");
    Export::TermReport { term: 5 }
        .save(&f.store, &path)
        .unwrap();
    let flat = flat(&poppler("pdftotext", &[], &path));
    assert_in_order(
        &flat,
        &[
            "Periode Instellingsbesluit Verlenging Opgemaakt op",
            "1 maart 2020 – 1 maart 2024",
            "besluit van 25 februari 2020, Stcrt. 2020, 12345",
            "Verlengd van 1 maart 2023 tot en met 1 maart 2024 (Stcrt. 2022, 34567)",
            "Aanwezigheid per lidorganisatie",
            "Aanwezigheid per soort lid",
            "Gemeente",
            "Rijksoverheid",
        ],
    );
}

#[test]
fn the_term_report_pdf_reads_in_order_and_reports_its_stages() {
    let f = term_with_history();
    let what = Export::TermReport { term: 5 };
    assert_eq!(
        what.file_name(&f.store).unwrap(),
        "Termijnrapportage termijn 5 Task Force Mensenhandel.pdf"
    );
    let path = f.dir.path().join("rapport.pdf");
    let mut stages = Vec::new();
    what.save_reporting(&f.store, &path, &mut |stage| stages.push(stage))
        .unwrap();
    assert_eq!(
        stages,
        [Stage::Gathering, Stage::Typesetting, Stage::Writing]
    );
    let text = poppler("pdftotext", &[], &path);
    let flat = flat(&text);
    assert_in_order(
        &flat,
        &[
            "Termijnrapportage",
            "1 maart 2020 – 1 maart 2023",
            "Integrale aanpak van mensenhandel",
            "Bijeenkomsten gehouden 2",
            "Externe partners aanwezig 1",
            "woensdag 10 maart 2021 gehouden Uitbuiting in de tuinbouw (casus)",
            "Loverboys – „online werving” (casus)",
            "geannuleerd",
            "Arbeidsuitbuiting",
            "Nog niet behandeld: Orgaanverwijdering, Overige vormen.",
            "Westland",
            "FairWork",
            "Openbaar Ministerie",
            "100%",
            "TF5-2021-01",
            "Een werkgroep tuinbouw wordt ingesteld",
            "Brief aan de minister",
            "01-09-2021",
            "1×",
        ],
    );
    assert!(
        !flat.contains("Notitie opstellen"),
        "done actions are counted, not listed"
    );
    assert!(flat.contains("Pagina 1 van"), "{flat}");
    assert!(pages(&path) >= 1);
    let fonts = poppler("pdffonts", &[], &path);
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "every font embedded: {line}");
    }
}

#[test]
fn an_empty_term_still_makes_a_report_and_an_unknown_term_is_a_clear_error() {
    let f = term5();
    let path = f.dir.path().join("leeg.pdf");
    Export::TermReport { term: 5 }
        .save(&f.store, &path)
        .unwrap();
    let text = poppler("pdftotext", &[], &path);
    assert!(
        text.contains("Geen bijeenkomsten in deze termijn."),
        "{text}"
    );
    let missing = f.dir.path().join("niet.pdf");
    let error = Export::TermReport { term: 9 }
        .save(&f.store, &missing)
        .unwrap_err();
    assert!(error.to_string().contains('9'), "{error}");
    assert!(!missing.exists(), "no file for a failed export");
}

/// An amendment is in the record both ways: the term report (like the
/// minutes and the decision list, through `Decision::recorded_text`) prints
/// each decision with the other's code.
#[test]
fn an_amendment_is_printed_with_both_decisions_in_the_term_report() {
    let f = term5();
    let s = subject(&f.store, "Arbeidsuitbuiting", &[]);
    let first = taskforce_dev::fixture::held_meeting(&f, "2021-02-10 14:00", s.id)
        .meeting
        .id;
    let original = f.store.add_decision(first, "Campagne tot juli").unwrap();
    f.store.set_minutes(first, "Verslag", None).unwrap();
    let second = taskforce_dev::fixture::held_meeting(&f, "2021-05-12 14:00", s.id)
        .meeting
        .id;
    f.store.adopt_minutes(first, second).unwrap();
    let amendment = f
        .store
        .amend_decision(original.id, second, "Campagne tot oktober")
        .unwrap();
    let report = taskforce_export::report::term_report_data(&f.store, 5).unwrap();
    let text = |code: &str| {
        report
            .decisions
            .iter()
            .find(|d| d.code == code)
            .map(|d| d.text.clone())
            .unwrap()
    };
    assert_eq!(
        text(&original.code),
        format!("Campagne tot juli (geamendeerd door {})", amendment.code)
    );
    assert_eq!(
        text(&amendment.code),
        format!("Campagne tot oktober (amendeert {})", original.code)
    );
}

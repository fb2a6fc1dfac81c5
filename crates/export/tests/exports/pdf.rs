//! PDF exports read back by poppler (`pdftotext`, `pdffonts`, `pdfinfo`), not
//! by our own code.

use std::path::Path;
use taskforce_dev::fixture::{assert_in_order, flat, meeting, partner, subject, term5};

use taskforce::domain::*;
use taskforce_dev::fixture::poppler;
use taskforce_export::pdf::agenda_pdf;
use taskforce_export::write_atomically;
use taskforce_export::Audience;

pub fn pages(file: &Path) -> u32 {
    poppler("pdfinfo", &[], file)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .expect("page count")
}

pub struct Planned {
    pub f: taskforce_dev::fixture::Fixture,
    pub meeting: Id,
}

/// A planned meeting with a confidential subject, a confidential agenda item,
/// an invited partner and a confidential paper: what the external versions
/// must leave out.
pub fn planned() -> Planned {
    let f = term5();
    let s = subject(
        &f.store,
        "Coördinatie – „tuinbouw” en café’s",
        &["uitbuiting:arbeid"],
    );
    f.store
        .update_subject(
            s.id,
            &SubjectDraft {
                title: s.title.clone(),
                kind: SubjectKind::Case,
                description: "Vertrouwelijke beschrijving van slachtoffer Rahul".into(),
                confidential: true,
                tags: parse_tags(&["uitbuiting:arbeid"]).unwrap(),
            },
            None,
        )
        .unwrap();
    let m = meeting(&f.store, "2021-05-12 14:00");
    f.store
        .set_meeting_subject(m.meeting.id, Some(s.id))
        .unwrap();
    f.store
        .add_agenda_item(
            m.meeting.id,
            &AgendaItemDraft {
                kind: AgendaItemKind::Other,
                title: Some("Geheime opsporingsinformatie".into()),
                duration_minutes: 15,
                presenter: Some("Politie".into()),
                confidential: true,
            },
        )
        .unwrap();
    let p = partner(&f.store, "FairWork", "Anna Smit", &["uitbuiting:arbeid"]);
    let invitation = f.store.propose_partner(m.meeting.id, p.id).unwrap();
    f.store
        .set_invitation_status(invitation.id, InvitationStatus::Invited, None)
        .unwrap();
    let paper = f.dir.path().join("notitie.pdf");
    std::fs::write(&paper, b"%PDF notitie").unwrap();
    f.store
        .attach_document(
            &paper,
            DocumentTarget::Meeting(m.meeting.id),
            DocumentKind::MeetingPaper,
            Some("Notitie ketenregie"),
            true,
        )
        .unwrap();
    Planned {
        meeting: m.meeting.id,
        f,
    }
}

#[test]
fn the_internal_agenda_has_everything_in_order_with_dutch_dates_and_embedded_fonts() {
    let Planned { f, meeting } = planned();
    let path = f.dir.path().join("agenda-intern.pdf");
    write_atomically(
        &path,
        &agenda_pdf(&f.store, meeting, Audience::Internal).unwrap(),
    )
    .unwrap();
    let text = poppler("pdftotext", &["-layout"], &path);
    let expected_in_order = [
        "Task Force Aanpak Mensenhandel",
        "Agenda",
        "woensdag 12 mei 2021",
        "14.00 – 16.00 uur",
        "Coördinatie – „tuinbouw” en café’s",
        "Vertrouwelijke beschrijving",
        "Opening",
        "Centraal onderwerp",
        "Geheime opsporingsinformatie",
        "Sluiting",
        "Anna Smit (FairWork)",
        "Notitie ketenregie",
        "Pagina 1 van 1",
    ];
    assert_in_order(&text, &expected_in_order);
    assert!(text.contains("Intern"), "classification line");
    assert_eq!(pages(&path), 1);
    let fonts = poppler("pdffonts", &[], &path);
    assert!(fonts.contains("DejaVuSans"), "{fonts}");
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "every font embedded: {line}");
    }
}

#[test]
fn the_external_agenda_leaves_out_everything_confidential_and_other_partners() {
    let Planned { f, meeting } = planned();
    let path = f.dir.path().join("agenda-extern.pdf");
    let bytes = agenda_pdf(&f.store, meeting, Audience::External).unwrap();
    write_atomically(&path, &bytes).unwrap();
    let text = poppler("pdftotext", &[], &path);
    for secret in [
        "Rahul",
        "Vertrouwelijke beschrijving",
        "Geheime opsporingsinformatie",
        "Anna Smit",
        "FairWork",
        "Notitie ketenregie",
        "tuinbouw",
    ] {
        assert!(
            !text.contains(secret),
            "'{secret}' is in the external agenda:\n{text}"
        );
    }
    assert!(text.contains("vertrouwelijke casus"), "{text}");
    assert!(text.contains("Sluiting") && text.contains("Versie voor externe partners"));
    // Not even hidden in the file's bytes (metadata, uncompressed streams).
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        !raw.contains("Rahul") && !raw.contains("Geheime"),
        "no confidential text in the file"
    );
}

#[test]
fn a_meeting_without_subject_says_so_and_a_long_agenda_numbers_its_pages() {
    let f = term5();
    let m = meeting(&f.store, "2021-05-12 14:00");
    for i in 0..45 {
        f.store
            .add_agenda_item(
                m.meeting.id,
                &AgendaItemDraft {
                    kind: AgendaItemKind::Other,
                    title: Some(format!("Mededeling {i} over de regionale aanpak")),
                    duration_minutes: 2,
                    presenter: None,
                    confidential: false,
                },
            )
            .unwrap();
    }
    let path = f.dir.path().join("agenda.pdf");
    write_atomically(
        &path,
        &agenda_pdf(&f.store, m.meeting.id, Audience::Internal).unwrap(),
    )
    .unwrap();
    let text = poppler("pdftotext", &[], &path);
    assert!(text.contains("nog geen centraal onderwerp"), "{text}");
    assert_eq!(pages(&path), 2);
    assert!(text.contains("Pagina 2 van 2"));
}

/// A held meeting with attendance (one seat represented), Markdown minutes
/// that also try to inject Typst, a decision and an action.
pub fn minuted() -> Planned {
    let f = term5();
    let s = subject(&f.store, "Arbeidsuitbuiting", &[]);
    let m = taskforce_dev::fixture::held_meeting(&f, "2021-05-12 14:00", s.id);
    let om = taskforce_dev::fixture::seat_id(&f.store, "Openbaar Ministerie");
    let kmar = taskforce_dev::fixture::seat_id(&f.store, "Koninklijke Marechaussee");
    f.store
        .set_attendance(m.meeting.id, om, AttendanceStatus::Present, None)
        .unwrap();
    f.store
        .set_attendance(
            m.meeting.id,
            kmar,
            AttendanceStatus::Represented,
            Some("kolonel P. Smit"),
        )
        .unwrap();
    f.store
        .set_minutes(m.meeting.id, "## Bespreking\n\nDe *coördinatie* loopt **moeizaam**.\n\n- eerste punt\n- tweede punt\n\n#set page(width: 1cm)\n", None)
        .unwrap();
    f.store
        .add_decision(m.meeting.id, "Een werkgroep wordt ingesteld")
        .unwrap();
    f.store
        .add_action(
            m.meeting.id,
            "Notitie opstellen",
            &ActionOwner::Secretariat,
            Some(taskforce_dev::fixture::day(2021, 6, 1)),
        )
        .unwrap();
    Planned {
        meeting: m.meeting.id,
        f,
    }
}

#[test]
fn the_minutes_render_markdown_attendance_decisions_and_actions() {
    let Planned { f, meeting } = minuted();
    let path = f.dir.path().join("verslag.pdf");
    write_atomically(
        &path,
        &taskforce_export::pdf::minutes_pdf(&f.store, meeting).unwrap(),
    )
    .unwrap();
    let text = poppler("pdftotext", &[], &path);
    // Table cells wrap; compare with white space folded.
    let flat = flat(&text);
    for expected in [
        "Verslag",
        "woensdag 12 mei 2021",
        "concept",
        "aanwezig",
        "vertegenwoordigd door kolonel P. Smit",
        "Bespreking",
        "De coördinatie loopt moeizaam.",
        "• eerste punt",
        "#set page(width: 1cm)",
        "TF5-2021-01",
        "Een werkgroep wordt ingesteld",
        "Notitie opstellen",
        "01-06-2021",
    ] {
        assert!(flat.contains(expected), "'{expected}' missing:\n{text}");
    }
    assert!(
        !text.contains("## Bespreking") && !text.contains("*coördinatie*"),
        "Markdown rendered, not shown"
    );
    assert!(
        pages(&path) <= 2,
        "user text could not change the page setup"
    );
}

/// Decisions and actions tied to an agenda item stand under it in the
/// minutes, in the agenda's order; what is not tied follows as before.
#[test]
fn the_minutes_show_decisions_and_actions_under_their_agenda_item() {
    let Planned { f, meeting } = minuted();
    let store = &f.store;
    let central = store
        .planned_agenda(meeting)
        .unwrap()
        .items
        .into_iter()
        .find(|p| p.item.kind == AgendaItemKind::CentralSubject)
        .unwrap()
        .item;
    let decision = store.decisions_of_meeting(meeting).unwrap()[0].id;
    let action = store.actions_of_meeting(meeting).unwrap()[0].id;
    store.set_decision_item(decision, Some(central.id)).unwrap();
    store.set_action_item(action, Some(central.id)).unwrap();
    store
        .add_decision(meeting, "Los besluit zonder agendapunt")
        .unwrap();
    let path = f.dir.path().join("verslag.pdf");
    write_atomically(
        &path,
        &taskforce_export::pdf::minutes_pdf(store, meeting).unwrap(),
    )
    .unwrap();
    let text = flat(&poppler("pdftotext", &[], &path));
    taskforce_dev::fixture::assert_in_order(
        &text,
        &[
            "Besluiten en acties per agendapunt",
            &format!("{}. {}", central.position, central.title),
            "TF5-2021-01",
            "Een werkgroep wordt ingesteld",
            "Notitie opstellen",
            "Overige besluiten",
            "Los besluit zonder agendapunt",
        ],
    );
    assert!(
        !text.contains("Overige acties") && !text.contains("Geen acties"),
        "{text}"
    );

    // Word says the same, in the same order (read through LibreOffice).
    let word = f.dir.path().join("verslag.docx");
    write_atomically(
        &word,
        &taskforce_export::docx::minutes_docx(store, meeting).unwrap(),
    )
    .unwrap();
    let text = flat(&poppler(
        "pdftotext",
        &[],
        &crate::docx::libreoffice_to_pdf(&word),
    ));
    taskforce_dev::fixture::assert_in_order(
        &text,
        &[
            "Besluiten en acties per agendapunt",
            &format!("{}. {}", central.position, central.title),
            "Een werkgroep wordt ingesteld",
            "Notitie opstellen",
            "Overige besluiten",
            "Los besluit zonder agendapunt",
        ],
    );
}

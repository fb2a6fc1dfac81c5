#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Export benchmarks (docs/design.md §6, issue #4): a warm two-page agenda PDF,
//! the term report of a full term of the ten-year data set, its Word
//! counterparts, and the `.ics` of a whole term. "Warm" means the Typst
//! engine and fonts are loaded, as they are after the first export in a
//! session; the first (cold) export is measured once and recorded too.

mod common;

use common::{open, record};
use criterion::{criterion_group, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};
use taskforce::domain::*;
use taskforce::Store;
use taskforce_export::{docx, ics, pdf, report, Audience};

/// A meeting of the data set with agenda items added until its agenda runs
/// onto a second page, in a private copy of the database.
fn two_page_agenda(store: &Store) -> Id {
    let last_term = store.terms().unwrap().last().unwrap().number;
    let draft = MeetingDraft {
        term_number: last_term,
        starts_at: store
            .term(last_term)
            .unwrap()
            .ends_on
            .and_hms_opt(12, 0, 0)
            .unwrap()
            .and_utc()
            - chrono::Duration::days(2),
        ends_at: store
            .term(last_term)
            .unwrap()
            .ends_on
            .and_hms_opt(15, 0, 0)
            .unwrap()
            .and_utc()
            - chrono::Duration::days(2),
        location: "Den Haag".into(),
    };
    let meeting = store
        .add_meeting(&draft, NewAgenda::FromTemplate)
        .unwrap()
        .meeting
        .id;
    let subject = store.subjects(&SubjectFilter::default()).unwrap()[3].id;
    store.set_meeting_subject(meeting, Some(subject)).unwrap();
    // Items until the agenda runs onto a second page, as a long one does.
    let mut n = 0;
    while pages(&pdf::agenda_pdf(store, meeting, Audience::Internal).unwrap()) < 2 {
        for _ in 0..3 {
            n += 1;
            store
                .add_agenda_item(
                    meeting,
                    &AgendaItemDraft {
                        kind: AgendaItemKind::Other,
                        title: Some(format!(
                            "Mededeling {n}: voortgang van de regionale aanpak in de tuinbouw"
                        )),
                        duration_minutes: 3,
                        presenter: Some("Secretariaat".into()),
                        confidential: false,
                    },
                )
                .unwrap();
        }
    }
    meeting
}

/// The page count, read by poppler's `pdfinfo` (the page tree may sit in a
/// compressed object stream, out of reach of a byte search).
fn pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("count.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (apt install poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
        .unwrap_or(0)
}

fn exports(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = common::ten_years_copy(dir.path());
    let store = open(&copy);

    // The first export in a process also loads the engine and its fonts.
    let last = store.terms().unwrap().last().unwrap().number;
    let any = store.meetings(last).unwrap()[0].meeting.id;
    let started = Instant::now();
    pdf::agenda_pdf(&store, any, Audience::Internal).unwrap();
    record(
        "agenda PDF cold (first in process)",
        started.elapsed().as_secs_f64() * 1000.0,
        "ms",
    );
    let meeting = two_page_agenda(&store);
    let first = pdf::agenda_pdf(&store, meeting, Audience::Internal).unwrap();
    record("agenda PDF pages", pages(&first) as f64, "pages");

    let mut group = c.benchmark_group("export");
    group.bench_function("agenda PDF, 2 pages (warm)", |b| {
        b.iter(|| black_box(pdf::agenda_pdf(&store, meeting, Audience::Internal).unwrap()))
    });
    group.bench_function("agenda Word, 2 pages", |b| {
        b.iter(|| black_box(docx::agenda_docx(&store, meeting, Audience::Internal).unwrap()))
    });
    let held = store
        .term_plan(store.terms().unwrap().last().unwrap().number)
        .unwrap()
        .meetings
        .iter()
        .find(|m| m.meeting.status == MeetingStatus::Held)
        .unwrap()
        .meeting
        .id;
    group.bench_function("minutes PDF (200 paragraphs)", |b| {
        b.iter(|| black_box(pdf::minutes_pdf(&store, held).unwrap()))
    });
    let last_term = store.terms().unwrap().last().unwrap().number;
    group.bench_function("ICS, whole term", |b| {
        b.iter(|| black_box(ics::term_ics(&store, last_term).unwrap()))
    });
    group.finish();

    // The term report of the busiest term of the data set (~160 meetings,
    // 6,000 actions, every open action listed) runs to dozens of pages; the
    // budget is for ten, so the same report cut to ten pages (fewer meetings,
    // decisions and open actions listed) is measured as well.
    let busiest = store
        .terms()
        .unwrap()
        .iter()
        .max_by_key(|t| store.meetings(t.number).map(|m| m.len()).unwrap_or(0))
        .unwrap()
        .number;
    let data = report::term_report_data(&store, busiest).unwrap();
    let full_pages = pages(&pdf::term_report_pdf(&data, store.now()).unwrap());
    record(
        "term report (busiest term) pages",
        full_pages as f64,
        "pages",
    );
    let mut ten = report::term_report_data(&store, busiest).unwrap();
    while pages(&pdf::term_report_pdf(&ten, store.now()).unwrap()) > 10 {
        let keep = |n: usize| n.saturating_sub(n / 10 + 1);
        ten.open_actions.truncate(keep(ten.open_actions.len()));
        ten.decisions.truncate(keep(ten.decisions.len()));
        ten.meetings.truncate(keep(ten.meetings.len()).max(1));
    }
    let ten_pages = pages(&pdf::term_report_pdf(&ten, store.now()).unwrap());
    record("term report (cut) pages", ten_pages as f64, "pages");
    let mut group = c.benchmark_group("export");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(15));
    group.bench_function("term report data (busiest term)", |b| {
        b.iter(|| black_box(report::term_report_data(&store, busiest).unwrap()))
    });
    group.bench_function(format!("term report PDF, {ten_pages} pages"), |b| {
        b.iter(|| black_box(pdf::term_report_pdf(&ten, store.now()).unwrap()))
    });
    group.bench_function(
        format!("term report PDF, busiest term ({full_pages} pages)"),
        |b| b.iter(|| black_box(pdf::term_report_pdf(&data, store.now()).unwrap())),
    );

    // The meeting pack with 10 papers of 10 pages each (issue #13): the
    // 10-page report as each paper, made distinct by a trailing comment so
    // the content-addressed store keeps ten.
    let paper = pdf::term_report_pdf(&ten, store.now()).unwrap();
    record("pack paper pages", pages(&paper) as f64, "pages");
    let folder = tempfile::tempdir().unwrap();
    for n in 1..=10 {
        let path = folder.path().join(format!("stuk-{n}.pdf"));
        let mut bytes = paper.clone();
        bytes.extend_from_slice(format!("\n% stuk {n}\n").as_bytes());
        std::fs::write(&path, bytes).unwrap();
        store
            .attach_document(
                &path,
                DocumentTarget::Meeting(meeting),
                DocumentKind::MeetingPaper,
                Some(&format!("Vergaderstuk {n}")),
                false,
            )
            .unwrap();
    }
    let pack = taskforce_export::pack::meeting_pack(&store, meeting, Audience::Internal).unwrap();
    assert!(pack.warnings.is_empty() && pack.attachments.is_empty());
    record("pack pages", pages(&pack.pdf) as f64, "pages");
    group.bench_function("meeting pack, 10 papers of 10 pages", |b| {
        b.iter(|| {
            black_box(
                taskforce_export::pack::meeting_pack(&store, meeting, Audience::Internal).unwrap(),
            )
        })
    });

    // The invitation drafts of the same meeting (issue #13): one for every
    // member with an address, one per invited partner — three here — each
    // with its own pack (internal, or external with the partner's letter)
    // and calendar invitation.
    store
        .set_mail_settings(
            &MailSettings {
                sender_name: "Secretariaat Taskforce".into(),
                sender_email: "secretariaat@taskforce-mensenhandel.nl".into(),
                ..MailSettings::default()
            },
            None,
        )
        .unwrap();
    let term = store.meeting(meeting).unwrap().term_number;
    for (n, seat) in store.seats(term).unwrap().into_iter().enumerate() {
        let mut draft = seat.draft();
        draft.email = Some(format!("lid{n}@taskforce.example"));
        store.update_seat(seat.id, &draft, None).unwrap();
    }
    for (n, partner) in store.partners(3, 0).unwrap().into_iter().enumerate() {
        store
            .update_partner(
                partner.id,
                &PartnerDraft {
                    organisation: partner.organisation.clone(),
                    contact_name: partner.contact_name.clone(),
                    email: Some(format!("partner{n}@example.nl")),
                    phone: partner.phone.clone(),
                    notes: partner.notes.clone(),
                    tags: partner.tags.clone(),
                },
                None,
            )
            .unwrap();
        let invitation = store.propose_partner(meeting, partner.id).unwrap();
        store
            .set_invitation_reason(invitation.id, "Uw kennis van de tuinbouw.")
            .unwrap();
    }
    let drafts = taskforce_export::drafts::meeting_drafts(&store, meeting).unwrap();
    record("invitation drafts", drafts.drafts.len() as f64, "drafts");
    group.bench_function(
        "invitation drafts, members and 3 partners, with packs",
        |b| {
            b.iter(|| black_box(taskforce_export::drafts::meeting_drafts(&store, meeting).unwrap()))
        },
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = exports
}

fn main() {
    common::ten_years_encrypted();
    benches();
    Criterion::default().configure_from_args().final_summary();
}

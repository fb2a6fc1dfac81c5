#![allow(clippy::unwrap_used)] // a bench: a failed step is the failure it reports
//! The meeting cycle's bulk steps on the ten-year data set
//! (docs/design.md §6): reading 50 calendar reply e-mails in one go
//! (budget ≤ 1 s), finding who is due a reminder (as a list screen's
//! first read, ≤ 50 ms), and an old list of 2,000 rows read and previewed
//! (≤ 300 ms) and imported (≤ 2 s). The e-mails are written by Python's `icalendar` and
//! `email`, as a member's mail program would; every run registers all 50
//! (the answers alternate between accepted and declined), so nothing is
//! skipped as already registered.

mod common;

use common::{open, ten_years_copy};
use criterion::{criterion_group, Criterion};
use std::time::Duration;
use taskforce::domain::*;
use taskforce::spreadsheet::read_sheet;
use taskforce_dev::fixture::write_with;

const REPLIES: usize = 50;

fn read_replies(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&ten_years_copy(dir.path()));
    let term = store
        .terms()
        .unwrap()
        .into_iter()
        .max_by_key(|t| t.number)
        .unwrap();
    let meeting = store
        .meetings(term.number)
        .unwrap()
        .into_iter()
        .find(|m| m.meeting.status != MeetingStatus::Cancelled)
        .unwrap();
    let seats = store.seats(term.number).unwrap();
    for (n, seat) in seats.iter().enumerate() {
        let mut draft = seat.draft();
        draft.email = Some(format!("lid{n}@example.org"));
        store.update_seat(seat.id, &draft, None).unwrap();
    }
    let accepted: Vec<ReplyFile> = (0..REPLIES)
        .map(|n| {
            let out = dir.path().join(format!("antwoord-{n}.eml"));
            write_with(
                "itip_reply.py",
                "icalendar",
                &serde_json::json!({
                    "out": out, "format": "eml-outlook",
                    "uid": meeting.calendar_uid(), "sequence": meeting.meeting.sequence,
                    "dtstamp": format!("2021010{}T{:02}0000Z", 1 + n % 9, n % 24),
                    "attendee": {"address": format!("lid{}@example.org", n % seats.len()),
                                 "cn": format!("Lid {n}"), "partstat": "ACCEPTED"},
                }),
            );
            ReplyFile {
                name: format!("antwoord-{n}.eml"),
                bytes: std::fs::read(&out).unwrap(),
            }
        })
        .collect();
    let declined: Vec<ReplyFile> = accepted
        .iter()
        .map(|f| ReplyFile {
            name: f.name.clone(),
            bytes: String::from_utf8(f.bytes.clone())
                .unwrap()
                .replace("PARTSTAT=ACCEPTED", "PARTSTAT=DECLINED")
                .into_bytes(),
        })
        .collect();
    let mut group = c.benchmark_group("cycle");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(20));
    let mut flip = false;
    group.bench_function("read 50 reply e-mails", |b| {
        b.iter(|| {
            flip = !flip;
            let files = if flip { &accepted } else { &declined };
            let read = store
                .read_calendar_replies(files, Some(meeting.meeting.id))
                .unwrap();
            assert!(read.registered > 0, "{read:?}");
        })
    });
    group.finish();
}

/// Who is due a reminder, with every open action's history: what the
/// action screen's reminders section asks on opening.
fn reminders(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&ten_years_copy(dir.path()));
    let mut group = c.benchmark_group("cycle");
    group.bench_function("reminders (every owner with open actions)", |b| {
        b.iter(|| store.reminders(false).unwrap())
    });
    group.finish();
}

/// An old partner list of 2,000 rows, as LibreOffice writes it (.xlsx from
/// a CSV): read and previewed, and read and imported into a record that
/// has none of them yet.
fn import_list(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv = dir.path().join("partners.csv");
    let mut text = String::from("Organisatie;Contactpersoon;E-mailadres;Telefoon;Opmerkingen\n");
    for n in 0..ROWS {
        text.push_str(&format!(
            "Organisatie {n};Persoon {n};persoon{n}@organisatie{n}.nl;070-{n:07};Uit de lijst van 2019\n"
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let xlsx = taskforce_dev::fixture::libreoffice_convert(&csv, "xlsx", Some("CSV:59,34,76,1"));
    let mut group = c.benchmark_group("cycle");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let store = taskforce_dev::fixture::empty().store;
    group.bench_function("import preview, 2000 spreadsheet rows", |b| {
        b.iter(|| {
            let sheet = read_sheet(&xlsx).unwrap();
            let preview = store
                .preview_import(ImportKind::Partners, &sheet, None)
                .unwrap();
            assert_eq!(preview.new as usize, ROWS);
        })
    });
    group.bench_function("import 2000 spreadsheet rows", |b| {
        b.iter_batched(
            taskforce_dev::fixture::empty,
            |fresh| {
                let sheet = read_sheet(&xlsx).unwrap();
                let done = fresh
                    .store
                    .import_list(ImportKind::Partners, &sheet, None, Duplicates::Skip)
                    .unwrap();
                assert_eq!(done.added as usize, ROWS);
                fresh
            },
            criterion::BatchSize::PerIteration,
        )
    });
    group.finish();
}

const ROWS: usize = 2000;

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = read_replies, reminders, import_list
}

fn main() {
    common::ten_years();
    benches();
    Criterion::default().configure_from_args().final_summary();
}

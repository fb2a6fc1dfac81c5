#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Store benchmarks on the ten-year data set (docs/design.md §6): opening and
//! migrating, saving one form with synchronous=FULL, the first page of every
//! list screen, the action list with filters, full-text search, backup.
//! Criterion gives the typical time; the percentile budgets (save p99,
//! search p95) are measured over many single calls at the end.

mod common;

use common::{open, percentiles, record, ten_years_copy, ten_years_encrypted, SEARCHES};
use criterion::{criterion_group, BatchSize, Criterion};
use std::hint::black_box;
use std::time::{Duration, Instant};
use taskforce::domain::*;

const PAGE: u32 = 50;

fn open_and_migrate(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut n = 0;
    c.bench_function("open/new database (create + migrate)", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("new-{n}.sqlite3"))
            },
            |path| black_box(open(&path)),
            BatchSize::PerIteration,
        )
    });
    // The ten-year database as the app finds it after a clean close
    // (sealed: no full check) and after a crash or a copy (checked in full).
    let copy = common::ten_years_copy(dir.path());
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    group.bench_function("ten-year database, sealed at close", |b| {
        b.iter_batched(
            || open(&copy).seal().expect("seal"),
            |()| black_box(open(&copy)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("ten-year database, full check (not sealed)", |b| {
        b.iter(|| black_box(open(&copy)))
    });
    group.finish();
}

fn lists(c: &mut Criterion) {
    let store = open(&ten_years_encrypted());
    let last_term = store.terms().expect("terms").last().expect("a term").number;
    let mut group = c.benchmark_group("list");
    group.bench_function("overview", |b| {
        b.iter(|| black_box(store.overview().unwrap()))
    });
    group.bench_function("planner (term plan)", |b| {
        b.iter(|| black_box(store.term_plan(last_term).unwrap()))
    });
    group.bench_function("subjects (all)", |b| {
        b.iter(|| black_box(store.subjects(&SubjectFilter::default()).unwrap()))
    });
    group.bench_function("partners (first page)", |b| {
        b.iter(|| black_box(store.partners(PAGE, 0).unwrap()))
    });
    group.bench_function("actions (first page, open)", |b| {
        b.iter(|| {
            black_box(
                store
                    .actions(&ActionFilter {
                        status: Some(ActionStatus::Open),
                        limit: Some(PAGE),
                        ..ActionFilter::default()
                    })
                    .unwrap(),
            )
        })
    });
    group.bench_function("actions (first page, all)", |b| {
        b.iter(|| {
            black_box(
                store
                    .actions(&ActionFilter {
                        limit: Some(PAGE),
                        ..ActionFilter::default()
                    })
                    .unwrap(),
            )
        })
    });
    group.bench_function("actions (secretariat, overdue)", |b| {
        b.iter(|| {
            black_box(
                store
                    .actions(&ActionFilter {
                        owner: Some(ActionOwner::Secretariat),
                        overdue_on: Some(store.today()),
                        limit: Some(PAGE),
                        ..ActionFilter::default()
                    })
                    .unwrap(),
            )
        })
    });
    let meeting = store
        .term_plan(last_term)
        .unwrap()
        .meetings
        .last()
        .unwrap()
        .meeting
        .id;
    group.bench_function("meeting screen (detail, agenda, actions)", |b| {
        b.iter(|| {
            black_box(store.meeting(meeting).unwrap());
            black_box(store.planned_agenda(meeting).unwrap());
            black_box(store.action_list_for_meeting(meeting).unwrap());
            black_box(store.attendance(meeting).unwrap());
            black_box(store.invitations(meeting).unwrap());
        })
    });
    group.finish();
    let mut group = c.benchmark_group("search");
    for (kind, word) in SEARCHES {
        group.bench_function(format!("{kind} word ({word})"), |b| {
            b.iter(|| black_box(store.search(word, 50).unwrap()))
        });
    }
    group.finish();
}

fn save(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&ten_years_copy(dir.path()));
    let subject = store.subjects(&SubjectFilter::default()).unwrap()[0].clone();
    let mut n = 0u32;
    c.bench_function("save/one subject form (synchronous=FULL)", |b| {
        b.iter(|| {
            n += 1;
            black_box(
                store
                    .update_subject(
                        subject.id,
                        &SubjectDraft {
                            title: subject.title.clone(),
                            kind: subject.kind,
                            description: format!("{} ({n})", subject.description),
                            confidential: subject.confidential,
                            tags: subject.tags.clone(),
                        },
                        None,
                    )
                    .unwrap(),
            )
        })
    });
}

fn backup(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&ten_years_encrypted());
    let mut group = c.benchmark_group("backup");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("ten-year database (online backup API)", |b| {
        b.iter(|| store.backup_to(&dir.path().join("backup.sqlite3")).unwrap())
    });
    group.finish();
}

/// The percentile budgets: many single calls, each timed.
fn tails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = open(&ten_years_copy(dir.path()));
    let subject = store.subjects(&SubjectFilter::default()).unwrap()[1].clone();
    let mut saves = Vec::new();
    for n in 0..1000 {
        let draft = SubjectDraft {
            title: subject.title.clone(),
            kind: subject.kind,
            description: format!("{} ({n})", subject.description),
            confidential: subject.confidential,
            tags: subject.tags.clone(),
        };
        let started = Instant::now();
        store.update_subject(subject.id, &draft, None).unwrap();
        saves.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let (p50, _, p99, _) = percentiles(saves);
    record("save one form p50", p50, "ms");
    record("save one form p99", p99, "ms");
    // Undo: the last save taken back row for row (each step checked against
    // the rows as they are), timed alone after an untimed save.
    let mut undos = Vec::new();
    for n in 0..500 {
        let draft = SubjectDraft {
            title: subject.title.clone(),
            kind: subject.kind,
            description: format!("{} (ongedaan {n})", subject.description),
            confidential: subject.confidential,
            tags: subject.tags.clone(),
        };
        store.update_subject(subject.id, &draft, None).unwrap();
        let started = Instant::now();
        store.undo_last().unwrap();
        undos.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let (_, _, p99, _) = percentiles(undos);
    record("undo one form p99", p99, "ms");
    for (kind, word) in SEARCHES {
        let mut times = Vec::new();
        for _ in 0..200 {
            let started = Instant::now();
            black_box(store.search(word, 50).unwrap());
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        let (_, p95, _, max) = percentiles(times);
        record(&format!("search {kind} word p95"), p95, "ms");
        record(&format!("search {kind} word max"), max, "ms");
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = open_and_migrate, lists, save, backup
}

fn main() {
    // Generate before anything is timed.
    common::ten_years_encrypted();
    benches();
    if std::env::args().all(|a| a != "--list") {
        tails();
    }
    Criterion::default().configure_from_args().final_summary();
}

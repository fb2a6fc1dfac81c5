#![allow(clippy::unwrap_used)] // a benchmark: a failed step is the failure it reports
//! The shared server's budgets (docs/server.md), on the PostgreSQL server
//! `scripts/bench` starts with `pg_virtualenv`: the ten-year data set
//! generated onto a fresh database through the store (as a secretariat
//! would have made it), then many single calls, each timed — search, saving
//! a form (with the revision check a window makes), the planner, a change
//! heard by another window, and five colleagues saving at once. Each
//! figure goes to `target/bench-data/figures.jsonl` for the report.

mod common;

use common::{percentiles, record, SEARCHES};
use std::hint::black_box;
use std::time::{Duration, Instant};
use taskforce::domain::*;
use taskforce::store::server::scratch::Scratch;
use taskforce::Store;
use taskforce_dev::synthetic::{generate, Size};

fn millis(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn draft_of(subject: &Subject, n: u32) -> SubjectDraft {
    SubjectDraft {
        title: subject.title.clone(),
        kind: subject.kind,
        description: format!("{} ({n})", subject.description),
        confidential: subject.confidential,
        tags: subject.tags.clone(),
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let Some(scratch) = Scratch::create() else {
        return;
    };
    let clock = common::clock();
    let store = Store::open_server(&scratch.address(), clock.clone()).unwrap();
    let started = Instant::now();
    generate(
        &store,
        &clock,
        common::SEED,
        Size::TEN_YEARS,
        common::until(),
        &mut |step| {
            eprintln!(
                "server data set: {step} ({:.0} s)",
                started.elapsed().as_secs_f64()
            )
        },
    )
    .unwrap();
    record(
        "server: generating ten years through the store",
        started.elapsed().as_secs_f64(),
        "s",
    );

    for (kind, word) in SEARCHES {
        let mut times = Vec::new();
        for _ in 0..200 {
            let started = Instant::now();
            black_box(store.search(word, 50).unwrap());
            times.push(millis(started));
        }
        let (_, p95, _, max) = percentiles(times);
        record(&format!("server search {kind} word p95"), p95, "ms");
        record(&format!("server search {kind} word max"), max, "ms");
    }

    let subjects = store.subjects(&SubjectFilter::default()).unwrap();
    let subject = subjects[1].clone();
    let mut saves = Vec::new();
    let mut revision = subject.revision;
    for n in 0..1000 {
        let started = Instant::now();
        let saved = store
            .update_subject(subject.id, &draft_of(&subject, n), Some(revision))
            .unwrap();
        saves.push(millis(started));
        revision = saved.revision;
    }
    let (p50, _, p99, _) = percentiles(saves);
    record("server save one form p50", p50, "ms");
    record("server save one form p99", p99, "ms");

    let last_term = store.terms().unwrap().last().unwrap().number;
    let mut plans = Vec::new();
    for _ in 0..100 {
        let started = Instant::now();
        black_box(store.term_plan(last_term).unwrap());
        plans.push(millis(started));
    }
    let (_, p95, _, _) = percentiles(plans);
    record("server planner (term plan) p95", p95, "ms");

    // A colleague saves; this window's listener hears it.
    let colleague = Store::open_server(&scratch.address(), clock.clone()).unwrap();
    let mut changes = store.changes().unwrap().unwrap();
    let mut heard = Vec::new();
    for n in 0..100 {
        let shown = colleague.subject(subject.id).unwrap();
        let started = Instant::now();
        colleague
            .update_subject(subject.id, &draft_of(&subject, 5000 + n), None)
            .unwrap();
        assert!(changes.wait(Duration::from_secs(5)).unwrap(), "heard");
        heard.push(millis(started));
        black_box(shown);
    }
    let (_, _, p99, max) = percentiles(heard);
    record("server change heard by another window p99", p99, "ms");
    record("server change heard by another window max", max, "ms");

    // Five colleagues, each on a connection of their own, saving their own
    // subject 200 times at once (every save takes the one write lock).
    let writers: Vec<_> = (0..5)
        .map(|w| {
            let address = scratch.address();
            let clock = clock.clone();
            let subject = subjects[10 + w].clone();
            std::thread::spawn(move || {
                let store = Store::open_server(&address, clock).unwrap();
                let mut times = Vec::new();
                let mut errors = 0;
                let mut revision = subject.revision;
                for n in 0..200 {
                    let started = Instant::now();
                    match store.update_subject(subject.id, &draft_of(&subject, n), Some(revision)) {
                        Ok(saved) => revision = saved.revision,
                        Err(e) => {
                            eprintln!("writer {w}: {e}");
                            errors += 1;
                        }
                    }
                    times.push(millis(started));
                }
                (times, errors)
            })
        })
        .collect();
    let (mut times, mut errors) = (Vec::new(), 0);
    for writer in writers {
        let (t, e) = writer.join().unwrap();
        times.extend(t);
        errors += e;
    }
    let (_, _, p99, _) = percentiles(times);
    record("server five writers at once p99", p99, "ms");
    record("server five writers at once errors", f64::from(errors), "");
}

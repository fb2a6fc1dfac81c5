//! The list screens' queries use indexes: on a synthetic history, every read
//! the hot use cases make is explained by SQLite, and none may read one of
//! the large tables from end to end.

use std::sync::Arc;
use taskforce::domain::*;
use taskforce::{FixedClock, Store};
use taskforce_dev::fixture::{at, day};
use taskforce_dev::synthetic::{generate, Size};

/// Tables that grow with the years; small ones (terms, seats, tags) may be scanned.
const LARGE: [&str; 12] = [
    "meetings",
    "subjects",
    "partners",
    "invitations",
    "attendance",
    "minutes",
    "decisions",
    "actions",
    "action_events",
    "agenda_items",
    "audit_log",
    "subject_tags",
];

#[test]
fn the_hot_queries_read_no_large_table_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(at(2026, 7, 1, 9, 0)));
    let store = Store::open(&dir.path().join("s.sqlite3"), clock.clone()).unwrap();
    generate(
        &store,
        &clock,
        3,
        Size::TEN_YEARS.divided_by(25),
        day(2026, 6, 30),
        &mut |_| {},
    )
    .unwrap();
    let term = store.current_term().unwrap().unwrap().number;
    let meeting = store
        .term_plan(term)
        .unwrap()
        .meetings
        .last()
        .unwrap()
        .meeting
        .id;
    let plans = store
        .query_plans(|s| {
            s.overview()?;
            s.term_plan(term)?;
            s.subjects(&SubjectFilter {
                limit: Some(100),
                ..SubjectFilter::default()
            })?;
            s.subjects(&SubjectFilter {
                backlog: true,
                limit: Some(100),
                ..SubjectFilter::default()
            })?;
            s.partners(50, 0)?;
            s.partners(50, 100)?;
            s.actions(&ActionFilter {
                limit: Some(50),
                ..ActionFilter::default()
            })?;
            s.actions(&ActionFilter {
                status: Some(ActionStatus::Open),
                limit: Some(50),
                ..ActionFilter::default()
            })?;
            s.actions(&ActionFilter {
                owner: Some(ActionOwner::Secretariat),
                overdue_on: Some(day(2026, 7, 1)),
                limit: Some(50),
                ..ActionFilter::default()
            })?;
            s.meeting(meeting)?;
            s.planned_agenda(meeting)?;
            s.action_list_for_meeting(meeting)?;
            s.actions_of_meeting(meeting)?;
            s.attendance(meeting)?;
            s.invitations(meeting)?;
            s.decisions_of_meeting(meeting)?;
            s.minutes(meeting)?;
            s.search("tuinbouw", 50)?;
            Ok(())
        })
        .unwrap();
    if std::env::var_os("SHOW_PLANS").is_some() {
        for plan in &plans {
            eprintln!("{}\n  {}\n", plan.sql, plan.steps.join("\n  "));
        }
    }
    assert!(plans.len() > 10, "the use cases' reads were recorded");
    let offenders: Vec<String> = plans
        .iter()
        .flat_map(|plan| {
            plan.full_scans()
                .into_iter()
                .filter(|table| {
                    LARGE
                        .iter()
                        .any(|large| table == large || table.starts_with(&format!("{large} ")))
                })
                .map(move |table| {
                    format!(
                        "SCAN {table} in:\n  {}\n  {}",
                        plan.sql,
                        plan.steps.join("\n  ")
                    )
                })
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "full scans of large tables:\n{}",
        offenders.join("\n\n")
    );
}

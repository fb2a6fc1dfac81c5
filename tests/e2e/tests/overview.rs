#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! The overview's overdue actions: the earliest few, the count of all, and a
//! link to the action list already filtered to them — on a folder set up
//! through the CLI of the same build, on today's real date.

use std::path::Path;
use taskforce_e2e::{run_cli, App};

/// Term 5 with a held meeting that agreed eight actions, seven due in 2021.
fn with_overdue_actions(data: &Path) {
    let db = data.join("taskforce.sqlite3");
    let run = |args: &[&str]| run_cli(&db, args);
    run(&[
        "term",
        "add",
        "--number",
        "5",
        "--start",
        "2020-03-01",
        "--end",
        "2023-03-01",
    ]);
    run(&["members", "seed"]);
    run(&[
        "subject",
        "add",
        "--title",
        "Arbeidsuitbuiting",
        "--kind",
        "fenomeen",
    ]);
    run(&[
        "meeting",
        "add",
        "--term",
        "5",
        "--start",
        "2021-05-12 14:00",
        "--end",
        "2021-05-12 16:00",
    ]);
    run(&["meeting", "set-subject", "1", "1"]);
    run(&["meeting", "schedule", "1"]);
    run(&["meeting", "hold", "1"]);
    for day in 1..=7 {
        let due = format!("2021-06-0{day}");
        let description = format!("Actie {day}");
        run(&[
            "action",
            "add",
            "1",
            "--description",
            &description,
            "--due",
            &due,
        ]);
    }
    // One not yet due, which the filtered list leaves out.
    run(&[
        "action",
        "add",
        "1",
        "--description",
        "Later",
        "--due",
        "2099-01-01",
    ]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_overview_shows_the_earliest_overdue_actions_and_leads_to_all() {
    let data = tempfile::tempdir().unwrap();
    with_overdue_actions(data.path());
    let app = App::launch_in(data).await;

    app.wait_for_text("#overdue-heading", "(7)").await;
    let shown = app.text("[data-testid=overdue-actions]").await;
    assert!(
        shown.contains("Actie 1") && shown.contains("Actie 5"),
        "{shown}"
    );
    assert!(!shown.contains("Actie 6"), "{shown}");
    assert_eq!(
        app.find_all("[data-testid=overdue-actions] li").await.len(),
        5
    );

    app.click("[data-testid=overdue-all]").await;
    app.wait_for_text("[data-testid=actions]", "Actie 7").await;
    assert_eq!(
        app.find_all("[data-testid=actions] tbody tr").await.len(),
        7
    );
    assert!(
        app.find("[data-testid=actions-overdue]")
            .await
            .is_selected()
            .await
            .unwrap(),
        "the list opens filtered to the overdue actions"
    );

    // The same way in English.
    app.click("[data-testid=switch-language]").await;
    app.open("overview").await;
    app.wait_for_text("[data-testid=overdue-all]", "All 7 in the action list")
        .await;
    app.close().await;
}

#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Taking mistakes back in the real window: a meeting that has not begun
//! offers no "held" and no attendance; a decision's typo is corrected and
//! the correction undone (button and Ctrl+Z); a mistaken decision removed;
//! a closed action reopened with its reason; a concept meeting removed —
//! in Dutch, then in English. On a folder set up by the CLI of this build.

use std::path::Path;
use taskforce_e2e::{run_cli, App};

fn with_a_held_meeting(data: &Path) {
    let db = data.join("taskforce.sqlite3");
    let run = |args: &[&str]| run_cli(&db, args);
    run(&["members", "seed"]);
    run(&[
        "subject",
        "add",
        "--title",
        "Arbeidsuitbuiting",
        "--kind",
        "fenomeen",
    ]);
    // Meeting 5 (14 April) comes before meeting 1 in time: its minutes,
    // with decision TF5-2021-02, were adopted at meeting 1.
    for date in [
        "2021-05-12",
        "2021-06-09",
        "2021-09-08",
        "2021-10-13",
        "2021-04-14",
    ] {
        run(&[
            "meeting",
            "add",
            "--term",
            "5",
            "--start",
            &format!("{date} 14:00"),
            "--end",
            &format!("{date} 16:00"),
        ]);
    }
    for meeting in ["1", "2", "5"] {
        run(&["meeting", "set-subject", meeting, "1"]);
        run(&["meeting", "schedule", meeting]);
    }
    run(&["meeting", "hold", "1"]);
    run(&["meeting", "hold", "5"]);
    run(&["decision", "add", "1", "Werkgroep tuinbowu"]);
    run(&["decision", "add", "5", "De campagne loopt tot 1 juli"]);
    run(&["minutes", "set", "5", "--text", "Verslag van april."]);
    run(&["minutes", "adopt", "5", "--at", "1"]);
    run(&[
        "action",
        "add",
        "1",
        "--description",
        "Notitie distributiecentra",
    ]);
    run(&["action", "done", "1"]);
}

/// Corrects the first decision's text and waits for the notice that offers
/// to undo it (`saved`, in the window's language).
async fn correct_first_decision(app: &App, text: &str, saved: &str) {
    app.click("[data-testid=decision-edit]").await;
    app.type_into("[data-testid=decision-edit-text]", text)
        .await;
    app.click("[data-testid=decision-save]").await;
    app.wait_for_text("[data-testid=undo-notice]", saved).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn mistakes_are_corrected_removed_and_undone_in_the_window() {
    let data = tempfile::tempdir().unwrap();
    with_a_held_meeting(data.path());
    // Thursday 3 June 2021: meeting 1 was held, meeting 2 is next week.
    let app = App::launch_in_at(data, "2021-06-03T08:00:00Z").await;

    // Meeting 2 has not begun: nothing to mark held, no attendance yet.
    app.go_to("#/meeting/2").await;
    app.wait_for_text("[data-testid=meeting-status]", "Gepland")
        .await;
    assert!(app.find_all("[data-testid=hold]").await.is_empty());
    assert!(app.find_all("[data-testid=attendance-1]").await.is_empty());

    // Meeting 1: the typo in its decision corrected, then undone.
    app.go_to("#/meeting/1").await;
    app.wait_for_text("[data-testid=decisions]", "tuinbowu")
        .await;
    correct_first_decision(&app, "Werkgroep tuinbouw", "Opgeslagen").await;
    app.wait_for_text("[data-testid=decisions]", "Werkgroep tuinbouw")
        .await;
    app.screenshot_of("19-correctie-ongedaan", "[data-testid=decisions]")
        .await;
    app.click("[data-testid=undo]").await;
    app.wait_for_text("[data-testid=decisions]", "tuinbowu")
        .await;
    app.wait_for_text("[data-testid=undo-notice]", "Ongedaan gemaakt")
        .await;

    // Again, and this time taken back with Ctrl+Z.
    correct_first_decision(&app, "Werkgroep tuinbouw", "Opgeslagen").await;
    app.wait_for_text("[data-testid=decisions]", "Werkgroep tuinbouw")
        .await;
    app.press_ctrl('z').await;
    app.wait_for_text("[data-testid=decisions]", "tuinbowu")
        .await;

    // An adopted decision changes only by a new one that amends it.
    app.type_into(
        "[data-testid=decision-text]",
        "De campagne loopt tot 1 oktober",
    )
    .await;
    app.set_value("[data-testid=decision-amends-select]", "2")
        .await;
    app.click("[data-testid=add-decision]").await;
    app.wait_for_text("[data-testid=decision-amends]", "amendeert TF5-2021-02")
        .await;

    // A decision recorded by mistake is removed (after a confirmation).
    app.type_into("[data-testid=decision-text]", "Verkeerd besluit")
        .await;
    app.click("[data-testid=add-decision]").await;
    app.wait_for_text("[data-testid=decisions]", "Verkeerd besluit")
        .await;
    app.click("[data-testid=decisions] li:last-child [data-testid=decision-remove]")
        .await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for_text_gone("[data-testid=decisions]", "Verkeerd")
        .await;

    // The action done too early is reopened, with its reason.
    app.click("[data-testid=action-reopen-1]").await;
    app.type_into("[data-testid=confirm-text]", "Te vroeg afgevinkt")
        .await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for_text("[data-testid=meeting-actions]", "Open")
        .await;
    // Open again, it is corrected: what it says, by when.
    app.click("[data-testid=action-edit-1]").await;
    app.type_into(
        "[data-testid=action-edit-description]",
        "Notitie over de aanpak in distributiecentra",
    )
    .await;
    app.type_into("[data-testid=action-edit-due]", "01-07-2021")
        .await;
    app.click("[data-testid=action-edit-save]").await;
    app.wait_for_text("[data-testid=meeting-actions]", "1 juli 2021")
        .await;
    app.wait_for_text(
        "[data-testid=meeting-actions]",
        "aanpak in distributiecentra",
    )
    .await;

    // Meeting 3, a concept nobody was told of, is removed.
    app.go_to("#/meeting/3").await;
    app.wait_for_text("[data-testid=meeting-status]", "Concept")
        .await;
    app.click("[data-testid=remove-meeting]").await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for("[data-testid=planner-meetings]").await;
    assert_eq!(
        app.find_all("[data-testid=planner-meetings] > li")
            .await
            .len(),
        4
    );

    // In English: the same corrections, in its words.
    app.click("[data-testid=switch-language]").await;
    app.go_to("#/meeting/2").await;
    app.wait_for_text("[data-testid=minutes-not-yet]", "has begun")
        .await;
    assert!(app.find_all("[data-testid=hold]").await.is_empty());
    app.go_to("#/meeting/4").await;
    app.wait_for_text("[data-testid=remove-meeting]", "Remove")
        .await;
    app.click("[data-testid=remove-meeting]").await;
    app.wait_for_text("[data-testid=confirm-dialog]", "Nobody has been told")
        .await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for("[data-testid=planner-meetings]").await;
    assert_eq!(
        app.find_all("[data-testid=planner-meetings] > li")
            .await
            .len(),
        3
    );
    app.go_to("#/meeting/1").await;
    app.wait_for_text("[data-testid=decision-edit]", "Edit")
        .await;
    correct_first_decision(&app, "Horticulture working group", "Saved").await;
    app.wait_for_text("[data-testid=undo]", "Undo").await;
    app.screenshot_of("19-undo-en", "[data-testid=decisions]")
        .await;
    app.click("[data-testid=undo]").await;
    app.wait_for_text("[data-testid=undo-notice]", "Undone")
        .await;
    app.wait_for_text("[data-testid=decisions]", "tuinbowu")
        .await;
    app.close().await;
}

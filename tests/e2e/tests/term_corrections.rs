#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Corrections around the term in the real window: shortening (*inkorten*)
//! refused below a meeting and then done; a subject used nowhere removed,
//! one used archived; a seat ended; an agenda past its meeting's end said;
//! an invitation withdrawn — in Dutch and English. Years later: the next
//! term proposed with the same numbering as a first start, the term that
//! lies between listed and recorded.

use std::path::Path;
use taskforce_e2e::{run_cli, App};

fn set_up(data: &Path) {
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
    run(&[
        "subject",
        "add",
        "--title",
        "Dubbel ingevoerd",
        "--kind",
        "casus",
    ]);
    run(&[
        "meeting",
        "add",
        "--term",
        "5",
        "--start",
        "2022-09-14 14:00",
        "--end",
        "2022-09-14 16:00",
    ]);
    run(&["meeting", "set-subject", "1", "1"]);
    for title in ["Presentatie FairWork", "Toelichting CoMensha"] {
        run(&[
            "agenda",
            "add",
            "1",
            "--kind",
            "overig",
            "--title",
            title,
            "--minutes",
            "15",
        ]);
    }
    run(&["partner", "add", "--organisation", "FairWork"]);
    run(&["invite", "add", "1", "1"]);
    run(&["invite", "set", "1", "invited"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_term_is_shortened_and_what_was_entered_by_mistake_taken_back() {
    let data = tempfile::tempdir().unwrap();
    set_up(data.path());
    let app = App::launch_in_at(data, "2022-06-01T08:00:00Z").await;

    // Inkorten: refused below the meeting of 14 September, then done.
    app.open("term").await;
    app.click("[data-testid=shorten-term-open]").await;
    app.wait_for_text("#extend-heading", "Termijn 5 inkorten")
        .await;
    app.type_into("[data-testid=extend-ends-on]", "01-07-2022")
        .await;
    app.click("[data-testid=extend-submit]").await;
    app.wait_for_text("[data-testid=extend-term]", "14 september 2022")
        .await;
    app.type_into("[data-testid=extend-ends-on]", "01-12-2022")
        .await;
    app.click("[data-testid=extend-submit]").await;
    app.wait_for_text("[data-testid=term-extensions]", "Ingekort van")
        .await;

    // A seat ends mid-term (no successor).
    app.click("[data-testid=seat-end-2]").await;
    app.type_into("[data-testid=confirm-text]", "01-06-2022")
        .await;
    app.click("[data-testid=confirm-yes]").await;
    app.click("[data-testid=confirm-no]").await;
    app.wait_for_text("[data-testid=seat-ended]", "beëindigd per")
        .await;

    // Subjects: the one used nowhere is removed, the central one archived.
    app.open("subjects").await;
    app.click("[data-testid=subject-remove-2]").await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for_text_gone("[data-testid=subjects]", "Dubbel")
        .await;
    app.click("[data-testid=subject-archive-1]").await;
    app.wait_for_text("[data-testid=subject-archived]", "Niet meer actueel")
        .await;

    // The meeting: its agenda runs past its end, which is said; the
    // partner's invitation is withdrawn.
    app.go_to("#/meeting/1").await;
    app.wait_for_text("[data-testid=agenda-warning]", "15 minuten uit")
        .await;
    app.click("[data-testid=invitation-withdraw]").await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for_text("[data-testid=invitation-status]", "Ingetrokken")
        .await;
    app.open("planner").await;
    app.wait_for_text(
        "[data-testid=planner-agenda-warning]",
        "loopt 15 minuten uit",
    )
    .await;

    // In English.
    app.click("[data-testid=switch-language]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=term-extensions]", "Shortened from")
        .await;
    app.wait_for_text("[data-testid=seat-ended]", "ended on")
        .await;
    app.go_to("#/meeting/1").await;
    app.wait_for_text("[data-testid=agenda-warning]", "runs 15 minutes past")
        .await;
    app.wait_for_text("[data-testid=invitation-status]", "Withdrawn")
        .await;
    app.open("subjects").await;
    app.wait_for_text("[data-testid=subject-archived]", "No longer current")
        .await;
    let data = app.close_keeping_data().await;

    // December 2026 (the window still in English, as it was left): term 5
    // is over; the next start proposes term 7 (as a first start would) and
    // lists term 6 — after the shortened term 5 — which lies between.
    let app = App::launch_in_at(data, "2026-12-06T10:00:00Z").await;
    app.open("term").await;
    app.click("[data-testid=start-next-term]").await;
    app.wait_for_text(
        "[data-testid=terms-between]",
        "Term 6: Thursday, 1 December 2022",
    )
    .await;
    assert_eq!(app.value("[data-testid=start-number]").await, "7");
    app.screenshot("20-terms-between-en").await;
    app.click("[data-testid=record-between-6]").await;
    app.wait_for_text_gone("[data-testid=terms-between]", "Term 6")
        .await;
    assert_eq!(app.value("[data-testid=start-number]").await, "7");
    app.close().await;
}

#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Two people on one record: a subject open in the window's form is changed
//! meanwhile by someone else (here the CLI, as a colleague on the shared
//! server would); saving the form is refused with who and when, the form
//! keeps what was typed, and the colleague's change stands.

use taskforce_e2e::{run_cli, App};

#[tokio::test(flavor = "multi_thread")]
async fn saving_over_a_colleagues_change_is_refused_and_the_form_keeps_the_typing() {
    let app = App::launch().await;
    let db = app.data_dir.path().join("taskforce.sqlite3");
    run_cli(
        &db,
        &[
            "subject",
            "add",
            "--title",
            "Casus Westland",
            "--kind",
            "casus",
        ],
    );
    app.open("subjects").await;
    app.wait_for_text("[data-testid=subjects]", "Casus Westland")
        .await;
    app.click("[data-testid=subject-edit-1]").await;
    app.set_value("#subject-title", "Casus Westland (kassen)")
        .await;

    run_cli(
        &db,
        &[
            "subject",
            "update",
            "1",
            "--title",
            "Casus Westland en Oostland",
            "--kind",
            "casus",
        ],
    );
    app.click("[data-testid=save-subject]").await;
    app.wait_for_text(
        "[data-testid=subject-form] [role=alert]",
        "intussen gewijzigd",
    )
    .await;
    assert_eq!(
        app.value("#subject-title").await,
        "Casus Westland (kassen)",
        "what was typed is still there"
    );
    app.screenshot_of(
        "33-intussen-gewijzigd",
        "[data-testid=subject-form] [role=alert]",
    )
    .await;

    // Opened anew, the colleague's version shows, and the change saves.
    app.click("[data-testid=subject-form] button.secondary")
        .await;
    app.wait_for_text("[data-testid=subjects]", "Casus Westland en Oostland")
        .await;
    app.click("[data-testid=subject-edit-1]").await;
    assert_eq!(
        app.value("#subject-title").await,
        "Casus Westland en Oostland"
    );
    app.set_value("#subject-title", "Casus Westland en Oostland (kassen)")
        .await;
    app.click("[data-testid=save-subject]").await;
    app.wait_for_text(
        "[data-testid=subjects]",
        "Casus Westland en Oostland (kassen)",
    )
    .await;
    app.close().await;
}

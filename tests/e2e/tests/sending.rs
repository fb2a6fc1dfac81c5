#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Sending out from the meeting screen: the secretariat's sender set in
//! Instellingen, the check of who the drafts reach and who not, the drafts
//! saved through the real folder dialog, and the to-do list following.

use std::path::Path;
use taskforce_e2e::{run_cli, App};

/// Term 5 with its seats, two of them with an address, a scheduled meeting
/// with its central subject, and a partner invited with a reason — set up
/// through the CLI of the same build.
fn prepared(data: &Path) {
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
        "members",
        "update",
        "1",
        "--organisation",
        "Ministerie van Justitie en Veiligheid",
        "--role",
        "de directeur-generaal Straffen en Beschermen",
        "--email",
        "dg@minjenv.nl",
    ]);
    run(&[
        "subject",
        "add",
        "--title",
        "Arbeidsuitbuiting in de vleessector",
        "--kind",
        "fenomeen",
    ]);
    run(&[
        "partner",
        "add",
        "--organisation",
        "FNV",
        "--contact",
        "Jan Bakker",
        "--email",
        "jan@fnv.nl",
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
        "--location",
        "Den Haag",
    ]);
    run(&["meeting", "set-subject", "1", "1"]);
    run(&["meeting", "schedule", "1"]);
    run(&["invite", "add", "1", "1"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn invitation_drafts_are_prepared_from_the_meeting_screen() {
    let data = tempfile::tempdir().unwrap();
    prepared(data.path());
    let app = App::launch_in(data).await;

    // Without a sender the check says what is missing.
    app.open("meeting").await;
    app.open("planner").await;
    app.click("[data-testid=open-meeting]").await;
    let refused = app
        .wait_for_text("[data-testid=sending-refused]", "afzenderadres")
        .await;
    assert!(refused.contains("Instellingen"), "{refused}");
    let to_do = app.text("[data-testid=to-do]").await;
    assert!(
        to_do.contains("uitnodiging aan de leden nog niet voorbereid"),
        "{to_do}"
    );

    // The refusal leads to where it is mended.
    app.click("[data-testid=to-mail-settings]").await;
    app.type_into("[data-testid=mail-sender-email]", "secretariaat@tf.nl")
        .await;
    app.click("[data-testid=save-mail-settings]").await;
    app.wait_for_text("#mail-heading ~ .notice", "Opgeslagen")
        .await;

    app.open("planner").await;
    app.click("[data-testid=open-meeting]").await;
    app.type_into(
        "[data-testid=invitation-reason]",
        "Vanwege uw kennis van de vleessector.",
    )
    .await;
    app.click("#sending-heading").await;
    let check = app
        .wait_for_text("[data-testid=sending-check]", "1 adressen")
        .await;
    assert!(check.contains("Uitnodiging"), "{check}");
    let warnings = app.text("[data-testid=sending-warnings]").await;
    assert!(
        warnings.contains("20 leden hebben geen e-mailadres"),
        "{warnings}"
    );
    assert!(
        warnings.contains("CoMensha (de directeur-bestuurder)"),
        "{warnings}"
    );
    app.screenshot_of("15-versturen", "#sending-heading").await;

    // Not a hidden folder: the GTK dialog does not choose those.
    let folder = tempfile::Builder::new()
        .prefix("concepten")
        .tempdir()
        .unwrap();
    app.click("[data-testid=drafts-to-folder]").await;
    app.answer_folder_dialog("Map voor de concepten kiezen", folder.path());
    app.wait_for_text("[data-testid=drafts-prepared]", "2 concepten")
        .await;
    let mut files: Vec<String> = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "2021-05-12 Uitnodiging FNV Task Force Mensenhandel.eml",
            "2021-05-12 Uitnodiging leden Task Force Mensenhandel.eml"
        ]
    );
    let partner = std::fs::read_to_string(folder.path().join(&files[0])).unwrap();
    assert!(partner.contains("method=REQUEST") || partner.contains("method=\"REQUEST\""));
    assert!(partner.contains("jan@fnv.nl") && !partner.contains("dg@minjenv.nl"));

    let to_do = app
        .wait_for_text("[data-testid=to-do]", "nog niet verstuurd")
        .await;
    assert!(
        to_do.contains("uitnodiging aan de leden nog niet verstuurd"),
        "{to_do}"
    );
    app.click("[data-testid=mark-members-sent]").await;
    // No inverse: the confirmation says so before.
    app.wait_for_text("[data-testid=confirm-dialog]", "niet ongedaan")
        .await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for_text("[data-testid=members-draft-at]", "verstuurd op")
        .await;
    // The partner's invitation is marked sent by moving it to "uitgenodigd".
    app.click("[data-testid=invitation-invited]").await;
    app.wait_for_text("[data-testid=invitation-status]", "Uitgenodigd")
        .await;
    assert!(app.find_all("[data-testid=to-do]").await.is_empty());

    // In English, the check and its warnings too.
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text(
        "[data-testid=sending-warnings]",
        "20 members have no e-mail address",
    )
    .await;
    app.screenshot_of("15-sending-en", "#sending-heading").await;
    app.click("[data-testid=switch-language]").await;

    // Handed to the mail program: written into the private runtime folder
    // (emptied at start and exit), never left in the data folder.
    app.click("[data-testid=drafts-to-mail]").await;
    let runtime = std::path::PathBuf::from(
        std::env::var_os("XDG_RUNTIME_DIR")
            .expect("scripts/test gives the session a runtime folder"),
    );
    let drafts = runtime.join("taskforce-secretariaat-geopend/concepten");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::read_dir(&drafts).map_or(0, |d| d.count()) < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "no drafts in {}",
            drafts.display()
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Let the command finish (it records the drafts, then opens them).
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(
        !app.data_dir.path().join("concepten").exists(),
        "nothing readable left in the data folder"
    );

    // Erasing the partner takes the drafts that name them with it.
    app.open("partners").await;
    app.click("[data-testid^=erase-partner-]").await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for_text("[data-testid=partners]", "gewist").await;
    assert!(!drafts.exists(), "the drafts went with the erasure");
    app.close().await;
}

/// The concept minutes sent round from the meeting screen: the deadline
/// typed, the members' draft saved through the real folder dialog, the
/// stage following, a member's comment noted — in Dutch and English.
#[tokio::test(flavor = "multi_thread")]
async fn the_minutes_go_round_for_comments_from_the_meeting_screen() {
    let data = tempfile::tempdir().unwrap();
    prepared(data.path());
    let db = data.path().join("taskforce.sqlite3");
    let run = |args: &[&str]| run_cli(&db, args);
    run(&["invite", "sender", "--email", "secretariaat@tf.nl"]);
    run(&["meeting", "hold", "1"]);
    run(&[
        "minutes",
        "set",
        "1",
        "--text",
        "## Verslag\n\nDe vleessector is besproken.",
    ]);
    let app = App::launch_in(data).await;
    app.open("planner").await;
    app.click("[data-testid=open-meeting]").await;
    app.wait_for_text("[data-testid=minutes-stage]", "Concept")
        .await;
    app.type_into("[data-testid=round-by]", "31-12-2099").await;
    let folder = tempfile::Builder::new()
        .prefix("verslag")
        .tempdir()
        .unwrap();
    app.click("[data-testid=circulate-folder]").await;
    app.answer_folder_dialog("Map voor de concepten kiezen", folder.path());
    app.wait_for_text("[data-testid=minutes-stage]", "Rondgestuurd")
        .await;
    let made = app
        .wait_for_text("[data-testid=round-made]", "Conceptverslag")
        .await;
    assert!(made.contains("2021-05-12 Conceptverslag leden"), "{made}");
    assert!(app
        .text("[data-testid=minutes-round]")
        .await
        .contains("reacties vóór donderdag 31 december 2099"));
    let files: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "one draft to the members");

    app.set_value("[data-testid=comment-seat]", "1").await;
    app.type_into(
        "[data-testid=comment-text]",
        "Graag de cijfers van 2020 toevoegen.",
    )
    .await;
    app.click("[data-testid=add-comment]").await;
    let comments = app
        .wait_for_text("[data-testid=minutes-comments]", "cijfers van 2020")
        .await;
    assert!(
        comments.contains("Ministerie van Justitie en Veiligheid"),
        "{comments}"
    );
    app.screenshot_of("41-verslag-rondgestuurd", "#round-heading")
        .await;
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=minutes-stage]", "Sent round for comments")
        .await;
    app.screenshot_of("41-minutes-round-en", "#round-heading")
        .await;
    app.close().await;
}

/// Reminders to action owners from the overview: how many owners have an
/// action past its due date, then one draft per owner saved through the
/// real folder dialog, noted in each action's history — in Dutch and
/// English.
#[tokio::test(flavor = "multi_thread")]
async fn owners_with_overdue_actions_are_reminded_from_the_overview() {
    let data = tempfile::tempdir().unwrap();
    prepared(data.path());
    let db = data.path().join("taskforce.sqlite3");
    let run = |args: &[&str]| run_cli(&db, args);
    run(&["invite", "sender", "--email", "secretariaat@tf.nl"]);
    for (description, owner) in [
        ("Cijfers over de vleessector aanleveren", "lid:1"),
        ("Onderzoek van de FNV delen", "partner:1"),
        ("Zaal voor september reserveren", "secretariaat"),
        ("Contact met de gemeente leggen", "lid:5"),
    ] {
        run(&[
            "action",
            "add",
            "1",
            "--description",
            description,
            "--owner",
            owner,
            "--due",
            "2021-06-01",
        ]);
    }
    let app = App::launch_in(data).await;
    app.open("overview").await;
    app.wait_for_text("[data-testid=owners-overdue]", "deadline: 4")
        .await;
    app.click("[data-testid=to-reminders]").await;
    let owners = app
        .wait_for_text("[data-testid=reminder-owners]", "Ministerie van Justitie")
        .await;
    assert!(
        owners.contains("1 open, waarvan 1 over de deadline"),
        "{owners}"
    );
    let folder = tempfile::Builder::new()
        .prefix("herinneringen")
        .tempdir()
        .unwrap();
    app.click("[data-testid=reminders-to-folder]").await;
    app.answer_folder_dialog("Map voor de concepten kiezen", folder.path());
    let made = app
        .wait_for_text("[data-testid=reminders-made]", "3 herinneringen")
        .await;
    assert!(made.contains("geschiedenis"), "{made}");
    // The fourth owner has no address: named, not guessed.
    let said = app.text("#reminders-heading ~ .warning").await;
    assert!(said.contains("geen e-mailadres"), "{said}");
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 3);
    app.wait_for_text("[data-testid=reminder-owners]", "laatst herinnerd")
        .await;
    app.screenshot_of("42-herinneringen", "#reminders-heading")
        .await;
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=reminder-owners]", "last reminded")
        .await;
    app.screenshot_of("42-reminders-en", "#reminders-heading")
        .await;
    app.close().await;
}

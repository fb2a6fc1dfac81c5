#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! The shared server in the real window, on the PostgreSQL server that
//! `scripts/test` starts: a secretary chooses it in the settings (field by
//! field, tested first), moves the record of this computer onto it, works
//! on it, finds it again at the next start (the
//! password from the keychain), and goes back to the folder on this
//! computer, which was left as it was; a server gone at the next start is
//! said, with the way back.

use std::sync::Arc;
use taskforce::store::server::scratch::Scratch;
use taskforce::{Store, SystemClock};
use taskforce_e2e::{run_cli_on_server, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_secretary_moves_the_window_to_the_shared_server_and_back() {
    // The server's blocking client, off the test's async workers.
    let Some(scratch) = tokio::task::block_in_place(Scratch::create) else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    let app = App::launch().await;
    app.click("[data-testid=start-term5]").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;

    app.open("settings").await;
    app.wait_for_text("[data-testid=server-state]", "op deze computer")
        .await;
    // A password in the administrator's address is refused: it would be
    // kept in a file.
    app.click("[data-testid=server-settings] summary").await;
    app.type_into(
        "[data-testid=server-address]",
        &format!("{url}?password=geheim"),
    )
    .await;
    app.click("[data-testid=server-connect]").await;
    app.wait_for_text("[data-testid=server-error]", "eigen veld")
        .await;
    app.set_value("[data-testid=server-address]", "").await;
    // The server field by field, as the administrator hands it out.
    let (user, rest) = url["postgres://".len()..].split_once('@').unwrap();
    let (host_port, database) = rest.split_once('/').unwrap();
    let (host, port) = host_port.rsplit_once(':').unwrap();
    for (field, value) in [
        ("server-host", host),
        ("server-port", port),
        ("server-database", database),
        ("server-user", user),
    ] {
        app.set_value(&format!("[data-testid={field}]"), value)
            .await;
    }
    // A wrong password: said, and the window stays on the folder.
    app.type_into("[data-testid=server-password]", "niet-dit")
        .await;
    app.click("[data-testid=server-test]").await;
    app.wait_for_text("[data-testid=server-error]", "mislukt")
        .await;
    app.click("[data-testid=server-connect]").await;
    app.wait_for_text("[data-testid=server-error]", "mislukt")
        .await;
    app.set_value("[data-testid=server-password]", &password)
        .await;
    // Testing changes nothing: the database is still empty after.
    app.click("[data-testid=server-test]").await;
    app.wait_for_text("[data-testid=server-tested]", "nog leeg")
        .await;
    let tables: i64 = tokio::task::block_in_place(|| {
        scratch
            .client()
            .query_one(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
                &[],
            )
            .unwrap()
            .get(0)
    });
    assert_eq!(tables, 0);
    // The record on this computer moves along: the term and its seats,
    // and the log of how they came to be.
    app.click("[data-testid=server-move]").await;
    app.screenshot("30-gedeelde-server-kiezen").await;
    app.screenshot_of(
        "35-gedeelde-server-verhuizen",
        "[data-testid=server-password]",
    )
    .await;
    // The same form in English: what the test found, said in English too.
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=server-tested]", "still empty")
        .await;
    app.screenshot_of("36-shared-server-move-en", "[data-testid=server-password]")
        .await;
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=server-tested]", "nog leeg")
        .await;
    app.click("[data-testid=server-connect]").await;
    app.wait_for("[data-testid=server-indicator]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    let (seats, chain) = tokio::task::block_in_place(|| {
        let on_server = Store::open_server(&scratch.address(), Arc::new(SystemClock)).unwrap();
        (
            on_server.seats(5).unwrap().len(),
            on_server.audit_broken_at().unwrap(),
        )
    });
    assert_eq!((seats, chain), (21, None));
    app.open("settings").await;
    app.wait_for_text("[data-testid=server-state]", "gedeelde server")
        .await;
    app.screenshot("31-gedeelde-server").await;

    // *Kopie als bestand*: the server's record in a new file, through the
    // real save dialog, read back as a record of its own. Not into the
    // (encrypted) data folder: a plain database is never made there.
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("kopie van de server.sqlite3");
    app.click("[data-testid=server-copy]").await;
    app.answer_save_dialog("Kopie van het dossier opslaan als", &copy);
    app.wait_for_text(
        "[data-testid=server-tested]",
        "kopie van het dossier gemaakt",
    )
    .await;
    let (seats, chain) = tokio::task::block_in_place(|| {
        let copied = Store::open(&copy, Arc::new(SystemClock)).unwrap();
        (
            copied.seats(5).unwrap().len(),
            copied.audit_broken_at().unwrap(),
        )
    });
    assert_eq!((seats, chain), (21, None));

    // The next start finds the server again, its password in the keychain.
    let data_dir = app.close_keeping_data().await;
    let app = App::launch_in(data_dir).await;
    let indicator = app.text("[data-testid=server-indicator]").await;
    assert!(
        indicator.contains(&scratch.url_and_password().0[11..]),
        "{indicator}"
    );
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;

    // Back to this computer: its own record, unchanged.
    app.open("settings").await;
    app.click("[data-testid=server-use-local]").await;
    app.wait_for_text("[data-testid=server-state]", "op deze computer")
        .await;
    assert!(app
        .find_all("[data-testid=server-indicator]")
        .await
        .is_empty());
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;

    // Chosen again, and at the next start the server is gone: said, with
    // the way back to this computer.
    app.connect_to_server(&url, &password).await;
    let data_dir = app.close_keeping_data().await;
    tokio::task::block_in_place(|| drop(scratch));
    let app = App::launch_in(data_dir).await;
    app.wait_for_text(
        "[data-testid=database-problem]",
        "bestaat niet op de server",
    )
    .await;
    app.screenshot("32-gedeelde-server-weg").await;
    app.click("[data-testid=server-use-local]").await;
    app.wait_for("[data-testid=nav-term]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    assert!(app
        .find_all("[data-testid=server-indicator]")
        .await
        .is_empty());
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_colleagues_change_shows_without_asking_and_waits_for_an_open_form() {
    let Some(scratch) = tokio::task::block_in_place(Scratch::create) else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    let dir = tempfile::tempdir().unwrap();
    let pgpass = Scratch::pgpass_in(dir.path(), &password);
    let app = App::launch().await;
    app.connect_to_server(&url, &password).await;
    app.open("subjects").await;
    app.wait_for("[data-testid=new-subject]").await;

    run_cli_on_server(
        &url,
        &pgpass,
        &[
            "subject",
            "add",
            "--title",
            "Casus van Bram",
            "--kind",
            "casus",
        ],
    );
    let seen = std::time::Instant::now();
    app.wait_for_text("[data-testid=subjects]", "Casus van Bram")
        .await;
    assert!(
        seen.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        seen.elapsed()
    );

    // While a form is open, the change is said and waits.
    app.click("[data-testid=new-subject]").await;
    app.type_into("#subject-title", "Mijn eigen onderwerp")
        .await;
    run_cli_on_server(
        &url,
        &pgpass,
        &[
            "subject",
            "add",
            "--title",
            "Tweede casus van Bram",
            "--kind",
            "casus",
        ],
    );
    app.wait_for("[data-testid=colleague-changed]").await;
    assert_eq!(app.value("#subject-title").await, "Mijn eigen onderwerp");
    app.screenshot("34-collega-wijzigde").await;
    // Saved, the form closes and what waited is shown.
    app.click("[data-testid=save-subject]").await;
    app.wait_for_text("[data-testid=subjects]", "Tweede casus van Bram")
        .await;
    app.wait_for_text("[data-testid=subjects]", "Mijn eigen onderwerp")
        .await;
    assert!(app
        .find_all("[data-testid=colleague-changed]")
        .await
        .is_empty());
    app.close().await;
    tokio::task::block_in_place(|| drop(scratch));
}

/// A colleague in the database's read-only role (the chair's office, an
/// auditor): the window says on every screen that it saves nothing, and a
/// save is refused with the same words, the typing kept.
#[tokio::test(flavor = "multi_thread")]
async fn a_read_only_login_sees_the_record_and_is_told_it_saves_nothing() {
    let Some(scratch) = tokio::task::block_in_place(Scratch::create) else {
        return;
    };
    let (owner_url, _) = scratch.url_and_password();
    tokio::task::block_in_place(|| {
        let owner = Store::open_server(&scratch.address(), Arc::new(SystemClock)).unwrap();
        taskforce_dev::fixture::subject(&owner, "Casus Rotterdam haven", &[]);
        let db = scratch.database();
        scratch.address_as("taskforce_test_lezer");
        scratch
            .client()
            .batch_execute(&format!(
                "CREATE ROLE {db}_secretariat NOLOGIN; CREATE ROLE {db}_readonly NOLOGIN;
                 GRANT {db}_readonly TO taskforce_test_lezer;"
            ))
            .unwrap();
        // The owner's next start gives the roles their rights.
        drop(Store::open_server(&scratch.address(), Arc::new(SystemClock)).unwrap());
    });
    // The owner's address with the reader's login in it.
    let (_, rest) = owner_url.split_once('@').unwrap();
    let url = format!("postgres://taskforce_test_lezer@{rest}");
    let app = App::launch_on_server_at(&url, "taskforce_test_lezer", "subjects").await;
    app.wait_for_text("[data-testid=read-only]", "alleen inzien")
        .await;
    app.open("subjects").await;
    app.wait_for_text("[data-testid=subjects]", "Casus Rotterdam haven")
        .await;
    app.click("[data-testid=new-subject]").await;
    app.set_value("#subject-title", "Mag niet").await;
    app.click("[data-testid=save-subject]").await;
    app.wait_for_text("[role=alert]", "alleen inzien").await;
    assert_eq!(app.value("#subject-title").await, "Mag niet");
    app.screenshot("38-alleen-lezen").await;
    app.close().await;
    tokio::task::block_in_place(|| drop(scratch));
}

#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! The secretariat's first steps in the real window.

use taskforce_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn first_start_offers_term_5_and_shows_its_21_seats_in_dutch_and_english() {
    let app = App::launch().await;

    let welcome = app.text("[data-testid=welcome]").await;
    assert!(welcome.contains("5e termijn"), "Dutch first: {welcome}");
    app.screenshot("01-welkom").await;

    app.click("[data-testid=start-term5]").await;
    app.wait_for_text("[data-testid=term-heading]", "Termijn 5")
        .await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    let rows = app.find_all("[data-testid=seats] tbody tr").await;
    assert_eq!(rows.len(), 21);
    let chair_row = rows[0].text().await.expect("row text");
    assert!(
        chair_row.contains("Openbaar Ministerie") && chair_row.contains("Voorzitter"),
        "{chair_row}"
    );
    assert_eq!(
        app.find_all("[data-testid=chair]").await.len(),
        1,
        "one chair"
    );
    let period = app.text("main").await;
    assert!(
        period.contains("zondag 1 maart 2020"),
        "dates in Dutch: {period}"
    );

    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=seat-count]", "21 seats")
        .await;
    let english = app.text("main").await;
    assert!(
        english.contains("Sunday") && english.contains("1 March 2020"),
        "dates in English: {english}"
    );
    app.screenshot("02-term-en").await;
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=term-heading]", "Termijn 5")
        .await;

    // The database really is in the data dir the app was given.
    let db = app.data_dir.path().join("taskforce.sqlite3");
    assert!(db.exists(), "database at {}", db.display());
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_from_a_newer_version_is_explained_and_left_untouched() {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let db = data_dir.path().join("taskforce.sqlite3");
    rusqlite::Connection::open(&db)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 99; CREATE TABLE future (x);"))
        .expect("write a future database");
    let before = std::fs::read(&db).expect("read db");

    let app = App::launch_in(data_dir).await;
    let problem = app.text("[data-testid=database-problem]").await;
    assert!(problem.contains("nieuwere versie"), "{problem}");
    app.screenshot("00-database-nieuwer").await;
    assert_eq!(
        std::fs::read(&db).expect("read db"),
        before,
        "not a byte changed"
    );
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_about_section_lists_the_licences_of_everything_the_app_ships() {
    let app = App::launch().await;
    app.open("settings").await;
    app.click("[data-testid=show-licences]").await;
    let summary = app.text("[data-testid=licences-summary]").await;
    let crates: usize = summary
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("a count");
    assert!(crates > 500, "{summary}");
    let list = app.text("[data-testid=licences]").await;
    for shipped in [
        "rusqlite",
        "tauri ",
        "svelte",
        "@tauri-apps/api",
        "MIT License",
        "Apache License",
    ] {
        assert!(list.contains(shipped), "{shipped} missing");
    }
    app.screenshot_of("18-licenties", "[data-testid=licences-summary]")
        .await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_shortcuts_put_the_cursor_in_their_field_on_a_screen_not_opened_before() {
    let app = App::launch_at("2021-04-01T09:00:00Z").await;
    app.click("[data-testid=start-term5]").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    // Each screen's code loads on its first visit, after the shortcut's
    // navigation: the field is focused once it is there.
    let shortcut = |key: &'static str| {
        let app = &app;
        async move {
            app.find("[data-testid=nav-overview]")
                .await
                .send_keys(&format!("\u{E009}{key}"))
                .await
                .expect("press the shortcut");
        }
    };
    shortcut("k").await;
    app.wait_for("#search-input:focus").await;
    shortcut("n").await;
    app.wait_for("#new-meeting-date:focus").await;
    app.close().await;
}

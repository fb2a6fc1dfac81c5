#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! What the secretariat sees when the database was damaged, and a second
//! start of the app.

use std::sync::Arc;
use taskforce_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_moved_aside_and_the_newest_backup_restored() {
    let data = tempfile::tempdir().expect("temp dir");
    let db = data.path().join("taskforce.sqlite3");
    {
        let store = taskforce::Store::open(&db, Arc::new(taskforce::SystemClock)).expect("store");
        taskforce::seed::start_with_term5(&store).expect("seed");
        store.automatic_backup().expect("backup").expect("a backup");
    }
    let mut bytes = std::fs::read(&db).expect("db");
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&db, &bytes).expect("damage");

    let app = App::launch_in(data).await;
    let shown = app.text("[data-testid=quarantine]").await;
    assert!(
        shown.contains("beschadigd") && shown.contains(".beschadigd-"),
        "{shown}"
    );
    app.screenshot("10-beschadigd").await;
    let moved: Vec<_> = std::fs::read_dir(app.data_dir.path())
        .expect("data dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".beschadigd-"))
        .collect();
    assert_eq!(moved.len(), 1, "moved aside, not deleted");
    assert_eq!(std::fs::read(moved[0].path()).expect("moved file"), bytes);

    app.click("[data-testid=recover]").await;
    // The window reloads once the backup is in place; navigating before the
    // reload has landed would be lost with the old page.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.find_all("[data-testid=quarantine]").await.is_empty() {
        assert!(
            std::time::Instant::now() < deadline,
            "the window did not reload"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.wait_for("[data-testid=nav-term]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_second_start_hands_over_to_the_running_window() {
    let app = App::launch().await;
    app.click("[data-testid=start-term5]").await;
    let binary = app.application();
    let started = std::time::Instant::now();
    let mut second = std::process::Command::new(&binary)
        .env("TASKFORCE_DATA_DIR", app.data_dir.path())
        .spawn()
        .expect("second start");
    let deadline = started + std::time::Duration::from_secs(15);
    let status = loop {
        if let Some(status) = second.try_wait().expect("wait") {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = second.kill();
            panic!("the second start kept running instead of handing over");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(status.success(), "{status}");
    // The first window is still there and working.
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.close().await;
}

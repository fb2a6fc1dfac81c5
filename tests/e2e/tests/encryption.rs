#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Encryption at rest in the real window, with the real Secret Service of
//! the test session (scripts/with-keyring): a new data folder is encrypted
//! from its first byte and shows its recovery key until it is kept; the
//! next start opens with the keychain's key and asks nothing; without a
//! keychain the app says why and opens only with the recovery key.

use taskforce_e2e::App;

/// Whether `needle` occurs in any file directly in `dir` (database, WAL).
fn in_raw_files(dir: &std::path::Path, needle: &str) -> bool {
    std::fs::read_dir(dir)
        .expect("data dir")
        .flatten()
        .filter(|e| e.path().is_file())
        .any(|e| {
            let bytes = std::fs::read(e.path()).unwrap_or_default();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_folder_is_encrypted_and_opens_with_the_keychain_or_the_recovery_key() {
    let data = tempfile::tempdir().expect("temp dir");
    let app = App::launch_keeping_recovery_key(data).await;
    let card = app.text("[data-testid=recovery-key-card]").await;
    assert!(card.contains("herstelsleutel"), "{card}");
    app.screenshot("16-herstelsleutel").await;
    let recovery_key = app.keep_recovery_key().await;
    assert_eq!(recovery_key.len(), 65, "{recovery_key}");

    app.click("[data-testid=start-term5]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.open("settings").await;
    let state = app.text("[data-testid=encryption-state]").await;
    assert!(state.contains("versleuteld opgeslagen"), "{state}");
    assert!(
        !in_raw_files(app.data_dir.path(), "Marechaussee"),
        "a seat's organisation in a raw file"
    );
    let data = app.close_keeping_data().await;

    // Second start: the keychain has the key; nothing is asked or shown.
    let app = App::launch_in(data).await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    assert!(app
        .find_all("[data-testid=recovery-key-card]")
        .await
        .is_empty());
    let data = app.close_keeping_data().await;

    // No keychain: the app says why and asks for the recovery key.
    let app = App::launch_without_keychain(data).await;
    let why = app.text("[data-testid=unlock-why]").await;
    assert!(why.contains("sleutelbos"), "{why}");
    let first = recovery_key.chars().next().expect("a key");
    let typo = format!(
        "{}{}",
        if first == 'A' { 'B' } else { 'A' },
        &recovery_key[1..]
    );
    app.type_into("[data-testid=unlock-input]", &typo).await;
    app.click("[data-testid=unlock-submit]").await;
    app.wait_for_text("[data-testid=field-error-recovery_key]", "tikfout")
        .await;
    app.screenshot("16-ontgrendelen").await;
    // In English: the reason, the question and the typo.
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=unlock]", "Unlock the data")
        .await;
    let why = app.text("[data-testid=unlock-why]").await;
    assert!(why.contains("system keychain cannot be reached"), "{why}");
    app.wait_for_text("[data-testid=field-error-recovery_key]", "typo")
        .await;
    app.screenshot("16-unlock-en").await;
    app.click("[data-testid=switch-language]").await;
    // Typed as a person might: lower case, spaces for dashes.
    app.type_into(
        "[data-testid=unlock-input]",
        &recovery_key.to_lowercase().replace('-', " "),
    )
    .await;
    app.click("[data-testid=unlock-submit]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_plain_folder_is_encrypted_from_the_settings_after_its_recovery_key_is_kept() {
    // A folder of an earlier version: plain, made by the CLI.
    let data = tempfile::tempdir().expect("temp dir");
    let db = data.path().join("taskforce.sqlite3");
    taskforce_e2e::run_cli(&db, &["members", "seed"]);
    assert!(
        in_raw_files(data.path(), "Marechaussee"),
        "plain to begin with"
    );

    let app = App::launch_in(data).await;
    app.open("settings").await;
    let state = app.text("[data-testid=encryption-state]").await;
    assert!(state.contains("niet versleuteld"), "{state}");
    app.click("[data-testid=encrypt-start]").await;
    // Nothing changes before the recovery key is kept.
    app.find("[data-testid=recovery-key-card]").await;
    assert!(in_raw_files(app.data_dir.path(), "Marechaussee"));
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=encryption-settings]", "Your recovery key")
        .await;
    app.screenshot_of("16-encrypt-en", "[data-testid=encryption-settings]")
        .await;
    app.click("[data-testid=switch-language]").await;
    app.keep_recovery_key().await;
    let done = app.text("[data-testid=encryption-done]").await;
    assert!(done.contains("Versleuteld"), "{done}");
    // The app goes on with the encrypted data.
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    let data = app.close_keeping_data().await;
    assert!(!in_raw_files(data.path(), "Marechaussee"), "encrypted");

    // The next start finds the key in the keychain.
    let app = App::launch_in(data).await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.close().await;
}

/// Every stored document file below the data folder's `documents/`.
fn stored_documents(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for folder in std::fs::read_dir(dir.join("documents"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for file in std::fs::read_dir(folder.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            found.push(file.path());
        }
    }
    found.sort();
    found
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_whose_key_marker_was_moved_away_asks_for_the_recovery_key_and_loses_nothing() {
    let data = tempfile::tempdir().expect("temp dir");
    let app = App::launch_keeping_recovery_key(data).await;
    let recovery_key = app.keep_recovery_key().await;
    app.click("[data-testid=start-term5]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    let data = app.close_keeping_data().await;

    // A sealed document, attached with the recovery key in a key file.
    let database = data.path().join("taskforce.sqlite3");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let key_file = elsewhere.path().join("herstelsleutel.txt");
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&key_file)
            .expect("key file");
        file.write_all(recovery_key.as_bytes()).expect("key file");
    }
    let paper = elsewhere.path().join("besluit.pdf");
    std::fs::write(&paper, b"%PDF-1.4 instellingsbesluit").expect("paper");
    let out = std::process::Command::new(taskforce_e2e::cli_binary())
        .arg("--db")
        .arg(&database)
        .arg("--key-file")
        .arg(&key_file)
        .args(["document", "attach", "--term", "5", "--kind", "decree"])
        .arg(&paper)
        .output()
        .expect("taskforce-cli");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let documents = stored_documents(data.path());
    assert_eq!(documents.len(), 1, "{documents:?}");

    // The marker is moved out of the folder, as a careless copy would.
    let marker = data.path().join("taskforce.sqlite3-encryption");
    std::fs::rename(&marker, elsewhere.path().join("marker")).expect("move marker");

    // The app asks for the recovery key; it sets nothing aside as damaged
    // and offers no empty start.
    let app = App::launch_in(data).await;
    let why = app.text("[data-testid=unlock-why]").await;
    assert!(why.contains("ontbreekt"), "{why}");
    assert!(app.find_all("[data-testid=quarantine]").await.is_empty());
    app.screenshot("16-sleutelbestand-ontbreekt").await;
    let set_aside: Vec<_> = std::fs::read_dir(app.data_dir.path())
        .expect("data dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("beschadigd"))
        .collect();
    assert!(set_aside.is_empty(), "nothing set aside: {set_aside:?}");

    app.type_into("[data-testid=unlock-input]", &recovery_key)
        .await;
    app.click("[data-testid=unlock-submit]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    assert!(marker.exists(), "the marker is written again");
    let data = app.close_keeping_data().await;
    assert_eq!(
        stored_documents(data.path()),
        documents,
        "the sealed document is still there"
    );

    // The next start finds the key in the keychain under the new marker.
    let app = App::launch_in(data).await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    assert!(app.find_all("[data-testid=unlock]").await.is_empty());
    let data = app.close_keeping_data().await;
    assert_eq!(stored_documents(data.path()), documents);
}

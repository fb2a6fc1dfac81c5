#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! A decree attached to term 5 through the real file dialog, verified, and
//! still there after a restart.

use taskforce_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn a_decree_is_attached_to_term_5_verified_and_survives_a_restart() {
    let app = App::launch().await;
    let decree = app
        .data_dir
        .path()
        .join("Instellingsbesluit Task Force 2020.pdf");
    std::fs::write(
        &decree,
        b"%PDF-1.4\n% Instellingsbesluit Task Force Aanpak Mensenhandel, 5e termijn\n",
    )
    .unwrap();

    app.click("[data-testid=start-term5]").await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.click("[data-testid=attach-document]").await;
    app.answer_file_dialog("Document bijvoegen", &decree);
    let listed = app
        .wait_for_text(
            "[data-testid=documents]",
            "Instellingsbesluit Task Force 2020.pdf",
        )
        .await;
    assert!(listed.contains("Instellingsbesluit"), "{listed}");
    app.screenshot("02-termijn-besluit").await;
    // Open hands the stored copy to the system's default program.
    app.click("[data-testid=document] button.link").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let errors = app.find_all("[data-testid=documents] .error").await;
    let mut shown = Vec::new();
    for error in &errors {
        shown.push(error.text().await.unwrap_or_default());
    }
    assert!(errors.is_empty(), "opening reported no error: {shown:?}");
    // A copy named by the document's id alone, in the private runtime
    // folder; the stored copy is never handed to another program.
    if let Some(runtime) = std::env::var_os("XDG_RUNTIME_DIR") {
        let opened = std::path::Path::new(&runtime).join("taskforce-secretariaat-geopend");
        let names: Vec<String> = std::fs::read_dir(&opened)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        assert!(names.iter().any(|n| n == "1.pdf"), "{names:?}");
    }

    app.open("settings").await;
    app.click("[data-testid=verify-documents]").await;
    app.wait_for_text("[data-testid=verify-report]", "alle bestanden zijn in orde")
        .await;

    let data = app.close_keeping_data().await;
    let app = App::launch_in(data).await;
    app.open("term").await;
    app.wait_for_text(
        "[data-testid=documents]",
        "Instellingsbesluit Task Force 2020.pdf",
    )
    .await;
    assert!(
        app.find_all("[data-testid=missing-documents]")
            .await
            .is_empty(),
        "nothing missing at start"
    );
    app.close().await;
}

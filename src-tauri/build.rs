//! Build script: reads the root-level `tauri.conf.json` and the capability files.

/// The only commands the app exposes; each needs an `allow-…` permission in
/// `capabilities/main-window.json` to be callable from the window.
const COMMANDS: &[&str] = &[
    "database_status",
    "current_term",
    "seats",
    "start_with_term5",
    "pick_member_file",
    "preview_member_text",
    "import_seats",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .config_path("../tauri.conf.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build failed: {error:#}");
    }
}

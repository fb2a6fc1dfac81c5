//! The desktop shell of Taskforce Secretariaat: a thin Tauri layer over the
//! `taskforce` core. Commands convert their input, make one core call on a
//! blocking thread, and convert the result; errors cross as [`IpcError`].
//! No SQL and no business rule lives here.

mod commands;
mod error;
mod state;

pub use error::IpcError;
pub use state::AppState;

use taskforce::SystemClock;

/// Every command the webview may call, for the invoke handler and the
/// generated TypeScript bindings alike.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new().commands(tauri_specta::collect_commands![
        commands::app::database_status,
        commands::term::current_term,
        commands::term::seats,
        commands::term::start_with_term5,
        commands::term::pick_member_file,
        commands::term::preview_member_text,
        commands::term::import_seats,
    ])
}

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

pub fn typescript() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default()
        .header("// Generated from the Rust commands by tauri-specta: do not edit.\n// @ts-nocheck")
}

pub fn run() {
    let builder = specta_builder();
    let state = AppState::open(std::sync::Arc::new(SystemClock));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            open_main_window(app)?;
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"));
    if let Err(error) = result {
        eprintln!("Taskforce Secretariaat kon niet starten: {error}");
        std::process::exit(1);
    }
}

/// Creates the main window from its configuration, with the webview's own
/// storage (language choice, caches) inside the app's data dir, so that
/// everything the app keeps lives in one folder and a test's temp data dir
/// starts clean.
fn open_main_window(app: &mut tauri::App) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?;
    if let Some(dir) = taskforce::paths::data_dir() {
        window = window.data_directory(dir.join("webview"));
    }
    window.build()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The committed bindings must be what the commands generate now; run
    /// `make bindings` after changing a command or a type.
    #[test]
    fn generated_bindings_are_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS_PATH);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        let fresh = std::env::temp_dir().join(format!("bindings-{}.ts", std::process::id()));
        super::specta_builder()
            .export(super::typescript(), &fresh)
            .expect("export bindings");
        let generated = std::fs::read_to_string(&fresh).expect("read generated bindings");
        let _ = std::fs::remove_file(&fresh);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
            return;
        }
        assert!(
            committed == generated,
            "ui/src/lib/bindings.ts is stale: run `make bindings`"
        );
    }
}

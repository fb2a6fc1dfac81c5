//! The desktop shell of Taskforce Secretariaat: a thin Tauri layer over the
//! `taskforce` core. Commands convert their input, make one core call on a
//! blocking thread, and convert the result; errors cross as [`IpcError`].
//! No SQL and no business rule lives here.

mod changes;
mod commands;
mod dialogs;
mod error;
mod log;
mod opened;
mod painting;
mod state;

pub use error::IpcError;
pub use state::AppState;

use taskforce::SystemClock;
use tauri::Manager;

/// Every command the webview may call, for the invoke handler and the
/// generated TypeScript bindings alike.
pub fn specta_builder() -> tauri_specta::Builder<tauri::Wry> {
    // The values of the core's code lists, in the core's order, for the
    // UI's choices; their names come from the core's dictionaries.
    use taskforce::domain as d;
    let builder = tauri_specta::Builder::<tauri::Wry>::new()
        .typ::<d::ExploitationForm>()
        .constant("ACTION_STATUSES", d::ActionStatus::ALL)
        .constant("AGENDA_ITEM_KINDS", d::AgendaItemKind::ALL)
        .constant("ATTENDANCE_STATUSES", d::AttendanceStatus::ALL)
        .constant("REPLIES", d::Reply::ALL)
        .constant("AUDIT_ACTIONS", d::AUDIT_ACTIONS)
        .constant("DOCUMENT_KINDS", d::DocumentKind::ALL)
        .constant("EXPLOITATION_FORMS", d::ExploitationForm::ALL)
        .constant("HIT_KINDS", d::HitKind::ALL)
        .constant("INVITATION_STATUSES", d::InvitationStatus::ALL)
        .constant("SEAT_TYPES", d::SeatType::ALL)
        .constant("SUBJECT_KINDS", d::SubjectKind::ALL)
        .constant("SUBJECT_STATUSES", d::SubjectStatus::ALL);
    builder.commands(tauri_specta::collect_commands![
        commands::app::database_status,
        commands::server::use_server,
        commands::server::use_local,
        commands::server::server_address,
        commands::server::test_server,
        commands::server::copy_record_to_file,
        commands::server::pick_certificate,
        commands::server::move_to_server,
        commands::partners::remove_partner,
        commands::meetings::clear_attendance,
        commands::minutes::edit_decision,
        commands::minutes::decisions_of_term,
        commands::minutes::remove_decision,
        commands::minutes::amend_decision,
        commands::minutes::edit_action,
        commands::minutes::reopen_action,
        commands::subjects::archive_subject,
        commands::subjects::remove_subject,
        commands::meetings::remove_meeting,
        commands::meetings::withdraw_invitation,
        commands::meetings::invitation_history,
        commands::term::shorten_term,
        commands::term::correct_term,
        commands::term::end_seat,
        commands::term::remove_seat,
        commands::app::undo_offer,
        commands::app::undo_last,
        commands::exports::export_to_file,
        commands::app::recover_database,
        commands::app::confirm_restored,
        commands::subjects::anonymise,
        commands::app::backups,
        commands::app::backup_to_file,
        commands::app::restore_from_file,
        commands::app::history,
        commands::app::open_log_folder,
        commands::app::set_language,
        commands::app::open_link,
        commands::encryption::unlock,
        commands::encryption::recovery_key,
        commands::encryption::confirm_recovery_key,
        commands::encryption::prepare_encryption,
        commands::encryption::encrypt_data,
        commands::app::app_version,
        commands::overview,
        commands::search,
        commands::tags,
        commands::render_markdown,
        commands::term::current_term,
        commands::term::terms,
        commands::term::add_term,
        commands::term::set_term_goals,
        commands::term::planner,
        commands::term::term_views,
        commands::term::term_view,
        commands::term::set_term_decree,
        commands::term::extend_term,
        commands::term::propose_term,
        commands::term::start_term,
        commands::term::agenda_template,
        commands::term::set_agenda_template,
        commands::term::seats,
        commands::term::add_seat,
        commands::term::update_seat,
        commands::term::seat_history,
        commands::term::start_with_term5,
        commands::term::pick_member_file,
        commands::term::preview_member_text,
        commands::term::import_seats,
        commands::subjects::subjects,
        commands::subjects::subject,
        commands::subjects::add_subject,
        commands::subjects::update_subject,
        commands::subjects::set_subject_status,
        commands::partners::partners,
        commands::partners::add_partner,
        commands::partners::update_partner,
        commands::partners::erase_partner,
        commands::partners::partners_to_review,
        commands::partners::erase_partners,
        commands::partners::partner_invitations,
        commands::partners::suggest_partners,
        commands::meetings::meetings,
        commands::meetings::meeting,
        commands::meetings::add_meeting,
        commands::meetings::preview_series,
        commands::meetings::plan_series,
        commands::meetings::reschedule_meeting,
        commands::meetings::set_meeting_subject,
        commands::meetings::schedule_meeting,
        commands::meetings::hold_meeting,
        commands::meetings::cancel_meeting,
        commands::meetings::planned_agenda,
        commands::meetings::add_agenda_item,
        commands::meetings::update_agenda_item,
        commands::meetings::move_agenda_item,
        commands::meetings::remove_agenda_item,
        commands::meetings::invitations,
        commands::meetings::propose_partner,
        commands::meetings::set_invitation_status,
        commands::meetings::attendance,
        commands::meetings::set_attendance,
        commands::meetings::replies,
        commands::meetings::set_reply,
        commands::meetings::read_calendar_replies,
        commands::meetings::read_dropped_replies,
        commands::minutes::minutes_cycle,
        commands::minutes::add_minutes_comment,
        commands::minutes::set_decision_item,
        commands::minutes::set_action_item,
        commands::sending::circulate_minutes,
        commands::sending::reminders,
        commands::sending::prepare_reminders,
        commands::meetings::attendance_from_replies,
        commands::minutes::minutes,
        commands::minutes::set_minutes,
        commands::minutes::adopt_minutes,
        commands::minutes::minutes_to_adopt,
        commands::minutes::decisions_of_meeting,
        commands::minutes::add_decision,
        commands::minutes::actions,
        commands::minutes::actions_of_meeting,
        commands::minutes::action_list_for_meeting,
        commands::minutes::add_action,
        commands::minutes::complete_action,
        commands::minutes::drop_action,
        commands::minutes::postpone_action,
        commands::minutes::action_history,
        commands::documents::documents_of,
        commands::documents::attach_documents,
        commands::documents::attach_dropped,
        commands::documents::rename_document,
        commands::documents::set_document_kind,
        commands::documents::set_document_confidential,
        commands::documents::unlink_document,
        commands::documents::open_document,
        commands::documents::save_document_copy,
        commands::documents::verify_documents,
        commands::documents::missing_documents,
        commands::sending::mail_settings,
        commands::sending::set_mail_settings,
        commands::sending::set_invitation_reason,
        commands::sending::check_sending,
        commands::sending::prepare_drafts,
        commands::sending::mark_members_invitation_sent,
        commands::documents::set_document_agenda_item,
    ])
}

/// Where the generated bindings live, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

pub fn typescript() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default()
        .header("// Generated from the Rust commands by tauri-specta: do not edit.\n// @ts-nocheck")
}

/// The system clock; a debug build started by the end-to-end tests may be
/// given another day (`TASKFORCE_START_AT`, RFC 3339) so they see the same
/// "today" whenever they run. Release builds always use the system clock.
fn clock() -> std::sync::Arc<dyn taskforce::Clock> {
    if cfg!(debug_assertions) {
        if let Some(start) = std::env::var("TASKFORCE_START_AT")
            .ok()
            .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s).ok())
        {
            return std::sync::Arc::new(taskforce::ShiftedClock::starting_at(start.to_utc()));
        }
    }
    std::sync::Arc::new(SystemClock)
}

pub fn run() {
    painting::on_the_processor();
    taskforce::private::private_by_default();
    taskforce::private::no_core_dumps();
    let builder = specta_builder();
    if let Some(dir) = taskforce::paths::data_dir() {
        log::start(&dir);
    }
    let state = AppState::new(clock());
    let app = tauri::Builder::default()
        // First, so a second start only brings the running window forward.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                files_dropped(window, paths.clone());
            }
        })
        .invoke_handler(builder.invoke_handler())
        .setup(|app| {
            // The data folder opens on a thread of its own while the window
            // is built; here, so a second start has handed over already.
            app.state::<AppState>().begin_opening();
            open_main_window(app)?;
            opened::clear();
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"));
    match app {
        Ok(app) => app.run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // The daily backup on close (skipped if there is one today),
                // then the seal that lets the next start skip the full check.
                if let Ok(store) = app.state::<AppState>().store() {
                    if let Err(error) = store.automatic_backup() {
                        log::failed("reservekopie bij afsluiten", &error);
                    }
                    if let Err(error) = store.seal() {
                        log::failed("controle bij afsluiten", &error);
                    }
                }
                opened::clear();
                tracing::info!("afgesloten");
            }
        }),
        Err(error) => {
            tracing::error!("het venster kon niet worden geopend");
            eprintln!("Taskforce Secretariaat kon niet starten: {error}");
            std::process::exit(1);
        }
    }
}

/// Keeps the dropped paths in Rust and tells the webview only their names.
fn files_dropped(window: &tauri::Window, paths: Vec<std::path::PathBuf>) {
    use tauri::{Emitter, Manager};
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            taskforce::files::display_name(
                &p.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default(),
            )
        })
        .collect();
    window.state::<AppState>().set_dropped(paths);
    let _ = window.emit("documents-dropped", names);
}

/// In the background once the window's page has loaded (so never before
/// the first paint): the daily backup if there is none yet today, and
/// removing documents unlinked in an earlier session. Once per run; a page
/// reloaded after a restore does not start it again.
fn tidy_after_first_load(app: tauri::AppHandle) {
    static STARTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if STARTED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    std::thread::spawn(move || {
        let Some(store) = app
            .state::<AppState>()
            .store()
            .ok()
            .filter(|s| !s.is_read_only())
        else {
            return;
        };
        match store.automatic_backup() {
            Ok(Some(_)) => tracing::info!("dagelijkse reservekopie gemaakt"),
            Ok(None) => tracing::info!("er was vandaag al een reservekopie"),
            Err(error) => log::failed("dagelijkse reservekopie", &error),
        }
        match store.collect_garbage() {
            Ok(report) => {
                tracing::info!(
                    documents = report.documents_removed,
                    files = report.files_removed,
                    "documenten opgeruimd"
                )
            }
            Err(error) => log::failed("opruimen van documenten", &error),
        }
    });
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
    let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        // The window shows the app and nothing else: a link that slipped
        // through would otherwise replace the app with a remote page.
        .on_navigation(own_origin)
        // Shown once the page has loaded: painting.rs says why.
        .visible(false)
        .on_page_load(|webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                painting::show_once_loaded(&webview);
                tidy_after_first_load(webview.app_handle().clone());
            }
        });
    if let Some(dir) = taskforce::paths::data_dir() {
        window = window.data_directory(dir.join("webview"));
    }
    let window = window.build()?;
    painting::show_anyway_after(window, std::time::Duration::from_secs(3));
    Ok(())
}

/// The app's own pages: `tauri://localhost` on Linux and macOS,
/// `http(s)://tauri.localhost` on Windows.
/// The whole origin counts — scheme, host and port — so a page served
/// on `http://tauri.localhost:8080` by something else is not the app.
fn own_origin(url: &tauri::Url) -> bool {
    let host = url.host_str();
    match url.scheme() {
        "tauri" => host == Some("localhost") && url.port().is_none(),
        "http" | "https" => host == Some("tauri.localhost") && url.port().is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_app_s_own_origin_is_navigated_to_port_included() {
        let own = |u: &str| super::own_origin(&tauri::Url::parse(u).unwrap());
        assert!(own("tauri://localhost/index.html#/planner"));
        assert!(own("http://tauri.localhost/"));
        assert!(own("https://tauri.localhost/x"));
        assert!(!own("http://tauri.localhost:8080/"));
        assert!(!own("tauri://localhost:1/"));
        assert!(!own("https://tauri.localhost.example.org/"));
        assert!(!own("https://example.org/"));
        assert!(!own("file:///etc/passwd"));
    }

    #[test]
    fn the_window_navigates_only_within_the_app() {
        let allowed = |url: &str| super::own_origin(&url.parse().expect("url"));
        assert!(allowed("tauri://localhost/"));
        assert!(allowed("tauri://localhost/index.html#/meeting/3"));
        assert!(allowed("http://tauri.localhost/"));
        for remote in [
            "https://example.org/",
            "http://localhost:1420/",
            "https://tauri.localhost.evil.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,hoi",
            "tauri://elders/",
        ] {
            assert!(!allowed(remote), "{remote}");
        }
    }

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

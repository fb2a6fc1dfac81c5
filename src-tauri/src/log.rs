//! The app's log (*logboek*): what happened in the background — start, the
//! daily backup, tidying documents, the seal at close — and failures the
//! window never shows, in a daily file under `logs/` in the data folder
//! (two weeks kept). It holds error codes and what was being done, never a
//! message that may quote user input, never personal data or document
//! contents (`Error::log_detail`); an end-to-end test checks a run's log.

use std::path::{Path, PathBuf};
use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// The folder the log files are written to.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Starts writing the log to `folder(data_dir)`. Without a writable folder
/// the app runs on without a log (and says so on stderr): a log must never
/// keep the secretariat from working.
pub fn start(data_dir: &Path) {
    // The appender prunes old files at start and complains when the folder
    // is not there yet.
    let _ = taskforce::private::create_dir(&folder(data_dir));
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("taskforce")
        .filename_suffix("log")
        .max_log_files(14)
        .build(folder(data_dir));
    match appender {
        Ok(appender) => {
            let subscriber = tracing_subscriber::fmt()
                .with_writer(appender)
                .with_ansi(false)
                .with_target(false)
                .with_max_level(tracing::Level::INFO)
                .finish();
            if tracing::subscriber::set_global_default(subscriber).is_err() {
                eprintln!("het logboek was al gestart");
            }
        }
        Err(error) => eprintln!("het logboek kan niet worden geschreven: {error}"),
    }
}

/// Logs a failure of background work with what may be logged about it.
pub fn failed(what: &'static str, error: &taskforce::Error) {
    tracing::warn!(task = what, error = %error.log_detail(), "mislukt");
}

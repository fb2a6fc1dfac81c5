//! Where the secretariat's data lives by default.
//!
//! The folder is the platform's app data dir plus the app identifier from
//! `tauri.conf.json`, so the CLI and the desktop app find the same database.
//! `TASKFORCE_DATA_DIR` moves the whole folder (tests, portable installs);
//! `TASKFORCE_DB` names the database file alone.

use std::path::PathBuf;

/// Must equal `identifier` in `tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "nl.taskforce-mensenhandel.secretariaat";
pub const DATABASE_FILE: &str = "taskforce.sqlite3";

pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("TASKFORCE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    dirs::data_dir().map(|base| base.join(APP_IDENTIFIER))
}

pub fn default_database() -> Option<PathBuf> {
    if let Some(file) = std::env::var_os("TASKFORCE_DB").filter(|f| !f.is_empty()) {
        return Some(PathBuf::from(file));
    }
    data_dir().map(|dir| dir.join(DATABASE_FILE))
}

//! The data folder as a whole: opening it, backing it up and restoring it,
//! checking it and searching it. (`encrypt` is in `key`, with the key it
//! makes.)

use crate::print::{self, Output};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::{msg, Error, Message, Result, Store, SystemClock};
use taskforce_folder::Access;

/// The database, opened as its folder's access says. A folder whose
/// marker was lost has it written again when the key opens it, under a new
/// keychain name: the key is kept under that name, so the next command
/// finds it there (a keychain out of reach only means the recovery key is
/// asked again).
pub fn open(path: &Path, access: &Access) -> Result<Store> {
    let store = taskforce_folder::open_store_strict(path, access, Arc::new(SystemClock))?;
    if let Access::Keyed { key, marker: None } = access {
        let _ = taskforce_folder::remember(path, key);
    }
    Ok(store)
}

/// What `restore --json` says.
#[derive(Serialize)]
struct Restored<'a> {
    restored: &'a Path,
    /// Where the database that was replaced now is, if there was one.
    previous_database: Option<PathBuf>,
}

/// Replaces the database with a verified backup. Runs before anything
/// opens the database, since it replaces the file.
pub fn restore(out: &Output, path: &Path, backup: &Path, access: &Access) -> Result<()> {
    let key = match access {
        Access::Keyed { key, .. } => Some(key),
        _ => None,
    };
    let previous = taskforce_export::archive::restore(path, backup, Arc::new(SystemClock), key)?;
    let restored = Restored {
        restored: backup,
        previous_database: previous,
    };
    out.said(&restored, |r| match &r.previous_database {
        Some(copy) => msg!(CliRestoredPrevious, path = copy),
        None => Message::new(MessageKey::CliRestored),
    })
}

pub fn restore_confirm(store: &Store, out: &Output) -> Result<()> {
    store.confirm_restored()?;
    out.said(&true, |_| Message::new(MessageKey::RestoreConfirmed))
}

/// To a file the user names (verified first), or else the daily automatic
/// backup, at most one a day.
pub fn backup(store: &Store, out: &Output, to: Option<PathBuf>) -> Result<()> {
    match to {
        Some(to) => {
            taskforce_export::archive::backup_to(store, &to)?;
            out.said(&to, |p| msg!(CliBackupSaved, path = p))
        }
        None => {
            let made = store.automatic_backup()?;
            out.said(&made, |m| match m {
                Some(p) => msg!(CliBackupMade, path = p),
                None => Message::new(MessageKey::CliBackupAlreadyToday),
            })
        }
    }
}

/// The data folder's record into an empty database on the server.
pub fn move_to_server(store: &Store, out: &Output, address: &str) -> Result<()> {
    let target = crate::server::open(address)?;
    let copied = store.copy_record_to(&target)?;
    let server = target.server_login().unwrap_or_default();
    out.said(&copied, |c| {
        msg!(
            CliMovedToServer,
            rows = c.rows,
            entries = c.entries,
            server = server.clone()
        )
    })
}

/// The server's record into a new file; a copy that fails leaves no file.
pub fn copy_to_file(store: &Store, out: &Output, to: &Path) -> Result<()> {
    if !store.is_on_server() {
        return Err(Error::validation(
            Field::Out,
            MessageKey::CliCopyNeedsServer,
        ));
    }
    let copied = store.copy_record_to_new_file(to)?;
    out.said(&copied, |c| {
        msg!(
            CliCopiedToFile,
            rows = c.rows,
            entries = c.entries,
            path = to
        )
    })
}

pub fn search(store: &Store, out: &Output, query: &str, limit: u32) -> Result<()> {
    out.list(&store.search(query, limit)?, print::hit)
}

/// Exits 6 when the check finds a problem.
pub fn check(store: &Store, out: &Output) -> Result<ExitCode> {
    let report = store.check()?;
    out.one(&report, |r| print::check(out.lang, r))?;
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(6)
    })
}

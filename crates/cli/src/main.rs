//! `taskforce-cli`: every use case of the secretariat, headless, for admins,
//! scripts and tests. Shaped like ripgrep's: this file only parses the
//! arguments and dispatches; `commands/` holds one module per command
//! group, `key` finds the key of an encrypted data folder, `server` the
//! password of the shared server, and `print` is the one way out — nothing
//! else prints.
//!
//! Under `--json` every command prints exactly one JSON document on stdout;
//! warnings stay on stderr. Errors go to stderr as one line, and the exit
//! status says what kind of error it was (see `exit_code`).
//!
//! Language: the CLI's own sentences ("opgeslagen als …", "hersteld",
//! "… leden toegevoegd") follow the terminal's language, like its errors
//! (`Lang::from_env`: English for an `en` locale, Dutch otherwise); they are
//! core messages with Dutch and English text. Records — a term, a seat, a
//! meeting — stay the secretariat's Dutch record, and `--json` keeps the
//! codes.

mod args;
mod commands;
mod key;
mod print;
mod server;

use args::{Cli, Command};
use clap::Parser;
use commands::*;
use print::Output;
use std::process::ExitCode;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::{Error, ErrorCode, Result};

fn main() -> ExitCode {
    taskforce::private::private_by_default();
    taskforce::private::no_core_dumps();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            print::error(&error);
            ExitCode::from(exit_code(error.code()))
        }
    }
}

/// 1 for input the user can fix, 3 for a database this version refuses,
/// 4 for file-system trouble, 5 for an internal error, 7 for encrypted data
/// without its key. (clap uses 2 for unknown arguments, `check` 6 for a
/// failed check.)
fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::Validation | ErrorCode::NotFound | ErrorCode::Conflict => 1,
        ErrorCode::Incompatible => 3,
        ErrorCode::Io => 4,
        ErrorCode::Internal => 5,
        ErrorCode::Locked => 7,
    }
}

fn database(cli: &Cli) -> Result<std::path::PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => taskforce::paths::default_database()
            .ok_or_else(|| Error::validation(Field::Db, MessageKey::CliNoDataFolder)),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let out = Output::new(cli.json);
    if let Some(address) = server::address(&cli) {
        // The folder's own operations have no meaning on the server, whose
        // administrator backs it up.
        if matches!(
            cli.command,
            Command::Encrypt { .. }
                | Command::Restore { .. }
                | Command::RestoreConfirm
                | Command::Backup { .. }
                | Command::MoveToServer { .. }
        ) {
            return Err(Error::conflict(MessageKey::ServerFileOnly));
        }
        let store = server::open(&address)?;
        return dispatch(&store, &out, cli.command);
    }
    let path = database(&cli)?;
    let finishing = matches!(cli.command, Command::Encrypt { .. });
    let access = key::open(&cli, &path, finishing)?;
    // Encrypting and restoring change the files themselves, so they happen
    // before anything opens the database.
    match &cli.command {
        Command::Encrypt { recovery_key_out } => {
            key::encrypt(&path, access, recovery_key_out.as_deref(), &out)?;
            return Ok(ExitCode::SUCCESS);
        }
        Command::Restore { backup } => {
            data::restore(&out, &path, backup, &access)?;
            return Ok(ExitCode::SUCCESS);
        }
        _ => {}
    }
    let store = data::open(&path, &access)?;
    dispatch(&store, &out, cli.command)
}

/// Runs a command on an open store, on the file or the server alike.
fn dispatch(store: &taskforce::Store, out: &Output, command: Command) -> Result<ExitCode> {
    match command {
        Command::Term(cmd) => term::run(store, out, cmd),
        Command::Members(cmd) => members::run(store, out, cmd),
        Command::Partner(cmd) => partner::run(store, out, cmd),
        Command::Subject(cmd) => subject::run(store, out, cmd),
        Command::Meeting(cmd) => meeting::run(store, out, cmd),
        Command::Agenda(cmd) => agenda::run(store, out, cmd),
        Command::Invite(cmd) => invite::run(store, out, cmd),
        Command::Attendance(cmd) => attendance::run(store, out, cmd),
        Command::Minutes(cmd) => minutes::run(store, out, cmd),
        Command::Decision(cmd) => decision::run(store, out, cmd),
        Command::Action(cmd) => action::run(store, out, cmd),
        Command::Document(cmd) => return document::run(store, out, cmd),
        Command::Export(cmd) => export::run(store, out, cmd),
        Command::Import {
            kind,
            file,
            map,
            dry_run,
            duplicates,
        } => import::run(
            store,
            out,
            &kind,
            &file,
            map.as_deref(),
            dry_run,
            &duplicates,
        ),
        Command::Backup { to } => data::backup(store, out, to),
        Command::RestoreConfirm => data::restore_confirm(store, out),
        Command::Search { query, limit } => data::search(store, out, &query, limit),
        Command::Check => return data::check(store, out),
        Command::MoveToServer { address } => data::move_to_server(store, out, &address),
        Command::CopyToFile { to } => data::copy_to_file(store, out, &to),
        Command::Restore { .. } | Command::Encrypt { .. } => Ok(()),
    }?;
    Ok(ExitCode::SUCCESS)
}

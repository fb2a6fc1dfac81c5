//! The CLI's side of the shared server: the address (`--server` or
//! `TASKFORCE_SERVER`) and where its password comes from, in libpq's order
//! where libpq has one — the address itself, `PGPASSWORD` (as `psql` takes
//! it), the keychain entry the window keeps for the same login, a
//! `.pgpass` file as PostgreSQL's own tools read it, or the terminal. Never
//! from an argument of its own, which other users' `ps` and the shell's
//! history would show.

use crate::args::Cli;
use std::path::PathBuf;
use std::sync::Arc;
use taskforce::message::MessageKey;
use taskforce::store::server::Login;
use taskforce::{Error, Lang, Message, Result, Store, SystemClock};

pub fn address(cli: &Cli) -> Option<String> {
    cli.server.clone().or_else(|| {
        std::env::var("TASKFORCE_SERVER")
            .ok()
            .filter(|v| !v.trim().is_empty())
    })
}

/// The record on the server at `address`, its schema brought up to date.
pub fn open(address: &str) -> Result<Store> {
    let mut login = Login::parse(address)?;
    if login.needs_password() {
        let found = std::env::var("PGPASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
            .map(zeroize::Zeroizing::new)
            .or_else(|| taskforce_folder::keychain::load_server_password(&login.describe()).ok())
            .or_else(|| from_pgpass(&login));
        if let Some(password) = found {
            login = login.with_password(&password);
        } else if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            let prompt = Message::new(MessageKey::CliServerPasswordPrompt)
                .with("server", login.describe())
                .render(Lang::from_env());
            let typed = zeroize::Zeroizing::new(
                rpassword::prompt_password(format!("{prompt}: "))
                    .map_err(|e| Error::io(MessageKey::KeyFileUnreadable, "/dev/tty", e))?,
            );
            login = login.with_password(&typed);
        }
        // Without either the server may still let the login in (a trusted
        // local socket, a certificate); if not, it says so.
    }
    Store::open_login(&login, Arc::new(SystemClock))
}

/// The password `$PGPASSFILE` or `~/.pgpass` holds for `login`. As libpq
/// does, a file that others can read is not used.
fn from_pgpass(login: &Login) -> Option<zeroize::Zeroizing<String>> {
    let path = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|home| home.join(".pgpass")))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).ok()?.permissions().mode();
        if mode & 0o077 != 0 {
            return None;
        }
    }
    let contents = zeroize::Zeroizing::new(std::fs::read_to_string(&path).ok()?);
    login.password_from_pgpass(&contents)
}

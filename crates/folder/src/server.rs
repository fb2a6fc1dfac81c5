//! Which record the window uses: the data folder on this computer (the
//! default) or the shared server. The choice is a file in the data folder,
//! `taskforce-server`, holding the server's address without its password;
//! the password is kept in the keychain under the login's name. Removing
//! the file is going back to the folder, which stays as it was.

use crate::keychain;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::store::server::Login;
use taskforce::{Clock, Error, Result, Store};

const CHOICE: &str = "taskforce-server";

fn choice_file(data_dir: &Path) -> PathBuf {
    data_dir.join(CHOICE)
}

/// The server the window uses instead of the folder, if one was chosen.
pub fn chosen(data_dir: &Path) -> Option<String> {
    std::fs::read_to_string(choice_file(data_dir))
        .ok()
        .map(|text| text.trim().to_string())
        .filter(|address| !address.is_empty())
}

/// The record on the chosen server, its password from the keychain; a
/// password the keychain does not give is asked again by the window.
pub fn open_chosen(address: &str, clock: Arc<dyn Clock>) -> Result<Store> {
    let login = Login::parse(address)?;
    let login = match keychain::load_server_password(&login.describe()) {
        Ok(password) => login.with_password(&password),
        Err(_) => login,
    };
    Store::open_login(&login, clock)
}

/// Connects to the server at `address` with `password` (bringing its
/// schema up to date), and only when that worked makes it the window's
/// record: the address in the data folder, the password in the keychain.
pub fn choose(
    data_dir: &Path,
    address: &str,
    password: &str,
    clock: Arc<dyn Clock>,
) -> Result<Store> {
    let (login, store) = connect(address, password, clock)?;
    keep(data_dir, address, &login, password)?;
    Ok(store)
}

/// *Naar de server verhuizen*: connects as [`choose`] does, copies the
/// folder's whole record (`from`) into the server's empty database, and
/// only when that worked makes the server the window's record. The folder
/// stays as it was: going back finds it.
pub fn move_to(
    data_dir: &Path,
    address: &str,
    password: &str,
    from: &Store,
    clock: Arc<dyn Clock>,
) -> Result<(Store, taskforce::store::transfer::Copied)> {
    let (login, store) = connect(address, password, clock)?;
    let copied = from.copy_record_to(&store)?;
    keep(data_dir, address, &login, password)?;
    Ok((store, copied))
}

/// The record on the server at `address`, reached with `password`.
fn connect(address: &str, password: &str, clock: Arc<dyn Clock>) -> Result<(Login, Store)> {
    let login = Login::parse(address)?;
    if !login.needs_password() {
        // Kept in a file, the address must not hold the password.
        return Err(Error::validation(
            Field::ServerAddress,
            MessageKey::ServerPasswordInAddress,
        ));
    }
    let login = if password.is_empty() {
        login
    } else {
        login.with_password(password)
    };
    let store = Store::open_login(&login, clock)?;
    Ok((login, store))
}

/// The choice kept: the password in the keychain, the address in the folder.
fn keep(data_dir: &Path, address: &str, login: &Login, password: &str) -> Result<()> {
    if !password.is_empty() {
        keychain::save_server_password(&login.describe(), password)
            .map_err(|why| Error::Locked(why.message()))?;
    }
    taskforce::files::write_atomically(
        &choice_file(data_dir),
        format!("{}\n", address.trim()).as_bytes(),
        MessageKey::SettingsSaveFailed,
    )
}

/// Tries the server at `address` with `password` (or the one the keychain
/// keeps for it) without changing anything, here or there: what the
/// settings' *Verbinding testen* says.
pub fn test(address: &str, password: &str) -> Result<taskforce::message::Message> {
    let login = Login::parse(address)?;
    let login = if !password.is_empty() {
        login.with_password(password)
    } else if let Ok(kept) = keychain::load_server_password(&login.describe()) {
        login.with_password(&kept)
    } else {
        login
    };
    taskforce::store::server::Server::probe(&login)
}

/// Back to the data folder: the choice and the kept password go.
pub fn forget(data_dir: &Path) -> Result<()> {
    if let Some(address) = chosen(data_dir) {
        if let Ok(login) = Login::parse(&address) {
            let _ = keychain::forget_server_password(&login.describe());
        }
    }
    match std::fs::remove_file(choice_file(data_dir)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(
            MessageKey::SettingsSaveFailed,
            choice_file(data_dir),
            e,
        )),
    }
}

//! The CLI's side of opening a data folder: where it finds the key (its
//! [`Source`] for `taskforce_folder::open`), and `encrypt`, which makes
//! one. What the folder needs is decided in `taskforce_folder`, as for the
//! window.

use crate::args::Cli;
use crate::print::Output;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use taskforce::encryption::{DataKey, FolderEncryption};
use taskforce::error::Field;
use taskforce::message::MessageKey;
use taskforce::msg;
use taskforce::{Error, Lang, Message, Result, SystemClock};
use taskforce_folder::{Access, KeySource, Keychain, Missing};

/// The CLI's key source: `--key-file` or `TASKFORCE_KEY_FILE`, else the
/// keychain, else the recovery key asked on the terminal. Never from an
/// argument or an environment variable's value, which other users' `ps`
/// and the shell's history would show.
pub struct Source {
    key_file: Option<PathBuf>,
}

impl Source {
    pub fn of(cli: &Cli) -> Source {
        let key_file = cli.key_file.clone().or_else(|| {
            std::env::var_os("TASKFORCE_KEY_FILE")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        Source { key_file }
    }
}

impl KeySource for Source {
    fn key(
        &self,
        marker: Option<&FolderEncryption>,
    ) -> Result<std::result::Result<DataKey, Missing>> {
        let fits = |key: &DataKey| marker.is_none_or(|m| m.opens_with(key));
        let key = match &self.key_file {
            Some(file) => read_key_file(file)?,
            None => match Keychain.key(marker)? {
                Ok(key) if marker.is_some() && fits(&key) => return Ok(Ok(key)),
                _ if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
                    let prompt =
                        Message::new(MessageKey::CliRecoveryKeyPrompt).render(Lang::from_env());
                    let typed = zeroize::Zeroizing::new(
                        rpassword::prompt_password(format!("{prompt}: "))
                            .map_err(|e| Error::io(MessageKey::KeyFileUnreadable, "/dev/tty", e))?,
                    );
                    DataKey::from_recovery_text(&typed)?
                }
                Ok(_) => return Ok(Err(Missing::WrongKey)),
                Err(missing) => return Ok(Err(missing)),
            },
        };
        // A key the user gave that is not this folder's is said as such,
        // not as a keychain's problem.
        if !fits(&key) {
            return Err(Error::Locked(MessageKey::DataWrongKey.into()));
        }
        Ok(Ok(key))
    }
}

/// What the data folder of `path` needs, with its key from [`Source`]; an
/// encryption that was cut off is finished first (the CLI, like the window,
/// takes it up again rather than refusing), unless `encrypt` itself is to
/// finish it.
pub fn open(cli: &Cli, path: &Path, finishing: bool) -> Result<Access> {
    match taskforce_folder::open(path, &Source::of(cli))? {
        Access::Locked(Missing::WrongKey) => {
            Err(Error::Locked(MessageKey::KeychainWrongKey.into()))
        }
        Access::Locked(why) => Err(Error::Locked(msg!(CliLocked, why = why.message()))),
        Access::Converting(key) if !finishing => {
            taskforce_folder::finish(path, key, Arc::new(SystemClock))
        }
        access => Ok(access),
    }
}

/// Reads a recovery key from a file only its owner can read.
pub fn read_key_file(file: &Path) -> Result<DataKey> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file)
            .map_err(|e| Error::io(MessageKey::KeyFileUnreadable, file, e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            return Err(Error::validation(
                Field::KeyFile,
                msg!(KeyFileNotPrivate, path = file),
            ));
        }
    }
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(file)
            .map_err(|e| Error::io(MessageKey::KeyFileUnreadable, file, e))?,
    );
    DataKey::from_recovery_text(&text)
}

/// `encrypt`: the recovery key out first, then the key into the keychain and
/// the folder encrypted in place (or an encryption that was cut off finished
/// with the key it already has).
pub fn encrypt(path: &Path, access: Access, out: Option<&Path>, output: &Output) -> Result<()> {
    // Printed before the folder changes: an encryption cut off half way
    // needs the key to be finished.
    let mut recovery_key = None;
    let key = match access {
        Access::Converting(key) => key,
        Access::Keyed { .. } | Access::Locked(_) => {
            return Err(Error::conflict(MessageKey::EncryptAlready))
        }
        Access::Plain => {
            let key = DataKey::generate()?;
            match out {
                Some(file) => {
                    use std::io::Write;
                    taskforce::private::create_new(file)
                        .and_then(|mut f| {
                            f.write_all(key.recovery_text().as_bytes())?;
                            f.write_all(b"\n")?;
                            f.sync_all()
                        })
                        .map_err(|e| Error::io(MessageKey::KeyFileWriteFailed, file, e))?;
                }
                None => recovery_key = Some(key.recovery_text()),
            }
            key
        }
    };
    let encrypting = output.encrypting(recovery_key.as_deref().map(String::as_str))?;
    let (report, kept) = taskforce_folder::encrypt(path, &key, Arc::new(SystemClock))?;
    if let Some(missing) = kept {
        output.tell(&missing.message());
    }
    encrypting.done(&report)
}

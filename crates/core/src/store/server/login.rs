//! How the app reaches the server: the connection string the ministry gives
//! and the password, which is never kept in it. Where a password comes
//! from is the front end's choice (the CLI: the string, a `.pgpass` file or
//! the terminal; the window: its keychain); this module only parses,
//! matches a `.pgpass` file the way PostgreSQL's own tools do, and names
//! the server for people without the password.

use crate::error::{Error, Field, Result};
use crate::message::MessageKey;
use zeroize::Zeroizing;

/// A server address and, once known, its password.
#[derive(Clone)]
pub struct Login {
    config: postgres::Config,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Login {
    /// Parses a connection string: `postgres://user@host:port/database` or
    /// `host=… port=… user=… dbname=…`.
    pub fn parse(address: &str) -> Result<Login> {
        let config: postgres::Config = address.trim().parse().map_err(|_| {
            Error::validation(Field::ServerAddress, MessageKey::ServerAddressInvalid)
        })?;
        if config.get_hosts().is_empty() {
            return Err(Error::validation(
                Field::ServerAddress,
                MessageKey::ServerAddressInvalid,
            ));
        }
        Ok(Login { config })
    }

    /// Whether the string itself carried no password.
    pub fn needs_password(&self) -> bool {
        self.config.get_password().is_none()
    }

    pub fn with_password(mut self, password: &str) -> Login {
        self.config.password(password);
        self
    }

    /// The login name: given in the string, else the one PostgreSQL's tools
    /// take (the account's own name).
    pub fn user(&self) -> String {
        self.config
            .get_user()
            .map(str::to_string)
            .unwrap_or_else(crate::store::audit::os_user)
    }

    fn host(&self) -> String {
        match self.config.get_hosts().first() {
            Some(postgres::config::Host::Tcp(host)) => host.clone(),
            #[cfg(unix)]
            Some(postgres::config::Host::Unix(path)) => path.display().to_string(),
            None => String::new(),
        }
    }

    fn port(&self) -> u16 {
        self.config.get_ports().first().copied().unwrap_or(5432)
    }

    fn database(&self) -> String {
        self.config
            .get_dbname()
            .map(str::to_string)
            .unwrap_or_else(|| self.user())
    }

    /// `user@host:port/database`, for messages and the window: never the
    /// password.
    pub fn describe(&self) -> String {
        format!(
            "{}@{}:{}/{}",
            self.user(),
            self.host(),
            self.port(),
            self.database()
        )
    }

    /// The password a `.pgpass` file (`host:port:database:user:password`
    /// per line, `*` for any, `\:` and `\\` escaped) gives this login: the
    /// first line that matches, as libpq reads it.
    pub fn password_from_pgpass(&self, contents: &str) -> Option<Zeroizing<String>> {
        let wanted = [
            self.host(),
            self.port().to_string(),
            self.database(),
            self.user(),
        ];
        contents
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .find_map(|line| {
                let fields = pgpass_fields(line);
                if fields.len() != 5 {
                    return None;
                }
                let matches = fields[..4]
                    .iter()
                    .zip(&wanted)
                    .all(|(field, want)| field == "*" || field == want);
                matches.then(|| Zeroizing::new(fields[4].clone()))
            })
    }

    pub(crate) fn config(&self) -> &postgres::Config {
        &self.config
    }
}

/// One `.pgpass` line split at its unescaped colons.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' => fields.push(String::new()),
            _ => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::Login;

    #[test]
    fn a_pgpass_line_matches_as_postgresqls_tools_match_it() {
        let login = Login::parse("postgres://anna@db.minjenv.nl:5433/taskforce").unwrap();
        assert!(login.needs_password());
        assert_eq!(login.describe(), "anna@db.minjenv.nl:5433/taskforce");
        let pgpass = "# comment\n\
                      db.minjenv.nl:5432:taskforce:anna:wrong-port\n\
                      *:5433:taskforce:bram:other-user\n\
                      db.minjenv.nl:*:*:anna:ge\\:heim\\\\\n\
                      *:*:*:*:too-late\n";
        assert_eq!(
            login
                .password_from_pgpass(pgpass)
                .as_deref()
                .map(String::as_str),
            Some("ge:heim\\")
        );
        assert!(Login::parse("postgres://anna@db/taskforce")
            .unwrap()
            .password_from_pgpass("db.minjenv.nl:*:*:anna:x")
            .is_none());
    }

    #[test]
    fn the_password_is_never_in_the_description_and_a_bad_address_is_refused() {
        let login = Login::parse("host=db user=anna password=geheim dbname=tf").unwrap();
        assert!(!login.needs_password());
        assert!(!format!("{login:?} {}", login.describe()).contains("geheim"));
        assert!(Login::parse("postgres://[").is_err());
        assert!(Login::parse("   ").is_err());
    }
}

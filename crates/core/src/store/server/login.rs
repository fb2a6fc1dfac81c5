//! How the app reaches the server: the connection string the ministry gives
//! and the password, which is never kept in it. Where a password comes
//! from is the front end's choice (the CLI: the string, a `.pgpass` file or
//! the terminal; the window: its keychain); this module only parses,
//! matches a `.pgpass` file the way PostgreSQL's own tools do, and names
//! the server for people without the password.

use super::tls::{quoted, Tls};
use crate::error::{Error, Field, Result};
use crate::message::MessageKey;
use zeroize::Zeroizing;

/// A server address and, once known, its password.
#[derive(Clone)]
pub struct Login {
    config: postgres::Config,
    tls: Tls,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Login {
    /// Parses a connection string: `postgres://user@host:port/database` or
    /// `host=… port=… user=… dbname=…`, with libpq's TLS options
    /// (`sslmode`, `sslrootcert`, `sslcert`, `sslkey`; see [`Tls`]).
    pub fn parse(address: &str) -> Result<Login> {
        let (rest, options) = Tls::split(address)?;
        let mut config: postgres::Config = rest.parse().map_err(|_| {
            Error::validation(Field::ServerAddress, MessageKey::ServerAddressInvalid)
        })?;
        let Some(host) = config.get_hosts().first() else {
            return Err(Error::validation(
                Field::ServerAddress,
                MessageKey::ServerAddressInvalid,
            ));
        };
        let tls = Tls::from_options(&options, on_this_computer(host))?;
        config.ssl_mode(tls.client_mode());
        Ok(Login { config, tls })
    }

    /// Whether the connection is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.tls.is_on()
    }

    /// A new connection, encrypted as the address asks.
    pub(crate) fn connect(
        &self,
        timeout: std::time::Duration,
    ) -> std::result::Result<postgres::Client, ConnectError> {
        let connector = self.tls.connector().map_err(ConnectError::Files)?;
        let mut config = self.config.clone();
        config.connect_timeout(timeout);
        config.connect(connector).map_err(ConnectError::Server)
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
}

/// What the settings ask of a server (*Instellingen → Gedeelde server*),
/// written as the address the choice is kept by.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ServerFields {
    /// The whole address as the administrator gives it: when filled in, it
    /// is taken instead of the fields below.
    pub given: Option<String>,
    pub host: String,
    /// As typed; empty for PostgreSQL's own 5432.
    pub port: String,
    pub database: String,
    pub user: String,
    /// The CA file that vouches for the server; none for the system's
    /// certificates.
    pub ca_file: Option<String>,
    pub client_certificate: Option<String>,
    pub client_key: Option<String>,
}

impl ServerFields {
    /// The address (`key=value` form, which takes a socket folder and an
    /// IPv6 address alike), checked as [`Login::parse`] checks any.
    pub fn address(&self) -> Result<String> {
        if let Some(given) = self
            .given
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty())
        {
            Login::parse(given)?;
            return Ok(given.to_string());
        }
        let mut parts = Vec::new();
        for (key, value) in [
            ("host", &self.host),
            ("dbname", &self.database),
            ("user", &self.user),
        ] {
            let value = value.trim();
            if value.is_empty() {
                return Err(Error::validation(
                    Field::ServerAddress,
                    MessageKey::ServerFieldsMissing,
                ));
            }
            parts.push(format!("{key}={}", quoted(value)));
        }
        let port = self.port.trim();
        if !port.is_empty() {
            let port: u16 = port.parse().ok().filter(|p| *p > 0).ok_or_else(|| {
                Error::validation(Field::ServerAddress, MessageKey::ServerPortInvalid)
            })?;
            parts.push(format!("port={port}"));
        }
        for (key, value) in [
            ("sslrootcert", &self.ca_file),
            ("sslcert", &self.client_certificate),
            ("sslkey", &self.client_key),
        ] {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                parts.push(format!("{key}={}", quoted(value)));
            }
        }
        let address = parts.join(" ");
        Login::parse(&address)?;
        Ok(address)
    }
}

/// Why a connection was not made: the TLS files, or the server.
pub(crate) enum ConnectError {
    Files(Error),
    Server(postgres::Error),
}

/// A Unix socket or the loopback address (where an SSH tunnel ends):
/// nothing crosses a network.
fn on_this_computer(host: &postgres::config::Host) -> bool {
    match host {
        postgres::config::Host::Tcp(name) => {
            name.eq_ignore_ascii_case("localhost")
                || name
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        #[cfg(unix)]
        postgres::config::Host::Unix(_) => true,
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
    use crate::message::MessageKey;

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
    fn the_settings_fields_make_an_address_that_reads_back_the_same() {
        let fields = super::ServerFields {
            given: None,
            host: " db.minjenv.nl ".into(),
            port: " 5433 ".into(),
            database: "task force".into(),
            user: "o'brien".into(),
            ca_file: Some("C:\\certs\\rijk ca.pem".into()),
            client_certificate: None,
            client_key: Some(String::new()),
        };
        let address = fields.address().unwrap();
        let login = Login::parse(&address).unwrap();
        assert_eq!(login.describe(), "o'brien@db.minjenv.nl:5433/task force");
        assert!(login.is_encrypted());
        let (_, options) = super::Tls::split(&address).unwrap();
        assert_eq!(
            options,
            [(
                "sslrootcert".to_string(),
                "C:\\certs\\rijk ca.pem".to_string()
            )]
        );
        let bad_port = super::ServerFields {
            port: "54x".into(),
            ..fields.clone()
        };
        assert_eq!(
            bad_port.address().unwrap_err().message().key,
            MessageKey::ServerPortInvalid
        );
        let given = super::ServerFields {
            given: Some(" postgresql://anna@db/tf?sslrootcert=/ca.pem ".into()),
            ..Default::default()
        };
        assert_eq!(
            given.address().unwrap(),
            "postgresql://anna@db/tf?sslrootcert=/ca.pem"
        );
        let missing = super::ServerFields {
            database: "tf".into(),
            user: "anna".into(),
            ..Default::default()
        };
        assert_eq!(
            missing.address().unwrap_err().message().key,
            MessageKey::ServerFieldsMissing
        );
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

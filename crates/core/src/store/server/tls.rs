//! Encryption on the way to the server. The record and the password cross
//! the ministry's network only over TLS, with the server's certificate
//! verified — against the system's certificate store, or against the CA
//! file the administrator hands out (`sslrootcert`); a client certificate
//! (`sslcert`, `sslkey`) is sent when given.
//!
//! The options are libpq's, so a connection string that works for `psql`
//! works here; the app is stricter than libpq in one way: it never sends
//! the record to a server on the network unencrypted or unverified.
//! `sslmode=require` verifies as `verify-full` does, and `disable`,
//! `allow` and `prefer` are accepted only for a server on this computer (a
//! Unix socket, or the loopback address an SSH tunnel ends on), where
//! nothing crosses a network. A string without `sslmode` means
//! `verify-full` on the network, and on this computer too when it names a
//! CA or client file; otherwise no TLS on this computer.

use crate::error::{Error, Field, Result};
use crate::message::MessageKey;
use std::path::PathBuf;

/// The TLS options of one server address.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tls {
    mode: Mode,
    /// The CA file that vouches for the server; `None` for the system's
    /// store.
    root: Option<PathBuf>,
    client_certificate: Option<PathBuf>,
    client_key: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Mode {
    /// No TLS: a server on this computer only.
    Off,
    /// The certificate chain is verified, not the name in it.
    VerifyCa,
    /// The chain and the server's name.
    #[default]
    VerifyFull,
}

/// The libpq options this module takes out of a connection string before
/// the client parses the rest (it knows `sslmode` only in part and the file
/// options not at all).
const OPTIONS: [&str; 4] = ["sslmode", "sslrootcert", "sslcert", "sslkey"];

impl Tls {
    /// Splits the TLS options off `address` (a URL or `key=value` string):
    /// the address left for the client, and the options as asked.
    pub(crate) fn split(address: &str) -> Result<(String, Vec<(String, String)>)> {
        let address = address.trim();
        let invalid = || Error::validation(Field::ServerAddress, MessageKey::ServerAddressInvalid);
        if address.starts_with("postgres://") || address.starts_with("postgresql://") {
            let Some((base, query)) = address.split_once('?') else {
                return Ok((address.to_string(), Vec::new()));
            };
            let mut kept = Vec::new();
            let mut taken = Vec::new();
            for pair in query.split('&').filter(|pair| !pair.is_empty()) {
                let (key, value) = pair.split_once('=').ok_or_else(invalid)?;
                if OPTIONS.contains(&key) {
                    taken.push((key.to_string(), percent_decoded(value).ok_or_else(invalid)?));
                } else {
                    kept.push(pair);
                }
            }
            let rest = if kept.is_empty() {
                base.to_string()
            } else {
                format!("{base}?{}", kept.join("&"))
            };
            Ok((rest, taken))
        } else {
            let pairs = key_value_pairs(address).ok_or_else(invalid)?;
            let (taken, kept): (Vec<_>, Vec<_>) = pairs
                .into_iter()
                .partition(|(key, _)| OPTIONS.contains(&key.as_str()));
            let rest = kept
                .iter()
                .map(|(key, value)| format!("{key}={}", quoted(value)))
                .collect::<Vec<_>>()
                .join(" ");
            Ok((rest, taken))
        }
    }

    /// The options as asked, for a server that is on this computer
    /// (`local`) or not.
    pub(crate) fn from_options(options: &[(String, String)], local: bool) -> Result<Tls> {
        let mut tls = Tls::default();
        let mut mode = None;
        for (key, value) in options {
            let path = || (!value.is_empty()).then(|| PathBuf::from(value));
            match key.as_str() {
                "sslmode" => mode = Some(value.as_str()),
                // PostgreSQL 16's word for the system's store.
                "sslrootcert" if value == "system" => tls.root = None,
                "sslrootcert" => tls.root = path(),
                "sslcert" => tls.client_certificate = path(),
                "sslkey" => tls.client_key = path(),
                _ => {}
            }
        }
        // A CA or client file given says TLS is wanted, even here.
        let files = tls.root.is_some() || tls.client_certificate.is_some();
        tls.mode = match (mode, local) {
            (None, true) if !files => Mode::Off,
            (None, _) | (Some("require" | "verify-full"), _) => Mode::VerifyFull,
            (Some("verify-ca"), _) => Mode::VerifyCa,
            (Some("disable" | "allow" | "prefer"), true) => Mode::Off,
            (Some("disable" | "allow" | "prefer"), false) => {
                return Err(Error::validation(
                    Field::ServerAddress,
                    MessageKey::ServerTlsRequired,
                ))
            }
            (Some(_), _) => {
                return Err(Error::validation(
                    Field::ServerAddress,
                    MessageKey::ServerAddressInvalid,
                ))
            }
        };
        if tls.client_certificate.is_some() != tls.client_key.is_some() {
            return Err(Error::validation(
                Field::ServerAddress,
                MessageKey::ServerClientCertificateIncomplete,
            ));
        }
        Ok(tls)
    }

    /// Whether the connection is encrypted.
    pub(crate) fn is_on(&self) -> bool {
        self.mode != Mode::Off
    }

    /// The client's `sslmode`: TLS or none, never "if the server likes".
    pub(crate) fn client_mode(&self) -> postgres::config::SslMode {
        if self.is_on() {
            postgres::config::SslMode::Require
        } else {
            postgres::config::SslMode::Disable
        }
    }

    /// The connector for a connection, the CA and client files read now
    /// (a renewed certificate is taken at the next connection).
    pub(crate) fn connector(&self) -> Result<postgres_native_tls::MakeTlsConnector> {
        let mut builder = native_tls::TlsConnector::builder();
        builder.min_protocol_version(Some(native_tls::Protocol::Tlsv12));
        if let Some(root) = &self.root {
            let pem = read(root)?;
            let certificate = native_tls::Certificate::from_pem(&pem)
                .map_err(|_| unreadable(root, MessageKey::ServerCertificateFileInvalid))?;
            // The given CA alone vouches for the server, as with libpq.
            builder
                .disable_built_in_roots(true)
                .add_root_certificate(certificate);
        }
        if let (Some(certificate), Some(key)) = (&self.client_certificate, &self.client_key) {
            let identity = native_tls::Identity::from_pkcs8(&read(certificate)?, &read(key)?)
                .map_err(|_| unreadable(certificate, MessageKey::ServerCertificateFileInvalid))?;
            builder.identity(identity);
        }
        if self.mode == Mode::VerifyCa {
            builder.danger_accept_invalid_hostnames(true);
        }
        let connector = builder.build().map_err(|e| Error::Io {
            message: MessageKey::ServerCertificateFileInvalid.into(),
            path: PathBuf::new(),
            source: std::io::Error::other(e.to_string()),
        })?;
        Ok(postgres_native_tls::MakeTlsConnector::new(connector))
    }
}

fn read(path: &std::path::Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        message: MessageKey::ServerCertificateFileUnreadable.into(),
        path: path.to_path_buf(),
        source,
    })
}

fn unreadable(path: &std::path::Path, message: MessageKey) -> Error {
    Error::Io {
        message: message.into(),
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not a PEM certificate"),
    }
}

/// A value as a `key=value` address quotes it: in `'…'`, with `\\` and `'`
/// escaped.
pub(crate) fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `%XX` decoded, as a URL's query carries a file path.
fn percent_decoded(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A `key=value …` string as libpq reads it: spaces around `=` allowed, a
/// value quoted with `'…'` or bare up to the next space, `\` escaping the
/// next character.
fn key_value_pairs(address: &str) -> Option<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    let mut chars = address.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Some(pairs);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && !c.is_whitespace()) {
            key.push(c);
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next() != Some('=') || key.is_empty() {
            return None;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut value = String::new();
        if chars.next_if_eq(&'\'').is_some() {
            loop {
                match chars.next()? {
                    '\'' => break,
                    '\\' => value.push(chars.next()?),
                    c => value.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                if c == '\\' {
                    value.push(chars.next()?);
                } else {
                    value.push(c);
                }
            }
        }
        pairs.push((key, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(address: &str) -> (String, Vec<(String, String)>) {
        Tls::split(address).unwrap()
    }

    #[test]
    fn the_tls_options_come_out_of_both_forms_of_address() {
        let (rest, taken) = options(
            "postgresql://anna@db.minjenv.nl/tf?sslmode=verify-full&application_name=x&sslrootcert=%2Fetc%2Fca%20rijk.pem",
        );
        assert_eq!(
            rest,
            "postgresql://anna@db.minjenv.nl/tf?application_name=x"
        );
        assert_eq!(
            taken,
            [
                ("sslmode".into(), "verify-full".into()),
                ("sslrootcert".into(), "/etc/ca rijk.pem".into())
            ]
        );
        let (rest, taken) =
            options("host=db user = anna sslrootcert='/etc/my ca.pem' password='ge\\'heim'");
        assert_eq!(rest, "host='db' user='anna' password='ge\\'heim'");
        assert_eq!(taken, [("sslrootcert".into(), "/etc/my ca.pem".into())]);
        let parsed: postgres::Config = rest.parse().unwrap();
        assert_eq!(parsed.get_password(), Some(&b"ge'heim"[..]));
        assert!(Tls::split("host=db user").is_err());
        assert!(Tls::split("host='db").is_err());
    }

    #[test]
    fn the_network_is_crossed_only_encrypted_and_verified() {
        let tls = |address: &str, local: bool| {
            let (_, taken) = options(address);
            Tls::from_options(&taken, local).map(|tls| tls.mode)
        };
        assert_eq!(tls("postgres://db/tf", false).unwrap(), Mode::VerifyFull);
        assert_eq!(tls("postgres://localhost/tf", true).unwrap(), Mode::Off);
        assert_eq!(
            tls("postgres://localhost/tf?sslrootcert=ca.pem", true).unwrap(),
            Mode::VerifyFull
        );
        assert_eq!(
            tls("postgres://db/tf?sslmode=require", false).unwrap(),
            Mode::VerifyFull
        );
        assert_eq!(
            tls("host=db sslmode=verify-ca", false).unwrap(),
            Mode::VerifyCa
        );
        assert_eq!(
            tls("postgres://localhost/tf?sslmode=verify-full", true).unwrap(),
            Mode::VerifyFull
        );
        for refused in ["disable", "allow", "prefer"] {
            let error = tls(&format!("host=db sslmode={refused}"), false).unwrap_err();
            assert_eq!(error.message().key, MessageKey::ServerTlsRequired);
            assert_eq!(
                tls(&format!("host=localhost sslmode={refused}"), true).unwrap(),
                Mode::Off
            );
        }
        assert_eq!(
            tls("host=db sslmode=sometimes", false)
                .unwrap_err()
                .message()
                .key,
            MessageKey::ServerAddressInvalid
        );
        assert_eq!(
            tls("host=db sslcert=/c.pem", false)
                .unwrap_err()
                .message()
                .key,
            MessageKey::ServerClientCertificateIncomplete
        );
    }
}

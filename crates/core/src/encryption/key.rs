//! The data folder's key: 32 random bytes from the OS, from which the
//! database key, the documents key and a check value are derived (HKDF-SHA256
//! with a label each), and which a person can write down as a recovery key.

use crate::error::{Error, Field, Result};
use crate::message::MessageKey;
use hkdf::Hkdf;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

const LEN: usize = 32;
/// Crockford's base32: no I, L, O or U, so a key read aloud or retyped from
/// paper is not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Two bytes of SHA-256 after the key catch a typo before a key is tried.
const CHECK_LEN: usize = 2;
const GROUP: usize = 5;

/// The key of one data folder. Never printed, wiped from memory when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; LEN]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl PartialEq for DataKey {
    fn eq(&self, other: &Self) -> bool {
        // Compared through the check value, never byte by byte in the open.
        self.check_value() == other.check_value()
    }
}

impl DataKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<DataKey> {
        let mut bytes = Zeroizing::new([0u8; LEN]);
        getrandom::fill(bytes.as_mut()).map_err(|e| {
            Error::io(
                MessageKey::KeyGenerateFailed,
                "",
                std::io::Error::other(e.to_string()),
            )
        })?;
        Ok(DataKey(bytes))
    }

    /// A key from its 32 bytes, for tools that need the same key every run
    /// (the benchmarks' data set). The app never makes a key this way.
    pub fn from_bytes(bytes: [u8; LEN]) -> DataKey {
        DataKey(Zeroizing::new(bytes))
    }

    fn derive(&self, label: &str) -> Zeroizing<[u8; LEN]> {
        let hkdf = Hkdf::<Sha256>::new(None, self.0.as_ref());
        let mut out = Zeroizing::new([0u8; LEN]);
        // 32 bytes is far below HKDF-SHA256's limit of 8160: cannot fail.
        let _ = hkdf.expand(label.as_bytes(), out.as_mut());
        out
    }

    /// The value for SQLCipher's `PRAGMA key`: a raw 256-bit key (`x'…'`),
    /// used as it is instead of being stretched from a password.
    pub(crate) fn database_key(&self) -> Zeroizing<String> {
        let key = self.derive("taskforce/database/v1");
        // Written straight into the wiped string: no plain temporary.
        let mut text = Zeroizing::new(String::with_capacity(3 + 2 * LEN));
        text.push_str("x'");
        for byte in key.iter() {
            text.push(HEX[usize::from(byte >> 4)] as char);
            text.push(HEX[usize::from(byte & 15)] as char);
        }
        text.push('\'');
        text
    }

    /// The key the stored documents are sealed with.
    pub(crate) fn documents_key(&self) -> Zeroizing<[u8; LEN]> {
        self.derive("taskforce/documents/v1")
    }

    /// The key stored documents are named with (an HMAC of their hash), so
    /// a copied folder does not tell which known document it holds.
    pub(crate) fn names_key(&self) -> Zeroizing<[u8; LEN]> {
        self.derive("taskforce/document-names/v1")
    }

    /// The key the audit log's chain and its free-text fingerprints are
    /// computed with, so neither can be recomputed without the folder's key.
    pub(crate) fn audit_key(&self) -> Zeroizing<[u8; LEN]> {
        self.derive("taskforce/audit/v1")
    }

    /// Names this key without revealing it: written beside the database so a
    /// wrong key is told apart from a damaged file before anything is read.
    pub fn check_value(&self) -> String {
        hex(&self.derive("taskforce/key-check/v1")[..16])
    }

    /// The recovery key a person writes down: 55 characters in groups of
    /// five, the key and a two-byte checksum.
    pub fn recovery_text(&self) -> Zeroizing<String> {
        let mut bytes = Zeroizing::new(Vec::with_capacity(LEN + CHECK_LEN));
        bytes.extend_from_slice(self.0.as_ref());
        bytes.extend_from_slice(&Sha256::digest(self.0.as_ref())[..CHECK_LEN]);
        let plain = Zeroizing::new(base32(&bytes));
        let mut grouped = Zeroizing::new(String::with_capacity(plain.len() + plain.len() / GROUP));
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && i % GROUP == 0 {
                grouped.push('-');
            }
            grouped.push(c);
        }
        grouped
    }

    /// Reads a recovery key as typed: case, spaces and dashes do not matter,
    /// and O, I and L are read as 0, 1 and 1. A typo is caught by the
    /// checksum and said as such.
    pub fn from_recovery_text(text: &str) -> Result<DataKey> {
        let malformed = || Error::validation(Field::RecoveryKey, MessageKey::RecoveryKeyMalformed);
        let mut symbols = Zeroizing::new(Vec::with_capacity(64));
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' | '\n' | '\r' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            let value = ALPHABET
                .iter()
                .position(|&a| a as char == c)
                .ok_or_else(malformed)?;
            symbols.push(value as u8);
        }
        let bytes = Zeroizing::new(from_base32(&symbols).ok_or_else(malformed)?);
        if bytes.len() != LEN + CHECK_LEN {
            return Err(malformed());
        }
        let (key, check) = bytes.split_at(LEN);
        if Sha256::digest(key)[..CHECK_LEN] != *check {
            return Err(Error::validation(
                Field::RecoveryKey,
                MessageKey::RecoveryKeyTypo,
            ));
        }
        let mut out = Zeroizing::new([0u8; LEN]);
        out.copy_from_slice(key);
        Ok(DataKey(out))
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    buffer.zeroize();
    out
}

fn from_base32(symbols: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(symbols.len() * 5 / 8);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &value in symbols {
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    // Left-over bits must be the zero padding the encoder wrote.
    let ok = bits < 5 && buffer & ((1 << bits) - 1) == 0;
    buffer.zeroize();
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_to_the_same_key_however_it_is_typed() {
        let key = DataKey::generate().unwrap();
        let text = key.recovery_text();
        assert_eq!(text.len(), 55 + 10, "11 groups of 5 with dashes");
        assert!(text
            .chars()
            .all(|c| c == '-' || ALPHABET.contains(&(c as u8))));
        assert_eq!(DataKey::from_recovery_text(&text).unwrap(), key);
        let sloppy = text.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(DataKey::from_recovery_text(&sloppy).unwrap(), key);
    }

    #[test]
    fn a_typo_in_a_recovery_key_is_caught_by_its_checksum() {
        let key = DataKey::generate().unwrap();
        let text = key.recovery_text().to_string();
        let first = text.chars().next().unwrap();
        let other = if first == 'A' { 'B' } else { 'A' };
        let typo = format!("{other}{}", &text[1..]);
        let error = DataKey::from_recovery_text(&typo).unwrap_err();
        assert!(matches!(error.message().key, MessageKey::RecoveryKeyTypo));
        for bad in ["", "ABC", "U", &text[..50]] {
            let error = DataKey::from_recovery_text(bad).unwrap_err();
            assert!(matches!(
                error.message().key,
                MessageKey::RecoveryKeyMalformed
            ));
        }
    }

    #[test]
    fn derived_keys_differ_and_the_key_is_never_printed() {
        let key = DataKey::generate().unwrap();
        assert_ne!(
            key.documents_key().as_ref(),
            key.derive("taskforce/database/v1").as_ref()
        );
        assert_eq!(key.check_value().len(), 32);
        assert_eq!(format!("{key:?}"), "DataKey(…)");
        assert_ne!(DataKey::generate().unwrap(), key);
    }
}

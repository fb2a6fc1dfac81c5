//! Encryption at rest: the one key a data folder is encrypted with, how the
//! database, its backups and the stored documents use it, and the small
//! file beside the database that says a folder is encrypted.
//!
//! - The database and every backup of it are SQLCipher files (AES-256 pages
//!   with an HMAC each), keyed with a raw key derived from the folder's key,
//!   so opening costs no password stretching.
//! - Stored documents are sealed files ([`sealed`]): XChaCha20-Poly1305 in
//!   the STREAM construction, 64 KiB chunks, so a document of any size is
//!   encrypted and checked in constant memory and a truncated or altered
//!   file is refused. A document is still addressed by the SHA-256 of its
//!   plain content.
//! - The key itself is never written into the data folder: the OS keychain
//!   holds it (the `taskforce-keychain` crate), and the secretariat keeps a
//!   recovery key — the same 32 bytes as text with a checksum — on paper.

mod folder;
mod key;
pub mod sealed;

pub use folder::{AuditHead, FolderEncryption, ENCRYPTION_FILE};
pub use key::DataKey;

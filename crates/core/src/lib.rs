//! Core of the Taskforce Secretariaat: everything the secretariat of a Dutch
//! government task force keeps — terms, member seats, external partners,
//! subjects, meetings, invitations, attendance, minutes, decisions and actions —
//! with the domain rules enforced here, over a local SQLite store.
//!
//! This crate has no Tauri, export or CLI dependency: the desktop shell
//! (`src-tauri`), the exports (`taskforce-export`) and the CLI
//! (`taskforce-cli`) are all callers of it.
//!
//! Layout: [`domain`] holds the types and the pure rules; [`store`] is the only
//! place with SQL and runs each use case in one transaction; [`import`] parses
//! member lists; [`clock`] is how "now" gets in.

pub mod calendar;
pub mod clock;
pub mod content;
pub mod domain;
pub mod encryption;
pub mod error;
pub mod files;
pub mod import;
pub mod itip;
pub mod markdown;
pub mod message;
pub mod paths;
pub mod private;
pub mod seed;
pub mod spreadsheet;
pub mod store;

pub use clock::{Clock, FixedClock, ShiftedClock, SystemClock};
pub use error::{Error, ErrorCode, Result};
pub use message::{Lang, Message, MessageKey};
pub use seed::TERM5_MEMBERS;
pub use store::Store;

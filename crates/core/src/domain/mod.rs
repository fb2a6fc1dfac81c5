//! The secretariat's world as types, and the rules that hold whatever stores
//! them. Nothing here touches SQL, files or the clock.

mod action;
mod agenda;
mod anonymise;
mod attendance;
mod backup;
mod decision;
mod document;
mod holiday;
mod invitation;
mod list_import;
mod mail;
mod meeting;
mod minutes;
mod overview;
mod partner;
mod search;
mod seat;
mod series;
mod subject;
mod tag;
mod term;

pub use action::*;
pub use agenda::*;
pub use anonymise::*;
pub use attendance::*;
pub use backup::*;
pub use decision::*;
pub use document::*;
pub use holiday::*;
pub use invitation::*;
pub use list_import::*;
pub use mail::*;
pub use meeting::*;
pub use minutes::*;
pub use overview::*;
pub use partner::*;
pub use search::*;
pub use seat::*;
pub use series::*;
pub use subject::*;
pub use tag::*;
pub use term::*;

use crate::error::{Error, Field, Result};
use crate::msg;

/// Row ids as stored. Kept as `i64` in the core; the generated TypeScript
/// types see them as `number` (`specta(type = i32)` on each field), which is
/// exact because SQLite row ids here stay far below 2^53.
pub type Id = i64;

/// Declares a closed set of values with a stable code (stored, sent over IPC),
/// and the words a user may type for it, in Dutch and English. Exported for
/// the other crates of the workspace (the export formats use it too).
#[macro_export]
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $field:ident {
        $($variant:ident = $code:literal $(| $alias:literal)*),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Accepts the code or any Dutch/English alias, case-insensitively.
            pub fn parse(input: &str) -> $crate::error::Result<Self> {
                let wanted = input.trim().to_lowercase();
                $(
                    if wanted == $code $(|| wanted == $alias)* {
                        return Ok($name::$variant);
                    }
                )+
                let known: Vec<&str> = vec![$($code),+];
                Err($crate::error::Error::validation(
                    $crate::error::Field::$field,
                    $crate::msg!(
                        CodeUnknown,
                        input = input.trim(),
                        field = $crate::error::Field::$field,
                        choices = known.join(", ")
                    ),
                ))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}
pub use crate::code_enum;

/// Trims a required text and refuses it when empty.
pub fn required(field: Field, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::validation(field, msg!(TextRequired, field = field)));
    }
    if value.chars().count() > 2000 {
        return Err(Error::validation(field, msg!(TextTooLong, field = field)));
    }
    Ok(value.to_string())
}

/// Trims an optional text; blank becomes `None`.
pub fn optional_text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

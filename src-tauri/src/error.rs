//! The error every command returns: a code from the core's closed set, a
//! message for people, and the input field it concerns. Never SQL, never
//! file contents.

use serde::Serialize;
use taskforce::{Error, ErrorCode};

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        let message = match &error {
            // The storage source stays in the log; the message names only
            // what was being done.
            Error::Storage { .. } => {
                eprintln!("storage error: {error:?}");
                error.to_string()
            }
            _ => error.to_string(),
        };
        IpcError {
            code: error.code(),
            field: error.field().map(str::to_string),
            message,
        }
    }
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            code: ErrorCode::Internal,
            message: message.into(),
            field: None,
        }
    }
}

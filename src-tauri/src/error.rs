//! The error every command returns: a code from the core's closed set, a
//! message for people as a key with parameters (the window renders it in the
//! user's language from the shared dictionaries), and the input field it
//! concerns. Never SQL, never file contents.

use serde::Serialize;
use taskforce::error::Field;
use taskforce::{Error, ErrorCode, Message};

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: Message,
    pub field: Option<Field>,
}

impl From<Error> for IpcError {
    fn from(error: Error) -> Self {
        // The kind of storage failure goes to the log; the message names
        // only what was being done.
        if let Error::Storage { .. } = error {
            tracing::error!(error = %error.log_detail(), "opslagfout");
        }
        IpcError {
            code: error.code(),
            field: error.field_code(),
            message: error.message(),
        }
    }
}

impl IpcError {
    pub fn internal(message: impl Into<Message>) -> Self {
        IpcError {
            code: ErrorCode::Internal,
            message: message.into(),
            field: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use taskforce::Lang;

    /// What reaches the window says what is wrong and where, never what a
    /// file contained (the SQL side is tested in the core's error module).
    #[test]
    fn messages_carry_no_file_contents() {
        let dir = std::env::temp_dir().join(format!("ipc-error-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let file = dir.join("leden.txt");
        std::fs::write(
            &file,
            "Geheim Bureau, de directeur;\nJan Geheim zonder komma\n",
        )
        .expect("file");
        let error =
            IpcError::from(taskforce::import::read_member_file(&file).expect_err("malformed"));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(error.code, ErrorCode::Validation);
        for lang in [Lang::Nl, Lang::En] {
            let text = error.message.render(lang);
            assert!(text.contains(" 2: "), "{text}");
            assert!(!text.contains("Geheim"), "file contents in {text}");
        }
    }
}

//! The core's typed errors and the small, closed set of codes they map to.
//!
//! The codes are what crosses to the UI and the CLI's exit status; the
//! messages are for people. Messages never contain SQL text or file contents.

use crate::message::{Lang, Message, MessageKey};
use crate::msg;
use std::path::PathBuf;

/// Every failure the core reports. Its message is a [`Message`] — a key and
/// parameters — so each reader gets it in their own language; `Display`
/// renders it in Dutch, the app's first language.
#[derive(Debug)]
pub enum Error {
    /// Input that breaks a domain rule or cannot be parsed; `field` names the
    /// input so a form can show the message next to it.
    Validation {
        field: Field,
        message: Message,
    },
    NotFound {
        what: Thing,
        id: String,
    },
    /// The request is valid on its own but clashes with what is stored
    /// (a duplicate, a read-only record, a status that cannot move that way).
    Conflict(Message),
    /// The database was written by a newer version of the app, or is not a
    /// Taskforce database at all. It is left untouched.
    Incompatible(Message),
    /// The database file is damaged (not just foreign or newer).
    Damaged(Message),
    /// The data is encrypted and the key is missing or does not fit. Nothing
    /// was read or changed; the app asks for the recovery key.
    Locked(Message),
    Io {
        message: Message,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A storage failure that is not the user's doing. The SQLite error is kept
    /// as the source for logs but is not part of the message.
    Storage {
        context: &'static str,
        source: rusqlite::Error,
    },
    /// A failure on the shared server that is not the user's doing; the
    /// server's error is kept for logs, not shown.
    Server {
        context: &'static str,
        source: postgres::Error,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().render(Lang::Nl))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Storage { source, .. } => Some(source),
            Error::Server { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The kinds of record a lookup can miss, named in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Action,
    AgendaItem,
    Decision,
    Document,
    DocumentLink,
    Invitation,
    Meeting,
    Minutes,
    Partner,
    Seat,
    Subject,
    Term,
}

impl Thing {
    pub const ALL: &'static [Thing] = &[
        Thing::Action,
        Thing::AgendaItem,
        Thing::Decision,
        Thing::Document,
        Thing::DocumentLink,
        Thing::Invitation,
        Thing::Meeting,
        Thing::Minutes,
        Thing::Partner,
        Thing::Seat,
        Thing::Subject,
        Thing::Term,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Thing::Action => "action",
            Thing::AgendaItem => "agenda_item",
            Thing::Decision => "decision",
            Thing::Document => "document",
            Thing::DocumentLink => "document_link",
            Thing::Invitation => "invitation",
            Thing::Meeting => "meeting",
            Thing::Minutes => "minutes",
            Thing::Partner => "partner",
            Thing::Seat => "seat",
            Thing::Subject => "subject",
            Thing::Term => "term",
        }
    }
}

/// The input a validation error is about, so a form can show the message
/// next to it. A closed set, shared with the UI through the generated
/// bindings: a form field that names no `Field` fails the UI's type check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Url,
    AgendaItem,
    DeputyEmail,
    PartnerBody,
    PartnerSubject,
    MemberBody,
    MemberSubject,
    Signature,
    SenderName,
    SenderEmail,
    AtMeeting,
    Backup,
    Body,
    BreakFrom,
    BreakTo,
    Count,
    Csv,
    Database,
    Date,
    Db,
    DecreeDate,
    DecreeReference,
    DecreeUrl,
    Description,
    Due,
    Duration,
    Email,
    End,
    EndTime,
    EndsOn,
    EveryWeeks,
    Export,
    File,
    FirstDate,
    Format,
    Goals,
    Json,
    KeyFile,
    Kind,
    List,
    Meeting,
    Number,
    Organisation,
    Out,
    Owner,
    Position,
    Pragma,
    ServerAddress,
    Reason,
    Record,
    RecoveryKey,
    RepresentedBy,
    Role,
    Seat,
    SeatType,
    Seats,
    Start,
    StartTime,
    Status,
    Subject,
    Tags,
    Template,
    Term,
    Terms,
    Text,
    Title,
    To,
    Until,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Url,
        Field::AgendaItem,
        Field::DeputyEmail,
        Field::PartnerBody,
        Field::PartnerSubject,
        Field::MemberBody,
        Field::MemberSubject,
        Field::Signature,
        Field::SenderName,
        Field::SenderEmail,
        Field::AtMeeting,
        Field::Backup,
        Field::Body,
        Field::BreakFrom,
        Field::BreakTo,
        Field::Count,
        Field::Csv,
        Field::Database,
        Field::Date,
        Field::Db,
        Field::DecreeDate,
        Field::DecreeReference,
        Field::DecreeUrl,
        Field::Description,
        Field::Due,
        Field::Duration,
        Field::Email,
        Field::End,
        Field::EndTime,
        Field::EndsOn,
        Field::EveryWeeks,
        Field::Export,
        Field::File,
        Field::FirstDate,
        Field::Format,
        Field::Goals,
        Field::Json,
        Field::KeyFile,
        Field::Kind,
        Field::List,
        Field::Meeting,
        Field::Number,
        Field::Organisation,
        Field::Out,
        Field::Owner,
        Field::Position,
        Field::Pragma,
        Field::ServerAddress,
        Field::Reason,
        Field::Record,
        Field::RecoveryKey,
        Field::RepresentedBy,
        Field::Role,
        Field::Seat,
        Field::SeatType,
        Field::Seats,
        Field::Start,
        Field::StartTime,
        Field::Status,
        Field::Subject,
        Field::Tags,
        Field::Template,
        Field::Term,
        Field::Terms,
        Field::Text,
        Field::Title,
        Field::To,
        Field::Until,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::SenderEmail => "sender_email",
            Field::SenderName => "sender_name",
            Field::Signature => "signature",
            Field::MemberSubject => "member_subject",
            Field::MemberBody => "member_body",
            Field::PartnerSubject => "partner_subject",
            Field::PartnerBody => "partner_body",
            Field::DeputyEmail => "deputy_email",
            Field::AgendaItem => "agenda_item",
            Field::Url => "url",
            Field::AtMeeting => "at_meeting",
            Field::Backup => "backup",
            Field::Body => "body",
            Field::BreakFrom => "break_from",
            Field::BreakTo => "break_to",
            Field::Count => "count",
            Field::Csv => "csv",
            Field::Database => "database",
            Field::Date => "date",
            Field::Db => "db",
            Field::DecreeDate => "decree_date",
            Field::DecreeReference => "decree_reference",
            Field::DecreeUrl => "decree_url",
            Field::Description => "description",
            Field::Due => "due",
            Field::Duration => "duration",
            Field::Email => "email",
            Field::End => "end",
            Field::EndTime => "end_time",
            Field::EndsOn => "ends_on",
            Field::EveryWeeks => "every_weeks",
            Field::Export => "export",
            Field::File => "file",
            Field::FirstDate => "first_date",
            Field::Format => "format",
            Field::Goals => "goals",
            Field::Json => "json",
            Field::KeyFile => "key_file",
            Field::Kind => "kind",
            Field::List => "list",
            Field::Meeting => "meeting",
            Field::Number => "number",
            Field::Organisation => "organisation",
            Field::Out => "out",
            Field::Owner => "owner",
            Field::Position => "position",
            Field::Pragma => "pragma",
            Field::ServerAddress => "server_address",
            Field::Reason => "reason",
            Field::Record => "record",
            Field::RecoveryKey => "recovery_key",
            Field::RepresentedBy => "represented_by",
            Field::Role => "role",
            Field::Seat => "seat",
            Field::SeatType => "seat_type",
            Field::Seats => "seats",
            Field::Start => "start",
            Field::StartTime => "start_time",
            Field::Status => "status",
            Field::Subject => "subject",
            Field::Tags => "tags",
            Field::Template => "template",
            Field::Term => "term",
            Field::Terms => "terms",
            Field::Text => "text",
            Field::Title => "title",
            Field::To => "to",
            Field::Until => "until",
        }
    }
}

/// The closed set of error codes that leave the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum ErrorCode {
    NotFound,
    Validation,
    Conflict,
    Incompatible,
    Locked,
    Io,
    Internal,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Validation { .. } => ErrorCode::Validation,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Incompatible(_) | Error::Damaged(_) => ErrorCode::Incompatible,
            Error::Locked(_) => ErrorCode::Locked,
            Error::Io { .. } => ErrorCode::Io,
            Error::Storage { .. } | Error::Server { .. } => ErrorCode::Internal,
        }
    }

    /// The input field the error is about, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        self.field_code().map(Field::as_str)
    }

    pub fn field_code(&self) -> Option<Field> {
        match self {
            Error::Validation { field, .. } => Some(*field),
            _ => None,
        }
    }

    /// What may be written to the log about this error: its code and, for
    /// failures that are not the user's doing, what was being done and the
    /// kind of failure — never the message, which can quote what a user
    /// typed (names, addresses), and never a path or file contents.
    pub fn log_detail(&self) -> String {
        match self {
            Error::Storage { context, source } => {
                let code = source
                    .sqlite_error_code()
                    .map_or_else(|| "other".to_string(), |c| format!("{c:?}"));
                format!("Internal: {context} ({code})")
            }
            Error::Server { context, source } => {
                let state = source.code().map_or("connection", |state| state.code());
                format!("Internal: {context} (SQLSTATE {state})")
            }
            Error::Io { source, .. } => format!("Io: {:?}", source.kind()),
            Error::Validation { field, .. } => format!("Validation: {}", field.as_str()),
            Error::NotFound { what, .. } => format!("NotFound: {}", what.code()),
            other => format!("{:?}", other.code()),
        }
    }

    /// What to tell the user, for rendering in their language.
    pub fn message(&self) -> Message {
        match self {
            Error::Validation { message, .. }
            | Error::Conflict(message)
            | Error::Incompatible(message)
            | Error::Damaged(message)
            | Error::Locked(message) => message.clone(),
            Error::NotFound { what, id } => msg!(ErrorNotFound, what = *what, id = id),
            // A failure with no file of its own (the server) is said alone.
            Error::Io { message, path, .. } if path.as_os_str().is_empty() => message.clone(),
            Error::Io { message, path, .. } => {
                msg!(ErrorIoAt, message = message.clone(), path = path)
            }
            Error::Storage { context, .. } | Error::Server { context, .. } => {
                msg!(ErrorStorage, context = *context)
            }
        }
    }

    pub fn validation(field: Field, message: impl Into<Message>) -> Self {
        Error::Validation {
            field,
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<Message>) -> Self {
        Error::Conflict(message.into())
    }

    pub fn not_found(what: Thing, id: impl ToString) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub fn io(
        message: impl Into<Message>,
        path: impl Into<PathBuf>,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            message: message.into(),
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Attaches a short, SQL-free description of what the store was doing.
pub(crate) trait StorageContext<T> {
    fn context(self, context: &'static str) -> Result<T>;
}

impl<T> StorageContext<T> for std::result::Result<T, rusqlite::Error> {
    fn context(self, context: &'static str) -> Result<T> {
        self.map_err(|source| storage_error(context, source))
    }
}

/// Errors the user can do something about get a code and a message of their
/// own; the rest stay internal.
pub(crate) fn storage_error(context: &'static str, source: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as Code;
    let io = |message: MessageKey, kind: std::io::ErrorKind| Error::Io {
        message: message.into(),
        path: PathBuf::from("taskforce.sqlite3"),
        source: std::io::Error::new(kind, source.to_string()),
    };
    match source.sqlite_error_code() {
        Some(Code::DiskFull) => io(MessageKey::StorageDiskFull, std::io::ErrorKind::StorageFull),
        Some(Code::ReadOnly) => io(
            MessageKey::StorageReadOnly,
            std::io::ErrorKind::PermissionDenied,
        ),
        Some(Code::SystemIoFailure) => io(MessageKey::StorageIoFailure, std::io::ErrorKind::Other),
        Some(Code::DatabaseBusy) | Some(Code::DatabaseLocked) => {
            Error::conflict(MessageKey::StorageBusy)
        }
        Some(Code::DatabaseCorrupt) | Some(Code::NotADatabase) => {
            Error::Damaged(MessageKey::StorageDamaged.into())
        }
        _ => Error::Storage { context, source },
    }
}

/// [`storage_error`] for the shared server: a lost connection, a full disk,
/// a missing right and a clash with a colleague's transaction get their own
/// message; the rest stay internal.
/// A connection refused for its encryption: the server offers none, or its
/// certificate is not trusted.
fn tls_refusal(source: &postgres::Error) -> Option<Error> {
    let cause = std::error::Error::source(source)?;
    let message = if cause.is::<native_tls::Error>() {
        MessageKey::ServerCertificateUntrusted
    } else if cause.to_string() == "server does not support TLS" {
        MessageKey::ServerNoTls
    } else {
        return None;
    };
    Some(Error::Io {
        message: message.into(),
        path: PathBuf::new(),
        source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, cause.to_string()),
    })
}

pub(crate) fn server_error(context: &'static str, source: postgres::Error) -> Error {
    use postgres::error::SqlState;
    let Some(state) = source.code() else {
        if let Some(tls) = tls_refusal(&source) {
            return tls;
        }
        // The client's own refusal to go on without a password the server
        // asked for has no code of its own to tell it by.
        if std::error::Error::source(&source).is_some_and(|s| s.to_string() == "password missing") {
            return Error::Locked(MessageKey::ServerLoginFailed.into());
        }
        let lost = source.is_closed()
            || std::error::Error::source(&source).is_some_and(|s| s.is::<std::io::Error>());
        if !lost {
            // Not the server's refusal and not the connection: a column
            // the store cannot read, a mistake of ours.
            return Error::Server { context, source };
        }
        return Error::Io {
            message: MessageKey::ServerUnreachable.into(),
            path: PathBuf::new(),
            source: std::io::Error::new(std::io::ErrorKind::ConnectionAborted, source.to_string()),
        };
    };
    // The grants' own refusals (store/server/schema.rs): said to the
    // owner in the server's words.
    if state.code() == "TFS01" {
        let why = source
            .as_db_error()
            .map_or_else(|| source.to_string(), |e| e.message().to_string());
        return Error::Incompatible(crate::msg!(ServerGrantsRefused, why = why));
    }
    if *state == SqlState::T_R_SERIALIZATION_FAILURE
        || *state == SqlState::T_R_DEADLOCK_DETECTED
        || *state == SqlState::LOCK_NOT_AVAILABLE
    {
        Error::conflict(MessageKey::StorageBusy)
    } else if *state == SqlState::DISK_FULL {
        Error::Io {
            message: MessageKey::StorageDiskFull.into(),
            path: PathBuf::new(),
            source: std::io::Error::new(std::io::ErrorKind::StorageFull, source.to_string()),
        }
    } else if *state == SqlState::INVALID_PASSWORD
        || *state == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
    {
        Error::Locked(MessageKey::ServerLoginFailed.into())
    } else if *state == SqlState::INVALID_CATALOG_NAME {
        Error::validation(Field::ServerAddress, MessageKey::ServerDatabaseMissing)
    } else if *state == SqlState::INSUFFICIENT_PRIVILEGE {
        Error::Io {
            message: MessageKey::ServerNotAllowed.into(),
            path: PathBuf::new(),
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, source.to_string()),
        }
    } else if state.code().starts_with("08") || state.code().starts_with("57P") {
        // The server's own words (`terminating connection due to
        // administrator command`), for the log: `Display` says "db error".
        let said = source
            .as_db_error()
            .map_or_else(|| source.to_string(), ToString::to_string);
        Error::Io {
            message: MessageKey::ServerUnreachable.into(),
            path: PathBuf::new(),
            source: std::io::Error::new(std::io::ErrorKind::ConnectionAborted, said),
        }
    } else {
        Error::Server { context, source }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_detail_quotes_no_user_input_and_no_path() {
        let errors = [
            Error::validation(
                Field::Organisation,
                msg!(
                    SeatMember,
                    organisation = "Jan Geheim",
                    role = "de directeur"
                ),
            ),
            Error::conflict(msg!(
                SeatListedTwice,
                organisation = "Jan Geheim",
                role = "de directeur"
            )),
            Error::not_found(Thing::Partner, "Jan Geheim"),
            Error::io(
                MessageKey::FileReadFailed,
                "/home/jan.geheim/Jan Geheim.pdf",
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ),
        ];
        for error in errors {
            let detail = error.log_detail();
            assert!(
                !detail.contains("Geheim") && !detail.contains('/'),
                "{detail}"
            );
        }
    }

    #[test]
    fn storage_errors_name_what_was_done_not_the_sql() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let failure = conn
            .execute(
                "SELECT secret_column FROM no_such_table WHERE x = 'Jan Geheim'",
                [],
            )
            .unwrap_err();
        let error = storage_error("reading a subject", failure);
        assert_eq!(error.code(), ErrorCode::Internal);
        let message = error.to_string();
        for leak in ["SELECT", "no_such_table", "Geheim", "secret_column"] {
            assert!(!message.contains(leak), "{leak} in {message}");
        }
    }
}

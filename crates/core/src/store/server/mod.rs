//! The record on a shared PostgreSQL server, for a secretariat of several
//! people: the same store modules and SQL as the file (see
//! [`super::sql`]), run by [`executor::Session`] on a server connection.
//!
//! Calls are synchronous, as the file's are (the `postgres` crate's
//! blocking client), and the shell keeps them off the async runtime as it
//! does every store call. A write takes one transaction-level advisory lock
//! first, so writes by colleagues follow one another as `BEGIN IMMEDIATE`
//! makes them on the file, and every check-then-act rule of the store holds
//! unchanged; reads see one consistent state (`REPEATABLE READ`) and never
//! wait for a write.
//!
//! Reached by the connection string the ministry gives
//! (`postgres://user@host/database` or `host=… dbname=…`); the password is
//! asked, never stored in the string.

mod changes;
pub(crate) mod check;
mod executor;
mod login;
mod schema;
pub mod scratch;
mod tls;
pub(crate) mod undo;

pub use changes::Changes;
pub(crate) use executor::Session;
use executor::Statements;
pub use login::{Login, ServerFields};
pub use schema::{server_version, Readiness};

use crate::error::{Error, Result};
use crate::message::{Message, MessageKey};
use crate::msg;
use crate::store::sql::{values, Queries};
use chrono::{DateTime, Utc};

/// The advisory lock every write takes first ("TFS" and 2); the audit
/// log's append takes it too.
use crate::store::audited::SERVER_WRITE_LOCK as WRITE_LOCK;

/// A connection to the shared server.
pub struct Server {
    /// `None` once the connection was found lost (opened again for the
    /// next call) and when dropped (see `Drop`).
    client: Option<postgres::Client>,
    statements: Statements,
    /// How it was reached, for a second connection that listens for
    /// changes ([`Changes`]).
    login: Login,
    /// The server process of this connection, whose changes a listener
    /// leaves out.
    pid: i32,
}

impl Drop for Server {
    /// The client closes its connection on a runtime of its own, which
    /// panics on a thread that drives async tasks (a window's command that
    /// happened to hold the last reference): there it is closed on a
    /// thread of its own.
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                let _ = std::thread::Builder::new()
                    .name("closing server".into())
                    .spawn(move || drop(client));
            }
        }
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").finish_non_exhaustive()
    }
}

impl Server {
    /// Connects to the server at `address` (a connection string) and brings
    /// its schema up to date, or refuses it (newer, not ours, not ours to
    /// migrate).
    pub fn open(login: &Login) -> Result<Server> {
        let mut server = Server::connect(login)?;
        server.migrate()?;
        Ok(server)
    }

    /// Connects without looking at the schema.
    pub fn connect(login: &Login) -> Result<Server> {
        let (client, pid) = open_connection(login)?;
        Ok(Server {
            client: Some(client),
            statements: Statements::default(),
            login: login.clone(),
            pid,
        })
    }

    /// Tries `login` without changing anything: connects (TLS as asked)
    /// and says whether this build can use the database and what its
    /// first start there will do — or why not, as opening would.
    pub fn probe(login: &Login) -> Result<Message> {
        let mut server = Server::connect(login)?;
        let readiness = server.read(schema::readiness)?;
        let encryption = if login.is_encrypted() {
            Message::new(MessageKey::ServerTestEncrypted)
        } else {
            Message::new(MessageKey::ServerTestUnencrypted)
        };
        let server = login.describe();
        Ok(match readiness {
            Readiness::Current => msg!(ServerTestCurrent, server = server, encryption = encryption),
            Readiness::Empty => msg!(ServerTestEmpty, server = server, encryption = encryption),
            Readiness::Older(version) => msg!(
                ServerTestOlder,
                server = server,
                encryption = encryption,
                current = version,
                known = server_version()
            ),
        })
    }

    /// `user@host:port/database`, for people: never the password.
    pub fn describe(&self) -> String {
        self.login.describe()
    }

    /// Whether this login may change the record (the read-only role may
    /// not; see the grants in `schema`).
    pub fn can_write(&mut self) -> Result<bool> {
        self.read(|db| {
            db.one(
                "SELECT has_table_privilege('subjects', 'INSERT')",
                &values![],
                "looking at the login's rights",
                |r| r.get(0),
            )
        })
    }

    /// A connection of its own that hears of changes made by others.
    pub fn changes(&self) -> Result<Changes> {
        Changes::listen(&self.login, self.pid)
    }

    /// The server's schema version; `None` for an empty database.
    pub fn schema_version(&mut self) -> Result<Option<i64>> {
        self.read(schema::version)
    }

    /// Brings the server's schema to [`server_version`].
    pub fn migrate(&mut self) -> Result<()> {
        self.in_transaction(postgres::IsolationLevel::ReadCommitted, schema::migrate)
    }

    /// Runs `f` in a read transaction that sees one consistent state.
    pub(crate) fn read<T>(&mut self, f: impl FnOnce(&Session<'_>) -> Result<T>) -> Result<T> {
        self.in_transaction(postgres::IsolationLevel::RepeatableRead, f)
    }

    /// Runs `f` as the only writer on the server until it commits; the
    /// audit log records the change at `now` (the app's clock). With
    /// `journal`, the rows it changed come back as a step that
    /// [`crate::Store::undo_last`] can take back.
    pub(crate) fn write<T>(
        &mut self,
        now: DateTime<Utc>,
        journal: bool,
        f: impl FnOnce(&Session<'_>) -> Result<T>,
    ) -> Result<(T, Option<crate::store::undo::UndoStep>)> {
        self.in_transaction(postgres::IsolationLevel::ReadCommitted, |db| {
            db.run(
                "SELECT pg_advisory_xact_lock(?1), set_config('taskforce.now', ?2, true),
                        set_config('taskforce.undo', ?3, true)",
                &values![WRITE_LOCK, now, if journal { "on" } else { "off" }],
                "waiting for a colleague's change",
            )?;
            let value = f(db)?;
            let step = if journal { undo::take(db)? } else { None };
            Ok((value, step))
        })
    }

    fn in_transaction<T>(
        &mut self,
        isolation: postgres::IsolationLevel,
        f: impl FnOnce(&Session<'_>) -> Result<T>,
    ) -> Result<T> {
        // A connection the server or the network dropped (a restart, a
        // laptop waking up) is opened again for the next call; the call
        // that met the loss was refused with that message.
        if self.client.is_none() {
            let (client, pid) = open_connection(&self.login)?;
            self.client = Some(client);
            self.pid = pid;
            self.statements = Statements::default();
        }
        let outcome = self.run_transaction(isolation, f);
        if outcome.is_err() {
            // Whether the failure was the connection's: the client does
            // not always know it yet, so it is asked.
            let lost = self.client.as_mut().is_none_or(|client| {
                client.is_closed() || client.is_valid(std::time::Duration::from_secs(2)).is_err()
            });
            if lost {
                self.client = None;
            }
        }
        outcome
    }

    fn run_transaction<T>(
        &mut self,
        isolation: postgres::IsolationLevel,
        f: impl FnOnce(&Session<'_>) -> Result<T>,
    ) -> Result<T> {
        let client = self
            .client
            .as_mut()
            .ok_or_else(|| Error::conflict(crate::message::MessageKey::ServerUnreachable))?;
        let tx = client
            .build_transaction()
            .isolation_level(isolation)
            .start()
            .map_err(|e| unreachable("starting a transaction", e))?;
        let session = Session::new(tx, &self.statements);
        let value = f(&session)?;
        session
            .commit()
            .map_err(|e| e.into_storage("committing a change"))?;
        Ok(value)
    }
}

/// How long a write waits for a colleague's (or a forgotten psql session's)
/// transaction before it is refused as busy, and how long a connection
/// attempt may take.
const LOCK_WAIT: &str = "10s";
const CONNECT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// A new connection, and its server process (whose own changes a listener
/// leaves out).
fn open_connection(login: &Login) -> Result<(postgres::Client, i32)> {
    let mut client = connect(login, "connecting to the server")?;
    client
        .batch_execute(&format!("SET lock_timeout = '{LOCK_WAIT}'"))
        .map_err(|e| unreachable("connecting to the server", e))?;
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .and_then(|row| row.try_get(0))
        .map_err(|e| unreachable("connecting to the server", e))?;
    Ok((client, pid))
}

/// A new connection as `login` asks, or the store's error for why not.
fn connect(login: &Login, context: &'static str) -> Result<postgres::Client> {
    login.connect(CONNECT_WAIT).map_err(|e| match e {
        login::ConnectError::Files(error) => error,
        login::ConnectError::Server(error) => unreachable(context, error),
    })
}

/// The store's error for a failure before a transaction began.
fn unreachable(context: &'static str, error: postgres::Error) -> Error {
    crate::error::server_error(context, error)
}

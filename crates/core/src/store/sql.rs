//! The seam between the store's modules and the database they run on: a
//! statement with its parameters in, rows of [`Value`]s out. The store's
//! modules keep all the SQL and every check-then-act rule; below this seam
//! an [`Executor`] runs a statement on SQLite (this file, on a rusqlite
//! connection or transaction) — and, for the shared server, on PostgreSQL.
//!
//! SQL is written once where the dialects agree: parameters as `?1`, `?2`
//! (SQLite binds `?N` by its number; the server's executor writes `$N`),
//! `RETURNING id` for a new row's id, `ON CONFLICT … DO NOTHING`, `lower()`
//! for a case-blind order. Where they differ, a [`Pair`] holds both side by
//! side. Rows are read whole into [`Row`]s, so one decoder serves both and no
//! statement stays open while a row is decoded (a query inside a row's
//! decoding is safe).
//!
//! After application-services' `sql` support (`ConnExt`): the executor has
//! three required methods; what the store calls — [`Queries::rows`],
//! [`Queries::one`], [`Queries::optional`], [`Queries::run`],
//! [`Queries::insert`] — is provided on top of them.

// Parts of the seam that wait for their first user: the modules still on
// rusqlite as they move over, and the server's executor.
#![allow(dead_code)]

use crate::domain::Id;
use crate::error::{storage_error, Result};
use chrono::{DateTime, NaiveDate, Utc};

/// One value bound to a parameter or read from a column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// Which SQL an executor speaks, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// A statement that the two dialects write differently, side by side.
pub(crate) struct Pair {
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

impl Pair {
    pub fn pick(&self, dialect: Dialect) -> &'static str {
        match dialect {
            Dialect::Sqlite => self.sqlite,
            Dialect::Postgres => self.postgres,
        }
    }
}

/// Why a statement failed: the database's own error, or a column that did
/// not hold what the store reads from it.
#[derive(Debug)]
pub(crate) enum SqlError {
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    Decode {
        index: usize,
        wanted: &'static str,
        found: &'static str,
    },
}

impl From<rusqlite::Error> for SqlError {
    fn from(error: rusqlite::Error) -> SqlError {
        SqlError::Sqlite(error)
    }
}

impl From<postgres::Error> for SqlError {
    fn from(error: postgres::Error) -> SqlError {
        SqlError::Postgres(error)
    }
}

impl SqlError {
    /// A constraint the schema holds refused the statement (a unique key, a
    /// foreign key, a check, a trigger's `RAISE`).
    pub fn is_constraint_violation(&self) -> bool {
        match self {
            SqlError::Sqlite(error) => {
                error.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation)
            }
            // Class 23: integrity constraint violation; the rule triggers
            // raise check_violation, as SQLite's RAISE is a constraint.
            SqlError::Postgres(error) => error
                .code()
                .is_some_and(|state| state.code().starts_with("23")),
            SqlError::Decode { .. } => false,
        }
    }

    /// The store's error for a failure met while `context`: for a module
    /// that looks at the [`SqlError`] itself before giving up.
    pub fn into_storage(self, context: &'static str) -> crate::error::Error {
        match self {
            SqlError::Sqlite(error) => storage_error(context, error),
            SqlError::Postgres(error) => crate::error::server_error(context, error),
            SqlError::Decode {
                index,
                wanted,
                found,
            } => storage_error(
                context,
                rusqlite::Error::InvalidColumnType(
                    index,
                    format!("{wanted}, found {found}"),
                    rusqlite::types::Type::Null,
                ),
            ),
        }
    }
}

/// A row read whole.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    values: Vec<Value>,
}

impl Row {
    pub(crate) fn from_values(values: Vec<Value>) -> Row {
        Row { values }
    }

    /// The column at `index` as `T`.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T, SqlError> {
        let value = self.values.get(index).unwrap_or(&Value::Null);
        T::from_value(value).ok_or(SqlError::Decode {
            index,
            wanted: T::WANTED,
            found: value.kind(),
        })
    }

    /// A text column, borrowed: what the decoders below parse, with no copy.
    fn text(&self, index: usize) -> Result<&str, SqlError> {
        match self.values.get(index) {
            Some(Value::Text(text)) => Ok(text),
            _ => Err(self.decode(index, "text")),
        }
    }

    /// A calendar day stored as `YYYY-MM-DD`.
    pub fn day(&self, index: usize) -> Result<NaiveDate, SqlError> {
        super::row::parse_day(self.text(index)?).map_err(|_| self.decode(index, "a day"))
    }

    pub fn optional_day(&self, index: usize) -> Result<Option<NaiveDate>, SqlError> {
        match self.values.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.day(index).map(Some),
        }
    }

    /// A UTC instant stored as RFC 3339 text.
    pub fn instant(&self, index: usize) -> Result<DateTime<Utc>, SqlError> {
        super::row::parse_instant(self.text(index)?).map_err(|_| self.decode(index, "an instant"))
    }

    pub fn optional_instant(&self, index: usize) -> Result<Option<DateTime<Utc>>, SqlError> {
        match self.values.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.instant(index).map(Some),
        }
    }

    /// A stored domain code (a status, a kind), parsed by its type.
    pub fn code<T>(&self, index: usize, parse: fn(&str) -> Result<T>) -> Result<T, SqlError> {
        parse(self.text(index)?).map_err(|_| self.decode(index, "a known code"))
    }

    /// [`Row::code`] of a column that may be empty (not registered yet,
    /// no reply, no previous status).
    pub fn optional_code<T>(
        &self,
        index: usize,
        parse: fn(&str) -> Result<T>,
    ) -> Result<Option<T>, SqlError> {
        match self.values.get(index) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.code(index, parse).map(Some),
        }
    }

    fn decode(&self, index: usize, wanted: &'static str) -> SqlError {
        SqlError::Decode {
            index,
            wanted,
            found: self.values.get(index).unwrap_or(&Value::Null).kind(),
        }
    }
}

impl Value {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Integer(_) => "integer",
            Value::Real(_) => "real",
            Value::Text(_) => "text",
            Value::Blob(_) => "blob",
        }
    }
}

/// What a column can be read as.
pub(crate) trait FromValue: Sized {
    const WANTED: &'static str;
    fn from_value(value: &Value) -> Option<Self>;
}

/// The value as stored, for a reader that takes any kind (the audit chain).
impl FromValue for Value {
    const WANTED: &'static str = "a value";
    fn from_value(value: &Value) -> Option<Value> {
        Some(value.clone())
    }
}

impl FromValue for i64 {
    const WANTED: &'static str = "an integer";
    fn from_value(value: &Value) -> Option<i64> {
        match value {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }
}

impl FromValue for u32 {
    const WANTED: &'static str = "a count";
    fn from_value(value: &Value) -> Option<u32> {
        i64::from_value(value).and_then(|n| u32::try_from(n).ok())
    }
}

impl FromValue for i32 {
    const WANTED: &'static str = "an integer";
    fn from_value(value: &Value) -> Option<i32> {
        i64::from_value(value).and_then(|n| i32::try_from(n).ok())
    }
}

impl FromValue for bool {
    const WANTED: &'static str = "a flag";
    fn from_value(value: &Value) -> Option<bool> {
        i64::from_value(value).map(|n| n != 0)
    }
}

impl FromValue for f64 {
    const WANTED: &'static str = "a number";
    fn from_value(value: &Value) -> Option<f64> {
        match value {
            Value::Real(x) => Some(*x),
            Value::Integer(n) => Some(*n as f64),
            _ => None,
        }
    }
}

impl FromValue for String {
    const WANTED: &'static str = "text";
    fn from_value(value: &Value) -> Option<String> {
        match value {
            Value::Text(text) => Some(text.clone()),
            _ => None,
        }
    }
}

impl FromValue for Vec<u8> {
    const WANTED: &'static str = "bytes";
    fn from_value(value: &Value) -> Option<Vec<u8>> {
        match value {
            Value::Blob(bytes) => Some(bytes.clone()),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    const WANTED: &'static str = T::WANTED;
    fn from_value(value: &Value) -> Option<Option<T>> {
        match value {
            Value::Null => Some(None),
            other => T::from_value(other).map(Some),
        }
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Integer(n)
    }
}

impl From<i32> for Value {
    fn from(n: i32) -> Value {
        Value::Integer(n.into())
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Integer(n.into())
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Value {
        Value::Integer(flag.into())
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Real(x)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&String> for Value {
    fn from(text: &String) -> Value {
        Value::Text(text.clone())
    }
}

impl From<&[u8]> for Value {
    fn from(bytes: &[u8]) -> Value {
        Value::Blob(bytes.to_vec())
    }
}

/// Days are stored as `YYYY-MM-DD`, as the store has always written them.
impl From<NaiveDate> for Value {
    fn from(day: NaiveDate) -> Value {
        Value::Text(crate::calendar::format_date(day))
    }
}

/// Instants are stored as RFC 3339 in UTC, to the second.
impl From<DateTime<Utc>> for Value {
    fn from(instant: DateTime<Utc>) -> Value {
        Value::Text(crate::calendar::format_instant(instant))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

/// The parameters of a statement: `values![a, b, c]`, each by `Into<Value>`.
macro_rules! values {
    () => { [] as [$crate::store::sql::Value; 0] };
    ($($value:expr),+ $(,)?) => {
        [$($crate::store::sql::Value::from($value)),+]
    };
}
pub(crate) use values;

/// Runs one statement. SQLite's is rusqlite's connection (and a
/// transaction, which is one); the server's is PostgreSQL's.
pub(crate) trait Executor {
    fn dialect(&self) -> Dialect;
    /// Every row `sql` gives, read whole.
    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, SqlError>;
    /// How many rows `sql` changed.
    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, SqlError>;
}

/// What the store's modules call: one statement, its rows decoded, and a
/// short, SQL-free `context` for the error when it fails.
pub(crate) trait Queries: Executor {
    fn rows<T>(
        &self,
        sql: &str,
        params: &[Value],
        context: &'static str,
        mut decode: impl FnMut(&Row) -> Result<T, SqlError>,
    ) -> Result<Vec<T>> {
        self.query(sql, params)
            .and_then(|rows| rows.iter().map(&mut decode).collect())
            .map_err(|e| e.into_storage(context))
    }

    /// The one row `sql` gives; none is an internal error (the store asks
    /// [`Queries::optional`] where a row may be missing).
    fn one<T>(
        &self,
        sql: &str,
        params: &[Value],
        context: &'static str,
        decode: impl FnOnce(&Row) -> Result<T, SqlError>,
    ) -> Result<T> {
        match self.optional(sql, params, context, decode)? {
            Some(value) => Ok(value),
            None => {
                Err(SqlError::Sqlite(rusqlite::Error::QueryReturnedNoRows).into_storage(context))
            }
        }
    }

    /// The first row `sql` gives, if any.
    fn optional<T>(
        &self,
        sql: &str,
        params: &[Value],
        context: &'static str,
        decode: impl FnOnce(&Row) -> Result<T, SqlError>,
    ) -> Result<Option<T>> {
        self.query(sql, params)
            .and_then(|rows| rows.first().map(decode).transpose())
            .map_err(|e| e.into_storage(context))
    }

    /// Runs a statement that returns no rows; how many it changed.
    fn run(&self, sql: &str, params: &[Value], context: &'static str) -> Result<u64> {
        self.execute(sql, params)
            .map_err(|e| e.into_storage(context))
    }

    /// Runs an `INSERT … RETURNING id` and gives the new row's id.
    fn insert(&self, sql: &str, params: &[Value], context: &'static str) -> Result<Id> {
        self.inserted(sql, params)
            .map_err(|e| e.into_storage(context))
    }

    /// [`Queries::insert`] with the database's own error, for a caller that
    /// tells a refusal by the schema ([`SqlError::is_constraint_violation`])
    /// from any other failure.
    fn inserted(&self, sql: &str, params: &[Value]) -> Result<Id, SqlError> {
        match self.query(sql, params)?.first() {
            Some(row) => row.get(0),
            None => Err(SqlError::Sqlite(rusqlite::Error::QueryReturnedNoRows)),
        }
    }
}

impl<E: Executor + ?Sized> Queries for E {}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Integer(n) => ValueRef::Integer(*n),
            Value::Real(x) => ValueRef::Real(*x),
            Value::Text(text) => ValueRef::Text(text.as_bytes()),
            Value::Blob(bytes) => ValueRef::Blob(bytes),
        }))
    }
}

fn sqlite_value(value: rusqlite::types::ValueRef<'_>) -> Value {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::Integer(n),
        ValueRef::Real(x) => Value::Real(x),
        // Text the store wrote is UTF-8; anything else is read as it can be.
        ValueRef::Text(bytes) => Value::Text(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => Value::Blob(bytes.to_vec()),
    }
}

/// Binds `params` by their number (`?N`), refusing a count that does not
/// match what the statement asks: a parameter left unbound would be NULL.
fn bound<'c>(
    conn: &'c rusqlite::Connection,
    sql: &str,
    params: &[Value],
) -> Result<rusqlite::CachedStatement<'c>, SqlError> {
    let mut statement = conn.prepare_cached(sql)?;
    if statement.parameter_count() != params.len() {
        return Err(SqlError::Sqlite(rusqlite::Error::InvalidParameterCount(
            params.len(),
            statement.parameter_count(),
        )));
    }
    for (index, value) in params.iter().enumerate() {
        statement.raw_bind_parameter(index + 1, value)?;
    }
    Ok(statement)
}

impl Executor for rusqlite::Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, SqlError> {
        let mut statement = bound(self, sql, params)?;
        let columns = statement.column_count();
        let mut rows = statement.raw_query();
        let mut read = Vec::new();
        while let Some(row) = rows.next()? {
            let values = (0..columns)
                .map(|i| row.get_ref(i).map(sqlite_value))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            read.push(Row { values });
        }
        Ok(read)
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, SqlError> {
        let mut statement = bound(self, sql, params)?;
        Ok(statement.raw_execute()? as u64)
    }
}

impl Executor for rusqlite::Transaction<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, SqlError> {
        Executor::query(&**self, sql, params)
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, SqlError> {
        Executor::execute(&**self, sql, params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> rusqlite::Connection {
        let conn = rusqlite::Connection::open_in_memory().expect("memory");
        conn.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, day TEXT, n INTEGER);",
        )
        .expect("schema");
        conn
    }

    #[test]
    fn a_row_goes_in_with_its_id_back_and_comes_out_decoded() {
        let db = conn();
        let day = NaiveDate::from_ymd_opt(2027, 1, 13).expect("day");
        let id = db
            .insert(
                "INSERT INTO t (name, day, n) VALUES (?1, ?2, ?3) RETURNING id",
                &values!["Casus A", day, None::<i64>],
                "adding",
            )
            .expect("insert");
        assert_eq!(id, 1);
        let (name, read_day, n): (String, NaiveDate, Option<i64>) = db
            .one(
                "SELECT name, day, n FROM t WHERE id = ?1",
                &values![id],
                "reading",
                |r| Ok((r.get(0)?, r.day(1)?, r.get(2)?)),
            )
            .expect("one");
        assert_eq!((name.as_str(), read_day, n), ("Casus A", day, None));
        assert!(db
            .optional(
                "SELECT id FROM t WHERE id = ?1",
                &values![99],
                "reading",
                |r| r.get::<i64>(0)
            )
            .expect("optional")
            .is_none());
    }

    #[test]
    fn parameters_bind_by_their_number_and_a_missing_one_is_refused() {
        let db = conn();
        db.run(
            "INSERT INTO t (name, n) VALUES (?2, ?1)",
            &values![7, "zeven"],
            "adding",
        )
        .expect("numbered");
        let name: String = db
            .one(
                "SELECT name FROM t WHERE n = ?1",
                &values![7],
                "reading",
                |r| r.get(0),
            )
            .expect("bound by number");
        assert_eq!(name, "zeven");
        let error = db
            .run(
                "INSERT INTO t (name, n) VALUES (?1, ?2)",
                &values!["x"],
                "adding",
            )
            .expect_err("one short");
        assert!(matches!(error, crate::Error::Storage { .. }), "{error:?}");
    }

    #[test]
    fn a_column_that_does_not_hold_what_is_read_is_an_error_not_a_default() {
        let db = conn();
        db.run(
            "INSERT INTO t (name, day) VALUES ('x', 'gisteren')",
            &[],
            "adding",
        )
        .expect("insert");
        let error = db
            .one("SELECT day FROM t", &[], "reading", |r| r.day(0))
            .expect_err("not a day");
        assert!(matches!(error, crate::Error::Storage { .. }), "{error:?}");
        let error = db
            .one("SELECT name FROM t", &[], "reading", |r| r.get::<i64>(0))
            .expect_err("text is no integer");
        assert!(matches!(error, crate::Error::Storage { .. }), "{error:?}");
    }

    #[test]
    fn a_constraint_is_recognised_whatever_the_backend_says() {
        let db = conn();
        let error = Executor::execute(&db, "INSERT INTO t (id, name) VALUES (1, NULL)", &[])
            .expect_err("not null");
        assert!(error.is_constraint_violation());
    }
}

/// SQL that only one dialect speaks, outside a [`Pair`]: the store's
/// modules may hold it only while they are not on the seam yet, and never
/// more of it than they hold today (`ON_THE_WAY`). A module on the seam
/// holds none.
#[cfg(test)]
mod dialect {
    /// What only SQLite (or only PostgreSQL) understands.
    const SPECIFIC: &[&str] = &[
        "COLLATE NOCASE",
        "INSERT OR ",
        "last_insert_rowid",
        "group_concat",
        "string_agg",
        "strftime(",
        "julianday(",
        "datetime(",
        "ILIKE",
        "PRAGMA ",
        " MATCH ",
        "rowid",
    ];

    /// Modules not yet on the seam, with how many lines of one dialect's
    /// SQL they hold; each slice that moves one over takes it off.
    /// `sql.rs` (this file: the list above) and the SQLite-only machinery
    /// (migrations, checks, backups, encryption, sealing, the undo
    /// journal's temp triggers, the audit log's functions and FTS search)
    /// are SQLite's by design until the server backend gives them pairs.
    const ON_THE_WAY: &[(&str, usize)] = &[
        // The audit triggers of both backends, generated side by side from
        // one list: the file's and the server's (`server_audit_sql`).
        ("audited.rs", 2),
        ("backup.rs", 3),
        ("check.rs", 5),
        ("encrypt.rs", 3),
        ("migrations.rs", 2),
        ("mod.rs", 19),
        ("seal.rs", 1),
        ("search.rs", 5),
        ("undo.rs", 4),
    ];

    /// Whether `line` holds `token` as a word of its own: `dutch_datetime(`
    /// is Rust, not SQLite's `datetime(`.
    fn holds(line: &str, token: &str) -> bool {
        line.match_indices(token).any(|(at, _)| {
            !line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    }

    #[test]
    fn modules_on_the_seam_hold_no_dialect_specific_sql() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
        let mut found = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("store folder").flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !name.ends_with(".rs") || name == "sql.rs" {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("module");
            let specific = text
                .lines()
                // Comments say why, they run nothing.
                .filter(|line| !line.trim_start().starts_with("//"))
                .filter(|line| SPECIFIC.iter().any(|token| holds(line, token)))
                .count();
            let allowed = ON_THE_WAY
                .iter()
                .find(|(module, _)| *module == name)
                .map_or(0, |(_, n)| *n);
            if specific > allowed {
                found.push(format!("{name}: {specific} lines (allowed {allowed})"));
            }
        }
        assert!(found.is_empty(), "dialect-specific SQL: {found:?}");
    }
}

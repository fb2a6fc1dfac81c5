//! The store's SQL on PostgreSQL: the [`Executor`] for a transaction on the
//! shared server.
//!
//! The store writes its parameters as `?1`, `?2` (see [`super::super::sql`]);
//! here they become `$1`, `$2` once per statement, and each prepared
//! statement is kept for the connection's life, as rusqlite's statement
//! cache does for the file. Values cross as the store's own [`Value`]s: an
//! integer is bound as whatever integer type (or flag) the server inferred
//! for the parameter, and a column is read back into the same five kinds the
//! file gives, so one decoder serves both backends.

use crate::store::sql::{Dialect, Executor, Row, SqlError, Value};
use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::Statement;
use std::cell::RefCell;
use std::collections::HashMap;

/// The statements a connection has prepared, by the store's own SQL text.
#[derive(Default)]
pub(crate) struct Statements(RefCell<HashMap<String, Statement>>);

/// One transaction on the server, as the store's modules see it.
pub(crate) struct Session<'c> {
    tx: RefCell<postgres::Transaction<'c>>,
    statements: &'c Statements,
}

impl<'c> Session<'c> {
    pub fn new(tx: postgres::Transaction<'c>, statements: &'c Statements) -> Session<'c> {
        Session {
            tx: RefCell::new(tx),
            statements,
        }
    }

    pub fn commit(self) -> Result<(), SqlError> {
        Ok(self.tx.into_inner().commit()?)
    }

    /// Runs several statements without parameters (a migration).
    pub fn batch(&self, sql: &str) -> Result<(), SqlError> {
        Ok(self.tx.borrow_mut().batch_execute(sql)?)
    }

    fn prepared(&self, sql: &str) -> Result<Statement, SqlError> {
        if let Some(statement) = self.statements.0.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.tx.borrow_mut().prepare(&numbered(sql))?;
        self.statements
            .0
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    fn bound(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
        params.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
    }
}

impl Executor for Session<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>, SqlError> {
        let statement = self.prepared(sql)?;
        let rows = self
            .tx
            .borrow_mut()
            .query(&statement, &Self::bound(params))?;
        rows.iter()
            .map(|row| {
                (0..row.len())
                    .map(|i| row.try_get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Row::from_values)
                    .map_err(SqlError::from)
            })
            .collect()
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64, SqlError> {
        let statement = self.prepared(sql)?;
        Ok(self
            .tx
            .borrow_mut()
            .execute(&statement, &Self::bound(params))?)
    }
}

/// `sql` with the store's `?N` parameters written as PostgreSQL's `$N`.
/// A `?` inside a string literal, a quoted name or a comment is left as it
/// is; a bare `?` without a number stays too, so the server refuses it
/// rather than the store guessing which parameter was meant.
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                // A doubled quote inside is an escaped one: the scan leaves
                // and re-enters the literal, which comes to the same.
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '?' if chars.peek().is_some_and(char::is_ascii_digit) => out.push('$'),
            _ => out.push(c),
        }
    }
    out
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

/// Why a value cannot go where the server wants it.
fn mismatch(value: &Value, ty: &Type) -> BoxError {
    format!("a {} value cannot be bound as {ty}", value.kind()).into()
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match (self, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Integer(n), &Type::INT8) => n.to_sql(ty, out),
            (Value::Integer(n), &Type::INT4) => i32::try_from(*n)?.to_sql(ty, out),
            (Value::Integer(n), &Type::INT2) => i16::try_from(*n)?.to_sql(ty, out),
            (Value::Integer(n), &Type::BOOL) => (*n != 0).to_sql(ty, out),
            (Value::Integer(n), &Type::FLOAT8) => (*n as f64).to_sql(ty, out),
            (Value::Real(x), &Type::FLOAT8) => x.to_sql(ty, out),
            (Value::Real(x), &Type::FLOAT4) => (*x as f32).to_sql(ty, out),
            (Value::Text(text), _) if <&str as ToSql>::accepts(ty) => text.as_str().to_sql(ty, out),
            (Value::Blob(bytes), &Type::BYTEA) => bytes.as_slice().to_sql(ty, out),
            (value, ty) => Err(mismatch(value, ty)),
        }
    }

    fn accepts(_: &Type) -> bool {
        // Which kinds fit which type is decided per value in `to_sql`.
        true
    }

    postgres::types::to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Value, BoxError> {
        Ok(match *ty {
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Integer(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Integer(i16::from_sql(ty, raw)?.into()),
            // Flags read as the file stores them: 0 or 1.
            Type::BOOL => Value::Integer(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::BYTEA => Value::Blob(<Vec<u8>>::from_sql(ty, raw)?),
            _ if <&str as FromSql>::accepts(ty) => Value::Text(String::from_sql(ty, raw)?),
            // A `sum()` or `avg()` is numeric on the server: the store casts
            // it where it reads one, so meeting this is a mistake to fix.
            _ => return Err(format!("a column of type {ty} is not read by the store").into()),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Value, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn numbered_parameters_are_written_for_the_server_outside_literals_and_comments() {
        assert_eq!(
            numbered("SELECT a FROM t WHERE b = ?1 AND c IN (?2, ?12)"),
            "SELECT a FROM t WHERE b = $1 AND c IN ($2, $12)"
        );
        assert_eq!(
            numbered("SELECT '?1', \"?2\", 'it''s ?3' -- ?4\n, ?5"),
            "SELECT '?1', \"?2\", 'it''s ?3' -- ?4\n, $5"
        );
        assert_eq!(numbered("SELECT ? , ?x"), "SELECT ? , ?x");
    }
}

//! Reading rows: the one prepare → query → collect sequence every list read
//! uses (as application-services' `ConnExt`), and the decoders that turn
//! stored text back into dates, instants and domain codes.

use crate::error::{Result, StorageContext};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Params, Row};

/// Queries on a connection or a transaction (which derefs to one).
pub(crate) trait ConnExt {
    /// Every row of `sql`, decoded by `row`; `context` says what was being
    /// read when it fails (never the SQL).
    fn rows<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        context: &'static str,
        row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>>;
}

impl ConnExt for Connection {
    fn rows<T, P: Params>(
        &self,
        sql: &str,
        params: P,
        context: &'static str,
        row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut statement = self.prepare_cached(sql).context(context)?;
        let rows = statement.query_map(params, row).context(context)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().context(context)
    }
}

/// Reads a UTC instant stored as RFC 3339 text.
pub(crate) fn parse_instant(text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
}

pub(crate) fn parse_day(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

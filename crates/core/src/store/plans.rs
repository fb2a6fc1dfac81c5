//! How SQLite runs the queries of a use case (`EXPLAIN QUERY PLAN`), so a
//! test can prove that the list screens' queries use an index instead of
//! reading a large table from end to end.

use super::ConnExt;
use super::Store;
use crate::error::{Result, StorageContext};
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::sync::{Arc, Mutex};

/// One statement a use case ran, and SQLite's plan for it.
#[derive(Debug, Clone)]
pub struct QueryPlan {
    pub sql: String,
    /// The plan's lines, e.g. `SEARCH a USING INDEX actions_by_status (status=?)`.
    pub steps: Vec<String>,
}

impl QueryPlan {
    /// The tables read in full: `SCAN t` without an index, with aliases
    /// (`actions a`) resolved to the table's name.
    pub fn full_scans(&self) -> Vec<String> {
        self.steps
            .iter()
            .filter_map(|step| step.strip_prefix("SCAN "))
            .filter(|rest| !rest.contains(" USING "))
            .map(|rest| {
                let name = rest.split(' ').next().unwrap_or(rest);
                self.table_of(name).to_string()
            })
            .collect()
    }

    /// The table behind `name` in this statement's FROM and JOIN clauses.
    fn table_of<'a>(&'a self, name: &'a str) -> &'a str {
        let words: Vec<&str> = self.sql.split_whitespace().collect();
        words
            .windows(3)
            .find(|w| {
                matches!(w[0].to_ascii_uppercase().as_str(), "FROM" | "JOIN")
                    && w[2].trim_end_matches(',') == name
            })
            .map_or(name, |w| w[1])
    }
}

impl Store {
    /// Runs `use_case` and returns the plan of every distinct read it made.
    /// For tests and benchmarks.
    pub fn query_plans(
        &self,
        use_case: impl FnOnce(&Store) -> Result<()>,
    ) -> Result<Vec<QueryPlan>> {
        let traced = Arc::new(Mutex::new(Vec::<String>::new()));
        let sink = traced.clone();
        self.lock()?
            .trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                Some(move |event: TraceEvent<'_>| {
                    if let TraceEvent::Stmt(statement, sql) = event {
                        // With the values filled in, so it can be explained alone.
                        let text = statement.expanded_sql().unwrap_or_else(|| sql.to_string());
                        if let Ok(mut traced) = sink.lock() {
                            traced.push(text);
                        }
                    }
                }),
            )
            .context("tracing queries")?;
        let outcome = use_case(self);
        self.lock()?
            .trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                None::<fn(TraceEvent<'_>)>,
            )
            .context("tracing queries")?;
        outcome?;
        let mut statements: Vec<String> =
            std::mem::take(&mut *traced.lock().unwrap_or_else(|p| p.into_inner()));
        statements.retain(|sql| {
            let start = sql.trim_start().to_ascii_uppercase();
            start.starts_with("SELECT") || start.starts_with("WITH")
        });
        statements.sort();
        statements.dedup();
        let conn = self.lock()?;
        statements
            .into_iter()
            .map(|sql| {
                let steps = conn.rows(
                    &format!("EXPLAIN QUERY PLAN {sql}"),
                    [],
                    "explaining a query",
                    |row| row.get::<_, String>(3),
                )?;
                Ok(QueryPlan { sql, steps })
            })
            .collect()
    }
}
